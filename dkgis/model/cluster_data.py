"""What the cluster panel shows, assembled from the project (pure, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from dkgis.model.site_data import (
    BAND_CAVEATS,
    LINE_CAVEATS,
    Annotation,
    Reference,
    reference_for,
)
from dkgis.symbology.sectors import SECTOR_IDS

if TYPE_CHECKING:
    from dkgis.model.measures import Target
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario
    from dkgis.model.scenario_set import ScenarioSet


@dataclass(frozen=True)
class ClusterTarget:
    """A cluster target with the value it allows and where the projection stands.

    Attributes
    ----------
    target
        The dataset row.
    reference
        The verified cluster total it applies to (stated baseline or last verified year).
    value_t
        Tonnes allowed in the target year.
    projected_t
        Projected cluster total in the target year under the chart's scenario, if known.
    gap_t
        ``projected_t - value_t`` (positive: the plans miss the target), if known.
    """

    target: Target
    reference: Reference
    value_t: float
    projected_t: float | None = None
    gap_t: float | None = None


@dataclass(frozen=True)
class Step:
    """One bar of the waterfall.

    ``kind`` is ``"start"`` or ``"end"`` (a total of ``year``, ``total_kind`` verified or
    projected), ``"measure"`` (change due to one measure, negative = reduction) or
    ``"other"`` (every other change). ``label`` is the engine's English label.
    """

    kind: str
    label: str
    value_t: float
    year: int | None = None
    total_kind: str | None = None


@dataclass(frozen=True)
class ClusterChartData:
    """Verified and projected cluster emissions by sector, targets and the waterfall."""

    years: np.ndarray
    sectors: tuple[str, ...]
    verified: np.ndarray
    proj_years: np.ndarray
    projected: np.ndarray
    scenario: str | None
    targets: tuple[ClusterTarget, ...]
    annotations: tuple[Annotation, ...]
    waterfall: tuple[Step, ...] | None
    waterfall_from: int | None
    reporting: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """Verified cluster total per year (t)."""
        return self.verified.sum(axis=0)

    @property
    def last_verified_year(self) -> int | None:
        """The last year with a verified value."""
        return int(self.years[-1]) if len(self.years) else None


def sector_matrix(project: Project) -> tuple[np.ndarray, tuple[str, ...], np.ndarray, np.ndarray]:
    """Verified emissions summed by sector.

    Returns
    -------
    years : numpy.ndarray
        Every year with a verified value, increasing.
    sectors : tuple of str
        Sectors with emissions, largest total first (drawn at the bottom of the stack).
    values : numpy.ndarray
        ``(n_sectors, n_years)`` tonnes; a sector without a reporting facility adds 0.
    reporting : numpy.ndarray
        Number of facilities with a verified value, per year.
    """
    years = np.array(project.emission_years("verified"), int)
    index = {int(y): i for i, y in enumerate(years)}
    by_sector: dict[str, np.ndarray] = {}
    reporting = np.zeros(len(years), int)
    for fid, series in project.emissions.items():
        verified = series.verified()
        if not verified:
            continue
        row = by_sector.setdefault(project.facilities[fid].sector, np.zeros(len(years)))
        for year, value in verified.items():
            row[index[year]] += value
            reporting[index[year]] += 1
    known = [s for s in SECTOR_IDS if s in by_sector] + sorted(
        s for s in by_sector if s not in SECTOR_IDS
    )
    ordered = tuple(sorted(known, key=lambda s: -by_sector[s].sum()))
    matrix = np.array([by_sector[s] for s in ordered]) if ordered else np.empty((0, len(years)))
    return years, ordered, matrix, reporting


def cluster_targets(project: Project) -> tuple[Target, ...]:
    """The targets set for the whole cluster, by target year then reduction."""
    found = [t for t in project.targets if t.scope == "cluster" and t.facility_id is None]
    return tuple(sorted(found, key=lambda t: (t.target_year, t.reduction_pct)))


def build_cluster_data(
    project: Project,
    scenarios: ScenarioSet,
    scenario: Scenario | str | None,
    waterfall_from: int | None = None,
) -> ClusterChartData:
    """Assemble the cluster panel's data under a scenario.

    Parameters
    ----------
    scenarios
        The project's scenarios and their projections.
    scenario
        The scenario of the projected years (itself or its name; ``None``: none).
    waterfall_from
        First year of the waterfall (default: the reference year of the first
        2030 cluster target with the highest reduction).
    """
    years, sectors, matrix, reporting = sector_matrix(project)
    total = matrix.sum(axis=0) if len(sectors) else np.zeros(len(years))

    chosen = scenarios.resolve(scenario)
    proj = scenarios.cluster(chosen)
    proj_years = np.empty(0, int)
    projected = np.empty((len(sectors), 0))
    name = None
    if proj is not None and len(proj.years):
        after = np.asarray(proj.years) > (years[-1] if len(years) else 0)
        proj_years = np.asarray(proj.years)[after]
        projected = np.array(
            [np.asarray(proj.by_sector.get(s, np.zeros(len(proj.years))))[after] for s in sectors]
        ).reshape(len(sectors), len(proj_years))
        name = proj.scenario

    targets: list[ClusterTarget] = []
    for t in cluster_targets(project):
        ref = reference_for(t, years, total, scenarios)
        if ref is None:
            continue
        value = t.target_value(ref.value_t)
        projected_t = None
        hit = np.nonzero(proj_years == int(t.target_year))[0]
        if len(hit):
            projected_t = float(projected[:, hit[0]].sum())
        gap = scenarios.gap(t, chosen)
        if gap is None and projected_t is not None:
            gap = projected_t - value
        targets.append(ClusterTarget(t, ref, value, projected_t, gap))

    if waterfall_from is None:
        main = [c for c in targets if c.target.target_year == 2030]
        main.sort(key=lambda c: -c.target.reduction_pct)
        waterfall_from = (
            main[0].reference.year if main else (int(years[-1]) if len(years) else None)
        )
    steps = None
    found = scenarios.waterfall_steps(chosen, waterfall_from) if waterfall_from else None
    if found is not None:
        steps = [Step(s.kind, s.label, float(s.value_t), s.year, s.total_kind) for s in found]

    return ClusterChartData(
        years=years,
        sectors=sectors,
        verified=matrix,
        proj_years=proj_years,
        projected=projected,
        scenario=name,
        targets=tuple(targets),
        annotations=_cluster_annotations(project),
        waterfall=tuple(steps) if steps is not None else None,
        waterfall_from=waterfall_from,
        reporting=reporting,
    )


def _cluster_annotations(project: Project) -> tuple[Annotation, ...]:
    out: dict[str, Annotation] = {}
    for c in project.caveats:
        if c.year_from is None or (c.kind not in LINE_CAVEATS and c.kind not in BAND_CAVEATS):
            continue
        # The steel-gas break moves CO2 between two sites of the cluster: the total is
        # unaffected, but the steel and power bands of the stack change.
        out[c.id] = Annotation(c.id, c.kind, int(c.year_from), c.year_to, c.description)
    return tuple(sorted(out.values(), key=lambda a: (a.year_from, a.caveat_id)))
