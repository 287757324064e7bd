"""PostGIS as the shared store, against a real server (tests/pg_server.py): publish and
write back value by value, read-only users, every bad input's one message (never with a
password), the lost connection mid-push, conflicts of shared items, imports in one
transaction, tables read by view on the GiST index."""

from __future__ import annotations

import logging
import socket
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
import shapely

from dkgis.cli.main import main
from dkgis.data import DEFAULT_DATASET
from dkgis.io import schema
from dkgis.io.gpkg import geometries_from_blobs
from dkgis.io.postgis import DatabaseError, Dsn, is_dsn
from dkgis.io.postgis.dsn import as_source
from tests.pg_server import make_parcels, unavailable

ROOT = Path(__file__).resolve().parents[1]

#: A password no message may ever show.
SECRET = "Sup3r-S3cret-Pw"


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows_of(path: Path, table: str) -> list[tuple]:
    """Every row of a GeoPackage table by fid, geometry decoded (as WKT-exact shapely)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        cur = con.execute(f'SELECT * FROM "{table}" ORDER BY fid')
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    out = []
    for row in rows:
        values = []
        for name, value in zip(names, row, strict=True):
            if name == "geom":
                geom = geometries_from_blobs([value])[0]
                values.append(None if geom is None else shapely.to_wkb(geom, hex=True))
            else:
                values.append((name, value, type(value).__name__))
        out.append(tuple(values))
    return out


def tables_of(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        return [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM gpkg_contents ORDER BY table_name"
            ).fetchall()
        ]


def user_copy_with_imports(tmp_path: Path) -> Path:
    """The embedded dataset after an import (an import record), and a target removed (a gap
    in the fids)."""
    from dkgis.data.importer import apply_import, plan_import
    from tests.release_fixtures import compliance_row, euets_info_zip

    release = euets_info_zip(
        tmp_path / "eutl.zip",
        [compliance_row("FR_956", 2023, 7_120_000), compliance_row("FR_988", 2023, 3_500_000)],
    )
    out = tmp_path / "user.gpkg"
    apply_import(plan_import([release], DEFAULT_DATASET), out)
    with closing(sqlite3.connect(out)) as con:
        con.execute("DELETE FROM targets WHERE fid = 2")
        con.commit()
    return out


# -- connection strings --------------------------------------------------------------------


def test_a_dsn_is_a_database_and_a_path_stays_a_file():
    assert is_dsn("postgresql://alice@sig.example.fr/climat")
    assert is_dsn("postgres://alice@sig.example.fr/climat")
    assert is_dsn("service=climat")
    assert is_dsn("PG:dbname=climat host=sig.example.fr")
    assert not is_dsn("climat.gpkg")
    assert not is_dsn("/home/alice/postgresql/data.gpkg")
    assert isinstance(as_source("data/dkarbonation.gpkg"), Path)
    assert isinstance(as_source("PG:service=climat"), Dsn)


def test_a_dsn_shows_its_database_never_its_password():
    dsn = Dsn(f"postgresql://alice:{SECRET}@sig.example.fr:5433/climat?sslmode=require")
    assert dsn.label == "PostgreSQL database climat on sig.example.fr:5433"
    assert SECRET not in str(dsn) and SECRET not in repr(dsn)
    assert SECRET not in dsn.public_text() and "sslmode='require'" in dsn.public_text()
    assert dsn.remembered() == {
        "host": "sig.example.fr",
        "port": "5433",
        "dbname": "climat",
        "user": "alice",
        "sslmode": "require",
    }
    assert dsn.params()["password"] == SECRET  # for libpq only
    assert dsn.scrub(f"failed for {SECRET}!") == "failed for ***!"
    typed = Dsn("service=climat").with_password(SECRET)
    assert typed.label == "PostgreSQL service climat" and typed.has_password
    assert SECRET not in typed.public_text()
    assert Dsn("PG:dbname=climat host=/var/run/postgresql").label == (
        "PostgreSQL database climat on this computer"
    )


def test_a_broken_connection_string_is_refused_without_repeating_it():
    with pytest.raises(DatabaseError) as info:
        Dsn(f"host=db password={SECRET} garbage")
    assert info.value.kind == "invalid"
    assert SECRET not in str(info.value)
    assert "service=NAME" in str(info.value)


def test_geopackage_users_never_load_the_database_driver():
    code = (
        "import sys; from dkgis.model.project import Project; from dkgis.cli.main import "
        "build_parser; build_parser(); from PySide6.QtWidgets import QApplication; "
        "app = QApplication([]); from dkgis.ui.main_window import MainWindow; "
        "window = MainWindow(Project.load()); window.show(); app.processEvents(); "
        "print('psycopg' in sys.modules); window.close()"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# -- push and pull -------------------------------------------------------------------------


def test_push_then_pull_gives_back_the_same_geopackage(pg_server, pg_db, tmp_path, capsys):
    source = user_copy_with_imports(tmp_path)
    code, out, err = run_cli(
        capsys, "db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db), str(source)
    )
    assert code == 0, err
    assert "revision 1" in out and "Tables created" in out
    pulled = tmp_path / "pulled.gpkg"
    code, out, err = run_cli(capsys, "db", "pull", "--db", pg_server.dsn("bob", pg_db), str(pulled))
    assert code == 0, err
    assert f"Wrote {pulled}" in out

    assert tables_of(pulled) == tables_of(source)
    names = [t.name for t in schema.TABLES] + ["dkgis_imports"]
    for name in names:
        assert rows_of(pulled, name) == rows_of(source, name), name
    # The fids are kept, gaps included.
    fids = [r[0][1] for r in rows_of(pulled, "targets")]
    assert fids != list(range(1, len(fids) + 1))
    from dkgis.data.user_data import import_history
    from dkgis.io.validate import validate_dataset

    assert validate_dataset(pulled) == []
    assert [r.sha256 for r in import_history(pulled)] == [r.sha256 for r in import_history(source)]
    with closing(sqlite3.connect(pulled)) as con:
        assert con.execute("PRAGMA user_version").fetchone() == (10200,)
        assert con.execute(
            "SELECT table_name, geometry_type_name, srs_id FROM gpkg_geometry_columns"
            " ORDER BY table_name"
        ).fetchall() == [
            ("coastline", "MULTILINESTRING", 4326),
            ("communes", "MULTIPOLYGON", 4326),
            ("facilities", "POINT", 4326),
            ("infrastructure_lines", "MULTILINESTRING", 4326),
            ("infrastructure_points", "POINT", 4326),
            ("land", "MULTIPOLYGON", 4326),
        ]
        assert con.execute("SELECT count(*) FROM rtree_facilities_geom").fetchone() == (65,)


def test_the_database_has_typed_geometry_columns_gist_indexes_and_a_schema_version(
    pg_server, pg_db, capsys
):
    dsn = pg_server.dsn("dkgis_admin", pg_db)
    assert run_cli(capsys, "db", "push", "--db", dsn)[0] == 0
    with pg_server.admin(pg_db) as con:
        columns = con.execute(
            "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns"
            " WHERE f_table_schema = 'dkgis' ORDER BY f_table_name"
        ).fetchall()
        indexes = {
            r[0]
            for r in con.execute(
                "SELECT tablename FROM pg_indexes WHERE schemaname = 'dkgis'"
                " AND indexdef LIKE '%USING gist (geom)%'"
            )
        }
        state = con.execute("SELECT schema_version, revision, updated_by FROM dkgis.dkgis_dataset")
        assert state.fetchone() == (schema.SCHEMA_VERSION, 1, "dkgis_admin")
        counts = con.execute("SELECT count(*) FROM dkgis.facilities").fetchone()
    assert columns == [
        ("coastline", "geom", "MULTILINESTRING", 4326),
        ("communes", "geom", "MULTIPOLYGON", 4326),
        ("facilities", "geom", "POINT", 4326),
        ("infrastructure_lines", "geom", "MULTILINESTRING", 4326),
        ("infrastructure_points", "geom", "POINT", 4326),
        ("land", "geom", "MULTIPOLYGON", 4326),
    ]
    assert indexes == {name for name, *_ in columns}
    assert counts == (65,)
    # An editor publishes again: the revision goes up, the owner's tables stay.
    code, out, err = run_cli(capsys, "db", "push", "--db", pg_server.dsn("alice", pg_db))
    assert code == 0, err
    assert "revision 2" in out and "Tables created" not in out


def test_export_from_the_database_draws_the_map_of_the_geopackage(
    pg_server, pg_db, tmp_path, capsys
):
    from PySide6.QtGui import QImage

    from tests.gpkg_factory import make_dataset

    source = make_dataset(tmp_path / "reference.gpkg")
    owner, viewer = pg_server.dsn("dkgis_admin", pg_db), pg_server.dsn("bob", pg_db)
    assert run_cli(capsys, "db", "push", "--db", owner, str(source))[0] == 0
    images = {}
    for name, argv in (
        ("file", ["export", "--data", str(source)]),
        ("database", ["export", "--data", viewer]),
        ("global option", ["--data", viewer, "export"]),
    ):
        out = tmp_path / f"{name}.png"
        code, _out, err = run_cli(capsys, *argv, str(out), "--size", "640x480")
        assert code == 0, err
        images[name] = QImage(str(out))
        assert not images[name].isNull()
    assert images["database"] == images["file"]
    assert images["global option"] == images["file"]


def test_a_dataset_with_problems_is_not_published(pg_server, pg_db, tmp_path, capsys):
    from tests.gpkg_factory import make_dataset

    broken = make_dataset(tmp_path / "broken.gpkg", bad_sector=True)
    code, _out, err = run_cli(
        capsys, "db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db), str(broken)
    )
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "broken.gpkg has 1 problem(s) and is not published" in err
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT to_regclass('dkgis.facilities')").fetchone() == (None,)


def test_a_read_only_user_cannot_write_and_is_told_so(pg_server, pg_db, tmp_path, capsys):
    assert run_cli(capsys, "db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db))[0] == 0
    from tests.gpkg_factory import make_dataset

    other = make_dataset(tmp_path / "other.gpkg")
    code, _out, err = run_cli(capsys, "db", "push", "--db", pg_server.dsn("bob", pg_db), str(other))
    assert code == 1
    assert err.strip().splitlines() == [
        f"dkgis db push: error: PostgreSQL database {pg_db} on 127.0.0.1:{pg_server.port}: "
        "user bob may not change the data of this database (read-only access); ask an "
        "administrator for the editor role. Nothing was written: the database is as it was."
    ]
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT count(*) FROM dkgis.facilities").fetchone() == (65,)
        assert con.execute("SELECT revision FROM dkgis.dkgis_dataset").fetchone() == (1,)
    # bob still reads.
    pulled = tmp_path / "bob.gpkg"
    assert run_cli(capsys, "db", "pull", "--db", pg_server.dsn("bob", pg_db), str(pulled))[0] == 0


def test_an_editor_cannot_create_the_tables_the_owner_creates(pg_server, pg_db, capsys):
    code, _out, err = run_cli(capsys, "db", "push", "--db", pg_server.dsn("alice", pg_db))
    assert code == 1
    assert "user alice may not change the data of this database" in err


# -- bad input: one message each, never a password ----------------------------------------


class _Silent:
    """A TCP server on 127.0.0.1 that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]

    def close(self) -> None:
        self.sock.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("case", "expected", "exit_code"),
    [
        ("wrong password", "the server refused the user name or password (user alice)", 2),
        ("unknown user", "the server refused the user name or password (user zed)", 2),
        ("no server", "no database server answers at 127.0.0.1:", 2),
        ("silent server", "did not answer in time", 2),
        ("no such database", "the server has no database nowhere", 2),
        ("no PostGIS", "PostGIS is not installed in this database", 2),
        ("no dataset", "this database holds no dkgis dataset yet", 2),
        ("newer schema", "are of schema version 99; this dkgis reads version", 2),
        ("older schema", "are of schema version 1; this dkgis reads version", 2),
        ("TLS refused", "the server refuses this connection", 2),
    ],
)
def test_each_bad_database_gets_one_line_without_the_password(
    pg_server, tmp_path, capsys, caplog, case, expected, exit_code
):
    caplog.set_level(logging.DEBUG)  # what dkgis and psycopg log says no password either
    host, port = "127.0.0.1", pg_server.port
    silent = None
    if case == "wrong password":
        dsn = f"postgresql://alice:{SECRET}@{host}:{port}/postgres"
    elif case == "unknown user":
        dsn = f"postgresql://zed:{SECRET}@{host}:{port}/postgres"
    elif case == "no server":
        dsn = f"postgresql://alice:{SECRET}@{host}:{_closed_port()}/climat"
    elif case == "silent server":
        silent = _Silent()
        dsn = f"postgresql://alice:{SECRET}@{host}:{silent.port}/climat?connect_timeout=1"
    elif case == "no such database":
        dsn = f"postgresql://alice:{pg_server.passwords['alice']}@{host}:{port}/nowhere"
    elif case == "TLS refused":
        if not pg_server.ssl:
            unavailable("openssl is not installed: the test server has no TLS")
        dsn = pg_server.dsn("carol", pg_server.new_database()) + "?sslmode=disable"
    else:
        db = pg_server.new_database(postgis=case != "no PostGIS")
        if case.endswith("schema"):
            assert run_cli(capsys, "db", "push", "--db", pg_server.dsn("dkgis_admin", db))[0] == 0
            version = 99 if case == "newer schema" else 1
            with pg_server.admin(db) as con:
                con.execute("UPDATE dkgis.dkgis_dataset SET schema_version = %s", (version,))
        dsn = pg_server.dsn("alice", db)
    # The password shows nowhere, whoever's it is.
    secrets = {SECRET, *pg_server.passwords.values()}
    try:
        for argv in (
            ["db", "pull", "--db", dsn, str(tmp_path / "out.gpkg")],
            ["--data", dsn, "export", str(tmp_path / "map.png")],
        ):
            code, out, err = run_cli(capsys, *argv)
            assert code == exit_code, (argv, err)
            lines = err.strip().splitlines()
            assert len(lines) == 1, err
            assert expected in lines[0], lines[0]
            assert not any(s in out + err + caplog.text for s in secrets)
            assert not (tmp_path / "out.gpkg").exists()
    finally:
        if silent is not None:
            silent.close()


def test_the_connection_is_encrypted_when_the_server_offers_it(pg_server, pg_db):
    if not pg_server.ssl:
        unavailable("openssl is not installed: the test server has no TLS")
    from dkgis.io.postgis.connection import connect

    for text, encrypted in (
        (pg_server.dsn("carol", pg_db), True),  # sslmode=prefer by default
        (pg_server.dsn("alice", pg_db) + "?sslmode=disable", False),
        (pg_server.dsn("alice", pg_db) + "?sslmode=require", True),
    ):
        with closing(connect(Dsn(text))) as con:
            row = con.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            assert row.fetchone() == (encrypted,), text


def test_a_password_is_read_from_the_password_file(pg_server, pg_db, tmp_path, monkeypatch):
    from dkgis.model.project import Project

    assert main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)]) == 0
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:{pg_db}:bob:{pg_server.passwords['bob']}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    project = Project.load(pg_server.dsn("bob", pg_db, password=None))
    assert len(project.facilities) == 65
    assert project.path is None and project.source_name.startswith("PostgreSQL database")
    pgpass.unlink()
    with pytest.raises(DatabaseError) as info:
        Project.load(pg_server.dsn("bob", pg_db, password=None))
    assert info.value.kind == "password_needed"


# -- the connection lost mid-push ---------------------------------------------------------


def test_a_connection_lost_mid_push_leaves_the_database_as_it_was(
    pg_server, pg_db, tmp_path, capsys, monkeypatch
):
    assert run_cli(capsys, "db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db))[0] == 0
    first = tmp_path / "first.gpkg"
    assert run_cli(capsys, "db", "pull", "--db", pg_server.dsn("bob", pg_db), str(first))[0] == 0
    newer = user_copy_with_imports(tmp_path)

    import dkgis.io.postgis.dataset as dataset

    insert = dataset._insert
    written: list[str] = []

    def insert_then_cut(conn, table, data, fids):
        insert(conn, table, data, fids)
        written.append(table.name)
        if len(written) == 3:  # sources, facilities and emissions are in: cut the line
            assert pg_server.terminate(pg_db) == 1

    monkeypatch.setattr(dataset, "_insert", insert_then_cut)
    code, _out, err = run_cli(
        capsys, "db", "push", "--db", pg_server.dsn("alice", pg_db), str(newer)
    )
    assert code == 1
    assert err.strip().splitlines() == [
        f"dkgis db push: error: PostgreSQL database {pg_db} on 127.0.0.1:{pg_server.port}: "
        "the connection to the server was lost. Nothing was written: the database is as it was."
    ]
    assert written == ["sources", "facilities", "emissions"]
    monkeypatch.undo()
    after = tmp_path / "after.gpkg"
    assert run_cli(capsys, "db", "pull", "--db", pg_server.dsn("bob", pg_db), str(after))[0] == 0
    for name in [t.name for t in schema.TABLES]:
        assert rows_of(after, name) == rows_of(first, name), name
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT revision FROM dkgis.dkgis_dataset").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM dkgis.dkgis_imports").fetchone() == (0,)


def test_two_publications_at_once_are_one_after_the_other(pg_server, pg_db):
    from dkgis.io.gpkg_copy import read_copy
    from dkgis.io.postgis.dataset import push_copy

    copy = read_copy(DEFAULT_DATASET)
    push_copy(Dsn(pg_server.dsn("dkgis_admin", pg_db)), copy)
    results, errors = [], []

    def publish(user: str) -> None:
        try:
            results.append(push_copy(Dsn(pg_server.dsn(user, pg_db)), copy).revision)
        except DatabaseError as err:  # pragma: no cover - shown on failure
            errors.append(err)

    threads = [threading.Thread(target=publish, args=(u,)) for u in ("alice", "carol")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(results) == [2, 3]
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT count(*) FROM dkgis.facilities").fetchone() == (65,)


# -- shared scenarios and projects ---------------------------------------------------------


def _scenario(name: str, delay: int = 0):
    from dkgis.model.project import Project
    from dkgis.model.scenario import announced_plans

    plans = announced_plans(Project.load())
    return plans.renamed(name).delayed(delay) if delay else plans.renamed(name)


def test_two_users_saving_the_same_scenario_get_a_conflict_not_an_overwrite(pg_server, pg_db):
    from dkgis.io.postgis.shared import list_items, load_scenario, save_scenario

    main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)])
    alice = Dsn(pg_server.dsn("alice", pg_db))
    carol = Dsn(pg_server.dsn("carol", pg_db))
    first = save_scenario(alice, _scenario("Port 2030"), None)
    assert (first.version, first.saved_by) == (1, "alice")
    # Both open version 1.
    mine, at_alice = load_scenario(alice, "Port 2030")
    theirs, at_carol = load_scenario(carol, "Port 2030")
    assert at_alice.version == at_carol.version == 1 and mine == theirs
    saved = save_scenario(carol, theirs.delayed(3), at_carol.version)
    assert (saved.version, saved.saved_by) == (2, "carol")
    with pytest.raises(DatabaseError) as info:
        save_scenario(alice, mine.delayed(5), at_alice.version)
    err = info.value
    assert err.kind == "conflict"
    assert "The scenario “Port 2030” was saved in the database by carol on" in str(err)
    assert "nothing is overwritten" in str(err)
    stored, item = load_scenario(alice, "Port 2030")
    assert item.version == 2 and stored == theirs.delayed(3)
    # A new scenario of a name already taken is refused too.
    with pytest.raises(DatabaseError) as info:
        save_scenario(alice, _scenario("Port 2030"), None)
    assert info.value.kind == "conflict" and "is already in the database" in str(info.value)
    assert [
        (i.name, i.version) for i in list_items(Dsn(pg_server.dsn("bob", pg_db)), "scenario")
    ] == [("Port 2030", 2)]
    # The read-only viewer reads it, cannot save it.
    bob = Dsn(pg_server.dsn("bob", pg_db))
    scenario, item = load_scenario(bob, "Port 2030")
    with pytest.raises(DatabaseError) as info:
        save_scenario(bob, scenario, item.version)
    assert info.value.kind == "read_only"


def test_a_shared_project_comes_back_as_saved_and_a_damaged_one_is_refused(pg_server, pg_db):
    from dkgis.io.postgis.shared import load_project, save_project

    main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)])
    alice = Dsn(pg_server.dsn("alice", pg_db))
    state = {
        "scenarios": [_scenario("Port 2030")],
        "active_scenario": "Port 2030",
        "extent": (200000.0, 6600000.0, 260000.0, 6640000.0),
        "selection": ["FR_956"],
        "year": 2030,
        "hidden_sectors": ["steel"],
    }
    item = save_project(alice, "Comité de pilotage", state, None)
    loaded, again = load_project(Dsn(pg_server.dsn("bob", pg_db)), "Comité de pilotage")
    assert again.version == item.version == 1
    assert loaded["dataset"] is None
    assert loaded["extent"] == state["extent"] and loaded["year"] == 2030
    assert loaded["scenarios"] == [_scenario("Port 2030").to_dict()]
    with pg_server.admin(pg_db) as con:
        con.execute("UPDATE dkgis.dkgis_projects SET body = jsonb_set(body, '{year}', '1789')")
    with pytest.raises(DatabaseError) as info:
        load_project(alice, "Comité de pilotage")
    assert info.value.kind == "damaged"
    assert "year: 1789 is not between" in str(info.value)


# -- imports into the database ------------------------------------------------------------


def test_an_import_into_the_database_is_all_or_nothing(pg_server, pg_db, tmp_path, capsys):
    from dkgis.io.postgis.dataset import read_dataset
    from tests.release_fixtures import compliance_row, euets_info_zip

    main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)])
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    # A viewer: refused, nothing written.
    code, out, err = run_cli(
        capsys, "data", "import", str(release), "--data", pg_server.dsn("bob", pg_db)
    )
    assert code == 1 and "read-only access" in err and len(err.strip().splitlines()) == 1
    # An editor: written, in one revision.
    code, out, err = run_cli(
        capsys, "data", "import", str(release), "--data", pg_server.dsn("alice", pg_db)
    )
    assert code == 0, err
    assert f"Wrote PostgreSQL database {pg_db} on 127.0.0.1:{pg_server.port}" in out
    tables = read_dataset(Dsn(pg_server.dsn("bob", pg_db)))
    em = tables["emissions"].columns
    values = {
        (f, y): v
        for f, y, v, k in zip(em["facility_id"], em["year"], em["value_t"], em["kind"], strict=True)
        if k == "verified"
    }
    assert values[("FR_956", 2023)] == 7_120_000.0
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT revision FROM dkgis.dkgis_dataset").fetchone() == (2,)
        assert con.execute("SELECT file FROM dkgis.dkgis_imports").fetchall() == [("eutl.zip",)]
    # Again: nothing new.
    code, out, err = run_cli(
        capsys, "data", "import", str(release), "--data", pg_server.dsn("alice", pg_db)
    )
    assert code == 0 and "Nothing new" in out


def test_an_import_refuses_data_changed_since_its_preview(pg_server, pg_db, tmp_path):
    from dkgis.data.importer import apply_import, plan_import
    from tests.release_fixtures import compliance_row, euets_info_zip

    main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)])
    alice = Dsn(pg_server.dsn("alice", pg_db))
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    plan = plan_import([release], alice)
    assert [(c.facility_id, c.year) for c in plan.added] == [("FR_956", 2023)]
    main(["db", "push", "--db", pg_server.dsn("carol", pg_db)])  # someone publishes meanwhile
    with pytest.raises(DatabaseError) as info:
        apply_import(plan, alice)
    assert info.value.kind == "conflict"
    assert "changed since it was read (now revision 2, by carol)" in str(info.value)
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT count(*) FROM dkgis.emissions WHERE year = 2023").fetchone() == (
            0,
        )


# -- tables read by view -------------------------------------------------------------------


@pytest.fixture
def parcels(pg_server, pg_db):
    return make_parcels(pg_server, pg_db)


def test_tables_are_listed_and_read_by_view_on_the_gist_index(pg_server, pg_db, parcels):
    from dkgis.io.postgis.layers import list_geometry_tables, open_reader, read_view

    bob = Dsn(pg_server.dsn("bob", pg_db))
    tables = list_geometry_tables(bob)
    assert [(t.title, t.geometry_type, t.srid) for t in tables] == [
        ("urba.parcels", "POINT", 2154)
    ]  # urba.secret is not readable by bob; the dataset's schema is left out
    assert tables[0].rows == 20000
    box = (2.15, 50.96, 2.20, 50.99)
    with closing(open_reader(bob)) as con:
        data, truncated = read_view(con, bob, tables[0], box)
        assert not truncated
        xs, ys = shapely.get_x(data.geometry), shapely.get_y(data.geometry)
        assert len(data) == 26 * 31
        assert xs.min() >= box[0] - 1e-9 and xs.max() <= box[2] + 1e-9
        assert ys.min() >= box[1] - 1e-9 and ys.max() <= box[3] + 1e-9
        assert list(data.columns) == ["id", "code", "surface", "built", "created"]
        row = next(data.rows())
        assert isinstance(row["id"], int) and isinstance(row["surface"], float)
        assert isinstance(row["built"], bool) and isinstance(row["created"], str)
        few, truncated = read_view(con, bob, tables[0], box, limit=100)
        assert len(few) == 100 and truncated
        plan = "\n".join(
            r[0]
            for r in con.execute(
                "EXPLAIN SELECT * FROM urba.parcels WHERE geom &&"
                " ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, 4326), 2154)",
                box,
            )
        )
        assert "parcels_geom" in plan, plan


def test_a_service_of_the_service_file_names_the_database(
    pg_server, pg_db, tmp_path, capsys, monkeypatch
):
    from dkgis.model.project import Project

    assert main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)]) == 0
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[climat]\nhost=127.0.0.1\nport={pg_server.port}\ndbname={pg_db}\nuser=bob\n"
        f"password={SECRET}\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with pytest.raises(DatabaseError) as info:  # the service's password is wrong
        Project.load("service=climat")
    assert info.value.kind == "password" and SECRET not in str(info.value)
    services.write_text(services.read_text().replace(SECRET, pg_server.passwords["bob"]))
    project = Project.load("PG:service=climat")
    assert project.source_name == "PostgreSQL service climat"
    assert len(project.facilities) == 65
    code, _out, err = run_cli(capsys, "db", "pull", "--db", "service=nowhere", "x.gpkg")
    assert code == 2
    assert err.strip() == (
        "dkgis db pull: error: PostgreSQL service nowhere: no service nowhere in your service "
        "file (pg_service.conf, or the file named by PGSERVICEFILE)"
    )


def test_a_connection_lost_mid_import_leaves_the_database_as_it_was(
    pg_server, pg_db, tmp_path, capsys, monkeypatch
):
    from tests.release_fixtures import compliance_row, euets_info_zip

    assert main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)]) == 0
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    import dkgis.io.postgis.dataset as dataset

    insert = dataset._insert

    def insert_then_cut(conn, table, data, fids):
        insert(conn, table, data, fids)
        if table.name == "emissions":
            pg_server.terminate(pg_db)

    monkeypatch.setattr(dataset, "_insert", insert_then_cut)
    code, _out, err = run_cli(
        capsys, "data", "import", str(release), "--data", pg_server.dsn("alice", pg_db)
    )
    assert code == 1
    assert err.strip().endswith(
        "the connection to the server was lost. Nothing was written: the database is as it was."
    )
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT revision FROM dkgis.dkgis_dataset").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM dkgis.emissions WHERE year = 2023").fetchone() == (
            0,
        )
        assert con.execute("SELECT count(*) FROM dkgis.dkgis_imports").fetchone() == (0,)


def test_the_postgis_benchmark_runs_in_smoke_mode(pg_server):
    import os

    out = subprocess.run(
        [sys.executable, "bench/postgis.py", "--smoke"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == [
        "push",
        "pull",
        "open",
        "open",
        "table",
        "view",
        "view",
        "view",
    ]
    assert "2000 features" in lines[6]


def test_the_owner_upgrades_tables_of_an_older_schema_version(pg_server, pg_db, capsys):
    from dkgis.io.postgis.shared import list_items, save_scenario

    assert main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)]) == 0
    save_scenario(Dsn(pg_server.dsn("alice", pg_db)), _scenario("Port 2030"), None)
    with pg_server.admin(pg_db) as con:
        con.execute("UPDATE dkgis.dkgis_dataset SET schema_version = 1")
    code, _out, err = run_cli(capsys, "db", "push", "--db", pg_server.dsn("alice", pg_db))
    assert code == 2 and "their owner replaces them with: dkgis db push --upgrade" in err
    code, _out, err = run_cli(
        capsys, "db", "push", "--upgrade", "--db", pg_server.dsn("alice", pg_db)
    )
    assert code == 1 and "user alice may not change" in err  # only the owner drops tables
    code, out, err = run_cli(
        capsys, "db", "push", "--upgrade", "--db", pg_server.dsn("dkgis_admin", pg_db)
    )
    assert code == 0, err
    assert "revision 2" in out
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT schema_version FROM dkgis.dkgis_dataset").fetchone() == (
            schema.SCHEMA_VERSION,
        )
        assert con.execute("SELECT count(*) FROM dkgis.facilities").fetchone() == (65,)
    assert [i.name for i in list_items(Dsn(pg_server.dsn("bob", pg_db)), "scenario")] == [
        "Port 2030"
    ]
    # The new tables have the viewers' and editors' rights again.
    code, _out, err = run_cli(capsys, "db", "push", "--db", pg_server.dsn("alice", pg_db))
    assert code == 0, err


def test_tables_published_before_the_french_names_are_read_and_written(pg_server, pg_db, capsys):
    """A database published before the optional ``name_fr`` columns is read (the English
    names serve); an editor publishes into it without them; its owner's push adds them."""
    from dkgis.model.project import Project

    admin, alice = pg_server.dsn("dkgis_admin", pg_db), pg_server.dsn("alice", pg_db)
    assert main(["db", "push", "--db", admin]) == 0
    with pg_server.admin(pg_db) as con:
        for table, column in [
            ("facilities", "name_fr"),
            ("facilities", "subsector_fr"),
            ("measures", "name_fr"),
            ("measures", "status_fr"),
            ("targets", "actor_fr"),
        ]:
            con.execute(f"ALTER TABLE dkgis.{table} DROP COLUMN {column}")

    def dk6():
        return Project.load(Dsn(pg_server.dsn("bob", pg_db))).facilities["FR_988"]

    assert (dk6().name, dk6().name_fr) == ("DK6 power plant", None)
    code, _out, err = run_cli(capsys, "db", "push", "--db", alice)
    assert code == 0, err
    assert dk6().name_fr is None  # only the owner adds columns
    code, _out, err = run_cli(capsys, "db", "push", "--db", admin)
    assert code == 0, err
    assert dk6().name_fr == "Centrale DK6"
    with pg_server.admin(pg_db) as con:
        assert con.execute(
            "SELECT count(*) FROM dkgis.measures WHERE name_fr IS NOT NULL"
        ).fetchone() == (43,)


def test_the_postgis_tests_skip_locally_but_fail_under_ci(monkeypatch):
    reason = "PostGIS is not installed"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=reason):
        unavailable(reason)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=f"{reason} .CI installs it"):
        unavailable(reason)
