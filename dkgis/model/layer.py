"""Map layers and the evented list that holds them."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shapely
from psygnal import Signal, SignalGroup
from psygnal.containers import EventedList

from dkgis.io.gpkg import TableData
from dkgis.model.crs import project_geometry

#: Kinds of layer, each drawn by its own kind of canvas item.
LAYER_KINDS: tuple[str, ...] = (
    "facilities",
    "emissions",
    "communes",
    "land",
    "coastline",
    "infrastructure",
    "user",  # a layer added from the user's own file: dkgis.model.user_layer
)


class LayerEvents(SignalGroup):
    """Events of a :class:`Layer`.

    Attributes
    ----------
    visible : Signal(bool)
        The layer was shown or hidden; emits the new value.
    opacity : Signal(float)
        The layer's opacity changed; emits the new value.
    """

    visible = Signal(bool)
    opacity = Signal(float)


class Layer:
    """One map layer: a table of the dataset and how it is shown.

    Parameters
    ----------
    name
        Unique identifier within a project (the table name for dataset layers).
    title
        English title; the user interface translates it.
    kind
        One of :data:`LAYER_KINDS`.
    data
        The table, with geometry in EPSG:4326.
    visible
        Whether the layer is drawn.
    opacity
        0 (transparent) to 1 (opaque).
    source_ids
        Sources of the data (``sources.id``), whose attributions must be shown
        wherever the layer is drawn.

    Events
    ------
    ``layer.events.visible(bool)`` and ``layer.events.opacity(float)``, emitted
    only when the value changes.
    """

    def __init__(
        self,
        name: str,
        title: str,
        kind: str,
        data: TableData,
        *,
        visible: bool = True,
        opacity: float = 1.0,
        source_ids: Iterable[str] = (),
    ) -> None:
        if kind not in LAYER_KINDS:
            raise ValueError(f"unknown layer kind {kind!r}; expected one of {LAYER_KINDS}")
        self.events = LayerEvents(instance=self)
        self._name = str(name)
        self.title = title
        self._kind = kind
        self._data = data
        self._visible = bool(visible)
        self._opacity = _check_opacity(opacity)
        self.source_ids: tuple[str, ...] = tuple(source_ids)
        self._mercator: np.ndarray | None = None

    def __repr__(self) -> str:
        return (
            f"Layer({self._name!r}, kind={self._kind!r}, rows={len(self._data)},"
            f" visible={self._visible}, opacity={self._opacity:g})"
        )

    @property
    def name(self) -> str:
        """Unique identifier of the layer (read-only)."""
        return self._name

    @property
    def kind(self) -> str:
        """Kind of layer, one of :data:`LAYER_KINDS` (read-only)."""
        return self._kind

    @property
    def data(self) -> TableData:
        """The table shown by the layer (read-only)."""
        return self._data

    @property
    def visible(self) -> bool:
        """Whether the layer is drawn; setting it emits ``events.visible``."""
        return self._visible

    @visible.setter
    def visible(self, value: bool) -> None:
        value = bool(value)
        if value != self._visible:
            self._visible = value
            self.events.visible.emit(value)

    @property
    def opacity(self) -> float:
        """Opacity from 0 to 1; setting it emits ``events.opacity``."""
        return self._opacity

    @opacity.setter
    def opacity(self, value: float) -> None:
        value = _check_opacity(value)
        if value != self._opacity:
            self._opacity = value
            self.events.opacity.emit(value)

    def mercator_geometry(self) -> np.ndarray:
        """Return the geometry projected to EPSG:3857 (computed once, then cached).

        The returned array is read-only: it is shared by every caller.
        """
        if self._mercator is None:
            geoms = self._data.geometry
            projected = np.empty(0, dtype=object) if geoms is None else project_geometry(geoms)
            projected.flags.writeable = False
            self._mercator = projected
        return self._mercator

    def bounds_mercator(self) -> tuple[float, float, float, float]:
        """Return ``(xmin, ymin, xmax, ymax)`` of the layer in EPSG:3857.

        All four are NaN when the layer has no geometry.
        """
        geoms = self.mercator_geometry()
        if geoms.size == 0:
            return (math.nan,) * 4
        xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
        return float(xmin), float(ymin), float(xmax), float(ymax)


def _check_opacity(value: float) -> float:
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"opacity must be between 0 and 1, got {value}")
    return value


class LayerList(EventedList[Layer]):
    """The layers of a project, bottom to top.

    An ``EventedList``: ``events.inserted(index, layer)``, ``events.removed(index,
    layer)``, ``events.moved(src, dest, layer)``, ``events.reordered()`` and, for a
    change of any layer, ``events.child_event(EmissionInfo)``. Layer names are unique.
    """

    def __init__(self, data: Iterable[Layer] = ()) -> None:
        super().__init__(data, child_events=True)

    def _pre_insert(self, value: Layer) -> Layer:
        if not isinstance(value, Layer):
            raise TypeError(f"a LayerList holds Layer objects, not {type(value).__name__}")
        if any(layer.name == value.name for layer in self):
            raise ValueError(f"a layer named {value.name!r} is already in the list")
        return value

    def get(self, name: str) -> Layer | None:
        """Return the layer called ``name``, or ``None``."""
        for layer in self:
            if layer.name == name:
                return layer
        return None

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the layers, bottom to top."""
        return tuple(layer.name for layer in self)

    def visible_layers(self) -> list[Layer]:
        """Return the visible layers, bottom to top."""
        return [layer for layer in self if layer.visible]

    def arrange(self, entries: Iterable[tuple[str, bool, float]]) -> None:
        """Order, show and fade the named layers as ``entries`` say.

        Parameters
        ----------
        entries
            ``(name, visible, opacity)``, bottom to top. The named layers take the places
            that they hold between them in this order; other layers keep their places, and
            names of no layer are ignored.
        """
        wanted = [(self.get(name), visible, opacity) for name, visible, opacity in entries]
        wanted = [(layer, v, o) for layer, v, o in wanted if layer is not None]
        chosen = [layer for layer, _v, _o in wanted]
        order = list(self)
        slots = [i for i, layer in enumerate(order) if layer in chosen]
        for slot, layer in zip(slots, chosen, strict=True):
            order[slot] = layer
        for i, layer in enumerate(order):
            if self[i] is not layer:  # the layers below i are in place: this one is above
                self.move(next(j for j, x in enumerate(self) if x is layer), i)
        for layer, visible, opacity in wanted:
            layer.visible = visible
            layer.opacity = _check_opacity(opacity)
