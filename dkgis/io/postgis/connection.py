"""Opening a database, and checking that it holds PostGIS and a dkgis dataset.

psycopg 3 is imported here, on first use of a database: a user who opens GeoPackages
never loads it. Credentials and TLS are libpq's business: the password typed by the user
(if any), else ``.pgpass``/``PGPASSFILE`` or the service file; ``sslmode`` from the
connection string or the service, ``prefer`` by default (TLS whenever the server offers
it).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dkgis.i18n import _
from dkgis.io import schema
from dkgis.io.postgis.errors import database_error, from_driver

if TYPE_CHECKING:
    import psycopg

    from dkgis.io.postgis.dsn import Dsn

#: The schema holding the dataset and the shared items.
SCHEMA = "dkgis"

#: ``application_name`` of dkgis's connections (administrators see it in
#: ``pg_stat_activity``), unless the connection string names another.
APPLICATION_NAME = "dkgis"

#: Seconds to wait for a server that does not answer, unless the connection string or
#: ``PGCONNECT_TIMEOUT`` says otherwise.
CONNECT_TIMEOUT = 10

#: Seconds a write waits for another one to finish before giving up.
LOCK_TIMEOUT_S = 30


def _driver():
    try:
        import psycopg
    except ImportError:
        return None
    return psycopg


def connect(dsn: Dsn, *, read_only: bool = False, autocommit: bool = False) -> psycopg.Connection:
    """Open a connection to ``dsn``.

    Parameters
    ----------
    dsn
        The database.
    read_only
        Make every transaction of the connection read-only.
    autocommit
        Commit each statement (no transaction is left open between reads).

    Raises
    ------
    DatabaseError
        When the driver is missing, or the server cannot be reached, refuses the user or
        the password, has no such database...
    """
    psycopg = _driver()
    if psycopg is None:
        raise database_error(
            dsn,
            _("the PostgreSQL driver (psycopg) is not installed: pip install 'psycopg[binary]'"),
            "driver",
        )
    params = dsn.params()
    params.setdefault("application_name", APPLICATION_NAME)
    if "connect_timeout" not in params and not os.environ.get("PGCONNECT_TIMEOUT"):
        params["connect_timeout"] = str(CONNECT_TIMEOUT)
    try:
        conn = psycopg.connect(**params, autocommit=autocommit)
    except psycopg.Error as err:
        raise from_driver(dsn, err) from None
    except OSError as err:
        raise from_driver(dsn, psycopg.OperationalError(str(err))) from None
    if read_only:
        conn.read_only = True
    return conn


@contextlib.contextmanager
def transaction(dsn: Dsn, *, read_only: bool = False, writing: bool = False) -> Iterator:
    """A connection inside one transaction, committed at the end, rolled back on error.

    Every driver error is turned into a :class:`DatabaseError` (``writing``: its message
    says that nothing was written).
    """
    import psycopg

    conn = connect(dsn, read_only=read_only)
    try:
        with conn.transaction():
            yield conn
    except psycopg.Error as err:
        raise from_driver(dsn, err, writing=writing) from None
    finally:
        conn.close()


def postgis_version(conn: psycopg.Connection) -> str | None:
    """The PostGIS version installed in the database, or ``None``."""
    row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").fetchone()
    return row[0] if row else None


def require_postgis(dsn: Dsn, conn: psycopg.Connection) -> None:
    """Raise a :class:`DatabaseError` when the database has no PostGIS."""
    if postgis_version(conn) is None:
        raise database_error(
            dsn,
            _(
                "PostGIS is not installed in this database (an administrator runs: "
                "CREATE EXTENSION postgis;)"
            ),
            "no_postgis",
        )


def table_exists(conn: psycopg.Connection, name: str, schema_name: str = SCHEMA) -> bool:
    """Whether ``schema_name.name`` exists (and this user may see it)."""
    row = conn.execute(
        "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
        " ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s",
        (schema_name, name),
    ).fetchone()
    return row is not None


@dataclass(frozen=True)
class DatasetState:
    """The ``dkgis_dataset`` row: what the database holds.

    Attributes
    ----------
    schema_version : int
    revision : int
        Raised by every push and import.
    updated_at : datetime.datetime
    updated_by : str
    """

    schema_version: int
    revision: int
    updated_at: object
    updated_by: str


def dataset_state(dsn: Dsn, conn: psycopg.Connection, *, lock: bool = False) -> DatasetState | None:
    """The dataset row, or ``None`` when the database holds no dkgis dataset.

    ``lock`` takes the row for the rest of the transaction (a writer waits for another).
    """
    if not table_exists(conn, "dkgis_dataset"):
        return None
    from psycopg import sql

    query = sql.SQL(
        "SELECT schema_version, revision, updated_at, updated_by FROM {}.dkgis_dataset"
    ).format(sql.Identifier(SCHEMA))
    if lock:
        query = query + sql.SQL(" FOR UPDATE")
    row = conn.execute(query).fetchone()
    if row is None:
        return None
    return DatasetState(int(row[0]), int(row[1]), row[2], str(row[3]))


def require_dataset(dsn: Dsn, conn: psycopg.Connection, *, lock: bool = False) -> DatasetState:
    """The dataset row; a :class:`DatabaseError` when there is no dataset or it is of
    another schema version."""
    require_postgis(dsn, conn)
    state = dataset_state(dsn, conn, lock=lock)
    if state is None:
        raise database_error(
            dsn,
            _("this database holds no dkgis dataset yet (publish one with: dkgis db push)"),
            "no_dataset",
        )
    check_version(dsn, state)
    return state


def check_version(dsn: Dsn, state: DatasetState) -> None:
    """Refuse tables of another schema version (they would be misread)."""
    if state.schema_version != schema.SCHEMA_VERSION:
        newer = state.schema_version > schema.SCHEMA_VERSION
        raise database_error(
            dsn,
            _(
                "the dkgis tables of this database are of schema version {found}; this dkgis "
                "reads version {expected} ({advice})"
            ).format(
                found=state.schema_version,
                expected=schema.SCHEMA_VERSION,
                advice=_("update dkgis")
                if newer
                else _("their owner replaces them with: dkgis db push --upgrade"),
            ),
            "version",
        )
