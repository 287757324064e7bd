"""The user's own copy of the dataset, made by importing new releases (pure, no Qt).

The embedded dataset is never modified. An import writes ``dkarbonation-user.gpkg`` in
the user's data folder (the platform's, or the folder named by the ``DKGIS_DATA_DIR``
environment variable); the app opens that copy from then on, and
:func:`set_aside_user_dataset` goes back to the embedded data (the copy is renamed, not
deleted). Each import is recorded in the copy's table :data:`IMPORTS_TABLE`.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

#: Environment variable naming the user's data folder (tests use it).
DATA_DIR_ENV = "DKGIS_DATA_DIR"

#: File name of the user's copy.
USER_DATASET_NAME = "dkarbonation-user.gpkg"

#: Table of the copy recording each imported file.
IMPORTS_TABLE = "dkgis_imports"

#: Columns of :data:`IMPORTS_TABLE`: (name, SQLite type).
IMPORTS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_id", "TEXT"),
    ("file", "TEXT"),
    ("publisher", "TEXT"),
    ("format", "TEXT"),
    ("sha256", "TEXT"),
    ("imported_at", "TEXT"),
    ("values_added", "INTEGER"),
    ("values_changed", "INTEGER"),
    ("facilities_added", "INTEGER"),
)


def user_data_dir() -> Path:
    """The folder holding the user's copy of the dataset."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("dkgis", appauthor=False))


def user_dataset_path() -> Path:
    """Where the user's copy is (whether or not it exists)."""
    return user_data_dir() / USER_DATASET_NAME


def startup_dataset() -> Path | None:
    """The user's copy when there is one (the app opens it), else ``None`` (embedded data)."""
    path = user_dataset_path()
    return path if path.is_file() else None


def dataset_to_open(data: str | Path | None) -> str | Path | None:
    """The dataset the app and the command line open: ``data`` when given, else the user's
    copy made by an import when there is one, else ``None`` (the embedded dataset).

    The window and ``dkgis export`` thus show the same figures after an import.
    """
    return data if data is not None else startup_dataset()


def is_user_dataset(path: str | Path | None) -> bool:
    """Whether ``path`` is the user's copy."""
    if path is None:
        return False
    try:
        return Path(path).resolve() == user_dataset_path().resolve()
    except OSError:
        return False


def set_aside_user_dataset(now: datetime.datetime | None = None) -> Path | None:
    """Rename the user's copy so that the app opens the embedded data again.

    Returns
    -------
    pathlib.Path or None
        The new name of the copy (kept in the same folder), or ``None`` when there is none.
    """
    path = user_dataset_path()
    if not path.is_file():
        return None
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}-set-aside-{stamp}{path.suffix}")
    os.replace(path, target)
    return target


@dataclass(frozen=True)
class ImportRecord:
    """One imported file, as :data:`IMPORTS_TABLE` records it."""

    source_id: str
    file: str
    publisher: str
    format: str
    sha256: str
    imported_at: str
    values_added: int
    values_changed: int
    facilities_added: int

    @property
    def when(self) -> datetime.datetime | None:
        """:attr:`imported_at` as a datetime (``None`` when unreadable)."""
        try:
            return datetime.datetime.fromisoformat(self.imported_at.replace("Z", "+00:00"))
        except ValueError:
            return None


def import_history(path: str | Path) -> list[ImportRecord]:
    """The imports recorded in a dataset, oldest first (empty for the embedded data)."""
    names = [c for c, _ in IMPORTS_COLUMNS]
    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as con:
            has = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (IMPORTS_TABLE,)
            ).fetchone()
            if not has:
                return []
            cols = ", ".join(f'"{n}"' for n in names)
            rows = con.execute(f'SELECT {cols} FROM "{IMPORTS_TABLE}" ORDER BY fid').fetchall()
    except (sqlite3.Error, OSError, ValueError):
        return []
    return [ImportRecord(*row) for row in rows]


def last_update(path: str | Path) -> datetime.datetime | None:
    """When the dataset at ``path`` was last updated by an import (``None``: never)."""
    history = import_history(path)
    return history[-1].when if history else None
