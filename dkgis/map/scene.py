"""The map as a set of canvas items in a ``pg.ViewBox``, kept in step with the project.

``MapLayers`` is the bridge from the model to the picture: it creates one item
per layer of ``project.layers`` (through the item registry), follows the list's
insertions, removals and moves, and draws the decorations. The screen canvas
and the offscreen renderer both use it, so they draw the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg

from dkgis.map import style
from dkgis.map.decorations import DecorationOptions, DecorationsItem
from dkgis.map.items import FacilityItem, LayerItem, item_for_layer

if TYPE_CHECKING:
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project


def make_viewbox() -> pg.ViewBox:
    """A view box for maps: y up, equal scales on both axes, no context menu."""
    viewbox = pg.ViewBox(lockAspect=1.0, enableMenu=False, invertY=False)
    viewbox.setBackgroundColor(style.SEA)
    return viewbox


class MapLayers:
    """Keep the items of a view box in step with ``project.layers``.

    Parameters
    ----------
    project
        The project whose layers are drawn.
    viewbox
        The view box that holds the items.
    options
        Which decorations to draw over the map.
    """

    def __init__(self, project: Project, viewbox: pg.ViewBox, options: DecorationOptions):
        self.project = project
        self.viewbox = viewbox
        self.items: dict[str, LayerItem] = {}
        self.render_scale = 1.0
        for layer in project.layers:
            self._add_item(layer)
        self._restack()
        self.decorations = DecorationsItem(viewbox, project, options)
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
            self.viewbox.removeItem(item)

    def _on_layers_moved(self, *args) -> None:
        self._restack()

    # -- items -----------------------------------------------------------------------
    def _add_item(self, layer: Layer) -> None:
        item = item_for_layer(layer, self.project)
        item.set_render_scale(self.render_scale)
        self.items[layer.name] = item
        self.viewbox.addItem(item, ignoreBounds=True)

    def _restack(self) -> None:
        for z, layer in enumerate(self.project.layers):
            item = self.items.get(layer.name)
            if item is not None:
                item.setZValue(z)

    def set_render_scale(self, scale: float) -> None:
        """Scale every pixel size (lines, symbols, text) by ``scale``."""
        self.render_scale = scale
        for item in self.items.values():
            item.set_render_scale(scale)
        self.decorations.set_render_scale(scale)

    @property
    def facility_item(self) -> FacilityItem | None:
        """The item drawing the facilities, if that layer exists."""
        item = self.items.get("facilities")
        return item if isinstance(item, FacilityItem) else None

    def disconnect(self) -> None:
        """Stop following the project (before the view box is discarded)."""
        events = self.project.layers.events
        events.inserted.disconnect(self._on_layers_inserted)
        events.removed.disconnect(self._on_layers_removed)
        events.moved.disconnect(self._on_layers_moved)
        events.reordered.disconnect(self._on_layers_moved)
        for item in self.items.values():
            item.disconnect_model()
