"""Reading the source extracts and resolving the curation tables' references into them.

The curation tables of ``data/curation/`` hold no numbers: they name a row of a source
file (a *selector*) and say how to read a number from it (an *expression*). This module
loads the source files, finds the rows that selectors name, evaluates expressions with
decimal arithmetic and checks that the years or texts a curation row gives appear in the
row it cites. Any disagreement raises :class:`BuildError`. Used by :mod:`dkgis.data.build`
and :mod:`dkgis.data.kpi_tables`.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import geopandas as gpd

#: Sources whose rows have a key column; a selector names keys joined by ``+``.
KEYED_SOURCES: dict[str, str] = {
    "eutl_installations": "installation_id",
    "irep_etablissements": "Identifiant",
    "gem_steel": "phase_id",
    "opsd_power_plants": "name",
    "iea_ccus": "ID",
    "gem_gas": "key",  # "project|unit", built from the GeoJSON properties
}

#: Sources of free-text facts; a selector is substrings joined by `` && `` that must
#: match exactly one row (matched against ``|field|field|...|``).
FACT_SOURCES: tuple[str, ...] = ("announcements", "facts_2", "emissions_2024", "wef_tic")


class BuildError(Exception):
    """The sources and the curation tables disagree, or a rule is broken."""


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file (UTF-8, with or without a byte-order mark) as dicts."""
    return [row for row, _ in read_csv_lines(path)]


def read_csv_lines(path: Path) -> list[tuple[dict[str, str], int]]:
    """The rows of a CSV file, each with the line of the file it starts on (header: 1)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        out = []
        start = 2
        for row in reader:
            out.append((dict(row), start))
            start = reader.line_num + 1
        return out


def blank(value: str | None) -> str | None:
    """Return ``None`` for an empty cell, the stripped text otherwise."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def row_text(row: dict[str, str]) -> str:
    """The row as ``|field|field|...|``, the text that selectors and checks search."""
    return "|" + "|".join(str(v) for v in row.values()) + "|"


_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FACTOR_RE = re.compile(r"^(.*)\*(-?\d+(?:\.\d+)?(?:e\d+)?)$")


def decimal(text: str, what: str) -> Decimal:
    """``text`` as an exact decimal (thousands commas dropped); ``what`` names it in errors."""
    text = text.strip().replace(",", "")
    try:
        return Decimal(text)
    except ArithmeticError as exc:  # decimal.InvalidOperation
        raise BuildError(f"{what}: {text!r} is not a number") from exc


@dataclass
class Sources:
    """Lazily loaded source files, addressed by source id."""

    directory: Path
    files: dict[str, str]  # source id -> file name
    _cache: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    _lines: dict[int, int] = field(default_factory=dict)  # id(row) -> line of its file
    _frames: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)

    def path(self, source_id: str) -> Path:
        """Path of the file of a source."""
        try:
            return self.directory / self.files[source_id]
        except KeyError:
            raise BuildError(f"unknown source id {source_id!r}") from None

    def rows(self, source_id: str) -> list[dict[str, str]]:
        """Rows of a tabular source as text (GeoJSON sources: properties + key)."""
        if source_id not in self._cache:
            path = self.path(source_id)
            if path.suffix == ".geojson":
                data = json.loads(path.read_text(encoding="utf-8"))
                rows = []
                for feat in data["features"]:
                    props = {k: "" if v is None else str(v) for k, v in feat["properties"].items()}
                    if source_id == "gem_gas":
                        props["key"] = f"{props['project']}|{props['unit']}"
                    rows.append(props)
                self._cache[source_id] = rows
            else:
                pairs = read_csv_lines(path)
                self._lines.update((id(row), line) for row, line in pairs)
                self._cache[source_id] = [row for row, _ in pairs]
        return self._cache[source_id]

    def line(self, row: dict[str, str]) -> int:
        """The line of its CSV file that a row returned by :meth:`rows` starts on."""
        try:
            return self._lines[id(row)]
        except KeyError:
            raise BuildError("the row was not read from a CSV source file") from None

    def frame(self, source_id: str) -> gpd.GeoDataFrame:
        """A GeoJSON source as a GeoDataFrame (EPSG:4326)."""
        if source_id not in self._frames:
            gdf = gpd.read_file(self.path(source_id))
            if gdf.crs is None or gdf.crs.to_epsg() != 4326:
                raise BuildError(f"{source_id}: expected EPSG:4326, got {gdf.crs}")
            self._frames[source_id] = gdf
        return self._frames[source_id]

    def select(self, source_id: str, selector: str) -> list[dict[str, str]]:
        """Rows of ``source_id`` named by ``selector``.

        For :data:`KEYED_SOURCES`, the selector is key values joined by ``+``; for
        :data:`FACT_SOURCES`, substrings joined by `` && `` that must all appear in exactly
        one row (see :func:`row_text`).
        """
        rows = self.rows(source_id)
        if source_id in KEYED_SOURCES:
            key = KEYED_SOURCES[source_id]
            found = []
            for wanted in selector.split("+"):
                hits = [r for r in rows if r[key] == wanted]
                if len(hits) != 1:
                    raise BuildError(f"{source_id}: {len(hits)} rows with {key} = {wanted!r}")
                found.append(hits[0])
            return found
        if source_id in FACT_SOURCES:
            parts = selector.split(" && ")
            hits = [r for r in rows if all(p in row_text(r) for p in parts)]
            if len(hits) != 1:
                raise BuildError(f"{source_id}: selector {selector!r} matches {len(hits)} rows")
            return hits
        raise BuildError(f"{source_id}: rows cannot be selected in this source")

    def select_one(self, source_id: str, selector: str) -> dict[str, str]:
        """The single row named by ``selector``."""
        rows = self.select(source_id, selector)
        if len(rows) != 1:
            raise BuildError(f"{source_id}: selector {selector!r} names {len(rows)} rows")
        return rows[0]


def eval_number(row: dict[str, str], expr: str, what: str) -> float:
    """Evaluate a number expression on one source row (see :func:`_eval_decimal`)."""
    return float(_eval_decimal(row, expr, what))


def _eval_decimal(row: dict[str, str], expr: str, what: str) -> Decimal:
    """Evaluate a number expression on one source row.

    ``<column>`` reads a column; ``text:<verbatim>`` takes the first number of a
    text that must appear verbatim in the row; ``netzero`` is a 100 % reduction.
    Any of them may end with ``*<factor>`` (unit conversion or sign change).
    """
    factor = Decimal(1)
    match = _FACTOR_RE.match(expr)
    if match:
        expr, factor = match.group(1), Decimal(match.group(2))
    if expr == "netzero":
        return Decimal(100)
    if expr.startswith("text:"):
        verbatim = expr[len("text:") :]
        if verbatim not in row_text(row):
            raise BuildError(f"{what}: text {verbatim!r} not found in the source row")
        number = _NUMBER_RE.search(verbatim)
        if number is None:
            raise BuildError(f"{what}: no number in {verbatim!r}")
        value = decimal(number.group(0), what)
    else:
        if expr not in row:
            raise BuildError(f"{what}: the source row has no column {expr!r}")
        value = decimal(row[expr], what)
    return value * factor


def eval_ref(sources: Sources, ref: str, what: str) -> tuple[float, str]:
    """Resolve ``<source>#<selector>:<expr>``; several rows are summed."""
    try:
        source_id, rest = ref.split("#", 1)
        selector, expr = rest.split(":", 1)
    except ValueError:
        raise BuildError(f"{what}: malformed reference {ref!r}") from None
    rows = sources.select(source_id, selector)
    total = sum((_eval_decimal(r, expr, what) for r in rows), Decimal(0))
    return float(total), source_id


def check_in_row(row: dict[str, str], value: str | None, what: str) -> None:
    """Fail unless ``value`` (a year or date given by curation) appears in the row."""
    if value is not None and value not in row_text(row):
        raise BuildError(f"{what}: {value!r} does not appear in the cited source row")


def as_int(value: str | None, what: str) -> int | None:
    value = blank(value)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise BuildError(f"{what}: {value!r} is not a year")
    return int(value)


def source_url(source_id: str, row: dict[str, str], what: str) -> str:
    url = row.get("Ref 1") if source_id == "iea_ccus" else row.get("source_url")
    if not url or not url.startswith("http"):
        raise BuildError(f"{what}: the source row has no web address")
    return url
