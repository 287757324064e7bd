"""Plain texts for users: the details panel, the About box and the sources line, in
English and in French, without the curation's jargon."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dkgis import wording
from dkgis.i18n import set_language
from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow

#: Words of the curation that a user must never read.
JARGON = (
    "this repository",
    "check before redistributing",
    "not stated in that repository",
    "as shipped in",
    "facts_2",
    "see am_",
    "colocated_with",
    "status_as_of",
    "dkgis curation",
    "E-PRTR",
    "NAF ",
)


@pytest.fixture(scope="module")
def project_path():
    from dkgis.data import DEFAULT_DATASET

    return DEFAULT_DATASET


@pytest.fixture
def window(qtbot, project_path):
    window = MainWindow(Project.load(project_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def french(qapp):
    from dkgis.ui.language import apply_language

    apply_language(qapp, "fr")
    yield
    apply_language(qapp, "en")


def no_jargon(text: str) -> None:
    for word in JARGON:
        assert word not in text, word


# -- the sources line -----------------------------------------------------------------


def test_the_sources_line_is_short_and_names_publisher_dataset_and_licence(project_path):
    project = Project.load(project_path)
    layers = [layer.name for layer in project.layers]
    line = wording.map_source_line(project, layers)
    assert line.startswith("Sources: European Commission, EU ETS 2005–2022 (CC BY 4.0); ")
    assert "IGN, Admin Express 2018 (Licence Ouverte)" in line
    assert "© OpenStreetMap contributors, coastline 2017 (ODbL)" in line
    # One entry per publisher and licence.
    assert line.count("Global Energy Monitor") == 1
    assert line.count("IGN") == 1
    assert len(line) < 900
    no_jargon(line)


def test_the_sources_line_in_french(project_path, french):
    project = Project.load(project_path)
    line = wording.map_source_line(project, [layer.name for layer in project.layers])
    assert line.startswith("Sources\u00a0: Commission européenne, EU ETS 2005–2022 (CC BY 4.0)")
    assert "\u202f; IGN, Admin Express 2018 (Licence Ouverte)" in line
    assert "© contributeurs d'OpenStreetMap" in line
    for english in ("press and company", "coastline", "licence not stated", "European"):
        assert english not in line


def test_a_source_without_the_short_fields_gives_its_credit_line():
    from dkgis.model.facility import Source

    old = Source(
        id="x", title="A title, long (x.csv)", url="u", licence="l", vintage="2019",
        attribution="Someone (CC BY)",
    )  # fmt: skip
    assert wording.entries_of([old]) == ("Someone (CC BY)",)
    bare = Source(id="y", title="Registry extract, France", url="u", licence="l", vintage="2019")
    assert wording.entries_of([bare]) == ("Registry extract (2019)",)


# -- the details panel ----------------------------------------------------------------


def test_details_say_what_a_user_needs_and_fold_the_notes(qtbot, window):
    window.project.selection.set({"FR_956"})
    panel = window.details_panel
    main = panel.browser.toPlainText()
    for label in ("Sector", "Operator", "Commune", "Status", "CO₂ emissions 2022"):
        assert label in main, label
    assert "Announced measures" in main and "2027" in main  # a measure with its year
    assert "Target" in main
    no_jargon(main)
    # The notes are folded under a button, and open on a click.
    assert panel.notes_button.isVisible() and not panel.notes.isVisible()
    qtbot.mouseClick(panel.notes_button, Qt.MouseButton.LeftButton)
    assert panel.notes.isVisible()
    notes = panel.notes.toPlainText()
    assert "Two of the three blast furnaces" in notes
    assert "Accounting break in 2013" in notes  # the caveat, for a reader
    assert "European Commission, EU ETS 2005–2022 (CC BY 4.0)" in notes
    no_jargon(notes)


def test_every_note_and_caveat_reads_without_jargon_in_both_languages(project_path):
    project = Project.load(project_path)
    for facility in project.facilities.values():
        assert facility.note and facility.note_fr, facility.id
        no_jargon(facility.note)
        no_jargon(facility.note_fr)
    for caveat in project.caveats:
        assert caveat.description_fr, caveat.id
    steel = next(c for c in project.caveats if c.id == "steel_gas_2013")
    assert "rupture de comptabilisation des gaz sidérurgiques en 2013" in (
        steel.description_fr.lower()
    )


def test_details_in_french_name_sector_status_and_measures_in_french(qtbot, window, french):
    window.project.selection.set({"FR_956"})
    main = window.details_panel.browser.toPlainText()
    assert "Sidérurgie" in main and "Steel" not in main
    assert "En activité (en avril 2024)" in main  # the status date in words
    assert "Site (coordonnées de l’usine)" in main
    assert "t CO₂e · vérifiées" in main
    assert "remplacée par un plan ultérieur" in main and "superseded" not in main
    assert "(Planned)" not in main and "prévue" in main
    window.details_panel.notes_button.click()
    notes = window.details_panel.notes.toPlainText()
    assert "Sources :" in notes.replace("\u00a0", " ") and "Sources:" not in notes
    set_language("en")


def test_details_notes_in_french(qtbot, window, french):
    window.project.selection.set({"FR_988"})
    panel = window.details_panel
    notes = panel.notes.toPlainText()
    assert "Rupture de comptabilisation des gaz sidérurgiques en 2013" in notes
    assert "Burns" not in notes
    set_language("en")


# -- the About box --------------------------------------------------------------------


def test_about_box_states_every_licence_plainly_and_fits_a_small_screen(qtbot, window):
    help_menu = window.menuBar().actions()[-1].menu()
    about = next(a for a in help_menu.actions() if a.text().replace("&", "") == "About dkgis")
    about.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.height() <= 700
    text = dialog.text()
    sources = window.project.sources
    assert 10 <= text.count("Licence: ") <= len(sources)  # one per publisher and dataset
    assert "Licence: CC BY 4.0" in text and "Licence: ODbL" in text
    assert "Licence: licence not stated by the publisher" in text
    no_jargon(text)
    dialog.provenance_check.click()
    full = dialog.text()
    assert "https://github.com/cedricr/eutl@" in full  # the full provenance, one click away
    assert len(full) > len(text)
    no_jargon(full)
    assert "terms not checked" not in full and "each page cited" not in full
