"""The interactive map canvas: pan by dragging, zoom with the wheel or +/- keys,
click a facility to select it (Shift or Ctrl: add/remove it), Ctrl+drag a
rectangle to select the facilities in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QPixmapCache

from dkgis.map import style
from dkgis.map.basemap import Basemap
from dkgis.map.decorations import DecorationOptions
from dkgis.map.scene import MapLayers
from dkgis.map.tools import HoverTool, MapViewBox, RectangleSelectTool, apply_click

if TYPE_CHECKING:
    from dkgis.map.screen_frame import ScreenFrame
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Zoom factor of one +/- key press.
KEY_ZOOM = 0.8
#: How far from a facility a click still selects it, in pixels.
PICK_TOLERANCE_PX = 8.0
#: Qt's pixmap cache, in kilobytes, holds the cached pictures of the symbol layers (one
#: screen-sized picture each: 8 MB on a 1920 x 1080 map, 33 MB in 4K). Qt's default of
#: 10 MB keeps one at most: a pan then redrew every symbol layer (with the sector and
#: emission layers on a 1920 x 1080 map: 78 ms a pan frame instead of 22 ms).
PIXMAP_CACHE_KB = 160 * 1024


def make_viewbox() -> pg.ViewBox:
    """A view box for maps: y up, equal scales on both axes, no context menu."""
    viewbox = MapViewBox(lockAspect=1.0, enableMenu=False, invertY=False)
    viewbox.setBackgroundColor(style.SEA)
    return viewbox


class MapCanvas(pg.GraphicsView):
    """Map widget showing a project's layers, in EPSG:3857, as the screen's frame says.

    Parameters
    ----------
    project
        The project shown.
    screen
        The screen's map frame (year, scenario, layers, sectors, selection): the items
        are restyled when it changes.

    Signals
    -------
    first_frame_painted
        Emitted once, after the first paint of the map.
    """

    first_frame_painted = Signal()

    def __init__(self, project: Project, screen: ScreenFrame, parent=None) -> None:
        super().__init__(parent, background=None)
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
        self.setObjectName("mapCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self.project = project
        self.screen_frame = screen
        self.viewbox = make_viewbox()
        self.setCentralItem(self.viewbox)
        self.layers = MapLayers(
            project,
            self.viewbox.childGroup,
            DecorationOptions(attribution_lines=2, legend_sizes_only=True),
            screen.frame,
            overlay=self.viewbox,
            device_cache=True,
        )
        screen.changed.connect(self._on_frame_changed)
        #: The basemap: offline vector (default) or web tiles under the layers.
        self.basemap = Basemap(self.viewbox, self.layers)
        self._painted = False
        self._syncing = False
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.viewbox.sigRangeChanged.connect(self._on_range_changed)
        self.viewbox.sigResized.connect(self._on_range_changed)
        project.view.changed.connect(self._on_view_changed)
        self.set_extent(project.view.extent or project.cluster_extent())
        self.hover_tool = HoverTool(self)
        self.select_tool = RectangleSelectTool(self)

    def _on_frame_changed(self, frame: MapFrame) -> None:
        self.layers.set_frame(frame)

    # -- view --------------------------------------------------------------------------
    def set_extent(self, extent: tuple[float, float, float, float]) -> None:
        """Show ``extent`` (EPSG:3857 xmin, ymin, xmax, ymax), fitted to the widget."""
        xmin, ymin, xmax, ymax = extent
        self.viewbox.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)

    def extent(self) -> tuple[float, float, float, float]:
        """The extent shown now (EPSG:3857)."""
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        return (x0, y0, x1, y1)

    def zoom_full(self) -> None:
        """Show the whole cluster."""
        self.set_extent(self.project.cluster_extent())

    def zoom_by(self, factor: float) -> None:
        """Zoom around the centre; ``factor`` < 1 zooms in."""
        self.viewbox.scaleBy((factor, factor))

    def _on_range_changed(self, *args) -> None:
        size = self.viewbox.size()
        self.layers.set_view(self.extent(), size.width(), size.height())
        if self._syncing:
            return
        self._syncing = True
        try:
            self.project.view.set_extent(self.extent())
        finally:
            self._syncing = False

    def _on_view_changed(self, extent) -> None:
        if self._syncing or extent is None:
            return
        self._syncing = True
        try:
            self.set_extent(extent)
        finally:
            self._syncing = False
        # The widget's shape may widen the requested extent: the model keeps what is shown.
        shown = self.extent()
        if any(abs(a - b) > 1e-6 for a, b in zip(shown, extent, strict=True)):
            self.project.view.set_extent(shown)

    # -- interaction -------------------------------------------------------------------
    def facility_at(self, view_pos: QPointF) -> str | None:
        """The id of the facility under a point of the widget, if any."""
        scene_pos = self.mapToScene(view_pos.toPoint())
        return self._facility_at_scene(scene_pos)

    def _facility_at_scene(self, scene_pos) -> str | None:
        """The facility symbol under a scene point, else the emission circle under it."""
        map_pos = self.viewbox.mapSceneToView(scene_pos)
        (x0, x1), _ = self.viewbox.viewRange()
        units_per_px = (x1 - x0) / max(self.viewbox.width(), 1.0)
        item = self.layers.facility_item
        if item is not None and item.isVisible():
            tolerance = (item.radius + PICK_TOLERANCE_PX / 2) * units_per_px
            found = item.facility_at(map_pos.x(), map_pos.y(), tolerance)
            if found is not None:
                return found
        circles = self.layers.emission_item
        if circles is not None and circles.isVisible():
            tolerance = PICK_TOLERANCE_PX / 2 * units_per_px
            return circles.facility_at(map_pos.x(), map_pos.y(), tolerance)
        return None

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        fid = self._facility_at_scene(event.scenePos())
        apply_click(self.project.selection, fid, event.modifiers())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(KEY_ZOOM)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / KEY_ZOOM)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_frame_painted.emit()
