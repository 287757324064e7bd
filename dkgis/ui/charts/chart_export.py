"""Chart export to PNG and SVG: title, units, the chart, notes and a source line.

The chart is not grabbed from the screen: a twin of the on-screen chart widget is
built at the export size from the same data, and its scene is rendered into a
QImage (PNG) or a QSvgGenerator (SVG, text kept as text). Files are written
atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from dkgis.export.atomic import atomic_path
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.ui.charts.cluster_panel import ClusterPanel
    from dkgis.ui.charts.trajectory_panel import TrajectoryPanel

FORMATS = ("png", "svg")
MARGIN = 28.0
#: Pixels of the PNG per logical pixel of the page (2: sharp on slides, 192 dpi).
PNG_SCALE = 2.0


def tr(text: str) -> str:
    """Translate an export string (context ``ChartExport``)."""
    return QCoreApplication.translate("ChartExport", text)


@dataclass(frozen=True)
class ChartPage:
    """What an exported chart file holds around the chart itself.

    Sizes are logical pixels at 96 dpi; the PNG has :data:`PNG_SCALE` times more.
    """

    title: str
    subtitle: str
    source: str
    notes: tuple[str, ...] = ()
    width: int = 1200
    height: int = 760

    def validate(self) -> None:
        """Raise ValueError for a page too small or too large to draw."""
        if not (400 <= self.width <= 8000 and 300 <= self.height <= 8000):
            raise ValueError(
                f"chart size {self.width} x {self.height} is outside 400-8000 x 300-8000 pixels"
            )


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(px))
    font.setBold(bold)
    return font


TITLE_FONT = (22, True)
SUBTITLE_FONT = (14, False)
NOTE_FONT = (12, False)
SOURCE_FONT = (11, False)


def _text_blocks(page: ChartPage) -> tuple[list, list]:
    """The text blocks above and below the chart: (font, colour, text)."""
    top = [
        (_font(*TITLE_FONT), "#111111", page.title),
        (_font(*SUBTITLE_FONT), "#444444", page.subtitle),
    ]
    bottom = [(_font(*NOTE_FONT), "#444444", "• " + n) for n in page.notes]
    bottom.append((_font(*SOURCE_FONT), "#666666", page.source))
    return top, bottom


def _block_heights(painter: QPainter, blocks: Sequence, width: float) -> list[float]:
    heights = []
    for font, _, text in blocks:
        painter.setFont(font)
        rect = painter.boundingRect(QRectF(0, 0, width, 10000), int(Qt.TextFlag.TextWordWrap), text)
        heights.append(rect.height())
    return heights


def paint_page(
    painter: QPainter,
    page: ChartPage,
    make_view: Callable[[int, int], pg.GraphicsView],
    resolution_scale: float = 1.0,
) -> None:
    """Paint the page: texts with ``painter``, the chart from a view built at the right size."""
    w, h = float(page.width), float(page.height)
    inner = w - 2 * MARGIN
    painter.fillRect(QRectF(0, 0, w, h), QColor("#ffffff"))
    top, bottom = _text_blocks(page)
    top_h = _block_heights(painter, top, inner)
    bottom_h = _block_heights(painter, bottom, inner)
    y = MARGIN
    for (font, col, text), bh in zip(top, top_h, strict=True):
        _draw_text(painter, font, col, text, QRectF(MARGIN, y, inner, bh))
        y += bh + 4
    chart_top = y + 6
    chart_h = h - MARGIN - sum(bottom_h) - 6 * len(bottom) - chart_top
    if chart_h < 120:
        raise ValueError("the notes leave too little room for the chart: export a taller image")
    view = make_view(round(w - 2 * MARGIN + 16), round(chart_h))
    try:
        target = QRectF(MARGIN - 8, chart_top, view.width(), view.height())
        render_scene(view, painter, target, resolution_scale)
    finally:
        # Not pyqtgraph's close(): it clears the scene under items Python still holds.
        view.hide()
        view.deleteLater()
    y = chart_top + chart_h + 6
    for (font, col, text), bh in zip(bottom, bottom_h, strict=True):
        _draw_text(painter, font, col, text, QRectF(MARGIN, y, inner, bh))
        y += bh + 6


def render_scene(
    view: pg.GraphicsView, painter: QPainter, target: QRectF, resolution_scale: float = 1.0
) -> None:
    """Render a chart view's items into ``painter`` (pyqtgraph export mode, no screen grab).

    In export mode, items drawn in pixel units (markers, text) are scaled by
    ``resolution_scale`` and markers are drawn as vector paths instead of cached pixmaps.
    """
    scene = view.scene()
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    opts = {
        "antialias": True,
        "background": QColor("#ffffff"),
        "painter": painter,
        "resolutionScale": resolution_scale,
    }
    try:
        for item in items:
            item.setExportMode(True, opts)
        scene.render(painter, target, QRectF(0, 0, view.width(), view.height()))
    finally:
        for item in items:
            item.setExportMode(False)


def _draw_text(painter: QPainter, font: QFont, colour: str, text: str, rect: QRectF) -> None:
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text)


def offscreen_view(view: QWidget, width: int, height: int) -> QWidget:
    """Lay a chart widget out at a size without showing it on screen."""
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(width, height)
    view.show()
    QCoreApplication.sendPostedEvents()
    return view


def export_page(
    page: ChartPage, make_view: Callable[[int, int], pg.GraphicsView], path: str | Path
) -> Path:
    """Write a chart page to ``path``; the suffix (``.png`` or ``.svg``) picks the format.

    Raises
    ------
    ValueError
        For an unknown suffix or an impossible size.
    OSError
        When the file cannot be written (the previous file, if any, is kept).
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path.name}: unknown chart format {path.suffix!r} (use .png or .svg)")
    page.validate()
    with atomic_path(path) as tmp:
        if fmt == "png":
            _write_png(page, make_view, tmp)
        else:
            _write_svg(page, make_view, tmp)
    return path


def _write_png(page: ChartPage, make_view, tmp: Path) -> None:
    image = QImage(
        round(page.width * PNG_SCALE), round(page.height * PNG_SCALE), QImage.Format.Format_ARGB32
    )
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(PNG_SCALE, PNG_SCALE)
        paint_page(painter, page, make_view, PNG_SCALE)
    finally:
        painter.end()
    # Fonts are laid out at 96 dpi and scaled; the file says 192 dpi so slides size it right.
    dpm = round(96 * PNG_SCALE / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    if not image.save(str(tmp), "PNG"):
        raise OSError(5, "the image could not be written", str(tmp))


def _write_svg(page: ChartPage, make_view, tmp: Path) -> None:
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(tmp))
    gen.setSize(QSize(page.width, page.height))
    gen.setViewBox(QRectF(0, 0, page.width, page.height))
    gen.setResolution(96)
    gen.setTitle(xml_safe_text(page.title))
    gen.setDescription(xml_safe_text(page.source))
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(5, "the SVG file could not be opened for writing", str(tmp))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_page(painter, page, make_view)
    finally:
        painter.end()


# -- source lines ----------------------------------------------------------------------
def source_line(
    project: Project,
    roles: Iterable[tuple[str, str]],
    scenario: str | None = None,
    baseline_rule: str | None = None,
) -> str:
    """``Source: ...`` naming each source with its credit and data vintage.

    Parameters
    ----------
    roles
        ``(source id, what the chart takes from it)`` pairs, e.g.
        ``("eutl_verified", "EU ETS verified emissions 2005–2022")``.
    scenario
        The scenario of the projections drawn, if any.
    baseline_rule
        How the projections' baseline is set (from the engine).
    """
    parts: list[str] = []
    seen: dict[str, int] = {}
    for sid, role in roles:
        source = project.sources.get(sid)
        if source is None:
            continue
        credit = source.attribution or source.title
        if credit in seen:
            continue
        seen[credit] = len(parts)
        parts.append(
            tr("{role}: {credit}, data of {vintage}").format(
                role=role, credit=credit, vintage=source.vintage
            )
        )
    if scenario:
        text = tr("projections: dkgis, scenario “{scenario}”").format(scenario=scenario)
        if baseline_rule:
            text += f" ({baseline_rule})"
        parts.append(text)
    return tr("Source: {parts}.").format(parts="; ".join(parts))


def verified_role(years: Sequence[int]) -> str:
    """``EU ETS verified emissions 2005–2022``."""
    if not len(years):
        return tr("EU ETS verified emissions")
    return tr("EU ETS verified emissions {first}–{last}").format(
        first=int(min(years)), last=int(max(years))
    )


def source_roles(project: Project, source_ids: Iterable[str], years: Sequence[int]) -> list:
    """What a site chart takes from each of its sources."""
    roles = []
    for sid in source_ids:
        if sid == "eutl_verified":
            roles.append((sid, verified_role(years)))
        elif sid.startswith("irep"):
            roles.append((sid, tr("IREP register")))
        elif sid in ("announcements", "facts_2", "iea_ccus"):
            roles.append((sid, tr("measures and targets")))
        else:
            roles.append((sid, tr("reported values")))
    return roles


def baseline_rule(projections) -> str | None:
    """The engine's documented baseline rule, if it states one as text."""
    engine = projections.engine
    rule = getattr(engine, "BASELINE_RULE", None) if engine is not None else None
    return rule if isinstance(rule, str) else None


# -- the two panels ---------------------------------------------------------------------
def panel_page(panel: TrajectoryPanel) -> ChartPage:
    """The page of the trajectory dock's current chart."""
    unit = panel.site_plot.unit
    scenario = panel.projections.active if panel.projections.available else None
    if panel.data is not None:
        data = panel.data
        ids = data.source_ids
        years = [int(y) for y in data.years]
        drawn_scenario = data.active_scenario
    else:
        ids = ("eutl_verified",)
        years = sorted({int(y) for e in panel.entries for y in e.years})
        drawn_scenario = scenario if any(e.projection for e in panel.entries) else None
    subtitle = tr("Emissions in {unit}").format(unit=unit.label)
    if drawn_scenario:
        subtitle += " · " + tr("projection: {scenario}").format(scenario=drawn_scenario)
    source = source_line(panel.project, source_roles(panel.project, ids, years), drawn_scenario)
    return ChartPage(
        title=panel.chart_title(),
        subtitle=subtitle,
        source=source,
        notes=tuple(panel.note_lines()),
    )


def export_panel_chart(
    panel: TrajectoryPanel, path: str | Path, page: ChartPage | None = None
) -> Path:
    """Export the trajectory dock's chart (site or compare view) to PNG or SVG."""
    from dkgis.ui.charts.compare_chart import ComparePlot
    from dkgis.ui.charts.site_chart import SitePlot

    if panel.data is None and not panel.entries:
        raise ValueError("no chart to export: select a facility first")
    page = page or panel_page(panel)
    unit = panel.site_plot.unit
    data, entries = panel.data, list(panel.entries)
    mode = panel.compare_plot.mode
    names = panel.site_plot.names
    credits = panel.site_plot.attributions
    prefixes = panel.site_plot.prefixes

    def make_view(width: int, height: int) -> pg.GraphicsView:
        if data is not None:
            view = SitePlot(always_legend=True)
            view.unit = unit
            offscreen_view(view, width, height)
            view.show_data(data, names, credits, prefixes)
        else:
            view = ComparePlot()
            view.unit = unit
            offscreen_view(view, width, height)
            view.show_entries(entries, mode)
        QCoreApplication.sendPostedEvents()
        return view

    return export_page(page, make_view, path)


def export_cluster_chart(panel: ClusterPanel, which: str, path: str | Path) -> Path:
    """Export one chart of the cluster panel (``"sectors"`` or ``"waterfall"``)."""
    page = panel.export_page(which)

    def make_view(width: int, height: int) -> pg.GraphicsView:
        view = panel.make_twin(which)
        offscreen_view(view, width, height)
        panel.draw_twin(view, which)
        QCoreApplication.sendPostedEvents()
        return view

    return export_page(page, make_view, path)
