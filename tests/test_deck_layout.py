"""The PowerPoint deck as a presenter gets it: a real 16:9 deck, every shape on the slide,
no text box over another, the title slide centred, the site slides' chart large with
three key figures as text, the caveats in the speaker notes; read back with python-pptx
and drawn as a mock-up with Qt."""

from __future__ import annotations

import itertools

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from dkgis import i18n, wording
from dkgis.data import DEFAULT_DATASET
from dkgis.export.deck_preview import render_deck
from dkgis.export.pptx_deck import SLIDE_H_EMU, SLIDE_W_EMU, export_pptx
from dkgis.model.frame import emission_map_frame
from dkgis.model.project import Project
from dkgis.model.site_figures import TERRITORY_TARGET, site_figures

#: Sites with a target of their own (Aluminium Dunkerque), with the territory's only
#: (ArcelorMittal Dunkerque), and without any verified value (a planned gigafactory).
SITES = ("FR_956", "FR_205769", "verkor_bourbourg")


@pytest.fixture(scope="module")
def project():
    return Project.load(DEFAULT_DATASET)


@pytest.fixture(scope="module")
def deck_path(qapp, project, tmp_path_factory):
    path = tmp_path_factory.mktemp("deck") / "deck.pptx"
    frame = emission_map_frame(project, year=2030, scenario=project.scenarios.active)
    export_pptx(project, path, frame, site_ids=SITES, title_slide=True)
    return path


@pytest.fixture(scope="module")
def prs(deck_path):
    return Presentation(str(deck_path))


def _box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _named(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def test_the_deck_is_16_9_in_its_slide_size_and_its_layouts(prs):
    assert (prs.slide_width, prs.slide_height) == (SLIDE_W_EMU, SLIDE_H_EMU)
    assert prs.slide_width * 9 == prs.slide_height * 16
    # No "screen4x3" type left to tell PowerPoint the deck is 4:3.
    size = prs.part._element.find(qn("p:sldSz"))
    assert size.get("type") in (None, "custom")
    # Master and layouts are laid out for the wide slide: their placeholders reach
    # across it (the 4:3 template's stopped at three quarters) and stay inside it.
    for part in (prs.slide_master, *prs.slide_layouts):
        placeholders = list(part.placeholders)
        for shape in placeholders:
            left, top, right, bottom = _box(shape)
            assert left >= 0 and right <= SLIDE_W_EMU and top >= 0 and bottom <= SLIDE_H_EMU
        if placeholders:
            assert max(_box(s)[2] for s in placeholders) > 0.85 * SLIDE_W_EMU


def test_every_shape_is_inside_its_slide_and_no_text_box_overlaps_another(prs):
    assert len(prs.slides) == 2 + len(SITES)
    for number, slide in enumerate(prs.slides, start=1):
        boxes = []
        for shape in slide.shapes:
            left, top, right, bottom = _box(shape)
            assert left >= 0 and right <= SLIDE_W_EMU, (number, shape.name)
            assert top >= 0 and bottom <= SLIDE_H_EMU, (number, shape.name)
            if shape.has_text_frame and shape.text_frame.text.strip():
                boxes.append((shape.name, _box(shape)))
        for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
            assert not _overlap(a, b), f"slide {number}: {name_a!r} overlaps {name_b!r}"


def test_the_title_slide_is_centred(prs):
    slide = prs.slides[0]
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    for shape in (title, subtitle):
        centre = shape.left + shape.width / 2
        assert abs(centre - SLIDE_W_EMU / 2) < SLIDE_W_EMU * 0.005
        assert all(p.alignment == PP_ALIGN.CENTER for p in shape.text_frame.paragraphs)
    assert title.text_frame.text == wording.default_title()
    assert "CO₂ emissions 2030 · projected" in subtitle.text_frame.text


def test_every_word_on_a_slide_is_text_and_only_map_and_chart_are_pictures(prs):
    for slide in prs.slides:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) <= 1
        for picture in pictures:  # described for screen readers
            assert picture._element.nvPicPr.cNvPr.get("descr")
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        assert texts


def test_site_slides_show_a_large_chart_and_three_key_figures(project, prs):
    scenario = project.scenarios.active
    for slide, fid in zip(list(prs.slides)[2:], SITES, strict=True):
        assert slide.shapes.title.text == project.facilities[fid].name
        (chart,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert chart.width > 0.6 * SLIDE_W_EMU and chart.height > 0.7 * SLIDE_H_EMU
        figures = site_figures(project, fid, scenario)
        pairs = (
            wording.verified_figure(figures),
            wording.projected_figure(figures),
            wording.gap_figure(figures),
        )
        for i, (value, label) in enumerate(pairs, start=1):
            text = _named(slide, f"Key figure {i}").text_frame.text
            assert label in text
            if value is not None:
                assert value in text
            box = _named(slide, f"Key figure {i}")
            assert box.left >= chart.left + chart.width  # beside the chart, not over it
        source = _named(slide, "Source").text_frame.text
        assert source.startswith("Source:") and "\n" not in source


def test_a_site_chart_reads_in_the_unit_of_its_size(qapp, project):
    """A site of some ten thousand tonnes is charted in kt, not as 0.02 Mt (nor with an
    axis multiplier); the steel works in Mt."""
    from dkgis.export.pptx_deck import site_chart

    scenario = project.scenarios.active
    units = {}
    for fid in ("FR_956", "FR_955"):  # ArcelorMittal Dunkerque (~6 Mt), Mardyck (~60 kt)
        _, page, _ = site_chart(project, fid, scenario, 2030, (600, 400))
        units[fid] = page.subtitle
    assert "Mt CO₂e" in units["FR_956"] and "kt CO₂e" in units["FR_955"]


def test_key_figures_come_from_the_model(project, prs):
    slide = prs.slides[2]  # ArcelorMittal Dunkerque: the territory's target applies
    figures = site_figures(project, "FR_956", project.scenarios.active)
    assert (figures.verified_year, figures.verified_t) == (2022, 6410303.0)
    assert figures.gap is not None and figures.gap.whose == TERRITORY_TARGET
    # Read at a glance on the slide; to the tonne in the speaker notes.
    assert "6.41 Mt CO₂e" in _named(slide, "Key figure 1").text_frame.text
    assert "6,410,303 t CO₂e: verified in 2022" in slide.notes_slide.notes_text_frame.text
    assert "verified in 2022" in _named(slide, "Key figure 1").text_frame.text
    projected = _named(slide, "Key figure 2").text_frame.text
    assert "projected for 2030, scenario Announced plans" in projected
    gap = _named(slide, "Key figure 3").text_frame.text
    assert gap.startswith("+") and "territory's 2030 target (−55%)" in gap
    # A site with its own target is measured against it; one without data says so.
    assert "site's 2030 target (−30%)" in _named(prs.slides[3], "Key figure 3").text_frame.text
    planned = prs.slides[4]
    assert "No verified emissions" in _named(planned, "Key figure 1").text_frame.text


@pytest.mark.parametrize(
    ("tonnes", "signed", "english", "french"),
    [
        (6410303.0, False, "6.41 Mt CO₂e", "6,41\u00a0Mt CO₂e"),
        (999_800.0, False, "1 Mt CO₂e", "1\u00a0Mt CO₂e"),
        (459440.0, False, "459 kt CO₂e", "459\u00a0kt CO₂e"),
        (17821.0, False, "17.8 kt CO₂e", "17,8\u00a0kt CO₂e"),
        (612.4, False, "612 t CO₂e", "612\u00a0t CO₂e"),
        (2153922.0, True, "+2.15 Mt CO₂e", "+2,15\u00a0Mt CO₂e"),
        (-147407.0, True, "−147 kt CO₂e", "−147\u00a0kt CO₂e"),
    ],
)
def test_slide_figures_read_at_a_glance(tonnes, signed, english, french):
    assert wording.rounded_tonnes(tonnes, signed=signed) == english
    i18n.set_language("fr")
    try:
        assert wording.rounded_tonnes(tonnes, signed=signed) == french
    finally:
        i18n.set_language("en")


def test_speaker_notes_hold_the_caveats_key_figures_jobs_and_sources(project, prs):
    notes = prs.slides[2].notes_slide.notes_text_frame.text
    assert "2013" in notes  # the change in where steel-works CO₂ is counted
    assert "Target: DKarbonation" in notes
    assert "direct jobs" in notes and "—" in notes  # jobs, with the site stating them
    assert "Source:" in notes and "cedricr/eutl" in notes
    map_notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "Projected under scenario Announced plans" in map_notes


def test_the_mock_up_of_every_slide_shows_all_text_inside_its_box(qapp, deck_path):
    previews = render_deck(deck_path, dpi=96)
    assert len(previews) == 2 + len(SITES)
    for number, preview in enumerate(previews, start=1):
        assert preview.image.width() == 1280 and preview.image.height() == 720
        assert preview.overflowing == [], f"slide {number}: {preview.overflowing}"
        # Something is drawn: the map or the chart covers much of the slide.
        if number > 1:
            colours = {preview.image.pixel(x, y) for x in range(0, 1280, 40) for y in (300, 400)}
            assert len(colours) > 4


def test_a_french_deck_speaks_french(qapp, project, tmp_path):
    i18n.set_language("fr")
    try:
        path = tmp_path / "présentation.pptx"
        frame = emission_map_frame(project, year=2030, scenario=project.scenarios.active)
        export_pptx(project, path, frame, site_ids=["FR_956"], title_slide=True)
    finally:
        i18n.set_language("en")
    prs = Presentation(str(path))
    title_slide, _map_slide, site_slide = prs.slides
    assert title_slide.shapes.title.text == "Zone industrialo-portuaire de Dunkerque"
    subtitle = title_slide.placeholders[1].text_frame.text
    assert "Émissions de CO₂ 2030 · projection · scénario Plans annoncés" in subtitle
    assert _named(site_slide, "Key figure 1").text_frame.text.startswith("6,41\u00a0Mt CO₂e")
    assert "vérifiées en 2022" in _named(site_slide, "Key figure 1").text_frame.text
    assert "scénario Plans annoncés" in _named(site_slide, "Key figure 2").text_frame.text
    assert "objectif 2030 du territoire" in _named(site_slide, "Key figure 3").text_frame.text
    assert _named(site_slide, "Source").text_frame.text.startswith("Source\u00a0:")
    # No English left in the deck's own words (the site slide's subtitle is the chart's,
    # worded by the charts; source titles are data).
    words = " ".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame and not (slide == site_slide and shape.name == "Subtitle")
    ).lower()
    for english in (" projected", " verified", " scenario ", " emissions", " target", " jobs"):
        assert english not in words, english


def test_the_file_menu_in_french_exports_a_french_deck(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

    from dkgis.ui.language import apply_language
    from dkgis.ui.main_window import MainWindow

    app = QApplication.instance()
    apply_language(app, "fr")
    try:
        window = MainWindow(Project.load(DEFAULT_DATASET))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.project.selection.set(["FR_205769"])
        out = tmp_path / "élus.pptx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        seen = {}

        def fill_dialog():
            dialog = QApplication.activeModalWidget()
            if dialog is None or dialog.objectName() != "presentationDialog":
                QTimer.singleShot(50, fill_dialog)
                return
            combo = dialog.scenario
            seen["scenarios"] = [combo.itemText(i) for i in range(combo.count())]
            combo.setCurrentIndex(combo.findText("Aucune nouvelle mesure"))
            dialog.year.selectAll()
            qtbot.keyClicks(dialog.year, "2030")
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        QTimer.singleShot(50, fill_dialog)
        file_menu = window.menuBar().actions()[0].menu()
        next(a for a in file_menu.actions() if a.objectName() == "exportPptxAction").trigger()
        qtbot.waitUntil(lambda: out.exists(), timeout=20000)
        window.project.selection.set([])
    finally:
        apply_language(app, "en")
    assert "Plans annoncés" in seen["scenarios"] and "Announced plans" not in seen["scenarios"]
    prs = Presentation(str(out))
    map_slide, site_slide = prs.slides
    assert map_slide.shapes.title.text == "Zone industrialo-portuaire de Dunkerque"
    subtitle = _named(map_slide, "Subtitle").text_frame.text
    assert "Émissions de CO₂ 2030 · projection · scénario Aucune nouvelle mesure" in subtitle
    assert "scénario Aucune nouvelle mesure" in _named(site_slide, "Key figure 2").text_frame.text
