"""Coordinate reference systems of user files, and conversion to longitude/latitude.

pyproj is imported inside the functions: reading the embedded dataset at
start-up never needs it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from dkgis.io.errors import DatasetError
from dkgis.io.geometry_column import GeometryColumn

LONLAT = "EPSG:4326"
LAMBERT_93 = "EPSG:2154"


@dataclass(frozen=True)
class CommonCrs:
    """A coordinate reference system offered by name."""

    code: str
    name: str  # English; the user interface translates it


#: Offered to the user, most likely first (Lambert-93 and WGS 84 lead).
COMMON_CRS: tuple[CommonCrs, ...] = (
    CommonCrs(LAMBERT_93, "Lambert-93 (RGF93, metres)"),
    CommonCrs(LONLAT, "WGS 84 longitude/latitude (degrees, GPS)"),
    CommonCrs("EPSG:27572", "Lambert II étendu (NTF, metres)"),
    CommonCrs("EPSG:32631", "UTM zone 31N (WGS 84, metres)"),
    CommonCrs("EPSG:3857", "Web Mercator (metres, web maps)"),
)

# Rough boxes of mainland France in a few projected CRS, (xmin, ymin, xmax, ymax),
# to suggest which CRS projected coordinates are in. Order matters: first match wins.
_FRANCE_BOXES: tuple[tuple[str, tuple[float, float, float, float]], ...] = (
    (LAMBERT_93, (-100_000.0, 6_000_000.0, 1_300_000.0, 7_200_000.0)),
    ("EPSG:27572", (-100_000.0, 1_600_000.0, 1_300_000.0, 2_800_000.0)),
    ("EPSG:32631", (-200_000.0, 4_500_000.0, 1_100_000.0, 5_750_000.0)),
)


def parse_crs(text: str):
    """Return the ``pyproj.CRS`` for ``text`` (``"2154"``, ``"EPSG:2154"``, WKT, ...).

    Raises
    ------
    ValueError
        When pyproj does not know it; the message is meant for the user.
    """
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    value = str(text).strip()
    if value.isdigit():
        value = f"EPSG:{value}"
    elif value.lower().startswith("epsg") and value[4:].strip(" :").isdigit():
        value = f"EPSG:{value[4:].strip(' :')}"
    if not value:
        raise ValueError("no coordinate reference system given")
    try:
        return CRS.from_user_input(value)
    except CRSError:
        raise ValueError(f"unknown coordinate reference system {text!r}") from None


def normalize_crs(text: str) -> str:
    """Return ``"EPSG:nnnn"`` for a CRS pyproj can identify, else its WKT.

    Raises
    ------
    ValueError
        When pyproj does not know the CRS.
    """
    crs = parse_crs(text)
    epsg = crs.to_epsg(min_confidence=90)
    if epsg is not None:
        return f"EPSG:{epsg}"
    auth = crs.to_authority(min_confidence=90)
    if auth is not None and auth[0].upper() == "OGC" and auth[1].upper() in {"CRS84", "84"}:
        return LONLAT
    return crs.to_wkt()


def crs_label(text: str) -> str:
    """A short label for a CRS: ``"EPSG:2154 (RGF93 v1 / Lambert-93)"``."""
    try:
        crs = parse_crs(text)
    except ValueError:
        return str(text)
    code = normalize_crs(text)
    if code.startswith("EPSG:"):
        return f"{code} ({crs.name})"
    return crs.name


def is_lonlat(text: str) -> bool:
    """Whether ``text`` names WGS 84 longitude/latitude (EPSG:4326 or OGC:CRS84)."""
    return text == LONLAT or normalize_crs(text) == LONLAT


def looks_like_lonlat(bounds) -> bool:
    """Whether ``(xmin, ymin, xmax, ymax)`` fits longitude/latitude degrees."""
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
        return True  # nothing to judge
    return -180.0 <= xmin <= xmax <= 180.0 and -90.0 <= ymin <= ymax <= 90.0


def guess_crs(bounds) -> str:
    """Suggest the CRS of coordinates whose extent is ``bounds``.

    Longitude/latitude when they fit degrees; otherwise the first of Lambert-93,
    Lambert II étendu and UTM 31N whose box of mainland France holds them;
    Lambert-93 when none does.
    """
    if looks_like_lonlat(bounds):
        return LONLAT
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    for code, (bx0, by0, bx1, by1) in _FRANCE_BOXES:
        if bx0 <= xmin and xmax <= bx1 and by0 <= ymin and ymax <= by1:
            return code
    return LAMBERT_93


def lonlat_problem(bounds) -> str | None:
    """Why coordinates taken for longitude/latitude cannot be, or ``None``."""
    if looks_like_lonlat(bounds):
        return None
    xmin, ymin, xmax, ymax = bounds
    return (
        f"the coordinates range from {xmin:.8g}, {ymin:.8g} to {xmax:.8g}, {ymax:.8g}:"
        " they are not longitude/latitude degrees, and the file does not say which"
        " coordinate system they are in"
    )


def _transformer(path: Path, crs: str):
    from pyproj import Transformer
    from pyproj.exceptions import ProjError

    try:
        source = parse_crs(crs)
    except ValueError as err:
        raise DatasetError(path, str(err)) from None
    try:
        return Transformer.from_crs(source, LONLAT, always_xy=True)
    except ProjError as err:
        raise DatasetError(
            path, f"coordinates in {crs} cannot be converted to longitude/latitude ({err})"
        ) from None


def lonlat_converter(path: Path, crs: str):
    """A function converting ``(x, y)`` arrays from ``crs`` to ``(lon, lat)`` arrays.

    NaN stays NaN. The function raises :class:`DatasetError` when a finite
    coordinate has no longitude/latitude (outside the CRS's domain). Make one per
    read: it holds a pyproj transformer, which is not shared between threads.
    """
    transformer = None if is_lonlat(crs) else _transformer(path, crs)

    def convert(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if transformer is None:
            return x, y
        lon, lat = transformer.transform(x, y)
        lon, lat = np.asarray(lon, float), np.asarray(lat, float)
        bad = np.isfinite(x) & np.isfinite(y) & ~(np.isfinite(lon) & np.isfinite(lat))
        if bad.any():
            i = int(np.argmax(bad))
            raise DatasetError(
                path,
                f"the point {x[i]:.6g}, {y[i]:.6g} cannot be converted from {crs} to"
                " longitude/latitude; is this the right coordinate system?",
            )
        return lon, lat

    return convert


def xy_to_lonlat(path: Path, x: np.ndarray, y: np.ndarray, crs: str):
    """Convert coordinate arrays from ``crs`` to longitude/latitude (see
    :func:`lonlat_converter`)."""
    return lonlat_converter(path, crs)(x, y)


def geometry_to_lonlat(path: Path, geoms, crs: str):
    """Convert geometries (shapely, or a :class:`GeometryColumn`) from ``crs`` to
    longitude/latitude (EPSG:4326).

    Raises
    ------
    DatasetError
        When a coordinate cannot be converted.
    """
    if isinstance(geoms, GeometryColumn):
        convert = lonlat_converter(path, crs)
        return geoms.transformed(lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1])))
    geoms = np.asarray(geoms, dtype=object)
    if geoms.size == 0 or is_lonlat(crs):
        return geoms
    transformer = _transformer(path, crs)
    failed: list[tuple[float, float]] = []

    def convert(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        out = np.column_stack([lon, lat])
        bad = ~np.isfinite(out).all(axis=1) & np.isfinite(coords).all(axis=1)
        if bad.any() and not failed:
            failed.append(tuple(coords[int(np.argmax(bad))]))
        return out

    result = shapely.transform(geoms, convert, include_z=False)
    if failed:
        x, y = failed[0]
        raise DatasetError(
            path,
            f"the point {x:.6g}, {y:.6g} cannot be converted from {crs} to"
            " longitude/latitude; is this the right coordinate system?",
        )
    return result
