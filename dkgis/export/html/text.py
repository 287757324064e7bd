"""Words and numbers of the HTML map, and escaping.

The HTML export is pure Python (no Qt): its words are English source texts translated
by the gettext catalog of :mod:`dkgis.i18n`, in the language chosen for the whole
program (from the window or the command line alike), and its numbers take that
language's conventions. The sentences that say what the map shows (the year, the kind
of values, the scenario) come from :mod:`dkgis.wording`, as on the desktop.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from dkgis import wording
from dkgis.i18n import _
from dkgis.model.text import xml_safe_text
from dkgis.symbology.sectors import SECTORS_BY_ID

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


@dataclass(frozen=True)
class Words:
    """How the page says things: in the language of :mod:`dkgis.i18n`."""

    def tr(self, text: str) -> str:
        """Translate one string of the HTML map (an English source text)."""
        return _(text)

    def translate(self, context: str, text: str) -> str:
        """Translate a label of the program's (a layer title...): ``context`` names where
        the desktop shows it."""
        return _(text)

    def sector(self, sector_id: str) -> str:
        """Translated label of a sector id (the id itself when unknown)."""
        sector = SECTORS_BY_ID.get(sector_id)
        return _(sector.label) if sector else sector_id

    def status(self, status: str) -> str:
        """Translated label of a facility status (the value itself when unknown)."""
        label = STATUS_LABELS.get(status)
        return _(label) if label else status

    def tonnes(self, value: float) -> str:
        """``6,410,303 t CO₂e`` in the numbers of the language."""
        return wording.tonnes(value)


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
