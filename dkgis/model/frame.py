"""What a map shows, as one immutable value: :class:`MapFrame`.

The screen, each export, each slide and each frame of an animation has its own
``MapFrame``: the year, the scenario of the years after the verified record (a
:class:`~dkgis.model.scenario.Scenario` object, never "whatever is active"), the
layers drawn, the hidden sectors, the selected facilities, whether names are drawn,
and the extent. Drawing code, legends, tables, tooltips and captions take a frame and
read nothing else of the project's shared state, so an export never changes what the
screen shows, and the screen never changes what an export shows.

The screen's frame follows the project (:func:`frame_of`: ``project.display``, the
active scenario, the visible layers, the selection and the view); an export builds
its own, usually as ``frame_of(project).replace(year=..., scenario=...)``.

The values a frame shows come from one function, :func:`frame_emissions` (one
:class:`~dkgis.model.yearly.YearEmissions` per frame, cached by the project's
scenario set), and one facility's value from :func:`facility_value`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from dkgis.model.display import SIZE_CO2, check_circle_size, check_year
from dkgis.model.mapview import Extent, check_extent
from dkgis.model.scenario import Scenario
from dkgis.model.yearly import NO_DATA, YearEmissions

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Name of the layer of emission circles.
EMISSION_LAYER = "emissions"


@dataclass(frozen=True)
class MapFrame:
    """What one map shows (immutable; :meth:`replace` gives a changed copy).

    Parameters
    ----------
    year
        Year of the emission values (2005–2050).
    scenario
        Scenario of the values of the years after the last verified one. Every frame
        has one, whatever its year: a project always has at least one scenario, so
        "no scenario" is never a state the map, its captions or its exports describe.
    layers
        Names of the layers drawn, bottom to top (names the project does not have are
        ignored).
    extent
        ``(xmin, ymin, xmax, ymax)`` in EPSG:3857.
    hidden_sectors
        Sector ids whose facilities are not drawn.
    selected
        Ids of the facilities drawn highlighted.
    labels
        Whether facility names are drawn.
    circle_size
        What the emission circles' area shows: :data:`~dkgis.model.display.SIZE_CO2` (the
        values of the year) or :data:`~dkgis.model.display.SIZE_JOBS` (the direct jobs the
        sources state).

    Raises
    ------
    ValueError
        For a year outside 2005–2050, an unusable extent, or a scenario that is not a
        :class:`~dkgis.model.scenario.Scenario`.
    """

    year: int
    scenario: Scenario
    layers: tuple[str, ...]
    extent: Extent
    hidden_sectors: frozenset[str] = field(default=frozenset())
    selected: frozenset[str] = field(default=frozenset())
    labels: bool = False
    circle_size: str = SIZE_CO2

    def __post_init__(self) -> None:
        object.__setattr__(self, "year", check_year(self.year))
        if not isinstance(self.scenario, Scenario):
            raise ValueError(f"a map frame needs a scenario, not {self.scenario!r}")
        layers = (self.layers,) if isinstance(self.layers, str) else tuple(self.layers)
        if not all(isinstance(name, str) for name in layers):
            raise ValueError(f"layers must be layer names, got {self.layers!r}")
        object.__setattr__(self, "layers", layers)
        try:
            extent = check_extent(self.extent)
        except ValueError as err:
            raise ValueError(f"the map extent is not usable: {err}") from None
        object.__setattr__(self, "extent", extent)
        for name in ("hidden_sectors", "selected"):
            value = getattr(self, name)
            object.__setattr__(self, name, frozenset((value,) if isinstance(value, str) else value))
        object.__setattr__(self, "labels", bool(self.labels))
        object.__setattr__(self, "circle_size", check_circle_size(self.circle_size))

    def replace(self, **changes: Any) -> MapFrame:
        """A copy with some fields changed (checked like a new frame)."""
        return replace(self, **changes)

    def shows(self, layer_name: str) -> bool:
        """Whether the layer called ``layer_name`` is drawn."""
        return layer_name in self.layers

    def is_sector_visible(self, sector_id: str) -> bool:
        """Whether facilities of ``sector_id`` are drawn."""
        return sector_id not in self.hidden_sectors

    def same_values(self, other: MapFrame | None) -> bool:
        """Whether ``other`` shows the same emission values (same year and scenario)."""
        return other is not None and other.year == self.year and other.scenario == self.scenario


def frame_of(project: Project, **changes: Any) -> MapFrame:
    """The frame of the project's screen state, with ``changes`` applied.

    The screen state is ``project.display`` (year, hidden sectors, names, what the circles
    show), the active
    scenario, the visible layers, the selection and the view. An export passes its own
    year, scenario, layers or extent: the project is only read.
    """
    display = project.display
    state: dict[str, Any] = {
        "year": display.year,
        "scenario": project.scenarios.active,
        "layers": tuple(layer.name for layer in project.layers if layer.visible),
        "extent": project.view.extent or project.cluster_extent(),
        "hidden_sectors": display.hidden_sectors,
        "selected": project.selection.ids,
        "labels": display.labels,
        "circle_size": display.circle_size,
    }
    state.update(changes)
    return MapFrame(**state)


def emission_map_layers(project: Project, layers: Iterable[str] | None = None) -> tuple[str, ...]:
    """The layers of an emission map: ``layers`` (default: the visible ones) and the
    emission circles, in the project's order."""
    wanted = (
        {layer.name for layer in project.layers if layer.visible} if layers is None else set(layers)
    )
    wanted.add(EMISSION_LAYER)
    return tuple(layer.name for layer in project.layers if layer.name in wanted)


def emission_map_frame(project: Project, base: MapFrame | None = None, **changes: Any) -> MapFrame:
    """The frame of an emission map of the whole cluster (slides, animations).

    ``base`` (default: :func:`frame_of` the project) with the emission circles added to
    its layers, the cluster's extent, and ``changes`` (``year=``, ``scenario=``...).
    """
    base = frame_of(project) if base is None else base
    state: dict[str, Any] = {
        "layers": emission_map_layers(project, base.layers),
        "extent": project.cluster_extent(),
    }
    state.update(changes)
    return base.replace(**state)


def frame_emissions(project: Project, frame: MapFrame) -> YearEmissions:
    """Every facility's emission value in ``frame``: the values the map draws.

    Verified values up to the last verified year, projected under ``frame.scenario``
    after it (:func:`dkgis.model.yearly.emissions_for_year`; computed once per year and
    scenario).
    """
    return project.scenarios.emissions(frame.year, frame.scenario)


@dataclass(frozen=True)
class FacilityValue:
    """One facility's value in a frame, as the map draws it.

    Attributes
    ----------
    facility_id : str
    year : int
    value_t : float or None
        Tonnes of CO2e; ``None`` when there is no value (never 0 for missing data).
    kind : str
        :data:`~dkgis.model.yearly.VERIFIED`, :data:`~dkgis.model.yearly.PROJECTED` or
        :data:`~dkgis.model.yearly.NO_DATA`.
    scenario : str or None
        Name of the scenario of a projected year (``None`` for a verified year).
    """

    facility_id: str
    year: int
    value_t: float | None
    kind: str
    scenario: str | None


def facility_value(project: Project, frame: MapFrame, facility_id: str) -> FacilityValue:
    """The value of one facility in ``frame``, from :func:`frame_emissions`.

    Raises
    ------
    KeyError
        For an unknown facility id.
    """
    values = frame_emissions(project, frame)
    row = project.facility_index()[facility_id]
    value = float(values.values[row])
    kind = str(values.kinds[row])
    has = kind != NO_DATA and math.isfinite(value)
    return FacilityValue(
        facility_id,
        values.year,
        value if has else None,
        kind if has else NO_DATA,
        values.scenario,
    )
