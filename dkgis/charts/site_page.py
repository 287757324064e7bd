"""What goes around a site chart: its title, notes and source line, and its labels.

The trajectory dock, the chart export and the PowerPoint site slides all describe a
site chart with these functions, so a caveat (the 2013 change in how steel-works gases
are counted, a reported value that is not verified) reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dkgis.charts.page import ChartPage, source_line, source_roles
from dkgis.charts.texts import reduction_by, short_credit
from dkgis.i18n import _
from dkgis.model.scenario import scenario_title
from dkgis.model.trajectory import baseline_rule, baseline_years_of, years_text
from dkgis.wording import scenario_phrase

if TYPE_CHECKING:
    from dkgis.charts.site_chart import SitePlot
    from dkgis.charts.style import Unit
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario
    from dkgis.model.site_data import SiteChartData


def site_title(project: Project, facility_ids: Sequence[str]) -> str:
    """The site's name, or ``Steel complex: A + B + C`` for several sites summed."""
    if len(facility_ids) > 1:
        names = " + ".join(project.facilities[f].display_name for f in facility_ids)
        return _("Steel complex: {names}").format(names=names)
    return project.facilities[facility_ids[0]].display_name


def site_prefixes(project: Project, facility_ids: Sequence[str]) -> tuple[str, ...]:
    """Names and operators of the charted sites (left out of the measure names)."""
    out: list[str] = []
    for fid in facility_ids:
        f = project.facilities[fid]
        out.extend(p for p in dict.fromkeys((f.display_name, f.name, f.operator)) if p)
    return tuple(out)


def draw_site(plot: SitePlot, project: Project, data: SiteChartData) -> None:
    """Draw ``data`` in ``plot`` with the project's names and source credits."""
    plot.show_data(
        data,
        {fid: f.display_name for fid, f in project.facilities.items()},
        {sid: short_credit(project, sid) for sid in data.source_ids},
        site_prefixes(project, data.facility_ids),
    )


def projection_note(data: SiteChartData, available: bool) -> str:
    """What the dashed lines are, or why there are none."""
    if not available:
        return _("No scenario: nothing is projected.")
    if data.scenario is None:
        return _(
            "No projection: the facility has no verified emissions in the last years "
            "of the record, or is closed."
        )
    return _("Dashed lines are projections, not data.") + " " + baseline_rule()


def caveat_note(kind: str, year: int, description: str) -> str:
    """The note of a caveat drawn on a chart, in the user's language.

    The kinds a chart draws have their own sentence; any other kind gives the dataset's
    own description (data text, as written).
    """
    if kind == "accounting_break":
        return _(
            "{year}: change in where CO₂ is counted (EU ETS phase 3): the CO₂ of the "
            "steel-works gases burnt at the power plant is reported by the power plant, no "
            "longer by the steel plant. The steel complex option charts them together."
        ).format(year=year)
    if kind == "scope_entry":
        return _(
            "{year}: the installation enters the EU ETS (phase 3); no value before {year} "
            "does not mean no emissions."
        ).format(year=year)
    return f"{year}: {description}"


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
                _("{year}: the change in where CO₂ is counted cancels out in this sum.").format(
                    year=a.year_from
                )
            )
        else:
            lines.append(caveat_note(a.kind, a.year_from, a.description))
    if data.irep:
        lines.append(
            _(
                "IREP values count CO₂ differently from the EU ETS: shown as points, "
                "never joined to the verified line."
            )
        )
    for r in data.reported:
        lines.append(
            _("{year} reported value ({source}), not verified: {note}").format(
                year=r.year, source=short_credit(project, r.source_id), note=r.note or ""
            )
        )
    if data.reported_left_out:
        lines.append(
            _(
                "Reported (IREP, 2024) values are left out of the sum: their scopes differ "
                "and adding them would double count."
            )
        )
    undated = [m.name for m in data.milestones if m.year is None]
    if undated:
        lines.append(_("Measures without a date: {names}.").format(names="; ".join(undated)))
    unquantified = [m.name for m in data.milestones if m.year is not None and not m.quantified]
    if unquantified:
        lines.append(
            _("Not quantified (no abatement figure stated): {names}.").format(
                names="; ".join(unquantified)
            )
        )
    if data.pathway is not None:
        lines.append(_pathway_note(data))
    for t in data.targets:
        ref = t.reference
        base = (
            _("vs {year}").format(year=ref.year)
            if ref.stated
            else _("baseline not stated; drawn vs {year} verified").format(year=ref.year)
        )
        lines.append(
            _("Site target: {actor}, {target} ({base}).").format(
                actor=t.target.actor_text,
                target=reduction_by(t.target.reduction_pct, t.target.target_year),
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
        lines.append(_("Baseline: mean {years}.").format(years=years_text(years)))
    names = {fid: f.display_name for fid, f in project.facilities.items()}
    for m in scenario.measures:
        if m.counts and m.shared_with and set(m.sites) & set(data.facility_ids):
            lines.append(
                _(
                    "{measure}: its abatement is shared between {sites} in proportion "
                    "to their baselines."
                ).format(
                    measure=project.measure_name(m.measure_id, m.name),
                    sites=", ".join(names.get(f, f) for f in m.sites),
                )
            )
    return lines


def _pathway_note(data: SiteChartData) -> str:
    pathway = data.pathway
    assert pathway is not None
    parts = ", ".join(reduction_by(t.reduction_pct, t.target_year) for t in pathway.targets)
    ref = pathway.reference
    if ref.stated:
        base = _("baseline {year} as stated").format(year=ref.year)
    else:
        base = _("the source states no baseline year; drawn from the {year} verified value").format(
            year=ref.year
        )
    return _("Territorial pathway ({actor}): {parts} ({base}), applied to this chart.").format(
        actor=pathway.targets[0].actor_text, parts=parts, base=base
    )


def site_subtitle(unit: Unit, scenario: str | None) -> str:
    """``Emissions in Mt CO₂e per year · projection: Announced plans``."""
    subtitle = _("Emissions in {unit}").format(unit=unit.label)
    if scenario:
        subtitle += " · " + _("projection: {scenario}").format(scenario=scenario_phrase(scenario))
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
    drawn = scenario_title(data.scenario) if data.scenario else None
    source = source_line(project, source_roles(project, data.source_ids, years), drawn)
    return ChartPage(
        title=site_title(project, data.facility_ids),
        subtitle=site_subtitle(unit, data.scenario),
        source=source,
        notes=tuple(site_notes(project, data, scenario, available)),
    )
