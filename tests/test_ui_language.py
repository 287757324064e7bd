"""The interface in each language, walked as a user would read it.

With the system locale set to French (no ``DKGIS_LANG``, no choice in the Preferences),
the real main window is walked: every menu and submenu, every dock and widget, the map's
own texts, the hover tooltip, the layer menus and every dialog the menus open (see
``tests/ui_texts.py``). No English word may be left, and every place that must show a
text shows one. The same walk in English finds no French word. The dataset's own text
(facility names, communes, sources) is data, the same in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel
from ui_texts import (
    ENGLISH_WORDS,
    FRENCH_WORDS,
    Texts,
    data_strings,
    foreign_words,
    read_menu,
    read_widget,
)

from dkgis import i18n
from dkgis.model.project import Project
from dkgis.ui.language import apply_language
from dkgis.ui.main_window import MainWindow

#: Proper nouns and codes, the same in both languages.
PROPER_NOUNS = (
    "dkgis",
    "Dunkerque",
    "OpenStreetMap",
    "Plan IGN (Géoplateforme)",
    "Orthophotos IGN (Géoplateforme)",
    "Géoplateforme",
    "Esri",
    "DeLorme",
    "NAVTEQ",
    "Web Mercator",
    "Lambert II étendu",
    "Lambert-93",
    "GeoJSON / Esri JSON",
    "GeoPackage",
    "Shapefile",
    "PowerPoint",
    "euets.info",
    "WGS 84",
    "WGS84",
    "UTM",
    "EPSG",
    "GPS",
    "WEF",
    "IREP",
    "EUTL",
    "COVID",
    "http://",
    "https://",
    "tiles.example.org",
)


#: The chart docks, whose texts are the charts' own (checked on their own below).
CHART_DOCKS = ("dock trajectoryDock", "dock clusterDock")


@pytest.fixture
def system_french(qapp, monkeypatch):
    """French from the system locale alone, as on a French office machine."""
    for name in ("DKGIS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setattr(i18n, "_language", None)
    assert apply_language(qapp) == "fr"
    yield
    apply_language(qapp, "en")


@pytest.fixture
def english(qapp):
    assert apply_language(qapp, "en") == "en"
    yield


def _window(qtbot, width: int = 1366, height: int = 768) -> MainWindow:
    window = MainWindow(Project.load(None))
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def _report(hits: list[tuple[str, str, str]]) -> str:
    return "\n".join(f"{where}: «{word}» in {text!r}" for where, word, text in hits[:60])


def _walk(qtbot, monkeypatch, tmp_path: Path) -> tuple[Texts, list[str]]:
    from ui_texts import walk_window

    window = _window(qtbot)
    texts = walk_window(window, qtbot, monkeypatch)
    _user_layer_dialogs(texts, window, qtbot, tmp_path)
    return texts, data_strings(window.project)


def _user_layer_dialogs(texts: Texts, window: MainWindow, qtbot, tmp_path: Path) -> None:
    """The dialogs of File > Add Layer that a file's content opens, and their messages."""
    from dkgis.io.errors import DatasetError
    from dkgis.io.readers import CsvLayout, LayerInfo
    from dkgis.ui.crs_dialog import CrsDialog
    from dkgis.ui.import_dialogs import ColumnsDialog, LayerChoiceDialog
    from dkgis.ui.user_layers import show_layer_error

    path = tmp_path / "sites à visiter.csv"
    path.write_text("nom;lon;lat\nBeffroi;2,3767;51,0343\n", encoding="utf-8")
    layers = (LayerInfo("sites", "Point", 12), LayerInfo("routes", "LineString", 3))
    layout = CsvLayout(
        encoding="utf-8",
        delimiter=";",
        decimal=".",
        columns=("id", "x", "y", "x_l93", "y_l93"),
        x_candidates=("x", "x_l93"),
        y_candidates=("y", "y_l93"),
    )
    reason = i18n._("the file does not say which coordinate reference system it uses")
    for dialog in (
        CrsDialog(path, reason, "EPSG:2154", window),
        LayerChoiceDialog(path, layers, window),
        ColumnsDialog(path, layout, window),
        show_layer_error(window, DatasetError(path, i18n._("the file is empty"))),
    ):
        dialog.open()
        read_widget(texts, dialog, dialog.objectName())
        texts.add(dialog.objectName() + " title", dialog.windowTitle(), required=True)
        dialog.close()
    window.user_layers.add_files([path])
    texts.add("quick look", window.user_layers.progress.label.text(), required=True)
    qtbot.waitUntil(lambda: not window.user_layers.busy, timeout=10_000)
    texts.add("layer added", window.statusBar().currentMessage(), required=True)
    layer = next(layer for layer in window.project.layers if layer.kind == "user")
    style = window.user_layers.edit_style(layer)
    read_widget(texts, style, "style dialog")
    texts.add("style dialog title", style.windowTitle(), required=True)
    style.reject()


def _outside_charts(hits: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [hit for hit in hits if not hit[0].startswith(CHART_DOCKS)]


def test_the_french_interface_has_no_english_left(qtbot, monkeypatch, tmp_path, system_french):
    texts, data = _walk(qtbot, monkeypatch, tmp_path)
    assert len(texts.found) > 400  # the walk read the whole window
    assert not texts.empty, "places without a text: " + ", ".join(texts.empty)
    hits = _outside_charts(foreign_words(texts, ENGLISH_WORDS, data, PROPER_NOUNS))
    assert not hits, "English in the French interface:\n" + _report(hits)
    found = " ".join(text for _, text in texts.found)
    for french in ("Fichier", "Émissions de CO₂", "Sites par secteur", "Tableau des sites"):
        assert french in found


def test_the_french_chart_docks_have_no_english_left(qtbot, system_french):
    window = _window(qtbot)
    window.project.selection.set({"FR_205769"})
    qtbot.wait(300)
    texts = Texts()
    for name in CHART_DOCKS:
        dock = window.findChild(QDockWidget, name.removeprefix("dock "))
        read_widget(texts, dock, name)
    assert len(texts.found) > 20
    hits = foreign_words(texts, ENGLISH_WORDS, data_strings(window.project), PROPER_NOUNS)
    assert not hits, "English in the French charts:\n" + _report(hits)


def test_the_walk_finds_an_english_text_left_in_french(qtbot, system_french):
    """An English text shown in the French interface (a command, a label in a dock) is found
    and named by where it is."""
    window = _window(qtbot)
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.addAction("Export Chart as PNG…")
    dock = window.layer_dock
    dock.widget().layout().addWidget(QLabel("Select a facility on the map", dock))
    qtbot.wait(50)  # the layout shows the label from the event loop
    texts = Texts()
    read_menu(texts, file_menu, "Fichier")
    read_widget(texts, dock, "dock layerDock")
    hits = foreign_words(texts, ENGLISH_WORDS, data_strings(window.project), PROPER_NOUNS)
    assert {where: word for where, word, _ in hits} == {
        "Fichier > Export Chart as PNG…": "Chart",
        "Fichier > Export Chart as PNG… tooltip": "Chart",
        "dock layerDock/QLabel": "Select",
    }


def test_the_english_interface_has_no_french(qtbot, monkeypatch, tmp_path, english):
    texts, data = _walk(qtbot, monkeypatch, tmp_path)
    assert len(texts.found) > 400
    assert not texts.empty, "places without a text: " + ", ".join(texts.empty)
    hits = foreign_words(texts, FRENCH_WORDS, data, PROPER_NOUNS)
    assert not hits, "French in the English interface:\n" + _report(hits)


def test_french_numbers_years_and_scale_in_the_window(qtbot, system_french):
    from dkgis.ui.facility_table import COLUMN_INDEX, VALUE_COLUMN

    window = _window(qtbot)
    project = window.project
    project.display.year = 2022
    model = window.table_panel.model
    qtbot.waitUntil(lambda: model.frame.year == 2022)
    row = model.ids.index("FR_205769")  # Aluminium Dunkerque
    assert model.text(row, VALUE_COLUMN) == "459\u202f440"  # a narrow no-break space
    assert model.text(row, COLUMN_INDEX["status"]) == "En activité"
    assert model.headerData(VALUE_COLUMN, Qt.Orientation.Horizontal) == (
        "Émissions de CO₂ 2022 (t CO₂e)"  # the year without a separator
    )
    assert window.year_slider.year_label.text() == "<b>2022</b>"
    assert window.year_slider.caption.text() == "données vérifiées (SEQE-UE)"
    scale = window.cursor_status.scale_label.text()
    assert re.fullmatch(r"1/\d{1,3}(\u202f\d{3})+", scale), scale
    project.display.year = 2030
    qtbot.waitUntil(
        lambda: window.year_slider.caption.text() == "projection · scénario Plans annoncés"
    )
    assert window.legend_panel.row_for("steel").text() == "Sidérurgie (8)"
    project.selection.set({"FR_205769"})
    qtbot.waitUntil(lambda: "Aluminium Dunkerque" in window.details_panel.browser.toPlainText())
    assert "En activité (au 15 mai 2025)" in window.details_panel.browser.toPlainText()
    # The baseline years' field shows its whole placeholder, longer in French.
    field = window.scenario_editor.baseline_edit
    assert field.placeholderText() == "2020–2022 (par défaut)"
    assert field.width() >= field.fontMetrics().horizontalAdvance(field.placeholderText()) + 20


def test_english_numbers_and_scale_in_the_window(qtbot, english):
    from dkgis.ui.facility_table import VALUE_COLUMN

    window = _window(qtbot)
    window.project.display.year = 2022
    model = window.table_panel.model
    qtbot.waitUntil(lambda: model.frame.year == 2022)
    assert model.text(model.ids.index("FR_205769"), VALUE_COLUMN) == "459,440"
    assert re.fullmatch(r"1:\d{1,3}(,\d{3})+", window.cursor_status.scale_label.text())


def test_the_map_legend_is_french_without_the_interface_catalog(qapp):
    """The command line installs no Qt translator: the legend drawn in its exports takes
    its words from the message catalog of the language chosen."""
    from PySide6.QtGui import QFont

    from dkgis.map.decorations import format_distance
    from dkgis.map.legend import LegendContent
    from dkgis.model.frame import frame_of

    project = Project.load(None)
    project.layers.get("emissions").visible = True
    i18n.set_language("fr")
    try:
        frame = frame_of(project, year=2030)
        content = LegendContent(project, frame, 1.0, QFont(), QFont())
        sections = content.sections()
        headings = [section.heading for section in sections]
        rows = [getattr(row, "text", "") for section in sections for row in section.rows]
        assert headings[:4] == [
            "Sites par secteur",
            "Statut et localisation",
            "Émissions de CO₂ 2030",
            "Réseaux",
        ]
        assert "Sidérurgie" in rows and "Gazoduc" in rows and "Aucune donnée pour 2030" in rows
        assert format_distance(500) == "500\u00a0m" and format_distance(0.5) == "0,5\u00a0m"
    finally:
        i18n.set_language("en")
