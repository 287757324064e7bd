"""Display-only offsets for symbols that share one point.

Many facilities are only located at their commune's point, so several of them
sit exactly on top of each other. For display, the symbols of such a group are
spread on a ring (or concentric rings) around the true point; the data are
never changed. Offsets are in units of the symbol diameter, so the map turns
them into pixels at its own symbol size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from dkgis.symbology.arrays import distinct, unique_inverse

#: Symbols of a group on one ring at most, before a second ring starts.
RING_CAPACITY = 8


def shared_point_groups(xy: np.ndarray, tolerance: float = 1.0) -> np.ndarray:
    """Label the points that share a location.

    Parameters
    ----------
    xy
        ``(n, 2)`` coordinates (NaN rows are never grouped).
    tolerance
        Points whose coordinates round to the same multiple of ``tolerance``
        share a location.

    Returns
    -------
    numpy.ndarray
        ``(n,)`` int: a group number shared by the points of one location with
        two or more points; -1 for points alone (or without coordinates).
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    n = len(xy)
    groups = np.full(n, -1, dtype=int)
    ok = np.isfinite(xy).all(axis=1)
    if ok.sum() < 2:
        return groups
    cells = np.round(xy[ok] / tolerance).astype(np.int64)
    # One integer per cell (exact: the two halves cannot overlap for map coordinates).
    cells -= cells.min(axis=0)
    key = cells[:, 0] * (int(cells[:, 1].max()) + 1) + cells[:, 1]
    _, first, inverse, counts = unique_inverse(key)
    shared = counts[inverse] > 1
    # Renumber the shared locations 0..k-1 in order of first appearance.
    shared_cells = np.flatnonzero(counts > 1)
    renumber = np.full(len(counts), -1, dtype=int)
    renumber[shared_cells[np.argsort(first[shared_cells], kind="stable")]] = np.arange(
        len(shared_cells)
    )
    idx = np.flatnonzero(ok)
    groups[idx[shared]] = renumber[inverse[shared]]
    return groups


def ring_layout(count: int, spacing: float = 1.2) -> np.ndarray:
    """Offsets of ``count`` symbols around a point, in symbol diameters.

    The first symbol is straight above the point and the next ones follow
    clockwise; neighbours on a ring are ``spacing`` diameters apart. More than
    :data:`RING_CAPACITY` symbols fill further, larger rings.

    Returns
    -------
    numpy.ndarray
        ``(count, 2)`` offsets ``(dx, dy)`` with y pointing *up* (map axes).
    """
    if count <= 0:
        return np.empty((0, 2))
    if count == 1:
        return np.zeros((1, 2))
    offsets: list[tuple[float, float]] = []
    remaining = count
    ring = 0
    radius = 0.0
    while remaining:
        capacity = RING_CAPACITY + ring * 6
        k = min(remaining, capacity)
        # Radius so that neighbours are `spacing` apart, and rings `spacing` apart.
        needed = spacing / (2 * math.sin(math.pi / k)) if k > 1 else spacing
        radius = max(needed, radius + spacing) if ring else max(needed, spacing / 2 + 0.1)
        start = math.pi / 2 - (ring * math.pi / k)  # stagger rings
        for j in range(k):
            angle = start - 2 * math.pi * j / k
            offsets.append((radius * math.cos(angle), radius * math.sin(angle)))
        remaining -= k
        ring += 1
    return np.array(offsets)


def group_members(groups: np.ndarray, keys: Sequence[str]) -> np.ndarray:
    """Indices of the points that share a location, sorted by group, then by key.

    Parameters
    ----------
    groups
        Group numbers from :func:`shared_point_groups` (-1: alone).
    keys
        One sort key per point (e.g. the facility id).
    """
    groups = np.asarray(groups)
    members = np.flatnonzero(groups >= 0)
    if not len(members):
        return members
    member_keys = np.array([str(keys[i]) for i in members])
    return members[np.lexsort((member_keys, groups[members]))]


def spread_offsets(
    groups: np.ndarray,
    members: np.ndarray,
    visible: np.ndarray | None = None,
    spacing: float = 1.2,
) -> np.ndarray:
    """Offsets that spread the visible points of each shared location on rings.

    Parameters
    ----------
    groups
        Group numbers from :func:`shared_point_groups`.
    members
        From :func:`group_members` (fixes the order within a group).
    visible
        Points drawn; hidden points take no place on the ring (default: all).
    spacing
        See :func:`ring_layout`.

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` offsets in symbol diameters (y up); zero for points alone,
        hidden, or left alone in their group by the hidden ones.
    """
    groups = np.asarray(groups)
    offsets = np.zeros((len(groups), 2))
    if visible is not None and len(members):
        members = members[np.asarray(visible)[members]]
    if not len(members):
        return offsets
    g = groups[members]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    sizes = np.diff(np.r_[starts, len(g)])
    rank = np.arange(len(g)) - np.repeat(starts, sizes)
    size_of = np.repeat(sizes, sizes)
    for size in distinct(sizes).tolist():
        if size < 2:
            continue
        layout = ring_layout(size, spacing)
        pick = size_of == size
        offsets[members[pick]] = layout[rank[pick]]
    return offsets


def displacement_offsets(
    xy: np.ndarray, keys: Sequence[str], *, tolerance: float = 1.0, spacing: float = 1.2
) -> tuple[np.ndarray, np.ndarray]:
    """Offsets that spread the symbols of points sharing a location.

    Parameters
    ----------
    xy
        ``(n, 2)`` point coordinates.
    keys
        One sort key per point (e.g. the facility id): within a group, symbols
        are placed in the order of their keys, so the layout is deterministic.
    tolerance, spacing
        See :func:`shared_point_groups` and :func:`ring_layout`.

    Returns
    -------
    offsets : numpy.ndarray
        ``(n, 2)`` offsets in symbol diameters (y up); zero for points alone.
    groups : numpy.ndarray
        ``(n,)`` group numbers from :func:`shared_point_groups` (-1: alone).
    """
    groups = shared_point_groups(xy, tolerance)
    if len(keys) != len(groups):
        raise ValueError(f"{len(keys)} keys for {len(groups)} points")
    return spread_offsets(groups, group_members(groups, keys), spacing=spacing), groups
