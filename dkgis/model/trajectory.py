"""The trajectory engine: baselines, projections of sites and of the cluster, waterfall, gaps.

Pure (numpy only). Every projected value is of kind ``"projected"`` and carries the name of
its scenario; verified (EU ETS) values are never changed, and reported values (IREP, press)
are never added to anything.

Rules
-----
Baseline (:data:`BASELINE_RULE`)
    The business-as-usual baseline of a site is the mean of its verified values in the
    last three years of the verified record (``L-2 .. L``, ``L`` the latest year with a
    verified value in the project; zeros count), held flat. A scenario may choose other
    years (``Scenario.baseline_years``, e.g. to leave out 2020, the COVID year); the default
    stays the last three years, so that a new release moves the baselines by itself. A site
    with no verified value in those years has no baseline and no projection: it closed, left
    the EU ETS scope or stopped reporting, and projecting its old values would add emissions
    that the verified cluster total no longer counts. Closed sites are not projected. When an
    accounting break (caveat of kind ``accounting_break``, e.g. ``steel_gas_2013``) applies to
    a site, only years from the break on are used, so baselines are consistent with
    post-break values.
Projection
    From ``L+1`` to ``end_year`` (2050): baseline minus the measures in effect each year,
    never below zero. A measure with start year ``S`` and ramp ``R`` has ``1/(R+1)`` of its
    effect in ``S``, rising linearly to full effect in ``S+R``. Its full effect is
    ``abatement_t``, or ``abatement_pct`` % of the baseline, or the whole baseline when it
    ``replaces_process``. A measure shared between sites (``shared_with``: the EAF estimate,
    whose intensity covers CO2 reported at the steel plant and at DK6) gives each site a
    part of a t/yr abatement in proportion to the sites' baselines. The part of a measure
    already in effect during the baseline years
    is in the verified data: only the effect beyond it is subtracted. When the measures of a
    year add up to more than the baseline, each one's effect is scaled down in proportion so
    that the site reaches exactly zero (the per-measure abatements always add up to
    ``baseline - projection``).
Cluster
    The sum of its projected sites (verified baselines only; reported values never count).
Targets (:func:`target_reference`, :data:`TARGET_REFERENCE_RULE`)
    A target's reference is the verified total (cluster, or site for a site target) of its
    stated baseline year. A target without a stated baseline year (DKarbonation -55 % by
    2030) gets a reference chosen by dkgis: the latest verified year of the dataset not after
    the year of announcement (2022 for a target announced in 2024-01: the EU ETS verified
    emissions of a year are published in the spring of the next), flagged
    ``stated=False`` so the UI says so. The EU ETS cluster scope (about 12 Mt in 2022) is
    smaller than the "~16 Mt" the cluster's own statements use (other scopes), so such a
    reference is an approximation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dkgis.i18n import N_, _
from dkgis.model.scenario import (
    ANNOUNCED,
    ANNOUNCED_LATE,
    NO_NEW_MEASURES,
    PRESET_NAMES,
    MeasureValueError,
    Scenario,
    ScenarioMeasure,
    preset_scenarios,
)

if TYPE_CHECKING:
    from dkgis.model.measures import Target
    from dkgis.model.project import Project

__all__ = [
    "ANNOUNCED",
    "ANNOUNCED_LATE",
    "BASELINE_RULE",
    "BASELINE_YEARS",
    "DEFAULT_END_YEAR",
    "NO_NEW_MEASURES",
    "PRESET_NAMES",
    "STEEL_COMPLEX",
    "TARGET_REFERENCE_RULE",
    "ClusterProjection",
    "MeasureValueError",
    "Scenario",
    "ScenarioMeasure",
    "SiteBaseline",
    "SiteProjection",
    "TargetReference",
    "WaterfallStep",
    "baseline_rule",
    "baseline_window",
    "baseline_years_of",
    "combined_projection",
    "combined_series",
    "gap_to_target",
    "last_verified_year",
    "parse_years",
    "preset_scenarios",
    "project_cluster",
    "project_site",
    "site_baseline",
    "target_reference",
    "waterfall",
    "waterfall_steps",
    "years_text",
]

#: Number of trailing years of the verified record averaged into a baseline.
BASELINE_YEARS = 3

#: Last projected year by default.
DEFAULT_END_YEAR = 2050


#: The baseline rule, in words (English source text; :func:`baseline_rule` translates it).
BASELINE_RULE = N_(
    "Business-as-usual baseline: the mean of the site's verified EU ETS values in the last "
    "{years} years of the verified record (or in the years the scenario chooses), "
    "held flat (sites without a verified value in those years, and closed sites, are not "
    "projected; years before an accounting break are not used)."
)


def baseline_rule() -> str:
    """The baseline rule (:data:`BASELINE_RULE`) in the user's language."""
    return _(BASELINE_RULE).format(years=BASELINE_YEARS)


#: How a target's reference total is chosen (English source string for the UI to translate).
TARGET_REFERENCE_RULE = (
    "Reference: the verified total of the target's stated baseline year; when the source "
    "states none, the latest verified year not after the announcement (chosen by dkgis)."
)

#: The steel complex: ArcelorMittal Dunkerque, ArcelorMittal Mardyck and DK6 (which burns the
#: steelworks' gases). Charted together, the 2013 accounting break cancels out.
STEEL_COMPLEX: tuple[str, ...] = ("FR_956", "FR_955", "FR_988")


# -- baselines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteBaseline:
    """The business-as-usual baseline of one site.

    Attributes
    ----------
    facility_id : str
    value_t : float
        Mean of the verified values of ``years``, t CO2e/yr.
    years : tuple of int
        The verified years averaged.
    """

    facility_id: str
    value_t: float
    years: tuple[int, ...]


def last_verified_year(project: Project) -> int | None:
    """Return the latest year with a verified value in the project (``None`` if none)."""
    # The project's verified matrix is built once: no scan of every series per call.
    return project.verified_matrix().last_year


def _break_year(project: Project, facility_id: str) -> int | None:
    years = [
        c.year_from
        for c in project.caveats
        if c.kind == "accounting_break" and c.year_from is not None and c.applies_to(facility_id)
    ]
    return max(years) if years else None


def baseline_window(last_year: int | None, years: Iterable[int] | None = None) -> tuple[int, ...]:
    """The years averaged into baselines: ``years`` when chosen (a scenario's
    ``baseline_years``), else the last :data:`BASELINE_YEARS` years up to ``last_year``."""
    if years is not None:
        return tuple(sorted(years))
    if last_year is None:
        return ()
    return tuple(range(last_year - BASELINE_YEARS + 1, last_year + 1))


def years_text(years: Iterable[int]) -> str:
    """Years as a short text: runs joined with an en dash (``2019, 2021–2022``)."""
    ordered = sorted(set(int(y) for y in years))
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def parse_years(text: str) -> tuple[int, ...] | None:
    """Years typed as ``2019, 2021-2022`` (commas or spaces; ranges with - or –); ``None``
    for an empty text.

    Raises
    ------
    ValueError
        For anything that is not a year or a range of years.
    """
    text = text.strip()
    if not text:
        return None
    years: set[int] = set()
    for part in re.split(r"[,;\s]+(?![-–])", text.replace(" - ", "-").replace(" – ", "–")):
        if not part:
            continue
        match = re.fullmatch(r"(\d{4})(?:[-–](\d{4}))?", part)
        if match is None:
            raise ValueError(part)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise ValueError(part)
        years.update(range(first, last + 1))
    return tuple(sorted(years))


def baseline_years_of(
    project: Project, scenario: Scenario | None, facility_ids: Iterable[str]
) -> tuple[int, ...]:
    """The verified years averaged into the baselines of some sites under a scenario."""
    chosen = scenario.baseline_years if scenario is not None else None
    last = last_verified_year(project)
    years: set[int] = set()
    for fid in facility_ids:
        if fid in project.facilities:
            base = site_baseline(project, fid, last, chosen)
            if base is not None:
                years.update(base.years)
    return tuple(sorted(years))


def site_baseline(
    project: Project,
    facility_id: str,
    last_year: int | None = None,
    years: Iterable[int] | None = None,
) -> SiteBaseline | None:
    """Return the :class:`SiteBaseline` of a facility, or ``None`` (see :data:`BASELINE_RULE`).

    Parameters
    ----------
    project
        The project.
    facility_id
        The facility (KeyError if unknown).
    last_year
        ``L``, the latest verified year of the project (computed when ``None``).
    years
        The years to average (a scenario's ``baseline_years``); default: the last
        :data:`BASELINE_YEARS` years of the verified record. Years before an accounting
        break of the site, and years without a verified value, are left out.
    """
    facility = project.facilities[facility_id]
    if last_year is None:
        last_year = last_verified_year(project)
    if last_year is None or facility.status == "closed":
        return None
    window = baseline_window(last_year, years)
    brk = _break_year(project, facility_id)
    verified = project.emissions[facility_id].verified()
    years = tuple(y for y in window if y in verified and (brk is None or y >= brk))
    if not years:
        return None
    return SiteBaseline(facility_id, float(np.mean([verified[y] for y in years])), years)


# -- site projection ----------------------------------------------------------------------


@dataclass(frozen=True)
class SiteProjection:
    """The projected emissions of one site (or several summed) under one scenario.

    Attributes
    ----------
    facility_id : str
        The facility (``"+"``-joined ids for :func:`combined_projection`).
    scenario : str
        Name of the scenario.
    years : numpy.ndarray
        Projected years, ``L+1 .. end_year`` (int).
    values : numpy.ndarray
        t CO2e per year, never below 0, all of kind ``"projected"``.
    baseline : float or None
        The flat baseline, t CO2e/yr.
    abatement_by_measure : dict[str, numpy.ndarray]
        Effective abatement of each counted measure per year (t); they add up to
        ``baseline - values``.
    baseline_years : tuple of int
        The verified years averaged into the baseline.
    """

    facility_id: str
    scenario: str
    years: np.ndarray
    values: np.ndarray
    baseline: float | None
    abatement_by_measure: dict[str, np.ndarray] = field(default_factory=dict)
    baseline_years: tuple[int, ...] = ()

    #: Kind of every value.
    kind = "projected"

    def value(self, year: int) -> float | None:
        """Return the projected tonnes of one year, or ``None`` outside the projection."""
        idx = np.searchsorted(self.years, year)
        if idx < len(self.years) and self.years[idx] == year:
            return float(self.values[idx])
        return None


def _projection_years(last_year: int | None, end_year: int) -> np.ndarray:
    if last_year is None:
        return np.zeros(0, dtype=int)
    return np.arange(last_year + 1, max(end_year, last_year) + 1, dtype=int)


def _raw_effect(
    measure: ScenarioMeasure, baseline: float, years: np.ndarray, base_years, share: float = 1.0
) -> np.ndarray:
    """Full-effect tonnes x (effect fraction - fraction already in the baseline years).

    ``share``: the site's part of a t/yr abatement shared between sites (a % or a replaced
    process applies to the site's own baseline).
    """
    if measure.replaces_process:
        full = baseline
    elif measure.abatement_pct is not None:
        full = baseline * measure.abatement_pct / 100.0
    else:
        full = float(measure.abatement_t or 0.0) * share
    in_base = float(np.mean(measure.effect_fraction(np.asarray(base_years)))) if base_years else 0.0
    return full * np.clip(measure.effect_fraction(years) - in_base, 0.0, 1.0)


def _project(
    facility_id: str,
    baseline: SiteBaseline,
    measures: list[tuple[ScenarioMeasure, float]],
    scenario: str,
    years: np.ndarray,
) -> SiteProjection:
    base = baseline.value_t
    raw = {
        m.measure_id: _raw_effect(m, base, years, baseline.years, share) for m, share in measures
    }
    total = np.zeros(len(years))
    for effect in raw.values():
        total += effect
    # Scale every measure down in proportion in the years where they exceed the baseline.
    scale = np.ones(len(years))
    over = total > base
    scale[over] = base / total[over]
    effective = {mid: effect * scale for mid, effect in raw.items()}
    values = np.maximum(base - np.minimum(total, base), 0.0)
    return SiteProjection(facility_id, scenario, years, values, base, effective, baseline.years)


def _counted_by_site(
    scenario: Scenario, baselines: dict[str, SiteBaseline | None]
) -> dict[str, list[tuple[ScenarioMeasure, float]]]:
    """The counted measures of each site with the site's share of each.

    A measure shared between sites (``shared_with``) is split between those with a
    baseline in proportion to their baselines; ``baselines`` holds at least those sites.
    """
    by_site: dict[str, list[tuple[ScenarioMeasure, float]]] = {}
    for m in scenario.measures:
        if not m.counts:
            continue
        sites = [s for s in m.sites if baselines.get(s) is not None]
        total = sum(baselines[s].value_t for s in sites)  # type: ignore[union-attr]
        for site in sites:
            value = baselines[site].value_t  # type: ignore[union-attr]
            share = value / total if total > 0 else 1.0 / len(sites)
            by_site.setdefault(site, []).append((m, share if len(sites) > 1 else 1.0))
    return by_site


def _involved_sites(scenario: Scenario, facility_id: str) -> set[str]:
    """The site and those sharing a counted measure with it."""
    sites = {facility_id}
    for m in scenario.measures:
        if m.counts and facility_id in m.sites:
            sites.update(m.sites)
    return sites


def project_site(
    project: Project, facility_id: str, scenario: Scenario, end_year: int = DEFAULT_END_YEAR
) -> SiteProjection | None:
    """Project one site under a scenario.

    Parameters
    ----------
    project
        The project.
    facility_id
        The facility (KeyError if unknown).
    scenario
        The scenario; only its enabled, quantified measures at this site count.
    end_year
        Last projected year.

    Returns
    -------
    SiteProjection or None
        ``None`` when the site has no baseline (see :data:`BASELINE_RULE`).
    """
    last = last_verified_year(project)
    chosen = scenario.baseline_years
    baselines = {
        fid: site_baseline(project, fid, last, chosen)
        for fid in _involved_sites(scenario, facility_id)
        if fid in project.facilities
    }
    baseline = baselines[facility_id]
    if baseline is None:
        return None
    measures = _counted_by_site(scenario, baselines).get(facility_id, [])
    return _project(
        facility_id, baseline, measures, scenario.name, _projection_years(last, end_year)
    )


def combined_projection(
    project: Project, ids: Iterable[str], scenario: Scenario, end_year: int = DEFAULT_END_YEAR
) -> SiteProjection | None:
    """Sum the projections of several sites (e.g. :data:`STEEL_COMPLEX`).

    Sites without a projection are left out; ``None`` when none has one. ``facility_id`` of
    the result is the ``"+"``-joined ids that were summed, ``baseline`` the sum of their
    baselines.
    """
    parts = [p for fid in ids if (p := project_site(project, fid, scenario, end_year)) is not None]
    if not parts:
        return None
    values = np.sum([p.values for p in parts], axis=0)
    abatement: dict[str, np.ndarray] = {}
    for p in parts:
        for mid, a in p.abatement_by_measure.items():
            abatement[mid] = abatement.get(mid, 0.0) + a
    years = sorted({y for p in parts for y in p.baseline_years})
    return SiteProjection(
        "+".join(p.facility_id for p in parts),
        scenario.name,
        parts[0].years,
        values,
        float(sum(p.baseline or 0.0 for p in parts)),
        abatement,
        tuple(years),
    )


# -- cluster ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterProjection:
    """The projection of every projected site of the cluster under one scenario.

    Attributes
    ----------
    scenario : str
    years : numpy.ndarray
        ``L+1 .. end_year``.
    facility_ids : tuple of str
        The projected sites, in dataset order (rows of ``values``).
    values : numpy.ndarray
        ``(n_facilities, n_years)`` t CO2e, kind ``"projected"``.
    by_sector : dict[str, numpy.ndarray]
        Sum per sector id (sectors with a projected site only, dataset order).
    total : numpy.ndarray
        Sum over the sites.
    abatement_by_measure : dict[str, numpy.ndarray]
        Effective abatement of each counted measure per year.
    baselines : dict[str, float]
        Baseline of each projected site.
    """

    scenario: str
    years: np.ndarray
    facility_ids: tuple[str, ...]
    values: np.ndarray
    by_sector: dict[str, np.ndarray]
    total: np.ndarray
    abatement_by_measure: dict[str, np.ndarray] = field(default_factory=dict)
    baselines: dict[str, float] = field(default_factory=dict)

    kind = "projected"

    def value(self, year: int) -> float | None:
        """Return the projected cluster total of one year, or ``None`` outside the projection."""
        idx = np.searchsorted(self.years, year)
        if idx < len(self.years) and self.years[idx] == year:
            return float(self.total[idx])
        return None

    def site_values(self, facility_id: str) -> np.ndarray | None:
        """Return the row of one site, or ``None`` when it is not projected."""
        try:
            return self.values[self.facility_ids.index(facility_id)]
        except ValueError:
            return None


def project_cluster(
    project: Project, scenario: Scenario, end_year: int = DEFAULT_END_YEAR
) -> ClusterProjection:
    """Project every site with a baseline and sum them (see the module rules)."""
    last = last_verified_year(project)
    years = _projection_years(last, end_year)
    site_baselines = {
        fid: site_baseline(project, fid, last, scenario.baseline_years)
        for fid in project.facilities
    }
    by_site = _counted_by_site(scenario, site_baselines)
    ids: list[str] = []
    rows: list[np.ndarray] = []
    by_sector: dict[str, np.ndarray] = {}
    abatement: dict[str, np.ndarray] = {}
    baselines: dict[str, float] = {}
    for fid, facility in project.facilities.items():
        baseline = site_baselines[fid]
        if baseline is None:
            continue
        proj = _project(fid, baseline, by_site.get(fid, []), scenario.name, years)
        ids.append(fid)
        rows.append(proj.values)
        baselines[fid] = baseline.value_t
        if facility.sector in by_sector:
            by_sector[facility.sector] = by_sector[facility.sector] + proj.values
        else:
            by_sector[facility.sector] = proj.values.copy()
        for mid, a in proj.abatement_by_measure.items():
            abatement[mid] = abatement[mid] + a if mid in abatement else a
    values = np.vstack(rows) if rows else np.zeros((0, len(years)))
    return ClusterProjection(
        scenario.name,
        years,
        tuple(ids),
        values,
        by_sector,
        values.sum(axis=0),
        abatement,
        baselines,
    )


def _total_in_year(
    project: Project, cluster: ClusterProjection, year: int, ids: Iterable[str] | None = None
) -> float:
    """Verified total up to L (sum of the sites with a value), projected total after."""
    last = last_verified_year(project)
    chosen = list(project.facilities) if ids is None else list(ids)
    if last is not None and year <= last:
        return float(
            sum(v for fid in chosen if (v := project.emissions[fid].value(year)) is not None)
        )
    if ids is None:
        value = cluster.value(year)
        return 0.0 if value is None else value
    if year not in cluster.years:
        return 0.0
    col = year - int(cluster.years[0])
    rows = [cluster.site_values(fid) for fid in chosen]
    return float(sum(row[col] for row in rows if row is not None))


# -- waterfall ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WaterfallStep:
    """One bar of a waterfall chart.

    Attributes
    ----------
    kind : str
        ``"start"`` (total of ``year``), ``"measure"`` (change due to one measure),
        ``"other"`` (every other change: baseline vs the start year, sites that stop
        reporting...), ``"end"`` (total of ``year``).
    label : str
        English label: the measure name, or e.g. ``"Verified total 2020"``.
    value_t : float
        The total (start, end) or the change (measure, other; negative = reduction).
    year : int or None
        Year of a total.
    measure_id : str or None
        Measure of a ``"measure"`` step.
    total_kind : str or None
        ``"verified"`` or ``"projected"`` for a total.
    """

    kind: str
    label: str
    value_t: float
    year: int | None = None
    measure_id: str | None = None
    total_kind: str | None = None


def waterfall_steps(
    project: Project,
    scenario: Scenario,
    from_year: int,
    to_year: int = 2030,
    *,
    cluster: ClusterProjection | None = None,
) -> list[WaterfallStep]:
    """Return the waterfall from the ``from_year`` cluster total to the ``to_year`` total.

    The first step is the total of ``from_year`` (verified when it is not after the latest
    verified year, else projected), then one step per counted measure whose effect changes
    between the two years (negative: a reduction), then ``"other"`` (everything else: the
    difference between the start-year total and the flat baselines, and the sites not
    projected), and the total of ``to_year``. Start + steps = end exactly.

    ``cluster``: the cluster projection under ``scenario`` when already computed (it must
    reach both years); computed otherwise.
    """
    last = last_verified_year(project)
    end = max(to_year, from_year, (last or 0) + 1)
    if not _covers(cluster, scenario, end):
        cluster = project_cluster(project, scenario, end)
    start = _total_in_year(project, cluster, from_year)
    end = _total_in_year(project, cluster, to_year)

    def kind_of(year: int) -> str:
        return "verified" if last is not None and year <= last else "projected"

    def effect(mid: str, year: int) -> float:
        if kind_of(year) == "verified":
            return 0.0
        return float(cluster.abatement_by_measure[mid][year - int(cluster.years[0])])

    steps = [
        WaterfallStep(
            "start",
            f"{kind_of(from_year).capitalize()} total {from_year}",
            start,
            year=from_year,
            total_kind=kind_of(from_year),
        )
    ]
    names = {m.measure_id: project.measure_name(m.measure_id, m.name) for m in scenario.measures}
    explained = 0.0
    for mid in cluster.abatement_by_measure:
        delta = -(effect(mid, to_year) - effect(mid, from_year))
        if delta != 0.0:
            steps.append(WaterfallStep("measure", names[mid], delta, measure_id=mid))
            explained += delta
    steps.append(WaterfallStep("other", "Other change", end - start - explained))
    steps.append(
        WaterfallStep(
            "end",
            f"{kind_of(to_year).capitalize()} total {to_year}",
            end,
            year=to_year,
            total_kind=kind_of(to_year),
        )
    )
    return steps


def waterfall(
    project: Project, scenario: Scenario, from_year: int, to_year: int = 2030
) -> list[tuple[str, float]]:
    """Return :func:`waterfall_steps` as ``(label, value_t)`` pairs.

    First and last pairs are totals, the others changes (negative = reduction).
    """
    return [(s.label, s.value_t) for s in waterfall_steps(project, scenario, from_year, to_year)]


# -- targets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetReference:
    """The reference total a target's reduction applies to.

    Attributes
    ----------
    target_id : str
    year : int
        The reference year.
    value_t : float
        Verified total of that year (cluster, or the site for a site target).
    stated : bool
        ``True`` when the source states the baseline year, ``False`` when dkgis chose it.
    allowed_t : float
        What the target allows in its target year: ``value_t x (1 - reduction_pct/100)``.
    note : str
        English explanation for labels and tooltips.
    """

    target_id: str
    year: int
    value_t: float
    stated: bool
    allowed_t: float
    note: str


def _announced_year(text: str | None) -> int | None:
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text or "")]
    return max(years) if years else None


def target_reference(project: Project, target: Target) -> TargetReference:
    """Return the reference of a cluster or site target (see :data:`TARGET_REFERENCE_RULE`).

    Raises
    ------
    ValueError
        For a target that is neither of the cluster nor of a site of the project (group,
        national or EU targets cannot be measured on the cluster's data), or when there is
        no verified value to refer to.
    """
    ids = _target_ids(project, target)
    verified_years = sorted({y for fid in ids for y in project.emissions[fid].years("verified")})
    if not verified_years:
        raise ValueError(f"target {target.id!r}: no verified value to refer to")
    if target.baseline_year is not None:
        year, stated = int(target.baseline_year), True
        if year not in verified_years:
            raise ValueError(f"target {target.id!r}: no verified value in its baseline year {year}")
        note = f"Reference: verified total of {year}, the baseline year stated by the source."
    else:
        announced = _announced_year(target.announced)
        candidates = [y for y in verified_years if announced is None or y <= announced]
        year, stated = (candidates or verified_years)[-1], False
        note = (
            f"Reference chosen by dkgis: verified total of {year}, the latest verified year "
            + ("not after the announcement" if announced else "of the dataset")
            + "; the source states no baseline year."
        )
    value = float(sum(v for fid in ids if (v := project.emissions[fid].value(year)) is not None))
    return TargetReference(
        target.id, year, value, stated, value * (1.0 - target.reduction_pct / 100.0), note
    )


def _target_ids(project: Project, target: Target) -> list[str]:
    if target.scope == "cluster":
        return list(project.facilities)
    if target.facility_id is not None and target.facility_id in project.facilities:
        return [target.facility_id]
    raise ValueError(
        f"target {target.id!r} ({target.scope}) is not a target of the cluster or of one of "
        "its sites: it cannot be measured on the cluster's data"
    )


def _covers(cluster: ClusterProjection | None, scenario: Scenario, year: int) -> bool:
    """Whether a precomputed projection is of ``scenario`` and reaches ``year``."""
    return (
        cluster is not None
        and cluster.scenario == scenario.name
        and len(cluster.years) > 0
        and int(cluster.years[-1]) >= year
    )


def gap_to_target(
    project: Project,
    scenario: Scenario,
    target: Target,
    *,
    cluster: ClusterProjection | None = None,
) -> float:
    """Return the t CO2e above (+) or below (-) a target in its target year.

    The total of the target year (projected under ``scenario``, or verified for a past
    year; the site's for a site target) minus what the target allows
    (:func:`target_reference`).

    Raises
    ------
    ValueError
        As :func:`target_reference`.
    """
    ref = target_reference(project, target)
    ids = _target_ids(project, target)
    last = last_verified_year(project) or target.target_year
    end = max(target.target_year, last + 1)
    if not _covers(cluster, scenario, end):
        cluster = project_cluster(project, scenario, end)
    total = _total_in_year(
        project, cluster, target.target_year, None if target.scope == "cluster" else ids
    )
    return total - ref.allowed_t


# -- steel complex --------------------------------------------------------------------------


def combined_series(project: Project, ids: Iterable[str] = STEEL_COMPLEX) -> dict[int, float]:
    """Sum the verified values of several facilities, year by year.

    Only the years in which **every** facility of ``ids`` present in the project has a
    verified value are kept (a partial sum would look like a drop), so that for
    :data:`STEEL_COMPLEX` the 2013 transfer of steel-gas CO2 from the steelworks to DK6
    cancels out. Ids absent from the project are ignored.

    Returns
    -------
    dict[int, float]
        Year -> tonnes, in year order (empty when no id is known).
    """
    known = [fid for fid in ids if fid in project.emissions]
    if not known:
        return {}
    series = [project.emissions[fid].verified() for fid in known]
    years = set(series[0]).intersection(*series[1:])
    return {y: float(sum(s[y] for s in series)) for y in sorted(years)}
