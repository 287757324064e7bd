"""Any value in any cell of a dataset: dkgis opens it, or says which cell is wrong.

Property test (hypothesis): a valid dataset has a few of its cells replaced by values of
every type (NULL, numbers of any size, non-finite numbers, text, binary data, text that
is not UTF-8, geometries with odd coordinates, damaged geometry blobs). Loading it must
give a project that the model can use, or a :class:`DatasetError` naming the row and
column, never another exception; the validator must list the cell the reader refused.

The base file's columns are re-declared without a type, so that SQLite keeps every value
as given (a column declared ``TEXT`` would turn the number 42 into the text "42").

``DKGIS_FUZZ_EXAMPLES`` sets the number of examples (default 40, a few seconds); with it
set, the examples are also drawn at random instead of from a fixed seed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dkgis.io import schema  # noqa: E402
from dkgis.io.errors import DatasetError  # noqa: E402
from dkgis.io.validate import validate_dataset  # noqa: E402
from dkgis.model.project import Project  # noqa: E402
from tests.gpkg_factory import default_rows, make_dataset, run_sql  # noqa: E402

EXAMPLES = int(os.environ.get("DKGIS_FUZZ_EXAMPLES", "0") or 0)

GEOMETRY_COLUMN = "geom"


def _untyped_copy(path: Path) -> None:
    """Re-declare every schema table's columns without a type (no SQLite type affinity)."""
    statements = []
    with closing(sqlite3.connect(path)) as con:
        for table in schema.TABLES:
            columns = [row[1] for row in con.execute(f'PRAGMA table_info("{table.name}")')]
            others = [c for c in columns if c != "fid"]
            quoted = ", ".join(f'"{c}"' for c in others)
            statements += [
                f'CREATE TABLE "_{table.name}" (fid INTEGER PRIMARY KEY, {quoted})',
                f'INSERT INTO "_{table.name}" SELECT fid, {quoted} FROM "{table.name}"',
                f'DROP TABLE "{table.name}"',
                f'ALTER TABLE "_{table.name}" RENAME TO "{table.name}"',
            ]
    run_sql(path, statements)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    path = make_dataset(tmp_path_factory.mktemp("fuzz") / "base.gpkg")
    _untyped_copy(path)
    Project.load(path)  # still a valid dataset
    assert validate_dataset(path) == []
    return path


def _gp_point(x: float, y: float) -> bytes:
    """A GeoPackage point blob (no envelope, EPSG:4326, little-endian)."""
    return b"GP\x00\x01" + struct.pack("<i", 4326) + struct.pack("<BIdd", 1, 1, x, y)


class NotUtf8(bytes):
    """Bytes to store as TEXT (they are not valid UTF-8)."""


coordinates = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-200, max_value=200),
    st.sampled_from([2.3, 51.03, 0.0, 90.0, -180.0]),
)
geometry_values = st.one_of(
    st.builds(_gp_point, coordinates, coordinates),
    st.builds(
        lambda blob, cut: blob[:cut],
        st.builds(_gp_point, coordinates, coordinates),
        st.integers(0, 28),
    ),
    st.binary(max_size=40).map(lambda b: b"GP\x00\x03" + b),
)
values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, 1, -1, 1919, 2030, 10**12]),
    st.floats(allow_nan=False, allow_infinity=True),
    st.sampled_from([1e300, -5.0, 0.5, 1e9 + 1]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(["", "  ", "verified", "steel", "FR_AMD", "eutl", "2024", "1e300", "yes"]),
    st.binary(max_size=12),
    st.binary(min_size=1, max_size=12).map(lambda b: NotUtf8(b"\xff" + b)),
    geometry_values,
)


def typed_values(table: schema.Table, column: str) -> st.SearchStrategy:
    """Values of the column's own type, odd ones included (so that many files still load)."""
    if column == GEOMETRY_COLUMN:
        lon = st.one_of(st.floats(-180, 180), st.sampled_from([-180.0, 180.0, 2.3]))
        lat = st.one_of(st.floats(-90, 90), st.sampled_from([-90.0, 90.0, 51.03]))
        return st.one_of(st.none(), st.builds(_gp_point, lon, lat))
    col = table.column(column)
    if col.type == "TEXT":
        known = [*(col.allowed or ()), "FR_AMD", "FR_NOPE", "eutl", "M_AMD_EAF", "59183"]
        text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
        return st.one_of(st.sampled_from(known), text)
    if col.type == "BOOLEAN":
        return st.sampled_from([0, 1])
    low, high = col.bounds or (-1e12, 1e12)
    high = min(high, 1e12)
    if col.type == "INTEGER":
        return st.integers(int(low), int(high))
    return st.one_of(st.floats(low, high), st.sampled_from([low, high]))


@st.composite
def mutations(draw) -> list[tuple[str, str, int, object]]:
    rows = default_rows()
    changes = []
    for _ in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(schema.TABLES))
        columns = list(table.column_names)
        if table.geometry is not None:
            columns.append(GEOMETRY_COLUMN)
        column = draw(st.sampled_from(columns))
        fid = draw(st.integers(1, len(rows[table.name])))
        # One value in three of any type; the others of the column's type, odd ones included.
        odd = draw(st.integers(0, 2)) == 0
        value = draw(values if odd else typed_values(table, column))
        changes.append((table.name, column, fid, value))
    return changes


def _apply(path: Path, changes) -> None:
    with closing(sqlite3.connect(path)) as con:
        for table, column, fid, value in changes:
            if isinstance(value, NotUtf8):
                sql = f'UPDATE "{table}" SET "{column}" = CAST(? AS TEXT) WHERE fid = ?'
                con.execute(sql, (bytes(value), fid))
            else:
                con.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE fid = ?', (value, fid))
        con.commit()


def _use(project: Project) -> None:
    """What the window does with a project at start, in the model (no Qt)."""
    from dkgis.model.cluster_data import build_cluster_data
    from dkgis.model.frame import frame_emissions, frame_of
    from dkgis.model.search import search, search_entries
    from dkgis.model.site_data import build_site_data

    project.cluster_extent()
    frame_emissions(project, frame_of(project))
    search(search_entries(project), "dunkerque arcelor")
    scenarios = project.scenarios
    frame_emissions(project, frame_of(project, year=2030))
    build_cluster_data(project, scenarios, scenarios.active)
    for fid in project.facilities:
        build_site_data(project, scenarios, [fid], scenario=scenarios.active)
    project.attributions()


@settings(
    max_examples=EXAMPLES or 40,
    derandomize=not EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=mutations())
def test_any_cell_value_gives_a_project_or_a_dataset_error_naming_it(base, changes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.gpkg"
        shutil.copyfile(base, path)
        _apply(path, changes)
        try:
            project = Project.load(path)
        except DatasetError as err:
            assert err.path == path
            first = err.problem.split(" (and ")[0]
            assert first in [str(issue) for issue in validate_dataset(path)]
            assert any(f" row {fid}" in first for _t, _c, fid, _v in changes), first
        else:
            _use(project)
            validate_dataset(path)  # lists what the app tolerates; never raises
