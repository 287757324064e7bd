"""PowerPoint export: a 16:9 deck with the emission map and, optionally, one slide per site.

The deck shows one :class:`~dkgis.model.frame.MapFrame` (year, scenario, layers,
sectors): every slide names its year and scenario, and the project is only read (the
active scenario, the year and the selection of the window do not change).

* optional title slide;
* the **map slide**: the map of the frame from the single render path
  (:func:`dkgis.map.render.render_image`, legend, scale bar and north arrow drawn on it)
  filling the slide below the title; the title, what the values are, and the source
  line (every source with its data vintage) are real slide text, not pixels;
* one **slide per site** asked for: the trajectory dock's chart in its compact mode
  (:mod:`dkgis.charts.panel`: verified history, the 2013 accounting break, the
  projection of the frame's scenario, the targets), drawn off screen, never a screen
  grab, with the chart's notes and source line as slide text.

The deck's scenario is explicit (given, or the first one): the map and every chart use it,
and the project's active scenario is neither read nor changed. python-pptx is imported
when a deck is written, never at start-up. The chart slides need a ``QApplication``
(charts are widgets, laid out off screen). The file is written atomically.
"""

from __future__ import annotations

import io
import math
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

#: Slide size: 16:9, 13.333 x 7.5 inches (PowerPoint's default widescreen), in EMU.
SLIDE_W_EMU, SLIDE_H_EMU = 12192000, 6858000
SLIDE_W_IN, SLIDE_H_IN = SLIDE_W_EMU / 914400, SLIDE_H_EMU / 914400
#: Vertical layout of the content slides, in inches.
TITLE_TOP, TITLE_H = 0.18, 0.62
SUBTITLE_TOP, SUBTITLE_H = 0.78, 0.36
BODY_TOP = 1.18
SOURCE_H = 0.5
MARGIN_IN = 0.4
#: Width of the map picture in pixels (its height follows the picture box, ≥ 1080 px).
MAP_WIDTH_PX = 2560
#: Resolution the map is drawn at: text and symbols at 150/96 of their screen size.
MAP_DPI = 150
#: Pixels of the chart picture per logical (96 dpi) pixel.
CHART_SCALE = 2.0
#: Tallest notes box under a chart, in inches (the chart keeps the rest).
MAX_NOTES_H = 2.1

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
                f"unknown facility id {fid!r} (ids look like FR_956; see the Facilities table)"
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
        charts project under its scenario and mark its year. See
        :func:`dkgis.model.frame.emission_map_frame`.
    site_ids
        Facilities that get a slide with their trajectory chart, in this order.
    title
        Title of the map slide (default: the cluster's name).
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
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width = Emu(SLIDE_W_EMU)
    prs.slide_height = Emu(SLIDE_H_EMU)
    total = 1 + len(sites) + int(title_slide)
    done = 0
    titles: list[str] = []
    map_title = xml_safe_text(title or wording.default_title())

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False:
            raise DeckCancelled("the PowerPoint export was cancelled")

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


# -- slide parts ------------------------------------------------------------------------
def _inches(value: float) -> Any:
    from pptx.util import Inches

    return Inches(value)


def _set_title(slide: Any, text: str) -> None:
    from pptx.util import Pt

    shape = slide.shapes.title
    shape.left, shape.top = _inches(MARGIN_IN), _inches(TITLE_TOP)
    shape.width, shape.height = _inches(SLIDE_W_IN - 2 * MARGIN_IN), _inches(TITLE_H)
    shape.text = xml_safe_text(text)
    frame = shape.text_frame
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.alignment = 1  # left
        for run in paragraph.runs:
            run.font.size = Pt(28)
            run.font.bold = True


def _text_box(
    slide: Any,
    lines: Sequence[str],
    top: float,
    height: float,
    size_pt: float,
    colour: str = "444444",
    name: str = "",
) -> Any:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    box = slide.shapes.add_textbox(
        _inches(MARGIN_IN), _inches(top), _inches(SLIDE_W_IN - 2 * MARGIN_IN), _inches(height)
    )
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # viewers shrink text that overflows
    frame.margin_left = frame.margin_right = 0
    frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = xml_safe_text(line)
        run.font.size = Pt(size_pt)
        run.font.color.rgb = RGBColor.from_string(colour)
    return box


def _source_box(slide: Any, text: str) -> Any:
    return _text_box(
        slide, [text], SLIDE_H_IN - SOURCE_H - 0.08, SOURCE_H, 8, "555555", name="Source"
    )


def _png_bytes(image: QImage) -> io.BytesIO:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(5, "the picture could not be encoded as PNG")
    buffer.close()
    return io.BytesIO(bytes(data.data()))


def _add_picture(
    slide: Any,
    image: QImage,
    top: float,
    height: float,
    description: str,
    box_w: float = SLIDE_W_IN,
) -> Any:
    """Add ``image`` scaled to fit a box ``box_w`` x ``height`` inches, centred; alt text set."""
    scale = min(box_w / image.width(), height / image.height())
    w, h = image.width() * scale, image.height() * scale
    left = (SLIDE_W_IN - w) / 2
    picture = slide.shapes.add_picture(
        _png_bytes(image), _inches(left), _inches(top), _inches(w), _inches(h)
    )
    picture._element.nvPicPr.cNvPr.set("descr", xml_safe_text(description))  # alt text
    return picture


def _title_slide(prs: Any, project: Project, title: str, frame: MapFrame) -> str:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = xml_safe_text(title)
    subtitle = slide.placeholders[1]
    subtitle.text = xml_safe_text(
        "\n".join(
            [
                wording.frame_caption(project, frame),
                _("dkgis, {date}").format(date=format_date(date.today())),
            ]
        )
    )
    return title


def _map_slide(prs: Any, project: Project, title: str, frame: MapFrame) -> str:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    _set_title(slide, title)
    subtitle = wording.map_subtitle(project, frame)
    _text_box(slide, [subtitle], SUBTITLE_TOP, SUBTITLE_H, 16, name="Subtitle")
    box_h = SLIDE_H_IN - BODY_TOP - SOURCE_H - 0.12
    height = round(MAP_WIDTH_PX * box_h / SLIDE_W_IN)
    spec = SnapshotSpec(
        frame=frame,
        width=MAP_WIDTH_PX,
        height=height,
        dpi=MAP_DPI,
        title=None,
        subtitle=None,
        # Credits are the slide's source line, as text.
        decorations=Decorations(attribution=False),
    )
    image = render_image(project, spec)
    _add_picture(slide, image, BODY_TOP, box_h, f"{title}: {subtitle}")
    _source_box(slide, wording.map_source_line(project, frame.layers))
    return title


# -- site chart slides --------------------------------------------------------------------
def _require_widgets() -> None:
    from PySide6.QtWidgets import QApplication

    if not isinstance(QCoreApplication.instance(), QApplication):
        raise RuntimeError("site chart slides need a QApplication (charts are widgets)")


def site_chart(
    project: Project,
    facility_id: str,
    scenario: Scenario | None,
    year: int,
    size_for: Callable[[ChartPage], tuple[int, int]],
) -> tuple[QImage, ChartPage]:
    """The compact trajectory chart of a site as a picture, and its page (title,
    subtitle, notes, source).

    ``size_for(page)`` gives the chart's size in pixels at 96 dpi once the page (and so
    the number of notes) is known; the picture has :data:`CHART_SCALE` times more pixels.
    """
    from dkgis.charts.page import discard_view, view_image
    from dkgis.charts.panel import draw_compact_site, site_chart_data
    from dkgis.charts.site_page import site_page
    from dkgis.charts.style import DEFAULT_UNIT, UNITS

    data = site_chart_data(project, facility_id, scenario)
    page = site_page(project, data, UNITS[DEFAULT_UNIT], scenario, project.scenarios.available)
    width, height = size_for(page)
    view = draw_compact_site(project, data, year, width, height)
    try:
        image = view_image(view, CHART_SCALE)
    finally:
        discard_view(view)
    return image, page


def notes_layout(notes: Sequence[str], width_in: float) -> tuple[float, float]:
    """Font size (pt) and height (inches) of the notes box under a chart.

    The text is estimated at half an em per character, with 10 % to spare; the font
    shrinks from 10 to 8 pt until the notes take at most :data:`MAX_NOTES_H`.
    """
    if not notes:
        return 10.0, 0.0
    for size in (10.0, 9.0, 8.0):
        per_line = max(20, int(width_in * 72 / (size * 0.5) * 0.9))
        lines = sum(math.ceil(max(1, len(n) + 2) / per_line) for n in notes)
        height = lines * size * 1.2 / 72 + 0.05
        if height <= MAX_NOTES_H:
            break
    return size, min(height, MAX_NOTES_H)


def site_kpi_notes(project: Project, fid: str) -> list[str]:
    """The site's stated jobs and investment, one line each with its source."""
    from dkgis.model.kpis import site_kpi_lines

    return [line.sentence for line in site_kpi_lines(project, fid)]


def _site_slide(prs: Any, project: Project, fid: str, scenario: Scenario | None, year: int) -> str:
    facility = project.facilities[fid]
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    title = facility.name
    _set_title(slide, title)
    # The site's key figures, then the chart's notes (caveats, reported values,
    # projections), go under the chart as text.
    chart_w_in = SLIDE_W_IN - 2 * MARGIN_IN
    box: dict[str, float] = {}
    kpis = site_kpi_notes(project, fid)

    def size_for(page: Any) -> tuple[int, int]:
        box["font"], box["notes"] = notes_layout([*kpis, *page.notes], chart_w_in)
        box["chart"] = SLIDE_H_IN - BODY_TOP - SOURCE_H - 0.16 - box["notes"]
        width_px = round(chart_w_in * 96)
        return width_px, max(300, round(width_px * box["chart"] / chart_w_in))

    image, page = site_chart(project, fid, scenario, year, size_for)
    notes_h, chart_h_in = box["notes"], box["chart"]
    operator = f"{facility.operator} · " if getattr(facility, "operator", None) else ""
    _text_box(slide, [operator + page.subtitle], SUBTITLE_TOP, SUBTITLE_H, 16, name="Subtitle")
    _add_picture(
        slide,
        image,
        BODY_TOP,
        chart_h_in,
        _("Emission trajectory of {name}").format(name=title),
        box_w=chart_w_in,
    )
    if kpis or page.notes:
        _text_box(
            slide,
            ["• " + n for n in (*kpis, *page.notes)],
            BODY_TOP + chart_h_in + 0.06,
            notes_h,
            box["font"],
            name="Notes",
        )
    _source_box(slide, page.source)
    return title
