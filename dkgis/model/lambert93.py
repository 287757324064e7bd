"""Longitude/latitude to Lambert-93 (EPSG:2154), the French official projection.

pyproj is imported on first use only (it costs about 0.15 s), and the
transformer is built once and shared; :func:`warm_up` lets the interface build
it in the background before the user needs it.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_transformer: Any = None


def _get_transformer() -> Any:
    global _transformer
    if _transformer is None:
        with _lock:
            if _transformer is None:
                from pyproj import Transformer

                _transformer = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    return _transformer


def warm_up() -> None:
    """Import pyproj and build the transformer now (safe from any thread)."""
    _get_transformer()


def is_ready() -> bool:
    """Whether the transformer is built (a call to :func:`to_lambert93` is then instant)."""
    return _transformer is not None


def to_lambert93(lon: float, lat: float) -> tuple[float, float]:
    """Return Lambert-93 ``(x, y)`` metres of a WGS84 point in degrees.

    Points far outside France give numbers of no meaning (the projection is
    defined for metropolitan France) but never raise; unusable input gives NaNs.
    """
    x, y = _get_transformer().transform(float(lon), float(lat))
    return float(x), float(y)
