"""Readers of the user's own files, on real files written by the tests."""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from dkgis.io.errors import DatasetError
from dkgis.io.readers import (
    READERS,
    ColumnsRequired,
    CrsRequired,
    ReadCancelled,
    ReadOptions,
    csv_points,
    inspect_file,
    read_file,
    reader_for,
)

# Dunkerque town hall, and a point of the port, in longitude/latitude.
DUNKERQUE = (2.3768, 51.0343)
PORT = (2.1950, 51.0290)


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    """Lambert-93 coordinates of a point, computed independently of the reader."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True).transform(lon, lat)


def near(geom, lonlat, tol=1e-6) -> bool:
    return abs(geom.x - lonlat[0]) < tol and abs(geom.y - lonlat[1]) < tol


# -- registry -------------------------------------------------------------------------


def test_registry_chooses_the_reader_by_extension(tmp_path):
    assert set(READERS) == {"geojson", "gpkg", "shapefile", "csv"}
    assert reader_for(tmp_path / "a.GeoJSON").kind == "geojson"
    assert reader_for(tmp_path / "a.json").kind == "geojson"
    assert reader_for(tmp_path / "a.gpkg").kind == "gpkg"
    assert reader_for(tmp_path / "a.shp").kind == "shapefile"
    assert reader_for(tmp_path / "a.zip").kind == "shapefile"
    assert reader_for(tmp_path / "a.csv").kind == "csv"


def test_unsupported_format_names_the_file_and_the_formats(tmp_path):
    path = tmp_path / "sites.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DatasetError) as info:
        inspect_file(path)
    assert "sites.xlsx" in str(info.value)
    assert "unsupported format (.xlsx)" in info.value.problem
    assert "GeoJSON" in info.value.problem and "CSV" in info.value.problem


@pytest.mark.parametrize("name", ["empty.csv", "empty.geojson", "empty.gpkg", "empty.shp"])
def test_an_empty_file_is_reported_as_empty(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(DatasetError) as info:
        read_file(path)
    assert info.value.problem == "the file is empty"
    assert name in str(info.value)


# -- GeoJSON --------------------------------------------------------------------------


def feature(geometry, **props) -> dict:
    return {"type": "Feature", "geometry": geometry.__geo_interface__, "properties": props}


def write_geojson(path: Path, features: list[dict], **extra) -> Path:
    doc = {"type": "FeatureCollection", **extra, "features": features}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def test_geojson_points_lines_and_polygons(tmp_path):
    path = write_geojson(
        tmp_path / "zones.geojson",
        [
            feature(Point(*DUNKERQUE), nom="Hôtel de ville", rang=1),
            feature(LineString([PORT, DUNKERQUE]), nom="Canal", meta={"k": [1, 2]}),
            feature(Polygon([(2.3, 51.0), (2.4, 51.0), (2.4, 51.05), (2.3, 51.0)]), rang=3),
        ],
    )
    data = read_file(path)
    assert len(data) == 3
    assert data.title == "zones"
    assert data.source_crs == "EPSG:4326"
    assert list(shapely.get_type_id(data.table.geometry)) == [0, 1, 3]
    assert near(data.table.geometry[0], DUNKERQUE)
    assert data.table.columns["nom"] == ["Hôtel de ville", "Canal", None]
    assert data.table.columns["rang"] == [1, None, 3]
    assert json.loads(data.table.columns["meta"][1]) == {"k": [1, 2]}


def test_bad_json_names_the_line_and_column(tmp_path):
    path = write_geojson(tmp_path / "broken.geojson", [feature(Point(*DUNKERQUE), nom="a")])
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if '"nom"' in line)
    lines[n] = lines[n].replace('"nom": "a"', '"nom": "a",')  # trailing comma
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        read_file(path)
    # The parser stops at the brace after the trailing comma, on the next line.
    assert f"bad JSON at line {n + 2}, column" in info.value.problem
    assert "broken.geojson" in str(info.value)


def test_json_that_is_not_geojson(tmp_path):
    path = tmp_path / "config.json"
    path.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(DatasetError, match='no top-level "type"'):
        read_file(path)


def test_geojson_with_a_legacy_crs_member_is_reprojected(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}
    path = write_geojson(tmp_path / "l93.geojson", [feature(Point(x, y), n=1)], crs=crs)
    data = read_file(path)
    assert data.source_crs == "EPSG:2154"
    assert near(data.table.geometry[0], DUNKERQUE)


def test_geojson_with_metres_and_no_crs_asks_for_it(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    path = write_geojson(tmp_path / "metres.geojson", [feature(Point(x, y), n=1)])
    with pytest.raises(CrsRequired) as info:
        read_file(path)
    assert info.value.suggestion == "EPSG:2154"
    assert "not longitude/latitude" in info.value.problem
    data = read_file(path, ReadOptions(crs="EPSG:2154"))
    assert near(data.table.geometry[0], DUNKERQUE)


def test_geojson_with_an_unknown_crs_asks_for_it(tmp_path):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:XYZ::123"}}
    path = write_geojson(tmp_path / "odd.geojson", [feature(Point(1, 2))], crs=crs)
    with pytest.raises(CrsRequired, match="unknown"):
        read_file(path)


# -- GeoPackage -----------------------------------------------------------------------


def write_two_layer_gpkg(path: Path) -> Path:
    import geopandas as gpd

    x, y = lambert93(*DUNKERQUE)
    points = gpd.GeoDataFrame(
        {"nom": ["Mairie", "Port"], "n": [1, 2]},
        geometry=[Point(x, y), Point(*lambert93(*PORT))],
        crs="EPSG:2154",
    )
    points.to_file(path, layer="sites", driver="GPKG")
    lines = gpd.GeoDataFrame(
        {"nom": ["Canal"]}, geometry=[LineString([PORT, DUNKERQUE])], crs="EPSG:4326"
    )
    lines.to_file(path, layer="canaux", driver="GPKG")
    return path


def test_geopackage_lists_its_layers_and_reads_the_chosen_one(tmp_path):
    path = write_two_layer_gpkg(tmp_path / "deux.gpkg")
    info = inspect_file(path)
    assert info.kind == "gpkg" and not info.dkgis_dataset
    assert [layer.name for layer in info.layers] == ["sites", "canaux"]
    assert info.layer("sites").crs == "EPSG:2154"
    assert info.layer("sites").features == 2
    sites = read_file(path, ReadOptions(layer="sites"))
    assert sites.title == "deux — sites"
    assert near(sites.table.geometry[0], DUNKERQUE)
    assert sites.table.columns["nom"] == ["Mairie", "Port"]
    canals = read_file(path, ReadOptions(layer="canaux"))
    assert shapely.get_type_id(canals.table.geometry[0]) == 1


def test_a_dkgis_dataset_is_recognised(tmp_path):
    from tests.gpkg_factory import make_dataset

    path = make_dataset(tmp_path / "dk.gpkg")
    info = inspect_file(path)
    assert info.dkgis_dataset
    assert "facilities" in [layer.name for layer in info.layers]


def test_a_geopackage_without_geometry(tmp_path):
    import pandas as pd
    import pyogrio

    path = tmp_path / "table.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"a": [1, 2]}), path, layer="chiffres", driver="GPKG")
    with pytest.raises(DatasetError, match="no geometry column"):
        inspect_file(path)


def test_a_file_that_is_not_a_geopackage(tmp_path):
    path = tmp_path / "faux.gpkg"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(DatasetError, match="not a GeoPackage"):
        inspect_file(path)


# -- Shapefile ------------------------------------------------------------------------


def write_shapefile(folder: Path, name: str, crs: str | None) -> Path:
    import geopandas as gpd

    folder.mkdir(parents=True, exist_ok=True)
    xy = lambert93(*DUNKERQUE) if crs == "EPSG:2154" or crs is None else DUNKERQUE
    frame = gpd.GeoDataFrame(
        {"nom": ["Mairie"], "surface": [12.5]},
        geometry=[Point(*xy).buffer(100 if crs != "EPSG:4326" else 0.001)],
        crs=crs,
    )
    path = folder / f"{name}.shp"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyogrio warns about a missing CRS, on purpose
        frame.to_file(path)
    return path


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"donnees/{file.name}")
    return target


def test_zipped_shapefile(tmp_path):
    write_shapefile(tmp_path / "shp", "batiments", "EPSG:2154")
    path = zip_folder(tmp_path / "shp", tmp_path / "batiments.zip")
    info = inspect_file(path)
    assert info.kind == "shapefile"
    assert [layer.name for layer in info.layers] == ["donnees/batiments"]
    data = read_file(path)
    assert data.title == "batiments"
    centroid = data.table.geometry[0].centroid
    assert near(centroid, DUNKERQUE, tol=1e-4)
    assert data.table.columns["surface"] == [12.5]


def test_shapefile_without_prj_asks_for_the_crs(tmp_path):
    path = write_shapefile(tmp_path / "shp", "sans_prj", None)
    assert not path.with_suffix(".prj").exists()
    info = inspect_file(path)
    assert info.layer().crs is None
    assert info.crs_suggestion == "EPSG:2154"
    with pytest.raises(CrsRequired) as err:
        read_file(path)
    assert "sans_prj.shp" in str(err.value)
    data = read_file(path, ReadOptions(crs="EPSG:2154"))
    assert near(data.table.geometry[0].centroid, DUNKERQUE, tol=1e-4)


def test_incomplete_shapefile(tmp_path):
    path = write_shapefile(tmp_path / "shp", "routes", "EPSG:4326")
    path.with_suffix(".shx").unlink()
    with pytest.raises(DatasetError, match=r"incomplete: routes\.shx is missing"):
        inspect_file(path)


def test_zip_without_shapefile(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(DatasetError, match=r"holds no shapefile"):
        inspect_file(path)


# -- CSV ------------------------------------------------------------------------------

FRENCH_ROWS = [
    ("Aluminium Dunkerque", "Loon-Plage", "2,1718", "51,0054", "Électrolyse"),
    ("Hôtel de ville", "Dunkerque", "2,3768", "51,0343", "Façade rénovée"),
    ("Écluse Watier", "Dunkerque", "2,3513", "51,0472", ""),
]


def write_french_csv(path: Path, encoding: str, bom: bool = False) -> Path:
    lines = ["Nom;Commune;Longitude;Latitude;Remarque"]
    lines += [";".join(row) for row in FRENCH_ROWS]
    text = "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_french_csv_in_windows_encoding(tmp_path):
    path = write_french_csv(tmp_path / "sites.csv", "cp1252")
    info = inspect_file(path)
    assert info.csv.encoding == "cp1252"
    assert info.csv.delimiter == ";" and info.csv.decimal == ","
    assert (info.csv.x_column, info.csv.y_column) == ("Longitude", "Latitude")
    assert info.layer().crs == "EPSG:4326"
    data = read_file(path)
    assert data.table.columns["Nom"][2] == "Écluse Watier"
    assert data.table.columns["Remarque"] == ["Électrolyse", "Façade rénovée", None]
    assert near(data.table.geometry[1], DUNKERQUE)
    assert data.table.columns["Longitude"][0] == pytest.approx(2.1718)


def test_french_csv_in_utf8_with_bom(tmp_path):
    path = write_french_csv(tmp_path / "sites-bom.csv", "utf-8", bom=True)
    info = inspect_file(path)
    assert info.csv.encoding == "utf-8-sig"
    assert info.csv.columns[0] == "Nom"  # no byte-order mark in the first name
    data = read_file(path)
    assert data.table.columns["Nom"][1] == "Hôtel de ville"
    assert near(data.table.geometry[1], DUNKERQUE)


def test_csv_in_lambert93_xy_needs_the_crs_and_proposes_lambert93(tmp_path):
    rows = ["id;X;Y"]
    for i, lonlat in enumerate((DUNKERQUE, PORT)):
        x, y = lambert93(*lonlat)
        rows.append(f"{i};{x:.2f}".replace(".", ",") + f";{y:.2f}".replace(".", ","))
    path = tmp_path / "l93.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    info = inspect_file(path)
    assert (info.csv.x_column, info.csv.y_column) == ("X", "Y")
    assert info.layer().crs is None
    assert info.crs_suggestion == "EPSG:2154"
    assert "metres" in info.layer().crs_problem
    with pytest.raises(CrsRequired) as err:
        read_file(path)
    assert err.value.suggestion == "EPSG:2154"
    data = read_file(path, ReadOptions(crs="EPSG:2154"))
    assert near(data.table.geometry[0], DUNKERQUE, tol=1e-6)
    assert near(data.table.geometry[1], PORT, tol=1e-6)


def test_csv_column_names_can_state_the_crs(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    path = tmp_path / "hint.csv"
    path.write_text(f"nom,coord_x_l93,coord_y_l93\nMairie,{x:.1f},{y:.1f}\n", encoding="utf-8")
    info = inspect_file(path)
    assert info.csv.delimiter == ","
    assert info.layer().crs == "EPSG:2154"
    assert near(read_file(path).table.geometry[0], DUNKERQUE, tol=1e-5)


@pytest.mark.parametrize(
    ("header", "x", "y"),
    [
        ("name,lng,lat", "lng", "lat"),
        ("name,LON,LAT", "LON", "LAT"),
        ("name,x,y", "x", "y"),
        ("name,coord_x,coord_y", "coord_x", "coord_y"),
        ("name,Longitude (WGS84),Latitude (WGS84)", "Longitude (WGS84)", "Latitude (WGS84)"),
        ("name,Coordonnée X,Coordonnée Y", "Coordonnée X", "Coordonnée Y"),
    ],
)
def test_common_coordinate_column_names(tmp_path, header, x, y):
    path = tmp_path / "c.csv"
    path.write_text(f"{header}\na,2.37,51.03\n", encoding="utf-8")
    info = inspect_file(path)
    assert (info.csv.x_column, info.csv.y_column) == (x, y)


def test_csv_with_a_bad_number_names_the_row_the_value_and_the_column(tmp_path):
    lines = ["nom;lon;lat"] + [f"site {i};2,3{i};51,0{i}" for i in range(6)]
    lines[4] = "site 3;2,33;abc"  # the header is row 1, so this is row 5
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        read_file(path)
    assert info.value.problem == 'unreadable row 5: value "abc" in column "lat" is not a number'
    assert "bad.csv" in str(info.value)


def test_csv_with_empty_coordinates_keeps_the_row_without_geometry(tmp_path):
    path = tmp_path / "holes.csv"
    path.write_text("nom;lon;lat\na;2,3;51,0\nb;;\nc;2,4;51,1\n", encoding="utf-8")
    data = read_file(path)
    assert len(data) == 3
    assert data.rows_without_geometry == 1
    assert data.table.geometry[1] is None


def test_csv_with_both_lonlat_and_xy_asks_which(tmp_path):
    path = tmp_path / "both.csv"
    path.write_text("nom;lon;lat;x;y\na;2,3;51,0;650000;7100000\n", encoding="utf-8")
    info = inspect_file(path)
    assert info.csv.x_column is None
    assert info.csv.x_candidates == ("lon", "x") and info.csv.y_candidates == ("lat", "y")
    with pytest.raises(ColumnsRequired) as err:
        read_file(path)
    assert err.value.x_candidates == ("lon", "x")
    data = read_file(path, ReadOptions(x_column="lon", y_column="lat"))
    assert data.table.geometry[0].x == pytest.approx(2.3)


def test_csv_without_coordinate_columns(tmp_path):
    path = tmp_path / "noms.csv"
    path.write_text("nom;commune\na;Dunkerque\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        inspect_file(path)
    assert info.value.problem.startswith("no coordinate columns")
    assert '"commune"' in info.value.problem


def test_csv_lonlat_columns_holding_metres_ask_for_the_crs(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    path = tmp_path / "faux-degres.csv"
    path.write_text(f"nom;longitude;latitude\na;{x:.0f};{y:.0f}\n", encoding="utf-8")
    assert inspect_file(path).layer().crs is None
    with pytest.raises(CrsRequired) as err:
        read_file(path)
    assert err.value.suggestion == "EPSG:2154"


def test_csv_row_with_too_many_fields(tmp_path):
    path = tmp_path / "fields.csv"
    path.write_text("nom;lon;lat\na;2,3;51,0\nb;2,4;51,1;extra\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="row 3 has 4 fields but the header has 3"):
        read_file(path)


def test_csv_header_only(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("nom;lon;lat\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no data rows"):
        read_file(path)


def test_progress_is_reported_and_a_raise_cancels(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_points, "CHUNK_ROWS", 500)
    path = tmp_path / "many.csv"
    rng = np.random.default_rng(1)
    lon = rng.uniform(2.1, 2.5, 5000)
    lat = rng.uniform(50.9, 51.1, 5000)
    text = "id;lon;lat\n" + "".join(
        f"{i};{a:.5f};{b:.5f}\n".replace(".", ",")
        for i, (a, b) in enumerate(zip(lon, lat, strict=True))
    )
    path.write_text(text, encoding="utf-8")
    seen: list[float] = []
    data = read_file(path, progress=seen.append)
    assert len(data) == 5000
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    assert len(seen) > 5

    def cancel_at_half(fraction: float) -> None:
        if fraction > 0.4:
            raise ReadCancelled

    with pytest.raises(ReadCancelled):
        read_file(path, progress=cancel_at_half)


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("nom;lon;lat\na;2,3;51,0;extra\nb;2,4;51,1\n", 2),  # the first data row
        ("nom;lon;lat\na;2,3;51,0;\nb;2,4;51,1;x;y\n", 3),  # after a harmless trailing ';'
    ],
)
def test_csv_row_with_more_fields_than_the_header_is_named(tmp_path, text, row):
    path = tmp_path / "decale.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert err.value.problem.startswith(f"row {row} has ")
    assert "but the header has 3" in err.value.problem


def test_csv_rows_ending_with_an_empty_field_are_read(tmp_path):
    path = tmp_path / "points-virgules.csv"
    path.write_text("nom;lon;lat\na;2,3;51,0;\nb;2,4;51,1;\n", encoding="utf-8")
    data = read_file(path)
    assert data.table.columns["nom"] == ["a", "b"]
    assert data.table.geometry[1].x == pytest.approx(2.4)


def test_a_geopackage_read_in_chunks_gives_what_one_read_gives(tmp_path, monkeypatch):
    """The loading worker reads a GeoPackage in chunks, each starting after the last
    primary key read (not by skipping features): with deleted features (gaps in the
    keys), every feature comes once, in order, with its attributes."""
    import sqlite3
    from contextlib import closing

    from dkgis.io.readers import ogr
    from tests.building_factory import write_buildings

    path = write_buildings(tmp_path / "batiments.gpkg", 3000)
    with closing(sqlite3.connect(path)) as db:
        triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (name,) in triggers:  # GDAL's triggers call functions sqlite3 lacks
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute("DELETE FROM batiment WHERE fid % 7 = 0 OR fid BETWEEN 1000 AND 1400")
        db.commit()
    whole = read_file(path, ReadOptions())
    monkeypatch.setattr(ogr, "CHUNK_FEATURES", 300)
    monkeypatch.setattr(ogr, "MAX_CHUNK_FEATURES", 450)
    fractions = []
    chunked = read_file(path, ReadOptions(), progress=fractions.append)
    assert len(fractions) > 5  # read in several chunks
    assert len(whole.table.geometry) == len(chunked.table.geometry) == 3000 - 771
    assert np.array_equal(whole.table.geometry.coordinates(), chunked.table.geometry.coordinates())
    assert whole.table.columns == chunked.table.columns
    assert chunked.table.columns["cleabs"][:2] == [
        "BATIMENT0000000000000000",
        "BATIMENT0000000000000001",
    ]


@pytest.mark.parametrize("decimal", [".", ","])
def test_the_sample_numbers_read_at_once_are_those_read_one_by_one(decimal):
    from dkgis.io.readers.csv_points import _sample_values, parse_number

    rng = np.random.default_rng(3)
    alphabet = [*"0123456789.,+-eE ", "\u00a0", "'"]
    texts = ["".join(rng.choice(alphabet, rng.integers(1, 8))) for _ in range(3000)]
    texts += [f"{v:.6f}".replace(".", decimal) for v in rng.uniform(-1e6, 1e6, 200)]
    texts += ["1e5", "+.5", "5.", "-0", "1E+05", "inf", "nan", "1_000", "0x10", ""]

    def one_by_one(column):
        numbers = []
        for text in column:
            if text.strip():
                with contextlib.suppress(ValueError):
                    numbers.append(parse_number(text, decimal))
        return numbers

    plain = [t for t in texts if set(t) <= set("0123456789.+-eE")]
    for column in (texts, plain, [f"{v:.3f}" for v in rng.uniform(0, 1e5, 500)]):
        rows = [[text, "x"] for text in column]
        got = _sample_values(rows, 0, decimal).tolist()
        assert got == one_by_one(column)
    for text in plain:  # each alone: numpy accepts no text that parse_number refuses
        assert _sample_values([[text]], 0, decimal).tolist() == one_by_one([text]), text
