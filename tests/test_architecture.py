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


# -- import cycles -----------------------------------------------------------------------


def _import_graph():
    """The package's import graph (imports made for type annotations only are left out:
    they are no dependency at run time)."""
    import grimp  # installed with import-linter

    return grimp.build_graph("dkgis", exclude_type_checking_imports=True, cache_dir=None)


def _cycles(graph, modules: set[str]) -> list[str]:
    """Each pair of ``modules`` that import each other, directly or not, as a chain."""
    from itertools import combinations

    found = []
    for a, b in combinations(sorted(modules), 2):
        there = graph.find_shortest_chain(importer=a, imported=b)
        back = graph.find_shortest_chain(importer=b, imported=a)
        if there and back:
            found.append(" -> ".join(there) + " -> " + " -> ".join(back[1:]))
    return found


def _main_window_and_helpers(graph) -> set[str]:
    window = "dkgis.ui.main_window"
    used = graph.find_upstream_modules(window)  # the modules it imports, directly or not
    return {window} | {m for m in used if m.startswith("dkgis.ui.")}


@pytest.mark.parametrize(
    "part",
    ["the command line", "the model", "the main window and its helpers"],
)
def test_no_import_cycles(part):
    graph = _import_graph()
    modules = {
        "the command line": lambda: {m for m in graph.modules if m.startswith("dkgis.cli.")},
        "the model": lambda: {m for m in graph.modules if m.startswith("dkgis.model.")},
        "the main window and its helpers": lambda: _main_window_and_helpers(graph),
    }[part]()
    assert len(modules) > 3
    cycles = _cycles(graph, modules)
    assert cycles == [], f"import cycles in {part}:\n" + "\n".join(cycles)
