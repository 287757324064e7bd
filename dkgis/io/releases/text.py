"""CSV files as publishers write them: any of UTF-8, Windows-1252 or Latin-1, ``;`` or ``,``
separators, decimal commas, headers in any case."""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from dkgis.i18n import _
from dkgis.io.releases.base import ReleaseError

#: Encodings tried in order: UTF-8 (with or without BOM), then Windows-1252, the usual
#: encoding of French administrative exports; Latin-1 never fails and comes last.
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252", "latin-1")

_SPACES = re.compile(r"[\s\u00a0\u202f]+")

# csv refuses fields above 128 KiB by default; registry fields are short, but an address
# or a name may be long.
csv.field_size_limit(1 << 24)


def decode(data: bytes) -> str:
    """The text of a file in the first of :data:`ENCODINGS` that decodes it."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, spaces and punctuation squeezed (for comparisons)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and rows, read as text.

    ``rows`` yields ``(row_number, values)``, the header being row 1 and values being
    padded with ``""`` to the header's length.
    """

    path: Path
    member: str
    header: tuple[str, ...]
    lines: tuple[tuple[int, tuple[str, ...]], ...]

    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """Each data row with its row number."""
        yield from self.lines

    def error(self, problem: str, row: int | None = None, column: str | None = None):
        """A :class:`ReleaseError` naming this file (to raise)."""
        return ReleaseError(self.path, problem, member=self.member, row=row, column=column)

    def columns(
        self, required: Mapping[str, Sequence[str]], optional: Mapping[str, Sequence[str]] = {}
    ) -> dict[str, int]:
        """Indexes of the columns named (any case), by the caller's key.

        ``required`` and ``optional`` map a key to the names the column may have.

        Raises
        ------
        ReleaseError
            When a required column is missing (naming it and the columns found).
        """
        index = {fold(name): i for i, name in reversed(list(enumerate(self.header)))}
        found: dict[str, int] = {}
        for key, names in {**optional, **required}.items():
            hit = next((index[fold(n)] for n in names if fold(n) in index), None)
            if hit is not None:
                found[key] = hit
            elif key in required:
                shown = ", ".join(self.header[:14]) + (" …" if len(self.header) > 14 else "")
                raise self.error(
                    _("the column '{column}' is missing (columns found: {found})").format(
                        column=names[0], found=shown or _("none")
                    )
                )
        return found


def read_csv(path: Path, member: str, data: bytes) -> CsvTable:
    """Read a CSV file's bytes: encoding and separator are detected.

    Raises
    ------
    ReleaseError
        For an empty file or one that the csv module cannot split into rows.
    """
    text = decode(data)
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise ReleaseError(path, _("the file is empty"), member=member)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = tuple(h.strip() for h in next(reader))
        width = len(header)
        lines = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > width:
                raise ReleaseError(
                    path,
                    _("the row has {n} fields but the header has {width}").format(
                        n=len(values), width=width
                    ),
                    member=member,
                    row=reader.line_num,
                )
            lines.append((reader.line_num, tuple(values) + ("",) * (width - len(values))))
    except csv.Error as err:
        raise ReleaseError(
            path,
            _("unreadable CSV ({error})").format(error=err),
            member=member,
            row=reader.line_num,
        ) from None
    return CsvTable(path, member, header, tuple(lines))


def parse_number(text: object) -> Decimal | None:
    """A number as French or English files write it; ``None`` for an empty cell.

    Spaces (also non-breaking) are thousands separators; the decimal mark is a comma or a
    point, not both.

    Raises
    ------
    ValueError
        When the text is not a finite number.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, (int, float)):
        value = Decimal(str(text))
    else:
        cleaned = _SPACES.sub("", str(text))
        if not cleaned:
            return None
        if "," in cleaned and "." in cleaned:
            raise ValueError(text)
        try:
            value = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:
            raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_year(text: str) -> int:
    """A four-digit year between 1990 and 2100 (ValueError otherwise)."""
    value = parse_number(text)
    if value is None or value != value.to_integral_value() or not 1990 <= value <= 2100:
        raise ValueError(text)
    return int(value)
