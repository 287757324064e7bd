"""Check a dkgis GeoPackage against the schema and list every problem found.

The validator does not stop at the first problem: it reports each one with its
table, 1-based row number, field and the id of the record, in plain English, so
that whoever curates the data can fix them all in one pass. It only raises
:class:`~dkgis.io.errors.DatasetError` when the file cannot be read at all.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from dkgis.io import schema
from dkgis.io.gpkg import TableData, connect, crs_problem, inspect_table, read_rows

#: Emission years outside this range are reported as implausible.
YEAR_RANGE: tuple[int, int] = (1990, 2100)

# Geometry types accepted in a column of each declared GeoPackage type.
_ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "POINT": ("Point",),
    "MULTIPOINT": ("Point", "MultiPoint"),
    "LINESTRING": ("LineString",),
    "MULTILINESTRING": ("LineString", "MultiLineString"),
    "POLYGON": ("Polygon",),
    "MULTIPOLYGON": ("Polygon", "MultiPolygon"),
}

# What a row of a table that must cite its source is, for the message when it does not.
_CITING_ROWS: dict[str, str] = {
    "measures": "measure",
    "targets": "target",
    "kpis": "key figure",
    "clusters": "cluster figure",
}

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL_RE = re.compile(r"^https?://\S+$")

# Columns holding one sources.id, by table.
_SOURCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "facilities": ("location_source", "capacity_source"),
    "emissions": ("source_id",),
    "caveats": ("source_id",),
    "measures": ("source_id",),
    "targets": ("source_id",),
    "kpis": ("source_id",),
    "clusters": ("source_id",),
    "infrastructure_lines": ("source_id",),
    "infrastructure_points": ("source_id",),
    "communes": ("source_id",),
    "land": ("source_id",),
    "coastline": ("source_id",),
}


@dataclass(frozen=True)
class Issue:
    """One problem found in a dataset.

    Parameters
    ----------
    table
        Table concerned.
    row
        1-based row number in the table, or ``None`` when the whole table is concerned.
    field
        Column concerned (``"geometry"`` for the geometry), or ``None``.
    message
        What is wrong, in plain English.
    record_id
        Key of the row (e.g. the facility or measure id), when it has one.
    facility_id
        Facility the row belongs to, when it is not the row's own key.
    """

    table: str
    row: int | None
    field: str | None
    message: str
    record_id: str | None = None
    facility_id: str | None = None

    def __str__(self) -> str:
        text = self.table
        if self.row is not None:
            text += f" row {self.row}"
        ids = []
        if self.record_id:
            ids.append(f"id {self.record_id}")
        if self.facility_id and self.facility_id != self.record_id:
            ids.append(f"facility {self.facility_id}")
        if ids:
            text += f" ({', '.join(ids)})"
        if self.field:
            text += f", field {self.field}"
        return f"{text}: {self.message}"


def validate_dataset(path: str | Path) -> list[Issue]:
    """List every problem of a dkgis GeoPackage.

    Parameters
    ----------
    path
        The GeoPackage.

    Returns
    -------
    list of Issue
        Sorted by table (schema order) then row; empty when the file is valid.
        Checks: missing tables and columns (the rest of such a table is then
        skipped), geometry column and CRS, required values, value types, enumerated
        values, duplicate keys, facility points outside :data:`schema.AREA_BBOX`,
        references to unknown facilities, sources, caveats and measures, negative
        emissions, duplicate verified values, measures and targets without a
        ``source_url``, and missing, empty, invalid or mistyped geometries.

    Raises
    ------
    DatasetError
        Only when the file cannot be read at all (missing, not a GeoPackage, damaged).
    """
    issues: list[Issue] = []
    tables: dict[str, TableData] = {}
    with closing(connect(path)) as con:
        for table in schema.TABLES:
            info = inspect_table(con, path, table.name)
            if info is None:
                if not table.optional:
                    issues.append(Issue(table.name, None, None, "the table is missing"))
                continue
            missing = [c.name for c in table.columns if c.name not in info.columns]
            for name in missing:
                issues.append(Issue(table.name, None, name, "the column is missing"))
            if missing:
                continue
            if table.geometry is not None:
                if info.geometry_column is None:
                    issues.append(
                        Issue(
                            table.name,
                            None,
                            "geometry",
                            f"no geometry column (expected {table.geometry} geometries)",
                        )
                    )
                    continue
                problem = crs_problem(con, path, info)
                if problem is not None:
                    issues.append(Issue(table.name, None, "geometry", problem))
            tables[table.name] = read_rows(con, path, table, info)
    issues.extend(check_tables(tables))
    return sort_issues(issues)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Sort issues by table (schema order), whole-table issues first, then by row."""
    order = {t.name: i for i, t in enumerate(schema.TABLES)}
    return sorted(
        issues,
        key=lambda i: (order.get(i.table, len(order)), -1 if i.row is None else i.row),
    )


def check_tables(tables: Mapping[str, TableData]) -> list[Issue]:
    """Check the content of tables already read (the data part of the validation).

    Parameters
    ----------
    tables
        Table name -> data, holding every schema column. Tables that are absent
        are skipped, and so are the cross-references to them.

    Returns
    -------
    list of Issue
        In table then row order.
    """
    checker = _Checker(tables)
    for table in schema.TABLES:
        if table.name in tables:
            checker.check_table(table, tables[table.name])
    return checker.issues


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _split_ids(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Checker:
    def __init__(self, tables: Mapping[str, TableData]) -> None:
        self.tables = tables
        self.issues: list[Issue] = []
        self.source_ids = self._keys("sources", "id")
        self.facility_ids = self._keys("facilities", "id")
        self.caveat_ids = self._keys("caveats", "id")
        self.measure_ids = self._keys("measures", "id")
        self.insee_codes = self._keys("communes", "insee")
        self.table: schema.Table = schema.FACILITIES  # the table being checked

    def _keys(self, table: str, column: str) -> set[str] | None:
        data = self.tables.get(table)
        if data is None or column not in data.columns:
            return None
        return {v for v in data.columns[column] if isinstance(v, str)}

    # -- one table --------------------------------------------------------------

    def check_table(self, table: schema.Table, data: TableData) -> None:
        n = len(data)
        record_ids = self._record_ids(table, data, n)
        facility_col = "facility_id" if "facility_id" in data.columns else None
        facility_ids = data.columns[facility_col] if facility_col else [None] * n
        self.table = table

        def add(i: int, field: str | None, message: str) -> None:
            fid = facility_ids[i] if isinstance(facility_ids[i], str) else None
            self.issues.append(Issue(table.name, i + 1, field, message, record_ids[i], fid))

        for col in table.columns:
            self._check_column(col, data.columns[col.name], add)
        if table.key is not None:
            self._check_duplicates(table.key, data.columns[table.key], add)
        if table.geometry is not None and data.geometry is not None:
            self._check_geometry(table, data.geometry, add)
        for column in _SOURCE_COLUMNS.get(table.name, ()):
            self._check_refs(data.columns[column], self.source_ids, column, "source", add)
        extra = getattr(self, f"_check_{table.name}", None)
        if extra is not None:
            extra(data, add)

    def _record_ids(self, table: schema.Table, data: TableData, n: int) -> list[str | None]:
        if table.key is None:
            return [None] * n
        return [v if isinstance(v, str) else None for v in data.columns[table.key]]

    def _check_column(self, col: schema.Column, values: list, add) -> None:
        for i, value in enumerate(values):
            if _blank(value):
                if col.required:
                    if col.name == "source_url":
                        what = _CITING_ROWS.get(self.table.name, "row")
                        add(i, col.name, f"no source_url: every {what} must cite its source")
                    else:
                        add(i, col.name, "required value missing")
                continue
            problem = _type_problem(col.type, value)
            if problem is not None:
                add(i, col.name, problem)
                continue
            if col.allowed is not None and value not in col.allowed:
                add(i, col.name, _enum_message(col, value))

    def _check_duplicates(self, key: str, values: list, add) -> None:
        first: dict[Any, int] = {}
        for i, value in enumerate(values):
            if _blank(value):
                continue
            if value in first:
                add(i, key, f"duplicate {key} '{value}' (first used on row {first[value] + 1})")
            else:
                first[value] = i

    def _check_geometry(self, table: schema.Table, geoms: np.ndarray, add) -> None:
        accepted = _ACCEPTED_TYPES.get(table.geometry or "")
        present = np.array([g is not None for g in geoms], dtype=bool)
        valid = np.ones(len(geoms), dtype=bool)
        if present.any():
            valid[present] = shapely.is_valid(geoms[present])
        for i, geom in enumerate(geoms):
            if geom is None:
                add(i, "geometry", "geometry missing or unreadable")
            elif geom.is_empty:
                add(i, "geometry", "the geometry is empty")
            elif accepted is not None and geom.geom_type not in accepted:
                expected = table.geometry.lower() if table.geometry else ""
                add(i, "geometry", f"expected a {expected} geometry, got a {geom.geom_type}")
            elif not valid[i]:
                add(i, "geometry", f"invalid geometry ({shapely.is_valid_reason(geom)})")

    def _check_refs(
        self, values: list, known: set[str] | None, field: str, what: str, add, multi=False
    ) -> None:
        if known is None:
            return
        for i, value in enumerate(values):
            ids = _split_ids(value) if multi else ([value] if isinstance(value, str) else [])
            for ident in ids:
                if ident.strip() and ident not in known:
                    add(i, field, f"unknown {what} '{ident}'")

    # -- table-specific checks ----------------------------------------------------

    def _check_facilities(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(cols["source_ids"], self.source_ids, "source_ids", "source", add, True)
        self._check_refs(
            cols["colocated_with"], self.facility_ids, "colocated_with", "facility", add, True
        )
        if self.insee_codes is not None:
            for i, code in enumerate(cols["insee"]):
                if isinstance(code, str) and code.strip() and code not in self.insee_codes:
                    add(i, "insee", f"commune '{code}' is not in the communes table")
        for i, value in enumerate(cols["status_as_of"]):
            if isinstance(value, str) and value.strip() and not _DATE_RE.match(value.strip()):
                add(i, "status_as_of", f"expected a year or a date (YYYY-MM-DD), got '{value}'")
        geoms = data.geometry
        if geoms is None:
            return
        lon_min, lat_min, lon_max, lat_max = schema.AREA_BBOX
        points: dict[str, tuple[float, float]] = {}
        for i, geom in enumerate(geoms):
            if geom is None or geom.is_empty or geom.geom_type != "Point":
                continue
            lon, lat = geom.x, geom.y
            if isinstance(cols["id"][i], str):
                points.setdefault(cols["id"][i], (lon, lat))
            if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
                add(
                    i,
                    "geometry",
                    f"the point (lon {lon:.4f}, lat {lat:.4f}) is outside the Dunkerque area"
                    f" (lon {lon_min} to {lon_max}, lat {lat_min} to {lat_max})",
                )
        for i, value in enumerate(cols["colocated_with"]):
            own = points.get(cols["id"][i]) if isinstance(cols["id"][i], str) else None
            for other in _split_ids(value):
                if other == cols["id"][i]:
                    add(i, "colocated_with", "a facility cannot be colocated with itself")
                elif own is not None and other in points:
                    dist = math.dist(own, points[other])
                    if dist > 1e-6:
                        add(
                            i,
                            "colocated_with",
                            f"colocated with '{other}' but not at the same point",
                        )

    def _check_emissions(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(cols["facility_id"], self.facility_ids, "facility_id", "facility", add)
        self._check_refs(cols["caveat_id"], self.caveat_ids, "caveat_id", "caveat", add)
        seen: dict[tuple[Any, Any], int] = {}
        for i, (fid, year, value, kind) in enumerate(
            zip(cols["facility_id"], cols["year"], cols["value_t"], cols["kind"], strict=True)
        ):
            if _is_number(value) and value < 0:
                add(i, "value_t", f"negative emission value {value:g} t")
            if _is_number(year) and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                add(i, "year", f"implausible year {year}")
            if kind == "verified" and isinstance(fid, str) and _is_number(year):
                key = (fid, int(year))
                if key in seen:
                    add(
                        i,
                        "year",
                        f"more than one verified value for {int(year)}"
                        f" (first on row {seen[key] + 1})",
                    )
                else:
                    seen[key] = i

    def _check_caveats(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["facility_ids"], self.facility_ids, "facility_ids", "facility", add, True
        )
        for i, (start, end) in enumerate(zip(cols["year_from"], cols["year_to"], strict=True)):
            if _is_number(start) and _is_number(end) and start > end:
                add(i, "year_from", f"year_from {start} is after year_to {end}")

    def _check_measures(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(cols["facility_id"], self.facility_ids, "facility_id", "facility", add)
        self._check_refs(cols["variant_of"], self.measure_ids, "variant_of", "measure", add)
        for i, (mid, variant) in enumerate(zip(cols["id"], cols["variant_of"], strict=True)):
            if isinstance(variant, str) and variant == mid:
                add(i, "variant_of", "a measure cannot be a variant of itself")
        for name in ("abatement_t", "capex_eur"):
            for i, value in enumerate(cols[name]):
                if _is_number(value) and value < 0:
                    add(i, name, f"negative value {value:g}")
        self._check_urls(cols["source_url"], add)

    def _check_targets(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(cols["facility_id"], self.facility_ids, "facility_id", "facility", add)
        years = zip(cols["baseline_year"], cols["target_year"], strict=True)
        for i, (base, target) in enumerate(years):
            if _is_number(base) and _is_number(target) and base >= target:
                add(i, "baseline_year", f"baseline year {base} is not before target year {target}")
        for i, pct in enumerate(cols["reduction_pct"]):
            if _is_number(pct) and not 0 <= pct <= 100:
                add(i, "reduction_pct", f"reduction must be between 0 and 100 %, got {pct:g}")
        self._check_urls(cols["source_url"], add)

    def _check_kpis(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(cols["facility_id"], self.facility_ids, "facility_id", "facility", add)
        self._check_refs(cols["measure_id"], self.measure_ids, "measure_id", "measure", add)
        measure_sites = self._measure_sites()
        rows = zip(cols["scope"], cols["facility_id"], cols["measure_id"], strict=True)
        for i, (scope, fid, mid) in enumerate(rows):
            if scope == "site" and (_blank(fid) or not _blank(mid)):
                add(i, "scope", "a site figure needs a facility_id and no measure_id")
            elif scope == "project" and _blank(mid):
                add(i, "measure_id", "a project figure needs the measure it is stated for")
            elif scope == "cluster" and not (_blank(fid) and _blank(mid)):
                add(i, "scope", "a cluster figure has neither facility_id nor measure_id")
            site = measure_sites.get(mid) if isinstance(mid, str) else None
            if site is not None and isinstance(fid, str) and site != fid:
                add(i, "facility_id", f"measure '{mid}' is at facility '{site}', not '{fid}'")
        self._check_figures(cols["value_low"], cols["value_high"], cols["qualifier"], add)
        for i, year in enumerate(cols["year"]):
            if _is_number(year) and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                add(i, "year", f"implausible year {year}")
        self._check_urls(cols["source_url"], add)

    def _check_clusters(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_figures(cols["value"], cols["value_high"], cols["qualifier"], add, "value")
        self._check_urls(cols["source_url"], add)

    def _measure_sites(self) -> dict[str, str]:
        measures = self.tables.get("measures")
        if measures is None:
            return {}
        pairs = zip(measures.columns["id"], measures.columns["facility_id"], strict=True)
        return {m: f for m, f in pairs if isinstance(m, str) and isinstance(f, str)}

    def _check_figures(
        self, lows: list, highs: list, qualifiers: list, add, low_name: str = "value_low"
    ) -> None:
        """Stated figures: never zero or negative, bounds as the qualifier says.

        In ``kpis`` a single figure fills both bounds; in ``clusters`` only ``value``
        (``low_name``), the upper bound being for ranges alone.
        """
        single_high = low_name == "value_low"
        for i, (low, high, qualifier) in enumerate(zip(lows, highs, qualifiers, strict=True)):
            for name, value in ((low_name, low), ("value_high", high)):
                if _is_number(value) and value <= 0:
                    add(i, name, f"{value:g}: a stated figure is positive (none stated: no row)")
            has_low, has_high = _is_number(low), _is_number(high)
            if qualifier is None or qualifier not in schema.QUALIFIERS:
                if has_low or has_high:
                    add(i, "qualifier", "a figure needs a qualifier saying how it reads")
                continue
            if qualifier == "range":
                expected = has_low and has_high and low < high
            elif qualifier == "more_than":
                expected = has_low and not has_high
            elif qualifier == "up_to":
                expected = has_high and not has_low if single_high else has_low and not has_high
            else:
                expected = has_low and (high == low if single_high else not has_high)
            if not expected:
                add(i, "qualifier", f"the bounds do not match the qualifier '{qualifier}'")

    def _check_communes(self, data: TableData, add) -> None:
        if len(data) and not any(v is True for v in data.columns["in_cud"]):
            self.issues.append(
                Issue(
                    "communes",
                    None,
                    "in_cud",
                    "no commune is marked in_cud, so the cluster cannot be located",
                )
            )

    def _check_urls(self, values: list, add) -> None:
        for i, value in enumerate(values):
            if isinstance(value, str) and value.strip() and not _URL_RE.match(value.strip()):
                add(i, "source_url", f"not a web address: '{value}'")


def _type_problem(kind: str, value: Any) -> str | None:
    if kind == "TEXT":
        if not isinstance(value, str):
            return f"expected text, got the number {value!r}"
    elif kind == "INTEGER":
        if isinstance(value, float) and value.is_integer():
            return None
        if not _is_number(value) or isinstance(value, float):
            return f"expected a whole number, got {value!r}"
    elif kind == "REAL":
        if not _is_number(value):
            return f"expected a number, got {value!r}"
        if not math.isfinite(value):
            return f"expected a finite number, got {value!r}"
    elif kind == "BOOLEAN" and not isinstance(value, bool):
        return f"expected true or false (1 or 0), got {value!r}"
    return None


def _enum_message(col: schema.Column, value: Any) -> str:
    label = col.name.replace("_", " ")
    allowed = col.allowed or ()
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
    return f"unknown {label} '{value}' ({hint})"
