"""Coordinate conversions between longitude/latitude and Web Mercator.

The dataset stores EPSG:4326 (longitude, latitude in degrees); the map draws in
EPSG:3857 (spherical "Web" Mercator, metres) so that web tiles line up. Only the
spherical formulas are needed, so this module uses numpy alone: pyproj would cost
start-up time for no gain in accuracy.
"""

from __future__ import annotations

from typing import overload

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

#: Radius of the Web Mercator sphere, in metres (the WGS 84 semi-major axis).
EARTH_RADIUS = 6378137.0

#: Latitude where Web Mercator's square world ends (tiles stop there), in degrees.
MAX_LATITUDE = 85.0511287798066

#: Half the width of the Web Mercator world, in metres.
MERCATOR_HALF_WORLD = np.pi * EARTH_RADIUS


@overload
def lonlat_to_mercator(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def lonlat_to_mercator(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]: ...
def lonlat_to_mercator(lon, lat):
    """Convert longitude/latitude (EPSG:4326) to Web Mercator (EPSG:3857).

    Parameters
    ----------
    lon, lat
        Degrees, floats or arrays of the same shape. Latitudes beyond
        ±:data:`MAX_LATITUDE` are clamped to it, as web maps do.

    Returns
    -------
    tuple
        ``(x, y)`` in metres: floats for float input, arrays otherwise.
    """
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    lon_a = np.asarray(lon, dtype=float)
    lat_a = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    x = EARTH_RADIUS * np.radians(lon_a)
    # artanh(sin(lat)) equals ln(tan(pi/4 + lat/2)) and is exactly 0 at the equator.
    y = EARTH_RADIUS * np.arctanh(np.sin(np.radians(lat_a)))
    if scalar:
        return float(x), float(y)
    return x, y


@overload
def mercator_to_lonlat(x: float, y: float) -> tuple[float, float]: ...
@overload
def mercator_to_lonlat(x: ArrayLike, y: ArrayLike) -> tuple[NDArray, NDArray]: ...
def mercator_to_lonlat(x, y):
    """Convert Web Mercator (EPSG:3857) to longitude/latitude (EPSG:4326).

    Parameters
    ----------
    x, y
        Metres, floats or arrays of the same shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in degrees: floats for float input, arrays otherwise.
    """
    scalar = np.ndim(x) == 0 and np.ndim(y) == 0
    x_a = np.asarray(x, dtype=float)
    y_a = np.asarray(y, dtype=float)
    lon = np.degrees(x_a / EARTH_RADIUS)
    lat = np.degrees(2.0 * np.arctan(np.exp(y_a / EARTH_RADIUS)) - np.pi / 2.0)
    if scalar:
        return float(lon), float(lat)
    return lon, lat


def mercator_scale_factor(lat_deg: float) -> float:
    """Return how many map metres (EPSG:3857) one true metre spans at a latitude.

    Parameters
    ----------
    lat_deg
        Latitude in degrees.

    Returns
    -------
    float
        ``1 / cos(lat)``: about 1.59 at Dunkerque (51° N), so a scale bar must be
        drawn 1.59 times longer in map units than the distance it reads.
    """
    lat = float(np.clip(lat_deg, -MAX_LATITUDE, MAX_LATITUDE))
    return 1.0 / float(np.cos(np.radians(lat)))


def mercator_y_to_lat(y: float) -> float:
    """Return the latitude in degrees of a Web Mercator ``y`` (metres)."""
    return mercator_to_lonlat(0.0, float(y))[1]


def _transform_coords(coords: NDArray) -> NDArray:
    x, y = lonlat_to_mercator(coords[:, 0], coords[:, 1])
    return np.column_stack((x, y))


def project_geometry(geoms: ArrayLike) -> NDArray:
    """Project shapely geometries from EPSG:4326 to EPSG:3857.

    Parameters
    ----------
    geoms
        Array (or sequence) of shapely geometries in longitude/latitude; ``None``
        entries stay ``None``.

    Returns
    -------
    numpy.ndarray
        New object array of the projected geometries (the input is not modified).
        Z values are dropped: the map is two-dimensional.
    """
    arr = np.asarray(geoms, dtype=object)
    if arr.size == 0:
        return np.empty(arr.shape, dtype=object)
    return shapely.transform(arr, _transform_coords, include_z=False)
