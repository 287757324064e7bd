"""Greedy label placement in screen space: each label takes the first free spot.

Labels are placed one after another, most important first. Each tries a few
positions around its symbol (right, left, above, below, then the diagonals)
and takes the first that stays inside the view and overlaps neither a label
already placed nor a symbol; a label with no free position is skipped.
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

    def hits(self, rect, ignore=None) -> bool:
        x0, y0, x1, y1 = rect
        for key in self._keys(rect):
            for other in self.cells.get(key, ()):
                if other is ignore:
                    continue
                if x0 < other[2] and other[0] < x1 and y0 < other[3] and other[1] < y1:
                    return True
        return False


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
    typical = float(np.median(sizes[:, 0])) if n else 64.0
    grid = _Grid(max(16.0, typical))
    symbols = _Grid(max(16.0, typical))
    if obstacles is not None:
        for rect in np.asarray(obstacles, dtype=float).reshape(-1, 4):
            symbols.add(tuple(rect))
    bx0, by0, bx1, by1 = bounds
    indices = np.arange(n) if order is None else np.asarray(order, dtype=int)
    for i in indices:
        ax, ay = anchors[i]
        if not (np.isfinite(ax) and np.isfinite(ay)):
            continue
        w, h = sizes[i]
        g = gaps[i]
        for hx, vy in CANDIDATES:
            if hx > 0:
                x0 = ax + g
            elif hx < 0:
                x0 = ax - g - w
            else:
                x0 = ax - w / 2
            if vy > 0:
                y0 = ay + g if hx == 0 else ay + g * 0.6
            elif vy < 0:
                y0 = ay - g - h if hx == 0 else ay - g * 0.6 - h
            else:
                y0 = ay - h / 2
            rect = (x0 - padding, y0 - padding, x0 + w + padding, y0 + h + padding)
            if rect[0] < bx0 or rect[1] < by0 or rect[2] > bx1 or rect[3] > by1:
                continue
            if grid.hits(rect) or symbols.hits(rect):
                continue
            grid.add(rect)
            result[i] = (x0, y0)
            break
    return result
