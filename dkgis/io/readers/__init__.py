"""Readers of the user's own files, through one registry (file kind -> reader).

Each reader turns a file into a :class:`UserData`: attribute columns and
shapely geometries in EPSG:4326, or raises a :class:`~dkgis.io.errors.DatasetError`
naming the file and the reason. Typical use::

    info = inspect_file(path)             # quick: layers, CRS, CSV columns
    data = read_file(path, ReadOptions(crs="EPSG:2154"), progress=callback)

Heavy libraries (pyogrio, pandas, pyproj) are imported by the readers when
they read, never when this package is imported.
"""

from __future__ import annotations

from pathlib import Path

from dkgis.i18n import _
from dkgis.io.errors import DatasetError
from dkgis.io.readers.base import (
    ColumnsRequired,
    CrsRequired,
    CsvLayout,
    FileInfo,
    LayerInfo,
    ProgressCallback,
    ReadCancelled,
    Reader,
    ReadOptions,
    UserData,
    check_file,
    unexpected_error,
)
from dkgis.io.readers.crs import COMMON_CRS, LAMBERT_93, LONLAT, CommonCrs
from dkgis.io.readers.csv_points import CsvReader
from dkgis.io.readers.geojson import GeoJsonReader
from dkgis.io.readers.ogr import GeoPackageReader, ShapefileReader

#: File kind -> reader, in the order file dialogs list them.
READERS: dict[str, Reader] = {}


def register_reader(reader: Reader) -> None:
    """Add ``reader`` to :data:`READERS` (replacing one of the same kind)."""
    READERS[reader.kind] = reader


for _reader in (GeoJsonReader(), GeoPackageReader(), ShapefileReader(), CsvReader()):
    register_reader(_reader)


def supported_patterns() -> tuple[str, ...]:
    """Every file-name pattern a reader accepts (``"*.geojson"``, ...)."""
    return tuple(p for reader in READERS.values() for p in reader.patterns)


def reader_for(path: str | Path) -> Reader:
    """Return the reader for ``path``, chosen by its extension.

    Raises
    ------
    DatasetError
        For an unsupported format (naming the formats that are).
    """
    p = Path(path)
    for reader in READERS.values():
        if reader.accepts(p):
            return reader
    formats = ", ".join(r.label for r in READERS.values())
    suffix = p.suffix or _("without extension")
    raise DatasetError(
        p,
        _("unsupported format ({suffix}); dkgis reads {formats} (Shapefiles also zipped)").format(
            suffix=suffix, formats=formats
        ),
    )


def inspect_file(path: str | Path) -> FileInfo:
    """Look quickly at a file: its kind, layers, CRS and, for a CSV, its layout.

    Raises
    ------
    DatasetError
        When the file cannot be read (unsupported, empty, damaged, a pipe or a device...).
    """
    p = Path(path)
    check_file(p)
    return reader_for(p).inspect(p)


def read_file(
    path: str | Path,
    options: ReadOptions | None = None,
    progress: ProgressCallback | None = None,
) -> UserData:
    """Read a user file into geometry (EPSG:4326) and attribute columns.

    Parameters
    ----------
    path
        The file.
    options
        Layer, coordinate columns and CRS chosen by the user (defaults: the file's).
    progress
        Called with the fraction done; raising :class:`ReadCancelled` in it cancels.

    Raises
    ------
    DatasetError
        The file cannot be read; the message names the reason.
    CrsRequired
        The file does not say (or says something unknown) about its CRS.
    ColumnsRequired
        Several CSV columns could hold the coordinates.
    ReadCancelled
        ``progress`` cancelled the read.
    """
    p = Path(path)
    check_file(p)
    return reader_for(p).read(p, options or ReadOptions(), progress)


__all__ = [
    "COMMON_CRS",
    "LAMBERT_93",
    "LONLAT",
    "READERS",
    "ColumnsRequired",
    "CommonCrs",
    "CrsRequired",
    "CsvLayout",
    "DatasetError",
    "FileInfo",
    "LayerInfo",
    "ProgressCallback",
    "ReadCancelled",
    "ReadOptions",
    "Reader",
    "UserData",
    "inspect_file",
    "read_file",
    "reader_for",
    "register_reader",
    "supported_patterns",
    "unexpected_error",
]
