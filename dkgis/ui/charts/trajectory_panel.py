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
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dkgis.model.projections import STEEL_COMPLEX, Projections
from dkgis.ui.charts import chart_style as cs
from dkgis.ui.charts.lazy_panel import LazyPanel
from dkgis.ui.charts.texts import milestone_text, pct
from dkgis.ui.charts.toolbar import ChartToolbar, short_credit
from dkgis.ui.settings import app_settings

#: Compare modes (the same values as :mod:`dkgis.ui.charts.compare_chart`, which is
#: imported only when a compare view is first shown).
OVERLAY = "overlay"
MULTIPLES = "multiples"

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.site_data import CompareEntry, SiteChartData
    from dkgis.ui.charts.compare_chart import ComparePlot
    from dkgis.ui.charts.site_chart import SitePlot


class TrajectoryPanel(LazyPanel):
    """The selected facility's decarbonization trajectory, or several facilities compared.

    Follows ``project.selection`` and the active scenario of ``projections``.
    """

    def __init__(
        self, project: Project, projections: Projections, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trajectoryPanel")
        self.project = project
        self.projections = projections
        self.data: SiteChartData | None = None
        self.entries: list[CompareEntry] = []
        self.last_redraw_ms = 0.0

        self.toolbar = ChartToolbar(projections, self)
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
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.steel_complex)
        options.addStretch(1)
        options.addWidget(self.compare_mode)

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
        self.legend_text = QLabel(self)
        self.legend_text.setObjectName("chartLegend")
        self.legend_text.setWordWrap(True)
        self.legend_text.setTextFormat(Qt.TextFormat.RichText)
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("chartNotes")
        self.notes.setOpenLinks(False)
        self.notes.setMaximumHeight(60)
        self.notes.setStyleSheet("QTextBrowser { color:#555; border:none; background:transparent }")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.toolbar)
        layout.addLayout(options)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.legend_text)
        layout.addWidget(self.notes)

        self.png_action = self.toolbar.export_menu.addAction(self.tr("Export Chart as PNG…"))
        self.svg_action = self.toolbar.export_menu.addAction(self.tr("Export Chart as SVG…"))
        self.png_action.triggered.connect(lambda: self.export_dialog("png"))
        self.svg_action.triggered.connect(lambda: self.export_dialog("svg"))

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
        projections.changed.connect(self._on_projections_changed)
        self.redraw()

    # -- plots (built on first use) ------------------------------------------------
    @property
    def site_plot(self) -> SitePlot:
        """The chart of one site (created the first time it is needed)."""
        if self._site_plot is None:
            from dkgis.ui.charts.site_chart import SitePlot

            self._site_plot = SitePlot(self)
            self._site_plot.unit = cs.UNITS[self.toolbar.unit_key()]
            self._site_plot.legendMoved.connect(self._sync_legend)
            self._site_plot.mark_year(getattr(getattr(self.project, "display", None), "year", None))
            self.stack.addWidget(self._site_plot)
        return self._site_plot

    @property
    def compare_plot(self) -> ComparePlot:
        """The compare view (created the first time it is needed)."""
        if self._compare_plot is None:
            from dkgis.ui.charts.compare_chart import ComparePlot

            self._compare_plot = ComparePlot(self)
            self._compare_plot.unit = cs.UNITS[self.toolbar.unit_key()]
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
        groups.extend((self.project.facilities[fid].name, (fid,)) for fid in ids)
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

    def _on_projections_changed(self) -> None:
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
            self._site_plot.unit = cs.UNITS[key]
        if self._compare_plot is not None:
            self._compare_plot.unit = cs.UNITS[key]
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
                self.project, self.projections, fids, combined=len(fids) > 1
            )
            self.site_plot.show_data(
                self.data, self._names(), self._credits(self.data), self._prefixes(fids)
            )
            self.title.setText(self.chart_title())
            self.notes.setText(self._notes_html(self.data))
            self.stack.setCurrentWidget(self.site_plot)
            self._sync_legend()
            self.site_plot.refit_labels()
        else:
            self.data = None
            self.entries = build_compare_entries(self.project, self.projections, groups)
            self.compare_plot.show_entries(self.entries, self.compare_mode.currentData())
            self.title.setText(self.chart_title())
            self.notes.setText(self._compare_notes_html())
            self.stack.setCurrentWidget(self.compare_plot)
            self.legend_text.hide()
        self.last_redraw_ms = (time.perf_counter() - start) * 1000

    def _sync_legend(self, *_args) -> None:
        """Show the legend under the chart when the chart is too narrow to hold it."""
        if self._site_plot is None:
            self.legend_text.hide()
            return
        outside = self.data is not None and not self._site_plot.legend_in_chart
        self.legend_text.setText(self.site_plot.legend_html() if outside else "")
        self.legend_text.setVisible(outside)

    def chart_title(self) -> str:
        """The title of the chart shown (also used for exports)."""
        groups = self.groups()
        if not groups:
            return ""
        if len(groups) == 1:
            label, fids = groups[0]
            if len(fids) > 1:
                names = " + ".join(self.project.facilities[f].name for f in fids)
                return self.tr("Steel complex: {names}").format(names=names)
            return label
        return self.tr("{n} facilities compared").format(n=len(groups))

    def _prefixes(self, fids) -> tuple[str, ...]:
        """Names and operators of the charted sites (left out of measure names)."""
        out = []
        for fid in fids:
            f = self.project.facilities[fid]
            out.extend(p for p in (f.name, f.operator) if p)
        return tuple(out)

    def _names(self) -> dict[str, str]:
        return {fid: f.name for fid, f in self.project.facilities.items()}

    def _credits(self, data: SiteChartData) -> dict[str, str]:
        return {sid: short_credit(self.project, sid) for sid in data.source_ids}

    def note_lines(self) -> list[str]:
        """The notes under the chart, as plain sentences (also printed on exports)."""
        if self.data is not None:
            return self._site_notes(self.data)
        if self.entries:
            return self._compare_notes()
        return []

    def _site_notes(self, data: SiteChartData) -> list[str]:
        lines: list[str] = []
        for a in data.annotations:
            if a.kind == "missing_data":
                continue
            if a.cancels_out:
                lines.append(
                    self.tr(
                        "{year}: the change in where CO₂ is counted cancels out in this sum."
                    ).format(year=a.year_from)
                )
            else:
                lines.append(f"{a.year_from}: {a.description}")
        if data.irep:
            lines.append(
                self.tr(
                    "IREP values count CO₂ differently from the EU ETS: shown as points, "
                    "never joined to the verified line."
                )
            )
        for r in data.reported:
            lines.append(
                self.tr("{year} reported value ({source}), not verified: {note}").format(
                    year=r.year, source=short_credit(self.project, r.source_id), note=r.note or ""
                )
            )
        if data.reported_left_out:
            lines.append(
                self.tr(
                    "Reported (IREP, 2024) values are left out of the sum: their scopes differ "
                    "and adding them would double count."
                )
            )
        undated = [m.name for m in data.milestones if m.year is None]
        if undated:
            lines.append(
                self.tr("Measures without a date: {names}.").format(names="; ".join(undated))
            )
        unquantified = [m.name for m in data.milestones if m.year is not None and not m.quantified]
        if unquantified:
            lines.append(
                self.tr("Not quantified (no abatement figure stated): {names}.").format(
                    names="; ".join(unquantified)
                )
            )
        if data.pathway is not None:
            parts = ", ".join(
                self.tr("net zero by {year}").format(year=t.target_year)
                if t.reduction_pct >= 100
                else self.tr("{pct} by {year}").format(pct=pct(t.reduction_pct), year=t.target_year)
                for t in data.pathway.targets
            )
            actor = data.pathway.targets[0].actor
            ref = data.pathway.reference
            if ref.stated:
                base = self.tr("baseline {year} as stated").format(year=ref.year)
            else:
                base = self.tr(
                    "the source states no baseline year; drawn from the {year} verified value"
                ).format(year=ref.year)
            lines.append(
                self.tr(
                    "Territorial pathway ({actor}): {parts} ({base}), applied to this chart."
                ).format(actor=actor, parts=parts, base=base)
            )
        for t in data.targets:
            ref = t.reference
            base = (
                self.tr("vs {year}").format(year=ref.year)
                if ref.stated
                else self.tr("baseline not stated; drawn vs {year} verified").format(year=ref.year)
            )
            lines.append(
                self.tr("Site target: {actor} {pct} by {year} ({base}).").format(
                    actor=t.target.actor,
                    pct=pct(t.target.reduction_pct),
                    year=t.target.target_year,
                    base=base,
                )
            )
        lines.extend(self._projection_notes(data.active_scenario is not None))
        lines.extend(self._baseline_notes(data))
        return lines

    def _baseline_notes(self, data: SiteChartData) -> list[str]:
        """The baseline's years (a short caption) and how shared measures are split."""
        from dkgis.model.trajectory import baseline_years_of, years_text

        scenario = self.project.scenarios.get(data.active_scenario)
        if scenario is None:
            return []
        lines = []
        years = baseline_years_of(self.project, scenario, data.facility_ids)
        if years:
            lines.append(self.tr("Baseline: mean {years}.").format(years=years_text(years)))
        names = {fid: f.name for fid, f in self.project.facilities.items()}
        for m in scenario.measures:
            if m.counts and m.shared_with and set(m.sites) & set(data.facility_ids):
                lines.append(
                    self.tr(
                        "{measure}: its abatement is shared between {sites} in proportion "
                        "to their baselines."
                    ).format(measure=m.name, sites=", ".join(names.get(f, f) for f in m.sites))
                )
        return lines

    def _projection_notes(self, drawn: bool) -> list[str]:
        if not self.projections.available:
            return [self.tr("Projections are not available (no trajectory engine).")]
        if not drawn:
            return [
                self.tr(
                    "No projection: the facility has no verified emissions in the last years "
                    "of the record, or is closed."
                )
            ]
        rule = getattr(self.projections.engine, "BASELINE_RULE", None)
        notes = [self.tr("Dashed lines are projections, not data.")]
        if isinstance(rule, str):
            notes[0] += " " + QCoreApplication.translate("Trajectory", rule)
        return notes

    def _compare_notes(self) -> list[str]:
        lines = [
            self.tr("Solid: EU ETS verified. Dashed: projected ({scenario}).").format(
                scenario=self.projections.active or self.tr("not available")
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

    def _notes_html(self, data: SiteChartData) -> str:
        return self._as_html(self._site_notes(data))

    def _compare_notes_html(self) -> str:
        return self._as_html(self._compare_notes())

    def _as_html(self, lines: list[str]) -> str:
        return "".join(f"<p style='margin:0 0 3px 0'>• {html.escape(line)}</p>" for line in lines)

    def milestone_labels(self) -> list[str]:
        """The texts of the measures lane (full, not elided)."""
        return [text for _, text, _ in self.site_plot.lane_texts]

    # -- export --------------------------------------------------------------------
    def export_dialog(self, fmt: str) -> None:
        """Ask for a file name and export the chart shown."""
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        stem = "dkgis-" + "-".join(fids[0] for _, fids in self.groups()[:3])
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Chart"), f"{stem}.{fmt}", filters[fmt]
        )
        if path:
            self.export(path)

    def export(self, path: str | Path) -> Path | None:
        """Export the chart shown to ``path`` (PNG or SVG, by suffix); say why if it fails."""
        from dkgis.ui.charts.chart_export import export_panel_chart

        try:
            return export_panel_chart(self, path)
        except (OSError, ValueError) as err:
            QMessageBox.critical(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {reason}").format(
                    path=path, reason=getattr(err, "strerror", None) or err
                ),
            )
            return None

    def milestone_texts(self) -> list[str]:
        """The labels of all the milestones of the chart shown."""
        return [milestone_text(m) for m in self.data.milestones] if self.data else []
