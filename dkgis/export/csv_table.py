"""CSV files that French spreadsheet software opens as they are.

Excel in a French locale expects ``;`` between fields and a decimal comma, and
detects UTF-8 only with a byte-order mark; without them accented names turn
into mojibake and every row lands in one column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from dkgis.export.atomic import atomic_path

DELIMITER = ";"
ENCODING = "utf-8-sig"


def csv_value(value: object) -> str:
    """Return the text of one cell: ``None`` and NaN are empty, numbers use a decimal comma.

    Whole numbers are written without decimals or digit grouping (``459440``),
    other numbers with a comma (``1234,5``), so a spreadsheet reads them as numbers.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value)


def write_csv_table(
    path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """Write a table to ``path`` atomically, for French spreadsheets.

    Parameters
    ----------
    path
        The file to write (replaced only once the whole table is written).
    header
        Column titles.
    rows
        Cells: text, numbers or ``None`` (see :func:`csv_value`).

    Returns
    -------
    int
        The number of data rows written.
    """
    count = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerow(list(header))
        for row in rows:
            writer.writerow([csv_value(v) for v in row])
            count += 1
    return count
