"""The emission values the HTML map shows: those of a map frame, verified or projected.

Up to the latest verified (EU ETS) year the values are the verified ones, never changed.
After it, they are projected under the frame's scenario, and every place that shows them
says "projected" and names the scenario. The values and their kinds come from
:func:`dkgis.model.frame.frame_emissions`, the function the desktop map, its table and
its tooltip use; the sentences from :mod:`dkgis.wording`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from dkgis import wording
from dkgis.model.display import SIZE_CO2
from dkgis.model.frame import FacilityValue, MapFrame, facility_value, frame_emissions
from dkgis.model.project import Project
from dkgis.model.trajectory import DEFAULT_END_YEAR
from dkgis.model.yearly import PROJECTED, VERIFIED

#: Radius in CSS pixels of the circle of the largest verified value of the record.
MAX_RADIUS_PX = 56.0


@dataclass(frozen=True)
class YearEmissions:
    """Every facility's emissions in the map's frame.

    Attributes
    ----------
    project : Project
    frame : MapFrame
        What the page shows (its year and scenario).
    kind : str
        ``"verified"`` or ``"projected"``.
    scenario : str or None
        Name of the scenario of projected values.
    ids : list of str
        Facility ids, dataset order.
    values : numpy.ndarray
        Tonnes aligned with ``ids``; NaN = no value (no circle).
    caption : str
        What the circles show (:func:`dkgis.wording.frame_caption`).
    scale_max : float
        Largest verified value of the whole record: its circle has :data:`MAX_RADIUS_PX`,
        whatever the year, so maps of different years compare.
    projections : dict[str, dict[int, float]]
        Projected series (``last_verified+1 .. year``) of each projected site, for the
        popups' charts (empty for a verified year).
    """

    project: Project
    frame: MapFrame
    kind: str
    scenario: str | None
    ids: list[str]
    values: np.ndarray
    caption: str
    scale_max: float
    projections: dict[str, dict[int, float]] = field(default_factory=dict)

    @property
    def year(self) -> int:
        """The year shown."""
        return self.frame.year

    def value(self, facility_id: str) -> FacilityValue:
        """One facility's value in the year, with its kind (KeyError for an unknown id)."""
        return facility_value(self.project, self.frame, facility_id)

    def radius(self, value: float) -> float:
        """Circle radius in pixels: area proportional to the value (radius ∝ √value)."""
        if self.scale_max <= 0 or not math.isfinite(value) or value <= 0:
            return 0.0
        return MAX_RADIUS_PX * math.sqrt(value / self.scale_max)


def year_range(project: Project) -> tuple[int, int] | None:
    """Years the map can show: the first verified year to :data:`DEFAULT_END_YEAR`."""
    years = project.emission_years("verified")
    return (years[0], max(DEFAULT_END_YEAR, years[-1])) if years else None


def year_emissions(project: Project, frame: MapFrame) -> YearEmissions:
    """Return the emissions the map of ``frame`` shows.

    Raises
    ------
    ValueError
        When the frame's year is outside :func:`year_range` (the message gives the range),
        or the dataset has no verified emissions at all.
    """
    span = year_range(project)
    if span is None:
        raise ValueError(
            f"year {frame.year}: the dataset has no verified emissions, so no year can be shown"
        )
    if not span[0] <= frame.year <= span[1]:
        raise ValueError(
            f"year {frame.year} is outside the data: choose a year from {span[0]} to {span[1]}"
        )
    ids, _ = project.facility_mercator_xy()
    values = frame_emissions(project, frame)
    scale_max = project.verified_matrix().max_value
    # The page's circles are always the year's CO2 (never sized by jobs).
    caption = wording.frame_caption(project, frame.replace(circle_size=SIZE_CO2))
    if not values.is_projected:
        return YearEmissions(
            project, frame, VERIFIED, None, ids, np.array(values.values), caption, scale_max
        )
    cluster = project.scenarios.cluster(frame.scenario)
    shown = cluster.years <= frame.year
    projections = {
        fid: {int(y): float(v) for y, v in zip(cluster.years[shown], row[shown], strict=True)}
        for fid, row in zip(cluster.facility_ids, cluster.values, strict=True)
    }
    return YearEmissions(
        project,
        frame,
        PROJECTED,
        values.scenario,
        ids,
        np.array(values.values),
        caption,
        scale_max,
        projections,
    )
