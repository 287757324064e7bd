"""Find facilities by name, operator or commune, whatever the case and accents.

Local-authority users type "gravelines", "arcelor" or "depot" without the
capitals or accents of "Dépôt pétrolier"; :func:`fold` makes both sides
comparable and :func:`search` ranks the facilities whose name, operator or
commune contain every word typed.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Typographic characters folded to their plain ASCII look-alikes.
_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark (typographic apostrophe)
        "\u2018": "'",
        "\u02bc": "'",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",  # no-break spaces
        "\u202f": " ",
    }
)


@functools.cache
def _combining_marks() -> dict[int, None]:
    """Combining marks (accents) of the Basic Multilingual Plane, for str.translate."""
    return dict.fromkeys(c for c in range(0x0300, 0x10000) if unicodedata.combining(chr(c)))


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, without accents, with plain apostrophes and dashes.

    ``fold("Dépôt pétrolier de la Côte d’Opale")`` gives
    ``"depot petrolier de la cote d'opale"``; ``None`` gives ``""``.
    """
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    stripped = decomposed.translate(_combining_marks())
    # casefold() also turns "ß" into "ss" and the "œ" ligature stays a single letter.
    return " ".join(stripped.casefold().replace("œ", "oe").replace("æ", "ae").split())


@dataclass(frozen=True)
class SearchEntry:
    """One facility as the search sees it.

    Attributes
    ----------
    facility_id
        The facility's id.
    name
        The name shown (:attr:`~dkgis.model.facility.Facility.display_name`).
    operator, commune
        As in the dataset (``operator`` may be ``None``).
    folded_name
        :func:`fold` of the name shown.
    haystack
        :func:`fold` of the names (French and the sources'), operator and commune,
        separated by ``" | "``.
    """

    facility_id: str
    name: str
    operator: str | None
    commune: str
    folded_name: str
    haystack: str


def search_entries(project: Project) -> list[SearchEntry]:
    """Return one entry per facility of ``project``, sorted by folded name."""
    entries = []
    # Operators and communes repeat: fold each once.
    folded: dict[str | None, str] = {}

    def fold_once(text: str | None) -> str:
        value = folded.get(text)
        if value is None:
            value = folded[text] = fold(text)
        return value

    for fid, facility in project.facilities.items():
        name = facility.display_name
        folded_name = fold(name)
        # Either name finds the site: the French one and the sources' (English) one.
        other = fold(facility.name_fr if name == facility.name else facility.name)
        haystack = " | ".join(
            part
            for part in (
                folded_name,
                other,
                fold_once(facility.operator),
                fold_once(facility.commune),
            )
            if part
        )
        entries.append(
            SearchEntry(
                facility_id=fid,
                name=name,
                operator=facility.operator,
                commune=facility.commune,
                folded_name=folded_name,
                haystack=haystack,
            )
        )
    entries.sort(key=lambda e: (e.folded_name, e.facility_id))
    return entries


def _rank(entry: SearchEntry, words: list[str], phrase: str) -> int | None:
    """Lower is better; ``None`` when a word is missing."""
    if not all(word in entry.haystack for word in words):
        return None
    name = entry.folded_name
    if name == phrase:
        return -1
    if name.startswith(phrase):
        return 0
    name_words = name.replace("(", " ").replace("-", " ").split()
    if any(w.startswith(words[0]) for w in name_words):
        return 1
    if all(word in name for word in words):
        return 2
    return 3


def search(entries: list[SearchEntry], query: str, limit: int | None = None) -> list[SearchEntry]:
    """Return the entries matching every word of ``query``, best first.

    Parameters
    ----------
    entries
        From :func:`search_entries`.
    query
        What the user typed; case, accents and extra spaces do not matter.
    limit
        At most this many results (``None``: all).

    Returns
    -------
    list of SearchEntry
        The exact name first, then names starting with the query, then names with a word starting
        with it, then names containing it, then operator or commune matches;
        alphabetical within each group. Empty for a blank query.
    """
    phrase = fold(query)
    words = phrase.split()
    if not words:
        return []
    ranked = []
    for order, entry in enumerate(entries):
        rank = _rank(entry, words, phrase)
        if rank is not None:
            ranked.append((rank, order, entry))
    ranked.sort(key=lambda t: (t[0], t[1]))
    found = [entry for _, _, entry in ranked]
    return found if limit is None else found[:limit]
