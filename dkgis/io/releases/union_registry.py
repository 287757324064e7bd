"""The Union Registry's yearly verified-emissions workbook (``verified_emissions_YYYY_en.xlsx``).

One row per installation, one column per year. The installation table is on a sheet called
``data`` (``verified_emissions_YYYY`` in older files), under a preamble of a few banner
rows (or the whole Read Me) above the header row, whose first cell is ``REGISTRY_CODE``.
Columns used: ``REGISTRY_CODE``, ``INSTALLATION_IDENTIFIER``, ``INSTALLATION_NAME``,
``MAIN_ACTIVITY_TYPE_CODE`` and ``VERIFIED_EMISSIONS_<year>`` (``ALLOCATION_<year>``... are
ignored). Installation ids are ``<REGISTRY_CODE>_<INSTALLATION_IDENTIFIER>`` (``FR_956``).
A blank cell, ``-`` or ``Excluded`` means no verified value for that year; any other text
is refused. Rows of activity 60 (ETS2 accounts, listed from the 2024 file on) are left out.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dkgis.i18n import _
from dkgis.io.releases.base import Publisher, Release, ReleaseError, ReleaseValue, Where
from dkgis.io.releases.euets_info import GAS_VERIFIED, REGISTRY
from dkgis.io.releases.text import fold, parse_number

FORMAT = "union_registry"

PUBLISHER = Publisher(
    format=FORMAT,
    name="European Commission, Union Registry",
    title="Union Registry: verified emissions of EU ETS installations (yearly workbook)",
    url="https://union-registry-data.ec.europa.eu/report/welcome",
    licence="CC BY 4.0 (European Commission reuse policy)",
    attribution="European Commission, Union Registry",
)

#: Rows of the sheet searched for the header row.
HEADER_SEARCH_ROWS = 80

_YEAR_COLUMN = re.compile(r"^VERIFIED_EMISSIONS_(\d{4})$", re.IGNORECASE)
_NO_VALUE = {"", "-", "excluded", "n/a"}
_ETS2_ACTIVITIES = {"60"}


def read_union_registry(path: Path, sha256: str) -> Release:
    """Read a verified-emissions workbook.

    Raises
    ------
    ReleaseError
        For a file that is not a workbook, a workbook without the installation sheet or
        header row, or a bad cell (naming the sheet, row and column).
    """
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        if isinstance(err, OSError) and not isinstance(err, zipfile.BadZipFile):
            raise ReleaseError(path, _("cannot be read ({reason})").format(reason=err)) from None
        raise ReleaseError(path, _("not an Excel workbook (.xlsx), or a damaged one")) from None
    try:
        sheet = _data_sheet(path, book)
        return _read_sheet(path, sheet, sha256)
    finally:
        book.close()


def _data_sheet(path: Path, book):
    names = book.sheetnames
    for name in names:
        if name.strip().lower() == "data":
            return book[name]
    for name in names:
        if name.strip().lower().startswith("verified_emissions"):
            return book[name]
    raise ReleaseError(
        path,
        _(
            "no sheet 'data' (the Union Registry's table of installations); the workbook has "
            "the sheets: {sheets}"
        ).format(sheets=", ".join(names)),
    )


def _read_sheet(path: Path, sheet, sha256: str) -> Release:
    member = sheet.title
    rows = sheet.iter_rows(values_only=True)
    header: list[str] | None = None
    header_row = 0
    for number, cells in enumerate(rows, start=1):
        first = next((c for c in cells if c not in (None, "")), None)
        if isinstance(first, str) and first.strip().upper() == "REGISTRY_CODE":
            header = [str(c).strip() if c is not None else "" for c in cells]
            header_row = number
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise ReleaseError(
            path,
            _("no header row starting with REGISTRY_CODE in the first {n} rows").format(
                n=HEADER_SEARCH_ROWS
            ),
            member=member,
        )
    index = {name.upper(): i for i, name in reversed(list(enumerate(header)))}
    years = {i: int(m.group(1)) for i, name in enumerate(header) if (m := _YEAR_COLUMN.match(name))}
    if not years:
        hint = ""
        if "VERIFIED_EMISSIONS" in index or "PERIOD_YEAR" in index or "YEAR" in index:
            hint = " " + _(
                "(this is one row per year; the yearly workbook has one column per year)"
            )
        raise ReleaseError(
            path,
            _("no column VERIFIED_EMISSIONS_<year>") + hint,
            member=member,
            row=header_row,
        )
    for needed in ("REGISTRY_CODE", "INSTALLATION_IDENTIFIER"):
        if needed not in index:
            raise ReleaseError(
                path,
                _("the column '{column}' is missing").format(column=needed),
                member=member,
                row=header_row,
            )
    registry_col = index["REGISTRY_CODE"]
    ident_col = index["INSTALLATION_IDENTIFIER"]
    activity_col = index.get("MAIN_ACTIVITY_TYPE_CODE")
    seen: dict[str, int] = {}
    values: list[ReleaseValue] = []
    ets2 = 0
    # Only the columns up to the last one used are decoded (the allocation columns after
    # them are as many again).
    used = max(*years, registry_col, ident_col, activity_col or 0) + 1
    rows = sheet.iter_rows(min_row=header_row + 1, max_col=used, values_only=True)
    header = header[:used]
    for number, cells in enumerate(rows, start=header_row + 1):
        cells = tuple(cells) + (None,) * (len(header) - len(cells))
        registry = str(cells[registry_col] or "").strip().upper()
        if registry != REGISTRY:
            continue
        if activity_col is not None and _code(cells[activity_col]) in _ETS2_ACTIVITIES:
            ets2 += 1
            continue
        ident = _code(cells[ident_col])
        if not ident:
            raise ReleaseError(
                path,
                _("no installation identifier"),
                member=member,
                row=number,
                column="INSTALLATION_IDENTIFIER",
            )
        key = f"{registry}_{ident}"
        if key in seen:
            raise ReleaseError(
                path,
                _("{id} appears twice (first on row {first})").format(id=key, first=seen[key]),
                member=member,
                row=number,
            )
        seen[key] = number
        for col, year in years.items():
            value = _tonnes(path, member, cells[col], number, header[col])
            if value is not None:
                values.append(ReleaseValue("ets", key, year, value, Where(member, number)))
    notes = (_("{n} ETS2 rows left out").format(n=ets2),) if ets2 else ()
    return Release(path, PUBLISHER, "verified", GAS_VERIFIED, tuple(values), (), sha256, notes)


def _code(cell: object) -> str:
    """An identifier or code cell as text (``956.0`` -> ``956``)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _tonnes(path: Path, member: str, cell: object, row: int, column: str) -> float | None:
    if cell is None or (isinstance(cell, str) and fold(cell) in _NO_VALUE):
        return None
    try:
        value = parse_number(cell)
    except ValueError:
        raise ReleaseError(
            path,
            _("'{value}' is not a number of tonnes").format(value=cell),
            member=member,
            row=row,
            column=column,
        ) from None
    if value is None:
        return None
    if value < 0:
        raise ReleaseError(
            path,
            _("{value} t: emissions cannot be negative").format(value=cell),
            member=member,
            row=row,
            column=column,
        )
    return float(value)
