"""Raster exports of the map (see :mod:`dkgis.export.snapshot` for every format)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dkgis.export.snapshot import render_snapshot, write_snapshot

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.snapshot import SnapshotSpec


def export_png(project: Project, spec: SnapshotSpec, path: str | Path) -> Path:
    """Render ``spec`` and write it as a PNG file at ``path``, atomically.

    Raises
    ------
    ValueError
        When the spec is invalid (size, dpi, extent).
    OSError
        When the file cannot be written.
    """
    path = Path(path)
    write_snapshot(render_snapshot(project, spec, "png"), path)
    return path
