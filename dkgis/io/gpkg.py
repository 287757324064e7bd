"""Fast GeoPackage reader for dkgis datasets (sqlite3 + shapely only).

The application reads its dataset at start-up, so this module avoids GDAL,
pandas and pyproj: it queries the file with :mod:`sqlite3`, strips the
GeoPackage geometry header from each blob and hands the remaining WKB to
:func:`shapely.from_wkb` in one vectorized call.

Files are opened read-only (``file:...?mode=ro``), so a damaged file is never
modified, and every SQLite failure is turned into a :class:`DatasetError` with a
message a user can act on. Only regular files are opened (a named pipe or a
device is refused before anything reads it), and the tables returned by
:func:`read_dataset` hold values of the schema's types only: a cell of the wrong
type is a :class:`DatasetError` naming its table, row and column.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import shapely

from dkgis.i18n import N_, _, ngettext
from dkgis.io import schema
from dkgis.io.cells import cell_issues, decode_text
from dkgis.io.errors import DatasetError
from dkgis.io.files import NotARegularFileError, read_head

#: First 16 bytes of every SQLite 3 database file.
SQLITE_MAGIC = b"SQLite format 3\x00"

#: Problem reported for a file that is not an SQLite database or is damaged.
NOT_A_GEOPACKAGE = N_("not a GeoPackage (the file is damaged or of another format)")

#: Problem reported for an SQLite database without the GeoPackage tables.
NO_GPKG_TABLES = N_(
    "not a GeoPackage (it is an SQLite database without the GeoPackage table gpkg_contents)"
)

#: Seconds to wait for another program's write to end before reporting the file locked.
BUSY_TIMEOUT_S = 2.0

# Size in bytes of the envelope after the 8-byte header, by envelope indicator.
_ENVELOPE_SIZES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

# Geometry column CRS accepted as longitude/latitude: EPSG:4326 and OGC CRS84.
_LONLAT_CRS = {("EPSG", "4326"), ("OGC", "CRS84"), ("OGC", "84")}


@dataclass(eq=False)  # compared by identity: element-wise array equality is ambiguous
class TableData:
    """The rows of one table, column by column.

    Parameters
    ----------
    name
        Table name.
    columns
        Column name -> list of Python values (``None`` for NULL), in row order.
        ``BOOLEAN`` columns hold ``True``/``False``.
    geometry
        Object array of shapely geometries in EPSG:4326 (``None`` where a row has
        no readable geometry), or ``None`` for an attribute table.
    unreadable_geometry
        0-based rows whose geometry value is present but cannot be decoded
        (their ``geometry`` is ``None``, like a NULL geometry).
    """

    name: str
    columns: dict[str, list]
    geometry: np.ndarray | None = None
    unreadable_geometry: tuple[int, ...] = ()

    def __len__(self) -> int:
        for values in self.columns.values():
            return len(values)
        return 0 if self.geometry is None else len(self.geometry)

    def rows(self) -> Iterator[dict[str, Any]]:
        """Yield each row as a dict of column name -> value.

        Rows of a spatial table also have a ``"geometry"`` key.
        """
        names = list(self.columns)
        value_lists = [self.columns[n] for n in names]
        if self.geometry is not None:
            names.append("geometry")
            value_lists.append(self.geometry)
        for values in zip(*value_lists, strict=True):
            yield dict(zip(names, values, strict=True))

    def column(self, name: str) -> list:
        """Return the values of column ``name`` (KeyError if the table has none)."""
        return self.columns[name]


class GeometryHeader(NamedTuple):
    """The header of a GeoPackage geometry blob (GeoPackage 1.x, clause 2.1.3)."""

    version: int
    little_endian: bool
    envelope: int  # envelope indicator, 0-4
    empty: bool
    extended: bool
    srs_id: int
    wkb_offset: int  # where the WKB starts in the blob


class TableInfo(NamedTuple):
    """What a file holds for one table, before its rows are read."""

    name: str
    columns: tuple[str, ...]  # every column of the SQLite table, in order
    geometry_column: str | None
    geometry_type: str | None
    srs_id: int | None


def parse_header(blob: bytes) -> GeometryHeader | None:
    """Parse the header of a GeoPackage geometry blob.

    Parameters
    ----------
    blob
        The value of a geometry column.

    Returns
    -------
    GeometryHeader or None
        ``None`` when the blob is not a GeoPackage geometry (no ``GP`` magic, an
        unknown envelope indicator or too short).
    """
    if len(blob) < 8 or blob[0:2] != b"GP":
        return None
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    size = _ENVELOPE_SIZES.get(envelope)
    if size is None:
        return None
    little = bool(flags & 1)
    offset = 8 + size
    if len(blob) <= offset:
        return None
    (srs_id,) = struct.unpack("<i" if little else ">i", blob[4:8])
    return GeometryHeader(
        version=blob[2],
        little_endian=little,
        envelope=envelope,
        empty=bool(flags & 0b10000),
        extended=bool(flags & 0b100000),
        srs_id=srs_id,
        wkb_offset=offset,
    )


def geometries_from_blobs(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Decode GeoPackage geometry blobs into shapely geometries.

    Parameters
    ----------
    blobs
        Values of a geometry column (``None`` for NULL).

    Returns
    -------
    numpy.ndarray
        Object array of the same length; ``None`` for NULL or unreadable blobs
        (including values that are not blobs at all: text, numbers).
    """
    wkb = np.empty(len(blobs), dtype=object)
    sizes = _ENVELOPE_SIZES
    for i, blob in enumerate(blobs):
        # Inlined header parsing: this loop runs for every feature at start-up.
        if type(blob) is not bytes or len(blob) < 8 or blob[0] != 0x47 or blob[1] != 0x50:
            continue
        flags = blob[3]
        size = sizes.get((flags >> 1) & 0b111)
        if size is None or flags & 0b100000:  # extended geometries cannot be decoded
            continue
        wkb[i] = blob[8 + size :]
    with np.errstate(invalid="ignore"):  # NaN coordinates are reported by the cell checks
        return shapely.from_wkb(wkb, on_invalid="ignore")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a GeoPackage read-only, checking that it is one.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    sqlite3.Connection
        A read-only connection; the caller closes it.

    Raises
    ------
    DatasetError
        When the file is missing, is not a regular file (a folder, a named pipe, a
        device), is not an SQLite database, is damaged, is locked by a program writing
        to it, or has no GeoPackage tables.

    Notes
    -----
    Text that is not valid UTF-8 is read as :class:`~dkgis.io.cells.UndecodableText`
    instead of failing the query, so that the cell can be named.
    """
    p = Path(path)
    try:
        head = read_head(p, 100)
    except FileNotFoundError:
        raise DatasetError(p, _("file not found")) from None
    except NotARegularFileError as err:
        raise DatasetError(p, _("is {kind}, not a GeoPackage file").format(kind=err.kind)) from None
    except OSError as err:
        raise DatasetError(
            p, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None
    # Checked before SQLite sees the file: SQLite treats an empty file as a new database.
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise DatasetError(p, _(NOT_A_GEOPACKAGE))
    try:
        con = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as err:
        raise dataset_error(p, err) from None
    con.text_factory = decode_text
    try:
        names = {
            row[0].lower()
            for row in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            if isinstance(row[0], str)
        }
    except sqlite3.Error as err:
        con.close()
        raise dataset_error(p, err) from None
    if "gpkg_contents" not in names:
        con.close()
        raise DatasetError(p, _(NO_GPKG_TABLES))
    return con


def locked_message() -> str:
    """What to say of a file another program is writing to."""
    return _("the file is locked by another program (is it open in QGIS?); close it and try again")


def dataset_error(path: str | Path, err: sqlite3.Error) -> DatasetError:
    """The :class:`DatasetError` to raise for an SQLite failure while reading ``path``.

    A file locked by a program writing to it ("database is locked") is reported as
    such; any other failure means the file is damaged or not a GeoPackage.
    """
    name = getattr(err, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(err).lower():
        return DatasetError(path, locked_message())
    return DatasetError(path, _(NOT_A_GEOPACKAGE))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def inspect_table(con: sqlite3.Connection, path: str | Path, name: str) -> TableInfo | None:
    """Describe table ``name`` of an open GeoPackage, or return ``None`` if it is missing.

    Raises
    ------
    DatasetError
        When the file is damaged.
    """
    try:
        cols = tuple(row[1] for row in con.execute(f"PRAGMA table_info({_quote(name)})"))
        if not cols:
            return None
        geom = None
        if _has_table(con, "gpkg_geometry_columns"):
            geom = con.execute(
                "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns"
                " WHERE lower(table_name) = lower(?)",
                (name,),
            ).fetchone()
    except sqlite3.Error as err:
        raise dataset_error(path, err) from None
    if geom is None or geom[0] not in cols:
        return TableInfo(name, cols, None, None, None)
    return TableInfo(name, cols, geom[0], str(geom[1]).upper(), geom[2])


def _has_table(con: sqlite3.Connection, name: str) -> bool:
    row = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower(?)",
        (name,),
    ).fetchone()
    return row is not None


def crs_problem(con: sqlite3.Connection, path: str | Path, info: TableInfo) -> str | None:
    """Return why the geometry CRS of a table is not longitude/latitude, or ``None``.

    An undefined geographic CRS (``srs_id`` 0) is reported, though the reader
    accepts it since its coordinates are longitude/latitude.
    """
    if info.geometry_column is None or info.srs_id is None:
        return None
    if info.srs_id == 0:
        return _("the coordinate reference system is undefined; expected EPSG:4326")
    try:
        row = con.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys"
            " WHERE srs_id = ?",
            (info.srs_id,),
        ).fetchone()
    except sqlite3.Error as err:
        raise dataset_error(path, err) from None
    if row is None:
        return _(
            "the coordinate reference system (srs_id {srs_id}) is not defined in the file"
        ).format(srs_id=info.srs_id)
    org, code = str(row[0]).upper(), str(row[1]).upper()
    if (org, code) in _LONLAT_CRS:
        return None
    if info.srs_id == -1 or org == "NONE":
        return _("the coordinate reference system is undefined; expected EPSG:4326")
    return _("the geometry is in {crs}; expected longitude/latitude (EPSG:4326)").format(
        crs=f"{row[0]}:{row[1]}"
    )


def read_rows(
    con: sqlite3.Connection,
    path: str | Path,
    table: schema.Table,
    info: TableInfo,
) -> TableData:
    """Read the schema columns present in a table (and its geometry) into a TableData.

    Columns of ``table`` that the file lacks are left out; the caller decides
    whether that is an error. Values are as stored, of any type: see
    :func:`dkgis.io.cells.cell_issues` for what is wrong with them.

    Raises
    ------
    DatasetError
        When the file is damaged.
    """
    names = [c.name for c in table.columns if c.name in info.columns]
    select = [_quote(n) for n in names]
    with_geom = table.geometry is not None and info.geometry_column is not None
    if with_geom:
        select.append(_quote(info.geometry_column))
    if not select:
        select = ["rowid"]
    sql = f"SELECT {', '.join(select)} FROM {_quote(info.name)} ORDER BY rowid"
    try:
        records = con.execute(sql).fetchall()
    except sqlite3.Error as err:
        raise dataset_error(path, err) from None
    n_select = len(select)
    by_column = list(zip(*records, strict=True)) if records else [()] * n_select
    columns: dict[str, list] = {}
    for i, name in enumerate(names):
        values = list(by_column[i])
        if table.column(name).type == "BOOLEAN":
            values = [bool(v) if v in (0, 1) else v for v in values]
        columns[name] = values
    geometry = None
    unreadable: tuple[int, ...] = ()
    if with_geom:
        blobs = by_column[len(names)]
        geometry = geometries_from_blobs(blobs)
        unreadable = tuple(
            i for i, (blob, geom) in enumerate(zip(blobs, geometry, strict=True))
            if geom is None and blob is not None
        )  # fmt: skip
    elif table.geometry is not None:
        geometry = np.full(len(records), None, dtype=object)
    return TableData(table.name, columns, geometry, unreadable)


def _check_cells(path: str | Path, tables: Sequence[tuple[schema.Table, TableData]]) -> None:
    """Raise a DatasetError naming the first cell of the wrong type, if any."""
    issues = [issue for table, data in tables for issue in cell_issues(table, data)]
    if not issues:
        return
    problem = str(issues[0])
    others = len(issues) - 1
    if others:
        problem += " " + ngettext(
            "(and {count} more problem: dkgis validate lists them all)",
            "(and {count} more problems: dkgis validate lists them all)",
            others,
        ).format(count=others)
    raise DatasetError(path, problem)


def _check_structure(con: sqlite3.Connection, path: str | Path, table: schema.Table) -> TableInfo:
    info = inspect_table(con, path, table.name)
    if info is None:
        raise DatasetError(path, _("table '{table}' is missing").format(table=table.name))
    for col in table.columns:
        if col.name not in info.columns:
            raise DatasetError(
                path,
                _("table '{table}' has no column '{column}'").format(
                    table=table.name, column=col.name
                ),
            )
    if table.geometry is not None:
        if info.geometry_column is None:
            raise DatasetError(
                path, _("table '{table}' has no geometry column").format(table=table.name)
            )
        problem = crs_problem(con, path, info)
        if problem is not None and info.srs_id != 0:
            raise DatasetError(path, f"table '{table.name}': {problem}")
    return info


def _as_table(table: schema.Table | str) -> schema.Table:
    if isinstance(table, schema.Table):
        return table
    try:
        return schema.TABLES_BY_NAME[table]
    except KeyError:
        raise ValueError(f"unknown dkgis table {table!r}") from None


def read_table(path: str | Path, table: schema.Table | str) -> TableData:
    """Read one table of a dkgis GeoPackage.

    Parameters
    ----------
    path
        The GeoPackage.
    table
        The schema table (or its name).

    Returns
    -------
    TableData
        The schema columns, in schema order, and the geometry (EPSG:4326).

    Raises
    ------
    DatasetError
        When the file is missing, not a GeoPackage, damaged, or lacks the table,
        one of its columns or its geometry column, or stores a CRS other than
        longitude/latitude, or when a cell holds a value of the wrong type, a
        missing required value, an impossible number or an unreadable geometry
        (see :mod:`dkgis.io.cells`).
    """
    tbl = _as_table(table)
    with closing(connect(path)) as con:
        info = _check_structure(con, path, tbl)
        data = read_rows(con, path, tbl, info)
    _check_cells(path, [(tbl, data)])
    return data


def read_dataset(path: str | Path) -> dict[str, TableData]:
    """Read every table of a dkgis GeoPackage.

    Parameters
    ----------
    path
        The GeoPackage.

    Returns
    -------
    dict
        Table name -> :class:`TableData`, for all :data:`schema.TABLES`, in schema
        order; an optional table (:attr:`schema.Table.optional`) that the file lacks is
        empty.

    Raises
    ------
    DatasetError
        See :func:`read_table`; the first problem found is raised (use
        :func:`dkgis.io.validate.validate_dataset` to list them all).
    """
    with closing(connect(path)) as con:
        infos = [
            (tbl, None if _absent_optional(con, path, tbl) else _check_structure(con, path, tbl))
            for tbl in schema.TABLES
        ]
        tables = [
            (tbl, empty_table(tbl) if info is None else read_rows(con, path, tbl, info))
            for tbl, info in infos
        ]
    _check_cells(path, tables)
    return {tbl.name: data for tbl, data in tables}


def _absent_optional(con: sqlite3.Connection, path: str | Path, table: schema.Table) -> bool:
    """Whether ``table`` is optional and the file lacks it (written before it existed)."""
    return table.optional and inspect_table(con, path, table.name) is None


def empty_table(table: schema.Table) -> TableData:
    """A table with the schema's columns and no rows (an optional table a file lacks)."""
    geometry = np.empty(0, dtype=object) if table.geometry is not None else None
    return TableData(table.name, {c.name: [] for c in table.columns}, geometry)
