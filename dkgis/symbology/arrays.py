"""Small array helpers.

``numpy.unique`` imports ``numpy.ma`` on first use (tens of milliseconds at
start-up with numpy 2.x); these sort-based versions do not.
"""

from __future__ import annotations

import numpy as np


def unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct values of a 1-d array, with where each first appears and where each goes.

    Returns
    -------
    unique : numpy.ndarray
        The distinct values, sorted.
    first : numpy.ndarray
        Index of the first occurrence of each distinct value.
    inverse : numpy.ndarray
        For each input value, its index in ``unique``.
    counts : numpy.ndarray
        How many times each distinct value occurs.
    """
    values = np.asarray(values).reshape(-1)
    n = len(values)
    if n == 0:
        empty = np.empty(0, dtype=np.intp)
        return values[:0], empty, empty, empty
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[starts, n])
    inverse = np.empty(n, dtype=np.intp)
    inverse[order] = np.repeat(np.arange(len(starts)), counts)
    return ordered[starts], order[starts], inverse, counts


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-d array, sorted."""
    return unique_inverse(values)[0]
