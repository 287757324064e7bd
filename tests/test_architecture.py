"""The layers of the package keep to their contracts (import-linter, ruff)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run(
        [lint_imports, "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists() and shutil.which("ruff") is None:
        pytest.fail("ruff is not installed (it is part of the test extras)")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_startup_modules_do_not_import_heavy_libraries():
    """Opening the model must not pull in pandas, geopandas or pyproj (startup time)."""
    code = (
        "import sys; import dkgis.model.project, dkgis.io.gpkg; "
        "bad = [m for m in ('pandas', 'geopandas', 'pyproj', 'pyogrio', 'PySide6') "
        "if m in sys.modules]; print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_qt_binding_keeps_none_alive():
    """Guard against a PySide6 release that loses references to None (6.12.0 did):
    many painter calls must not change None's reference count."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtGui import QColor, QImage, QPainter, QPen\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "img = QImage(8, 8, QImage.Format.Format_ARGB32)\n"
        "p = QPainter(img); pen = QPen(QColor('red'))\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(2000): p.setPen(pen)\n"
        "print(before - sys.getrefcount(None)); p.end()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip().splitlines()[-1])) < 100
