"""The geometries of a table as flat coordinate arrays, without a Python object per feature.

A layer of 150 000 buildings held as shapely objects costs about 100 MB of memory;
its 750 000 vertices held as one array of coordinates cost 12 MB. A
:class:`GeometryColumn` keeps each row's geometry as parts of three kinds (points,
lines, polygons); each kind is a :class:`RaggedParts`, the layout of GeoArrow and
of :func:`shapely.to_ragged_array`: one ``(n, 2)`` array of coordinates and offset
arrays saying where each ring and each part starts. Shapely geometries are built
only when someone asks for them (``column[i]``, ``numpy.asarray(column)``).

Everything here is vectorised with numpy: drawing, projecting and indexing a
layer never loop over its features in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

#: Shapely type ids (``shapely.get_type_id``) of the geometries a row may hold.
POINT, LINESTRING, LINEARRING, POLYGON = 0, 1, 2, 3
MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, COLLECTION = 4, 5, 6, 7
#: Type id of a row without geometry.
MISSING = -1


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices ``starts[i] .. starts[i] + counts[i] - 1`` of every ``i``, concatenated."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    ends = np.cumsum(counts)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - (ends - counts), counts)
    return np.arange(total, dtype=np.int64) + shift


def offsets_from_counts(counts: np.ndarray) -> np.ndarray:
    """``(n + 1,)`` offsets of ``n`` consecutive groups of ``counts`` items."""
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


@dataclass(frozen=True, eq=False)
class RaggedParts:
    """Parts of one kind (points, lines or polygons) as flat arrays.

    Attributes
    ----------
    coords : numpy.ndarray
        ``(n_vertices, 2)`` coordinates.
    ring_offsets : numpy.ndarray
        ``(n_rings + 1,)``: the vertices of ring ``i`` are
        ``coords[ring_offsets[i]:ring_offsets[i + 1]]``. A point is a ring of one
        vertex, a line a ring of its vertices; a polygon's first ring is its exterior.
    part_offsets : numpy.ndarray
        ``(n_parts + 1,)``: the rings of part ``j`` are
        ``part_offsets[j]:part_offsets[j + 1]``.
    rows : numpy.ndarray
        ``(n_parts,)`` the table row of each part, in increasing order.
    """

    coords: np.ndarray
    ring_offsets: np.ndarray
    part_offsets: np.ndarray
    rows: np.ndarray

    @classmethod
    def empty(cls) -> RaggedParts:
        """No parts."""
        zero = np.zeros(1, dtype=np.int64)
        return cls(np.empty((0, 2)), zero, zero, np.empty(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def vertex_offsets(self) -> np.ndarray:
        """``(n_parts + 1,)``: the vertices of part ``j`` are ``vertex_offsets[j]:[j + 1]``."""
        return self.ring_offsets[self.part_offsets]

    def bounds(self) -> np.ndarray:
        """``(n_parts, 4)`` ``xmin, ymin, xmax, ymax`` of each part (empty parts: NaN)."""
        n = len(self)
        out = np.full((n, 4), np.nan)
        if n == 0 or len(self.coords) == 0:
            return out
        starts = self.vertex_offsets[:-1]
        counts = np.diff(self.vertex_offsets)
        full = counts > 0
        at = np.minimum(starts[full], len(self.coords) - 1)
        out[full, 0:2] = np.minimum.reduceat(self.coords, at, axis=0)
        out[full, 2:4] = np.maximum.reduceat(self.coords, at, axis=0)
        return out

    def with_coords(self, coords: np.ndarray) -> RaggedParts:
        """The same parts with other coordinates (a projection of these)."""
        return RaggedParts(coords, self.ring_offsets, self.part_offsets, self.rows)

    def take(self, parts: np.ndarray, rows: np.ndarray | None = None) -> RaggedParts:
        """The parts at indices ``parts`` (their rows become ``rows`` when given)."""
        parts = np.asarray(parts, dtype=np.int64)
        # Counts of the parts taken only: a few parts of a big layer cost a few operations.
        ring_counts = self.part_offsets[parts + 1] - self.part_offsets[parts]
        rings = ranges(self.part_offsets[parts], ring_counts)
        vertex_counts = self.ring_offsets[rings + 1] - self.ring_offsets[rings]
        vertices = ranges(self.ring_offsets[rings], vertex_counts)
        return RaggedParts(
            self.coords[vertices],
            offsets_from_counts(vertex_counts),
            offsets_from_counts(ring_counts),
            self.rows[parts] if rows is None else np.asarray(rows, dtype=np.int64),
        )

    @classmethod
    def concatenate(cls, pieces: list[RaggedParts], row_shifts: list[int]) -> RaggedParts:
        """One set of parts from several, the rows of each shifted by ``row_shifts``."""
        if not pieces:
            return cls.empty()
        coords = np.concatenate([p.coords for p in pieces]) if pieces else np.empty((0, 2))
        ring_counts = np.concatenate([np.diff(p.ring_offsets) for p in pieces])
        part_counts = np.concatenate([np.diff(p.part_offsets) for p in pieces])
        rows = np.concatenate([p.rows + s for p, s in zip(pieces, row_shifts, strict=True)])
        return cls(
            coords.reshape(-1, 2),
            offsets_from_counts(ring_counts),
            offsets_from_counts(part_counts),
            rows,
        )

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return sum(a.nbytes for a in (self.coords, self.ring_offsets, self.part_offsets, self.rows))


@dataclass(frozen=True, eq=False)
class GeometryColumn:
    """The geometry of each row of a table, as points, lines and polygons in flat arrays.

    Behaves as a read-only sequence of shapely geometries (``None`` for a row
    without geometry): ``len(column)``, ``column[i]``, iteration and
    ``numpy.asarray(column)`` build them on demand. Code that draws, projects or
    indexes works on :attr:`points`, :attr:`lines` and :attr:`polygons` instead.

    Attributes
    ----------
    types : numpy.ndarray
        ``(n_rows,)`` shapely type id of each row's geometry, :data:`MISSING` (-1) for
        none (empty geometries count as none).
    points, lines, polygons : RaggedParts
        The parts of each kind; a multi-polygon row has several polygon parts, a
        geometry collection parts of several kinds.
    """

    types: np.ndarray
    points: RaggedParts = field(default_factory=RaggedParts.empty)
    lines: RaggedParts = field(default_factory=RaggedParts.empty)
    polygons: RaggedParts = field(default_factory=RaggedParts.empty)

    # -- construction ------------------------------------------------------------------
    @classmethod
    def from_shapely(cls, geoms: Iterable) -> GeometryColumn:
        """The column of an array of shapely geometries (``None`` for no geometry)."""
        geoms = _object_array(geoms)
        n = len(geoms)
        types = np.full(n, MISSING, dtype=np.int8)
        if n == 0:
            return cls(types)
        present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        rows = np.flatnonzero(present)
        types[rows] = shapely.get_type_id(geoms[rows])
        parts, index = shapely.get_parts(geoms[rows], return_index=True)
        part_rows = rows[index]
        kinds = shapely.get_type_id(parts)
        while (kinds >= MULTIPOINT).any():  # multi-part geometries inside collections
            nested = kinds >= MULTIPOINT
            sub, sub_index = shapely.get_parts(parts[nested], return_index=True)
            parts = np.concatenate([parts[~nested], sub])
            part_rows = np.concatenate([part_rows[~nested], part_rows[nested][sub_index]])
            order = np.argsort(part_rows, kind="stable")
            parts, part_rows = parts[order], part_rows[order]
            kinds = shapely.get_type_id(parts)
        full = ~shapely.is_empty(parts)
        parts, part_rows, kinds = parts[full], part_rows[full], kinds[full]
        return cls(
            types,
            _points_of(parts[kinds == POINT], part_rows[kinds == POINT]),
            _lines_of(parts[(kinds == LINESTRING) | (kinds == LINEARRING)], part_rows, kinds),
            _polygons_of(parts[kinds == POLYGON], part_rows[kinds == POLYGON]),
        )

    @classmethod
    def from_wkb(cls, blobs: Iterable) -> GeometryColumn:
        """The column of well-known binary geometries (``None`` for no geometry).

        Points, lines and polygons and their multi-part forms in little-endian 2D
        WKB (what GDAL returns) are decoded with numpy, without creating a shapely
        object; anything else goes through shapely. A blob that cannot be decoded
        gives a row without geometry.
        """
        blobs = _object_array(blobs)
        n = len(blobs)
        sizes = np.fromiter((len(b) if b is not None else 0 for b in blobs), np.int64, n)
        if not n or not sizes.any():
            return cls(np.full(n, MISSING, dtype=np.int8))
        buf = np.frombuffer(b"".join(b for b in blobs if b is not None), dtype=np.uint8)
        return cls.from_wkb_buffer(buf, offsets_from_counts(sizes)[:-1], sizes)

    @classmethod
    def from_wkb_buffer(
        cls, buf: np.ndarray, starts: np.ndarray, sizes: np.ndarray
    ) -> GeometryColumn:
        """The column of WKB geometries lying in one buffer (see :meth:`from_wkb`).

        Row ``i`` is ``buf[starts[i]:starts[i] + sizes[i]]``; a size of 0 is a row
        without geometry. Reading a file's blobs into one buffer spares a copy of
        each blob.
        """
        buf = np.ascontiguousarray(buf, dtype=np.uint8)
        starts = np.asarray(starts, dtype=np.int64)
        sizes = np.asarray(sizes, dtype=np.int64)
        if not len(sizes) or not sizes.any():
            return cls(np.full(len(sizes), MISSING, dtype=np.int8))
        decoded = _WkbReader(buf, starts, sizes).read()
        fallback = np.flatnonzero(~decoded.done & (sizes > 0))
        if not len(fallback):
            return decoded.column
        wkb = np.empty(len(fallback), dtype=object)
        ends = starts + sizes
        wkb[:] = [buf[starts[i] : ends[i]].tobytes() for i in fallback.tolist()]
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
        rest = cls.from_shapely(geoms)
        order = np.argsort(np.concatenate([np.flatnonzero(decoded.done | (sizes == 0)), fallback]))
        kept = decoded.column.take(np.flatnonzero(decoded.done | (sizes == 0)))
        return cls.concatenate([kept, rest]).take(order)

    @classmethod
    def from_points(cls, x: np.ndarray, y: np.ndarray) -> GeometryColumn:
        """One point per row; rows with a NaN coordinate have no geometry."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        ok = np.isfinite(x) & np.isfinite(y)
        types = np.where(ok, POINT, MISSING).astype(np.int8)
        rows = np.flatnonzero(ok)
        offsets = np.arange(len(rows) + 1, dtype=np.int64)
        points = RaggedParts(np.column_stack([x[rows], y[rows]]), offsets, offsets, rows)
        return cls(types, points)

    @classmethod
    def concatenate(cls, columns: list[GeometryColumn]) -> GeometryColumn:
        """The rows of ``columns``, one after the other."""
        shifts = list(np.cumsum([0] + [len(c) for c in columns[:-1]]))
        return cls(
            np.concatenate([c.types for c in columns]) if columns else np.empty(0, np.int8),
            RaggedParts.concatenate([c.points for c in columns], shifts),
            RaggedParts.concatenate([c.lines for c in columns], shifts),
            RaggedParts.concatenate([c.polygons for c in columns], shifts),
        )

    # -- a sequence of geometries -------------------------------------------------------
    def __len__(self) -> int:
        return len(self.types)

    @property
    def size(self) -> int:
        """Number of rows (as ``numpy.ndarray.size``)."""
        return len(self.types)

    def __getitem__(self, key):
        if isinstance(key, (int, np.integer)):
            n = len(self)
            i = int(key) + n if key < 0 else int(key)
            if not 0 <= i < n:
                raise IndexError(f"row {key} of {n}")
            return self.take(np.array([i])).to_shapely()[0]
        rows = np.arange(len(self))[key]
        return self.take(np.atleast_1d(rows)).to_shapely()

    def __iter__(self) -> Iterator:
        return iter(self.to_shapely())

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self.to_shapely()

    def is_missing(self) -> np.ndarray:
        """True for the rows without geometry."""
        return self.types == MISSING

    def to_shapely(self) -> np.ndarray:
        """An object array of shapely geometries, ``None`` for rows without geometry."""
        out = np.full(len(self), None, dtype=object)
        if not len(self):
            return out
        kinds = [
            (self.points, _shapely_points(self.points)),
            (self.lines, _shapely_lines(self.lines)),
            (self.polygons, _shapely_polygons(self.polygons)),
        ]
        single = {POINT: 0, LINESTRING: 1, POLYGON: 2}
        multi = {
            MULTIPOINT: (0, shapely.multipoints),
            MULTILINESTRING: (1, shapely.multilinestrings),
            MULTIPOLYGON: (2, shapely.multipolygons),
        }
        types = self.types
        for kind_type, k in single.items():
            parts, geoms = kinds[k]
            pick = types[parts.rows] == kind_type
            out[parts.rows[pick]] = geoms[pick]
        lines = self.lines
        ring = types[lines.rows] == LINEARRING
        if ring.any():
            out[lines.rows[ring]] = _shapely_rings(lines, np.flatnonzero(ring))
        for kind_type, (k, make) in multi.items():
            parts, geoms = kinds[k]
            pick = types[parts.rows] == kind_type
            _assemble(out, make, geoms[pick], parts.rows[pick])
        pieces = [
            (geoms[types[parts.rows] == COLLECTION], parts.rows[types[parts.rows] == COLLECTION])
            for parts, geoms in kinds
        ]
        if any(len(g) for g, _ in pieces):
            geoms = np.concatenate([g for g, _ in pieces])
            rows = np.concatenate([r for _, r in pieces])
            order = np.argsort(rows, kind="stable")
            _assemble(out, shapely.geometrycollections, geoms[order], rows[order])
        return out

    # -- operations ---------------------------------------------------------------------
    def take(self, rows: np.ndarray) -> GeometryColumn:
        """The column of ``rows`` (indices or a boolean mask), in that order."""
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        rows = rows.astype(np.int64)
        position = np.full(len(self), -1, dtype=np.int64)
        position[rows] = np.arange(len(rows))
        taken = []
        for parts in (self.points, self.lines, self.polygons):
            new_rows = position[parts.rows]
            keep = np.flatnonzero(new_rows >= 0)
            order = keep[np.argsort(new_rows[keep], kind="stable")]
            taken.append(parts.take(order, new_rows[order]))
        return GeometryColumn(self.types[rows], *taken)

    def transformed(self, fn: Callable[[np.ndarray], np.ndarray]) -> GeometryColumn:
        """The same geometries with coordinates ``fn(coords)`` (``(n, 2)`` to ``(n, 2)``).

        ``fn`` is called once, with the coordinates of every part.
        """
        kinds = (self.points, self.lines, self.polygons)
        counts = [len(p.coords) for p in kinds]
        if not sum(counts):
            return self
        coords = np.asarray(fn(np.concatenate([p.coords for p in kinds])), dtype=float)
        cut = np.cumsum(counts)[:-1]
        new = [p.with_coords(c) for p, c in zip(kinds, np.split(coords, cut), strict=True)]
        return GeometryColumn(self.types, *new)

    def coordinates(self) -> np.ndarray:
        """``(n, 2)`` every coordinate of the column (points, lines, then polygons)."""
        return np.concatenate([p.coords for p in (self.points, self.lines, self.polygons)])

    def row_bounds(self) -> np.ndarray:
        """``(n_rows, 4)`` ``xmin, ymin, xmax, ymax`` of each row (NaN without geometry)."""
        out = np.full((len(self), 4), np.nan)
        lo = np.full((len(self), 2), np.inf)
        hi = np.full((len(self), 2), -np.inf)
        for parts in (self.points, self.lines, self.polygons):
            if len(parts):
                b = parts.bounds()
                ok = np.isfinite(b).all(axis=1)
                np.minimum.at(lo, parts.rows[ok], b[ok, :2])
                np.maximum.at(hi, parts.rows[ok], b[ok, 2:])
        found = np.isfinite(lo).all(axis=1)
        out[found, :2] = lo[found]
        out[found, 2:] = hi[found]
        return out

    def total_bounds(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` of every finite coordinate pair (NaN when there is
        none)."""
        lows, highs = [], []
        for parts in (self.points, self.lines, self.polygons):
            coords = parts.coords
            if not np.isfinite(coords).all():  # rare: only then is a filtered copy made
                coords = coords[np.isfinite(coords).all(axis=1)]
            if len(coords):
                # Column by column: thirty times faster than numpy's min(axis=0) of pairs.
                x, y = coords[:, 0], coords[:, 1]
                lows.append((x.min(), y.min()))
                highs.append((x.max(), y.max()))
        if not lows:
            return (np.nan,) * 4
        (xmin, ymin), (xmax, ymax) = np.min(lows, axis=0), np.max(highs, axis=0)
        return float(xmin), float(ymin), float(xmax), float(ymax)

    def all_finite(self) -> bool:
        """Whether every coordinate is a finite number."""
        return all(np.isfinite(p.coords).all() for p in (self.points, self.lines, self.polygons))

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        parts = (self.points, self.lines, self.polygons)
        return self.types.nbytes + sum(p.nbytes for p in parts)


def _object_array(geoms) -> np.ndarray:
    if isinstance(geoms, np.ndarray) and geoms.dtype == object:
        return geoms.ravel()
    items = list(geoms)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _points_of(points: np.ndarray, rows: np.ndarray) -> RaggedParts:
    offsets = np.arange(len(points) + 1, dtype=np.int64)
    coords = shapely.get_coordinates(points).reshape(-1, 2)
    return RaggedParts(coords, offsets, offsets, rows.astype(np.int64))


def _lines_of(lines: np.ndarray, part_rows: np.ndarray, kinds: np.ndarray) -> RaggedParts:
    rows = part_rows[(kinds == LINESTRING) | (kinds == LINEARRING)]
    counts = shapely.get_num_coordinates(lines)
    offsets = np.arange(len(lines) + 1, dtype=np.int64)
    coords = shapely.get_coordinates(lines).reshape(-1, 2)
    return RaggedParts(coords, offsets_from_counts(counts), offsets, rows.astype(np.int64))


def _polygons_of(polygons: np.ndarray, rows: np.ndarray) -> RaggedParts:
    rings, ring_index = shapely.get_rings(polygons, return_index=True)
    ring_counts = np.bincount(ring_index, minlength=len(polygons))
    vertex_counts = shapely.get_num_coordinates(rings)
    coords = shapely.get_coordinates(rings).reshape(-1, 2)
    return RaggedParts(
        coords,
        offsets_from_counts(vertex_counts),
        offsets_from_counts(ring_counts),
        rows.astype(np.int64),
    )


def _vertex_owner(offsets: np.ndarray) -> np.ndarray:
    """For flat items grouped by ``offsets``, the group of each item."""
    return np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))


def _shapely_points(parts: RaggedParts) -> np.ndarray:
    if not len(parts):
        return np.empty(0, dtype=object)
    return shapely.points(parts.coords[parts.ring_offsets[:-1]])


def _shapely_lines(parts: RaggedParts) -> np.ndarray:
    out = np.empty(len(parts), dtype=object)
    if len(parts):
        shapely.linestrings(parts.coords, indices=_vertex_owner(parts.ring_offsets), out=out)
    return out


def _shapely_rings(parts: RaggedParts, which: np.ndarray) -> np.ndarray:
    taken = parts.take(which)
    out = np.empty(len(which), dtype=object)
    shapely.linearrings(taken.coords, indices=_vertex_owner(taken.ring_offsets), out=out)
    return out


def _shapely_polygons(parts: RaggedParts) -> np.ndarray:
    out = np.empty(len(parts), dtype=object)
    if len(parts):
        rings = shapely.linearrings(parts.coords, indices=_vertex_owner(parts.ring_offsets))
        shapely.polygons(rings, indices=_vertex_owner(parts.part_offsets), out=out)
    return out


def _assemble(out: np.ndarray, make, geoms: np.ndarray, rows: np.ndarray) -> None:
    """``out[row] = make(the geometries of that row)`` for each distinct row."""
    if not len(geoms):
        return
    unique, local = np.unique(rows, return_inverse=True)
    made = np.empty(len(unique), dtype=object)
    make(geoms, indices=local.reshape(-1), out=made)
    out[unique] = made


class _Decoded:
    """What :class:`_WkbReader` made: the column, and which rows it decoded."""

    def __init__(self, column: GeometryColumn, done: np.ndarray) -> None:
        self.column = column
        self.done = done


#: Shapely type id of each WKB geometry type (0 is not a WKB type).
_WKB_TO_SHAPELY = (MISSING, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON)


class _WkbReader:
    """Decode many WKB blobs at once with numpy (see :meth:`GeometryColumn.from_wkb`).

    Each blob is read with a cursor per row, one level of structure at a time
    (parts, then rings), vectorised over the rows; every count and offset is
    checked against the blob's end, and a row that does not add up is left to
    shapely. Z and M values (ISO WKB types 1001 to 3006, as GeoPackages hold them)
    are skipped: the column keeps x and y.
    """

    def __init__(self, buf: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> None:
        self.buf = buf
        self.starts = starts
        self.ends = starts + sizes
        self.n = len(starts)
        self.bad = sizes < 5
        #: Per row: the WKB type's thousands (0 for x y, 1 for Z, 2 for M, 3 for Z and M)
        #: and the bytes of one vertex.
        self.dims = np.zeros(self.n, dtype=np.int64)
        self.stride = np.full(self.n, 16, dtype=np.int64)
        #: Per part kind, ring records: (row, part of the row, ring of the part,
        #: start of the coordinates, vertex count).
        self.rings: dict[int, list[tuple[np.ndarray, ...]]] = {POINT: [], LINESTRING: [], 3: []}

    def u32(self, pos: np.ndarray) -> np.ndarray:
        """The little-endian unsigned 32-bit integers at byte offsets ``pos``."""
        if len(self.buf) < 4:
            return np.zeros(len(pos), dtype=np.int64)
        pos = np.clip(pos, 0, len(self.buf) - 4)
        # The buffer seen as an integer starting at every byte: one gather, any alignment.
        words = np.ndarray((len(self.buf) - 3,), dtype="<u4", buffer=self.buf, strides=(1,))
        return words[pos].astype(np.int64)

    def header(self, rows: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """The geometry type at ``pos`` (-1 where not little-endian or past the blob)."""
        inside = pos + 5 <= self.ends[rows]
        little = self.buf[np.clip(pos, 0, len(self.buf) - 1)] == 1
        return np.where(inside & little, self.u32(pos + 1), -1)

    def count(self, rows: np.ndarray, pos: np.ndarray, item_bytes: int) -> np.ndarray:
        """The count at ``pos``; rows whose count cannot fit in the blob are marked bad."""
        n = self.u32(pos)
        wrong = (pos + 4 > self.ends[rows]) | (n * item_bytes > self.ends[rows] - pos - 4)
        self.bad[rows[wrong]] = True
        return np.where(wrong, 0, n)

    def read(self) -> _Decoded:
        rows = np.arange(self.n)
        codes = np.where(self.bad, -1, self.header(rows, self.starts))
        known = (codes >= 0) & (codes < 4000)
        self.dims = np.where(known, codes // 1000, 0)
        self.stride = 16 + 8 * np.array([0, 1, 1, 2])[self.dims]
        types = np.where(known, codes % 1000, -1)
        body = self.starts + 5
        ends = np.full(self.n, -1, dtype=np.int64)
        for wkb_type in range(1, 7):
            pick = np.flatnonzero(types == wkb_type)
            if not len(pick):
                continue
            if wkb_type <= 3:
                part = np.zeros(len(pick), np.int64)
                ends[pick] = self.simple(wkb_type, pick, part, body[pick])
            else:
                ends[pick] = self.multi(wkb_type - 3, pick, body[pick])
        done = (types >= 1) & (types <= 6) & (ends == self.ends) & ~self.bad
        return _Decoded(self.build(types, done), done)

    def simple(self, wkb_type, rows, part, pos) -> np.ndarray:
        """Read the bodies of points (1), lines (2) or polygons (3); return their ends."""
        zero = np.zeros(len(rows), np.int64)
        stride = self.stride[rows]
        if wkb_type == 1:
            self.rings[POINT].append((rows, part, zero, pos, np.ones_like(pos)))
            return pos + stride
        if wkb_type == 2:
            n = self.count(rows, pos, stride)
            self.bad[rows[n == 1]] = True  # a line of one vertex: shapely refuses it
            self.rings[LINESTRING].append((rows, part, zero, pos + 4, n))
            return pos + 4 + stride * n
        n_rings = self.count(rows, pos, 4)
        pos = pos + 4
        for k in range(int(n_rings.max()) if len(n_rings) else 0):
            active = np.flatnonzero(n_rings > k)
            at = pos[active]
            n = self.count(rows[active], at, stride[active])
            self.bad[rows[active][(n > 0) & (n < 4)]] = True  # not a ring
            self.rings[3].append((rows[active], part[active], np.full(len(active), k), at + 4, n))
            pos[active] = at + 4 + stride[active] * n
            n_rings[active[self.bad[rows[active]]]] = 0  # stop reading a bad blob
        return pos

    def multi(self, kind, rows, pos) -> np.ndarray:
        """Read multi-points (1), multi-lines (2) or multi-polygons (3); return their ends."""
        n_parts = self.count(rows, pos, 9)
        pos = pos + 4
        for j in range(int(n_parts.max()) if len(n_parts) else 0):
            active = np.flatnonzero((n_parts > j) & ~self.bad[rows])
            if not len(active):
                break
            at = pos[active]
            wrong = self.header(rows[active], at) != kind + 1000 * self.dims[rows[active]]
            self.bad[rows[active[wrong]]] = True
            active, at = active[~wrong], at[~wrong]
            pos[active] = self.simple(kind, rows[active], np.full(len(active), j), at + 5)
        return pos

    def coordinates(self, start: np.ndarray, count: np.ndarray, stride: np.ndarray) -> np.ndarray:
        """The x, y of ``count`` vertices of ``stride`` bytes at byte offsets ``start``,
        concatenated.

        The buffer is viewed as 16-byte records starting at every byte, so each pair is
        gathered as one record whatever its alignment.
        """
        offsets = offsets_from_counts(count)
        total = int(offsets[-1])
        if total == 0 or len(self.buf) < 16:
            return np.empty((0, 2))
        if (stride == 16).all():  # x y only: one repeat fewer
            at = np.repeat(start - 16 * offsets[:-1], count) + 16 * np.arange(total)
        else:
            step = np.repeat(stride, count)
            at = np.repeat(start, count) + step * (
                np.arange(total, dtype=np.int64) - np.repeat(offsets[:-1], count)
            )
        records = np.ndarray(
            shape=(len(self.buf) - 15,), dtype=np.dtype("V16"), buffer=self.buf, strides=(1,)
        )
        return records[at].view("<f8").reshape(-1, 2)

    def build(self, types: np.ndarray, done: np.ndarray) -> GeometryColumn:
        kinds = []
        for kind in (POINT, LINESTRING, 3):
            records = self.rings[kind]
            if not records:
                kinds.append(RaggedParts.empty())
                continue
            rows, part, ring, start, count = (np.concatenate(c) for c in zip(*records, strict=True))
            keep = done[rows] & (count > 0)
            order = np.lexsort((ring[keep], part[keep], rows[keep]))
            rows, part, start, count = (a[keep][order] for a in (rows, part, start, count))
            coords = self.coordinates(start, count, self.stride[rows])
            new_part = np.ones(len(rows), dtype=bool)
            new_part[1:] = (rows[1:] != rows[:-1]) | (part[1:] != part[:-1])
            part_offsets = np.append(np.flatnonzero(new_part), len(rows)).astype(np.int64)
            parts = RaggedParts(
                coords, offsets_from_counts(count), part_offsets, rows[new_part].astype(np.int64)
            )
            if kind == POINT:
                parts = _without_empty_points(parts)
            kinds.append(parts)
        has_parts = np.zeros(self.n, dtype=bool)
        for parts in kinds:
            has_parts[parts.rows] = True
        shapely_type = np.array(_WKB_TO_SHAPELY)
        row_types = np.where(done & has_parts, shapely_type[np.clip(types, 0, 6)], MISSING)
        row_types = row_types.astype(np.int8)
        return GeometryColumn(row_types, *kinds)


def _without_empty_points(parts: RaggedParts) -> RaggedParts:
    """WKB writes an empty point as NaN coordinates: no part."""
    keep = np.flatnonzero(np.isfinite(parts.coords).all(axis=1))
    return parts if len(keep) == len(parts) else parts.take(keep)
