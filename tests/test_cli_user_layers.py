"""``dkgis export --add-layer``: the user's own files over the exported map, from a script."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from dkgis.symbology.user_palette import USER_PALETTE
from tests.building_factory import write_buildings
from tests.gpkg_factory import make_dataset
from tests.test_snapshot_cli import one_error_line, run

SITE = (2.3768, 51.0343)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The small test dataset (four facilities)."""
    return make_dataset(tmp_path_factory.mktemp("cli") / "small.gpkg")


@pytest.fixture(scope="module")
def buildings(tmp_path_factory):
    """3 000 buildings in Lambert-93, as BD TOPO gives them."""
    return write_buildings(tmp_path_factory.mktemp("layers") / "batiments.gpkg", 3000, seed=2)


def colour_share(path, colour: str) -> float:
    """Share of the image's pixels of ``colour`` (within a few levels)."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    pixels = pixels[:, : image.width()].astype(int)
    want = QColor(colour)
    bgr = np.array([want.blue(), want.green(), want.red()])
    return float((np.abs(pixels[..., :3] - bgr).max(axis=2) <= 8).mean())


def test_a_geopackage_is_drawn_over_the_map_in_the_default_colour(tmp_path, data, buildings):
    png = tmp_path / "map.png"
    result = run(str(png), "--data", str(data), "--size", "800x500", "--add-layer", str(buildings))
    assert result.returncode == 0, result.stderr
    assert colour_share(png, USER_PALETTE[0]) > 0.002
    without = tmp_path / "plain.png"
    assert run(str(without), "--data", str(data), "--size", "800x500").returncode == 0
    assert colour_share(without, USER_PALETTE[0]) < 0.0005


def test_two_files_get_two_colours_and_extent_layers_frames_them(tmp_path, data, buildings):
    png = tmp_path / "two.png"
    other = write_buildings(tmp_path / "annexes.gpkg", 500, seed=9, crs="EPSG:4326")
    result = run(
        str(png),
        "--data",
        str(data),
        "--size",
        "800x500",
        "--hide",
        "sector-legend,size-legend,scale-bar,attribution",
        "--extent",
        "layers",
        "--add-layer",
        str(buildings),
        "--add-layer",
        f"{other}:batiment",
    )
    assert result.returncode == 0, result.stderr
    assert colour_share(png, USER_PALETTE[0]) > 0.01
    assert colour_share(png, USER_PALETTE[1]) > 0.002


def test_a_zoomed_site_shows_the_buildings_as_polygons(tmp_path, data, buildings):
    png = tmp_path / "site.png"
    result = run(
        str(png),
        "--data",
        str(data),
        "--size",
        "800x500",
        "--extent",
        "2.362,51.028,2.392,51.041",
        "--add-layer",
        str(buildings),
    )
    assert result.returncode == 0, result.stderr
    # Outlined polygons in the layer's colour, with the legend naming the layer.
    assert colour_share(png, USER_PALETTE[0]) > 0.002


def test_a_file_without_coordinate_system_needs_layer_crs(tmp_path, data):
    from pyproj import Transformer

    x, y = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True).transform(*SITE)
    csv = tmp_path / "capteurs.csv"
    csv.write_text(f"nom;X;Y\nmairie;{x:.1f};{y:.1f}\n".replace(".", ","), encoding="utf-8")
    png = tmp_path / "capteurs.png"
    result = run(str(png), "--data", str(data), "--add-layer", str(csv))
    line = one_error_line(result)
    assert result.returncode == 2
    assert "capteurs.csv" in line and "--layer-crs" in line and "EPSG:2154" in line
    assert not png.exists()
    extent = "2.36,51.025,2.39,51.04"
    result = run(
        str(png),
        "--data",
        str(data),
        "--size",
        "600x400",
        "--extent",
        extent,
        "--add-layer",
        str(csv),
        "--layer-crs",
        "EPSG:2154",
    )
    assert result.returncode == 0, result.stderr
    assert colour_share(png, USER_PALETTE[0]) > 0.0001


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--add-layer", "{missing}"], "nope.gpkg: file not found"),
        (["--add-layer", "{buildings}", "--add-layer", "{missing}"], "nope.gpkg: file not found"),
        (["--add-layer", "{buildings}:routes"], "no layer 'routes' with geometry"),
        (["--add-layer", "{broken}"], "broken.geojson"),
        (["--layer-crs", "EPSG:999999", "--add-layer", "{buildings}"], "EPSG:999999"),
        (["--layer-crs", "EPSG:2154"], "--layer-crs gives the coordinate system"),
    ],
)
def test_bad_files_layers_and_crs_get_one_line(tmp_path, data, buildings, arguments, expected):
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [ {"type": }]}')
    values = {"missing": tmp_path / "nope.gpkg", "buildings": buildings, "broken": broken}
    args = [a.format(**values) for a in arguments]
    png = tmp_path / "bad.png"
    result = run(str(png), "--data", str(data), *args)
    line = one_error_line(result)
    assert result.returncode == 2
    assert expected in line
    assert not png.exists()


def test_add_layer_is_for_images(tmp_path, data, buildings):
    result = run(str(tmp_path / "map.html"), "--data", str(data), "--add-layer", str(buildings))
    assert "--add-layer applies to .png, .svg and .pdf images only" in one_error_line(result)
