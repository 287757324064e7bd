"""GeoJSON read into flat arrays gives what shapely, feature by feature, gives.

The reader flattens plain coordinates without a shapely object per feature and leaves
the rest to shapely. Each test compares what it reads with a reference built the slow
way: :func:`shapely.geometry.shape` for each feature, the attributes collected one
feature at a time, the same features skipped for the same reasons.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from dkgis.io.errors import DatasetError
from dkgis.io.geometry_column import GeometryColumn
from dkgis.io.readers import READERS, ReadOptions, read_file, reader_for, supported_patterns
from dkgis.io.readers import geojson as geojson_mod
from dkgis.io.readers.features import FeatureCollector
from dkgis.io.readers.geojson import GEOMETRY_TYPES

GRAVELINES = (2.1250, 50.9870)


def reference(path: Path, features: list) -> tuple[GeometryColumn, dict, list[str]]:
    """The geometry, attributes and skip reasons of ``features``, read one
    by one with shapely."""
    collected = FeatureCollector(path)
    geoms = []
    reasons = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            reasons.append(f"#{i + 1} (not)")
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            reasons.append(f"#{i + 1} (properties)")
            continue
        geometry = feature.get("geometry")
        geom = None
        if geometry is not None:
            kind = geometry.get("type") if isinstance(geometry, dict) else None
            if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
                reasons.append(f"#{i + 1} (geometry)")
                continue
            try:
                geom = shape(geometry)
            except Exception:
                reasons.append(f"#{i + 1} (shapely)")
                continue
            if not np.isfinite(shapely.get_coordinates(geom)).all():
                reasons.append(f"#{i + 1} (finite)")
                continue
        collected.add(i, props)
        geoms.append(geom)
    return GeometryColumn.from_shapely(geoms), collected.columns, reasons


def assert_same_geometry(got: GeometryColumn, expected: GeometryColumn) -> None:
    np.testing.assert_array_equal(got.types, expected.types)
    for kind in ("points", "lines", "polygons"):
        a, b = getattr(got, kind), getattr(expected, kind)
        np.testing.assert_array_equal(a.coords, b.coords, err_msg=kind)
        np.testing.assert_array_equal(a.ring_offsets, b.ring_offsets, err_msg=kind)
        np.testing.assert_array_equal(a.part_offsets, b.part_offsets, err_msg=kind)
        np.testing.assert_array_equal(a.rows, b.rows, err_msg=kind)


def assert_reads_as_reference(path: Path, features: list) -> object:
    data = read_file(path)
    geometry, columns, reasons = reference(path, features)
    assert_same_geometry(data.table.geometry, geometry)
    assert data.table.columns == columns
    assert list(data.table.columns) == list(columns)  # the order names first come in
    if reasons:
        (warning,) = data.warnings
        assert warning.startswith(f"{len(reasons)} feature")
        named = [r.split(" ")[0][1:] for r in reasons][:5]
        assert re.findall(r"#(\d+) \(", warning)[:5] == named
    else:
        assert data.warnings == ()
    return data


def write(path: Path, features: list, **extra) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", **extra, "features": features}),
        encoding="utf-8",
    )
    return path


def feature(geometry, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def square(x: float, y: float, size: float = 0.001, close: bool = True) -> list:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size]]
    return [*ring, [x, y]] if close else ring


LON, LAT = GRAVELINES
EVERY_KIND = [
    feature({"type": "Point", "coordinates": [LON, LAT]}, name="point", n=1),
    feature({"type": "Point", "coordinates": [LON, LAT, 12.5]}, name="point 3D"),
    feature({"type": "Point", "coordinates": []}, name="empty point"),
    feature({"type": "Point", "coordinates": ["2.13", LAT]}, name="text number, as shapely"),
    feature({"type": "MultiPoint", "coordinates": [[LON, LAT], [LON + 0.01, LAT]]}),
    feature({"type": "LineString", "coordinates": [[LON, LAT], [LON + 0.01, LAT + 0.01]]}),
    feature(
        {
            "type": "MultiLineString",
            "coordinates": [[[LON, LAT], [LON, LAT + 0.01]], [[LON + 1e-3, LAT], [LON, LAT]]],
        }
    ),
    feature(
        {"type": "Polygon", "coordinates": [square(LON, LAT, 0.01), square(LON + 2e-3, LAT)]},
        name="with a hole",
        surface=1234.5,
    ),
    feature(
        {
            "type": "MultiPolygon",
            "coordinates": [
                [square(LON, LAT, 0.01), square(LON + 1e-3, LAT + 1e-3), square(LON + 5e-3, LAT)],
                [square(LON + 0.02, LAT)],
            ],
        },
        name="two parts, two holes",
    ),
    feature(
        {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Point", "coordinates": [LON, LAT]},
                {"type": "Polygon", "coordinates": [square(LON, LAT)]},
            ],
        }
    ),
    feature({"type": "Polygon", "coordinates": [square(LON, LAT, close=False)]}, name="open ring"),
    feature({"type": "Polygon", "coordinates": [[[*p, 4.0] for p in square(LON, LAT)]]}, name="3D"),
    feature({"type": "Polygon", "coordinates": [[[True, LAT], *square(LON, LAT)[1:]]]}),
    feature({"type": "Polygon", "coordinates": []}, name="empty polygon"),
    feature({"type": "MultiPolygon", "coordinates": []}),
    feature({"type": "LineString", "coordinates": []}),
    feature(None, name="no geometry"),
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [LON, LAT]}},  # no props
    {"type": "Feature", "properties": None, "geometry": None},
    # Damaged: skipped and named.
    feature({"type": "Polygon", "coordinates": [[[LON, LAT], [LON, LAT]]]}, name="short ring"),
    feature({"type": "LineString", "coordinates": [[LON, LAT]]}, name="one position"),
    feature({"type": "Polygon", "coordinates": [[["abc", LAT], *square(LON, LAT)[1:]]]}),
    feature({"type": "MultiPolygon", "coordinates": [[[[LON, None]]]]}),
    feature({"type": "Polygon"}, name="no coordinates"),
    feature({"type": "Polygon", "coordinates": 12}),
    feature({"type": "Circle", "coordinates": [LON, LAT]}),
    {"type": "Feature", "properties": [1, 2], "geometry": None},
    {"type": "Feature", "properties": {}, "geometry": [LON, LAT]},
    {"type": "Thing"},
    "not an object",
]


def test_every_geometry_type_holes_parts_nulls_and_damage_read_as_shapely_reads_them(tmp_path):
    path = write(tmp_path / "every-kind.geojson", EVERY_KIND)
    data = assert_reads_as_reference(path, EVERY_KIND)
    assert "#20 (" in data.warnings[0] and "11 features skipped" in data.warnings[0]


def test_properties_of_every_json_type(tmp_path):
    values = [
        {"text": "Dunkerque", "integer": 59183, "number": 12.5, "yes": True, "none": None},
        {"object": {"a": [1, "é"]}, "list": [1, 2.5, None], "text": "Grande-Synthe"},
        {"big": 123456789012345678901234567890, "text": "Zürich « quai »", "yes": False},
        {"number": -0.0, "integer": -9223372036854775809, "empty": ""},
    ]
    features = [feature({"type": "Point", "coordinates": [LON, LAT]}, **v) for v in values]
    data = assert_reads_as_reference(write(tmp_path / "props.geojson", features), features)
    columns = data.table.columns
    assert columns["object"][1] == '{"a": [1, "é"]}'
    assert columns["big"][2] == 123456789012345678901234567890  # exact, not a float
    assert columns["integer"] == [59183, None, None, -9223372036854775809]
    assert columns["yes"] == [True, None, False, None]


def random_features(n: int, seed: int) -> list:
    """Polygons with and without holes, multi-polygons, lines and points, some null."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        x, y = LON + rng.uniform(0, 0.2), LAT + rng.uniform(0, 0.1)
        k = i % 6
        if k == 0:
            geometry = {"type": "Polygon", "coordinates": [square(x, y)]}
        elif k == 1:
            geometry = {
                "type": "Polygon",
                "coordinates": [square(x, y, 0.01), square(x + 1e-3, y + 1e-3, 1e-3)],
            }
        elif k == 2:
            parts = [[square(x + j * 0.01, y)] for j in range(int(rng.integers(1, 4)))]
            geometry = {"type": "MultiPolygon", "coordinates": parts}
        elif k == 3:
            geometry = {"type": "LineString", "coordinates": [[x, y], [x, y + 1e-3], [x + 1, y]]}
        elif k == 4:
            geometry = {"type": "Point", "coordinates": [x, y]}
        else:
            geometry = None
        out.append(feature(geometry, id=f"{i:05d}", section=["AB", "AC", "ZK"][i % 3], n=i))
    return out


def with_elevation(coordinates, z: float = 7.5):
    """GeoJSON coordinates with a third number (an elevation) in each position."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [*coordinates, z]
    return [with_elevation(c, z) for c in coordinates]


def test_positions_with_an_elevation_read_as_shapely_reads_them(tmp_path):
    features = random_features(300, seed=5)
    for f in features[::2]:
        if f["geometry"] is not None:
            f["geometry"]["coordinates"] = with_elevation(f["geometry"]["coordinates"])
    ring = square(LON, LAT)
    ring[1] = [*ring[1], 3.0]  # one position with an elevation among others without
    features[7]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    path = write(tmp_path / "bd-topo-3d.geojson", features)
    data = assert_reads_as_reference(path, features)
    assert "#8 (invalid Polygon geometry" in data.warnings[0]


@pytest.mark.parametrize("damage", [None, "open", "text", "nan", "short", "deep"])
def test_many_features_with_one_damaged_read_as_shapely_reads_them(tmp_path, damage):
    features = random_features(600, seed=3)
    broken = {
        None: None,
        "open": {"type": "Polygon", "coordinates": [square(LON, LAT, close=False)]},
        "text": {"type": "Polygon", "coordinates": [[[LON, "51"], *square(LON, LAT)[1:]]]},
        "nan": {"type": "MultiPolygon", "coordinates": [[[[LON, math.nan], *square(LON, LAT)]]]},
        "short": {"type": "MultiPolygon", "coordinates": [[square(LON, LAT)[:3]]]},
        "deep": {"type": "Polygon", "coordinates": [[[[LON, LAT]]]]},
    }[damage]
    if broken is not None:
        features[301]["geometry"] = broken
    path = tmp_path / "many.geojson"
    # NaN is not JSON: json writes it as Python's reader (and the old one) accepted it.
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert_reads_as_reference(path, features)


def cadastre_features(n: int) -> list:
    """Parcels as Etalab's cadastre lists them (Polygon and MultiPolygon, lon/lat)."""
    out = []
    for i in range(n):
        x, y = LON + (i % 50) * 1e-3, LAT + (i // 50) * 1e-3
        coordinates = [square(x, y, 8e-4)]
        geometry = {"type": "Polygon", "coordinates": coordinates}
        if i % 7 == 0:
            geometry = {"type": "MultiPolygon", "coordinates": [coordinates, [square(x, y, 1e-4)]]}
        props = {
            "id": f"59183000A{i:05d}",
            "commune": "59183",
            "prefixe": "000",
            "section": "AB" if i % 2 else "AC",
            "numero": str(i + 1),
            "contenance": 300 + i,
            "arpente": i % 5 == 0,
            "created": "2004-06-08",
            "updated": "2023-01-17",
        }
        out.append(feature(geometry, **props))
    return out


def test_the_cadastre_download_is_read_as_it_is(tmp_path):
    features = cadastre_features(400)
    plain = write(tmp_path / "cadastre-59183-parcelles.json", features)
    packed = tmp_path / "cadastre-59183-parcelles.json.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert reader_for(packed) is READERS["geojson"]
    data = assert_reads_as_reference(packed, features)
    assert data.title == "cadastre-59183-parcelles"
    assert list(data.table.columns)[:3] == ["id", "commune", "prefixe"]
    communes = data.table.columns["commune"]
    assert all(c is communes[0] for c in communes)  # one text shared by 400 parcels
    dates = data.table.columns["updated"]
    assert all(d is dates[0] for d in dates)


def test_json_gz_patterns_are_offered_by_the_registry():
    patterns = supported_patterns()
    assert "*.json.gz" in patterns and "*.geojson.gz" in patterns
    assert reader_for(Path("parcelles.GEOJSON.GZ")) is READERS["geojson"]


def test_a_json_gz_already_decompressed_reads_as_json(tmp_path):
    features = cadastre_features(10)
    path = write(tmp_path / "parcelles.json.gz", features)  # a browser unpacked it
    assert_reads_as_reference(path, features)


def test_a_damaged_gzip_is_named(tmp_path):
    whole = gzip.compress(json.dumps({"type": "FeatureCollection", "features": []}).encode())
    path = tmp_path / "parcelles.json.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert "parcelles.json.gz" in str(err.value)
    assert "gzip compression is damaged" in str(err.value)


def test_a_gzip_bomb_is_refused_once_the_cap_is_out(tmp_path, monkeypatch):
    monkeypatch.setattr(geojson_mod, "MAX_JSON_BYTES", 1 << 20)
    path = tmp_path / "bomb.geojson.gz"
    path.write_bytes(gzip.compress(b" " * (50 << 20)))  # 50 MB of spaces in 50 kB
    assert path.stat().st_size < 100_000
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert "bomb.geojson.gz" in str(err.value)
    assert "once decompressed, the file is larger than" in str(err.value)


def test_the_json_message_of_a_syntax_error_is_kept(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",}\n]}')
    with pytest.raises(DatasetError) as err:
        read_file(path)
    expected = "bad JSON at line 3, column 22: Expecting property name enclosed in double quotes"
    assert expected in str(err.value)


def test_a_gzip_syntax_error_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json.gz"
    path.write_bytes(gzip.compress(b'{"type": "FeatureCollection",\n "features": [1,,]}'))
    with pytest.raises(DatasetError) as err:
        read_file(path)
    assert "bad JSON at line 2, column 17" in str(err.value)


def test_nan_and_infinity_are_skipped_as_before(tmp_path):
    path = tmp_path / "nan.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Point",'
        ' "coordinates": [2.1, 51.0]}},'
        '{"type": "Feature", "properties": {}, "geometry": {"type": "LineString",'
        ' "coordinates": [[2.1, NaN], [2.2, 51.0]]}},'
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",'
        ' "coordinates": [[[2.1, 1e400], [2.2, 51.0], [2.2, 51.1], [2.1, 1e400]]]}}]}'
    )
    data = read_file(path)
    assert len(data) == 1
    assert data.warnings == (
        "2 features skipped: #2 (a coordinate is not a finite number),"
        " #3 (a coordinate is not a finite number)",
    )


def test_the_usual_collection_is_decoded_typed_and_the_others_the_general_way():
    from dkgis.io.readers import geojson_schema

    def encoded(features: list) -> bytes:
        return json.dumps({"type": "FeatureCollection", "features": features}).encode()

    # Both ways are compared with shapely above: the plain files go one way, the others
    # (a third coordinate, a collection, damage) the other.
    assert geojson_schema.decode(encoded(cadastre_features(20))) is not None
    assert geojson_schema.decode(encoded(random_features(60, seed=1))) is not None
    assert geojson_schema.decode(encoded(EVERY_KIND)) is None
    assert geojson_schema.decode(b'{"features": [], "geometryType": "esriGeometryPoint"}') is None
    untyped = [{"properties": {}, "geometry": None}]  # a feature without its "type"
    assert geojson_schema.decode(encoded(untyped)) is None


def test_the_geometry_alone_is_read_for_a_map_export(tmp_path):
    features = cadastre_features(50)
    features[3]["geometry"] = {"type": "Polygon", "coordinates": [[[LON, LAT]]]}
    path = write(tmp_path / "parcelles.geojson", features)
    whole = read_file(path)
    bare = read_file(path, ReadOptions(attributes=False))
    assert bare.table.columns == {} and whole.table.columns["commune"][0] == "59183"
    assert_same_geometry(bare.table.geometry, whole.table.geometry)
    assert bare.warnings == whole.warnings and "#4 (" in bare.warnings[0]


def test_a_big_collection_reports_progress_while_it_parses_and_can_be_cancelled(
    tmp_path, monkeypatch
):
    from dkgis.io.readers import ReadCancelled, geojson_schema

    monkeypatch.setattr(geojson_schema, "FEATURES_PER_CALL", 100)
    path = write(tmp_path / "parcelles.geojson", cadastre_features(1000))
    seen: list[float] = []
    data = read_file(path, progress=seen.append)
    assert len(data) == 1000
    parsing = [f for f in seen if 0.05 < f <= 0.3]
    assert len(parsing) >= 10 and parsing == sorted(parsing)

    def cancel(fraction: float) -> None:
        if 0.1 < fraction < 0.3:
            raise ReadCancelled

    with pytest.raises(ReadCancelled):
        read_file(path, progress=cancel)
