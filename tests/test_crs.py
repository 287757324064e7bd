"""Conversions between longitude/latitude and Web Mercator (pure numpy, no pyproj)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, box

from dkgis.model.crs import (
    EARTH_RADIUS,
    MAX_LATITUDE,
    lonlat_to_mercator,
    mercator_scale_factor,
    mercator_to_lonlat,
    mercator_y_to_lat,
    project_geometry,
)


def test_known_value_in_dunkerque():
    # Reference values from pyproj (EPSG:4326 -> EPSG:3857, always_xy).
    x, y = lonlat_to_mercator(2.3, 51.03)
    assert x == pytest.approx(256034.82882452922, abs=1e-6)
    assert y == pytest.approx(6626602.09199336, abs=1e-6)


def test_matches_pyproj_over_the_area():
    pyproj = pytest.importorskip("pyproj")
    transformer = pyproj.Transformer.from_crs(4326, 3857, always_xy=True)
    lon, lat = np.meshgrid(np.linspace(1.95, 2.70, 7), np.linspace(50.85, 51.12, 5))
    x, y = lonlat_to_mercator(lon, lat)
    ex, ey = transformer.transform(lon, lat)
    np.testing.assert_allclose(x, ex, atol=1e-6)
    np.testing.assert_allclose(y, ey, atol=1e-6)


def test_floats_in_floats_out_arrays_in_arrays_out():
    x, y = lonlat_to_mercator(2.3, 51.03)
    assert type(x) is float and type(y) is float
    lon, lat = mercator_to_lonlat(x, y)
    assert type(lon) is float and type(lat) is float
    xs, ys = lonlat_to_mercator(np.array([2.3, 2.4]), np.array([51.0, 51.1]))
    assert isinstance(xs, np.ndarray) and xs.shape == (2,) and ys.shape == (2,)
    xs, ys = lonlat_to_mercator([2.3], [51.0])  # sequences count as arrays
    assert isinstance(xs, np.ndarray)


@pytest.mark.parametrize(("lon", "lat"), [(0, 0), (2.3, 51.03), (-179.9, -60), (179.9, 80)])
def test_round_trip_scalars(lon, lat):
    back = mercator_to_lonlat(*lonlat_to_mercator(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-9)


def test_round_trip_arrays():
    rng = np.random.default_rng(1)
    lon = rng.uniform(-180, 180, 1000)
    lat = rng.uniform(-85, 85, 1000)
    back_lon, back_lat = mercator_to_lonlat(*lonlat_to_mercator(lon, lat))
    np.testing.assert_allclose(back_lon, lon, atol=1e-9)
    np.testing.assert_allclose(back_lat, lat, atol=1e-9)
    x = rng.uniform(-2e7, 2e7, 1000)
    y = rng.uniform(-2e7, 2e7, 1000)
    back_x, back_y = lonlat_to_mercator(*mercator_to_lonlat(x, y))
    np.testing.assert_allclose(back_x, x, atol=1e-6)
    np.testing.assert_allclose(back_y, y, atol=1e-6)


def test_origin_and_world_edges():
    assert lonlat_to_mercator(0.0, 0.0) == (0.0, 0.0)
    x, y = lonlat_to_mercator(180.0, MAX_LATITUDE)
    assert x == pytest.approx(math.pi * EARTH_RADIUS)
    assert y == pytest.approx(math.pi * EARTH_RADIUS, rel=1e-9)  # the square world


def test_poles_are_clamped_not_infinite():
    _, y_north = lonlat_to_mercator(0.0, 90.0)
    _, y_south = lonlat_to_mercator(0.0, -90.0)
    assert math.isfinite(y_north) and math.isfinite(y_south)
    assert y_north == pytest.approx(-y_south)


def test_scale_factor():
    assert mercator_scale_factor(0.0) == pytest.approx(1.0)
    assert mercator_scale_factor(60.0) == pytest.approx(2.0)
    # About 1.59 map metres per true metre at Dunkerque (0.63 the other way round).
    assert mercator_scale_factor(51.03) == pytest.approx(1.5900440545801, rel=1e-12)
    assert 1 / mercator_scale_factor(51.03) == pytest.approx(0.6289, abs=1e-4)
    assert math.isfinite(mercator_scale_factor(90.0))


def test_scale_factor_matches_the_projection():
    # Moving 1 m north at 51° N moves the projected y by the scale factor.
    lat = 51.03
    dlat = 1.0 / (EARTH_RADIUS * math.pi / 180.0)
    _, y0 = lonlat_to_mercator(2.3, lat)
    _, y1 = lonlat_to_mercator(2.3, lat + dlat)
    assert y1 - y0 == pytest.approx(mercator_scale_factor(lat), rel=1e-6)


def test_mercator_y_to_lat():
    _, y = lonlat_to_mercator(2.3, 51.03)
    assert mercator_y_to_lat(y) == pytest.approx(51.03)


def test_project_geometry_keeps_types_and_none():
    geoms = np.array(
        [
            Point(2.3, 51.03),
            LineString([(2.2, 51.0), (2.3, 51.05)]),
            MultiPolygon([box(2.2, 51.0, 2.3, 51.05)]),
            None,
        ],
        dtype=object,
    )
    projected = project_geometry(geoms)
    assert projected is not geoms
    assert [g.geom_type if g is not None else None for g in projected] == [
        "Point",
        "LineString",
        "MultiPolygon",
        None,
    ]
    assert (projected[0].x, projected[0].y) == pytest.approx(lonlat_to_mercator(2.3, 51.03))
    xmin, ymin, xmax, ymax = projected[2].bounds
    assert (xmin, ymin) == pytest.approx(lonlat_to_mercator(2.2, 51.0))
    assert (xmax, ymax) == pytest.approx(lonlat_to_mercator(2.3, 51.05))
    # the input is untouched
    assert geoms[0].equals(Point(2.3, 51.03))


def test_project_geometry_of_nothing():
    assert project_geometry(np.empty(0, dtype=object)).shape == (0,)
    assert project_geometry([]).shape == (0,)


def test_project_geometry_drops_z():
    (projected,) = project_geometry([Point(2.3, 51.03, 12.0)])
    assert not shapely.has_z(projected)
