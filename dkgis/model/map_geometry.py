"""A layer's geometry as the map draws it: indexed, measured, at several details.

:class:`MapGeometry` is built once per layer (in the worker that loads it) from a
:class:`~dkgis.io.geometry_column.GeometryColumn`: points as one ``(n, 2)`` array in
Web Mercator, lines and polygons as :class:`IndexedParts`. Those share the
column's longitude/latitude coordinates (the drawing code projects the few it
draws, a batch at a time: a big layer's coordinates are held once) and add what
drawing needs: each part's bounds in Web Mercator, a grid index of them that finds
the parts a view shows without looking at the others, each part's length and
thickness, and simplified copies of detailed parts for zoomed-out views (one per
zoom level, made on first use).

Pure numpy: the drawing code (``dkgis.map``) reads these arrays from any thread.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from dkgis.io.geometry_column import GeometryColumn, RaggedParts, offsets_from_counts, ranges
from dkgis.model.crs import lonlat_to_mercator
from dkgis.model.grid_index import GridIndex

#: Parts with more vertices than this are simplified in zoomed-out views.
DETAILED_PART = 12
#: Simplified copies are made only when detailed parts hold this share of the vertices.
DETAILED_SHARE = 0.2
#: Vertices closer than this fraction of a pixel to the previous one are dropped.
SIMPLIFY_PIXELS = 0.25
#: Zoom levels whose simplified copy is kept.
KEPT_LEVELS = 2


class IndexedParts:
    """Lines or polygons (longitude/latitude) with their Web Mercator bounds, a grid
    index, lengths and simplified copies.

    Parameters
    ----------
    parts
        The parts, coordinates in longitude/latitude (rows: the table rows they
        come from).
    closed
        Whether rings are closed (polygons): simplification keeps at least 4 vertices
        of a ring, 2 of a line.
    """

    def __init__(self, parts: RaggedParts, *, closed: bool) -> None:
        self.parts = parts
        self.closed = closed
        bounds = parts.bounds()
        #: ``(n, 4)`` bounds of each part in EPSG:3857 (the projection keeps the order
        #: of longitudes and of latitudes, so it maps bounds to bounds).
        self.bounds = np.column_stack(
            [*to_mercator(bounds[:, :2]).T, *to_mercator(bounds[:, 2:]).T]
        )
        counts = np.diff(parts.vertex_offsets)
        # Each part weighs its vertices (see vertices_near).
        self.index = GridIndex(self.bounds, weights=counts)
        lengths, area, ellipses = measure(parts)
        #: Length of each part (map units; for polygons, of all their rings).
        self.lengths = lengths.astype(np.float32)
        #: Per polygon, the ellipse of its area and second moments: ``(a, b, angle)``,
        #: semi-axes in map units and the angle of ``a`` from the x axis (``None`` for lines).
        self.ellipses = ellipses.astype(np.float32) if closed else None
        #: Per polygon, twice its area over its perimeter (map units): a polygon is no
        #: thicker than about this (``None`` for lines).
        self.thickness = (
            np.divide(2 * area, lengths, out=np.zeros(len(parts)), where=lengths > 0).astype(
                np.float32
            )
            if closed
            else None
        )
        detailed = int(counts[counts > DETAILED_PART].sum())
        self._simplify = len(parts.coords) > 0 and detailed >= DETAILED_SHARE * len(parts.coords)
        self._levels: OrderedDict[int, RaggedParts] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.parts)

    def query(self, rect: tuple[float, float, float, float]) -> np.ndarray:
        """Indices of the parts whose bounds touch ``rect``, in drawing (row) order."""
        return self.index.query(rect)

    def vertices_near(self, rect: tuple[float, float, float, float]) -> int:
        """About how many vertices the parts touching ``rect`` have (a little more, not
        less), without looking at the parts."""
        return self.index.weight_near(rect)

    def at_detail(self, units_per_pixel: float) -> RaggedParts:
        """The parts as drawn at ``units_per_pixel`` map units per pixel.

        Vertices of detailed parts closer than about :data:`SIMPLIFY_PIXELS` of a
        pixel to the previous kept vertex are dropped: the picture is the same,
        with fewer vertices to draw. The copy of each zoom level (a power of two of
        map units) is made once and kept. Thread-safe.
        """
        if not self._simplify or not math.isfinite(units_per_pixel) or units_per_pixel <= 0:
            return self.parts
        level = math.floor(math.log2(units_per_pixel * SIMPLIFY_PIXELS))
        with self._lock:
            found = self._levels.get(level)
            if found is not None:
                self._levels.move_to_end(level)
                return found
        made = simplify(self.parts, 2.0**level, closed=self.closed)
        with self._lock:
            self._levels[level] = made
            while len(self._levels) > KEPT_LEVELS:
                self._levels.popitem(last=False)
        return made

    @property
    def nbytes(self) -> int:
        """Bytes held besides the parts themselves (which the layer's column holds)."""
        kept = sum(p.nbytes for p in self._levels.values())
        extra = self.lengths.nbytes + sum(
            a.nbytes for a in (self.thickness, self.ellipses) if a is not None
        )
        return self.bounds.nbytes + self.index.nbytes + kept + extra


#: Vertices projected at a time when measuring parts.
MEASURE_BLOCK = 200_000


def measure(parts: RaggedParts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Length (all rings), area and equivalent ellipse of each part, in Web Mercator units.

    For closed rings, the area is the exterior's less the holes', and the ellipse
    ``(a, b, angle)`` is the one with the polygon's area and second moments: its
    semi-axes and the angle of the first from the x axis (radians), which says how
    long and which way a polygon a few pixels across goes.
    """
    n = len(parts)
    lengths, areas, ellipses = np.zeros(n), np.zeros(n), np.zeros((n, 3))
    vertex_offsets = parts.vertex_offsets
    start = 0
    while start < n:
        # Blocks of whole parts, so that the projected coordinates are never all held.
        stop = int(np.searchsorted(vertex_offsets, vertex_offsets[start] + MEASURE_BLOCK))
        stop = min(max(stop, start + 1), n)
        block = parts.take(np.arange(start, stop))
        projected = block.with_coords(to_mercator(block.coords))
        lengths[start:stop], areas[start:stop], ellipses[start:stop] = _measure(projected)
        start = stop
    return lengths, areas, ellipses


def _measure(parts: RaggedParts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(parts)
    n_rings = len(parts.ring_offsets) - 1
    if not len(parts.coords) or not n_rings:
        return np.zeros(n), np.zeros(n), np.zeros((n, 3))
    # Relative to each part's first vertex: second moments of map coordinates of
    # millions of metres would lose every digit.
    vertex_part = np.repeat(np.arange(n), np.diff(parts.vertex_offsets))
    origin = parts.coords[np.minimum(parts.vertex_offsets[:-1], len(parts.coords) - 1)]
    xy = parts.coords - origin[vertex_part]
    following = np.roll(xy, -1, axis=0)
    ends = parts.ring_offsets[1:] - 1
    ends = ends[ends >= 0]
    # The last vertex of a ring pairs with the next ring's first: its terms are left out.
    following[ends] = xy[ends]
    x0, y0 = xy[:, 0], xy[:, 1]
    x1, y1 = following[:, 0], following[:, 1]
    cross = x0 * y1 - x1 * y0
    step = np.hypot(x1 - x0, y1 - y0)
    terms = np.column_stack(
        [
            cross / 2,
            (x0 + x1) * cross / 6,
            (y0 + y1) * cross / 6,
            (x0 * x0 + x0 * x1 + x1 * x1) * cross / 12,
            (y0 * y0 + y0 * y1 + y1 * y1) * cross / 12,
            (x0 * y1 + 2 * x0 * y0 + 2 * x1 * y1 + x1 * y0) * cross / 24,
        ]
    )
    rings = np.column_stack([_sums(t, parts.ring_offsets) for t in terms.T])
    is_exterior = np.zeros(n_rings, dtype=bool)
    is_exterior[parts.part_offsets[:-1][np.diff(parts.part_offsets) > 0]] = True
    # Exteriors count, holes count out, whatever the way their vertices turn.
    sign = np.where(rings[:, 0] < 0, -1.0, 1.0) * np.where(is_exterior, 1.0, -1.0)
    moments = np.column_stack([_sums(t, parts.part_offsets) for t in (rings * sign[:, None]).T])
    area = moments[:, 0]
    length = _sums(_sums(step, parts.ring_offsets), parts.part_offsets)
    return length, area, _ellipses(moments)


def _ellipses(moments: np.ndarray) -> np.ndarray:
    """``(a, b, angle)`` of the ellipses of the same area and second moments."""
    area, sx, sy, sxx, syy, sxy = moments.T
    ok = area > 0
    safe = np.where(ok, area, 1.0)
    cx, cy = sx / safe, sy / safe
    vxx = np.maximum(sxx / safe - cx * cx, 0.0)
    vyy = np.maximum(syy / safe - cy * cy, 0.0)
    vxy = sxy / safe - cx * cy
    half = (vxx + vyy) / 2
    spread = np.sqrt(((vxx - vyy) / 2) ** 2 + vxy**2)
    out = np.zeros((len(area), 3))
    # A uniform ellipse of semi-axis a has a variance of a^2 / 4 along it.
    out[:, 0] = 2 * np.sqrt(np.maximum(half + spread, 0.0))
    out[:, 1] = 2 * np.sqrt(np.maximum(half - spread, 0.0))
    out[:, 2] = 0.5 * np.arctan2(2 * vxy, vxx - vyy)
    out[~ok] = 0.0
    return out


def _sums(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Sum of ``values`` over each group ``offsets[i]:offsets[i + 1]``."""
    total = np.zeros(len(values) + 1)
    np.cumsum(values, out=total[1:])
    return total[offsets[1:]] - total[offsets[:-1]]


def to_mercator(lonlat: np.ndarray) -> np.ndarray:
    """``(n, 2)`` longitude/latitude to EPSG:3857."""
    x, y = lonlat_to_mercator(lonlat[:, 0], lonlat[:, 1])
    return np.column_stack([x, y])


def simplify(parts: RaggedParts, grid: float, *, closed: bool) -> RaggedParts:
    """``parts`` without the vertices that fall, in Web Mercator, in the same ``grid``
    cell as the previous one.

    The first and last vertex of every ring are kept; parts of at most
    :data:`DETAILED_PART` vertices, and rings that would keep fewer than 4 (closed)
    or 2 vertices, are left whole.
    """
    coords = parts.coords
    n = len(coords)
    if n == 0:
        return parts
    cells = np.floor(to_mercator(coords) / grid)
    keep = np.ones(n, dtype=bool)
    keep[1:] = (cells[1:] != cells[:-1]).any(axis=1)
    starts = parts.ring_offsets[:-1]
    ends = parts.ring_offsets[1:]
    full = ends > starts
    keep[starts[full]] = True
    keep[ends[full] - 1] = True
    vertex_counts = np.diff(parts.vertex_offsets)
    small_parts = np.flatnonzero(vertex_counts <= DETAILED_PART)
    small_rings = _rings_of(parts.part_offsets, small_parts)
    kept_per_ring = _per_ring(keep, starts, ends)
    least = 4 if closed else 2
    whole = np.zeros(len(starts), dtype=bool)
    whole[small_rings] = True
    whole |= kept_per_ring < least
    keep[ranges(starts[whole], (ends - starts)[whole])] = True
    if keep.all():
        return parts
    ring_counts = _per_ring(keep, starts, ends)
    return RaggedParts(
        coords[keep], offsets_from_counts(ring_counts), parts.part_offsets, parts.rows
    )


def _per_ring(keep: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    total = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=total[1:])
    return total[ends] - total[starts]


def _rings_of(part_offsets: np.ndarray, which: np.ndarray) -> np.ndarray:
    return ranges(part_offsets[which], np.diff(part_offsets)[which])


@dataclass(frozen=True, eq=False)
class MapGeometry:
    """A layer's geometry split by kind, ready to draw.

    Attributes
    ----------
    points : numpy.ndarray
        ``(n, 2)`` EPSG:3857 coordinates of every point (multi-points give one per point).
    lines, polygons : IndexedParts
        Line and polygon parts (multi-parts give one per part), in longitude/latitude
        with EPSG:3857 bounds.
    """

    points: np.ndarray
    lines: IndexedParts
    polygons: IndexedParts

    @classmethod
    def from_lonlat(cls, column: GeometryColumn) -> MapGeometry:
        """The drawing geometry of a longitude/latitude column."""
        return cls(
            np.ascontiguousarray(to_mercator(column.points.coords.reshape(-1, 2))),
            IndexedParts(column.lines, closed=False),
            IndexedParts(column.polygons, closed=True),
        )

    @cached_property
    def vertices(self) -> int:
        """Vertices of every part, and points."""
        return len(self.points) + len(self.lines.parts.coords) + len(self.polygons.parts.coords)

    @cached_property
    def _bounds(self) -> tuple[float, float, float, float]:
        corners = [(b[:, :2], b[:, 2:]) for b in (self.lines.bounds, self.polygons.bounds)]
        corners.append((self.points, self.points))
        lows, highs = [], []
        for low, high in corners:
            finite = np.isfinite(low).all(axis=1) & np.isfinite(high).all(axis=1)
            if finite.any():
                lows.append(low[finite].min(axis=0))
                highs.append(high[finite].max(axis=0))
        if not lows:
            return (math.nan,) * 4
        low, high = np.min(lows, axis=0), np.max(highs, axis=0)
        return (float(low[0]), float(low[1]), float(high[0]), float(high[1]))

    def bounds(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` of everything (NaN when empty; computed once)."""
        return self._bounds

    @property
    def nbytes(self) -> int:
        """Bytes held besides the layer's column (points, bounds, indexes...)."""
        return self.points.nbytes + self.lines.nbytes + self.polygons.nbytes
