"""Features a few pixels across drawn as antialiased dots, with numpy.

At a zoomed-out view, most buildings of a town are a few pixels across: outlined
with a pen about as wide, each one becomes a small blob of the outline's colour,
and asking the painter for one path each costs microseconds a blob. :class:`Dots`
splats them instead as ellipses (long and turned as the buildings are) into one
coverage buffer, a few array operations for tens of thousands of dots, turned into
one image drawn in a single call.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

#: Discs splatted per call (each call holds Python's lock for a few milliseconds).
DOTS_PER_CALL = 20_000


class Dots:
    """Discs of one colour over the device area ``(x0, y0, x1, y1)`` (pixels).

    Parameters
    ----------
    area
        The device pixels painted.
    max_radius
        The largest semi-axis of the ellipses to come.
    """

    def __init__(self, area: tuple[float, float, float, float], max_radius: float) -> None:
        x0, y0, x1, y1 = area
        self.left, self.top = math.floor(x0), math.floor(y0)
        self.width = max(math.ceil(x1) - self.left, 0)
        self.height = max(math.ceil(y1) - self.top, 0)
        self.reach = math.ceil(max_radius + 0.5)
        self.pad = 2 * self.reach + 1  # the square of every kept disc stays inside
        self.stride = self.width + 2 * self.pad
        self.coverage = np.zeros((self.height + 2 * self.pad) * self.stride, dtype=np.uint8)
        self._squares: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def _square(self, kx: int, ky: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """x and y offsets of the pixels within ``kx`` columns and ``ky`` rows of a dot's
        pixel, and their shifts in the buffer."""
        found = self._squares.get((kx, ky))
        if found is None:
            oy, ox = np.meshgrid(
                np.arange(-ky, ky + 1, dtype=np.float32),
                np.arange(-kx, kx + 1, dtype=np.float32),
                indexing="ij",
            )
            shifts = oy.ravel().astype(np.int64) * self.stride + ox.ravel().astype(np.int64)
            found = self._squares[kx, ky] = (ox.ravel(), oy.ravel(), shifts)
        return found

    def add(self, x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray, angle) -> None:
        """Splat ellipses centred on device points ``(x, y)``, of semi-axes ``a`` and ``b``
        (pixels), ``a`` at ``angle`` radians from the x axis (at most
        :data:`DOTS_PER_CALL`)."""
        # A pixel is touched when its centre lies within half a pixel of the ellipse, so
        # within ``ceil(e)`` columns of the dot's pixel, ``e`` the ellipse's half width
        # (rows alike): each dot is splatted over the rectangle it may touch, no more.
        cos, sin = np.cos(angle), np.sin(angle)
        half_w = np.sqrt((a * cos) ** 2 + (b * sin) ** 2)
        half_h = np.sqrt((a * sin) ** 2 + (b * cos) ** 2)
        kx = np.minimum(np.ceil(half_w), self.reach).astype(np.int64)
        ky = np.minimum(np.ceil(half_h), self.reach).astype(np.int64)
        size = kx * (self.reach + 1) + ky
        for key in np.unique(size).tolist():  # small dots need only a small rectangle
            pick = size == key
            kx_, ky_ = divmod(key, self.reach + 1)
            self._add(x[pick], y[pick], a[pick], b[pick], angle[pick], kx_, ky_)

    def _add(self, x, y, a, b, angle, kx: int, ky: int) -> None:
        fx, fy = x - self.left, y - self.top
        ix, iy = np.floor(fx), np.floor(fy)
        r = self.reach
        keep = (ix >= -r) & (ix < self.width + r) & (iy >= -r) & (iy < self.height + r)
        if not keep.any():
            return
        ix, iy, fx, fy = ix[keep], iy[keep], fx[keep], fy[keep]
        ox, oy, shifts = self._square(kx, ky)
        f32 = np.float32
        cos = np.cos(angle[keep]).astype(f32)[:, None]
        sin = np.sin(angle[keep]).astype(f32)[:, None]
        inv_a = (1.0 / np.maximum(a[keep], 1e-3)).astype(f32)[:, None]
        inv_b = (1.0 / np.maximum(b[keep], 1e-3)).astype(f32)[:, None]
        dx = (fx - ix - 0.5).astype(f32)[:, None] - ox
        dy = (fy - iy - 0.5).astype(f32)[:, None] - oy
        u = (dx * cos + dy * sin) * inv_a
        w = (dy * cos - dx * sin) * inv_b
        # Coverage of a pixel: how far its centre lies inside the ellipse, within a
        # pixel; the distance to the edge is the normalised radius over its gradient.
        rho = np.sqrt(u * u + w * w)
        gradient = np.sqrt((u * inv_a) ** 2 + (w * inv_b) ** 2)
        # (The centre, where the gradient vanishes, is inside.)
        v = np.divide((rho - 1.0) * rho, gradient, out=np.full_like(rho, -1e3), where=gradient > 0)
        np.subtract(0.5, v, out=v)
        np.clip(v, 0.0, 1.0, out=v)
        v *= 255.0
        v += 0.5
        base = ((iy + self.pad) * self.stride + (ix + self.pad)).astype(np.int64)
        index = base[:, None] + shifts
        np.maximum.at(self.coverage, index.ravel(), v.astype(np.uint8).ravel())

    def draw(self, painter: QPainter, colour: str) -> None:
        """Draw the dots with ``painter`` (device pixels), in ``colour``: one image of the
        rows and columns they touch."""
        grid = self.coverage.reshape(-1, self.stride)
        inner = grid[self.pad : self.pad + self.height, self.pad : self.pad + self.width]
        rows = np.flatnonzero(inner.any(axis=1))
        if not len(rows):
            return
        columns = np.flatnonzero(inner[rows[0] : rows[-1] + 1].any(axis=0))
        touched = inner[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
        # Premultiplied ARGB of each coverage level, looked up in one go.
        c = QColor(colour)
        alpha = np.arange(256, dtype=np.uint32)
        table = (alpha << 24) | (((alpha * c.red() + 127) // 255) << 16)
        table |= ((alpha * c.green() + 127) // 255) << 8
        table |= (alpha * c.blue() + 127) // 255
        argb = np.ascontiguousarray(table[touched])
        height, width = argb.shape
        image = QImage(
            argb.data, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied
        )
        painter.drawImage(QPointF(self.left + columns[0], self.top + rows[0]), image)
