"""The three key figures of a site (pure, no Qt): its last verified value, its projection,
and its gap to a target.

A slide, a summary or a table that states a site's figures takes them from
:func:`site_figures`, and each figure from the model's single function for it:

* the last verified value: the EU ETS verified series (:meth:`EmissionSeries.latest`);
* the projection: :func:`dkgis.model.frame.facility_value` in the projection year, under
  the scenario given (the value the map of that year draws);
* the gap: to the site's own target of that year (:meth:`ScenarioSet.gap`, the gap the
  charts print), else to the territory's target of that year applied to the site (the
  pathway the site chart draws, :func:`dkgis.model.site_data.build_pathway`).

A figure that cannot be stated is ``None`` (never 0); the caller says why in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dkgis.model.frame import facility_value, frame_of

if TYPE_CHECKING:
    from dkgis.model.measures import Target
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario

#: The year of the projection and of the target a site is measured against.
PROJECTION_YEAR = 2030

#: Whose target a gap is measured to.
SITE_TARGET = "site"
TERRITORY_TARGET = "territory"


@dataclass(frozen=True)
class TargetGap:
    """How far a site's projection is from a target in the target's year.

    Attributes
    ----------
    target : Target
        The target (a site target, or the territory's target applied to the site).
    whose : str
        :data:`SITE_TARGET` or :data:`TERRITORY_TARGET`.
    year : int
        The target year.
    gap_t : float
        Tonnes CO2e above (+) or below (-) what the target allows that year.
    """

    target: Target
    whose: str
    year: int
    gap_t: float


@dataclass(frozen=True)
class SiteFigures:
    """The key figures of one site under one scenario.

    Attributes
    ----------
    facility_id : str
    verified_year, verified_t
        The last year with a verified value, and that value (``None``: no verified value).
    projection_year : int
        :data:`PROJECTION_YEAR`, or a later year asked for.
    projected_t
        The site's value in ``projection_year`` under ``scenario`` (``None``: none, e.g.
        no verified baseline to project from).
    projected_kind : str
        What that value is (``projected``, or ``verified`` when the year is verified).
    scenario : str
        The scenario's name (data text for a user's scenario).
    gap : TargetGap or None
        The gap to the site's or the territory's target (``None``: no target applies, or
        no value to measure it with).
    """

    facility_id: str
    verified_year: int | None
    verified_t: float | None
    projection_year: int
    projected_t: float | None
    projected_kind: str
    scenario: str
    gap: TargetGap | None


def site_figures(
    project: Project, facility_id: str, scenario: Scenario, year: int = PROJECTION_YEAR
) -> SiteFigures:
    """The key figures of ``facility_id``, projected under ``scenario`` to ``year``.

    Raises
    ------
    KeyError
        For an unknown facility id.
    """
    latest = project.emissions[facility_id].latest("verified")
    value = facility_value(project, frame_of(project, year=year, scenario=scenario), facility_id)
    return SiteFigures(
        facility_id=facility_id,
        verified_year=latest.year if latest is not None else None,
        verified_t=latest.value_t if latest is not None else None,
        projection_year=year,
        projected_t=value.value_t,
        projected_kind=value.kind,
        scenario=scenario.name,
        gap=_gap(project, facility_id, scenario, year),
    )


def _site_target(project: Project, facility_id: str, year: int) -> Target | None:
    """The site's own target of ``year``, else its first one after ``year``."""
    targets = sorted(project.targets_for(facility_id), key=lambda t: int(t.target_year))
    exact = [t for t in targets if int(t.target_year) == year]
    later = [t for t in targets if int(t.target_year) > year]
    return (exact or later or [None])[0]


def _gap(project: Project, facility_id: str, scenario: Scenario, year: int) -> TargetGap | None:
    own = _site_target(project, facility_id, year)
    if own is not None:
        gap = project.scenarios.gap(own, scenario)
        if gap is not None:
            return TargetGap(own, SITE_TARGET, int(own.target_year), float(gap))
    return _territory_gap(project, facility_id, scenario, year)


def _territory_gap(
    project: Project, facility_id: str, scenario: Scenario, year: int
) -> TargetGap | None:
    """The gap to the territory's target of ``year`` applied to the site, as its chart
    draws it (the pathway's reference is the site's own verified value)."""
    from dkgis.model.site_data import build_pathway, pathway_targets, verified_arrays

    targets = pathway_targets(project)
    target = next((t for t in targets if int(t.target_year) == year), None)
    if target is None:
        return None
    years, values = verified_arrays(project, facility_id)
    pathway = build_pathway(targets, years, values, project.scenarios)
    if pathway is None or int(target.target_year) <= pathway.reference.year:
        return None
    allowed = target.target_value(pathway.reference.value_t)
    value = facility_value(project, frame_of(project, year=year, scenario=scenario), facility_id)
    if value.value_t is None:
        return None
    return TargetGap(target, TERRITORY_TARGET, int(target.target_year), value.value_t - allowed)
