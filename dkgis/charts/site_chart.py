"""The site trajectory chart: one site (or the steel complex) over 2005-2050.

:class:`SitePlot` draws a :class:`~dkgis.model.site_data.SiteChartData`; its
plot items are created once and updated with ``setData`` when the selection
changes. The same class draws the dock's chart, the exported chart file, and, in its
compact mode, the chart panel of a map + chart snapshot and of a PowerPoint site slide.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import QWidget

from dkgis.charts import style as cs
from dkgis.charts.placement import AROUND, LabelLayout, Spot
from dkgis.charts.texts import is_stopped, milestone_text, projected_label, reduction_by
from dkgis.i18n import _
from dkgis.model.scenario_set import END_YEAR, Milestone
from dkgis.model.site_data import SiteChartData

X_RANGE = cs.X_RANGE
LANE_ROW_PX = 15


def site_unit(data: SiteChartData, compact: bool, choice: str = cs.DEFAULT_UNIT) -> cs.Unit:
    """The unit of a site chart drawing ``data`` (``compact``: the chart of a page).

    Chosen by the largest value the chart draws (:func:`~dkgis.charts.style.unit_for`),
    unless ``choice`` names a unit.
    """
    values = [float(data.values.max())] if len(data.values) else [0.0]
    if not compact:
        values.extend(r.value_t for r in (*data.irep, *data.reported))
    drawn = [data.projection] if compact else data.projections
    values.extend(float(p.values.max()) for p in drawn if p is not None and len(p.values))
    values.extend(t.reference.value_t for t in data.targets)
    return cs.unit_for(choice, max(values))


class SitePlot(pg.GraphicsLayoutWidget):
    """The trajectory chart of one site, with its measures lane and legend.

    Call :meth:`show_data` to draw; hovering shows a crosshair with the year and
    the values of that year.

    Parameters
    ----------
    parent
        The parent widget.
    always_legend
        Draw the legend in the chart (exports). Without it the legend is left to the
        panel showing the chart (:meth:`legend_html`: text that wraps to its width).
    compact
        The chart of a small panel (a map + chart page, a slide): the verified history,
        the caveat lines (the 2013 accounting break), the projection of the chart's
        scenario, the targets and the pathway, with a short legend; no measures lane,
        reported or IREP points, gap shading nor other scenarios. Always draws its
        legend.
    """

    def __init__(
        self, parent: QWidget | None = None, always_legend: bool = False, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sitePlot")
        self.compact = compact
        self.always_legend = always_legend or compact
        self.setBackground(cs.BACKGROUND)
        self.ci.setContentsMargins(4, 6, 10, 2)
        self.ci.setSpacing(0)
        self.data: SiteChartData | None = None
        #: The unit asked for (a key of :data:`~dkgis.charts.style.UNITS`, or automatic).
        self.unit_choice = cs.DEFAULT_UNIT
        self.unit = cs.UNITS["Mt"]
        self.names: dict[str, str] = {}
        self.attributions: dict[str, str] = {}
        self.prefixes: tuple[str, ...] = ()
        self._build()

    # -- construction --------------------------------------------------------------
    def _build(self) -> None:
        self.plot = self.addPlot(
            row=0, col=0, axisItems={"left": cs.make_axis("value"), "bottom": cs.make_axis("year")}
        )
        cs.style_plot(self.plot)
        self.plot.disableAutoRange()
        self.plot.getAxis("left").setWidth(58)
        self.plot.setLabel("left", "", **cs.axis_label_style())
        p = self.plot

        self.bands = cs.ItemPool(
            p,
            lambda: pg.LinearRegionItem(
                orientation="vertical",
                movable=False,
                brush=cs.brush(cs.ANNOTATION, 28),
                pen=cs.pen(cs.ANNOTATION, 0, alpha=0),
            ),
        )
        self.annot_lines = cs.ItemPool(
            p,
            lambda: pg.InfiniteLine(
                angle=90, movable=False, pen=cs.pen(cs.ANNOTATION, 1.2, Qt.PenStyle.DashLine)
            ),
        )
        self.annot_text = cs.TextPool(p, hex_colour=cs.ANNOTATION, pixel_size=cs.LABEL_FONT_PX)

        # Curve items (not PlotDataItems, which skip invisible curves) bound the shading.
        self.gap_top = pg.PlotCurveItem([], [], pen=QPen(Qt.PenStyle.NoPen))
        self.gap_bottom = pg.PlotCurveItem([], [], pen=QPen(Qt.PenStyle.NoPen))
        self.gap_fill = pg.FillBetweenItem(
            self.gap_top, self.gap_bottom, brush=cs.brush(cs.GAP, 45)
        )
        self.gap_legend = cs.LegendProxy(cs.pen(cs.GAP, 1, alpha=120), cs.brush(cs.GAP, 45))
        for item in (self.gap_top, self.gap_bottom, self.gap_fill, self.gap_legend):
            p.addItem(item, ignoreBounds=True)

        self.pathway = pg.PlotDataItem(
            [],
            [],
            pen=cs.pen(cs.PATHWAY, 1.6, Qt.PenStyle.DashDotLine),
            symbol="s",
            symbolSize=6,
            symbolBrush=cs.brush(cs.PATHWAY),
            symbolPen=None,
        )
        p.addItem(self.pathway)
        self.pathway_text = cs.TextPool(p, hex_colour=cs.PATHWAY, fill=cs.LABEL_FILL)

        self.projections = cs.ItemPool(p, lambda: pg.PlotDataItem([], []), ignore_bounds=False)

        self.verified = pg.PlotDataItem(
            [],
            [],
            pen=cs.pen(cs.VERIFIED, 2.2),
            symbol="o",
            symbolSize=5,
            symbolBrush=cs.brush(cs.VERIFIED),
            symbolPen=None,
        )
        p.addItem(self.verified)
        self.irep = pg.ScatterPlotItem(
            symbol="d", size=11, pen=cs.pen(cs.IREP, 2), brush=cs.brush("#ffffff")
        )
        p.addItem(self.irep)
        self.reported = pg.ScatterPlotItem(
            symbol="star", size=15, pen=cs.pen(cs.REPORTED, 1), brush=cs.brush(cs.REPORTED)
        )
        p.addItem(self.reported)
        self.reported_text = cs.TextPool(p, hex_colour=cs.REPORTED, fill=cs.LABEL_FILL)
        self.targets = pg.ScatterPlotItem(
            symbol="x", size=13, pen=cs.pen(cs.TARGET, 1), brush=cs.brush(cs.TARGET)
        )
        p.addItem(self.targets)
        self.target_text = cs.TextPool(p, hex_colour=cs.TARGET, fill=cs.LABEL_FILL)
        self.message = cs.text_item("", cs.ANNOTATION, anchor=(0.5, 0.5), pixel_size=13)
        p.addItem(self.message, ignoreBounds=True)

        self.year_line = cs.year_cursor(p)
        self.labels = LabelLayout(p, follow_resize=False)

        # Crosshair.
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=cs.pen("#555555", 1))
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=cs.pen("#555555", 1))
        self.hover = cs.text_item(
            "", cs.FOREGROUND, pixel_size=cs.LABEL_FONT_PX, fill=cs.brush("#ffffff", 225)
        )
        for item in (self.vline, self.hline, self.hover):
            item.setZValue(50)
            item.setVisible(False)
            p.addItem(item, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

        # Measures lane under the time axis of the chart (not in the compact chart).
        self.lane = pg.PlotItem(axisItems={"left": cs.make_axis("value")})
        cs.style_plot(self.lane, grid=False)
        self.lane.hideAxis("bottom")
        self.lane.setXLink(self.plot)
        left = self.lane.getAxis("left")
        left.setWidth(58)
        # Named by a tick label, level with its rows: an axis title, written upwards,
        # would not fit the height of one row.
        left.setStyle(tickLength=0)
        left.setTicks([[]])
        self.lane.disableAutoRange()
        self.lane_marks = pg.ScatterPlotItem(symbol="t1", size=11)
        self.lane.addItem(self.lane_marks)
        self.lane_text = cs.TextPool(self.lane, hex_colour=cs.FOREGROUND)
        self.lane_texts: list[tuple[pg.TextItem, str, float]] = []
        self.reported_labels: list[tuple[pg.TextItem, str, str, int]] = []
        self.lane.getViewBox().sigResized.connect(self._on_view_resized)
        self.plot.getViewBox().sigResized.connect(self._on_view_resized)

        self.legend = cs.make_legend(2)
        self.parking = cs.Parking(self.scene())
        self.legend_in_chart = self.always_legend
        if self.legend_in_chart:
            self.ci.addItem(self.legend, row=2, col=0)
        else:
            self.parking.park(self.legend)
        if self.compact:
            self.parking.park(self.lane)
        else:
            self.ci.addItem(self.lane, row=1, col=0)
        self.legend_entries: list[tuple[object, str, str]] = []
        self.plot.setXRange(*X_RANGE, padding=0)

    # -- drawing -------------------------------------------------------------------
    def mark_year(self, year: int | None) -> None:
        """Mark the year the map shows (``None``: no mark)."""
        self.year_line.setVisible(year is not None)
        if year is not None:
            self.year_line.setPos(year)
        # The year's label has moved: the other labels make room for it.
        self.labels.apply()

    def show_data(
        self,
        data: SiteChartData,
        names: dict[str, str] | None = None,
        attributions: dict[str, str] | None = None,
        prefixes: Sequence[str] = (),
    ) -> None:
        """Draw a site's data.

        Parameters
        ----------
        data
            What to draw (tonnes).
        names
            Facility names by id (for labels).
        attributions
            Short credit of each source id (for the reported values' labels).
        prefixes
            The site's name and operator, left out of the measure names on the chart.
        """
        self.data = data
        self.names = dict(names or {})
        self.attributions = dict(attributions or {})
        self.prefixes = tuple(prefixes)
        self.unit = site_unit(data, self.compact, self.unit_choice)
        f = self.unit.factor
        self.plot.setLabel("left", self.unit.label, **cs.axis_label_style())
        self.hide_crosshair()

        highs: list[float] = [0.0]
        self.verified.setData(data.years.astype(float), data.values / f)
        if len(data.values):
            highs.append(float(data.values.max()))
        self.message.setVisible(not len(data.values))
        if not len(data.values):
            self.message.setText(_("No verified EU ETS emissions for this facility"))
            self.message.setPos((X_RANGE[0] + X_RANGE[1]) / 2, 0.5)

        self._draw_reported(data, highs)
        self._draw_projections(data, highs)
        self._draw_targets(data, highs)
        self._draw_pathway(data)
        self._draw_gap(data)

        top = max(highs) / f * 1.16 if max(highs) > 0 else 1.0
        self.plot.setYRange(0, top, padding=0)
        self._draw_annotations(data, top)
        if not self.compact:
            self._draw_lane(data.milestones)
        self._fill_legend(data)
        self._layout_labels(data, top)

    def _layout_labels(self, data: SiteChartData, top: float) -> None:
        """Place the labels of the accounting breaks, reported values, targets and
        pathway (in that order of priority) where they overlap nothing."""
        f = self.unit.factor
        self.labels.reset()
        self.labels.keep_clear_of(self.year_line.label)
        for item, x in self.annot_labels:
            self.labels.add(item, x, top, (Spot((0, 0), 3, 2), Spot((1, 0), -3, 2)))
        # Written upwards in its band: hanging from the top, else standing on the bottom.
        band = (Spot((1, 0.5), 0, 2), Spot((0, 0.5), 0, self.plot.getViewBox().height() - 2))
        for item, (x0, x1) in self.band_labels:
            self.labels.add(item, (x0 + x1) / 2, top, band, self._curves_over(x0, x1))
        right = (Spot((0, 0.5), 8, 0), Spot((1, 0.5), -8, 0), *AROUND)
        for item, _head, _credit, year in self.reported_labels:
            value = next(r.value_t for r in data.reported if r.year == year)
            self.labels.add(item, year, value / f, right)
        for item, t in zip(self.target_text.items, data.targets, strict=False):
            self.labels.add(item, t.target.target_year, t.value_t / f)
        path = data.pathway
        if path is not None:
            # A pathway label saying what a target's label says at the same point is left out.
            said = {
                (t.target.target_year, round(t.value_t), item.toPlainText())
                for item, t in zip(self.target_text.items, data.targets, strict=False)
            }
            points = zip(path.years[1:], path.values[1:], strict=False)
            for item, (year, value) in zip(self.pathway_text.items, points, strict=False):
                if (int(year), round(value), item.toPlainText()) in said:
                    item.setVisible(False)
                    continue
                if year >= END_YEAR:
                    spots = AROUND
                else:
                    spots = (AROUND[3], AROUND[1]) if not self.compact else (AROUND[1], AROUND[3])
                    spots = (*spots, *AROUND)
                self.labels.add(item, float(year), value / f, spots)
        self.labels.apply()

    def _curves_over(self, x0: float, x1: float) -> tuple[QRectF, ...]:
        """The area (data coordinates) that the plotted lines and points take between
        the years ``x0`` and ``x1``: a label written there covers none of them."""
        lows, highs = [], []
        for item in self.plot.listDataItems():
            if not item.isVisible():
                continue
            xs, ys = item.getData()
            if xs is None or not len(xs):
                continue
            xs, ys = np.asarray(xs, float), np.asarray(ys, float)
            inside = list(ys[(xs >= x0) & (xs <= x1)])
            if len(xs) > 1 and np.all(np.diff(xs) > 0):
                inside += [float(np.interp(x, xs, ys)) for x in (x0, x1) if xs[0] <= x <= xs[-1]]
            inside = [y for y in inside if np.isfinite(y)]
            if inside:
                lows.append(min(inside))
                highs.append(max(inside))
        if not lows:
            return ()
        return (QRectF(x0, min(lows), x1 - x0, max(highs) - min(lows)),)

    def _draw_reported(self, data: SiteChartData, highs: list[float]) -> None:
        f = self.unit.factor
        # The compact chart leaves out the values that are not verified (the notes tell).
        irep = () if self.compact else data.irep
        reported = () if self.compact else data.reported
        self.irep.setData(x=[float(r.year) for r in irep], y=[r.value_t / f for r in irep])
        self.reported.setData(
            x=[float(r.year) for r in reported], y=[r.value_t / f for r in reported]
        )
        self.reported_text.reset()
        self.reported_labels = []
        for r in reported:
            credit = self.attributions.get(r.source_id, r.source_id)
            head = _("{year} reported: {value}").format(
                year=r.year, value=self.unit.format(r.value_t)
            )
            item = self.reported_text.take(head, r.year + 0.6, r.value_t / f, anchor=(0, 0.5))
            item.setToolTip(r.note or credit)
            self.reported_labels.append((item, head, credit, r.year))
        self._wrap_reported()
        self.reported_text.finish()
        highs.extend(r.value_t for r in (*irep, *reported))

    def _wrap_reported(self) -> None:
        """Fit the reported values' labels (value, then source) in the room to their right."""
        font = cs.chart_font(cs.LABEL_FONT_PX)
        for item, head, credit, year in self.reported_labels:
            room = (X_RANGE[1] - year - 0.6) * self._px_per_year() - 4
            item.setText(head + "\n" + cs.wrap_text(credit, font, max(room, 90)))

    def _on_view_resized(self, *_args) -> None:
        self._elide_lane()
        self._wrap_reported()
        self.labels.apply()

    def refit_labels(self) -> None:
        """Fit the labels that depend on the chart's width again (after a layout change)."""
        self.ci.layout.activate()
        self._on_view_resized()

    def _px_per_year(self) -> float:
        """Pixels per year of the time axis (an estimate before the first layout)."""
        width = self.plot.getViewBox().width()
        if width <= 1:
            width = max(self.width() - 80, 200)
        return width / (X_RANGE[1] - X_RANGE[0])

    def _draw_projections(self, data: SiteChartData, highs: list[float]) -> None:
        f = self.unit.factor
        self.projections.reset()
        others = iter(cs.OTHER_SCENARIOS * 3)
        last = (data.years[-1], data.values[-1]) if len(data.years) else None
        drawn = [data.projection] if self.compact else data.projections
        for proj in drawn:
            if proj is None:
                continue
            item = self.projections.take()
            active = proj.scenario == data.scenario
            if active:
                item.setPen(cs.pen(cs.PROJECTED, 2.4, Qt.PenStyle.DashLine))
                item.setZValue(5)
            else:
                item.setPen(cs.pen(next(others), 1.4, Qt.PenStyle.DashLine, alpha=170))
                item.setZValue(2)
            xs, ys = proj.years.astype(float), proj.values
            if last is not None and proj.years[0] == last[0] + 1:
                # Start the dashed line at the last verified point so it reads as a continuation.
                xs = np.concatenate([[float(last[0])], xs])
                ys = np.concatenate([[last[1]], ys])
            item.setData(xs, ys / f)
            item.scenario = proj.scenario
            highs.append(float(proj.values.max()) if len(proj.values) else 0.0)
        self.projections.finish()

    def _draw_targets(self, data: SiteChartData, highs: list[float]) -> None:
        f = self.unit.factor
        self.targets.setData(
            x=[float(t.target.target_year) for t in data.targets],
            y=[t.value_t / f for t in data.targets],
        )
        self.target_text.reset()
        for t in data.targets:
            self.target_text.take(
                reduction_by(t.target.reduction_pct, t.target.target_year),
                t.target.target_year - 0.4,
                t.value_t / f,
                anchor=(1, 1),
            )
        self.target_text.finish()
        highs.extend(t.reference.value_t for t in data.targets)

    def _draw_pathway(self, data: SiteChartData) -> None:
        f = self.unit.factor
        self.pathway_text.reset()
        path = data.pathway
        if path is None:
            self.pathway.setData([], [])
        else:
            self.pathway.setData(path.years, path.values / f)
            for t, year, value in zip(path.targets, path.years[1:], path.values[1:], strict=False):
                label = reduction_by(t.reduction_pct, int(year))
                # Above the point in the compact chart: below it, the label sits on the
                # falling pathway line.
                anchor = (1, 1.15) if year >= END_YEAR else (0, 1 if self.compact else 0)
                x = year - 0.3 if year >= END_YEAR else year + 0.3
                self.pathway_text.take(label, x, value / f, anchor=anchor)
        self.pathway_text.finish()

    def _draw_gap(self, data: SiteChartData) -> None:
        f = self.unit.factor
        gap = None if self.compact else data.gap_series()
        if gap is None:
            self.gap_top.setData([], [])
            self.gap_bottom.setData([], [])
            self.gap_fill.setVisible(False)
            return
        years, values, path = gap
        # Dense x so the shading follows the crossing points of the two lines.
        xs = np.linspace(years[0], years[-1], int((years[-1] - years[0]) * 8) + 1)
        v = np.interp(xs, years, values)
        w = np.interp(xs, years, path)
        self.gap_top.setData(xs, np.maximum(v, w) / f)
        self.gap_bottom.setData(xs, w / f)
        self.gap_fill.setVisible(bool((v > w + 1e-6).any()))

    def _draw_annotations(self, data: SiteChartData, top: float) -> None:
        self.bands.reset()
        self.annot_lines.reset()
        self.annot_text.reset()
        self.annot_labels: list[tuple[pg.TextItem, float]] = []
        #: The labels of the bands without data, with the years each band spans.
        self.band_labels: list[tuple[pg.TextItem, tuple[float, float]]] = []
        for a in data.annotations:
            if a.kind == "missing_data":
                band = self.bands.take()
                band.setRegion((a.year_from - 0.5, (a.year_to or a.year_from) + 0.5))
                if self.compact:  # too narrow a band for its words
                    continue
                span = (a.year_from - 0.5, (a.year_to or a.year_from) + 0.5)
                label = self.annot_text.take(_("no verified data"), sum(span) / 2, top)
                label.setAngle(90)
                self.band_labels.append((label, span))
                continue
            line = self.annot_lines.take()
            line.setPos(a.year_from - 0.5)
            if a.cancels_out:
                text = _("{year}: accounting change\n(cancels out in the sum)")
            elif a.kind == "accounting_break":
                text = _("{year}: change in where\nCO₂ is counted")
            else:
                text = _("{year}: enters the\nEU ETS")
            label = self.annot_text.take(
                text.format(year=a.year_from), a.year_from - 0.5, top, anchor=(0, 0)
            )
            label.setAngle(0)
            self.annot_labels.append((label, a.year_from - 0.5))
        self.bands.finish()
        self.annot_lines.finish()
        self.annot_text.finish()

    def _draw_lane(self, milestones: Sequence[Milestone]) -> None:
        dated = sorted((m for m in milestones if m.year is not None), key=lambda m: m.year)
        rows = max(1, len(dated))
        self.ci.layout.setRowFixedHeight(1, rows * LANE_ROW_PX + 10)
        self.lane.setYRange(-rows + 0.4, 0.6, padding=0)
        self.lane.getAxis("left").setTicks([[(-(rows - 1) / 2, _("Measures"))]])
        spots = []
        self.lane_text.reset()
        self.lane_texts = []
        for i, m in enumerate(dated):
            stopped = is_stopped(m.status) or (m.in_scenario and not m.enabled)
            hex_colour = cs.MILESTONE_OFF if stopped else cs.MILESTONE
            spots.append(
                {
                    "pos": (float(m.year), -i),
                    "pen": cs.pen(hex_colour, 1.4),
                    "brush": cs.brush(hex_colour) if m.quantified else cs.brush("#ffffff"),
                    "data": m.measure_id,
                }
            )
            full = f"{m.year}  {milestone_text(m)}"
            text = f"{m.year}  {milestone_text(m, self.prefixes)}"
            item = self.lane_text.take(
                text, m.year, -i, colour=cs.ANNOTATION if stopped else cs.FOREGROUND
            )
            item.setToolTip(full)
            self.lane_texts.append((item, text, float(m.year)))
        if not dated:
            self.lane_text.take(
                _("No dated measure for this site"),
                X_RANGE[0] + 1,
                0,
                anchor=(0, 0.5),
                colour=cs.ANNOTATION,
            )
        self.lane_marks.setData(spots=spots)
        self.lane_text.finish()
        self._elide_lane()

    def _elide_lane(self, *_args) -> None:
        """Put each measure's name right of its marker if it fits, else on the roomier side."""
        vb = self.lane.getViewBox()
        width = vb.width()
        if width <= 0 or not self.lane_texts:
            return
        metrics = QFontMetricsF(cs.chart_font(cs.LABEL_FONT_PX))
        px_per_year = width / (X_RANGE[1] - X_RANGE[0])
        gap_years = 8 / px_per_year
        for item, text, year in self.lane_texts:
            right_room = (X_RANGE[1] - year) * px_per_year - 16
            left_room = (year - X_RANGE[0]) * px_per_year - 16
            needed = metrics.horizontalAdvance(text)
            if needed <= right_room or right_room >= left_room:
                item.setAnchor((0, 0.5))
                item.setPos(year + gap_years, item.pos().y())
                room = right_room
            else:
                item.setAnchor((1, 0.5))
                item.setPos(year - gap_years, item.pos().y())
                room = left_room
            item.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 20)))

    def _fill_legend(self, data: SiteChartData) -> None:
        entries: list[tuple[object, str, str]] = []

        def add(item, label: str, swatch: str, hex_colour: str) -> None:
            entries.append((item, label, f"<span style='color:{hex_colour}'>{swatch}</span>"))

        if len(data.values):
            label = (
                _("Verified emissions (EU ETS), sum of {n} sites").format(n=len(data.facility_ids))
                if data.combined
                else _("Verified emissions (EU ETS)")
            )
            add(self.verified, label, "━●━", cs.VERIFIED)
        # The compact chart draws no reported values, and names the pathway in short.
        if data.irep and not self.compact:
            years = ", ".join(str(r.year) for r in data.irep)
            steel = any(a.kind == "accounting_break" for a in data.annotations)
            label = (
                _("IREP {years} (counts steel gases at source; not comparable)")
                if steel
                else _("IREP {years} (other scope; not comparable)")
            )
            add(self.irep, label.format(years=years), "◇", cs.IREP)
        if data.reported and not self.compact:
            years = ", ".join(str(r.year) for r in data.reported)
            add(self.reported, _("{years} reported (not verified)").format(years=years), "★",
                cs.REPORTED)  # fmt: skip
        for item in self.projections.items[: self.projections.used]:
            add(
                item,
                projected_label(item.scenario),
                "╍╍",
                item.opts["pen"].color().name(),
            )
        if data.targets:
            actor = data.targets[0].target.actor_text
            add(self.targets, _("Site targets ({actor})").format(actor=actor), "✕", cs.TARGET)
        if data.pathway is not None:
            ref = data.pathway.reference
            if self.compact:
                label = _("Territorial pathway from {year}")
            elif ref.stated:
                label = _("Territorial pathway from {year} (stated baseline)")
            else:
                label = _("Territorial pathway from {year} verified (no baseline stated)")
            add(self.pathway, label.format(year=ref.year), "╌■╌", cs.PATHWAY)
        if self.gap_fill.isVisible():
            add(self.gap_legend, _("Gap above the pathway"), "■", "#F0BBAA")
        self.legend_entries = entries
        if self.legend_in_chart:
            self._set_legend_columns()
            cs.set_legend(self.legend, [(item, label) for item, label, _ in entries])

    def _set_legend_columns(self) -> None:
        # The compact legend's labels are short: two columns fit a narrower chart.
        self.legend.setColumnCount(2 if self.width() >= (460 if self.compact else 640) else 1)

    def legend_labels(self) -> list[str]:
        """The legend's labels, in order."""
        return [label for _, label, _ in self.legend_entries]

    def legend_html(self) -> str:
        """The legend as rich text (shown by the panel under the chart)."""
        return " &nbsp; ".join(
            f"<span style='white-space:nowrap'>{swatch}&nbsp;{html.escape(label)}</span>"
            for _, label, swatch in self.legend_entries
        )

    # -- hover ---------------------------------------------------------------------
    def hide_crosshair(self) -> None:
        """Hide the hover crosshair."""
        for item in (self.vline, self.hline, self.hover):
            item.setVisible(False)

    def leaveEvent(self, event) -> None:
        self.hide_crosshair()
        super().leaveEvent(event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if self.data is None or not vb.sceneBoundingRect().contains(scene_pos):
            self.hide_crosshair()
            return
        point = vb.mapSceneToView(scene_pos)
        self.show_crosshair(round(point.x()))

    def crosshair_text(self, year: int) -> str | None:
        """The hover text of a year: every value of that year, by kind."""
        data = self.data
        if data is None:
            return None
        lines = [str(year)]
        hit = np.nonzero(data.years == year)[0]
        if len(hit):
            lines.append(_("verified: {value}").format(value=self.unit.format(data.values[hit[0]])))
        for r in data.irep:
            if r.year == year:
                lines.append(_("IREP: {value}").format(value=self.unit.format(r.value_t)))
        for r in data.reported:
            if r.year == year:
                lines.append(_("reported: {value}").format(value=self.unit.format(r.value_t)))
        for proj in data.projections:
            hit = np.nonzero(proj.years == year)[0]
            if len(hit):
                lines.append(
                    _("{label}: {value}").format(
                        label=projected_label(proj.scenario),
                        value=self.unit.format(proj.values[hit[0]]),
                    )
                )
        if data.pathway is not None and year >= data.pathway.years[0]:
            value = float(data.pathway.at(np.array([year]))[0])
            lines.append(_("pathway: {value}").format(value=self.unit.format(value)))
        return "\n".join(lines) if len(lines) > 1 else None

    def show_crosshair(self, year: int) -> None:
        """Show the crosshair at a year (hidden when the year has no value)."""
        text = self.crosshair_text(year)
        if text is None:
            self.hide_crosshair()
            return
        data = self.data
        f = self.unit.factor
        value = None
        hit = np.nonzero(data.years == year)[0]
        if len(hit):
            value = data.values[hit[0]]
        else:
            proj = data.projection
            if proj is not None and year in proj.years:
                value = proj.values[np.nonzero(proj.years == year)[0][0]]
        self.vline.setPos(year)
        self.vline.setVisible(True)
        self.hline.setVisible(value is not None)
        if value is not None:
            self.hline.setPos(value / f)
        (_, _), (y0, y1) = self.plot.getViewBox().viewRange()
        right = year < (X_RANGE[0] + X_RANGE[1]) / 2
        self.hover.setText(text)
        self.hover.setAnchor((0, 0) if right else (1, 0))
        self.hover.setPos(year + (0.5 if right else -0.5), y1 - (y1 - y0) * 0.12)
        self.hover.setVisible(True)
