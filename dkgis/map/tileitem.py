"""The canvas item drawing web-map tiles under the vector layers.

It paints only what is already in memory: the tiles of the zoom level that
suits the view, and, where one is still loading, a scaled part of a coarser
tile (or the finer tiles) already there. It never waits for the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsObject

from dkgis.map.tilemath import (
    TileKey,
    tile_bounds,
    tiles_in_extent,
    zoom_for_resolution,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QTransform

    from dkgis.map.tileloader import TileLoader

#: Coarser levels searched for a stand-in while a tile loads.
FALLBACK_LEVELS = 8
#: The coarse level fetched first (this many levels up) to fill the view quickly.
PRELOAD_LEVELS_UP = 2
#: Z value: below every layer item.
TILE_Z = -1000.0


class TileLayerItem(QGraphicsObject):
    """Tiles of the loader's provider for the view given to :meth:`set_view`."""

    def __init__(self, loader: TileLoader) -> None:
        super().__init__()
        self.loader = loader
        self.setZValue(TILE_Z)
        self._extent: tuple[float, float, float, float] | None = None
        self._zoom = 0
        self._keys: list[TileKey] = []
        #: Tiles drawn at their own zoom, and stand-ins, in the last paint.
        self.drawn_exact = 0
        self.drawn_fallback = 0
        loader.tile_loaded.connect(self._on_tile_loaded)

    # -- view --------------------------------------------------------------------------
    def set_view(
        self,
        extent: tuple[float, float, float, float],
        width_px: float,
        pixel_ratio: float = 1.0,
    ) -> list[TileKey]:
        """Show ``extent`` (EPSG:3857) over ``width_px`` device-independent pixels.

        Returns the tiles to load, most urgent first: a few coarse tiles that
        cover the view, then the view's tiles from the centre out, then a ring
        around the view for panning.
        """
        self.prepareGeometryChange()
        self._extent = tuple(extent)
        provider = self.loader.provider
        if provider is None:
            self._keys = []
            return []
        xmin, _, xmax, _ = extent
        metres_per_px = (xmax - xmin) / max(width_px * pixel_ratio, 1.0)
        self._zoom = zoom_for_resolution(metres_per_px, provider.min_zoom, provider.max_zoom)
        self._keys = tiles_in_extent(extent, self._zoom)
        wanted: list[TileKey] = []
        coarse = max(provider.min_zoom, self._zoom - PRELOAD_LEVELS_UP)
        if coarse < self._zoom:
            wanted.extend(tiles_in_extent(extent, coarse))
        wanted.extend(self._keys)
        visible = set(self._keys)
        wanted.extend(k for k in tiles_in_extent(extent, self._zoom, margin=1) if k not in visible)
        self.update()
        return wanted

    @property
    def zoom(self) -> int:
        """The zoom level of the tiles that suit the view."""
        return self._zoom

    @property
    def visible_keys(self) -> list[TileKey]:
        """The tiles of :attr:`zoom` that the view shows."""
        return list(self._keys)

    def _on_tile_loaded(self, key: TileKey) -> None:
        self.update()

    # -- painting ----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # Qt override
        if self._extent is None:
            return QRectF()
        xmin, ymin, xmax, ymax = self._extent
        return QRectF(xmin, ymin, xmax - xmin, ymax - ymin)

    def paint(self, painter: QPainter, *args) -> None:  # Qt override
        self.drawn_exact = self.drawn_fallback = 0
        if not self._keys:
            return
        painter.save()
        transform = painter.transform()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for key in self._keys:
            image = self.loader.image(key)
            target = _device_rect(transform, key)
            if image is not None:
                painter.drawImage(target, image)
                self.drawn_exact += 1
                continue
            if self._draw_ancestor(painter, transform, key):
                self.drawn_fallback += 1
            for child in key.children():
                child_image = self.loader.image(child)
                if child_image is not None:
                    painter.drawImage(_device_rect(transform, child), child_image)
                    self.drawn_fallback += 1
        painter.restore()

    def _draw_ancestor(self, painter: QPainter, transform: QTransform, key: TileKey) -> bool:
        min_zoom = self.loader.provider.min_zoom if self.loader.provider else 0
        for levels in range(1, FALLBACK_LEVELS + 1):
            if key.z - levels < min_zoom:
                return False
            parent = key.parent(levels)
            image: QImage | None = self.loader.image(parent)
            if image is None:
                continue
            source = ancestor_source(key, parent, levels, image.width())
            painter.drawImage(QRectF(_device_rect(transform, key)), image, source)
            return True
        return False


def ancestor_source(key: TileKey, parent: TileKey, levels: int, side: int) -> QRectF:
    """The part of ``parent``'s image (``side`` pixels square) that covers ``key``.

    ``parent`` is the tile ``levels`` zoom levels above ``key``.
    """
    part = side / (1 << levels)
    return QRectF(
        (key.x - (parent.x << levels)) * part,
        (key.y - (parent.y << levels)) * part,
        part,
        part,
    )


def _device_rect(transform: QTransform, key: TileKey) -> QRect:
    """The tile's rectangle in device pixels, with edges rounded so tiles meet exactly."""
    xmin, ymin, xmax, ymax = tile_bounds(key)
    top_left = transform.map(QPointF(xmin, ymax))
    bottom_right = transform.map(QPointF(xmax, ymin))
    left, top = round(top_left.x()), round(top_left.y())
    right, bottom = round(bottom_right.x()), round(bottom_right.y())
    return QRect(left, top, max(right - left, 1), max(bottom - top, 1))
