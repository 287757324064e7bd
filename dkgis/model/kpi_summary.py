"""The cluster's key figures (pure, no Qt): CO2e verified and projected, jobs, investment,
the share of emissions that quantified measures address, and the comparison with the
other Transitioning Industrial Clusters.

Every figure comes from the dataset or from the model's single projection
(:meth:`dkgis.model.scenario_set.ScenarioSet.cluster` under the active scenario); nothing
is estimated here. What no source states is counted as "not stated", never as zero.

Projects are the dataset measures that the "Announced plans" preset counts: not a source
variant of another row, not cancelled, superseded or suspended
(:func:`dkgis.model.scenario.announced_plans`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dkgis.model.kpis import ClusterFigure, JobsFigure

if TYPE_CHECKING:
    from dkgis.model.measures import Measure
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario

#: Years the projection is shown for.
PROJECTED_YEARS: tuple[int, ...] = (2030, 2050)

#: Groups of cluster figures offered for comparison, in display order.
COMPARED: tuple[str, ...] = ("annual_emissions", "jobs", "gdp", "national_share", "co2_reduction")

#: A group is shown when this many clusters have a figure in it.
MIN_CLUSTERS = 2


@dataclass(frozen=True)
class Bounds:
    """A sum of stated figures.

    Attributes
    ----------
    low
        Sum of the lower bounds.
    high
        Sum of the upper bounds; ``None`` when a figure has none ("more than").
    count
        Number of figures summed.
    """

    low: float
    high: float | None
    count: int

    @classmethod
    def of(cls, figures: Iterable[JobsFigure]) -> Bounds:
        """The sum of figures that all have a lower bound (the caller picks them)."""
        figures = tuple(figures)
        highs = [f.high for f in figures]
        return cls(
            low=sum(f.low or 0.0 for f in figures),
            high=None if any(h is None for h in highs) else sum(h or 0.0 for h in highs),
            count=len(figures),
        )

    @property
    def qualifier(self) -> str:
        """How the sum reads: ``exact``, ``range`` or ``more_than`` (see :func:`amount_text`)."""
        if self.high is None:
            return "more_than"
        return "exact" if self.high == self.low else "range"


@dataclass(frozen=True)
class EmissionsKpi:
    """Verified and projected cluster CO2e.

    Attributes
    ----------
    verified_year, verified_t
        The last year with verified values and the cluster's verified total that year.
    reporting
        Installations with a verified value that year.
    scenario
        Name of the active scenario (``None``: no projection available).
    projected
        Year -> projected cluster total (t) under it, for :data:`PROJECTED_YEARS`.
    covered_share
        Share of the projected sites' baseline emitted at sites where a measure of the
        scenario counts (enabled, with a figure and a start year); ``None`` without
        projection.
    covered_sites, baseline_sites
        Sites with such a measure, and sites with a baseline.
    """

    verified_year: int | None
    verified_t: float | None
    reporting: int
    scenario: str | None
    projected: dict[int, float | None]
    covered_share: float | None
    covered_sites: int
    baseline_sites: int


@dataclass(frozen=True)
class JobsKpi:
    """Jobs stated in the cluster.

    Attributes
    ----------
    projects
        Sum of the direct jobs stated for projects.
    projects_stated, projects_total
        Projects with a jobs figure of any kind, and all projects.
    sites
        Sum of the direct jobs stated as a site's workforce.
    sites_stated, sites_total
        Facilities with a jobs figure (workforce or project), and all facilities.
    other
        Figures not summed: not said to be direct, or direct and indirect together.
    territory
        Expectations for the whole cluster.
    """

    projects: Bounds
    projects_stated: int
    projects_total: int
    sites: Bounds
    sites_stated: int
    sites_total: int
    other: tuple[JobsFigure, ...]
    territory: tuple[JobsFigure, ...]

    @property
    def projects_without(self) -> int:
        """Projects without a stated jobs figure."""
        return self.projects_total - self.projects_stated


@dataclass(frozen=True)
class InvestmentKpi:
    """Investment announced for the projects.

    Attributes
    ----------
    total_eur
        Sum of the single figures stated (``capex_eur``).
    measures
        The projects that state one, largest first.
    projects_total
        All projects.
    """

    total_eur: float
    measures: tuple[Measure, ...]
    projects_total: int


@dataclass(frozen=True)
class ComparisonGroup:
    """Figures of several clusters in one group (e.g. annual emissions).

    Attributes
    ----------
    comparable
        The group (:data:`dkgis.io.schema.CLUSTER_METRICS`).
    clusters
        The clusters with a figure, in order of first appearance.
    figures
        Every figure of the group.
    alike
        Whether all figures count the same thing in the same unit (same wording of the
        metric, same unit): only then may the numbers be compared as they are.
    """

    comparable: str
    clusters: tuple[str, ...]
    figures: tuple[ClusterFigure, ...]
    alike: bool

    def of(self, cluster: str) -> tuple[ClusterFigure, ...]:
        """The figures of one cluster in the group."""
        return tuple(f for f in self.figures if f.cluster == cluster)


@dataclass(frozen=True)
class ClusterKpis:
    """Everything the key-figures panel shows."""

    emissions: EmissionsKpi
    jobs: JobsKpi
    investment: InvestmentKpi
    comparison: tuple[ComparisonGroup, ...]
    home_cluster: str | None


def counted_projects(project: Project) -> tuple[Measure, ...]:
    """The measures counted as projects (see the module docstring), in dataset order."""
    from dkgis.model.scenario import announced_plans

    enabled = {m.measure_id for m in announced_plans(project).measures if m.enabled}
    return tuple(m for m in project.measures if m.id in enabled)


def emissions_kpi(project: Project, scenario: Scenario | None) -> EmissionsKpi:
    """Verified CO2e of the cluster, and its projection under ``scenario`` (if any)."""
    matrix = project.verified_matrix()
    year = matrix.last_year
    verified = project.cluster_total(year) if year is not None else None
    reporting = sum(1 for s in project.emissions.values() if year in s.verified())
    projection = project.scenarios.cluster(scenario) if scenario is not None else None
    if projection is None:
        return EmissionsKpi(year, verified, reporting, None, {}, None, 0, 0)
    covered = {
        site
        for m in scenario.measures
        if m.counts
        for site in m.sites
        if site in projection.baselines
    }
    base_total = sum(projection.baselines.values())
    share = sum(projection.baselines[s] for s in covered) / base_total if base_total > 0 else None
    return EmissionsKpi(
        verified_year=year,
        verified_t=verified,
        reporting=reporting,
        scenario=projection.scenario,
        projected={y: projection.value(y) for y in PROJECTED_YEARS},
        covered_share=share,
        covered_sites=len(covered),
        baseline_sites=len(projection.baselines),
    )


def jobs_kpi(project: Project) -> JobsKpi:
    """The jobs stated for projects, sites and the territory."""
    projects = {m.id for m in counted_projects(project)}
    figures = [f for f in project.jobs if f.measure_id is None or f.measure_id in projects]
    direct = [f for f in figures if f.kind == "direct" and f.low is not None]
    by_project = [f for f in direct if f.scope == "project"]
    by_site = [f for f in direct if f.scope == "site"]
    summed = {f.id for f in direct}
    stated_sites = {f.facility_id for f in figures if f.facility_id in project.facilities}
    return JobsKpi(
        projects=Bounds.of(by_project),
        projects_stated=len({f.measure_id for f in figures if f.scope == "project"}),
        projects_total=len(projects),
        sites=Bounds.of(by_site),
        sites_stated=len(stated_sites),
        sites_total=len(project.facilities),
        other=tuple(f for f in figures if f.scope != "cluster" and f.id not in summed),
        territory=tuple(f for f in figures if f.scope == "cluster"),
    )


def investment_kpi(project: Project) -> InvestmentKpi:
    """The investment stated for the projects."""
    projects = counted_projects(project)
    stated = sorted(
        (m for m in projects if m.capex_eur is not None), key=lambda m: -(m.capex_eur or 0.0)
    )
    return InvestmentKpi(
        total_eur=sum(m.capex_eur or 0.0 for m in stated),
        measures=tuple(stated),
        projects_total=len(projects),
    )


def cluster_comparison(project: Project) -> tuple[ComparisonGroup, ...]:
    """The groups of :data:`COMPARED` in which at least :data:`MIN_CLUSTERS` clusters
    have a figure with a number."""
    groups = []
    for comparable in COMPARED:
        figures = tuple(
            f for f in project.cluster_figures if f.comparable == comparable and f.value is not None
        )
        clusters = tuple(dict.fromkeys(f.cluster for f in figures))
        if len(clusters) < MIN_CLUSTERS:
            continue
        alike = len({(f.metric, f.unit) for f in figures}) == 1
        groups.append(ComparisonGroup(comparable, clusters, figures, alike))
    return tuple(groups)


def home_cluster(project: Project) -> str | None:
    """The member of the initiative that the dataset describes: the French member."""
    members = [
        f.cluster
        for f in project.cluster_figures
        if f.comparable == "member" and f.country == "France"
    ]
    return members[0] if len(members) == 1 else None


def cluster_kpis(project: Project, scenario: Scenario | None) -> ClusterKpis:
    """All key figures of the cluster, projected under ``scenario``."""
    return ClusterKpis(
        emissions=emissions_kpi(project, scenario),
        jobs=jobs_kpi(project),
        investment=investment_kpi(project),
        comparison=cluster_comparison(project),
        home_cluster=home_cluster(project),
    )
