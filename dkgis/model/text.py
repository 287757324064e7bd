"""Data text made fit for documents: the one place control characters are taken out.

A name read from a dataset, a user's file or a typed title may hold control characters
(an escape ``\\x1b``, a form feed ``\\x0c``, a NUL). XML 1.0 cannot hold them, even
escaped, so an SVG with one is not well formed, PowerPoint's XML refuses them, and on
screen they draw as boxes. Every path that puts data text into SVG, PDF, PowerPoint, HTML
or a drawn label passes it through :func:`xml_safe_text`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Control characters that separate words (vertical tab, form feed, the ASCII
#: separators, NEL): each becomes a space.
_SPACING = re.compile("[\x0b\x0c\x1c-\x1f\x85]")

#: Any character :func:`xml_safe_text` changes (to skip text that needs nothing).
_CHANGED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: Everything else XML 1.0 cannot hold or that never belongs in shown text: C0 and C1
#: controls other than tab and newline, DEL, lone surrogates and the noncharacters
#: U+FFFE and U+FFFF. Removed.
_REMOVED = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe_text(text: str) -> str:
    """Return ``text`` with the characters no document can show taken out.

    Tabs and newlines are kept; a carriage return (alone or before a newline) becomes a
    newline; control characters that separate words become a space; other control
    characters, lone surrogates and the noncharacters U+FFFE/U+FFFF are removed.
    Everything else (accents, symbols, emoji, U+2028) is kept as it is.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    str
        Text that XML 1.0 can hold (SVG, PDF metadata, PowerPoint, HTML).

    Examples
    --------
    >>> xml_safe_text("Usine\\x1bNord\\x0bQuai 2\\r\\n")
    'UsineNord Quai 2\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _REMOVED.sub("", _SPACING.sub(" ", text))


def xml_safe_columns(columns: Mapping[str, list]) -> dict[str, list]:
    """Return table columns with :func:`xml_safe_text` applied to every text value.

    Columns without a character to change are returned as they are (not copied), so a
    clean table costs one scan per column.

    Parameters
    ----------
    columns
        Column name -> values (text, numbers, ``None``...).
    """
    out: dict[str, list] = {}
    for name, values in columns.items():
        texts = [v for v in values if isinstance(v, str)]
        if texts and _CHANGED.search("\n".join(texts)):
            values = [xml_safe_text(v) if isinstance(v, str) else v for v in values]
        out[name] = values
    return out


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an ``http``/``https`` address, the only links dkgis makes clickable.

    A data source's address comes from a dataset: a ``file:``, ``javascript:`` or custom
    scheme in a clickable link could open a local program, so such addresses are shown
    as text only.
    """
    return url.strip().lower().startswith(("http://", "https://"))
