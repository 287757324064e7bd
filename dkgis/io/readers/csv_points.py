"""CSV files of points: lon/lat or x/y columns, French conventions included.

French spreadsheets export CSV with a ``;`` separator, a decimal comma and the
Windows code page (cp1252, a superset of Latin-1), or UTF-8 with a byte-order
mark. :func:`sniff_csv` works all of this out from the first 256 KB, and finds
the coordinate columns by their names (lon, lng, longitude, x, coord_x, X_L93,
latitude, y, ...). Rows are numbered as a spreadsheet numbers them: the header
is row 1, the first data row is row 2.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import numpy as np

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
    make_points,
    make_user_data,
    report,
)

#: Bytes looked at to detect the encoding, separator, decimal mark and columns.
SNIFF_BYTES = 256 * 1024
#: Rows read per chunk (progress and cancel happen between chunks).
CHUNK_ROWS = 100_000
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
    """``utf-8-sig`` with a byte-order mark, ``utf-8`` when it decodes, else ``cp1252``
    (or ``latin-1`` for bytes cp1252 leaves undefined)."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
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


def _decode_sample(raw: bytes, encoding: str, truncated: bool) -> list[str]:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(raw, final=True)
    lines = text.splitlines()
    if truncated and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    return lines


def detect_delimiter(lines: list[str]) -> str | None:
    """The separator giving the header and the first rows the same number (> 1) of fields."""
    sample = [line for line in lines[:60] if line.strip()]
    if not sample:
        return None
    best: tuple[int, str] | None = None
    for delim in DELIMITERS:
        rows = list(csv.reader(sample, delimiter=delim))
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
    if math.isinf(value):
        raise ValueError(text)
    return value


def _sample_values(rows: list[list[str]], index: int, decimal: str) -> np.ndarray:
    values = []
    for row in rows:
        if index < len(row) and row[index].strip():
            try:
                values.append(parse_number(row[index], decimal))
            except ValueError:
                continue
    return np.asarray(values, dtype=float)


def sniff_csv(path: Path) -> tuple[CsvLayout, list[list[str]]]:
    """Detect encoding, separator, decimal mark and coordinate columns of a CSV file.

    Returns
    -------
    layout : CsvLayout
    sample : list of list of str
        The first data rows, split into fields.

    Raises
    ------
    DatasetError
        For an empty file, a file with a single column or without data rows.
    """
    check_file(path)
    try:
        with path.open("rb") as f:
            raw = f.read(SNIFF_BYTES)
            truncated = bool(f.read(1))
    except OSError as err:
        raise DatasetError(path, f"cannot be opened ({err.strerror or err})") from None
    if not raw.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise DatasetError(path, "the file is empty")
    if b"\x00" in raw[:4096]:
        raise DatasetError(path, "not a CSV text file (it holds binary data)")
    encoding = detect_encoding(raw)
    lines = _decode_sample(raw, encoding, truncated)
    delimiter = detect_delimiter(lines)
    if delimiter is None:
        raise DatasetError(
            path,
            "no coordinate columns: the file has a single column"
            " (no ';', ',', tab or '|' separator found)",
        )
    rows = [r for r in csv.reader([ln for ln in lines if ln.strip()], delimiter=delimiter)]
    header = list(column_lists({name.strip(): [] for name in _dedupe(rows[0])}))
    data = rows[1:]
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
    )
    x, y, lonlat = _choose_columns(cands)
    if x is not None:
        layout = replace(layout, x_column=x, y_column=y, lonlat_names=lonlat)
    return layout, data


def _dedupe(names: list[str]) -> list[str]:
    out, seen = [], {}
    for i, name in enumerate(names, start=1):
        base = name.strip().replace("\ufeff", "") or f"column_{i}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(base if n == 0 else f"{base}_{n + 1}")
    return out


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
    return (
        "no coordinate columns: expected columns named like lon/lat, longitude/latitude"
        f" or x/y; the columns are {shown}{more}"
    )


class CsvReader(Reader):
    """Points from a CSV file with longitude/latitude or x/y columns."""

    kind = "csv"
    label = "CSV points"
    patterns = ("*.csv", "*.tsv", "*.txt")

    def inspect(self, path: Path) -> FileInfo:
        layout, sample = sniff_csv(path)
        if not layout.x_candidates or not layout.y_candidates:
            raise DatasetError(path, _no_columns_problem(layout))
        if not sample:
            raise DatasetError(path, "the file has a header but no data rows")
        crs, problem, suggestion = None, "", crs_mod.LAMBERT_93
        if layout.x_column is not None:
            crs, problem, suggestion = self._crs_of(path, layout, sample)
        layer = LayerInfo(path.stem, "Point", None, crs, problem or None)
        return FileInfo(path, self.kind, (layer,), csv=layout, crs_suggestion=suggestion)

    def _crs_of(
        self, path: Path, layout: CsvLayout, sample: list[list[str]], x=None, y=None
    ) -> tuple[str | None, str, str]:
        """(crs or None, why it must be asked, suggestion) for the chosen columns."""
        x = x or layout.x_column
        y = y or layout.y_column
        xs = _sample_values(sample, layout.columns.index(x), layout.decimal)
        ys = _sample_values(sample, layout.columns.index(y), layout.decimal)
        n = min(len(xs), len(ys))
        bounds = (xs[:n].min(), ys[:n].min(), xs[:n].max(), ys[:n].max()) if n else (math.nan,) * 4
        suggestion = crs_mod.guess_crs(bounds) if n else crs_mod.LAMBERT_93
        hinted = crs_hint(x, y)
        lonlat_named = (
            x in coordinate_candidates([x])["lon"] and y in (coordinate_candidates([y])["lat"])
        )
        if hinted is not None:
            return hinted, "", hinted
        if lonlat_named:
            problem = crs_mod.lonlat_problem(bounds)
            if problem is None:
                return crs_mod.LONLAT, "", crs_mod.LONLAT
            return None, problem, suggestion
        if suggestion == crs_mod.LONLAT:
            return (
                None,
                f'the columns "{x}" and "{y}" do not say which coordinate system they use'
                " (the values look like degrees)",
                suggestion,
            )
        return (
            None,
            f'the columns "{x}" and "{y}" do not say which coordinate system they use'
            " (the values look like metres)",
            suggestion,
        )

    def read(
        self, path: Path, options: ReadOptions, progress: ProgressCallback | None = None
    ) -> UserData:
        layout, sample = sniff_csv(path)
        x_col = options.x_column or layout.x_column
        y_col = options.y_column or layout.y_column
        if x_col is None or y_col is None:
            if not layout.x_candidates or not layout.y_candidates:
                raise DatasetError(path, _no_columns_problem(layout))
            raise ColumnsRequired(
                path,
                "several columns could hold the coordinates: "
                + ", ".join(f'"{c}"' for c in (*layout.x_candidates, *layout.y_candidates)),
                layout.x_candidates,
                layout.y_candidates,
            )
        for col in (x_col, y_col):
            if col not in layout.columns:
                raise DatasetError(path, f'no column "{col}"')
        crs = options.crs
        if crs is None:
            crs, problem, suggestion = self._crs_of(path, layout, sample, x_col, y_col)
            if crs is None:
                raise CrsRequired(path, problem, suggestion)
        report(progress, 0.0)
        try:
            columns, xs, ys = _read_chunks(path, layout, x_col, y_col, progress)
        except UnicodeDecodeError:
            if layout.encoding not in ("utf-8", "utf-8-sig"):
                raise DatasetError(path, "the text encoding cannot be read") from None
            # The first 256 KB were UTF-8 but a later byte is not: a Windows export.
            layout = replace(layout, encoding="cp1252")
            columns, xs, ys = _read_chunks(path, layout, x_col, y_col, progress)
        lon, lat = crs_mod.xy_to_lonlat(path, xs, ys, crs)
        ok = np.isfinite(lon) & np.isfinite(lat)
        if crs_mod.is_lonlat(crs) and ok.any():
            bounds = (lon[ok].min(), lat[ok].min(), lon[ok].max(), lat[ok].max())
            problem = crs_mod.lonlat_problem(bounds)
            if problem is not None:
                raise CrsRequired(path, problem, crs_mod.guess_crs(bounds))
        geoms = make_points(lon, lat, progress, (0.9, 1.0))
        report(progress, 1.0)
        return make_user_data(path, None, path.stem, columns, geoms, crs)


def _read_chunks(
    path: Path, layout: CsvLayout, x_col: str, y_col: str, progress: ProgressCallback | None
) -> tuple[dict[str, list], np.ndarray, np.ndarray]:
    import pandas as pd

    size = max(path.stat().st_size, 1)
    columns: dict[str, list] = {name: [] for name in layout.columns}
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    rows_done = 0
    bytes_per_row: float | None = None
    try:
        reader = pd.read_csv(
            path,
            sep=layout.delimiter,
            decimal=layout.decimal,
            encoding=layout.encoding,
            header=0,
            names=list(layout.columns),
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
                xs.append(_coordinates(path, chunk[x_col], x_col, rows_done, layout.decimal))
                ys.append(_coordinates(path, chunk[y_col], y_col, rows_done, layout.decimal))
                for name in layout.columns:
                    columns[name].extend(_python_values(chunk[name]))
                rows_done += len(chunk)
                if bytes_per_row is None and rows_done:
                    bytes_per_row = _bytes_per_row(path, layout.encoding)
                estimate = size / bytes_per_row if bytes_per_row else rows_done * 2
                report(progress, 0.9 * rows_done / max(estimate, rows_done + 1))
    except pd.errors.ParserError as err:
        raise DatasetError(path, _parser_problem(str(err), layout)) from None
    except pd.errors.EmptyDataError:
        raise DatasetError(path, "the file is empty") from None
    if rows_done == 0:
        raise DatasetError(path, "the file has a header but no data rows")
    return columns, np.concatenate(xs), np.concatenate(ys)


def _bytes_per_row(path: Path, encoding: str) -> float | None:
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    lines = head.count(b"\n")
    return len(head) / lines if lines > 1 else None


def _parser_problem(message: str, layout: CsvLayout) -> str:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    sep = {"\t": "tab"}.get(layout.delimiter, f"'{layout.delimiter}'")
    if match:
        expected, line, saw = match.groups()
        return (
            f"row {line} has {saw} fields but the header has {expected}"
            f" (fields are separated by {sep}; is a value missing its quotes?)"
        )
    return f"unreadable CSV ({message.strip()})"


def _coordinates(path: Path, series, name: str, rows_before: int, decimal: str) -> np.ndarray:
    """The numbers of a coordinate column; DatasetError naming the first bad row."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype=float, na_value=np.nan)
    text = series.astype(object).where(series.notna(), None)
    cleaned = text.map(lambda v: None if v is None else _SPACES.sub("", str(v)), na_action=None)
    if decimal == "," or cleaned.dropna().str.contains(",", regex=False).any():
        cleaned = cleaned.map(lambda v: None if v is None else v.replace(",", "."))
    values = pd.to_numeric(cleaned, errors="coerce")
    bad = values.isna().to_numpy() & cleaned.notna().to_numpy()
    bad |= np.isinf(values.to_numpy(dtype=float, na_value=np.nan))
    if bad.any():
        i = int(np.argmax(bad))
        row = rows_before + i + 2  # the header is row 1
        raise DatasetError(
            path, f'unreadable row {row}: value "{text.iloc[i]}" in column "{name}" is not a number'
        )
    return values.to_numpy(dtype=float, na_value=np.nan)


def _python_values(series) -> list:
    """Column values as Python objects, ``None`` for empty cells."""
    return series.astype(object).where(series.notna(), None).tolist()
