"""The dataset in a database: read it, publish a GeoPackage to it, write it back.

Reading selects each table's columns and ``ST_AsBinary(geom)`` (decoded with
:func:`shapely.from_wkb`) in one read-only, repeatable-read transaction, so the tables
agree with each other even while someone publishes. Publishing (:func:`push_copy`)
replaces the content of every table in **one** transaction: rows are sent as parameters,
geometry as WKB through ``ST_GeomFromWKB(%s, 4326)``; a refused right, a lost connection
or any error rolls everything back, and the server keeps the previous data. Each
publication raises the dataset's revision.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from dkgis.i18n import _
from dkgis.io import schema
from dkgis.io.gpkg import TableData
from dkgis.io.gpkg_copy import DatasetCopy
from dkgis.io.postgis.connection import (
    LOCK_TIMEOUT_S,
    check_version,
    connect,
    dataset_state,
    require_dataset,
    require_postgis,
    table_exists,
    transaction,
)
from dkgis.io.postgis.errors import database_error, from_driver

if TYPE_CHECKING:
    import psycopg

    from dkgis.io.postgis.dsn import Dsn

#: ``progress(table, done, total)``: called after each table is written.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PushResult:
    """What a publication wrote.

    Attributes
    ----------
    revision : int
        The dataset's revision now.
    rows : int
        Rows written, all tables together.
    created : tuple of str
        Tables created by this publication (the first one creates them all).
    """

    revision: int
    rows: int
    created: tuple[str, ...] = ()


def _tables():
    from dkgis.io.postgis.tables import published_tables

    return published_tables()


# -- reading ----------------------------------------------------------------------------


def _read_table(dsn: Dsn, conn: psycopg.Connection, table: schema.Table) -> tuple[TableData, list]:
    from psycopg import sql

    from dkgis.io.postgis.tables import GEOMETRY_COLUMN, missing_columns, qualified

    absent = missing_columns(conn, table)
    missing = [c for c in absent if c not in _optional_names(table)]
    if missing:
        raise database_error(
            dsn,
            _("table {table} has no column {column}").format(table=table.name, column=missing[0]),
            "damaged",
        )
    # An optional column the tables were published without reads as empty.
    fields = [
        sql.Identifier("fid"),
        *(sql.NULL if c in absent else sql.Identifier(c) for c in table.column_names),
    ]
    if table.geometry is not None:
        fields.append(sql.SQL("ST_AsBinary({})").format(sql.Identifier(GEOMETRY_COLUMN)))
    query = sql.SQL("SELECT {} FROM {} ORDER BY fid").format(
        sql.SQL(", ").join(fields), qualified(table.name)
    )
    rows = conn.execute(query).fetchall()
    by_column = list(zip(*rows, strict=True)) if rows else [()] * len(fields)
    columns = {name: list(by_column[i + 1]) for i, name in enumerate(table.column_names)}
    geometry = None
    if table.geometry is not None:
        wkb = np.array([None if b is None else bytes(b) for b in by_column[-1]], dtype=object)
        geometry = shapely.from_wkb(wkb, on_invalid="ignore") if len(wkb) else wkb
    return TableData(table.name, columns, geometry), [int(f) for f in by_column[0]]


def read_copy(dsn: Dsn) -> tuple[DatasetCopy, int]:
    """Read every table of the dataset, with feature ids, in one consistent snapshot.

    Returns
    -------
    copy : DatasetCopy
    revision : int
        The dataset's revision read.

    Raises
    ------
    DatabaseError
        When the database cannot be reached, has no PostGIS or no dataset, holds tables
        of another schema version, or lacks a column.
    """
    import psycopg

    conn = connect(dsn, read_only=True)
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.transaction():
            state = require_dataset(dsn, conn)
            tables, fids = {}, {}
            for table in _tables():
                if table.name not in schema.TABLES_BY_NAME and not table_exists(conn, table.name):
                    continue
                tables[table.name], fids[table.name] = _read_table(dsn, conn, table)
    except psycopg.Error as err:
        raise from_driver(dsn, err) from None
    finally:
        conn.close()
    return DatasetCopy(tables, fids), state.revision


def read_dataset(dsn: Dsn) -> dict[str, TableData]:
    """Read the dataset's tables, as :func:`dkgis.io.gpkg.read_dataset` reads a file.

    Raises
    ------
    DatabaseError
        See :func:`read_copy`.
    """
    copy, _revision = read_copy(dsn)
    return {t.name: copy.tables[t.name] for t in schema.TABLES}


def pull(dsn: Dsn, out: str | Path) -> tuple[DatasetCopy, int]:
    """Write the dataset of ``dsn`` as a GeoPackage at ``out`` (atomically).

    Returns
    -------
    copy : DatasetCopy
        What was written.
    revision : int
        The revision written.

    Raises
    ------
    DatabaseError
        See :func:`read_copy` (nothing is written then).
    OSError
        When the file cannot be written (a previous file is left as it was).
    """
    from dkgis.io.gpkg_copy import write_copy

    copy, revision = read_copy(dsn)
    write_copy(copy, out)
    return copy, revision


# -- publishing -------------------------------------------------------------------------


def _value(value, kind: str):
    """A value as the column type wants it (``None`` stays ``None``)."""
    if value is None:
        return None
    if kind == "TEXT":
        return value if isinstance(value, str) else str(value)
    if kind == "INTEGER":
        return int(value)
    if kind == "REAL":
        value = float(value)
        return None if math.isnan(value) else value
    return bool(value)


def _optional_names(table: schema.Table) -> set[str]:
    return {c.name for c in table.columns if c.optional}


def _add_optional_columns(conn: psycopg.Connection, table: schema.Table) -> schema.Table:
    """Give tables published before an optional column that column (their owner may);
    return ``table`` without the optional columns the database table still lacks (a
    writer who does not own the tables publishes without them: readers show what the
    column stands in for, e.g. the English name for ``name_fr``)."""
    from psycopg import errors, sql

    from dkgis.io.postgis.tables import PG_TYPES, missing_columns, qualified

    lacking = set()
    for name in set(missing_columns(conn, table)) & _optional_names(table):
        try:
            with conn.transaction():
                conn.execute(
                    sql.SQL("ALTER TABLE {} ADD COLUMN {} {}").format(
                        qualified(table.name),
                        sql.Identifier(name),
                        sql.SQL(PG_TYPES[table.column(name).type]),
                    )
                )
        except errors.InsufficientPrivilege:
            lacking.add(name)
    if not lacking:
        return table
    return replace(table, columns=tuple(c for c in table.columns if c.name not in lacking))


def _insert(conn: psycopg.Connection, table: schema.Table, data: TableData, fids: list) -> None:
    from psycopg import sql

    from dkgis.io.postgis.tables import GEOMETRY_COLUMN, qualified

    names = [sql.Identifier("fid"), *(sql.Identifier(c) for c in table.column_names)]
    values = [sql.Placeholder()] * (len(table.columns) + 1)
    if table.geometry is not None:
        names.append(sql.Identifier(GEOMETRY_COLUMN))
        geom = sql.SQL("ST_GeomFromWKB({}, 4326)").format(sql.Placeholder())
        if table.geometry.startswith("MULTI"):
            geom = sql.SQL("ST_Multi({})").format(geom)
        values.append(geom)
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        qualified(table.name), sql.SQL(", ").join(names), sql.SQL(", ").join(values)
    )
    kinds = [c.type for c in table.columns]
    columns = [data.columns[c] for c in table.column_names]
    wkb = None
    if table.geometry is not None:
        geoms = data.geometry if data.geometry is not None else [None] * len(data)
        wkb = shapely.to_wkb(np.asarray(geoms, dtype=object))
    rows = []
    for i, fid in enumerate(fids):
        row = [int(fid), *(_value(col[i], kind) for col, kind in zip(columns, kinds, strict=True))]
        if wkb is not None:
            row.append(wkb[i])
        rows.append(row)
    if rows:
        with conn.cursor() as cur:
            cur.executemany(query, rows)


def push_copy(
    dsn: Dsn,
    copy: DatasetCopy,
    *,
    expected_revision: int | None = None,
    upgrade: bool = False,
    progress: Progress | None = None,
) -> PushResult:
    """Replace the dataset of ``dsn`` by ``copy``, in one transaction.

    Parameters
    ----------
    dsn
        The database.
    copy
        The dataset (see :func:`dkgis.io.gpkg_copy.read_copy`); checked by the caller.
    expected_revision
        Refuse (``kind="conflict"``) unless the database is at this revision: the data
        it was computed from has not changed since (imports).
    upgrade
        Replace dataset tables of an older schema version (their owner only).
    progress
        Called after each table.

    Raises
    ------
    DatabaseError
        Wrong rights (``read_only``), lost connection (``lost``), another writer holding
        the data too long (``busy``), a revision that moved (``conflict``), tables of
        another version (``version``), no PostGIS... The database is then as it was.
    """
    from psycopg import sql

    from dkgis.io.postgis.tables import create_missing, drop_dataset_tables, qualified

    with transaction(dsn, writing=True) as conn:
        require_postgis(dsn, conn)
        conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(f"{LOCK_TIMEOUT_S}s"))
        state = dataset_state(dsn, conn, lock=True)
        if state is not None and state.schema_version != schema.SCHEMA_VERSION:
            if not (upgrade and state.schema_version < schema.SCHEMA_VERSION):
                check_version(dsn, state)
            drop_dataset_tables(conn)
        if expected_revision is not None and (state is None or state.revision != expected_revision):
            raise database_error(
                dsn,
                _(
                    "the data of the database changed since it was read (now revision "
                    "{now}, by {user}): nothing was written; start again"
                ).format(
                    now=state.revision if state else "—",
                    user=state.updated_by if state else "—",
                ),
                "conflict",
            )
        created = tuple(create_missing(conn))
        tables = list(_tables())
        total = len(tables)
        rows = 0
        for done, table in enumerate(tables, start=1):
            conn.execute(sql.SQL("DELETE FROM {}").format(qualified(table.name)))
            data = copy.tables.get(table.name)
            if data is not None:
                fids = copy.fids.get(table.name) or list(range(1, len(data) + 1))
                _insert(conn, _add_optional_columns(conn, table), data, fids)
                rows += len(data)
            if progress is not None:
                progress(table.name, done, total)
        row = conn.execute(
            sql.SQL(
                "INSERT INTO {} AS d (schema_version, revision) VALUES (%s, 1)"
                " ON CONFLICT (only_row) DO UPDATE SET schema_version = EXCLUDED.schema_version,"
                " revision = d.revision + 1, updated_at = now(), updated_by = current_user"
                " RETURNING revision"
            ).format(qualified("dkgis_dataset")),
            (schema.SCHEMA_VERSION,),
        ).fetchone()
    return PushResult(int(row[0]), rows, created)
