"""The tables of the schema ``dkgis``, made from :mod:`dkgis.io.schema` (one description).

The dataset tables have the GeoPackage's columns, a ``fid`` key (QGIS edits tables that
have one) and, for layers, a ``geom`` column typed ``geometry(<type>, 4326)`` with a GiST
index. ``dkgis_dataset`` holds one row: the schema version of the tables and the
revision of the data. ``dkgis_scenarios`` and ``dkgis_projects`` hold the shared items.
Identifiers come from this code only, quoted with :class:`psycopg.sql.Identifier`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psycopg import sql

from dkgis.io import schema
from dkgis.io.postgis.connection import SCHEMA, table_exists

if TYPE_CHECKING:
    import psycopg

#: PostgreSQL type of each schema column type.
PG_TYPES: dict[str, str] = {
    "TEXT": "text",
    "INTEGER": "bigint",
    "REAL": "double precision",
    "BOOLEAN": "boolean",
}

#: PostGIS type of each GeoPackage geometry type.
GEOMETRY_TYPES: dict[str, str] = {
    "POINT": "Point",
    "MULTIPOINT": "MultiPoint",
    "LINESTRING": "LineString",
    "MULTILINESTRING": "MultiLineString",
    "POLYGON": "Polygon",
    "MULTIPOLYGON": "MultiPolygon",
}

#: Name of the geometry column (as in the GeoPackage).
GEOMETRY_COLUMN = "geom"

#: Tables of shared items: kind -> table name.
SHARED_TABLES: dict[str, str] = {"scenario": "dkgis_scenarios", "project": "dkgis_projects"}


def imports_table() -> schema.Table:
    """The table recording imported releases (as in the user's GeoPackage copy)."""
    from dkgis.data.user_data import IMPORTS_COLUMNS, IMPORTS_TABLE

    return schema.Table(
        IMPORTS_TABLE, tuple(schema.Column(name, kind) for name, kind in IMPORTS_COLUMNS)
    )


def published_tables() -> tuple[schema.Table, ...]:
    """Every table a push writes: the dataset's, then the import record."""
    return (*schema.TABLES, imports_table())


def qualified(name: str) -> sql.Composed:
    """``"dkgis"."name"``."""
    return sql.Identifier(SCHEMA, name)


def _create_table(table: schema.Table) -> sql.Composed:
    columns = [sql.SQL("fid bigint PRIMARY KEY")]
    for col in table.columns:
        columns.append(
            sql.SQL("{} {}").format(sql.Identifier(col.name), sql.SQL(PG_TYPES[col.type]))
        )
    if table.geometry is not None:
        columns.append(
            sql.SQL("{} geometry({}, 4326)").format(
                sql.Identifier(GEOMETRY_COLUMN), sql.SQL(GEOMETRY_TYPES[table.geometry])
            )
        )
    if table.key is not None:
        columns.append(sql.SQL("UNIQUE ({})").format(sql.Identifier(table.key)))
    return sql.SQL("CREATE TABLE {} ({})").format(
        qualified(table.name), sql.SQL(", ").join(columns)
    )


def _create_index(table: schema.Table) -> sql.Composed:
    return sql.SQL("CREATE INDEX {} ON {} USING gist ({})").format(
        sql.Identifier(f"{table.name}_geom_gist"),
        qualified(table.name),
        sql.Identifier(GEOMETRY_COLUMN),
    )


_DATASET_ROW = sql.SQL(
    "CREATE TABLE {} (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),"
    " schema_version integer NOT NULL, revision bigint NOT NULL,"
    " updated_at timestamptz NOT NULL DEFAULT now(),"
    " updated_by text NOT NULL DEFAULT current_user)"
)

_SHARED = sql.SQL(
    "CREATE TABLE {} (name text PRIMARY KEY, body jsonb NOT NULL, version integer NOT NULL,"
    " saved_by text NOT NULL DEFAULT current_user,"
    " saved_at timestamptz NOT NULL DEFAULT now())"
)


def schema_exists(conn: psycopg.Connection) -> bool:
    """Whether the schema ``dkgis`` exists."""
    row = conn.execute(
        "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = %s", (SCHEMA,)
    ).fetchone()
    return row is not None


def create_missing(conn: psycopg.Connection) -> list[str]:
    """Create the schema and the tables it lacks; return the names of those created.

    Existing tables are left alone (creating one needs the right to create in the
    schema, which editors do not have: the owner's first push makes them).
    """
    created = []
    if not schema_exists(conn):
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    if not table_exists(conn, "dkgis_dataset"):
        conn.execute(_DATASET_ROW.format(qualified("dkgis_dataset")))
        created.append("dkgis_dataset")
    for table in published_tables():
        if not table_exists(conn, table.name):
            conn.execute(_create_table(table))
            if table.geometry is not None:
                conn.execute(_create_index(table))
            created.append(table.name)
    for name in SHARED_TABLES.values():
        if not table_exists(conn, name):
            conn.execute(_SHARED.format(qualified(name)))
            created.append(name)
    return created


def drop_dataset_tables(conn: psycopg.Connection) -> None:
    """Drop the dataset tables (before creating them anew for another schema version)."""
    for table in schema.TABLES:
        conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(qualified(table.name)))


def missing_columns(conn: psycopg.Connection, table: schema.Table) -> list[str]:
    """The columns of ``table`` (its geometry included) that the database table lacks."""
    present = {
        row[0]
        for row in conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s",
            (SCHEMA, table.name),
        )
    }
    wanted = ["fid", *table.column_names]
    if table.geometry is not None:
        wanted.append(GEOMETRY_COLUMN)
    return [name for name in wanted if name not in present]
