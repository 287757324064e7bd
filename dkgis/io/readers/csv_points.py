"""CSV files: points in lon/lat or x/y columns, or geometries written as WKT.

French spreadsheets export CSV with a ``;`` separator, a decimal comma and the
Windows code page (cp1252, a superset of Latin-1), or UTF-8 with a byte-order
mark (or UTF-16, Excel's "Unicode text"). :func:`sniff_csv` works all of this
out from the first 256 KB, and finds the coordinate columns by their names (lon,
lng, longitude, x, coord_x, X_L93, latitude, y, ...) or a column of WKT geometries
(named like ``WKT``, ``geometry`` or ``geom``, holding ``POINT (2.37 51.03)``,
``LINESTRING (...)``, ``POLYGON ((...))``, as QGIS and GDAL write them). Rows are
numbered as a spreadsheet numbers them: the header is row 1, the first data row
is row 2.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from dkgis.i18n import _, format_number, ngettext
from dkgis.io.errors import DatasetError
from dkgis.io.readers import crs as crs_mod
from dkgis.io.readers.base import (
    ColumnsRequired,
    CrsRequired,
    CsvLayout,
    FileInfo,
    LayerInfo,
    ProgressCallback,
    Reader,
    ReadOptions,
    UserData,
    check_file,
    column_lists,
    listed,
    make_user_data,
    paused_gc,
    report,
)

#: Bytes looked at to detect the encoding, separator, decimal mark and columns.
SNIFF_BYTES = 256 * 1024
#: Rows read per chunk (progress and cancel happen between chunks).
CHUNK_ROWS = 100_000
#: Most columns read: a spreadsheet's limit (more means a wrong separator or a damaged file).
MAX_COLUMNS = 16_384
#: Separators tried, most likely in French files first.
DELIMITERS = (";", "\t", ",", "|")

_LON_WORDS = frozenset({"lon", "lng", "longitude", "longitudes", "longitud", "long"})
_LAT_WORDS = frozenset({"lat", "latitude", "latitudes", "latitud"})
# "long" alone is a longitude, but as a part ("long_name") it is too vague.
_LON_PARTS = _LON_WORDS - {"long"}
_X_WORDS = frozenset({"x", "easting", "coordx", "xcoord", "coordonneex", "coordonneesx"})
_Y_WORDS = frozenset({"y", "northing", "coordy", "ycoord", "coordonneey", "coordonneesy"})

# Hints of the CRS in the name of a coordinate column, by normalised token.
_CRS_HINTS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"l93", "lambert93", "lamb93", "2154", "rgf93"}), crs_mod.LAMBERT_93),
    (frozenset({"wgs84", "4326", "gps", "wgs"}), crs_mod.LONLAT),
    (frozenset({"l2e", "lambert2", "lambertii", "l2", "lamb2", "27572", "ntf"}), "EPSG:27572"),
    (frozenset({"utm31", "utm31n", "32631"}), "EPSG:32631"),
    (frozenset({"3857", "mercator", "webmercator"}), "EPSG:3857"),
)

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
#: Numbers (separated by "|") that numpy converts as :func:`parse_number` would.
_PLAIN_NUMBERS = re.compile(r"[0-9.+\-eE|]*")

# Names of a column of WKT geometries, or words of such names ("geom_l93", "the_geom").
_WKT_NAMES = frozenset({"wkt", "geometry", "geom", "thegeom", "wktgeom", "geometrie", "shape"})
_WKT_WORDS = frozenset({"wkt", "geometry", "geom", "geometrie"})
#: The start of a WKT (or EWKT, ``SRID=2154;POINT (...)``) geometry.
_WKT_VALUE = re.compile(
    r"^\s*(?:SRID=(\d+)\s*;\s*)?"
    r"(?:POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\b",
    re.IGNORECASE,
)
_SRID_PREFIX = re.compile(r"^\s*SRID=\d+\s*;\s*", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """Lower case, no accents, words joined by ``_``: ``"Coordonnée X (L93)"`` ->
    ``"coordonnee_x_l93"``."""
    text = unicodedata.normalize("NFKD", str(name).replace("\ufeff", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _tokens(name: str) -> tuple[str, str, list[str]]:
    norm = normalise_name(name)
    return norm, norm.replace("_", ""), [t for t in norm.split("_") if t]


def _rank(name: str, words: frozenset[str], parts: frozenset[str]) -> int | None:
    """0 for an exact name (``lat``), 1 for a name part (``lat_wgs84``), else None."""
    norm, compact, tokens = _tokens(name)
    if norm in words or compact in words:
        return 0
    if any(t in parts for t in tokens):
        return 1
    return None


def coordinate_candidates(columns) -> dict[str, list[str]]:
    """Columns whose names suggest coordinates, best first.

    Returns
    -------
    dict
        ``{"lon": [...], "lat": [...], "x": [...], "y": [...]}``.
    """
    found: dict[str, list[tuple[int, int, str]]] = {"lon": [], "lat": [], "x": [], "y": []}
    rules = {
        "lon": (_LON_WORDS, _LON_PARTS),
        "lat": (_LAT_WORDS, _LAT_WORDS),
        "x": (_X_WORDS, frozenset({"x", "easting"})),
        "y": (_Y_WORDS, frozenset({"y", "northing"})),
    }
    for position, name in enumerate(columns):
        for role, (words, parts) in rules.items():
            rank = _rank(name, words, parts)
            if rank is not None:
                found[role].append((rank, position, name))
                break
    return {role: [n for _, _, n in sorted(v)] for role, v in found.items()}


def wkt_candidates(columns) -> list[str]:
    """Columns whose names suggest WKT geometries (``WKT``, ``geometry``, ``geom``...)."""
    found = []
    for name in columns:
        norm, compact, tokens = _tokens(name)
        if norm in _WKT_NAMES or compact in _WKT_NAMES or _WKT_WORDS.intersection(tokens):
            found.append(name)
    return found


def crs_hint(*names: str) -> str | None:
    """The CRS that coordinate column names mention (``X_L93`` -> EPSG:2154), if any."""
    for name in names:
        _, compact, tokens = _tokens(name)
        pieces = {*tokens, compact}
        for keys, code in _CRS_HINTS:
            if pieces & keys or any(k in compact for k in keys if len(k) >= 4):
                return code
    return None


def detect_encoding(raw: bytes) -> str:
    """``utf-8-sig`` with a byte-order mark (``utf-16`` with its own), ``utf-8`` when it
    decodes, else ``cp1252`` (or ``latin-1`` for bytes cp1252 leaves undefined)."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _fallback_encodings(encoding: str) -> tuple[tuple[str, str], ...]:
    """(encoding, errors) to try in turn when a byte after the sniffed part does not decode.

    A file that is UTF-8 for 256 KB and then is not is a Windows export whose first
    accents come late; Latin-1 decodes any byte, so the last attempt always succeeds.
    """
    if encoding == "utf-16":
        return (("utf-16", "strict"), ("utf-16", "replace"))
    chain = {"utf-8": ("utf-8", "cp1252"), "utf-8-sig": ("utf-8-sig", "cp1252")}
    names = (*chain.get(encoding, (encoding,)), "latin-1")
    return tuple((name, "strict") for name in dict.fromkeys(names))


def _rows(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    """The non-blank rows of ``text``, split as the csv module does (quotes included)."""
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if row:
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    return rows


def detect_delimiter(text: str) -> str | None:
    """The separator giving the header and the first rows the same number (> 1) of fields."""
    best: tuple[int, str] | None = None
    for delim in DELIMITERS:
        try:
            rows = _rows(text, delim, limit=60)
        except csv.Error:
            continue
        if not rows:
            return None
        width = len(rows[0])
        if width < 2:
            continue
        if all(len(r) == width for r in rows[1:]):
            return delim
        if best is None or width > best[0]:
            best = (width, delim)
    return best[1] if best else None


def parse_number(text: str, decimal: str) -> float:
    """Parse ``"652 345,12"`` (``decimal=","``) or ``"2.37"``; ValueError if not a number."""
    cleaned = _SPACES.sub("", text)
    if decimal == "," or ("," in cleaned and "." not in cleaned):
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _sample_values(rows: list[list[str]], index: int, decimal: str) -> np.ndarray:
    """The numbers of column ``index`` of the sample (texts that are not numbers left out).

    This runs on the window's thread when a file is added: plain numbers (digits, sign,
    point or comma, exponent) are converted all at once, other texts one by one with
    :func:`parse_number`."""
    texts = [row[index] for row in rows if index < len(row) and row[index].strip()]
    joined = "|".join(texts)
    if decimal == ",":
        joined = joined.replace(",", ".")
    if _PLAIN_NUMBERS.fullmatch(joined):
        try:
            values = np.array(joined.split("|")).astype(float)
        except ValueError:
            values = None
        if values is not None and np.isfinite(values).all():
            return values
    numbers = []
    for text in texts:
        try:
            numbers.append(parse_number(text, decimal))
        except ValueError:
            continue
    return np.asarray(numbers, dtype=float)


@dataclass(frozen=True)
class CsvSample:
    """What :func:`sniff_csv` found in the first part of a CSV file.

    Attributes
    ----------
    layout : CsvLayout
        Encoding, separator, decimal mark, columns and geometry columns.
    rows : list of list of str
        The first data rows, split into fields.
    whole : bool
        Whether ``rows`` are all the rows of the file (it is shorter than the sample).
    """

    layout: CsvLayout
    rows: list[list[str]]
    whole: bool


def _head(path: Path) -> tuple[bytes, bool]:
    """The first :data:`SNIFF_BYTES` of the file, and whether there is more."""
    check_file(path)
    try:
        with path.open("rb") as f:
            raw = f.read(SNIFF_BYTES)
            truncated = bool(f.read(1))
    except OSError as err:
        raise DatasetError(
            path, _("cannot be opened ({reason})").format(reason=err.strerror or err)
        ) from None
    return raw, truncated


def sniff_csv(path: Path) -> CsvSample:
    """Detect encoding, separator, decimal mark and geometry columns of a CSV file.

    Raises
    ------
    DatasetError
        For an empty or binary file, or a file with a single column.
    """
    raw, truncated = _head(path)
    # A field may be as long as the sample (a detailed WKT polygon, a long comment):
    # the csv module's limit (128 KB) only ever loosens, and pandas has none.
    csv.field_size_limit(max(csv.field_size_limit(), SNIFF_BYTES))
    if not raw.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise DatasetError(path, _("the file is empty"))
    encoding = detect_encoding(raw)
    if encoding != "utf-16" and b"\x00" in raw[:4096]:
        raise DatasetError(path, _("not a CSV text file (it holds binary data)"))
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(raw, final=True)
    text = text.lstrip("\ufeff")
    if truncated:  # the last line may be cut in the middle
        text = text[: max(text.rfind("\n"), text.rfind("\r")) + 1] or text
    delimiter = detect_delimiter(text)
    if delimiter is None:
        raise DatasetError(
            path,
            _(
                "no coordinate columns: the file has a single column"
                " (no ';', ',', tab or '|' separator found)"
            ),
        )
    try:
        rows = _rows(text, delimiter)
    except csv.Error as err:
        raise DatasetError(path, _("unreadable CSV ({detail})").format(detail=err)) from None
    if len(rows[0]) > MAX_COLUMNS:
        raise DatasetError(
            path,
            _(
                "the first row has {n} columns, more than the {max} a spreadsheet holds:"
                " is the file damaged?"
            ).format(n=format_number(len(rows[0])), max=format_number(MAX_COLUMNS)),
        )
    header = list(column_lists({name.strip(): [] for name in _dedupe(rows[0])}))
    data = rows[1:]
    _check_widths(path, len(header), data, delimiter)
    decimal = "."
    if delimiter != ",":
        cells = [c.strip() for r in data[:200] for c in r]
        if any(_DECIMAL_COMMA.match(c) for c in cells):
            decimal = ","
    cands = coordinate_candidates(header)
    layout = CsvLayout(
        encoding=encoding,
        delimiter=delimiter,
        decimal=decimal,
        columns=tuple(header),
        x_candidates=tuple(cands["lon"] + cands["x"]),
        y_candidates=tuple(cands["lat"] + cands["y"]),
        wkt_column=_choose_wkt(header, data),
    )
    x, y, lonlat = _choose_columns(cands)
    if x is not None:
        layout = replace(layout, x_column=x, y_column=y, lonlat_names=lonlat)
    return CsvSample(layout, data, not truncated)


def _check_widths(path: Path, width: int, rows: list[list[str]], delimiter: str) -> None:
    """Refuse a row with more (non-empty) fields than the header, naming it.

    Empty fields after the last column (a ``;`` ending every row) are harmless.
    """
    for i, row in enumerate(rows):
        if len(row) > width and any(field.strip() for field in row[width:]):
            raise DatasetError(path, _too_many_fields(i + 2, len(row), width, delimiter))


def _too_many_fields(row: int | str, saw: int | str, width: int, delimiter: str) -> str:
    sep = {"\t": _("tab")}.get(delimiter, f"'{delimiter}'")
    return _(
        "row {row} has {saw} fields but the header has {expected}"
        " (fields are separated by {separator}; is a value missing its quotes?)"
    ).format(row=row, saw=saw, expected=width, separator=sep)


def _dedupe(names: list[str]) -> list[str]:
    out, seen = [], {}
    for i, name in enumerate(names, start=1):
        base = name.strip().replace("\ufeff", "") or f"column_{i}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(base if n == 0 else f"{base}_{n + 1}")
    return out


def _column_sample(rows: list[list[str]], index: int, limit: int = 200) -> list[str]:
    """The non-empty values of column ``index`` in the first ``limit`` rows."""
    return [r[index] for r in rows[:limit] if index < len(r) and r[index].strip()]


def _choose_wkt(header: list[str], rows: list[list[str]]) -> str | None:
    """The column of WKT geometries: named so, holding WKT (or nothing seen yet)."""
    for name in wkt_candidates(header):
        values = _column_sample(rows, header.index(name))
        if not values or any(_WKT_VALUE.match(v) for v in values):
            return name
    return None


def _choose_columns(cands: dict[str, list[str]]) -> tuple[str | None, str | None, bool]:
    """The coordinate columns when the names leave no doubt: one lon/lat pair or one x/y pair."""
    lonlat = len(cands["lon"]) == 1 and len(cands["lat"]) == 1
    xy = len(cands["x"]) == 1 and len(cands["y"]) == 1
    no_lonlat = not cands["lon"] and not cands["lat"]
    no_xy = not cands["x"] and not cands["y"]
    if lonlat and no_xy:
        return cands["lon"][0], cands["lat"][0], True
    if xy and no_lonlat:
        return cands["x"][0], cands["y"][0], False
    return None, None, False


def _no_columns_problem(layout: CsvLayout) -> str:
    shown = ", ".join(f'"{c}"' for c in layout.columns[:12])
    more = ", ..." if len(layout.columns) > 12 else ""
    return _(
        "no coordinate columns: expected columns named like lon/lat, longitude/latitude"
        " or x/y, or a column of WKT geometries named like WKT or geometry;"
        " the columns are {columns}"
    ).format(columns=shown + more)


def _unknown_crs_problem(columns: str, degrees: bool) -> str:
    if degrees:
        return _(
            "{columns} do not say which coordinate system they use (the values look like degrees)"
        ).format(columns=columns)
    return _(
        "{columns} do not say which coordinate system they use (the values look like metres)"
    ).format(columns=columns)


def _row_label(index: int) -> str:
    """Data row ``index`` (0-based) as a spreadsheet numbers it (the header is row 1)."""
    return _("row {row}").format(row=index + 2)


class CsvReader(Reader):
    """Points from a CSV file with longitude/latitude or x/y columns, or WKT geometries."""

    kind = "csv"
    label = "CSV"
    patterns = ("*.csv", "*.tsv", "*.txt")

    def inspect(self, path: Path) -> FileInfo:
        sample = sniff_csv(path)
        layout = sample.layout
        if layout.wkt_column is None and (not layout.x_candidates or not layout.y_candidates):
            raise DatasetError(path, _no_columns_problem(layout))
        if not sample.rows and sample.whole:
            raise DatasetError(path, _("the file has a header but no data rows"))
        crs, problem, suggestion = None, "", crs_mod.LAMBERT_93
        geometry_type = None
        if layout.wkt_column is not None:
            crs, problem, suggestion = _wkt_crs(layout, sample.rows)
        elif layout.x_column is not None:
            crs, problem, suggestion = _xy_crs(layout, sample.rows)
            geometry_type = "Point"
        layer = LayerInfo(path.stem, geometry_type, None, crs, problem or None)
        return FileInfo(path, self.kind, (layer,), csv=layout, crs_suggestion=suggestion)

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        sample = sniff_csv(path)
        if sample.layout.wkt_column is not None and options.x_column is None:
            return _read_wkt(path, sample, options, progress)
        return _read_points(path, sample, options, progress)


def _xy_crs(
    layout: CsvLayout, rows: list[list[str]], x: str | None = None, y: str | None = None
) -> tuple[str | None, str, str]:
    """(crs or None, why it must be asked, suggestion) for the coordinate columns."""
    x = x or layout.x_column
    y = y or layout.y_column
    xs = _sample_values(rows, layout.columns.index(x), layout.decimal)
    ys = _sample_values(rows, layout.columns.index(y), layout.decimal)
    n = min(len(xs), len(ys))
    bounds = (xs[:n].min(), ys[:n].min(), xs[:n].max(), ys[:n].max()) if n else (math.nan,) * 4
    suggestion = crs_mod.guess_crs(bounds) if n else crs_mod.LAMBERT_93
    hinted = crs_hint(x, y)
    lonlat_named = x in coordinate_candidates([x])["lon"] and y in coordinate_candidates([y])["lat"]
    if hinted is not None:
        return hinted, "", hinted
    if lonlat_named:
        problem = crs_mod.lonlat_problem(bounds)
        if problem is None:
            return crs_mod.LONLAT, "", crs_mod.LONLAT
        return None, problem, suggestion
    columns = _('the columns "{x}" and "{y}"').format(x=x, y=y)
    return None, _unknown_crs_problem(columns, suggestion == crs_mod.LONLAT), suggestion


def _wkt_crs(layout: CsvLayout, rows: list[list[str]]) -> tuple[str | None, str, str]:
    """(crs or None, why it must be asked, suggestion) for the WKT column."""
    import shapely

    name = layout.wkt_column
    hinted = crs_hint(name)
    if hinted is not None:
        return hinted, "", hinted
    values = _column_sample(rows, layout.columns.index(name))
    srids = {m.group(1) for v in values if (m := _WKT_VALUE.match(v)) and m.group(1)}
    if len(srids) == 1:
        try:
            crs = crs_mod.normalize_crs(f"EPSG:{srids.pop()}")
            return crs, "", crs
        except ValueError:
            pass
    with np.errstate(all="ignore"):
        geoms = shapely.from_wkt([_SRID_PREFIX.sub("", v) for v in values], on_invalid="ignore")
    geoms = geoms[~shapely.is_missing(geoms)] if len(geoms) else geoms
    bounds = shapely.total_bounds(geoms) if len(geoms) else (math.nan,) * 4
    if not np.isfinite(bounds).all():
        return None, _unknown_crs_problem(f'"{name}"', False), crs_mod.LAMBERT_93
    suggestion = crs_mod.guess_crs(bounds)
    columns = _('the column "{column}"').format(column=name)
    return None, _unknown_crs_problem(columns, suggestion == crs_mod.LONLAT), suggestion


def _read_points(
    path: Path, sample: CsvSample, options: ReadOptions, progress: ProgressCallback | None
) -> UserData:
    layout = sample.layout
    x_col = options.x_column or layout.x_column
    y_col = options.y_column or layout.y_column
    if x_col is None or y_col is None:
        if not layout.x_candidates or not layout.y_candidates:
            raise DatasetError(path, _no_columns_problem(layout))
        raise ColumnsRequired(
            path,
            _("several columns could hold the coordinates: {columns}").format(
                columns=", ".join(f'"{c}"' for c in (*layout.x_candidates, *layout.y_candidates))
            ),
            layout.x_candidates,
            layout.y_candidates,
        )
    for col in (x_col, y_col):
        if col not in layout.columns:
            raise DatasetError(path, _('no column "{column}"').format(column=col))
    crs = options.crs
    suggestion = crs_mod.LAMBERT_93
    if crs is None:
        crs, problem, suggestion = _xy_crs(layout, sample.rows, x_col, y_col)
        if crs is None:
            raise CrsRequired(path, problem, suggestion)
    report(progress, 0.0)

    def coordinates(chunk, rows_before: int) -> tuple[np.ndarray, np.ndarray]:
        return (
            _coordinates(path, chunk[x_col], x_col, rows_before, layout.decimal),
            _coordinates(path, chunk[y_col], y_col, rows_before, layout.decimal),
        )

    columns, parts = _read_table(path, layout, coordinates, set(), progress)
    xs = np.concatenate([p[0] for p in parts])
    ys = np.concatenate([p[1] for p in parts])
    lon, lat = crs_mod.xy_to_lonlat(path, xs, ys, crs)
    ok = np.isfinite(lon) & np.isfinite(lat)
    if ok.any():
        source = (xs[ok].min(), ys[ok].min(), xs[ok].max(), ys[ok].max())
        suggestion = crs_mod.guess_crs(source)
        if crs_mod.is_lonlat(crs) and options.crs is None:
            problem = crs_mod.lonlat_problem(source)
            if problem is not None:
                raise CrsRequired(path, problem, suggestion)
    warnings = crs_mod.check_area_of_use(
        path, crs, crs_mod.point_bounds(lon, lat), _row_label, suggestion
    )
    from dkgis.io.geometry_column import GeometryColumn

    report(progress, 1.0)
    points = GeometryColumn.from_points(lon, lat)  # no shapely object per point
    return make_user_data(path, None, path.stem, columns, points, crs, warnings)


def _read_wkt(
    path: Path, sample: CsvSample, options: ReadOptions, progress: ProgressCallback | None
) -> UserData:
    import shapely

    layout = sample.layout
    name = layout.wkt_column
    crs = options.crs
    suggestion = crs_mod.LAMBERT_93
    if crs is None:
        crs, problem, suggestion = _wkt_crs(layout, sample.rows)
        if crs is None:
            raise CrsRequired(path, problem, suggestion)
    report(progress, 0.0)
    columns, parts = _read_table(
        path, layout, lambda chunk, _before: _python_values(chunk[name]), {name}, progress
    )
    texts = [v for part in parts for v in part]
    geoms, bad = _parse_wkt(texts)
    warnings: tuple[str, ...] = ()
    if bad:
        n = len(bad)
        items = (f"{_row_label(i)} ({reason})" for i, reason in bad[:6])
        warnings = (
            ngettext(
                '{n} row has no readable geometry in column "{column}" and is not drawn: {rows}',
                '{n} rows have no readable geometry in column "{column}" and are not drawn: {rows}',
                n,
            ).format(n=n, column=name, rows=listed(items, n)),
        )
    present = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if present.size:
        source = shapely.total_bounds(present)
        suggestion = crs_mod.guess_crs(source)
        if crs_mod.is_lonlat(crs) and options.crs is None:
            problem = crs_mod.lonlat_problem(source)
            if problem is not None:
                raise CrsRequired(path, problem, suggestion)
    geoms = crs_mod.geometry_to_lonlat(path, geoms, crs)
    warnings += crs_mod.check_area_of_use(
        path, crs, crs_mod.geometry_bounds(geoms), _row_label, suggestion
    )
    report(progress, 1.0)
    return make_user_data(path, None, path.stem, columns, geoms, crs, warnings)


def _parse_wkt(values: list) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """2D shapely geometries of WKT texts (``None`` for empty cells) and the unreadable ones.

    Returns
    -------
    geoms : numpy.ndarray
        One geometry per value; ``None`` where the cell is empty or unreadable.
    bad : list of (int, str)
        The index and the reason of each unreadable value (reasons for the first few).
    """
    import shapely

    texts = np.array(
        [None if v is None else _SRID_PREFIX.sub("", str(v)) for v in values], dtype=object
    )
    present = np.array([t is not None and bool(t.strip()) for t in texts], dtype=bool)
    geoms = np.full(len(texts), None, dtype=object)
    if present.any():
        with paused_gc(), np.errstate(all="ignore"):
            parsed = shapely.from_wkt(texts[present], on_invalid="ignore")
            parsed = shapely.force_2d(parsed)
        geoms[present] = parsed
    unreadable = present & shapely.is_missing(geoms)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    infinite = np.zeros(len(geoms), dtype=bool)
    infinite[np.unique(index[~np.isfinite(coords).all(axis=1)])] = True
    geoms[infinite] = None
    bad: list[tuple[int, str]] = []
    for i in np.flatnonzero(unreadable | infinite):
        reason = _("a coordinate is not a finite number") if infinite[i] else None
        if reason is None and len(bad) < 6:
            reason = _wkt_problem(texts[i])
        bad.append((int(i), reason or ""))
    return geoms, bad


def _wkt_problem(text: str) -> str:
    """Why ``text`` is not WKT, in GEOS's words."""
    import shapely

    try:
        with np.errstate(all="ignore"):
            shapely.from_wkt(text, on_invalid="raise")
    except Exception as err:  # GEOS says why in its own exception
        return _("not WKT: {detail}").format(detail=str(err).strip()[:100])
    return _("not WKT")


#: Reads the next chunk's geometry: (chunk of rows, rows before it) -> anything.
ChunkTaker = Callable[[object, int], object]


def _read_table(
    path: Path,
    layout: CsvLayout,
    take: ChunkTaker,
    skip: set[str],
    progress: ProgressCallback | None,
) -> tuple[dict[str, list], list]:
    """Read every row: attribute columns (less ``skip``) and ``take``'s result per chunk.

    A byte that does not decode after the sniffed part makes the read start again
    with the next encoding of :func:`_fallback_encodings`.
    """
    *first, (last, last_errors) = _fallback_encodings(layout.encoding)
    for encoding, errors in first:
        try:
            return _read_chunks(path, layout, encoding, errors, take, skip, progress)
        except UnicodeError:
            continue
    try:
        return _read_chunks(path, layout, last, last_errors, take, skip, progress)
    except UnicodeError:
        raise DatasetError(path, _("the text encoding cannot be read")) from None


def _read_chunks(
    path: Path,
    layout: CsvLayout,
    encoding: str,
    errors: str,
    take: ChunkTaker,
    skip: set[str],
    progress: ProgressCallback | None,
) -> tuple[dict[str, list], list]:
    import pandas as pd

    size = max(path.stat().st_size, 1)
    kept = [name for name in layout.columns if name not in skip]
    columns: dict[str, list] = {name: [] for name in kept}
    parts: list = []
    rows_done = 0
    bytes_per_row: float | None = None
    try:
        reader = pd.read_csv(
            path,
            sep=layout.delimiter,
            decimal=layout.decimal,
            encoding=encoding,
            encoding_errors=errors,
            header=0,
            names=list(layout.columns),
            index_col=False,  # a row longer than the header must not become an index
            dtype={name: object for name in skip},
            keep_default_na=False,
            na_values=[""],
            chunksize=CHUNK_ROWS,
            engine="c",
            quotechar='"',
            skip_blank_lines=True,
            on_bad_lines="error",
        )
        with reader:
            for chunk in reader:
                parts.append(take(chunk, rows_done))
                for name in kept:
                    columns[name].extend(_python_values(chunk[name]))
                rows_done += len(chunk)
                if bytes_per_row is None and rows_done:
                    bytes_per_row = _bytes_per_row(path)
                estimate = size / bytes_per_row if bytes_per_row else rows_done * 2
                report(progress, 0.9 * rows_done / max(estimate, rows_done + 1))
    except pd.errors.ParserError as err:
        raise DatasetError(path, _parser_problem(str(err), layout)) from None
    except pd.errors.EmptyDataError:
        raise DatasetError(path, _("the file is empty")) from None
    if rows_done == 0:
        raise DatasetError(path, _("the file has a header but no data rows"))
    return columns, parts


def _bytes_per_row(path: Path) -> float | None:
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    lines = head.count(b"\n")
    return len(head) / lines if lines > 1 else None


def _parser_problem(message: str, layout: CsvLayout) -> str:
    match = re.search(r"Expected \d+ fields in line (\d+), saw (\d+)", message)
    if match:
        line, saw = match.groups()
        return _too_many_fields(line, saw, len(layout.columns), layout.delimiter)
    return _("unreadable CSV ({detail})").format(detail=message.strip()[:200])


def _coordinates(path: Path, series, name: str, rows_before: int, decimal: str) -> np.ndarray:
    """The numbers of a coordinate column; DatasetError naming the first bad row.

    Text cells may carry thousands separators (spaces, ``'``) and a decimal comma.
    """
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        bad = np.isinf(values)
    else:
        cleaned = series.astype("string").str.replace(_SPACES.pattern, "", regex=True)
        if decimal == "," or cleaned.str.contains(",", regex=False).any():
            cleaned = cleaned.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(cleaned, errors="coerce")
        values = numbers.to_numpy(dtype=float, na_value=np.nan)
        bad = (numbers.isna().to_numpy() & cleaned.notna().to_numpy()) | np.isinf(values)
    if bad.any():
        i = int(np.argmax(bad))
        raise _bad_number(path, series.iloc[i], name, rows_before + i)
    return values


def _bad_number(path: Path, value: object, column: str, index: int) -> DatasetError:
    return DatasetError(
        path,
        _('unreadable {row}: value "{value}" in column "{column}" is not a number').format(
            row=_row_label(index), value=str(value)[:60], column=column
        ),
    )


def _python_values(series) -> list:
    """Column values as Python objects, ``None`` for empty cells."""
    return series.astype(object).where(series.notna(), None).tolist()
