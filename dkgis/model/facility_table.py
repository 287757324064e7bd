"""Filtering and sorting the rows of the attribute table (pure).

The table's columns are the facilities' own values (name, sector, status...) and the
map frame's value of each one (one array from :func:`dkgis.model.frame.frame_emissions`,
never a scan per facility); the user interface translates and formats them. Filtering
and sorting work on whole columns, so 100 000 rows stay quick.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np


def matching_rows(haystacks: Sequence[str], words: Sequence[str]) -> list[int]:
    """Indexes of the rows whose text contains every word (all rows when ``words`` is empty).

    ``haystacks`` and ``words`` should both be folded (see :func:`dkgis.model.search.fold`).
    """
    if not words:
        return list(range(len(haystacks)))
    return [i for i, text in enumerate(haystacks) if all(w in text for w in words)]


def sorted_rows(
    rows: Sequence[int], keys: Sequence[Any] | np.ndarray, descending: bool = False
) -> list[int]:
    """Order ``rows`` by ``keys[row]``; rows whose key is ``None`` or NaN come last either way.

    The sort is stable: equal keys keep the order of ``rows``. ``keys`` may be a float
    array (the table's values: sorted by numpy) or a sequence of texts or numbers.
    """
    if isinstance(keys, np.ndarray) and keys.dtype.kind == "f":
        index = np.asarray(rows, dtype=np.int64)
        values = keys[index]
        # NaN sorts last both ways; negating keeps equal keys in their order.
        order = np.argsort(-values if descending else values, kind="stable")
        return index[order].tolist()
    present = [r for r in rows if not _missing(keys[r])]
    missing = [r for r in rows if _missing(keys[r])]
    present.sort(key=keys.__getitem__, reverse=descending)
    return present + missing


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
