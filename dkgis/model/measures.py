"""Decarbonization measures and reduction targets announced for the cluster."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dkgis.i18n import N_, _, get_language, in_language


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
    #: The name in French (``None``: the name serves).
    name_fr: str | None = None
    #: The status in French where :func:`measure_status` has no words for it.
    status_fr: str | None = None

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
            name_fr=_opt(row.get("name_fr")),
            status_fr=_opt(row.get("status_fr")),
        )

    @property
    def display_name(self) -> str:
        """The name in the current language (see :func:`dkgis.i18n.in_language`)."""
        return in_language(self.name, self.name_fr) or self.name

    @property
    def status_text(self) -> str:
        """The status in the user's words (see :func:`measure_status`)."""
        return measure_status(self.status, self.status_fr)


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
    #: Who set the target, in French (``None``: ``actor`` serves).
    actor_fr: str | None = None

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
            actor_fr=_opt(row.get("actor_fr")),
        )

    @property
    def actor_text(self) -> str:
        """Who set the target, in the current language (see :func:`dkgis.i18n.in_language`)."""
        return in_language(self.actor, self.actor_fr) or self.actor

    def target_value(self, baseline_t: float) -> float:
        """Return the tonnes the target allows, given the baseline-year tonnes."""
        return baseline_t * (1.0 - self.reduction_pct / 100.0)


#: The usual statuses of an announced measure, as its source words them (first words,
#: lower case), with the words shown to the user.
MEASURE_STATUSES = (
    ("announced (superseded)", N_("superseded by a later plan")),
    ("pilot operating", N_("pilot in operation")),
    ("in operation", N_("in operation")),
    ("in service", N_("in operation")),
    ("operating", N_("in operation")),
    ("commissioned", N_("commissioned")),
    ("inaugurated", N_("inaugurated")),
    ("started", N_("started")),
    ("launched", N_("launched")),
    ("decided", N_("decided")),
    ("contract signed", N_("contract signed")),
    ("convention signed", N_("agreement signed")),
    ("planned", N_("planned")),
    ("announced", N_("announced")),
    ("presented", N_("presented")),
    ("proposed", N_("proposed")),
    ("suspended", N_("suspended")),
    ("cancelled", N_("cancelled")),
)


def measure_status(text: str | None, french: str | None = None) -> str:
    """The status of an announced measure in the user's words: the usual ones translated
    (« prévue », « abandonnée », « remplacée par un plan ultérieur »…); a status worded
    otherwise by its source is data text, shown as is in English and in French as the
    dataset translates it (``french``), left out when it does not (its source page says
    it)."""
    raw = (text or "").strip()
    folded = raw.casefold()
    for start, words in MEASURE_STATUSES:
        if folded.startswith(start):
            return _(words)
    if get_language() == "en":
        return raw
    return french or ""
