"""Read a user file in a worker thread, with progress and cancel.

The worker reads the file and builds a :class:`~dkgis.model.user_layer.UserLayer`
that belongs to no project yet (projection and geometry splitting included),
and hands it to the main thread, which alone adds it to the project.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dkgis.io.errors import DatasetError
from dkgis.io.readers import ReadCancelled, ReadOptions, read_file, unexpected_error
from dkgis.io.readers.base import paused_gc
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


class LoadSignals(QObject):
    """Signals of a :class:`LoadTask`, delivered in the main thread.

    Signals
    -------
    progress(float)
        Fraction done, 0 to 1.
    loaded(object)
        The :class:`UserLayer`, ready to be added.
    failed(object)
        A :class:`DatasetError` (including ``CrsRequired`` and ``ColumnsRequired``).
    cancelled()
        The user cancelled; nothing was loaded.
    """

    progress = Signal(float)
    loaded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class LoadTask:
    """Read ``path`` with ``options`` into a layer called ``name`` drawn in ``style``.

    Start it with :meth:`start`: each load runs in a new thread. Not a pooled
    thread: pyproj crashes (segmentation fault in ``proj_create``) when a
    ``QThreadPool`` thread runs a second task that creates a CRS, even with
    PySide6 6.11 (reproduced with two runnables that each call
    ``pyproj.CRS("EPSG:4326")``).
    """

    def __init__(self, path: Path, options: ReadOptions, name: str, style: UserStyle) -> None:
        self.path = Path(path)
        self.options = options
        self.name = name
        self.style = style
        self.signals = LoadSignals()
        self._cancel = threading.Event()
        self._last = -1.0

    def start(self) -> None:
        """Run :meth:`run` in a new daemon thread (it never blocks closing the app)."""
        self._thread = threading.Thread(target=self.run, name=f"load {self.path.name}", daemon=True)
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
        if self._cancel.is_set():
            raise ReadCancelled
        if fraction - self._last >= 0.01 or fraction >= 1.0:
            self._last = fraction
            self.signals.progress.emit(fraction)

    def _read_progress(self, fraction: float) -> None:
        # Reading is most of the work; building the layer (projection) the rest.
        self._progress(READ_SHARE * fraction)

    def run(self) -> None:
        """Read the file (in a worker thread) and emit one of the result signals."""
        try:
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
        except ReadCancelled:
            self.signals.cancelled.emit()
        except DatasetError as err:
            self.signals.failed.emit(err)
        except MemoryError as err:
            self.signals.failed.emit(unexpected_error(self.path, err))
        except Exception as err:  # a reader bug must not kill the app silently
            traceback.print_exc()
            self.signals.failed.emit(unexpected_error(self.path, err))
        else:
            self.signals.loaded.emit(layer)
