"""GeoJSON (RFC 7946) and Esri JSON files, read with the standard :mod:`json` module.

The :mod:`json` parser reports the line and column of a syntax error, which a
user can find in a text editor. GeoJSON coordinates are longitude/latitude
unless the file carries a (pre-RFC 7946) ``crs`` member; coordinates that cannot
be degrees make the reader ask for the CRS instead of drawing nonsense. A
``.json`` file that is an Esri JSON FeatureSet (``geometryType``,
``spatialReference``, ``features[].attributes``) is read by
:mod:`dkgis.io.readers.esrijson`. A damaged feature is skipped and named in a
warning; the others load.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from dkgis.i18n import _
from dkgis.io.errors import DatasetError
from dkgis.io.files import FileTooLargeError, NotARegularFileError, read_capped
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
    make_user_data,
    paused_gc,
    report,
)
from dkgis.io.readers.features import (
    PROGRESS_STEP,
    FeatureCollector,
    feature_label,
    finite_number,
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
#: Largest JSON file read: parsing takes several times its size in memory.
MAX_JSON_BYTES = 1 << 30


def load_json(path: Path) -> object:
    """The parsed JSON document of ``path``.

    Raises
    ------
    DatasetError
        For a file that is not UTF-8 JSON (naming the line and column of the error),
        empty, or larger than :data:`MAX_JSON_BYTES`.
    """
    check_file(path)
    try:
        raw = read_capped(path, MAX_JSON_BYTES)
    except FileTooLargeError:
        raise DatasetError(
            path,
            _(
                "the file is larger than {size} GB, too large for a JSON file;"
                " save it as a GeoPackage"
            ).format(size=MAX_JSON_BYTES >> 30),
        ) from None
    except NotARegularFileError:
        check_file(path)  # replaced by a pipe or a device since: say which
        raise
    except OSError as err:
        raise DatasetError(
            path, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DatasetError(
            path,
            _("not UTF-8 text (byte {byte}); JSON files must be UTF-8").format(byte=err.start + 1),
        ) from None
    if not text.strip():
        raise DatasetError(path, _("the file is empty"))
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DatasetError(
            path,
            _("bad JSON at line {line}, column {column}: {reason}").format(
                line=err.lineno, column=err.colno, reason=err.msg
            ),
        ) from None
    except RecursionError:
        raise DatasetError(path, _("bad JSON: nested too deeply")) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise DatasetError(path, _("bad JSON: a number has too many digits")) from None


def _features(path: Path, doc: object) -> list:
    if not isinstance(doc, dict) or "type" not in doc:
        raise DatasetError(
            path, _('not GeoJSON: the file is JSON but has no top-level "type" member')
        )
    kind = doc["type"]
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise DatasetError(path, _('not GeoJSON: the FeatureCollection has no "features" list'))
        return features
    if kind == "Feature":
        return [doc]
    if isinstance(kind, str) and kind in GEOMETRY_TYPES:
        return [{"type": "Feature", "geometry": doc, "properties": {}}]
    shown = json.dumps(kind, ensure_ascii=False)[:60]
    raise DatasetError(path, _("not GeoJSON: unknown top-level type {type}").format(type=shown))


def _declared_crs(doc: object) -> tuple[str | None, str | None]:
    """(CRS, problem) from a legacy ``crs`` member; (EPSG:4326, None) when absent."""
    member = doc.get("crs") if isinstance(doc, dict) else None
    if member is None:
        return crs_mod.LONLAT, None
    name = None
    if isinstance(member, dict):
        props = member.get("properties")
        if isinstance(props, dict):
            name = props.get("name") or props.get("code")
    if isinstance(name, bool) or not isinstance(name, (str, int)):
        return None, _('the "crs" member of the file does not name a coordinate reference system')
    text = str(name)
    if "CRS84" in text.upper():
        return crs_mod.LONLAT, None
    if text.lower().startswith("urn:ogc:def:crs:epsg:"):
        text = "EPSG:" + text.rsplit(":", 1)[-1]
    try:
        return crs_mod.normalize_crs(text), None
    except ValueError:
        return None, _(
            'the coordinate reference system "{crs}" named in the file is unknown'
        ).format(crs=text[:80])


def is_esri_json(doc: object) -> bool:
    """Whether a parsed JSON document is an Esri JSON FeatureSet rather than GeoJSON."""
    if not isinstance(doc, dict) or "type" in doc:
        return False
    return isinstance(doc.get("features"), list) and (
        "geometryType" in doc or "spatialReference" in doc or "fields" in doc
    )


class GeoJsonReader(Reader):
    """Features of a GeoJSON file (or of an Esri JSON FeatureSet)."""

    kind = "geojson"
    label = "GeoJSON / Esri JSON"
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
        doc = load_json(path)
        report(progress, 0.3)
        if is_esri_json(doc):
            from dkgis.io.readers.esrijson import read_esri_json

            collected, crs, problem = read_esri_json(path, doc, progress)
        else:
            features = _features(path, doc)
            crs, problem = _declared_crs(doc)
            collected = FeatureCollector(path)
            with paused_gc():
                _collect(features, collected, progress)
        return finish_features(path, collected, crs, problem, options, progress)


def finish_features(
    path: Path,
    collected: FeatureCollector,
    crs: str | None,
    problem: str | None,
    options: ReadOptions,
    progress: ProgressCallback | None,
) -> UserData:
    """Turn collected features into a :class:`UserData` in longitude/latitude.

    ``crs`` is the file's own (``None`` with ``problem`` when it has none usable);
    ``options.crs`` replaces it. A file without a CRS whose coordinates fit
    degrees is taken for longitude/latitude.

    Raises
    ------
    CrsRequired
        When the CRS is unknown, or coordinates taken for degrees cannot be.
    """
    import shapely

    geoms, columns, warnings = collected.finish(progress)
    present = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    source_bounds = shapely.total_bounds(present) if present.size else (np.nan,) * 4
    if options.crs is not None:
        crs = options.crs
    elif crs is None and crs_mod.looks_like_lonlat(source_bounds) and problem is None:
        crs = crs_mod.LONLAT
    if crs is None:
        raise CrsRequired(
            path,
            problem or crs_mod.lonlat_problem(source_bounds) or "",
            crs_mod.guess_crs(source_bounds),
        )
    if crs_mod.is_lonlat(crs) and options.crs is None:
        lonlat_problem = crs_mod.lonlat_problem(source_bounds)
        if lonlat_problem is not None:
            raise CrsRequired(path, lonlat_problem, crs_mod.guess_crs(source_bounds))
    geoms = crs_mod.geometry_to_lonlat(path, geoms, crs)
    indexes = collected.indexes
    warnings += crs_mod.check_area_of_use(
        path,
        crs,
        crs_mod.geometry_bounds(geoms),
        lambda i: feature_label(indexes[i]),
        crs_mod.guess_crs(source_bounds),
    )
    report(progress, 1.0)
    return make_user_data(path, None, path.stem, columns, geoms, crs, warnings)


def _collect(
    features: list, collected: FeatureCollector, progress: ProgressCallback | None
) -> None:
    """Add the good GeoJSON features to ``collected``; skip the others, saying why."""
    import shapely
    from shapely.geometry import shape

    n = len(features)
    for i, feature in enumerate(features):
        if i and i % PROGRESS_STEP == 0:
            report(progress, 0.3 + 0.6 * i / n)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            collected.skip(i, _('not a GeoJSON "Feature" object'))
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            collected.skip(i, _('"properties" is not an object'))
            continue
        geometry = feature.get("geometry")
        if geometry is None:
            collected.add(i, props)
            continue
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
            collected.skip(i, _('"geometry" is not a GeoJSON geometry'))
            continue
        point = _position(geometry.get("coordinates")) if kind == "Point" else None
        if point is not None:
            collected.add(i, props, point=point)
            continue
        try:
            geom = shape(geometry)
        except Exception as err:  # shapely raises many kinds of errors for bad coordinates
            collected.skip(i, _geometry_problem(kind, err))
            continue
        if not np.isfinite(shapely.get_coordinates(geom)).all():
            collected.skip(i, _("a coordinate is not a finite number"))
            continue
        collected.add(i, props, geometry=geom)


def _geometry_problem(kind: str, err: Exception) -> str:
    detail = str(err).strip() or type(err).__name__
    return _("invalid {type} geometry: {detail}").format(type=kind, detail=detail[:120])


def _position(coords: object) -> tuple[float, float] | None:
    """``(x, y)`` of a GeoJSON position of finite numbers, else ``None``."""
    if not isinstance(coords, list) or len(coords) < 2:
        return None
    x, y = finite_number(coords[0]), finite_number(coords[1])
    if x is None or y is None:
        return None
    return x, y
