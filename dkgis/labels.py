"""Translated labels for the values stored in datasets (sectors, statuses...).

Dataset values are stable English identifiers; the interface shows them in the
user's language through the gettext catalog (:mod:`dkgis.i18n`), like the map, the
exports and the command line.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from dkgis.i18n import N_, _
from dkgis.symbology.sectors import SECTORS_BY_ID

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


def format_number(value: float, decimals: int = 0) -> str:
    """Format a number with the user's locale (digit grouping, decimal mark).

    Under the neutral "C" locale (no language set), English conventions are
    used so that large numbers are still grouped.
    """
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English)
    return locale.toString(float(value), "f", decimals)
