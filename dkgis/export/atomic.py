"""Write files atomically (re-exported from :mod:`dkgis.io.atomic`, where the pure
project-file writer can use it too)."""

from __future__ import annotations

from dkgis.io.atomic import atomic_path

__all__ = ["atomic_path"]
