"""The feature layers of a GeoPackage read with :mod:`sqlite3`, without GDAL.

A GeoPackage is an SQLite database: each feature table holds an integer primary
key, attribute columns of a few declared types and a geometry column whose blobs
are a small header (``GP``, version, flags, the ``srs_id``, an optional envelope)
followed by standard WKB. Reading them with :mod:`sqlite3` and decoding the WKB
with numpy (:meth:`GeometryColumn.from_wkb_buffer`) is about twice as fast as
GDAL, and spares importing pyogrio (which imports pandas and geopandas).

Only what this module can read exactly as GDAL reads it is read here: anything
else (a view, a table without an integer primary key, curves, extended geometry
types, a value of another type than its column's, a date written otherwise than
GDAL writes it, a CRS that is missing or unknown, a file SQLite refuses) raises
:class:`Unsupported`, and the caller reads the layer with GDAL instead, which
gives the same values and the same errors as before.

Table and column names come from the file: they are quoted as identifiers, and
every value goes to SQLite as a parameter.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dkgis.io.geometry_column import GeometryColumn, offsets_from_counts
from dkgis.io.readers.base import LayerInfo


class Unsupported(Exception):
    """The layer holds something this module does not read as GDAL does."""


#: GeoPackage geometry type names and the names GDAL gives them.
GEOMETRY_TYPES = {
    "GEOMETRY": "Unknown",
    "POINT": "Point",
    "LINESTRING": "LineString",
    "POLYGON": "Polygon",
    "MULTIPOINT": "MultiPoint",
    "MULTILINESTRING": "MultiLineString",
    "MULTIPOLYGON": "MultiPolygon",
    "GEOMETRYCOLLECTION": "GeometryCollection",
}

#: Bytes of the envelope after the 8-byte header, by envelope indicator (0 to 4).
ENVELOPE_BYTES = np.array([0, 32, 48, 48, 64], dtype=np.int64)

#: How GDAL writes a DATETIME: date, time, milliseconds, a time zone (which GDAL's
#: reader leaves out, keeping the local time).
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?(?:Z|[+-]\d{2}:?\d{2})?\Z"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def quote(name: str) -> str:
    """``name`` as an SQL identifier (a name from a file is data, never SQL text)."""
    return '"' + name.replace('"', '""') + '"'


def connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only; :class:`Unsupported` when SQLite refuses it."""
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=2.0)
    except (sqlite3.Error, ValueError, OSError) as err:
        raise Unsupported(str(err)) from None
    return con


@dataclass(frozen=True)
class FeatureTable:
    """A feature table that this module reads.

    Attributes
    ----------
    info : LayerInfo
        The layer as GDAL describes it (name, geometry type, count, CRS).
    key : str
        The integer primary key column.
    geometry : str
        The geometry column.
    fields : tuple of (str, str)
        The attribute columns, in table order, and their declared types (upper case).
    srs_id : int
        The geometry column's ``srs_id`` in ``gpkg_spatial_ref_sys``.
    """

    info: LayerInfo
    key: str
    geometry: str
    fields: tuple[tuple[str, str], ...]
    srs_id: int


def feature_tables(con: sqlite3.Connection) -> tuple[list[str], list[FeatureTable]]:
    """The tables a GeoPackage lists, and its feature tables, in the order GDAL lists them.

    Raises
    ------
    Unsupported
        When a feature table cannot be read here (the caller asks GDAL).
    """
    from dkgis.io.readers import crs as crs_mod

    try:
        names = [
            str(row[0])
            for row in con.execute("SELECT table_name FROM gpkg_contents ORDER BY rowid")
        ]
        rows = con.execute(
            "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id, g.z, g.m"
            " FROM gpkg_contents AS c JOIN gpkg_geometry_columns AS g"
            " ON lower(g.table_name) = lower(c.table_name)"
            " WHERE c.data_type = 'features' ORDER BY c.rowid"
        ).fetchall()
        counts = _feature_counts(con)
        tables = []
        for name, column, type_name, srs_id, z, m in rows:
            tables.append(
                _feature_table(con, str(name), str(column), str(type_name), srs_id, z, m, counts)
            )
    except sqlite3.Error as err:
        raise Unsupported(str(err)) from None
    return names, [_with_crs(con, table, crs_mod) for table in tables]


def _feature_counts(con: sqlite3.Connection) -> dict[str, int]:
    """Counts GDAL keeps in ``gpkg_ogr_contents`` (lower-case table name -> count)."""
    present = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_ogr_contents'"
    ).fetchone()
    if present is None:
        return {}
    rows = con.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents").fetchall()
    return {str(name).lower(): int(n) for name, n in rows if isinstance(n, int) and n >= 0}


def _feature_table(
    con: sqlite3.Connection,
    name: str,
    column: str,
    type_name: str,
    srs_id,
    z,
    m,
    counts: dict[str, int],
) -> FeatureTable:
    kind = GEOMETRY_TYPES.get(type_name.upper())
    if kind is None or z not in (0, 1) or m not in (0, 1) or not isinstance(srs_id, int):
        raise Unsupported(f"geometry type {type_name} (z={z}, m={m})")
    if (z or m) and kind == "Unknown":
        raise Unsupported(f"geometry type {type_name} (z={z}, m={m})")
    if z:  # as pyogrio names them: M values are left out
        kind = f"{kind} Z"
    columns = con.execute(f"PRAGMA table_info({quote(name)})").fetchall()
    keys = [c for c in columns if c[5]]
    if len(keys) != 1 or str(keys[0][2]).upper() != "INTEGER":
        raise Unsupported(f"{name}: no integer primary key")
    key = str(keys[0][1])
    fields = tuple((str(c[1]), str(c[2]).upper()) for c in columns if c[1] not in (key, column))
    if column not in {c[1] for c in columns}:
        raise Unsupported(f"{name}: no column {column}")
    for _name, declared in fields:
        _converter(declared)  # raises Unsupported for a type not read here
    count = counts.get(name.lower())
    if count is None:
        count = int(con.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0])
    return FeatureTable(LayerInfo(name, kind, count), key, column, fields, srs_id)


def _with_crs(con: sqlite3.Connection, table: FeatureTable, crs_mod) -> FeatureTable:
    """``table`` with its CRS as :func:`~dkgis.io.readers.crs.normalize_crs` writes it."""
    srs_id = table.srs_id
    if srs_id in (-1, 0):
        raise Unsupported("undefined coordinate reference system")
    try:
        row = con.execute(
            "SELECT organization, organization_coordsys_id, definition"
            " FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
            (srs_id,),
        ).fetchone()
    except sqlite3.Error as err:
        raise Unsupported(str(err)) from None
    if row is None:
        raise Unsupported(f"srs_id {srs_id} not defined")
    organization, code, definition = row
    if str(organization).upper() == "EPSG" and isinstance(code, int) and code > 0:
        text = f"EPSG:{code}"
    elif isinstance(definition, str) and definition.strip().lower() not in ("", "undefined"):
        text = definition
    else:
        raise Unsupported("coordinate reference system without a definition")
    try:
        parsed = crs_mod.parse_crs(text)
        if not (parsed.is_geographic or parsed.is_projected):  # GDAL's "Undefined SRS"
            raise Unsupported(f"not a geographic or projected CRS: {text[:80]}")
        crs = crs_mod.normalize_crs(text)
    except ValueError as err:
        raise Unsupported(str(err)) from None
    info = LayerInfo(table.info.name, table.info.geometry_type, table.info.features, crs)
    return FeatureTable(info, table.key, table.geometry, table.fields, srs_id)


# -- values ------------------------------------------------------------------------------

Converter = Callable[[list], list]


def _of_types(values: list, types: tuple[type, ...]) -> None:
    """Raise :class:`Unsupported` unless every value is ``None`` or of ``types``."""
    found = set(map(type, values)) - {type(None)}
    if not found <= set(types):
        raise Unsupported(f"values of types {sorted(t.__name__ for t in found)}")


def _integers(values: list) -> list:
    _of_types(values, (int,))
    return values


def _booleans(values: list) -> list:
    _of_types(values, (int,))
    if set(values) - {0, 1, None}:
        raise Unsupported("a boolean other than 0 or 1")
    return [None if v is None else v == 1 for v in values]


def _doubles(values: list) -> list:
    found = set(map(type, values)) - {type(None)}
    if found <= {float}:
        return values
    if not found <= {float, int}:
        raise Unsupported(f"values of types {sorted(t.__name__ for t in found)}")
    return [v if v is None or type(v) is float else float(v) for v in values]


def _singles(values: list) -> list:
    """``FLOAT`` is single precision: GDAL rounds the stored value to 32 bits."""
    values = _doubles(values)
    array = np.array([np.nan if v is None else v for v in values], dtype=float)
    out = array.astype(np.float32).astype(float).astype(object)
    out[np.isnan(array)] = None
    return out.tolist()


def _texts(values: list) -> list:
    _of_types(values, (str,))
    return values


def _blobs(values: list) -> list:
    _of_types(values, (bytes,))
    return values


def _dates(values: list) -> list:
    _of_types(values, (str,))
    if not all(v is None or _DATE.match(v) for v in values):
        raise Unsupported("a date not written YYYY-MM-DD")
    return values


def _datetimes(values: list) -> list:
    """As GDAL gives them: ``YYYY-MM-DDTHH:MM:SS.mmm``, local time (the zone left out)."""
    _of_types(values, (str,))
    out = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        match = _DATETIME.match(value)
        if match is None:
            raise Unsupported("a date and time not written as GDAL writes them")
        date, time, fraction = match.groups()
        out.append(f"{date}T{time}.{(fraction or '').ljust(3, '0')}")
    return out


def _converter(declared: str) -> Converter:
    """The conversion GDAL makes of a column of type ``declared`` (GeoPackage 1.x types)."""
    base = declared.split("(", 1)[0].strip()
    if base in ("INTEGER", "INT", "MEDIUMINT", "SMALLINT", "TINYINT"):
        return _integers
    if base == "BOOLEAN":
        return _booleans
    if base in ("DOUBLE", "REAL"):
        return _doubles
    if base == "FLOAT":
        return _singles
    if base == "TEXT":
        return _texts
    if base == "BLOB":
        return _blobs
    if base == "DATE":
        return _dates
    if base == "DATETIME":
        return _datetimes
    raise Unsupported(f"column type {declared}")


# -- features ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """Features read at once: the last key read, the geometry (in the file's CRS) and
    the attribute columns (field name -> values)."""

    last_key: int | None
    geometry: GeometryColumn
    fields: dict[str, list]


class FeatureReader:
    """Reads the features of one table, in chunks of consecutive primary keys.

    Parameters
    ----------
    con
        The open GeoPackage.
    table
        The table (from :func:`feature_tables`).
    attributes
        ``False``: read the geometry only.
    """

    def __init__(
        self, con: sqlite3.Connection, table: FeatureTable, attributes: bool = True
    ) -> None:
        self.con = con
        self.fields = table.fields if attributes else ()
        # NULL geometries come as empty blobs: their sizes are then read without a test.
        columns = [
            quote(table.key),
            f"ifnull({quote(table.geometry)}, x'')",
            *(quote(name) for name, _t in self.fields),
        ]
        self.converters = [_converter(declared) for _n, declared in self.fields]
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {quote(table.info.name)}"
            f" WHERE {quote(table.key)} > ? ORDER BY {quote(table.key)} LIMIT ?"
        )

    def read(self, after: int | None, limit: int) -> Chunk | None:
        """Up to ``limit`` features whose key follows ``after`` (``None``: from the first);
        ``None`` when there are no more."""
        start = -(2**63) if after is None else after
        try:
            rows = self.con.execute(self.sql, (start, limit)).fetchall()
        except (sqlite3.Error, OverflowError) as err:
            raise Unsupported(str(err)) from None
        if not rows:
            return None
        last_key = rows[-1][0]
        if type(last_key) is not int:  # a key that is not the row id (WITHOUT ROWID)
            raise Unsupported("a primary key that is not an integer")
        fields = {
            name: convert([row[i] for row in rows])
            for i, ((name, _t), convert) in enumerate(
                zip(self.fields, self.converters, strict=True), start=2
            )
        }
        blobs = [row[1] for row in rows]
        del rows
        return Chunk(last_key, geometries(blobs), fields)


def geometries(blobs) -> GeometryColumn:
    """The :class:`GeometryColumn` of GeoPackage geometry blobs (``None``: no geometry).

    The headers are read with numpy over all the blobs at once; the WKB after each
    goes to the numpy WKB decoder without being copied blob by blob.

    Raises
    ------
    Unsupported
        For a value that is not a GeoPackage geometry of standard WKB (text, an
        extended geometry type, curves, an unknown envelope).
    """
    n = len(blobs)
    kinds = set(map(type, blobs))
    if kinds <= {bytes}:
        sizes = np.fromiter(map(len, blobs), np.int64, n)
    elif kinds <= {bytes, type(None)}:
        sizes = np.fromiter((0 if b is None else len(b) for b in blobs), np.int64, n)
        blobs = [b for b in blobs if b is not None]
    else:
        raise Unsupported("a geometry value that is not a blob")
    buf = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    starts = offsets_from_counts(sizes)[:-1]
    rows = np.flatnonzero(sizes > 0)
    at = starts[rows]
    if (sizes[rows] < 8).any():
        raise Unsupported("a geometry blob too short")
    flags = buf[at + 3]
    envelope = (flags >> 1) & 0b111
    if (buf[at] != 0x47).any() or (buf[at + 1] != 0x50).any() or (envelope > 4).any():
        raise Unsupported("a geometry blob without a GeoPackage header")
    if (flags & 0b100000).any():
        raise Unsupported("an extended geometry type")
    header = 8 + ENVELOPE_BYTES[np.minimum(envelope, 4)]
    wkb_starts = np.zeros(n, dtype=np.int64)
    wkb_sizes = np.zeros(n, dtype=np.int64)
    present = (flags & 0b10000) == 0  # the empty flag: an empty geometry is none
    if (present & (sizes[rows] <= header)).any():
        raise Unsupported("a geometry blob with no WKB after its header")
    wkb_starts[rows] = at + header
    wkb_sizes[rows] = np.where(present, sizes[rows] - header, 0)
    _check_wkb_types(buf, wkb_starts[wkb_sizes > 0], wkb_sizes[wkb_sizes > 0])
    return GeometryColumn.from_wkb_buffer(buf, wkb_starts, wkb_sizes)


def _check_wkb_types(buf: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> None:
    """Refuse WKB of types other than points, lines, polygons, their multi-part forms and
    collections (with Z, M or both, as ISO WKB writes them)."""
    if (sizes < 5).any():
        raise Unsupported("a WKB geometry too short")
    order = buf[starts]
    if ((order != 0) & (order != 1)).any():
        raise Unsupported("a WKB geometry of unknown byte order")
    b = [buf[starts + k].astype(np.int64) for k in range(1, 5)]
    little = b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)
    big = b[3] | (b[2] << 8) | (b[1] << 16) | (b[0] << 24)
    code = np.where(order == 1, little, big)
    base = code % 1000
    if (code >= 4000).any() or (base < 1).any() or (base > 7).any():
        raise Unsupported("a WKB geometry of another type (a curve, a surface...)")


def open_layer(
    path: Path, name: str | None
) -> tuple[sqlite3.Connection, FeatureTable, list[FeatureTable]]:
    """Open ``path`` and find its feature table ``name`` (the first one when ``None``).

    Returns the connection (the caller closes it), the table and every feature table.
    """
    con = connect(path)
    try:
        _names, tables = feature_tables(con)
        table = next((t for t in tables if name is None or t.info.name == name), None)
        if table is None:
            raise Unsupported(f"no feature table {name}")
    except BaseException:
        con.close()
        raise
    return con, table, tables


def layer_infos(path: Path) -> tuple[list[str], list[LayerInfo]]:
    """Every table a GeoPackage lists, and its feature layers (:class:`Unsupported` when
    one of them is not read here, or when it has none)."""
    with closing(connect(path)) as con:
        names, tables = feature_tables(con)
    if not tables:
        raise Unsupported("no feature table")
    return names, [t.info for t in tables]
