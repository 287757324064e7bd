"""The French interface of undo, the save question, the session, the scenario editor and help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dkgis.labels import sector_label
from dkgis.model.project import Project
from dkgis.model.scenario import NO_NEW_MEASURES
from dkgis.ui.language import apply_language
from dkgis.ui.main_window import MainWindow
from dkgis.ui.scenario_table import COLUMN_INDEX

EAF = "am_eaf_2026"
NNBSP = "\u202f"  # the thousands separator of French numbers, never in a year


@pytest.fixture
def french(qapp):
    apply_language(qapp, "fr")
    yield
    apply_language(qapp, "en")


@pytest.fixture
def window(qtbot, french):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.mark_saved()


def test_edit_menu_and_undo_commands_speak_french(window):
    assert [a.text() for a in window.edit_menu.actions() if not a.isSeparator()] == [
        "&Annuler",
        "&Rétablir",
        "&Préférences…",
    ]
    window.layer_panel.row_for("communes").setCheckState(Qt.CheckState.Unchecked)
    assert window.undo_action.text().startswith("&Annuler Masquer la couche «\u00a0")
    window.project.display.set_sector_visible("steel", False)
    steel = sector_label("steel")  # the sector's name as the legend writes it
    assert window.undo_action.text() == f"&Annuler Masquer le secteur «\u00a0{steel}\u00a0»"


def test_the_save_question_speaks_french(qtbot, window):
    window.project.scenarios.set_active(NO_NEW_MEASURES)
    window.close()
    prompt = window.project_files.save_prompt
    qtbot.waitUntil(prompt.isVisible)
    assert prompt.windowTitle() == "Modifications non enregistrées"
    assert prompt.text().startswith("Enregistrer vos modifications")
    assert prompt.text().endswith("\u202f?")
    assert "prochain démarrage" in prompt.informativeText()
    assert prompt.button(QMessageBox.StandardButton.Cancel).text() == "Annuler"
    assert prompt.button(QMessageBox.StandardButton.Discard).text() == "Ne pas enregistrer"
    qtbot.mouseClick(prompt.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert window.isVisible()


def test_presets_are_named_in_french_and_no_new_measures_explains_itself(window):
    editor = window.scenario_editor
    names = [editor.chooser.itemText(i) for i in range(editor.chooser.count())]
    assert names == ["Plans annoncés", "Plans annoncés, 3 ans de retard", "Aucune nouvelle mesure"]
    window.scenario_dock.raise_()
    editor.chooser.setCurrentIndex(editor.chooser.findData(NO_NEW_MEASURES))
    text = editor.empty_note.text()
    assert "Aucune mesure, volontairement" in text and "« Plans annoncés »" in text.replace(
        "\u00a0", " "
    )
    assert "Dupliquer" in text
    # An edit of a preset makes a copy named in French.
    editor.chooser.setCurrentIndex(0)
    editor.duplicate()
    assert window.project.scenarios.active_name == "Plans annoncés (copie)"


def test_a_refused_start_year_is_a_year_in_french_too(qtbot, window):
    editor = window.scenario_editor
    model = editor.model
    index = model.index(model.row_of(EAF), COLUMN_INDEX["start_year"])
    assert model.setData(index, "1990") is False
    message = editor.message_label.text()
    assert "année de démarrage 1990 — valeur refusée" in message
    assert "entre 2005 et 2100" in message
    assert NNBSP not in message and "1 990" not in message
    assert model.index(model.row_of(EAF), COLUMN_INDEX["start_year"]).data() == "2029"


def test_help_and_shortcuts_in_french(qtbot, window):
    assert [a.text() for a in window.help_menu.actions() if not a.isSeparator()][:2] == [
        "&Guide",
        "&Raccourcis clavier",
    ]
    window.shortcuts_action.trigger()
    rows = window.shortcuts_dialog.rows()
    assert ("Édition", "Annuler", "Ctrl+Z") in rows
    assert ("Édition", "Rétablir", "Ctrl+Maj+Z, Ctrl+Y") in rows
    window.guide_action.trigger()
    assert window.guide_window.windowTitle() == "Guide de dkgis"
    assert "Faire une diapositive en trois clics" in window.guide_window.browser.toPlainText()


def test_a_damaged_session_is_said_in_french(qtbot, french):
    from dkgis.ui.app import open_main_window
    from dkgis.ui.session import session_path

    session_path().parent.mkdir(parents=True, exist_ok=True)
    session_path().write_text("{ abîmé", encoding="utf-8")
    window = open_main_window()
    qtbot.addWidget(window)
    note = window.statusBar().currentMessage()
    assert note.startswith("Votre dernière séance n’a pas pu être reprise")
    assert "vue par défaut" in note


def test_year_boxes_write_years_without_a_thousands_separator(qtbot, window):
    from dkgis.ui.presentation_export import AnimationDialog

    window.export_map_dialog()
    spin = window.snapshot_dialog.year_spin
    assert not spin.isGroupSeparatorShown()
    spin.setValue(2035)
    assert spin.text() == "2035"
    animation = AnimationDialog(window)
    qtbot.addWidget(animation)
    assert [box.text() for box in (animation.first, animation.last)] == ["2005", "2050"]
    assert not animation.first.isGroupSeparatorShown()
    window.snapshot_dialog.reject()


def test_captions_name_the_presets_in_french_and_user_scenarios_as_typed():
    from dkgis import i18n, wording
    from dkgis.model.scenario import ANNOUNCED

    try:
        i18n.set_language("fr")
        preset = wording.scenario_phrase(ANNOUNCED)
        mine = wording.scenario_phrase("Announced plans (ours)")
    finally:
        i18n.set_language("en")
    assert "Plans annoncés" in preset and "Announced" not in preset
    assert "Announced plans (ours)" in mine  # a user's name is data, never translated
    assert wording.scenario_phrase(ANNOUNCED) == "scenario Announced plans"
