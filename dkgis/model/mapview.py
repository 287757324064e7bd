"""The part of the map that is shown."""

from __future__ import annotations

import math
from collections.abc import Sequence

from psygnal import Signal

from dkgis.io.schema import AREA_BBOX
from dkgis.model.crs import lonlat_to_mercator

Extent = tuple[float, float, float, float]


def check_extent(extent: Sequence[float]) -> Extent:
    """Return ``extent`` as a tuple of 4 floats, or raise ValueError if it is degenerate.

    An extent is ``(xmin, ymin, xmax, ymax)`` with finite values, ``xmax > xmin``
    and ``ymax > ymin``.
    """
    try:
        values = tuple(float(v) for v in extent)
    except (TypeError, ValueError):
        values = ()
    if len(values) != 4:
        raise ValueError(f"an extent is 4 numbers (xmin, ymin, xmax, ymax), got {extent!r}")
    if not all(math.isfinite(v) for v in values):
        raise ValueError(f"the extent has a value that is not a finite number: {values}")
    xmin, ymin, xmax, ymax = values
    if not (xmax > xmin and ymax > ymin):
        raise ValueError(f"the extent is empty (xmax must exceed xmin, ymax ymin): {values}")
    return values  # type: ignore[return-value]


def area_extent() -> Extent:
    """Return :data:`dkgis.io.schema.AREA_BBOX` in EPSG:3857."""
    lon_min, lat_min, lon_max, lat_max = AREA_BBOX
    xmin, ymin = lonlat_to_mercator(lon_min, lat_min)
    xmax, ymax = lonlat_to_mercator(lon_max, lat_max)
    return (xmin, ymin, xmax, ymax)


class MapView:
    """The extent of the map, in EPSG:3857 metres.

    Parameters
    ----------
    extent
        ``(xmin, ymin, xmax, ymax)``; defaults to the Dunkerque area.

    Events
    ------
    changed : Signal(tuple)
        Emitted with the new extent when it changes.
    """

    changed = Signal(object)

    def __init__(self, extent: Sequence[float] | None = None) -> None:
        self._extent: Extent = check_extent(extent) if extent is not None else area_extent()

    def __repr__(self) -> str:
        return f"MapView(extent={self._extent})"

    @property
    def extent(self) -> Extent:
        """``(xmin, ymin, xmax, ymax)`` in EPSG:3857; setting it emits ``changed``."""
        return self._extent

    @extent.setter
    def extent(self, extent: Sequence[float]) -> None:
        self.set_extent(extent)

    def set_extent(self, extent: Sequence[float]) -> None:
        """Show ``extent`` (ValueError if degenerate); emits ``changed`` if it differs."""
        new = check_extent(extent)
        if new != self._extent:
            self._extent = new
            self.changed.emit(new)

    @property
    def center(self) -> tuple[float, float]:
        """Centre ``(x, y)`` of the extent."""
        xmin, ymin, xmax, ymax = self._extent
        return ((xmin + xmax) / 2.0, (ymin + ymax) / 2.0)

    @property
    def width(self) -> float:
        """Width of the extent in map metres."""
        return self._extent[2] - self._extent[0]

    @property
    def height(self) -> float:
        """Height of the extent in map metres."""
        return self._extent[3] - self._extent[1]

    def set_center(self, x: float, y: float) -> None:
        """Move the extent so that it is centred on ``(x, y)``, keeping its size."""
        w, h = self.width / 2.0, self.height / 2.0
        self.set_extent((x - w, y - h, x + w, y + h))

    def zoom(self, factor: float, about: tuple[float, float] | None = None) -> None:
        """Zoom in by ``factor`` (> 1 zooms in, < 1 zooms out) keeping ``about`` fixed.

        ``about`` defaults to the centre of the extent.
        """
        if not (math.isfinite(factor) and factor > 0):
            raise ValueError(f"zoom factor must be a positive number, got {factor}")
        ax, ay = self.center if about is None else about
        xmin, ymin, xmax, ymax = self._extent
        self.set_extent(
            (
                ax + (xmin - ax) / factor,
                ay + (ymin - ay) / factor,
                ax + (xmax - ax) / factor,
                ay + (ymax - ay) / factor,
            )
        )

    def pan(self, dx: float, dy: float) -> None:
        """Shift the extent by ``(dx, dy)`` map metres."""
        xmin, ymin, xmax, ymax = self._extent
        self.set_extent((xmin + dx, ymin + dy, xmax + dx, ymax + dy))
