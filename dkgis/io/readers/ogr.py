"""GeoPackages and Shapefiles (also zipped), read with pyogrio (GDAL).

pyogrio's raw reader returns WKB and numpy arrays, so no pandas or geopandas
is needed. Large layers are read in chunks of features, which gives progress
and lets the user cancel between chunks.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from dkgis.io import schema
from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import NOT_A_GEOPACKAGE
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
    report,
)

#: Features read by the first call; then as many as GDAL reads in about
#: :data:`CHUNK_SECONDS` (each call holds Python's lock: the window waits meanwhile).
#: Progress and cancel happen between chunks.
CHUNK_FEATURES = 5_000
CHUNK_SECONDS = 0.02
MAX_CHUNK_FEATURES = 20_000

#: Tables whose presence marks a dkgis dataset.
DATASET_TABLES = frozenset(t.name for t in schema.TABLES)


def _gdal_problem(err: Exception) -> str:
    message = str(err).strip() or type(err).__name__
    return f"cannot be read by GDAL ({message})"


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
        problem = "the file does not say which coordinate reference system it uses"
    else:
        try:
            crs = crs_mod.normalize_crs(crs)
        except ValueError:
            problem = f"its coordinate reference system is unknown ({str(crs)[:80]})"
            crs = None
    features = info.get("features")
    return LayerInfo(
        label,
        geometry_type,
        int(features) if features is not None and features >= 0 else None,
        crs,
        problem,
    )


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


def _no_geometry(count: int):
    from dkgis.io.geometry_column import MISSING, GeometryColumn

    return GeometryColumn(np.full(count, MISSING, dtype=np.int8))


#: Text fields with fewer distinct values than this share of their rows share one
#: string per value (a field of a few categories over 150 000 rows: 10 MB less).
SHARED_TEXT = 0.5


def _python_values(array: np.ndarray, shared: dict) -> list:
    """Field values as Python objects: ``None`` for NULL (NaN in float fields).

    Repeated texts are the same object (``shared`` maps each text to it, across
    the chunks of one field).
    """
    if array.dtype.kind == "O":
        values = array.tolist()
        distinct = set(values)
        if len(distinct) <= SHARED_TEXT * len(values):
            for value in distinct:
                shared.setdefault(value, value)
            return [shared[v] for v in values]
        return values
    if array.dtype.kind == "f":
        values = array.astype(object)
        values[np.isnan(array)] = None
        return values.tolist()
    if array.dtype.kind == "M":
        values = np.datetime_as_string(array).astype(object)
        values[np.isnat(array)] = None
        return values.tolist()
    return array.tolist()


def read_ogr(
    path: Path,
    source: str,
    layer: str | None,
    title: str,
    info: LayerInfo,
    options: ReadOptions,
    progress: ProgressCallback | None,
) -> UserData:
    """Read one layer of a GDAL source in chunks, converting it to longitude/latitude."""
    import time

    import pyogrio

    from dkgis.io.geometry_column import GeometryColumn

    crs = options.crs or info.crs
    if crs is None:
        raise CrsRequired(
            path,
            info.crs_problem or "unknown coordinate reference system",
            _suggestion(source, layer),
        )
    if info.geometry_type is None:
        raise DatasetError(path, f"no geometry column in layer '{title}'")
    total = info.features
    convert = crs_mod.lonlat_converter(path, crs)
    geoms: list[GeometryColumn] = []
    columns: dict[str, list] = {}
    repeated: dict[str, dict] = {}
    done = 0
    chunk = CHUNK_FEATURES
    report(progress, 0.0)
    while True:
        start = time.perf_counter()
        try:
            meta, _, wkb, fields = pyogrio.raw.read(
                source,
                layer=layer,
                skip_features=done,
                max_features=chunk,
                datetime_as_string=False,
                force_2d=True,
            )
        except Exception as err:
            raise DatasetError(path, _gdal_problem(err)) from None
        elapsed = time.perf_counter() - start
        count = len(wkb) if wkb is not None else (len(fields[0]) if fields else 0)
        if count == 0:
            break
        column = GeometryColumn.from_wkb(wkb) if wkb is not None else _no_geometry(count)
        # Converted chunk by chunk: the whole layer's coordinates are never held twice.
        geoms.append(column.transformed(lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1]))))
        for name, values in zip(meta["fields"], fields, strict=True):
            key = str(name)
            shared = repeated.setdefault(key, {})
            columns.setdefault(key, []).extend(_python_values(values, shared))
        done += count
        report(progress, 0.9 * done / total if total else 0.5)
        if count < chunk:
            break
        rate = count / max(elapsed, 1e-3)
        chunk = int(min(max(rate * CHUNK_SECONDS, 1000), MAX_CHUNK_FEATURES))
    geometry = GeometryColumn.concatenate(geoms)
    if geometry.size == 0:
        raise DatasetError(path, f"layer '{title}' has no features")
    if crs_mod.is_lonlat(crs) and not geometry.is_missing().all():
        bounds = geometry.total_bounds()
        problem = crs_mod.lonlat_problem(bounds)
        if problem is not None and options.crs is None:
            raise CrsRequired(path, problem, crs_mod.guess_crs(bounds))
    report(progress, 1.0)
    return make_user_data(path, layer, title, columns, geometry, crs)


class GeoPackageReader(Reader):
    """The layers of a GeoPackage (any, not only dkgis datasets)."""

    kind = "gpkg"
    label = "GeoPackage"
    patterns = ("*.gpkg",)

    def inspect(self, path: Path) -> FileInfo:
        import pyogrio

        check_file(path)
        with path.open("rb") as f:
            if not f.read(16).startswith(b"SQLite format 3"):
                raise DatasetError(path, NOT_A_GEOPACKAGE)
        try:
            listed = pyogrio.list_layers(str(path))
        except Exception as err:
            raise DatasetError(path, _gdal_problem(err)) from None
        names = [str(name) for name, _ in listed]
        spatial = [str(name) for name, gtype in listed if gtype is not None]
        if not spatial:
            shown = ", ".join(names) or "none"
            raise DatasetError(
                path,
                f"no geometry column: the GeoPackage has no layer with geometry (tables: {shown})",
            )
        layers = tuple(_layer_info(str(path), path, name, name) for name in spatial)
        dataset = set(names) >= DATASET_TABLES
        first = next((la for la in layers if la.crs is None), None)
        suggestion = _suggestion(str(path), first.name) if first else crs_mod.LAMBERT_93
        return FileInfo(path, self.kind, layers, dkgis_dataset=dataset, crs_suggestion=suggestion)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        info = self.inspect(path)
        try:
            layer = info.layer(options.layer)
        except KeyError:
            raise DatasetError(path, f"no layer '{options.layer}' with geometry") from None
        title = layer.name if len(info.layers) == 1 else f"{path.stem} — {layer.name}"
        return read_ogr(path, str(path), layer.name, title, layer, options, progress)


class ShapefileReader(Reader):
    """A Shapefile, or the shapefiles of a zip archive."""

    kind = "shapefile"
    label = "Shapefile"
    patterns = ("*.shp", "*.zip")

    def _members(self, path: Path) -> list[str]:
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            raise DatasetError(path, "not a zip archive (damaged or of another format)") from None
        except OSError as err:
            raise DatasetError(path, f"cannot be opened ({err.strerror or err})") from None
        shps = [
            n
            for n in names
            if n.lower().endswith(".shp") and not n.startswith("__MACOSX/") and "/." not in n
        ]
        if not shps:
            raise DatasetError(path, "the zip archive holds no shapefile (.shp)")
        lower = {n.lower() for n in names}
        for member in shps:
            stem = member[:-4]
            missing = [ext for ext in (".dbf", ".shx") if (stem + ext).lower() not in lower]
            if missing:
                raise DatasetError(path, _incomplete(Path(member).name, missing))
        return shps

    def _sources(self, path: Path) -> list[tuple[str, str]]:
        """(GDAL source, layer label) of each shapefile of ``path``."""
        check_file(path)
        if path.suffix.lower() == ".zip":
            return [
                (f"/vsizip/{path.resolve().as_posix()}/{m}", m[:-4]) for m in self._members(path)
            ]
        siblings = {p.name.lower() for p in path.parent.iterdir()}
        missing = [ext for ext in (".dbf", ".shx") if (path.stem + ext).lower() not in siblings]
        if missing:
            raise DatasetError(path, _incomplete(path.name, missing))
        return [(str(path), path.stem)]

    def inspect(self, path: Path) -> FileInfo:
        sources = self._sources(path)
        layers = tuple(_layer_info(src, path, None, label) for src, label in sources)
        first = next((i for i, la in enumerate(layers) if la.crs is None), None)
        suggestion = crs_mod.LAMBERT_93
        if first is not None:
            suggestion = _suggestion(sources[first][0], None)
        return FileInfo(path, self.kind, layers, crs_suggestion=suggestion)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        sources = self._sources(path)
        labels = [label for _, label in sources]
        name = options.layer if options.layer is not None else labels[0]
        if name not in labels:
            raise DatasetError(path, f"no shapefile '{name}' in the archive")
        source = sources[labels.index(name)][0]
        info = _layer_info(source, path, None, name)
        title = Path(name).name if len(sources) == 1 else f"{path.stem} — {Path(name).name}"
        return read_ogr(path, source, None, title, info, options, progress)


def _incomplete(name: str, missing: list[str]) -> str:
    files = " and ".join(Path(name).stem + ext for ext in missing)
    return (
        f"the shapefile {name} is incomplete: {files} {'is' if len(missing) == 1 else 'are'}"
        " missing (a shapefile is several files"
        " with the same name: .shp, .shx, .dbf and .prj; copy them all)"
    )
