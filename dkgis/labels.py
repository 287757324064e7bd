"""Translated labels for the values stored in datasets (sectors, statuses...).

Dataset values are stable English identifiers; the interface shows them through
Qt's translation functions so that a French translation can replace them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from dkgis.symbology.sectors import SECTORS_BY_ID


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


_STATUS = {
    "operating": "Operating",
    "under_construction": "Under construction",
    "announced": "Announced",
    "suspended": "Suspended",
    "cancelled": "Cancelled",
    "closed": "Closed",
}

_PRECISION = {
    "site": "Site (plant coordinates)",
    "address": "Address (geocoded)",
    "nearby": "Approximate (placed on a neighbouring site)",
    "postcode": "Postcode area (approximate)",
    "commune": "Commune only (approximate)",
}


def sector_label(sector_id: str) -> str:
    """Translated label of a sector id (the id itself when unknown)."""
    sector = SECTORS_BY_ID.get(sector_id)
    return _t("Sectors", sector.label) if sector else sector_id


def status_label(status: str) -> str:
    """Translated label of a facility status."""
    return _t("Status", _STATUS[status]) if status in _STATUS else status


def precision_label(precision: str) -> str:
    """Translated label of a location precision."""
    return _t("LocationPrecision", _PRECISION[precision]) if precision in _PRECISION else precision


def format_number(value: float, decimals: int = 0) -> str:
    """Format a number with the user's locale (digit grouping, decimal mark).

    Under the neutral "C" locale (no language set), English conventions are
    used so that large numbers are still grouped.
    """
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English)
    return locale.toString(float(value), "f", decimals)
