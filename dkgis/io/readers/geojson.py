"""GeoJSON files (RFC 7946), read with the standard :mod:`json` module.

The :mod:`json` parser reports the line and column of a syntax error, which a
user can find in a text editor. Coordinates are longitude/latitude unless the
file carries a (pre-RFC 7946) ``crs`` member; coordinates that cannot be
degrees make the reader ask for the CRS instead of drawing nonsense.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from dkgis.io.errors import DatasetError
from dkgis.io.readers import crs as crs_mod
from dkgis.io.readers.base import (
    CrsRequired,
    FileInfo,
    LayerInfo,
    ProgressCallback,
    Reader,
    ReadOptions,
    UserData,
    check_file,
    make_points,
    make_user_data,
    paused_gc,
    report,
)

GEOMETRY_TYPES = frozenset(
    {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    }
)
#: Features converted between two progress reports.
PROGRESS_STEP = 20_000


def _load(path: Path) -> object:
    check_file(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DatasetError(path, f"cannot be opened ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DatasetError(
            path, f"not UTF-8 text (byte {err.start + 1}); GeoJSON files must be UTF-8"
        ) from None
    if not text.strip():
        raise DatasetError(path, "the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DatasetError(
            path, f"bad JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except RecursionError:
        raise DatasetError(path, "bad JSON: nested too deeply") from None


def _features(path: Path, doc: object) -> list[dict]:
    if not isinstance(doc, dict) or "type" not in doc:
        raise DatasetError(path, 'not GeoJSON: the file is JSON but has no top-level "type" member')
    kind = doc["type"]
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise DatasetError(path, 'not GeoJSON: the FeatureCollection has no "features" list')
        return features
    if kind == "Feature":
        return [doc]
    if kind in GEOMETRY_TYPES:
        return [{"type": "Feature", "geometry": doc, "properties": {}}]
    raise DatasetError(path, f'not GeoJSON: unknown top-level type "{kind}"')


def _declared_crs(path: Path, doc: object) -> tuple[str | None, str | None]:
    """(CRS, problem) from a legacy ``crs`` member; (EPSG:4326, None) when absent."""
    member = doc.get("crs") if isinstance(doc, dict) else None
    if member is None:
        return crs_mod.LONLAT, None
    name = None
    if isinstance(member, dict):
        props = member.get("properties")
        if isinstance(props, dict):
            name = props.get("name") or props.get("code")
    if not isinstance(name, (str, int)):
        return None, 'the "crs" member of the file does not name a coordinate reference system'
    text = str(name)
    if "CRS84" in text.upper():
        return crs_mod.LONLAT, None
    if text.lower().startswith("urn:ogc:def:crs:epsg:"):
        text = "EPSG:" + text.rsplit(":", 1)[-1]
    try:
        return crs_mod.normalize_crs(text), None
    except ValueError:
        return None, f'the coordinate reference system "{name}" named in the file is unknown'


def _geometry_type(features: list) -> str | None:
    types = {
        f.get("geometry", {}).get("type")
        for f in features[:1000]
        if isinstance(f, dict) and isinstance(f.get("geometry"), dict)
    }
    return types.pop() if len(types) == 1 else None


class GeoJsonReader(Reader):
    """Features of a GeoJSON file."""

    kind = "geojson"
    label = "GeoJSON"
    patterns = ("*.geojson", "*.json")

    def inspect(self, path: Path) -> FileInfo:
        # Cheap checks only: a big file is parsed once, in the worker, by read().
        check_file(path)
        layer = LayerInfo(path.stem, None, None, crs_mod.LONLAT, None)
        return FileInfo(path, self.kind, (layer,), crs_suggestion=crs_mod.LONLAT)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        report(progress, 0.0)
        doc = _load(path)
        report(progress, 0.3)
        features = _features(path, doc)
        crs, problem = _declared_crs(path, doc)
        if options.crs is not None:
            crs, problem = options.crs, None
        if crs is None:
            raise CrsRequired(path, problem or "unknown coordinate reference system")
        with paused_gc():
            geoms, columns = _convert(path, features, progress)
        if crs_mod.is_lonlat(crs) and options.crs is None:
            present = geoms[~_missing(geoms)]
            if present.size:
                import shapely

                bounds = shapely.total_bounds(present)
                problem = crs_mod.lonlat_problem(bounds)
                if problem is not None:
                    raise CrsRequired(path, problem, crs_mod.guess_crs(bounds))
        geoms = crs_mod.geometry_to_lonlat(path, geoms, crs)
        report(progress, 1.0)
        return make_user_data(path, None, path.stem, columns, geoms, crs)


def _missing(geoms: np.ndarray) -> np.ndarray:
    import shapely

    return shapely.is_missing(geoms) | shapely.is_empty(geoms)


def _convert(
    path: Path, features: list, progress: ProgressCallback | None
) -> tuple[np.ndarray, dict[str, list]]:
    """Shapely geometries and property columns of the features."""
    import shapely
    from shapely.geometry import shape

    n = len(features)
    geoms = np.full(n, None, dtype=object)
    columns: dict[str, list] = {}
    point_index: list[int] = []
    point_xy: list[tuple[float, float]] = []
    for i, feature in enumerate(features):
        if i and i % PROGRESS_STEP == 0:
            report(progress, 0.3 + 0.6 * i / n)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DatasetError(path, f'feature {i + 1} is not a GeoJSON "Feature" object')
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise DatasetError(path, f'feature {i + 1}: "properties" is not an object')
        for key, value in props.items():
            values = columns.get(key)
            if values is None:
                values = columns[key] = [None] * i
            if isinstance(value, (dict, list)):
                value = json.dumps(value, ensure_ascii=False)
            values.append(value)
        for values in columns.values():
            if len(values) < i + 1:
                values.append(None)
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            raise DatasetError(path, f"feature {i + 1}: not a GeoJSON geometry")
        coords = geometry.get("coordinates")
        if geometry["type"] == "Point" and _is_position(coords):
            point_index.append(i)
            point_xy.append((float(coords[0]), float(coords[1])))
            continue
        try:
            geoms[i] = shape(geometry)
        except (ValueError, TypeError, IndexError, KeyError, AttributeError) as err:
            raise DatasetError(
                path, f"feature {i + 1}: invalid {geometry['type']} geometry ({err})"
            ) from None
        except shapely.errors.ShapelyError as err:
            raise DatasetError(
                path, f"feature {i + 1}: invalid {geometry['type']} geometry ({err})"
            ) from None
    if point_index:
        xy = np.asarray(point_xy, dtype=float)
        geoms[np.asarray(point_index)] = make_points(xy[:, 0], xy[:, 1], progress, (0.9, 0.95))
    return geoms, columns


def _is_position(coords: object) -> bool:
    return (
        isinstance(coords, list)
        and len(coords) >= 2
        and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords[:2])
        and all(math.isfinite(c) for c in coords[:2])
    )
