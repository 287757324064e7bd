"""Layers added by the user from their own files, with a style they can change."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import shapely
from psygnal import Signal

from dkgis.model.crs import lonlat_to_mercator, project_geometry
from dkgis.model.layer import Layer, LayerEvents
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.io.gpkg import TableData
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


class GeometryParts(NamedTuple):
    """The layer's geometry split by kind, in EPSG:3857, for drawing."""

    points: np.ndarray  # (n, 2) float coordinates
    lines: np.ndarray  # LineString / LinearRing geometries
    polygons: np.ndarray  # Polygon geometries


class UserLayer(Layer):
    """A layer read from a user file (GeoJSON, GeoPackage, Shapefile, CSV).

    Parameters
    ----------
    name
        Unique identifier within the project.
    title
        Shown in the layer panel (the file or layer name; not translated).
    data
        Attributes and geometry (EPSG:4326).
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
        # The title (a file or layer name) is shown in legends and exports.
        super().__init__(
            name, xml_safe_text(title), USER_KIND, data, visible=visible, opacity=opacity
        )
        self.events = UserLayerEvents(instance=self)
        self._style = style or UserStyle()
        self.path = Path(path) if path is not None else None
        self.source_crs = source_crs
        self.warnings = tuple(warnings)
        self._parts: GeometryParts | None = None
        self._bounds: tuple[float, float, float, float] | None = None

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
        self._data = data
        self._parts = None
        self._bounds = None
        self._mercator = None
        self.events.data.emit()

    def geometry_parts(self) -> GeometryParts:
        """Split the geometry into points, lines and polygons in EPSG:3857 (cached).

        Points, the bulk of big files, go straight from coordinate arrays to
        Web Mercator; only lines and polygons are projected as geometries.
        """
        if self._parts is None:
            geoms = self.data.geometry
            if geoms is None:
                geoms = np.empty(0, dtype=object)
            geoms = geoms[~shapely.is_missing(geoms)] if geoms.size else geoms
            kinds = shapely.get_type_id(geoms) if geoms.size else np.empty(0, dtype=int)
            points = geoms[kinds == 0]
            others = geoms[kinds != 0]
            if others.size:
                # Twice: a GeometryCollection may hold multi-part geometries.
                others = shapely.get_parts(shapely.get_parts(others))
                others = others[~shapely.is_empty(others)]
                other_kinds = shapely.get_type_id(others)
                points = np.concatenate([points, others[other_kinds == 0]])
                others = others[other_kinds != 0]
                other_kinds = other_kinds[other_kinds != 0]
            else:
                other_kinds = np.empty(0, dtype=int)
            lonlat = shapely.get_coordinates(points) if points.size else np.empty((0, 2))
            x, y = lonlat_to_mercator(lonlat[:, 0], lonlat[:, 1])
            projected = project_geometry(others) if others.size else others
            self._parts = GeometryParts(
                np.ascontiguousarray(np.column_stack([x, y]), dtype=float),
                projected[(other_kinds == 1) | (other_kinds == 2)],
                projected[other_kinds == 3],
            )
        return self._parts

    def bounds_mercator(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` in EPSG:3857 (NaN when empty), from the drawn parts."""
        if self._bounds is None:
            parts = self.geometry_parts()
            boxes = []
            if len(parts.points):
                boxes.append((*parts.points.min(axis=0), *parts.points.max(axis=0)))
            for geoms in (parts.lines, parts.polygons):
                if geoms.size:
                    boxes.append(tuple(shapely.total_bounds(geoms)))
            if boxes:
                b = np.asarray(boxes, dtype=float)
                self._bounds = (
                    float(b[:, 0].min()),
                    float(b[:, 1].min()),
                    float(b[:, 2].max()),
                    float(b[:, 3].max()),
                )
            else:
                self._bounds = (math.nan,) * 4
        return self._bounds

    @property
    def rows_without_geometry(self) -> int:
        """Rows kept for their attributes that have no geometry to draw."""
        geoms = self.data.geometry
        if geoms is None or geoms.size == 0:
            return len(self.data)
        return int(np.count_nonzero(shapely.is_missing(geoms)))

    def geometry_counts(self) -> dict[str, int]:
        """How many point, line and polygon parts the layer draws."""
        parts = self.geometry_parts()
        return {
            "points": len(parts.points),
            "lines": len(parts.lines),
            "polygons": len(parts.polygons),
        }

    def prepare(self) -> None:
        """Compute the cached projections now (call from a worker thread before adding)."""
        self.geometry_parts()
        self.bounds_mercator()


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
