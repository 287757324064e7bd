"""Reading and checking datasets (pure: no Qt).

``schema`` describes a dkgis GeoPackage, ``gpkg`` reads one quickly with sqlite3
and shapely, ``validate`` lists every problem of a file, and ``errors`` holds the
exception raised when a file cannot be read. ``readers`` (imported on demand, not
here) reads the user's own files: GeoJSON, GeoPackage, Shapefile and CSV points.
"""

from __future__ import annotations

from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import TableData, read_dataset, read_table
from dkgis.io.issues import Issue
from dkgis.io.validate import validate_dataset

__all__ = ["DatasetError", "Issue", "TableData", "read_dataset", "read_table", "validate_dataset"]
