"""Imports of new releases into a database's dataset: all or nothing (pure, no Qt).

The importer (:mod:`dkgis.data.importer`) works on GeoPackages. For a database, the
dataset is first read into a GeoPackage of a temporary folder (the plan is made against
it, as for a file, and remembers the database's revision); applying writes the result
there, checks it with the validator, then publishes it in **one** transaction that
refuses to run if the database's revision moved since the preview. A refused right, a
lost connection or any error leaves the database as it was.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dkgis.data.importer import ImportPlan, ImportResult

if TYPE_CHECKING:
    from dkgis.io.postgis.dsn import Dsn


@dataclass(frozen=True)
class DatabaseImportPlan(ImportPlan):
    """An :class:`~dkgis.data.importer.ImportPlan` made against a database's dataset.

    Attributes
    ----------
    database : Dsn
        The database.
    revision : int
        Its dataset's revision when the plan was made.
    workdir : tempfile.TemporaryDirectory
        Holds the copy the plan was made against (removed with the plan).
    """

    database: Dsn | None = None
    revision: int = 0
    workdir: tempfile.TemporaryDirectory | None = None


def plan_database_import(paths: Sequence[str | Path], dsn: Dsn) -> DatabaseImportPlan:
    """Read release files and compare them with the dataset of ``dsn`` (nothing is written).

    Raises
    ------
    ReleaseError
        For a file that is not what it claims.
    DatabaseError
        When the database cannot be read.
    """
    from dkgis.data.importer import plan_import
    from dkgis.io.postgis.dataset import pull

    workdir = tempfile.TemporaryDirectory(prefix="dkgis-import-")
    base = Path(workdir.name) / "database.gpkg"
    _copy, revision = pull(dsn, base)
    plan = plan_import(paths, base)
    fields = {f.name: getattr(plan, f.name) for f in dataclasses.fields(ImportPlan)}
    return DatabaseImportPlan(**fields, database=dsn, revision=revision, workdir=workdir)


def apply_database_import(plan: DatabaseImportPlan, dsn: Dsn, **options) -> ImportResult:
    """Write the import planned by :func:`plan_database_import` to the database.

    ``options`` are those of :func:`dkgis.data.importer.apply_import`.

    Returns
    -------
    ImportResult
        Its ``path`` is the database (a Dsn).

    Raises
    ------
    ImportFailed
        When the result would not be a valid dataset, or the plan was not made against
        this database.
    DatabaseError
        ``conflict`` when someone changed the data since the preview; ``read_only``,
        ``lost``...: the database is then as it was.
    """
    from dkgis.data.importer import ImportFailed, apply_import
    from dkgis.i18n import _
    from dkgis.io.gpkg_copy import read_copy
    from dkgis.io.postgis.dataset import push_copy

    if not isinstance(plan, DatabaseImportPlan) or plan.database != dsn or plan.workdir is None:
        raise ImportFailed(_("the preview was not made against this database: preview again"))
    result_path = Path(plan.workdir.name) / "result.gpkg"
    result = apply_import(plan, result_path, **options)
    push_copy(dsn, read_copy(result_path), expected_revision=plan.revision)
    return dataclasses.replace(result, path=dsn)
