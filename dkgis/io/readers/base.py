"""What every user-file reader returns, the errors it raises, and the registry.

A reader works in two steps. :meth:`Reader.inspect` looks at a file quickly
(its layers, its coordinate reference system, the columns of a CSV) so that the
user interface can ask the user what the file does not say; :meth:`Reader.read`
then reads it, possibly for a long time in a worker thread, reporting progress
through a callback that may cancel the read by raising :class:`ReadCancelled`.

Everything here is pure: no Qt, and no heavy import (pandas, pyproj, pyogrio)
at module level.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from dkgis.i18n import _
from dkgis.io.errors import DatasetError
from dkgis.io.files import NotARegularFileError, check_regular_file
from dkgis.io.gpkg import TableData

#: Called with the fraction done (0 to 1); may raise :class:`ReadCancelled`.
ProgressCallback = Callable[[float], None]


class ReadCancelled(Exception):
    """The read was cancelled by its progress callback; nothing was loaded."""


class CrsRequired(DatasetError):
    """The file does not say in which coordinate reference system its coordinates are.

    Parameters
    ----------
    path
        The file.
    problem
        Why the CRS is needed (no CRS in the file, an unknown one, or coordinates
        that cannot be longitude/latitude).
    suggestion
        The CRS to propose first (``"EPSG:2154"``, ...).

    Notes
    -----
    Read again with ``ReadOptions(crs=...)`` once the user has said which CRS it is.
    """

    def __init__(self, path: str | Path, problem: str, suggestion: str = "EPSG:2154") -> None:
        super().__init__(path, problem)
        self.suggestion = suggestion

    def __reduce__(self):
        return (type(self), (self.path, self.problem, self.suggestion))


class ColumnsRequired(DatasetError):
    """Several columns of a CSV file could hold the coordinates; the user must choose.

    Parameters
    ----------
    path
        The file.
    problem
        Which columns compete.
    x_candidates, y_candidates
        The columns that could hold x (longitude) and y (latitude).
    """

    def __init__(
        self,
        path: str | Path,
        problem: str,
        x_candidates: tuple[str, ...] = (),
        y_candidates: tuple[str, ...] = (),
    ) -> None:
        super().__init__(path, problem)
        self.x_candidates = tuple(x_candidates)
        self.y_candidates = tuple(y_candidates)

    def __reduce__(self):
        return (type(self), (self.path, self.problem, self.x_candidates, self.y_candidates))


@dataclass(frozen=True)
class LayerInfo:
    """One layer of a file, as seen before it is read.

    Attributes
    ----------
    name : str
        The layer's name in the file (the file name for single-layer formats).
    geometry_type : str or None
        E.g. ``"Point"``, ``"MultiPolygon"``; ``None`` when unknown or absent.
    features : int or None
        Number of features, when cheap to know.
    crs : str or None
        The layer's CRS (``"EPSG:2154"`` or WKT), ``None`` when the file has none.
    crs_problem : str or None
        Why ``crs`` is unusable or missing (``None`` when it is usable).
    """

    name: str
    geometry_type: str | None = None
    features: int | None = None
    crs: str | None = None
    crs_problem: str | None = None


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV file is written and which columns hold its coordinates.

    Attributes
    ----------
    encoding : str
        Python codec: ``"utf-8"``, ``"utf-8-sig"`` (with a byte-order mark) or ``"cp1252"``.
    delimiter : str
        Field separator: ``;``, ``,``, tab or ``|``.
    decimal : str
        Decimal mark of the numbers: ``.`` or ``,``.
    columns : tuple of str
        Column names, in file order.
    x_candidates, y_candidates : tuple of str
        Columns whose names suggest x (longitude) or y (latitude), best first.
    x_column, y_column : str or None
        The coordinate columns when the choice is clear, else ``None``.
    lonlat_names : bool
        Whether the chosen columns are named as longitude/latitude.
    wkt_column : str or None
        The column holding geometries written as WKT (``POINT (2.37 51.03)``), if any;
        it places the features instead of ``x_column`` and ``y_column``.
    """

    encoding: str
    delimiter: str
    decimal: str
    columns: tuple[str, ...]
    x_candidates: tuple[str, ...] = ()
    y_candidates: tuple[str, ...] = ()
    x_column: str | None = None
    y_column: str | None = None
    lonlat_names: bool = False
    wkt_column: str | None = None


@dataclass(frozen=True)
class FileInfo:
    """What a quick look at a file found.

    Attributes
    ----------
    path : pathlib.Path
    kind : str
        The reader's kind (``"geojson"``, ``"gpkg"``, ``"shapefile"``, ``"csv"``).
    layers : tuple of LayerInfo
        The layers with geometry; one for single-layer formats.
    csv : CsvLayout or None
        For CSV files.
    dkgis_dataset : bool
        True for a GeoPackage with the dkgis schema (it can be opened as a dataset).
    crs_suggestion : str
        The CRS to propose first if the user must choose one.
    """

    path: Path
    kind: str
    layers: tuple[LayerInfo, ...]
    csv: CsvLayout | None = None
    dkgis_dataset: bool = False
    crs_suggestion: str = "EPSG:2154"

    def layer(self, name: str | None = None) -> LayerInfo:
        """Return the layer called ``name`` (the first layer when ``None``)."""
        if name is None:
            return self.layers[0]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)


@dataclass(frozen=True)
class ReadOptions:
    """Choices made by the user (or the defaults) for one read.

    Attributes
    ----------
    layer : str or None
        Which layer of a multi-layer file (``None``: the only or first one).
    x_column, y_column : str or None
        The coordinate columns of a CSV file (``None``: the detected ones).
    crs : str or None
        The CRS of the coordinates, replacing the file's (``None``: the file's own).
    attributes : bool
        ``False`` when only the geometry is wanted (a layer drawn into an exported map):
        a reader that can leave the attribute columns out cheaply does (GeoPackages);
        the geometry, the checks and the errors stay the same.
    """

    layer: str | None = None
    x_column: str | None = None
    y_column: str | None = None
    crs: str | None = None
    attributes: bool = True


@dataclass(frozen=True, eq=False)
class UserData:
    """A user file read into memory, geometry in EPSG:4326.

    Attributes
    ----------
    path : pathlib.Path
        The file read.
    layer : str or None
        The layer read, for multi-layer files.
    title : str
        A title for the map layer (file or layer name).
    table : TableData
        The attributes (column name -> values) and the geometry (shapely, EPSG:4326;
        ``None`` for a row without usable coordinates).
    source_crs : str
        The CRS the coordinates were converted from.
    rows_without_geometry : int
        Rows kept for their attributes but not drawn (empty coordinates or geometry).
    warnings : tuple of str
        What the user should know although the file was read (features skipped,
        a missing attribute file, features outside the area of use of the CRS...),
        each naming the features or rows concerned; translated.
    """

    path: Path
    layer: str | None
    title: str
    table: TableData
    source_crs: str
    rows_without_geometry: int = 0
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.table)


class Reader:
    """Base class of the readers: one subclass per kind of file.

    Subclasses set :attr:`kind`, :attr:`label` and :attr:`patterns`, and
    implement :meth:`inspect` and :meth:`read`.
    """

    #: Identifier of the file kind.
    kind: ClassVar[str] = ""
    #: English name of the format, for file dialogs.
    label: ClassVar[str] = ""
    #: Glob patterns of the file names, for file dialogs (``("*.csv",)``).
    patterns: ClassVar[tuple[str, ...]] = ()

    def accepts(self, path: Path) -> bool:
        """Whether this reader reads ``path`` (by default: by its extension)."""
        name = path.name.lower()
        return any(name.endswith(p.lstrip("*").lower()) for p in self.patterns)

    def inspect(self, path: Path) -> FileInfo:  # pragma: no cover - abstract
        """Look at ``path`` quickly; raise :class:`DatasetError` if it cannot be read."""
        raise NotImplementedError

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:  # pragma: no cover - abstract
        """Read ``path``; raise :class:`DatasetError`, :class:`CrsRequired` or
        :class:`ReadCancelled`."""
        raise NotImplementedError


def report(progress: ProgressCallback | None, fraction: float) -> None:
    """Call ``progress`` with ``fraction`` clamped to [0, 1], if there is a callback."""
    if progress is not None:
        progress(min(max(float(fraction), 0.0), 1.0))


def _special_file_problem(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("it is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("it is a named pipe, not a file saved on disk: dkgis does not read pipes")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("it is a device, not a file saved on disk: dkgis does not read devices")
    return _("it is not a regular file saved on disk")


def check_file(path: Path) -> None:
    """Raise :class:`DatasetError` unless ``path`` is a readable, non-empty regular file.

    A named pipe, a device (``/dev/zero``) or a folder is refused before anything
    opens it: reading a pipe blocks for ever and a device never ends.
    """
    try:
        size = check_regular_file(path).st_size
    except FileNotFoundError:
        raise DatasetError(path, _("file not found")) from None
    except NotARegularFileError:
        try:
            mode = os.stat(path).st_mode
        except OSError:  # gone meanwhile: say only that it is no file
            mode = 0
        raise DatasetError(path, _special_file_problem(mode)) from None
    except OSError as err:
        raise DatasetError(
            path, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None
    if size == 0:
        raise DatasetError(path, _("the file is empty"))


#: Items named in a warning or an error listing features or rows; the rest are counted.
MAX_LISTED = 5


def listed(items: Iterable[str], total: int) -> str:
    """``items`` joined by commas, ending with "…" when ``total`` is larger."""
    shown = list(items)[:MAX_LISTED]
    text = ", ".join(shown)
    return text + ", …" if total > len(shown) else text


def unexpected_error(path: Path, err: BaseException) -> DatasetError:
    """A :class:`DatasetError` for an error no reader expected (a bug), naming it."""
    if isinstance(err, MemoryError):
        return DatasetError(path, _("too big to load in memory"))
    detail = f"{type(err).__name__}: {err}"
    return DatasetError(path, _("unexpected error while reading ({detail})").format(detail=detail))


def column_lists(columns: dict[str, list]) -> dict[str, list]:
    """Make column names unique and non-empty (``column_3`` for a blank name)."""
    out: dict[str, list] = {}
    for i, (name, values) in enumerate(columns.items(), start=1):
        base = str(name).strip() or f"column_{i}"
        unique, n = base, 2
        while unique in out:
            unique, n = f"{base}_{n}", n + 1
        out[unique] = values
    return out


#: Fields with fewer distinct values than this share of their rows share one Python
#: object per value (a field of a few categories over 150 000 rows: 10 MB less).
SHARED_VALUES = 0.5
#: Values of a field looked at first: when they are mostly distinct, none is shared.
SHARING_SAMPLE = 2000


def repeated_values(values: list) -> set | None:
    """The distinct values of a field when they repeat enough to share one object each (a
    commune, a category), else ``None`` (an identifier: nothing to share)."""
    sample = values[:SHARING_SAMPLE]
    if len(set(sample)) > SHARED_VALUES * len(sample):
        return None
    distinct = set(values)
    return distinct if len(distinct) <= SHARED_VALUES * len(values) else None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while creating many geometries.

    Shapely geometries are tracked by the collector, so creating a million of
    them triggers full collections that walk every object of the program while
    holding the GIL: 3 to 4 times slower, with pauses that freeze the user
    interface. Geometries hold no reference cycles, so nothing is lost.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Points created per shapely call: each call holds Python's lock (the GIL), so
#: smaller calls let the user interface run between them.
POINTS_PER_CALL = 50_000


def make_points(
    x,
    y,
    progress: ProgressCallback | None = None,
    span: tuple[float, float] = (0.0, 1.0),
):
    """Shapely points from coordinate arrays, ``None`` where a coordinate is NaN.

    Created in slices of :data:`POINTS_PER_CALL`, reporting progress from
    ``span[0]`` to ``span[1]`` (and so letting the callback cancel).
    """
    import numpy as np
    import shapely

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    geoms = np.full(len(x), None, dtype=object)
    ok = np.isfinite(x) & np.isfinite(y)
    index = np.flatnonzero(ok)
    start, end = span
    with paused_gc():
        for i in range(0, len(index), POINTS_PER_CALL):
            chunk = index[i : i + POINTS_PER_CALL]
            geoms[chunk] = shapely.points(x[chunk], y[chunk])
            report(progress, start + (end - start) * (i + len(chunk)) / len(index))
    return geoms


def make_user_data(
    path: Path,
    layer: str | None,
    title: str,
    columns: dict[str, list],
    geometry,
    source_crs: str,
    warnings: Iterable[str] = (),
) -> UserData:
    """Build a :class:`UserData`, counting the rows without geometry.

    ``geometry`` (shapely geometries or a :class:`GeometryColumn`) is kept as a
    :class:`GeometryColumn`: flat coordinate arrays, a few times smaller.
    """
    from dkgis.io.geometry_column import GeometryColumn

    if not isinstance(geometry, GeometryColumn):
        geometry = GeometryColumn.from_shapely(geometry)
    missing = int(geometry.is_missing().sum())
    table = TableData(title, column_lists(columns), geometry)
    return UserData(path, layer, title, table, source_crs, missing, tuple(warnings))
