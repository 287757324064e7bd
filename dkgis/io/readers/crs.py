"""Coordinate reference systems of user files, and conversion to longitude/latitude.

pyproj is imported inside the functions: reading the embedded dataset at
start-up never needs it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely

from dkgis.i18n import _, ngettext
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
        raise ValueError(_("no coordinate reference system given"))
    try:
        return CRS.from_user_input(value)
    except CRSError:
        raise ValueError(
            _("unknown coordinate reference system {crs}").format(crs=repr(str(text))[:120])
        ) from None


def normalize_crs(text: str) -> str:
    """Return ``"EPSG:nnnn"`` for a CRS pyproj can identify, else its WKT.

    Raises
    ------
    ValueError
        When pyproj does not know the CRS.
    """
    return normalized(parse_crs(text))


def normalized(crs) -> str:
    """``"EPSG:nnnn"`` for the ``pyproj.CRS`` ``crs`` when pyproj can identify it, else its
    WKT (see :func:`normalize_crs`)."""
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
    return _(
        "the coordinates range from {xmin}, {ymin} to {xmax}, {ymax}:"
        " they are not longitude/latitude degrees, and the file does not say which"
        " coordinate system they are in"
    ).format(xmin=f"{xmin:.8g}", ymin=f"{ymin:.8g}", xmax=f"{xmax:.8g}", ymax=f"{ymax:.8g}")


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
            path,
            _("coordinates in {crs} cannot be converted to longitude/latitude ({reason})").format(
                crs=crs_label(crs), reason=err
            ),
        ) from None


def _not_convertible(path: Path, x: float, y: float, crs: str) -> DatasetError:
    return DatasetError(
        path,
        _(
            "the point {x}, {y} cannot be converted from {crs} to longitude/latitude;"
            " is this the right coordinate system?"
        ).format(x=f"{x:.6g}", y=f"{y:.6g}", crs=crs_label(crs)),
    )


def lonlat_converter(path: Path, crs: str):
    """A function converting ``(x, y)`` arrays from ``crs`` to ``(lon, lat)`` arrays.

    NaN stays NaN. The function raises :class:`DatasetError` when a finite
    coordinate has no longitude/latitude (outside the CRS's domain). Make one per
    read: it holds a pyproj transformer, which is not shared between threads.
    Lambert-93 and the other conic projections of RGF93 are converted with numpy
    (:class:`ConicConformal`), four times faster than PROJ and as exact.
    """
    transformer = None if is_lonlat(crs) else _transformer(path, crs)
    conic = None if transformer is None else ConicConformal.of_pipeline(transformer.definition)

    def convert(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if transformer is None:
            return x, y
        lon, lat = conic.to_lonlat(x, y) if conic is not None else transformer.transform(x, y)
        lon, lat = np.asarray(lon, float), np.asarray(lat, float)
        bad = np.isfinite(x) & np.isfinite(y) & ~(np.isfinite(lon) & np.isfinite(lat))
        if bad.any():
            i = int(np.argmax(bad))
            raise _not_convertible(path, x[i], y[i], crs)
        return lon, lat

    return convert


#: GRS 80, the ellipsoid of RGF93: semi-major axis (m) and inverse flattening.
GRS80 = (6_378_137.0, 298.257222101)

#: The PROJ pipeline of a conic projection of RGF93 to longitude/latitude, the
#: parameters of its ``inv proj=lcc`` step in between.
_CONIC_PIPELINE = re.compile(
    r"proj=pipeline step inv proj=lcc (?P<params>[a-z0-9_=. +-]+?) ellps=GRS80"
    r" step proj=unitconvert xy_in=rad xy_out=deg\Z"
)
_CONIC_PARAMETERS = {"lat_0", "lon_0", "lat_1", "lat_2", "x_0", "y_0"}


@dataclass(frozen=True)
class ConicConformal:
    """The inverse of a Lambert conformal conic projection with two standard parallels
    on GRS 80 (Lambert-93, the CC42 to CC50 zones), with numpy.

    Follows Snyder, *Map Projections: A Working Manual* (1987), equations 15-7 to 15-11
    and, for the latitude from the conformal latitude, the series of equation 3-5 to
    the eighth power of the eccentricity (error below 0.1 mm).
    """

    lon0: float
    x0: float
    y0: float
    n: float
    af: float  # a F
    rho0: float
    series: tuple[float, float, float, float]

    @classmethod
    @lru_cache(maxsize=16)
    def of_pipeline(cls, definition: str) -> ConicConformal | None:
        """The projection of a PROJ pipeline definition, or ``None`` for any other one."""
        match = _CONIC_PIPELINE.match(definition)
        if match is None:
            return None
        params = dict(item.split("=", 1) for item in match["params"].split(" ") if "=" in item)
        if set(params) != _CONIC_PARAMETERS or len(match["params"].split(" ")) != 6:
            return None
        try:
            values = {k: float(v) for k, v in params.items()}
        except ValueError:
            return None
        if values["lat_1"] == values["lat_2"]:
            return None
        return cls.from_parameters(**values)

    @classmethod
    def from_parameters(cls, lat_0, lon_0, lat_1, lat_2, x_0, y_0) -> ConicConformal:
        """The projection of the given standard parallels, origin (degrees) and false
        easting and northing (metres)."""
        a, rf = GRS80
        e2 = (2 - 1 / rf) / rf
        e = math.sqrt(e2)

        def m(phi: float) -> float:
            return math.cos(phi) / math.sqrt(1 - e2 * math.sin(phi) ** 2)

        def t(phi: float) -> float:
            s = e * math.sin(phi)
            return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (e / 2)

        phi0, phi1, phi2 = (math.radians(v) for v in (lat_0, lat_1, lat_2))
        n = (math.log(m(phi1)) - math.log(m(phi2))) / (math.log(t(phi1)) - math.log(t(phi2)))
        af = a * m(phi1) / (n * t(phi1) ** n)
        series = (
            e2 / 2 + 5 * e2**2 / 24 + e2**3 / 12 + 13 * e2**4 / 360,
            7 * e2**2 / 48 + 29 * e2**3 / 240 + 811 * e2**4 / 11520,
            7 * e2**3 / 120 + 81 * e2**4 / 1120,
            4279 * e2**4 / 161280,
        )
        return cls(math.radians(lon_0), x_0, y_0, n, af, af * t(phi0) ** n, series)

    def to_lonlat(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Longitude and latitude (degrees) of projected ``x``, ``y`` (metres)."""
        sign = 1.0 if self.n > 0 else -1.0
        dx = sign * (x - self.x0)
        dy = sign * (self.rho0 - (y - self.y0))
        theta = np.arctan2(dx, dy)
        rho = np.hypot(dx, dy)
        # Points far outside the projection's area overflow to the pole: they are then
        # found outside the area of use, as they are.
        with np.errstate(divide="ignore", over="ignore"):
            t = np.exp(np.log(rho / self.af) / self.n)
        chi = np.pi / 2 - 2 * np.arctan(t)
        # phi = chi + sum of series[k] sin(2 (k + 1) chi), summed with Clenshaw's recurrence.
        c2 = 2 * np.cos(2 * chi)
        b1 = np.full_like(chi, self.series[3])
        b2 = np.zeros_like(chi)
        for coefficient in self.series[2::-1]:
            b1, b2 = c2 * b1 - b2 + coefficient, b1
        lat = chi + np.sin(2 * chi) * b1
        lon = theta / self.n + self.lon0
        far = np.abs(lon) > np.pi  # PROJ brings longitudes back to [-180, 180]
        if far.any():
            lon[far] = np.remainder(lon[far] + np.pi, 2 * np.pi) - np.pi
        return np.degrees(lon), np.degrees(lat)


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
    convert = lonlat_converter(path, crs)

    def to_lonlat(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(convert(coords[:, 0], coords[:, 1]))

    if isinstance(geoms, GeometryColumn):
        return geoms.transformed(to_lonlat)
    geoms = np.asarray(geoms, dtype=object)
    if geoms.size == 0 or is_lonlat(crs):
        return geoms
    return shapely.transform(geoms, to_lonlat, include_z=False)


#: Degrees added around a CRS's area of use before a feature counts as outside it:
#: projections stay accurate a little beyond it (a Lambert-93 layer reaching Belgium
#: or the Netherlands is sound), while a wrong CRS throws features far away.
AREA_MARGIN = 2.0


@lru_cache(maxsize=32)
def area_of_use(crs: str) -> tuple[tuple[float, float, float, float], str] | None:
    """``((west, south, east, north), name)`` of the area where ``crs`` is meant to be used.

    Degrees of longitude/latitude, from the EPSG database; ``None`` when the CRS
    does not say.
    """
    try:
        area = parse_crs(crs).area_of_use
    except ValueError:
        return None
    if area is None:
        return None
    name = str(area.name).split(". ")[0].split(" (")[0].rstrip(".")
    return (area.west, area.south, area.east, area.north), name


#: Bounds of features as four arrays: ``(xmin, ymin, xmax, ymax)``; NaN for no geometry.
Bounds = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def point_bounds(lon: np.ndarray, lat: np.ndarray) -> Bounds:
    """The :data:`Bounds` of points (no copy)."""
    return lon, lat, lon, lat


def geometry_bounds(geoms) -> Bounds:
    """The :data:`Bounds` of geometries (shapely, or a :class:`GeometryColumn`)."""
    if isinstance(geoms, GeometryColumn):
        b = geoms.row_bounds()
    else:
        b = shapely.bounds(np.asarray(geoms, dtype=object)).reshape(-1, 4)
    return b[:, 0], b[:, 1], b[:, 2], b[:, 3]


def inside_area_of_use(crs: str, bounds: tuple[float, float, float, float]) -> bool:
    """Whether the longitude/latitude ``bounds`` of a whole layer lie within ``crs``'s area
    of use (widened by :data:`AREA_MARGIN`): then none of its features is outside, and
    :func:`check_area_of_use` has nothing to say."""
    area = area_of_use(crs)
    if area is None:
        return True
    (west, south, east, north), _name = area
    xmin, ymin, xmax, ymax = bounds
    if not all(math.isfinite(v) for v in bounds):
        return False
    inside = south - AREA_MARGIN <= ymin and ymax <= north + AREA_MARGIN
    if west <= east:
        inside = inside and west - AREA_MARGIN <= xmin and xmax <= east + AREA_MARGIN
    return inside


def outside_area_of_use(crs: str, bounds: Bounds) -> np.ndarray:
    """Which features, of longitude/latitude ``bounds``, lie outside ``crs``'s area of use.

    A feature is outside when its bounding box leaves the area of use widened by
    :data:`AREA_MARGIN` degrees. Features without geometry (NaN bounds) are not.
    """
    xmin, ymin, xmax, ymax = (np.asarray(b, dtype=float) for b in bounds)
    area = area_of_use(crs)
    if area is None or xmin.size == 0:
        return np.zeros(xmin.size, dtype=bool)
    (west, south, east, north), _name = area
    with np.errstate(invalid="ignore"):
        outside = (ymin < south - AREA_MARGIN) | (ymax > north + AREA_MARGIN)
        if west <= east:  # an area across the antimeridian is judged by latitude alone
            outside |= (xmin < west - AREA_MARGIN) | (xmax > east + AREA_MARGIN)
    return outside


def check_area_of_use(
    path: Path,
    crs: str,
    bounds: Bounds,
    feature_name: Callable[[int], str],
    suggestion: str,
) -> tuple[str, ...]:
    """Refuse or flag the features that the CRS puts outside its area of use.

    Parameters
    ----------
    path
        The file.
    crs
        The CRS the coordinates were converted from.
    bounds
        Longitude/latitude bounds of the converted features (:func:`point_bounds`,
        :func:`geometry_bounds`).
    feature_name
        Names feature ``i`` for the user (``"row 5"``, ``"#3"``).
    suggestion
        The CRS to propose when the user must choose another.

    Returns
    -------
    tuple of str
        A warning naming the features outside the area, or nothing when none is.

    Raises
    ------
    CrsRequired
        When every feature with a geometry is outside: the CRS is wrong.
    DatasetError
        When a converted coordinate is infinite.
    """
    from dkgis.io.readers.base import CrsRequired, listed

    arrays = [np.asarray(b, dtype=float) for b in bounds]
    infinite = np.zeros(arrays[0].size, dtype=bool)
    for values in arrays:
        infinite |= np.isinf(values)
    if infinite.any():
        i = int(np.argmax(infinite))
        raise DatasetError(
            path,
            _("{feature}: its coordinates in {crs} give no finite longitude/latitude").format(
                feature=feature_name(i), crs=crs_label(crs)
            ),
        )
    outside = outside_area_of_use(crs, arrays)
    n = int(np.count_nonzero(outside))
    if n == 0:
        return ()
    _box, area = area_of_use(crs)
    if n == int(np.count_nonzero(~np.isnan(arrays[0]))):
        raise CrsRequired(
            path,
            ngettext(
                "the feature lies outside the area of use of {crs}, which is {area}:"
                " the coordinate system is probably wrong",
                "all {n} features lie outside the area of use of {crs}, which is {area}:"
                " the coordinate system is probably wrong",
                n,
            ).format(n=n, crs=crs_label(crs), area=area),
            suggestion,
        )
    names = [feature_name(int(i)) for i in np.flatnonzero(outside)[:6]]
    return (
        ngettext(
            "{n} feature lies outside the area of use of {crs}, which is {area};"
            " its coordinates or the coordinate system are probably wrong: {features}",
            "{n} features lie outside the area of use of {crs}, which is {area};"
            " their coordinates or the coordinate system are probably wrong: {features}",
            n,
        ).format(n=n, crs=crs_label(crs), area=area, features=listed(names, n)),
    )
