"""The cluster panel: emissions by sector (verified then projected), targets, waterfall, gaps."""

from __future__ import annotations

import html
import time
from urllib.parse import urlparse

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dkgis.model.project import Project
from dkgis.symbology.sectors import sector_colour
from dkgis.ui.charts import chart_style as cs
from dkgis.ui.charts.cluster_data import (
    ClusterChartData,
    ClusterTarget,
    Step,
    build_cluster_data,
)
from dkgis.ui.charts.projections import END_YEAR, Projections
from dkgis.ui.charts.site_chart import X_RANGE, _ItemPool, _TextPool, pct, tr
from dkgis.ui.charts.trajectory_panel import ChartToolbar
from dkgis.ui.labels import sector_label
from dkgis.ui.settings import app_settings

#: Colours of the cluster targets, in the order of :func:`cluster_targets`.
TARGET_COLOURS = ("#EE3377", "#117733", "#000000", "#009988")
REDUCTION = "#228833"
INCREASE = "#CC3311"
OTHER = "#999999"
#: Below this width the legend leaves the chart (the panel shows it as wrapped text).
COMPACT_WIDTH = 560
TOTAL = "#555555"
PROJECTED_TOTAL = "#0077BB"


def source_site(url: str) -> str:
    """The web site a source page is on (``dunkerquelenergiecreative.fr``)."""
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


def target_name(ct: ClusterTarget) -> str:
    """``DKarbonation (ZIBaC) −30 % by 2030``, or ``… net zero by 2050``."""
    t = ct.target
    if t.reduction_pct >= 100:
        return tr("{actor}: net zero by {year}").format(actor=t.actor, year=t.target_year)
    return tr("{actor}: {pct} by {year}").format(
        actor=t.actor, pct=pct(t.reduction_pct), year=t.target_year
    )


def short_target_label(ct: ClusterTarget) -> str:
    """``−30 % vs 2020`` or, without a stated baseline, ``−55 % (vs 2022*)``."""
    t = ct.target
    if t.reduction_pct >= 100:
        return tr("net zero {year}").format(year=t.target_year)
    if ct.reference.stated:
        return tr("{pct} vs {year}").format(pct=pct(t.reduction_pct), year=ct.reference.year)
    return tr("{pct} (vs {year}*)").format(pct=pct(t.reduction_pct), year=ct.reference.year)


def target_legend(ct: ClusterTarget) -> str:
    """Legend entry: the target, its baseline and the site stating it.

    ``ZIBaC −30 % vs 2020 · dunkerquelenergiecreative.fr``; ``*`` marks a baseline year
    chosen by dkgis (the notes say so in words).
    """
    return tr("{target} · {site}").format(
        target=short_legend(ct), site=source_site(ct.target.source_url)
    )


def short_legend(ct: ClusterTarget) -> str:
    """Short legend entry: the actor's first word and the target (``ZIBaC −30 % vs 2020``)."""
    actor = ct.target.actor
    if "(" in actor and ")" in actor:
        actor = actor[actor.index("(") + 1 : actor.index(")")]
    else:
        actor = actor.split(" / ")[0]
    return f"{actor} {short_target_label(ct)}"


def target_baseline(ct: ClusterTarget) -> str:
    """How the target's reference was chosen, in words."""
    ref = ct.reference
    if ref.stated:
        return tr("vs {year} (stated baseline)").format(year=ref.year)
    return tr("*no baseline stated: drawn vs {year} verified").format(year=ref.year)


def map_year(project: Project) -> int | None:
    """The year the map shows, when the project has a year (the map's year slider)."""
    display = getattr(project, "display", None)
    return getattr(display, "year", None)


def step_label(step: Step) -> str:
    """The translated label of a waterfall bar."""
    if step.kind in ("start", "end"):
        text = (
            tr("Projected total {year}")
            if step.total_kind == "projected" or (step.total_kind is None and step.kind == "end")
            else tr("Verified total {year}")
        )
        return text.format(year=step.year)
    if step.kind == "other":
        return tr("Other change (baseline, sites not projected)")
    return step.label


def swatch(symbol: str, hex_colour: str) -> str:
    """A coloured symbol for a text legend."""
    return f"<span style='color:{hex_colour}'>{symbol}</span>"


class ClusterPlot(pg.GraphicsLayoutWidget):
    """Stacked areas of verified (then projected) emissions by sector, with the targets."""

    #: Emitted with True when the legend moves into the chart, False when it leaves it.
    legendMoved = Signal(bool)

    def __init__(self, parent: QWidget | None = None, always_legend: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("clusterPlot")
        self.always_legend = always_legend
        self.setBackground(cs.BACKGROUND)
        self.ci.setContentsMargins(4, 6, 10, 2)
        self.unit = cs.UNITS[cs.DEFAULT_UNIT]
        self.data: ClusterChartData | None = None
        self.plot = self.addPlot(
            row=0, col=0, axisItems={"left": cs.make_axis("value"), "bottom": cs.make_axis("year")}
        )
        cs.style_plot(self.plot)
        self.plot.disableAutoRange()
        self.plot.getAxis("left").setWidth(58)
        p = self.plot
        self.band = pg.LinearRegionItem(
            orientation="vertical",
            movable=False,
            brush=cs.brush(cs.ANNOTATION, 28),
            pen=cs.pen(cs.ANNOTATION, 0, alpha=0),
        )
        p.addItem(self.band, ignoreBounds=True)
        self.fills: list[tuple[pg.PlotCurveItem, pg.FillBetweenItem, pg.FillBetweenItem]] = []
        self.stack_curves: dict[str, list[pg.PlotCurveItem]] = {"verified": [], "projected": []}
        self.fill_items: dict[str, list[pg.FillBetweenItem]] = {"verified": [], "projected": []}
        self.legend_proxies: list[cs.LegendProxy] = []
        self.total = pg.PlotDataItem([], [], pen=cs.pen(TOTAL, 1.4))
        self.proj_total = pg.PlotDataItem(
            [], [], pen=cs.pen(PROJECTED_TOTAL, 2, Qt.PenStyle.DashLine)
        )
        for item in (self.total, self.proj_total):
            item.setZValue(20)
            p.addItem(item)
        self.target_lines = _ItemPool(p, lambda: pg.PlotDataItem([], []))
        self.target_text = _TextPool(p)
        self.annot_lines = _ItemPool(
            p,
            lambda: pg.InfiniteLine(
                angle=90, movable=False, pen=cs.pen(cs.ANNOTATION, 1.2, Qt.PenStyle.DashLine)
            ),
        )
        self.annot_text = _TextPool(p, hex_colour=cs.ANNOTATION)
        self.year_line = cs.year_cursor(p)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=cs.pen("#555555", 1))
        self.hover = cs.text_item("", cs.FOREGROUND, fill=cs.brush("#ffffff", 225))
        for item in (self.vline, self.hover):
            item.setZValue(50)
            item.setVisible(False)
            p.addItem(item, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.legend = cs.make_legend(2)
        self.ci.addItem(self.legend, row=1, col=0)
        self.parking = cs.Parking(self.scene())
        self.legend_in_chart = True
        self.legend_entries: list[tuple[object, str, str]] = []

    def mark_year(self, year: int | None) -> None:
        """Mark the year the map shows (``None``: no mark)."""
        self.year_line.setVisible(year is not None)
        if year is not None:
            self.year_line.setPos(year)

    def _legend_layout(self) -> tuple[int, bool, bool]:
        """Legend columns, full target names, and whether the legend fits in the chart."""
        width = self.width()
        fits = width >= COMPACT_WIDTH or self.always_legend
        return (2 if width >= 460 else 1), width >= 900, fits

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        data = getattr(self, "data", None)
        if data is not None and self._legend_layout() != getattr(self, "_legend_for", None):
            self.show_data(data)

    def _stack_items(self, kind: str, n: int) -> tuple[list, list]:
        """``n + 1`` boundary curves and ``n`` fills of one kind, created on demand."""
        curves, fills = self.stack_curves[kind], self.fill_items[kind]
        while len(curves) < n + 1:
            curve = pg.PlotCurveItem([], [], pen=QPen(Qt.PenStyle.NoPen))
            self.plot.addItem(curve)
            curves.append(curve)
        while len(fills) < n:
            i = len(fills)
            fill = pg.FillBetweenItem(curves[i], curves[i + 1])
            fill.setZValue(1 if kind == "verified" else 0)
            self.plot.addItem(fill)
            fills.append(fill)
        return curves, fills

    def show_data(self, data: ClusterChartData) -> None:
        """Draw the cluster data (tonnes)."""
        self.data = data
        f = self.unit.factor
        self.plot.setLabel("left", self.unit.label, **cs.axis_label_style())
        self._legend_for = self._legend_layout()
        self.legend.setColumnCount(self._legend_for[0])
        if self._legend_for[2] != self.legend_in_chart:
            if self._legend_for[2]:
                self.ci.addItem(self.legend, row=1, col=0)
            else:
                self.ci.removeItem(self.legend)
                self.parking.park(self.legend)
            self.legend_in_chart = self._legend_for[2]
            self.legendMoved.emit(self.legend_in_chart)
        n = len(data.sectors)
        years = data.years.astype(float)
        cum = np.vstack([np.zeros(len(years)), np.cumsum(data.verified, axis=0)]) / f
        curves, fills = self._stack_items("verified", n)
        for i in range(n + 1):
            curves[i].setData(years, cum[i])
        for i, sector in enumerate(data.sectors):
            fills[i].setBrush(cs.brush(sector_colour(sector), 225))
            fills[i].setPen(cs.pen("#ffffff", 0.6))
            fills[i].setVisible(True)
        for fill in fills[n:]:
            fill.setVisible(False)
        for curve in curves[n + 1 :]:
            curve.setData([], [])
        self.total.setData(years, cum[-1] if n else np.zeros(len(years)))

        has_proj = len(data.proj_years) > 0 and len(years) > 0
        pcurves, pfills = self._stack_items("projected", n)
        if has_proj:
            # Start the projected stack at the last verified year so the areas join.
            pyears = np.concatenate([[years[-1]], data.proj_years.astype(float)])
            pvals = np.hstack([data.verified[:, -1:], data.projected])
            pcum = np.vstack([np.zeros(len(pyears)), np.cumsum(pvals, axis=0)]) / f
            for i in range(n + 1):
                pcurves[i].setData(pyears, pcum[i])
            for i, sector in enumerate(data.sectors):
                pfills[i].setBrush(cs.brush(sector_colour(sector), 110))
                pfills[i].setPen(cs.pen("#ffffff", 0.4))
                pfills[i].setVisible(True)
            self.proj_total.setData(pyears, pcum[-1])
        else:
            for curve in pcurves:
                curve.setData([], [])
            self.proj_total.setData([], [])
        for i, fill in enumerate(pfills):
            fill.setVisible(has_proj and i < n)

        highs = [float(cum[-1].max()) if n and len(years) else 0.0]
        if has_proj:
            highs.append(float(pcum[-1].max()))
        highs.extend(ct.reference.value_t / f for ct in data.targets)
        top = max(highs) * 1.3 or 1.0
        self.plot.setRange(xRange=X_RANGE, yRange=(0, top), padding=0)
        self._draw_targets(data, top)
        self._draw_annotations(data, top)
        self._fill_legend(data, has_proj)

    def _draw_targets(self, data: ClusterChartData, top: float) -> None:
        f = self.unit.factor
        self.target_lines.reset()
        self.target_text.reset()
        self.target_items: list[tuple[pg.PlotDataItem, ClusterTarget]] = []
        for i, ct in enumerate(data.targets):
            colour = TARGET_COLOURS[i % len(TARGET_COLOURS)]
            line = self.target_lines.take()
            line.setData(
                [ct.reference.year, ct.target.target_year],
                [ct.reference.value_t / f, ct.value_t / f],
                pen=cs.pen(colour, 1.8, Qt.PenStyle.DashLine),
                symbol="o",
                symbolSize=7,
                symbolBrush=cs.brush(colour),
                symbolPen=cs.pen("#ffffff", 1),
            )
            line.setZValue(30)
            self.target_items.append((line, ct))
            t = ct.target
            end = t.target_year >= END_YEAR
            self.target_text.take(
                short_target_label(ct),
                t.target_year + (-0.4 if end else 0.5),
                ct.value_t / f + (top * 0.05 if end else 0),
                anchor=(1, 1) if end else (0, 0.5),
                colour=colour,
            )
        self.target_lines.finish()
        self.target_text.finish()

    def _draw_annotations(self, data: ClusterChartData, top: float) -> None:
        self.annot_lines.reset()
        self.annot_text.reset()
        self.band.setVisible(False)
        by_year: dict[int, list[str]] = {}
        for a in data.annotations:
            if a.kind == "missing_data":
                self.band.setRegion((a.year_from - 0.5, (a.year_to or a.year_from) + 0.5))
                self.band.setVisible(True)
                continue
            text = (
                tr("sites enter the EU ETS")
                if a.kind == "scope_entry"
                else tr("steel-gas CO₂ moves from steel to power")
            )
            by_year.setdefault(a.year_from, []).append(text)
        for year, texts in sorted(by_year.items()):
            line = self.annot_lines.take()
            line.setPos(year - 0.5)
            self.annot_text.take(
                f"{year}: " + ";\n".join(texts), year - 0.3, top * 0.995, anchor=(0, 0)
            )
        self.annot_lines.finish()
        self.annot_text.finish()

    def _fill_legend(self, data: ClusterChartData, has_proj: bool) -> None:
        while len(self.legend_proxies) < len(data.sectors):
            proxy = cs.LegendProxy(QPen(), cs.brush("#000000"))
            self.plot.addItem(proxy)
            self.legend_proxies.append(proxy)
        entries: list[tuple[object, str, str]] = []
        for proxy, sector in zip(self.legend_proxies, data.sectors, strict=False):
            proxy.legend_swatch = (cs.pen("#ffffff", 0.5), cs.brush(sector_colour(sector), 225))
            entries.append((proxy, sector_label(sector), swatch("■", sector_colour(sector))))
        entries.append((self.total, tr("Verified total (EU ETS)"), swatch("━", TOTAL)))
        if has_proj:
            label = tr("projected ({scenario})").format(scenario=data.scenario)
            entries.append((self.proj_total, label, swatch("╍╍", PROJECTED_TOTAL)))
        # In a narrow dock the targets get short names; the gap text explains them.
        wide = self._legend_for[1]
        for i, (line, ct) in enumerate(self.target_items):
            colour = TARGET_COLOURS[i % len(TARGET_COLOURS)]
            label = target_legend(ct) if wide else short_legend(ct)
            entries.append((line, label, swatch("╌●╌", colour)))
        self.legend_entries = entries
        if self.legend_in_chart:
            cs.set_legend(self.legend, [(item, label) for item, label, _ in entries])

    def legend_html(self) -> str:
        """The legend as rich text (shown by the panel when the chart is narrow)."""
        return " &nbsp; ".join(
            f"<span style='white-space:nowrap'>{sw}&nbsp;{html.escape(label)}</span>"
            for _, label, sw in self.legend_entries
        )

    def stack_tops(self) -> np.ndarray:
        """The top curve of the verified stack, in tonnes (tests: it equals the totals)."""
        n = len(self.data.sectors) if self.data else 0
        _, y = self.stack_curves["verified"][n].getData()
        return np.asarray(y) * self.unit.factor

    def band_values(self, sector: str) -> np.ndarray:
        """The thickness of one sector's verified band, in tonnes."""
        i = self.data.sectors.index(sector)
        _, low = self.stack_curves["verified"][i].getData()
        _, high = self.stack_curves["verified"][i + 1].getData()
        return (np.asarray(high) - np.asarray(low)) * self.unit.factor

    # -- hover ---------------------------------------------------------------------
    def leaveEvent(self, event) -> None:
        self.vline.setVisible(False)
        self.hover.setVisible(False)
        super().leaveEvent(event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if self.data is None or not vb.sceneBoundingRect().contains(scene_pos):
            self.vline.setVisible(False)
            self.hover.setVisible(False)
            return
        self.show_crosshair(round(vb.mapSceneToView(scene_pos).x()))

    def crosshair_text(self, year: int) -> str | None:
        """Year, total and the largest sectors of that year."""
        data = self.data
        if data is None:
            return None
        hit = np.nonzero(data.years == year)[0]
        if len(hit):
            col = data.verified[:, hit[0]]
            head = tr("{year} verified: {value}")
        else:
            hit = np.nonzero(data.proj_years == year)[0]
            if not len(hit):
                return None
            col = data.projected[:, hit[0]]
            head = tr("{year} projected ({scenario}): {value}")
        lines = [head.format(year=year, value=self.unit.format(col.sum()), scenario=data.scenario)]
        for i in np.argsort(-col)[:5]:
            if col[i] > 0:
                lines.append(f"{sector_label(data.sectors[i])}: {self.unit.format(col[i])}")
        return "\n".join(lines)

    def show_crosshair(self, year: int) -> None:
        """Show the hover line and values at a year."""
        text = self.crosshair_text(year)
        if text is None:
            self.vline.setVisible(False)
            self.hover.setVisible(False)
            return
        (_, _), (y0, y1) = self.plot.getViewBox().viewRange()
        right = year < (X_RANGE[0] + X_RANGE[1]) / 2
        self.vline.setPos(year)
        self.vline.setVisible(True)
        self.hover.setText(text)
        self.hover.setAnchor((0, 0) if right else (1, 0))
        self.hover.setPos(year + (0.5 if right else -0.5), y1 - (y1 - y0) * 0.1)
        self.hover.setVisible(True)


class WaterfallPlot(pg.GraphicsLayoutWidget):
    """Horizontal waterfall: cluster total of a year, change per measure, total of 2030."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waterfallPlot")
        self.setBackground(cs.BACKGROUND)
        self.ci.setContentsMargins(4, 4, 14, 2)
        self.unit = cs.UNITS[cs.DEFAULT_UNIT]
        self.steps: list[tuple[str, str, float, float, float]] = []
        self.plot = self.addPlot(
            row=0, col=0, axisItems={"bottom": cs.make_axis("value", "bottom")}
        )
        cs.style_plot(self.plot)
        self.plot.showGrid(x=True, y=False, alpha=cs.GRID_ALPHA)
        self.plot.disableAutoRange()
        left = self.plot.getAxis("left")
        left.setPen(cs.pen(cs.FOREGROUND, 1))
        left.setTextPen(cs.pen(cs.FOREGROUND, 1))
        left.setTickFont(cs.chart_font())
        left.setStyle(tickLength=0, autoExpandTextSpace=True)
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.6)
        self.plot.addItem(self.bars)
        self.values = _TextPool(self.plot)
        self._x_right = 1.0
        self.plot.getViewBox().sigResized.connect(self._fit_rows)
        self.target_lines = _ItemPool(self.plot, lambda: pg.InfiniteLine(angle=90, movable=False))
        self.target_text = _TextPool(self.plot)
        self.message = cs.text_item("", cs.ANNOTATION, anchor=(0.5, 0.5), pixel_size=13)
        self.plot.addItem(self.message, ignoreBounds=True)

    def show_steps(
        self,
        data: ClusterChartData,
        names: dict[str, str] | None = None,
    ) -> None:
        """Draw the waterfall of ``data`` (``data.waterfall`` from the engine)."""
        f = self.unit.factor
        self.plot.setLabel("bottom", self.unit.label, **cs.axis_label_style())
        self.values.reset()
        self.target_text.reset()
        self.target_lines.reset()
        self.steps = []
        steps = data.waterfall
        if not steps:
            self.bars.setOpts(x0=[], y=[], width=[], brushes=[])
            self.plot.getAxis("left").setTicks([[]])
            self.message.setText(
                tr("The waterfall needs projections (trajectory engine not available).")
            )
            self.message.setPos(0.5, 0.5)
            self.message.setVisible(True)
            self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.values.finish()
            self.target_text.finish()
            self.target_lines.finish()
            return
        self.message.setVisible(False)
        running = 0.0
        x0, width, brushes, ticks = [], [], [], []
        # Long measure names are shortened to a third of the chart (in full in the notes).
        metrics = QFontMetricsF(cs.chart_font())
        room = max(120.0, self.width() * 0.33)
        last = len(steps) - 1
        for i, step in enumerate(steps):
            kind, value, label = step.kind, step.value_t, step_label(step)
            if kind in ("start", "end"):
                start, end = 0.0, value
                colour = PROJECTED_TOTAL if kind == "end" and data.scenario else TOTAL
                running = value
            else:
                start, end = running, running + value
                colour = REDUCTION if value < 0 else (INCREASE if kind == "measure" else OTHER)
                if kind == "other":
                    colour = OTHER
                running = end
            self.steps.append((kind, label, value, start, end))
            x0.append(min(start, end) / f)
            width.append(abs(end - start) / f)
            brushes.append(cs.brush(colour, 230))
            ticks.append((-i, metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)))
            text = self.unit.format(value)
            if kind not in ("start", "end") and value > 0:
                text = "+" + text
            elif kind not in ("start", "end"):
                text = "\u2212" + self.unit.format(-value)
            self.values.take(text, max(start, end) / f, -i, anchor=(0, 0.5), colour=cs.FOREGROUND)
        self.bars.setOpts(
            x0=x0,
            y=[-i for i in range(len(steps))],
            width=width,
            height=0.62,
            brushes=brushes,
            pens=[QPen(Qt.PenStyle.NoPen)] * len(steps),
        )
        self.plot.getAxis("left").setTicks([ticks])
        right = max(s[4] for s in self.steps) / f
        shown = 0
        for i, ct in enumerate(data.targets):
            if ct.target.target_year != 2030:
                continue
            colour = TARGET_COLOURS[i % len(TARGET_COLOURS)]
            line = self.target_lines.take()
            line.setPen(cs.pen(colour, 1.5, Qt.PenStyle.DashLine))
            line.setPos(ct.value_t / f)
            label = short_target_label(ct)
            # Alternate above the first bar and below the last so labels never collide.
            y, anchor = (0.35, (0.5, 1)) if shown % 2 == 0 else (-last - 0.35, (0.5, 0))
            self.target_text.take(label, ct.value_t / f, y, anchor=anchor, colour=colour)
            shown += 1
            right = max(right, ct.value_t / f)
        self.values.finish()
        self.target_text.finish()
        self.target_lines.finish()
        self._x_right = right
        self._fit_rows()

    def _fit_rows(self, *_args) -> None:
        """Keep about 18 pixels above the first bar and below the last for the target labels."""
        if not self.steps:
            return
        rows = len(self.steps)
        vb = self.plot.getViewBox()
        height = max(vb.height(), 60.0)
        margin = 18.0 * rows / max(height - 36.0, 24.0)
        # And about 64 pixels right of the longest bar for its value.
        width = max(vb.width(), 120.0)
        right = self._x_right * width / max(width - 64.0, 40.0)
        self.plot.setRange(
            xRange=(0, right), yRange=(-rows + 0.5 - margin, 0.5 + margin), padding=0
        )


class ClusterPanel(QWidget):
    """The whole cluster: emissions by sector, targets, waterfall to 2030 and gaps."""

    def __init__(
        self, project: Project, projections: Projections, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clusterPanel")
        self.project = project
        self.projections = projections
        self.data: ClusterChartData | None = None
        self.last_redraw_ms = 0.0
        self._dirty = True
        self.toolbar = ChartToolbar(projections, self)
        self.waterfall_from = QComboBox(self)
        self.waterfall_from.setObjectName("waterfallFromCombo")
        self.waterfall_from.setToolTip(self.tr("First year of the waterfall"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Waterfall from"), self))
        row.addWidget(self.waterfall_from)
        row.addStretch(1)
        # The two charts are built when the dock is first shown (startup time).
        self._sector_plot: ClusterPlot | None = None
        self._waterfall_plot: WaterfallPlot | None = None
        self.legend_text = QLabel(self)
        self.legend_text.setObjectName("clusterLegend")
        self.legend_text.setWordWrap(True)
        self.legend_text.setTextFormat(Qt.TextFormat.RichText)
        top = QWidget(self)
        self._top_layout = QVBoxLayout(top)
        self._top_layout.setContentsMargins(0, 0, 0, 0)
        self._top_layout.setSpacing(2)
        self._top_layout.addWidget(self.legend_text)
        bottom = QWidget(self)
        self._bottom_layout = QVBoxLayout(bottom)
        self._bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.gaps = QTextBrowser(self)
        self.gaps.setObjectName("gapText")
        self.gaps.setOpenExternalLinks(True)
        self.gaps.setStyleSheet("QTextBrowser { border:none; background:transparent }")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("clusterSplitter")
        splitter.addWidget(top)
        splitter.addWidget(self.gaps)
        splitter.addWidget(bottom)
        splitter.setSizes([400, 90, 190])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.toolbar)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)

        menu = self.toolbar.export_menu
        for which, label in (
            ("sectors", self.tr("Emissions by Sector")),
            ("waterfall", self.tr("Waterfall to 2030")),
        ):
            for fmt in ("png", "svg"):
                action = menu.addAction(
                    self.tr("Export {chart} as {fmt}…").format(chart=label, fmt=fmt.upper())
                )
                action.triggered.connect(lambda _=False, w=which, f=fmt: self.export_dialog(w, f))

        unit = str(app_settings().value("charts/cluster_unit", cs.DEFAULT_UNIT))
        self.toolbar.set_unit_key(unit)
        self.toolbar.units.currentIndexChanged.connect(self._on_unit_changed)
        self.waterfall_from.currentIndexChanged.connect(self._request_redraw)
        projections.changed.connect(self._request_redraw)
        display = getattr(project, "display", None)
        if display is not None:
            display.events.year.connect(self._on_map_year_changed)
        # Nothing is computed until the dock is first shown (startup time).

    @property
    def sector_plot(self) -> ClusterPlot:
        """The stacked-area chart (created the first time it is needed)."""
        if self._sector_plot is None:
            self._sector_plot = ClusterPlot(self)
            self._sector_plot.legendMoved.connect(self._sync_legend)
            self._sector_plot.mark_year(map_year(self.project))
            self._top_layout.insertWidget(0, self._sector_plot, 1)
            self._apply_unit()
        return self._sector_plot

    @property
    def waterfall_plot(self) -> WaterfallPlot:
        """The waterfall chart (created the first time it is needed)."""
        if self._waterfall_plot is None:
            self._waterfall_plot = WaterfallPlot(self)
            self._bottom_layout.addWidget(self._waterfall_plot)
            self._apply_unit()
        return self._waterfall_plot

    def _on_map_year_changed(self, year: int) -> None:
        if self._sector_plot is not None:
            self._sector_plot.mark_year(year)

    def _fill_waterfall_years(self) -> None:
        data = build_cluster_data(self.project, self.projections)
        years = sorted({ct.reference.year for ct in data.targets if ct.target.target_year == 2030})
        if data.last_verified_year is not None:
            years = sorted(set(years) | {data.last_verified_year})
        with QSignalBlocker(self.waterfall_from):
            for year in years:
                self.waterfall_from.addItem(str(year), year)
            default = data.waterfall_from
            self.waterfall_from.setCurrentIndex(max(0, self.waterfall_from.findData(default)))

    def _apply_unit(self) -> None:
        unit = cs.UNITS[self.toolbar.unit_key()]
        for plot in (self._sector_plot, self._waterfall_plot):
            if plot is not None:
                plot.unit = unit

    def _on_unit_changed(self, *_args) -> None:
        app_settings().setValue("charts/cluster_unit", self.toolbar.unit_key())
        self._apply_unit()
        self._request_redraw()

    def _request_redraw(self, *_args) -> None:
        if self.isVisible():
            self.redraw()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.redraw()

    def redraw(self) -> None:
        """Rebuild the data under the active scenario and draw both charts and the gaps."""
        start = time.perf_counter()
        self._dirty = False
        if self.waterfall_from.count() == 0:
            self._fill_waterfall_years()
        self.data = self.build_data()
        self.sector_plot.show_data(self.data)
        self._sync_legend()
        self.waterfall_plot.show_steps(self.data)
        self.gaps.setHtml(self.gap_html())
        self.last_redraw_ms = (time.perf_counter() - start) * 1000

    def _sync_legend(self, *_args) -> None:
        """Show the legend under the chart when the chart is too narrow to hold it."""
        if self._sector_plot is None:
            return
        outside = not self._sector_plot.legend_in_chart
        self.legend_text.setText(self.sector_plot.legend_html() if outside else "")
        self.legend_text.setVisible(outside)

    def build_data(self) -> ClusterChartData:
        """The data under the active scenario."""
        return build_cluster_data(self.project, self.projections, self.waterfall_from.currentData())

    # -- gaps ----------------------------------------------------------------------
    def gap_lines(self) -> list[tuple[ClusterTarget, str]]:
        """One sentence per cluster target: what it allows and the gap under the scenario."""
        out = []
        data = self.data
        if data is None:
            return out
        u = self.sector_plot.unit
        for ct in data.targets:
            if ct.reference.stated:
                base = self.tr("baseline {year} (stated)").format(year=ct.reference.year)
            else:
                base = self.tr("no baseline stated, dkgis uses {year} verified").format(
                    year=ct.reference.year
                )
            head = self.tr("{name}; {baseline}: {ref} → allows {allowed}.").format(
                name=target_name(ct),
                baseline=base,
                ref=u.format(ct.reference.value_t),
                allowed=u.format(ct.value_t),
            )
            if ct.gap_t is None:
                tail = self.tr("Gap: not available without projections.")
            else:
                total = ct.value_t + ct.gap_t
                verdict = (
                    self.tr("misses it by {gap}").format(gap=u.format(ct.gap_t))
                    if ct.gap_t > 0
                    else self.tr("meets it with {gap} to spare").format(gap=u.format(-ct.gap_t))
                )
                tail = self.tr("“{scenario}”: {total} projected in {year}, {verdict}.").format(
                    scenario=data.scenario or self.projections.active,
                    total=u.format(total),
                    year=ct.target.target_year,
                    verdict=verdict,
                )
            out.append((ct, f"{head} {tail}"))
        return out

    def gap_html(self) -> str:
        """The gaps as rich text, with the sources linked."""
        rows = []
        for ct, text in self.gap_lines():
            gap = ct.gap_t
            colour = "#444" if gap is None else (INCREASE if gap > 0 else REDUCTION)
            number = (
                "—"
                if gap is None
                else ("+" if gap > 0 else "\u2212") + self.sector_plot.unit.format(abs(gap))
            )
            rows.append(
                f"<tr><td style='color:{colour};font-weight:bold;padding-right:6px;"
                f"white-space:nowrap'>{html.escape(number)}</td><td>{html.escape(text)} "
                f"<a href='{html.escape(ct.target.source_url)}'>"
                f"{html.escape(source_site(ct.target.source_url))}</a></td></tr>"
            )
        title = html.escape(self.tr("Gap to each cluster target (+ = above the target)"))
        return f"<b>{title}</b><table cellspacing='2'>{''.join(rows)}</table>"

    def gap_texts(self) -> list[str]:
        """The gap sentences as plain text."""
        return [text for _, text in self.gap_lines()]

    # -- export --------------------------------------------------------------------
    def export_dialog(self, which: str, fmt: str) -> None:
        """Ask for a file name and export one of the two charts."""
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Chart"), f"dkgis-cluster-{which}.{fmt}", filters[fmt]
        )
        if path:
            self.export(which, path)

    def export(self, which: str, path) -> object | None:
        """Export ``"sectors"`` or ``"waterfall"`` to ``path`` (PNG or SVG by suffix)."""
        from dkgis.ui.charts.chart_export import export_cluster_chart

        if self._dirty or self.data is None:
            self.redraw()
        try:
            return export_cluster_chart(self, which, path)
        except (OSError, ValueError) as err:
            QMessageBox.critical(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {reason}").format(
                    path=path, reason=getattr(err, "strerror", None) or err
                ),
            )
            return None

    def export_page(self, which: str):
        """The title, subtitle, notes and source line of an exported chart."""
        from dkgis.ui.charts.chart_export import ChartPage, source_line, verified_role

        data = self.data
        unit = self.sector_plot.unit
        scenario = data.scenario
        roles = [("eutl_verified", verified_role([int(y) for y in data.years]))]
        roles += [(ct.target.source_id, tr("targets")) for ct in data.targets]
        source = source_line(self.project, roles, scenario)
        source += " " + self.tr("Targets: {sites}.").format(
            sites=", ".join(dict.fromkeys(source_site(c.target.source_url) for c in data.targets))
        )
        notes = [text for _, text in self.gap_lines()]
        if which == "sectors":
            title = self.tr("Dunkerque cluster: CO₂ emissions by sector, {first}–{last}").format(
                first=int(data.years[0]) if len(data.years) else "", last=END_YEAR
            )
            subtitle = self.tr("{unit}; EU ETS verified, then projected").format(unit=unit.label)
            notes.insert(
                0,
                self.tr(
                    "Stacked areas: EU ETS verified emissions by sector (solid), then projected "
                    "(light) under “{scenario}”; {n} to {m} installations report each year."
                ).format(
                    scenario=scenario or "—",
                    n=int(data.reporting.min()) if len(data.reporting) else 0,
                    m=int(data.reporting.max()) if len(data.reporting) else 0,
                ),
            )
        else:
            title = self.tr("Dunkerque cluster: from {year} to 2030 by measure").format(
                year=data.waterfall_from
            )
            subtitle = self.tr("{unit}; scenario “{scenario}”").format(
                unit=unit.label, scenario=scenario or "—"
            )
        rule = getattr(self.projections.engine, "BASELINE_RULE", None)
        if isinstance(rule, str) and scenario:
            notes.append(QCoreApplication.translate("Trajectory", rule))
        return ChartPage(title=title, subtitle=subtitle, source=source, notes=tuple(notes))

    def make_twin(self, which: str) -> pg.GraphicsView:
        """A new, empty chart widget of the kind ``which`` (for exports)."""
        view = ClusterPlot(always_legend=True) if which == "sectors" else WaterfallPlot()
        view.unit = self.sector_plot.unit
        return view

    def draw_twin(self, view: pg.GraphicsView, which: str) -> None:
        """Draw the current data in a twin made by :meth:`make_twin`."""
        if which == "sectors":
            view.show_data(self.data)
        else:
            view.show_steps(self.data)
