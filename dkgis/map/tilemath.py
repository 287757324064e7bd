"""The EPSG:3857 tile matrix of XYZ web maps ("Google" / OSM tiling), as plain arithmetic.

Tile ``(z, x, y)`` covers a square of ``2 * HALF_WORLD / 2**z`` metres; ``x`` grows
eastwards from the antimeridian, ``y`` southwards from the top (about 85.05° N).
"""

from __future__ import annotations

import math
from typing import NamedTuple

#: Half the width of the EPSG:3857 world square, in metres.
HALF_WORLD = 20037508.342789244
#: Pixels along a tile's side.
TILE_SIZE = 256
#: Metres per pixel of zoom level 0.
RESOLUTION_Z0 = 2 * HALF_WORLD / TILE_SIZE


class TileKey(NamedTuple):
    """One tile of the matrix."""

    z: int
    x: int
    y: int

    def parent(self, levels: int = 1) -> TileKey:
        """The tile ``levels`` zoom levels up that contains this one."""
        return TileKey(self.z - levels, self.x >> levels, self.y >> levels)

    def children(self) -> tuple[TileKey, TileKey, TileKey, TileKey]:
        """The four tiles of the next zoom level inside this one."""
        z, x, y = self.z + 1, 2 * self.x, 2 * self.y
        return (
            TileKey(z, x, y),
            TileKey(z, x + 1, y),
            TileKey(z, x, y + 1),
            TileKey(z, x + 1, y + 1),
        )


def tile_span(z: int) -> float:
    """Side of a tile of zoom ``z``, in metres."""
    return 2 * HALF_WORLD / (1 << z)


def tile_bounds(key: TileKey) -> tuple[float, float, float, float]:
    """``(xmin, ymin, xmax, ymax)`` of a tile in EPSG:3857 metres."""
    span = tile_span(key.z)
    xmin = -HALF_WORLD + key.x * span
    ymax = HALF_WORLD - key.y * span
    return (xmin, ymax - span, xmin + span, ymax)


def zoom_for_resolution(metres_per_pixel: float, min_zoom: int = 0, max_zoom: int = 19) -> int:
    """The zoom level whose tiles best match ``metres_per_pixel`` on screen.

    The nearest level in the logarithmic sense, so tiles are drawn between
    0.71x and 1.41x their native size, clamped to ``[min_zoom, max_zoom]``.
    """
    if not (metres_per_pixel > 0 and math.isfinite(metres_per_pixel)):
        return min_zoom
    z = round(math.log2(RESOLUTION_Z0 / metres_per_pixel))
    return max(min_zoom, min(max_zoom, z))


def tiles_in_extent(
    extent: tuple[float, float, float, float], z: int, margin: int = 0
) -> list[TileKey]:
    """The tiles of zoom ``z`` that intersect ``extent`` (EPSG:3857), plus ``margin`` rings.

    Tiles outside the world square are left out. The list is ordered from the
    centre of the extent outwards, the order in which to fetch them.
    """
    xmin, ymin, xmax, ymax = extent
    n = 1 << z
    span = tile_span(z)
    x0 = math.floor((xmin + HALF_WORLD) / span) - margin
    x1 = math.floor((xmax + HALF_WORLD) / span) + margin
    y0 = math.floor((HALF_WORLD - ymax) / span) - margin
    y1 = math.floor((HALF_WORLD - ymin) / span) + margin
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, n - 1), min(y1, n - 1)
    if x1 < x0 or y1 < y0:
        return []
    cx = ((xmin + xmax) / 2 + HALF_WORLD) / span
    cy = (HALF_WORLD - (ymin + ymax) / 2) / span
    keys = [TileKey(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
    keys.sort(key=lambda k: (k.x + 0.5 - cx) ** 2 + (k.y + 0.5 - cy) ** 2)
    return keys
