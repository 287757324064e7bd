"""Emission values of facilities and the rules for combining them.

Values of different kinds (``verified`` EU ETS figures, ``reported`` figures from
other registers or reports, ``projected`` scenario figures) are never mixed: every
accessor takes one kind, and a year without a value is ``None``, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dkgis.io.schema import EMISSION_KINDS


def _check_kind(kind: str) -> None:
    if kind not in EMISSION_KINDS:
        raise ValueError(f"unknown emission kind {kind!r}; expected one of {EMISSION_KINDS}")


@dataclass(frozen=True)
class EmissionValue:
    """One yearly emission value of a facility (a row of the ``emissions`` table).

    Parameters
    ----------
    facility_id
        The facility.
    year
        Calendar year.
    value_t
        Tonnes of CO2-equivalent in the year.
    kind
        ``verified``, ``reported`` or ``projected``.
    gas
        What is counted, e.g. ``"CO2e (EU ETS scope)"``.
    source_id
        The source (a ``sources.id``).
    caveat_id
        A caveat that applies to the value, if any.
    note
        Free text.
    """

    facility_id: str
    year: int
    value_t: float
    kind: str
    gas: str
    source_id: str
    caveat_id: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> EmissionValue:
        """Build a value from an ``emissions`` row."""
        caveat, note = row.get("caveat_id"), row.get("note")
        return cls(
            facility_id=row["facility_id"],
            year=int(row["year"]),
            value_t=float(row["value_t"]),
            kind=row["kind"],
            gas=row["gas"],
            source_id=row["source_id"],
            caveat_id=caveat if caveat else None,
            note=note if note else None,
        )


@dataclass(frozen=True)
class EmissionSeries:
    """All emission values of one facility, of every kind.

    Parameters
    ----------
    facility_id
        The facility.
    values
        Its values, in any order.

    Notes
    -----
    When the data holds two values for the same year and kind, the first one
    wins (the validator reports such duplicates for verified values).
    """

    facility_id: str
    values: tuple[EmissionValue, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        for value in self.values:
            if value.facility_id != self.facility_id:
                raise ValueError(
                    f"value of facility {value.facility_id!r} in the series of {self.facility_id!r}"
                )

    def of_kind(self, kind: str) -> dict[int, EmissionValue]:
        """Return year -> value for one kind, in increasing year order."""
        _check_kind(kind)
        by_year: dict[int, EmissionValue] = {}
        for value in self.values:
            if value.kind == kind and value.year not in by_year:
                by_year[value.year] = value
        return dict(sorted(by_year.items()))

    def verified(self) -> dict[int, float]:
        """Return year -> tonnes of the verified (EU ETS) values, in year order."""
        return {year: v.value_t for year, v in self.of_kind("verified").items()}

    def latest(self, kind: str = "verified") -> EmissionValue | None:
        """Return the value of the latest year of one kind, or ``None`` if there is none.

        A newer value of another kind is never returned in its place.
        """
        values = self.of_kind(kind)
        return values[max(values)] if values else None

    def years(self, kind: str = "verified") -> tuple[int, ...]:
        """Return the years with a value of one kind, in increasing order."""
        return tuple(self.of_kind(kind))

    def value(self, year: int, kind: str = "verified") -> float | None:
        """Return the tonnes of one year and kind, or ``None`` (not 0) when unknown."""
        found = self.of_kind(kind).get(year)
        return None if found is None else found.value_t

    def kinds(self) -> tuple[str, ...]:
        """Return the kinds that have at least one value, in schema order."""
        present = {v.kind for v in self.values}
        return tuple(k for k in EMISSION_KINDS if k in present)

    @property
    def is_empty(self) -> bool:
        """Whether the facility has no emission value at all."""
        return not self.values


def cluster_total(
    series: Iterable[EmissionSeries], year: int, kind: str = "verified"
) -> float | None:
    """Sum the values of one year and one kind over several facilities.

    Facilities without a value of that kind in that year are left out; values of
    other kinds never fill the gap.

    Parameters
    ----------
    series
        The facilities' series.
    year
        Calendar year.
    kind
        Kind of value to add up.

    Returns
    -------
    float or None
        Tonnes, or ``None`` when no facility has a value (not 0).
    """
    _check_kind(kind)
    total = None
    for s in series:
        value = s.value(year, kind)
        if value is not None:
            total = value if total is None else total + value
    return total


def facilities_reporting(
    series: Iterable[EmissionSeries], year: int, kind: str = "verified"
) -> tuple[str, ...]:
    """Return the ids of the facilities that have a value of ``kind`` in ``year``.

    Useful to say what a :func:`cluster_total` covers.
    """
    _check_kind(kind)
    return tuple(s.facility_id for s in series if s.value(year, kind) is not None)
