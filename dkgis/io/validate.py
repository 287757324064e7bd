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
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from dkgis.i18n import _
from dkgis.io import schema
from dkgis.io.cells import cell_issues, is_blank, row_ids
from dkgis.io.gpkg import TableData, connect, crs_problem, inspect_table, read_rows
from dkgis.io.issues import Issue

__all__ = ["Issue", "check_tables", "sort_issues", "validate_dataset"]

# Geometry types accepted in a column of each declared GeoPackage type.
_ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "POINT": ("Point",),
    "MULTIPOINT": ("Point", "MultiPoint"),
    "LINESTRING": ("LineString",),
    "MULTILINESTRING": ("LineString", "MultiLineString"),
    "POLYGON": ("Polygon",),
    "MULTIPOLYGON": ("Polygon", "MultiPolygon"),
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
        skipped), geometry column and CRS, every cell the reader refuses (see
        :mod:`dkgis.io.cells`: required values, value types, text that is not UTF-8,
        impossible numbers such as negative or implausibly large emissions,
        unreadable geometries and coordinates that are not longitude/latitude),
        enumerated values, duplicate keys, facility points outside
        :data:`schema.AREA_BBOX`, references to unknown facilities, sources, caveats
        and measures, duplicate verified values, measures and targets without a
        ``source_url``, and missing, empty, invalid or mistyped geometries.

    Raises
    ------
    DatasetError
        Only when the file cannot be read at all (missing, not a GeoPackage, damaged,
        locked by another program).
    """
    issues: list[Issue] = []
    tables: dict[str, TableData] = {}
    with closing(connect(path)) as con:
        for table in schema.TABLES:
            info = inspect_table(con, path, table.name)
            if info is None:
                if not table.optional:
                    issues.append(Issue(table.name, None, None, _("the table is missing")))
                continue
            missing = [c.name for c in table.columns if c.name not in info.columns]
            for name in missing:
                issues.append(Issue(table.name, None, name, _("the column is missing")))
            if missing:
                continue
            if table.geometry is not None:
                if info.geometry_column is None:
                    message = _("no geometry column (expected {kind} geometries)").format(
                        kind=table.geometry
                    )
                    issues.append(Issue(table.name, None, "geometry", message))
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
        # Rows (0-based) of the table being checked whose geometry the cell checks refused.
        self.bad_geometry: set[int] = set()

    def _keys(self, table: str, column: str) -> set[str] | None:
        data = self.tables.get(table)
        if data is None or column not in data.columns:
            return None
        return {v for v in data.columns[column] if isinstance(v, str)}

    # -- one table --------------------------------------------------------------

    def check_table(self, table: schema.Table, data: TableData) -> None:
        record_ids, facility_ids = row_ids(table, data)

        def add(i: int, field: str | None, message: str) -> None:
            self.issues.append(
                Issue(table.name, i + 1, field, message, record_ids[i], facility_ids[i])
            )

        cells = cell_issues(table, data)
        self.issues.extend(cells)
        self.bad_geometry = {i.row - 1 for i in cells if i.field == "geometry" and i.row}
        for col in table.columns:
            if col.allowed is not None:
                self._check_enum(col, data.columns[col.name], add)
        if table.key is not None:
            self._check_duplicates(table.key, data.columns[table.key], add)
        if table.geometry is not None and data.geometry is not None:
            self._check_geometry(table, data.geometry, add)
        for column in _SOURCE_COLUMNS.get(table.name, ()):
            self._check_refs(
                data.columns[column], self.source_ids, column, _("unknown source '{id}'"), add
            )
        extra = getattr(self, f"_check_{table.name}", None)
        if extra is not None:
            extra(data, add)

    def _check_enum(self, col: schema.Column, values: list, add) -> None:
        for i, value in enumerate(values):
            if isinstance(value, str) and value.strip() and value not in (col.allowed or ()):
                add(i, col.name, _enum_message(col, value))

    def _check_duplicates(self, key: str, values: list, add) -> None:
        first: dict[Any, int] = {}
        for i, value in enumerate(values):
            if not isinstance(value, str) or is_blank(value):
                continue
            if value in first:
                add(
                    i,
                    key,
                    _("duplicate {key} '{value}' (first used on row {row})").format(
                        key=key, value=value, row=first[value] + 1
                    ),
                )
            else:
                first[value] = i

    def _check_geometry(self, table: schema.Table, geoms: np.ndarray, add) -> None:
        accepted = _ACCEPTED_TYPES.get(table.geometry or "")
        usable = np.array(
            [g is not None and i not in self.bad_geometry for i, g in enumerate(geoms)],
            dtype=bool,
        )
        valid = np.ones(len(geoms), dtype=bool)
        if usable.any():
            valid[usable] = shapely.is_valid(geoms[usable])
        for i, geom in enumerate(geoms):
            if i in self.bad_geometry:
                continue  # unreadable, or coordinates out of range: reported with the cells
            if geom is None:
                add(i, "geometry", _("geometry missing"))
            elif geom.is_empty:
                add(i, "geometry", _("the geometry is empty"))
            elif accepted is not None and geom.geom_type not in accepted:
                add(
                    i,
                    "geometry",
                    _("expected a {expected} geometry, got a {actual}").format(
                        expected=(table.geometry or "").lower(), actual=geom.geom_type
                    ),
                )
            elif not valid[i]:
                add(
                    i,
                    "geometry",
                    _("invalid geometry ({reason})").format(reason=shapely.is_valid_reason(geom)),
                )

    def _check_refs(
        self, values: list, known: set[str] | None, field: str, message: str, add, multi=False
    ) -> None:
        """Report each id of ``values`` missing from ``known``; ``message`` has an ``{id}``."""
        if known is None:
            return
        for i, value in enumerate(values):
            ids = _split_ids(value) if multi else ([value] if isinstance(value, str) else [])
            for ident in ids:
                if ident.strip() and ident not in known:
                    add(i, field, message.format(id=ident))

    # -- table-specific checks ----------------------------------------------------

    def _check_facilities(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["source_ids"], self.source_ids, "source_ids", _("unknown source '{id}'"), add, True
        )
        self._check_refs(
            cols["colocated_with"],
            self.facility_ids,
            "colocated_with",
            _("unknown facility '{id}'"),
            add,
            True,
        )
        if self.insee_codes is not None:
            for i, code in enumerate(cols["insee"]):
                if isinstance(code, str) and code.strip() and code not in self.insee_codes:
                    add(
                        i,
                        "insee",
                        _("commune '{code}' is not in the communes table").format(code=code),
                    )
        for i, value in enumerate(cols["status_as_of"]):
            if isinstance(value, str) and value.strip() and not _DATE_RE.match(value.strip()):
                add(
                    i,
                    "status_as_of",
                    _("expected a year or a date (YYYY-MM-DD), got '{value}'").format(value=value),
                )
        geoms = data.geometry
        if geoms is None:
            return
        lon_min, lat_min, lon_max, lat_max = schema.AREA_BBOX
        points: dict[str, tuple[float, float]] = {}
        for i, geom in enumerate(geoms):
            if i in self.bad_geometry or geom is None or geom.is_empty:
                continue
            if geom.geom_type != "Point":
                continue
            lon, lat = geom.x, geom.y
            if isinstance(cols["id"][i], str):
                points.setdefault(cols["id"][i], (lon, lat))
            if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
                add(
                    i,
                    "geometry",
                    _(
                        "the point (lon {lon}, lat {lat}) is outside the Dunkerque area"
                        " (lon {lon_min} to {lon_max}, lat {lat_min} to {lat_max})"
                    ).format(
                        lon=f"{lon:.4f}",
                        lat=f"{lat:.4f}",
                        lon_min=lon_min,
                        lon_max=lon_max,
                        lat_min=lat_min,
                        lat_max=lat_max,
                    ),
                )
        for i, value in enumerate(cols["colocated_with"]):
            own = points.get(cols["id"][i]) if isinstance(cols["id"][i], str) else None
            for other in _split_ids(value):
                if other == cols["id"][i]:
                    add(i, "colocated_with", _("a facility cannot be colocated with itself"))
                elif own is not None and other in points:
                    dist = math.dist(own, points[other])
                    if dist > 1e-6:
                        add(
                            i,
                            "colocated_with",
                            _("colocated with '{other}' but not at the same point").format(
                                other=other
                            ),
                        )

    def _check_emissions(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["facility_id"], self.facility_ids, "facility_id", _("unknown facility '{id}'"), add
        )
        self._check_refs(
            cols["caveat_id"], self.caveat_ids, "caveat_id", _("unknown caveat '{id}'"), add
        )
        seen: dict[tuple[Any, Any], int] = {}
        for i, (fid, year, kind) in enumerate(
            zip(cols["facility_id"], cols["year"], cols["kind"], strict=True)
        ):
            if kind != "verified" or not isinstance(fid, str) or not _is_number(year):
                continue
            if not math.isfinite(year):
                continue
            key = (fid, int(year))
            if key in seen:
                add(
                    i,
                    "year",
                    _("more than one verified value for {year} (first on row {row})").format(
                        year=int(year), row=seen[key] + 1
                    ),
                )
            else:
                seen[key] = i

    def _check_caveats(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["facility_ids"],
            self.facility_ids,
            "facility_ids",
            _("unknown facility '{id}'"),
            add,
            True,
        )
        for i, (start, end) in enumerate(zip(cols["year_from"], cols["year_to"], strict=True)):
            if _is_number(start) and _is_number(end) and start > end:
                add(
                    i,
                    "year_from",
                    _("year_from {start} is after year_to {end}").format(start=start, end=end),
                )

    def _check_measures(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["facility_id"], self.facility_ids, "facility_id", _("unknown facility '{id}'"), add
        )
        self._check_refs(
            cols["variant_of"], self.measure_ids, "variant_of", _("unknown measure '{id}'"), add
        )
        for i, (mid, variant) in enumerate(zip(cols["id"], cols["variant_of"], strict=True)):
            if isinstance(variant, str) and variant == mid:
                add(i, "variant_of", _("a measure cannot be a variant of itself"))
        self._check_urls(cols["source_url"], add)

    def _check_targets(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["facility_id"], self.facility_ids, "facility_id", _("unknown facility '{id}'"), add
        )
        years = zip(cols["baseline_year"], cols["target_year"], strict=True)
        for i, (base, target) in enumerate(years):
            if _is_number(base) and _is_number(target) and base >= target:
                add(
                    i,
                    "baseline_year",
                    _("baseline year {base} is not before target year {target}").format(
                        base=base, target=target
                    ),
                )
        self._check_urls(cols["source_url"], add)

    def _check_kpis(self, data: TableData, add) -> None:
        cols = data.columns
        self._check_refs(
            cols["facility_id"], self.facility_ids, "facility_id", _("unknown facility '{id}'"), add
        )
        self._check_refs(
            cols["measure_id"], self.measure_ids, "measure_id", _("unknown measure '{id}'"), add
        )
        measure_sites = self._measure_sites()
        rows = zip(cols["scope"], cols["facility_id"], cols["measure_id"], strict=True)
        for i, (scope, fid, mid) in enumerate(rows):
            if scope == "site" and (is_blank(fid) or not is_blank(mid)):
                add(i, "scope", _("a site figure needs a facility_id and no measure_id"))
            elif scope == "project" and is_blank(mid):
                add(i, "measure_id", _("a project figure needs the measure it is stated for"))
            elif scope == "cluster" and not (is_blank(fid) and is_blank(mid)):
                add(i, "scope", _("a cluster figure has neither facility_id nor measure_id"))
            site = measure_sites.get(mid) if isinstance(mid, str) else None
            if site is not None and isinstance(fid, str) and site != fid:
                add(
                    i,
                    "facility_id",
                    _("measure '{measure}' is at facility '{site}', not '{facility}'").format(
                        measure=mid, site=site, facility=fid
                    ),
                )
        self._check_figures(cols["value_low"], cols["value_high"], cols["qualifier"], add)
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
                    add(
                        i,
                        name,
                        _("{value}: a stated figure is positive (none stated: no row)").format(
                            value=f"{value:g}"
                        ),
                    )
            has_low, has_high = _is_number(low), _is_number(high)
            if qualifier is None or qualifier not in schema.QUALIFIERS:
                if has_low or has_high:
                    add(i, "qualifier", _("a figure needs a qualifier saying how it reads"))
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
                add(
                    i,
                    "qualifier",
                    _("the bounds do not match the qualifier '{qualifier}'").format(
                        qualifier=qualifier
                    ),
                )

    def _check_communes(self, data: TableData, add) -> None:
        if len(data) and not any(v is True for v in data.columns["in_cud"]):
            self.issues.append(
                Issue(
                    "communes",
                    None,
                    "in_cud",
                    _("no commune is marked in_cud, so the cluster cannot be located"),
                )
            )

    def _check_urls(self, values: list, add) -> None:
        for i, value in enumerate(values):
            if isinstance(value, str) and value.strip() and not _URL_RE.match(value.strip()):
                add(i, "source_url", _("not a web address: '{value}'").format(value=value))


def _enum_message(col: schema.Column, value: str) -> str:
    label = col.name.replace("_", " ")
    allowed = col.allowed or ()
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    if close:
        hint = _("did you mean '{value}'?").format(value=close[0])
    else:
        hint = _("allowed: {values}").format(values=", ".join(allowed))
    return _("unknown {label} '{value}' ({hint})").format(label=label, value=value, hint=hint)
