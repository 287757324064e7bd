"""Words and numbers of the HTML map: translation hook, number formats, escaping.

The HTML export is pure Python (no Qt), so it cannot call Qt's translator itself. Every
user-visible string is an English source string passed through a ``translate(context,
text)`` callable; the desktop app passes ``QCoreApplication.translate``, so the same
translations serve the window and the exported page. Sector and status labels use the
contexts of :mod:`dkgis.labels` (``"Sectors"``, ``"Status"``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from dkgis.model.text import xml_safe_text
from dkgis.symbology.sectors import SECTORS_BY_ID

#: ``translate(context, source_text) -> text``, the signature of
#: ``QCoreApplication.translate``.
Translate = Callable[[str, str], str]

#: Translation context of the strings of the HTML map.
CONTEXT = "HtmlMap"

#: Statuses drawn as a ring (not built yet) and faded (ended); the same groups as the
#: desktop map's facility symbols (``dkgis.map.items``).
PLANNED_STATUSES = frozenset({"announced", "under_construction", "suspended"})
ENDED_STATUSES = frozenset({"closed", "cancelled"})

#: English labels of the statuses (the source strings of :mod:`dkgis.labels`).
STATUS_LABELS = {
    "operating": "Operating",
    "under_construction": "Under construction",
    "announced": "Announced",
    "suspended": "Suspended",
    "cancelled": "Cancelled",
    "closed": "Closed",
}


def no_translation(context: str, text: str) -> str:
    """The default ``translate``: English source strings as they are."""
    return text


def english_number(value: float, decimals: int = 0) -> str:
    """Format a number with English digit grouping, e.g. ``6,410,303``."""
    return f"{value:,.{decimals}f}"


@dataclass(frozen=True)
class Words:
    """How the page says things: translation and number formatting.

    Parameters
    ----------
    translate
        ``translate(context, text)``; English by default.
    format_number
        ``format_number(value) -> str`` for whole tonnes; English grouping by default.
    """

    translate: Translate = no_translation
    format_number: Callable[[float], str] = english_number

    def tr(self, text: str) -> str:
        """Translate one string of the HTML map (context :data:`CONTEXT`)."""
        return self.translate(CONTEXT, text)

    def sector(self, sector_id: str) -> str:
        """Translated label of a sector id (the id itself when unknown)."""
        sector = SECTORS_BY_ID.get(sector_id)
        return self.translate("Sectors", sector.label) if sector else sector_id

    def status(self, status: str) -> str:
        """Translated label of a facility status (the value itself when unknown)."""
        label = STATUS_LABELS.get(status)
        return self.translate("Status", label) if label else status

    def tonnes(self, value: float) -> str:
        """``6,410,303 t CO₂e`` with the number format of :attr:`format_number`."""
        return self.format_number(round(value)) + " t CO\u2082e"


def esc(value: Any) -> str:
    """HTML-escape any value for text or a quoted attribute (``None`` -> ``""``).

    Control characters are taken out first (:func:`~dkgis.model.text.xml_safe_text`).
    """
    return "" if value is None else escape(xml_safe_text(str(value)), quote=True)


_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """Return ``url`` when it is a plain http(s) address, else ``None``.

    Only such addresses become links: a ``javascript:`` or ``data:`` URL from a dataset
    must never be clickable.
    """
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


def js_literal(value: Any) -> str:
    """JSON for a ``<script>`` block: ``<``, ``>``, ``&`` and line separators escaped.

    A string such as ``"</script><script>alert(1)</script>"`` can then never close the
    script element it is written into, nor be read as markup.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
