"""The canvas item of layers added from the user's own files (kind ``"user"``).

Polygons are filled with the layer colour, lightly, and outlined; lines are
stroked; points are round markers with a white outline, rasterised in one go
(:mod:`dkgis.map.markers`) so that a million points stay interactive (and drawn
as circles in SVG and PDF outputs). The item
draws the same way on screen and in :func:`dkgis.map.render.render_image`.
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from dkgis.i18n import _
from dkgis.map.items import ITEM_TYPES, LayerItem
from dkgis.map.markers import MarkerPainter, MarkerStyle
from dkgis.map.paths import geometry_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project
    from dkgis.model.user_layer import UserLayer, UserStyle

#: Polygons per painter path: Qt fills many small paths much faster than one huge one.
POLYGONS_PER_PATH = 150
#: Outline of point markers.
MARKER_OUTLINE = "#ffffff"
MARKER_OUTLINE_WIDTH = 1.0


def _chunks(geoms: np.ndarray, size: int) -> list[np.ndarray]:
    return [geoms[i : i + size] for i in range(0, len(geoms), size)]


class UserLayerItem(LayerItem):
    """Points, lines and polygons of a user layer, in the layer's style."""

    kinds = ("user",)

    def __init__(self, layer: UserLayer, project: Project, frame: MapFrame) -> None:
        super().__init__(layer, project, frame)
        self._build()
        layer.events.style.connect(self._on_style)
        layer.events.data.connect(self._on_data)

    def _build(self) -> None:
        layer = self.layer
        parts = layer.geometry_parts()
        self._polygon_paths: list[QPainterPath] = []
        for chunk in _chunks(parts.polygons, POLYGONS_PER_PATH):
            path = geometry_path(chunk)
            path.setFillRule(Qt.FillRule.OddEvenFill)
            self._polygon_paths.append(path)
        self._line_path = geometry_path(parts.lines) if len(parts.lines) else None
        self._markers = MarkerPainter(parts.points)
        xmin, ymin, xmax, ymax = layer.bounds_mercator()
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            xmin = ymin = xmax = ymax = 0.0
        self._data_bounds = QRectF(xmin, ymin, max(xmax - xmin, 1.0), max(ymax - ymin, 1.0))

    def disconnect_model(self) -> None:
        super().disconnect_model()
        self.layer.events.style.disconnect(self._on_style)
        self.layer.events.data.disconnect(self._on_data)

    def _on_data(self) -> None:
        """Other features (a database layer read for the new view): rebuild the paths."""
        self.prepareGeometryChange()
        self._build()
        self.update()
        scene = self.scene()
        if scene is not None:
            scene.update()  # the legend's swatch follows the kinds of geometry

    def _on_style(self, style: UserStyle) -> None:
        self.prepareGeometryChange()  # the symbol size pads the bounding box
        self._markers.invalidate()
        self.update()
        scene = self.scene()
        if scene is not None:
            scene.update()  # the legend shows the style too

    def boundingRect(self) -> QRectF:
        style = self.layer.style
        pixels = max(style.point_size / 2 + MARKER_OUTLINE_WIDTH, style.line_width) + 2
        pad = pixels * self.render_scale * self.units_per_pixel
        return self._data_bounds.adjusted(-pad, -pad, pad, pad)

    def paint(self, painter: QPainter, *args) -> None:
        style = self.layer.style
        scale = self.render_scale
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._polygon_paths:
            fill = QColor(style.colour)
            fill.setAlphaF(style.fill_alpha)
            painter.setBrush(QBrush(fill))
            painter.setPen(self.map_pen(style.colour, style.line_width * scale, painter=painter))
            for path in self._polygon_paths:
                painter.drawPath(path)
        if self._line_path is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self.map_pen(style.colour, style.line_width * scale, painter=painter))
            painter.drawPath(self._line_path)
        painter.restore()
        if len(self._markers.xy):
            marker = MarkerStyle(
                style.point_size * scale,
                style.colour,
                MARKER_OUTLINE,
                MARKER_OUTLINE_WIDTH * scale,
            )
            if self.vector:
                _paint_vector_markers(painter, self._markers.xy, marker)
            else:
                self._markers.paint(painter, marker)

    @property
    def marker_renders(self) -> int:
        """How many times the point markers were rasterised (for tests and benchmarks)."""
        return self._markers.renders


def _paint_vector_markers(painter: QPainter, xy: np.ndarray, marker: MarkerStyle) -> None:
    """Point markers as circles (SVG and PDF: shapes, not a picture of the points)."""
    from dkgis.map.sprites import device_xy, paint_area

    x, y = device_xy(painter, xy)
    painter.save()
    painter.resetTransform()
    x0, y0, x1, y1 = paint_area(painter)
    r = marker.diameter / 2
    reach = r + marker.outline_width
    keep = (
        np.isfinite(x)
        & np.isfinite(y)
        & (x >= x0 - reach)
        & (x <= x1 + reach)
        & (y >= y0 - reach)
        & (y <= y1 + reach)
    )
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(marker.outline))
    pen.setWidthF(marker.outline_width)
    painter.setPen(pen if marker.outline_width > 0 else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(marker.fill))
    # Outline radius as in the raster markers: the outline lies outside the fill.
    radius = r + marker.outline_width / 2
    for px, py in zip(x[keep].tolist(), y[keep].tolist(), strict=True):
        painter.drawEllipse(QPointF(px, py), radius, radius)
    painter.restore()


ITEM_TYPES.update(dict.fromkeys(UserLayerItem.kinds, UserLayerItem))


def draw_swatch(painter: QPainter, centre: QPointF, layer: UserLayer, scale: float) -> None:
    """Draw the legend symbol of a user layer centred on ``centre`` (pixels)."""
    style = layer.style
    counts = layer.geometry_counts()
    colour = QColor(style.colour)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if counts["polygons"]:
        fill = QColor(colour)
        fill.setAlphaF(style.fill_alpha)
        pen = QPen(colour)
        pen.setWidthF(min(style.line_width, 3.0) * scale)
        painter.setPen(pen)
        painter.setBrush(fill)
        half = 6 * scale
        painter.drawRect(QRectF(centre.x() - half, centre.y() - half * 0.75, 2 * half, 1.5 * half))
    elif counts["lines"]:
        pen = QPen(colour)
        pen.setWidthF(min(style.line_width, 4.0) * scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        half = 7 * scale
        painter.drawLine(
            QPointF(centre.x() - half, centre.y()), QPointF(centre.x() + half, centre.y())
        )
    if counts["points"] or not (counts["polygons"] or counts["lines"]):
        radius = min(style.point_size, 11.0) / 2 * scale
        pen = QPen(QColor(MARKER_OUTLINE))
        pen.setWidthF(MARKER_OUTLINE_WIDTH * scale)
        painter.setPen(pen)
        painter.setBrush(colour)
        painter.drawEllipse(centre, radius, radius)


def legend_sections(
    project: Project, frame: MapFrame, scale: float
) -> list[tuple[str, list[tuple[str, Callable]]]]:
    """The legend section of the user layers drawn in ``frame``, top layer first (none if
    there are none).

    Used by :class:`dkgis.map.decorations.DecorationsItem`; swatches are called
    with ``(painter, centre)``.
    """
    rows = [
        (_short(layer.title), partial(_swatch, layer=layer, scale=scale))
        for layer in reversed(list(project.layers))
        if layer.kind == "user" and frame.shows(layer.name)
    ]
    if not rows:
        return []
    return [(_("Added layers"), rows)]


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _swatch(painter: QPainter, centre: QPointF, *, layer: UserLayer, scale: float) -> None:
    draw_swatch(painter, centre, layer, scale)
