"""Layers added by the user from their own files, with a style they can change."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from psygnal import Signal

from dkgis.io.geometry_column import GeometryColumn
from dkgis.io.gpkg import TableData
from dkgis.model.layer import Layer, LayerEvents
from dkgis.model.map_geometry import MapGeometry
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.io.readers.base import UserData

USER_KIND = "user"

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

#: Limits of the style values (pixels at 96 dpi).
POINT_SIZE_RANGE = (2.0, 40.0)
LINE_WIDTH_RANGE = (0.5, 20.0)


@dataclass(frozen=True)
class UserStyle:
    """How a user layer is drawn.

    Attributes
    ----------
    colour : str
        ``#rrggbb`` of point symbols, lines and polygon outlines.
    point_size : float
        Diameter of point symbols, in pixels at 96 dpi.
    line_width : float
        Width of lines and polygon outlines, in pixels at 96 dpi.
    fill_alpha : float
        Opacity of polygon fills (0 to 1), under the layer's own opacity.
    """

    colour: str = "#E6007E"
    point_size: float = 7.0
    line_width: float = 1.8
    fill_alpha: float = 0.3

    def __post_init__(self) -> None:
        if not isinstance(self.colour, str) or not _COLOUR.match(self.colour):
            raise ValueError(f"a colour is written #rrggbb, got {self.colour!r}")
        for name, (low, high) in (
            ("point_size", POINT_SIZE_RANGE),
            ("line_width", LINE_WIDTH_RANGE),
            ("fill_alpha", (0.0, 1.0)),
        ):
            value = float(getattr(self, name))
            if not (math.isfinite(value) and low <= value <= high):
                raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value!r}")

    def with_changes(self, **changes) -> UserStyle:
        """A copy with some values changed (validated)."""
        return replace(self, **changes)


class UserLayerEvents(LayerEvents):
    """Events of a :class:`UserLayer`: those of a layer, plus ``style(UserStyle)`` and
    ``data()`` (its features were replaced)."""

    style = Signal(object)
    data = Signal()


class UserLayer(Layer):
    """A layer read from a user file (GeoJSON, GeoPackage, Shapefile, CSV).

    Parameters
    ----------
    name
        Unique identifier within the project.
    title
        Shown in the layer panel (the file or layer name; not translated).
    data
        Attributes and geometry (EPSG:4326). Geometry given as shapely objects is kept
        as a :class:`~dkgis.io.geometry_column.GeometryColumn` (flat coordinate arrays).
    style
        How it is drawn.
    path
        The file it was read from.
    source_crs
        The CRS the file's coordinates were converted from.
    warnings
        What the reader reported although it read the file (features skipped,
        features outside the area of use of the CRS...), translated.

    Events
    ------
    Those of :class:`~dkgis.model.layer.Layer`, ``events.style(UserStyle)``, emitted
    when the style changes, and ``events.data()``, emitted when :meth:`replace_data`
    gives the layer other features.
    """

    def __init__(
        self,
        name: str,
        title: str,
        data: TableData,
        *,
        style: UserStyle | None = None,
        path: Path | None = None,
        source_crs: str | None = None,
        warnings: tuple[str, ...] = (),
        visible: bool = True,
        opacity: float = 1.0,
    ) -> None:
        data = _with_geometry_column(data)
        # The title (a file or layer name) is shown in legends and exports.
        super().__init__(
            name, xml_safe_text(title), USER_KIND, data, visible=visible, opacity=opacity
        )
        self.events = UserLayerEvents(instance=self)
        self._style = style or UserStyle()
        self.path = Path(path) if path is not None else None
        self.source_crs = source_crs
        self.warnings = tuple(warnings)
        self._map: MapGeometry | None = None

    @classmethod
    def from_user_data(cls, data: UserData, name: str, style: UserStyle) -> UserLayer:
        """Make a layer of what a reader returned (see :mod:`dkgis.io.readers`)."""
        return cls(
            name,
            data.title,
            data.table,
            style=style,
            path=data.path,
            source_crs=data.source_crs,
            warnings=data.warnings,
        )

    @property
    def style(self) -> UserStyle:
        """How the layer is drawn; setting it emits ``events.style``."""
        return self._style

    @style.setter
    def style(self, value: UserStyle) -> None:
        if not isinstance(value, UserStyle):
            raise TypeError(f"a user layer's style is a UserStyle, not {type(value).__name__}")
        if value != self._style:
            self._style = value
            self.events.style.emit(value)

    def replace_data(self, data: TableData) -> None:
        """Show other features (a database table read for another view); emits
        ``events.data``. Call from the main thread."""
        self._data = _with_geometry_column(data)
        self._map = None
        self.events.data.emit()

    @property
    def geometry(self) -> GeometryColumn:
        """The geometry of each row (EPSG:4326), as flat coordinate arrays."""
        geometry = self.data.geometry
        return geometry if geometry is not None else GeometryColumn.from_shapely([])

    def map_geometry(self) -> MapGeometry:
        """The geometry as the map draws it: EPSG:3857, by kind, indexed (computed once).

        Call it first in a worker thread (see :meth:`prepare`): for a big layer it
        takes a moment.
        """
        if self._map is None:
            self._map = MapGeometry.from_lonlat(self.geometry)
        return self._map

    def bounds_mercator(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` in EPSG:3857 (NaN when empty), from the drawn parts."""
        return self.map_geometry().bounds()

    @property
    def rows_without_geometry(self) -> int:
        """Rows kept for their attributes that have no geometry to draw."""
        if self.data.geometry is None:
            return len(self.data)
        return int(self.geometry.is_missing().sum())

    def geometry_counts(self) -> dict[str, int]:
        """How many point, line and polygon parts the layer draws."""
        geometry = self.map_geometry()
        return {
            "points": len(geometry.points),
            "lines": len(geometry.lines),
            "polygons": len(geometry.polygons),
        }

    def prepare(self) -> None:
        """Compute the projection, index and bounds now (call from a worker thread before
        adding: the window then has nothing long to do)."""
        self.map_geometry().bounds()


def _with_geometry_column(data: TableData) -> TableData:
    """``data`` with its geometry as a :class:`GeometryColumn` (shapely arrays converted)."""
    geometry = data.geometry
    if geometry is None or isinstance(geometry, GeometryColumn):
        return data
    return TableData(data.name, data.columns, GeometryColumn.from_shapely(geometry))


#: Smallest extent shown when zooming to user layers, in map metres.
MIN_ZOOM_SIZE = 1000.0
#: Margin around user layers zoomed to, as a fraction of their size.
ZOOM_PADDING = 0.08


def layer_name(path: Path, layer: str | None, taken) -> str:
    """The unique name of a layer read from ``path`` (and its ``layer``, if any)."""
    base = Path(path).stem if layer is None else f"{Path(path).stem}/{layer}"
    return unique_layer_name(base, taken)


def next_style(layers) -> UserStyle:
    """The default style of a user layer added to ``layers``: the next palette colour."""
    from dkgis.symbology.user_palette import next_user_colour

    used = [layer.style.colour for layer in layers if layer.kind == USER_KIND]
    return UserStyle(colour=next_user_colour(used))


def insert_user_layer(layers, layer: UserLayer) -> None:
    """Put ``layer`` in the layer list ``layers`` under the facilities (on top otherwise)."""
    index = next((i for i, e in enumerate(layers) if e.kind == "facilities"), len(layers))
    layers.insert(index, layer)


def zoom_extent(user_layers) -> tuple[float, float, float, float] | None:
    """The extent showing the whole of ``user_layers``, with a margin, at least
    :data:`MIN_ZOOM_SIZE` across (``None`` when they have nothing to draw)."""
    boxes = [layer.bounds_mercator() for layer in user_layers]
    boxes = [b for b in boxes if all(math.isfinite(v) for v in b)]
    if not boxes:
        return None
    xmin, ymin = min(b[0] for b in boxes), min(b[1] for b in boxes)
    xmax, ymax = max(b[2] for b in boxes), max(b[3] for b in boxes)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    half_w = max((xmax - xmin) * (1 + 2 * ZOOM_PADDING), MIN_ZOOM_SIZE) / 2
    half_h = max((ymax - ymin) * (1 + 2 * ZOOM_PADDING), MIN_ZOOM_SIZE) / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def unique_layer_name(base: str, taken) -> str:
    """``"user:sites"``, or ``"user:sites (2)"`` when that name is taken."""
    stem = f"user:{base}"
    names = set(taken)
    if stem not in names:
        return stem
    n = 2
    while f"{stem} ({n})" in names:
        n += 1
    return f"{stem} ({n})"
