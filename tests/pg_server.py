"""A throwaway PostgreSQL + PostGIS server for the tests, on 127.0.0.1 only.

:func:`start_server` runs ``initdb`` into a fresh folder under the system's temporary
folder and ``pg_ctl start`` on a free port of 127.0.0.1 (no Unix socket), with password
(SCRAM) authentication for every TCP connection. PostgreSQL refuses to run as root: when
the tests run as root (CI), the server runs as the ``postgres`` user of the Debian
packages (or the user named by ``DKGIS_TEST_PG_USER``) through ``runuser``.

The deployment SQL of ``docs/postgis.md`` (roles, schema, privileges) is run as written,
so the documentation stays true: :meth:`PgServer.new_database` gives a database set up
as the documentation says, with three login users: the owner ``dkgis_admin``, an editor
``alice`` and a read-only viewer ``bob``.

When PostgreSQL or PostGIS is not installed, :func:`missing_reason` says what is missing
and the tests that need the server are skipped with that reason (:func:`unavailable`),
except under CI, where they fail: CI installs them.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import NoReturn

DOCS = Path(__file__).resolve().parents[1] / "docs" / "postgis.md"

#: Login roles of docs/postgis.md: the owner, two editors (carol connects only with
#: TLS) and a read-only viewer.
USERS = ("dkgis_admin", "alice", "bob", "carol")


def _bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: Debian's newest PostgreSQL that has PostGIS
    (else Debian's newest, else the PATH's)."""
    found = [
        Path(p).parent
        for p in sorted(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda p: int(re.search(r"/(\d+)/bin/", p).group(1)),
        )
    ]
    with_postgis = [bindir for bindir in found if _has_postgis(bindir)]
    if with_postgis or found:
        return (with_postgis or found)[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _sharedir(bindir: Path) -> Path | None:
    pg_config = bindir / "pg_config"
    if not pg_config.exists():
        return None
    out = subprocess.run([str(pg_config), "--sharedir"], capture_output=True, text=True)
    return Path(out.stdout.strip()) if out.returncode == 0 else None


def _has_postgis(bindir: Path) -> bool:
    share = _sharedir(bindir)
    return share is not None and (share / "extension" / "postgis.control").exists()


def _run_as() -> str | None:
    """The user the server runs as when the tests run as root (None: the current user)."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("DKGIS_TEST_PG_USER", "postgres")
    try:
        pwd.getpwnam(name)
    except KeyError:
        return ""
    return name


def missing_reason() -> str | None:
    """Why the tests cannot start a PostGIS server here, or ``None`` when they can."""
    bindir = _bindir()
    if bindir is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if not _has_postgis(bindir):
        return f"PostGIS is not installed for the PostgreSQL of {bindir}"
    if _run_as() == "":
        return "running as root without a 'postgres' user to run PostgreSQL as"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to run PostgreSQL as another user"
    return None


def unavailable(reason: str) -> NoReturn:
    """Skip the calling test for ``reason``, or fail it under CI (the ``CI`` environment
    variable set): CI installs PostgreSQL, PostGIS and openssl (``.ci/run``), so a test
    that cannot run there is a broken install, not a reason to skip."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port of 127.0.0.1 free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def doc_sql_blocks() -> dict[str, str]:
    """The SQL blocks of docs/postgis.md, by the first comment line of each block."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = {}
    for body in re.findall(r"```sql\n(.*?)```", text, flags=re.S):
        first = body.strip().splitlines()[0]
        blocks[first.lstrip("- ").strip()] = body
    return blocks


class PgServer:
    """A running test cluster (see the module docstring)."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.user = _run_as()
        self.folder = Path(tempfile.mkdtemp(prefix="dkgis-pg-"))
        self.datadir = self.folder / "data"
        self.port = free_port()
        self.host = "127.0.0.1"
        self.superuser = "dkgis_test_super"
        self.passwords = {name: secrets.token_hex(8) for name in (self.superuser, *USERS)}
        self._names = itertools.count(1)
        self.template = "dkgis_template"
        self.ssl = False

    # -- processes ---------------------------------------------------------------------
    def _cmd(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> None:
        """initdb, configure and start the server (raises RuntimeError on failure)."""
        if self.user:
            shutil.chown(self.folder, self.user)
        pwfile = self.folder / "pw"
        pwfile.write_text(self.passwords[self.superuser] + "\n")
        if self.user:
            shutil.chown(pwfile, self.user)
        try:
            self._cmd(
                "initdb",
                "-D",
                str(self.datadir),
                "-U",
                self.superuser,
                "--pwfile",
                str(pwfile),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
            )
        except subprocess.CalledProcessError as err:
            raise RuntimeError(f"initdb failed: {err.stderr.strip()}") from None
        pwfile.unlink()
        with (self.datadir / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                "unix_socket_directories = ''\nfsync = off\nsynchronous_commit = off\n"
                "full_page_writes = off\nmax_connections = 60\nshared_buffers = 32MB\n"
            )
        self.ssl = self._make_certificate()
        if self.ssl:
            with (self.datadir / "postgresql.conf").open("a") as conf:
                conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        # carol may only connect encrypted (hostnossl ... reject), the others either way.
        (self.datadir / "pg_hba.conf").write_text(
            "hostnossl all carol 127.0.0.1/32 reject\nhost all all 127.0.0.1/32 scram-sha-256\n"
        )
        result = self._cmd(
            "pg_ctl",
            "-D",
            str(self.datadir),
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
            check=False,
        )
        if result.returncode != 0:
            log = (self.folder / "log").read_text() if (self.folder / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {result.stderr.strip()} {log[-2000:]}")
        self._set_up_roles()

    def _make_certificate(self) -> bool:
        """A self-signed certificate for TLS (``False`` without openssl: no TLS then)."""
        openssl = shutil.which("openssl")
        if openssl is None:
            return False
        key, crt = self.datadir / "server.key", self.datadir / "server.crt"
        result = subprocess.run(
            [
                openssl,
                "req",
                "-new",
                "-x509",
                "-days",
                "2",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(crt),
            ],
            capture_output=True,
            timeout=60,
        )
        if result.returncode != 0:
            return False
        key.chmod(0o600)
        if self.user:
            shutil.chown(key, self.user)
            shutil.chown(crt, self.user)
        return True

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        self._cmd("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- connections -------------------------------------------------------------------
    def dsn(self, user: str, dbname: str, password: str | None = "") -> str:
        """A ``postgresql://`` URL for ``user`` (with their password unless told otherwise)."""
        if password == "":
            password = self.passwords[user]
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{user}{secret}@{self.host}:{self.port}/{dbname}"

    def admin(self, dbname: str = "postgres", autocommit: bool = True):
        """A psycopg connection as the superuser."""
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.superuser,
            password=self.passwords[self.superuser],
            dbname=dbname,
            autocommit=autocommit,
        )

    def _set_up_roles(self) -> None:
        from psycopg import sql

        blocks = doc_sql_blocks()
        with self.admin() as con:
            con.execute(blocks["Once per server: the group roles and the owner role"])
            con.execute(blocks["One login role per person, in the group of their rights"])
            con.execute("CREATE ROLE carol LOGIN IN ROLE dkgis_editor")
            for name in USERS:
                con.execute(
                    sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                        sql.Identifier(name), sql.Literal(self.passwords[name])
                    )
                )
            con.execute(f"CREATE DATABASE {self.template}")
        with self.admin(self.template) as con:
            con.execute(blocks["In the database, once: PostGIS, the schema and the privileges"])

    def new_database(self, postgis: bool = True) -> str:
        """A new database set up as docs/postgis.md says (or a bare one without PostGIS)."""
        name = f"dkgis_test_{next(self._names)}"
        with self.admin() as con:
            template = self.template if postgis else "template1"
            con.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
            if not postgis:
                con.execute(f"GRANT ALL ON DATABASE {name} TO dkgis_admin")
        return name

    def terminate(self, dbname: str, application_name: str = "dkgis") -> int:
        """Terminate the backends of ``application_name`` in ``dbname``; return how many."""
        with self.admin() as con:
            rows = con.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND application_name = %s AND pid <> pg_backend_pid()",
                (dbname, application_name),
            ).fetchall()
        return len(rows)


def start_server() -> PgServer:
    """Start a test cluster (the caller stops it)."""
    server = PgServer()
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    return server


def make_parcels(
    server: PgServer,
    dbname: str,
    count: int = 20000,
    columns: int = 200,
    step: tuple[float, float] = (0.002, 0.001),
) -> str:
    """A table ``urba.parcels`` of ``count`` points in Lambert-93 over the cluster
    (``columns`` a row, ``step`` degrees apart in longitude and latitude, from 2.10°E
    50.95°N), with a GiST index, readable by viewers; and ``urba.secret``, readable by
    no viewer."""
    with server.admin(dbname) as con:
        con.execute("CREATE SCHEMA urba")
        con.execute("GRANT USAGE ON SCHEMA urba TO dkgis_viewer")
        con.execute(
            "CREATE TABLE urba.parcels (id serial PRIMARY KEY, code text, surface numeric,"
            " built boolean, created date, geom geometry(Point, 2154))"
        )
        con.execute(
            "INSERT INTO urba.parcels (code, surface, built, created, geom)"
            " SELECT 'P' || i, i * 1.5, i %% 2 = 0, date '2020-01-01' + i %% 300,"
            " ST_Transform(ST_SetSRID(ST_MakePoint(2.10 + (i %% %s) * %s,"
            " 50.95 + (i / %s) * %s), 4326), 2154) FROM generate_series(0, %s) i",
            (columns, step[0], columns, step[1], count - 1),
        )
        con.execute("CREATE INDEX parcels_geom ON urba.parcels USING gist (geom)")
        con.execute("GRANT SELECT ON urba.parcels TO dkgis_viewer")
        con.execute("CREATE TABLE urba.secret (id int, geom geometry(Point, 4326))")
        con.execute("ANALYZE urba.parcels")
    return "urba.parcels"
