"""Tables of a database drawn as layers, read by view rather than all at once.

:func:`list_geometry_tables` lists the geometry columns (PostGIS's ``geometry_columns``)
of the tables the user may read, outside the dataset's schema. :func:`read_view` reads
the features whose bounding box meets the visible area: ``geom && ST_MakeEnvelope(...)``
(transformed into the table's CRS, so the GiST index serves), at most a given number,
geometries turned to longitude/latitude by the server (``ST_Transform(geom, 4326)``) and
sent as WKB. Identifiers (schema, table, columns) come from the catalog, quoted with
:class:`psycopg.sql.Identifier`; values are parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from dkgis.i18n import _
from dkgis.io.gpkg import TableData
from dkgis.io.postgis.connection import SCHEMA, require_postgis, transaction
from dkgis.io.postgis.errors import database_error

if TYPE_CHECKING:
    import psycopg

    from dkgis.io.postgis.dsn import Dsn

#: Most features read for one view (the layer says when there are more).
MAX_FEATURES = 100_000

#: Most attribute columns read.
MAX_COLUMNS = 50

#: Column types read as they are; others are read as text.
_NUMBERS = {"smallint", "integer", "bigint"}
_REALS = {"real", "double precision", "numeric"}
_KEPT = {"boolean", "text", "character varying", "character"}

#: Latitudes beyond these have no Web Mercator position.
_LAT_LIMIT = 85.0511


@dataclass(frozen=True)
class GeometryTable:
    """A geometry column of a table of the database.

    Attributes
    ----------
    schema, table, column : str
    srid : int
        Its CRS (0 when undeclared).
    geometry_type : str
        As PostGIS declares it (``POINT``, ``MULTIPOLYGON``, ``GEOMETRY``...).
    rows : int
        The planner's estimate of the number of rows (-1 when never analysed).
    """

    schema: str
    table: str
    column: str
    srid: int
    geometry_type: str
    rows: int = -1

    @property
    def title(self) -> str:
        """``schema.table`` (``schema.table.column`` when the column is not ``geom``)."""
        base = f"{self.schema}.{self.table}"
        return base if self.column in ("geom", "geometry", "the_geom") else f"{base}.{self.column}"


def list_geometry_tables(dsn: Dsn) -> list[GeometryTable]:
    """The geometry tables this user may read (the dataset's own schema left out).

    Raises
    ------
    DatabaseError
        When the database cannot be read or has no PostGIS.
    """
    with transaction(dsn, read_only=True) as conn:
        require_postgis(dsn, conn)
        rows = conn.execute(
            "SELECT g.f_table_schema, g.f_table_name, g.f_geometry_column, g.srid, g.type,"
            " coalesce(c.reltuples, -1)::bigint"
            " FROM geometry_columns g"
            " JOIN pg_catalog.pg_namespace n ON n.nspname = g.f_table_schema"
            " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = g.f_table_name"
            " WHERE g.f_table_schema <> %s AND has_table_privilege(c.oid, 'SELECT')"
            " ORDER BY g.f_table_schema, g.f_table_name, g.f_geometry_column",
            (SCHEMA,),
        ).fetchall()
    return [GeometryTable(r[0], r[1], r[2], int(r[3]), str(r[4]), int(r[5])) for r in rows]


def open_reader(dsn: Dsn) -> psycopg.Connection:
    """A read-only connection for :func:`read_view`, kept for the next views.

    Just-in-time compilation is switched off: a view over a big table costs the server
    0.7 s of compilation for a 0.3 s read (PostgreSQL 15, 100,000 points).

    Raises
    ------
    DatabaseError
        When the database cannot be reached.
    """
    import psycopg

    from dkgis.io.postgis.connection import connect
    from dkgis.io.postgis.errors import from_driver

    conn = connect(dsn, read_only=True, autocommit=True)
    try:
        conn.execute("SET jit = off")
    except psycopg.Error as err:
        conn.close()
        raise from_driver(dsn, err) from None
    return conn


def _columns(conn: psycopg.Connection, table: GeometryTable) -> list[tuple[str, str]]:
    """``(name, data type)`` of the attribute columns, in table order."""
    rows = conn.execute(
        "SELECT column_name, data_type, udt_name FROM information_schema.columns"
        " WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
        (table.schema, table.table),
    ).fetchall()
    kept = [(r[0], r[1]) for r in rows if r[2] not in ("geometry", "geography")]
    return kept[:MAX_COLUMNS]


def _select(name: str, data_type: str):
    from psycopg import sql

    column = sql.Identifier(name)
    if data_type in _NUMBERS or data_type in _KEPT:
        return column
    if data_type in _REALS:
        return sql.SQL("{}::double precision").format(column)
    return sql.SQL("{}::text").format(column)


def lonlat_box(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """An EPSG:3857 extent as longitude/latitude bounds (latitudes within Mercator's)."""
    from dkgis.model.crs import mercator_to_lonlat

    xmin, ymin, xmax, ymax = extent
    lon0, lat0 = mercator_to_lonlat(xmin, ymin)
    lon1, lat1 = mercator_to_lonlat(xmax, ymax)
    lon0, lon1 = max(float(lon0), -180.0), min(float(lon1), 180.0)
    lat0, lat1 = max(float(lat0), -_LAT_LIMIT), min(float(lat1), _LAT_LIMIT)
    return (lon0, lat0, lon1, lat1)


def read_view(
    conn: psycopg.Connection,
    dsn: Dsn,
    table: GeometryTable,
    box: tuple[float, float, float, float],
    limit: int = MAX_FEATURES,
) -> tuple[TableData, bool]:
    """The features of ``table`` whose bounding box meets ``box``.

    Parameters
    ----------
    conn
        A connection of :func:`open_reader` (the caller keeps it for the next views).
    dsn
        The database (for messages).
    table
        The geometry column to read.
    box
        ``(lon_min, lat_min, lon_max, lat_max)`` in EPSG:4326.
    limit
        Most features read.

    Returns
    -------
    data : TableData
        Attributes and geometry (EPSG:4326).
    truncated : bool
        Whether the area holds more than ``limit`` features.

    Raises
    ------
    DatabaseError
        When the table has no CRS, or cannot be read.
    psycopg.Error
        When the connection breaks (the caller reconnects).
    """
    from psycopg import sql

    if table.srid <= 0:
        raise database_error(
            dsn,
            _("the table {table} has no coordinate reference system (SRID 0)").format(
                table=table.title
            ),
            "damaged",
        )
    if not all(math.isfinite(v) for v in box) or box[0] >= box[2] or box[1] >= box[3]:
        return TableData(table.title, {}, np.empty(0, dtype=object)), False
    columns = _columns(conn, table)
    geom = sql.Identifier(table.column)
    envelope = sql.SQL("ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
    drawn = sql.SQL("ST_AsBinary({})").format(geom)
    if table.srid != 4326:
        envelope = sql.SQL("ST_Transform({}, %s)").format(envelope)
        drawn = sql.SQL("ST_AsBinary(ST_Transform({}, 4326))").format(geom)
    fields = [_select(name, kind) for name, kind in columns] + [drawn]
    query = sql.SQL("SELECT {} FROM {} WHERE {} && {} LIMIT %s").format(
        sql.SQL(", ").join(fields), sql.Identifier(table.schema, table.table), geom, envelope
    )
    params: list = [*box]
    if table.srid != 4326:
        params.append(table.srid)
    params.append(limit + 1)
    with conn.transaction():
        rows = conn.execute(query, params, binary=True).fetchall()
    truncated = len(rows) > limit
    rows = rows[:limit]
    by_column = list(zip(*rows, strict=True)) if rows else [()] * len(fields)
    data = {name: list(by_column[i]) for i, (name, _kind) in enumerate(columns)}
    wkb = np.array([None if b is None else bytes(b) for b in by_column[-1]], dtype=object)
    geometry = shapely.from_wkb(wkb, on_invalid="ignore") if len(wkb) else wkb
    return TableData(table.title, data, geometry), truncated
