"""The GeoPackage reader and the validator, on files written by GDAL (pure, no Qt)."""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import struct
from pathlib import Path

import numpy as np
import pytest
import shapely
from gpkg_factory import CORRUPTIONS, EMISSION, FACILITY_IDS, default_rows, make_dataset
from shapely.geometry import MultiPolygon, Point, Polygon, box

from dkgis.data import DEFAULT_DATASET
from dkgis.io import schema
from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import (
    NOT_A_GEOPACKAGE,
    TableData,
    connect,
    geometries_from_blobs,
    parse_header,
    read_dataset,
    read_table,
)
from dkgis.io.validate import Issue, validate_dataset


@pytest.fixture(scope="module")
def valid_path(tmp_path_factory) -> Path:
    return make_dataset(tmp_path_factory.mktemp("gpkg") / "valid.gpkg")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- reading ------------------------------------------------------------------------


def test_read_dataset_returns_every_table_in_schema_order(valid_path):
    tables = read_dataset(valid_path)
    assert list(tables) == [t.name for t in schema.TABLES]
    for table in schema.TABLES:
        data = tables[table.name]
        assert isinstance(data, TableData)
        assert data.name == table.name
        assert list(data.columns) == list(table.column_names)
        assert len(data) == len(default_rows()[table.name])
        if table.geometry is None:
            assert data.geometry is None
        else:
            assert data.geometry is not None and data.geometry.dtype == object
            assert len(data.geometry) == len(data)


def test_values_come_back_as_python_values(valid_path):
    tables = read_dataset(valid_path)
    fac = tables["facilities"]
    assert fac.columns["id"] == list(FACILITY_IDS)
    assert fac.columns["capacity"][0] == 6.75
    assert fac.columns["capacity"][1] is None  # NULL -> None
    assert fac.columns["operator"][0] == "ArcelorMittal France"
    em = tables["emissions"]
    assert em.columns["year"][0] == 2019 and isinstance(em.columns["year"][0], int)
    assert em.columns["value_t"][0] == 11_600_000.0
    assert tables["communes"].columns["in_cud"] == [True, True, False]
    assert tables["caveats"].columns["year_to"] == [None]


def test_geometry_is_decoded_in_lonlat(valid_path):
    tables = read_dataset(valid_path)
    point = tables["facilities"].geometry[0]
    assert point.geom_type == "Point" and (point.x, point.y) == (2.3, 51.03)
    lines = [g.geom_type for g in tables["infrastructure_lines"].geometry]
    points = [g.geom_type for g in tables["infrastructure_points"].geometry]
    assert (lines, points) == (["MultiLineString"], ["Point"])  # one geometry type per table
    assert tables["communes"].geometry[0].geom_type == "MultiPolygon"
    assert tables["coastline"].geometry[0].geom_type == "MultiLineString"
    expected = default_rows()["communes"][0]["geometry"]
    assert tables["communes"].geometry[0].equals(expected)


def test_rows_yield_dicts_with_geometry(valid_path):
    fac = read_table(valid_path, "facilities")
    rows = list(fac.rows())
    assert len(rows) == len(fac) == 4
    assert rows[0]["id"] == "FR_AMD" and rows[0]["geometry"].equals(Point(2.3, 51.03))
    sources = read_table(valid_path, schema.SOURCES)
    assert "geometry" not in next(sources.rows())
    assert sources.column("id")[0] == "eutl"


def test_read_table_of_an_unknown_table_name(valid_path):
    with pytest.raises(ValueError, match="unknown dkgis table"):
        read_table(valid_path, "nope")


def test_empty_table(tmp_path):
    path = make_dataset(tmp_path / "empty.gpkg", measures=[], targets=[])
    tables = read_dataset(path)
    assert len(tables["measures"]) == 0
    assert tables["measures"].columns["id"] == []
    assert list(tables["measures"].rows()) == []


def test_reading_leaves_the_file_untouched(valid_path):
    before = digest(valid_path)
    read_dataset(valid_path)
    validate_dataset(valid_path)
    assert digest(valid_path) == before


def test_connection_is_read_only(valid_path):
    con = connect(valid_path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            con.execute("CREATE TABLE intruder (x)")
    finally:
        con.close()


def test_path_with_spaces_and_url_characters(tmp_path):
    folder = tmp_path / "my data #1 ?%"
    folder.mkdir()
    path = make_dataset(folder / "dk arbonation.gpkg")
    assert len(read_dataset(path)["facilities"]) == 4


# -- GeoPackage geometry header ---------------------------------------------------

_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def gp_blob(geom, envelope: int = 0, little: bool = True, srs_id: int = 4326, flags_extra=0):
    order = "<" if little else ">"
    flags = (envelope << 1) | int(little) | flags_extra
    header = b"GP" + bytes([0, flags]) + struct.pack(order + "i", srs_id)
    n = _ENVELOPE_DOUBLES.get(envelope, 0)
    xmin, ymin, xmax, ymax = geom.bounds
    values = [xmin, xmax, ymin, ymax, 0.0, 0.0, 0.0, 0.0][:n]
    env = struct.pack(order + "d" * n, *values)
    return header + env + shapely.to_wkb(geom, byte_order=int(little))


@pytest.mark.parametrize("envelope", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("little", [True, False])
def test_header_envelope_sizes_and_byte_orders(envelope, little):
    geom = Polygon([(2.2, 51.0), (2.3, 51.0), (2.3, 51.1), (2.2, 51.0)])
    blob = gp_blob(geom, envelope, little, srs_id=4326)
    header = parse_header(blob)
    assert header is not None
    assert header.srs_id == 4326
    assert header.little_endian is little
    assert header.envelope == envelope
    assert header.wkb_offset == 8 + 8 * _ENVELOPE_DOUBLES[envelope]
    (decoded,) = geometries_from_blobs([blob])
    assert decoded.equals(geom)


def test_header_flags_empty_and_extended():
    header = parse_header(gp_blob(Point(1, 2), flags_extra=0b10000))
    assert header is not None and header.empty and not header.extended
    assert parse_header(gp_blob(Point(1, 2), flags_extra=0b100000)).extended


def test_unreadable_blobs_become_none():
    good = gp_blob(Point(2.3, 51.03))
    blobs = [
        None,
        b"XX" + good[2:],  # no GP magic
        gp_blob(Point(1, 2), envelope=5),  # envelope indicator 5 does not exist
        good[:9],  # truncated WKB
        gp_blob(Point(1, 2), flags_extra=0b100000),  # extended geometry type
        b"GP",  # too short
        good,
    ]
    geoms = geometries_from_blobs(blobs)
    assert list(geoms[:-1]) == [None] * 6
    assert geoms[-1].equals(Point(2.3, 51.03))
    assert parse_header(b"GP") is None
    assert parse_header(gp_blob(Point(1, 2), envelope=5)) is None


def test_empty_point_flag_decodes_to_an_empty_geometry():
    (geom,) = geometries_from_blobs([gp_blob(Point(), flags_extra=0b10000)])
    assert geom is not None and geom.is_empty


# -- files that cannot be read ------------------------------------------------------


def assert_clean_error(err: pytest.ExceptionInfo, path: Path, problem: str) -> None:
    assert err.value.path == path
    assert problem in err.value.problem
    assert str(err.value) == f"{path}: {err.value.problem}"
    # never a bare sqlite3 error, not even in the chain shown by a traceback
    assert not isinstance(err.value.__cause__, sqlite3.Error)
    assert not isinstance(err.value.__context__, sqlite3.Error) or err.value.__suppress_context__


def test_missing_file(tmp_path):
    path = tmp_path / "absent.gpkg"
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, "file not found")
    assert err.value.problem == "file not found"
    assert not path.exists()  # sqlite must not have created it


def test_corrupt_bytes(tmp_path):
    path = tmp_path / "corrupt.gpkg"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, NOT_A_GEOPACKAGE)
    assert err.value.problem == "not a GeoPackage (the file is damaged or of another format)"


def test_text_file_renamed_gpkg(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("id,name\nFR_1,ArcelorMittal\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, NOT_A_GEOPACKAGE)
    assert digest(path) == before


def test_empty_file(tmp_path):
    path = tmp_path / "empty.gpkg"
    path.write_bytes(b"")
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, NOT_A_GEOPACKAGE)
    assert path.read_bytes() == b""


def test_damaged_sqlite_file_is_reported_and_left_as_is(valid_path, tmp_path):
    path = tmp_path / "damaged.gpkg"
    data = bytearray(valid_path.read_bytes())
    data[100:3000] = bytes(range(256)) * 11 + bytes(range(84))  # page 1 b-tree destroyed
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, NOT_A_GEOPACKAGE)
    assert digest(path) == before
    with pytest.raises(DatasetError):
        validate_dataset(path)


def test_sqlite_database_without_geopackage_tables(tmp_path):
    path = tmp_path / "plain.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE facilities (id TEXT)")
    con.commit()
    con.close()
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, "not a GeoPackage")
    assert "SQLite database without the GeoPackage table" in err.value.problem


def test_folder_instead_of_a_file(tmp_path):
    with pytest.raises(DatasetError) as err:
        read_dataset(tmp_path)
    assert_clean_error(err, tmp_path, "folder")


def test_missing_table(tmp_path):
    path = make_dataset(tmp_path / "no_measures.gpkg", drop_tables=["measures"])
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert_clean_error(err, path, "table 'measures' is missing")
    assert err.value.problem == "table 'measures' is missing"


def test_a_file_without_the_key_figure_tables_reads_them_empty(tmp_path):
    # A user's copy written before the kpis and clusters tables existed still opens.
    path = make_dataset(tmp_path / "older.gpkg", drop_tables=["kpis", "clusters"])
    tables = read_dataset(path)
    assert len(tables["kpis"]) == 0 and len(tables["clusters"]) == 0
    assert list(tables["kpis"].columns) == list(schema.KPIS.column_names)
    assert validate_dataset(path) == []


def test_missing_column(tmp_path):
    path = make_dataset(tmp_path / "no_sector.gpkg", drop_columns={"facilities": ["sector"]})
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert err.value.problem == "table 'facilities' has no column 'sector'"
    assert_clean_error(err, path, "sector")
    with pytest.raises(DatasetError, match="has no column 'sector'"):
        read_table(path, "facilities")


def test_missing_geometry_column(tmp_path):
    path = make_dataset(tmp_path / "flat.gpkg", drop_columns={"land": ["geometry"]})
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert err.value.problem == "table 'land' has no geometry column"


def test_projected_crs_is_refused(tmp_path):
    path = make_dataset(tmp_path / "l93.gpkg", crs="EPSG:2154")
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert "EPSG:2154" in err.value.problem and "EPSG:4326" in err.value.problem


# -- cells the reader refuses: named by table, row, record and column -------------------


def _read_error(path: Path) -> DatasetError:
    with pytest.raises(DatasetError) as err:
        read_dataset(path)
    assert err.value.path == path
    assert not isinstance(err.value.__cause__, sqlite3.Error)
    return err.value


def test_binary_data_in_a_text_column_is_named(tmp_path):
    path = make_dataset(tmp_path / "blob.gpkg", sql=["UPDATE facilities SET name = X'C3A9FF00'"])
    err = _read_error(path)
    assert err.problem.startswith(
        "facilities row 1 (id FR_AMD), field name: binary data (4 bytes) where text is expected"
        " (and 3 more problems: dkgis validate lists them all)"
    )


def test_facility_names_stored_as_numbers_are_named(tmp_path):
    path = make_dataset(
        tmp_path / "numbers.gpkg",
        sql=[
            "ALTER TABLE facilities RENAME COLUMN name TO old_name",
            "ALTER TABLE facilities ADD COLUMN name INTEGER",
            "UPDATE facilities SET name = fid WHERE fid = 2",
            "UPDATE facilities SET name = old_name WHERE fid <> 2",
        ],
    )
    err = _read_error(path)
    assert (
        err.problem == "facilities row 2 (id FR_DK6), field name: expected text, got the number 2"
    )


def test_text_that_is_not_utf8_is_named_not_called_damaged(tmp_path):
    path = make_dataset(
        tmp_path / "latin1.gpkg",
        sql=["UPDATE facilities SET name = CAST(X'44756E6B65727175E9' AS TEXT) WHERE fid = 3"],
    )
    err = _read_error(path)
    assert "not a GeoPackage" not in err.problem
    assert err.problem.startswith(
        "facilities row 3 (id FR_ALD), field name: the text is not valid UTF-8 (byte 9"
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "UPDATE emissions SET value_t = 1e300 WHERE fid = 4",
            "emissions row 4 (facility FR_AMD), field value_t: 1e+300 is above the plausible"
            " maximum 1,000,000,000",
        ),
        (
            "UPDATE emissions SET value_t = -12.5 WHERE fid = 4",
            "emissions row 4 (facility FR_AMD), field value_t: negative value -12.5",
        ),
        (
            "UPDATE emissions SET value_t = NULL WHERE fid = 4",
            "emissions row 4 (facility FR_AMD), field value_t: required value missing",
        ),
        (
            "UPDATE measures SET start_year = 20300 WHERE fid = 1",
            "measures row 1 (id M_AMD_EAF, facility FR_AMD), field start_year: implausible year"
            " 20300 (expected 1900 to 2100)",
        ),
        (
            "UPDATE coastline SET geom = X'47500003E6100000FFFF' WHERE fid = 1",
            "coastline row 1, field geometry: the geometry cannot be read",
        ),
    ],
)
def test_impossible_values_and_damaged_geometries_are_refused(tmp_path, sql, expected):
    err = _read_error(make_dataset(tmp_path / "bad.gpkg", sql=[sql]))
    assert err.problem.startswith(expected), err.problem


def test_coordinates_outside_longitude_latitude_are_refused(tmp_path):
    path = make_dataset(
        tmp_path / "pole.gpkg", edit={("facilities", 1): {"geometry": Point(2.2, 95)}}
    )
    err = _read_error(path)
    assert err.problem.startswith(
        "facilities row 2 (id FR_DK6), field geometry: a point (lon 2.2, lat 95) is not a"
        " longitude/latitude"
    )


def test_a_file_locked_by_a_writer_is_said_to_be_locked(tmp_path, monkeypatch):
    import dkgis.io.gpkg as gpkg

    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 0.05)
    path = make_dataset(tmp_path / "locked.gpkg")
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        writer.execute("BEGIN EXCLUSIVE")  # what a program writing to the file holds
        err = _read_error(path)
        assert err.problem == (
            "the file is locked by another program (is it open in QGIS?); close it and try again"
        )
        with pytest.raises(DatasetError, match="locked by another program"):
            validate_dataset(path)
    finally:
        writer.close()
    assert len(read_dataset(path)["facilities"]) == len(FACILITY_IDS)


def test_the_reader_checks_what_the_validator_checks(tmp_path):
    path = make_dataset(
        tmp_path / "bad.gpkg",
        bad_sector=True,  # not a cell problem: the app shows it with the unknown colour
        sql=["UPDATE emissions SET value_t = 'n/a' WHERE fid = 3"],
    )
    err = _read_error(path)
    cells = [i for i in validate_dataset(path) if i.field == "value_t"]
    assert [str(i) for i in cells] == [err.problem]


def test_dataset_error_pickles(tmp_path):
    err = DatasetError(tmp_path / "x.gpkg", "file not found")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.path, copy.problem, str(copy)) == (err.path, err.problem, str(err))


def test_validate_raises_only_when_unreadable(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        validate_dataset(tmp_path / "absent.gpkg")
    text = tmp_path / "text.gpkg"
    text.write_text("hello")
    with pytest.raises(DatasetError, match="not a GeoPackage"):
        validate_dataset(text)


# -- validation ---------------------------------------------------------------------


def test_valid_dataset_has_no_issue(valid_path):
    assert validate_dataset(valid_path) == []


def test_issue_text():
    issue = Issue("facilities", 12, "sector", "unknown sector 'stel'", record_id="FR_956")
    assert str(issue) == "facilities row 12 (id FR_956), field sector: unknown sector 'stel'"
    assert str(Issue("measures", None, None, "the table is missing")) == (
        "measures: the table is missing"
    )
    assert str(Issue("facilities", None, "sector", "the column is missing")) == (
        "facilities, field sector: the column is missing"
    )
    row = Issue("emissions", 3, "value_t", "negative", facility_id="FR_1")
    assert str(row) == "emissions row 3 (facility FR_1), field value_t: negative"
    both = Issue("measures", 2, "lever", "x", record_id="M1", facility_id="FR_1")
    assert str(both) == "measures row 2 (id M1, facility FR_1), field lever: x"


def _commune_with_a_nan_corner() -> MultiPolygon:
    with np.errstate(invalid="ignore"):  # shapely warns of the NaN it is asked to store
        return MultiPolygon([Polygon([(2.2, 51.0), (float("nan"), 51.0), (2.3, 51.05)])])


# (make_dataset keyword arguments, table, 1-based row, field, text expected in str(issue))
CASES = {
    "missing table": (
        {"drop_tables": ["targets"]},
        "targets",
        None,
        None,
        "targets: the table is missing",
    ),
    "missing column": (
        {"drop_columns": {"facilities": ["sector"]}},
        "facilities",
        None,
        "sector",
        "facilities, field sector: the column is missing",
    ),
    "no geometry column": (
        {"drop_columns": {"land": ["geometry"]}},
        "land",
        None,
        "geometry",
        "no geometry column (expected MULTIPOLYGON geometries)",
    ),
    "projected crs": (
        {"crs": "EPSG:2154"},
        "facilities",
        None,
        "geometry",
        "the geometry is in EPSG:2154; expected longitude/latitude (EPSG:4326)",
    ),
    "required value missing": (
        {"edit": {("facilities", 1): {"name": None}}},
        "facilities",
        2,
        "name",
        "facilities row 2 (id FR_DK6), field name: required value missing",
    ),
    "blank required value": (
        {"edit": {("emissions", 2): {"gas": "  "}}},
        "emissions",
        3,
        "gas",
        "emissions row 3 (facility FR_AMD), field gas: required value missing",
    ),
    "bad enum value": (
        {"bad_sector": True},
        "facilities",
        1,
        "sector",
        "facilities row 1 (id FR_AMD), field sector: unknown sector 'stel' (did you mean 'steel'?)",
    ),
    "bad enum without close match": (
        {"edit": {("emissions", 0): {"kind": "guessed"}}},
        "emissions",
        1,
        "kind",
        "unknown kind 'guessed' (allowed: verified, reported, projected)",
    ),
    "bad status": (
        {"edit": {("facilities", 3): {"status": "operational"}}},
        "facilities",
        4,
        "status",
        "unknown status 'operational' (did you mean 'operating'?)",
    ),
    "duplicate id": (
        {"duplicate_id": True},
        "facilities",
        5,
        "id",
        "facilities row 5 (id FR_AMD), field id: duplicate id 'FR_AMD' (first used on row 1)",
    ),
    "duplicate commune": (
        {"edit": {("communes", 2): {"insee": "59183"}}},
        "communes",
        3,
        "insee",
        "duplicate insee '59183' (first used on row 1)",
    ),
    "point outside the area": (
        {"outside_area": True},
        "facilities",
        3,
        "geometry",
        "the point (lon 3.2000, lat 51.2000) is outside the Dunkerque area",
    ),
    "unknown facility in emissions": (
        {"unknown_facility": True},
        "emissions",
        14,
        "facility_id",
        "emissions row 14 (facility FR_NOPE), field facility_id: unknown facility 'FR_NOPE'",
    ),
    "negative emission": (
        {"negative_emission": True},
        "emissions",
        1,
        "value_t",
        "emissions row 1 (facility FR_AMD), field value_t: negative value -5",
    ),
    "two verified values for a year": (
        {"add": {"emissions": [{**EMISSION, "facility_id": "FR_ALD", "year": 2020}]}},
        "emissions",
        14,
        "year",
        "more than one verified value for 2020 (first on row 10)",
    ),
    "implausible year": (
        {"edit": {("emissions", 0): {"year": 1919}}},
        "emissions",
        1,
        "year",
        "implausible year 1919 (expected 1990 to 2100)",
    ),
    "emission beyond any installation": (
        {"edit": {("emissions", 2): {"value_t": 1e300}}},
        "emissions",
        3,
        "value_t",
        "emissions row 3 (facility FR_AMD), field value_t: 1e+300 is above the plausible"
        " maximum 1,000,000,000",
    ),
    "infinite emission": (
        {"sql": ["UPDATE emissions SET value_t = 9e999 WHERE fid = 2"]},
        "emissions",
        2,
        "value_t",
        "expected a finite number, got inf",
    ),
    "unknown location source": (
        {"unknown_source": True},
        "facilities",
        4,
        "location_source",
        "facilities row 4 (id FR_LNG), field location_source: unknown source 'nowhere'",
    ),
    "unknown source in source_ids": (
        {"edit": {("facilities", 2): {"source_ids": "eutl; gem_stel"}}},
        "facilities",
        3,
        "source_ids",
        "unknown source 'gem_stel'",
    ),
    "unknown capacity source": (
        {"edit": {("facilities", 0): {"capacity_source": "gem"}}},
        "facilities",
        1,
        "capacity_source",
        "unknown source 'gem'",
    ),
    "unknown emission source": (
        {"edit": {("emissions", 4): {"source_id": "press"}}},
        "emissions",
        5,
        "source_id",
        "unknown source 'press'",
    ),
    "unknown land source": (
        {"edit": {("land", 0): {"source_id": "osm"}}},
        "land",
        1,
        "source_id",
        "land row 1, field source_id: unknown source 'osm'",
    ),
    "unknown caveat": (
        {"edit": {("emissions", 3): {"caveat_id": "CAV_X"}}},
        "emissions",
        4,
        "caveat_id",
        "unknown caveat 'CAV_X'",
    ),
    "unknown facility in a caveat": (
        {"edit": {("caveats", 0): {"facility_ids": "FR_AMD;FR_DK7"}}},
        "caveats",
        1,
        "facility_ids",
        "caveats row 1 (id CAV_GAS), field facility_ids: unknown facility 'FR_DK7'",
    ),
    "caveat years reversed": (
        {"edit": {("caveats", 0): {"year_from": 2020, "year_to": 2010}}},
        "caveats",
        1,
        "year_from",
        "year_from 2020 is after year_to 2010",
    ),
    "measure without source_url": (
        {"missing_source_url": True},
        "measures",
        1,
        "source_url",
        "measures row 1 (id M_AMD_EAF, facility FR_AMD), field source_url:"
        " no source_url: every measure must cite its source",
    ),
    "target without source_url": (
        {"edit": {("targets", 0): {"source_url": ""}}},
        "targets",
        1,
        "source_url",
        "no source_url: every target must cite its source",
    ),
    "source_url not a web address": (
        {"edit": {("targets", 0): {"source_url": "press release"}}},
        "targets",
        1,
        "source_url",
        "not a web address: 'press release'",
    ),
    "measure of an unknown facility": (
        {"edit": {("measures", 0): {"facility_id": "FR_X"}}},
        "measures",
        1,
        "facility_id",
        "unknown facility 'FR_X'",
    ),
    "variant of an unknown measure": (
        {"edit": {("measures", 0): {"variant_of": "M_OLD"}}},
        "measures",
        1,
        "variant_of",
        "unknown measure 'M_OLD'",
    ),
    "variant of itself": (
        {"edit": {("measures", 0): {"variant_of": "M_AMD_EAF"}}},
        "measures",
        1,
        "variant_of",
        "a measure cannot be a variant of itself",
    ),
    "negative abatement": (
        {"edit": {("measures", 0): {"abatement_t": -1.0}}},
        "measures",
        1,
        "abatement_t",
        "negative value -1",
    ),
    "target years reversed": (
        {"edit": {("targets", 0): {"baseline_year": 2030}}},
        "targets",
        1,
        "baseline_year",
        "baseline year 2030 is not before target year 2030",
    ),
    "reduction out of range": (
        {"edit": {("targets", 0): {"reduction_pct": 135.0}}},
        "targets",
        1,
        "reduction_pct",
        "135 is above the plausible maximum 100",
    ),
    "colocated with an unknown facility": (
        {"edit": {("facilities", 1): {"colocated_with": "FR_AMX"}}},
        "facilities",
        2,
        "colocated_with",
        "unknown facility 'FR_AMX'",
    ),
    "colocated but apart": (
        {"edit": {("facilities", 1): {"colocated_with": "FR_AMD"}}},
        "facilities",
        2,
        "colocated_with",
        "colocated with 'FR_AMD' but not at the same point",
    ),
    "colocated with itself": (
        {"edit": {("facilities", 1): {"colocated_with": "FR_DK6"}}},
        "facilities",
        2,
        "colocated_with",
        "a facility cannot be colocated with itself",
    ),
    "commune not in the communes table": (
        {"edit": {("facilities", 2): {"insee": "59999"}}},
        "facilities",
        3,
        "insee",
        "commune '59999' is not in the communes table",
    ),
    "status date format": (
        {"edit": {("facilities", 0): {"status_as_of": "spring 2024"}}},
        "facilities",
        1,
        "status_as_of",
        "expected a year or a date (YYYY-MM-DD), got 'spring 2024'",
    ),
    "no commune in the CUD": (
        {"sql": ["UPDATE communes SET in_cud = 0"]},
        "communes",
        None,
        "in_cud",
        "no commune is marked in_cud",
    ),
    "text in a whole-number column": (
        {"sql": ["UPDATE emissions SET year = 'twenty' WHERE fid = 2"]},
        "emissions",
        2,
        "year",
        "expected a whole number, got 'twenty'",
    ),
    "text in a number column": (
        {"sql": ["UPDATE emissions SET value_t = 'n/a' WHERE fid = 3"]},
        "emissions",
        3,
        "value_t",
        "expected a number, got 'n/a'",
    ),
    "number in a text column": (
        {
            "sql": [
                "ALTER TABLE facilities RENAME COLUMN insee TO insee_text",
                "ALTER TABLE facilities ADD COLUMN insee INTEGER",
                "UPDATE facilities SET insee = CAST(insee_text AS INTEGER)",
            ]
        },
        "facilities",
        1,
        "insee",
        "expected text, got the number 59183",
    ),
    "not a boolean": (
        {"sql": ["UPDATE communes SET in_cud = 'yes' WHERE fid = 3"]},
        "communes",
        3,
        "in_cud",
        "expected true or false (1 or 0), got 'yes'",
    ),
    "geometry missing": (
        {"edit": {("facilities", 3): {"geometry": None}}},
        "facilities",
        4,
        "geometry",
        "facilities row 4 (id FR_LNG), field geometry: geometry missing",
    ),
    "a zero figure of jobs": (
        {"edit": {("kpis", 0): {"value_low": 0.0, "qualifier": "exact", "value_high": 0.0}}},
        "kpis",
        1,
        "value_low",
        "kpis row 1 (id K_AMD_JOBS, facility FR_AMD), field value_low: 0: a stated figure is "
        "positive (none stated: no row)",
    ),
    "a range without its upper bound": (
        {"edit": {("kpis", 0): {"qualifier": "range"}}},
        "kpis",
        1,
        "qualifier",
        "the bounds do not match the qualifier 'range'",
    ),
    "a project figure without its measure": (
        {"edit": {("kpis", 0): {"scope": "project"}}},
        "kpis",
        1,
        "measure_id",
        "a project figure needs the measure it is stated for",
    ),
    "a key figure of an unknown measure": (
        {"edit": {("kpis", 0): {"scope": "project", "measure_id": "M_NOPE"}}},
        "kpis",
        1,
        "measure_id",
        "unknown measure 'M_NOPE'",
    ),
    "a key figure without its source": (
        {"edit": {("kpis", 0): {"source_url": None}}},
        "kpis",
        1,
        "source_url",
        "no source_url: every key figure must cite its source",
    ),
    "a cluster figure without a qualifier": (
        {"edit": {("clusters", 0): {"value": 16.0}}},
        "clusters",
        1,
        "qualifier",
        "a figure needs a qualifier saying how it reads",
    ),
    "geometry unreadable": (
        {"sql": ["UPDATE coastline SET geom = X'4750000BE6100000' WHERE fid = 1"]},
        "coastline",
        1,
        "geometry",
        "coastline row 1, field geometry: the geometry cannot be read (damaged",
    ),
    "geometry column holding a number": (
        {"sql": ["UPDATE land SET geom = 42 WHERE fid = 1"]},
        "land",
        1,
        "geometry",
        "land row 1, field geometry: the geometry cannot be read",
    ),
    "latitude beyond the pole": (
        {"edit": {("facilities", 1): {"geometry": Point(2.2, 95.0)}}},
        "facilities",
        2,
        "geometry",
        "facilities row 2 (id FR_DK6), field geometry: a point (lon 2.2, lat 95) is not a"
        " longitude/latitude",
    ),
    "longitude not a number": (
        {"edit": {("communes", 0): {"geometry": _commune_with_a_nan_corner()}}},
        "communes",
        1,
        "geometry",
        "communes row 1 (id 59183), field geometry: a point (lon nan, lat 51)",
    ),
    "binary data in a text column": (
        {"sql": ["UPDATE facilities SET name = X'C3A9FF00' WHERE fid = 1"]},
        "facilities",
        1,
        "name",
        "facilities row 1 (id FR_AMD), field name: binary data (4 bytes) where text is expected",
    ),
    "binary data in a number column": (
        {"sql": ["UPDATE emissions SET value_t = X'00' WHERE fid = 1"]},
        "emissions",
        1,
        "value_t",
        "binary data (1 byte) where a number is expected",
    ),
    "text that is not UTF-8": (
        {"sql": ["UPDATE facilities SET name = CAST(X'4675C3A96C20FF' AS TEXT) WHERE fid = 2"]},
        "facilities",
        2,
        "name",
        "facilities row 2 (id FR_DK6), field name: the text is not valid UTF-8 (byte 7",
    ),
    "negative capacity": (
        {"edit": {("facilities", 0): {"capacity": -3.0}}},
        "facilities",
        1,
        "capacity",
        "negative value -3",
    ),
    "geometry invalid": (
        {"invalid_geometry": True},
        "communes",
        1,
        "geometry",
        "communes row 1 (id 59183), field geometry: invalid geometry (Self-intersection",
    ),
    "geometry empty": (
        {"edit": {("land", 0): {"geometry": MultiPolygon()}}},
        "land",
        1,
        "geometry",
        "the geometry is empty",
    ),
    "geometry of the wrong type": (
        {"edit": {("communes", 1): {"geometry": Point(2.18, 51.0)}}},
        "communes",
        2,
        "geometry",
        "expected a multipolygon geometry, got a MultiPoint",  # GDAL promotes it
    ),
}


@pytest.mark.filterwarnings("ignore:A geometry of type")  # GDAL on the wrong-type case
@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_issue(case, tmp_path):
    kwargs, table, row, field, text = CASES[case]
    path = make_dataset(tmp_path / "case.gpkg", **kwargs)
    issues = validate_dataset(path)
    matching = [i for i in issues if i.table == table and i.row == row and i.field == field]
    assert matching, f"no issue for {table} row {row} field {field}; got {[str(i) for i in issues]}"
    assert any(text in str(i) for i in matching), [str(i) for i in matching]
    for issue in issues:
        assert issue.message and str(issue).startswith(issue.table)


def test_a_missing_column_stops_the_checks_of_that_table_only(tmp_path):
    path = make_dataset(
        tmp_path / "x.gpkg", bad_sector=True, drop_columns={"facilities": ["status", "commune"]}
    )
    issues = validate_dataset(path)
    fac = [i for i in issues if i.table == "facilities"]
    assert [(i.row, i.field) for i in fac] == [(None, "commune"), (None, "status")]
    assert all(i.row is None for i in fac)  # no row checks on a table of the wrong shape


def test_every_problem_is_listed_at_once(tmp_path):
    path = make_dataset(tmp_path / "broken.gpkg", **dict.fromkeys(CORRUPTIONS, True))
    issues = validate_dataset(path)
    found = {(i.table, i.field) for i in issues}
    assert {
        ("facilities", "sector"),
        ("facilities", "id"),
        ("facilities", "geometry"),
        ("facilities", "location_source"),
        ("emissions", "facility_id"),
        ("emissions", "value_t"),
        ("measures", "source_url"),
        ("communes", "geometry"),
    } <= found
    assert len(issues) == len(CORRUPTIONS)  # one issue each, no knock-on noise


def test_issues_are_sorted_by_table_then_row(tmp_path):
    path = make_dataset(
        tmp_path / "x.gpkg",
        negative_emission=True,
        bad_sector=True,
        outside_area=True,
        drop_tables=["targets"],
    )
    issues = validate_dataset(path)
    order = [t.name for t in schema.TABLES]
    keys = [(order.index(i.table), -1 if i.row is None else i.row) for i in issues]
    assert keys == sorted(keys)
    assert [str(i).split(":")[0] for i in issues] == [
        "facilities row 1 (id FR_AMD), field sector",
        "facilities row 3 (id FR_ALD), field geometry",
        "emissions row 1 (facility FR_AMD), field value_t",
        "targets",
    ]


def test_many_rows_with_problems_each_get_their_row(tmp_path):
    rows = default_rows()["emissions"]
    bad = [{**r, "value_t": -1.0} for r in rows]
    issues = validate_dataset(make_dataset(tmp_path / "x.gpkg", emissions=bad))
    assert [i.row for i in issues] == list(range(1, len(rows) + 1))
    assert {i.facility_id for i in issues} == set(FACILITY_IDS)


def test_a_box_is_a_valid_polygon_for_the_checker():
    # guard the fixture itself: the default geometry is valid
    for row in default_rows()["communes"]:
        assert shapely.is_valid(row["geometry"])
    assert shapely.is_valid(box(1.95, 50.85, 2.7, 51.06))
    assert not np.isnan(shapely.total_bounds([r["geometry"] for r in default_rows()["land"]])).any()


# -- the embedded dataset (built by dkgis.data.build; absent until then) -------------


@pytest.mark.skipif(not DEFAULT_DATASET.exists(), reason="embedded dataset not built yet")
def test_embedded_dataset_is_valid():
    issues = validate_dataset(DEFAULT_DATASET)
    assert issues == [], "\n".join(str(i) for i in issues)
