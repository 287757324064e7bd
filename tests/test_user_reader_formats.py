"""Files GDAL reads that dkgis used to refuse: WKT in CSV, Esri JSON, partly damaged
GeoJSON, shapefiles without their attribute file, archives of other formats."""

from __future__ import annotations

import json
import zipfile

import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from dkgis.io.errors import DatasetError
from dkgis.io.readers import CrsRequired, ReadOptions, inspect_file, read_file
from tests.test_user_readers import lambert93, near, write_shapefile, zip_folder

DUNKERQUE = (2.3768, 51.0343)
PORT = (2.1950, 51.0290)


# -- CSV with a WKT geometry column ---------------------------------------------------------


def test_a_csv_of_wkt_points_lines_and_polygons(tmp_path):
    path = tmp_path / "geometries.csv"
    path.write_text(
        "id;nom;WKT\n"
        '1;Mairie;"POINT (2.3768 51.0343)"\n'
        '2;Canal;"LINESTRING (2.195 51.029, 2.3768 51.0343)"\n'
        '3;Zone;"POLYGON ((2.30 51.0, 2.34 51.0, 2.34 51.02, 2.30 51.0))"\n'
        "4;Sans;\n",
        encoding="utf-8",
    )
    info = inspect_file(path)
    assert info.csv.wkt_column == "WKT"
    assert info.layer().crs is None and "degrees" in info.layer().crs_problem
    assert info.crs_suggestion == "EPSG:4326"
    with pytest.raises(CrsRequired):
        read_file(path)
    data = read_file(path, ReadOptions(crs="EPSG:4326"))
    assert list(shapely.get_type_id(data.table.geometry[:3])) == [0, 1, 3]
    assert near(data.table.geometry[0], DUNKERQUE)
    assert data.table.geometry[3] is None and data.rows_without_geometry == 1
    assert data.table.columns["nom"] == ["Mairie", "Canal", "Zone", "Sans"]
    assert "WKT" not in data.table.columns  # the geometry is not repeated as text
    assert data.warnings == ()


def test_a_wkt_column_in_lambert93_named_so_or_with_an_srid(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    named = tmp_path / "named.csv"
    named.write_text(f'nom,geom_l93\nMairie,"POINT ({x} {y})"\n', encoding="utf-8")
    assert near(read_file(named).table.geometry[0], DUNKERQUE)
    ewkt = tmp_path / "ewkt.csv"
    ewkt.write_text(f'nom;geometry\nMairie;"SRID=2154;POINT Z ({x} {y} 4)"\n', encoding="utf-8")
    data = read_file(ewkt)
    assert data.source_crs == "EPSG:2154"
    assert near(data.table.geometry[0], DUNKERQUE) and not data.table.geometry[0].has_z


def test_unreadable_wkt_rows_are_kept_without_geometry_and_named(tmp_path):
    path = tmp_path / "abime.csv"
    path.write_text(
        "nom;wkt\n"
        'a;"POINT (2.37 51.03)"\n'
        'b;"POINT (2.37"\n'  # row 3
        'c;"POLYGON ((1 2, 3 4))"\n'  # row 4: a ring of two points
        'd;"LINESTRING (2.2 51.0, 2.3 51.1)"\n',
        encoding="utf-8",
    )
    data = read_file(path, ReadOptions(crs="EPSG:4326"))
    assert len(data) == 4 and data.rows_without_geometry == 2
    [warning] = data.warnings
    assert warning.startswith('2 rows have no readable geometry in column "wkt" and are not drawn')
    assert "row 3 (not WKT" in warning and "row 4 (not WKT" in warning


def test_a_column_named_geometry_holding_no_wkt_is_not_taken_for_it(tmp_path):
    path = tmp_path / "faux.csv"
    path.write_text("nom;geometry;lon;lat\na;ronde;2,37;51,03\n", encoding="utf-8")
    info = inspect_file(path)
    assert info.csv.wkt_column is None and info.csv.x_column == "lon"


# -- Esri JSON ------------------------------------------------------------------------------


def esri_doc(geometry_type: str, features: list, wkid: int | None = 2154) -> dict:
    doc = {"geometryType": geometry_type, "fields": [], "features": features}
    if wkid is not None:
        doc["spatialReference"] = {"wkid": wkid}
    return doc


def test_esri_json_polygons_with_a_hole_and_several_outer_rings(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    outer = [[x, y], [x, y + 1000], [x + 1000, y + 1000], [x + 1000, y], [x, y]]  # clockwise
    hole = [[x + 100, y + 100], [x + 200, y + 100], [x + 200, y + 200], [x + 100, y + 100]]
    other = [[x + 2000, y], [x + 2000, y + 500], [x + 2500, y], [x + 2000, y]]
    doc = esri_doc(
        "esriGeometryPolygon",
        [
            {"attributes": {"nom": "Zone A", "surface": 1.5}, "geometry": {"rings": [outer, hole]}},
            {"attributes": {"nom": "Zones B"}, "geometry": {"rings": [outer, other]}},
        ],
    )
    path = tmp_path / "zones.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    data = read_file(path)
    assert data.source_crs == "EPSG:2154"
    first, second = data.table.geometry
    assert first.geom_type == "Polygon" and len(first.interiors) == 1
    assert near(Point(first.exterior.coords[0]), DUNKERQUE, tol=1e-6)
    assert second.geom_type == "MultiPolygon" and len(second.geoms) == 2
    assert data.table.columns["nom"] == ["Zone A", "Zones B"]
    assert data.table.columns["surface"] == [1.5, None]


def test_esri_json_points_and_lines_in_web_mercator(tmp_path):
    from pyproj import Transformer

    to_3857 = Transformer.from_crs(4326, 3857, always_xy=True)
    x, y = to_3857.transform(*DUNKERQUE)
    px, py = to_3857.transform(*PORT)
    doc = esri_doc(
        "esriGeometryPolyline",
        [
            {"attributes": {"n": 1}, "geometry": {"paths": [[[px, py], [x, y]]]}},
            {"attributes": {"n": 2}, "geometry": {"x": x, "y": y}},
            {"attributes": {"n": 3}, "geometry": {"points": [[x, y], [px, py]]}},
            {"attributes": {"n": 4}, "geometry": None},
        ],
        wkid=102100,  # Esri's code for Web Mercator
    )
    path = tmp_path / "reseau.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    data = read_file(path)
    line, point, multipoint, empty = data.table.geometry
    assert isinstance(line, LineString) and near(Point(line.coords[-1]), DUNKERQUE)
    assert near(point, DUNKERQUE) and multipoint.geom_type == "MultiPoint"
    assert empty is None and data.rows_without_geometry == 1


def test_esri_json_bad_features_are_skipped_and_named(tmp_path):
    doc = esri_doc(
        "esriGeometryPoint",
        [
            {"attributes": {"n": 1}, "geometry": {"x": 2.37, "y": 51.03}},
            {"attributes": {"n": 2}, "geometry": {"x": "abc", "y": 51.03}},
            {"attributes": {"n": 3}, "geometry": {"curveRings": []}},
        ],
        wkid=4326,
    )
    path = tmp_path / "points.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    data = read_file(path)
    assert data.table.columns["n"] == [1]
    assert data.warnings == (
        '2 features skipped: #2 (the point\'s "x" and "y" are not finite numbers),'
        " #3 (curved geometries are not supported)",
    )


def test_esri_json_without_spatial_reference_in_metres_asks_for_the_crs(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    doc = esri_doc("esriGeometryPoint", [{"attributes": {}, "geometry": {"x": x, "y": y}}], None)
    path = tmp_path / "sans-ref.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CrsRequired) as err:
        read_file(path)
    assert err.value.suggestion == "EPSG:2154"
    assert near(read_file(path, ReadOptions(crs="EPSG:2154")).table.geometry[0], DUNKERQUE)


# -- GeoJSON with a few bad features --------------------------------------------------------


def test_a_geojson_with_bad_features_loads_the_good_ones(tmp_path):
    good = {
        "type": "Feature",
        "properties": {"nom": "Mairie"},
        "geometry": Point(*DUNKERQUE).__geo_interface__,
    }
    features = [
        good,
        {"type": "Feature", "properties": {"nom": "x"}, "geometry": {"type": "Cercle"}},
        "pas un objet",
        {
            "type": "Feature",
            "properties": {"nom": "y"},
            "geometry": {"type": "LineString", "coordinates": [[1, 2]]},
        },
        {**good, "properties": {"nom": "Port"}},
        {"type": "Feature", "properties": [1], "geometry": None},
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Point", "coordinates": [1e999, 2]},
        },
        None,
    ]
    path = tmp_path / "mixte.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    data = read_file(path)
    assert data.table.columns["nom"] == ["Mairie", "Port"]
    [warning] = data.warnings
    assert warning.startswith('6 features skipped: #2 ("geometry" is not a GeoJSON geometry)')
    assert '#3 (not a GeoJSON "Feature" object)' in warning
    assert "#4 (invalid LineString geometry" in warning
    assert '#6 ("properties" is not an object)' in warning
    assert "#7 (a coordinate is not a finite number), …" in warning  # five named at most


def test_a_geojson_with_no_readable_feature_is_refused(tmp_path):
    path = tmp_path / "rien.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [1, 2]}))
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert err.value.problem.startswith('no feature can be read: #1 (not a GeoJSON "Feature"')


# -- shapefiles without attributes, archives of other formats -------------------------------


def test_a_shapefile_without_its_dbf_loads_its_geometries_with_a_warning(tmp_path):
    path = write_shapefile(tmp_path / "shp", "routes", "EPSG:2154")
    path.with_suffix(".dbf").unlink()
    info = inspect_file(path)
    assert info.layer().crs == "EPSG:2154"
    data = read_file(path)
    assert len(data) == 1 and data.table.columns == {}
    assert near(data.table.geometry[0].centroid, DUNKERQUE, tol=1e-4)
    assert data.warnings == (
        "the shapefile routes.shp has no attribute file (routes.dbf):"
        " its geometries are shown without attributes",
    )


def test_a_zipped_shapefile_without_its_dbf(tmp_path):
    path = write_shapefile(tmp_path / "shp", "batiments", "EPSG:2154")
    path.with_suffix(".dbf").unlink()
    archive = zip_folder(tmp_path / "shp", tmp_path / "batiments.zip")
    data = read_file(archive)
    assert len(data) == 1 and "batiments.dbf" in data.warnings[0]


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (["parcelles.gdb/a00000001.gdbtable", "parcelles.gdb/gdb"], "File Geodatabase (.gdb)"),
        (["communes.tab", "communes.dat", "communes.map", "communes.id"], "MapInfo (.tab)"),
    ],
)
def test_a_zip_of_another_format_says_which(tmp_path, members, expected):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in members:
            archive.writestr(name, b"data")
    with pytest.raises(DatasetError) as err:
        inspect_file(path)
    assert err.value.problem == (
        f"the zip archive holds no shapefile (.shp) but {expected}, which dkgis does not read:"
        " export the layers as GeoPackage or Shapefile"
    )


def test_polygon_geojson_area_check_uses_the_whole_feature(tmp_path):
    x, y = lambert93(*DUNKERQUE)
    near_dk = Polygon([(x, y), (x + 100, y), (x + 100, y + 100)])
    crs = {"type": "name", "properties": {"name": "EPSG:2154"}}
    doc = {
        "type": "FeatureCollection",
        "crs": crs,
        "features": [
            {"type": "Feature", "properties": {}, "geometry": near_dk.__geo_interface__},
            {
                "type": "Feature",
                "properties": {},
                "geometry": LineString([(x, y), (x, 9e7)]).__geo_interface__,
            },
        ],
    }
    path = tmp_path / "ligne.geojson"
    path.write_text(json.dumps(doc))
    data = read_file(path)
    assert len(data) == 2
    assert data.warnings[0].endswith(": #2")
