"""Raster exports of the map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dkgis.export.atomic import atomic_path
from dkgis.map.render import render_image

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
    image = render_image(project, spec)
    path = Path(path)
    with atomic_path(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(5, "the image could not be written", str(path))
    return path
