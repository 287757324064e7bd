"""The dataset's names in French for French users, the sources' names kept (``name_fr``):
the model's display name, search by either name, exports and the window in each language,
and datasets older than the column (the English name is shown)."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from PySide6.QtCore import Qt

from dkgis import i18n
from dkgis.data import DEFAULT_DATASET
from dkgis.data.build import french_name
from dkgis.data.importer import apply_import, plan_import
from dkgis.data.references import BuildError
from dkgis.io.validate import validate_dataset
from dkgis.model.facility import Facility
from dkgis.model.project import Project
from dkgis.model.search import search, search_entries
from tests.release_fixtures import compliance_row, euets_info_zip

NBSP = "\u00a0"
#: The French columns a dataset written before them lacks.
FRENCH_COLUMNS = {
    "facilities": ("name_fr", "subsector_fr"),
    "measures": ("name_fr", "status_fr"),
    "targets": ("actor_fr",),
}


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.load(DEFAULT_DATASET)


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def older_copy(path):
    """A copy of the embedded dataset written before the French names existed."""
    path.write_bytes(DEFAULT_DATASET.read_bytes())
    con = sqlite3.connect(path)
    with con:
        for table, columns in FRENCH_COLUMNS.items():
            for column in columns:
                con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.close()
    return path


# -- the model ----------------------------------------------------------------------------


def test_the_french_name_is_shown_in_french_and_the_sources_name_in_english(project, french):
    dk6 = project.facilities["FR_988"]
    assert (dk6.name, dk6.display_name) == ("DK6 power plant", "Centrale DK6")
    steel = project.facilities["FR_956"]  # no English word: no French name
    assert steel.name_fr is None and steel.display_name == "ArcelorMittal Dunkerque"
    eaf = next(m for m in project.measures if m.id == "am_eaf_2026")
    assert eaf.display_name == f"ArcelorMittal Dunkerque{NBSP}: four électrique (plan révisé)"
    i18n.set_language("en")
    assert dk6.display_name == "DK6 power plant"
    assert eaf.display_name == "ArcelorMittal Dunkerque electric arc furnace (revised plan)"


def test_the_activity_and_a_measure_status_in_french(project, french):
    dk6 = project.facilities["FR_988"]
    assert dk6.activity == "cycle combiné (gaz sidérurgiques + gaz naturel)"
    measures = {m.id: m for m in project.measures}
    pda = measures["grtgaz_equinor_co2_pda"]
    assert pda.status_text == "accord de développement (PDA) signé le 17/06/2024"
    assert measures["am_eaf_2026"].status_text == i18n._("announced") != "announced"
    i18n.set_language("en")
    assert dk6.activity == "combined cycle (steel-works gases + natural gas)"
    assert pda.status_text == "PDA signed 2024-06-17"


def test_who_set_a_target_in_french(project, french):
    from types import SimpleNamespace

    from dkgis.charts.texts import target_name

    targets = {t.id: t for t in project.targets}
    assert targets["eu_fit_for_55"].actor_text == "Union européenne (Fit for 55)"
    assert targets["ald_lowcal_2030"].actor_text == "Aluminium Dunkerque"  # no English word
    label = target_name(SimpleNamespace(target=targets["fr_snbc3_2030"]))
    assert label.startswith("France, projet de SNBC-3") and "draft" not in label
    i18n.set_language("en")
    assert targets["eu_fit_for_55"].actor_text == "European Union (Fit for 55)"


def test_an_empty_french_name_falls_back_to_the_name(french):
    row = {
        "id": "x",
        "name": "Some power plant",
        "sector": "power",
        "commune": "Dunkerque",
        "insee": "59183",
        "status": "operating",
        "status_as_of": "2022",
        "location_precision": "address",
        "location_source": "eutl_installations",
        "name_fr": "  ",
    }
    facility = Facility.from_row(row)
    assert facility.name_fr is None and facility.display_name == "Some power plant"
    assert dataclasses.replace(facility, name_fr="Centrale").display_name == "Centrale"


def test_every_french_name_states_the_numbers_of_the_sources_name(project):
    named = [*project.facilities.values(), *project.measures]
    assert sum(1 for n in named if n.name_fr) >= 60
    for n in named:
        row = {"name": n.name, "name_fr": n.name_fr or ""}
        assert french_name(row, n.id) == n.name_fr, n.id
    assert french_name({"name": "H2V59 plant", "name_fr": " "}, "x") is None
    assert french_name({"name": "D'Artagnan CO2 hub", "name_fr": "Hub CO₂"}, "x") == "Hub CO₂"
    with pytest.raises(BuildError, match="numbers"):
        french_name({"name": "Furnace 8", "name_fr": "Four 9"}, "measure x")


#: English words of the sources' names, none of which a French name keeps (words spelt
#: the same in French, « station », « plan », « batteries », are left out).
ENGLISH_WORDS = {
    "plant", "plants", "refinery", "furnace", "project", "battery", "power", "heating",
    "wastewater", "waste", "distillery", "compressor", "gas", "steam", "cracker", "nuclear",
    "electrolytic", "hydrogen", "slag", "cement", "pair", "materials", "network", "buses",
    "capture", "storage", "pipeline", "study", "grant", "revised", "contract", "decision",
    "pilot", "scale", "recovery", "washing", "studies", "funding", "substation", "line",
}  # fmt: skip


def test_every_name_with_english_words_has_a_french_one_without(project):
    import re

    def english(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", text.lower()) if w in ENGLISH_WORDS}

    named = [*project.facilities.values(), *project.measures]
    for n in named:
        if english(n.name):
            assert n.name_fr, n.id
        assert not english(n.name_fr or ""), (n.id, n.name_fr)
    for f in project.facilities.values():
        assert not english(f.subsector_fr or ""), (f.id, f.subsector_fr)


def test_the_trajectory_chart_lists_the_measures_in_french(project, french):
    from dkgis.charts.site_page import site_prefixes
    from dkgis.charts.texts import milestone_text

    milestones = project.scenarios.milestones(["FR_956"], project.scenarios.active)
    labels = [milestone_text(m, site_prefixes(project, ["FR_956"])) for m in milestones]
    assert any(label.startswith("Four électrique (plan révisé)") for label in labels), labels
    assert not any("furnace" in label for label in labels), labels


# -- search -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("query", ["centrale dk6", "DK6 power plant", "station de compression"])
def test_search_finds_a_site_by_either_name(project, lang, query):
    i18n.set_language(lang)
    try:
        entries = search_entries(project)
        found = search(entries, query)
        assert found, query
        first = found[0]
        assert first.facility_id in {"FR_988", "FR_1003"}
        assert first.name == project.facilities[first.facility_id].display_name
        if first.facility_id == "FR_988":
            assert first.name == ("Centrale DK6" if lang == "fr" else "DK6 power plant")
    finally:
        i18n.set_language("en")


# -- exports ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "name", "other"),
    [("fr", "Centrale DK6", "DK6 power plant"), ("en", "DK6 power plant", "Centrale DK6")],
)
def test_an_export_names_the_sites_in_its_language(qapp, project, lang, name, other):
    from dkgis.map.render import render_image_layout
    from dkgis.model.display import NAMES_ALL
    from tests.test_map_names import spec_of

    i18n.set_language(lang)
    try:
        spec = spec_of(project, 1600, 1000, 96.0, names=NAMES_ALL)
        _, layout = render_image_layout(project, spec)
    finally:
        i18n.set_language("en")
    names = {n.key: n.text for n in layout.names if n.kind == "facility"}
    assert names["FR_988"] == name
    assert other not in names.values()


def test_the_html_map_and_the_slides_name_the_site_in_french(project, french):
    from dkgis.export.html.popup import tooltip_html

    assert tooltip_html(project, "FR_988") == "Centrale DK6"
    # Data text stays data: escaped like the English name.
    odd = dataclasses.replace(project.facilities["FR_988"], name_fr="Centrale <b>DK6</b>")
    other = Project(facilities={"FR_988": odd})
    assert tooltip_html(other, "FR_988") == "Centrale &lt;b&gt;DK6&lt;/b&gt;"


def test_a_french_deck_titles_the_site_slide_with_the_french_name(qapp, project, tmp_path):
    from pptx import Presentation

    from dkgis.export.pptx_deck import export_pptx
    from dkgis.model.frame import emission_map_frame

    path = tmp_path / "diaporama.pptx"
    i18n.set_language("fr")
    try:
        export_pptx(project, path, emission_map_frame(project, year=2022), site_ids=["FR_988"])
    finally:
        i18n.set_language("en")
    _map_slide, site_slide = Presentation(str(path)).slides
    assert site_slide.shapes.title.text == "Centrale DK6"


# -- the window --------------------------------------------------------------------------


@pytest.fixture
def french_window(qtbot, qapp):
    from dkgis.ui.language import apply_language
    from dkgis.ui.main_window import MainWindow

    assert apply_language(qapp, "fr") == "fr"
    window = MainWindow(Project.load(DEFAULT_DATASET))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    apply_language(qapp, "en")


def test_the_french_window_names_the_site_in_french(qtbot, french_window, tmp_path):
    import csv

    from dkgis.ui.facility_table import COLUMN_INDEX

    window = french_window
    box = window.search_box
    qtbot.keyClicks(box, "dk6 power")  # the sources' name finds the site
    assert any(text.startswith("Centrale DK6") for text in box.completions())
    box.completer().popup().hide()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.project.selection.ids == {"FR_988"}
    details = window.details_panel.text()
    assert "Centrale DK6" in details and "cycle combiné (gaz sidérurgiques" in details
    assert "DK6 power plant" not in details and "steel-works gases" not in details

    panel = window.table_panel
    qtbot.keyClicks(panel.filter_edit, "power plant")  # the sources' name filters too
    model = panel.table.model()
    names = {model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())}
    assert "Centrale DK6" in names
    out = tmp_path / "sites.csv"
    assert panel.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh, delimiter=";"))
    assert header[0] == "Nom" and header[-1] == "Identifiant"
    assert ["Centrale DK6", "FR_988"] in [[row[0], row[-1]] for row in rows]


# -- older datasets -----------------------------------------------------------------------


def test_a_dataset_without_french_names_opens_with_the_english_names(tmp_path, french):
    older = older_copy(tmp_path / "older.gpkg")
    assert validate_dataset(older) == []
    project = Project.load(older)
    dk6 = project.facilities["FR_988"]
    assert (dk6.display_name, dk6.activity) == ("DK6 power plant", dk6.subsector)
    measures = {m.id: m for m in project.measures}
    assert measures["am_eaf_2026"].display_name == measures["am_eaf_2026"].name
    assert measures["grtgaz_equinor_co2_pda"].status_text == ""  # no French words: left out


def test_an_import_keeps_the_french_names_and_accepts_a_copy_without_them(tmp_path):
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_988", 2023, 3_500_000)])
    target = tmp_path / "user.gpkg"
    apply_import(plan_import([release], DEFAULT_DATASET), target)
    assert validate_dataset(target) == []
    assert Project.load(target).facilities["FR_988"].name_fr == "Centrale DK6"

    older = older_copy(tmp_path / "older.gpkg")
    release = euets_info_zip(tmp_path / "eutl2.zip", [compliance_row("FR_988", 2023, 3_500_000)])
    target = tmp_path / "user2.gpkg"
    apply_import(plan_import([release], older), target)
    assert validate_dataset(target) == []
    loaded = Project.load(target)
    assert loaded.facilities["FR_988"].name_fr is None
    assert loaded.emissions["FR_988"].value(2023, "verified") == 3_500_000
