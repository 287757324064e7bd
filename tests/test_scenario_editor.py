"""The scenario editor and project files, driven on the real main window as a user would."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from dkgis.model import trajectory
from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow
from dkgis.ui.scenario_table import COLUMN_INDEX

AM = "FR_956"  # ArcelorMittal Dunkerque
EAF = "am_eaf_2026"  # its electric arc furnace: 2029, 2.4 Mt/yr estimated by dkgis


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.trajectory_dock.raise_()
    win.project.layers.get("emissions").visible = True
    return win


def radius_2030(window) -> float:
    window.project.display.year = 2030
    window.screen_frame.flush()  # what the event loop does after the model changed
    return window.canvas.layers.items["emissions"].drawn_radius(AM)


def edit_cell(qtbot, window, measure_id: str, column: str, text: str) -> None:
    """Double-click a cell of the measure table, type ``text`` and press Enter."""
    editor = window.scenario_editor
    table = editor.table
    index = editor.model.index(editor.model.row_of(measure_id), COLUMN_INDEX[column])
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    line = editors[0]
    line.selectAll()
    qtbot.keyClicks(line, text)
    shown = editor.messages_shown
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The edit is applied (or refused, with a message) once the view has committed it.
    qtbot.waitUntil(
        lambda: editor.messages_shown > shown
    )  # the edit is applied once the view has committed it


def active_curve(window):
    plot = window.trajectory_panel.site_plot
    item = plot.projections.items[0]
    x, y = item.getData()
    tonnes = np.asarray(y) * plot.unit.factor
    return item.scenario, dict(zip(np.asarray(x).tolist(), tonnes, strict=True))


def test_the_editor_is_a_dock_with_a_view_menu_toggle(window):
    assert window.scenario_dock.objectName() == "scenarioDock"
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.scenario_dock.toggleViewAction() in view.actions()
    model = window.scenario_editor.model
    assert model.scenario.name == trajectory.ANNOUNCED
    row = model.row_of(EAF)
    basis = model.index(row, COLUMN_INDEX["basis"]).data()
    assert basis == "estimated by dkgis"
    reuze = model.row_of("am_reuze_efuels")
    assert model.index(reuze, COLUMN_INDEX["basis"]).data() == "not quantified"


def test_editing_a_start_year_redraws_the_charts_and_the_2030_map(qtbot, window):
    window.project.selection.set({AM})
    before_radius = radius_2030(window)
    name, before = active_curve(window)
    assert name == trajectory.ANNOUNCED
    edit_cell(qtbot, window, EAF, "start_year", "2035")
    scenarios = window.project.scenarios
    # A preset is never changed: the edit is made in a new scenario, now active.
    assert scenarios.get(trajectory.ANNOUNCED).measure(EAF).start_year == 2029
    edited = scenarios.active
    assert edited.name == "Announced plans — edited"
    assert edited.measure(EAF).start_year == 2035
    assert "new scenario" in window.scenario_editor.message_label.text()
    assert window.project.scenarios.active_name == edited.name
    # The chart's projection moved: ArcelorMittal's part of the 2.4 Mt (shared with DK6 in
    # proportion to the baselines) more in 2030 (the EAF is not yet running).
    name, after = active_curve(window)
    assert name == edited.name
    am = trajectory.site_baseline(window.project, AM).value_t
    dk6 = trajectory.site_baseline(window.project, "FR_988").value_t
    assert after[2030] - before[2030] == pytest.approx(2.4e6 * am / (am + dk6), rel=1e-6)
    assert after[2035] == pytest.approx(before[2035])
    # The 2030 map: ArcelorMittal's circle grew, and the legend names the scenario.
    assert radius_2030(window) > before_radius
    assert window.year_slider.caption.text() == "projected · scenario Announced plans — edited"
    # A second edit changes the user's scenario itself (no other copy).
    edit_cell(qtbot, window, EAF, "ramp_years", "3")
    assert scenarios.names.count("Announced plans — edited") == 1
    assert scenarios.active.measure(EAF).ramp_years == 3


@pytest.mark.parametrize(
    ("column", "text", "words"),
    [
        ("abatement_t", "-5000", "cannot be negative"),
        ("start_year", "2003", "from 2005 to 2100"),
        ("start_year", "1990", "start year 1990 refused"),  # a year, never "1,990"
        ("start_year", "2101", "from 2005 to 2100"),
        ("ramp_years", "-1", "0 or more"),
        ("abatement_pct", "120", "from 0 to 100"),
        ("start_year", "soon", "whole number"),
    ],
)
def test_impossible_values_are_refused_with_a_message(qtbot, window, column, text, words):
    scenarios = window.project.scenarios
    before = scenarios.scenarios
    edit_cell(qtbot, window, EAF, column, text)
    message = window.scenario_editor.message_label.text()
    assert words in message and "Nothing was changed" in message
    assert "electric arc furnace".lower() in message.lower() or "EAF" in message
    assert window.statusBar().currentMessage() == message
    assert scenarios.scenarios == before  # unchanged, nothing clamped


def test_no_new_measures_says_why_its_table_is_empty(qtbot, window):
    editor = window.scenario_editor
    window.scenario_dock.raise_()
    assert not editor.empty_note.isVisible() and editor.table.isVisible()
    editor.chooser.setCurrentIndex(editor.chooser.findData(trajectory.NO_NEW_MEASURES))
    assert editor.model.rowCount() == 0
    qtbot.waitUntil(editor.empty_note.isVisible)
    assert not editor.table.isVisible()
    text = editor.empty_note.text()
    assert "No measures, on purpose" in text and "baseline" in text and "Duplicate" in text
    editor.chooser.setCurrentIndex(editor.chooser.findData(trajectory.ANNOUNCED))
    assert editor.table.isVisible() and not editor.empty_note.isVisible()


def test_typed_abatement_gets_the_user_basis(qtbot, window):
    window.scenario_editor.duplicate()
    edit_cell(qtbot, window, EAF, "abatement_t", "1000000")
    measure = window.project.scenarios.active.measure(EAF)
    assert measure.abatement_t == 1_000_000 and measure.basis == "user"
    row = window.scenario_editor.model.row_of(EAF)
    assert window.scenario_editor.model.index(row, COLUMN_INDEX["basis"]).data() == "typed by you"
    edit_cell(qtbot, window, EAF, "abatement_pct", "50")
    measure = window.project.scenarios.active.measure(EAF)
    assert measure.abatement_pct == 50 and measure.abatement_t is None


def test_unticking_a_measure_redraws_the_map(qtbot, window):
    window.scenario_editor.duplicate()
    before = radius_2030(window)
    editor = window.scenario_editor
    index = editor.model.index(editor.model.row_of(EAF), COLUMN_INDEX["enabled"])
    rect = editor.table.visualRect(index)
    # Where the check box is: at the left of the cell.
    pos = rect.center()
    pos.setX(rect.left() + 10)
    shown = editor.messages_shown
    qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: editor.messages_shown > shown)
    assert not window.project.scenarios.active.measure(EAF).enabled
    assert radius_2030(window) > before


def test_duplicate_rename_and_delete_a_scenario(qtbot, window):
    editor = window.scenario_editor
    scenarios = window.project.scenarios
    rename = window.findChild(QPushButton, "renameScenarioButton")
    delete = window.findChild(QPushButton, "deleteScenarioButton")
    assert not rename.isEnabled() and not delete.isEnabled()  # a preset
    qtbot.mouseClick(
        window.findChild(QPushButton, "duplicateScenarioButton"), Qt.MouseButton.LeftButton
    )
    assert scenarios.active_name == "Announced plans (copy)"
    assert scenarios.active.measures == scenarios.get(trajectory.ANNOUNCED).measures
    assert editor.chooser.currentText() == "Announced plans (copy)"
    assert window.trajectory_panel.toolbar.scenario.findText("Announced plans (copy)") >= 0
    assert rename.isEnabled() and delete.isEnabled()

    qtbot.mouseClick(rename, Qt.MouseButton.LeftButton)
    dialog = editor.rename_dialog_box
    qtbot.waitUntil(dialog.isVisible)
    line = dialog.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Announced plans")  # a preset's name: refused
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert "already a scenario's name" in editor.message_label.text()
    assert scenarios.active_name == "Announced plans (copy)"

    qtbot.mouseClick(rename, Qt.MouseButton.LeftButton)
    dialog = editor.rename_dialog_box
    qtbot.waitUntil(dialog.isVisible)
    line = dialog.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Steel first")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert scenarios.active_name == "Steel first"
    assert "Announced plans (copy)" not in scenarios.names
    assert window.project.scenarios.active_name == "Steel first"

    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert "Steel first" not in scenarios.names
    assert scenarios.names == trajectory.PRESET_NAMES


def test_three_years_late_moves_the_2030_map(qtbot, window):
    on_time = radius_2030(window)
    chooser = window.scenario_editor.chooser
    chooser.setCurrentIndex(chooser.findText(trajectory.ANNOUNCED_LATE))
    assert window.project.scenarios.active_name == trajectory.ANNOUNCED_LATE
    late = radius_2030(window)
    assert late > on_time
    emissions = window.canvas.layers.items["emissions"].emissions
    assert emissions.scenario == trajectory.ANNOUNCED_LATE
    # The charts follow the same switch.
    assert window.trajectory_panel.toolbar.scenario.currentText() == trajectory.ANNOUNCED_LATE
    # And an export of the window renders the same projected year.
    from dkgis import wording

    frame = window.screen_frame.frame
    assert wording.frame_caption(window.project, frame) == (
        f"CO₂ emissions 2030 · projected · scenario {trajectory.ANNOUNCED_LATE}"
    )


# -- project files --------------------------------------------------------------------------


def session(window) -> dict:
    project = window.project
    return {
        "scenarios": project.scenarios.scenarios,
        "active": project.scenarios.active_name,
        "selection": project.selection.ids,
        "year": project.display.year,
        "hidden": project.display.hidden_sectors,
        "extent": tuple(round(v) for v in window.canvas.extent()),
    }


def make_changes(qtbot, window) -> None:
    window.scenario_editor.duplicate()
    edit_cell(qtbot, window, EAF, "start_year", "2031")
    window.project.selection.set({AM, "FR_205769"})
    window.project.display.year = 2035
    window.project.display.hidden_sectors = {"chemicals"}
    window.canvas.zoom_by(0.5)


def test_save_change_and_reopen_restores_the_session(qtbot, window, tmp_path):
    make_changes(qtbot, window)
    saved = session(window)
    path = tmp_path / "my.dkgis.json"
    assert window.project_files.save_to(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [s["name"] for s in data["scenarios"]] == ["Announced plans (copy)"]
    assert data["active_scenario"] == "Announced plans (copy)" and data["year"] == 2035

    # Change everything, then open the project again.
    window.scenario_editor.delete()
    window.project.scenarios.set_active(trajectory.NO_NEW_MEASURES)
    window.project.selection.clear()
    window.project.display.year = 2010
    window.project.display.hidden_sectors = set()
    window.canvas.zoom_full()
    assert session(window) != saved
    # The edits since the save would be replaced: the window asks first.
    assert window.isWindowModified()
    assert window.project_files.open(path) is None
    prompt = window.project_files.save_prompt
    qtbot.waitUntil(prompt.isVisible)
    assert "my.dkgis.json" in prompt.text()
    qtbot.mouseClick(prompt.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    assert not window.isWindowModified()
    restored = session(window)
    assert restored["scenarios"] == saved["scenarios"]
    for key in ("active", "selection", "year", "hidden"):
        assert restored[key] == saved[key]
    np.testing.assert_allclose(restored["extent"], saved["extent"], atol=50)
    assert window.scenario_editor.chooser.currentText() == "Announced plans (copy)"
    assert window.project.scenarios.active.measure(EAF).start_year == 2031

    # Save (Ctrl+S) writes the same file again.
    window.project.display.year = 2040
    window.project_files.save_action.trigger()
    assert json.loads(path.read_text(encoding="utf-8"))["year"] == 2040


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "dkgis-project", "version": 1,\n  "year": }', "line 2, column"),
        ('{"format": "dkgis-project", "version": 7}', "newer dkgis"),
        ('{"format": "something-else", "version": 1}', "not a dkgis project"),
        (
            '{"format": "dkgis-project", "version": 1, "scenarios": [{"name": "X", "measures":'
            ' [{"measure_id": "m", "facility_id": "FR_956", "name": "m", "start_year": 1990}]}]}',
            "scenarios[0].measures[0].start_year",
        ),
        ('{"format": "dkgis-project", "version": 1, "year": 1900}', "year"),
    ],
)
def test_a_bad_project_file_changes_nothing(qtbot, window, tmp_path, content, words):
    make_changes(qtbot, window)
    before = session(window)
    path = tmp_path / "broken.dkgis.json"
    path.write_text(content, encoding="utf-8")
    assert window.project_files.open(path) is None
    box = window.findChild(QMessageBox, "projectFileErrorBox")
    qtbot.waitUntil(box.isVisible)
    assert "broken.dkgis.json" in box.text()
    assert words in box.informativeText() and str(path) in box.informativeText()
    box.close()
    assert session(window) == before


def test_a_project_whose_dataset_is_missing_says_so(qtbot, window, tmp_path):
    before = session(window)
    path = tmp_path / "p.dkgis.json"
    path.write_text(
        json.dumps({"format": "dkgis-project", "version": 1, "dataset": "gone/old.gpkg"}),
        encoding="utf-8",
    )
    assert window.project_files.open(path) is None
    box = window.findChild(QMessageBox, "projectFileErrorBox")
    qtbot.waitUntil(box.isVisible)
    assert "old.gpkg" in box.informativeText() and "missing" in box.informativeText()
    box.close()
    assert session(window) == before


def test_project_actions_are_in_the_file_menu(window):
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    names = [a.objectName() for a in file_menu.actions()]
    for name in ("openProjectAction", "saveProjectAction", "saveProjectAsAction"):
        assert name in names


def test_baseline_years_are_chosen_shown_on_the_chart_and_saved(qtbot, window, tmp_path):
    editor = window.scenario_editor
    field = editor.baseline_edit
    assert field.text() == "" and field.placeholderText().startswith("2020–2022")
    window.trajectory_dock.raise_()
    window.project.selection.set({"FR_205769"})
    panel = window.trajectory_panel
    qtbot.waitUntil(lambda: panel.data is not None)
    assert "Baseline: mean 2020–2022." in panel.note_lines()
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2019, 2021-2022")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    active = window.project.scenarios.active
    assert active.name == "Announced plans — edited"  # presets stay as published
    assert active.baseline_years == (2019, 2021, 2022)
    assert field.text() == "2019, 2021–2022"
    qtbot.waitUntil(lambda: "Baseline: mean 2019, 2021–2022." in panel.note_lines())
    verified = window.project.emissions["FR_205769"].verified()
    expected = (verified[2019] + verified[2021] + verified[2022]) / 3
    assert panel.data.projection.values[0] == pytest.approx(expected)
    # A bad text is refused and changes nothing.
    field.selectAll()
    qtbot.keyClicks(field, "two thousand")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.project.scenarios.active.baseline_years == (2019, 2021, 2022)
    assert "not a list of years" in editor.message_label.text()
    # The project file keeps the choice.
    path = tmp_path / "session.dkgis.json"
    assert window.project_files.save_to(path)
    assert json.loads(path.read_text())["scenarios"][0]["baseline_years"] == [2019, 2021, 2022]
    other = MainWindow(Project.load())
    qtbot.addWidget(other)
    assert other.project_files.open(path) is other
    assert other.project.scenarios.active.baseline_years == (2019, 2021, 2022)


def test_the_eaf_sharing_is_said_under_the_chart(qtbot, window):
    window.trajectory_dock.raise_()
    window.project.selection.set({"FR_988"})
    panel = window.trajectory_panel
    qtbot.waitUntil(lambda: panel.data is not None)
    notes = " ".join(panel.note_lines())
    assert "its abatement is shared between ArcelorMittal Dunkerque, DK6" in notes
