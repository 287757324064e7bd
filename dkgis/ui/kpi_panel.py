"""The key-figures dock: the cluster's CO2e, jobs and investment, and the other
Transitioning Industrial Clusters beside it.

Every value comes from :func:`dkgis.model.kpi_summary.cluster_kpis` (the dataset and the
active scenario's projection); figures no source states are said to be "not stated",
never shown as zero. Each figure links to the page that states it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from dkgis.i18n import format_number, format_percent
from dkgis.model.kpis import amount_text, euros_text, jobs_text, short_number, source_site
from dkgis.model.scenario import scenario_title
from dkgis.model.text import is_web_url

if TYPE_CHECKING:
    from dkgis.model.kpi_summary import ClusterKpis
    from dkgis.model.kpis import ClusterFigure, JobsFigure
    from dkgis.model.project import Project

_MUTED = "color:#666"


def _esc(text: object) -> str:
    return html.escape(str(text))


def _link(url: str) -> str:
    """The source's web site, a link when its address is a web address (never ``file:``)."""
    site = _esc(source_site(url))
    return f"<a href='{_esc(url)}'>{site}</a>" if is_web_url(url) else site


class KpiPanel(QWidget):
    """CO2e verified and projected, jobs, investment, and the comparison with the other
    Transitioning Industrial Clusters, each figure with what it counts and its source.

    The figures are computed when the dock is first shown and again when the scenarios
    change (the projection follows the active scenario).
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiPanel")
        self.project = project
        self.kpis: ClusterKpis | None = None
        self._dirty = True
        self.text = QTextBrowser(self)
        self.text.setObjectName("kpiText")
        self.text.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.text)
        project.scenarios.changed.connect(self._on_scenarios_changed)

    # -- when to compute ---------------------------------------------------------------
    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        if self._dirty:
            QTimer.singleShot(0, self, self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        # A dock under another tab is "visible" to Qt: it is on screen only when a part of
        # it can be seen.
        if self._dirty and self.isVisible() and not self.visibleRegion().isEmpty():
            self.refresh()

    def on_dock_visibility(self, visible: bool) -> None:
        """Compute the figures if needed when the dock comes into view (its
        ``visibilityChanged``)."""
        if visible and self._dirty:
            QTimer.singleShot(0, self, self._refresh_if_shown)

    def _on_scenarios_changed(self) -> None:
        self._dirty = True
        self._refresh_if_shown()

    def refresh(self) -> None:
        """Compute the figures under the active scenario and show them."""
        from dkgis.model.kpi_summary import cluster_kpis

        self._dirty = False
        self.kpis = cluster_kpis(self.project, self.project.scenarios.active)
        self.text.setHtml(self.figures_html(self.kpis) + self.comparison_html(self.kpis))

    def plain_text(self) -> str:
        """The key figures as plain text."""
        return self.text.toPlainText()

    # -- the cluster's figures -----------------------------------------------------------
    def figures_html(self, kpis: ClusterKpis) -> str:
        """The CO2e, jobs and investment sections as rich text."""
        return self._emissions_html(kpis) + self._jobs_html(kpis) + self._investment_html(kpis)

    def _row(self, label: str, value: str, detail: str = "") -> str:
        return (
            f"<tr><td style='padding-right:8px'>{_esc(label)}</td>"
            f"<td style='padding-right:8px;white-space:nowrap'><b>{value}</b></td>"
            f"<td style='{_MUTED}'>{detail}</td></tr>"
        )

    def _mt(self, tonnes: float) -> str:
        return _esc(self.tr("{value} Mt CO₂e").format(value=format_number(tonnes / 1e6, 2)))

    def _emissions_html(self, kpis: ClusterKpis) -> str:
        e = kpis.emissions
        rows = []
        if e.verified_year is None or e.verified_t is None:
            rows.append(self._row(self.tr("Verified"), _esc(self.tr("no verified data"))))
        else:
            rows.append(
                self._row(
                    self.tr("Verified, {year}").format(year=e.verified_year),
                    self._mt(e.verified_t),
                    _esc(self.tr("EU ETS, {n} installations").format(n=e.reporting)),
                )
            )
        if e.scenario is None:
            rows.append(
                self._row(self.tr("Projected"), _esc(self.tr("not available (no scenario)")))
            )
        for year, value in e.projected.items():
            shown = self._mt(value) if value is not None else _esc(self.tr("not projected"))
            rows.append(
                self._row(
                    self.tr("Projected, {year}").format(year=year),
                    shown,
                    _esc(self.tr("scenario “{name}”").format(name=scenario_title(e.scenario))),
                )
            )
        if e.covered_share is not None:
            rows.append(
                self._row(
                    self.tr("Covered by quantified measures"),
                    _esc(format_percent(e.covered_share)),
                    _esc(
                        self.tr(
                            "of the baseline emissions: {n} of {m} sites with a baseline have a "
                            "measure with a figure and a start year"
                        ).format(n=e.covered_sites, m=e.baseline_sites)
                    ),
                )
            )
        return self._section(self.tr("CO₂e of the cluster"), rows)

    def _section(self, title: str, rows: list[str], after: str = "") -> str:
        return (
            f"<h3 style='margin-bottom:2px'>{_esc(title)}</h3>"
            f"<table cellspacing='1'>{''.join(rows)}</table>{after}"
        )

    def _figure_item(self, figure: JobsFigure) -> str:
        site = self.project.facilities.get(figure.facility_id or "")
        text = jobs_text(figure)
        if site is not None:
            text = self.tr("{site}: {figure}").format(site=site.display_name, figure=text)
        quote = _esc(self.tr("“{words}”").format(words=figure.text))
        return f"<li>{_esc(text)} — {quote} {_link(figure.source_url)}</li>"

    def _jobs_html(self, kpis: ClusterKpis) -> str:
        j = kpis.jobs
        rows = [
            self._row(
                self.tr("Announced projects"),
                _esc(self._bounds(j.projects)),
                _esc(
                    self.tr(
                        "direct jobs stated for {n} projects; {m} of {total} projects state no "
                        "figure"
                    ).format(n=j.projects.count, m=j.projects_without, total=j.projects_total)
                ),
            ),
            self._row(
                self.tr("Existing sites"),
                _esc(self._bounds(j.sites)),
                _esc(
                    self.tr("direct jobs, workforce stated for {n} sites").format(n=j.sites.count)
                ),
            ),
        ]
        after = ""
        if j.other:
            items = "".join(self._figure_item(f) for f in j.other)
            title = _esc(self.tr("Not added up (not direct jobs alone, or not said):"))
            after += f"<p>{title}</p><ul>{items}</ul>"
        if j.territory:
            items = "".join(self._figure_item(f) for f in j.territory)
            title = _esc(self.tr("Expected for the territory:"))
            after += f"<p>{title}</p><ul>{items}</ul>"
        after += (
            f"<p style='{_MUTED}'>"
            + _esc(
                self.tr(
                    "{n} of {total} sites have no stated figure: unknown, not zero. Sources: "
                    "the press and company pages cited by the dataset."
                ).format(n=j.sites_total - j.sites_stated, total=j.sites_total)
            )
            + "</p>"
        )
        return self._section(self.tr("Jobs stated by the sources"), rows, after)

    def _bounds(self, bounds) -> str:
        if bounds.count == 0:
            return self.tr("not stated")
        return amount_text(bounds.qualifier, bounds.low, bounds.high)

    def _investment_html(self, kpis: ClusterKpis) -> str:
        inv = kpis.investment
        value = euros_text(inv.total_eur) if inv.measures else self.tr("not stated")
        rows = [
            self._row(
                self.tr("Investment announced"),
                _esc(value),
                _esc(
                    self.tr("stated for {n} of {total} projects").format(
                        n=len(inv.measures), total=inv.projects_total
                    )
                ),
            )
        ]
        items = "".join(
            "<li>"
            + _esc(
                self.tr("{amount}: {measure}").format(
                    amount=euros_text(m.capex_eur or 0.0), measure=m.display_name
                )
            )
            + f" {_link(m.source_url)}</li>"
            for m in inv.measures
        )
        after = (
            f"<ul>{items}</ul><p style='{_MUTED}'>"
            + _esc(
                self.tr(
                    "Single figures as each source states them; some cover sites outside the "
                    "cluster too (see each project's note). Ranges and grants are not added."
                )
            )
            + "</p>"
        )
        return self._section(self.tr("Investment"), rows, after)

    # -- comparison ----------------------------------------------------------------------
    def group_title(self, comparable: str) -> str:
        """The title of a group of cluster figures."""
        titles = {
            "annual_emissions": self.tr("Annual emissions"),
            "jobs": self.tr("Jobs"),
            "gdp": self.tr("Economic output"),
            "national_share": self.tr("Share of national emissions"),
            "co2_reduction": self.tr("Planned CO₂ reduction"),
        }
        return titles.get(comparable, comparable)

    def figure_text(self, figure: ClusterFigure) -> str:
        """A cluster figure: amount, unit and year ("55,000 jobs (2019)")."""
        amount = amount_text(figure.qualifier, figure.value, figure.value_high, short_number)
        text = f"{amount} {figure.unit or ''}".strip()
        if figure.year is None:
            return self.tr("{figure} (year not stated)").format(figure=text)
        return f"{text} ({figure.year})"

    def comparison_rows(self, kpis: ClusterKpis) -> list[tuple[str, str, ClusterFigure]]:
        """``(group title, cluster, figure)`` in the order shown: by group, the dataset's
        cluster first."""
        rows = []
        for group in kpis.comparison:
            clusters = sorted(group.clusters, key=lambda c: c != kpis.home_cluster)
            for cluster in clusters:
                for figure in group.of(cluster):
                    rows.append((self.group_title(group.comparable), cluster, figure))
        return rows

    def comparison_html(self, kpis: ClusterKpis) -> str:
        """The other clusters' figures, group by group, each with what it counts and its
        source."""
        heading = _esc(self.tr("Other Transitioning Industrial Clusters (WEF)"))
        parts = [f"<h3 style='margin-bottom:2px'>{heading}</h3>"]
        rows = self.comparison_rows(kpis)
        for group in kpis.comparison:
            title = self.group_title(group.comparable)
            verdict = (
                self.tr("Comparable: the same measure for every cluster.")
                if group.alike
                else self.tr("Not comparable as such: the sources count different things.")
            )
            parts.append(
                f"<h4 style='margin-bottom:0'>{_esc(title)}</h4>"
                f"<p style='{_MUTED};margin-top:0'>{_esc(verdict)}</p>"
            )
            by_cluster: dict[str, list[ClusterFigure]] = {}
            for group_title, cluster, figure in rows:
                if group_title == title:
                    by_cluster.setdefault(cluster, []).append(figure)
            for cluster, figures in by_cluster.items():
                parts.append(self._cluster_block(cluster, figures, cluster == kpis.home_cluster))
        if not kpis.comparison:
            none = _esc(self.tr("No figure of other clusters in this dataset."))
            parts.append(f"<p>{none}</p>")
        parts.append(f"<p style='{_MUTED}'>{self._comparison_notes(kpis)}</p>")
        return "".join(parts)

    def _cluster_block(self, cluster: str, figures: list[ClusterFigure], home: bool) -> str:
        name = f"<b>{_esc(cluster)}</b>"
        if home:
            home_note = _esc(self.tr("(this cluster)"))
            name += f" <span style='{_MUTED}'>{home_note}</span>"
        lines = "".join(
            f"<br>{_esc(self.figure_text(f))} <span style='{_MUTED}'>— {_esc(f.metric)}, "
            f"{_link(f.source_url)}</span>"
            for f in figures
        )
        return f"<p style='margin-top:2px;margin-bottom:4px'>{name}{lines}</p>"

    def _comparison_notes(self, kpis: ClusterKpis) -> str:
        parts = [
            self.tr(
                "Each figure is shown with what its source counts (scope, year, direct or all "
                "jobs, currency); figures that count different things are set side by side, not "
                "compared."
            )
        ]
        e = kpis.emissions
        if kpis.home_cluster and e.verified_t is not None:
            parts.append(
                self.tr(
                    "{cluster} in this dataset: {value} verified in {year} (EU ETS, {n} "
                    "installations)."
                ).format(
                    cluster=kpis.home_cluster,
                    value=self.tr("{value} Mt CO₂e").format(
                        value=format_number(e.verified_t / 1e6, 2)
                    ),
                    year=e.verified_year,
                    n=e.reporting,
                )
            )
        members = [f for f in self.project.cluster_figures if f.comparable == "member"]
        if members:
            parts.append(
                self.tr("{n} member clusters are named by the sources.").format(n=len(members))
            )
        return "<br>".join(_esc(p) for p in parts)
