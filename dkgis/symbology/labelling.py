"""Greedy label placement in screen space: each label takes the first free spot.

Labels are placed one after another, most important first, on one
:class:`LabelBoard` per picture (facility names, then place names). Each tries a
few positions (around its symbol: right, left, above, below, then the diagonals;
a place name: inside its commune) and takes the first that stays inside the view
and overlaps neither a label already placed nor an obstacle (symbols, the legend);
a label with no free position is left out.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

#: Candidate positions as (horizontal, vertical) alignment around the symbol:
#: -1 left/above, 0 centred, +1 right/below (screen y points down).
CANDIDATES: tuple[tuple[int, int], ...] = (
    (1, 0),
    (-1, 0),
    (0, -1),
    (0, 1),
    (1, -1),
    (1, 1),
    (-1, -1),
    (-1, 1),
)


class _Grid:
    """A uniform grid of rectangles for quick overlap tests."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(
            list
        )

    def _keys(self, rect):
        x0, y0, x1, y1 = rect
        c = self.cell
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                yield i, j

    def add(self, rect) -> None:
        for key in self._keys(rect):
            self.cells[key].append(rect)

    def hits(self, rect) -> bool:
        x0, y0, x1, y1 = rect
        for key in self._keys(rect):
            for other in self.cells.get(key, ()):
                if x0 < other[2] and other[0] < x1 and y0 < other[3] and other[1] < y1:
                    return True
        return False


class _RectIndex:
    """Many fixed rectangles (the symbols of a map, up to millions) for overlap tests.

    Rectangles are added as arrays and sorted by grid cell with numpy; a test looks
    at the rectangles of the few cells it touches, in one array operation each.
    Rectangles outside ``bounds`` (which no test reaches) are dropped.
    """

    def __init__(self, cell: float, bounds: tuple[float, float, float, float]) -> None:
        self.cell = cell
        self.bounds = bounds
        self._pending: list[np.ndarray] = []
        self._cells: dict[tuple[int, int], np.ndarray] = {}

    def add(self, rects: np.ndarray) -> None:
        """Add ``(m, 4)`` rectangles (indexed when first tested: a picture without labels
        costs nothing more)."""
        self._pending.append(np.asarray(rects, dtype=float).reshape(-1, 4))

    def add_squares(self, centres: np.ndarray, half: np.ndarray) -> None:
        """Add the squares of half-side ``half`` around the ``(m, 2)`` ``centres`` (made
        into rectangles only when first tested)."""
        self._pending.append((centres, half))

    def _index(self) -> None:
        """Sort the pending rectangles into the cells they touch."""
        pending = [_squares(*p) if isinstance(p, tuple) else p for p in self._pending]
        rects = np.concatenate([*pending, *self._cells.values()])
        self._pending = []
        x0, y0, x1, y1 = self.bounds
        # A NaN fails every comparison; an infinite edge fails one or is clamped below.
        keep = rects[:, 2] >= x0
        keep &= rects[:, 0] <= x1
        keep &= rects[:, 3] >= y0
        keep &= rects[:, 1] <= y1
        if not keep.all():
            rects = rects[keep]
        if not len(rects):
            self._cells = {}
            return
        c = self.cell
        bx0, by0, bx1, by1 = self.bounds
        # Cells are counted within the bounds, so that huge rectangles span few cells.
        i0 = np.floor(np.maximum(rects[:, 0], bx0) / c).astype(np.int64)
        i1 = np.floor(np.minimum(rects[:, 2], bx1) / c).astype(np.int64)
        j0 = np.floor(np.maximum(rects[:, 1], by0) / c).astype(np.int64)
        j1 = np.floor(np.minimum(rects[:, 3], by1) / c).astype(np.int64)
        ni, nj = i1 - i0 + 1, j1 - j0 + 1
        count = ni * nj
        owner = np.repeat(np.arange(len(rects)), count)
        k = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
        ci = i0[owner] + k % ni[owner]
        cj = j0[owner] + k // ni[owner]
        first_i, first_j = int(np.floor(bx0 / c)), int(np.floor(by0 / c))
        columns = int(np.floor(bx1 / c)) - first_i + 1
        key = (cj - first_j) * columns + (ci - first_i)
        order = np.argsort(key, kind="stable")
        key, ci, cj, owner = key[order], ci[order], cj[order], owner[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        ends = np.r_[starts[1:], len(owner)]
        self._cells = {
            (int(ci[a]), int(cj[a])): rects[owner[a:b]]
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
        }

    def hits(self, rect) -> bool:
        if self._pending:
            self._index()
        x0, y0, x1, y1 = rect
        c = self.cell
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                others = self._cells.get((i, j))
                if (
                    others is not None
                    and (
                        (x0 < others[:, 2])
                        & (others[:, 0] < x1)
                        & (y0 < others[:, 3])
                        & (others[:, 1] < y1)
                    ).any()
                ):
                    return True
        return False


def _squares(centres: np.ndarray, half: np.ndarray) -> np.ndarray:
    """``(m, 4)`` rectangles of the squares of half-side ``half`` around ``centres``."""
    rects = np.empty((len(centres), 4))
    reach = np.asarray(half, dtype=float).reshape(-1, 1)
    np.subtract(centres, reach, out=rects[:, :2])
    np.add(centres, reach, out=rects[:, 2:])
    return rects


class LabelBoard:
    """The free room of one picture, shared by every kind of label drawn on it.

    Labels are placed one after another, most important first: each takes the
    first of its candidate rectangles that stays inside ``bounds`` and overlaps
    neither a label placed before nor an obstacle (symbols, the legend...).

    Parameters
    ----------
    bounds
        ``(xmin, ymin, xmax, ymax)`` of the picture: labels stay inside.
    cell
        Size of the grid cells of the overlap tests (about a label's width).
    padding
        Room kept free around each label.
    """

    def __init__(
        self, bounds: tuple[float, float, float, float], cell: float = 64.0, padding: float = 1.0
    ) -> None:
        self.bounds = tuple(float(v) for v in bounds)
        self.padding = padding
        self._labels = _Grid(max(16.0, cell))
        self._obstacles = _RectIndex(max(16.0, cell), self.bounds)
        self._symbols = _RectIndex(max(16.0, cell), self.bounds)
        #: Rectangles of the labels placed, in order.
        self.placed: list[tuple[float, float, float, float]] = []

    def add_obstacles(self, rects: np.ndarray) -> None:
        """Keep labels off ``(m, 4)`` rectangles ``(x0, y0, x1, y1)`` (rows with a NaN
        are ignored)."""
        self._obstacles.add(rects)

    def add_square_obstacles(self, centres: np.ndarray, half: np.ndarray) -> None:
        """Keep labels off the squares of half-side ``half`` around the ``(m, 2)``
        ``centres`` (symbols; rows with a NaN are ignored). Cheaper than
        :meth:`add_obstacles` for a million symbols: the squares are only made when a
        label is tried. A label may be let over them (see :meth:`take`)."""
        self._symbols.add_squares(centres, half)

    def fits(
        self,
        rect: tuple[float, float, float, float],
        margin: float = 0.0,
        over_symbols: bool = False,
    ) -> bool:
        """Whether a label may take ``rect`` (inside the bounds, free), with ``margin``
        more room around it than the board's padding (``over_symbols``: the squares of
        :meth:`add_square_obstacles` do not count)."""
        p = self.padding + margin
        padded = (rect[0] - p, rect[1] - p, rect[2] + p, rect[3] + p)
        bx0, by0, bx1, by1 = self.bounds
        if padded[0] < bx0 or padded[1] < by0 or padded[2] > bx1 or padded[3] > by1:
            return False
        if self._labels.hits(padded) or self._obstacles.hits(padded):
            return False
        return over_symbols or not self._symbols.hits(padded)

    def take(self, candidates, margin: float = 0.0, over_symbols: bool = False) -> int | None:
        """Place a label at the first free rectangle of ``candidates`` (with ``margin``
        more room around it; over the symbols too with ``over_symbols``); its index, or
        ``None`` when none is free (the label is left out)."""
        for k, rect in enumerate(candidates):
            rect = tuple(float(v) for v in rect)
            if self.fits(rect, margin, over_symbols):
                p = self.padding
                self._labels.add((rect[0] - p, rect[1] - p, rect[2] + p, rect[3] + p))
                self.placed.append(rect)
                return k
        return None


def around(ax: float, ay: float, w: float, h: float, gap: float) -> list[tuple]:
    """The candidate rectangles of a label of ``w`` x ``h`` around a symbol at
    ``(ax, ay)``, ``gap`` away: right, left, above, below, then the diagonals."""
    rects = []
    for hx, vy in CANDIDATES:
        if hx > 0:
            x0 = ax + gap
        elif hx < 0:
            x0 = ax - gap - w
        else:
            x0 = ax - w / 2
        if vy > 0:
            y0 = ay + gap if hx == 0 else ay + gap * 0.6
        elif vy < 0:
            y0 = ay - gap - h if hx == 0 else ay - gap * 0.6 - h
        else:
            y0 = ay - h / 2
        rects.append((x0, y0, x0 + w, y0 + h))
    return rects


def place_labels(
    anchors: np.ndarray,
    sizes: np.ndarray,
    gaps: np.ndarray | float,
    bounds: tuple[float, float, float, float],
    *,
    obstacles: np.ndarray | None = None,
    order: np.ndarray | None = None,
    padding: float = 1.0,
) -> np.ndarray:
    """Choose where to draw each label, or skip it.

    Parameters
    ----------
    anchors
        ``(n, 2)`` screen positions of the symbols (pixels, y down).
    sizes
        ``(n, 2)`` width and height of each label's text box.
    gaps
        Distance from the anchor to the label box (e.g. symbol radius + 2 px),
        one per label or one for all.
    bounds
        ``(xmin, ymin, xmax, ymax)`` of the view: labels stay inside.
    obstacles
        ``(m, 4)`` rectangles ``(x0, y0, x1, y1)`` that labels must not cover
        (the symbols). A label's own symbol is included or not, it does not
        matter: candidates never cover it.
    order
        Indices of the labels, most important first (default: as given).
    padding
        Extra space kept free around each label.

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` top-left corners of the placed labels; NaN for skipped ones.
    """
    anchors = np.asarray(anchors, dtype=float).reshape(-1, 2)
    sizes = np.asarray(sizes, dtype=float).reshape(-1, 2)
    n = len(anchors)
    gaps = np.broadcast_to(np.asarray(gaps, dtype=float), (n,))
    result = np.full((n, 2), np.nan)
    if n == 0:
        return result
    board = LabelBoard(bounds, float(np.median(sizes[:, 0])), padding)
    if obstacles is not None:
        board.add_obstacles(obstacles)
    indices = np.arange(n) if order is None else np.asarray(order, dtype=int)
    for i in indices:
        ax, ay = anchors[i]
        if not (np.isfinite(ax) and np.isfinite(ay)):
            continue
        w, h = sizes[i]
        rects = around(ax, ay, w, h, gaps[i])
        k = board.take(rects)
        if k is not None:
            result[i] = rects[k][:2]
    return result
