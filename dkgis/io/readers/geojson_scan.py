"""Where the features of a GeoJSON FeatureCollection lie in its bytes, found with numpy.

A JSON parser holds Python's lock (the GIL) while it runs: one call over the 60 MB of a
commune's cadastre keeps the window from answering for most of a tenth of a second. The
features' boundaries are found here before any parser reads the document, by passes of
numpy over the bytes, which let the window run meanwhile (numpy releases the lock in its
loops over plain numbers, and the longer passes go a few megabytes at a time):

* the real string quotes (a quote after an odd run of backslashes is part of the text);
* the braces outside strings, and the nesting depth after each (their cumulative sum);
* the top-level object's ``"features"`` member, its array, and the objects directly in it
  (depth 2), separated by nothing but commas and whitespace.

Anything laid out otherwise (no such member, an element that is not an object, a duplicate
or escaped top-level name, unbalanced braces) gives ``None``: the caller then reads the
document as a whole, as before. The bytes outside the features and those of the features are
then decoded by a parser, which checks that they are valid JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Bytes (or numbers) a numpy pass takes at a time: few enough that the steps of a pass
#: that hold Python's lock (allocating, taking the results) never keep the window waiting.
SLICE = 1 << 22

#: Longest run of whitespace looked through between two tokens of interest (the indentation
#: of a pretty-printed file is shorter); a longer run sends the file to the whole-document path.
MAX_SPACE_RUN = 256

QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE = 0x22, 0x5C, 0x7B, 0x7D
OPEN_BRACKET, CLOSE_BRACKET, COMMA, COLON = 0x5B, 0x5D, 0x2C, 0x3A

_SPACE = np.zeros(257, dtype=bool)  # indexed by a byte, or by 256 past the end
_SPACE[[0x09, 0x0A, 0x0D, 0x20]] = True


@dataclass(frozen=True)
class Layout:
    """The features array of a FeatureCollection in its bytes.

    Attributes
    ----------
    opening, closing
        Positions of the array's ``[`` and ``]``.
    starts, stops
        Each feature's ``{`` and one past its ``}``, in order (int64 arrays).
    """

    opening: int
    closing: int
    starts: np.ndarray
    stops: np.ndarray


def features_layout(raw: bytes) -> Layout | None:
    """Where the features of the FeatureCollection ``raw`` (UTF-8 JSON, no byte-order mark)
    lie, or ``None`` when the document is not laid out as a top-level object whose single
    ``"features"`` member is an array of objects. The JSON itself is not validated."""
    data = np.frombuffer(raw, dtype=np.uint8)
    marks = _marks(data)
    kinds = data[marks]
    quotes = _string_quotes(marks, kinds)
    if quotes is None:
        return None
    backslashes = marks[kinds == BACKSLASH]
    # The quotes before each mark are odd inside a string; braces outside step the depth.
    outside = (np.bitwise_xor.accumulate(quotes.view(np.uint8)) ^ quotes) == 0
    steps = (kinds == OPEN_BRACE).view(np.int8) - (kinds == CLOSE_BRACE).view(np.int8)
    steps *= outside
    del outside, kinds
    depth = _running_sum(steps)
    braces = np.flatnonzero(steps != 0)
    if braces.size < 2 or _skip_space(data, np.zeros(1, dtype=np.int64))[0] != marks[braces[0]]:
        return None  # the document does not open with an object
    level = depth[braces]  # after each brace: 1 inside the top-level object
    if level.min() < 0 or level[-1] != 0 or np.count_nonzero(level == 0) != 1:
        return None  # braces unbalanced, or more than one top-level value
    opening_braces = steps[braces] > 0
    starts = marks[braces[opening_braces & (level == 2)]].astype(np.int64)
    stops = marks[braces[~opening_braces & (level == 1)]].astype(np.int64) + 1
    # The quotes at depth 1 open and close, in turn, the strings of the top-level object.
    top = marks[np.flatnonzero(quotes & (depth == 1))].astype(np.int64).reshape(-1, 2)
    del steps, depth
    opening = _features_array(data, top, backslashes)
    if opening is None:
        return None
    return _elements(data, opening, starts, stops)


def _marks(data: np.ndarray) -> np.ndarray:
    """Positions of the quotes, backslashes and braces of ``data``, a slice at a time."""
    kind = np.int32 if data.size < 2**31 else np.int64  # half the memory for any JSON file read
    found = [np.zeros(0, dtype=kind)]
    for offset in range(0, data.size, SLICE):
        part = data[offset : offset + SLICE]
        hits = part == QUOTE
        hits |= part == BACKSLASH
        hits |= part == OPEN_BRACE
        hits |= part == CLOSE_BRACE
        found.append(np.add(np.flatnonzero(hits), offset, dtype=kind, casting="unsafe"))
    return np.concatenate(found)


def _running_sum(steps: np.ndarray) -> np.ndarray:
    """The cumulative sum of ``steps`` (int32), a slice at a time: a single call over
    millions of numbers holds Python's lock."""
    total = steps.astype(np.int32)
    carry = 0
    for offset in range(0, total.size, SLICE):
        part = total[offset : offset + SLICE]
        np.cumsum(part, out=part)
        part += carry
        carry = int(part[-1])
    return total


def _string_quotes(marks: np.ndarray, kinds: np.ndarray) -> np.ndarray | None:
    """Which of ``marks`` are quotes that open or close a string, or ``None`` when they
    do not pair up. A quote after an odd run of backslashes is part of the text."""
    quotes = kinds == QUOTE
    slashes = np.flatnonzero(kinds == BACKSLASH)
    if slashes.size:
        runs = slashes[np.diff(marks[slashes], prepend=-2) != 1]  # each run's first
        escapable = slashes[(slashes + 1 < marks.size)] + 1
        escapable = escapable[quotes[escapable] & (marks[escapable] == marks[escapable - 1] + 1)]
        first = runs[np.searchsorted(runs, escapable - 1, side="right") - 1]
        quotes[escapable[(escapable - first) % 2 == 1]] = False
    return None if np.count_nonzero(quotes) % 2 else quotes


def _skip_space(data: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Each of ``positions`` moved past the whitespace it starts (``data.size`` when the
    whitespace runs to the end, -1 when it runs longer than :data:`MAX_SPACE_RUN`)."""
    positions = np.minimum(positions, data.size)
    waiting = np.arange(positions.size)
    for _ in range(MAX_SPACE_RUN):
        waiting = waiting[_SPACE[_bytes_at(data, positions[waiting])]]
        if not waiting.size:
            return positions
        positions[waiting] += 1
    positions[waiting] = -1
    return positions


def _bytes_at(data: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The bytes at ``positions``: 256 at ``data.size`` or -1 (nothing there)."""
    inside = (positions >= 0) & (positions < data.size)
    found = np.full(positions.size, 256, dtype=np.int64)
    found[inside] = data[positions[inside]]
    return found


def _features_array(data: np.ndarray, strings: np.ndarray, backslashes: np.ndarray) -> int | None:
    """Position of the ``[`` of the top-level ``"features"`` member, or ``None`` when there
    is not exactly one such member or a top-level name holds an escape (a parser would
    read it unescaped, perhaps as a second ``"features"``). ``strings`` holds the opening
    and closing quotes of the strings at the top level, one row each."""
    after = _skip_space(data, strings[:, 1] + 1)
    is_name = _bytes_at(data, after) == COLON
    names, after = strings[is_name], after[is_name]
    if np.any(
        np.searchsorted(backslashes, names[:, 0]) != np.searchsorted(backslashes, names[:, 1])
    ):
        return None
    named = [
        row
        for row, (first, last) in enumerate(names.tolist())
        if last - first == 9 and data[first + 1 : last].tobytes() == b"features"
    ]
    if len(named) != 1:
        return None
    opening = _skip_space(data, after[named] + 1)
    return int(opening[0]) if _bytes_at(data, opening)[0] == OPEN_BRACKET else None


def _elements(
    data: np.ndarray, opening: int, starts: np.ndarray, stops: np.ndarray
) -> Layout | None:
    """The features of the array opened at ``opening``: the objects at depth 2 that follow
    it, each after a comma, up to the ``]``; ``None`` when another value is in the array."""
    first = int(_skip_space(data, np.array([opening + 1]))[0])
    if _bytes_at(data, np.array([first]))[0] == CLOSE_BRACKET:
        empty = np.zeros(0, dtype=np.int64)
        return Layout(opening, first, empty, empty)
    index = int(np.searchsorted(starts, opening))
    if index == starts.size or starts[index] != first:
        return None
    starts, stops = starts[index:], stops[index:]
    sign = _skip_space(data, stops)
    following = _skip_space(data, sign + 1)
    if np.any(sign < 0) or np.any(following < 0):
        return None
    signs = _bytes_at(data, sign)
    more = (signs == COMMA) & (np.append(following[:-1] == starts[1:], False))
    count = int(np.argmin(more)) + 1  # the first object not followed by another
    if signs[count - 1] != CLOSE_BRACKET:
        return None
    return Layout(opening, int(sign[count - 1]), starts[:count], stops[:count])
