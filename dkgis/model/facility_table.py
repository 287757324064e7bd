"""The facilities as table rows: what the attribute table shows and exports.

Rows hold raw values (sector and status ids, tonnes as numbers, ``None`` for
"no value"); the user interface translates and formats them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dkgis.model.emissions import EmissionValue
    from dkgis.model.project import Project


@dataclass(frozen=True)
class FacilityRow:
    """One facility in the attribute table.

    ``emissions_t`` and ``emissions_year`` are both ``None`` when the facility
    has no value (never 0 in place of a missing value).
    """

    facility_id: str
    name: str
    operator: str | None
    sector: str
    subsector: str | None
    commune: str
    status: str
    location_precision: str
    emissions_t: float | None
    emissions_year: int | None


def displayed_emission(project: Project, facility_id: str) -> EmissionValue | None:
    """The emission value that the table and the map tooltip show for a facility.

    The verified (EU ETS) value of the year shown on the map (``project.display.year``);
    after the last verified year, the facility's latest verified value, whose own
    year says how old it is (the map's emission layer follows the same rule).
    ``None`` when there is no verified value: "no data", never zero.
    """
    series = project.emissions.get(facility_id)
    if series is None:
        return None
    verified = series.of_kind("verified")
    year = project.display.year
    if year in verified:
        return verified[year]
    last = max((y for s in project.emissions.values() for y in s.of_kind("verified")), default=None)
    if last is not None and year > last:
        return series.latest("verified")
    return None


def facility_rows(project: Project) -> list[FacilityRow]:
    """Return one row per facility of ``project``, in dataset order."""
    rows = []
    for fid, f in project.facilities.items():
        value = displayed_emission(project, fid)
        rows.append(
            FacilityRow(
                facility_id=fid,
                name=f.name,
                operator=f.operator,
                sector=f.sector,
                subsector=f.subsector,
                commune=f.commune,
                status=f.status,
                location_precision=f.location_precision,
                emissions_t=None if value is None else value.value_t,
                emissions_year=None if value is None else value.year,
            )
        )
    return rows


def matching_rows(haystacks: Sequence[str], words: Sequence[str]) -> list[int]:
    """Indexes of the rows whose text contains every word (all rows when ``words`` is empty).

    ``haystacks`` and ``words`` should both be folded (see :func:`dkgis.model.search.fold`).
    """
    if not words:
        return list(range(len(haystacks)))
    return [i for i, text in enumerate(haystacks) if all(w in text for w in words)]


def sorted_rows(rows: Sequence[int], keys: Sequence[Any], descending: bool = False) -> list[int]:
    """Order ``rows`` by ``keys[row]``; rows whose key is ``None`` or NaN come last either way.

    The sort is stable: equal keys keep the order of ``rows``.
    """
    present = [r for r in rows if not _missing(keys[r])]
    missing = [r for r in rows if _missing(keys[r])]
    present.sort(key=keys.__getitem__, reverse=descending)
    return present + missing


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
