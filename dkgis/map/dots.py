"""Features a few pixels across drawn as antialiased dots, with numpy.

At a zoomed-out view, most buildings of a town are one or two pixels across:
outlined with a pen wider than that, each one becomes a small blob of the
outline's colour, and asking the painter for one path each costs microseconds a
blob. :class:`Dots` splats them instead as discs of the same area into one
coverage buffer (a few array operations for tens of thousands of discs), turned
into one image drawn in a single call.
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
        The largest radius of the discs to come.
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
        offsets = np.arange(-self.reach, self.reach + 1, dtype=np.float32)
        oy, ox = np.meshgrid(offsets, offsets, indexing="ij")
        self._ox, self._oy = ox.ravel(), oy.ravel()
        self._shifts = oy.ravel().astype(np.int64) * self.stride + ox.ravel().astype(np.int64)

    def add(self, x: np.ndarray, y: np.ndarray, radius: np.ndarray) -> None:
        """Splat discs centred on device points ``(x, y)`` (at most :data:`DOTS_PER_CALL`)."""
        fx, fy = x - self.left, y - self.top
        ix, iy = np.floor(fx), np.floor(fy)
        r = self.reach
        keep = (ix >= -r) & (ix < self.width + r) & (iy >= -r) & (iy < self.height + r)
        if not keep.any():
            return
        ix, iy, fx, fy = ix[keep], iy[keep], fx[keep], fy[keep]
        # Coverage of a pixel: how far its centre lies inside the disc, within a pixel.
        dx = (fx - ix - 0.5).astype(np.float32)[:, None] - self._ox
        dy = (fy - iy - 0.5).astype(np.float32)[:, None] - self._oy
        v = np.sqrt(dx * dx + dy * dy)
        np.subtract((radius[keep] + 0.5).astype(np.float32)[:, None], v, out=v)
        np.clip(v, 0.0, 1.0, out=v)
        v *= 255.0
        v += 0.5
        base = ((iy + self.pad) * self.stride + (ix + self.pad)).astype(np.int64)
        index = base[:, None] + self._shifts
        np.maximum.at(self.coverage, index.ravel(), v.astype(np.uint8).ravel())

    def draw(self, painter: QPainter, colour: str) -> None:
        """Draw the discs with ``painter`` (device pixels), in ``colour``."""
        if not self.coverage.any():
            return
        grid = self.coverage.reshape(-1, self.stride)
        inner = grid[self.pad : self.pad + self.height, self.pad : self.pad + self.width]
        c = QColor(colour)
        alpha = inner.astype(np.uint32)
        argb = (alpha << 24) | (((alpha * c.red() + 127) // 255) << 16)
        argb |= ((alpha * c.green() + 127) // 255) << 8
        argb |= (alpha * c.blue() + 127) // 255
        argb = np.ascontiguousarray(argb)
        image = QImage(
            argb.data,
            self.width,
            self.height,
            self.width * 4,
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        painter.drawImage(QPointF(self.left, self.top), image)
