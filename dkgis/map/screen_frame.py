"""The screen's map frame: the :class:`~dkgis.model.frame.MapFrame` the window shows.

It follows the project's screen state (``project.display``, the active scenario, the
visible layers, the selection and the view) and says once when a burst of changes is
over: loading a project file changes the scenarios, the year, the sectors and the
selection, and the map, its legend, the table and the captions then restyle once.
Reading :attr:`ScreenFrame.frame` always gives the up-to-date value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dkgis.model.frame import MapFrame, frame_of

if TYPE_CHECKING:
    from dkgis.model.project import Project


class ScreenFrame(QObject):
    """The frame of the screen, rebuilt from the project when it changes.

    Parameters
    ----------
    project
        The project shown (only read).

    Signals
    -------
    changed(MapFrame)
        The frame changed (once per burst of model events, after the event loop
        turns): the new frame.
    """

    changed = Signal(object)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._frame = frame_of(project)
        self._announced = self._frame
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self._sources = [
            project.display.events.year,
            project.display.events.hidden_sectors,
            project.display.events.labels,
            project.display.events.circle_size,
            project.scenarios.changed,
            project.layers.events.inserted,
            project.layers.events.removed,
            project.layers.events.moved,
            project.layers.events.reordered,
            project.layers.events.child_event,
            project.selection.changed,
            project.view.changed,
        ]
        for signal in self._sources:
            signal.connect(self._on_model_changed)

    @property
    def frame(self) -> MapFrame:
        """What the screen shows now."""
        if self._stale:
            self._frame = frame_of(self.project)
            self._stale = False
        return self._frame

    def _on_model_changed(self, *args) -> None:
        self._stale = True
        self._timer.start()

    def flush(self) -> None:
        """Emit :attr:`changed` now if the frame changed since it was last emitted."""
        self._timer.stop()
        frame = self.frame
        if frame != self._announced:
            self._announced = frame
            self.changed.emit(frame)

    def disconnect_model(self) -> None:
        """Stop following the project."""
        self._timer.stop()
        for signal in self._sources:
            signal.disconnect(self._on_model_changed)
