"""Canvas items, one class per layer kind, drawn in EPSG:3857 map units.

Each item is a plain ``QGraphicsObject`` that paints itself with a ``QPainter``
whose transform maps map metres to device pixels, so the same item draws on the
screen (inside the canvas's pyqtgraph view box), into a ``QImage`` or into any
other paint device, and the offscreen renderer needs no pyqtgraph at all. Pixel
sizes (line widths, symbol radii) are multiplied by ``render_scale`` so that an
export at 300 dpi looks like the screen at 96 dpi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsObject

from dkgis.map import style
from dkgis.map.paths import geometry_path
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

PLANNED_STATUSES = frozenset({"announced", "under_construction", "suspended"})
ENDED_STATUSES = frozenset({"closed", "cancelled"})


def cosmetic_pen(colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    """A pen whose width is in device pixels whatever the zoom."""
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if dash:
        pen.setDashPattern(list(dash))
    return pen


class LayerItem(QGraphicsObject):
    """Base class of the canvas items: follows the layer's visibility and opacity."""

    #: Layer kinds this class draws; filled by subclasses for the registry.
    kinds: ClassVar[tuple[str, ...]] = ()

    def __init__(self, layer: Layer, project: Project) -> None:
        super().__init__()
        self.layer = layer
        self.project = project
        self.render_scale = 1.0
        #: Map units per device pixel of the current view (set by the host view).
        self.units_per_pixel = 1.0
        self.setVisible(layer.visible)
        self.setOpacity(layer.opacity)
        layer.events.visible.connect(self._on_layer_visible)
        layer.events.opacity.connect(self._on_layer_opacity)

    def disconnect_model(self) -> None:
        """Stop following the layer (called before the item is discarded)."""
        self.layer.events.visible.disconnect(self._on_layer_visible)
        self.layer.events.opacity.disconnect(self._on_layer_opacity)

    def _on_layer_visible(self, visible: bool) -> None:
        self.setVisible(visible)

    def _on_layer_opacity(self, opacity: float) -> None:
        self.setOpacity(opacity)

    def set_render_scale(self, scale: float) -> None:
        """Multiply every pixel size (widths, radii) by ``scale``."""
        self.prepareGeometryChange()
        self.render_scale = scale
        self.update()

    def set_units_per_pixel(self, units: float) -> None:
        """Tell the item the view's zoom (map units per device pixel)."""
        if units != self.units_per_pixel:
            self.prepareGeometryChange()
            self.units_per_pixel = units


class PathLayerItem(LayerItem):
    """Polygons and lines drawn from pre-built painter paths, one per style class."""

    kinds = ("land", "communes", "coastline", "infrastructure")

    def __init__(self, layer: Layer, project: Project) -> None:
        super().__init__(layer, project)
        self._groups: list[tuple] = []  # (path, (colour, width) | None, brush | None, dash)
        self._points: list[tuple[np.ndarray, str]] = []
        geoms = layer.mercator_geometry()
        self._build(geoms)
        xmin, ymin, xmax, ymax = layer.bounds_mercator()
        self._bounds = QRectF(xmin, ymin, xmax - xmin, ymax - ymin)
        #: Whether web tiles are drawn underneath (see ``set_over_web_basemap``).
        self.over_web_basemap = False

    def set_over_web_basemap(self, on: bool) -> None:
        """Draw for web tiles underneath: no land, no fills, only commune outlines."""
        if on != self.over_web_basemap:
            self.over_web_basemap = on
            self.update()

    def _build(self, geoms: np.ndarray) -> None:
        kind = self.layer.kind
        if kind == "land":
            self._add(geoms, style.LAND)
        elif kind == "communes":
            in_cud = np.asarray(self.layer.data.columns["in_cud"], dtype=bool)
            self._add(geoms[~in_cud], style.COMMUNE_OTHER)
            self._add(geoms[in_cud], style.COMMUNE_CUD)
        elif kind == "coastline":
            self._add(geoms, style.COASTLINE)
        elif kind == "infrastructure":
            kinds = np.asarray(self.layer.data.columns["kind"], dtype=object)
            is_point = shapely.get_type_id(geoms) == 0
            for infra_kind, line_style in style.INFRASTRUCTURE.items():
                self._add(geoms[(kinds == infra_kind) & ~is_point], line_style)
            if is_point.any():
                xy = shapely.get_coordinates(geoms[is_point])
                self._points.append((xy, sector_colour("gas_lng")))

    def _add(self, geoms: np.ndarray, item_style: style.FillStyle | style.LineStyle) -> None:
        if len(geoms) == 0:
            return
        path = geometry_path(geoms)
        if isinstance(item_style, style.FillStyle):
            path.setFillRule(Qt.FillRule.OddEvenFill)
            self._groups.append((path, None, QBrush(QColor(item_style.fill)), ()))
            self._groups.append((path, (item_style.outline, item_style.width), None, ()))
        else:
            self._groups.append(
                (path, (item_style.colour, item_style.width), None, item_style.dash)
            )

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, *args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.over_web_basemap and self.layer.kind in ("land", "communes"):
            self._paint_over_tiles(painter)
            return
        for path, pen_spec, brush, dash in self._groups:
            if brush is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(brush)
            else:
                colour, width = pen_spec
                painter.setPen(cosmetic_pen(colour, width * self.render_scale, dash))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        if self._points:
            _draw_point_symbols(
                painter,
                self._points,
                style.INFRASTRUCTURE_POINT_RADIUS * self.render_scale,
                square=True,
                scale=self.render_scale,
            )

    def _paint_over_tiles(self, painter: QPainter) -> None:
        # The land polygon would only repeat the tiles' coastline; commune
        # outlines stay, in a colour that reads on the tiles.
        if self.layer.kind != "communes":
            return
        line = style.COMMUNE_OVER_TILES
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(cosmetic_pen(line.colour, line.width * self.render_scale))
        for path, pen_spec, _, _ in self._groups:
            if pen_spec is not None:
                painter.drawPath(path)


def _device_xy(painter: QPainter, xy: np.ndarray) -> np.ndarray:
    """Map (n, 2) map coordinates to device pixels with the painter's transform."""
    t = painter.transform()
    x = t.m11() * xy[:, 0] + t.m21() * xy[:, 1] + t.dx()
    y = t.m12() * xy[:, 0] + t.m22() * xy[:, 1] + t.dy()
    return np.column_stack([x, y])


def _draw_point_symbols(
    painter: QPainter,
    groups: list[tuple[np.ndarray, str]],
    radius: float,
    *,
    square: bool = False,
    scale: float = 1.0,
) -> None:
    """Draw fixed-size symbols, in device pixels, for groups of same-colour points."""
    painter.save()
    transformed = [(_device_xy(painter, xy), colour) for xy, colour in groups]
    painter.resetTransform()
    painter.setPen(cosmetic_pen(style.FACILITY_OUTLINE, style.FACILITY_OUTLINE_WIDTH * scale))
    for dev, colour in transformed:
        painter.setBrush(QColor(colour))
        for x, y in dev:
            if square:
                painter.drawRect(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
            else:
                painter.drawEllipse(QPointF(x, y), radius, radius)
    painter.restore()


class FacilityItem(LayerItem):
    """Facilities as fixed-size circles coloured by sector.

    Operating sites are filled; sites not built yet (announced, under
    construction, suspended) are drawn as a thick ring of the sector colour;
    closed or cancelled sites are faded. Selected sites get a highlight ring.
    """

    kinds = ("facilities",)

    def __init__(self, layer: Layer, project: Project) -> None:
        super().__init__(layer, project)
        self.ids, self.xy = project.facility_mercator_xy()
        facilities = [project.facilities[i] for i in self.ids]
        self.colours = [sector_colour(f.sector) for f in facilities]
        self.statuses = [f.status for f in facilities]
        self._index = {fid: i for i, fid in enumerate(self.ids)}
        if len(self.xy):
            xmin, ymin = self.xy.min(axis=0)
            xmax, ymax = self.xy.max(axis=0)
        else:
            xmin = ymin = xmax = ymax = 0.0
        self._data_bounds = QRectF(xmin, ymin, max(xmax - xmin, 1.0), max(ymax - ymin, 1.0))
        project.selection.changed.connect(self._on_selection_changed)

    def disconnect_model(self) -> None:
        super().disconnect_model()
        self.project.selection.changed.disconnect(self._on_selection_changed)

    def _on_selection_changed(self, ids: frozenset[str]) -> None:
        self.update()

    @property
    def radius(self) -> float:
        """Symbol radius in device pixels."""
        return style.FACILITY_RADIUS * self.render_scale

    def boundingRect(self) -> QRectF:
        # Symbols are fixed in pixels, so the padding in map units follows the zoom.
        pad = (self.radius + (style.SELECTION_RING + 4) * self.render_scale) * self.units_per_pixel
        return self._data_bounds.adjusted(-pad, -pad, pad, pad)

    def paint(self, painter: QPainter, *args) -> None:
        if not len(self.xy):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        dev = _device_xy(painter, self.xy)
        painter.resetTransform()
        r = self.radius
        scale = self.render_scale
        outline = cosmetic_pen(style.FACILITY_OUTLINE, style.FACILITY_OUTLINE_WIDTH * scale)
        selected = self.project.selection.ids
        # Ended sites first, then planned, then operating, so active sites stay on top.
        order = sorted(
            range(len(self.ids)),
            key=lambda i: (
                0
                if self.statuses[i] in ENDED_STATUSES
                else 1
                if self.statuses[i] in PLANNED_STATUSES
                else 2
            ),
        )
        for i in order:
            x, y = dev[i]
            colour = QColor(self.colours[i])
            status = self.statuses[i]
            if status in PLANNED_STATUSES:
                painter.setBrush(QColor("#ffffff"))
                painter.setPen(outline)
                painter.drawEllipse(QPointF(x, y), r, r)
                ring = cosmetic_pen(self.colours[i], style.PLANNED_RING_WIDTH * scale)
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inner = r - style.PLANNED_RING_WIDTH * scale / 2
                painter.drawEllipse(QPointF(x, y), inner, inner)
            else:
                if status in ENDED_STATUSES:
                    colour.setAlphaF(style.CLOSED_ALPHA)
                painter.setBrush(colour)
                painter.setPen(outline)
                painter.drawEllipse(QPointF(x, y), r, r)
        if selected:
            ring = cosmetic_pen(style.SELECTION_COLOUR, style.SELECTION_RING * scale)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for fid in selected:
                i = self._index.get(fid)
                if i is not None:
                    x, y = dev[i]
                    painter.drawEllipse(QPointF(x, y), r + 3 * scale, r + 3 * scale)
        painter.restore()

    def facility_at(self, x: float, y: float, tolerance: float) -> str | None:
        """Return the id of the facility nearest to map point (x, y) within
        ``tolerance`` map units, or ``None``."""
        if not len(self.xy):
            return None
        d2 = (self.xy[:, 0] - x) ** 2 + (self.xy[:, 1] - y) ** 2
        i = int(np.argmin(d2))
        return self.ids[i] if d2[i] <= tolerance**2 else None


#: Layer kind -> canvas item class.
ITEM_TYPES: dict[str, type[LayerItem]] = {
    kind: cls for cls in (PathLayerItem, FacilityItem) for kind in cls.kinds
}


def item_for_layer(layer: Layer, project: Project) -> LayerItem:
    """Create the canvas item that draws ``layer``."""
    try:
        cls = ITEM_TYPES[layer.kind]
    except KeyError:
        raise ValueError(f"no canvas item for layer kind {layer.kind!r}") from None
    return cls(layer, project)
