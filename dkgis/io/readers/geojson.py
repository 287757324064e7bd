"""GeoJSON (RFC 7946) and Esri JSON files, plain or compressed with gzip.

Local authorities get the cadastral parcels of their communes from Etalab's
cadastre as ``cadastre-59183-parcelles.json.gz``: such a file is read as it is
downloaded. The JSON is parsed with :mod:`msgspec`, a FeatureCollection a few
thousand features at a time (:mod:`dkgis.io.readers.geojson_schema`): plain features
into types, checked as they are decoded; others into dictionaries and lists (three
times as fast as :mod:`json`, with the same values), checked one by one. A file msgspec
refuses is parsed again with
:mod:`json`, whose message names the line and column of the error, which a user can
find in a text editor, or which reads what it accepts beyond the standard (``NaN``).
The coordinates of the features go straight into flat arrays
(:mod:`dkgis.io.readers.geojson_arrays`); shapely builds only the geometries that
are not plain (a ring left open, a geometry collection), as it always did.

GeoJSON coordinates are longitude/latitude unless the file carries a (pre-RFC 7946)
``crs`` member; coordinates that cannot be degrees make the reader ask for the CRS
instead of drawing nonsense. A ``.json`` file that is an Esri JSON FeatureSet
(``geometryType``, ``spatialReference``, ``features[].attributes``) is read by
:mod:`dkgis.io.readers.esrijson`. A damaged feature is skipped and named in a
warning; the others load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from dkgis.i18n import _
from dkgis.io.errors import DatasetError
from dkgis.io.files import FileTooLargeError, NotARegularFileError, read_capped
from dkgis.io.geometry_column import MISSING, POINT, GeometryColumn, RaggedParts
from dkgis.io.readers import crs as crs_mod
from dkgis.io.readers import geojson_arrays
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
    repeated_values,
    report,
)
from dkgis.io.readers.features import (
    PROGRESS_STEP,
    feature_label,
    finite_number,
    skipped_warnings,
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
#: Largest JSON file read (once decompressed): parsing takes several times its size in
#: memory.
MAX_JSON_BYTES = 1 << 30
#: The first bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"


def is_gzip_name(path: Path) -> bool:
    """Whether ``path`` is named as a gzip-compressed file (``.gz``)."""
    return path.name.lower().endswith(".gz")


def title_of(path: Path) -> str:
    """The layer title of a JSON file: its name without ``.json`` or ``.json.gz``."""
    name = path.name[:-3] if is_gzip_name(path) else path.name
    return Path(name).stem


def load_json(path: Path) -> object:
    """The parsed JSON document of ``path`` (gzip-compressed when named ``*.gz``).

    Raises
    ------
    DatasetError
        For a file that is not UTF-8 JSON (naming the line and column of the error),
        empty, damaged gzip, or larger than :data:`MAX_JSON_BYTES` (compressed or not).
    """
    return parse_json(path, read_json_bytes(path))


def parse_json(path: Path, raw: bytes) -> object:
    """The parsed JSON document of the bytes ``raw`` of ``path`` (see :func:`load_json`)."""
    import msgspec

    try:
        with paused_gc():
            return msgspec.json.decode(without_bom(raw))
    except (ValueError, RecursionError):  # said again, as json says it, below
        pass
    return _load_with_json(path, raw)


def without_bom(raw: bytes) -> bytes:
    """``raw`` without the UTF-8 byte-order mark some editors write first."""
    return raw[3:] if raw.startswith(UTF8_BOM) else raw


def _too_large(path: Path, compressed: bool) -> DatasetError:
    if compressed:
        return DatasetError(
            path,
            _(
                "once decompressed, the file is larger than {size} GB, too large for a JSON"
                " file; save it as a GeoPackage"
            ).format(size=MAX_JSON_BYTES >> 30),
        )
    return DatasetError(
        path,
        _(
            "the file is larger than {size} GB, too large for a JSON file; save it as a GeoPackage"
        ).format(size=MAX_JSON_BYTES >> 30),
    )


def read_json_bytes(path: Path) -> bytes:
    """The bytes of ``path``, decompressed when it is gzip (whatever its name says), at
    most :data:`MAX_JSON_BYTES` either way: a small file that would decompress into
    gigabytes is refused once that many bytes came out."""
    check_file(path)
    try:
        raw = read_capped(path, MAX_JSON_BYTES)
    except FileTooLargeError:
        raise _too_large(path, False) from None
    except NotARegularFileError:
        check_file(path)  # replaced by a pipe or a device since: say which
        raise
    except OSError as err:
        raise DatasetError(
            path, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None
    if not raw.startswith(GZIP_MAGIC):
        return raw  # a .json.gz a browser or a tool already decompressed reads as it is
    import gzip
    import io
    import zlib

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(MAX_JSON_BYTES + 1)
    except (OSError, EOFError, zlib.error) as err:
        reason = str(err).strip() or type(err).__name__
        raise DatasetError(
            path, _("the gzip compression is damaged ({reason})").format(reason=reason[:120])
        ) from None
    if len(data) > MAX_JSON_BYTES:
        raise _too_large(path, True)
    return data


def _load_with_json(path: Path, raw: bytes) -> object:
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
        with paused_gc():
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


def features_of(path: Path, doc: object) -> list:
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


def declared_crs(doc: object) -> tuple[str | None, str | None]:
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
    """Features of a GeoJSON file (or of an Esri JSON FeatureSet), plain or gzip."""

    kind = "geojson"
    label = "GeoJSON / Esri JSON"
    patterns = ("*.geojson", "*.json", "*.geojson.gz", "*.json.gz")

    def inspect(self, path: Path) -> FileInfo:
        # Cheap checks only: a big file is parsed once, in the worker, by read().
        check_file(path)
        layer = LayerInfo(title_of(path), None, None, crs_mod.LONLAT, None)
        return FileInfo(path, self.kind, (layer,), crs_suggestion=crs_mod.LONLAT)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        report(progress, 0.0)
        # The collector paused while the document lives: its millions of lists and
        # dictionaries hold no cycles, and a collection would walk them all, more than once.
        with paused_gc():
            from dkgis.io.readers import geojson_schema

            raw = read_json_bytes(path)
            collection = geojson_schema.split(without_bom(raw))
            if collection is not None:  # a FeatureCollection: its features decoded in chunks
                found, crs, problem = _collection(path, raw, collection, options, progress)
                return finish_features(path, found, crs, problem, options, progress)
            doc = parse_json(path, raw)
            del raw
            report(progress, 0.3)
            if is_esri_json(doc):
                found, crs, problem = _esri_features(path, doc, progress)
            else:
                crs, problem = declared_crs(doc)
                found = collect(path, features_of(path, doc), progress, options.attributes)
            del doc  # freed here, the collector still paused
        return finish_features(path, found, crs, problem, options, progress)


def _collection(
    path: Path, raw: bytes, collection, options: ReadOptions, progress: ProgressCallback | None
) -> tuple[Features, str | None, str | None]:
    """The features of the FeatureCollection ``raw`` split into their texts (``collection``,
    a :class:`geojson_schema.Split`): decoded into types when they are plain, else parsed
    and checked one by one."""
    from dkgis.io.readers import geojson_schema

    def parsing(done: float) -> None:
        report(progress, 0.05 + 0.25 * done)

    crs, problem = declared_crs({"crs": collection.crs})
    features = geojson_schema.typed_features(collection, parsing)
    if features is not None:  # the usual file, checked as it was decoded
        found = collect_typed(path, features, progress, options.attributes)
    else:
        features = geojson_schema.parsed_features(collection, parsing)
        if features is None:  # refused by msgspec: json says why, or reads it
            features = features_of(path, parse_json(path, raw))
        found = collect(path, features, progress, options.attributes)
    del collection
    _free(features)
    return found, crs, problem


def _esri_features(
    path: Path, doc: dict, progress: ProgressCallback | None
) -> tuple[Features, str | None, str | None]:
    from dkgis.io.readers.esrijson import read_esri_json

    collected, crs, problem = read_esri_json(path, doc, progress)
    geoms, columns, warnings = collected.finish(progress)
    indexes = np.asarray(collected.indexes, dtype=np.int64)
    return Features(GeometryColumn.from_shapely(geoms), columns, indexes, warnings), crs, problem


def _free(items: list) -> None:
    """Empty ``items`` a slice at a time: freeing 150 000 decoded features at once holds
    Python's lock (the GIL) for a tenth of a second, and the window waits."""
    while items:
        del items[-5000:]


class Features:
    """The good features of a file: geometry (in the file's CRS), attribute columns, the
    position of each in the file, and the warnings about the others."""

    def __init__(
        self,
        geometry: GeometryColumn,
        columns: dict[str, list],
        indexes: np.ndarray,
        warnings: tuple[str, ...],
    ) -> None:
        self.geometry = geometry
        self.columns = columns
        self.indexes = indexes
        self.warnings = warnings


def finish_features(
    path: Path,
    found: Features,
    crs: str | None,
    problem: str | None,
    options: ReadOptions,
    progress: ProgressCallback | None,
) -> UserData:
    """Turn the features read into a :class:`UserData` in longitude/latitude.

    ``crs`` is the file's own (``None`` with ``problem`` when it has none usable);
    ``options.crs`` replaces it. A file without a CRS whose coordinates fit
    degrees is taken for longitude/latitude.

    Raises
    ------
    CrsRequired
        When the CRS is unknown, or coordinates taken for degrees cannot be.
    """
    geometry = found.geometry
    source_bounds = geometry.total_bounds()
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
    if not crs_mod.is_lonlat(crs):
        geometry = crs_mod.geometry_to_lonlat(path, geometry, crs)
    warnings = found.warnings
    # Each feature's bounds are needed only when the layer's are not well inside the area.
    if not (geometry.all_finite() and crs_mod.inside_area_of_use(crs, geometry.total_bounds())):
        indexes = found.indexes
        warnings += crs_mod.check_area_of_use(
            path,
            crs,
            crs_mod.geometry_bounds(geometry),
            lambda i: feature_label(int(indexes[i])),
            crs_mod.guess_crs(source_bounds),
        )
    report(progress, 1.0)
    return make_user_data(path, None, title_of(path), found.columns, geometry, crs, warnings)


def collect(
    path: Path,
    features: list,
    progress: ProgressCallback | None = None,
    attributes: bool = True,
) -> Features:
    """The good GeoJSON features of ``features`` (parsed JSON); the others are skipped and
    named. ``attributes=False`` leaves the attribute columns out (checks stay the same).

    Raises
    ------
    DatasetError
        When features were listed but none could be read.
    """
    return assemble(path, gather(features, progress), progress, attributes)


def collect_typed(
    path: Path,
    features: list,
    progress: ProgressCallback | None = None,
    attributes: bool = True,
) -> Features:
    """The features of a FeatureCollection decoded into :mod:`geojson_schema` types (see
    :func:`collect`)."""
    return assemble(path, gather_typed(features), progress, attributes)


@dataclass
class Gathered:
    """The candidate features of a file, sorted for building their geometry.

    Attributes
    ----------
    indexes : list of int
        The position in the file of each candidate (a row unless shapely refuses it).
    properties : list of dict
        The properties of each candidate.
    points : tuple of (list, list)
        Candidate rows of points, and their ``(x, y)``.
    batches : dict
        Per geometry type of :data:`geojson_arrays.SHAPES`: candidate rows, their
        coordinates, their geometries.
    others : list of tuple
        (candidate row, geometry) that shapely builds.
    skipped : list of tuple
        (position in the file, reason) of the features left out.
    checked : bool
        Whether the decoder checked that positions are pairs of floats.
    """

    indexes: list[int]
    properties: list[dict]
    points: tuple[list[int], list]
    batches: dict[str, tuple[list[int], list, list]]
    others: list[tuple[int, object]]
    skipped: list[tuple[int, str]]
    checked: bool = False


def gather(features: list, progress: ProgressCallback | None = None) -> Gathered:
    """Sort parsed GeoJSON features, checking each; skip the bad ones, saying why."""
    skipped: list[tuple[int, str]] = []
    indexes: list[int] = []  # position in the file of each candidate feature
    properties: list[dict] = []
    points: tuple[list[int], list[tuple[float, float]]] = ([], [])
    # Per type: candidate rows, their coordinates and their geometries.
    batches: dict[str, tuple[list[int], list, list[dict]]] = {
        k: ([], [], []) for k in geojson_arrays.SHAPES
    }
    others: list[tuple[int, object]] = []  # geometries shapely builds
    n = len(features)
    for i, feature in enumerate(features):
        if i and i % PROGRESS_STEP == 0:
            report(progress, 0.3 + 0.4 * i / n)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            skipped.append((i, _('not a GeoJSON "Feature" object')))
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            skipped.append((i, _('"properties" is not an object')))
            continue
        geometry = feature.get("geometry")
        if geometry is not None:
            kind = geometry.get("type") if isinstance(geometry, dict) else None
            if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
                skipped.append((i, _('"geometry" is not a GeoJSON geometry')))
                continue
            row = len(indexes)
            batch = batches.get(kind)
            point = _position(geometry.get("coordinates")) if kind == "Point" else None
            if batch is not None:
                batch[0].append(row)
                batch[1].append(geometry.get("coordinates"))
                batch[2].append(geometry)
            elif point is not None:
                points[0].append(row)
                points[1].append(point)
            else:
                others.append((row, geometry))
        indexes.append(i)
        properties.append(props)
    return Gathered(indexes, properties, points, batches, others, skipped)


def gather_typed(features: list) -> Gathered:
    """Sort features decoded into :mod:`geojson_schema` types (checked by the decoder)."""
    properties = [f.properties or {} for f in features]
    geometries = [f.geometry for f in features]
    points: tuple[list[int], list] = ([], [])
    batches: dict[str, tuple[list[int], list, list]] = {}
    for kind_type in set(map(type, geometries)) - {type(None)}:
        rows = [r for r, g in enumerate(geometries) if type(g) is kind_type]
        coordinates = [geometries[r].coordinates for r in rows]
        kind = kind_type.__struct_config__.tag
        if kind == "Point":
            points = (rows, coordinates)
        else:
            batches[kind] = (rows, coordinates, [geometries[r] for r in rows])
    return Gathered(list(range(len(features))), properties, points, batches, [], [], True)


def assemble(
    path: Path, gathered: Gathered, progress: ProgressCallback | None, attributes: bool = True
) -> Features:
    """The geometry column and attribute columns of the gathered features."""
    indexes, properties = gathered.indexes, gathered.properties
    points, batches, others = gathered.points, gathered.batches, gathered.others
    skipped = gathered.skipped
    report(progress, 0.7)
    types = np.full(len(indexes), MISSING, dtype=np.int8)
    pieces: dict[str, list[RaggedParts]] = {"points": [], "lines": [], "polygons": []}
    if points[0]:
        rows = np.asarray(points[0], dtype=np.int64)
        single = np.arange(len(rows) + 1, dtype=np.int64)
        pieces["points"].append(RaggedParts(np.asarray(points[1], float), single, single, rows))
        types[rows] = POINT
    for kind, (rows, coordinates, geometries) in batches.items():
        if not rows:
            continue
        shape = geojson_arrays.SHAPES[kind]
        flat, rest = geojson_arrays.flatten(shape, coordinates, np.asarray(rows), gathered.checked)
        if flat is not None:
            pieces[shape.kind].append(flat)
            types[flat.rows] = shape.type_id
        if len(rest):
            by_row = dict(zip(rows, geometries, strict=True))
            others.extend((r, by_row[r]) for r in rest.tolist())
    keep = np.ones(len(indexes), dtype=bool)
    if others:
        _with_shapely(others, indexes, keep, types, pieces, skipped)
    report(progress, 0.85)
    rows_of = np.cumsum(keep) - 1  # candidate -> row, once the skipped ones are left out
    column = GeometryColumn(
        types[keep],
        *(_renumbered(geojson_arrays.merged(pieces[k]), rows_of) for k in pieces),
    )
    kept = np.flatnonzero(keep)
    if len(kept) < len(indexes):
        properties = [properties[c] for c in kept.tolist()]
    skipped.sort()
    found = Features(
        column,
        attribute_columns(properties) if attributes else {},
        np.asarray(indexes, dtype=np.int64)[kept],
        skipped_warnings(path, skipped, len(kept)),
    )
    report(progress, 0.9)
    return found


def _renumbered(parts: RaggedParts, rows_of: np.ndarray) -> RaggedParts:
    if not len(parts):
        return parts
    return RaggedParts(parts.coords, parts.ring_offsets, parts.part_offsets, rows_of[parts.rows])


def _with_shapely(
    others: list[tuple[int, dict]],
    indexes: list[int],
    keep: np.ndarray,
    types: np.ndarray,
    pieces: dict[str, list[RaggedParts]],
    skipped: list[tuple[int, str]],
) -> None:
    """Build ``others`` (candidate row, geometry) with shapely; skip the ones it refuses."""
    import shapely
    from shapely.geometry import shape

    rows, geoms = [], []
    for row, geometry in others:
        if not isinstance(geometry, dict):  # decoded into a type: as the parser makes it
            from dkgis.io.readers.geojson_schema import as_dict

            geometry = as_dict(geometry)
        kind = geometry["type"]
        try:
            geom = shape(geometry)
        except Exception as err:  # shapely raises many kinds of errors for bad coordinates
            keep[row] = False
            skipped.append((indexes[row], _geometry_problem(kind, err)))
            continue
        if not np.isfinite(shapely.get_coordinates(geom)).all():
            keep[row] = False
            skipped.append((indexes[row], _("a coordinate is not a finite number")))
            continue
        rows.append(row)
        geoms.append(geom)
    if not rows:
        return
    built = GeometryColumn.from_shapely(geoms)
    at = np.asarray(rows, dtype=np.int64)
    types[at] = built.types
    for kind, parts in zip(pieces, (built.points, built.lines, built.polygons), strict=True):
        if len(parts):
            pieces[kind].append(
                RaggedParts(parts.coords, parts.ring_offsets, parts.part_offsets, at[parts.rows])
            )


def attribute_columns(properties: list[dict]) -> dict[str, list]:
    """The columns of the features' ``properties``, in the order their names first come.

    A feature without a property has ``None`` in its column; objects and lists are kept
    as their JSON text. The values are new objects (see :func:`detached`).
    """
    columns: dict[str, list] = {}
    for name in dict.fromkeys(chain.from_iterable(properties)):
        values = [p.get(name) for p in properties]
        if not _JSON_CONTAINERS.isdisjoint(map(type, values)):
            values = [
                json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                for v in values
            ]
        columns[name] = detached(values)
    return columns


_JSON_CONTAINERS = frozenset({dict, list})


def detached(values: list) -> list:
    """``values`` as objects made now, a repeated text as one object.

    The parser made each value beside the coordinates of its feature: kept as they
    are, the values of 150 000 features hold the freed memory of the whole document
    (five times the file) in Python's allocator, which gives back only blocks left
    empty. Copies are made together, in blocks of their own, before the document is
    freed. Texts repeated over many features (a commune, a section, a date) share one
    object, as the GeoPackage reader shares them.
    """
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds == {str}:
        distinct = repeated_values(values)
        if distinct is not None:
            fresh = {v: _copy(v) for v in distinct}
            return list(map(fresh.__getitem__, values))
        return [None if v is None else _copy_text(v) for v in values]
    if kinds == {float}:
        return [None if v is None else v * 1.0 for v in values]
    if kinds == {int}:
        return [None if v is None else v + 0 for v in values]
    if kinds & {str, float, int}:
        return list(map(_copy, values))
    return values


def _copy_text(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def _copy(value: object) -> object:
    """A new object equal to a text or a number (the same sign of zero, the same NaN)."""
    kind = type(value)
    if kind is str:
        return _copy_text(value)
    if kind is float:
        return value * 1.0
    if kind is int:
        return value + 0
    return value


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
