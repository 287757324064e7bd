"""PostgreSQL + PostGIS as the team's shared store (pure Python, no Qt).

A database is named by a connection string (:class:`~dkgis.io.postgis.dsn.Dsn`):
a ``postgresql://`` URL, a ``service=NAME`` of ``pg_service.conf`` or a GDAL-style
``PG:...`` string; anything else is a GeoPackage path (:func:`is_dsn`).

Modules
-------
dsn
    Connection strings, their safe labels (never a password), recent connections.
errors
    :class:`DatabaseError`: one sentence per failure (wrong password, unreachable server,
    no PostGIS, another schema version, read-only user, lost connection, conflict).
connection
    Opening a connection (psycopg 3, imported only here), checking PostGIS and the
    dataset's schema version.
tables
    The DDL of the schema ``dkgis``: the dataset tables, their GiST indexes, the
    revision row, the shared scenarios and projects.
dataset
    Reading the dataset, publishing a GeoPackage (``push``) and writing one back
    (``pull``), each in one transaction.
shared
    Shared scenarios and projects with optimistic locking (a version per row).
layers
    The geometry tables of a database, read by view (bounding box on the GiST index).

Only :mod:`~dkgis.io.postgis.dsn` and :mod:`~dkgis.io.postgis.errors` are imported
when the app starts on a GeoPackage; the driver is imported on first use of a database.
"""

from __future__ import annotations

from dkgis.io.postgis.dsn import Dsn, is_dsn
from dkgis.io.postgis.errors import DatabaseError

__all__ = ["DatabaseError", "Dsn", "is_dsn"]
