"""Facilities of the cluster, the sources the data comes from, and caveats."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dkgis.i18n import in_language


def split_ids(value: str | None) -> tuple[str, ...]:
    """Split a ``';'``-separated list of ids, dropping blanks (``None`` -> ``()``)."""
    if not value:
        return ()
    return tuple(part.strip() for part in str(value).split(";") if part.strip())


def _opt(value: Any) -> Any:
    """Blank strings stand for "no value"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


@dataclass(frozen=True, kw_only=True)
class Facility:
    """One industrial site, as stored in the ``facilities`` table.

    Attributes mirror :data:`dkgis.io.schema.FACILITIES`; ``colocated_with`` and
    ``source_ids`` are tuples of ids, and ``lon``/``lat`` give the point in degrees
    (NaN when the row has no geometry). Optional text values are ``None``, never ``""``.
    """

    id: str
    name: str
    sector: str
    commune: str
    insee: str
    status: str
    status_as_of: str
    location_precision: str
    location_source: str
    lon: float
    lat: float
    source_ids: tuple[str, ...] = ()
    operator: str | None = None
    subsector: str | None = None
    ets_id: str | None = None
    irep_id: str | None = None
    colocated_with: tuple[str, ...] = ()
    capacity: float | None = None
    capacity_unit: str | None = None
    capacity_source: str | None = None
    note: str | None = None
    #: The note in French (``None``: the English note serves).
    note_fr: str | None = None
    #: The name in French, where the name has English words (``None``: the name serves).
    name_fr: str | None = None
    #: The subsector (activity) in French (``None``: the English words serve).
    subsector_fr: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any], lon: float = math.nan, lat: float = math.nan):
        """Build a facility from a ``facilities`` row (column name -> value)."""
        return cls(
            id=row["id"],
            name=row["name"],
            operator=_opt(row.get("operator")),
            sector=row["sector"],
            subsector=_opt(row.get("subsector")),
            commune=row["commune"],
            insee=row["insee"],
            status=row["status"],
            status_as_of=row["status_as_of"],
            ets_id=_opt(row.get("ets_id")),
            irep_id=_opt(row.get("irep_id")),
            location_precision=row["location_precision"],
            location_source=row["location_source"],
            colocated_with=split_ids(row.get("colocated_with")),
            capacity=_opt(row.get("capacity")),
            capacity_unit=_opt(row.get("capacity_unit")),
            capacity_source=_opt(row.get("capacity_source")),
            source_ids=split_ids(row.get("source_ids")),
            note=_opt(row.get("note")),
            note_fr=_opt(row.get("note_fr")),
            name_fr=_opt(row.get("name_fr")),
            subsector_fr=_opt(row.get("subsector_fr")),
            lon=float(lon),
            lat=float(lat),
        )

    @property
    def display_name(self) -> str:
        """The name in the current language (see :func:`dkgis.i18n.in_language`): what maps,
        tables, charts, slides and exports show."""
        return in_language(self.name, self.name_fr) or self.name

    @property
    def activity(self) -> str | None:
        """The subsector in the current language (``None`` when unknown)."""
        return in_language(self.subsector, self.subsector_fr)

    @property
    def note_text(self) -> str | None:
        """The note in the current language (see :func:`dkgis.i18n.in_language`)."""
        return in_language(self.note, self.note_fr)

    @property
    def all_source_ids(self) -> tuple[str, ...]:
        """Every source cited by the row (location, capacity, sources), without repeats."""
        ids = [self.location_source, *self.source_ids]
        if self.capacity_source:
            ids.append(self.capacity_source)
        return tuple(dict.fromkeys(i for i in ids if i))


@dataclass(frozen=True, kw_only=True)
class Source:
    """A data source, as stored in the ``sources`` table.

    ``attribution`` is the credit line to show wherever the data is drawn
    (``None`` when the licence asks for none). ``publisher``, ``dataset`` and
    ``licence_short`` make the short sources line of maps (the ``_fr`` fields: in
    French, ``None`` when the English words serve); ``None`` in datasets older than
    these fields.
    """

    id: str
    title: str
    url: str
    licence: str
    vintage: str
    file: str | None = None
    attribution: str | None = None
    publisher: str | None = None
    dataset: str | None = None
    licence_short: str | None = None
    publisher_fr: str | None = None
    dataset_fr: str | None = None
    licence_short_fr: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Source:
        """Build a source from a ``sources`` row."""
        return cls(
            id=row["id"],
            title=row["title"],
            url=row["url"],
            file=_opt(row.get("file")),
            licence=row["licence"],
            vintage=row["vintage"],
            attribution=_opt(row.get("attribution")),
            publisher=_opt(row.get("publisher")),
            dataset=_opt(row.get("dataset")),
            licence_short=_opt(row.get("licence_short")),
            publisher_fr=_opt(row.get("publisher_fr")),
            dataset_fr=_opt(row.get("dataset_fr")),
            licence_short_fr=_opt(row.get("licence_short_fr")),
        )


@dataclass(frozen=True, kw_only=True)
class Caveat:
    """A warning attached to emission values, as stored in the ``caveats`` table.

    ``facility_ids`` is empty when the caveat concerns the whole dataset;
    ``year_from``/``year_to`` are ``None`` when open-ended.
    """

    id: str
    kind: str
    description: str
    source_id: str
    facility_ids: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    #: The description in French (``None``: the English one serves).
    description_fr: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Caveat:
        """Build a caveat from a ``caveats`` row."""
        return cls(
            id=row["id"],
            kind=row["kind"],
            facility_ids=split_ids(row.get("facility_ids")),
            year_from=_opt(row.get("year_from")),
            year_to=_opt(row.get("year_to")),
            description=row["description"],
            source_id=row["source_id"],
            description_fr=_opt(row.get("description_fr")),
        )

    @property
    def text(self) -> str:
        """The description in the current language (see :func:`dkgis.i18n.in_language`)."""
        return in_language(self.description, self.description_fr) or self.description

    def applies_to(self, facility_id: str, year: int | None = None) -> bool:
        """Whether the caveat concerns a facility (and a year, when given)."""
        if self.facility_ids and facility_id not in self.facility_ids:
            return False
        if year is None:
            return True
        if self.year_from is not None and year < self.year_from:
            return False
        return not (self.year_to is not None and year > self.year_to)
