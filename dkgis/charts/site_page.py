"""What goes around a site chart: its title, notes and source line, and its labels.

The trajectory dock, the chart export and the PowerPoint site slides all describe a
site chart with these functions, so a caveat (the 2013 change in how steel-works gases
are counted, a reported value that is not verified) reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dkgis.charts.page import ChartPage, source_line, source_roles
from dkgis.charts.texts import pct, short_credit, tr
from dkgis.model.trajectory import BASELINE_RULE, baseline_years_of, years_text

if TYPE_CHECKING:
    from dkgis.charts.site_chart import SitePlot
    from dkgis.charts.style import Unit
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario
    from dkgis.model.site_data import SiteChartData


def site_title(project: Project, facility_ids: Sequence[str]) -> str:
    """The site's name, or ``Steel complex: A + B + C`` for several sites summed."""
    if len(facility_ids) > 1:
        names = " + ".join(project.facilities[f].name for f in facility_ids)
        return tr("Steel complex: {names}").format(names=names)
    return project.facilities[facility_ids[0]].name


def site_prefixes(project: Project, facility_ids: Sequence[str]) -> tuple[str, ...]:
    """Names and operators of the charted sites (left out of the measure names)."""
    out: list[str] = []
    for fid in facility_ids:
        f = project.facilities[fid]
        out.extend(p for p in (f.name, f.operator) if p)
    return tuple(out)


def draw_site(plot: SitePlot, project: Project, data: SiteChartData) -> None:
    """Draw ``data`` in ``plot`` with the project's names and source credits."""
    plot.show_data(
        data,
        {fid: f.name for fid, f in project.facilities.items()},
        {sid: short_credit(project, sid) for sid in data.source_ids},
        site_prefixes(project, data.facility_ids),
    )


def projection_note(data: SiteChartData, available: bool) -> str:
    """What the dashed lines are, or why there are none."""
    if not available:
        return tr("No scenario: nothing is projected.")
    if data.scenario is None:
        return tr(
            "No projection: the facility has no verified emissions in the last years "
            "of the record, or is closed."
        )
    return (
        tr("Dashed lines are projections, not data.")
        + " "
        + QCoreApplication.translate("Trajectory", BASELINE_RULE)
    )


def site_notes(
    project: Project, data: SiteChartData, scenario: Scenario | None, available: bool = True
) -> list[str]:
    """The notes under a site chart, as plain sentences.

    Parameters
    ----------
    project
        The project (source credits).
    data
        The chart's data.
    scenario
        The scenario the chart is drawn for (its baseline years, its shared measures).
    available
        Whether the project has scenarios to project under.
    """
    lines: list[str] = []
    for a in data.annotations:
        if a.kind == "missing_data":
            continue
        if a.cancels_out:
            lines.append(
                tr("{year}: the change in where CO₂ is counted cancels out in this sum.").format(
                    year=a.year_from
                )
            )
        else:
            lines.append(f"{a.year_from}: {a.description}")
    if data.irep:
        lines.append(
            tr(
                "IREP values count CO₂ differently from the EU ETS: shown as points, "
                "never joined to the verified line."
            )
        )
    for r in data.reported:
        lines.append(
            tr("{year} reported value ({source}), not verified: {note}").format(
                year=r.year, source=short_credit(project, r.source_id), note=r.note or ""
            )
        )
    if data.reported_left_out:
        lines.append(
            tr(
                "Reported (IREP, 2024) values are left out of the sum: their scopes differ "
                "and adding them would double count."
            )
        )
    undated = [m.name for m in data.milestones if m.year is None]
    if undated:
        lines.append(tr("Measures without a date: {names}.").format(names="; ".join(undated)))
    unquantified = [m.name for m in data.milestones if m.year is not None and not m.quantified]
    if unquantified:
        lines.append(
            tr("Not quantified (no abatement figure stated): {names}.").format(
                names="; ".join(unquantified)
            )
        )
    if data.pathway is not None:
        lines.append(_pathway_note(data))
    for t in data.targets:
        ref = t.reference
        base = (
            tr("vs {year}").format(year=ref.year)
            if ref.stated
            else tr("baseline not stated; drawn vs {year} verified").format(year=ref.year)
        )
        lines.append(
            tr("Site target: {actor} {pct} by {year} ({base}).").format(
                actor=t.target.actor,
                pct=pct(t.target.reduction_pct),
                year=t.target.target_year,
                base=base,
            )
        )
    lines.append(projection_note(data, available))
    if data.scenario is not None and scenario is not None:
        lines.extend(baseline_notes(project, data, scenario))
    return lines


def baseline_notes(project: Project, data: SiteChartData, scenario: Scenario) -> list[str]:
    """The baseline's years (a short caption) and how shared measures are split."""
    lines = []
    years = baseline_years_of(project, scenario, data.facility_ids)
    if years:
        lines.append(tr("Baseline: mean {years}.").format(years=years_text(years)))
    names = {fid: f.name for fid, f in project.facilities.items()}
    for m in scenario.measures:
        if m.counts and m.shared_with and set(m.sites) & set(data.facility_ids):
            lines.append(
                tr(
                    "{measure}: its abatement is shared between {sites} in proportion "
                    "to their baselines."
                ).format(measure=m.name, sites=", ".join(names.get(f, f) for f in m.sites))
            )
    return lines


def _pathway_note(data: SiteChartData) -> str:
    pathway = data.pathway
    assert pathway is not None
    parts = ", ".join(
        tr("net zero by {year}").format(year=t.target_year)
        if t.reduction_pct >= 100
        else tr("{pct} by {year}").format(pct=pct(t.reduction_pct), year=t.target_year)
        for t in pathway.targets
    )
    ref = pathway.reference
    if ref.stated:
        base = tr("baseline {year} as stated").format(year=ref.year)
    else:
        base = tr(
            "the source states no baseline year; drawn from the {year} verified value"
        ).format(year=ref.year)
    return tr("Territorial pathway ({actor}): {parts} ({base}), applied to this chart.").format(
        actor=pathway.targets[0].actor, parts=parts, base=base
    )


def site_subtitle(unit: Unit, scenario: str | None) -> str:
    """``Emissions in Mt CO₂e per year · projection: Announced plans``."""
    subtitle = tr("Emissions in {unit}").format(unit=unit.label)
    if scenario:
        subtitle += " · " + tr("projection: {scenario}").format(scenario=scenario)
    return subtitle


def site_page(
    project: Project,
    data: SiteChartData,
    unit: Unit,
    scenario: Scenario | None,
    available: bool = True,
) -> ChartPage:
    """The title, subtitle, notes and source line of a site chart drawn for ``scenario``."""
    years = [int(y) for y in data.years]
    source = source_line(project, source_roles(project, data.source_ids, years), data.scenario)
    return ChartPage(
        title=site_title(project, data.facility_ids),
        subtitle=site_subtitle(unit, data.scenario),
        source=source,
        notes=tuple(site_notes(project, data, scenario, available)),
    )
