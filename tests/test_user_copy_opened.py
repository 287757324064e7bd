"""After an import, the app and ``dkgis export`` open the user's copy of the data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from gpkg_factory import run_sql

from dkgis.data import DEFAULT_DATASET
from dkgis.data.user_data import dataset_to_open, user_dataset_path


def test_without_a_copy_the_embedded_data_is_opened():
    assert not user_dataset_path().exists()
    assert dataset_to_open(None) is None
    assert dataset_to_open("other.gpkg") == "other.gpkg"


def test_the_users_copy_is_opened_by_the_app_and_the_export(tmp_path):
    copy = user_dataset_path()
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_DATASET, copy)
    run_sql(copy, ["UPDATE facilities SET name = 'Copie utilisateur' WHERE id = 'FR_956'"])
    assert dataset_to_open(None) == copy
    out = tmp_path / "map.html"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "dkgis", "export", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Copie utilisateur" in page
    # --data still wins
    result = subprocess.run(
        [sys.executable, "-m", "dkgis", "export", str(out), "--data", str(DEFAULT_DATASET)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Copie utilisateur" not in out.read_text(encoding="utf-8")


def test_the_app_starts_on_the_users_copy(qapp, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from dkgis.ui.app import run_app
    from dkgis.ui.main_window import MainWindow

    copy = user_dataset_path()
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_DATASET, copy)
    before = set(QApplication.topLevelWidgets())
    # The event loop is the test's: run_app returns at once instead of running its own.
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)
    assert run_app(None) == 0
    windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w not in before
    ]
    assert [w.project.path for w in windows] == [copy]
    for window in windows:
        window.close()
        window.deleteLater()
