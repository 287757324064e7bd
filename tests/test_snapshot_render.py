"""The snapshot render path: reference picture, determinism, PDF, SVG, clipboard, layouts."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess

import numpy as np
import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QGuiApplication, QImage

from dkgis.charts.panel import ChartPanel
from dkgis.export.snapshot import (
    encode_png,
    export_snapshot,
    make_spec,
    render_snapshot,
    snapshot_chart,
    snapshot_mime_data,
)
from dkgis.map.render import render_image, render_pdf, render_svg
from dkgis.model.frame import MapFrame, frame_of
from dkgis.model.project import Project
from dkgis.model.scenario import preset_scenarios
from dkgis.model.snapshot import LAYOUT_MAP_CHART, PRESETS, Decorations, SnapshotSpec
from tests.snapshot_reference import REFERENCE, reference_project, reference_spec
from tests.xml_check import parse_svg

IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return reference_project(tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def dunkerque():
    return Project.load()


@pytest.fixture(autouse=True)
def _english_dates():
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(QLocale.system())


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)


def poppler(tool: str) -> str:
    """Path of a poppler-utils tool; skip the test without it (but never in CI)."""
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} (poppler-utils) is missing in CI: .ci/run installs it")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def frame_of_map(project: Project, **changes) -> MapFrame:
    """The whole cluster with every layer (``changes``: year, scenario, layers...)."""
    layers = tuple(layer.name for layer in project.layers)
    return frame_of(project, **{"layers": layers, "extent": project.cluster_extent(), **changes})


def a4_spec(project: Project, **changes) -> SnapshotSpec:
    preset = PRESETS["a4-landscape"]
    return make_spec(
        project,
        frame_of_map(project, year=2022),
        preset.width,
        preset.height,
        preset.dpi,
        title=changes.pop("title", "Emissions de CO2 du port de Dunkerque"),
        today=datetime.date(2025, 3, 14),
        **changes,
    )


# -- the reference picture -------------------------------------------------------------


def test_render_matches_the_stored_reference(qtbot, small):
    """Same drawing as ``tests/data/snapshot_reference.png``, within a small tolerance
    (regenerate it with ``python -m tests.snapshot_reference`` after an intended change)."""
    reference = QImage(str(REFERENCE))
    assert not reference.isNull(), f"{REFERENCE} is missing"
    image = render_image(small, reference_spec(small))
    assert (image.width(), image.height()) == (reference.width(), reference.height())
    a, b = pixels(image), pixels(reference)
    diff = np.abs(a - b).max(axis=2)
    # Tolerance for text antialiasing; a change of year (circle sizes) exceeds it.
    assert diff.mean() < 0.3, f"mean difference {diff.mean():.2f}"
    assert (diff > 60).mean() < 0.002, f"{(diff > 60).mean():.2%} of the pixels differ"


def test_render_differs_from_the_reference_when_the_picture_changes(qtbot, small):
    """The comparison is sharp enough to see a missing legend."""
    from dataclasses import replace

    reference = pixels(QImage(str(REFERENCE)))
    image = pixels(
        render_image(
            small,
            replace(
                reference_spec(small),
                decorations=Decorations(sector_legend=False, size_legend=False),
            ),
        )
    )
    diff = np.abs(image - reference).max(axis=2)
    assert diff.mean() > 0.3 * 10 and (diff > 60).mean() > 0.002 * 5


def test_same_spec_gives_the_same_bytes(qtbot, small):
    spec = reference_spec(small)
    first = encode_png(render_image(small, spec))
    second = encode_png(render_image(small, spec))
    assert first == second
    other_frame = spec.frame.replace(year=2020)
    other = encode_png(render_image(small, SnapshotSpec(**{**spec.__dict__, "frame": other_frame})))
    assert other != first


# -- PDF ---------------------------------------------------------------------------------


def test_pdf_keeps_text_as_text_and_stays_small(qtbot, dunkerque, tmp_path):
    """A4 landscape at 300 dpi with the offline basemap: title and legend are text, no
    picture is embedded, the file is small."""
    pdftotext, pdfimages = poppler("pdftotext"), poppler("pdfimages")
    spec = a4_spec(dunkerque)
    out = tmp_path / "map.pdf"
    size = export_snapshot(dunkerque, spec, out)
    assert size == out.stat().st_size
    assert size <= 2_000_000, f"{size} bytes"
    text = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True)
    assert text.returncode == 0
    assert "Emissions de CO2 du port de Dunkerque" in text.stdout
    for words in ("Facilities by sector", "CO₂ emissions 2022", "Sources:", "14 March 2025"):
        assert words in text.stdout
    assert "Syntax Error" not in text.stderr  # the drawing is well-formed PDF
    images = subprocess.run([pdfimages, "-list", str(out)], capture_output=True, text=True)
    rows = [line for line in images.stdout.splitlines()[2:] if line.strip()]
    assert rows == [], "the PDF embeds pictures:\n" + images.stdout


def test_pdf_page_has_the_physical_size_of_the_preset(qtbot, small, tmp_path):
    pdfinfo = poppler("pdfinfo")
    spec = a4_spec(small)
    (tmp_path / "a4.pdf").write_bytes(render_pdf(small, spec))
    info = subprocess.run([pdfinfo, str(tmp_path / "a4.pdf")], capture_output=True, text=True)
    width, height = map(
        float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout).groups()
    )
    assert width == pytest.approx(297 / 25.4 * 72, abs=0.5)
    assert height == pytest.approx(210 / 25.4 * 72, abs=0.5)


# -- SVG ---------------------------------------------------------------------------------


def test_svg_has_text_elements_and_no_embedded_picture(qtbot, dunkerque):
    spec = a4_spec(dunkerque, title="SVG de la carte")
    svg = render_svg(dunkerque, spec).decode("utf-8")
    parse_svg(svg)
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    assert any("SVG de la carte" in t for t in texts)
    assert any("Steel" in t for t in texts)
    assert "<image" not in svg
    # Line widths scale with the picture (a non-scaling stroke keeps its screen width
    # whatever the size of the picture in a slide).
    assert "non-scaling-stroke" not in svg
    # It renders back into a picture of the right size, not blank.
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, spec.width, spec.height)


def test_vector_and_raster_renders_draw_the_same_symbols(qtbot, small):
    """Vector symbols (SVG/PDF) are at the same places and in the same colours as sprites."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtSvg import QSvgRenderer

    spec = reference_spec(small)
    raster = pixels(render_image(small, spec))
    svg = render_svg(small, spec)
    parse_svg(svg)
    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(spec.width, spec.height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    vector = pixels(image)
    diff = np.abs(vector - raster).max(axis=2)
    assert (diff > 80).mean() < 0.02, f"{(diff > 80).mean():.2%} of the pixels differ"


# -- clipboard ---------------------------------------------------------------------------


def test_copy_puts_an_image_and_the_vector_documents_on_the_clipboard(qtbot, small):
    from dkgis.export.snapshot import copy_snapshot

    spec = reference_spec(small)
    QGuiApplication.clipboard().clear()
    copy_snapshot(small, spec)
    clip = QGuiApplication.clipboard()
    image = clip.image()
    assert not image.isNull()
    assert (image.width(), image.height()) == (spec.width, spec.height)
    mime = clip.mimeData()
    assert {"image/png", "image/svg+xml", "application/pdf"} <= set(mime.formats())
    assert bytes(mime.data("application/pdf"))[:5] == b"%PDF-"


def test_mime_data_can_leave_the_vector_documents_out(qtbot, small):
    mime = snapshot_mime_data(small, reference_spec(small), vector=False)
    assert mime.hasImage() and "application/pdf" not in mime.formats()


# -- map + chart ---------------------------------------------------------------------------


def test_map_and_chart_layout_calls_the_chart_painter_beside_the_map(qtbot, small):
    calls = []

    def fake(painter, rect, scale):
        calls.append((QRectF(rect), scale))

    spec = make_spec(
        small, frame_of_map(small, year=2021), 1920, 1080, 144, layout=LAYOUT_MAP_CHART
    )
    image = render_image(small, spec, chart=fake)
    assert not image.isNull()
    ((rect, scale),) = calls
    assert scale == pytest.approx(1.5)
    assert rect.left() > 1920 * 0.5 and rect.right() <= 1920  # the right part of the slide
    assert rect.height() > 200


def test_portrait_pages_put_the_chart_under_the_map(qtbot, small):
    from dkgis.map.page import page_layout

    spec = make_spec(small, frame_of_map(small), 2480, 3508, 300, layout=LAYOUT_MAP_CHART)
    layout = page_layout(spec)
    assert layout.chart.top() >= layout.map.bottom() - 1
    assert layout.chart.width() == pytest.approx(2480)


def svg_texts(svg: str) -> str:
    """Every text of an SVG document, joined (a line per text element)."""
    return "\n".join(
        re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg, re.S)
    )


def chart_spec(project: Project, site: str | None, scenario, **changes) -> SnapshotSpec:
    return make_spec(
        project,
        frame_of_map(project, year=2030, scenario=scenario),
        1920,
        1080,
        144,
        layout=LAYOUT_MAP_CHART,
        chart_site=site,
        **changes,
    )


def test_map_and_chart_page_draws_the_dock_chart_with_the_2013_accounting_break(qtbot, dunkerque):
    """The chart of a slide is the trajectory dock's: ArcelorMittal's 2013 drop is
    annotated as a change in how steel-works gases are counted, not read as a cut."""
    scenario = dunkerque.scenarios.scenarios[1]  # not the active one
    spec = chart_spec(dunkerque, "FR_956", scenario)
    panel = snapshot_chart(dunkerque, spec)
    assert isinstance(panel, ChartPanel)
    assert panel.title == dunkerque.facilities["FR_956"].name
    assert f"projected · scenario {scenario.name}" in panel.caption
    svg = render_snapshot(dunkerque, spec, "svg").vector.decode("utf-8")
    parse_svg(svg)
    texts = svg_texts(svg)
    assert "2013: change in where" in texts  # the accounting break
    assert "Verified emissions (EU ETS)" in texts
    assert f"projection (scenario {scenario.name})" in texts  # the scenario named in the legend
    assert "Territorial pathway from 2022" in texts  # the territorial targets
    assert "Measures" not in texts  # compact: no measures lane
    # The chart panel (right of the map) is drawn, not blank.
    image = pixels(render_snapshot(dunkerque, spec, "png").image)
    panel_pixels = image[150:900, 1200:1880, :3]
    assert (panel_pixels.min(axis=2) < 200).mean() > 0.02


def test_the_cluster_chart_of_a_page_is_the_cluster_docks_compact(qtbot, dunkerque):
    scenario = dunkerque.scenarios.scenarios[0]
    spec = chart_spec(dunkerque, None, scenario)
    panel = snapshot_chart(dunkerque, spec)
    assert panel.title.startswith("Dunkerque cluster")
    texts = svg_texts(render_snapshot(dunkerque, spec, "svg").vector.decode("utf-8"))
    # (the note of the 2013 change is wrapped on the chart: its words, not its lines)
    # ...one sentence of the year's two changes
    words = " ".join(texts.split())
    assert "2013: sites enter the EU ETS; steel-gas CO₂ moves from steel to power" in words
    assert f"projection (scenario {scenario.name})" in texts
    assert "Verified total (EU ETS)" in texts


def test_a_page_chart_never_touches_the_active_scenario(qtbot, dunkerque):
    events = []
    dunkerque.scenarios.changed.connect(lambda: events.append(True))
    active = dunkerque.scenarios.active_name
    other = next(s for s in dunkerque.scenarios.scenarios if s.name != active)
    for site in ("FR_956", None):
        render_snapshot(dunkerque, chart_spec(dunkerque, site, other), "png")
    assert events == [] and dunkerque.scenarios.active_name == active


# -- projected emissions -----------------------------------------------------------------


def test_a_scenario_projects_the_emission_layer_and_the_legend_says_so(qtbot, small):
    from dkgis.model.yearly import PROJECTED, emissions_for_year

    scenario = preset_scenarios(small)[0]
    values = emissions_for_year(small, 2030, scenario)
    assert values.is_projected and values.scenario == scenario.name
    assert set(values.kinds[np.isfinite(values.values)]) == {PROJECTED}
    frame = frame_of_map(small, layers=("land", "emissions"), year=2030, scenario=scenario)
    svg = render_svg(small, SnapshotSpec(frame, 900, 600)).decode("utf-8")
    parse_svg(svg)
    assert f"Projected under scenario {scenario.name} from the verified values to" in svg


# -- limits ------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(20001, 100), (100, 25000)])
def test_oversized_snapshots_are_refused_before_any_allocation(qtbot, small, width, height):
    spec = SnapshotSpec(frame_of_map(small), width, height)
    with pytest.raises(ValueError, match="20000 pixels"):
        render_image(small, spec)
    with pytest.raises(ValueError, match="20000 pixels"):
        render_pdf(small, spec)
