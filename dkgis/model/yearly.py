"""Emission values of every facility for one year, as arrays for the map.

The verified EU ETS values are gathered once into a facilities x years matrix
(:class:`VerifiedMatrix`); choosing a year then only takes a column, so the
year slider restyles the map without re-reading anything.

Only ``verified`` values are used: values of other kinds (``reported`` IREP
figures) are never mixed in. Years after the last verified year are projected
under a scenario (kind :data:`PROJECTED`, the scenario named) by the trajectory
engine; there is always a scenario for them (a map's :class:`~dkgis.model.frame.MapFrame`
carries one), never a value carried forward from an earlier year.

:func:`emissions_for_year` is the one implementation used by the map, its
legend, the table, the tooltip, the details panel, the exports and
:mod:`dkgis.model.trajectory` (through :func:`dkgis.model.frame.frame_emissions`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from dkgis.model.emissions import EmissionSeries

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario
    from dkgis.model.trajectory import ClusterProjection

#: The value is the facility's verified EU ETS value of the year.
VERIFIED = "verified"
#: The value is projected by the trajectory engine under a scenario.
PROJECTED = "projected"
#: The facility has no value for the year (drawn as "no data", never as zero).
NO_DATA = "no_data"
#: A value reported by the operator (IREP register, press): charted and listed, never
#: drawn on the map nor added to anything.
REPORTED = "reported"

#: The kinds of value in :attr:`YearEmissions.kinds`.
VALUE_KINDS: tuple[str, ...] = (VERIFIED, PROJECTED, NO_DATA)


@dataclass(frozen=True)
class YearEmissions:
    """The emission value of each facility for one year.

    Attributes
    ----------
    year : int
        The year asked for.
    values : numpy.ndarray
        Tonnes of CO2e per facility, in :meth:`Project.facility_mercator_xy` order;
        NaN where there is no data (never 0 for missing data).
    kinds : numpy.ndarray
        One of :data:`VALUE_KINDS` per facility (a string array).
    last_verified : int or None
        The last year with a verified value in the project (the projection starts
        after it); ``None`` when there is no verified data at all.
    scenario : str or None
        Name of the scenario of projected values (``None`` for a verified year).
    """

    year: int
    values: np.ndarray
    kinds: np.ndarray
    last_verified: int | None
    scenario: str | None = None

    @property
    def is_projected(self) -> bool:
        """Whether the year is after the last verified one (projected under a scenario)."""
        return self.scenario is not None

    @property
    def has_data(self) -> np.ndarray:
        """Boolean array, True where a facility has a value."""
        return self.kinds != NO_DATA


class VerifiedMatrix:
    """Verified emission values of all facilities, as a facilities x years matrix.

    Parameters
    ----------
    ids
        Facility ids, in the order of the rows.
    emissions
        Emission series by facility id; ids without a series have no values.

    Attributes
    ----------
    ids : tuple of str
    years : numpy.ndarray
        The years with at least one verified value, increasing (int).
    values : numpy.ndarray
        ``(len(ids), len(years))`` tonnes, NaN where a facility has no verified
        value for a year. Read-only.
    """

    def __init__(self, ids: Sequence[str], emissions: Mapping[str, EmissionSeries]) -> None:
        self.ids = tuple(ids)
        # One pass over the values (the first value of a year wins, as in EmissionSeries),
        # then one numpy assignment: linear in the number of values.
        rows: list[int] = []
        year_of: list[int] = []
        tonnes: list[float] = []
        for row, fid in enumerate(self.ids):
            series = emissions.get(fid)
            if series is None:
                continue
            seen: set[int] = set()
            for value in series.values:
                if value.kind == VERIFIED and value.year not in seen:
                    seen.add(value.year)
                    rows.append(row)
                    year_of.append(value.year)
                    tonnes.append(value.value_t)
        years = np.unique(np.array(year_of, dtype=int))
        self.years = years
        self.values = np.full((len(self.ids), len(years)), np.nan)
        if rows:
            self.values[rows, np.searchsorted(years, year_of)] = tonnes
        self.values.flags.writeable = False
        self._column = {int(y): j for j, y in enumerate(years)}

    @property
    def last_year(self) -> int | None:
        """The last year with a verified value, or ``None`` when there is none."""
        return int(self.years[-1]) if len(self.years) else None

    @property
    def max_value(self) -> float:
        """The largest verified value of any facility in any year (0 when there is none)."""
        finite = self.values[np.isfinite(self.values)]
        return float(finite.max()) if finite.size else 0.0

    def column(self, year: int) -> np.ndarray:
        """Return the values of one year (all NaN for a year without verified values)."""
        j = self._column.get(int(year))
        if j is None:
            return np.full(len(self.ids), np.nan)
        return self.values[:, j]

    def for_year(self, year: int) -> YearEmissions:
        """Return the verified values of ``year`` (kind :data:`NO_DATA` where there is none,
        and for every facility after the last verified year)."""
        year = int(year)
        values = self.column(year).copy()
        kinds = np.where(np.isfinite(values), VERIFIED, NO_DATA)
        values.flags.writeable = False
        kinds.flags.writeable = False
        return YearEmissions(year=year, values=values, kinds=kinds, last_verified=self.last_year)


def emissions_for_year(
    project: Project,
    year: int,
    scenario: Scenario | None = None,
    *,
    cluster: ClusterProjection | None = None,
) -> YearEmissions:
    """Return each facility's emission value for ``year``: verified or projected.

    Parameters
    ----------
    project
        The project; values are in :meth:`Project.facility_mercator_xy` order.
    year
        Calendar year.
    scenario
        Scenario of the years after the last verified one; it may be ``None`` only for a
        year of the verified record.
    cluster
        The cluster projection under ``scenario`` when already computed (a cache, e.g.
        :meth:`dkgis.model.scenario_set.ScenarioSet.cluster`); it must reach ``year``.

    Returns
    -------
    YearEmissions
        Verified values up to the last verified year (kind :data:`VERIFIED`); after it,
        the projection of each projected site (kind :data:`PROJECTED`, ``scenario``
        named). NaN with kind :data:`NO_DATA` where there is no value (a site without
        baseline, e.g. closed, is not projected): never 0 for missing data.

    Raises
    ------
    ValueError
        When ``year`` is after the last verified year and ``scenario`` is ``None``.
    """
    matrix = project.verified_matrix()
    year = int(year)
    last = matrix.last_year
    if last is None or year <= last:
        return matrix.for_year(year)
    if scenario is None:
        raise ValueError(
            f"{year} is after the last verified year ({last}): its values are projected "
            "under a scenario, and none was given"
        )
    if cluster is None or cluster.scenario != scenario.name or year > int(cluster.years[-1]):
        from dkgis.model.trajectory import project_cluster

        cluster = project_cluster(project, scenario, year)
    values = np.full(len(matrix.ids), np.nan)
    index = project.facility_index()
    rows = [index[fid] for fid in cluster.facility_ids]
    if rows:
        values[rows] = cluster.values[:, year - last - 1]
    kinds = np.where(np.isfinite(values), PROJECTED, NO_DATA)
    values.flags.writeable = False
    kinds.flags.writeable = False
    return YearEmissions(
        year=year, values=values, kinds=kinds, last_verified=last, scenario=scenario.name
    )
