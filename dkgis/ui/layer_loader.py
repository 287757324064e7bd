"""Look at and read a user file in worker threads, with progress and cancel.

An :class:`InspectTask` takes the quick look at a file (kind, layers, CRS, CSV
layout); a :class:`LoadTask` reads it and builds a
:class:`~dkgis.model.user_layer.UserLayer` that belongs to no project yet
(projection and geometry splitting included). Both hand their result to the main
thread, which alone asks the user questions and adds the layer to the project.

The readers are imported by the tasks, in their threads: the first file of a session
does not make the window wait for them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import sys
import threading
import traceback
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from dkgis.io.errors import DatasetError

if TYPE_CHECKING:
    from dkgis.io.readers import FileInfo, ReadOptions
    from dkgis.model.user_layer import UserLayer, UserStyle

#: Part of the progress bar given to reading the file (the rest: building the layer).
READ_SHARE = 0.85


def return_freed_memory() -> None:
    """Give the memory a big read freed back to the system.

    Reading a file in chunks leaves the C library's heap full of freed blocks, which
    glibc keeps: the process would show twice the memory the layer holds. Elsewhere
    (Windows, macOS) freed memory goes back by itself: nothing to do.
    """
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        return
    if trim is not None:
        trim(0)


def to_oldest_generation() -> None:
    """Move every object the cyclic garbage collector tracks to its oldest generation,
    without walking them.

    A layer's attribute columns are lists of a value per row: the first collections
    after a read would walk each of their millions of items (about 8 ms per million,
    holding Python's lock). In the oldest generation, only the rare full collections
    walk them.
    """
    gc.freeze()
    gc.unfreeze()


class TaskSignals(QObject):
    """Signals of a :class:`FileTask`, delivered in the main thread (queued: the task's
    thread emits them, the main thread runs the slots).

    Signals
    -------
    progress(float)
        Fraction done, 0 to 1.
    done(object)
        The result: a :class:`~dkgis.io.readers.FileInfo` for an :class:`InspectTask`,
        a :class:`UserLayer` ready to be added for a :class:`LoadTask`.
    failed(object)
        A :class:`DatasetError` (including ``CrsRequired`` and ``ColumnsRequired``).
    cancelled()
        The user cancelled; nothing was loaded.
    """

    progress = Signal(float)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class FileTask(ABC):
    """Work on the user file ``path`` in a thread of its own: subclasses say what in
    :meth:`work`, whose result :attr:`signals` hands to the main thread.

    Start it with :meth:`start`: each task runs in a new thread. Not a pooled
    thread: pyproj crashes (segmentation fault in ``proj_create``) when a
    ``QThreadPool`` thread runs a second task that creates a CRS, even with
    PySide6 6.11 (reproduced with two runnables that each call
    ``pyproj.CRS("EPSG:4326")``).
    """

    #: What the task does, in its thread's name.
    action: str
    #: Whether :meth:`work` stops soon after :meth:`cancel` (at its next progress report).
    stops_when_cancelled = True

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self._last = -1.0

    def start(self) -> None:
        """Run :meth:`run` in a new daemon thread (it never blocks closing the app)."""
        self._thread = threading.Thread(
            target=self.run, name=f"{self.action} {self.path.name}", daemon=True
        )
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end; return whether it has."""
        thread = getattr(self, "_thread", None)
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def cancel(self) -> None:
        """Ask the worker to stop at its next progress report (thread-safe)."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancel.is_set()

    def _progress(self, fraction: float) -> None:
        from dkgis.io.readers import ReadCancelled

        if self._cancel.is_set():
            raise ReadCancelled
        if fraction - self._last >= 0.01 or fraction >= 1.0:
            self._last = fraction
            self._emit(self.signals.progress, fraction)

    @staticmethod
    def _emit(signal: SignalInstance, *args: object) -> None:
        # RuntimeError: the signals' object is gone, the app is quitting.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    @abstractmethod
    def work(self) -> object:
        """The work itself, in the task's thread; its result goes to ``signals.done``.

        Raises
        ------
        DatasetError
            When the file cannot be read.
        ReadCancelled
            When the user cancelled (raised by the progress reports).
        """

    def run(self) -> None:
        """Do :meth:`work` (in the task's thread) and emit one of the result signals."""
        from dkgis.io.readers import ReadCancelled, unexpected_error

        signals = self.signals
        try:
            result = self.work()
            if self._cancel.is_set():
                raise ReadCancelled
        except ReadCancelled:
            self._emit(signals.cancelled)
        except DatasetError as err:
            self._emit(signals.failed, err)
        except MemoryError as err:
            self._emit(signals.failed, unexpected_error(self.path, err))
        except Exception as err:  # a reader bug must not kill the app silently
            traceback.print_exc()
            self._emit(signals.failed, unexpected_error(self.path, err))
        else:
            self._emit(signals.done, result)


class InspectTask(FileTask):
    """The quick look at ``path`` (:func:`~dkgis.io.readers.inspect_file`): its kind,
    layers, CRS and CSV layout.

    It cannot be stopped midway: once cancelled, it is given up, and its result dropped.
    """

    action = "inspect"
    stops_when_cancelled = False

    def work(self) -> FileInfo:
        """Look at the file."""
        from dkgis.io.readers import inspect_file

        return inspect_file(self.path)


class LoadTask(FileTask):
    """Read ``path`` with ``options`` into a layer called ``name`` drawn in ``style``."""

    action = "load"

    def __init__(self, path: Path, options: ReadOptions, name: str, style: UserStyle) -> None:
        super().__init__(path)
        self.options = options
        self.name = name
        self.style = style

    def _read_progress(self, fraction: float) -> None:
        # Reading is most of the work; building the layer (projection) the rest.
        self._progress(READ_SHARE * fraction)

    def work(self) -> UserLayer:
        """Read the file and build the layer (projection and index included)."""
        from dkgis.io.readers import read_file
        from dkgis.io.readers.base import paused_gc
        from dkgis.model.user_layer import UserLayer

        # A collection of the program's objects, which a read's many new objects
        # would start, holds Python's lock for tens of milliseconds: the window could
        # not answer meanwhile. What a read creates holds no cycles.
        with paused_gc():
            data = read_file(self.path, self.options, progress=self._read_progress)
            layer = UserLayer.from_user_data(data, self.name, self.style)
            del data  # the layer holds what it keeps
            self._progress(READ_SHARE)
            layer.prepare()
            to_oldest_generation()
        return_freed_memory()
        self._progress(1.0)
        return layer
