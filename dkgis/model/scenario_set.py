"""The project's scenarios, the active one and their projections (pure, evented).

The map's emission layer, its legend, the charts and the exports ask the project's
:class:`ScenarioSet` (``project.scenarios``) for projections: it holds the scenarios and
the active one, and caches every projection per scenario until the scenarios change.
The screen's map frame (:func:`dkgis.model.frame.frame_of`) and the views that follow
the active scenario follow ``changed``; an export names its scenario explicitly (in its
own frame) and never changes the active one. A project always has at least one scenario
(the presets cannot be deleted), so there is always a scenario for the years after the
verified record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from psygnal import Signal

from dkgis.model import trajectory
from dkgis.model.scenario import PRESET_NAMES, Scenario, preset_scenarios
from dkgis.model.yearly import YearEmissions, emissions_for_year

if TYPE_CHECKING:
    from dkgis.model.measures import Measure, Target
    from dkgis.model.project import Project
    from dkgis.model.trajectory import ClusterProjection, WaterfallStep

log = logging.getLogger(__name__)

#: Last year of every cached projection (the year slider's and the charts' last year).
END_YEAR = 2050


@dataclass(frozen=True)
class Projected:
    """A projected series (t CO2e per year) of a site or a sum of sites, under one scenario."""

    scenario: str
    years: np.ndarray
    values: np.ndarray


@dataclass(frozen=True)
class Milestone:
    """A measure placed on the time axis of a site chart.

    Attributes
    ----------
    measure_id, facility_id, name
        As in the dataset (the name is the source's, not translated).
    year
        Start year under the scenario (``None``: no date stated).
    quantified
        Whether an abatement figure is known (stated, estimated or typed).
    status
        The dataset status (``"Cancelled"``, ``"announced"``...), ``""`` if unknown.
    in_scenario
        Whether the scenario counts the measure (``False`` for dataset measures the
        scenario leaves out, and without any scenario).
    enabled
        Whether the measure is switched on in the scenario.
    abatement_t
        t CO2/yr at full effect when stated in tonnes.
    basis
        Where the figure comes from: ``"stated"``, ``"estimated"`` (by dkgis), ``"user"``,
        or ``"none"``.
    """

    measure_id: str
    facility_id: str | None
    name: str
    year: int | None
    quantified: bool
    status: str = ""
    in_scenario: bool = False
    enabled: bool = True
    abatement_t: float | None = None
    basis: str = ""


class ScenarioSet:
    """The scenarios of a project (presets first), the active one, cached projections.

    Parameters
    ----------
    project
        The project whose sites are projected.
    scenarios
        The scenarios, at least one; default: :func:`dkgis.model.scenario.preset_scenarios`.
    active
        Name of the active scenario; default: the first one.

    Raises
    ------
    ValueError
        For no scenario at all, or two scenarios of the same name.
    Every projection method takes its scenario explicitly, as a :class:`Scenario` or a
    scenario name (views that follow the active scenario pass :attr:`active`); ``None``
    or an unknown name gives no projection. Projections are cached per scenario until the
    scenarios change.

    Events
    ------
    changed : Signal()
        The scenarios or the active scenario changed (emitted once per change).
    """

    changed = Signal()

    def __init__(
        self,
        project: Project,
        scenarios: Iterable[Scenario] | None = None,
        active: str | None = None,
    ) -> None:
        self.project = project
        self._scenarios: list[Scenario] = (
            list(preset_scenarios(project)) if scenarios is None else list(scenarios)
        )
        self._check_names(self._scenarios)
        names = self.names
        self._active = active if active in names else names[0]
        self._cache: dict[tuple, Any] = {}

    def __repr__(self) -> str:
        return f"ScenarioSet(names={list(self.names)!r}, active={self._active!r})"

    # -- reading ----------------------------------------------------------------------
    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        """The scenarios, in display order."""
        return tuple(self._scenarios)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the scenarios, in display order."""
        return tuple(s.name for s in self._scenarios)

    @property
    def available(self) -> bool:
        """Whether there is any scenario to project under."""
        return bool(self._scenarios)

    @property
    def active_name(self) -> str:
        """Name of the active scenario."""
        return self._active

    @property
    def active(self) -> Scenario:
        """The active scenario (there always is one)."""
        scenario = self.get(self._active)
        assert scenario is not None
        return scenario

    def get(self, name: str | None) -> Scenario | None:
        """The scenario called ``name``, or ``None``."""
        return next((s for s in self._scenarios if s.name == name), None)

    def resolve(self, scenario: Scenario | str | None) -> Scenario | None:
        """The scenario meant by ``scenario``: itself, or the one of that name."""
        if isinstance(scenario, Scenario):
            return scenario
        return self.get(scenario)

    @staticmethod
    def is_preset(name: str) -> bool:
        """Whether ``name`` is a preset's (presets are never edited nor saved)."""
        return name in PRESET_NAMES

    def user_scenarios(self) -> tuple[Scenario, ...]:
        """The scenarios that are not presets (those a project file keeps)."""
        return tuple(s for s in self._scenarios if not self.is_preset(s.name))

    def unique_name(self, wanted: str) -> str:
        """``wanted``, or ``wanted (2)``, ``(3)``... so that no scenario has it yet."""
        names = set(self.names)
        if wanted not in names:
            return wanted
        n = 2
        while f"{wanted} ({n})" in names:
            n += 1
        return f"{wanted} ({n})"

    # -- projections ------------------------------------------------------------------
    def _cached(self, key: tuple, compute) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def cluster(self, scenario: Scenario | str | None) -> ClusterProjection | None:
        """The cluster projection (to :data:`END_YEAR`) under a scenario."""
        sc = self.resolve(scenario)
        if sc is None:
            return None
        return self._cached(
            ("cluster", sc), lambda: trajectory.project_cluster(self.project, sc, END_YEAR)
        )

    def site(self, facility_id: str, scenario: Scenario | str | None) -> Projected | None:
        """The projection of one site (``None``: no scenario, or the site has no baseline)."""
        sc = self.resolve(scenario)
        if sc is None:
            return None

        def compute() -> Projected | None:
            proj = trajectory.project_site(self.project, facility_id, sc, end_year=END_YEAR)
            if proj is None or not len(proj.years):
                return None
            return Projected(sc.name, np.asarray(proj.years), np.asarray(proj.values, float))

        return self._cached(("site", sc, facility_id), compute)

    def sites(
        self, facility_ids: Sequence[str], scenario: Scenario | str | None
    ) -> Projected | None:
        """The sum of the projections of several sites over the years they all cover."""
        parts = [p for fid in facility_ids if (p := self.site(fid, scenario)) is not None]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        first = max(int(p.years[0]) for p in parts)
        last = min(int(p.years[-1]) for p in parts)
        if last < first:
            return None
        years = np.arange(first, last + 1)
        total = np.zeros(len(years))
        for p in parts:
            total += p.values[(p.years >= first) & (p.years <= last)]
        return Projected(parts[0].scenario, years, total)

    def waterfall_steps(
        self, scenario: Scenario | str | None, from_year: int, to_year: int = 2030
    ) -> list[WaterfallStep] | None:
        """Steps from the ``from_year`` cluster total to the ``to_year`` one, by measure."""
        sc = self.resolve(scenario)
        if sc is None:
            return None
        return self._cached(
            ("waterfall", sc, from_year, to_year),
            lambda: list(
                trajectory.waterfall_steps(
                    self.project, sc, from_year, to_year, cluster=self.cluster(sc)
                )
            ),
        )

    def gap(self, target: Target, scenario: Scenario | str | None) -> float | None:
        """t CO2e above (+) or below (-) a target in its year, under a scenario."""
        sc = self.resolve(scenario)
        if sc is None:
            return None

        def compute() -> float | None:
            try:
                return float(
                    trajectory.gap_to_target(self.project, sc, target, cluster=self.cluster(sc))
                )
            except ValueError:
                log.warning("no gap to %s: the target has no reference", target.id)
                return None

        return self._cached(("gap", sc, target.id), compute)

    def target_reference(self, target: Target) -> trajectory.TargetReference | None:
        """The reference of a cluster or site target (``None`` when it has none).

        Charts use it so that the targets they draw match the gaps they print.
        """

        def compute() -> trajectory.TargetReference | None:
            try:
                return trajectory.target_reference(self.project, target)
            except ValueError:
                return None

        return self._cached(("reference", target.id), compute)

    def emissions(self, year: int, scenario: Scenario) -> YearEmissions:
        """Every facility's emissions of ``year``: verified, or projected under ``scenario``
        after the last verified year (:func:`dkgis.model.yearly.emissions_for_year`, cached).

        The one source of the values of a map frame (see
        :func:`dkgis.model.frame.frame_emissions`).
        """
        year = int(year)

        def compute() -> YearEmissions:
            last = self.project.verified_matrix().last_year
            cluster = None if last is None or year <= last else self.cluster(scenario)
            return emissions_for_year(self.project, year, scenario, cluster=cluster)

        return self._cached(("emissions", scenario, year), compute)

    # -- measures -----------------------------------------------------------------------
    def milestones(
        self, facility_ids: Iterable[str], scenario: Scenario | str | None
    ) -> list[Milestone]:
        """The measures of some sites, with their dates under a scenario.

        Measures of the scenario come first with the scenario's start year (a "3 years
        late" scenario moves them); dataset measures the scenario leaves out follow with
        their stated year, except source variants of another measure (the same project
        told by another source).
        """
        ids = set(facility_ids)
        dataset = {m.id: m for m in self.project.measures if m.facility_id in ids}
        out: list[Milestone] = []
        seen: set[str] = set()
        sc = self.resolve(scenario)
        for sm in sc.measures if sc is not None else ():
            if sm.facility_id not in ids:
                continue
            seen.add(sm.measure_id)
            base = dataset.get(sm.measure_id)
            out.append(
                Milestone(
                    measure_id=sm.measure_id,
                    facility_id=sm.facility_id,
                    name=base.display_name if base else sm.name,
                    year=sm.start_year,
                    # "Not quantified" means no figure; an undated measure is listed apart.
                    quantified=sm.has_figure,
                    status=base.status if base else "",
                    in_scenario=True,
                    enabled=bool(sm.enabled),
                    abatement_t=sm.abatement_t,
                    basis=sm.basis,
                )
            )
        for m in dataset.values():
            if m.id in seen or (m.variant_of and m.variant_of in dataset):
                continue
            variants = [v for v in dataset.values() if v.variant_of == m.id]
            out.append(_dataset_milestone(m, variants))
        return out

    # -- changing ---------------------------------------------------------------------
    def set_active(self, name: str) -> None:
        """Make ``name`` the active scenario (KeyError when there is none of that name)."""
        if name not in self.names:
            raise KeyError(name)
        if name != self._active:
            self._active = name
            self.changed.emit()

    def set_scenarios(self, scenarios: Iterable[Scenario], active: str | None = None) -> None:
        """Replace every scenario; keep the active one when it still exists.

        Raises
        ------
        ValueError
            When there is no scenario, or two have the same name (nothing is changed).
        """
        scenarios = list(scenarios)
        self._check_names(scenarios)
        names = [s.name for s in scenarios]
        wanted = active if active is not None else self._active
        self._scenarios = scenarios
        self._active = wanted if wanted in names else names[0]
        self._cache.clear()
        self.changed.emit()

    def replace(self, name: str, scenario: Scenario, *, activate: bool = False) -> None:
        """Put ``scenario`` in the place of the scenario called ``name`` (renames too).

        Raises
        ------
        KeyError
            When there is no scenario called ``name``.
        ValueError
            When the new name is already another scenario's.
        """
        i = self.names.index(name) if name in self.names else None
        if i is None:
            raise KeyError(name)
        scenarios = list(self._scenarios)
        scenarios[i] = scenario
        active = scenario.name if (activate or self._active == name) else self._active
        self.set_scenarios(scenarios, active)

    def add(self, scenario: Scenario, *, activate: bool = True) -> None:
        """Append a scenario (ValueError when its name is taken)."""
        self.set_scenarios(
            [*self._scenarios, scenario], scenario.name if activate else self._active
        )

    def remove(self, name: str) -> None:
        """Remove a scenario (KeyError if absent; ValueError for a preset)."""
        if name not in self.names:
            raise KeyError(name)
        if self.is_preset(name):
            raise ValueError(f"the preset {name!r} cannot be deleted")
        index = self.names.index(name)
        rest = [s for s in self._scenarios if s.name != name]
        active = self._active
        if active == name:
            active = rest[max(0, index - 1)].name
        self.set_scenarios(rest, active)

    @staticmethod
    def _check_names(scenarios: list[Scenario]) -> None:
        if not scenarios:
            raise ValueError("a project needs at least one scenario")
        seen: set[str] = set()
        for s in scenarios:
            if s.name in seen:
                raise ValueError(f"two scenarios are called {s.name!r}")
            seen.add(s.name)


def _dataset_milestone(m: Measure, variants: Sequence[Measure] = ()) -> Milestone:
    """A dataset measure; a figure stated by a source variant of it counts as its own."""
    abatement = m.abatement_t
    if abatement is None:
        abatement = next((v.abatement_t for v in variants if v.abatement_t is not None), None)
    return Milestone(
        measure_id=m.id,
        facility_id=m.facility_id,
        name=m.display_name,
        year=int(m.start_year) if m.start_year is not None else None,
        quantified=abatement is not None,
        status=m.status,
        in_scenario=False,
        abatement_t=abatement,
        basis="stated" if abatement is not None else "none",
    )
