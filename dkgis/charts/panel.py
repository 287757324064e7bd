"""The chart panel of a page: the dock's charts, compact, painted into any painter.

The "map + chart" snapshot layout (:mod:`dkgis.map.page`) and the PowerPoint site
slides show the same trajectory charts as the docks (:class:`~dkgis.charts.site_chart.
SitePlot`, :class:`~dkgis.charts.cluster_chart.ClusterPlot`) in their compact mode:
the verified history, the caveat lines (the 2013 change in how steel-works gases are
counted), the projection of the scenario named, the targets. A :class:`ChartPanel`
paints a title, a caption naming the scenario, and the chart rendered off screen at the
panel's size (vector in SVG and PDF, text as text).

The scenario is always given: a panel never reads nor changes the active scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from dkgis import wording
from dkgis.charts import style as cs
from dkgis.charts.page import discard_view, offscreen_view, render_scene
from dkgis.charts.site_page import draw_site, site_title
from dkgis.i18n import _
from dkgis.model.yearly import PROJECTED

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario
    from dkgis.model.site_data import SiteChartData
    from dkgis.model.snapshot import SnapshotSpec

#: Font sizes of the panel's title and caption, pixels at 96 dpi.
TITLE_PX = 13
CAPTION_PX = 11
TITLE_COLOUR = "#222222"
CAPTION_COLOUR = "#555555"
#: Smallest chart drawn, in pixels at 96 dpi (a smaller panel stays empty).
MIN_CHART = (160, 120)
#: The title and the caption take at most this many lines each.
TEXT_LINES = 2


@dataclass(frozen=True)
class ChartPanel:
    """A title, a caption and a chart, painted into a rectangle of a page.

    Attributes
    ----------
    title : str
        What is charted (a site's name, the cluster).
    caption : str
        What the values are, naming the scenario of the projected years.
    make_view : callable
        ``make_view(width, height)`` builds the chart, drawn, at that size in pixels at
        96 dpi (laid out off screen).

    Called as ``panel(painter, rect, scale)`` (a :data:`dkgis.map.page.ChartPainter`):
    ``rect`` is in the painter's coordinates, ``scale`` its pixels per pixel at 96 dpi.
    """

    title: str
    caption: str
    make_view: Callable[[int, int], pg.GraphicsView]

    def __call__(self, painter: QPainter, rect: QRectF, scale: float) -> None:
        painter.save()
        try:
            top = self._paint_texts(painter, rect, scale)
        finally:
            painter.restore()
        chart = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
        width, height = round(chart.width() / scale), round(chart.height() / scale)
        if width < MIN_CHART[0] or height < MIN_CHART[1]:
            return
        view = self.make_view(width, height)
        try:
            painter.save()
            try:
                render_scene(view, painter, chart, scale)
            finally:
                painter.restore()
        finally:
            discard_view(view)

    def _paint_texts(self, painter: QPainter, rect: QRectF, scale: float) -> float:
        """Paint the title and the caption, each on up to :data:`TEXT_LINES` lines (the
        last one elided); return the top of the chart."""
        from dkgis.map.page import wrap_words

        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        y = rect.top()
        for text, px, colour, bold in (
            (self.title, TITLE_PX, TITLE_COLOUR, True),
            (self.caption, CAPTION_PX, CAPTION_COLOUR, False),
        ):
            if not text:
                continue
            font = cs.chart_font(max(1, round(px * scale)), bold)
            metrics = QFontMetricsF(font)
            painter.setFont(font)
            painter.setPen(QColor(colour))
            lines = wrap_words(text, metrics, rect.width(), wording.SEPARATOR)
            if len(lines) > TEXT_LINES:
                rest = " ".join(lines[TEXT_LINES - 1 :])
                lines = [*lines[: TEXT_LINES - 1], rest]
            for line in lines:
                line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
                painter.drawText(QPointF(rect.left(), y + metrics.ascent()), line)
                y += metrics.lineSpacing()
            y += metrics.height() - metrics.lineSpacing() + 2 * scale
        return y + 4 * scale


def site_caption(scenario: str | None) -> str:
    """What a site or cluster panel shows, in the words of the map's captions:
    « Émissions de CO₂ · vérifiées (SEQE-UE) · projetées · scénario Plans annoncés »."""
    parts = [_("CO₂ emissions"), _("EU ETS verified")]
    if scenario is not None:
        parts += [wording.kind_word(PROJECTED), wording.scenario_phrase(scenario)]
    return wording.SEPARATOR.join(parts)


def site_chart_data(project: Project, facility_id: str, scenario: Scenario | None):
    """The data of a site's compact chart: the site, and ``scenario``'s projection only."""
    from dkgis.model.site_data import build_site_data

    return build_site_data(
        project, project.scenarios, (facility_id,), scenario=scenario, other_scenarios=False
    )


def draw_compact_site(
    project: Project, data: SiteChartData, year: int | None, width: int, height: int
) -> pg.GraphicsView:
    """A compact :class:`~dkgis.charts.site_chart.SitePlot` of ``data``, laid out off screen
    at ``width`` x ``height`` pixels, the map's ``year`` marked, in the unit of its values
    (:func:`~dkgis.charts.site_chart.site_unit`)."""
    from dkgis.charts.site_chart import SitePlot

    view = SitePlot(compact=True)
    offscreen_view(view, width, height)
    draw_site(view, project, data)
    view.mark_year(year)
    QCoreApplication.sendPostedEvents()
    return view


def site_panel(
    project: Project, facility_id: str, scenario: Scenario | None, year: int | None
) -> ChartPanel:
    """The compact chart panel of one site under ``scenario`` (``None``: not projected)."""
    data = site_chart_data(project, facility_id, scenario)
    return ChartPanel(
        title=site_title(project, data.facility_ids),
        caption=site_caption(data.scenario),
        make_view=lambda w, h: draw_compact_site(project, data, year, w, h),
    )


def cluster_panel(project: Project, scenario: Scenario | None, year: int | None) -> ChartPanel:
    """The compact chart panel of the whole cluster (emissions by sector, targets)."""
    from dkgis.charts.cluster_chart import ClusterPlot
    from dkgis.model.cluster_data import build_cluster_data

    data = build_cluster_data(project, project.scenarios, scenario)

    def make_view(width: int, height: int) -> pg.GraphicsView:
        view = ClusterPlot(compact=True)
        offscreen_view(view, width, height)
        view.show_data(data)
        view.mark_year(year)
        QCoreApplication.sendPostedEvents()
        return view

    return ChartPanel(
        title=_("Dunkerque cluster: CO₂ emissions by sector"),
        caption=site_caption(data.scenario),
        make_view=make_view,
    )


def snapshot_chart(project: Project, spec: SnapshotSpec) -> ChartPanel:
    """The chart panel of a "map + chart" snapshot: ``spec.chart_site`` (``None``: the
    cluster) under the map frame's scenario, the frame's year marked."""
    frame = spec.frame
    if spec.chart_site is not None and spec.chart_site in project.facilities:
        return site_panel(project, spec.chart_site, frame.scenario, frame.year)
    return cluster_panel(project, frame.scenario, frame.year)
