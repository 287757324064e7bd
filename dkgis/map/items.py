"""Canvas items, one class per layer kind, drawn in EPSG:3857 map units.

Each item is a plain ``QGraphicsObject`` that paints itself with a ``QPainter``
whose transform maps map metres to device pixels, so the same item draws on the
screen (inside the canvas's pyqtgraph view box), into a ``QImage`` or into any
other paint device, and the offscreen renderer needs no pyqtgraph at all. Pixel
sizes (line widths, symbol radii) are multiplied by ``render_scale`` so that an
export at 300 dpi looks like the screen at 96 dpi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from dkgis.io.geometry_column import GeometryColumn
from dkgis.map import style
from dkgis.map.emission_item import EmissionItem
from dkgis.map.facility_item import FacilityItem
from dkgis.map.layer_item import LayerItem, cosmetic_pen
from dkgis.map.paths import dash_segments, draw_lines, geometry_path
from dkgis.model.land import coast_of, land_around
from dkgis.symbology.facility_style import ENDED_STATUSES, PLANNED_STATUSES
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

__all__ = [
    "ENDED_STATUSES",
    "ITEM_TYPES",
    "PLANNED_STATUSES",
    "EmissionItem",
    "FacilityItem",
    "LayerItem",
    "PathLayerItem",
    "cosmetic_pen",
    "item_for_layer",
]


#: How far the land is drawn past the land layer's box, in metres (EPSG:3857): beyond
#: any view of the cluster.
LAND_MARGIN_M = 500_000.0


class PathLayerItem(LayerItem):
    """Polygons and lines drawn from pre-built painter paths, one per style class."""

    kinds = ("land", "communes", "coastline", "infrastructure")

    def __init__(self, layer: Layer, project: Project, frame: MapFrame) -> None:
        super().__init__(layer, project, frame)
        self._groups: list[tuple] = []  # (path, (colour, width) | None, brush | None, dash)
        self._points: list[tuple[np.ndarray, str]] = []
        #: The polylines (map coordinates, ring offsets) of the dashed groups, by index.
        self._dashed: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        #: Bounds of the land drawn past the layer's box (land layers only).
        self._extended: tuple[float, float, float, float] | None = None
        geoms = layer.mercator_geometry()
        self._build(geoms)
        xmin, ymin, xmax, ymax = self._extended or layer.bounds_mercator()
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
            # The land goes on past the layer's box, so that a view reaching beyond it
            # shows no false sea; the outline drawn is the layer's own coast.
            around = land_around(geoms, LAND_MARGIN_M)
            if around is not None:
                path = geometry_path(np.array([around], dtype=object))
                path.setFillRule(Qt.FillRule.OddEvenFill)
                self._groups.append((path, None, QBrush(QColor(style.LAND.fill)), ()))
                self._extended = around.bounds
            coast = coast_of(geoms)
            if coast is not None and not coast.is_empty:
                outline = (style.LAND.outline, style.LAND.width)
                path = geometry_path(np.array([coast], dtype=object))
                self._groups.append((path, outline, None, ()))
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
            if item_style.dash:
                lines = GeometryColumn.from_shapely(np.asarray(geoms, dtype=object)).lines
                self._dashed[len(self._groups)] = (lines.coords, lines.ring_offsets)
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
        # Shapes only in SVG and PDF. In pictures, when nothing shows through, a fill's
        # edge under the outline drawn next needs no antialiasing (most of the cost of
        # filling), and dashes are drawn as plain segments (a dashed stroke costs several
        # times more; seen through, their overlaps at corners would show).
        opaque = not self.vector and painter.opacity() >= 1.0
        for index, (path, pen_spec, brush, dash) in enumerate(self._groups):
            if brush is not None:
                outlined = index + 1 < len(self._groups) and self._groups[index + 1][1]
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, not (opaque and outlined))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(brush)
                painter.drawPath(path)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                continue
            colour, width = pen_spec
            pen = self.map_pen(colour, width * self.render_scale, dash, painter=painter)
            lines = self._dashed.get(index)
            if lines is not None and opaque and len(pen.dashPattern()) == 2:
                _draw_dashes(painter, pen, lines)
                continue
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        if self._points:
            _draw_point_symbols(
                painter,
                self._points,
                style.INFRASTRUCTURE_POINT_RADIUS * self.render_scale,
                square=True,
                scale=self.render_scale,
                vector=self.vector,
            )

    def _paint_over_tiles(self, painter: QPainter) -> None:
        # The land polygon would only repeat the tiles' coastline; commune
        # outlines stay, in a colour that reads on the tiles.
        if self.layer.kind != "communes":
            return
        line = style.COMMUNE_OVER_TILES
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.map_pen(line.colour, line.width * self.render_scale, painter=painter))
        for path, pen_spec, _, _ in self._groups:
            if pen_spec is not None:
                painter.drawPath(path)


def _draw_dashes(painter: QPainter, pen: QPen, lines: tuple[np.ndarray, np.ndarray]) -> None:
    """Draw the polylines ``lines`` (map coordinates, ring offsets) in the dashed ``pen``
    (cosmetic: its width and dashes in physical pixels) as plain segments."""
    coords, offsets = lines
    unit = pen.widthF() / (painter.device().devicePixelRatioF() or 1.0)
    on, off = (length * unit for length in pen.dashPattern()[:2])
    dashes = dash_segments(_device_xy(painter, coords), offsets, on, off)
    solid = QPen(pen)
    solid.setStyle(Qt.PenStyle.SolidLine)
    painter.save()
    painter.resetTransform()
    painter.setPen(solid)
    draw_lines(painter, dashes.reshape(-1, 4))
    painter.restore()


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
    vector: bool = False,
) -> None:
    """Draw fixed-size symbols, in device pixels, for groups of same-colour points."""
    from dkgis.map.layer_item import output_pen, reduced_ratio

    painter.save()
    transformed = [(_device_xy(painter, xy), colour) for xy, colour in groups]
    painter.resetTransform()
    width = style.FACILITY_OUTLINE_WIDTH * scale * reduced_ratio(painter)
    painter.setPen(output_pen(style.FACILITY_OUTLINE, width, vector=vector))
    for dev, colour in transformed:
        painter.setBrush(QColor(colour))
        for x, y in dev:
            if square:
                painter.drawRect(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
            else:
                painter.drawEllipse(QPointF(x, y), radius, radius)
    painter.restore()


#: Layer kind -> canvas item class.
ITEM_TYPES: dict[str, type[LayerItem]] = {
    kind: cls for cls in (PathLayerItem, FacilityItem, EmissionItem) for kind in cls.kinds
}


def item_for_layer(layer: Layer, project: Project, frame: MapFrame) -> LayerItem:
    """Create the canvas item that draws ``layer`` as ``frame`` says."""
    try:
        cls = ITEM_TYPES[layer.kind]
    except KeyError:
        raise ValueError(f"no canvas item for layer kind {layer.kind!r}") from None
    return cls(layer, project, frame)
