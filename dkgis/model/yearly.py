"""Emission values of every facility for one year, as arrays for the map.

The verified EU ETS values are gathered once into a facilities x years matrix
(:class:`VerifiedMatrix`); choosing a year then only takes a column, so the
year slider restyles the map without re-reading anything.

Only ``verified`` values are used: values of other kinds (``reported`` IREP
figures) are never mixed in. Years after the last verified year are projected
under a scenario (kind :data:`PROJECTED`, the scenario named) by the trajectory
engine; without a scenario they show each facility's value of that last year,
labelled :data:`LAST_VERIFIED` ("last verified value, not a projection").

:func:`emissions_for_year` is the one implementation used by the map, its
legend, the exports and :mod:`dkgis.model.trajectory`.
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
#: The year is after the last verified year: the value is the facility's verified
#: value of that last year, carried forward (not a projection).
LAST_VERIFIED = "last_verified"
#: The value is projected by the trajectory engine under a scenario.
PROJECTED = "projected"
#: The facility has no value for the year (drawn as "no data", never as zero).
NO_DATA = "no_data"

#: The kinds of value in :attr:`YearEmissions.kinds`.
VALUE_KINDS: tuple[str, ...] = (VERIFIED, LAST_VERIFIED, PROJECTED, NO_DATA)


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
    basis_year : int or None
        The verified year whose values are shown: ``year`` itself, or the last
        verified year when ``year`` is after it (carried forward, or the end of
        the record the projection starts from); ``None`` when there is no
        verified data at all.
    scenario : str or None
        Name of the scenario of projected values (``None``: nothing projected).
    """

    year: int
    values: np.ndarray
    kinds: np.ndarray
    basis_year: int | None
    scenario: str | None = None

    @property
    def is_projected(self) -> bool:
        """Whether the year is after the last verified one and projected under a scenario."""
        return self.scenario is not None

    @property
    def is_carried_forward(self) -> bool:
        """Whether the values are those of an earlier year (the last verified one)."""
        return (
            self.scenario is None and self.basis_year is not None and self.basis_year != self.year
        )

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
        verified = [emissions[i].verified() if i in emissions else {} for i in self.ids]
        years = sorted({y for v in verified for y in v})
        self.years = np.array(years, dtype=int)
        self.values = np.full((len(self.ids), len(years)), np.nan)
        column = {y: j for j, y in enumerate(years)}
        for row, by_year in enumerate(verified):
            for year, value in by_year.items():
                self.values[row, column[year]] = value
        self.values.flags.writeable = False
        self._column = column

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
        """Return the values to show for ``year`` (see the module docstring)."""
        year = int(year)
        last = self.last_year
        basis = None if last is None else min(year, last)
        values = np.full(len(self.ids), np.nan) if basis is None else self.column(basis).copy()
        has = np.isfinite(values)
        kind = LAST_VERIFIED if basis is not None and basis != year else VERIFIED
        kinds = np.where(has, kind, NO_DATA)
        values.flags.writeable = False
        kinds.flags.writeable = False
        return YearEmissions(year=year, values=values, kinds=kinds, basis_year=basis)


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
        Scenario of the years after the last verified one. ``None``: no projection,
        each facility's last verified value is carried forward (kind
        :data:`LAST_VERIFIED`, "not a projection").
    cluster
        The cluster projection under ``scenario`` when already computed (a cache, e.g.
        :meth:`dkgis.model.scenario_set.ScenarioSet.cluster`); it must reach ``year``.

    Returns
    -------
    YearEmissions
        Verified values up to the last verified year (kind :data:`VERIFIED`); after it,
        the projection of each projected site (kind :data:`PROJECTED`, ``scenario``
        named) or, without a scenario, the last verified value. NaN with kind
        :data:`NO_DATA` where there is no value (a site without baseline, e.g. closed,
        is not projected): never 0 for missing data.
    """
    matrix = project.verified_matrix()
    year = int(year)
    last = matrix.last_year
    if scenario is None or last is None or year <= last:
        return matrix.for_year(year)
    if cluster is None or cluster.scenario != scenario.name or year > int(cluster.years[-1]):
        from dkgis.model.trajectory import project_cluster

        cluster = project_cluster(project, scenario, year)
    values = np.full(len(matrix.ids), np.nan)
    col = year - last - 1
    index = {fid: i for i, fid in enumerate(matrix.ids)}
    rows = [index[fid] for fid in cluster.facility_ids]
    if rows:
        values[rows] = cluster.values[:, col]
    kinds = np.where(np.isfinite(values), PROJECTED, NO_DATA)
    values.flags.writeable = False
    kinds.flags.writeable = False
    return YearEmissions(
        year=year, values=values, kinds=kinds, basis_year=last, scenario=scenario.name
    )
