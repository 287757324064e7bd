"""What a site trajectory chart shows, assembled from the project (pure, no Qt).

Values stay in tonnes of CO2e; kinds are never mixed: the verified EU ETS series
is the line, other reported values are separate points, projections carry their
scenario name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dkgis.model.scenario_set import END_YEAR, Milestone, Projected, ScenarioSet
from dkgis.model.trajectory import combined_series

if TYPE_CHECKING:
    from dkgis.model.measures import Target
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario

#: Kinds of caveats drawn as a vertical line at their first year.
LINE_CAVEATS = ("accounting_break", "scope_entry")
#: Kinds of caveats drawn as a band over their years.
BAND_CAVEATS = ("missing_data",)

#: Source ids of the IREP register (its values count CO2 differently from the EU ETS).
IREP_SOURCES = ("irep_emissions",)


@dataclass(frozen=True)
class Reported:
    """A reported (not verified) value: drawn as a point, never joined to the line."""

    year: int
    value_t: float
    source_id: str
    note: str | None = None


@dataclass(frozen=True)
class Annotation:
    """A caveat on the time axis.

    ``cancels_out`` is true when the caveat moves emissions between sites that are
    all charted together (the sum is not affected).
    """

    caveat_id: str
    kind: str
    year_from: int
    year_to: int | None
    description: str
    cancels_out: bool = False


@dataclass(frozen=True)
class Reference:
    """The value a reduction target is applied to.

    ``stated`` is False when the source gives no baseline year and the chart uses
    the last verified year instead (see :func:`reference_for`).
    """

    year: int
    value_t: float
    stated: bool


@dataclass(frozen=True)
class TargetMark:
    """A target drawn as a point: ``value_t`` allowed in ``target.target_year``."""

    target: Target
    reference: Reference
    value_t: float


@dataclass(frozen=True)
class Pathway:
    """The territorial pathway applied to the charted sites (points joined by lines)."""

    targets: tuple[Target, ...]
    reference: Reference
    years: np.ndarray
    values: np.ndarray

    def at(self, years: np.ndarray) -> np.ndarray:
        """The pathway's value in ``years`` (linear between its points, NaN before it)."""
        out = np.interp(years, self.years, self.values)
        return np.where(np.asarray(years) < self.years[0], np.nan, out)


@dataclass(frozen=True)
class SiteChartData:
    """Everything one site chart draws (tonnes CO2e).

    ``scenario`` names the scenario the chart is drawn for (its projection comes first
    in ``projections``); ``None`` when nothing is projected.
    """

    facility_ids: tuple[str, ...]
    combined: bool
    years: np.ndarray
    values: np.ndarray
    irep: tuple[Reported, ...] = ()
    reported: tuple[Reported, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    targets: tuple[TargetMark, ...] = ()
    pathway: Pathway | None = None
    projections: tuple[Projected, ...] = ()
    scenario: str | None = None
    reported_left_out: bool = False
    source_ids: tuple[str, ...] = field(default=())

    @property
    def projection(self) -> Projected | None:
        """The projection under the chart's scenario, if any."""
        return next((p for p in self.projections if p.scenario == self.scenario), None)

    @property
    def last_verified_year(self) -> int | None:
        """The last year of the verified series."""
        return int(self.years[-1]) if len(self.years) else None

    def gap_series(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Years, emissions (verified then projected) and pathway from the pathway's start.

        ``None`` when there is no pathway or nothing to compare it with.
        """
        if self.pathway is None:
            return None
        start = int(self.pathway.years[0])
        keep = self.years >= start
        years, values = self.years[keep], self.values[keep]
        proj = self.projection
        if proj is not None:
            after = proj.years > (years[-1] if len(years) else start - 1)
            years = np.concatenate([years, proj.years[after]])
            values = np.concatenate([values, proj.values[after]])
        if len(years) < 2:
            return None
        return years.astype(float), values, self.pathway.at(years)


def verified_arrays(project: Project, facility_id: str) -> tuple[np.ndarray, np.ndarray]:
    """The verified EU ETS series of a facility as ``(years, tonnes)`` arrays."""
    series = project.emissions[facility_id].verified()
    return np.fromiter(series.keys(), int, len(series)), np.fromiter(
        series.values(), float, len(series)
    )


def combined_verified(project: Project, ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Sum the verified series of several facilities over the years all of them report.

    A year where one of them has no value is left out rather than summed short (see
    :func:`dkgis.model.trajectory.combined_series`).
    """
    series = combined_series(project, tuple(ids))
    return (
        np.fromiter(series.keys(), int, len(series)),
        np.fromiter(series.values(), float, len(series)),
    )


def reference_for(
    target: Target,
    years: np.ndarray,
    values: np.ndarray,
    scenarios: ScenarioSet | None = None,
) -> Reference | None:
    """The verified value of the charted series a target applies to.

    The year is the stated baseline year when the source gives one; otherwise the
    year the trajectory engine chooses (``target_reference``: the latest verified year
    not after the announcement), or without ``scenarios`` the last verified year. Either way
    the chart labels it as a choice of dkgis, not of the source. ``None`` when the
    series has no value that year.
    """
    if not len(years):
        return None
    if target.baseline_year is not None:
        year, stated = int(target.baseline_year), True
    else:
        engine_ref = scenarios.target_reference(target) if scenarios is not None else None
        year = int(engine_ref.year) if engine_ref is not None else int(years[-1])
        stated = False
    hit = np.nonzero(years == year)[0]
    if not len(hit):
        return None
    return Reference(year, float(values[hit[0]]), stated)


def pathway_targets(project: Project) -> tuple[Target, ...]:
    """The territorial pathway: for each target year, the most ambitious cluster target.

    With the embedded dataset: DKarbonation -55 % by 2030 and net zero by 2050.
    """
    best: dict[int, Target] = {}
    for t in project.targets:
        if t.scope != "cluster" or t.facility_id is not None:
            continue
        year = int(t.target_year)
        if year not in best or t.reduction_pct > best[year].reduction_pct:
            best[year] = t
    return tuple(best[y] for y in sorted(best))


def build_pathway(
    targets: Sequence[Target],
    years: np.ndarray,
    values: np.ndarray,
    scenarios: ScenarioSet | None = None,
) -> Pathway | None:
    """Apply the pathway targets to a verified series (reference: the first target's)."""
    if not targets:
        return None
    ref = reference_for(targets[0], years, values, scenarios)
    if ref is None:
        return None
    pts = [(ref.year, ref.value_t)] + [
        (int(t.target_year), t.target_value(ref.value_t))
        for t in targets
        if int(t.target_year) > ref.year
    ]
    if len(pts) < 2:
        return None
    return Pathway(
        tuple(targets),
        ref,
        np.array([p[0] for p in pts], float),
        np.array([p[1] for p in pts], float),
    )


def build_site_data(
    project: Project,
    scenarios: ScenarioSet,
    facility_ids: Sequence[str],
    *,
    scenario: Scenario | str | None,
    combined: bool = False,
    other_scenarios: bool = True,
) -> SiteChartData:
    """Assemble what the chart of one site (or of several summed) shows.

    Parameters
    ----------
    project
        The project.
    scenarios
        The project's scenarios and their projections.
    facility_ids
        One facility, or several charted as their sum (e.g. the steel complex).
    scenario
        The scenario the chart is drawn for (itself or its name; ``None``: none, nothing
        is projected).
    combined
        Whether ``facility_ids`` are summed; reported values are then left out (their
        scopes differ and they must not be added).
    other_scenarios
        Whether to project the other scenarios of ``scenarios`` too (when ``scenario``
        is given).
    """
    ids = tuple(facility_ids)
    combined = combined or len(ids) > 1
    if combined:
        years, values = combined_verified(project, ids)
    else:
        years, values = verified_arrays(project, ids[0])
    sources: dict[str, None] = {}
    if len(years):
        for fid in ids:
            for v in project.emissions[fid].of_kind("verified").values():
                sources.setdefault(v.source_id, None)
                break

    irep: list[Reported] = []
    reported: list[Reported] = []
    if not combined:
        for v in project.emissions[ids[0]].of_kind("reported").values():
            point = Reported(v.year, v.value_t, v.source_id, v.note)
            (irep if v.source_id in IREP_SOURCES else reported).append(point)
            sources.setdefault(v.source_id, None)
    left_out = combined and any(project.emissions[i].of_kind("reported") for i in ids)

    annotations = _annotations(project, ids, combined)

    targets: list[TargetMark] = []
    if not combined:
        for t in project.targets_for(ids[0]):
            ref = reference_for(t, years, values, scenarios)
            if ref is not None:
                targets.append(TargetMark(t, ref, t.target_value(ref.value_t)))
                sources.setdefault(t.source_id, None)
    path_targets = pathway_targets(project)
    pathway = build_pathway(path_targets, years, values, scenarios)
    if pathway is not None:
        for t in pathway.targets:
            sources.setdefault(t.source_id, None)

    chosen = scenarios.resolve(scenario)
    milestones = tuple(scenarios.milestones(ids, chosen))
    for m in project.measures:
        if m.facility_id in ids:
            sources.setdefault(m.source_id, None)

    drawn: list[Scenario] = []
    if chosen is not None:
        drawn.append(chosen)
        if other_scenarios:
            drawn += [s for s in scenarios.scenarios if s.name != chosen.name]
    projected: list[Projected] = []
    for sc in drawn:
        p = scenarios.site(ids[0], sc) if len(ids) == 1 else scenarios.sites(ids, sc)
        if p is not None and len(p.years) and p.years[-1] <= END_YEAR:
            projected.append(p)
    name = chosen.name if chosen is not None else None

    return SiteChartData(
        facility_ids=ids,
        combined=combined,
        years=years,
        values=values,
        irep=tuple(irep),
        reported=tuple(reported),
        annotations=annotations,
        milestones=milestones,
        targets=tuple(targets),
        pathway=pathway,
        projections=tuple(projected),
        scenario=name if any(p.scenario == name for p in projected) else None,
        reported_left_out=left_out,
        source_ids=tuple(sources),
    )


def _annotations(project: Project, ids: Sequence[str], combined: bool) -> tuple[Annotation, ...]:
    out: dict[str, Annotation] = {}
    for fid in ids:
        for c in project.caveats_for(fid):
            if c.id in out or c.year_from is None:
                continue
            if c.kind not in LINE_CAVEATS and c.kind not in BAND_CAVEATS:
                continue
            # A break that moves emissions between sites charted together cancels out.
            cancels = (
                combined
                and c.kind == "accounting_break"
                and bool(c.facility_ids)
                and set(c.facility_ids) <= set(ids)
            )
            out[c.id] = Annotation(
                c.id, c.kind, int(c.year_from), c.year_to, c.description, cancels
            )
    return tuple(sorted(out.values(), key=lambda a: (a.year_from, a.caveat_id)))


@dataclass(frozen=True)
class CompareEntry:
    """One line of the compare view: a site (or several summed) and its projection."""

    label: str
    facility_ids: tuple[str, ...]
    sector: str
    years: np.ndarray
    values: np.ndarray
    projection: Projected | None


def build_compare_entries(
    project: Project,
    scenarios: ScenarioSet,
    groups: Sequence[tuple[str, Sequence[str]]],
    scenario: Scenario | str | None,
) -> list[CompareEntry]:
    """The compare view's lines: each group is ``(label, facility ids summed)``, projected
    under ``scenario`` (``None``: not projected)."""
    out = []
    for label, ids in groups:
        ids = tuple(ids)
        if len(ids) == 1:
            years, values = verified_arrays(project, ids[0])
            proj = scenarios.site(ids[0], scenario)
        else:
            years, values = combined_verified(project, ids)
            proj = scenarios.sites(ids, scenario)
        sector = project.facilities[ids[0]].sector
        out.append(CompareEntry(label, ids, sector, years, values, proj))
    return out
