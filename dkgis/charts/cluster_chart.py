"""The cluster panel: emissions by sector (verified then projected), targets, waterfall, gaps."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import QWidget

from dkgis.charts import style as cs
from dkgis.charts.placement import AROUND, LabelLayout, Spot
from dkgis.charts.texts import (
    projected_label,
    short_legend,
    short_target_label,
    target_legend,
    target_name,
)
from dkgis.i18n import MINUS, _, format_year
from dkgis.labels import sector_label
from dkgis.model.cluster_data import ClusterChartData, ClusterTarget, Step
from dkgis.model.scenario_set import END_YEAR
from dkgis.symbology.sectors import sector_colour

#: Colours of the cluster targets, in the order of :func:`cluster_targets`.
TARGET_COLOURS = ("#EE3377", "#117733", "#000000", "#009988")
REDUCTION = "#228833"
INCREASE = "#CC3311"
OTHER = "#999999"
#: Widest line of the notes on the chart (the 2013 changes), in pixels.
ANNOTATION_PX = 190
#: From this width the legend names the targets in full (with the site stating them).
FULL_NAMES_WIDTH = 900
TOTAL = "#555555"
PROJECTED_TOTAL = "#0077BB"


def step_label(step: Step) -> str:
    """The translated label of a waterfall bar."""
    if step.kind in ("start", "end"):
        text = (
            _("Projected total {year}")
            if step.total_kind == "projected" or (step.total_kind is None and step.kind == "end")
            else _("Verified total {year}")
        )
        return text.format(year=step.year)
    if step.kind == "other":
        return _("Other change (baseline, sites not projected)")
    return step.label


def cluster_high_t(data: ClusterChartData) -> float:
    """The largest total of the cluster chart, in tonnes (it chooses the automatic unit)."""
    highs = [0.0]
    if len(data.sectors) and data.verified.size:
        highs.append(float(data.verified.sum(axis=0).max()))
    if len(data.sectors) and data.projected.size:
        highs.append(float(data.projected.sum(axis=0).max()))
    highs.extend(ct.reference.value_t for ct in data.targets)
    return max(highs)


def swatch(symbol: str, hex_colour: str) -> str:
    """A coloured symbol for a text legend."""
    return f"<span style='color:{hex_colour}'>{symbol}</span>"


class ClusterPlot(pg.GraphicsLayoutWidget):
    """Stacked areas of verified (then projected) emissions by sector, with the targets.

    Parameters
    ----------
    parent
        The parent widget.
    always_legend
        Draw the legend in the chart (exports). Without it the legend is left to the
        panel showing the chart (:meth:`legend_html`: text that wraps to its width).
    compact
        The chart of a small panel (a map + chart page): a legend of the totals only
        (the sector colours are the map's), each target named on the chart.
    """

    #: Emitted when the legend's entries change (a panel showing it as text follows).
    legendChanged = Signal()

    def __init__(
        self, parent: QWidget | None = None, always_legend: bool = False, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clusterPlot")
        self.compact = compact
        self.always_legend = always_legend or compact
        self.setBackground(cs.BACKGROUND)
        self.ci.setContentsMargins(4, 6, 10, 2)
        #: The unit asked for (a key of :data:`~dkgis.charts.style.UNITS`, or automatic).
        self.unit_choice = cs.DEFAULT_UNIT
        self.unit = cs.UNITS["Mt"]
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
        self.target_lines = cs.ItemPool(p, lambda: pg.PlotDataItem([], []))
        self.target_text = cs.TextPool(p, fill=cs.LABEL_FILL)
        self.annot_lines = cs.ItemPool(
            p,
            lambda: pg.InfiniteLine(
                angle=90, movable=False, pen=cs.pen(cs.ANNOTATION, 1.2, Qt.PenStyle.DashLine)
            ),
        )
        self.annot_text = cs.TextPool(p, hex_colour=cs.ANNOTATION, fill=cs.LABEL_FILL)
        self.year_line = cs.year_cursor(p)
        self.labels = LabelLayout(p)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=cs.pen("#555555", 1))
        self.hover = cs.text_item("", cs.FOREGROUND, fill=cs.brush("#ffffff", 225))
        for item in (self.vline, self.hover):
            item.setZValue(50)
            item.setVisible(False)
            p.addItem(item, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.legend = cs.make_legend(2)
        self.parking = cs.Parking(self.scene())
        self.legend_in_chart = self.always_legend
        if self.legend_in_chart:
            self.ci.addItem(self.legend, row=1, col=0)
        else:
            self.parking.park(self.legend)
        self.legend_entries: list[tuple[object, str, str]] = []

    def mark_year(self, year: int | None) -> None:
        """Mark the year the map shows (``None``: no mark)."""
        self.year_line.setVisible(year is not None)
        if year is not None:
            self.year_line.setPos(year)
        # The year's label has moved: the other labels make room for it.
        self.labels.apply()

    def _legend_layout(self) -> tuple[int, bool]:
        """Legend columns (in the chart), and whether targets are named in full."""
        width = self.width()
        return (2 if width >= 460 else 1), width >= FULL_NAMES_WIDTH

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
        self.unit = cs.unit_for(self.unit_choice, cluster_high_t(data))
        f = self.unit.factor
        self.plot.setLabel("left", self.unit.label, **cs.axis_label_style())
        self._legend_for = self._legend_layout()
        self.legend.setColumnCount(self._legend_for[0])
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
        self.plot.setRange(xRange=cs.X_RANGE, yRange=(0, top), padding=0)
        self.labels.reset()
        self.labels.keep_clear_of(self.year_line.label)
        self._draw_annotations(data, top)
        self._draw_targets(data, top)
        self.labels.apply()
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
            x, y = float(t.target_year), ct.value_t / f
            # The compact chart names each target on the chart, not in its legend.
            item = self.target_text.take(
                short_legend(ct) if self.compact else short_target_label(ct), x, y, colour=colour
            )
            # Right of a 2030 point (the stack goes on behind it); above left of a 2050 one.
            first = AROUND[0] if t.target_year >= END_YEAR else AROUND[5]
            self.labels.add(item, x, y, (first, *AROUND))
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
                _("sites enter the EU ETS")
                if a.kind == "scope_entry"
                else _("steel-gas CO₂ moves from steel to power")
            )
            by_year.setdefault(a.year_from, []).append(text)
        for year, texts in sorted(by_year.items()):
            line = self.annot_lines.take()
            line.setPos(year - 0.5)
            # One sentence of what happened that year, wrapped as one paragraph.
            said = texts[0]
            for then in texts[1:]:
                said = _("{first}; {then}").format(first=said, then=then)
            text = _("{year}: {text}").format(year=year, text=said)
            text = cs.wrap_text(text, cs.chart_font(cs.LABEL_FONT_PX), ANNOTATION_PX)
            item = self.annot_text.take(text, year - 0.5, top)
            self.labels.add(item, year - 0.5, top, (Spot((0, 0), 3, 2), Spot((1, 0), -3, 2)))
        self.annot_lines.finish()
        self.annot_text.finish()

    def _fill_legend(self, data: ClusterChartData, has_proj: bool) -> None:
        while len(self.legend_proxies) < len(data.sectors):
            proxy = cs.LegendProxy(QPen(), cs.brush("#000000"))
            self.plot.addItem(proxy)
            self.legend_proxies.append(proxy)
        entries: list[tuple[object, str, str]] = []
        sectors = () if self.compact else data.sectors
        for proxy, sector in zip(self.legend_proxies, sectors, strict=False):
            proxy.legend_swatch = (cs.pen("#ffffff", 0.5), cs.brush(sector_colour(sector), 225))
            entries.append((proxy, sector_label(sector), swatch("■", sector_colour(sector))))
        entries.append((self.total, _("Verified total (EU ETS)"), swatch("━", TOTAL)))
        if has_proj:
            label = projected_label(data.scenario)
            entries.append((self.proj_total, label, swatch("╍╍", PROJECTED_TOTAL)))
        # In a narrow dock the targets get short names; the gap text explains them.
        wide = self._legend_for[1]
        for i, (line, ct) in enumerate(() if self.compact else self.target_items):
            colour = TARGET_COLOURS[i % len(TARGET_COLOURS)]
            label = target_legend(ct) if wide else short_legend(ct)
            entries.append((line, label, swatch("╌●╌", colour)))
        self.legend_entries = entries
        if self.legend_in_chart:
            cs.set_legend(self.legend, [(item, label) for item, label, _ in entries])
        self.legendChanged.emit()

    def legend_html(self) -> str:
        """The legend as rich text (shown by the panel under the chart)."""
        return " &nbsp; ".join(
            f"<span style='white-space:nowrap'>{sw}&nbsp;{html.escape(label)}</span>"
            for _, label, sw in self.legend_entries
        )

    def stack_tops(self) -> np.ndarray:
        """The top curve of the verified stack, in tonnes (tests: it equals the totals)."""
        n = len(self.data.sectors) if self.data else 0
        _, y = self.stack_curves["verified"][n].getData()
        return np.asarray(y) * self.unit.factor

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
            head = _("{year} verified: {value}")
        else:
            hit = np.nonzero(data.proj_years == year)[0]
            if not len(hit):
                return None
            col = data.projected[:, hit[0]]
            head = _("{year} {projected}: {value}")
        lines = [
            head.format(
                year=format_year(year),
                value=self.unit.format(col.sum()),
                projected=projected_label(data.scenario),
            )
        ]
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
        right = year < (cs.X_RANGE[0] + cs.X_RANGE[1]) / 2
        self.vline.setPos(year)
        self.vline.setVisible(True)
        self.hover.setText(text)
        self.hover.setAnchor((0, 0) if right else (1, 0))
        self.hover.setPos(year + (0.5 if right else -0.5), y1 - (y1 - y0) * 0.1)
        self.hover.setVisible(True)


class WaterfallPlot(pg.GraphicsLayoutWidget):
    """Horizontal waterfall: cluster total of a year, change per measure, total of 2030.

    Each bar has its name written above it, across the whole chart (a measure's name is
    long: « ArcelorMittal Dunkerque electric arc furnace (revised plan) »), its value at
    its end; a name too long for the chart is shortened with « … » and given in full in
    its tooltip. The chart asks for :data:`ROW_PX` pixels per bar (:meth:`sizeHint`,
    :meth:`minimumSizeHint`): put it in a scroll area where the room may be shorter.
    """

    #: Pixels per bar: its name above it, the bar, and a gap.
    ROW_PX = 40
    #: Height of a bar, as a share of a row.
    BAR = 0.42
    #: Pixels left above the first name and below the last bar for the target labels.
    MARGIN_PX = 24
    #: Most pixels per bar when the chart is taller than its bars need.
    MAX_ROW_PX = 56

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waterfallPlot")
        self.setBackground(cs.BACKGROUND)
        self.ci.setContentsMargins(4, 4, 14, 2)
        #: The unit asked for (a key of :data:`~dkgis.charts.style.UNITS`, or automatic).
        self.unit_choice = cs.DEFAULT_UNIT
        self.unit = cs.UNITS["Mt"]
        self.steps: list[tuple[str, str, float, float, float]] = []
        self.plot = self.addPlot(
            row=0, col=0, axisItems={"bottom": cs.make_axis("value", "bottom")}
        )
        cs.style_plot(self.plot)
        self.plot.showGrid(x=True, y=False, alpha=cs.GRID_ALPHA)
        self.plot.disableAutoRange()
        self.plot.hideAxis("left")
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=self.BAR)
        self.plot.addItem(self.bars)
        self.names = cs.TextPool(self.plot)
        self.values = cs.TextPool(self.plot)
        self.target_lines = cs.ItemPool(self.plot, lambda: pg.InfiniteLine(angle=90, movable=False))
        self.target_text = cs.TextPool(self.plot)
        self.message = cs.text_item("", cs.ANNOTATION, anchor=(0.5, 0.5), pixel_size=13)
        self.plot.addItem(self.message, ignoreBounds=True)
        self.labels = LabelLayout(self.plot, follow_resize=False)
        self._x_right = 1.0
        self._name_texts: list[str] = []
        self._target_xs: list[float] = []
        self.plot.getViewBox().sigResized.connect(self._fit_rows)

    def sizeHint(self) -> QSize:
        rows = max(len(self.steps), 3)
        return QSize(480, rows * self.ROW_PX + 2 * self.MARGIN_PX + 50)

    def minimumSizeHint(self) -> QSize:
        rows = max(len(self.steps), 1)
        return QSize(240, rows * self.ROW_PX + 2 * self.MARGIN_PX + 50)

    def show_steps(self, data: ClusterChartData) -> None:
        """Draw the waterfall of ``data`` (``data.waterfall`` from the engine)."""
        steps = data.waterfall
        highs = [abs(s.value_t) for s in steps] + [ct.value_t for ct in data.targets]
        self.unit = cs.unit_for(self.unit_choice, max(highs, default=0.0))
        f = self.unit.factor
        self.plot.setLabel("bottom", self.unit.label, **cs.axis_label_style())
        for pool in (self.names, self.values, self.target_text, self.target_lines):
            pool.reset()
        self.steps = []
        self._name_texts = []
        self._target_xs = []
        self.labels.reset()
        if not steps:
            self.bars.setOpts(x0=[], y=[], width=[], brushes=[])
            self.message.setText(_("The waterfall needs projections: the project has no scenario."))
            self.message.setPos(0.5, 0.5)
            self.message.setVisible(True)
            self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            for pool in (self.names, self.values, self.target_text, self.target_lines):
                pool.finish()
            self.updateGeometry()
            return
        self.message.setVisible(False)
        running = 0.0
        x0, width, brushes = [], [], []
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
            signed = kind not in ("start", "end")
            text = step_value(self.unit, value, signed)
            name = self.names.take(label, 0.0, -i + self.BAR / 2, anchor=(0, 1))
            name.setToolTip(label)
            self._name_texts.append(label)
            item = self.values.take(
                text, max(start, end) / f, -i, anchor=(0, 0.5), colour=cs.FOREGROUND
            )
            item.setToolTip(f"{label}: {text}")
        self.bars.setOpts(
            x0=x0,
            y=[-i for i in range(len(steps))],
            width=width,
            height=self.BAR,
            brushes=brushes,
            pens=[QPen(Qt.PenStyle.NoPen)] * len(steps),
        )
        right = max(s[4] for s in self.steps) / f
        for i, ct in enumerate(data.targets):
            if ct.target.target_year != 2030:
                continue
            colour = TARGET_COLOURS[i % len(TARGET_COLOURS)]
            line = self.target_lines.take()
            line.setPen(cs.pen(colour, 1.5, Qt.PenStyle.DashLine))
            line.setPos(ct.value_t / f)
            label = self.target_text.take(
                short_target_label(ct), ct.value_t / f, 0.0, anchor=(0.5, 0), colour=colour
            )
            label.setToolTip(target_name(ct))
            self._target_xs.append(ct.value_t / f)
            right = max(right, ct.value_t / f)
        for pool in (self.names, self.values, self.target_text, self.target_lines):
            pool.finish()
        self._x_right = right
        self.updateGeometry()
        self._fit_rows()

    def _fit_rows(self, *_args) -> None:
        """Fit the rows to the chart's height, shorten the names to its width, and place
        the values and target labels where they overlap nothing."""
        if not self.steps:
            return
        rows = len(self.steps)
        vb = self.plot.getViewBox()
        height = max(vb.height(), 60.0)
        width = max(vb.width(), 120.0)
        name_px = QFontMetricsF(cs.chart_font()).height() + 4
        # Rows share what the target labels above and below leave, up to MAX_ROW_PX
        # each (in a tall chart the room left is under the last bar).
        pitch = (height - 2 * self.MARGIN_PX - name_px) / (rows - 1 + self.BAR)
        pitch = min(max(pitch, 1.0), self.MAX_ROW_PX)
        top = self.BAR / 2 + (name_px + self.MARGIN_PX) / pitch
        bottom = top - height / pitch
        last = -(rows - 1) - self.BAR / 2
        # And about 70 pixels right of the longest bar for its value.
        right = self._x_right * width / max(width - 70.0, 40.0)
        self.plot.setRange(xRange=(0, right), yRange=(bottom, top), padding=0)
        metrics = QFontMetricsF(cs.chart_font())
        for item, text in zip(self.names.items, self._name_texts, strict=False):
            item.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 8))
        self.labels.reset()
        for i, item in enumerate(self.names.items[: self.names.used]):
            self.labels.add(item, 0.0, -i + self.BAR / 2, (Spot((0, 1), 2, -1),))
        for i, item in enumerate(self.values.items[: self.values.used]):
            end = max(self.steps[i][3], self.steps[i][4]) / self.unit.factor
            self.labels.add(item, end, -i, (Spot((0, 0.5), 5, 0), Spot((1, 0.5), -5, 0)))
        # Target labels above the first name, else under the last bar, beside their line.
        spots = (
            Spot((0.5, 0), 0, 2),
            Spot((0.5, 0), 0, (top - last) * pitch + 2),
            Spot((0, 0), 4, 2),
            Spot((1, 0), -4, 2),
        )
        for item, x in zip(self.target_text.items, self._target_xs, strict=False):
            self.labels.add(item, x, top, spots)
        self.labels.apply()

    def row_at(self, y: float) -> int | None:
        """The bar at height ``y`` of the view (``None``: none)."""
        i = round(-y)
        return i if 0 <= i < len(self.steps) else None


def step_value(unit: cs.Unit, value_t: float, signed: bool) -> str:
    """A waterfall value: « 11,96 Mt », or a change « −2,40 Mt », « +0,37 Mt »."""
    if not signed:
        return unit.format(value_t)
    text = unit.format(abs(value_t))
    return ("+" if value_t > 0 else MINUS) + text
