"""Checks of single cells of a dataset: the value of one column of one row.

A cell can be wrong in ways that no program reading it should have to guess
about: a value of the wrong type (text where a number is expected, a number
where text is expected, binary data, text that is not UTF-8), a missing
required value, a number outside what can be true (a negative tonnage, a year
of the wrong century), a geometry that cannot be decoded or whose coordinates
are not longitudes and latitudes. The reader (:func:`dkgis.io.gpkg.read_dataset`)
refuses a file with any of them and the validator lists them all, through
:func:`cell_issues`, so the two agree by construction.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from dkgis.i18n import _, format_number, ngettext
from dkgis.io import schema
from dkgis.io.issues import Issue

if TYPE_CHECKING:
    from dkgis.io.gpkg import TableData


class UndecodableText:
    """A ``TEXT`` value whose bytes are not valid UTF-8; stands for it in a table.

    Parameters
    ----------
    data
        The stored bytes.
    position
        Offset of the first byte that is not UTF-8.
    """

    __slots__ = ("data", "position")

    def __init__(self, data: bytes, position: int) -> None:
        self.data = data
        self.position = position

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UndecodableText):
            return NotImplemented
        return self.data == other.data

    def __hash__(self) -> int:
        return hash((UndecodableText, self.data))

    def __repr__(self) -> str:
        return f"UndecodableText({self.data!r})"

    def __str__(self) -> str:
        return self.data.decode("utf-8", errors="replace")


def decode_text(data: bytes) -> str | UndecodableText:
    """Decode a ``TEXT`` value read from SQLite (the connection's ``text_factory``).

    Text that is not UTF-8 becomes an :class:`UndecodableText` instead of failing the
    whole query, so that the row and column can be named.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        return UndecodableText(bytes(data), err.start)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_blank(value: Any) -> bool:
    """Whether a value counts as missing: NULL, or text made of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(value: float) -> str:
    """A number as stored, without rounding or grouping (``-5``, ``1e+300``, ``2.5``)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _shown(value: Any) -> str:
    """A value of the wrong type, quoted as the file holds it."""
    if isinstance(value, str):
        return repr(value)
    return _plain(value) if _is_number(value) else repr(value)


def missing_message(table: str, column: str) -> str:
    """What to say of a required value that is missing."""
    if column == "source_url":
        citing = {
            "measures": _("no source_url: every measure must cite its source"),
            "targets": _("no source_url: every target must cite its source"),
            "kpis": _("no source_url: every key figure must cite its source"),
            "clusters": _("no source_url: every cluster figure must cite its source"),
        }
        if table in citing:
            return citing[table]
    return _("required value missing")


def type_problem(kind: str, value: Any) -> str | None:
    """Why ``value`` (not missing) cannot be a value of SQLite type ``kind``, or ``None``."""
    if isinstance(value, UndecodableText):
        return _(
            "the text is not valid UTF-8 (byte {position} cannot be read); "
            "save the data with UTF-8 text"
        ).format(position=value.position + 1)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return ngettext(
            "binary data ({size} byte) where {expected} is expected",
            "binary data ({size} bytes) where {expected} is expected",
            len(value),
        ).format(size=len(value), expected=_expected(kind))
    if kind == "TEXT":
        if not isinstance(value, str):
            return _("expected text, got the number {value}").format(value=_shown(value))
    elif kind == "INTEGER":
        if isinstance(value, float) and value.is_integer():
            return None
        if not _is_number(value) or isinstance(value, float):
            return _("expected a whole number, got {value}").format(value=_shown(value))
    elif kind == "REAL":
        if not _is_number(value):
            return _("expected a number, got {value}").format(value=_shown(value))
        if not math.isfinite(value):
            return _("expected a finite number, got {value}").format(value=_shown(value))
    elif kind == "BOOLEAN" and not isinstance(value, bool):
        return _("expected true or false (1 or 0), got {value}").format(value=_shown(value))
    return None


def _expected(kind: str) -> str:
    if kind == "TEXT":
        return _("text")
    if kind == "INTEGER":
        return _("a whole number")
    if kind == "BOOLEAN":
        return _("true or false")
    return _("a number")


def bounds_problem(column: schema.Column, value: float) -> str | None:
    """Why a number cannot be true in ``column`` (outside its bounds), or ``None``."""
    if column.bounds is None:
        return None
    low, high = column.bounds
    if low <= value <= high:
        return None
    if "year" in column.name:
        return _("implausible year {value} (expected {low} to {high})").format(
            value=_plain(value), low=int(low), high=int(high)
        )
    if value < low:
        if low == 0:
            return _("negative value {value}").format(value=_plain(value))
        return _("{value} is below the minimum {low}").format(value=_plain(value), low=_plain(low))
    return _("{value} is above the plausible maximum {high}").format(
        value=_plain(value), high=format_number(high)
    )


def value_problem(table: str, column: schema.Column, value: Any) -> str | None:
    """Why ``value`` cannot stand in ``column`` of ``table``, or ``None`` when it can.

    Checks, in order: a required value is present (not NULL, not blank), the value
    has the column's type (see :func:`type_problem`) and lies within its bounds.
    Allowed values of enumerations are not checked here: an unknown sector is
    shown with the unknown colour, not refused.
    """
    if is_blank(value):
        return missing_message(table, column.name) if column.required else None
    problem = type_problem(column.type, value)
    if problem is None and column.type in ("INTEGER", "REAL"):
        problem = bounds_problem(column, value)
    return problem


def coordinate_problems(geoms: np.ndarray) -> dict[int, str]:
    """Rows whose geometry has a coordinate that is not a longitude/latitude.

    Returns
    -------
    dict
        0-based row -> what is wrong, for coordinates that are not finite or lie
        beyond ±180° of longitude or ±90° of latitude (one message per row: the first
        bad point).
    """
    present = np.flatnonzero([g is not None for g in geoms])
    if not present.size:
        return {}
    coords, index = shapely.get_coordinates(geoms[present], return_index=True)
    if not coords.size:
        return {}
    x, y = coords[:, 0], coords[:, 1]
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= 180) & (np.abs(y) <= 90)
    problems: dict[int, str] = {}
    for k in np.flatnonzero(~ok):
        row = int(present[index[k]])
        if row not in problems:
            problems[row] = _(
                "a point (lon {lon}, lat {lat}) is not a longitude/latitude: longitudes "
                "lie within ±180° and latitudes within ±90°"
            ).format(lon=_plain(float(x[k])), lat=_plain(float(y[k])))
    return problems


def row_ids(table: schema.Table, data: TableData) -> tuple[list, list]:
    """The key and the facility of each row (``None`` where it has none or is not text)."""
    n = len(data)

    def texts(column: str | None) -> list:
        if column is None or column not in data.columns:
            return [None] * n
        return [v if isinstance(v, str) else None for v in data.columns[column]]

    return texts(table.key), texts("facility_id")


def cell_issues(table: schema.Table, data: TableData) -> list[Issue]:
    """Every problem of single cells of a table: types, required values, bounds, geometry.

    Parameters
    ----------
    table
        The schema table.
    data
        Its rows, as read by :func:`dkgis.io.gpkg.read_rows` (columns the file lacks
        are skipped).

    Returns
    -------
    list of Issue
        In row order, columns in schema order within a row.
    """
    records, facilities = row_ids(table, data)
    found: list[tuple[int, int, str, str]] = []
    for order, column in enumerate(table.columns):
        values = data.columns.get(column.name)
        if values is None:
            continue
        for i, message in _column_problems(table.name, column, values):
            found.append((i, order, column.name, message))
    geometry_order = len(table.columns)
    for i in data.unreadable_geometry:
        found.append((i, geometry_order, "geometry", unreadable_geometry_message()))
    if data.geometry is not None:
        for i, message in coordinate_problems(data.geometry).items():
            found.append((i, geometry_order, "geometry", message))
    found.sort(key=lambda item: (item[0], item[1]))
    return [
        Issue(table.name, i + 1, field, message, records[i], facilities[i])
        for i, _order, field, message in found
    ]


def unreadable_geometry_message() -> str:
    """What to say of a geometry value that cannot be decoded."""
    return _("the geometry cannot be read (damaged, or not a GeoPackage geometry)")


#: Python types of the values that need no closer look, by column type.
_PLAIN_TYPES: dict[str, tuple[type, ...]] = {
    "TEXT": (str,),
    "INTEGER": (int,),
    "REAL": (float, int),
    "BOOLEAN": (bool,),
}


def _column_problems(
    table: str, column: schema.Column, values: Sequence[Any]
) -> Iterator[tuple[int, str]]:
    # This runs on every cell at start-up: a quick pass keeps only the values that may be
    # wrong, and only those get the full check.
    plain = _PLAIN_TYPES.get(column.type, ())
    optional = not column.required
    if column.type == "TEXT":
        suspects = [
            i
            for i, v in enumerate(values)
            if not (type(v) in plain and v.strip()) and not (v is None and optional)
        ]
    elif column.type in ("INTEGER", "REAL"):
        low, high = column.bounds or (-math.inf, math.inf)
        # Finite bounds, so that an infinite value is looked at.
        low, high = max(low, -sys.float_info.max), min(high, sys.float_info.max)
        suspects = [
            i
            for i, v in enumerate(values)
            if not (type(v) in plain and low <= v <= high) and not (v is None and optional)
        ]
    else:
        suspects = range(len(values))
    for i in suspects:
        problem = value_problem(table, column, values[i])
        if problem is not None:
            yield i, problem
