"""GeoPackages and Shapefiles (also zipped).

A GeoPackage layer is read with :mod:`sqlite3`, and a shapefile with numpy, when they
can be read so exactly as GDAL reads them (:mod:`dkgis.io.readers.gpkg_features`,
:mod:`dkgis.io.readers.shp_features`: faster, and pyogrio, which imports pandas, is not
imported); anything else is read with pyogrio (GDAL), whose raw reader returns WKB and
numpy arrays. Large layers are read in chunks of features, which gives progress and lets
the user cancel between chunks. A shapefile without its ``.dbf`` (attribute) file loads
its geometries, with a warning.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dkgis.i18n import _
from dkgis.io import schema
from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import NOT_A_GEOPACKAGE
from dkgis.io.readers import crs as crs_mod
from dkgis.io.readers import gpkg_features, shp_features
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
    repeated_values,
    report,
)
from dkgis.io.readers.gpkg_features import Chunk, Unsupported

#: With a progress callback (a window waits): features read by the first call, then as
#: many as are read in about :data:`CHUNK_SECONDS`, each call holding Python's lock much
#: of the time (the window answers little meanwhile). Progress and cancel happen between
#: chunks.
CHUNK_FEATURES = 5_000
CHUNK_SECONDS = 0.02
MAX_CHUNK_FEATURES = 20_000
#: Without one (the command line), features read per call.
BATCH_FEATURES = 200_000

#: Tables whose presence marks a dkgis dataset.
DATASET_TABLES = frozenset(t.name for t in schema.TABLES)


#: Compression methods GDAL reads inside a zip archive.
ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})

#: Files of formats dkgis does not read, found in zip archives: (name ending, format).
FOREIGN_FORMATS = (
    (".gdb", "File Geodatabase (.gdb)"),
    (".gdbtable", "File Geodatabase (.gdb)"),
    (".tab", "MapInfo (.tab)"),
    (".mif", "MapInfo (.mif)"),
    (".kml", "KML"),
    (".kmz", "KMZ"),
    (".dwg", "AutoCAD (.dwg)"),
    (".dxf", "AutoCAD (.dxf)"),
)


def _gdal_problem(err: Exception) -> str:
    message = str(err).strip() or type(err).__name__
    return _("cannot be read by GDAL ({detail})").format(detail=message[:300])


def _layer_info(source: str, path: Path, name: str | None, label: str) -> LayerInfo:
    import pyogrio

    try:
        info = pyogrio.read_info(source, layer=name)
    except Exception as err:  # pyogrio raises its own and GDAL's errors
        raise DatasetError(path, _gdal_problem(err)) from None
    geometry_type = info.get("geometry_type")
    crs = info.get("crs")
    problem = None
    if crs is None:
        problem = _no_crs_problem()
    else:
        try:
            crs = crs_mod.normalize_crs(crs)
        except ValueError:
            problem = _("its coordinate reference system is unknown ({crs})").format(
                crs=str(crs)[:80]
            )
            crs = None
    features = info.get("features")
    return LayerInfo(
        label,
        geometry_type,
        int(features) if features is not None and features >= 0 else None,
        crs,
        problem,
    )


def _no_crs_problem() -> str:
    return _("the file does not say which coordinate reference system it uses")


def _suggestion(source: str, name: str | None) -> str:
    import pyogrio

    try:
        info = pyogrio.read_info(source, layer=name, force_total_bounds=True)
        bounds = info.get("total_bounds")
        if bounds is not None:
            return crs_mod.guess_crs(bounds)
    except Exception:  # the suggestion is only a convenience
        pass
    return crs_mod.LAMBERT_93


def _total(bounds: list[tuple[float, float, float, float]]) -> tuple[float, ...]:
    """The bounds of several bounds (NaN ones left out)."""
    b = np.array(bounds, dtype=float).reshape(-1, 4)
    b = b[np.isfinite(b).all(axis=1)]
    if not len(b):
        return (np.nan,) * 4
    return (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())


def _no_geometry(count: int):
    from dkgis.io.geometry_column import MISSING, GeometryColumn

    return GeometryColumn(np.full(count, MISSING, dtype=np.int8))


def _python_values(array: np.ndarray) -> list:
    """Field values as Python objects: ``None`` for NULL (NaN in float fields)."""
    if array.dtype.kind == "O":
        return array.tolist()
    if array.dtype.kind == "f":
        values = array.astype(object)
        values[np.isnan(array)] = None
        return values.tolist()
    if array.dtype.kind == "M":
        values = np.datetime_as_string(array).astype(object)
        values[np.isnat(array)] = None
        return values.tolist()
    return array.tolist()


def _shared(values: list, shared: dict) -> list:
    """``values`` with each repeated text or number the same object (``shared`` maps each
    value to it, across the chunks of one field)."""
    first = next((v for v in values if v is not None), None)
    if type(first) not in (str, float):
        return values
    distinct = repeated_values(values)
    if distinct is None:
        return values
    for value in distinct:
        shared.setdefault(value, value)
    return [shared[v] for v in values]


#: Reads up to ``limit`` features after the key ``after`` (or, without keys, after the
#: first ``done``); ``None`` when there are no more.
FetchChunk = Callable[[int, "int | None", int], "Chunk | None"]


def read_ogr(
    path: Path,
    source: str,
    layer: str | None,
    title: str,
    info: LayerInfo,
    options: ReadOptions,
    progress: ProgressCallback | None,
    warnings: tuple[str, ...] = (),
) -> UserData:
    """Read one layer of a GDAL source in chunks, converting it to longitude/latitude."""
    import pyogrio

    crs = options.crs or info.crs
    if crs is None:
        raise CrsRequired(
            path,
            info.crs_problem or _("unknown coordinate reference system"),
            _suggestion(source, layer),
        )
    if info.geometry_type is None:
        raise DatasetError(path, _("no geometry column in layer '{layer}'").format(layer=title))
    primary = _key_column(pyogrio, source, layer) if progress is not None else None
    fetch = _gdal_chunks(path, source, layer, primary)
    return read_features(path, layer, title, crs, options, info.features, fetch, progress, warnings)


def _gdal_chunks(path: Path, source: str, layer: str | None, primary: str | None) -> FetchChunk:
    import pyogrio

    from dkgis.io.geometry_column import GeometryColumn

    def fetch(limit: int, after: int | None, done: int) -> Chunk | None:
        # A GeoPackage's chunk starts after the last key read (its primary key is indexed);
        # skipping features would read the file from its start again at each chunk.
        where = None if primary is None or after is None else f"{primary} > {after}"
        try:
            meta, fids, wkb, fields = pyogrio.raw.read(
                source,
                layer=layer,
                skip_features=0 if primary is not None else done,
                max_features=limit,
                where=where,
                return_fids=primary is not None,
                datetime_as_string=False,
                force_2d=True,
            )
        except Exception as err:
            raise DatasetError(path, _gdal_problem(err)) from None
        count = len(wkb) if wkb is not None else (len(fields[0]) if fields else 0)
        if count == 0:
            return None
        column = GeometryColumn.from_wkb(wkb) if wkb is not None else _no_geometry(count)
        values = {
            str(name): _python_values(array)
            for name, array in zip(meta["fields"], fields, strict=True)
        }
        return Chunk(int(fids[-1]) if primary is not None else None, column, values)

    return fetch


def read_features(
    path: Path,
    layer: str | None,
    title: str,
    crs: str,
    options: ReadOptions,
    total: int | None,
    fetch: FetchChunk,
    progress: ProgressCallback | None,
    warnings: tuple[str, ...] = (),
) -> UserData:
    """Read features chunk by chunk with ``fetch``, converting them to longitude/latitude.

    With a progress callback (a window waits) the chunks are sized to take about
    :data:`CHUNK_SECONDS` each; progress and cancel happen between chunks.
    """
    import time

    from dkgis.io.geometry_column import GeometryColumn

    convert = crs_mod.lonlat_converter(path, crs)
    geoms: list[GeometryColumn] = []
    raw_bounds: list[tuple[float, float, float, float]] = []
    columns: dict[str, list] = {}
    repeated: dict[str, dict] = {}
    done = 0
    chunk = CHUNK_FEATURES if progress is not None else BATCH_FEATURES
    last_key: int | None = None
    report(progress, 0.0)
    while True:
        start = time.perf_counter()
        got = fetch(chunk, last_key, done)
        elapsed = time.perf_counter() - start
        if got is None:
            break
        count = len(got.geometry)
        last_key = got.last_key
        raw_bounds.append(got.geometry.total_bounds())
        # Converted chunk by chunk: the whole layer's coordinates are never held twice.
        geoms.append(
            got.geometry.transformed(lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1])))
        )
        for name, values in got.fields.items():
            shared = repeated.setdefault(name, {})
            columns.setdefault(name, []).extend(_shared(values, shared))
        done += count
        report(progress, 0.9 * done / total if total else 0.5)
        if count < chunk:
            break
        if progress is not None:
            rate = count / max(elapsed, 1e-3)
            chunk = int(min(max(rate * CHUNK_SECONDS, 1000), MAX_CHUNK_FEATURES))
    geometry = GeometryColumn.concatenate(geoms)
    if geometry.size == 0:
        raise DatasetError(path, _("layer '{layer}' has no features").format(layer=title))
    suggestion = crs_mod.LAMBERT_93
    bounds = _total(raw_bounds)
    if all(np.isfinite(bounds)):
        suggestion = crs_mod.guess_crs(bounds)
        problem = crs_mod.lonlat_problem(bounds)
        if crs_mod.is_lonlat(crs) and problem is not None and options.crs is None:
            raise CrsRequired(path, problem, suggestion)
    # Each feature's bounds are needed only when the layer's are not well inside the area.
    if not (geometry.all_finite() and crs_mod.inside_area_of_use(crs, geometry.total_bounds())):
        warnings += crs_mod.check_area_of_use(
            path, crs, crs_mod.geometry_bounds(geometry), _feature_label, suggestion
        )
    report(progress, 1.0)
    return make_user_data(path, layer, title, columns, geometry, crs, warnings)


def _key_column(pyogrio, source: str, layer: str | None) -> str | None:
    """The quoted primary-key column of a GeoPackage layer (its features come in the order
    of that key), or ``None`` for other sources or when GDAL does not tell it."""
    try:
        info = pyogrio.read_info(source, layer=layer)
    except Exception:  # the read itself reports the problem
        return None
    name = info.get("fid_column")
    if info.get("driver") != "GPKG" or not name:
        return None
    return '"' + str(name).replace('"', '""') + '"'


def _feature_label(index: int) -> str:
    return _("feature {n}").format(n=index + 1)


def _geopackage_contents(path: Path) -> dict[str, str] | None:
    """``{table: data type}`` of a GeoPackage's ``gpkg_contents``; ``None`` if unreadable."""
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as con:
            rows = con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall()
    except (sqlite3.Error, ValueError, OSError):
        return None
    return {str(name): str(kind) for name, kind in rows}


def _no_vector_problem(path: Path) -> str | None:
    """Why GDAL finds nothing in a GeoPackage: no layer at all, or rasters only."""
    contents = _geopackage_contents(path)
    if contents is None:
        return None
    if not contents:
        return _("the GeoPackage holds no layer (it is empty)")
    if all(kind in {"tiles", "2d-gridded-coverage"} for kind in contents.values()):
        shown = ", ".join(sorted(contents)[:8])
        return _(
            "the GeoPackage holds only raster data ({tables}) and no vector layer:"
            " dkgis adds layers of points, lines or polygons"
        ).format(tables=shown)
    return None


class GeoPackageReader(Reader):
    """The layers of a GeoPackage (any, not only dkgis datasets)."""

    kind = "gpkg"
    label = "GeoPackage"
    patterns = ("*.gpkg",)

    def inspect(self, path: Path) -> FileInfo:
        _check_sqlite(path)
        try:
            names, layers = gpkg_features.layer_infos(path)
        except Unsupported:  # GDAL reads it, or says why it cannot
            return self._inspect_with_gdal(path)
        dataset = set(names) >= DATASET_TABLES
        return FileInfo(path, self.kind, tuple(layers), dkgis_dataset=dataset)

    def _inspect_with_gdal(self, path: Path) -> FileInfo:
        import pyogrio

        try:
            found = pyogrio.list_layers(str(path))
        except Exception as err:
            raise DatasetError(path, _no_vector_problem(path) or _gdal_problem(err)) from None
        names = [str(name) for name, _gtype in found]
        spatial = [str(name) for name, gtype in found if gtype is not None]
        if not spatial:
            shown = ", ".join(names[:12]) or _("none")
            raise DatasetError(
                path,
                _no_vector_problem(path)
                or _(
                    "no geometry column: the GeoPackage has no layer with geometry"
                    " (tables: {tables})"
                ).format(tables=shown),
            )
        layers = tuple(_layer_info(str(path), path, name, name) for name in spatial)
        dataset = set(names) >= DATASET_TABLES
        first = next((la for la in layers if la.crs is None), None)
        suggestion = _suggestion(str(path), first.name) if first else crs_mod.LAMBERT_93
        return FileInfo(path, self.kind, layers, dkgis_dataset=dataset, crs_suggestion=suggestion)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        _check_sqlite(path)
        try:
            return self._read_with_sqlite(path, options, progress)
        except Unsupported:  # GDAL reads it, or says why it cannot
            pass
        info = self._inspect_with_gdal(path)
        try:
            layer = info.layer(options.layer)
        except KeyError:
            raise DatasetError(
                path, _("no layer '{layer}' with geometry").format(layer=options.layer)
            ) from None
        title = layer.name if len(info.layers) == 1 else f"{path.stem} — {layer.name}"
        return read_ogr(path, str(path), layer.name, title, layer, options, progress)

    def _read_with_sqlite(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None
    ) -> UserData:
        con, table, tables = gpkg_features.open_layer(path, options.layer)
        with closing(con):
            name = table.info.name
            title = name if len(tables) == 1 else f"{path.stem} — {name}"
            crs = options.crs or table.info.crs
            reader = gpkg_features.FeatureReader(con, table, options.attributes)
            return read_features(
                path,
                name,
                title,
                crs,
                options,
                table.info.features,
                lambda limit, after, _done: reader.read(after, limit),
                progress,
            )


def _check_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database before anything else opens it."""
    check_file(path)
    with path.open("rb") as f:
        if not f.read(16).startswith(b"SQLite format 3"):
            raise DatasetError(path, NOT_A_GEOPACKAGE)


@dataclass(frozen=True)
class _Shapefile:
    """One shapefile of a file: its GDAL source, its label, the optional parts it lacks,
    and its parts for :mod:`~dkgis.io.readers.shp_features` (``None``: left to GDAL)."""

    source: str
    label: str
    missing: tuple[str, ...]
    parts: shp_features.PartSource | None


class ShapefileReader(Reader):
    """A Shapefile, or the shapefiles of a zip archive."""

    kind = "shapefile"
    label = "Shapefile"
    patterns = ("*.shp", "*.zip")

    def _members(self, path: Path) -> list[_Shapefile]:
        """Each shapefile of a zip archive."""
        infos = _zip_entries(path)
        names = [info.filename for info in infos]
        shps = [
            n
            for n in names
            if n.lower().endswith(".shp") and not n.startswith("__MACOSX/") and "/." not in n
        ]
        if not shps:
            raise DatasetError(path, _no_shapefile_problem(names))
        by_name = {info.filename.lower(): info for info in infos}
        unique = len(by_name) == len(infos)  # else which part GDAL takes is unclear
        source = f"/vsizip/{path.resolve().as_posix()}"
        found = []
        for member in shps:
            stem = member[:-4]
            if (stem + ".shx").lower() not in by_name:
                raise DatasetError(path, _incomplete(Path(member).name, ".shx"))
            parts = {}
            for ext in shp_features.PART_EXTENSIONS:
                info = by_name.get((stem + ext).lower())
                if info is not None:
                    _check_member(path, info)
                    parts[ext] = info.filename
            missing = () if ".dbf" in parts else (".dbf",)
            native = shp_features.ZipParts(path, parts) if unique else None
            found.append(_Shapefile(f"{source}/{member}", stem, missing, native))
        return found

    def _sources(self, path: Path) -> list[_Shapefile]:
        """Each shapefile of ``path``."""
        check_file(path)
        if path.suffix.lower() == ".zip":
            return self._members(path)
        siblings = _siblings(path)
        if ".shx" not in siblings:
            raise DatasetError(path, _incomplete(path.name, ".shx"))
        missing = () if ".dbf" in siblings else (".dbf",)
        parts = {ext: files[0] for ext, files in siblings.items()}
        unique = all(len(files) == 1 for files in siblings.values())
        native = None
        if unique and parts[".shp"].name == path.name:
            native = shp_features.PartFiles(parts)
        return [_Shapefile(str(path), path.stem, missing, native)]

    def inspect(self, path: Path) -> FileInfo:
        sources = self._sources(path)
        try:
            return self._inspect_natively(path, sources)
        except Unsupported:  # GDAL reads them, or says why it cannot
            pass
        layers = tuple(_layer_info(s.source, path, None, s.label) for s in sources)
        first = next((i for i, la in enumerate(layers) if la.crs is None), None)
        suggestion = crs_mod.LAMBERT_93
        if first is not None:
            suggestion = _suggestion(sources[first].source, None)
        return FileInfo(path, self.kind, layers, crs_suggestion=suggestion)

    def _inspect_natively(self, path: Path, sources: list[_Shapefile]) -> FileInfo:
        opened = [_open_natively(s) for s in sources]
        layers = tuple(_native_info(shp, s.label) for shp, s in zip(opened, sources, strict=True))
        suggestion = next(
            (crs_mod.guess_crs(shp.header.bounds) for shp in opened if shp.crs is None),
            crs_mod.LAMBERT_93,
        )
        return FileInfo(path, self.kind, layers, crs_suggestion=suggestion)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        sources = self._sources(path)
        labels = [s.label for s in sources]
        name = options.layer if options.layer is not None else labels[0]
        if name not in labels:
            raise DatasetError(path, _("no shapefile '{name}' in the archive").format(name=name))
        shapefile = sources[labels.index(name)]
        title = Path(name).name if len(sources) == 1 else f"{path.stem} — {Path(name).name}"
        warnings = (_no_dbf_warning(Path(name).name + ".shp"),) if shapefile.missing else ()
        try:
            return self._read_natively(path, shapefile, title, options, progress, warnings)
        except Unsupported:  # GDAL reads it, or says why it cannot
            pass
        info = _layer_info(shapefile.source, path, None, name)
        return read_ogr(path, shapefile.source, None, title, info, options, progress, warnings)

    def _read_natively(
        self,
        path: Path,
        shapefile: _Shapefile,
        title: str,
        options: ReadOptions,
        progress: ProgressCallback | None,
        warnings: tuple[str, ...],
    ) -> UserData:
        opened = _open_natively(shapefile)
        info = _native_info(opened, shapefile.label)
        crs = options.crs or info.crs
        if crs is None:
            raise CrsRequired(path, _no_crs_problem(), crs_mod.guess_crs(opened.header.bounds))
        reader = opened.features(options.attributes)
        return read_features(
            path,
            None,
            title,
            crs,
            options,
            info.features,
            lambda limit, _after, done: reader.read(done, limit),
            progress,
            warnings,
        )


def _open_natively(shapefile: _Shapefile) -> shp_features.Shapefile:
    if shapefile.parts is None:
        raise Unsupported("parts whose names differ only by case")
    return shp_features.Shapefile(shapefile.parts)


def _native_info(shapefile: shp_features.Shapefile, label: str) -> LayerInfo:
    problem = None if shapefile.crs is not None else _no_crs_problem()
    return LayerInfo(label, shapefile.geometry_type(), shapefile.count, shapefile.crs, problem)


def _siblings(path: Path) -> dict[str, list[Path]]:
    """The files beside ``path`` with its name, its parts, by extension (lower case).

    Each part must be a regular file: GDAL opens them all, and a named pipe
    among them would block the read for ever.
    """
    found: dict[str, list[Path]] = {}
    stem = path.stem.lower()
    try:
        entries = list(os.scandir(path.parent))
    except OSError as err:
        raise DatasetError(
            path, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None
    for entry in entries:
        base, ext = os.path.splitext(entry.name)
        if base.lower() != stem or not ext:
            continue
        try:
            mode = os.stat(entry.path).st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            raise DatasetError(
                path,
                _("its part {name} is not a regular file (a pipe, a device or a folder)").format(
                    name=entry.name
                ),
            )
        found.setdefault(ext.lower(), []).append(Path(entry.path))
    return found


def _zip_entries(path: Path) -> list[zipfile.ZipInfo]:
    """The entries of a zip archive, or a DatasetError saying why it cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except UnicodeDecodeError:
        raise DatasetError(
            path,
            _("the zip archive is damaged: a file name in it is not valid UTF-8 text"),
        ) from None
    except (zipfile.BadZipFile, EOFError, ValueError):  # ValueError: a bad offset
        raise DatasetError(path, _("not a zip archive (damaged or of another format)")) from None
    except NotImplementedError as err:
        raise DatasetError(
            path,
            _("the zip archive uses a feature dkgis cannot read ({detail})").format(detail=err),
        ) from None
    except OSError as err:
        raise DatasetError(
            path, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None


def _check_member(path: Path, info: zipfile.ZipInfo) -> None:
    """Refuse a member GDAL cannot read: encrypted or compressed in an unusual way."""
    name = Path(info.filename).name
    if info.flag_bits & 0x1:
        raise DatasetError(
            path,
            _("the file {name} in the zip archive is protected by a password").format(name=name),
        )
    if info.compress_type not in ZIP_METHODS:
        raise DatasetError(
            path,
            _(
                "the file {name} in the zip archive is compressed with a method dkgis cannot"
                " read (method {method}); make the archive again with the usual zip compression"
            ).format(name=name, method=info.compress_type),
        )


def _no_shapefile_problem(names: list[str]) -> str:
    lowered = [n.lower().rstrip("/") for n in names]
    formats = sorted(
        {label for ending, label in FOREIGN_FORMATS for n in lowered if n.endswith(ending)}
    )
    if formats:
        return _(
            "the zip archive holds no shapefile (.shp) but {formats}, which dkgis does not"
            " read: export the layers as GeoPackage or Shapefile"
        ).format(formats=", ".join(formats))
    return _("the zip archive holds no shapefile (.shp)")


def _no_dbf_warning(name: str) -> str:
    return _(
        "the shapefile {name} has no attribute file ({dbf}): its geometries are shown"
        " without attributes"
    ).format(name=name, dbf=Path(name).stem + ".dbf")


def _incomplete(name: str, missing: str) -> str:
    return _(
        "the shapefile {name} is incomplete: {file} is missing (a shapefile is several files"
        " with the same name: .shp, .shx, .dbf and .prj; copy them all)"
    ).format(name=name, file=Path(name).stem + missing)
