"""Change a dkgis GeoPackage in place with sqlite3 alone (no GDAL, no SpatiaLite).

GDAL's spatial-index triggers call the SQL functions ``ST_IsEmpty`` and ``ST_MinX``...;
:func:`connect_for_edit` provides them (computed with shapely), so rows can be inserted or
updated with plain SQL while the R-tree index stays right. Work on a copy: the caller
replaces the user's file only once the copy is complete and checked.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Sequence
from pathlib import Path

import shapely

from dkgis.io.gpkg import geometries_from_blobs, parse_header

#: ``PRAGMA application_id`` of a GeoPackage ('GPKG').
GPKG_APPLICATION_ID = 0x47504B47
#: ``PRAGMA user_version`` of GeoPackage 1.2, which GDAL 3.6 (QGIS 3.22 LTR) opens silently.
GPKG_USER_VERSION = 10200


def point_blob(lon: float, lat: float, srs_id: int = 4326) -> bytes:
    """A GeoPackage geometry blob of a point (little-endian, no envelope, as GDAL writes)."""
    header = b"GP" + bytes((0, 0b00000001)) + struct.pack("<i", srs_id)
    return header + shapely.to_wkb(shapely.Point(lon, lat), byte_order=1)


def _geometry(blob: bytes | None):
    if blob is None:
        return None
    return geometries_from_blobs([blob])[0]


def _is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    header = parse_header(blob)
    if header is None:
        return 1
    geom = _geometry(blob)
    return int(header.empty or geom is None or geom.is_empty)


def _bound(index: int):
    def bound(blob: bytes | None) -> float | None:
        geom = _geometry(blob)
        if geom is None or geom.is_empty:
            return None
        return float(shapely.bounds(geom)[index])

    return bound


def connect_for_edit(path: str | Path) -> sqlite3.Connection:
    """Open a GeoPackage for writing, with the SQL functions GDAL's triggers call."""
    con = sqlite3.connect(path, isolation_level=None)
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MinY", "ST_MaxX", "ST_MaxY")):
        con.create_function(name, 1, _bound(i), deterministic=True)
    return con


def set_version(con: sqlite3.Connection) -> None:
    """Mark the file as GeoPackage 1.2 (see :data:`GPKG_USER_VERSION`)."""
    con.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")


def touch(con: sqlite3.Connection, tables: Sequence[str], when: str) -> None:
    """Set ``gpkg_contents.last_change`` of ``tables`` to ``when`` (ISO 8601, UTC)."""
    for name in tables:
        con.execute(
            "UPDATE gpkg_contents SET last_change = ? WHERE lower(table_name) = lower(?)",
            (when, name),
        )


def update_extent(con: sqlite3.Connection, table: str, column: str = "geom") -> None:
    """Recompute a layer's bounding box in ``gpkg_contents`` from its geometries."""
    blobs = [row[0] for row in con.execute(f'SELECT "{column}" FROM "{table}"')]
    geoms = [g for g in geometries_from_blobs(blobs) if g is not None and not g.is_empty]
    if not geoms:
        return
    xmin, ymin, xmax, ymax = (float(v) for v in shapely.total_bounds(geoms))
    con.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?"
        " WHERE lower(table_name) = lower(?)",
        (xmin, ymin, xmax, ymax, table),
    )


def ensure_attribute_table(
    con: sqlite3.Connection, name: str, columns: Sequence[tuple[str, str]], when: str
) -> None:
    """Create an attribute table registered in ``gpkg_contents`` when it does not exist.

    ``columns`` are ``(name, SQLite type)`` pairs; a ``fid`` key is added first, as GDAL
    does, so GIS programs open the table.
    """
    exists = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)", (name,)
    ).fetchone()
    if exists:
        return
    cols = ", ".join(f'"{c}" {t}' for c, t in columns)
    con.execute(f'CREATE TABLE "{name}" ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {cols})')
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
        " VALUES (?, 'attributes', ?, '', ?)",
        (name, name, when),
    )
