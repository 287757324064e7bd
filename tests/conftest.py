"""Test set-up: Qt offscreen, and a fresh settings folder for every test."""

from __future__ import annotations

import os
import sys

import pytest

# Before any QApplication exists: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests written against the English source texts run in English whatever the machine's
# locale; the tests of the French interface choose French themselves.
os.environ["DKGIS_LANG"] = "en"


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real settings."""
    monkeypatch.setenv("DKGIS_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _fresh_user_data(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real copy of the data (imports)."""
    monkeypatch.setenv("DKGIS_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real tile cache."""
    monkeypatch.setenv("DKGIS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _no_window_left_behind_a_save_question(request, _fresh_settings):
    """A window closed at the end of a test with edits unsaved asks "save changes?" and
    stays open: it would lie over the windows of the next tests. Tests of the question
    answer it themselves; here the windows left are closed without it."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        main = widget.objectName() == "mainWindow"  # the class itself may be patched by a test
        if main and widget.isVisible() and widget.isWindowModified():
            prompt = widget.project_files.save_prompt
            if prompt is not None:
                prompt.close()
            widget.mark_saved()
            widget.close()


@pytest.fixture(autouse=True)
def _written_svg_files_are_well_formed(request):
    """Every SVG file a test writes in its ``tmp_path`` must parse as XML."""
    yield
    folder = request.node.funcargs.get("tmp_path") if hasattr(request.node, "funcargs") else None
    if folder is None:
        return
    from xml_check import parse_svg

    for svg in sorted(folder.rglob("*.svg")):
        parse_svg(svg)


@pytest.fixture(autouse=True)
def _empty_clipboard():
    """Each test leaves the clipboard empty.

    Under the offscreen platform Qt keeps the clipboard's data in a C++ global that is
    destroyed by the C library's exit handlers, after Python has gone: a QMimeData made
    in Python (a copied snapshot) left there crashes the interpreter's exit (signal 11
    in shiboken's destructor of its wrapper). Emptying the clipboard deletes it while
    Python runs.
    """
    yield
    gui = sys.modules.get("PySide6.QtGui")
    if gui is not None and isinstance(gui.QGuiApplication.instance(), gui.QGuiApplication):
        gui.QGuiApplication.clipboard().clear()


# -- PostgreSQL + PostGIS --------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _no_user_database_settings(tmp_path_factory, monkeypatch):
    """No test reads the user's password file, service file or libpq settings."""
    folder = tmp_path_factory.mktemp("libpq")
    monkeypatch.setenv("PGPASSFILE", str(folder / "pgpass"))
    monkeypatch.setenv("PGSERVICEFILE", str(folder / "pg_service.conf"))
    monkeypatch.setenv("PGSYSCONFDIR", str(folder))
    for name in (
        "PGHOST",
        "PGHOSTADDR",
        "PGPORT",
        "PGUSER",
        "PGPASSWORD",
        "PGDATABASE",
        "PGSERVICE",
        "PGSSLMODE",
        "PGOPTIONS",
        "PGAPPNAME",
        "PGCONNECT_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostGIS cluster on 127.0.0.1 (tests/pg_server.py); skipped, saying why,
    where PostgreSQL or PostGIS is not installed (failed instead under CI)."""
    from tests.pg_server import missing_reason, start_server, unavailable

    reason = missing_reason()
    if reason is not None:
        unavailable(f"PostGIS tests need a local PostgreSQL with PostGIS: {reason}")
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def pg_db(pg_server):
    """A new database of the test cluster, set up as docs/postgis.md says."""
    return pg_server.new_database()


@pytest.fixture
def user_layers_window(qtbot):
    """The main window on the embedded dataset, 1200 x 800, shown; the loads of user layers
    still running are stopped when the test ends."""
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.user_layers.shutdown()
