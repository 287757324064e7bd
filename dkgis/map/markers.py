"""Draw many round point markers of one style fast, without a Python call per point.

The markers are rasterised with numpy into one premultiplied ARGB image,
which the painter draws in a single call; the same code serves the screen and
the raster exports (SVG and PDF draw circles instead, see
:mod:`dkgis.map.user_render`).

Each pixel's colour depends only on its distance to the nearest point, so the
image is built from a (truncated) distance map looked up in a table of
colours (fill over outline, antialiased edges):

* few points: each point stamps its neighbourhood (``numpy.minimum.at``), in
  time proportional to the number of points;
* many points: a separable distance transform over the image, in time
  proportional to its area, whatever the number of points.

Points are snapped to whole device pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QColor, QImage

#: Stamping costs about this many pixel operations of the distance transform per point.
STAMP_COST_RATIO_INV = 100


@dataclass(frozen=True)
class MarkerStyle:
    """Look of the markers, in device pixels."""

    diameter: float
    fill: str
    outline: str = "#ffffff"
    outline_width: float = 1.0


def colour_table(style: MarkerStyle) -> tuple[list[int], int]:
    """Colour of a pixel by its squared distance (in pixels) to the nearest point.

    Returns
    -------
    table : list of int
        Non-premultiplied ``0xAARRGGBB`` colours (fill over outline, antialiased
        edges), indexed by squared distance; the last entry, transparent, stands
        for "farther than reach".
    reach : int
        The largest distance along a row or a column at which a pixel is painted.
    """
    r_fill = style.diameter / 2.0
    r_out = r_fill + max(style.outline_width, 0.0)
    bound = math.ceil(r_out + 0.5)  # nothing is painted this far away
    far = 2 * bound * bound + 1
    d = np.sqrt(np.arange(far + 1, dtype=float))
    fill, outline = QColor(style.fill), QColor(style.outline)
    af = np.clip(r_fill + 0.5 - d, 0.0, 1.0) * fill.alphaF()
    ao = np.clip(r_out + 0.5 - d, 0.0, 1.0) * outline.alphaF() * (1.0 - af)
    if style.outline_width <= 0:
        ao = 0.0 * d
    alpha = af + ao
    safe = np.where(alpha > 0, alpha, 1.0)
    rgb = [
        np.round((cf * af + co * ao) / safe).astype(np.int64)
        for cf, co in zip(fill.getRgb()[:3], outline.getRgb()[:3], strict=True)
    ]
    a8 = np.round(alpha * 255).astype(np.int64)
    table = (a8 << 24) | (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]
    table[a8 == 0] = 0
    # The last pixel painted along a row is often a faint edge short of the bound: the
    # distance transform then needs a step less on each side.
    painted = [d for d in range(bound + 1) if a8[d * d] > 0]
    reach = painted[-1] if painted else 0
    far = 2 * reach * reach + 1
    table = table[: far + 1]
    table[-1] = 0
    return [int(v) for v in table], reach


def _stamp(grid: np.ndarray, cells: np.ndarray, reach: int, table: list[int]) -> None:
    """Write into ``grid`` the squared distance to the nearest point, by stamping each point.

    ``grid`` holds "far" everywhere and has at least ``reach`` cells of margin
    around every point; ``cells`` are the points' flat indices in ``grid``; only the
    pixels that ``table`` paints are stamped.
    """
    offsets = np.arange(-reach, reach + 1)
    dy, dx = np.meshgrid(offsets, offsets, indexing="ij")
    d2 = (dx * dx + dy * dy).ravel()
    disc = np.asarray(table, dtype=np.int64)[d2] != 0
    shifts = (dy.ravel() * grid.shape[1] + dx.ravel())[disc]
    values = d2[disc].astype(grid.dtype)
    index = (cells[:, None] + shifts[None, :]).ravel()
    flat = grid.reshape(-1)
    np.minimum.at(flat, index, np.broadcast_to(values, (len(cells), len(values))).ravel())


def _distance_transform(grid: np.ndarray, cells: np.ndarray, reach: int) -> None:
    """Write into ``grid`` the squared distance to the nearest point: separable, over the grid.

    ``grid`` holds "far" everywhere; ``cells`` are the points' flat indices in it.
    """
    dtype = grid.dtype.type
    column = grid  # filled in place
    column.reshape(-1)[cells] = 0
    base = column.copy()
    tmp = np.empty_like(base)
    for d in range(1, reach + 1):  # vertical: squared distance along the column
        v = dtype(d * d)
        np.add(base[d:], v, out=tmp[:-d])
        np.minimum(column[:-d], tmp[:-d], out=column[:-d])
        np.add(base[:-d], v, out=tmp[d:])
        np.minimum(column[d:], tmp[d:], out=column[d:])
    np.copyto(base, column)  # the base is no longer needed: it holds the columns' results
    vertical = base
    for d in range(1, reach + 1):  # then horizontal: dx² + the column's dy²
        v = dtype(d * d)
        np.add(vertical[:, d:], v, out=tmp[:, :-d])
        np.minimum(column[:, :-d], tmp[:, :-d], out=column[:, :-d])
        np.add(vertical[:, :-d], v, out=tmp[:, d:])
        np.minimum(column[:, d:], tmp[:, d:], out=column[:, d:])


def _cells(px, py, reach: int, width: int, height: int, pad: int, grid_w: int) -> np.ndarray:
    """Flat grid indices of the points whose marker may reach the region (the others are
    left out), with ``pad`` cells of margin on every side."""
    # A point rounded to ``reach`` pixels outside paints the region's edge.
    with np.errstate(invalid="ignore"):  # NaN coordinates are left out
        keep = np.greater(px, -reach - 1)
        keep &= np.less(px, width + reach + 1)
        keep &= np.greater(py, -reach - 1)
        keep &= np.less(py, height + reach + 1)
    x, y = px[keep], py[keep]  # copies: rounded in place
    # Rounded to the nearest pixel, as one float: exact for any grid smaller than 2**53.
    flat = np.rint(y, out=y)
    flat += pad
    flat *= grid_w
    flat += np.rint(x, out=x)
    flat += pad
    return flat.astype(np.intp)


@dataclass
class Raster:
    """Markers rasterised into an image, and where its top-left pixel goes."""

    image: QImage
    left: int  # device pixels, relative to the rasterised region
    top: int
    buffer: np.ndarray  # the image's memory, kept alive with it


def rasterize(
    px: np.ndarray, py: np.ndarray, width: int, height: int, style: MarkerStyle
) -> Raster | None:
    """Markers at device pixels ``(px, py)`` over a ``width`` x ``height`` region.

    Points outside the region are left out, except those whose marker reaches
    into it. ``None`` when no marker shows.
    """
    table, reach = colour_table(style)
    if width <= 0 or height <= 0:
        return None
    far = len(table) - 1
    pad = 2 * reach + 2  # every stamp stays inside the grid
    grid_w = width + 2 * pad
    grid_w += -grid_w % 4  # image rows are 32-bit aligned
    grid_h = height + 2 * pad
    cells = _cells(px, py, reach, width, height, pad, grid_w)
    if not len(cells):
        return None
    dtype = np.uint8 if far + reach * reach < 256 else np.uint16
    grid = np.full((grid_h, grid_w), far, dtype=dtype)
    if len(cells) * STAMP_COST_RATIO_INV < grid_h * grid_w:
        _stamp(grid, cells, reach, table)
    else:
        _distance_transform(grid, cells, reach)  # minima of "far" and less: never above it
    if dtype is np.uint8:
        indexed = QImage(grid.data, grid_w, grid_h, grid_w, QImage.Format.Format_Indexed8)
        indexed.setColorTable(table)
        # Converted once, so that each pan draws a plain premultiplied image.
        image = indexed.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        buffer = grid
    else:
        argb = np.asarray(table, dtype=np.uint32)[grid]
        buffer = np.ascontiguousarray(argb)
        image = QImage(buffer.data, grid_w, grid_h, grid_w * 4, QImage.Format.Format_ARGB32)
    return Raster(image, -pad, -pad, buffer)
