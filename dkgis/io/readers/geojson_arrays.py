"""GeoJSON coordinates turned into flat arrays, without a shapely object per feature.

A cadastre of 150 000 parcels lists its coordinates as nested JSON lists. Building a
shapely polygon per feature and taking it apart again into the flat arrays of a
:class:`~dkgis.io.geometry_column.GeometryColumn` costs ten seconds; flattening the
lists of all the features of one geometry type at once, with :func:`itertools.chain`
and :func:`numpy.fromiter`, costs a fraction of one.

Only geometries that shapely would build unchanged are flattened here: lists nested
exactly as the type says, positions of two JSON numbers, finite, lines of two positions
or more, rings of four or more that end where they start. Anything else (a ring left
open, a third coordinate, a string for a number, a geometry collection) is left to
the caller, which builds it with shapely as before, with the same result or the same
message.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np

from dkgis.io.geometry_column import (
    LINESTRING,
    MULTILINESTRING,
    MULTIPOINT,
    MULTIPOLYGON,
    POLYGON,
    RaggedParts,
    offsets_from_counts,
)


@dataclass(frozen=True)
class Shape:
    """How the coordinates of one GeoJSON geometry type are nested.

    Attributes
    ----------
    type_id : int
        The shapely type id of the geometry.
    least : tuple of int
        The fewest items of each level of nesting, outermost first (the last level
        counts positions).
    kind : str
        ``"points"``, ``"lines"`` or ``"polygons"``: the parts it is made of.
    rings : bool
        Whether the innermost lists are polygon rings (closed).
    """

    type_id: int
    least: tuple[int, ...]
    kind: str
    rings: bool = False


#: GeoJSON types whose coordinates are flattened here.
SHAPES = {
    "MultiPoint": Shape(MULTIPOINT, (1,), "points"),
    "LineString": Shape(LINESTRING, (2,), "lines"),
    "MultiLineString": Shape(MULTILINESTRING, (1, 2), "lines"),
    "Polygon": Shape(POLYGON, (1, 4), "polygons", rings=True),
    "MultiPolygon": Shape(MULTIPOLYGON, (1, 1, 4), "polygons", rings=True),
}

_NUMBERS = frozenset({float, int})


def nested(
    items: list, depth: int, checked: bool = False
) -> tuple[list[np.ndarray], np.ndarray] | None:
    """The counts of each level of ``items`` and their ``(n, 2)`` coordinates.

    ``items`` are the ``coordinates`` members of geometries of one type, ``depth`` its
    levels of lists above the positions (1 for a LineString, 3 for a MultiPolygon).
    ``None`` when one of them is not lists nested so, down to positions of JSON numbers
    (not booleans), two or three in each position of a geometry (shapely keeps a third,
    the elevation, which the layer leaves out). ``checked``: the decoder checked that
    the positions are pairs of floats.
    """
    # Only the numbers' types are checked: anything else than a list at a level above
    # them has no length (a number, None) or yields texts (a text, an object's keys).
    counts = []
    level = items
    try:
        for _ in range(depth):
            counts.append(np.fromiter(map(len, level), np.int64, len(level)))
            level = list(chain.from_iterable(level))
        if checked:
            return counts, _pairs(level)
        sizes = np.fromiter(map(len, level), np.int64, len(level))
    except TypeError:
        return None
    flat = bool(level) and (sizes == 2).all()
    if level and not flat and not _uniform(counts, sizes):
        return None
    numbers = list(chain.from_iterable(level))
    if not set(map(type, numbers)) <= _NUMBERS:
        return None
    try:
        values = np.fromiter(numbers, float, len(numbers))
    except OverflowError:  # an integer of hundreds of digits
        return None
    if flat or not level:
        return counts, values.reshape(-1, 2)
    starts = offsets_from_counts(sizes)[:-1]
    return counts, np.column_stack([values[starts], values[starts + 1]])


def _uniform(counts: list[np.ndarray], sizes: np.ndarray) -> bool:
    """Whether each geometry's positions all have two, or all three, numbers (shapely
    refuses a geometry mixing them)."""
    if not ((sizes == 2) | (sizes == 3)).all():
        return False
    owner = np.arange(len(counts[0]))
    for level in counts:
        owner = np.repeat(owner, level)
    third = np.zeros(len(counts[0]), dtype=np.int64)
    np.add.at(third, owner, sizes == 3)
    positions = np.bincount(owner, minlength=len(counts[0]))
    return bool(((third == 0) | (third == positions)).all())


#: Positions converted per numpy call: each call holds Python's lock (the GIL), a few
#: milliseconds for this many, so the window keeps answering between two.
POSITIONS_PER_CALL = 100_000


def _pairs(positions: list) -> np.ndarray:
    """``(n, 2)`` floats of positions that are pairs of floats, a slice at a time."""
    xy = np.empty((len(positions), 2))
    for start in range(0, len(positions), POSITIONS_PER_CALL):
        chunk = positions[start : start + POSITIONS_PER_CALL]
        xy[start : start + len(chunk)] = np.fromiter(
            chain.from_iterable(chunk), float, 2 * len(chunk)
        ).reshape(-1, 2)
    return xy


def accepted(shape: Shape, counts: list[np.ndarray], xy: np.ndarray) -> np.ndarray:
    """Which geometries (of :func:`nested`'s result) shapely would build as they are:
    enough items at each level, finite coordinates, closed rings."""
    n = len(counts[0])
    bad = np.zeros(n, dtype=bool)
    owner = np.arange(n)
    for level, least in zip(counts, shape.least, strict=True):
        bad[owner[level < least]] = True
        ring_owner = owner
        owner = np.repeat(owner, level)
    bad[owner[~np.isfinite(xy).all(axis=1)]] = True
    if shape.rings and len(xy):
        sizes = counts[-1]
        full = np.flatnonzero(sizes > 0)
        ends = offsets_from_counts(sizes)
        first, last = xy[ends[:-1][full]], xy[ends[1:][full] - 1]
        bad[ring_owner[full[(first != last).any(axis=1)]]] = True
    return ~bad


def parts(shape: Shape, rows: np.ndarray, counts: list[np.ndarray], xy: np.ndarray) -> RaggedParts:
    """The parts of accepted geometries of one type, each geometry in row ``rows[i]``."""
    rows = np.asarray(rows, dtype=np.int64)
    if shape.kind == "points":  # a multipoint: each position is a part
        single = np.arange(len(xy) + 1, dtype=np.int64)
        return RaggedParts(xy, single, single, np.repeat(rows, counts[0]))
    ring_offsets = offsets_from_counts(counts[-1])
    if shape.kind == "lines":
        part_rows = rows if len(counts) == 1 else np.repeat(rows, counts[0])
        single = np.arange(len(counts[-1]) + 1, dtype=np.int64)
        return RaggedParts(xy, ring_offsets, single, part_rows)
    part_rows = rows if len(counts) == 2 else np.repeat(rows, counts[0])
    return RaggedParts(xy, ring_offsets, offsets_from_counts(counts[-2]), part_rows)


def flatten(
    shape: Shape, coordinates: list, rows: np.ndarray, checked: bool = False
) -> tuple[RaggedParts | None, np.ndarray]:
    """The parts of the geometries of one type that are flattened here, and the rows of
    the others (for shapely).

    Parameters
    ----------
    shape
        Their type (:data:`SHAPES`).
    coordinates
        The ``coordinates`` member of each geometry (anything the file holds).
    rows
        The row of each.
    checked
        Whether the decoder checked that the positions are pairs of floats.
    """
    rows = np.asarray(rows, dtype=np.int64)
    depth = len(shape.least)
    found = nested(coordinates, depth, checked)
    good = np.ones(len(rows), dtype=bool)
    if found is None:  # one geometry at least is not plain: find which, one by one
        good = np.fromiter(
            (nested([c], depth) is not None for c in coordinates), bool, len(coordinates)
        )
        found = nested([c for c, ok in zip(coordinates, good, strict=True) if ok], depth)
    counts, xy = found
    kept = accepted(shape, counts, xy)
    if not kept.all():
        subset = np.flatnonzero(good)[kept]
        good[:] = False
        good[subset] = True
        counts, xy = nested([coordinates[i] for i in subset.tolist()], depth, checked)
    if not good.any():
        return None, rows
    return parts(shape, rows[good], counts, xy), rows[~good]


def merged(pieces: list[RaggedParts]) -> RaggedParts:
    """One set of parts from several whose rows differ, ordered by row."""
    pieces = [p for p in pieces if len(p)]
    if not pieces:
        return RaggedParts.empty()
    if len(pieces) == 1:
        return pieces[0]
    out = RaggedParts.concatenate(pieces, [0] * len(pieces))
    if (np.diff(out.rows) < 0).any():
        out = out.take(np.argsort(out.rows, kind="stable"))
    return out
