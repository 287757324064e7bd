"""The bridge between the charts and the trajectory engine.

The charts never call :mod:`dkgis.model.trajectory` directly: they ask a
:class:`Projections` object, which holds the scenarios and the active one, caches
projections, and says so (``available`` is False) when the engine is missing, so
that everything that needs no projection still works.

This module is pure Python (no Qt): it can be tested and benchmarked alone.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np
from psygnal import Signal

from dkgis.model.scenario_set import END_YEAR as SET_END_YEAR

if TYPE_CHECKING:
    from dkgis.model.measures import Measure, Target
    from dkgis.model.project import Project

log = logging.getLogger(__name__)

#: ArcelorMittal Dunkerque, Mardyck and DK6: charted together, the 2013 move of the
#: steel-gas CO2 from the steel plant to the power plant cancels out.
STEEL_COMPLEX: tuple[str, ...] = ("FR_956", "FR_955", "FR_988")

#: Last year of every projection.
END_YEAR = 2050


@dataclass(frozen=True)
class Milestone:
    """A measure placed on the time axis of a site chart.

    Attributes
    ----------
    measure_id, facility_id, name
        As in the dataset (the name is the source's, not translated).
    year
        Start year under the active scenario (``None``: no date stated).
    quantified
        Whether an abatement figure is known (stated, estimated or typed).
    status
        The dataset status (``"Cancelled"``, ``"announced"``...), ``""`` if unknown.
    in_scenario
        Whether the active scenario counts the measure (``False`` without engine, and for
        dataset measures the scenario leaves out).
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


@dataclass(frozen=True)
class Projected:
    """A projected series (t CO2e per year) under one scenario."""

    scenario: str
    years: np.ndarray
    values: np.ndarray


def load_engine() -> ModuleType | None:
    """Import the trajectory engine, or return ``None`` when it is not installed."""
    try:
        return importlib.import_module("dkgis.model.trajectory")
    except ImportError:
        return None


class Projections:
    """Scenarios, the active one, and cached projections for the charts.

    Parameters
    ----------
    project
        The project whose sites are projected.
    engine
        The engine module (default: :func:`load_engine`); ``None`` disables projections.

    Events
    ------
    changed : Signal()
        The scenarios or the active scenario changed: charts redraw.
    """

    changed = Signal()

    def __init__(self, project: Project, engine: ModuleType | str | None = "auto") -> None:
        self.project = project
        self._engine: ModuleType | None = load_engine() if engine == "auto" else engine  # type: ignore[assignment]
        self._site_cache: dict[tuple[str, str], Any] = {}
        self._cluster_cache: dict[str, Any] = {}
        self._other_cache: dict[tuple, Any] = {}
        # The scenarios and the active one live in the model (project.scenarios), so that
        # the map's emission layer and the exports follow the same active scenario.
        self._set = None
        if self._engine is not None:
            try:
                self._set = project.scenarios
            except Exception:  # an unfinished engine must not stop the charts
                log.exception("the trajectory engine could not build the preset scenarios")
                self._engine = None
        if self._set is not None:
            self._set.changed.connect(self._on_scenarios_changed)

    def _on_scenarios_changed(self) -> None:
        self._site_cache.clear()
        self._cluster_cache.clear()
        self._other_cache.clear()
        self.changed.emit()

    # -- scenarios ------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Whether projections can be computed."""
        return self._engine is not None and bool(self.scenarios)

    @property
    def engine(self) -> ModuleType | None:
        """The trajectory engine module, if any."""
        return self._engine

    @property
    def scenario_set(self) -> Any | None:
        """The model's :class:`~dkgis.model.scenario_set.ScenarioSet` (``None`` without engine)."""
        return self._set

    @property
    def scenarios(self) -> tuple[Any, ...]:
        """The scenarios, in display order."""
        return self._set.scenarios if self._set is not None else ()

    @property
    def scenario_names(self) -> tuple[str, ...]:
        """The scenario names, in display order."""
        return tuple(s.name for s in self.scenarios)

    @property
    def active(self) -> str | None:
        """The name of the active scenario (``None`` without engine)."""
        return self._set.active_name if self._set is not None else None

    def scenario(self, name: str | None = None) -> Any | None:
        """The scenario called ``name`` (default: the active one), or ``None``."""
        if self._set is None:
            return None
        return self._set.get(self.active if name is None else name)

    def set_active(self, name: str) -> None:
        """Make ``name`` the active scenario.

        Raises
        ------
        KeyError
            When no scenario has that name.
        """
        if self._set is None:
            raise KeyError(name)
        self._set.set_active(name)

    def set_scenarios(self, scenarios: Iterable[Any], active: str | None = None) -> None:
        """Replace the scenarios (after an edit), keeping the active one when it still exists."""
        if self._set is not None:
            self._set.set_scenarios(scenarios, active)

    def _shared_cluster(self, name: str) -> Any | None:
        """The model's cached cluster projection (to 2050) of a scenario, if any."""
        if self._set is None:
            return None
        try:
            return self._set.cluster(name)
        except Exception:
            log.exception("cluster projection under %r failed", name)
            return None

    # -- projections ----------------------------------------------------------------
    def site(self, facility_id: str, scenario: str | None = None) -> Projected | None:
        """The projection of one site under a scenario (default: the active one)."""
        sc = self.scenario(scenario)
        if self._engine is None or sc is None:
            return None
        key = (facility_id, sc.name)
        if key not in self._site_cache:
            try:
                proj = self._engine.project_site(self.project, facility_id, sc, end_year=END_YEAR)
            except Exception:
                log.exception("projection of %s under %r failed", facility_id, sc.name)
                proj = None
            self._site_cache[key] = (
                None
                if proj is None or len(proj.years) == 0
                else Projected(sc.name, np.asarray(proj.years), np.asarray(proj.values, float))
            )
        return self._site_cache[key]

    def sites(self, facility_ids: Sequence[str], scenario: str | None = None) -> Projected | None:
        """The sum of the projections of several sites over the years they all cover."""
        parts = [self.site(fid, scenario) for fid in facility_ids]
        parts = [p for p in parts if p is not None]
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

    def cluster(self, scenario: str | None = None) -> Any | None:
        """The engine's ``ClusterProjection`` under a scenario (default: the active one)."""
        sc = self.scenario(scenario)
        if self._engine is None or sc is None:
            return None
        if sc.name not in self._cluster_cache:
            try:
                # Shared with the map (same cache): one projection per edit.
                self._cluster_cache[sc.name] = (
                    self._set.cluster(sc.name)
                    if END_YEAR == SET_END_YEAR
                    else self._engine.project_cluster(self.project, sc, end_year=END_YEAR)
                )
            except Exception:
                log.exception("cluster projection under %r failed", sc.name)
                self._cluster_cache[sc.name] = None
        return self._cluster_cache[sc.name]

    def waterfall(
        self, from_year: int, to_year: int = 2030, scenario: str | None = None
    ) -> list[tuple[str, float]] | None:
        """Steps from the ``from_year`` cluster total to the ``to_year`` one, by measure."""
        sc = self.scenario(scenario)
        if self._engine is None or sc is None:
            return None
        key = ("waterfall", sc.name, from_year, to_year)
        if key not in self._other_cache:
            try:
                self._other_cache[key] = list(
                    self._engine.waterfall(self.project, sc, from_year, to_year)
                )
            except Exception:
                log.exception("waterfall under %r failed", sc.name)
                self._other_cache[key] = None
        return self._other_cache[key]

    def waterfall_steps(self, from_year: int, to_year: int = 2030) -> list | None:
        """The engine's ``waterfall_steps`` under the active scenario (cached)."""
        sc = self.scenario()
        func = getattr(self._engine, "waterfall_steps", None)
        if func is None or sc is None:
            return None
        key = ("steps", sc.name, from_year, to_year)
        if key not in self._other_cache:
            try:
                self._other_cache[key] = list(
                    func(
                        self.project, sc, from_year, to_year, cluster=self._shared_cluster(sc.name)
                    )
                )
            except Exception:
                log.exception("waterfall under %r failed", sc.name)
                self._other_cache[key] = None
        return self._other_cache[key]

    def gap(self, target: Target, scenario: str | None = None) -> float | None:
        """t CO2e above (+) or below (-) a target in its year, under a scenario."""
        sc = self.scenario(scenario)
        if self._engine is None or sc is None:
            return None
        key = ("gap", sc.name, target.id)
        if key not in self._other_cache:
            try:
                self._other_cache[key] = float(
                    self._engine.gap_to_target(
                        self.project, sc, target, cluster=self._shared_cluster(sc.name)
                    )
                )
            except Exception:
                log.exception("gap to %s under %r failed", target.id, sc.name)
                self._other_cache[key] = None
        return self._other_cache[key]

    def target_reference(self, target: Target) -> Any | None:
        """The engine's reference of a cluster or site target (``None`` without engine).

        Charts use it so that the targets they draw match the gaps they print.
        """
        func = getattr(self._engine, "target_reference", None)
        if func is None:
            return None
        key = ("reference", target.id)
        if key not in self._other_cache:
            try:
                self._other_cache[key] = func(self.project, target)
            except ValueError:
                self._other_cache[key] = None
        return self._other_cache[key]

    # -- measures -------------------------------------------------------------------
    def milestones(self, facility_ids: Iterable[str]) -> list[Milestone]:
        """The measures of some sites, with their dates under the active scenario.

        Measures of the active scenario come first with the scenario's start year (a
        "3 years late" scenario moves them); dataset measures the scenario leaves out
        follow with their stated year, except source variants of another measure
        (the same project told by another source).
        """
        ids = set(facility_ids)
        dataset = {m.id: m for m in self.project.measures if m.facility_id in ids}
        out: list[Milestone] = []
        seen: set[str] = set()
        sc = self.scenario()
        for sm in sc.measures if sc is not None else ():
            if sm.facility_id not in ids:
                continue
            seen.add(sm.measure_id)
            base = dataset.get(sm.measure_id)
            out.append(
                Milestone(
                    measure_id=sm.measure_id,
                    facility_id=sm.facility_id,
                    name=sm.name,
                    year=sm.start_year,
                    # "Not quantified" means no figure; an undated measure is listed apart.
                    quantified=bool(getattr(sm, "has_figure", sm.quantified)),
                    status=base.status if base else "",
                    in_scenario=True,
                    enabled=bool(sm.enabled),
                    abatement_t=sm.abatement_t,
                    basis=getattr(sm, "basis", ""),
                )
            )
        for m in dataset.values():
            if m.id in seen or (m.variant_of and m.variant_of in dataset):
                continue
            variants = [v for v in dataset.values() if v.variant_of == m.id]
            out.append(_dataset_milestone(m, variants))
        return out


def _dataset_milestone(m: Measure, variants: Sequence[Measure] = ()) -> Milestone:
    """A dataset measure; a figure stated by a source variant of it counts as its own."""
    abatement = m.abatement_t
    if abatement is None:
        abatement = next((v.abatement_t for v in variants if v.abatement_t is not None), None)
    return Milestone(
        measure_id=m.id,
        facility_id=m.facility_id,
        name=m.name,
        year=int(m.start_year) if m.start_year is not None else None,
        quantified=abatement is not None,
        status=m.status,
        in_scenario=False,
        abatement_t=abatement,
        basis="stated" if abatement is not None else "none",
    )
