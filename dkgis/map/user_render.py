"""Draw a user layer with any painter: only what is seen, at the detail that can be seen.

The one drawing function of user layers, for the screen (into the pictures of
:mod:`dkgis.map.layer_picture`, off the GUI thread) and for every export (PNG,
SVG, PDF, animations) alike:

* the grid index of the layer's lines and polygons picks the parts that touch the
  painted area; nothing else is looked at;
* detailed parts are drawn from a copy simplified for the zoom level (vertices
  closer than a fraction of a pixel dropped, see :mod:`dkgis.map_geometry`);
* parts are drawn in batches of a few thousand vertices, each batch one painter
  path built from numpy arrays (:func:`dkgis.map.paths.ragged_path`), and a render
  can be cancelled between two batches;
* polygon outlines up to :data:`BAND_MAX_PIXELS` across are filled as bands
  (:mod:`dkgis.map.outline`) rather than stroked with a wide pen, a few times
  faster for the same picture; a polygon thinner than the pen is only its band;
* points are round markers rasterised with numpy in one go (:mod:`dkgis.map.markers`),
  and circles in SVG and PDF.

The painter works in device pixels (identity transform); :class:`DeviceView`
says where map coordinates land.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from dkgis.map.dots import DOTS_PER_CALL, Dots
from dkgis.map.layer_item import output_pen
from dkgis.map.markers import MarkerStyle, rasterize
from dkgis.map.outline import outline_band
from dkgis.map.paths import ragged_path
from dkgis.map.sprites import paint_area
from dkgis.model.map_geometry import to_mercator

if TYPE_CHECKING:
    from dkgis.io.geometry_column import RaggedParts
    from dkgis.model.map_geometry import IndexedParts, MapGeometry
    from dkgis.model.user_layer import UserStyle

#: Outlines of polygons up to this size (pixels) are filled as bands; larger ones stroked.
BAND_MAX_PIXELS = 64.0
#: Polygons at most this size (pixels) are drawn as dots of the same area, outline
#: included (:mod:`dkgis.map.dots`): raster outputs only.
DOT_PIXELS = 2.0
#: Dots are widened by this many pixels, for the same reason as the bands of small parts.
DOT_WIDENING = 0.15
#: Vertices, and pixels of outline, per painter call. Short calls keep a render
#: cancellable and let the GUI thread run between them (each painter call holds
#: Python's lock); and the painter fills a path in time that grows faster than its
#: outline's length, so many short paths are quicker than a few long ones.
BATCH_VERTICES = 6000
BATCH_PIXELS = 3000.0
#: A painter's antialiased stroke of a polygon smaller than its pen covers a little more
#: than the exact band (its overlapping pieces add up in the edge pixels): the bands of
#: parts smaller than ``SMALL_PART * r`` are widened by up to ``SMALL_PART_WIDENING``
#: pixels so that they look the same.
SMALL_PART = 2.2
SMALL_PART_WIDENING = 0.25
#: Outline of point markers.
MARKER_OUTLINE = "#ffffff"
MARKER_OUTLINE_WIDTH = 1.0


@dataclass(frozen=True)
class DeviceView:
    """Where map coordinates (EPSG:3857) land on a device: ``x * sx + ox, y * sy + oy``.

    Attributes
    ----------
    sx, ox, sy, oy : float
        The axis-aligned map transform (``sy`` is negative: y grows downwards).
    area : tuple of float
        ``(x0, y0, x1, y1)``, the device pixels to paint.
    """

    sx: float
    ox: float
    sy: float
    oy: float
    area: tuple[float, float, float, float]

    @classmethod
    def of_painter(cls, painter: QPainter) -> DeviceView | None:
        """The view of ``painter``'s map transform over its paintable area, then reset
        the transform to device pixels; ``None`` for a rotated or degenerate transform."""
        t = painter.transform()
        if t.m12() != 0 or t.m21() != 0 or t.m11() == 0 or t.m22() == 0:
            return None
        painter.resetTransform()
        return cls(t.m11(), t.dx(), t.m22(), t.dy(), paint_area(painter))

    @classmethod
    def of_extent(cls, extent, width: int, height: int) -> DeviceView:
        """The view of map ``extent`` (xmin, ymin, xmax, ymax) on ``width`` x ``height`` px."""
        xmin, ymin, xmax, ymax = extent
        sx = width / (xmax - xmin)
        sy = -height / (ymax - ymin)
        return cls(sx, -xmin * sx, sy, -ymax * sy, (0.0, 0.0, float(width), float(height)))

    @property
    def units_per_pixel(self) -> float:
        """Map units per pixel."""
        return 1.0 / abs(self.sx)

    def map_rect(self, pad: float = 0.0) -> tuple[float, float, float, float]:
        """The map rectangle of :attr:`area` grown by ``pad`` pixels on every side."""
        x0, y0, x1, y1 = self.area
        xs = sorted(((x0 - pad - self.ox) / self.sx, (x1 + pad - self.ox) / self.sx))
        ys = sorted(((y0 - pad - self.oy) / self.sy, (y1 + pad - self.oy) / self.sy))
        return xs[0], ys[0], xs[1], ys[1]

    def to_device(self, coords: np.ndarray) -> np.ndarray:
        """``(n, 2)`` map coordinates to device pixels."""
        out = np.empty_like(coords)
        np.multiply(coords[:, 0], self.sx, out=out[:, 0])
        out[:, 0] += self.ox
        np.multiply(coords[:, 1], self.sy, out=out[:, 1])
        out[:, 1] += self.oy
        return out

    def lonlat_to_device(self, lonlat: np.ndarray) -> np.ndarray:
        """``(n, 2)`` longitude/latitude to device pixels."""
        return self.to_device(to_mercator(lonlat))

    def scaled(self, factor: float) -> DeviceView:
        """The same view on a device with ``factor`` times more pixels (high-dpi screens)."""
        x0, y0, x1, y1 = self.area
        return DeviceView(
            self.sx * factor,
            self.ox * factor,
            self.sy * factor,
            self.oy * factor,
            (x0 * factor, y0 * factor, x1 * factor, y1 * factor),
        )

    def shifted(self, dx: float, dy: float, area) -> DeviceView:
        """The same map transform moved by ``(dx, dy)`` pixels, over ``area``."""
        return DeviceView(self.sx, self.ox + dx, self.sy, self.oy + dy, area)


def never() -> bool:
    """A render that is never cancelled."""
    return False


def layer_reach(style: UserStyle, scale: float) -> float:
    """How far (pixels) a symbol or outline reaches beyond its geometry."""
    return max(style.point_size / 2 + MARKER_OUTLINE_WIDTH, style.line_width / 2) * scale + 2


def draw_layer(
    painter: QPainter,
    geometry: MapGeometry,
    style: UserStyle,
    view: DeviceView,
    *,
    scale: float = 1.0,
    vector: bool = False,
    cancelled: Callable[[], bool] = never,
) -> bool:
    """Draw a user layer's polygons, lines and points seen in ``view``.

    Parameters
    ----------
    painter
        An active painter in device pixels (identity transform).
    geometry
        The layer's geometry (:meth:`UserLayer.map_geometry`).
    style
        How to draw it; pixel sizes are multiplied by ``scale``.
    view
        Where map coordinates land, and the area to paint.
    vector
        Shapes only (SVG and PDF): outlines stroked, markers as circles.
    cancelled
        Asked between batches; the drawing stops when it returns true.

    Returns
    -------
    bool
        Whether the whole layer was drawn (false: cancelled).
    """
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pad = layer_reach(style, scale)
    rect = view.map_rect(pad)
    steps = (
        lambda: _draw_polygons(painter, geometry.polygons, style, view, rect, scale, vector),
        lambda: _draw_lines(painter, geometry.lines, style, view, rect, scale, vector),
    )
    for step in steps:
        for _ in step():
            if cancelled():
                return False
    if len(geometry.points):
        _draw_points(painter, geometry.points, style, view, scale, vector)
    return not cancelled()


def estimated_vertices(geometry: MapGeometry, view: DeviceView, style: UserStyle) -> int:
    """About how many vertices drawing ``view`` takes (points count one each)."""
    rect = view.map_rect(layer_reach(style, 1.0))
    total = 0
    for parts in (geometry.polygons, geometry.lines):
        if len(parts):
            ids = parts.query(rect)
            total += int(np.diff(parts.parts.vertex_offsets)[ids].sum())
    if len(geometry.points):
        x0, y0, x1, y1 = rect
        xy = geometry.points
        total += int(
            np.count_nonzero(
                (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
            )
        )
    return total


def _batches(parts: IndexedParts, detail: RaggedParts, ids: np.ndarray, view: DeviceView):
    """``ids`` cut into runs of at most :data:`BATCH_VERTICES` vertices and
    :data:`BATCH_PIXELS` pixels of outline."""
    vertices = np.cumsum(np.diff(detail.vertex_offsets)[ids])
    pixels = np.cumsum(parts.lengths[ids] * abs(view.sx))
    start = 0
    n = len(ids)
    while start < n:
        v0 = vertices[start - 1] if start else 0
        p0 = pixels[start - 1] if start else 0.0
        stop = min(
            int(np.searchsorted(vertices, v0 + BATCH_VERTICES, side="right")),
            int(np.searchsorted(pixels, p0 + BATCH_PIXELS, side="right")),
        )
        stop = min(max(stop, start + 1), n)
        yield ids[start:stop]
        start = stop


def _draw_polygons(painter, parts: IndexedParts, style, view, rect, scale, vector):
    if not len(parts):
        return
    ids = parts.query(rect)
    if not len(ids):
        return
    pen_width = style.line_width * scale
    r = pen_width / 2
    if not vector:
        ids = yield from _draw_dots(painter, parts, ids, style.colour, view, r)
        if not len(ids):
            return
    detail = parts.at_detail(view.units_per_pixel)
    colour = QColor(style.colour)
    fill = QColor(colour)
    fill.setAlphaF(style.fill_alpha)
    fill_brush = QBrush(fill)
    outline_pen = output_pen(style.colour, pen_width, vector=vector)
    band_brush = QBrush(colour)
    opaque = painter.opacity() >= 1.0
    px = abs(view.sx)
    for chunk in _batches(parts, detail, ids, view):
        taken = detail.take(chunk)
        device = view.lonlat_to_device(taken.coords)
        b = parts.bounds[chunk]
        w = (b[:, 2] - b[:, 0]) * px
        h = (b[:, 3] - b[:, 1]) * px
        big = np.maximum(w, h) > BAND_MAX_PIXELS if not vector else np.ones(len(chunk), bool)
        thin = ~big & ((np.minimum(w, h) <= 2 * r) | (parts.thickness[chunk] * px <= r))
        filled = ~thin if opaque else np.ones(len(chunk), dtype=bool)
        if vector:
            painter.setPen(outline_pen)
            painter.setBrush(fill_brush)
            painter.drawPath(ragged_path(device, taken.ring_offsets))
            yield
            continue
        painter.setPen(Qt.PenStyle.NoPen)
        if filled.any():
            painter.setBrush(fill_brush)
            painter.drawPath(ragged_path(*_rings(taken, device, filled)))
        if (~big).any():
            coords, offsets = _rings(taken, device, ~big)
            ring_part = np.repeat(np.arange(len(chunk)), np.diff(taken.part_offsets))
            ring_part = ring_part[~big[ring_part]]
            size = np.maximum(w, h)[ring_part]
            widths = r + SMALL_PART_WIDENING * np.clip(1 - size / (SMALL_PART * r), 0, 1)
            band, band_offsets = outline_band(coords, offsets, widths, inner=~thin[ring_part])
            painter.setBrush(band_brush)
            painter.drawPath(ragged_path(band, band_offsets, Qt.FillRule.WindingFill))
        if big.any():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(outline_pen)
            painter.drawPath(ragged_path(*_rings(taken, device, big)))
        yield


def _draw_dots(painter, parts: IndexedParts, ids, colour: str, view: DeviceView, r: float):
    """Draw the polygons of ``ids`` at most :data:`DOT_PIXELS` across as dots; return
    the others.

    A dot has the area of its polygon grown by the outline: ``A + P r + pi r^2``
    (Steiner's formula), so a town of tiny buildings keeps its density of colour.
    """
    px = abs(view.sx)
    b = parts.bounds[ids]
    size = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) * px
    tiny = size <= DOT_PIXELS
    if not tiny.any():
        return ids
    small = ids[tiny]
    length = parts.lengths[small] * px
    area = parts.thickness[small] * length * px / 2
    radius = np.sqrt((area + length * r) / math.pi + r * r) + DOT_WIDENING
    centre = view.to_device(np.column_stack([b[tiny, 0] + b[tiny, 2], b[tiny, 1] + b[tiny, 3]]) / 2)
    dots = Dots(view.area, float(radius.max()))
    for start in range(0, len(small), DOTS_PER_CALL):
        end = start + DOTS_PER_CALL
        dots.add(centre[start:end, 0], centre[start:end, 1], radius[start:end])
        yield
    dots.draw(painter, colour)
    return ids[~tiny]


def _rings(taken: RaggedParts, device: np.ndarray, which: np.ndarray):
    """Device coordinates and ring offsets of the parts ``which`` of ``taken``."""
    if which.all():
        return device, taken.ring_offsets
    subset = taken.with_coords(device).take(np.flatnonzero(which))
    return subset.coords, subset.ring_offsets


def _draw_lines(painter, parts: IndexedParts, style, view, rect, scale, vector):
    if not len(parts):
        return
    ids = parts.query(rect)
    if not len(ids):
        return
    detail = parts.at_detail(view.units_per_pixel)
    pen = output_pen(style.colour, style.line_width * scale, vector=vector)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen)
    for chunk in _batches(parts, detail, ids, view):
        taken = detail.take(chunk)
        painter.drawPath(ragged_path(view.lonlat_to_device(taken.coords), taken.ring_offsets))
        yield


def marker_style(style: UserStyle, scale: float) -> MarkerStyle:
    """The markers of a layer's points at ``scale``."""
    return MarkerStyle(
        style.point_size * scale, style.colour, MARKER_OUTLINE, MARKER_OUTLINE_WIDTH * scale
    )


def _draw_points(painter, xy: np.ndarray, style, view: DeviceView, scale, vector) -> None:
    marker = marker_style(style, scale)
    x0, y0, x1, y1 = view.area
    reach = marker.diameter / 2 + marker.outline_width + 1
    device = view.to_device(xy)
    px, py = device[:, 0], device[:, 1]
    with np.errstate(invalid="ignore"):
        keep = (px >= x0 - reach) & (px <= x1 + reach) & (py >= y0 - reach) & (py <= y1 + reach)
    if not keep.any():
        return
    px, py = px[keep], py[keep]
    if vector:
        _paint_vector_markers(painter, px, py, marker)
        return
    left, top = math.floor(x0), math.floor(y0)
    raster = rasterize(px - left, py - top, math.ceil(x1) - left, math.ceil(y1) - top, marker)
    if raster is not None:
        painter.drawImage(QPointF(left + raster.left, top + raster.top), raster.image)


def _paint_vector_markers(painter: QPainter, x: np.ndarray, y: np.ndarray, marker) -> None:
    """Point markers as circles (SVG and PDF: shapes, not a picture of the points)."""
    pen = QPen(QColor(marker.outline))
    pen.setWidthF(marker.outline_width)
    painter.setPen(pen if marker.outline_width > 0 else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(marker.fill))
    # Outline radius as in the raster markers: the outline lies outside the fill.
    radius = marker.diameter / 2 + marker.outline_width / 2
    for px, py in zip(x.tolist(), y.tolist(), strict=True):
        painter.drawEllipse(QPointF(px, py), radius, radius)
