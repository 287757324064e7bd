"""A whole dkgis dataset with its feature ids: read from and written to GeoPackages.

Publishing a dataset to a database and writing it back (:mod:`dkgis.io.postgis.dataset`)
must give the same file, value by value: this module reads every table of the schema
(and the record of imported releases, when the file has one) with its ``fid`` values, and
writes such a dataset as a new GeoPackage through GDAL (pyogrio), as the dataset build
does: GeoPackage 1.2, EPSG:4326, R-tree spatial indexes, the same ``fid`` values.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from dkgis.io import schema
from dkgis.io.atomic import atomic_path
from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import (
    NOT_A_GEOPACKAGE,
    TableData,
    connect,
    inspect_table,
    read_dataset,
    read_rows,
)

#: GeoPackage version written (see :data:`dkgis.data.build.GPKG_VERSION`).
GPKG_VERSION = "1.2"

#: GDAL's name of each geometry type.
_GDAL_GEOMETRY = {
    "POINT": "Point",
    "MULTIPOINT": "MultiPoint",
    "LINESTRING": "LineString",
    "MULTILINESTRING": "MultiLineString",
    "POLYGON": "Polygon",
    "MULTIPOLYGON": "MultiPolygon",
}


@dataclass(eq=False)
class DatasetCopy:
    """Every table of a dataset and the ``fid`` of each row.

    Attributes
    ----------
    tables : dict[str, TableData]
        By name: the tables of :data:`dkgis.io.schema.TABLES`, and the import record
        (``dkgis_imports``) when there is one.
    fids : dict[str, list[int]]
        The feature id of each row, by table, in row order.
    """

    tables: dict[str, TableData]
    fids: dict[str, list[int]] = field(default_factory=dict)

    def row_count(self) -> int:
        """Rows of every table together."""
        return sum(len(t) for t in self.tables.values())


def copy_tables() -> tuple[schema.Table, ...]:
    """The tables a copy may hold, in writing order."""
    from dkgis.io.postgis.tables import published_tables

    return published_tables()


def read_copy(path: str | Path) -> DatasetCopy:
    """Read a dkgis GeoPackage with its feature ids.

    Raises
    ------
    DatasetError
        As :func:`dkgis.io.gpkg.read_dataset`.
    """
    tables = read_dataset(path)
    *_, imports = copy_tables()
    with closing(connect(path)) as con:
        fids = {}
        try:
            for name in tables:
                fids[name] = [
                    r[0] for r in con.execute(f'SELECT rowid FROM "{name}" ORDER BY rowid')
                ]
            info = inspect_table(con, path, imports.name)
            if info is not None and set(imports.column_names) <= set(info.columns):
                tables[imports.name] = read_rows(con, path, imports, info)
                fids[imports.name] = [
                    r[0] for r in con.execute(f'SELECT rowid FROM "{imports.name}" ORDER BY rowid')
                ]
        except sqlite3.Error:
            raise DatasetError(path, NOT_A_GEOPACKAGE) from None
    return DatasetCopy(tables, fids)


def _rowids(con: sqlite3.Connection, name: str) -> list[int]:
    # Table names come from the schema, never from the file.
    return [row[0] for row in con.execute(f'SELECT rowid FROM "{name}" ORDER BY rowid')]


def _field(values: list, kind: str) -> tuple[np.ndarray, np.ndarray | None]:
    """One column as pyogrio writes it: an array, and the mask of its NULLs."""
    missing = np.array([v is None for v in values], dtype=bool)
    mask = missing if missing.any() else None
    if kind == "TEXT":
        return np.array(values, dtype=object), None
    if kind == "INTEGER":
        return np.array([0 if v is None else int(v) for v in values], dtype=np.int64), mask
    if kind == "REAL":
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float), mask
    return np.array([bool(v) for v in values], dtype=bool), mask


def write_copy(copy: DatasetCopy, path: str | Path) -> None:
    """Write ``copy`` as a new GeoPackage at ``path``, atomically.

    Raises
    ------
    OSError
        When the file cannot be written (the previous file is left as it was).
    """
    with atomic_path(Path(path)) as final:
        # GDAL creates the file itself, and wants a .gpkg name.
        final.unlink()
        tmp = final.with_name(final.name + ".gpkg")
        try:
            _write_tables(copy, tmp)
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)


def _write_tables(copy: DatasetCopy, tmp: Path) -> None:
    from pyogrio.errors import DataLayerError, DataSourceError
    from pyogrio.raw import write

    first = True
    for table in copy_tables():
        data = copy.tables.get(table.name)
        if data is None:
            continue
        fids = copy.fids.get(table.name) or list(range(1, len(data) + 1))
        arrays, masks = [np.array(fids, dtype=np.int64)], [None]
        for col in table.columns:
            array, mask = _field(data.columns[col.name], col.type)
            arrays.append(array)
            masks.append(mask)
        options: dict = {"layer": table.name, "driver": "GPKG", "append": not first}
        if first:
            options["dataset_options"] = {"VERSION": GPKG_VERSION}
        geometry = None
        if table.geometry is not None:
            geoms = data.geometry if data.geometry is not None else [None] * len(data)
            geometry = shapely.to_wkb(np.asarray(geoms, dtype=object))
            options.update(
                geometry_type=_GDAL_GEOMETRY[table.geometry],
                crs="EPSG:4326",
                promote_to_multi=False,
            )
        try:
            write(
                str(tmp),
                geometry,
                arrays,
                ["fid", *table.column_names],
                field_mask=masks,
                **options,
            )
        except (DataSourceError, DataLayerError) as err:
            raise OSError(str(err)) from None
        first = False
