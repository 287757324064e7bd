"""Longitude/latitude to Lambert-93 (EPSG:2154), the French official projection.

pyproj is imported on first use only (it costs about 0.1 s), and the
transformer is built once and shared; :func:`warm_up` lets the interface build
it in the background before the user needs it. When pyproj or its data is
missing (a broken installation), the conversion says so instead of raising.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

_lock = threading.Lock()
_transformer: Any = None
_error: str | None = None


def _get_transformer() -> Any:
    global _transformer, _error
    if _transformer is None and _error is None:
        with _lock:
            if _transformer is None and _error is None:
                try:
                    from pyproj import Transformer

                    _transformer = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
                except Exception as err:  # ImportError, CRSError, ProjError...
                    _error = f"{type(err).__name__}: {err}"
                    log.warning("Lambert-93 conversion unavailable: %s", _error)
    return _transformer


def warm_up() -> None:
    """Import pyproj and build the transformer now (safe from any thread)."""
    _get_transformer()


def is_ready() -> bool:
    """Whether the transformer is built (a call to :func:`to_lambert93` is then instant)."""
    return _transformer is not None


def unavailable_reason() -> str | None:
    """Why the conversion cannot be done (``None`` while it can, or was not tried yet)."""
    return _error


def to_lambert93(lon: float, lat: float) -> tuple[float, float] | None:
    """Return Lambert-93 ``(x, y)`` metres of a WGS84 point in degrees.

    ``None`` when the conversion is unavailable (see :func:`unavailable_reason`).
    Points far outside France give numbers of no meaning (the projection is
    defined for metropolitan France) but never raise; unusable input gives NaNs.
    """
    transformer = _get_transformer()
    if transformer is None:
        return None
    x, y = transformer.transform(float(lon), float(lat))
    return float(x), float(y)
