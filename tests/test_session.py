"""Never lose work: the "save changes?" question, the unsaved marker, and the last session
back at the next start (new windows on the same settings folder, as the app starts them)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dkgis.map.basemaps import CUSTOM, TileProvider
from dkgis.model.project import Project
from dkgis.model.scenario import ANNOUNCED, NO_NEW_MEASURES
from dkgis.ui.app import open_main_window
from dkgis.ui.main_window import MainWindow
from dkgis.ui.session import session_path

AM = "FR_956"
#: A tile service that answers nothing (no test touches the internet).
DEAD_TILES = TileProvider("local", "Local", "http://127.0.0.1:9/{z}/{x}/{y}.png", "Local tiles")


def start(qtbot) -> MainWindow:
    """Start dkgis as the ``dkgis`` command does (the last session comes back)."""
    window = open_main_window()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def answer(qtbot, window, button: QMessageBox.StandardButton) -> None:
    prompt = window.project_files.save_prompt
    qtbot.waitUntil(prompt.isVisible)
    qtbot.mouseClick(prompt.button(button), Qt.MouseButton.LeftButton)


def edit_everything(window) -> None:
    """Edits a user makes in a session: a scenario, layers, sectors, year, selection, view."""
    project = window.project
    editor = window.scenario_editor
    editor.duplicate()
    mine = project.scenarios.active
    first = mine.measures[0]
    project.scenarios.replace(mine.name, mine.edited(first.measure_id, start_year=2033))
    land = project.layers.get("land")
    land.opacity = 0.4
    project.layers.get("communes").visible = False
    project.layers.move(project.layers.names.index("coastline"), 0)
    project.display.hidden_sectors = {"chemicals", "steel"}
    project.display.year = 2036
    project.selection.set({AM, "FR_205769"})
    window.canvas.zoom_by(0.5)
    window.basemap_menu.choose(CUSTOM, DEAD_TILES)


def view_of(window) -> dict:
    project = window.project
    return {
        "scenarios": project.scenarios.scenarios,
        "active": project.scenarios.active_name,
        "layers": [(x.name, x.visible, x.opacity) for x in project.layers],
        "hidden": project.display.hidden_sectors,
        "year": project.display.year,
        "selection": project.selection.ids,
        "basemap": window.canvas.basemap.choice,
    }


def test_the_title_marks_unsaved_edits_and_undo_to_the_save_clears_it(qtbot):
    window = start(qtbot)
    assert window.windowTitle().endswith("[*]") and not window.isWindowModified()
    window.project.display.set_sector_visible("steel", False)
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert not window.isWindowModified()


def test_cancel_keeps_the_window_open_and_its_edits(qtbot):
    window = start(qtbot)
    window.project.layers.get("communes").visible = False
    assert not window.close()  # the question is asked; nothing closes yet
    prompt = window.project_files.save_prompt
    assert prompt.objectName() == "savePrompt" and "project file" in prompt.text()
    answer(qtbot, window, QMessageBox.StandardButton.Cancel)
    assert window.isVisible() and window.isWindowModified()
    assert window.project.layers.get("communes").visible is False


def test_save_writes_the_project_file_then_closes(qtbot, tmp_path):
    window = start(qtbot)
    path = tmp_path / "plan.dkgis.json"
    window.project_files.path = path  # as after File > Save Project As…
    path.write_text("previous", encoding="utf-8")
    window.project.scenarios.set_active(NO_NEW_MEASURES)
    window.close()
    answer(qtbot, window, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not window.isVisible())
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["active_scenario"] == NO_NEW_MEASURES
    assert [p.name for p in tmp_path.iterdir()] == ["plan.dkgis.json"]  # no temporary left


def test_a_save_that_fails_keeps_the_window_open(qtbot, tmp_path):
    window = start(qtbot)
    window.project_files.path = tmp_path / "missing-folder" / "plan.dkgis.json"
    window.project.scenarios.set_active(NO_NEW_MEASURES)
    window.close()
    answer(qtbot, window, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: window.project_files.error_box.isVisible())
    assert window.isVisible() and window.isWindowModified()
    window.project_files.error_box.close()


def test_the_last_session_comes_back_at_the_next_start(qtbot):
    window = start(qtbot)
    edit_everything(window)
    before = view_of(window)
    extent = window.canvas.extent()
    window.close()
    answer(qtbot, window, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert session_path().is_file()

    again = start(qtbot)
    assert view_of(again) == before
    assert again.project.scenarios.active.measures[0].start_year == 2033
    np.testing.assert_allclose(again.canvas.extent(), extent, rtol=0, atol=400)
    assert again.scenario_editor.chooser.currentText() == before["active"]
    assert again.layer_panel.row_for("communes").checkState() == Qt.CheckState.Unchecked
    assert not again.isWindowModified() and not again.undo_action.isEnabled()
    again.close()


def test_the_first_session_is_saved_before_the_settings_folder_exists(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_CONFIG_DIR", str(tmp_path / "new" / "dkgis"))
    window = start(qtbot)
    window.project.display.year = 2015
    window.close()
    assert session_path().is_file()
    assert start(qtbot).project.display.year == 2015


def test_the_project_file_that_was_open_comes_back_as_saved(qtbot, tmp_path):
    window = start(qtbot)
    path = tmp_path / "saved.dkgis.json"
    window.project.display.year = 2031
    window.project.scenarios.set_active(NO_NEW_MEASURES)
    assert window.project_files.save_to(path)
    assert window.windowTitle().startswith("dkgis — saved.dkgis.json")
    window.project.scenarios.set_active(ANNOUNCED)  # not saved: "Don't save"
    window.close()
    answer(qtbot, window, QMessageBox.StandardButton.Discard)

    again = start(qtbot)
    assert again.project_files.path == path
    assert again.project.scenarios.active_name == NO_NEW_MEASURES
    assert again.project.display.year == 2031
    assert "saved.dkgis.json" in again.windowTitle()
    again.close()


@pytest.mark.parametrize(
    "content",
    [
        "{ not json",
        '{"format": "dkgis-project", "version": 1, "active_scenario": "Gone"}',
        '{"format": "dkgis-project", "version": 1, "layers": [{"name": "land"}]}',
        "\x00\x01binary",
    ],
)
def test_a_damaged_session_is_ignored_with_one_note(qtbot, content):
    session_path().parent.mkdir(parents=True, exist_ok=True)
    session_path().write_text(content, encoding="utf-8")
    window = start(qtbot)
    note = window.statusBar().currentMessage()
    assert "last session could not be restored" in note
    assert window.project.layers.get("emissions").visible  # as at the first start
    assert window.project.scenarios.active_name == ANNOUNCED
    assert not window.isWindowModified()


def test_a_session_of_another_dataset_is_ignored(qtbot, tmp_path):
    session_path().parent.mkdir(parents=True, exist_ok=True)
    state = {"format": "dkgis-project", "version": 1, "dataset": str(tmp_path / "gone.gpkg")}
    session_path().write_text(json.dumps(state), encoding="utf-8")
    window = start(qtbot)
    assert window.project.path == Project.load().path
    assert window.project.layers.get("emissions").visible


def test_first_start_shows_the_emissions_the_year_slider_changes(qtbot):
    window = start(qtbot)
    assert not session_path().exists()
    emissions = window.project.layers.get("emissions")
    assert emissions.visible
    assert window.layer_panel.row_for("emissions").checkState() == Qt.CheckState.Checked
    item = window.canvas.layers.items["emissions"]
    qtbot.waitUntil(item.isVisible)
    assert window.project.display.year == 2022
    qtbot.waitUntil(lambda: item.drawn_radius(AM) > 0)
    radius_2022 = item.drawn_radius(AM)
    window.year_slider.slider.setValue(2010)  # as a drag of the slider does
    qtbot.waitUntil(lambda: item.drawn_radius(AM) not in (0, radius_2022))
    assert not window.isWindowModified()


def test_moving_the_slider_with_the_emissions_hidden_says_where_they_are(qtbot):
    window = start(qtbot)
    window.project.layers.get("emissions").visible = False
    window.year_slider.slider.setValue(2012)  # as a drag of the slider does
    note = window.statusBar().currentMessage()
    assert "“CO2 emissions” is hidden" in note and "2012" in note
    window.project.layers.get("emissions").visible = True
    window.statusBar().clearMessage()
    window.year_slider.slider.setValue(2013)
    assert window.statusBar().currentMessage() == ""
    window.mark_saved()
