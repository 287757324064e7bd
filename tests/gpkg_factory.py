"""Write small but complete dkgis GeoPackages for tests, valid or broken on purpose.

``make_dataset(path)`` writes every table of :mod:`dkgis.io.schema` with four
facilities of the Dunkerque cluster, their emissions, a caveat, a measure, a
target, three communes (two in the Communauté urbaine de Dunkerque), land,
coastline, network infrastructure and the sources they cite. Keyword arguments
break it in controlled ways, e.g.::

    make_dataset(p, edit={("facilities", 0): {"sector": "stel"}})
    make_dataset(p, drop_tables=["measures"], drop_columns={"facilities": ["sector"]})
    make_dataset(p, add={"emissions": [{**EMISSION, "facility_id": "FR_NOPE"}]})
    make_dataset(p, sql=["UPDATE emissions SET year = 'abc' WHERE fid = 1"])
    make_dataset(p, bad_sector=True, duplicate_id=True)  # named shortcuts, see CORRUPTIONS

The file is written with pyogrio (GDAL), as the dataset builder does, so the
reader is tested against real GeoPackages rather than against itself.
"""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon, box

from dkgis.io import schema

#: Facility ids of the default dataset, in table order.
FACILITY_IDS = ("FR_AMD", "FR_DK6", "FR_ALD", "FR_LNG")

#: Insee codes of the communes of the CUD in the default dataset.
CUD_INSEE = ("59183", "59359")

_FACILITY_DEFAULTS = {
    "operator": None,
    "subsector": None,
    "status": "operating",
    "status_as_of": "2024",
    "ets_id": None,
    "irep_id": None,
    "location_precision": "site",
    "colocated_with": None,
    "capacity": None,
    "capacity_unit": None,
    "capacity_source": None,
    "note": None,
}


def _facility(**values: Any) -> dict[str, Any]:
    return {**_FACILITY_DEFAULTS, **values}


#: A valid emissions row, to copy and change in tests.
EMISSION = {
    "facility_id": "FR_ALD",
    "year": 2018,
    "value_t": 480_000.0,
    "kind": "verified",
    "gas": "CO2e (EU ETS scope)",
    "source_id": "eutl",
    "caveat_id": None,
    "note": None,
}


def _emission(facility_id: str, year: int, value_t: float, kind: str = "verified", **extra):
    source = {"verified": "eutl", "reported": "irep"}.get(kind, "eutl")
    gas = "CO2e (EU ETS scope)" if kind == "verified" else "CO2"
    row = {**EMISSION, "facility_id": facility_id, "year": year, "value_t": value_t}
    row.update(kind=kind, gas=gas, source_id=source)
    row.update(extra)
    return row


def _multipolygon(*coords: tuple[float, float]) -> MultiPolygon:
    return MultiPolygon([Polygon(coords)])


def default_rows() -> dict[str, list[dict[str, Any]]]:
    """Return the rows of the default dataset, table name -> list of row dicts.

    Rows of spatial tables have a ``"geometry"`` key (shapely, EPSG:4326). The
    result is a fresh copy that may be changed freely.
    """
    rows: dict[str, list[dict[str, Any]]] = {
        "sources": [
            {
                "id": "eutl",
                "title": "EU Transaction Log: verified emissions of installations",
                "url": "https://union-registry-data.ec.europa.eu/report/welcome",
                "file": "eutl_verified_emissions_dunkerque_2005_2022.csv",
                "licence": "EU Commission reuse decision 2011/833/EU",
                "vintage": "2023-05",
                "attribution": None,
            },
            {
                "id": "irep",
                "title": "IREP register of polluting emissions, 2015",
                "url": "https://www.georisques.gouv.fr/donnees/bases-de-donnees/installations-industrielles-rejetant-des-polluants",
                "file": "irep_2015_emissions_dunkerque.csv",
                "licence": "Licence Ouverte 2.0",
                "vintage": "2015",
                "attribution": "Géorisques / IREP",
            },
            {
                "id": "gem_steel",
                "title": "Global Steel Plant Tracker",
                "url": "https://globalenergymonitor.org/projects/global-steel-plant-tracker/",
                "file": "gem_steel_plants_dunkerque_2024-04.csv",
                "licence": "CC BY 4.0",
                "vintage": "2024-04",
                "attribution": "Global Energy Monitor, CC BY 4.0",
            },
            {
                "id": "gem_gas",
                "title": "Europe Gas Tracker",
                "url": "https://globalenergymonitor.org/projects/europe-gas-tracker/",
                "file": "gem_gas_infrastructure_dunkerque_2024-05.geojson",
                "licence": "CC BY 4.0",
                "vintage": "2024-05",
                "attribution": "Global Energy Monitor, CC BY 4.0",
            },
            {
                "id": "admin_express",
                "title": "ADMIN EXPRESS communes",
                "url": "https://geoservices.ign.fr/adminexpress",
                "file": "communes_cu_dunkerque.geojson",
                "licence": "Licence Ouverte 2.0",
                "vintage": "2024",
                "attribution": "© IGN Admin Express",
            },
            {
                "id": "osm_land",
                "title": "OpenStreetMap land polygons",
                "url": "https://osmdata.openstreetmap.de/data/land-polygons.html",
                "file": "osm_land_polygon_dunkerque_geomaps_1m.geojson",
                "licence": "ODbL 1.0",
                "vintage": "2024",
                "attribution": "© OpenStreetMap contributors",
            },
            {
                "id": "gshhg",
                "title": "GSHHG shorelines, full resolution",
                "url": "https://www.soest.hawaii.edu/pwessel/gshhg/",
                "file": "coastline_dunkerque_gshhg_full.geojson",
                "licence": "LGPL 3.0",
                "vintage": "2.3.7",
                "attribution": "GSHHG (Wessel and Smith)",
            },
            {
                "id": "press_am",
                "title": "ArcelorMittal France press release on Dunkerque electric furnaces",
                "url": "https://france.arcelormittal.com/",
                "file": None,
                "licence": "quotation",
                "vintage": "2024-02",
                "attribution": None,
            },
        ],
        "facilities": [
            _facility(
                id="FR_AMD",
                name="ArcelorMittal Dunkerque",
                operator="ArcelorMittal France",
                sector="steel",
                subsector="integrated steelworks",
                commune="Dunkerque",
                insee="59183",
                ets_id="FR000000000000203",
                irep_id="0070.00418",
                location_source="gem_steel",
                capacity=6.75,
                capacity_unit="Mt steel/yr",
                capacity_source="gem_steel",
                source_ids="eutl;gem_steel",
                geometry=Point(2.3000, 51.0300),
            ),
            _facility(
                id="FR_DK6",
                name="DK6 combined-cycle power plant",
                operator="Engie",
                sector="power",
                commune="Dunkerque",
                insee="59183",
                location_precision="nearby",
                location_source="gem_steel",
                source_ids="eutl",
                note="Burns the steelworks' blast-furnace gases.",
                geometry=Point(2.2650, 51.0290),
            ),
            _facility(
                id="FR_ALD",
                name="Aluminium Dunkerque",
                operator="Aluminium Dunkerque Industries France",
                sector="aluminium",
                commune="Loon-Plage",
                insee="59359",
                location_precision="address",
                location_source="irep",
                source_ids="eutl;irep",
                geometry=Point(2.1990, 51.0030),
            ),
            _facility(
                id="FR_LNG",
                name="Dunkerque LNG terminal",
                operator="Dunkerque LNG",
                sector="gas_lng",
                commune="Loon-Plage",
                insee="59359",
                location_source="gem_gas",
                source_ids="irep;gem_gas",
                geometry=Point(2.1530, 51.0340),
            ),
        ],
        "emissions": [
            _emission("FR_AMD", 2019, 11_600_000.0),
            _emission("FR_AMD", 2020, 9_900_000.0),
            _emission("FR_AMD", 2021, 11_200_000.0),
            _emission("FR_AMD", 2022, 10_300_000.0, caveat_id="CAV_GAS"),
            _emission("FR_AMD", 2024, 9_000_000.0, "reported", source_id="press_am"),
            _emission("FR_DK6", 2019, 1_900_000.0),
            _emission("FR_DK6", 2020, 1_700_000.0),
            _emission("FR_DK6", 2021, 1_800_000.0),
            _emission("FR_ALD", 2019, 470_000.0),
            _emission("FR_ALD", 2020, 450_000.0),
            _emission("FR_ALD", 2021, 460_000.0),
            _emission("FR_ALD", 2022, 440_000.0),
            _emission("FR_LNG", 2015, 45_000.0, "reported"),
        ],
        "caveats": [
            {
                "id": "CAV_GAS",
                "kind": "accounting_break",
                "facility_ids": "FR_AMD;FR_DK6",
                "year_from": 2005,
                "year_to": None,
                "description": "Steel gases burnt at DK6 count at DK6, not at the steelworks.",
                "source_id": "eutl",
            }
        ],
        "measures": [
            {
                "id": "M_AMD_EAF",
                "facility_id": "FR_AMD",
                "name": "Two electric arc furnaces replacing blast furnaces",
                "lever": "electric_arc_furnace",
                "status": "announced",
                "start_year": 2029,
                "abatement_t": 4_400_000.0,
                "capex_eur": 1.2e9,
                "announced": "2024-02",
                "variant_of": None,
                "source_url": "https://france.arcelormittal.com/",
                "source_id": "press_am",
                "note": None,
            }
        ],
        "targets": [
            {
                "id": "T_AM_EU",
                "scope": "group",
                "actor": "ArcelorMittal Europe",
                "facility_id": "FR_AMD",
                "baseline_year": 2018,
                "target_year": 2030,
                "reduction_pct": 35.0,
                "status": "announced",
                "announced": "2020",
                "source_url": "https://corporate.arcelormittal.com/climate-action",
                "source_id": "press_am",
                "note": None,
            }
        ],
        "kpis": [
            {
                "id": "K_AMD_JOBS",
                "facility_id": "FR_AMD",
                "measure_id": None,
                "scope": "site",
                "metric": "jobs",
                "kind": "direct",
                "value_low": 3000.0,
                "value_high": None,
                "qualifier": "more_than",
                "value_text": ">3,000 direct jobs",
                "year": 2024,
                "source_url": "https://france.arcelormittal.com/",
                "source_id": "press_am",
                "source_line": 20,
                "note": None,
            }
        ],
        "clusters": [
            {
                "id": "C_DK_MEMBER",
                "cluster": "Dunkerque Industrial Cluster",
                "country": "France",
                "joined": "joined 2024-01",
                "metric": "member",
                "comparable": "member",
                "value": None,
                "value_high": None,
                "qualifier": None,
                "value_text": None,
                "unit": None,
                "year": 2024,
                "source_url": "https://www.weforum.org/",
                "source_id": "press_am",
                "source_line": 2,
                "note": None,
            }
        ],
        "infrastructure_lines": [
            {
                "id": "INF_PIPE",
                "name": "Artère des Flandres",
                "kind": "gas_pipeline",
                "status": "operating",
                "operator": "GRTgaz",
                "capacity": None,
                "capacity_unit": None,
                "start_year": 2016,
                "url": None,
                "source_id": "gem_gas",
                "geometry": MultiLineString(
                    [[(2.1530, 51.0340), (2.2500, 50.9500), (2.4000, 50.9000)]]
                ),
            },
        ],
        "infrastructure_points": [
            {
                "id": "INF_LNG",
                "name": "Dunkerque LNG terminal",
                "kind": "lng_terminal",
                "status": "operating",
                "operator": "Dunkerque LNG",
                "capacity": 13.0,
                "capacity_unit": "bcm/yr",
                "start_year": 2017,
                "url": "https://www.dunkerquelng.com/",
                "source_id": "gem_gas",
                "geometry": Point(2.1530, 51.0340),
            },
        ],
        "communes": [
            {
                "insee": "59183",
                "name": "Dunkerque",
                "departement": "59",
                "in_cud": True,
                "source_id": "admin_express",
                "geometry": _multipolygon(
                    (2.22, 51.00), (2.45, 51.00), (2.45, 51.07), (2.22, 51.07), (2.22, 51.00)
                ),
            },
            {
                "insee": "59359",
                "name": "Loon-Plage",
                "departement": "59",
                "in_cud": True,
                "source_id": "admin_express",
                "geometry": _multipolygon(
                    (2.14, 50.96), (2.22, 50.96), (2.22, 51.05), (2.14, 51.05), (2.14, 50.96)
                ),
            },
            {
                "insee": "62645",
                "name": "Oye-Plage",
                "departement": "62",
                "in_cud": False,
                "source_id": "admin_express",
                "geometry": _multipolygon(
                    (2.00, 50.96), (2.08, 50.96), (2.08, 51.01), (2.00, 51.01), (2.00, 50.96)
                ),
            },
        ],
        "land": [
            {
                "source_id": "osm_land",
                "geometry": MultiPolygon([box(1.95, 50.85, 2.70, 51.06)]),
            }
        ],
        "coastline": [
            {
                "source_id": "gshhg",
                "geometry": MultiLineString(
                    [[(1.95, 51.00), (2.15, 51.045), (2.40, 51.06), (2.70, 51.09)]]
                ),
            }
        ],
    }
    return copy.deepcopy(rows)


# Pandas dtypes that make GDAL write the schema's SQLite types.
_DTYPES = {"INTEGER": "Int64", "REAL": "float64", "BOOLEAN": "boolean", "TEXT": "object"}

# GDAL geometry type names for the schema's GeoPackage types.
_GDAL_TYPES = {
    "POINT": "Point",
    "MULTIPOLYGON": "MultiPolygon",
    "MULTILINESTRING": "MultiLineString",
}


def _frame(table: schema.Table, rows: list[dict[str, Any]], drop: set[str]) -> pd.DataFrame:
    names = [c.name for c in table.columns if c.name not in drop]
    extra = sorted({k for r in rows for k in r} - set(table.column_names) - {"geometry"})
    data = {n: [r.get(n) for r in rows] for n in [*names, *extra]}
    frame = pd.DataFrame(data, columns=[*names, *extra])
    for col in table.columns:
        if col.name in frame.columns:
            try:
                frame[col.name] = frame[col.name].astype(_DTYPES[col.type])
            except (TypeError, ValueError):
                frame[col.name] = frame[col.name].astype(object)
    return frame


#: Named corruptions: flag -> (edits, added rows), each breaking one rule of the schema.
CORRUPTIONS: dict[str, tuple[dict[tuple[str, int], dict[str, Any]], dict[str, list]]] = {
    # facilities row 1: sector 'stel' is not a sector id
    "bad_sector": ({("facilities", 0): {"sector": "stel"}}, {}),
    # facilities row 5 repeats the id of row 1
    "duplicate_id": (
        {},
        {"facilities": [{**default_rows()["facilities"][0], "name": "ArcelorMittal (again)"}]},
    ),
    # facilities row 3 is placed in Belgium, east of the area
    "outside_area": ({("facilities", 2): {"geometry": Point(3.2, 51.2)}}, {}),
    # emissions row 14 belongs to a facility that does not exist
    "unknown_facility": ({}, {"emissions": [{**EMISSION, "facility_id": "FR_NOPE"}]}),
    # emissions row 1 is negative
    "negative_emission": ({("emissions", 0): {"value_t": -5.0}}, {}),
    # facilities row 4 cites a source that is not in the sources table
    "unknown_source": ({("facilities", 3): {"location_source": "nowhere"}}, {}),
    # measures row 1 has no source_url
    "missing_source_url": ({("measures", 0): {"source_url": None}}, {}),
    # communes row 1 is a self-intersecting polygon
    "invalid_geometry": (
        {
            ("communes", 0): {
                "geometry": MultiPolygon(
                    [Polygon([(2.22, 51.0), (2.45, 51.07), (2.45, 51.0), (2.22, 51.07)])]
                )
            }
        },
        {},
    ),
}


def make_dataset(
    path: str | Path,
    *,
    bad_sector: bool = False,
    duplicate_id: bool = False,
    outside_area: bool = False,
    unknown_facility: bool = False,
    negative_emission: bool = False,
    unknown_source: bool = False,
    missing_source_url: bool = False,
    invalid_geometry: bool = False,
    edit: Mapping[tuple[str, int], Mapping[str, Any]] | None = None,
    add: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
    drop_tables: Iterable[str] = (),
    drop_columns: Mapping[str, Iterable[str]] | None = None,
    sql: Iterable[str] = (),
    crs: str = "EPSG:4326",
    **tables: list[dict[str, Any]],
) -> Path:
    """Write a dkgis GeoPackage, valid unless told otherwise.

    Parameters
    ----------
    path
        File to write (replaced if it exists).
    bad_sector, duplicate_id, outside_area, unknown_facility, negative_emission,
    unknown_source, missing_source_url, invalid_geometry
        Apply the named corruption of :data:`CORRUPTIONS`.
    edit
        ``{(table, row_index): {column: value}}``: change values of the default
        rows (0-based index; ``"geometry"`` changes the geometry).
    add
        ``{table: [row, ...]}``: rows appended to a table.
    drop_tables
        Tables left out of the file.
    drop_columns
        ``{table: [column, ...]}``: columns left out (``"geometry"`` writes the
        table without geometry).
    sql
        SQL statements run on the written file (geometry triggers that need
        SpatiaLite are dropped first), to store what GDAL would refuse.
    crs
        CRS written for the spatial tables.
    **tables
        ``table=[row, ...]`` replaces the rows of a table.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(path)
    rows = default_rows()
    for name, table_rows in tables.items():
        if name not in schema.TABLES_BY_NAME:
            raise TypeError(f"make_dataset() got an unexpected keyword argument {name!r}")
        rows[name] = [dict(r) for r in table_rows]
    flags = {
        "bad_sector": bad_sector,
        "duplicate_id": duplicate_id,
        "outside_area": outside_area,
        "unknown_facility": unknown_facility,
        "negative_emission": negative_emission,
        "unknown_source": unknown_source,
        "missing_source_url": missing_source_url,
        "invalid_geometry": invalid_geometry,
    }
    edits: dict[tuple[str, int], dict[str, Any]] = {}
    added: dict[str, list] = {}
    for flag, wanted in flags.items():
        if wanted:
            flag_edits, flag_rows = CORRUPTIONS[flag]
            for key, values in flag_edits.items():
                edits.setdefault(key, {}).update(values)
            for name, extra_rows in flag_rows.items():
                added.setdefault(name, []).extend(extra_rows)
    for key, values in (edit or {}).items():
        edits.setdefault(key, {}).update(values)
    for name, extra_rows in (add or {}).items():
        added.setdefault(name, []).extend(extra_rows)
    for (name, index), values in edits.items():
        rows[name][index].update(values)
    for name, extra_rows in added.items():
        rows[name].extend(dict(r) for r in extra_rows)

    if path.exists():
        path.unlink()
    dropped_tables = set(drop_tables)
    dropped_columns = {k: set(v) for k, v in (drop_columns or {}).items()}
    for table in schema.TABLES:
        if table.name in dropped_tables:
            continue
        drop = dropped_columns.get(table.name, set())
        frame = _frame(table, rows[table.name], drop)
        if table.geometry is None or "geometry" in drop:
            pyogrio.write_dataframe(frame, path, layer=table.name, driver="GPKG")
            continue
        geoms = [r.get("geometry") for r in rows[table.name]]
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=crs))
        pyogrio.write_dataframe(
            gdf,
            path,
            layer=table.name,
            driver="GPKG",
            geometry_type=_GDAL_TYPES[table.geometry],
            promote_to_multi=table.geometry.startswith("MULTI") or None,
        )
    statements = list(sql)
    if statements:
        run_sql(path, statements)
    return path


def run_sql(path: str | Path, statements: Iterable[str]) -> None:
    """Run SQL on a GeoPackage written by GDAL, without SpatiaLite.

    GDAL's R-tree triggers call SpatiaLite functions (``ST_IsEmpty``...) that
    plain sqlite3 lacks, so they are dropped first.
    """
    with closing(sqlite3.connect(path)) as con:
        triggers = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            " AND sql LIKE '%ST\\_%' ESCAPE '\\'"
        ).fetchall()
        for (name,) in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        for statement in statements:
            con.execute(statement)
        con.commit()
