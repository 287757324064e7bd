"""Framing an exported map on the basemap: never past the edge of the land data.

The basemap's land is a polygon clipped to a box around the cluster: past the box's
edges where the land reaches them (west, south and east; the north edge is at sea),
a map would show sea where there is land. A page whose shape adds room around the
extent asked for places that room on the side where there is still land.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import shapely

if TYPE_CHECKING:
    from dkgis.model.layer import Layer

#: Width of the strip along an edge of the land's box (a share of the box's width or
#: height) and the share of it that land must cover for the land data to have been
#: clipped there (a coast that only touches a corner of the box is not an edge).
EDGE_STRIP = 0.002
EDGE_COVER = 0.2


def land_edges(layer: Layer) -> tuple[float, float, float, float, tuple[bool, bool, bool, bool]]:
    """The box of the land ``layer`` (EPSG:3857) and, for its west, south, east and north
    sides, whether the land reaches that side (the data was clipped there)."""
    xmin, ymin, xmax, ymax = layer.bounds_mercator()
    if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
        return xmin, ymin, xmax, ymax, (False, False, False, False)
    land = shapely.union_all(layer.mercator_geometry())
    sx, sy = (xmax - xmin) * EDGE_STRIP, (ymax - ymin) * EDGE_STRIP
    strips = (
        shapely.box(xmin, ymin, xmin + sx, ymax),
        shapely.box(xmin, ymin, xmax, ymin + sy),
        shapely.box(xmax - sx, ymin, xmax, ymax),
        shapely.box(xmin, ymax - sy, xmax, ymax),
    )
    reached = tuple(bool(land.intersection(s).area > EDGE_COVER * s.area) for s in strips)
    return xmin, ymin, xmax, ymax, reached  # type: ignore[return-value]


def _shift(low: float, high: float, asked_low: float, asked_high: float, edges) -> float:
    """How far to move the span ``low``–``high`` (which holds ``asked_low``–``asked_high``)
    along one axis so that it stays within the land's ``edges`` (``(edge_low, reaches_low,
    edge_high, reaches_high)``), without losing any of the span asked for."""
    edge_low, reaches_low, edge_high, reaches_high = edges
    past_low = max(0.0, edge_low - low) if reaches_low else 0.0
    past_high = max(0.0, high - edge_high) if reaches_high else 0.0
    if past_low > 0.0 and past_high == 0.0:
        room = (edge_high - high) if reaches_high else math.inf
        return min(past_low, max(0.0, asked_low - low), max(0.0, room))
    if past_high > 0.0 and past_low == 0.0:
        room = (low - edge_low) if reaches_low else math.inf
        return -min(past_high, max(0.0, high - asked_high), max(0.0, room))
    return 0.0


def keep_on_land(
    extent: Sequence[float], asked: Sequence[float], land: Layer, *, across: bool = True
) -> tuple[float, float, float, float]:
    """``extent`` moved (same size) so that it does not go past the edges the ``land``
    reaches, as far as it can while still holding the extent ``asked`` for; north only
    (never down under the title), and east or west only when ``across`` is true."""
    xmin, ymin, xmax, ymax = (float(v) for v in extent)
    bx0, by0, bx1, by1, (west, south, east, north) = land_edges(land)
    if not all(math.isfinite(v) for v in (bx0, by0, bx1, by1)):
        return xmin, ymin, xmax, ymax
    dx = _shift(xmin, xmax, asked[0], asked[2], (bx0, west, bx1, east)) if across else 0.0
    # Only up: the room goes to the top of the map, where the title and the north arrow
    # sit; moving the map down would put the cluster under them.
    dy = max(0.0, _shift(ymin, ymax, asked[1], asked[3], (by0, south, by1, north)))
    return xmin + dx, ymin + dy, xmax + dx, ymax + dy


def past_land_edge(extent: Sequence[float], land: Layer, overshoot: float) -> bool:
    """Whether ``extent`` goes east past the edge of the ``land`` data (where the land
    reaches it) by more than ``overshoot`` (EPSG:3857 metres)."""
    _, _, bx1, _, (_, _, east, _) = land_edges(land)
    return east and math.isfinite(bx1) and float(extent[2]) > bx1 + overshoot
