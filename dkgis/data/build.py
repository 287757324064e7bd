"""Rebuild the embedded dataset ``data/dkarbonation.gpkg``.

Run ``python -m dkgis.data.build [--out PATH]``. The build reads the raw source
extracts in ``data/sources/`` and the hand-curated tables in ``data/curation/``
and writes every table of :mod:`dkgis.io.schema`.

Rules the build enforces:

* Every number written comes from a source file. Curation tables never hold a
  number: they hold *references* (``<source>#<row selector>:<column or text>``)
  that the build resolves and checks against the source, and every year or date
  they give must appear verbatim in the cited source row.
* The output is deterministic: rows are sorted, nothing depends on the clock
  (the GeoPackage ``last_change`` field is pinned), so two builds give the same
  bytes with the same GDAL.
* Any inconsistency (unknown id, ambiguous row, commune mismatch, value missing
  from a source...) stops the build with :class:`BuildError`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

try:
    import geopandas as gpd
except ImportError as _err:  # the application never needs it: only this build does
    raise ImportError(
        "rebuilding the dataset needs geopandas: pip install 'dkgis[build]'"
    ) from _err
import pandas as pd
import pyogrio
import shapely

from dkgis.data import DATA_DIR, DEFAULT_DATASET
from dkgis.data.ids import natural_key
from dkgis.data.kpi_tables import build_clusters, build_kpis
from dkgis.data.references import (
    BuildError,
    Sources,
    as_int,
    blank,
    check_in_row,
    decimal,
    eval_number,
    eval_ref,
    read_csv,
    source_url,
)
from dkgis.io import schema
from dkgis.io.releases.euets_info import GAS_VERIFIED
from dkgis.io.releases.irep import CO2_BIOMASS as IREP_CO2_BIOMASS
from dkgis.io.releases.irep import CO2_FOSSIL as IREP_CO2_FOSSIL
from dkgis.io.releases.irep import GAS_IREP

SOURCES_DIR = DATA_DIR / "sources"
CURATION_DIR = DATA_DIR / "curation"

#: Pinned value of ``gpkg_contents.last_change`` so that the file does not depend on the clock.
FIXED_GPKG_DATE = "1970-01-01T00:00:00.000Z"

#: Frame to which network routes are clipped (lon_min, lat_min, lon_max, lat_max).
INFRASTRUCTURE_CLIP_BOX: tuple[float, float, float, float] = (1.90, 50.80, 2.75, 51.20)

GAS_REPORTED_2024 = "CO2e (RAC/FNE report)"

CAVEAT_STEEL_GAS = "steel_gas_2013"
CAVEAT_IREP = "irep_not_additive"
CAVEAT_SCOPE_2013 = "ets_scope_2013"
CAVEAT_MISSING = "missing_2023_2024"


# --------------------------------------------------------------------------- sources


def build_sources(curation: Path) -> tuple[pd.DataFrame, Sources]:
    """The ``sources`` table, and an accessor to the source files."""
    rows = read_csv(curation / "sources.csv")
    files = {r["id"]: r["file"] for r in rows if blank(r["file"])}
    on_disk = sorted(p.name for p in SOURCES_DIR.iterdir() if p.is_file())
    listed = sorted(files.values())
    if on_disk != listed:
        raise BuildError(
            "data/curation/sources.csv must list every file of data/sources exactly once: "
            f"unlisted {sorted(set(on_disk) - set(listed))}, "
            f"missing {sorted(set(listed) - set(on_disk))}"
        )
    cols = schema.SOURCES.column_names
    df = pd.DataFrame([{c: blank(r[c]) for c in cols} for r in rows], columns=list(cols))
    df = df.sort_values("id", key=lambda s: s.map(natural_key)).reset_index(drop=True)
    return df, Sources(SOURCES_DIR, files)


# --------------------------------------------------------------------------- communes


def load_commune_polygons(sources: Sources) -> gpd.GeoDataFrame:
    """All commune polygons of Nord and Pas-de-Calais with their source id."""
    frames = []
    for source_id in ("communes_59", "communes_62"):
        gdf = sources.frame(source_id)[["code", "nom", "geometry"]].copy()
        gdf["source_id"] = source_id
        frames.append(gdf)
    allc = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=4326)
    if allc["code"].duplicated().any():
        raise BuildError("duplicate INSEE codes across the commune files")
    return allc


def build_communes(sources: Sources, allc: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """CUD communes + the communes of 59/62 touching :data:`schema.AREA_BBOX`."""
    cud = sources.frame("communes_cud")
    cud_codes = set(cud["code"])
    by_code = allc.set_index("code")
    for code, geom in zip(cud["code"], cud.geometry, strict=True):
        if code not in by_code.index or not by_code.loc[code, "geometry"].equals_exact(geom, 0):
            raise BuildError(f"CUD commune {code} differs from the Nord commune file")
    box = shapely.box(*schema.AREA_BBOX)
    keep = allc[allc.intersects(box) | allc["code"].isin(cud_codes)].copy()
    out = gpd.GeoDataFrame(
        {
            "insee": keep["code"].astype(object),
            "name": keep["nom"].astype(object),
            "departement": keep["code"].str[:2].astype(object),
            "in_cud": keep["code"].isin(cud_codes).astype(bool),
            "source_id": keep["source_id"].astype(object),
        },
        geometry=[_multipolygon(g) for g in keep.geometry],
        crs=4326,
    )
    if int(out["in_cud"].sum()) != len(cud_codes):
        raise BuildError("not every CUD commune was kept")
    return out.sort_values("insee").reset_index(drop=True)


def _multipolygon(geom: shapely.Geometry) -> shapely.MultiPolygon:
    if isinstance(geom, shapely.MultiPolygon):
        return geom
    if isinstance(geom, shapely.Polygon):
        return shapely.MultiPolygon([geom])
    raise BuildError(f"expected a polygon, got {geom.geom_type}")


def _multilinestring(geom: shapely.Geometry) -> shapely.MultiLineString | None:
    lines: list[shapely.LineString] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, shapely.LineString) and not part.is_empty:
            lines.append(part)
        elif isinstance(part, shapely.MultiLineString):
            lines.extend(shapely.get_parts(part))
    return shapely.MultiLineString(lines) if lines else None


# --------------------------------------------------------------------------- facilities


def _point_of(sources: Sources, row: dict[str, str], allc: gpd.GeoDataFrame) -> shapely.Point:
    fid = row["id"]
    src = row["location_source"]
    ref = row["location_ref"]
    what = f"facility {fid} location"
    if src == "eutl_installations":
        inst_id, _, kind = ref.partition(":")
        if row["location_precision"] != "nearby" and inst_id != row["ets_id"]:
            raise BuildError(f"{what}: {inst_id} is not the facility's ets_id")
        inst = sources.select_one(src, inst_id)
        cols = {
            "address": ("lon_address_geocode_euetsinfo", "lat_address_geocode_euetsinfo"),
            "postcode": ("lon_postcode_centroid_cedricr", "lat_postcode_centroid_cedricr"),
        }.get(kind)
        if cols is None:
            raise BuildError(f"{what}: use '<id>:address' or '<id>:postcode', not {ref!r}")
        lon, lat = inst[cols[0]], inst[cols[1]]
    elif src == "irep_etablissements":
        if row["location_precision"] != "nearby" and ref != row["irep_id"]:
            raise BuildError(f"{what}: {ref} is not the facility's irep_id")
        est = sources.select_one(src, ref)
        lon, lat = est["lon_wgs84"], est["lat_wgs84"]
    elif src == "gem_steel":
        plant = sources.select_one(src, ref)
        lon, lat = plant["lng"], plant["lat"]
    elif src == "opsd_power_plants":
        plant = sources.select_one(src, ref)
        lon, lat = plant["lon"], plant["lat"]
    elif src == "gem_gas":
        feat = sources.select_one(src, ref)
        lon, lat = feat["lng"], feat["lat"]
    elif src in ("communes_59", "communes_62"):
        hits = allc[(allc["code"] == ref) & (allc["source_id"] == src)]
        if len(hits) != 1:
            raise BuildError(f"{what}: no commune {ref} in {src}")
        return shapely.point_on_surface(hits.geometry.iloc[0])
    else:
        raise BuildError(f"{what}: cannot take a point from source {src!r}")
    if not blank(lon) or not blank(lat):
        raise BuildError(f"{what}: the source has no coordinates for {ref!r}")
    return shapely.Point(float(lon), float(lat))


#: Numbers of a name: a French name states the same ones (« CO₂ » is no number).
_NAME_NUMBERS = re.compile(r"[0-9]+")


def french_name(row: dict[str, str], what: str, column: str = "name") -> str | None:
    """The curated French version of a row's ``column`` (its ``<column>_fr``; ``None``: the
    text has no English words).

    A translation: it must state the same numbers as the text.
    """
    french = blank(row.get(f"{column}_fr"))
    if french is None:
        return None

    def numbers(text: str) -> list[str]:
        return sorted(_NAME_NUMBERS.findall(text.replace("CO2", "CO₂")))

    if numbers(french) != numbers(row[column]):
        raise BuildError(f"{what}: {column}_fr {french!r} has not the numbers of {row[column]!r}")
    return french


def build_facilities(
    sources: Sources, curation: Path, allc: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, list[dict[str, str]]]:
    """The ``facilities`` layer, and the curated rows (for later steps)."""
    curated = read_csv(curation / "facilities.csv")
    ids = [r["id"] for r in curated]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise BuildError(f"duplicate facility ids in facilities.csv: {dupes}")
    for col in ("ets_id", "irep_id"):
        vals = [r[col] for r in curated if blank(r[col])]
        if len(vals) != len(set(vals)):
            raise BuildError(f"a {col} is used by two facilities")

    # Every EU ETS installation of the source is a facility, and every id exists.
    ets_source = {r["installation_id"] for r in sources.rows("eutl_installations")}
    ets_curated = {r["ets_id"] for r in curated if blank(r["ets_id"])}
    if ets_source != ets_curated:
        raise BuildError(
            f"ETS installations missing: {sorted(ets_source - ets_curated)}, "
            f"unknown: {sorted(ets_curated - ets_source)}"
        )
    irep_ids = {r["Identifiant"] for r in sources.rows("irep_etablissements")}
    for r in curated:
        if blank(r["irep_id"]) and r["irep_id"] not in irep_ids:
            raise BuildError(f"facility {r['id']}: unknown IREP id {r['irep_id']}")
        if r["sector"] not in schema.FACILITIES.column("sector").allowed:
            raise BuildError(f"facility {r['id']}: unknown sector {r['sector']!r}")
        # Id rule: EU ETS id, else IREP_<IREP id>, else a lower-case slug.
        if blank(r["ets_id"]):
            expected_ok = r["id"] == r["ets_id"]
        elif blank(r["irep_id"]):
            expected_ok = r["id"] == f"IREP_{r['irep_id']}"
        else:
            expected_ok = re.fullmatch(r"[a-z][a-z0-9_]*", r["id"]) is not None
        if not expected_ok:
            raise BuildError(f"facility {r['id']}: id does not follow the id rule")

    verified_ids = {r["installation_id"] for r in sources.rows("eutl_verified")}
    irep_co2_ids = {
        r["Identifiant"]
        for r in sources.rows("irep_emissions")
        if r["Polluant"] in (IREP_CO2_FOSSIL, IREP_CO2_BIOMASS)
    }
    reported_ids = {r["installation_id"] for r in sources.rows("emissions_2024")}

    records = []
    points = []
    for r in curated:
        fid = r["id"]
        point = _point_of(sources, r, allc)
        hits = allc[allc.contains(point)]
        if len(hits) != 1:
            raise BuildError(f"facility {fid}: point lies in {len(hits)} commune polygons")
        commune, insee, commune_src = hits.iloc[0][["nom", "code", "source_id"]]
        if (commune, insee) != (r["commune"], r["insee"]):
            raise BuildError(
                f"facility {fid}: point lies in {commune} ({insee}), "
                f"curation says {r['commune']} ({r['insee']})"
            )
        capacity = capacity_source = None
        if blank(r["capacity_ref"]):
            capacity, capacity_source = eval_ref(
                sources, r["capacity_ref"], f"facility {fid} capacity"
            )
            if not blank(r["capacity_unit"]):
                raise BuildError(f"facility {fid}: capacity without a unit")
        elif blank(r["capacity_unit"]):
            raise BuildError(f"facility {fid}: capacity unit without a capacity")
        used = {"dkgis_curation", r["location_source"], r["status_source"], commune_src}
        if capacity_source:
            used.add(capacity_source)
        ets = blank(r["ets_id"])
        irep = blank(r["irep_id"])
        if ets:
            used.add("eutl_installations")
            if ets in verified_ids:
                used.add("eutl_verified")
            if ets in reported_ids:
                used.add("emissions_2024")
        if irep:
            used.add("irep_etablissements")
            if irep in irep_co2_ids:
                used.add("irep_emissions")
        records.append(
            {
                "id": fid,
                "name": r["name"],
                "operator": blank(r["operator"]),
                "sector": r["sector"],
                "subsector": blank(r["subsector"]),
                "commune": commune,
                "insee": insee,
                "status": r["status"],
                "status_as_of": r["status_as_of"],
                "ets_id": ets,
                "irep_id": irep,
                "location_precision": r["location_precision"],
                "location_source": r["location_source"],
                "colocated_with": None,
                "capacity": capacity,
                "capacity_unit": blank(r["capacity_unit"]),
                "capacity_source": capacity_source,
                "source_ids": ";".join(sorted(used, key=natural_key)),
                "note": blank(r["note"]),
                "note_fr": blank(r["note_fr"]),
                "name_fr": french_name(r, f"facility {fid}"),
                "subsector_fr": french_name(r, f"facility {fid}", "subsector"),
            }
        )
        points.append(point)

    # Facilities sharing the exact same point.
    by_xy: dict[tuple[float, float], list[str]] = defaultdict(list)
    for rec, pt in zip(records, points, strict=True):
        by_xy[(pt.x, pt.y)].append(rec["id"])
    for rec, pt in zip(records, points, strict=True):
        others = sorted((i for i in by_xy[(pt.x, pt.y)] if i != rec["id"]), key=natural_key)
        rec["colocated_with"] = ";".join(others) or None

    gdf = gpd.GeoDataFrame(records, geometry=points, crs=4326)
    gdf = gdf.iloc[sorted(range(len(gdf)), key=lambda i: natural_key(gdf["id"].iloc[i]))]
    return gdf.reset_index(drop=True), curated


# --------------------------------------------------------------------------- emissions


def build_emissions(
    sources: Sources, facilities: gpd.GeoDataFrame, caveats: pd.DataFrame
) -> pd.DataFrame:
    """Verified (EUTL), reported (IREP 2015) and reported (2024) emission values."""
    by_ets = {e: f for e, f in zip(facilities["ets_id"], facilities["id"], strict=True) if e}
    by_irep = {e: f for e, f in zip(facilities["irep_id"], facilities["id"], strict=True) if e}
    caveat_rows = caveats.set_index("id")
    steel_gas = set(caveat_rows.loc[CAVEAT_STEEL_GAS, "facility_ids"].split(";"))
    steel_gas_from = int(caveat_rows.loc[CAVEAT_STEEL_GAS, "year_from"])
    scope_listed = set(caveat_rows.loc[CAVEAT_SCOPE_2013, "facility_ids"].split(";"))
    scope_year = int(caveat_rows.loc[CAVEAT_SCOPE_2013, "year_from"])

    rows: list[dict] = []

    # EU ETS verified emissions: every row of the source, zeros included.
    verified = sources.rows("eutl_verified")
    first_year: dict[str, int] = {}
    for r in verified:
        year = int(r["year"])
        fid = by_ets[r["installation_id"]]
        first_year[fid] = min(year, first_year.get(fid, year))
    scope_computed = {f for f, y in first_year.items() if y == scope_year}
    if scope_computed != scope_listed:
        raise BuildError(
            f"caveat {CAVEAT_SCOPE_2013}: installations whose first verified year is "
            f"{scope_year} are {sorted(scope_computed)}, curation lists {sorted(scope_listed)}"
        )
    for r in verified:
        fid = by_ets[r["installation_id"]]
        year = int(r["year"])
        caveat = None
        if fid in steel_gas and year >= steel_gas_from:
            caveat = CAVEAT_STEEL_GAS
        elif fid in scope_listed and year == scope_year:
            caveat = CAVEAT_SCOPE_2013
        rows.append(
            {
                "facility_id": fid,
                "year": year,
                "value_t": float(decimal(r["verified_emissions_tco2e"], "EUTL value")),
                "kind": "verified",
                "gas": GAS_VERIFIED,
                "source_id": "eutl_verified",
                "caveat_id": caveat,
                "note": None,
            }
        )

    # IREP 2015 fossil CO2; the source repeats some rows verbatim.
    fossil: dict[str, Decimal] = {}
    biomass: dict[str, Decimal] = {}
    year_of: dict[str, int] = {}
    for r in sources.rows("irep_emissions"):
        if r["Polluant"] not in (IREP_CO2_FOSSIL, IREP_CO2_BIOMASS):
            continue
        if r["unite"] != "t/an" or r["Milieu"] != "Air":
            raise BuildError(f"IREP {r['Identifiant']}: unexpected unit or medium")
        target = fossil if r["Polluant"] == IREP_CO2_FOSSIL else biomass
        value = decimal(r["quantite"], f"IREP {r['Identifiant']}")
        if target.get(r["Identifiant"], value) != value:
            raise BuildError(f"IREP {r['Identifiant']}: two different values for {r['Polluant']}")
        target[r["Identifiant"]] = value
        year_of[r["Identifiant"]] = int(r["Annee_Emission"])
    missing = sorted(set(fossil) - set(by_irep))
    if missing:
        raise BuildError(f"IREP establishments reporting CO2 but not facilities: {missing}")
    for irep_id, value in fossil.items():
        note = None
        if irep_id in biomass:
            note = f"Excludes {float(biomass[irep_id]):,.0f} t of biomass CO2 reported separately."
        rows.append(
            {
                "facility_id": by_irep[irep_id],
                "year": year_of[irep_id],
                "value_t": float(value),
                "kind": "reported",
                "gas": GAS_IREP,
                "source_id": "irep_emissions",
                "caveat_id": CAVEAT_IREP,
                "note": note,
            }
        )

    # Reported 2024 value(s) from the RAC/FNE report.
    for r in sources.rows("emissions_2024"):
        fid = by_ets[r["installation_id"]]
        year = int(r["year"])
        rows.append(
            {
                "facility_id": fid,
                "year": year,
                "value_t": float(decimal(r["emissions_tco2e"], "2024 value")),
                "kind": "reported",
                "gas": GAS_REPORTED_2024,
                "source_id": "emissions_2024",
                "caveat_id": CAVEAT_STEEL_GAS
                if fid in steel_gas and year >= steel_gas_from
                else None,
                "note": (
                    f"{r['status']}; basis: {r['basis']}; {r['note']} per the same source. "
                    "Not said whether Mardyck (FR_955) is included. Never join it to the "
                    "verified series."
                ),
            }
        )

    kind_order = {k: i for i, k in enumerate(schema.EMISSION_KINDS)}
    rows.sort(
        key=lambda r: (
            natural_key(r["facility_id"]),
            kind_order[r["kind"]],
            r["year"],
            r["source_id"],
        )
    )
    seen = set()
    for r in rows:
        key = (r["facility_id"], r["year"], r["kind"], r["source_id"])
        if key in seen:
            raise BuildError(f"duplicate emission value {key}")
        seen.add(key)
    return pd.DataFrame(rows, columns=list(schema.EMISSIONS.column_names))


def build_caveats(curation: Path) -> pd.DataFrame:
    """The ``caveats`` table (curated)."""
    rows = []
    for r in read_csv(curation / "caveats.csv"):
        rows.append(
            {
                "id": r["id"],
                "kind": r["kind"],
                "facility_ids": blank(r["facility_ids"]),
                "year_from": as_int(r["year_from"], f"caveat {r['id']}"),
                "year_to": as_int(r["year_to"], f"caveat {r['id']}"),
                "description": r["description"],
                "source_id": r["source_id"],
                "description_fr": blank(r["description_fr"]),
            }
        )
    df = pd.DataFrame(rows, columns=list(schema.CAVEATS.column_names))
    needed = {CAVEAT_STEEL_GAS, CAVEAT_IREP, CAVEAT_SCOPE_2013, CAVEAT_MISSING}
    if not needed <= set(df["id"]):
        raise BuildError(f"caveats.csv must define {sorted(needed)}")
    return df.sort_values("id").reset_index(drop=True)


# --------------------------------------------------------------------------- measures, targets


def build_measures(sources: Sources, curation: Path, facility_ids: set[str]) -> pd.DataFrame:
    """The ``measures`` table: curated rows, numbers read from the cited source rows."""
    curated = read_csv(curation / "measures.csv")
    ids = {r["id"] for r in curated}
    if len(ids) != len(curated):
        raise BuildError("duplicate measure ids")
    rows = []
    for r in curated:
        what = f"measure {r['id']}"
        row = sources.select_one(r["source_id"], r["source_match"])
        if blank(r["facility_id"]) and r["facility_id"] not in facility_ids:
            raise BuildError(f"{what}: unknown facility {r['facility_id']}")
        if blank(r["variant_of"]) and r["variant_of"] not in ids:
            raise BuildError(f"{what}: variant of unknown measure {r['variant_of']}")
        if r["lever"] not in schema.LEVERS:
            raise BuildError(f"{what}: unknown lever {r['lever']!r}")
        check_in_row(row, blank(r["start_year"]), what)
        check_in_row(row, blank(r["announced"]), what)
        abatement = (
            eval_number(row, r["abatement_ref"], what) if blank(r["abatement_ref"]) else None
        )
        capex = eval_number(row, r["capex_ref"], what) if blank(r["capex_ref"]) else None
        rows.append(
            {
                "id": r["id"],
                "facility_id": blank(r["facility_id"]),
                "name": r["name"],
                "lever": r["lever"],
                "status": r["status"],
                "start_year": as_int(r["start_year"], what),
                "abatement_t": abatement,
                "capex_eur": capex,
                "announced": blank(r["announced"]),
                "variant_of": blank(r["variant_of"]),
                "source_url": source_url(r["source_id"], row, what),
                "source_id": r["source_id"],
                "note": blank(r["note"]),
                "name_fr": french_name(r, what),
                "status_fr": french_name(r, what, "status"),
            }
        )
    df = pd.DataFrame(rows, columns=list(schema.MEASURES.column_names))
    return df.sort_values("id").reset_index(drop=True)


def build_targets(sources: Sources, curation: Path, facility_ids: set[str]) -> pd.DataFrame:
    """The ``targets`` table: curated rows, percentages read from the cited source rows."""
    curated = read_csv(curation / "targets.csv")
    if len({r["id"] for r in curated}) != len(curated):
        raise BuildError("duplicate target ids")
    rows = []
    for r in curated:
        what = f"target {r['id']}"
        row = sources.select_one(r["source_id"], r["source_match"])
        if blank(r["facility_id"]) and r["facility_id"] not in facility_ids:
            raise BuildError(f"{what}: unknown facility {r['facility_id']}")
        for col in ("baseline_year", "target_year", "announced"):
            check_in_row(row, blank(r[col]), f"{what} {col}")
        pct = eval_number(row, r["reduction_ref"], what)
        if not 0 < pct <= 100:
            raise BuildError(f"{what}: reduction {pct} % outside (0, 100]")
        rows.append(
            {
                "id": r["id"],
                "scope": r["scope"],
                "actor": r["actor"],
                "facility_id": blank(r["facility_id"]),
                "baseline_year": as_int(r["baseline_year"], what),
                "target_year": as_int(r["target_year"], what),
                "reduction_pct": pct,
                "status": r["status"],
                "announced": blank(r["announced"]),
                "source_url": source_url(r["source_id"], row, what),
                "source_id": r["source_id"],
                "note": blank(r["note"]),
                "actor_fr": french_name(r, what, "actor"),
            }
        )
    df = pd.DataFrame(rows, columns=list(schema.TARGETS.column_names))
    return df.sort_values("id").reset_index(drop=True)


# --------------------------------------------------------------------------- base map layers


def build_infrastructure(sources: Sources, curation: Path) -> gpd.GeoDataFrame:
    """GEM gas, LNG and hydrogen infrastructure, routes clipped to the study frame."""
    gdf = sources.frame("gem_gas")
    keys = [f"{p}|{u}" for p, u in zip(gdf["project"], gdf["unit"].fillna(""), strict=True)]
    curated = {
        f"{r['gem_project']}|{r['gem_unit']}": r for r in read_csv(curation / "infrastructure.csv")
    }
    if sorted(keys) != sorted(curated):
        raise BuildError(
            "infrastructure.csv must list every GEM feature once: "
            f"unlisted {sorted(set(keys) - set(curated))}, "
            f"unknown {sorted(set(curated) - set(keys))}"
        )
    records, geoms = [], []
    for key, (_, feat) in zip(keys, gdf.iterrows(), strict=True):
        cur = curated[key]
        if cur["include"] not in ("yes", "no"):
            raise BuildError(f"infrastructure {cur['id']}: include must be yes or no")
        if cur["include"] == "no":
            continue
        kind = feat["type"]
        if kind not in schema.INFRASTRUCTURE_KINDS:
            raise BuildError(f"infrastructure {cur['id']}: kind {kind!r} not in the schema")
        geom = feat.geometry
        if kind != "lng_terminal":
            geom = _multilinestring(shapely.clip_by_rect(geom, *INFRASTRUCTURE_CLIP_BOX))
            if geom is None:
                raise BuildError(f"infrastructure {cur['id']}: nothing left inside the frame")
        start = str(feat["start_year"] or "")
        capacity = blank(str(feat["capacity"] or ""))
        name = feat["project"] + (f" – {feat['unit']}" if blank(feat["unit"]) else "")
        records.append(
            {
                "id": cur["id"],
                "name": name,
                "kind": kind,
                "status": feat["status_tabular"],
                "operator": blank(feat["owner"]) or blank(feat["parent"]),
                "capacity": float(decimal(capacity, cur["id"])) if capacity else None,
                "capacity_unit": blank(feat["units"]) if capacity else None,
                # GEM writes "2" for some unknown years: keep only four-digit years.
                "start_year": int(start) if re.fullmatch(r"\d{4}", start) else None,
                "url": blank(feat["url"]),
                "source_id": "gem_gas",
            }
        )
        geoms.append(geom)
    out = gpd.GeoDataFrame(records, geometry=geoms, crs=4326)
    return out.sort_values("id").reset_index(drop=True)


def split_infrastructure(gdf: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """The network features as one table per geometry type (lines, points)."""
    is_point = gdf.geometry.geom_type == "Point"
    out = {
        schema.INFRASTRUCTURE_LINES.name: gdf[~is_point],
        schema.INFRASTRUCTURE_POINTS.name: gdf[is_point],
    }
    return {name: part.reset_index(drop=True) for name, part in out.items()}


def build_land(sources: Sources) -> gpd.GeoDataFrame:
    """OpenStreetMap land polygons."""
    gdf = sources.frame("osm_land").sort_values("A3")
    return gpd.GeoDataFrame(
        {"source_id": ["osm_land"] * len(gdf)},
        geometry=[_multipolygon(g) for g in gdf.geometry],
        crs=4326,
    )


def build_coastline(sources: Sources) -> gpd.GeoDataFrame:
    """GSHHG coastline."""
    gdf = sources.frame("gshhg_coastline")
    lines = _multilinestring(shapely.GeometryCollection(list(gdf.geometry)))
    if lines is None:
        raise BuildError("empty coastline")
    return gpd.GeoDataFrame({"source_id": ["gshhg_coastline"]}, geometry=[lines], crs=4326)


# --------------------------------------------------------------------------- checks and output


def check_table(table: schema.Table, df: pd.DataFrame, source_ids: set[str]) -> None:
    """Check a table against the schema: columns, required values, enums, keys, sources."""
    cols = [c for c in df.columns if c != "geometry"]
    if cols != list(table.column_names):
        raise BuildError(f"{table.name}: columns {cols} differ from the schema")
    for col in table.columns:
        values = df[col.name]
        if col.required and values.isna().any():
            bad = df.index[values.isna()].tolist()
            raise BuildError(f"{table.name}: {col.name} missing on rows {bad}")
        if col.allowed is not None:
            unknown = sorted(set(values.dropna()) - set(col.allowed))
            if unknown:
                raise BuildError(f"{table.name}: {col.name} values not allowed: {unknown}")
    if table.key and df[table.key].duplicated().any():
        raise BuildError(f"{table.name}: duplicate {table.key}")
    for col in ("source_id", "location_source", "capacity_source"):
        if col in df.columns:
            unknown = sorted(set(df[col].dropna()) - source_ids)
            if unknown:
                raise BuildError(f"{table.name}: unknown {col} {unknown}")
    if "source_ids" in df.columns:
        for value in df["source_ids"]:
            unknown = sorted(set(value.split(";")) - source_ids)
            if unknown:
                raise BuildError(f"{table.name}: unknown source_ids {unknown}")
    if table.geometry is not None:
        geoms = df.geometry
        if geoms.isna().any() or (~geoms.is_valid).any() or geoms.is_empty.any():
            raise BuildError(f"{table.name}: missing, empty or invalid geometry")


def _typed(table: schema.Table, df: pd.DataFrame) -> pd.DataFrame:
    """Give every column the pandas dtype that GDAL writes as the schema's SQLite type."""
    out = df.copy()
    for col in table.columns:
        values = out[col.name]
        if col.type == "TEXT":
            out[col.name] = pd.Series(
                [None if pd.isna(v) else str(v) for v in values], index=out.index, dtype=object
            )
        elif col.type == "INTEGER":
            out[col.name] = values.astype("Int64")
        elif col.type == "REAL":
            out[col.name] = values.astype("float64")
        elif col.type == "BOOLEAN":
            out[col.name] = values.astype(bool)
        else:
            raise BuildError(f"{table.name}: unknown column type {col.type}")
    return out


_GDAL_GEOMETRY = {
    "POINT": "Point",
    "MULTIPOLYGON": "MultiPolygon",
    "MULTILINESTRING": "MultiLineString",
}

#: GeoPackage version written: 1.2 is read without a warning by GDAL 3.6 (QGIS 3.22 LTR),
#: which warns on every open of a 1.4 file ("application_id 'GPKG', user_version 10200").
GPKG_VERSION = "1.2"


def write_gpkg(tables: dict[str, pd.DataFrame], out_path: Path) -> None:
    """Write the tables, in :data:`schema.TABLES` order, to a new GeoPackage."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.stem + ".building.gpkg")
    if tmp.exists():
        tmp.unlink()
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_GPKG_DATE})
    try:
        for table in schema.TABLES:
            df = _typed(table, tables[table.name])
            kwargs: dict = {"driver": "GPKG", "layer": table.name}
            if not tmp.exists():
                kwargs["dataset_options"] = {"VERSION": GPKG_VERSION}
            if table.geometry is not None:
                kwargs["geometry_type"] = _GDAL_GEOMETRY[table.geometry]
                kwargs["promote_to_multi"] = False
                df = gpd.GeoDataFrame(df, geometry="geometry", crs=4326)
            else:
                df = pd.DataFrame(df)
            pyogrio.write_dataframe(df, tmp, **kwargs)
    except Exception:
        if tmp.exists():
            tmp.unlink()
        raise
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    os.replace(tmp, out_path)


def build_tables(curation: Path = CURATION_DIR) -> dict[str, pd.DataFrame]:
    """Build every table of the dataset in memory, checked against the schema.

    Parameters
    ----------
    curation
        Folder of the curation tables.

    Returns
    -------
    dict
        Table name -> DataFrame (GeoDataFrame for layers), rows in their final order.
    """
    sources_df, sources = build_sources(curation)
    source_ids = set(sources_df["id"])
    allc = load_commune_polygons(sources)
    facilities, _ = build_facilities(sources, curation, allc)
    facility_ids = set(facilities["id"])
    caveats = build_caveats(curation)
    emissions = build_emissions(sources, facilities, caveats)
    unknown_caveats = set(emissions["caveat_id"].dropna()) - set(caveats["id"])
    if unknown_caveats:
        raise BuildError(f"emissions reference unknown caveats {sorted(unknown_caveats)}")
    for value in caveats["facility_ids"].dropna():
        unknown = set(value.split(";")) - facility_ids
        if unknown:
            raise BuildError(f"caveats reference unknown facilities {sorted(unknown)}")
    measures = build_measures(sources, curation, facility_ids)
    tables: dict[str, pd.DataFrame] = {
        "sources": sources_df,
        "facilities": facilities,
        "emissions": emissions,
        "caveats": caveats,
        "measures": measures,
        "targets": build_targets(sources, curation, facility_ids),
        "kpis": build_kpis(sources, curation, facility_ids, measures),
        "clusters": build_clusters(sources, curation),
        **split_infrastructure(build_infrastructure(sources, curation)),
        "communes": build_communes(sources, allc),
        "land": build_land(sources),
        "coastline": build_coastline(sources),
    }
    lon0, lat0, lon1, lat1 = schema.AREA_BBOX
    outside = facilities[
        ~facilities.geometry.x.between(lon0, lon1) | ~facilities.geometry.y.between(lat0, lat1)
    ]
    if len(outside):
        raise BuildError(f"facilities outside AREA_BBOX: {outside['id'].tolist()}")
    for table in schema.TABLES:
        check_table(table, tables[table.name], source_ids)
    return tables


def build(out_path: Path) -> None:
    """Rebuild the dataset from ``data/sources`` and ``data/curation`` into ``out_path``.

    Parameters
    ----------
    out_path
        GeoPackage to write; replaced atomically if it exists.

    Raises
    ------
    BuildError
        When the sources and the curation tables disagree or a rule is broken.
    """
    write_gpkg(build_tables(), Path(out_path))


def _summary(tables: dict[str, pd.DataFrame], out_path: Path) -> Iterable[str]:
    yield f"wrote {out_path} ({out_path.stat().st_size / 1e6:.2f} MB)"
    for name, df in tables.items():
        yield f"  {name:21s} {len(df):5d} rows"
    counts = tables["facilities"]["sector"].value_counts()
    yield "  facilities by sector: " + ", ".join(
        f"{s} {counts[s]}" for s in schema.FACILITIES.column("sector").allowed if s in counts
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point of ``python -m dkgis.data.build``.

    Parameters
    ----------
    argv
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Process exit status.
    """
    parser = argparse.ArgumentParser(
        prog="python -m dkgis.data.build", description="Rebuild the embedded dkgis dataset."
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_DATASET, help="GeoPackage to write")
    args = parser.parse_args(argv)
    try:
        tables = build_tables()
        write_gpkg(tables, args.out)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    for line in _summary(tables, args.out):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
