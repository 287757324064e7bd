"""Exported maps on small pages: nothing cut off at the page's edge, nothing over
anything else, the map keeps most of the page, and every source stays credited; the
presets keep their layout."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from dkgis import i18n, wording
from dkgis.data import DEFAULT_DATASET
from dkgis.export.snapshot import make_spec
from dkgis.map import page as page_module
from dkgis.map.render import render_image_layout, render_preview, render_svg_layout
from dkgis.model.frame import frame_of
from dkgis.model.project import Project
from dkgis.model.snapshot import LAYOUT_MAP, LAYOUT_MAP_CHART, PRESETS

TODAY = datetime.date(2026, 12, 3)
#: The map's share of a small page is at least this (the rest: legend, title band, footer).
MAP_SHARE = 0.45
#: ...and at least this from 640 x 480 pixels at 96 dpi up.
MAP_SHARE_LARGER = 0.55


@pytest.fixture(autouse=True)
def _app(qapp):
    """Fonts and images need the application."""


@pytest.fixture(scope="module")
def project():
    return Project.load(DEFAULT_DATASET)


@pytest.fixture(params=["en", "fr"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def spec_of(project, width, height, dpi, *, year=2022, layout=LAYOUT_MAP):
    """The spec ``dkgis export --size WxH --dpi DPI [--year YEAR]`` makes."""
    layers = tuple(
        layer.name
        for layer in project.layers
        if layer.visible or (year is not None and layer.kind == "emissions")
    )
    state = {"year": year} if year is not None else {}
    frame = frame_of(project, layers=layers, extent=project.cluster_extent(), **state)
    return make_spec(project, frame, width, height, dpi, layout=layout, today=TODAY)


def boxes_of(layout) -> dict[str, QRectF]:
    named = {
        "map": layout.map,
        "header": layout.header,
        "chart": layout.chart,
        "legend panel": layout.legend,
        "footer": layout.footer,
    }
    return {name: box for name, box in named.items() if box is not None}


def assert_nothing_cut_or_covered(layout, spec):
    page = layout.page
    bands = boxes_of(layout)
    for name, box in bands.items():
        assert page.contains(box), name
    for (a, box_a), (b, box_b) in itertools.combinations(bands.items(), 2):
        # The map's edges are whole pixels: it may reach half a pixel under a band
        # painted over it.
        overlap = box_a.intersected(box_b)
        assert min(overlap.width(), overlap.height()) <= 0.5, (a, b)
    holder = layout.legend or layout.chart or layout.map
    for column in layout.legend_boxes:
        assert page.contains(column) and holder.contains(column), column
    for a, b in itertools.combinations(layout.legend_boxes, 2):
        assert not a.intersects(b)
    if layout.title_box is not None:
        assert layout.map.contains(layout.title_box)
        assert not any(column.intersects(layout.title_box) for column in layout.legend_boxes)
    # The footer's lines, and the date beside the first, fit the page's width.
    scale = spec.render_scale
    pad = page_module.style.MARGIN * scale
    fm = QFontMetricsF(page_module._font(page_module.footer_size(layout.compact), scale))
    for k, line in enumerate(layout.source_lines):
        right = pad + fm.horizontalAdvance(line)
        if k == 0 and layout.date_text:
            right += pad + fm.horizontalAdvance(layout.date_text)
        assert right <= page.width() + 0.5, line
    rows = len(layout.source_lines)
    assert layout.footer is None or layout.footer.height() >= rows * fm.lineSpacing()


def map_share(layout) -> float:
    page = layout.page
    return layout.map.width() * layout.map.height() / (page.width() * page.height())


SMALL_PAGES = [
    (800, 500, 144.0, None),  # the pages first reported: legend cut, map in a corner
    (800, 500, 144.0, 2022),
    (1200, 800, 200.0, 2022),
    (640, 480, 96.0, 2022),
    (720, 450, 96.0, None),
    (1000, 400, 96.0, 2022),  # a banner
    (500, 700, 96.0, 2022),  # portrait: the legend under the map
    (360, 640, 96.0, None),
    (800, 500, 130.0, None),
]


@pytest.mark.parametrize(("width", "height", "dpi", "year"), SMALL_PAGES)
def test_small_pages_cut_nothing_and_keep_most_of_the_page_for_the_map(
    project, language, width, height, dpi, year
):
    spec = spec_of(project, width, height, dpi, year=year)
    _, layout = render_image_layout(project, spec)
    assert layout.compact
    assert layout.legend_boxes, "the legend is drawn"
    assert_nothing_cut_or_covered(layout, spec)
    logical = (width / spec.render_scale, height / spec.render_scale)
    least = MAP_SHARE_LARGER if min(logical) >= 480 else MAP_SHARE
    assert map_share(layout) >= least


@pytest.mark.parametrize(
    ("width", "height", "dpi"), [(800, 500, 144.0), (640, 480, 96.0), (500, 700, 96.0)]
)
def test_small_map_and_chart_pages_cut_nothing(project, language, width, height, dpi):
    spec = spec_of(project, width, height, dpi, layout=LAYOUT_MAP_CHART)
    painted = []

    def chart(painter, rect, scale):
        painted.append((QRectF(rect), scale))

    _, layout = render_image_layout(project, spec, chart=chart)
    assert layout.compact and layout.chart is not None
    assert_nothing_cut_or_covered(layout, spec)
    (rect, scale) = painted[0]
    assert layout.chart.contains(rect)
    assert scale < spec.render_scale  # the chart's texts are smaller too
    for column in layout.legend_boxes:  # under the chart when it fits there
        assert column.top() >= rect.bottom()


@pytest.mark.parametrize(
    ("width", "height", "dpi", "year"),
    [
        (320, 200, 96.0, 2022),
        (400, 300, 96.0, None),
        (300, 400, 96.0, 2022),
        (200, 120, 96.0, None),
    ],
)
def test_tiny_pages_cut_nothing_either(project, width, height, dpi, year):
    """Too small for the legend at a readable size: it is left out rather than cut."""
    spec = spec_of(project, width, height, dpi, year=year)
    _, layout = render_image_layout(project, spec)
    assert_nothing_cut_or_covered(layout, spec)
    assert layout.source_lines  # the sources are always credited


def test_small_page_texts_are_no_smaller_than_the_floor(project, language):
    """Every text of the legend, the title and the footer of a small page is some
    7 pixels at 96 dpi or larger (the map's names are larger)."""
    spec = spec_of(project, 800, 500, 144.0)
    svg, layout = render_svg_layout(project, spec)
    assert layout.compact
    sizes = [float(size) for size in re.findall(rb'font-size="([0-9.]+)"', svg)]
    assert sizes
    # Pixel sizes of the page, rounded to whole pixels.
    assert min(sizes) >= round(page_module.TEXT_FLOOR * spec.render_scale) - 0.5


def test_the_small_page_is_laid_out_as_its_preview(project):
    spec = spec_of(project, 800, 500, 144.0)
    _, file_layout = render_image_layout(project, spec)
    image, preview_layout = render_preview(project, spec, 400, 250)
    assert image.width() <= 400
    assert preview_layout.compact and file_layout.compact
    assert preview_layout.legend_boxes == file_layout.legend_boxes
    assert preview_layout.source_lines == file_layout.source_lines
    assert preview_layout.title_box == file_layout.title_box


#: The layout of presets, as before small pages were laid out compact: the map, the
#: legend panel (``None``: over the map) and the footer's top, in pixels.
PRESET_LAYOUTS = {
    ("slide-16x9", 2022): ((0, 0, 1920, 1020), None, 1020.1),
    ("slide-4x3", 2022): ((0, 0, 1193, 1104), (1193, 0, 407, 1104.4), 1104.4),
    ("slide-4x3", None): ((0, 0, 1141, 1104), (1141, 0, 459, 1104.4), 1104.4),
    ("a4-landscape", 2022): ((0, 0, 3508, 2326), None, 2326.1),
}


@pytest.mark.parametrize(("name", "year"), list(PRESET_LAYOUTS))
def test_presets_keep_their_layout(project, name, year):
    preset = PRESETS[name]
    spec = spec_of(project, preset.width, preset.height, float(preset.dpi), year=year)
    _, layout = render_image_layout(project, spec)
    map_rect, legend, footer_top = PRESET_LAYOUTS[(name, year)]
    assert not layout.compact
    assert layout.map.getRect() == pytest.approx(map_rect, abs=1)
    if legend is None:
        assert layout.legend is None
    else:
        assert layout.legend.getRect() == pytest.approx(legend, abs=1)
    assert layout.footer.top() == pytest.approx(footer_top, abs=1)
    assert wording.sources_footer(spec.sources).startswith(layout.source_lines[0][:20])


def test_the_short_sources_line_credits_every_publisher_and_licence(project, language):
    entries = wording.source_entries(project)
    full = wording.sources_footer(entries)
    short = wording.compact_sources_footer(entries)
    assert len(short) < 0.7 * len(full)
    for source in wording.drawn_sources(project, None):
        parts = wording.source_parts(source)
        if parts is None:
            continue
        publisher, _, licence = parts
        assert publisher in short and f"{licence})" in short, publisher
    # Publishers of one licence are named together, before it.
    assert re.search(r"IGN, Géorisques \(Licence Ouverte\)", short)


def test_the_short_sources_line_keeps_credit_lines_whole():
    entries = ("Acme, roads 2020 (CC BY 4.0)", "Survey of the port, 2021", "Zeta, rail (CC BY 4.0)")
    short = wording.compact_sources_footer(entries)
    assert short == "Sources: Acme, Zeta (CC BY 4.0); Survey of the port, 2021"
    assert wording.compact_sources_footer(()) == ""


def test_a_page_too_small_for_its_legend_says_so(project, tmp_path, capsys):
    """A page that leaves its legend out says so (the layout, the command line); a page
    with its legend, or without one to show, does not."""
    i18n.set_language("fr")
    try:
        tiny = render_image_layout(project, spec_of(project, 480, 320, 96.0))[1]
        assert tiny.legend_left_out and not tiny.legend_boxes
        chart = render_image_layout(
            project, spec_of(project, 800, 500, 144.0, year=None, layout=LAYOUT_MAP_CHART)
        )[1]
        assert chart.legend_left_out
    finally:
        i18n.set_language("en")
    for layout in (
        render_image_layout(project, spec_of(project, 800, 500, 144.0))[1],
        render_image_layout(project, spec_of(project, 1600, 1000, 96.0))[1],
    ):
        assert layout.legend_boxes and not layout.legend_left_out
    from dkgis.cli.main import main

    out = tmp_path / "petite.png"
    try:
        code = main(["--lang", "fr", "export", str(out), "--size", "480x320", "--year", "2022"])
    finally:
        i18n.set_language("en")
    assert code == 0 and out.exists()
    assert "petite.png\u00a0: pas de légende, la page est trop petite" in capsys.readouterr().err


def test_the_chart_panel_wraps_its_title_rather_than_cutting_it(project):
    """On a 4:3 slide the cluster chart's title and caption are too long for one line:
    they go on two, whole."""
    from dkgis.charts.panel import snapshot_chart

    i18n.set_language("fr")
    try:
        preset = PRESETS["slide-4x3"]
        frame = frame_of(project, extent=project.cluster_extent())
        spec = make_spec(
            project,
            frame,
            preset.width,
            preset.height,
            float(preset.dpi),
            layout=LAYOUT_MAP_CHART,
            today=TODAY,
        )
        svg, _ = render_svg_layout(project, spec, chart=snapshot_chart(project, spec))
    finally:
        i18n.set_language("en")
    text = svg.decode("utf-8")
    lines = re.findall(r"<text[^>]*>([^<]*)</text>", text)
    assert "Zone industrialo-portuaire de Dunkerque\u00a0:" in lines
    assert "émissions par secteur" in lines
    assert "scénario Plans annoncés" in lines
