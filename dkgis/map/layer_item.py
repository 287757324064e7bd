"""The base class of the canvas items: one item draws one layer of the project."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

if TYPE_CHECKING:
    from dkgis.map.layer_picture import LayerPictures
    from dkgis.model.frame import MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project


def cosmetic_pen(colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    """A pen whose width is in device pixels whatever the zoom."""
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if dash:
        pen.setDashPattern(list(dash))
    return pen


def output_pen(
    colour: str,
    width: float,
    dash: tuple[float, ...] = (),
    *,
    vector: bool = False,
    units_per_pixel: float = 1.0,
) -> QPen:
    """A pen ``width`` device pixels wide: cosmetic on screen and in images; for SVG and
    PDF (``vector``) a plain pen of ``width * units_per_pixel`` painter units, because a
    cosmetic stroke in SVG keeps its width in screen pixels at any zoom of the viewer.

    ``units_per_pixel`` is the painter's units per device pixel (map units per pixel for
    items painting in map coordinates, 1 after ``resetTransform``).
    """
    pen = cosmetic_pen(colour, width, dash)
    if vector:
        pen.setCosmetic(False)
        pen.setWidthF(width * units_per_pixel)
    return pen


def reduced_ratio(painter: QPainter | None) -> float:
    """The device pixel ratio of ``painter``'s device when below 1, else 1.

    A picture drawn at a reduced scale (the export preview: the page laid out at the
    file's size, painted smaller) thins its lines with the rest of the picture;
    cosmetic pens do not follow the device pixel ratio by themselves. High-density
    screens keep one-device-pixel lines (thicker cosmetic lines are much slower).
    """
    if painter is None or painter.device() is None:
        return 1.0
    return min(painter.device().devicePixelRatioF() or 1.0, 1.0)


class LayerItem(QGraphicsObject):
    """Base class of the canvas items: draws one layer as a map frame says.

    What the item shows (year, scenario, hidden sectors, selection...) comes from the
    :class:`~dkgis.model.frame.MapFrame` given with :meth:`set_frame`, never from the
    project's shared state; the host (:class:`dkgis.map.scene.MapLayers`) shows or hides
    the item by the frame's layers. The item follows its layer's opacity (a style).
    """

    #: Layer kinds this class draws; filled by subclasses for the registry.
    kinds: ClassVar[tuple[str, ...]] = ()
    #: Whether an interactive view may keep the item's picture in a device
    #: pixmap cache (Qt scrolls it when the map pans, so a pan frame redraws only
    #: the strip that comes into view). Items whose picture depends on the
    #: visible area as a whole (e.g. label placement) must say no.
    supports_device_cache: ClassVar[bool] = False
    #: Whether an interactive view shows pictures of the item rendered off the GUI
    #: thread (:mod:`dkgis.map.layer_picture`), for items that may have much to draw.
    uses_pictures: ClassVar[bool] = False

    def __init__(self, layer: Layer, project: Project, frame: MapFrame) -> None:
        super().__init__()
        self.layer = layer
        self.project = project
        self.render_scale = 1.0
        #: Paint point symbols as shapes rather than pre-rendered pictures (SVG and PDF).
        self.vector = False
        #: Map units per device pixel of the current view (set by the host view).
        self.units_per_pixel = 1.0
        #: What the map shows (see :meth:`set_frame`).
        self.frame = frame
        #: The pictures shown in an interactive view (see :attr:`uses_pictures`);
        #: ``None``: drawn directly, as exports are.
        self.pictures: LayerPictures | None = None
        self.setVisible(frame.shows(layer.name))
        self.setOpacity(layer.opacity)
        layer.events.opacity.connect(self._on_layer_opacity)

    def disconnect_model(self) -> None:
        """Stop following the layer (called before the item is discarded)."""
        self.layer.events.opacity.disconnect(self._on_layer_opacity)

    def set_frame(self, frame: MapFrame) -> None:
        """Show what ``frame`` says. Items whose picture depends on the year, the sectors
        or the selection restyle when those change (and only then: a frame that only
        moved the extent must not redraw the item)."""
        self.frame = frame

    def _on_layer_opacity(self, opacity: float) -> None:
        self.setOpacity(opacity)

    def set_render_scale(self, scale: float) -> None:
        """Multiply every pixel size (widths, radii) by ``scale``."""
        self.prepareGeometryChange()
        self.render_scale = scale
        self.update()

    def set_units_per_pixel(self, units: float) -> None:
        """Tell the item the view's zoom (map units per device pixel)."""
        if units != self.units_per_pixel:
            self.prepareGeometryChange()
            self.units_per_pixel = units

    def enable_device_cache(self, on: bool) -> None:
        """Keep the item's picture in a device-pixel cache, and show pictures rendered
        off the GUI thread if it :attr:`uses_pictures` (interactive views only)."""
        if on and self.uses_pictures and self.pictures is None:
            # (Imported here: the pictures' module draws through one that imports this one.)
            from dkgis.map.layer_picture import LayerPictures

            self.pictures = LayerPictures(self)
            self.pictures.changed.connect(self.update)
        elif not on and self.pictures is not None:
            self.pictures.cancel()
            self.pictures = None
        self._device_cache = on
        self._update_cache_mode()

    def _update_cache_mode(self) -> None:
        wanted = getattr(self, "_device_cache", False) and self.wants_device_cache()
        mode = (
            QGraphicsItem.CacheMode.DeviceCoordinateCache
            if wanted
            else QGraphicsItem.CacheMode.NoCache
        )
        if self.cacheMode() != mode:
            self.setCacheMode(mode)

    def wants_device_cache(self) -> bool:
        """Whether the picture may be cached now (see :attr:`supports_device_cache`)."""
        return self.supports_device_cache

    # -- output ---------------------------------------------------------------------
    def map_pen(
        self,
        colour: str,
        width: float,
        dash: tuple[float, ...] = (),
        *,
        painter: QPainter | None = None,
    ) -> QPen:
        """A pen ``width`` pixels wide for painting in map coordinates with ``painter``."""
        return output_pen(
            colour,
            width * reduced_ratio(painter),
            dash,
            vector=self.vector,
            units_per_pixel=self.units_per_pixel,
        )

    def device_pen(
        self,
        colour: str,
        width: float,
        dash: tuple[float, ...] = (),
        *,
        painter: QPainter | None = None,
    ) -> QPen:
        """A pen ``width`` pixels wide for painting after ``resetTransform``."""
        return output_pen(colour, width * reduced_ratio(painter), dash, vector=self.vector)

    def set_vector(self, on: bool) -> None:
        """Paint everything as shapes and text, never as pictures (SVG and PDF outputs)."""
        self.vector = bool(on)
        self.update()
