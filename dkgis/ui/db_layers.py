"""Database layers follow the map: their tables are read for the visible area, off the GUI
thread.

:class:`DatabaseLayerReader` watches the project's view and its layers. A burst of view
changes (a drag, a wheel zoom) causes one read per visible
:class:`~dkgis.model.db_layer.DatabaseLayer`, :data:`DELAY_MS` after the last change. Each
layer is read in a thread of its own on a connection kept for it, one read at a time:
a view that changes during a read is read right after it. The main thread alone hands
the features to the layer (:meth:`DatabaseLayer.show_view`). A failure (connection lost,
table dropped) is said in the status bar, once per message, and the map keeps what it
showed; the next view tries again with a new connection.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dkgis.labels import format_number
from dkgis.model.db_layer import DatabaseLayer

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Quiet time after the last view change before the layers are read.
DELAY_MS = 150


class _Signals(QObject):
    read = Signal(object, object, object, bool)  # layer, data, extent, truncated
    failed = Signal(object, str)  # layer, message


class DatabaseLayerReader(QObject):
    """Reads the database layers of ``project`` for the visible area.

    Parameters
    ----------
    project
        The project whose database layers are read.
    parent
        The owner (the main window).
    status
        Shows a message to the user (the status bar).
    """

    def __init__(
        self,
        project: Project,
        parent: QObject | None = None,
        status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.status = status or (lambda _message: None)
        self._signals = _Signals(self)
        self._signals.read.connect(self._on_read)
        self._signals.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._running: set[str] = set()
        self._pending: set[str] = set()
        self._connections: dict[str, object] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._said: dict[str, str] = {}
        #: Reads done, for tests and benchmarks.
        self.reads = 0
        project.view.changed.connect(self._on_view_changed)
        project.layers.events.inserted.connect(self._on_inserted)
        project.layers.events.removed.connect(self._on_removed)
        for layer in self.layers():
            layer.events.visible.connect(self._on_visible)

    def layers(self) -> list[DatabaseLayer]:
        """The database layers of the project."""
        return [layer for layer in self.project.layers if isinstance(layer, DatabaseLayer)]

    @property
    def busy(self) -> bool:
        """Whether a read is running or waiting."""
        return bool(self._running or self._pending or self._timer.isActive())

    # -- model events --------------------------------------------------------------------
    def _on_view_changed(self, _extent) -> None:
        if self.layers():
            self._timer.start()

    def _on_inserted(self, _index: int, layer) -> None:
        if isinstance(layer, DatabaseLayer):
            layer.events.visible.connect(self._on_visible)
            self._read(layer)

    def _on_removed(self, _index: int, layer) -> None:
        if isinstance(layer, DatabaseLayer):
            layer.events.visible.disconnect(self._on_visible)
            self._pending.discard(layer.name)
            if layer.name not in self._running:
                self._close(layer.name)

    def _on_visible(self, visible: bool) -> None:
        if visible:
            self._timer.start()

    # -- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read every visible database layer for the current view."""
        for layer in self.layers():
            if layer.visible and layer.extent != self.project.view.extent:
                self._read(layer)

    def _read(self, layer: DatabaseLayer) -> None:
        if layer.name in self._running:
            self._pending.add(layer.name)
            return
        self._running.add(layer.name)
        extent = self.project.view.extent
        thread = threading.Thread(
            target=self._work, args=(layer, extent), name=f"read {layer.title}", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _connection(self, layer: DatabaseLayer):
        from dkgis.io.postgis.layers import open_reader

        with self._lock:
            conn = self._connections.get(layer.name)
        if conn is None or conn.closed:
            conn = open_reader(layer.database)
            with self._lock:
                self._connections[layer.name] = conn
        return conn

    def _work(self, layer: DatabaseLayer, extent) -> None:
        """Read one layer for ``extent`` (worker thread)."""
        import psycopg

        from dkgis.io.errors import DatasetError
        from dkgis.io.postgis.errors import from_driver
        from dkgis.io.postgis.layers import lonlat_box, read_view

        try:
            conn = self._connection(layer)
            data, truncated = read_view(conn, layer.database, layer.table, lonlat_box(extent))
        except psycopg.Error as err:
            self._close(layer.name)
            self._signals.failed.emit(layer, str(from_driver(layer.database, err)))
        except DatasetError as err:
            self._signals.failed.emit(layer, str(err))
        except Exception as err:  # a bug must not kill the app silently
            traceback.print_exc()
            self._signals.failed.emit(layer, layer.database.scrub(f"{type(err).__name__}: {err}"))
        else:
            self._signals.read.emit(layer, data, extent, truncated)

    def _close(self, name: str) -> None:
        with self._lock:
            conn = self._connections.pop(name, None)
        if conn is not None:
            conn.close()

    # -- results (main thread) -------------------------------------------------------------
    def _done(self, layer: DatabaseLayer) -> bool:
        """End a read; return whether the layer is still on the map."""
        self._running.discard(layer.name)
        self.reads += 1
        present = layer in self.project.layers
        if not present:
            self._close(layer.name)
        elif layer.name in self._pending:
            self._pending.discard(layer.name)
            self._read(layer)
        return present

    def _on_read(self, layer: DatabaseLayer, data, extent, truncated: bool) -> None:
        if not self._done(layer):
            return
        self._said.pop(layer.name, None)
        layer.show_view(data, extent, truncated)
        if truncated:
            self.status(
                self.tr(
                    "“{title}”: more than {n} features in this area; the first {n} are shown. "
                    "Zoom in to see them all."
                ).format(title=layer.title, n=format_number(len(data)))
            )

    def _on_failed(self, layer: DatabaseLayer, message: str) -> None:
        if not self._done(layer):
            return
        text = self.tr("“{title}” could not be read: {problem}").format(
            title=layer.title, problem=message
        )
        if self._said.get(layer.name) != text:
            self._said[layer.name] = text
            self.status(text)

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for the reading threads (tests, benchmarks, closing)."""
        for thread in list(self._threads):
            thread.join(timeout)

    def shutdown(self) -> None:
        """Stop following the project and close the connections (the window closes)."""
        self._timer.stop()
        self._pending.clear()
        self.project.view.changed.disconnect(self._on_view_changed)
        self.project.layers.events.inserted.disconnect(self._on_inserted)
        self.project.layers.events.removed.disconnect(self._on_removed)
        self.wait(3.0)
        with self._lock:
            names = list(self._connections)
        for name in names:
            self._close(name)
