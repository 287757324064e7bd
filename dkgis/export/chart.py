"""The chart of the "map + chart" snapshot layout, behind a small interface.

The snapshot renderer (:mod:`dkgis.map.render`) only knows a
:data:`~dkgis.map.page.ChartPainter`: a callable ``chart(painter, rect, scale)``
that paints a chart into a rectangle of the page. :func:`chart_painter` picks
the painter for a snapshot:

* a renderer registered with :func:`register_chart_renderer`;
* otherwise :class:`TrajectorySketch`, a plain line chart drawn here with
  QPainter: verified EU ETS emissions, and the scenario's projection after the
  verified record (dashed, labelled "projected").

Both paint shapes and text only, so SVG and PDF outputs stay vector.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from dkgis.map import style
from dkgis.map.page import ChartPainter

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.snapshot import SnapshotSpec

__all__ = [
    "ChartPainter",
    "ChartRenderer",
    "TrajectorySketch",
    "chart_painter",
    "register_chart_renderer",
]

#: Builds the chart painter of a snapshot: ``renderer(project, spec) -> ChartPainter``.
#: ``spec.chart_site`` is the facility (``None``: the cluster), ``spec.frame.scenario`` the
#: scenario of projected years, ``spec.frame.year`` the year shown on the map.
ChartRenderer = Callable[["Project", "SnapshotSpec"], ChartPainter]

_renderer: ChartRenderer | None = None


def register_chart_renderer(renderer: ChartRenderer | None) -> None:
    """Use ``renderer`` for the charts of snapshots (``None``: the built-in sketch)."""
    global _renderer
    _renderer = renderer


def chart_painter(project: Project, spec: SnapshotSpec) -> ChartPainter:
    """The chart painter of a "map + chart" snapshot."""
    if _renderer is not None:
        return _renderer(project, spec)
    return TrajectorySketch.of(project, spec)


def tr(text: str) -> str:
    """Translate a chart string (context ``SnapshotChart``)."""
    return QCoreApplication.translate("SnapshotChart", text)


VERIFIED_COLOUR = "#1f3b73"
PROJECTED_COLOUR = "#c0392b"
GRID_COLOUR = "#e2e2e2"
AXIS_COLOUR = "#888888"


@dataclass(frozen=True)
class TrajectorySketch:
    """A line chart of a site's or the cluster's emissions (the built-in chart).

    Attributes
    ----------
    title : str
        What is charted.
    verified : dict[int, float]
        Verified t CO2e by year.
    projected : dict[int, float]
        Projected t CO2e by year (after the verified record), empty without a scenario.
    scenario : str or None
        Name of the scenario of the projection.
    year : int or None
        The map's year, marked with a vertical line.
    """

    title: str
    verified: dict[int, float]
    projected: dict[int, float]
    scenario: str | None
    year: int | None

    @classmethod
    def of(cls, project: Project, spec: SnapshotSpec) -> TrajectorySketch:
        """The chart of ``spec.chart_site`` (or the cluster) under ``spec.frame.scenario``."""
        from dkgis.model.trajectory import project_site

        site = spec.chart_site if spec.chart_site in project.facilities else None
        scenario = spec.frame.scenario  # the map's: the chart names the same scenario
        projected: dict[int, float] = {}
        if site is not None:
            title = tr("CO₂ emissions of {name}").format(name=project.facilities[site].name)
            verified = {int(y): float(v) for y, v in project.emissions[site].verified().items()}
            proj = project_site(project, site, scenario)
            if proj is not None:
                projected = dict(zip(proj.years.tolist(), proj.values.tolist(), strict=True))
        else:
            title = tr("CO₂ emissions of the cluster (EU ETS installations)")
            verified = {}
            for year in project.emission_years("verified"):
                total = project.cluster_total(year, "verified")
                if total is not None:
                    verified[int(year)] = float(total)
            proj = project.scenarios.cluster_of(scenario)
            projected = dict(zip(proj.years.tolist(), proj.total.tolist(), strict=True))
        return cls(
            title, verified, projected, scenario.name if projected else None, spec.frame.year
        )

    # -- painting ---------------------------------------------------------------------
    def __call__(self, painter: QPainter, rect: QRectF, scale: float) -> None:
        painter.save()
        try:
            self._paint(painter, rect, scale)
        finally:
            painter.restore()

    def _paint(self, painter: QPainter, rect: QRectF, s: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        title_font = _font(style.LEGEND_TITLE_SIZE + 1.5, s, bold=True)
        font = _font(style.LEGEND_SIZE, s)
        note_font = _font(style.LEGEND_NOTE_SIZE, s)
        tfm, fm, nfm = QFontMetricsF(title_font), QFontMetricsF(font), QFontMetricsF(note_font)
        painter.setFont(title_font)
        painter.setPen(QColor(style.TEXT))
        title = tfm.elidedText(self.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QPointF(rect.left(), rect.top() + tfm.ascent()), title)
        painter.setFont(note_font)
        painter.setPen(QColor(style.TEXT_MUTED))
        unit_y = rect.top() + tfm.height() + 2 * s + nfm.ascent()
        painter.drawText(QPointF(rect.left(), unit_y), tr("Mt CO₂e per year"))
        notes = self._notes()
        legend_h = len(notes) * (fm.height() + 2 * s) + 4 * s
        plot_top = unit_y + nfm.descent() + 8 * s
        plot_bottom = rect.bottom() - legend_h - fm.height() - 6 * s
        if plot_bottom - plot_top < 30 * s:
            return
        values = list(self.verified.values()) + list(self.projected.values())
        if not values:
            painter.setFont(font)
            painter.drawText(
                QRectF(rect.left(), plot_top, rect.width(), plot_bottom - plot_top),
                int(Qt.AlignmentFlag.AlignCenter),
                tr("No verified emissions to chart"),
            )
            return
        years = sorted(set(self.verified) | set(self.projected))
        x0_year = min(years[0], self.year or years[0])
        x1_year = max(years[-1], self.year or years[-1])
        if x1_year == x0_year:
            x1_year += 1
        top_value = _nice_ceiling(max(values) / 1e6)
        ticks = _ticks(top_value)
        label_w = max(fm.horizontalAdvance(_format(t)) for t in ticks) + 6 * s
        plot = QRectF(
            rect.left() + label_w, plot_top, rect.width() - label_w - 4 * s, plot_bottom - plot_top
        )

        def px(year: float) -> float:
            return plot.left() + (year - x0_year) / (x1_year - x0_year) * plot.width()

        def py(tonnes: float) -> float:
            return plot.bottom() - tonnes / 1e6 / top_value * plot.height()

        # Grid and axes.
        painter.setFont(font)
        grid = QPen(QColor(GRID_COLOUR))
        grid.setWidthF(0.8 * s)
        for t in ticks:
            y = py(t * 1e6)
            painter.setPen(grid)
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(QColor(style.TEXT_MUTED))
            text = _format(t)
            painter.drawText(
                QPointF(plot.left() - 6 * s - fm.horizontalAdvance(text), y + fm.ascent() / 2.6),
                text,
            )
        axis = QPen(QColor(AXIS_COLOUR))
        axis.setWidthF(1.0 * s)
        painter.setPen(axis)
        painter.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
        step = _year_step(x1_year - x0_year, plot.width() / (fm.horizontalAdvance("2050") * 2))
        first = int(math.ceil(x0_year / step) * step)
        painter.setPen(QColor(style.TEXT_MUTED))
        for year in range(first, x1_year + 1, step):
            x = px(year)
            painter.setPen(axis)
            painter.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + 3 * s))
            painter.setPen(QColor(style.TEXT_MUTED))
            text = str(year)
            painter.drawText(
                QPointF(x - fm.horizontalAdvance(text) / 2, plot.bottom() + 4 * s + fm.ascent()),
                text,
            )
        # The map's year.
        if self.year is not None:
            marker = QPen(QColor("#9a9a9a"))
            marker.setWidthF(1.0 * s)
            marker.setDashPattern([3.0, 3.0])
            painter.setPen(marker)
            x = px(self.year)
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            painter.setFont(note_font)
            painter.setPen(QColor(style.TEXT_MUTED))
            label = str(self.year)
            lx = min(x + 3 * s, plot.right() - nfm.horizontalAdvance(label))
            painter.drawText(QPointF(lx, plot.top() + nfm.ascent()), label)
        # Series.
        self._line(painter, self.verified, px, py, VERIFIED_COLOUR, s, dashed=False)
        if self.projected:
            joined = dict(self.projected)
            if self.verified:
                last = max(self.verified)
                joined[last] = self.verified[last]
            self._line(painter, joined, px, py, PROJECTED_COLOUR, s, dashed=True)
        # Key.
        painter.setFont(font)
        y = plot.bottom() + 4 * s + fm.height() + 8 * s
        for colour, dashed, text in notes:
            pen = QPen(QColor(colour))
            pen.setWidthF(2.0 * s)
            if dashed:
                pen.setDashPattern([3.0, 2.0])
            painter.setPen(pen)
            mid = y + fm.height() / 2
            painter.drawLine(QLineF(plot.left(), mid, plot.left() + 22 * s, mid))
            painter.setPen(QColor(style.TEXT))
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, plot.width() - 28 * s)
            painter.drawText(QPointF(plot.left() + 28 * s, mid + fm.ascent() / 2.6), text)
            y += fm.height() + 2 * s

    def _notes(self) -> list[tuple[str, bool, str]]:
        notes = [(VERIFIED_COLOUR, False, tr("Verified (EU ETS)"))]
        if self.projected and self.scenario:
            notes.append(
                (
                    PROJECTED_COLOUR,
                    True,
                    tr("Projected by dkgis, scenario “{name}”").format(name=self.scenario),
                )
            )
        return notes

    @staticmethod
    def _line(painter, series, px, py, colour: str, s: float, dashed: bool) -> None:
        if not series:
            return
        points = [QPointF(px(y), py(v)) for y, v in sorted(series.items())]
        pen = QPen(QColor(colour))
        pen.setWidthF(2.0 * s)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if dashed:
            pen.setDashPattern([3.0, 2.0])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(points[0])
        for p in points[1:]:
            path.lineTo(p)
        painter.drawPath(path)
        if not dashed:
            painter.setBrush(QColor(colour))
            painter.setPen(Qt.PenStyle.NoPen)
            for p in points:
                painter.drawEllipse(p, 2.0 * s, 2.0 * s)


def _font(size: float, scale: float, bold: bool = False) -> QFont:
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(max(1, round(size * scale)))
    font.setBold(bold)
    return font


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 x 10^n not below ``value`` (a round top of the axis)."""
    if value <= 0:
        return 1.0
    exp = math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10**exp >= value * 1.02:
            return m * 10**exp
    return 10 ** (exp + 1)


def _ticks(top: float) -> list[float]:
    """Four or five ticks from 0 to ``top``."""
    for n in (4, 5, 2):
        step = top / n
        if abs(step * 10 - round(step * 10)) < 1e-9:
            return [round(step * i, 6) for i in range(n + 1)]
    return [0.0, top]


def _year_step(span: int, max_labels: float) -> int:
    for step in (1, 2, 5, 10, 20):
        if span / step <= max(max_labels, 1):
            return step
    return 25


def _format(value: float) -> str:
    from PySide6.QtCore import QLocale

    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English)
    return locale.toString(float(value), "g", 4)
