"""Files that used to crash or mislead the readers: each gets a clear DatasetError or loads."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import Point

from dkgis.io.errors import DatasetError
from dkgis.io.readers import CrsRequired, ReadOptions, inspect_file, read_file
from tests.test_user_readers import lambert93, write_shapefile, zip_folder

DUNKERQUE = (2.3768, 51.0343)


def run_with_timeout(fn, seconds: float = 10.0, release: Path | None = None):
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it blocks.

    ``release`` is a named pipe opened for writing on a timeout, so that a reader
    blocked on it returns and the thread ends.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as err:  # handed to the test
            outcome["error"] = err

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if release is not None:
            fd = os.open(release, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        thread.join(5)
        pytest.fail(f"still reading after {seconds} s: the file should be refused at once")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


# -- inspection errors (issue item 3) -----------------------------------------------------


def test_a_csv_field_longer_than_128_kb_is_read(tmp_path):
    note = "Façade " + "x" * 140_000  # over the csv module's default limit of 131,072 characters
    path = tmp_path / "long-note.csv"
    path.write_text(f"nom;lon;lat;note\nMairie;2,3768;51,0343;{note}\n", encoding="utf-8")
    info = inspect_file(path)
    assert info.csv.x_column == "lon"
    data = read_file(path)
    assert data.table.columns["note"] == [note]


def test_a_csv_row_longer_than_the_sniffed_part_is_read(tmp_path):
    path = tmp_path / "long-row.csv"
    note = "x" * 400_000
    path.write_text(f"nom;lon;lat;note\na;2,3768;51,0343;{note}\nb;2,1;51,0;court\n")
    inspect_file(path)  # the first data row is not complete in the sample: not "no data"
    data = read_file(path)
    assert data.table.columns["nom"] == ["a", "b"]


def set_utf8_flag_and_bad_name(path: Path, name: bytes) -> None:
    """Mark every entry's name as UTF-8 and make ``name`` invalid UTF-8 (same length)."""
    raw = bytearray(path.read_bytes())
    bad = b"\xff" + name[1:]
    at = raw.find(name)
    while at >= 0:
        raw[at : at + len(name)] = bad
        at = raw.find(name, at + 1)
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        raw[central + 9] |= 0x08  # general purpose bit 11: names are UTF-8
        central = raw.find(b"PK\x01\x02", central + 1)
    path.write_bytes(bytes(raw))


def test_a_zip_with_a_name_that_is_not_utf8(tmp_path):
    write_shapefile(tmp_path / "shp", "batiments", "EPSG:2154")
    path = zip_folder(tmp_path / "shp", tmp_path / "noms.zip")
    set_utf8_flag_and_bad_name(path, b"donnees/batiments.shp")
    with pytest.raises(DatasetError) as err:
        inspect_file(path)
    assert "noms.zip" in str(err.value)
    assert "file name in it is not valid UTF-8" in err.value.problem


def test_a_zip_of_a_version_python_cannot_read(tmp_path):
    write_shapefile(tmp_path / "shp", "batiments", "EPSG:2154")
    path = zip_folder(tmp_path / "shp", tmp_path / "version.zip")
    raw = bytearray(path.read_bytes())
    central = raw.find(b"PK\x01\x02")
    raw[central + 6] = 99  # "version needed to extract": 9.9
    path.write_bytes(bytes(raw))
    with pytest.raises(DatasetError) as err:
        inspect_file(path)
    assert "version.zip" in str(err.value)
    assert "uses a feature dkgis cannot read" in err.value.problem


def test_a_zipped_shapefile_with_an_unknown_compression(tmp_path):
    write_shapefile(tmp_path / "shp", "batiments", "EPSG:2154")
    path = zip_folder(tmp_path / "shp", tmp_path / "aes.zip")
    raw = bytearray(path.read_bytes())
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        raw[central + 10] = 99  # compression method 99 (AES), which GDAL does not read
        central = raw.find(b"PK\x01\x02", central + 1)
    path.write_bytes(bytes(raw))
    with pytest.raises(DatasetError) as err:
        inspect_file(path)
    assert "compressed with a method dkgis cannot read (method 99)" in err.value.problem


# -- unexpected errors of the readers (issue item 4) ----------------------------------------


def test_a_french_csv_with_thousands_separators_and_an_empty_cell(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    thousands = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    path = tmp_path / "milliers.csv"
    path.write_text(
        f"nom;x_l93;y_l93\nMairie;{thousands};{y:.2f}\nVide;;\n".replace(".", ","),
        encoding="utf-8",
    )
    data = read_file(path)
    assert data.table.geometry[0].x == pytest.approx(DUNKERQUE[0], abs=1e-6)
    assert data.table.geometry[1] is None and data.rows_without_geometry == 1


def test_a_csv_utf8_at_first_with_a_later_byte_windows_cannot_decode(tmp_path):
    path = tmp_path / "melange.csv"
    head = "nom;lon;lat\n" + "Écluse;2,3;51,0\n" * 20_000  # 320 KB of UTF-8
    path.write_bytes(head.encode("utf-8") + b"caf\x81;2,4;51,1\n")  # 0x81: undefined in cp1252
    data = read_file(path)
    assert len(data) == 20_001
    assert data.table.geometry[-1].x == pytest.approx(2.4)


@pytest.mark.parametrize(
    "doc",
    [
        {"type": ["FeatureCollection"], "features": []},
        {"type": {"x": 1}},
    ],
)
def test_a_geojson_whose_type_is_not_text(tmp_path, doc):
    path = tmp_path / "type.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert "type.geojson" in str(err.value) and "unknown top-level type" in err.value.problem


def test_a_geojson_feature_whose_geometry_type_is_a_list(tmp_path):
    good = {
        "type": "Feature",
        "properties": {"n": 1},
        "geometry": Point(*DUNKERQUE).__geo_interface__,
    }
    bad = {"type": "Feature", "properties": {"n": 2}, "geometry": {"type": ["Point"]}}
    path = tmp_path / "liste.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [good, bad]}))
    data = read_file(path)
    assert data.table.columns["n"] == [1]
    assert data.warnings == ('1 feature skipped: #2 ("geometry" is not a GeoJSON geometry)',)


# -- special files (issue item 7) -----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
@pytest.mark.parametrize("name", ["points.csv", "zones.geojson", "couches.gpkg", "archive.zip"])
def test_a_named_pipe_is_refused_at_once(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    with pytest.raises(DatasetError) as err:
        run_with_timeout(lambda: inspect_file(path), release=path)
    assert name in str(err.value)
    assert "named pipe" in err.value.problem
    with pytest.raises(DatasetError, match="named pipe"):
        run_with_timeout(lambda: read_file(path), release=path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_device_is_refused_at_once(tmp_path):
    for path in (Path("/dev/zero"), tmp_path / "zero.geojson"):
        if path.parent == tmp_path:
            path.symlink_to("/dev/zero")
        with pytest.raises(DatasetError) as err:
            run_with_timeout(lambda p=path: read_file(p))
        assert "device" in err.value.problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_shapefile_whose_attribute_file_is_a_pipe_is_refused(tmp_path):
    path = write_shapefile(tmp_path / "shp", "routes", "EPSG:2154")
    dbf = path.with_suffix(".dbf")
    dbf.unlink()
    os.mkfifo(dbf)
    with pytest.raises(DatasetError) as err:
        run_with_timeout(lambda: read_file(path), release=dbf)
    assert "routes.dbf is not a regular file" in err.value.problem


# -- GeoPackages without vector layers (issue item 9) ---------------------------------------


def empty_geopackage(path: Path) -> Path:
    import geopandas as gpd

    gpd.GeoDataFrame({"a": [1]}, geometry=[Point(*DUNKERQUE)], crs=4326).to_file(path, layer="t")
    with sqlite3.connect(path) as con:
        con.execute("DROP TABLE t")
        con.execute("DELETE FROM gpkg_geometry_columns")
        con.execute("DELETE FROM gpkg_contents")
    return path


def raster_geopackage(path: Path) -> Path:
    """A GeoPackage holding one table of map tiles (as GDAL writes a raster), no vector."""
    empty_geopackage(path)
    with sqlite3.connect(path) as con:
        con.executescript(
            """
            CREATE TABLE IF NOT EXISTS gpkg_tile_matrix_set (table_name TEXT PRIMARY KEY,
                srs_id INTEGER, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE);
            CREATE TABLE IF NOT EXISTS gpkg_tile_matrix (table_name TEXT, zoom_level INTEGER,
                matrix_width INTEGER, matrix_height INTEGER, tile_width INTEGER,
                tile_height INTEGER, pixel_x_size DOUBLE, pixel_y_size DOUBLE,
                PRIMARY KEY (table_name, zoom_level));
            CREATE TABLE orthophoto (id INTEGER PRIMARY KEY AUTOINCREMENT, zoom_level INTEGER,
                tile_column INTEGER, tile_row INTEGER, tile_data BLOB,
                UNIQUE (zoom_level, tile_column, tile_row));
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
                VALUES ('orthophoto', 'tiles', 'orthophoto', 4326);
            INSERT INTO gpkg_tile_matrix_set VALUES ('orthophoto', 4326, -180, -90, 180, 90);
            INSERT INTO gpkg_tile_matrix VALUES ('orthophoto', 0, 2, 1, 256, 256, 0.7, 0.7);
            """
        )
    return path


def test_a_raster_only_geopackage_says_it_has_no_vector_layer(tmp_path):
    path = raster_geopackage(tmp_path / "ortho.gpkg")
    with pytest.raises(DatasetError) as err:
        inspect_file(path)
    assert "ortho.gpkg" in str(err.value)
    assert "only raster data (orthophoto) and no vector layer" in err.value.problem
    assert "DRIVER" not in err.value.problem


def test_an_empty_geopackage_says_it_has_no_layer(tmp_path):
    path = empty_geopackage(tmp_path / "vide.gpkg")
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert err.value.problem == "the GeoPackage holds no layer (it is empty)"


# -- coordinates outside the area of use of the CRS (issue item 10) --------------------------


def test_coordinates_of_1e300_in_lambert93_are_refused(tmp_path):
    path = tmp_path / "enorme.csv"
    path.write_text("nom;x;y\na;1e300;1e300\nb;1e300;-1e300\n", encoding="utf-8")
    with pytest.raises(CrsRequired) as err:
        read_file(path, ReadOptions(crs="EPSG:2154"))
    assert "enorme.csv" in str(err.value)
    problem = err.value.problem
    assert "all 2 features lie outside the area of use of EPSG:2154" in problem
    assert "France" in problem and "probably wrong" in problem


def test_geojson_1e300_with_the_proposed_lambert93_is_refused(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [1e300, 1e300]},
            }
        ],
    }
    path = tmp_path / "loin.geojson"
    path.write_text(json.dumps(doc))
    with pytest.raises(CrsRequired) as asked:
        read_file(path)
    assert asked.value.suggestion == "EPSG:2154"
    with pytest.raises(CrsRequired, match="outside the area of use"):
        read_file(path, ReadOptions(crs=asked.value.suggestion))


def test_some_features_outside_the_area_of_use_load_with_a_warning(tmp_path):
    rows = ["nom;x;y"]
    for i in range(5):
        x, y = lambert93(DUNKERQUE[0] + i / 100, DUNKERQUE[1])
        rows.append(f"site {i};{x:.1f};{y:.1f}")
    rows.append("perdu;1e300;1e300")  # row 7
    path = tmp_path / "presque.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    data = read_file(path, ReadOptions(crs="EPSG:2154"))
    assert len(data) == 6
    [warning] = data.warnings
    assert warning.startswith("1 feature lies outside the area of use of EPSG:2154")
    assert warning.endswith("probably wrong: row 7")


def test_non_finite_conversions_are_refused(tmp_path):
    from dkgis.io.readers.crs import check_area_of_use, point_bounds

    bounds = point_bounds(np.array([2.0, np.inf]), np.array([51.0, 51.0]))
    with pytest.raises(DatasetError, match="row 3: its coordinates in EPSG:2154"):
        check_area_of_use(Path("f.csv"), "EPSG:2154", bounds, lambda i: f"row {i + 2}", "EPSG:2154")


def test_a_json_number_of_thousands_of_digits(tmp_path):
    path = tmp_path / "chiffres.json"
    path.write_text(
        '{"features": [], "geometryType": "esriGeometryPoint", "n": ' + "9" * 5000 + "}"
    )
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert err.value.problem == "bad JSON: a number has too many digits"
