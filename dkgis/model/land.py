"""Where the sea is around a dataset's land polygons (pure, shapely).

A dataset's land layer covers a box around the cluster. A map whose view reaches past
that box (a wide legend or a tall window grows the extent) would show the sea's colour
where the land just stops: a false sea. Both the map's renderer and the HTML map draw
instead the land as it goes on past the box: the sea lies north of the coast, and the
coast goes on west and east at the latitude it reaches on the box's edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import shapely


def _coast_y(land: Any, x: float) -> float | None:
    """The northernmost ``y`` of ``land`` on the vertical line ``x`` (``None``: no land)."""
    miny, maxy = land.bounds[1], land.bounds[3]
    cut = land.intersection(shapely.LineString([(x, miny - 1), (x, maxy + 1)]))
    return None if cut.is_empty else float(cut.bounds[3])


def sea_around(land_geoms: Iterable[Any], margin: float) -> Any | None:
    """The sea around the land polygons, as far as ``margin`` (in their units) past their
    box, north, west and east (never south of it); ``None`` without land.

    Inside the box the sea is whatever the land does not cover; west and east of it, the
    sea is north of the coast's latitude on the box's edge.
    """
    parts = [g for g in land_geoms if g is not None and not g.is_empty]
    if not parts:
        return None
    land = shapely.union_all(parts)
    minx, miny, maxx, maxy = land.bounds
    step = (maxx - minx) * 1e-6
    sea = shapely.box(minx, miny, maxx, maxy + margin).difference(land)
    for inside, left, right in (
        (minx + step, minx - margin, minx),
        (maxx - step, maxx, maxx + margin),
    ):
        coast = _coast_y(land, inside)
        sea = sea.union(shapely.box(left, miny if coast is None else coast, right, maxy + margin))
    return sea


def land_around(land_geoms: Iterable[Any], margin: float) -> Any | None:
    """The land polygons with the land that goes on past their box, as far as ``margin``
    (everything within that distance of the box that :func:`sea_around` leaves out);
    ``None`` without land."""
    sea = sea_around(land_geoms, margin)
    if sea is None:
        return None
    minx, miny, maxx, maxy = shapely.union_all(
        [g for g in land_geoms if g is not None and not g.is_empty]
    ).bounds
    return shapely.box(minx - margin, miny - margin, maxx + margin, maxy + margin).difference(sea)


def coast_of(land_geoms: Iterable[Any]) -> Any | None:
    """The outline of the land polygons without the edges of their box (where the
    layer stops, not where the land does); ``None`` without land."""
    parts = [g for g in land_geoms if g is not None and not g.is_empty]
    if not parts:
        return None
    land = shapely.union_all(parts)
    minx, miny, maxx, maxy = land.bounds
    edge = shapely.box(minx, miny, maxx, maxy).exterior.buffer(max(maxx - minx, maxy - miny) * 1e-7)
    return land.boundary.difference(edge)
