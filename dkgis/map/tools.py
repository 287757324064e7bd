"""Map tools: hovering over facilities and selecting them with the mouse.

* :class:`MapViewBox` is the canvas's view box; it lets a tool take over a
  left-button drag (plain drags keep panning).
* :class:`HoverTool` reports the cursor's map position and the facilities
  under it.
* :class:`RectangleSelectTool` selects the facilities in a rectangle dragged
  with Ctrl held, or with any left drag while the select tool is active.
* :func:`apply_click` says what a click (with Shift or Ctrl) does to the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from dkgis.map import style
from dkgis.model.zoom import facilities_in_extent

if TYPE_CHECKING:
    from dkgis.map.canvas import MapCanvas
    from dkgis.model.selection import Selection

#: Modifiers that make a click add or remove one facility instead of replacing the selection.
TOGGLE_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
#: Extra pick distance around a symbol, in pixels (same as the canvas's click).
HOVER_TOLERANCE_PX = 4.0


class MapViewBox(pg.ViewBox):
    """A pyqtgraph view box whose drags can be handled by a tool first.

    ``drag_handler(event)`` is called for every drag event; when it returns
    ``True`` the event is the tool's, otherwise the view box pans as usual.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drag_handler: Callable[[object], bool] | None = None

    def mouseDragEvent(self, ev, axis=None) -> None:
        if self.drag_handler is not None and self.drag_handler(ev):
            return
        super().mouseDragEvent(ev, axis)


def apply_click(
    selection: Selection, facility_id: str | None, modifiers: Qt.KeyboardModifier
) -> None:
    """Change ``selection`` for a click on ``facility_id`` (``None``: empty map).

    A plain click selects the facility alone (or clears the selection on empty
    map); with Shift or Ctrl it toggles the facility and leaves the rest alone.
    """
    toggle = bool(modifiers & TOGGLE_MODIFIERS)
    if facility_id is None:
        if not toggle:
            selection.clear()
    elif toggle:
        selection.toggle(facility_id)
    else:
        selection.set({facility_id})


class HoverTool(QObject):
    """Follows the mouse over the canvas.

    Signals
    -------
    cursor_moved(float, float)
        The cursor's map position (EPSG:3857), on every move over the map.
    cursor_left()
        The cursor left the map.
    facilities_hovered(list, QPoint)
        The ids of the facilities under the cursor, nearest first (empty when
        none), and the cursor's global position; emitted when the list changes.
    """

    cursor_moved = Signal(float, float)
    cursor_left = Signal()
    facilities_hovered = Signal(list, QPoint)

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self._hovered: list[str] = []
        # Every move event of the viewport, not pyqtgraph's rate-limited sigMouseMoved,
        # whose dropped events would leave a stale position when the mouse stops.
        canvas.viewport().installEventFilter(self)

    @property
    def hovered(self) -> list[str]:
        """The facilities under the cursor now, nearest first."""
        return list(self._hovered)

    def facilities_near(self, scene_pos: QPointF) -> list[str]:
        """Ids of the visible facilities drawn under ``scene_pos``, nearest first."""
        item = self.canvas.layers.facility_item
        if item is None or not item.isVisible():
            return []
        viewbox = self.canvas.viewbox
        map_pos = viewbox.mapSceneToView(scene_pos)
        ids, xy = self.canvas.project.facility_mercator_xy()
        if not ids:
            return []
        (x0, x1), _ = viewbox.viewRange()
        units_per_px = (x1 - x0) / max(viewbox.width(), 1.0)
        tolerance = (item.radius + HOVER_TOLERANCE_PX) * units_per_px
        d2 = (xy[:, 0] - map_pos.x()) ** 2 + (xy[:, 1] - map_pos.y()) ** 2
        near = np.flatnonzero(d2 <= tolerance**2)
        near = near[np.argsort(d2[near], kind="stable")]
        return [ids[i] for i in near]

    def _on_mouse_moved(self, widget_pos: QPointF, buttons: Qt.MouseButton) -> None:
        scene_pos = self.canvas.mapToScene(widget_pos.toPoint())
        viewbox = self.canvas.viewbox
        if not viewbox.sceneBoundingRect().contains(scene_pos):
            self._leave()
            return
        map_pos = viewbox.mapSceneToView(scene_pos)
        self.cursor_moved.emit(map_pos.x(), map_pos.y())
        # No tooltips while dragging (panning or drawing a rectangle).
        found = [] if buttons != Qt.MouseButton.NoButton else self.facilities_near(scene_pos)
        if found != self._hovered:
            self._hovered = found
            global_pos = self.canvas.viewport().mapToGlobal(widget_pos.toPoint())
            self.facilities_hovered.emit(found, global_pos)

    def _leave(self) -> None:
        self.cursor_left.emit()
        if self._hovered:
            self._hovered = []
            self.facilities_hovered.emit([], QPoint())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            self._on_mouse_moved(event.position(), event.buttons())
        elif kind == QEvent.Type.Leave:
            self._leave()
        return False


class RectangleSelectTool(QObject):
    """Select the facilities inside a rectangle dragged on the map.

    A left drag with Ctrl held draws the rectangle; while :attr:`active` (the
    "Select" tool of the map toolbar) a plain left drag does too. Holding Shift
    adds to the selection instead of replacing it. The middle button always pans.

    Signals
    -------
    selected(list)
        The ids found by the last rectangle.
    """

    selected = Signal(list)

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.active = False
        self._dragging = False
        self._band = QGraphicsRectItem(canvas.viewbox)
        pen = QPen(QColor(style.SELECTION_COLOUR))
        pen.setWidthF(1.5)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        self._band.setPen(pen)
        fill = QColor(style.SELECTION_COLOUR)
        fill.setAlphaF(0.18)
        self._band.setBrush(QBrush(fill))
        self._band.setZValue(1e9)
        self._band.hide()
        canvas.viewbox.drag_handler = self.handle_drag

    def set_active(self, active: bool) -> None:
        """Make plain left drags select (``True``) or pan (``False``)."""
        self.active = active
        cursor = Qt.CursorShape.CrossCursor if active else Qt.CursorShape.ArrowCursor
        self.canvas.viewport().setCursor(cursor)

    def handle_drag(self, ev) -> bool:
        """Handle a pyqtgraph drag event; ``True`` if it drew a rectangle."""
        if ev.button() != Qt.MouseButton.LeftButton:
            return False
        if ev.isStart():
            ctrl = bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._dragging = self.active or ctrl
        if not self._dragging:
            return False
        ev.accept()
        start, now = ev.buttonDownPos(), ev.pos()
        rect = QRectF(start, now).normalized()
        if ev.isFinish():
            self._dragging = False
            self._band.hide()
            self._select(rect, ev.modifiers())
        else:
            self._band.setRect(rect)
            self._band.show()
        return True

    def _select(self, rect: QRectF, modifiers: Qt.KeyboardModifier) -> None:
        item = self.canvas.layers.facility_item
        if item is None or not item.isVisible():
            return
        viewbox = self.canvas.viewbox
        a = viewbox.mapToView(rect.topLeft())
        b = viewbox.mapToView(rect.bottomRight())
        found = facilities_in_extent(self.canvas.project, (a.x(), a.y(), b.x(), b.y()))
        selection = self.canvas.project.selection
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            selection.add(found)
        else:
            selection.set(found)
        self.selected.emit(found)
