"""PowerPoint export: a 16:9 deck with the emission map and, optionally, one slide per site.

The deck shows one :class:`~dkgis.model.frame.MapFrame` (year, scenario, layers,
sectors): every slide names its year and scenario, and the project is only read (the
active scenario, the year and the selection of the window do not change).

* optional **title slide**: the title and what the map shows, centred;
* the **map slide**: the map of the frame from the single render path
  (:func:`dkgis.map.render.render_image`, legend, scale bar and north arrow drawn on it)
  across the slide below the title; the title, what the values are and the source line
  are slide text, not pixels;
* one **slide per site** asked for: the trajectory dock's chart in its compact mode
  (:mod:`dkgis.charts.panel`), large, with the site's three key figures beside it as text
  (last verified value, projection for 2030 under the deck's scenario, gap to the site's
  or the territory's target: :mod:`dkgis.model.site_figures`), its stated jobs and
  investment under them, and one source line. The chart's caveats and notes, and every
  key figure with its source, go to the speaker notes.

Every word on a slide is editable text in the language of :mod:`dkgis.i18n`; only the
map and the chart are pictures. The deck is a real widescreen deck: slide size, master
and layouts are 13.333 x 7.5 in (python-pptx's own template is 4:3, so its placeholders
are widened here). python-pptx is imported when a deck is written, never at start-up.
The chart slides need a ``QApplication`` (charts are widgets, laid out off screen). The
file is written atomically.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QImage

from dkgis import wording
from dkgis.i18n import _, format_date
from dkgis.io.atomic import atomic_path
from dkgis.map.render import render_image
from dkgis.model.snapshot import Decorations, SnapshotSpec
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.charts.page import ChartPage
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario

#: Slide size: 16:9, 13.333 x 7.5 inches (PowerPoint's widescreen), in EMU.
EMU_PER_INCH = 914400
SLIDE_W_EMU, SLIDE_H_EMU = 12192000, 6858000
SLIDE_W_IN, SLIDE_H_IN = SLIDE_W_EMU / EMU_PER_INCH, SLIDE_H_EMU / EMU_PER_INCH
#: Layout of the content slides, in inches.
MARGIN_IN = 0.45
TITLE_TOP, TITLE_H = 0.25, 0.65
SUBTITLE_TOP, SUBTITLE_H = 0.95, 0.4
BODY_TOP = 1.45
SOURCE_H = 0.42
SOURCE_TOP = SLIDE_H_IN - SOURCE_H - 0.15
BODY_BOTTOM = SOURCE_TOP - 0.1
#: Site slides: the chart on the left, the key figures in a column on the right.
CHART_W_IN = 8.55
FIGURES_LEFT = MARGIN_IN + CHART_W_IN + 0.35
FIGURES_W = SLIDE_W_IN - MARGIN_IN - FIGURES_LEFT
#: Font sizes, points.
TITLE_PT = (28.0, 24.0, 20.0)
SUBTITLE_PT = 16.0
SOURCE_PT = 9.0
FIGURE_PT, FIGURE_LABEL_PT = 24.0, 12.0
KPI_HEAD_PT, KPI_PT = 12.0, 10.5
#: Width of the map picture in pixels (its height follows the picture box, > 1080 px).
MAP_WIDTH_PX = 2880
#: Resolution the map is drawn at: text and symbols at 168/96 of their screen size
#: (on a slide shown 1920 px wide, about their size on screen).
MAP_DPI = 168
#: Pixels of the chart picture per logical (96 dpi) pixel.
CHART_SCALE = 2.0
#: Average width of a character, in ems, used to size text boxes (Calibri's is about
#: 0.48; a little more keeps a margin for wider fonts).
CHAR_EM = 0.53
LINE_SPACING = 1.2
#: Colours of the texts.
TEXT_COLOUR, MUTED_COLOUR, FIGURE_COLOUR = "222222", "555555", "1F3B57"

#: The python-pptx template's layouts used, by index.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5

Progress = Callable[[int, int], "bool | None"]


class DeckCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


@dataclass(frozen=True)
class DeckResult:
    """What was written."""

    path: Path
    slides: int
    titles: tuple[str, ...]
    size_bytes: int
    seconds: float


def check_sites(project: Project, site_ids: Sequence[str]) -> tuple[str, ...]:
    """Return the site ids, stripped and without repeats; ValueError for an unknown one."""
    out: list[str] = []
    for raw in site_ids:
        fid = str(raw).strip()
        if not fid:
            continue
        if fid not in project.facilities:
            raise ValueError(
                _(
                    "unknown facility id {id} (ids look like FR_956; see the Facilities table)"
                ).format(id=repr(fid))
            )
        if fid not in out:
            out.append(fid)
    return tuple(out)


def export_pptx(
    project: Project,
    path: str | Path,
    frame: MapFrame,
    *,
    site_ids: Sequence[str] = (),
    title: str | None = None,
    title_slide: bool = False,
    progress: Progress | None = None,
) -> DeckResult:
    """Write a 16:9 PowerPoint deck of the emission map of ``frame`` (and site charts).

    Parameters
    ----------
    project
        The project (only read: nothing of the window changes).
    path
        The ``.pptx`` file to write.
    frame
        What the map slide shows (year, scenario, layers, extent, sectors); the site
        slides project under its scenario and mark its year. See
        :func:`dkgis.model.frame.emission_map_frame`.
    site_ids
        Facilities that get a slide with their trajectory chart, in this order.
    title
        Title of the deck (default: the cluster's name).
    title_slide
        Start with a title slide.
    progress
        Called as ``progress(slides_done, slides_total)``; return ``False`` to cancel
        (:class:`DeckCancelled`, nothing written).

    Raises
    ------
    ValueError
        An unknown site id (the message says which).
    OSError
        The file could not be written (a previous file is kept).
    """
    start = time.perf_counter()
    path = Path(path)
    sites = check_sites(project, site_ids)
    prs = widescreen_presentation()
    total = 1 + len(sites) + int(title_slide)
    done = 0
    titles: list[str] = []
    map_title = xml_safe_text(title or wording.default_title())

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False:
            raise DeckCancelled(_("the PowerPoint export was cancelled"))

    if title_slide:
        titles.append(_title_slide(prs, project, map_title, frame))
        tick()
    titles.append(_map_slide(prs, project, map_title, frame))
    tick()
    if sites:
        _require_widgets()
        for fid in sites:
            titles.append(_site_slide(prs, project, fid, frame.scenario, frame.year))
            tick()
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return DeckResult(
        path, len(prs.slides), tuple(titles), path.stat().st_size, time.perf_counter() - start
    )


# -- the widescreen template --------------------------------------------------------------
def widescreen_presentation() -> Any:
    """A new presentation whose slide size, master and layouts are 16:9.

    python-pptx's template is a 4:3 deck (10 x 7.5 in): the slide size is set to
    13.333 x 7.5 in without the ``screen4x3`` type, every placeholder of the master and
    the layouts is widened in proportion (so the title slide's title stays centred), and
    the "Title Only" layout's title takes the place the content slides give it.
    """
    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation()
    factor = SLIDE_W_EMU / prs.slide_width
    size = prs.part._element.find(qn("p:sldSz"))
    size.set("cx", str(SLIDE_W_EMU))
    size.set("cy", str(SLIDE_H_EMU))
    size.attrib.pop("type", None)  # "screen4x3" would tell PowerPoint it is 4:3
    for part in (prs.slide_master, *prs.slide_layouts):
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
            if ext is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))
    title = next(
        shape
        for shape in prs.slide_layouts[TITLE_ONLY_LAYOUT].placeholders
        if shape.placeholder_format.idx == 0
    )
    title.left, title.top = _emu(MARGIN_IN), _emu(TITLE_TOP)
    title.width, title.height = _emu(SLIDE_W_IN - 2 * MARGIN_IN), _emu(TITLE_H)
    return prs


# -- text ---------------------------------------------------------------------------------
def _emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


def text_lines(text: str, size_pt: float, width_in: float) -> int:
    """Lines ``text`` takes at ``size_pt`` in a box ``width_in`` wide (estimated, words kept
    whole)."""
    per_line = max(8, int(width_in * 72 / (size_pt * CHAR_EM)))
    total = 0
    for paragraph in text.split("\n"):
        lines, length = 1, 0
        for word in paragraph.split():
            need = len(word) + (1 if length else 0)
            if length and length + need > per_line:
                lines += 1
                length = len(word)
            else:
                length += need
            while length > per_line:  # a word longer than a line breaks inside
                lines += 1
                length -= per_line
        total += lines
    return total


def text_height(text: str, size_pt: float, width_in: float) -> float:
    """Height in inches of ``text`` at ``size_pt`` in a box ``width_in`` wide."""
    return text_lines(text, size_pt, width_in) * size_pt * LINE_SPACING / 72


def fitting_size(text: str, sizes: Sequence[float], width_in: float, lines: int = 1) -> float:
    """The largest of ``sizes`` (points) at which ``text`` takes at most ``lines`` lines."""
    for size in sizes:
        if text_lines(text, size, width_in) <= lines:
            return size
    return sizes[-1]


@dataclass(frozen=True)
class Run:
    """A paragraph of a text box: its text, size, colour and weight."""

    text: str
    size_pt: float
    colour: str = TEXT_COLOUR
    bold: bool = False


def _fill(frame: Any, runs: Sequence[Run], align: int | None = None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for i, spec in enumerate(runs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = xml_safe_text(spec.text)
        run.font.size = Pt(spec.size_pt)
        run.font.bold = spec.bold
        run.font.color.rgb = RGBColor.from_string(spec.colour)


def _text_box(
    slide: Any, runs: Sequence[Run], left: float, top: float, width: float, height: float, name: str
) -> Any:
    """A text box holding ``runs``, one paragraph each, with no inner margins."""
    from pptx.enum.text import MSO_AUTO_SIZE

    box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
    box.name = name
    frame = box.text_frame
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    _fill(frame, runs)
    return box


def _runs_height(runs: Sequence[Run], width: float) -> float:
    return sum(text_height(r.text, r.size_pt, width) for r in runs)


def _set_title(slide: Any, text: str) -> None:
    """The slide's title: one line, as large as fits (the layout places it)."""
    from pptx.enum.text import PP_ALIGN

    shape = slide.shapes.title
    size = fitting_size(text, TITLE_PT, SLIDE_W_IN - 2 * MARGIN_IN)
    frame = shape.text_frame
    frame.text = ""
    frame.margin_left = frame.margin_right = 0  # aligned with the texts under it
    _fill(shape.text_frame, [Run(text, size, bold=True)], PP_ALIGN.LEFT)


def _subtitle(slide: Any, text: str) -> Any:
    width = SLIDE_W_IN - 2 * MARGIN_IN
    size = fitting_size(text, (SUBTITLE_PT, 14.0, 12.0), width)
    return _text_box(
        slide, [Run(text, size, MUTED_COLOUR)], MARGIN_IN, SUBTITLE_TOP, width, SUBTITLE_H,
        "Subtitle",
    )  # fmt: skip


def _source_box(slide: Any, text: str) -> Any:
    width = SLIDE_W_IN - 2 * MARGIN_IN
    size = fitting_size(text, (SOURCE_PT, 8.0, 7.0), width, lines=2)
    return _text_box(
        slide, [Run(text, size, MUTED_COLOUR)], MARGIN_IN, SOURCE_TOP, width, SOURCE_H, "Source"
    )


def _notes(slide: Any, paragraphs: Sequence[str]) -> None:
    """The speaker notes: one paragraph per entry (empty entries left out)."""
    slide.notes_slide.notes_text_frame.text = xml_safe_text("\n".join(p for p in paragraphs if p))


# -- pictures -----------------------------------------------------------------------------
def _png_bytes(image: QImage) -> io.BytesIO:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(5, _("the picture could not be encoded as PNG"))
    buffer.close()
    return io.BytesIO(bytes(data.data()))


def _add_picture(
    slide: Any,
    image: QImage,
    box: tuple[float, float, float, float],
    description: str,
) -> Any:
    """Add ``image`` scaled to fit ``box`` (left, top, width, height in inches), centred in
    it; its alternative text is ``description``."""
    left, top, box_w, box_h = box
    scale = min(box_w / image.width(), box_h / image.height())
    w, h = image.width() * scale, image.height() * scale
    x = left + (box_w - w) / 2
    y = top + (box_h - h) / 2
    picture = slide.shapes.add_picture(
        _png_bytes(image), _emu(x), _emu(y), min(_emu(w), SLIDE_W_EMU - _emu(x)), _emu(h)
    )
    picture._element.nvPicPr.cNvPr.set("descr", xml_safe_text(description))  # alt text
    return picture


# -- slides -------------------------------------------------------------------------------
def _title_slide(prs: Any, project: Project, title: str, frame: MapFrame) -> str:
    from pptx.enum.text import PP_ALIGN

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    heading = slide.shapes.title
    heading.text_frame.text = ""
    _fill(heading.text_frame, [Run(title, 40.0, bold=True)], PP_ALIGN.CENTER)
    subtitle = slide.placeholders[1]
    subtitle.text_frame.text = ""
    _fill(
        subtitle.text_frame,
        [
            Run(wording.frame_caption(project, frame), 20.0, MUTED_COLOUR),
            Run(_("dkgis, {date}").format(date=format_date(date.today())), 16.0, MUTED_COLOUR),
        ],
        PP_ALIGN.CENTER,
    )
    return title


def _map_slide(prs: Any, project: Project, title: str, frame: MapFrame) -> str:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _set_title(slide, title)
    subtitle = wording.map_subtitle(project, frame)
    _subtitle(slide, subtitle)
    box_h = BODY_BOTTOM - BODY_TOP
    spec = SnapshotSpec(
        frame=frame,
        width=MAP_WIDTH_PX,
        height=round(MAP_WIDTH_PX * box_h / SLIDE_W_IN),
        dpi=MAP_DPI,
        title=None,
        subtitle=None,
        # Credits are the slide's source line, as text.
        decorations=Decorations(attribution=False),
    )
    _add_picture(
        slide,
        render_image(project, spec),
        (0.0, BODY_TOP, SLIDE_W_IN, box_h),
        _("{title}: {subtitle}").format(title=title, subtitle=subtitle),
    )
    source = wording.map_source_line(project, frame.layers)
    _source_box(slide, source)
    notes = [wording.frame_caption(project, frame)]
    values_last = project.verified_matrix().last_year
    if values_last is not None and frame.year > values_last:
        notes.append(wording.projection_note(frame.scenario.name, values_last))
    _notes(slide, [*notes, source])
    return title


def _require_widgets() -> None:
    from PySide6.QtWidgets import QApplication

    if not isinstance(QCoreApplication.instance(), QApplication):
        raise RuntimeError("site chart slides need a QApplication (charts are widgets)")


def site_chart(
    project: Project,
    facility_id: str,
    scenario: Scenario | None,
    year: int,
    size: tuple[int, int],
) -> tuple[QImage, ChartPage, str | None]:
    """The compact trajectory chart of a site as a picture, its page (title, subtitle,
    notes, source), and the name of the scenario it projects under (``None``: nothing is
    projected).

    ``size`` is the chart's size in pixels at 96 dpi; the picture has
    :data:`CHART_SCALE` times more pixels.
    """
    from dkgis.charts.page import discard_view, view_image
    from dkgis.charts.panel import draw_compact_site, site_chart_data
    from dkgis.charts.site_chart import site_unit
    from dkgis.charts.site_page import site_page

    data = site_chart_data(project, facility_id, scenario)
    page = site_page(
        project, data, site_unit(data, compact=True), scenario, project.scenarios.available
    )
    view = draw_compact_site(project, data, year, *size)
    try:
        image = view_image(view, CHART_SCALE)
    finally:
        discard_view(view)
    return image, page, data.scenario


def _figure_column(slide: Any, project: Project, fid: str, scenario: Scenario) -> list[str]:
    """The site's key figures, stacked in the right column, and under them its stated
    jobs and investment (as many lines as the column holds); returns the speaker notes
    of them all, with their sources."""
    from dkgis.model.kpis import site_kpi_lines
    from dkgis.model.site_figures import site_figures

    figures = site_figures(project, fid, scenario)
    pairs = (
        wording.verified_figure(figures),
        wording.projected_figure(figures),
        wording.gap_figure(figures),
    )
    top = BODY_TOP
    for i, (value, label) in enumerate(pairs, start=1):
        if value is None:  # nothing to state: the reason, in words
            runs = [Run(label, FIGURE_LABEL_PT + 2, MUTED_COLOUR)]
        else:
            size = fitting_size(value, (FIGURE_PT, 20.0, 16.0), FIGURES_W)
            runs = [
                Run(value, size, FIGURE_COLOUR, True),
                Run(label, FIGURE_LABEL_PT, MUTED_COLOUR),
            ]
        height = _runs_height(runs, FIGURES_W)
        _text_box(slide, runs, FIGURES_LEFT, top, FIGURES_W, height, f"Key figure {i}")
        top += height + 0.22
    # The stated jobs and investment, as many lines as the column holds.
    runs = [Run(_("Jobs and investment"), KPI_HEAD_PT, TEXT_COLOUR, True)]
    for line in site_kpi_lines(project, fid):
        run = Run(_("{label}: {text}").format(label=line.label, text=line.text), KPI_PT)
        if top + _runs_height([*runs, run], FIGURES_W) > BODY_BOTTOM:
            break
        runs.append(run)
    if len(runs) > 1:
        _text_box(slide, runs, FIGURES_LEFT, top, FIGURES_W, _runs_height(runs, FIGURES_W), "Jobs")
    return [
        _("Key figures:"),
        wording.figure_sentence(*wording.verified_figure(figures, exact=True)),
        wording.figure_sentence(*wording.projected_figure(figures, exact=True)),
        wording.figure_sentence(*wording.gap_figure(figures, exact=True)),
        wording.target_note(figures),
        _("Jobs and investment stated by the sources:"),
        *(line.sentence for line in site_kpi_lines(project, fid)),
    ]


def _site_slide(prs: Any, project: Project, fid: str, scenario: Scenario, year: int) -> str:
    facility = project.facilities[fid]
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    title = facility.display_name
    _set_title(slide, title)
    chart_h = BODY_BOTTOM - BODY_TOP
    image, page, projected = site_chart(
        project, fid, scenario, year, (round(CHART_W_IN * 96), round(chart_h * 96))
    )
    operator = getattr(facility, "operator", None)
    operator = f"{operator} · " if operator and operator != title else ""
    _subtitle(slide, operator + page.subtitle)
    _add_picture(
        slide,
        image,
        (MARGIN_IN, BODY_TOP, CHART_W_IN, chart_h),
        _("Emission trajectory of {name}").format(name=title),
    )
    figure_notes = _figure_column(slide, project, fid, scenario)
    _source_box(slide, wording.short_source_line(project, projected))
    _notes(
        slide,
        [
            *figure_notes,
            _("Notes of the chart:") if page.notes else "",
            *page.notes,
            page.source,
        ],
    )
    return title
