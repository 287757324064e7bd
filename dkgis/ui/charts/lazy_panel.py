"""A chart panel that computes only when it can be seen."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


class LazyPanel(QWidget):
    """Base of the chart panels: a redraw requested while the panel is out of view
    (hidden, or under another dock tab) waits until it comes back.

    Subclasses implement :meth:`redraw` (which clears ``_dirty``) and call
    :meth:`_request_redraw` when their data change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = True

    def redraw(self) -> None:  # pragma: no cover - always overridden
        raise NotImplementedError

    def _request_redraw(self, *_args) -> None:
        if self.on_screen():
            self.redraw()
        else:
            self._dirty = True

    def on_screen(self) -> bool:
        """Whether the panel can be seen (tabbed docks out of view are "visible" to Qt)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def on_dock_visibility(self, visible: bool) -> None:
        """Redraw if needed when the dock comes into view (connect ``visibilityChanged``)."""
        if visible and self._dirty:
            QTimer.singleShot(0, self, self._redraw_if_shown)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            # After the event: a dock under another tab is shown for an instant while the
            # window lays itself out, and must not compute anything then.
            QTimer.singleShot(0, self, self._redraw_if_shown)

    def _redraw_if_shown(self) -> None:
        if self._dirty and self.on_screen():
            self.redraw()
