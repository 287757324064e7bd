"""The files the window shows that are not code: the icons of ``dkgis/resources/icons``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def icon(name: str) -> QIcon:
    """The icon ``dkgis/resources/icons/<name>.svg`` (an empty icon when the file is missing)."""
    path = RESOURCES / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
