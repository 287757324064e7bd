"""The numpy conversion of Lambert conformal conic coordinates equals PROJ's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dkgis.io.readers.crs import ConicConformal, lonlat_converter

#: Metres per degree of latitude (and of longitude at the equator, an upper bound).
METRES_PER_DEGREE = 111_320.0


@pytest.mark.parametrize(
    ("code", "box"),
    [
        ("EPSG:2154", (-400_000, 5_800_000, 1_500_000, 7_300_000)),  # Lambert-93, and beyond
        ("EPSG:3949", (1_300_000, 7_800_000, 2_200_000, 8_700_000)),  # CC49, Dunkerque's zone
        ("EPSG:3942", (1_000_000, 1_000_000, 2_300_000, 1_400_000)),  # CC42, Corsica's
    ],
)
def test_conic_projections_of_rgf93_match_proj_to_the_millimetre(code, box):
    from pyproj import Transformer

    transformer = Transformer.from_crs(code, "EPSG:4326", always_xy=True)
    conic = ConicConformal.of_pipeline(transformer.definition)
    assert conic is not None
    rng = np.random.default_rng(3)
    x = rng.uniform(box[0], box[2], 20_000)
    y = rng.uniform(box[1], box[3], 20_000)
    lon, lat = conic.to_lonlat(x, y)
    ref_lon, ref_lat = transformer.transform(x, y)
    assert np.abs(lat - ref_lat).max() * METRES_PER_DEGREE < 1e-3
    assert np.abs(lon - ref_lon).max() * METRES_PER_DEGREE < 1e-3
    converted = lonlat_converter(Path("f.gpkg"), code)(x, y)
    assert np.array_equal(converted[0], lon) and np.array_equal(converted[1], lat)


@pytest.mark.parametrize("code", ["EPSG:27572", "EPSG:32631", "EPSG:3857", "EPSG:2972"])
def test_other_projections_are_left_to_proj(code):
    """Lambert II étendu (a datum shift), UTM, Web Mercator, a conic on another ellipsoid."""
    from pyproj import Transformer

    transformer = Transformer.from_crs(code, "EPSG:4326", always_xy=True)
    assert ConicConformal.of_pipeline(transformer.definition) is None


def test_nan_stays_nan_and_a_known_point():
    convert = lonlat_converter(Path("f.gpkg"), "EPSG:2154")
    lon, lat = convert(np.array([np.nan, 700_000.0]), np.array([1.0, 6_600_000.0]))
    assert np.isnan(lon[0]) and np.isnan(lat[0])
    assert lon[1] == pytest.approx(3.0, abs=1e-9) and lat[1] == pytest.approx(46.5, abs=1e-9)
