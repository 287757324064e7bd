"""Named views ("bookmarks") and their text form for the settings file."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from dkgis.model.mapview import Extent, check_extent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Bookmark:
    """A named extent of the map.

    Attributes
    ----------
    name
        What the user called it (non-blank).
    extent
        ``(xmin, ymin, xmax, ymax)`` in EPSG:3857.
    """

    name: str
    extent: Extent


def bookmarks_to_json(bookmarks: list[Bookmark]) -> str:
    """Serialise bookmarks, in order, as a JSON text (the CRS is recorded)."""
    return json.dumps(
        [{"name": b.name, "crs": "EPSG:3857", "extent": list(b.extent)} for b in bookmarks],
        ensure_ascii=False,
    )


def bookmarks_from_json(text: str | None) -> list[Bookmark]:
    """Read bookmarks written by :func:`bookmarks_to_json`.

    Entries that cannot be used (hand-edited or corrupt settings) are skipped
    with a log message; a text that is not JSON gives an empty list. Never raises.
    """
    if not text:
        return []
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        log.warning("bookmarks in the settings are not valid JSON; ignored")
        return []
    if not isinstance(data, list):
        return []
    bookmarks: list[Bookmark] = []
    for entry in data:
        try:
            name = str(entry["name"]).strip()
            if not name or entry.get("crs", "EPSG:3857") != "EPSG:3857":
                raise ValueError("blank name or unknown CRS")
            bookmarks.append(Bookmark(name, check_extent(entry["extent"])))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            log.warning("unusable bookmark %r ignored: %s", entry, err)
    return bookmarks


def with_bookmark(bookmarks: list[Bookmark], bookmark: Bookmark) -> list[Bookmark]:
    """Return ``bookmarks`` plus ``bookmark``; one with the same name is replaced in place."""
    out = list(bookmarks)
    for i, existing in enumerate(out):
        if existing.name == bookmark.name:
            out[i] = bookmark
            return out
    out.append(bookmark)
    return out


def without_bookmark(bookmarks: list[Bookmark], name: str) -> list[Bookmark]:
    """Return ``bookmarks`` without the one called ``name``."""
    return [b for b in bookmarks if b.name != name]
