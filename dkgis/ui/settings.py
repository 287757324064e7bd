"""Where the user's settings live.

Settings are an INI file in the platform's configuration folder, or in the
folder named by the ``DKGIS_CONFIG_DIR`` environment variable (tests use it so
that they never read or write the user's real settings).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings


def config_dir() -> Path:
    """The folder holding dkgis's settings file."""
    override = os.environ.get("DKGIS_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("dkgis", appauthor=False))


def app_settings() -> QSettings:
    """The application's settings store."""
    path = config_dir() / "dkgis.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)
