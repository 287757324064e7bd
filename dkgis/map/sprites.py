"""Vectorized point drawing: pre-rendered symbols blitted in bulk.

Every distinct symbol (a colour, a style, a size) is painted once into a
*sprite sheet*; a frame then draws all points with one
``QPainter.drawPixmapFragments`` call fed by a numpy array, with no Python
code per point. Positions are snapped to whole device pixels, so sprites are
copied crisp, without resampling.

With many points, most symbols are hidden under later ones. Before drawing,
:func:`occlusion_mask` drops the points whose whole symbol is covered by the
opaque centres of points drawn after them (a conservative test on a grid of
2-pixel cells): the picture is exactly the same, with far fewer blits.

Thousands of symbols are blitted band after band of :data:`BAND` rows, each band's
symbols in drawing order and cut at its edges: the symbols of a band land in memory
the processor has at hand instead of anywhere in a picture of several megabytes
(the same pixels, at any pixel ratio; 100 000 symbols over a 1920 x 1080 map take less
than half the time of one pass).

What a frame costs: Qt blends a sprite with an alpha channel at about 0.2 µs per
sprite plus a few nanoseconds per pixel (a 13-pixel symbol 0.4 to 0.7 µs), so a view
of 100 000 symbols spends most of its time in that call. The call keeps Python's
lock, so bands drawn in threads do not run side by side; a blitter compiled from C
was measured no faster than Qt's on these symbols (most of their pixels are blended,
not copied); numpy stamping of every pixel of every sprite is slower still, and a
nearest-point raster (any number of points in constant time) turns overlapping discs
into a mosaic of cells without outlines.

Vector outputs (SVG, PDF) must not embed pictures of the symbols: with
``vector=True``, :func:`draw_sprites` paints each symbol with its sprite's own
painting function instead, as shapes, at the same places.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap, QTransform

#: Cell size, in device pixels, of the occlusion grid.
CELL = 2
#: The occlusion test runs when the sprites would cover the painted area this
#: many times over (it only pays off when most symbols are buried).
OCCLUSION_DEPTH = 30.0
#: ...and never for fewer points than this.
OCCLUSION_MIN_POINTS = 20_000
#: Deeper still, the symbols are a mosaic too dense to tell one from another: the symbol
#: drawn last in each cell of ``AGGREGATE_CELL`` times their opaque core's width stands for
#: the others (see :func:`aggregate_mask`).
AGGREGATE_DEPTH = 80.0
AGGREGATE_CELL = 0.6
#: Widest sprite sheet, in pixels; sprites go on shelves (rows) up to this width.
SHEET_WIDTH = 1024
#: Many sprites are drawn band after band of this many physical pixel rows (see
#: :func:`draw_sprites`), ...
BAND = 64
#: ... when there are at least this many.
BAND_MIN_SPRITES = 4096


@dataclass(frozen=True)
class SpriteSpec:
    """How to paint one sprite.

    Parameters
    ----------
    size
        Width and height of the sprite image, in device pixels (odd sizes put
        the symbol centre in the middle of a pixel).
    paint
        Paints the symbol; the painter is antialiased and translated so that
        ``(0, 0)`` is the symbol centre.
    """

    size: int
    paint: Callable[[QPainter], None]


@dataclass(frozen=True, eq=False)
class SheetImage:
    """A sprite sheet as rendered at one moment: never changed afterwards.

    A render in a worker thread draws from one of these, taken on the GUI thread
    (see :meth:`SpriteSheet.frozen`): keys the GUI thread adds later make a new one,
    so the worker's pixmap and arrays stay as they were.

    Attributes
    ----------
    pixmap
        The sheet (a raster pixmap: drawing from it into a ``QImage`` is thread-safe
        where the platform has Qt's ``ThreadedPixmaps`` capability: xcb, Wayland,
        Windows, macOS, offscreen).
    rects
        ``(x, y, width, height)`` of each sprite in the sheet.
    opaque, extent
        See :class:`SpriteSheet`.
    """

    pixmap: QPixmap
    rects: np.ndarray
    opaque: np.ndarray
    extent: np.ndarray
    #: Fragment templates by device pixel ratio (values derived from the arrays above).
    _templates: dict[float, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rects)

    def fragments(self, px: np.ndarray, py: np.ndarray, ids: np.ndarray, dpr: float) -> np.ndarray:
        """``QPainter.PixmapFragment`` records copying sprite ``ids[i]`` centred on the
        physical pixel ``(px[i], py[i])`` of a device of ``dpr``: ``(n, 10)``."""
        template = self._templates.get(dpr)
        if template is None:
            # Every column but the target's centre, which is stored as its offset from
            # the centre pixel's corner: the sprite's top-left corner lies on a pixel.
            sizes = self.rects[:, 2:]
            template = np.empty((len(self.rects), 10))
            template[:, :2] = sizes / 2 - sizes // 2
            template[:, 2:6] = self.rects
            template[:, 6:8] = 1.0 / dpr
            template[:, 8] = 0.0
            template[:, 9] = 1.0
            template.flags.writeable = False
            self._templates[dpr] = template  # equal values whichever thread sets it
        frags = np.take(template, ids, axis=0)
        for column, pixel in ((0, px), (1, py)):
            centre = frags[:, column]
            centre += pixel
            if dpr != 1:
                centre /= dpr
        return frags


class SpriteSheet:
    """Symbols pre-rendered into one pixmap, addressed by key.

    Parameters
    ----------
    factory
        Returns the :class:`SpriteSpec` of a key; called once per key.

    Notes
    -----
    Adding keys re-renders the whole sheet on the next :attr:`pixmap`: keys are
    few (colours x styles x sizes), and each is painted in microseconds.
    """

    def __init__(self, factory: Callable[[Hashable], SpriteSpec]) -> None:
        self._factory = factory
        self._keys: dict[Hashable, int] = {}
        self._specs: list[SpriteSpec] = []
        self._images: list[QImage] = []
        self._frozen: SheetImage | None = None
        self.rects = np.empty((0, 4))
        #: Half-size of the fully opaque square around each sprite's centre pixel
        #: (-1 when even the centre pixel is not opaque).
        self.opaque = np.empty(0, dtype=int)
        #: Largest distance (Chebyshev, in pixels) from the centre pixel to a
        #: painted pixel of each sprite.
        self.extent = np.empty(0, dtype=int)
        self._opaque: list[int] = []
        self._extent: list[int] = []

    def __len__(self) -> int:
        return len(self._specs)

    def id(self, key: Hashable) -> int:
        """Return the index of the sprite of ``key``, adding it if needed."""
        index = self._keys.get(key)
        if index is None:
            index = len(self._specs)
            spec = self._factory(key)
            if spec.size < 1:
                raise ValueError(f"sprite {key!r} has no size")
            self._specs.append(spec)
            self._keys[key] = index
            self._frozen = None
        return index

    def ids(self, keys: Sequence[Hashable]) -> np.ndarray:
        """Return the sprite index of each key (adding new keys), as an int array."""
        cache: dict[Hashable, int] = {}
        out = np.empty(len(keys), dtype=np.int64)
        for i, key in enumerate(keys):
            index = cache.get(key)
            if index is None:
                index = cache[key] = self.id(key)
            out[i] = index
        return out

    @property
    def pixmap(self) -> QPixmap:
        """The sheet (rendered on first use after keys were added)."""
        return self.frozen().pixmap

    def frozen(self) -> SheetImage:
        """The sheet as it is now, rendered if keys were added (call on the GUI thread)."""
        if self._frozen is None:
            self._render()
        return self._frozen

    def _sprite_image(self, spec: SpriteSpec) -> QImage:
        image = QImage(spec.size, spec.size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(spec.size / 2, spec.size / 2)
        spec.paint(painter)
        painter.end()
        return image

    def _render(self) -> None:
        # Each sprite is painted once, into its own image; the sheet is re-assembled
        # from those images when keys were added.
        for spec in self._specs[len(self._images) :]:
            image = self._sprite_image(spec)
            alpha = _alpha(image)
            self._images.append(image)
            self._opaque.append(_opaque_half(alpha))
            self._extent.append(_extent(alpha))
        # Shelf packing: sprites left to right, a new row when the width is full.
        positions = []
        x = y = row_h = 0
        for spec in self._specs:
            if x + spec.size > SHEET_WIDTH and x > 0:
                x, y, row_h = 0, y + row_h + 1, 0
            positions.append((x, y))
            x += spec.size + 1
            row_h = max(row_h, spec.size)
        ends = [px + spec.size for (px, _), spec in zip(positions, self._specs, strict=True)]
        width = max(1, *ends)
        height = max(1, y + row_h)
        sheet = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        sheet.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sheet)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        for (px, py), image in zip(positions, self._images, strict=True):
            painter.drawImage(px, py, image)
        painter.end()
        rects = np.array(
            [(px, py, s.size, s.size) for (px, py), s in zip(positions, self._specs, strict=True)],
            dtype=float,
        ).reshape(-1, 4)
        opaque = np.array(self._opaque, dtype=int)
        extent = np.array(self._extent, dtype=int)
        for array in (rects, opaque, extent):
            array.flags.writeable = False
        self.rects, self.opaque, self.extent = rects, opaque, extent
        self._frozen = SheetImage(QPixmap.fromImage(sheet), rects, opaque, extent)

    def fragments(self, px: np.ndarray, py: np.ndarray, ids: np.ndarray, dpr: float) -> np.ndarray:
        """See :meth:`SheetImage.fragments`."""
        return self.frozen().fragments(px, py, ids, dpr)

    def spec(self, index: int) -> SpriteSpec:
        """How the sprite of ``index`` is painted."""
        return self._specs[index]

    def sizes(self) -> np.ndarray:
        """Sprite sizes in pixels, by index."""
        return np.array([s.size for s in self._specs], dtype=int)


def _alpha(image: QImage) -> np.ndarray:
    ptr = image.constBits()
    data = np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    argb = rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)
    # Premultiplied ARGB32 is stored as B, G, R, A bytes on little-endian machines.
    return argb[:, :, 3].copy()


def _opaque_half(alpha: np.ndarray) -> int:
    c = alpha.shape[0] // 2
    k = -1
    while c - (k + 1) >= 0 and c + (k + 1) < alpha.shape[0]:
        block = alpha[c - k - 1 : c + k + 2, c - k - 1 : c + k + 2]
        if (block < 255).any():
            break
        k += 1
    return k


def _extent(alpha: np.ndarray) -> int:
    ys, xs = np.nonzero(alpha)
    if not len(xs):
        return 0
    c = alpha.shape[0] // 2
    return int(max(np.abs(xs - c).max(), np.abs(ys - c).max()))


def device_xy(painter: QPainter, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map ``(n, 2)`` item coordinates to the painter's device pixels."""
    return device_coords(painter, xy[:, 0], xy[:, 1])


def device_coords(painter: QPainter, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map item coordinates ``x``, ``y`` to the painter's device pixels (new arrays)."""
    return mapped_coords(painter.transform(), x, y)


def mapped_coords(t: QTransform, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map coordinates ``x``, ``y`` through the affine transform ``t`` (new arrays)."""
    dx = x * t.m11()
    dx += t.dx()
    dy = y * t.m22()
    dy += t.dy()
    if t.m21() != 0 or t.m12() != 0:  # a rotated view (the map itself never rotates)
        dx += t.m21() * y
        dy += t.m12() * x
    return dx, dy


def paint_area(painter: QPainter) -> tuple[float, float, float, float]:
    """The part of the device the painter may paint, in its untransformed pixels.

    Call with an identity transform (after ``resetTransform``).
    """
    device = painter.device()
    dpr = device.devicePixelRatioF() or 1.0
    area = (0.0, 0.0, device.width() / dpr, device.height() / dpr)
    if painter.hasClipping():
        clip = painter.clipBoundingRect()
        if not clip.isEmpty():
            area = (
                max(area[0], clip.left()),
                max(area[1], clip.top()),
                min(area[2], clip.right()),
                min(area[3], clip.bottom()),
            )
    return area


def occlusion_mask(
    px: np.ndarray,
    py: np.ndarray,
    ids: np.ndarray,
    sheet: SpriteSheet,
    area: tuple[float, float, float, float],
) -> np.ndarray:
    """Return True for the points that may show at least one pixel.

    Parameters
    ----------
    px, py
        Integer device pixel of each point's symbol centre, in drawing order
        (a point is drawn over the points before it).
    ids
        Sprite index of each point.
    sheet
        The sprite sheet (for each sprite's opaque core and extent).
    area
        ``(x0, y0, x1, y1)`` of the device pixels that can be painted.

    Notes
    -----
    A point is dropped only if every 2-pixel cell its sprite may touch inside
    ``area`` lies entirely within the opaque core of a point drawn later, so
    the drawn picture is unchanged. The test is conservative: some hidden
    points are kept.
    """
    n = len(px)
    keep = np.ones(n, dtype=bool)
    if n == 0:
        return keep
    sheet.pixmap  # noqa: B018 (renders the sheet: its opaque cores and extents)
    c = CELL
    opaque = sheet.opaque[ids]
    # A point covers the cells within kc cells of its own cell if its opaque
    # core reaches kc*c + c - 1 pixels from its centre pixel.
    kc = 0
    while np.count_nonzero(opaque >= (kc + 1) * c + c - 1) * 2 > n:
        kc += 1
    cover_ok = opaque >= kc * c + c - 1
    if not cover_ok.any():
        return keep
    # Cells a sprite may touch: within kf cells of its own cell.
    reach = (sheet.extent + c - 1) // c
    used = np.bincount(ids, minlength=len(reach)) > 0
    kf_max = int(reach[used].max())
    x0, y0 = int(np.floor(area[0])), int(np.floor(area[1]))
    x1, y1 = int(np.ceil(area[2])), int(np.ceil(area[3]))
    margin = kf_max + 1
    gw = (x1 - x0) // c + 1 + 2 * margin
    gh = (y1 - y0) // c + 1 + 2 * margin
    gx = (px - x0) // c + margin
    gy = (py - y0) // c + margin
    inside = (gx >= 0) & (gx < gw) & (gy >= 0) & (gy < gh)
    order = np.arange(n, dtype=np.int32)
    last = np.full(gw * gh, -1, dtype=np.int32)
    sel = cover_ok & inside
    cell = gy * gw + gx
    np.maximum.at(last, cell[sel], order[sel])
    cover = _box_filter(last.reshape(gh, gw), kc, np.maximum)
    # Cells wholly outside the paintable area never show: count them as covered.
    big = np.iinfo(np.int32).max
    ix1 = margin + (x1 - 1 - x0) // c
    iy1 = margin + (y1 - 1 - y0) // c
    cover[:margin, :] = big
    cover[iy1 + 1 :, :] = big
    cover[:, :margin] = big
    cover[:, ix1 + 1 :] = big
    cover = cover.reshape(-1)
    # A point is hidden when every cell it may touch is covered by a later point:
    # one min filter per reach (small symbols need not look as far).
    hidden = np.zeros(n, dtype=bool)
    reach_of = reach[ids]
    for kf in sorted(set(reach[used].tolist())):
        pick = np.flatnonzero(inside & (reach_of == kf))
        if not len(pick):
            continue
        least = _box_filter(cover.reshape(gh, gw), kf, np.minimum).reshape(-1)
        hidden[pick] = least[cell[pick]] > order[pick]
    keep &= ~hidden
    return keep


def aggregate_mask(
    px: np.ndarray,
    py: np.ndarray,
    ids: np.ndarray,
    sheet: SpriteSheet,
    area: tuple[float, float, float, float],
    counts: np.ndarray | None = None,
) -> np.ndarray:
    """Return True for the last point (in drawing order) of each cell of
    :data:`AGGREGATE_CELL` times the width of the symbols' usual opaque core.

    For symbols piled many times over every pixel (a million facilities in one view):
    each cell then shows the symbol drawn last there, as it would, and the symbols drawn
    before it, which the exact test of :func:`occlusion_mask` would keep for a sliver
    each, are left out. The picture keeps its colours and texture (a level or two of
    difference on average); the drawing costs a blit per cell instead of one per point.
    ``counts`` is how many points use each sprite (counted when not given).
    """
    n = len(px)
    sheet.pixmap  # noqa: B018 (renders the sheet: its opaque cores)
    if counts is None:
        counts = np.bincount(ids, minlength=len(sheet))
    # The median core width over the points, from the few sprites' counts.
    widths = 2 * sheet.opaque + 1
    by_width = np.argsort(widths, kind="stable")
    ranks = np.searchsorted(np.cumsum(counts[by_width]), [(n - 1) // 2, n // 2], side="right")
    median = float(widths[by_width[ranks]].mean())
    cell = max(2, round(AGGREGATE_CELL * median))
    x0, y0 = int(np.floor(area[0])), int(np.floor(area[1]))
    columns = int(np.ceil(area[2] - x0)) // cell + 3
    rows = int(np.ceil(area[3] - y0)) // cell + 3
    cx = px - x0
    cx //= cell
    cx += 1
    np.clip(cx, 0, columns - 1, out=cx)
    cells = py - y0
    cells //= cell
    cells += 1
    np.clip(cells, 0, rows - 1, out=cells)
    cells *= columns
    cells += cx
    last = np.full(rows * columns, -1, dtype=np.int32)
    np.maximum.at(last, cells, np.arange(n, dtype=np.int32))
    keep = np.zeros(n, dtype=bool)
    keep[last[last >= 0]] = True
    return keep


def _box_filter(grid: np.ndarray, k: int, op) -> np.ndarray:
    """Max or min over a (2k+1)^2 box, separably; the border repeats nothing."""
    out = grid.copy()
    if k <= 0:
        return out
    for axis in (0, 1):
        src = out.copy()
        for s in range(1, k + 1):
            if axis == 0:
                op(out[s:], src[:-s], out=out[s:])
                op(out[:-s], src[s:], out=out[:-s])
            else:
                op(out[:, s:], src[:, :-s], out=out[:, s:])
                op(out[:, :-s], src[:, s:], out=out[:, :-s])
    return out


def draw_sprites(
    painter: QPainter,
    sheet: SpriteSheet | SheetImage,
    x: np.ndarray,
    y: np.ndarray,
    ids: np.ndarray,
    *,
    cull: bool = True,
    vector: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Draw sprite ``ids[i]`` centred on device point ``(x[i], y[i])``, in order.

    The painter must have an identity transform (device pixels). Points whose
    sprite cannot reach the paintable area are skipped; with many points, so
    are points entirely hidden by later ones (see :func:`occlusion_mask`).
    With ``vector``, each symbol is painted as shapes (for SVG and PDF), not
    copied from the sheet's pixmap (a :class:`SpriteSheet` then, not a frozen image).
    ``cancelled()`` is asked between two bands (a render in a worker that became
    obsolete): when it says yes, the rest is not drawn.

    Returns
    -------
    int
        The number of sprites blitted (or painted).
    """
    n = len(ids)
    if n == 0 or len(sheet) == 0:
        return 0
    if vector:
        return _paint_shapes(painter, sheet, x, y, ids)
    pixmap = sheet.pixmap
    dpr = painter.device().devicePixelRatioF() or 1.0
    area = paint_area(painter)
    counts = np.bincount(ids, minlength=len(sheet))
    # One margin for all (the widest sprite drawn): a few more points kept at the edges,
    # a pass over the points saved. NaN coordinates fail every comparison.
    ext = float(sheet.extent[counts > 0].max()) / dpr + 1
    with np.errstate(invalid="ignore"):
        vis = np.greater_equal(x, area[0] - ext)
        vis &= np.less_equal(x, area[2] + ext)
        vis &= np.greater_equal(y, area[1] - ext)
        vis &= np.less_equal(y, area[3] + ext)
    if not vis.all():
        x, y, ids = x[vis], y[vis], ids[vis]
        counts = np.bincount(ids, minlength=len(sheet))
    # Snap symbol centres to the middle of a physical pixel: crisp copies. (The points
    # kept are near the paintable area: 32-bit pixels, half the memory to go through.)
    px = np.floor(x * dpr if dpr != 1 else x).astype(np.int32)
    py = np.floor(y * dpr if dpr != 1 else y).astype(np.int32)
    if cull and len(ids) >= OCCLUSION_MIN_POINTS:
        phys_area = tuple(v * dpr for v in area)
        # How piled the symbols are where they lie: an empty part of the area (a picture's
        # margin around the data, a page's blank corner) does not make them less so.
        covered = (
            max(phys_area[0], float(px.min())),
            max(phys_area[1], float(py.min())),
            min(phys_area[2], float(px.max()) + 1),
            min(phys_area[3], float(py.max()) + 1),
        )
        paintable = max((covered[2] - covered[0]) * (covered[3] - covered[1]), 1.0)
        sizes = sheet.rects[:, 2]
        depth = float(counts @ (sizes * sizes)) / paintable
        keep = None
        if depth >= AGGREGATE_DEPTH:
            keep = aggregate_mask(px, py, ids, sheet, phys_area, counts)
        elif depth >= OCCLUSION_DEPTH:
            keep = occlusion_mask(px, py, ids, sheet, phys_area)
        if keep is not None and not keep.all():
            px, py, ids = px[keep], py[keep], ids[keep]
    m = len(ids)
    if m == 0:
        return 0
    heights = sheet.rects[:, 3].astype(np.int32)
    top = py - (heights // 2)[ids]
    bands = _bands(top, heights[ids], area, dpr) if m >= BAND_MIN_SPRITES else None
    if bands is None:
        _draw_fragments(painter, sheet.fragments(px, py, ids, dpr), pixmap)
        return m
    rows, starts, band_top = bands
    frags = sheet.fragments(px[rows], py[rows], ids[rows], dpr)
    for b, (start, stop) in enumerate(itertools.pairwise(starts.tolist())):
        if start == stop:
            continue
        if cancelled is not None and cancelled():
            break
        painter.save()
        band = QRectF(area[0], (band_top + b * BAND) / dpr, area[2] - area[0], BAND / dpr)
        painter.setClipRect(band, Qt.ClipOperation.IntersectClip)
        _draw_fragments(painter, frags[start:stop], pixmap)
        painter.restore()
    return m


def _draw_fragments(painter: QPainter, frags: np.ndarray, pixmap: QPixmap) -> None:
    frags = np.ascontiguousarray(frags)
    fragment = shiboken6.wrapInstance(frags.ctypes.data, QPainter.PixmapFragment)
    painter.drawPixmapFragments(fragment, len(frags), pixmap)


def _bands(
    top: np.ndarray, heights: np.ndarray, area: tuple[float, float, float, float], dpr: float
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Order the sprites band by band of :data:`BAND` physical rows, for
    :func:`draw_sprites`.

    Returns the sprite of each blit (a sprite crossing a band's edge is blitted in
    both bands, each time clipped to its band), the start of each band's blits in
    that list (and its end), and the first band's top row; ``None`` when banding
    would not pay (a short area). Band edges lie on physical rows at any pixel ratio:
    the painter maps a clipping rectangle to the nearest device pixels.
    """
    band_top = int(np.floor(area[1] * dpr))
    count = -(-(int(np.ceil(area[3] * dpr)) - band_top) // BAND)
    if count < 3:
        return None
    first = top - band_top
    first //= BAND
    last = top + heights - 1 - band_top
    last //= BAND
    np.clip(first, 0, count - 1, out=first)
    np.clip(last, 0, count - 1, out=last)
    if int((last - first).max()) <= 1:
        # Sprites no taller than a band cross at most one edge: each crossing sprite is
        # blitted again in the band below. A stable sort on small integers puts the
        # blits band by band; within a band, the sprites from the band above follow the
        # band's own, and one sort of the band's rows restores the drawing order.
        crossing = np.flatnonzero(last > first)
        band = np.concatenate([first, last[crossing]]).astype(np.int16)
        rows = np.concatenate([np.arange(len(top), dtype=np.int32), crossing.astype(np.int32)])
        order = np.argsort(band, kind="stable")
        rows = rows[order]
        starts = np.searchsorted(band[order], np.arange(count + 1))
        for start, stop in itertools.pairwise(starts.tolist()):
            rows[start:stop].sort(kind="stable")  # two sorted runs: merged
        return rows, starts, band_top
    # Taller sprites: each once per band it touches, still in drawing order.
    spans = last - first + 1
    rows = np.repeat(np.arange(len(top)), spans)
    band = first[rows]
    ends = np.cumsum(spans)
    band += np.arange(len(rows)) - np.repeat(ends - spans, spans)
    order = np.argsort(band.astype(np.int16), kind="stable")
    starts = np.searchsorted(band[order], np.arange(count + 1))
    return rows[order], starts, band_top


def _paint_shapes(
    painter: QPainter, sheet: SpriteSheet, x: np.ndarray, y: np.ndarray, ids: np.ndarray
) -> int:
    """Paint each symbol with its sprite's painting function (vector outputs)."""
    area = paint_area(painter)
    ext = sheet.sizes()[ids] / 2 + 1 if len(ids) else np.empty(0)
    vis = (
        np.isfinite(x)
        & np.isfinite(y)
        & (x + ext >= area[0])
        & (x - ext <= area[2])
        & (y + ext >= area[1])
        & (y - ext <= area[3])
    )
    painted = 0
    for px, py, index in zip(x[vis].tolist(), y[vis].tolist(), ids[vis].tolist(), strict=True):
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(px, py)
        sheet.spec(index).paint(painter)
        painter.restore()
        painted += 1
    return painted


class ScaledSheets:
    """Sprite sheets of one kind of symbol by render scale, shared by every item and
    render; the few most recent scales are kept.

    Parameters
    ----------
    sprite
        ``sprite(key, scale)`` draws the symbol ``key`` at ``scale``.
    keep
        How many scales to keep.
    """

    def __init__(self, sprite: Callable, keep: int = 4) -> None:
        self._sprite = sprite
        self._keep = keep
        self._sheets: dict[float, SpriteSheet] = {}

    def clear(self) -> None:
        """Forget every sheet (they are drawn again when next asked for)."""
        self._sheets.clear()

    def __call__(self, scale: float) -> SpriteSheet:
        """The sprite sheet at ``scale``."""
        sheet = self._sheets.get(scale)
        if sheet is None:
            if len(self._sheets) >= self._keep:
                self._sheets.pop(next(iter(self._sheets)))
            sheet = self._sheets[scale] = SpriteSheet(lambda key: self._sprite(key, scale))
        return sheet
