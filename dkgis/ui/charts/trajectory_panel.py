"""The trajectory dock: the selected site's chart, or the compare view for several sites."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dkgis.charts import style as cs
from dkgis.charts.site_page import draw_site, site_notes, site_page, site_title
from dkgis.model.scenario import scenario_title
from dkgis.model.trajectory import STEEL_COMPLEX
from dkgis.ui.charts.lazy_panel import LazyPanel
from dkgis.ui.charts.toolbar import ChartToolbar, legend_label
from dkgis.ui.settings import app_settings
from dkgis.wording import scenario_phrase

#: Compare modes (the same values as :mod:`dkgis.charts.compare_chart`, which is
#: imported only when a compare view is first shown).
OVERLAY = "overlay"
MULTIPLES = "multiples"
#: Height given to the notes under the chart at first, in pixels (about three lines).
NOTES_PX = 52

if TYPE_CHECKING:
    from dkgis.charts.compare_chart import ComparePlot
    from dkgis.charts.page import ChartPage
    from dkgis.charts.site_chart import SitePlot
    from dkgis.model.project import Project
    from dkgis.model.site_data import CompareEntry, SiteChartData


class TrajectoryPanel(LazyPanel):
    """The selected facility's decarbonization trajectory, or several facilities compared.

    Follows ``project.selection`` and the active scenario of ``project.scenarios``.
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trajectoryPanel")
        self.project = project
        self.scenarios = project.scenarios
        self.data: SiteChartData | None = None
        self.entries: list[CompareEntry] = []
        self.last_redraw_ms = 0.0

        self.toolbar = ChartToolbar(self.scenarios, self)
        self.title = QLabel(self)
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.steel_complex = QCheckBox(self.tr("Steel complex"), self)
        self.steel_complex.setObjectName("steelComplexCheck")
        self.steel_complex.setToolTip(
            self.tr(
                "Steel complex: chart ArcelorMittal Dunkerque, ArcelorMittal Mardyck and the DK6 "
                "power plant "
                "together: the 2013 move of the steel-gas CO₂ from the steel plant to DK6 "
                "cancels out in their sum."
            )
        )
        self.compare_mode = QComboBox(self)
        self.compare_mode.setObjectName("compareModeCombo")
        self.compare_mode.addItem(self.tr("Overlaid lines"), OVERLAY)
        self.compare_mode.addItem(self.tr("Small multiples"), MULTIPLES)
        # The title shares its row with the options of what is charted (height is scarce).
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.steel_complex)
        heading.addWidget(self.compare_mode)

        self.stack = QStackedWidget(self)
        self.message = QLabel(self)
        self.message.setObjectName("chartMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#666")
        # The plots are built at the first selection, not at startup.
        self._site_plot: SitePlot | None = None
        self._compare_plot: ComparePlot | None = None
        self.stack.addWidget(self.message)
        self.legend_text = legend_label(self, "chartLegend")
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("chartNotes")
        self.notes.setOpenLinks(False)
        self.notes.setMinimumHeight(NOTES_PX // 2)
        self.notes.setStyleSheet("QTextBrowser { color:#555; border:none; background:transparent }")

        chart = QWidget(self)
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(2)
        chart_layout.addWidget(self.stack, 1)
        chart_layout.addWidget(self.legend_text)
        # The notes under the chart take what the user gives them: the chart comes first.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("trajectorySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(chart)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([400, NOTES_PX])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.toolbar)
        layout.addLayout(heading)
        layout.addWidget(self.splitter, 1)

        self.png_action = self.toolbar.export_menu.addAction(self.tr("Export Chart as PNG…"))
        self.svg_action = self.toolbar.export_menu.addAction(self.tr("Export Chart as SVG…"))
        self.pdf_action = self.toolbar.export_menu.addAction(self.tr("Export Chart as PDF…"))
        self.png_action.triggered.connect(lambda: self.export_dialog("png"))
        self.svg_action.triggered.connect(lambda: self.export_dialog("svg"))
        self.pdf_action.triggered.connect(lambda: self.export_dialog("pdf"))

        settings = app_settings()
        self.toolbar.set_unit_key(str(settings.value("charts/site_unit", cs.DEFAULT_UNIT)))
        self.steel_complex.setChecked(
            settings.value("charts/steel_complex", False) in (True, "true")
        )
        mode = settings.value("charts/compare_mode", OVERLAY)
        self.compare_mode.setCurrentIndex(max(0, self.compare_mode.findData(mode)))

        self.toolbar.units.currentIndexChanged.connect(self._on_unit_changed)
        self.steel_complex.toggled.connect(self._on_option_changed)
        self.compare_mode.currentIndexChanged.connect(self._on_option_changed)
        project.selection.changed.connect(self._on_selection_changed)
        display = getattr(project, "display", None)
        if display is not None:  # the map's year slider: marked on the chart
            display.events.year.connect(self._on_map_year_changed)
        self.scenarios.changed.connect(self._on_scenarios_changed)
        self.redraw()

    # -- plots (built on first use) ------------------------------------------------
    @property
    def site_plot(self) -> SitePlot:
        """The chart of one site (created the first time it is needed)."""
        if self._site_plot is None:
            from dkgis.charts.site_chart import SitePlot

            self._site_plot = SitePlot(self)
            self._site_plot.unit_choice = self.toolbar.unit_key()
            self._site_plot.mark_year(getattr(getattr(self.project, "display", None), "year", None))
            self.stack.addWidget(self._site_plot)
        return self._site_plot

    @property
    def compare_plot(self) -> ComparePlot:
        """The compare view (created the first time it is needed)."""
        if self._compare_plot is None:
            from dkgis.charts.compare_chart import ComparePlot

            self._compare_plot = ComparePlot(self)
            self._compare_plot.unit_choice = self.toolbar.unit_key()
            self.stack.addWidget(self._compare_plot)
        return self._compare_plot

    # -- state ---------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """The selected facilities, in dataset order."""
        ids = self.project.selection.ids
        return [fid for fid in self.project.facilities if fid in ids]

    def groups(self) -> list[tuple[str, tuple[str, ...]]]:
        """What to chart: ``(label, ids summed)`` per line."""
        ids = self.selected_ids()
        complex_on = self.steel_complex.isChecked()
        groups: list[tuple[str, tuple[str, ...]]] = []
        if complex_on and any(fid in STEEL_COMPLEX for fid in ids):
            groups.append((self.tr("Steel complex"), STEEL_COMPLEX))
            ids = [fid for fid in ids if fid not in STEEL_COMPLEX]
        groups.extend((self.project.facilities[fid].display_name, (fid,)) for fid in ids)
        return groups

    def mode(self) -> str:
        """``"site"``, ``"compare"`` or ``"empty"``."""
        groups = self.groups()
        return "empty" if not groups else ("site" if len(groups) == 1 else "compare")

    # -- events --------------------------------------------------------------------
    def _on_selection_changed(self, _ids) -> None:
        self._request_redraw()

    def _on_map_year_changed(self, year: int) -> None:
        if self._site_plot is not None:
            self._site_plot.mark_year(year)

    def _on_scenarios_changed(self) -> None:
        self._request_redraw()

    def _on_option_changed(self, *_args) -> None:
        settings = app_settings()
        settings.setValue("charts/steel_complex", self.steel_complex.isChecked())
        settings.setValue("charts/compare_mode", self.compare_mode.currentData())
        self._request_redraw()

    def _on_unit_changed(self, *_args) -> None:
        key = self.toolbar.unit_key()
        app_settings().setValue("charts/site_unit", key)
        if self._site_plot is not None:
            self._site_plot.unit_choice = key
        if self._compare_plot is not None:
            self._compare_plot.unit_choice = key
            self._compare_plot.invalidate_layout()  # the axis titles change
        self._request_redraw()

    # -- drawing -------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw the chart of the current selection."""
        from dkgis.model.site_data import build_compare_entries, build_site_data

        start = time.perf_counter()
        self._dirty = False
        groups = self.groups()
        ids = self.selected_ids()
        in_complex = any(fid in STEEL_COMPLEX for fid in ids)
        self.steel_complex.setEnabled(in_complex)
        self.compare_mode.setVisible(len(groups) > 1)
        self.toolbar.export_button.setEnabled(bool(groups))
        if not groups:
            self.data = None
            self.entries = []
            self.title.setText("")
            self.message.setText(self.tr("Select a facility on the map to chart its emissions."))
            self.notes.setText("")
            self.stack.setCurrentWidget(self.message)
            self.legend_text.hide()
        elif len(groups) == 1:
            _label, fids = groups[0]
            self.entries = []
            self.data = build_site_data(
                self.project,
                self.scenarios,
                fids,
                scenario=self.scenarios.active,
                combined=len(fids) > 1,
            )
            draw_site(self.site_plot, self.project, self.data)
            self.title.setText(self.chart_title())
            self.notes.setText(self._notes_html())
            self.stack.setCurrentWidget(self.site_plot)
            self._sync_legend()
            self.site_plot.refit_labels()
        else:
            self.data = None
            self.entries = build_compare_entries(
                self.project, self.scenarios, groups, self.scenarios.active
            )
            self.compare_plot.show_entries(self.entries, self.compare_mode.currentData())
            self.title.setText(self.chart_title())
            self.notes.setText(self._notes_html())
            self.stack.setCurrentWidget(self.compare_plot)
            self.legend_text.hide()
        self.last_redraw_ms = (time.perf_counter() - start) * 1000

    def _sync_legend(self) -> None:
        """Show the site chart's legend under it, as text that wraps to the panel's width."""
        shown = self._site_plot is not None and self.data is not None
        self.legend_text.setText(self._site_plot.legend_html() if shown else "")
        self.legend_text.setVisible(shown)

    def chart_title(self) -> str:
        """The title of the chart shown (also used for exports)."""
        groups = self.groups()
        if not groups:
            return ""
        if len(groups) == 1:
            return site_title(self.project, groups[0][1])
        return self.tr("{n} facilities compared").format(n=len(groups))

    def note_lines(self) -> list[str]:
        """The notes under the chart shown, as plain sentences (also printed on exports)."""
        if self.data is not None:
            return site_notes(
                self.project, self.data, self.scenarios.active, self.scenarios.available
            )
        return self._compare_notes() if self.entries else []

    def _compare_notes(self) -> list[str]:
        lines = [
            self.tr("Solid: EU ETS verified. Dashed: projected ({scenario}).").format(
                scenario=scenario_phrase(self.scenarios.active_name)
                if self.scenarios.active_name
                else self.tr("not available")
            )
        ]
        breaks: dict[str, list[str]] = {}
        for e in self.entries:
            if len(e.facility_ids) > 1:
                continue
            for c in self.project.caveats_for(e.facility_ids[0]):
                if c.kind == "accounting_break" and c.year_from is not None:
                    breaks.setdefault(str(c.year_from), []).append(e.label)
        for year, names in breaks.items():
            lines.append(
                self.tr(
                    "{year}: change in where CO₂ is counted for {names}; "
                    "“Steel complex” charts the sites concerned together."
                ).format(year=year, names=", ".join(names))
            )
        empty = [e.label for e in self.entries if not len(e.values)]
        if empty:
            lines.append(self.tr("No verified emissions: {names}.").format(names="; ".join(empty)))
        return lines

    def _notes_html(self) -> str:
        return "".join(
            f"<p style='margin:0 0 3px 0'>• {html.escape(line)}</p>" for line in self.note_lines()
        )

    def milestone_labels(self) -> list[str]:
        """The texts of the measures lane (full, not elided)."""
        return [text for _, text, _ in self.site_plot.lane_texts]

    # -- export --------------------------------------------------------------------
    def export_dialog(self, fmt: str) -> None:
        """Ask for a file name and export the chart shown."""
        filters = {
            "png": self.tr("PNG image (*.png)"),
            "svg": self.tr("SVG image (*.svg)"),
            "pdf": self.tr("PDF document (*.pdf)"),
        }
        stem = "dkgis-" + "-".join(fids[0] for _, fids in self.groups()[:3])
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Chart"), f"{stem}.{fmt}", filters[fmt]
        )
        if path:
            self.export(path)

    def export_page(self) -> ChartPage:
        """The title, subtitle, notes and source line of the chart shown, for a file."""
        from dkgis.charts.page import ChartPage, source_line, source_roles
        from dkgis.charts.site_page import site_subtitle

        unit = (self.site_plot if self.data is not None else self.compare_plot).unit
        if self.data is not None:
            return site_page(
                self.project, self.data, unit, self.scenarios.active, self.scenarios.available
            )
        years = sorted({int(y) for e in self.entries for y in e.years})
        drawn = self.scenarios.active_name if any(e.projection for e in self.entries) else None
        roles = source_roles(self.project, ("eutl_verified",), years)
        return ChartPage(
            title=self.chart_title(),
            subtitle=site_subtitle(unit, drawn),
            source=source_line(self.project, roles, scenario_title(drawn) if drawn else None),
            notes=tuple(self.note_lines()),
        )

    def export_file(self, path: str | Path) -> Path:
        """Write the chart shown (site or compare view) to a PNG, SVG or PDF file.

        Raises
        ------
        ValueError
            Nothing to export, or an unknown suffix.
        OSError
            The file could not be written (a previous file is kept).
        """
        from dkgis.charts.compare_chart import ComparePlot
        from dkgis.charts.page import export_page, offscreen_view
        from dkgis.charts.site_chart import SitePlot

        if self.data is None and not self.entries:
            raise ValueError(self.tr("no chart to export: select a facility first"))
        page = self.export_page()
        unit = self.toolbar.unit_key()
        data, entries = self.data, list(self.entries)
        mode = self.compare_plot.mode if self._compare_plot is not None else OVERLAY

        def make_view(width: int, height: int) -> SitePlot | ComparePlot:
            view: SitePlot | ComparePlot
            if data is not None:
                view = SitePlot(always_legend=True)
                view.unit_choice = unit
                offscreen_view(view, width, height)
                draw_site(view, self.project, data)
            else:
                view = ComparePlot()
                view.unit_choice = unit
                offscreen_view(view, width, height)
                view.show_entries(entries, mode)
            QCoreApplication.sendPostedEvents()
            return view

        return export_page(page, make_view, path)

    def export(self, path: str | Path) -> Path | None:
        """Export the chart shown to ``path`` (PNG, SVG or PDF, by suffix); say why if it
        fails."""
        try:
            return self.export_file(path)
        except (OSError, ValueError) as err:
            QMessageBox.critical(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {reason}").format(
                    path=path, reason=getattr(err, "strerror", None) or err
                ),
            )
            return None
