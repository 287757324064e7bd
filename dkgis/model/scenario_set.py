"""The project's scenarios and the active one (pure, evented), and cached projections.

The screen's map frame (:func:`dkgis.model.frame.frame_of`) and the charts take the
active scenario from here, so a scenario edit or a switch of the active scenario redraws
them (``project.scenarios.changed``). An export names its own scenario in its frame and
never changes the active one. A project always has at least one scenario (the presets
cannot be deleted), so there is always a scenario for the years after the verified record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from psygnal import Signal

from dkgis.model.scenario import PRESET_NAMES, Scenario, preset_scenarios
from dkgis.model.yearly import YearEmissions, emissions_for_year

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.trajectory import ClusterProjection

#: Last year of the cached cluster projections (the year slider's last year).
END_YEAR = 2050
#: Cluster projections and years of values kept in the caches (the oldest go first).
CLUSTER_CACHE_SIZE = 8
EMISSIONS_CACHE_SIZE = 64

_K = TypeVar("_K")
_V = TypeVar("_V")


def _remember(cache: dict[_K, _V], key: _K, value: _V, size: int) -> _V:
    """Put ``value`` in ``cache``, dropping the oldest entries beyond ``size``."""
    cache[key] = value
    while len(cache) > size:
        cache.pop(next(iter(cache)), None)
    return value


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
        self._clusters: dict[Scenario, ClusterProjection] = {}
        self._emissions: dict[tuple[int, Scenario], YearEmissions] = {}

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

    def cluster(self, name: str | None = None) -> ClusterProjection | None:
        """The cluster projection (to :data:`END_YEAR`) under the scenario called ``name``
        (default: the active one); ``None`` when there is no such scenario."""
        scenario = self.get(self._active if name is None else name)
        return None if scenario is None else self.cluster_of(scenario)

    def cluster_of(self, scenario: Scenario) -> ClusterProjection:
        """The cluster projection (to :data:`END_YEAR`) under ``scenario``, one of this set's
        or any other (an export's); cached by the scenario's value, so an edited scenario
        is projected again."""
        cached = self._clusters.get(scenario)
        if cached is None:
            from dkgis.model.trajectory import project_cluster

            projection = project_cluster(self.project, scenario, END_YEAR)
            cached = _remember(self._clusters, scenario, projection, CLUSTER_CACHE_SIZE)
        return cached

    def emissions(self, year: int, scenario: Scenario) -> YearEmissions:
        """Every facility's emissions of ``year``: verified, or projected under ``scenario``
        after the last verified year (:func:`dkgis.model.yearly.emissions_for_year`, cached)."""
        key = (int(year), scenario)
        cached = self._emissions.get(key)
        if cached is None:
            last = self.project.verified_matrix().last_year
            cluster = None if last is None or key[0] <= last else self.cluster_of(scenario)
            values = emissions_for_year(self.project, key[0], scenario, cluster=cluster)
            cached = _remember(self._emissions, key, values, EMISSIONS_CACHE_SIZE)
        return cached

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
