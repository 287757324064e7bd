"""The EPSG:3857 tile matrix, checked against the slippy-map formulas of OSM."""

from __future__ import annotations

import math

import pytest

from dkgis.map.tilemath import (
    HALF_WORLD,
    RESOLUTION_Z0,
    TileKey,
    tile_bounds,
    tile_span,
    tiles_in_extent,
    zoom_for_resolution,
)
from dkgis.model.crs import lonlat_to_mercator


def osm_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The tile containing a point, by the formula of the OSM wiki (from lon/lat)."""
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    lat_r = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n)
    return x, y


@pytest.mark.parametrize("z", [0, 5, 10, 12, 15, 18])
def test_tile_of_dunkerque_matches_the_osm_formula(z):
    lon, lat = 2.3768, 51.0343
    x, y = lonlat_to_mercator(lon, lat)
    keys = tiles_in_extent((x - 1, y - 1, x + 1, y + 1), z)
    assert len(keys) == 1
    assert (keys[0].x, keys[0].y) == osm_tile(lon, lat, z)
    xmin, ymin, xmax, ymax = tile_bounds(keys[0])
    assert xmin <= x <= xmax and ymin <= y <= ymax
    assert xmax - xmin == pytest.approx(tile_span(z))


def test_zoom_level_follows_the_resolution():
    assert zoom_for_resolution(RESOLUTION_Z0) == 0
    for z in range(1, 20):
        assert zoom_for_resolution(RESOLUTION_Z0 / 2**z) == z
        # Within a factor 1.3 the nearest level is still z.
        assert zoom_for_resolution(RESOLUTION_Z0 / 2**z * 1.3) == z
        assert zoom_for_resolution(RESOLUTION_Z0 / 2**z / 1.3) == z
    assert zoom_for_resolution(0.001, max_zoom=16) == 16
    assert zoom_for_resolution(1e9, min_zoom=3) == 3
    assert zoom_for_resolution(float("nan")) == 0


def test_tiles_cover_the_extent_from_the_centre_outwards():
    extent = (230000.0, 6600000.0, 280000.0, 6640000.0)
    keys = tiles_in_extent(extent, 12)
    xs = sorted({k.x for k in keys})
    ys = sorted({k.y for k in keys})
    assert len(keys) == len(xs) * len(ys)  # a full rectangle
    union = (
        tile_bounds(TileKey(12, xs[0], ys[-1]))[0],
        tile_bounds(TileKey(12, xs[0], ys[-1]))[1],
        tile_bounds(TileKey(12, xs[-1], ys[0]))[2],
        tile_bounds(TileKey(12, xs[-1], ys[0]))[3],
    )
    assert union[0] <= extent[0] and union[1] <= extent[1]
    assert union[2] >= extent[2] and union[3] >= extent[3]
    cx, cy = (extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2

    def distance(k):
        b = tile_bounds(k)
        return math.hypot((b[0] + b[2]) / 2 - cx, (b[1] + b[3]) / 2 - cy)

    distances = [distance(k) for k in keys]
    assert distances == sorted(distances)
    ring = tiles_in_extent(extent, 12, margin=1)
    assert len(ring) == (len(xs) + 2) * (len(ys) + 2)


def test_tiles_stay_inside_the_world():
    world = (-HALF_WORLD * 3, -HALF_WORLD * 3, HALF_WORLD * 3, HALF_WORLD * 3)
    assert len(tiles_in_extent(world, 2, margin=2)) == 16
    assert tiles_in_extent((HALF_WORLD * 2, 0, HALF_WORLD * 3, 1), 3) == []


def test_parents_and_children_nest():
    key = TileKey(12, 2071, 1360)
    for child in key.children():
        assert child.parent() == key
        cb, kb = tile_bounds(child), tile_bounds(key)
        assert kb[0] <= cb[0] and cb[2] <= kb[2] and kb[1] <= cb[1] and cb[3] <= kb[3]
    assert key.parent(3) == TileKey(9, 2071 >> 3, 1360 >> 3)
