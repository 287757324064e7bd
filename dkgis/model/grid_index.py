"""A grid spatial index: which of many boxes may touch a rectangle, without looking at all.

The boxes (the bounds of a layer's features) are sorted by the grid cell of their
centre, so the boxes of one row of cells sit side by side in one array: a query
reads one contiguous slice per row of cells it covers, then tests those boxes
exactly. The cells are about the size of the boxes; boxes much larger than a
cell (a zoning polygon among buildings) are few and kept apart, tested one by
one. Building the index is one sort; it holds one integer per box.

Boxes may carry a weight (the vertices of a feature): the weights are summed in cell
order as the index is built, so that the weight near a rectangle costs two reads per
row of cells, without looking at any box (:meth:`GridIndex.weight_near`).
"""

from __future__ import annotations

import math

import numpy as np

from dkgis.io.geometry_column import ranges

#: Boxes per cell aimed at, on average over the occupied area.
BOXES_PER_CELL = 8
#: Boxes larger than this many cells (either side) are kept apart from the grid.
LARGE = 1.0
#: Most cells in the grid.
MAX_CELLS = 4_000_000


class GridIndex:
    """Index of ``(n, 4)`` boxes ``xmin, ymin, xmax, ymax`` (NaN boxes are never found).

    Parameters
    ----------
    bounds
        The boxes; the index keeps a reference to them.
    weights
        A weight per box (optional), for :meth:`weight_near`.
    """

    def __init__(self, bounds: np.ndarray, weights: np.ndarray | None = None) -> None:
        self.bounds = np.asarray(bounds, dtype=float).reshape(-1, 4)
        n = len(self.bounds)
        finite = np.flatnonzero(np.isfinite(self.bounds).all(axis=1))
        self._origin = (0.0, 0.0)
        self._cell = 1.0
        self._shape = (0, 0)  # rows, columns
        self._order = np.empty(0, dtype=np.int32 if n < 2**31 else np.int64)
        self._starts = np.zeros(1, dtype=np.int64)
        self._large = np.empty(0, dtype=np.int64)
        self._weighted = weights is not None
        #: Running sum of the weights of the grid's boxes in cell order, from 0; the
        #: weights of the boxes kept apart.
        self._cumulative = np.zeros(1, dtype=np.int64)
        self._large_weights = np.empty(0, dtype=np.int64)
        if not len(finite):
            return
        b = self.bounds[finite]
        xmin, ymin = b[:, 0].min(), b[:, 1].min()
        xmax, ymax = b[:, 2].max(), b[:, 3].max()
        width, height = max(xmax - xmin, 1e-9), max(ymax - ymin, 1e-9)
        sizes = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1])
        cell = max(
            math.sqrt(width * height * BOXES_PER_CELL / len(finite)),
            float(np.median(sizes)) * 2,
            math.sqrt(width * height / MAX_CELLS),
            1e-9,
        )
        columns = max(1, math.ceil(width / cell))
        rows = max(1, math.ceil(height / cell))
        large = sizes > cell * LARGE
        self._large = finite[large].astype(np.int64)
        small = finite[~large]
        bs = b[~large]
        cx = ((bs[:, 0] + bs[:, 2]) / 2 - xmin) / cell
        cy = ((bs[:, 1] + bs[:, 3]) / 2 - ymin) / cell
        ix = np.clip(cx.astype(np.int64), 0, columns - 1)
        iy = np.clip(cy.astype(np.int64), 0, rows - 1)
        cells = iy * columns + ix
        order = np.argsort(cells, kind="stable")
        self._order = small[order].astype(self._order.dtype)
        counts = np.bincount(cells, minlength=rows * columns)
        self._starts = np.zeros(rows * columns + 1, dtype=np.int64)
        np.cumsum(counts, out=self._starts[1:])
        if weights is not None:
            weights = np.asarray(weights, dtype=np.int64)
            self._cumulative = np.zeros(len(self._order) + 1, dtype=np.int64)
            np.cumsum(weights[self._order], out=self._cumulative[1:])
            self._large_weights = weights[self._large]
        self._origin = (float(xmin), float(ymin))
        self._cell = float(cell)
        self._shape = (rows, columns)

    def __len__(self) -> int:
        return len(self.bounds)

    def query(self, rect: tuple[float, float, float, float]) -> np.ndarray:
        """Indices, in increasing order, of the boxes touching ``rect`` (xmin, ymin, xmax, ymax)."""
        found = [self._large[self._touch(self._large, rect)]] if len(self._large) else []
        slices = self._slices(rect)
        if slices is not None:
            starts, ends = slices
            candidates = self._order[ranges(starts, ends - starts)]
            found.append(candidates[self._touch(candidates, rect)])
        if not found:
            return np.empty(0, dtype=np.int64)
        return np.sort(np.concatenate(found).astype(np.int64))

    def weight_near(self, rect: tuple[float, float, float, float]) -> int:
        """The total weight of the boxes touching ``rect``, or a little more: every box
        of the cells a :meth:`query` would read counts (the boxes apart are tested).

        Raises
        ------
        ValueError
            If the index was built without weights.
        """
        if not self._weighted:
            raise ValueError("the index has no weights")
        total = 0
        if len(self._large):
            total += int(self._large_weights[self._touch(self._large, rect)].sum())
        slices = self._slices(rect)
        if slices is not None:
            starts, ends = slices
            total += int((self._cumulative[ends] - self._cumulative[starts]).sum())
        return total

    def _slices(self, rect) -> tuple[np.ndarray, np.ndarray] | None:
        """Where the boxes of the cells around ``rect`` lie in :attr:`_order`: one
        ``start:end`` slice per row of cells (``None``: no cell)."""
        x0, y0, x1, y1 = rect
        rows, columns = self._shape
        if not rows:
            return None
        # A small box touches the rectangle only if its centre is within half a cell
        # of it: look one cell further on every side.
        ox, oy = self._origin
        c = self._cell
        ix0 = max(math.floor((x0 - ox) / c) - 1, 0)
        ix1 = min(math.floor((x1 - ox) / c) + 1, columns - 1)
        iy0 = max(math.floor((y0 - oy) / c) - 1, 0)
        iy1 = min(math.floor((y1 - oy) / c) + 1, rows - 1)
        if ix0 > ix1 or iy0 > iy1:
            return None
        row_cells = np.arange(iy0, iy1 + 1, dtype=np.int64) * columns
        return self._starts[row_cells + ix0], self._starts[row_cells + ix1 + 1]

    def _touch(self, which: np.ndarray, rect) -> np.ndarray:
        x0, y0, x1, y1 = rect
        b = self.bounds[which]
        return (b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)

    @property
    def nbytes(self) -> int:
        """Bytes held by the index (the boxes excluded: they belong to the caller)."""
        return (
            self._order.nbytes
            + self._starts.nbytes
            + self._large.nbytes
            + self._large_weights.nbytes
            + self._cumulative.nbytes
        )
