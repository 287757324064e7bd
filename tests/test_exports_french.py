"""Exports in French, as a French user gets them: a PDF map read back with ``pdftotext``,
the export commands' messages, a chart file from the trajectory dock; and the land that goes
on past the land layer's box, so that no export shows a false sea."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
import shapely

from dkgis import i18n
from dkgis.model.land import coast_of, land_around, sea_around
from dkgis.model.project import Project
from tests.test_cli import run

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed"
)

#: English words of dkgis's own texts that must not be left in a French export.
ENGLISH = {
    "the", "and", "of", "emissions", "verified", "projected", "scenario", "facilities",
    "sector", "sectors", "legend", "operating", "closed", "announced", "steel",
    "power", "heat", "networks", "pipeline", "circle", "area", "year", "per", "data",
    "cluster", "industrial", "location", "sharing", "around", "credits",
}  # fmt: skip


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.load()


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _data_words(project: Project) -> set[str]:
    """Words of the data (source titles and credits, names): they stay as they are."""
    texts = [s.title for s in project.sources.values()]
    texts += [s.attribution or "" for s in project.sources.values()]
    texts += [s.vintage or "" for s in project.sources.values()]
    texts += [f.name for f in project.facilities.values()]
    return _words(" ".join(texts))


@needs_pdftotext
def test_a_french_pdf_map_reads_french_and_no_english(project, tmp_path):
    out = tmp_path / "carte.pdf"
    result = run("export", str(out), "--year", "2030", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    # The command says what it wrote, in French.
    assert "px à 300 ppp" in result.stdout and "Émissions de CO₂ 2030" in result.stdout
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext writes the "fi" ligature as one character, and no-break spaces as spaces.
    text = text.replace("\ufb01", "fi").replace("\ufb03", "ffi").replace("\ufb02", "fl")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    for french in (
        "Zone industrialo-portuaire de Dunkerque",  # title
        "Émissions de CO₂ 2030 · projection · scénario Plans annoncés",  # subtitle
        "Sites par secteur",  # legend
        "Sidérurgie",
        "Énergie et chaleur",
        "Statut et localisation",
        "En activité",
        "Surface du cercle ∝ t CO₂e par an",
        "0,5 Mt",
        "selon le scénario Plans annoncés",
        "Réseaux",
        "Sources :",  # the footer's sources
        "décembre" if "décembre" in text else "20",  # the date, in French
    ):
        assert french in text, french
    left = (_words(text) - _data_words(project)) & ENGLISH
    assert left == set()


def test_export_messages_speak_french(tmp_path):
    bad = run("export", str(tmp_path / "carte.png"), "--year", "2099", "--lang", "fr")
    assert bad.returncode == 2
    assert "erreur\u00a0:" in bad.stderr and "doit être compris entre 2005 et 2050" in bad.stderr
    unknown = run("export", str(tmp_path / "carte.xyz"), "--lang", "fr")
    assert "format inconnu '.xyz'" in unknown.stderr
    scenario = run("export", str(tmp_path / "c.png"), "--scenario", "Nope", "--lang", "fr")
    assert "scénario inconnu 'Nope'" in scenario.stderr and '"Plans annoncés"' in scenario.stderr
    # A preset may be named in French; the summary line is French.
    ok = run(
        "export", str(tmp_path / "c.png"), "--year", "2030", "--scenario", "Aucune nouvelle mesure",
        "--size", "800x500", "--lang", "fr",
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "scénario Aucune nouvelle mesure" in ok.stdout and " ko)" in ok.stdout
    helped = run("export", "--help", "--lang", "fr")
    assert "écrire la carte dans un fichier" in helped.stdout or "Dessine la carte" in helped.stdout
    assert "année des cercles d'émissions" in helped.stdout
    # argparse's own words too: usage line, section titles, -h, the values' names
    usage = "utilisation\u00a0: dkgis export [-h] [--data FICHIER.gpkg|DSN]"
    assert helped.stdout.startswith(usage)
    assert "[--year ANNÉE]" in helped.stdout and "afficher cette aide et quitter" in helped.stdout
    for english in (
        "year of the emission circles", "output size", "decorations to leave out", "usage:",
        "positional arguments", "show this help", "YEAR", "TITLE", "FILE", "OUTPUT",
    ):  # fmt: skip
        assert english not in helped.stdout, english
    english = run("--help", "--lang", "en").stdout
    assert english.startswith("usage: dkgis") and "show this help message and exit" in english


def test_animation_and_deck_commands_speak_french(tmp_path):
    bad = run("export", str(tmp_path / "a.gif"), "--from", "2030", "--to", "2020", "--lang", "fr")
    assert bad.returncode == 2 and "--from 2030 est après --to 2020" in bad.stderr
    wrong = run("export", str(tmp_path / "d.pptx"), "--sites", "FR_NOPE", "--lang", "fr")
    assert wrong.returncode == 2 and "identifiant de site inconnu 'FR_NOPE'" in wrong.stderr
    deck = run("export", str(tmp_path / "d.pptx"), "--year", "2022", "--lang", "fr")
    assert deck.returncode == 0, deck.stderr
    assert "1 diapositive," in deck.stdout and "vérifiées (SEQE-UE)" in deck.stdout
    # French has a plural form for millions too: every form of a count is translated.
    two = run("export", str(tmp_path / "d.pptx"), "--title-slide", "--lang", "fr")
    assert "2 diapositives," in two.stdout and "slides" not in two.stdout


def test_a_chart_file_of_the_dock_is_french_and_can_be_a_pdf(qtbot, project, tmp_path):
    from PySide6.QtWidgets import QApplication

    from dkgis.ui.charts.trajectory_panel import TrajectoryPanel
    from dkgis.ui.language import apply_language

    apply_language(QApplication.instance(), "fr")
    try:
        panel = TrajectoryPanel(project)
        qtbot.addWidget(panel)
        project.selection.set(["FR_205769"])
        panel.show()
        qtbot.waitUntil(lambda: panel.data is not None)
        texts = [a.text() for a in panel.toolbar.export_menu.actions()]
        assert "Exporter le graphique en PDF…" in texts
        out = panel.export_file(tmp_path / "graphique.pdf")
        page = panel.export_page()
    finally:
        apply_language(QApplication.instance(), "en")
        project.selection.set([])
    assert out.read_bytes().startswith(b"%PDF")
    assert page.source.startswith("Source\u00a0: émissions vérifiées (SEQE-UE) 2013–2022")
    assert "projections\u00a0: dkgis, scénario Plans annoncés" in page.source
    if PDFTOTEXT is not None:
        text = subprocess.run(
            [PDFTOTEXT, str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Aluminium Dunkerque" in text  # the title, as text
        assert "Source" in text and "émissions vérifiées" in text.replace("\ufb01", "fi")


def test_the_cluster_chart_files_say_their_title_scenario_and_baseline_in_french(
    qtbot, project, tmp_path
):
    from PySide6.QtWidgets import QApplication

    from dkgis.ui.charts.cluster_panel import ClusterPanel
    from dkgis.ui.language import apply_language

    apply_language(QApplication.instance(), "fr")
    try:
        panel = ClusterPanel(project)
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitUntil(lambda: panel.data is not None)
        sectors, waterfall = panel.export_page("sectors"), panel.export_page("waterfall")
        out = panel.export_file("waterfall", tmp_path / "cascade.pdf")
    finally:
        apply_language(QApplication.instance(), "en")
    assert sectors.title.startswith("Zone industrialo-portuaire de Dunkerque\u00a0: émissions")
    assert sectors.subtitle == "Mt CO₂e par an\u00a0; données vérifiées (SEQE-UE), puis projection"
    assert waterfall.subtitle.endswith("scénario «\u00a0Plans annoncés\u00a0»")
    assert any(n.startswith("Référence tendancielle\u00a0: la moyenne") for n in waterfall.notes)
    assert "Announced plans" not in " ".join([*sectors.notes, *waterfall.notes])
    if PDFTOTEXT is not None:
        text = subprocess.run(
            [PDFTOTEXT, str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "mesure par mesure" in text and "Référence tendancielle" in text
        # Each bar is named (in French): the axis of a chart laid out off screen takes its
        # labels' room.
        assert "Aluminium Dunkerque : four 8 (recyclage)" in text.replace("\u00a0", " ")
        assert "Furnace" not in text


def test_the_land_goes_on_past_the_land_layer_so_no_export_shows_a_false_sea(qapp, project):
    land = project.layers.get("land").data.geometry
    minx, miny, maxx, maxy = shapely.total_bounds(land)
    around = land_around(land, 1.0)
    sea = sea_around(land, 1.0)
    assert around.contains(shapely.Point((minx + maxx) / 2, miny - 0.5))  # south: land
    assert around.contains(shapely.Point(maxx + 0.5, miny + 0.01))  # east, inland
    assert sea.contains(shapely.Point(minx - 0.5, maxy + 0.5))  # north-west: sea
    assert not around.intersects(sea.buffer(-1e-9))
    # The coast drawn is the layer's own, not the edges of its box.
    coast = coast_of(land)
    assert not coast.intersects(shapely.LineString([(minx, miny), (maxx, miny)]).buffer(1e-9))

    # A wide picture of the cluster reaches past the box: its south is land, not sea.
    from dkgis.map import style as map_style
    from dkgis.map.render import render_image
    from dkgis.model.frame import frame_of
    from dkgis.model.snapshot import Decorations, SnapshotSpec

    frame = frame_of(project, layers=("land", "communes"))
    spec = SnapshotSpec(
        frame=frame.replace(extent=(180_000, 6_560_000, 340_000, 6_660_000)),
        width=800,
        height=500,
        decorations=Decorations(
            title=False, subtitle=False, sector_legend=False, size_legend=False,
            scale_bar=False, north_arrow=False, attribution=False, sources=False, date=False,
        ),
    )  # fmt: skip
    image = render_image(project, spec)
    pixels = np.array(
        [[image.pixelColor(x, y).name() for x in range(0, 800, 10)] for y in range(0, 500, 10)]
    )
    assert (pixels[-8:] == map_style.SEA).mean() == 0  # no sea band at the bottom
    assert (pixels[:5] == map_style.SEA).mean() > 0.3  # the sea, north
    i18n.set_language("en")
