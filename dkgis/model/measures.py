"""Decarbonization measures and reduction targets announced for the cluster."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _opt(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A decarbonization measure (a row of the ``measures`` table).

    ``facility_id`` is ``None`` for a cluster-wide measure; ``variant_of`` names
    the measure this one is a source variant of (the same project as told by
    another source), so the two must not be counted twice.
    """

    id: str
    name: str
    lever: str
    status: str
    source_url: str
    source_id: str
    facility_id: str | None = None
    start_year: int | None = None
    abatement_t: float | None = None
    capex_eur: float | None = None
    announced: str | None = None
    variant_of: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Measure:
        """Build a measure from a ``measures`` row."""
        return cls(
            id=row["id"],
            facility_id=_opt(row.get("facility_id")),
            name=row["name"],
            lever=row["lever"],
            status=row["status"],
            start_year=_opt(row.get("start_year")),
            abatement_t=_opt(row.get("abatement_t")),
            capex_eur=_opt(row.get("capex_eur")),
            announced=_opt(row.get("announced")),
            variant_of=_opt(row.get("variant_of")),
            source_url=row["source_url"],
            source_id=row["source_id"],
            note=_opt(row.get("note")),
        )


@dataclass(frozen=True, kw_only=True)
class Target:
    """A reduction target (a row of the ``targets`` table).

    ``reduction_pct`` is 55.0 for -55 % between ``baseline_year`` and ``target_year``.
    """

    id: str
    scope: str
    actor: str
    target_year: int
    reduction_pct: float
    status: str
    source_url: str
    source_id: str
    facility_id: str | None = None
    baseline_year: int | None = None
    announced: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Target:
        """Build a target from a ``targets`` row."""
        return cls(
            id=row["id"],
            scope=row["scope"],
            actor=row["actor"],
            facility_id=_opt(row.get("facility_id")),
            baseline_year=_opt(row.get("baseline_year")),
            target_year=row["target_year"],
            reduction_pct=row["reduction_pct"],
            status=row["status"],
            announced=_opt(row.get("announced")),
            source_url=row["source_url"],
            source_id=row["source_id"],
            note=_opt(row.get("note")),
        )

    def target_value(self, baseline_t: float) -> float:
        """Return the tonnes the target allows, given the baseline-year tonnes."""
        return baseline_t * (1.0 - self.reduction_pct / 100.0)
