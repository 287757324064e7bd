"""The shared PostGIS database in the main window, as a user would use it, against a real
server (tests/pg_server.py): File > Open Database…, the same map as the GeoPackage,
recent connections without passwords, shared scenarios and projects with their
conflicts, a read-only viewer, an import into the database, a table read by view."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from dkgis.cli.main import main
from dkgis.io.postgis import Dsn
from dkgis.model.project import Project
from dkgis.ui import db_actions
from dkgis.ui.main_window import MainWindow
from tests.pg_server import make_parcels


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].copy()


def show(qtbot, project: Project) -> MainWindow:
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_new_window(qtbot, before: list) -> MainWindow:
    """The window that File > Open Database… opened after ``before`` (a copy of the list)."""
    qtbot.waitUntil(
        lambda: bool(db_actions._OPENED) and db_actions._OPENED[-1] not in before, timeout=20000
    )
    window = db_actions._OPENED[-1]
    qtbot.addWidget(window)
    return window


def wait_idle(qtbot, window: MainWindow, timeout: int = 20000) -> None:
    qtbot.waitUntil(lambda: not window.database.busy, timeout=timeout)


@pytest.fixture
def reference_gpkg(tmp_path):
    from tests.gpkg_factory import make_dataset

    return make_dataset(tmp_path / "reference.gpkg")


@pytest.fixture
def shared(pg_server, pg_db, reference_gpkg):
    """A database holding the small test dataset; ``shared(user)`` is a Dsn for ``user``."""
    assert (
        main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db), str(reference_gpkg)]) == 0
    )
    return lambda user: Dsn(pg_server.dsn(user, pg_db))


def fill_connection(dialog, pg_server, dbname: str, user: str, password: str) -> None:
    dialog.recent.setCurrentIndex(0)
    dialog.host.setText(pg_server.host)
    dialog.port.setValue(pg_server.port)
    dialog.database.setText(dbname)
    dialog.user.setText(user)
    dialog.password.setText(password)


def test_open_database_shows_the_same_map_as_the_geopackage(
    qtbot, pg_server, pg_db, shared, reference_gpkg, tmp_path
):
    from tests.snapshot_reference import REFERENCE, render_reference

    window = show(qtbot, Project.load(reference_gpkg))
    window.database.open_action.trigger()
    dialog = window.database.dialog
    assert dialog.objectName() == "databaseDialog" and dialog.isVisible()
    fill_connection(dialog, pg_server, pg_db, "bob", pg_server.passwords["bob"])
    before = list(db_actions._OPENED)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    db_window = wait_new_window(qtbot, before)
    label = f"PostgreSQL database {pg_db} on 127.0.0.1:{pg_server.port}"
    assert db_window.windowTitle() == f"dkgis — {label}[*]"  # [*]: the unsaved marker
    assert db_window.project.database == shared("bob")
    assert db_window.statusBar().currentMessage() == f"4 facilities loaded from {label}"
    assert not isValid(dialog) or not dialog.isVisible()  # closed (and deleted)

    # The same map: one spec rendered from the file and from the database.
    from_file = render_reference(window.project)
    from_database = render_reference(db_window.project)
    from_database.save(str(tmp_path / "from_database.png"))
    assert np.array_equal(pixels(from_file), pixels(from_database))
    reference = pixels(QImage(str(REFERENCE))).astype(int)
    diff = np.abs(pixels(from_database).astype(int) - reference)
    assert diff.mean() < 0.3 and (diff > 60).mean() < 0.002

    # The connection is remembered, its password is not.
    from dkgis.ui.db_dialog import RECENT_KEY, ConnectionDialog, recent_connections
    from dkgis.ui.settings import app_settings

    assert recent_connections() == [
        {"host": "127.0.0.1", "port": str(pg_server.port), "dbname": pg_db, "user": "bob"}
    ]
    settings_text = Path(app_settings().fileName()).read_text()
    assert RECENT_KEY.split("/")[1] in settings_text
    assert pg_server.passwords["bob"] not in settings_text
    again = ConnectionDialog(Project.load, window)
    qtbot.addWidget(again)
    assert again.recent.count() == 2 and again.recent.currentIndex() == 1
    assert (again.host.text(), again.database.text(), again.user.text()) == (
        "127.0.0.1",
        pg_db,
        "bob",
    )
    assert again.password.text() == ""


def test_a_wrong_password_is_said_in_the_dialog_and_the_app_stays_usable(
    qtbot, pg_server, shared, reference_gpkg
):
    window = show(qtbot, Project.load(reference_gpkg))
    dialog = window.database.open_database()
    wrong = "Wr0ng-Passw0rd-42"
    fill_connection(dialog, pg_server, shared("alice").database_name, "alice", wrong)
    before = list(db_actions._OPENED)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20000)
    text = dialog.status.text()
    assert text == "The server refused the user name or password (user alice)"
    assert wrong not in text
    assert dialog.isVisible() and dialog.password.hasFocus()
    assert before == db_actions._OPENED
    # Typing the right one opens the database.
    dialog.password.setText(pg_server.passwords["alice"])
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert wait_new_window(qtbot, before).project.database == Dsn(
        pg_server.dsn("alice", shared("alice").database_name)
    )
    assert window.isVisible() and window.project.database is None


def test_a_server_that_is_down_is_said_in_the_dialog(qtbot, reference_gpkg):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window = show(qtbot, Project.load(reference_gpkg))
    dialog = window.database.open_database()
    dialog.recent.setCurrentIndex(0)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(port)
    dialog.database.setText("climat")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20000)
    assert dialog.status.text().startswith(f"No database server answers at 127.0.0.1:{port}")


def test_a_read_only_viewer_is_told_when_sharing(qtbot, shared):
    window = show(qtbot, Project.load(shared("bob")))
    scenarios = window.project.scenarios
    scenarios.add(scenarios.active.renamed("Port 2030"))
    assert window.database.share_scenario_action.isEnabled()
    window.database.share_scenario_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "databaseErrorBox") is not None)
    box = window.findChild(QMessageBox, "databaseErrorBox")
    assert box.windowTitle() == "Database Problem"
    assert "User bob may not change the data of this database" in box.informativeText()
    assert "Nothing was written" in box.informativeText()


def test_two_users_sharing_the_same_scenario_get_a_conflict(qtbot, shared):
    from dkgis.io.postgis.shared import load_scenario

    alice = show(qtbot, Project.load(shared("alice")))
    carol = show(qtbot, Project.load(shared("carol")))
    for window, delay in ((alice, 2), (carol, 4)):
        scenarios = window.project.scenarios
        scenarios.add(scenarios.get("Announced plans").renamed("Port 2030").delayed(delay))
    alice.database.share_scenario_action.trigger()
    wait_idle(qtbot, alice)
    assert "Scenario “Port 2030” shared (version 1)" in alice.statusBar().currentMessage()
    # carol shares hers under the same name: refused, alice's is kept.
    carol.database.share_scenario_action.trigger()
    qtbot.waitUntil(lambda: carol.findChild(QMessageBox, "databaseErrorBox") is not None)
    box = carol.findChild(QMessageBox, "databaseErrorBox")
    assert box.windowTitle() == "Saved by Someone Else"
    assert "The scenario “Port 2030” is already in the database, saved by alice on" in (
        box.informativeText()
    )
    box.close()
    stored, item = load_scenario(shared("bob"), "Port 2030")
    assert item.version == 1 and stored == alice.project.scenarios.get("Port 2030")
    # carol opens the shared one, alice changes hers meanwhile: carol's save is refused.
    carol.database.open_scenario("Port 2030")
    wait_idle(qtbot, carol)
    assert carol.project.scenarios.get("Port 2030") == stored
    assert carol.project.scenarios.active_name == "Port 2030"
    alice_scenarios = alice.project.scenarios
    alice_scenarios.replace("Port 2030", stored.delayed(1))
    alice.database.share_scenario_action.trigger()
    wait_idle(qtbot, alice)
    carol.project.scenarios.replace("Port 2030", stored.delayed(6))
    carol.database.share_scenario_action.trigger()
    qtbot.waitUntil(
        lambda: "since you opened it" in getattr(carol.database.dialog, "informativeText", str)()
    )
    assert "was saved in the database by alice on" in carol.database.dialog.informativeText()
    stored, item = load_scenario(shared("bob"), "Port 2030")
    assert (
        item.version == 2
        and stored == stored.delayed(0)
        and stored == alice_scenarios.get("Port 2030")
    )


def test_a_project_saved_to_the_database_opens_in_another_window(qtbot, shared):
    alice = show(qtbot, Project.load(shared("alice")))
    project = alice.project
    project.scenarios.add(project.scenarios.get("Announced plans").renamed("Copil").delayed(3))
    project.display.year = 2035
    project.selection.set({"FR_AMD"})
    extent = (230000.0, 6620000.0, 250000.0, 6632000.0)
    alice.canvas.set_extent(extent)
    dialog = alice.database.save_project_dialog()
    dialog.setTextValue("Comité de pilotage")
    dialog.accept()
    wait_idle(qtbot, alice)
    assert "saved to the database (version 1)" in alice.statusBar().currentMessage()

    bob = show(qtbot, Project.load(shared("bob")))
    bob.database.open_project_dialog()
    qtbot.waitUntil(lambda: getattr(bob.database.dialog, "chosen", None) is not None)
    chooser = bob.database.dialog
    assert chooser.chosen() == "Comité de pilotage"
    assert chooser.tree.topLevelItem(0).text(1) == "alice"
    chooser.accept()
    wait_idle(qtbot, bob)
    assert bob.project.display.year == 2035
    assert bob.project.selection.ids == frozenset({"FR_AMD"})
    assert bob.project.scenarios.active_name == "Copil"
    assert bob.project.scenarios.get("Copil") == project.scenarios.get("Copil")
    shown = bob.canvas.extent()
    assert shown[0] <= extent[0] + 1 and shown[2] >= extent[2] - 1
    assert "opened (saved by alice on" in bob.statusBar().currentMessage()


def test_a_local_project_file_of_a_database_keeps_no_password(qtbot, shared, tmp_path):
    window = show(qtbot, Project.load(shared("alice")))
    path = tmp_path / "session.dkgis.json"
    assert window.project_files.save_to(path)
    text = path.read_text()
    assert "alice" in text and shared("alice").params()["password"] not in text
    other = window.project_files.open(path)
    box = getattr(window.project_files, "error_box", None)
    assert box is None, box.informativeText()
    assert other is window  # the same database: opened in place


def test_an_import_from_a_database_window_goes_into_the_database(qtbot, pg_server, pg_db, tmp_path):
    from tests.release_fixtures import compliance_row, euets_info_zip

    assert main(["db", "push", "--db", pg_server.dsn("dkgis_admin", pg_db)]) == 0
    window = show(qtbot, Project.load(Dsn(pg_server.dsn("alice", pg_db))))
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    dialog = window.start_import([release])
    qtbot.waitUntil(lambda: dialog.plan is not None or dialog.error is not None, timeout=30000)
    assert dialog.error is None
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(window, "replaced_by"), timeout=30000)
    new = window.replaced_by
    qtbot.addWidget(new)
    assert new.project.database == window.project.database
    assert new.project.emissions["FR_956"].value(2023, "verified") == 7_120_000.0
    with pg_server.admin(pg_db) as con:
        assert con.execute("SELECT revision FROM dkgis.dkgis_dataset").fetchone() == (2,)


def test_a_database_table_is_read_for_the_visible_area(qtbot, pg_server, pg_db, shared, tmp_path):
    from dkgis.io.postgis.layers import lonlat_box
    from dkgis.map.render import render_image
    from dkgis.model.db_layer import DatabaseLayer
    from dkgis.model.frame import frame_of
    from dkgis.model.snapshot import SnapshotSpec

    make_parcels(pg_server, pg_db)
    window = show(qtbot, Project.load(shared("bob")))
    window.database.add_layer_action.trigger()
    qtbot.waitUntil(lambda: getattr(window.database.dialog, "list", None) is not None)
    chooser = window.database.dialog
    assert chooser.list.count() == 1
    assert chooser.list.item(0).text().startswith("urba.parcels — points — EPSG:2154")
    chooser.accept()
    qtbot.waitUntil(lambda: any(isinstance(x, DatabaseLayer) for x in window.project.layers))
    layer = next(x for x in window.project.layers if isinstance(x, DatabaseLayer))
    wait_idle(qtbot, window)
    assert layer.extent == window.project.view.extent
    first = len(layer.data)
    assert 0 < first <= 20000
    reads = window.database.reader.reads

    def inside(box) -> bool:
        """Whether every feature read lies in ``box``, widened by 2 %: the bounding box of
        the view in Lambert-93 is a little wider than the view (grid convergence)."""
        x, y = shapely.get_x(layer.data.geometry), shapely.get_y(layer.data.geometry)
        dx, dy = (box[2] - box[0]) * 0.02, (box[3] - box[1]) * 0.02
        return bool(
            (
                (x >= box[0] - dx) & (x <= box[2] + dx) & (y >= box[1] - dy) & (y <= box[3] + dy)
            ).all()
        )

    assert inside(lonlat_box(layer.extent))
    # Zoom in: the table is read again for the smaller area, off the GUI thread.
    from dkgis.model.crs import lonlat_to_mercator

    x0, y0 = lonlat_to_mercator(2.15, 50.96)
    x1, y1 = lonlat_to_mercator(2.20, 50.99)
    window.canvas.set_extent((x0, y0, x1, y1))
    qtbot.waitUntil(lambda: layer.extent == window.project.view.extent, timeout=20000)
    wait_idle(qtbot, window)
    assert window.database.reader.reads == reads + 1  # the burst of view changes: one read
    assert 0 < len(layer.data) < first
    assert inside(lonlat_box(layer.extent))
    item = window.canvas.layers.items[layer.name]
    assert item.boundingRect().width() > 0
    frame = frame_of(window.project, layers=(layer.name,), extent=layer.extent)
    image = render_image(window.project, SnapshotSpec(frame=frame, width=600, height=400, dpi=96))
    image.save(str(tmp_path / "parcels.png"))
    colour = np.array([int(layer.style.colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=int)
    rgb = pixels(image).reshape(image.height(), image.width(), 4)[..., :3].astype(int)
    assert (np.abs(rgb - colour).sum(axis=2) < 40).mean() > 0.01  # the markers are drawn

    # The connection breaks: said once in the status bar; the next view reads again.
    pg_server.terminate(pg_db)
    window.canvas.zoom_by(0.9)
    qtbot.waitUntil(
        lambda: "could not be read" in window.statusBar().currentMessage(), timeout=20000
    )
    assert "the connection to the server was lost" in window.statusBar().currentMessage()
    wait_idle(qtbot, window)
    window.canvas.zoom_by(0.9)
    qtbot.waitUntil(lambda: layer.extent == window.project.view.extent, timeout=20000)
    wait_idle(qtbot, window)
    assert len(layer.data) > 0


#: The app started on a database whose server wants a password (in its own process: the
#: app's event loop leaves the test process's Qt state unusable for the following tests).
#: The password reaches the script through the environment, never its command line.
_PASSWORD_SCRIPT = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dkgis.ui.app import create_application, run_app
from dkgis.ui.db_dialog import ConnectionDialog
from dkgis.ui.main_window import MainWindow

app = create_application()
seen = {}

def step():
    for w in app.topLevelWidgets():
        if isinstance(w, ConnectionDialog) and w.isVisible() and "problem" not in seen:
            seen["problem"] = w.status.text()
            print("user:", w.user.text())
            print("problem:", seen["problem"])
            w.password.setText(os.environ["TYPED_PASSWORD"])
            w.connect_button.click()
        if isinstance(w, MainWindow) and w.isVisible():
            print("title:", w.windowTitle())
            w.close()
            app.exit(0)
            return
    QTimer.singleShot(50, step)

QTimer.singleShot(50, step)
QTimer.singleShot(30000, lambda: app.exit(3))
sys.exit(run_app(sys.argv[1], "en"))
"""


def test_dkgis_data_on_a_database_that_wants_a_password_asks_for_it(pg_server, shared, tmp_path):
    import os
    import subprocess
    import sys

    dsn = pg_server.dsn("bob", shared("bob").database_name, password=None)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TYPED_PASSWORD": pg_server.passwords["bob"],
    }
    result = subprocess.run(
        [sys.executable, "-c", _PASSWORD_SCRIPT, dsn],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert "user: bob" in lines
    assert "problem: The server asks for a password: type it, or put it in your password file" in (
        result.stdout
    )
    assert any(line.startswith("title: dkgis — PostgreSQL database dkgis_test_") for line in lines)
    assert "the server asks for a password" in result.stderr
    assert pg_server.passwords["bob"] not in result.stdout + result.stderr


def test_the_database_dialogs_and_messages_speak_french(qtbot, qapp):
    from dkgis.io.postgis import DatabaseError
    from dkgis.ui.db_dialog import ConnectionDialog, error_text
    from dkgis.ui.language import apply_language

    apply_language(qapp, "fr")
    try:
        window = show(qtbot, Project.load())
        assert window.database.open_action.text() == "Ouvrir une &base de données…"
        assert window.database.menu.title() == "Base de données pa&rtagée"
        dialog = ConnectionDialog(lambda dsn: None, window)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Ouvrir une base de données"
        assert dialog.connect_button.text() == "Se connecter"
        assert Dsn("service=climat").label == "Service PostgreSQL climat"
        with pytest.raises(DatabaseError) as caught:
            Dsn("host=sig port")
        assert caught.value.where == "la connexion à la base de données"
        assert error_text(caught.value).startswith(
            "Connexion PostgreSQL non valide (écrivez postgresql://utilisateur@serveur/base,"
        )
    finally:
        apply_language(qapp, "en")
