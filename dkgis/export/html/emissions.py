"""The emission values the HTML map shows for one year: verified, or projected by a scenario.

Up to the latest verified (EU ETS) year the values are the verified ones, never changed.
After it, they come from the trajectory engine
(:func:`dkgis.model.yearly.emissions_for_year`) under a named scenario, and every
place that shows them says "projected" and names the scenario.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from dkgis.model.project import Project
from dkgis.model.trajectory import (
    DEFAULT_END_YEAR,
    Scenario,
    last_verified_year,
    preset_scenarios,
    project_cluster,
)
from dkgis.model.yearly import emissions_for_year

#: Radius in CSS pixels of the circle of the largest verified value of the record.
MAX_RADIUS_PX = 56.0


@dataclass(frozen=True)
class YearEmissions:
    """Every facility's emissions in the map's year.

    Attributes
    ----------
    year : int or None
        The year shown (``None`` when the dataset has no verified value at all).
    kind : str
        ``"verified"`` or ``"projected"`` (``""`` when ``year`` is ``None``).
    scenario : str or None
        Name of the scenario of projected values.
    ids : list of str
        Facility ids, dataset order.
    values : numpy.ndarray
        Tonnes aligned with ``ids``; NaN = no value (no circle).
    last_verified : int or None
        Latest year with a verified value in the dataset.
    scale_max : float
        Largest verified value of the whole record: its circle has :data:`MAX_RADIUS_PX`,
        whatever the year, so maps of different years compare.
    projections : dict[str, dict[int, float]]
        Projected series (``last_verified+1 .. year``) of each projected site, for the
        popups' charts (empty for a verified year).
    """

    year: int | None
    kind: str
    scenario: str | None
    ids: list[str]
    values: np.ndarray
    last_verified: int | None
    scale_max: float
    projections: dict[str, dict[int, float]] = field(default_factory=dict)

    def value(self, facility_id: str) -> float | None:
        """Tonnes of one facility in the year, or ``None``."""
        try:
            v = float(self.values[self.ids.index(facility_id)])
        except ValueError:
            return None
        return v if math.isfinite(v) else None

    def radius(self, value: float) -> float:
        """Circle radius in pixels: area proportional to the value (radius ∝ √value)."""
        if self.scale_max <= 0 or not math.isfinite(value) or value <= 0:
            return 0.0
        return MAX_RADIUS_PX * math.sqrt(value / self.scale_max)


def year_range(project: Project) -> tuple[int, int] | None:
    """Years the map can show: the first verified year to :data:`DEFAULT_END_YEAR`."""
    years = project.emission_years("verified")
    return (years[0], max(DEFAULT_END_YEAR, years[-1])) if years else None


def _scale_max(project: Project) -> float:
    values = [v for s in project.emissions.values() for v in s.verified().values()]
    return max(values, default=0.0)


def year_emissions(
    project: Project, year: int | None = None, scenario: Scenario | None = None
) -> YearEmissions:
    """Return the emissions the map shows.

    Parameters
    ----------
    project
        The project.
    year
        The year; ``None`` for the latest verified year.
    scenario
        Scenario of a year after the latest verified one; ``None`` for the first preset
        ("Announced plans"). Ignored for verified years.

    Raises
    ------
    ValueError
        When ``year`` is outside :func:`year_range` (the message gives the range).
    """
    ids, _ = project.facility_mercator_xy()
    last = last_verified_year(project)
    span = year_range(project)
    if span is None:
        if year is not None:
            raise ValueError(
                f"year {year}: the dataset has no verified emissions, so no year can be shown"
            )
        return YearEmissions(None, "", None, ids, np.full(len(ids), np.nan), None, 0.0)
    if year is None:
        year = last
    if not span[0] <= year <= span[1]:
        raise ValueError(
            f"year {year} is outside the data: choose a year from {span[0]} to {span[1]}"
        )
    assert last is not None and year is not None
    if year <= last:
        values = np.array(emissions_for_year(project, year).values)
        return YearEmissions(year, "verified", None, ids, values, last, _scale_max(project))
    if scenario is None:
        scenario = preset_scenarios(project)[0]
    values = np.array(emissions_for_year(project, year, scenario).values)
    cluster = project_cluster(project, scenario, year)
    projections = {
        fid: {int(y): float(v) for y, v in zip(cluster.years, row, strict=True)}
        for fid, row in zip(cluster.facility_ids, cluster.values, strict=True)
    }
    return YearEmissions(
        year, "projected", scenario.name, ids, values, last, _scale_max(project), projections
    )
