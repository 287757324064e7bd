"""The cluster dock: emissions by sector, targets, the waterfall to 2030 and the gaps.

The charts themselves (:mod:`dkgis.charts.cluster_chart`) are built the first time
the dock is shown, so that they cost nothing at startup.
"""

from __future__ import annotations

import html
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
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

from dkgis.charts import style as cs
from dkgis.charts.texts import source_site, target_name, tr
from dkgis.model.scenario_set import END_YEAR
from dkgis.model.text import is_web_url
from dkgis.model.trajectory import BASELINE_RULE
from dkgis.ui.charts.lazy_panel import LazyPanel
from dkgis.ui.charts.toolbar import ChartToolbar
from dkgis.ui.settings import app_settings

if TYPE_CHECKING:
    from pathlib import Path

    import pyqtgraph as pg

    from dkgis.charts.cluster_chart import ClusterPlot, WaterfallPlot
    from dkgis.charts.page import ChartPage
    from dkgis.model.cluster_data import ClusterChartData, ClusterTarget
    from dkgis.model.project import Project

INCREASE = "#CC3311"
REDUCTION = "#228833"


def map_year(project: Project) -> int | None:
    """The year the map shows, when the project has a year (the map's year slider)."""
    display = getattr(project, "display", None)
    return getattr(display, "year", None)


class ClusterPanel(LazyPanel):
    """The whole cluster: emissions by sector, targets, waterfall to 2030 and gaps."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clusterPanel")
        self.project = project
        self.scenarios = project.scenarios
        self.data: ClusterChartData | None = None
        self.last_redraw_ms = 0.0
        self.toolbar = ChartToolbar(self.scenarios, self)
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
        self.scenarios.changed.connect(self._request_redraw)
        display = getattr(project, "display", None)
        if display is not None:
            display.events.year.connect(self._on_map_year_changed)
        # Nothing is computed until the dock is first shown (startup time).

    @property
    def sector_plot(self) -> ClusterPlot:
        """The stacked-area chart (created the first time it is needed)."""
        if self._sector_plot is None:
            from dkgis.charts.cluster_chart import ClusterPlot

            self._sector_plot = ClusterPlot(self)
            self._sector_plot.legendMoved.connect(self._sync_legend)
            self._sector_plot.mark_year(map_year(self.project))
            self._top_layout.insertWidget(0, self._sector_plot, 1)
            self._sector_plot.show()
            self._apply_unit()
        return self._sector_plot

    @property
    def waterfall_plot(self) -> WaterfallPlot:
        """The waterfall chart (created the first time it is needed)."""
        if self._waterfall_plot is None:
            from dkgis.charts.cluster_chart import WaterfallPlot

            self._waterfall_plot = WaterfallPlot(self)
            self._bottom_layout.addWidget(self._waterfall_plot)
            self._waterfall_plot.show()
            self._apply_unit()
        return self._waterfall_plot

    def _on_map_year_changed(self, year: int) -> None:
        if self._sector_plot is not None:
            self._sector_plot.mark_year(year)

    def _fill_waterfall_years(self) -> None:
        from dkgis.model.cluster_data import build_cluster_data

        data = build_cluster_data(self.project, self.scenarios, self.scenarios.active)
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
        from dkgis.model.cluster_data import build_cluster_data

        return build_cluster_data(
            self.project,
            self.scenarios,
            self.scenarios.active,
            self.waterfall_from.currentData(),
        )

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
                    scenario=data.scenario or self.scenarios.active_name,
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
            url = ct.target.source_url
            site = html.escape(source_site(url))
            link = f"<a href='{html.escape(url)}'>{site}</a>" if is_web_url(url) else site
            rows.append(
                f"<tr><td style='color:{colour};font-weight:bold;padding-right:6px;"
                f"white-space:nowrap'>{html.escape(number)}</td><td>{html.escape(text)} "
                f"{link}</td></tr>"
            )
        title = html.escape(self.tr("Gap to each cluster target (+ = above the target)"))
        return f"<b>{title}</b><table cellspacing='2'>{''.join(rows)}</table>"

    # -- export --------------------------------------------------------------------
    def export_dialog(self, which: str, fmt: str) -> None:
        """Ask for a file name and export one of the two charts."""
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Chart"), f"dkgis-cluster-{which}.{fmt}", filters[fmt]
        )
        if path:
            self.export(which, path)

    def export_file(self, which: str, path: str | Path) -> Path:
        """Write ``"sectors"`` or ``"waterfall"`` to a PNG or SVG file (by suffix).

        Raises
        ------
        ValueError
            An unknown suffix or an impossible size.
        OSError
            The file could not be written (a previous file is kept).
        """
        from dkgis.charts.page import export_page, offscreen_view

        if self._dirty or self.data is None:
            self.redraw()
        page = self.export_page(which)

        def make_view(width: int, height: int) -> pg.GraphicsView:
            view = self.make_twin(which)
            offscreen_view(view, width, height)
            self.draw_twin(view, which)
            QCoreApplication.sendPostedEvents()
            return view

        return export_page(page, make_view, path)

    def export(self, which: str, path: str | Path) -> Path | None:
        """Export ``"sectors"`` or ``"waterfall"`` to ``path``; say why if it fails."""
        try:
            return self.export_file(which, path)
        except (OSError, ValueError) as err:
            QMessageBox.critical(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {reason}").format(
                    path=path, reason=getattr(err, "strerror", None) or err
                ),
            )
            return None

    def export_page(self, which: str) -> ChartPage:
        """The title, subtitle, notes and source line of an exported chart."""
        from dkgis.charts.page import ChartPage, source_line, verified_role

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
        if scenario:
            notes.append(QCoreApplication.translate("Trajectory", BASELINE_RULE))
        return ChartPage(title=title, subtitle=subtitle, source=source, notes=tuple(notes))

    def make_twin(self, which: str) -> pg.GraphicsView:
        """A new, empty chart widget of the kind ``which`` (for exports)."""
        from dkgis.charts.cluster_chart import ClusterPlot, WaterfallPlot

        view = ClusterPlot(always_legend=True) if which == "sectors" else WaterfallPlot()
        view.unit = self.sector_plot.unit
        return view

    def draw_twin(self, view: pg.GraphicsView, which: str) -> None:
        """Draw the current data in a twin made by :meth:`make_twin`."""
        if which == "sectors":
            view.show_data(self.data)
        else:
            view.show_steps(self.data)
