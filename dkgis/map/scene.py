"""The map as canvas items, kept in step with the project's layers and a map frame.

``MapLayers`` is the bridge from the model to the picture: it creates one item
per layer of ``project.layers`` (through the item registry), follows the list's
insertions, removals and moves, and draws the decorations. What is drawn (year,
scenario, layers, sectors, selection) is a :class:`~dkgis.model.frame.MapFrame`
given with :meth:`MapLayers.set_frame`: the screen canvas (inside a pyqtgraph view
box) passes the screen's frame as it changes, the offscreen renderer (a plain
graphics scene) the export's frame, so they draw the same thing with the same code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dkgis.map.decorations import DecorationOptions, DecorationsItem
from dkgis.map.items import EmissionItem, FacilityItem, LayerItem, item_for_layer
from dkgis.map.user_items import UserLayerItem  # noqa: F401  (registers the "user" item)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsItem

    from dkgis.model.frame import MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project


class MapLayers:
    """Keep the items under ``content`` in step with ``project.layers``.

    Parameters
    ----------
    project
        The project whose layers are drawn.
    content
        The graphics item whose coordinates are map units (EPSG:3857); layer
        items become its children.
    options
        Which decorations to draw over the map.
    frame
        What the map shows (see :meth:`set_frame`).
    overlay
        The graphics item whose coordinates are the view's pixels; the
        decorations become its child (``None``: top level of the scene).
    device_cache
        Let items that support it cache their picture in device pixels (for an
        interactive view: pans then only draw the strip coming into view).
    """

    def __init__(
        self,
        project: Project,
        content: QGraphicsItem,
        options: DecorationOptions,
        frame: MapFrame,
        overlay: QGraphicsItem | None = None,
        *,
        device_cache: bool = False,
    ) -> None:
        self.project = project
        self.device_cache = device_cache
        self.content = content
        self.frame = frame
        self.items: dict[str, LayerItem] = {}
        self.render_scale = 1.0
        self.units_per_pixel = 1.0
        #: Items paint shapes, never pictures (SVG and PDF outputs).
        self.vector = False
        for layer in project.layers:
            self._add_item(layer)
        self._restack()
        self.decorations = DecorationsItem(project, options, frame, overlay)
        events = project.layers.events
        events.inserted.connect(self._on_layers_inserted)
        events.removed.connect(self._on_layers_removed)
        events.moved.connect(self._on_layers_moved)
        events.reordered.connect(self._on_layers_moved)

    # -- model events ------------------------------------------------------------------
    def _on_layers_inserted(self, index: int, layer: Layer) -> None:
        self._add_item(layer)
        self._restack()

    def _on_layers_removed(self, index: int, layer: Layer) -> None:
        item = self.items.pop(layer.name, None)
        if item is not None:
            item.disconnect_model()
            item.setParentItem(None)
            if item.scene() is not None:
                item.scene().removeItem(item)

    def _on_layers_moved(self, *args) -> None:
        self._restack()

    # -- items -----------------------------------------------------------------------
    def _add_item(self, layer: Layer) -> None:
        item = item_for_layer(layer, self.project, self.frame)
        item.set_render_scale(self.render_scale)
        item.set_units_per_pixel(self.units_per_pixel)
        if self.vector:
            item.set_vector(True)
        if self.device_cache:
            item.enable_device_cache(True)
        item.setParentItem(self.content)
        self.items[layer.name] = item

    def _restack(self) -> None:
        for z, layer in enumerate(self.project.layers):
            item = self.items.get(layer.name)
            if item is not None:
                item.setZValue(z)

    def set_view(self, extent: tuple[float, float, float, float], width: float, height: float):
        """Tell items and decorations that ``extent`` is shown on ``width`` x ``height`` px."""
        xmin, _, xmax, _ = extent
        self.units_per_pixel = (xmax - xmin) / max(width, 1.0)
        for item in self.items.values():
            item.set_units_per_pixel(self.units_per_pixel)
        self.decorations.set_view(extent, width, height)

    def set_render_scale(self, scale: float) -> None:
        """Scale every pixel size (lines, symbols, text) by ``scale``."""
        self.render_scale = scale
        for item in self.items.values():
            item.set_render_scale(scale)
        self.decorations.set_render_scale(scale)

    def set_frame(self, frame: MapFrame) -> None:
        """Draw what ``frame`` says: its layers (whatever the layers' own visibility),
        year, scenario, sectors, selection and names. The project is not changed."""
        self.frame = frame
        for name, item in self.items.items():
            item.setVisible(frame.shows(name))
            item.set_frame(frame)
        self.decorations.set_frame(frame)

    def set_vector(self, on: bool) -> None:
        """Paint shapes and text only, never pictures (SVG and PDF outputs)."""
        self.vector = bool(on)
        for item in self.items.values():
            item.set_vector(on)

    @property
    def emission_item(self) -> EmissionItem | None:
        """The item drawing the emission circles, if that layer exists."""
        item = self.items.get("emissions")
        return item if isinstance(item, EmissionItem) else None

    @property
    def facility_item(self) -> FacilityItem | None:
        """The item drawing the facilities, if that layer exists."""
        item = self.items.get("facilities")
        return item if isinstance(item, FacilityItem) else None

    def disconnect(self) -> None:
        """Stop following the project (before the items are discarded)."""
        events = self.project.layers.events
        events.inserted.disconnect(self._on_layers_inserted)
        events.removed.disconnect(self._on_layers_removed)
        events.moved.disconnect(self._on_layers_moved)
        events.reordered.disconnect(self._on_layers_moved)
        for item in self.items.values():
            item.disconnect_model()
