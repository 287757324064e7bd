"""The basemap of the screen canvas: the offline vector basemap, or web tiles under the layers.

``Basemap`` ties a :class:`~dkgis.map.tileloader.TileLoader` and a
:class:`~dkgis.map.tileitem.TileLayerItem` to the canvas's view box. With a web
basemap on, the offline land and commune fills are not drawn (they would hide
the tiles) but commune outlines stay, and the provider's credit joins the map's
attribution. When the service is unavailable the offline basemap comes back by
itself until the service answers again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dkgis.map import style
from dkgis.map.basemaps import CUSTOM, OFFLINE, TileProvider, provider_for, shown_attribution

if TYPE_CHECKING:
    import pyqtgraph as pg

    from dkgis.map.scene import MapLayers
    from dkgis.map.tilecache import DiskTileCache
    from dkgis.map.tileitem import TileLayerItem
    from dkgis.map.tileloader import TileLoader
    from dkgis.map.tilemath import TileKey

#: Default bound of the tile cache on disk (see ``dkgis.map.tilecache``).
DEFAULT_CACHE_BYTES = 200 * 1024 * 1024


class Basemap(QObject):
    """Which basemap the canvas shows, and the machinery of web tiles.

    Parameters
    ----------
    viewbox
        The canvas's view box; the tile item goes under its layer items.
    layers
        The canvas's layer items (their fills are hidden over web tiles) and
        decorations (they show the provider's credit).

    Signals
    -------
    changed(str)
        Another basemap was chosen; emits its id (see :data:`dkgis.map.basemaps.BASEMAPS`).
    unavailable(str)
        The web basemap's service stopped answering; emits the reason. The
        offline basemap is shown meanwhile.
    available()
        The service answers again; its tiles are shown again.
    """

    changed = Signal(str)
    unavailable = Signal(str)
    available = Signal()

    def __init__(self, viewbox: pg.ViewBox, layers: MapLayers) -> None:
        super().__init__()
        self.viewbox = viewbox
        self.layers = layers
        self.choice = OFFLINE
        #: The tile machinery, created when a web basemap is first chosen (so that
        #: an offline start loads no network code).
        self.cache: DiskTileCache | None = None
        self.loader: TileLoader | None = None
        self.item: TileLayerItem | None = None
        self._cache_bytes = DEFAULT_CACHE_BYTES
        self._wanted: list[TileKey] = []
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.timeout.connect(self._send_requests)
        viewbox.sigRangeChanged.connect(self._on_view_changed)
        viewbox.sigResized.connect(self._on_view_changed)
        layers.project.layers.events.inserted.connect(self._on_layer_inserted)

    def tile_loader(self) -> TileLoader:
        """The tile loader, created (with the cache and the tile item) on first use."""
        if self.loader is None:
            from dkgis.map.tilecache import DiskTileCache, default_cache_dir
            from dkgis.map.tileitem import TileLayerItem
            from dkgis.map.tileloader import TileLoader

            self.cache = DiskTileCache(default_cache_dir() / "tiles", self._cache_bytes)
            self.loader = TileLoader(self.cache, self)
            self.loader.unavailable.connect(self._on_loader_unavailable)
            self.loader.available.connect(self._on_loader_available)
            self.item = TileLayerItem(self.loader)
            self.item.setParentItem(self.viewbox.childGroup)
            self.item.setVisible(False)
        return self.loader

    # -- public API --------------------------------------------------------------------
    @property
    def provider(self) -> TileProvider | None:
        """The web tile provider in use (``None`` for the offline basemap)."""
        return self.loader.provider if self.loader is not None else None

    @property
    def showing_tiles(self) -> bool:
        """Whether web tiles are drawn now (a web basemap is chosen and its service is up)."""
        return self.provider is not None and not self.loader.is_unavailable

    def set_basemap(self, choice_id: str, provider: TileProvider | None = None) -> None:
        """Show the basemap ``choice_id``.

        ``provider`` is needed for :data:`~dkgis.map.basemaps.CUSTOM` and
        overrides the built-in definition of the others.

        Raises
        ------
        ValueError
            For an unknown id, or ``custom`` without a provider.
        """
        if choice_id == OFFLINE:
            provider = None
        elif provider is None:
            if choice_id == CUSTOM:
                raise ValueError("the custom basemap needs a tile provider")
            provider = provider_for(choice_id)
            if provider is None:
                raise ValueError(f"unknown basemap {choice_id!r}")
        self.choice = choice_id
        if provider is not None or self.loader is not None:
            self.tile_loader().set_provider(provider)
        self._apply_mode()
        self._on_view_changed()
        self.changed.emit(choice_id)

    def set_cache_limit(self, max_bytes: int) -> None:
        """Bound the disk cache of tiles to ``max_bytes``."""
        self._cache_bytes = max(0, int(max_bytes))
        if self.cache is not None:
            self.cache.max_bytes = self._cache_bytes

    def shutdown(self) -> None:
        """Stop every request and worker (the window is closing)."""
        self._request_timer.stop()
        if self.loader is not None:
            self.loader.shutdown()

    # -- internals ---------------------------------------------------------------------
    def _apply_mode(self) -> None:
        web = self.showing_tiles
        if self.item is not None:
            self.item.setVisible(web)
        for item in self.layers.items.values():
            setter = getattr(item, "set_over_web_basemap", None)
            if setter is not None:
                setter(web)
        self.viewbox.setBackgroundColor(style.TILE_BACKGROUND if web else style.SEA)
        credit = shown_attribution(self.provider) if web and self.provider is not None else None
        self.layers.decorations.set_basemap_credit(credit)

    def _on_layer_inserted(self, *args) -> None:
        self._apply_mode()

    def _on_view_changed(self, *args) -> None:
        if self.provider is None:
            self._wanted = []
            return
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        views = self.viewbox.scene().views() if self.viewbox.scene() is not None else []
        ratio = views[0].devicePixelRatioF() if views else 1.0
        self._wanted = self.item.set_view((x0, y0, x1, y1), self.viewbox.width(), ratio)
        # Coalesce the bursts of range changes of a drag or a wheel turn.
        self._request_timer.start(0)

    def _send_requests(self) -> None:
        if self.loader is not None:
            self.loader.request(self._wanted)

    def _on_loader_unavailable(self, reason: str) -> None:
        self._apply_mode()
        self.unavailable.emit(reason)

    def _on_loader_available(self) -> None:
        self._apply_mode()
        self.available.emit()
