"""Draw a user layer with any painter: only what is seen, at the detail that can be seen.

The one drawing function of user layers, for the screen (into the pictures of
:mod:`dkgis.map.layer_picture`, off the GUI thread) and for every export (PNG,
SVG, PDF, animations) alike:

* the grid index of the layer's lines and polygons picks the parts that touch the
  painted area; nothing else is looked at;
* detailed parts are drawn from a copy simplified for the zoom level (vertices
  closer than a fraction of a pixel dropped, see :mod:`dkgis.model.map_geometry`);
* polygons a few pixels across are dots splatted with numpy (:mod:`dkgis.map.dots`);
* the other parts are drawn in batches of a few thousand vertices, each batch one
  painter path built from numpy arrays (:class:`dkgis.map.paths.RingPaths`), and a
  render can be cancelled between two batches;
* lines, and outlines of polygons, up to :data:`SEGMENTS_MAX_PIXELS` across, or of a
  few vertices, are drawn as separate segments in two painter calls
  (:class:`dkgis.map.paths.RingOutlines`) rather than stroked as a path, many times
  faster for the same picture; a polygon thinner than the pen is only its outline,
  and fills, whose edge the outline hides, are not antialiased;
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
from dkgis.map.paths import RingOutlines, RingPaths
from dkgis.map.sprites import paint_area
from dkgis.model.map_geometry import to_mercator

if TYPE_CHECKING:
    from dkgis.io.geometry_column import RaggedParts
    from dkgis.model.map_geometry import IndexedParts, MapGeometry
    from dkgis.model.user_layer import UserStyle

#: Outlines of polygons up to this size (pixels), or of at most this many vertices, are
#: drawn as separate segments; the others, whose many short segments would overlap, are
#: stroked.
SEGMENTS_MAX_PIXELS = 64.0
SEGMENTS_MAX_VERTICES = 12
#: Polygons at most this size (pixels), or at most the outline's width, are drawn as
#: dots of the same area, outline included (:mod:`dkgis.map.dots`): raster outputs only.
DOT_PIXELS = 3.0
#: Dots are widened by this many pixels: an antialiased stroke of a polygon smaller than
#: its pen covers a little more than its exact area (its pieces add up in the edge pixels).
DOT_WIDENING = 0.08
#: Vertices, and pixels of outline, per painter call. Short calls keep a render
#: cancellable and let the GUI thread run between them (each painter call holds
#: Python's lock); and the painter fills a path in time that grows faster than its
#: outline's length, so many short paths are quicker than a few long ones.
BATCH_VERTICES = 6000
BATCH_PIXELS = 3000.0
#: A painter's antialiased stroke of a polygon smaller than its pen covers a little more
#: than its segments do (its overlapping pieces add up in the edge pixels): the outlines
#: of parts smaller than ``SMALL_PART * r`` are widened by up to ``SMALL_PART_WIDENING``
#: pixels, in ``WIDENING_STEPS`` steps (one painter call each), so that they look the same.
SMALL_PART = 2.2
SMALL_PART_WIDENING = 0.25
WIDENING_STEPS = 3
#: Vertices prepared at a time (projected, classified, outlined) before their batches
#: are drawn.
BLOCK_VERTICES = 100_000
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
    """About how many vertices drawing ``view`` takes (points count one each).

    Cheap when the view shows the whole layer (no index query): it is asked at every
    frame of a zoom.
    """
    rect = view.map_rect(layer_reach(style, 1.0))
    x0, y0, x1, y1 = rect
    bx0, by0, bx1, by1 = geometry.bounds()
    if x0 <= bx0 and y0 <= by0 and x1 >= bx1 and y1 >= by1:
        return geometry.vertices
    total = 0
    for parts in (geometry.polygons, geometry.lines):
        if len(parts):
            total += parts.vertices_near(rect)
    if len(geometry.points):
        x0, y0, x1, y1 = rect
        xy = geometry.points
        total += int(
            np.count_nonzero(
                (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
            )
        )
    return total


def _vertex_counts(parts: RaggedParts, ids: np.ndarray) -> np.ndarray:
    """Vertices of the parts ``ids`` (without touching the arrays of the others)."""
    offsets = parts.ring_offsets
    return offsets[parts.part_offsets[ids + 1]] - offsets[parts.part_offsets[ids]]


def _runs(vertices: np.ndarray, pixels: np.ndarray, max_vertices: float, max_pixels: float):
    """``(start, stop)`` runs of items whose vertex and pixel counts stay within the limits
    (each run has at least one item)."""
    total_v = np.cumsum(vertices)
    total_p = np.cumsum(pixels)
    start, n = 0, len(vertices)
    while start < n:
        v0 = total_v[start - 1] if start else 0
        p0 = total_p[start - 1] if start else 0.0
        stop = min(
            int(np.searchsorted(total_v, v0 + max_vertices, side="right")),
            int(np.searchsorted(total_p, p0 + max_pixels, side="right")),
        )
        stop = min(max(stop, start + 1), n)
        yield start, stop
        start = stop


class _Rings:
    """Rings of some parts of a block, ordered by part, drawn a batch of parts at a time:
    as paths (fills and strokes) or as outline segments, prepared once for the block."""

    def __init__(
        self, coords: np.ndarray, offsets: np.ndarray, part: np.ndarray, closed: bool = True
    ) -> None:
        self.coords, self.offsets, self.part, self.closed = coords, offsets, part, closed
        self._paths: RingPaths | None = None
        self._outlines: dict[float, RingOutlines] = {}

    @classmethod
    def of(
        cls, taken: RaggedParts, device: np.ndarray, which: np.ndarray, closed: bool = True
    ) -> _Rings:
        """The rings of the parts ``which`` (a mask) of ``taken``, in device pixels
        (``closed``: polygon rings; else lines)."""
        ring_part = np.repeat(np.arange(len(taken)), np.diff(taken.part_offsets))
        if which.all():
            return cls(device, taken.ring_offsets, ring_part, closed)
        subset = taken.with_coords(device).take(np.flatnonzero(which))
        return cls(subset.coords, subset.ring_offsets, ring_part[which[ring_part]], closed)

    def _rings(self, start: int, stop: int) -> tuple[int, int]:
        r0, r1 = np.searchsorted(self.part, (start, stop))
        return int(r0), int(r1)

    def path(self, start: int, stop: int, fill_rule=Qt.FillRule.OddEvenFill):
        """The path of the rings of parts ``start`` to ``stop`` (``None`` if none)."""
        r0, r1 = self._rings(start, stop)
        if r0 == r1:
            return None
        if self._paths is None:
            self._paths = RingPaths(self.coords, self.offsets)
        return self._paths.path(r0, r1, fill_rule)

    def draw_outlines(self, painter: QPainter, start: int, stop: int, pen: QPen, r) -> None:
        """Draw the rings of parts ``start`` to ``stop`` as segments in ``pen``'s colour,
        ``2 * r`` wide (see :class:`dkgis.map.paths.RingOutlines`)."""
        r0, r1 = self._rings(start, stop)
        if r0 == r1:
            return
        outlines = self._outlines.get(r)
        if outlines is None:
            outlines = self._outlines[r] = RingOutlines(self.coords, self.offsets, r, self.closed)
        outlines.draw(painter, pen, r0, r1)


def _draw_polygons(painter, parts: IndexedParts, style, view, rect, scale, vector):
    if not len(parts):
        return
    ids = parts.query(rect)
    if not len(ids):
        return
    r = style.line_width * scale / 2
    if not vector:
        ids = yield from _draw_dots(painter, parts, ids, style.colour, view, r)
        if not len(ids):
            return
    detail = parts.at_detail(view.units_per_pixel)
    colour = QColor(style.colour)
    fill = QColor(colour)
    fill.setAlphaF(style.fill_alpha)
    pen = output_pen(style.colour, 2 * r, vector=vector)
    tools = _Tools(r, vector, QBrush(fill), pen)
    vertices = _vertex_counts(detail, ids)
    # Blocks of parts prepared together (numpy), then drawn a batch at a time (Qt).
    for b0, b1 in _runs(vertices, np.zeros(len(ids)), BLOCK_VERTICES, np.inf):
        block = ids[b0:b1]
        yield from _draw_block(painter, parts, detail.take(block), block, view, tools)


@dataclass(frozen=True)
class _Tools:
    """How polygons are painted: half the outline's width (pixels), shapes only or not,
    the fill brush, the outline's pen."""

    r: float
    vector: bool
    fill_brush: QBrush
    pen: QPen


def _draw_block(painter, parts: IndexedParts, taken, block, view, tools: _Tools):
    """Draw the polygons ``block`` (``taken``: their coordinates at the detail drawn)."""
    r, vector, pen = tools.r, tools.vector, tools.pen
    px = abs(view.sx)
    device = view.lonlat_to_device(taken.coords)
    b = parts.bounds[block]
    w = (b[:, 2] - b[:, 0]) * px
    h = (b[:, 3] - b[:, 1]) * px
    size = np.maximum(w, h)
    everything = np.ones(len(block), dtype=bool)
    opaque = painter.opacity() >= 1.0
    # Segments overlap a little at corners: seen through (a translucent layer in an
    # export), the overlaps would show, so outlines are then stroked, as in SVG and PDF.
    segments = opaque and not vector
    detailed = np.diff(taken.vertex_offsets) > SEGMENTS_MAX_VERTICES
    big = (size > SEGMENTS_MAX_PIXELS) & detailed if segments else everything
    thin = ~big & ((np.minimum(w, h) <= 2 * r) | (parts.thickness[block] * px <= r))
    # A polygon wholly under its outline needs no fill, when nothing shows through.
    filled = ~thin if opaque else everything
    hidden_edges = opaque and not vector
    fills = _Rings.of(taken, device, everything if vector else filled)
    strokes = _Rings.of(taken, device, big)
    outlines = _outline_classes(taken, device, ~big, size, tools) if segments else []
    lengths = parts.lengths[block] * px
    for start, stop in _runs(np.diff(taken.vertex_offsets), lengths, BATCH_VERTICES, BATCH_PIXELS):
        path = fills.path(start, stop)
        if path is not None:
            painter.setPen(pen if vector else Qt.PenStyle.NoPen)
            painter.setBrush(tools.fill_brush)
            # The edge of a fill lies under its outline: when nothing shows through, it
            # needs no antialiasing, which is the dearer part of filling.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, not hidden_edges)
            painter.drawPath(path)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for rings, half_width in outlines:
            rings.draw_outlines(painter, start, stop, pen, half_width)
        path = strokes.path(start, stop) if not vector else None
        if path is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(pen)
            painter.drawPath(path)
        yield


def _outline_classes(taken, device, which, size, tools: _Tools):
    """``(rings, half width)`` of the outlines of the parts ``which`` drawn as
    segments: those smaller than ``SMALL_PART * r`` a little wider (see
    :data:`SMALL_PART_WIDENING`), in :data:`WIDENING_STEPS` steps."""
    r = tools.r
    step = np.rint(np.clip(1 - size / (SMALL_PART * r), 0, 1) * WIDENING_STEPS)
    classes = []
    for k in np.unique(step[which]).tolist():
        half_width = r + SMALL_PART_WIDENING * k / WIDENING_STEPS
        classes.append((_Rings.of(taken, device, which & (step == k)), half_width))
    return classes


def _draw_dots(painter, parts: IndexedParts, ids, colour: str, view: DeviceView, r: float):
    """Draw the polygons of ``ids`` at most :data:`DOT_PIXELS` (or twice the outline's
    half width) across as dots; return the others.

    A dot is the ellipse of its polygon's second moments grown by the outline, scaled
    to the area of the polygon grown by the outline: ``A + P r + pi r^2`` (Steiner's
    formula), so that a town of small buildings keeps its density of colour.
    """
    px = abs(view.sx)
    b = parts.bounds[ids]
    size = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) * px
    tiny = size <= max(DOT_PIXELS, 2 * r)
    if not tiny.any():
        return ids
    small = ids[tiny]
    grown = r + DOT_WIDENING
    length = parts.lengths[small] * px
    area = parts.thickness[small] * length * px / 2
    ellipse = parts.ellipses[small]
    a = ellipse[:, 0] * px + grown
    c = ellipse[:, 1] * px + grown
    scale = np.sqrt((area + length * grown + math.pi * grown * grown) / (math.pi * a * c))
    a, c = a * scale, c * scale
    angle = -ellipse[:, 2] if view.sy < 0 else ellipse[:, 2]  # y grows downwards
    centre = view.to_device(np.column_stack([b[tiny, 0] + b[tiny, 2], b[tiny, 1] + b[tiny, 3]]) / 2)
    dots = Dots(view.area, float(max(a.max(), c.max())))
    for start in range(0, len(small), DOTS_PER_CALL):
        end = start + DOTS_PER_CALL
        dots.add(
            centre[start:end, 0], centre[start:end, 1], a[start:end], c[start:end], angle[start:end]
        )
        yield
    dots.draw(painter, colour)
    return ids[~tiny]


def _draw_lines(painter, parts: IndexedParts, style, view, rect, scale, vector):
    if not len(parts):
        return
    ids = parts.query(rect)
    if not len(ids):
        return
    detail = parts.at_detail(view.units_per_pixel)
    r = style.line_width * scale / 2
    pen = output_pen(style.colour, 2 * r, vector=vector)
    # Segments overlap a little at joins: seen through (a translucent layer in an export)
    # the overlaps would show, so lines are then stroked, as in SVG and PDF.
    segments = painter.opacity() >= 1.0 and not vector
    vertices = _vertex_counts(detail, ids)
    for b0, b1 in _runs(vertices, np.zeros(len(ids)), BLOCK_VERTICES, np.inf):
        block = ids[b0:b1]
        taken = detail.take(block)
        yield from _draw_line_block(painter, parts, taken, block, view, pen, r, segments)


def _draw_line_block(painter, parts: IndexedParts, taken, block, view, pen: QPen, r, segments):
    """Draw the lines ``block`` (``taken``: their coordinates at the detail drawn): as
    segments (:class:`dkgis.map.paths.RingOutlines`) when ``segments``, except long
    detailed lines, whose many short segments would overlap, which are stroked."""
    px = abs(view.sx)
    device = view.lonlat_to_device(taken.coords)
    stroked = np.ones(len(block), dtype=bool)
    if segments:
        b = parts.bounds[block]
        size = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) * px
        stroked = (size > SEGMENTS_MAX_PIXELS) & (
            np.diff(taken.vertex_offsets) > SEGMENTS_MAX_VERTICES
        )
    strokes = _Rings.of(taken, device, stroked, closed=False)
    drawn_as_segments = _Rings.of(taken, device, ~stroked, closed=False) if segments else None
    lengths = parts.lengths[block] * px
    for start, stop in _runs(np.diff(taken.vertex_offsets), lengths, BATCH_VERTICES, BATCH_PIXELS):
        if drawn_as_segments is not None:
            drawn_as_segments.draw_outlines(painter, start, stop, pen, r)
        path = strokes.path(start, stop)
        if path is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(pen)
            painter.drawPath(path)
        yield


def marker_style(style: UserStyle, scale: float) -> MarkerStyle:
    """The markers of a layer's points at ``scale``."""
    return MarkerStyle(
        style.point_size * scale, style.colour, MARKER_OUTLINE, MARKER_OUTLINE_WIDTH * scale
    )


def _draw_points(painter, xy: np.ndarray, style, view: DeviceView, scale, vector) -> None:
    marker = marker_style(style, scale)
    x0, y0, x1, y1 = view.area
    if vector:
        reach = marker.diameter / 2 + marker.outline_width + 1
        device = view.to_device(xy)
        px, py = device[:, 0], device[:, 1]
        with np.errstate(invalid="ignore"):
            keep = (px >= x0 - reach) & (px <= x1 + reach) & (py >= y0 - reach) & (py <= y1 + reach)
        _paint_vector_markers(painter, px[keep], py[keep], marker)
        return
    # Device pixels relative to the region's corner, in one pass per axis (the rasteriser
    # leaves out the points whose marker cannot reach the region).
    left, top = math.floor(x0), math.floor(y0)
    px = xy[:, 0] * view.sx
    px += view.ox - left
    py = xy[:, 1] * view.sy
    py += view.oy - top
    raster = rasterize(px, py, math.ceil(x1) - left, math.ceil(y1) - top, marker)
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
