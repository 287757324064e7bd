"""The main window, driven as a user would: click, type, toggle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def project_path():
    from dkgis.data import DEFAULT_DATASET

    return DEFAULT_DATASET


@pytest.fixture
def window(qtbot, project_path):
    win = MainWindow(Project.load(project_path))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def widget_pos_of(window: MainWindow, facility_id: str) -> QPointF:
    """Where a facility is drawn, in the canvas viewport's pixel coordinates."""
    canvas = window.canvas
    ids, xy = window.project.facility_mercator_xy()
    x, y = xy[ids.index(facility_id)]
    scene_pt = canvas.viewbox.mapViewToScene(QPointF(x, y))
    return canvas.mapFromScene(scene_pt)


def test_click_on_a_facility_shows_its_details(qtbot, window):
    fid = "FR_205769"  # Aluminium Dunkerque: its own point, not shared
    assert not window.project.facilities[fid].colocated_with
    pos = widget_pos_of(window, fid)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.project.selection.ids == frozenset({fid})
    text = window.details_panel.text()
    assert "Aluminium Dunkerque" in text
    assert "Latest verified emissions" in text
    assert "2022" in text


def test_click_on_empty_sea_clears_the_selection(qtbot, window):
    window.project.selection.set({"FR_205769"})
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(30, 30).toPoint()
    )
    assert window.project.selection.ids == frozenset()
    assert "Click a facility" in window.details_panel.text()


def test_unticking_a_layer_hides_it_on_the_map(qtbot, window):
    row = window.layer_panel.row_for("facilities")
    assert row is not None and row.checkState() == Qt.CheckState.Checked
    row.setCheckState(Qt.CheckState.Unchecked)
    layer = window.project.layers.get("facilities")
    assert layer.visible is False
    qtbot.waitUntil(lambda: not window.canvas.layers.items["facilities"].isVisible())
    # A hidden layer cannot be clicked.
    pos = widget_pos_of(window, "FR_205769")
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.project.selection.ids == frozenset()


def test_keys_zoom_and_full_extent_restores(qtbot, window):
    canvas = window.canvas
    canvas.setFocus()
    before = canvas.extent()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    zoomed = canvas.extent()
    assert (zoomed[2] - zoomed[0]) < (before[2] - before[0]) * 0.9
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert (canvas.extent()[2] - canvas.extent()[0]) > (before[2] - before[0])
    window.zoom_full_action.trigger()
    assert window.project.view.extent == pytest.approx(canvas.extent())


def test_drag_pans_the_map(qtbot, window):
    canvas = window.canvas
    before = canvas.extent()
    viewport = canvas.viewport()
    # Start left of the centre so the drag stays inside the map whatever the dock widths.
    x0, y0 = viewport.width() // 2 - 50, viewport.height() // 2
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPointF(x0, y0).toPoint())
    for dx in range(10, 110, 10):
        qtbot.mouseMove(viewport, pos=QPointF(x0 + dx, y0).toPoint())
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPointF(x0 + 100, y0).toPoint())
    after = canvas.extent()
    assert after[0] < before[0]  # dragging right shows what lies to the west


def test_window_layout_is_restored_next_start(qtbot, project_path):
    first = MainWindow(Project.load(project_path))
    qtbot.addWidget(first)
    first.resize(700, 520)  # fits the offscreen screen (800 x 600)
    first.show()
    qtbot.waitExposed(first)
    first.details_dock.hide()
    size = (first.width(), first.height())  # the window may not shrink below its minimum
    first.close()
    second = MainWindow(Project.load(project_path))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == size
    assert second.details_dock.isHidden()


def test_opening_a_bad_dataset_shows_a_dialog_and_keeps_the_window(qtbot, window, tmp_path):
    bad = tmp_path / "broken.gpkg"
    bad.write_bytes(b"this is not a geopackage")
    assert window.open_dataset(bad) is None
    box = window.findChild(object, "datasetErrorBox")
    assert box is not None and "broken.gpkg" in box.text()
    assert "not a GeoPackage" in box.informativeText()
    assert window.isVisible() and len(window.project.facilities) > 30


def test_export_from_the_window_writes_the_current_view(qtbot, window, tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "view.png"
    assert window.export_png(out)
    image = QImage(str(out))
    canvas_size = window.canvas.viewbox.size()
    assert image.width() == round(canvas_size.width() * 2)
    assert image.height() == round(canvas_size.height() * 2)
    assert "view.png" in window.statusBar().currentMessage()


def test_details_use_grouped_numbers_and_name_the_source(qtbot, window):
    window.project.selection.set({"FR_956"})
    text = window.details_panel.text()
    assert "6,410,303 t CO₂e in 2022" in text or "6\u202f410\u202f303 t CO₂e in 2022" in text
    assert "EU Transaction Log" in text


def test_the_view_model_holds_the_extent_actually_shown(qtbot, window):
    tall = window.project.cluster_extent()
    xmin, ymin, xmax, ymax = tall
    window.project.view.set_extent((xmin, ymin, xmin + (xmax - xmin) / 10, ymax))
    assert window.project.view.extent == pytest.approx(window.canvas.extent())


# -- starting on a dataset that cannot be used --------------------------------------------------


def start_and_read_the_dialog(data) -> tuple[int, str]:
    """Start the app as ``dkgis --data FILE`` does; answer the dialog it shows.

    Returns the exit code and the text of the dialog ("" when none was shown).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from dkgis.ui.app import run_app

    seen = {"text": ""}

    def answer_dialog() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_dialog)
            return
        seen["text"] = box.text() + "\n" + box.informativeText()
        box.accept()

    QTimer.singleShot(50, answer_dialog)
    return run_app(data), seen["text"]


def _gpkg_with(tmp_path, name, sql):
    from tests.gpkg_factory import make_dataset

    return make_dataset(tmp_path / name, sql=sql)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            ["UPDATE facilities SET operator = X'C3A9FF00' WHERE fid = 2"],
            "facilities row 2 (id FR_DK6), field operator: binary data (4 bytes) where text is"
            " expected",
        ),
        (
            [
                "ALTER TABLE facilities RENAME COLUMN name TO old_name",
                "ALTER TABLE facilities ADD COLUMN name INTEGER",
                "UPDATE facilities SET name = fid",
            ],
            "facilities row 1 (id FR_AMD), field name: expected text, got the number 1",
        ),
        (
            ["UPDATE facilities SET name = CAST(X'44756E6B65727175E9' AS TEXT) WHERE fid = 3"],
            "facilities row 3 (id FR_ALD), field name: the text is not valid UTF-8",
        ),
    ],
)
def test_a_dataset_with_a_cell_of_the_wrong_type_shows_the_dataset_dialog(
    qtbot, tmp_path, capsys, sql, expected
):
    data = _gpkg_with(tmp_path, "odd.gpkg", sql)
    code, dialog = start_and_read_the_dialog(data)
    assert code == 2
    assert "odd.gpkg" in dialog and expected in dialog
    assert f"{data}: {expected}" in capsys.readouterr().err


def test_a_named_pipe_given_as_dataset_shows_the_dialog_at_once(qtbot, tmp_path):
    from tests.special_files import named_pipe

    with named_pipe(tmp_path / "pipe.gpkg") as pipe:
        code, dialog = start_and_read_the_dialog(pipe.path)
    assert not pipe.was_read
    assert code == 2 and "is a named pipe, not a GeoPackage file" in dialog


# -- File > Open Project on files that are not what they seem ------------------------------------


def test_open_project_refuses_a_named_pipe_at_once(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from tests.special_files import named_pipe

    with named_pipe(tmp_path / "pipe.dkgis.json") as pipe:
        assert window.project_files.open(pipe.path) is None
    assert not pipe.was_read
    box = window.findChild(QMessageBox, "projectFileErrorBox")
    qtbot.waitUntil(box.isVisible)
    assert "is a named pipe, not a project file" in box.informativeText()
    box.close()


def test_open_project_lists_what_the_dataset_lacks_without_blocking(qtbot, window, tmp_path):
    import json

    from PySide6.QtWidgets import QApplication, QMessageBox

    far = {"measure_id": "x_far", "facility_id": "FR_NOPE", "name": "Far away furnace"}
    path = tmp_path / "other.dkgis.json"
    project = {
        "format": "dkgis-project",
        "version": 1,
        "scenarios": [{"name": "Elsewhere", "measures": [far]}],
        "active_scenario": "Elsewhere",
        "selection": ["FR_956", "FR_GONE"],
        "year": 2030,
    }
    path.write_text(json.dumps(project), encoding="utf-8")
    assert window.project_files.open(path) is window
    box = window.findChild(QMessageBox, "projectIgnoredBox")
    qtbot.waitUntil(box.isVisible)
    assert "other.dkgis.json" in box.text()
    assert "'Far away furnace' is for the site FR_NOPE" in box.informativeText()
    assert "the site FR_GONE is not in the dataset" in box.informativeText()
    assert not box.isModal() and QApplication.activeModalWidget() is None
    # Everything else of the project is applied, and the window keeps working.
    assert window.project.scenarios.active_name == "Elsewhere"
    assert window.project.selection.ids == frozenset({"FR_956"})
    assert window.project.display.year == 2030
    box.close()


def test_starting_removes_stale_temporaries_from_the_settings_folder(qtbot, tmp_path):
    import os
    from pathlib import Path

    config = Path(os.environ["DKGIS_CONFIG_DIR"])
    stale, fresh = config / ".session.dkgis.json.k2x_9a0q.tmp", config / ".dkgis.ini.ab12cd34.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"x" * 1000)
    hour_ago = stale.stat().st_mtime - 3600
    os.utime(stale, (hour_ago, hour_ago))
    code, dialog = start_and_read_the_dialog(tmp_path / "absent.gpkg")
    assert code == 2 and "file not found" in dialog
    assert not stale.exists()
    assert fresh.exists()  # another dkgis may be writing it right now


def test_an_unforeseen_error_while_opening_still_shows_a_dialog(qtbot, monkeypatch, capsys):
    import dkgis.ui.main_window

    def broken(project):
        raise RuntimeError("window could not be built")

    monkeypatch.setattr(dkgis.ui.main_window, "MainWindow", broken)
    code, dialog = start_and_read_the_dialog(None)
    assert code == 1
    assert "unexpected error" in dialog and "RuntimeError: window could not be built" in dialog
    assert "window could not be built" in capsys.readouterr().err
