"""Processes end cleanly: the app closed normally, ``dkgis export``, and a test run.

A crash while Python shuts down (Qt objects destroyed after the interpreter) turns a
successful run into a failure for the user's script, so these run real processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Opens the app as ``python -m dkgis`` does, draws a site's chart, and closes the window
#: from its own event loop once it is shown.
APP_RUN = """
import runpy, sys
from PySide6.QtCore import QTimer
from dkgis.ui import main_window

shown = main_window.MainWindow.show

def show(self):
    shown(self)
    self.project.selection.set({"FR_956"})
    QTimer.singleShot(300, self.close)

main_window.MainWindow.show = show
sys.argv = ["dkgis"]
runpy.run_module("dkgis", run_name="__main__")
"""


def run(args: list[str], tmp_path: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        PYTHONFAULTHANDLER="1",
        DKGIS_CONFIG_DIR=str(tmp_path / "config"),
        DKGIS_CACHE_DIR=str(tmp_path / "cache"),
    )
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, (result.returncode, result.stdout[-2000:], result.stderr[-4000:])
    assert "Fatal Python error" not in result.stderr, result.stderr[-4000:]


def test_the_app_closed_normally_exits_with_status_0(tmp_path):
    assert_clean(run(["-c", APP_RUN], tmp_path))


def test_dkgis_export_of_a_map_and_chart_page_and_a_deck_exits_cleanly(tmp_path):
    png = tmp_path / "page.png"
    assert_clean(
        run(
            [
                "-m",
                "dkgis",
                "export",
                str(png),
                "--layout",
                "map+chart",
                "--chart",
                "FR_956",
                "--year",
                "2030",
                "--size",
                "960x540",
            ],
            tmp_path,
        )
    )
    assert png.stat().st_size > 10_000
    deck = tmp_path / "deck.pptx"
    assert_clean(run(["-m", "dkgis", "export", str(deck), "--sites", "FR_956"], tmp_path))
    assert deck.stat().st_size > 10_000


def test_a_test_run_that_copies_a_snapshot_ends_with_pytests_own_exit(tmp_path):
    """A snapshot copied to the clipboard is not left for Qt to delete after Python has
    gone (which crashed the end of the whole test suite)."""
    result = run(
        [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "copy_puts_an_image",
            "tests/test_snapshot_render.py",
        ],
        tmp_path,
    )
    assert_clean(result)
    assert "1 passed" in result.stdout
