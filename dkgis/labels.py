"""Translated labels for the values stored in datasets (sectors, statuses...).

Dataset values are stable English identifiers; their labels are English source texts
of the message catalog of :mod:`dkgis.i18n`, so that the desktop, the exports and the
command line show the same words in the user's language.
"""

from __future__ import annotations

from dkgis.i18n import N_, _, format_number
from dkgis.symbology.sectors import SECTORS_BY_ID

__all__ = ["format_number", "precision_label", "sector_label", "status_label"]

_STATUS = {
    "operating": N_("Operating"),
    "under_construction": N_("Under construction"),
    "announced": N_("Announced"),
    "suspended": N_("Suspended"),
    "cancelled": N_("Cancelled"),
    "closed": N_("Closed"),
}

_PRECISION = {
    "site": N_("Site (plant coordinates)"),
    "address": N_("Address (geocoded)"),
    "nearby": N_("Approximate (placed on a neighbouring site)"),
    "postcode": N_("Postcode area (approximate)"),
    "commune": N_("Commune only (approximate)"),
}


def sector_label(sector_id: str) -> str:
    """Translated label of a sector id (the id itself when unknown)."""
    sector = SECTORS_BY_ID.get(sector_id)
    return _(sector.label) if sector else sector_id


def status_label(status: str) -> str:
    """Translated label of a facility status."""
    return _(_STATUS[status]) if status in _STATUS else status


def precision_label(precision: str) -> str:
    """Translated label of a location precision."""
    return _(_PRECISION[precision]) if precision in _PRECISION else precision
