"""Hand coordinate arrays to the painter, fast.

A path with tens of thousands of vertices is decoded from Qt's own binary
stream format in one call instead of one Python call per vertex; the segments
of many rings go to one ``drawLines`` call, which reads the numpy array in place.
"""

from __future__ import annotations

import math

import numpy as np
import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QLineF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from dkgis.io.geometry_column import GeometryColumn, offsets_from_counts, ranges

_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE_TO, _LINE_TO = 0, 1

#: Corners turning by more than this (degrees) get a join segment (:class:`RingOutlines`).
JOIN_TURN = 40.0
_JOIN_COS = math.cos(math.radians(JOIN_TURN))
_TAN_PI_8 = math.tan(math.pi / 8)


def ragged_path(
    coords: np.ndarray, ring_offsets: np.ndarray, fill_rule=Qt.FillRule.OddEvenFill
) -> QPainterPath:
    """One path of polylines: ring ``i`` is ``coords[ring_offsets[i]:ring_offsets[i + 1]]``.

    Each ring starts a subpath; empty rings are skipped.
    """
    path = RingPaths(coords, ring_offsets).path(0, len(ring_offsets) - 1, fill_rule)
    return path if path is not None else QPainterPath()


class RingPaths:
    """Rings (ring ``i``: ``coords[ring_offsets[i]:ring_offsets[i + 1]]``) whose path, for
    any run of consecutive rings, is made by slicing one array prepared once."""

    def __init__(self, coords: np.ndarray, ring_offsets: np.ndarray) -> None:
        coords = np.asarray(coords, dtype=float).reshape(-1, 2)
        self.offsets = np.asarray(ring_offsets)
        self.elements = np.empty(len(coords), dtype=_ELEMENT)
        self.elements["type"] = _LINE_TO
        starts = self.offsets[:-1][np.diff(self.offsets) > 0]
        self.elements["type"][starts] = _MOVE_TO
        self.elements["x"] = coords[:, 0]
        self.elements["y"] = coords[:, 1]

    def path(self, r0: int, r1: int, fill_rule=Qt.FillRule.OddEvenFill) -> QPainterPath | None:
        """The path of rings ``r0`` to ``r1`` (``None`` when they have no vertex)."""
        v0, v1 = int(self.offsets[r0]), int(self.offsets[r1])
        if v0 == v1:
            return None
        # The last subpath's start: the last ring of the run that has vertices.
        last = int(self.offsets[r0 + np.searchsorted(self.offsets[r0 + 1 : r1 + 1], v1)])
        rule = 0 if fill_rule == Qt.FillRule.OddEvenFill else 1
        blob = b"".join(
            (
                np.array([v1 - v0], dtype=">i4").tobytes(),
                self.elements[v0:v1].tobytes(),
                np.array([last - v0, rule], dtype=">i4").tobytes(),
            )
        )
        data = QByteArray(blob)  # must outlive the stream, which does not copy it
        stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
        path = QPainterPath()
        stream >> path
        return path


def geometry_path(geoms: np.ndarray) -> QPainterPath:
    """One path from shapely polygons or lines; polygon holes render with an odd-even fill."""
    column = GeometryColumn.from_shapely(np.asarray(geoms, dtype=object))
    rings = [column.lines, column.polygons]
    coords = np.concatenate([p.coords for p in rings])
    counts = np.concatenate([np.diff(p.ring_offsets) for p in rings])
    return ragged_path(coords, offsets_from_counts(counts))


class RingOutlines:
    """Closed rings (ring ``i``: ``coords[ring_offsets[i]:ring_offsets[i + 1]]``, its last
    vertex equal to its first), or open lines with ``closed=False``, drawn as with a pen
    ``2 * half_width`` wide with round joins (and round caps), as separate segments:
    :meth:`draw` draws any run of consecutive rings in two painter calls.

    Qt rasterises the segments of a plain pen one by one, straight into the image: many
    times faster than stroking a path, whose outline the painter must build and fill.
    Flat caps leave a gap on the outer side of a corner. Where a ring turns by an angle
    ``a``, both segments are lengthened by ``half_width * tan(a / 4)``; at a corner
    turning by more than :data:`JOIN_TURN`, a short segment also goes out along the
    bisector: for a square corner, the three cover the octagon around the round join.
    The segments of a smooth curve, which hardly turn, do not overlap (overlapping
    antialiased edges would look heavier). The ends of an open line are lengthened by
    ``half_width * pi / 4``: as much ink as the round cap's half disc.
    """

    def __init__(
        self,
        coords: np.ndarray,
        ring_offsets: np.ndarray,
        half_width: float,
        closed: bool = True,
    ) -> None:
        coords = np.asarray(coords, dtype=float).reshape(-1, 2)
        ring_offsets = np.asarray(ring_offsets)
        self.half_width = half_width
        counts = np.maximum(np.diff(ring_offsets) - 1, 0)  # segments of each ring
        counts[counts < (2 if closed else 1)] = 0
        #: Segments of ring ``i``: ``segments[segment_offsets[i]:segment_offsets[i + 1]]``.
        self.segment_offsets = offsets_from_counts(counts)
        first = ranges(ring_offsets[:-1], counts)  # the first vertex of each segment
        d = coords[first + 1] - coords[first]
        length = np.hypot(d[:, 0], d[:, 1])[:, None]
        t = np.divide(d, length, out=np.zeros_like(d), where=length > 0)
        # The segment before each one, within its ring (the last one before the first).
        rings = counts > 0
        ring_first = self.segment_offsets[:-1][rings]
        ring_last = self.segment_offsets[1:][rings] - 1
        previous = np.arange(len(first)) - 1
        following = np.arange(len(first)) + 1
        # An open line's ends have no segment beyond them: they turn by nothing.
        previous[ring_first] = ring_last if closed else ring_first
        following[ring_last] = ring_first if closed else ring_last
        t_in = t[previous]
        cos = np.clip((t_in * t).sum(axis=1), -1.0, 1.0)
        # tan(a / 4) from cos(a): tan(a / 2) = sqrt((1 - cos) / (1 + cos)), halved again.
        half_tan = np.sqrt((1 - cos) / np.maximum(1 + cos, 1e-12))
        extend = half_width * half_tan / (1 + np.sqrt(1 + half_tan * half_tan))
        extend_end = extend[following]
        if not closed:
            extend[ring_first] = extend_end[ring_last] = half_width * math.pi / 4
        self.segments = np.empty((len(first), 2, 2))
        self.segments[:, 0] = coords[first] - t * extend[:, None]
        self.segments[:, 1] = coords[first + 1] + t * extend_end[:, None]
        corner = cos < _JOIN_COS
        out = t_in[corner] - t[corner]  # towards the outer side of the turn
        out /= np.hypot(out[:, 0], out[:, 1])[:, None]
        self.joins = np.empty((len(out), 2, 2))
        self.joins[:, 0] = coords[first[corner]]
        self.joins[:, 1] = self.joins[:, 0] + half_width * out
        before = np.zeros(len(first) + 1, dtype=np.int64)
        np.cumsum(corner, out=before[1:])
        #: Joins of ring ``i``: ``joins[join_offsets[i]:join_offsets[i + 1]]``.
        self.join_offsets = before[self.segment_offsets]

    def draw(self, painter: QPainter, pen: QPen, r0: int, r1: int) -> None:
        """Draw rings ``r0`` to ``r1`` in ``pen``'s colour."""
        flat = QPen(pen)
        flat.setCapStyle(Qt.PenCapStyle.FlatCap)
        flat.setWidthF(2 * self.half_width)
        painter.setPen(flat)
        draw_lines(painter, self.segments[self.segment_offsets[r0] : self.segment_offsets[r1]])
        joins = self.joins[self.join_offsets[r0] : self.join_offsets[r1]]
        if len(joins):
            flat.setWidthF(2 * self.half_width * _TAN_PI_8)
            painter.setPen(flat)
            draw_lines(painter, joins)


def dash_segments(
    coords: np.ndarray, ring_offsets: np.ndarray, on: float, off: float
) -> np.ndarray:
    """The dashes of the polylines ``coords[ring_offsets[i]:ring_offsets[i + 1]]``: ``on``
    long, ``off`` apart, the pattern starting anew at each line and running on around its
    corners (as a painter's dashed pen does); a dash across a corner is one segment on
    each side of it. Returns ``(m, 2, 2)`` segments.

    Drawn with a plain pen (:func:`draw_lines`), the dashes look as the
    painter's dashed stroke of the path and cost a fraction of it: the painter strokes a
    dashed path by building the outline of every dash and filling it.
    """
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    counts = np.maximum(np.diff(ring_offsets) - 1, 0)
    first = ranges(np.asarray(ring_offsets)[:-1], counts)  # each segment's first vertex
    d = coords[first + 1] - coords[first]
    length = np.hypot(d[:, 0], d[:, 1])
    # Position along its line of each segment's start (a) and end (b).
    before = np.concatenate([[0.0], np.cumsum(length)])  # length of all segments before
    line_first = np.repeat(offsets_from_counts(counts)[:-1], counts)
    a = before[:-1] - before[line_first]
    b = a + length
    period = on + off
    k0 = np.floor(a / period).astype(np.int64)
    k1 = np.floor(b / period).astype(np.int64)
    pieces = np.where(length > 0, k1 - k0 + 1, 0)
    segment = np.repeat(np.arange(len(first)), pieces)
    k = k0[segment] + ranges(np.zeros(len(pieces), dtype=np.int64), pieces)
    lo = np.maximum(a[segment], k * period)
    hi = np.minimum(b[segment], k * period + on)
    keep = hi > lo
    segment, lo, hi = segment[keep], lo[keep], hi[keep]
    start = coords[first[segment]]
    unit = d[segment] / length[segment, None]
    out = np.empty((len(segment), 2, 2))
    out[:, 0] = start + unit * (lo - a[segment])[:, None]
    out[:, 1] = start + unit * (hi - a[segment])[:, None]
    return out


def draw_lines(painter: QPainter, lines: np.ndarray) -> None:
    """Draw ``(n, 4)`` lines ``(x0, y0, x1, y1)`` (or ``(n, 2, 2)`` segments) with the
    current pen, in one call (Qt reads the array in place)."""
    lines = np.ascontiguousarray(lines, dtype=np.float64).reshape(-1, 4)
    if len(lines):
        painter.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))
