"""Edit > Undo and Redo on the real main window: edit, Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from dkgis.model.project import Project
from dkgis.model.scenario import ANNOUNCED, NO_NEW_MEASURES
from dkgis.ui.main_window import MainWindow
from dkgis.ui.scenario_table import COLUMN_INDEX

EAF = "am_eaf_2026"  # ArcelorMittal's electric arc furnace, 2029 in "Announced plans"


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.canvas.setFocus()
    yield win
    win.mark_saved()  # no question when the test closes the window


def press(qtbot, window, keys: str) -> None:
    """Press a shortcut as the user does, in the focused widget of the window."""
    QApplication.processEvents()
    target = QApplication.focusWidget() or window
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(target, sequence.key(), sequence.keyboardModifiers())


def edit_menu_texts(window) -> list[str]:
    return [a.text() for a in window.edit_menu.actions() if not a.isSeparator()]


def test_undo_and_redo_are_in_the_edit_menu_with_their_shortcuts(window):
    assert window.undo_action in window.edit_menu.actions()
    assert window.redo_action in window.edit_menu.actions()
    assert QKeySequence("Ctrl+Z") in window.undo_action.shortcuts()
    assert {QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")} <= set(
        window.redo_action.shortcuts()
    )
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert window.edit_menu.actions().index(window.preferences_action) > 1


def test_ticking_a_layer_off_then_ctrl_z_and_ctrl_shift_z(qtbot, window):
    row = window.layer_panel.row_for("communes")
    row.setCheckState(Qt.CheckState.Unchecked)
    layer = window.project.layers.get("communes")
    assert layer.visible is False
    assert window.undo_action.text() == "&Undo Hide Layer “Communes”"
    assert window.isWindowModified()
    press(qtbot, window, "Ctrl+Z")
    assert layer.visible is True
    assert window.layer_panel.row_for("communes").checkState() == Qt.CheckState.Checked
    qtbot.waitUntil(window.canvas.layers.items["communes"].isVisible)  # one redraw per burst
    assert not window.isWindowModified()  # back to the state of the start
    press(qtbot, window, "Ctrl+Shift+Z")
    assert layer.visible is False
    assert window.layer_panel.row_for("communes").checkState() == Qt.CheckState.Unchecked
    press(qtbot, window, "Ctrl+Z")
    press(qtbot, window, "Ctrl+Y")
    assert layer.visible is False


def test_one_drag_of_the_opacity_slider_is_one_undo(qtbot, window):
    panel = window.layer_panel
    panel.list.setCurrentItem(panel.row_for("land"))
    for value in (90, 70, 50, 40):
        panel.opacity_slider.setValue(value)
    land = window.project.layers.get("land")
    assert land.opacity == pytest.approx(0.4)
    assert window.undo_history.stack.count() == 1
    window.undo_action.trigger()
    assert land.opacity == 1.0
    assert panel.opacity_slider.value() == 100


def test_a_moved_layer_goes_back_with_undo(qtbot, window):
    names = window.project.layers.names
    window.layer_panel._on_layer_dropped("land", 0)  # the drop of the "land" row on top
    assert window.project.layers.names[-1] == "land"
    window.undo_action.trigger()
    assert window.project.layers.names == names
    assert window.layer_panel.list.item(window.layer_panel.list.count() - 1).text() == "Land"


def test_the_sector_filter_of_the_legend_is_undone(qtbot, window):
    legend = window.legend_panel
    legend.row_for("steel").setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(legend.hide_all_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "&Undo Hide Sectors"
    window.undo_action.trigger()
    assert window.project.display.hidden_sectors == {"steel"}
    window.undo_action.trigger()
    assert window.project.display.hidden_sectors == frozenset()
    assert legend.row_for("steel").checkState() == Qt.CheckState.Checked
    window.redo_action.trigger()
    assert window.project.display.hidden_sectors == {"steel"}


def test_scenario_edits_in_the_editor_are_undone_one_by_one(qtbot, window):
    editor = window.scenario_editor
    scenarios = window.project.scenarios
    window.scenario_dock.raise_()
    # Untick a measure of the preset: an edited copy is made and chosen.
    model = editor.model
    index = model.index(model.row_of(EAF), COLUMN_INDEX["enabled"])
    model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: scenarios.active_name != ANNOUNCED)
    copy = scenarios.active_name
    assert scenarios.active.measure(EAF).enabled is False
    # Rename the copy, then choose another scenario in the chooser.
    dialog = editor.rename_dialog()
    line = dialog.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Late steel")
    dialog.accept()
    assert "Late steel" in scenarios.names
    editor.chooser.setCurrentIndex(editor.chooser.findData(NO_NEW_MEASURES))
    assert scenarios.active_name == NO_NEW_MEASURES
    assert window.undo_action.text() == "&Undo Choose Scenario “No new measures”"

    window.undo_action.trigger()
    assert scenarios.active_name == "Late steel"
    assert editor.chooser.currentText() == "Late steel"
    window.undo_action.trigger()
    assert scenarios.active_name == copy and "Late steel" not in scenarios.names
    window.undo_action.trigger()
    assert scenarios.names == (ANNOUNCED, "Announced plans, 3 years late", NO_NEW_MEASURES)
    assert scenarios.active_name == ANNOUNCED
    assert model.scenario.measure(EAF).enabled is True
    window.redo_action.trigger()
    assert scenarios.active.measure(EAF).enabled is False
    assert editor.model.scenario.measure(EAF).enabled is False


def test_deleting_a_scenario_is_undone_with_its_measures(qtbot, window):
    editor = window.scenario_editor
    scenarios = window.project.scenarios
    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    mine = scenarios.active
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert mine.name not in scenarios.names
    window.undo_action.trigger()
    assert scenarios.get(mine.name) == mine and scenarios.active_name == mine.name


def test_an_added_user_layer_is_removed_by_undo_and_comes_back_with_redo(qtbot, window):
    from dkgis.model.user_layer import UserLayer

    data = window.project.layers.get("facilities").data
    layer = UserLayer("mine", "My sites", data)
    window.user_layers.add_layer(layer)
    assert window.layer_panel.row_for("mine") is not None
    assert window.undo_action.text() == "&Undo Add Layer “My sites”"
    window.undo_action.trigger()
    assert "mine" not in window.project.layers.names
    assert window.layer_panel.row_for("mine") is None
    assert "mine" not in window.canvas.layers.items
    window.redo_action.trigger()
    assert window.project.layers.get("mine") is layer
    qtbot.waitUntil(lambda: window.canvas.layers.items["mine"].isVisible())
    window.user_layers.remove_layer(layer)
    window.undo_action.trigger()
    assert window.project.layers.get("mine") is layer
