"""Tests of the embedded dataset ``data/dkarbonation.gpkg`` and of its builder (no Qt)."""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from pathlib import Path

import pyogrio
import pytest
import shapely

from dkgis.data import DATA_DIR, DEFAULT_DATASET
from dkgis.data.build import build, natural_key
from dkgis.io import schema

SOURCES_DIR = DATA_DIR / "sources"
MAX_SIZE_BYTES = 3_000_000


def _read_source_csv(name: str) -> list[dict[str, str]]:
    with (SOURCES_DIR / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def read_rows(path: Path, table: schema.Table) -> list[dict]:
    """Attribute rows of a table, in file order, read with sqlite3 (exact values)."""
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(f'SELECT {cols} FROM "{table.name}" ORDER BY fid')]
    finally:
        con.close()


def read_geometries(path: Path, table: schema.Table) -> list[shapely.Geometry]:
    """Geometries of a layer, in file order."""
    gdf = pyogrio.read_dataframe(path, layer=table.name, fid_as_index=True).sort_index()
    return list(gdf.geometry)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rebuild") / "dkarbonation.gpkg"
    build(out)
    return out


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    assert DEFAULT_DATASET.exists(), "run python -m dkgis.data.build"
    return {t.name: read_rows(DEFAULT_DATASET, t) for t in schema.TABLES}


@pytest.fixture(scope="module")
def facility_points() -> dict[str, shapely.Point]:
    rows = read_rows(DEFAULT_DATASET, schema.FACILITIES)
    geoms = read_geometries(DEFAULT_DATASET, schema.FACILITIES)
    return {r["id"]: g for r, g in zip(rows, geoms, strict=True)}


# --------------------------------------------------------------------------- file and rebuild


def test_dataset_is_small() -> None:
    assert DEFAULT_DATASET.stat().st_size < MAX_SIZE_BYTES


def test_tables_follow_the_schema() -> None:
    con = sqlite3.connect(f"file:{DEFAULT_DATASET}?mode=ro", uri=True)
    try:
        geometry_columns = {
            t: (g, srs)
            for t, g, srs in con.execute(
                "SELECT table_name, geometry_type_name, srs_id FROM gpkg_geometry_columns"
            )
        }
        for table in schema.TABLES:
            info = con.execute(f'PRAGMA table_info("{table.name}")').fetchall()
            declared = {name: typ for _, name, typ, *_ in info if name not in ("fid", "geom")}
            assert declared == {c.name: c.type for c in table.columns}, table.name
            assert list(declared) == list(table.column_names), table.name
            if table.geometry is None:
                assert table.name not in geometry_columns
            else:
                assert geometry_columns[table.name] == (table.geometry, 4326)
    finally:
        con.close()


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_rebuild_matches_committed_dataset(rebuilt: Path, table: schema.Table) -> None:
    assert read_rows(rebuilt, table) == read_rows(DEFAULT_DATASET, table)
    if table.geometry is not None:
        new = read_geometries(rebuilt, table)
        old = read_geometries(DEFAULT_DATASET, table)
        assert len(new) == len(old)
        for i, (a, b) in enumerate(zip(new, old, strict=True)):
            assert a.equals_exact(b, tolerance=1e-9), f"{table.name} row {i + 1}"


def test_rebuild_is_byte_identical(rebuilt: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.gpkg"
    build(again)
    assert again.read_bytes() == rebuilt.read_bytes()


# --------------------------------------------------------------------------- table rules


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_required_values_enums_and_keys(data: dict[str, list[dict]], table: schema.Table) -> None:
    rows = data[table.name]
    assert rows, table.name
    for col in table.columns:
        values = [r[col.name] for r in rows]
        if col.required:
            assert all(v is not None and v != "" for v in values), f"{table.name}.{col.name}"
        if col.allowed is not None:
            assert set(values) - {None} <= set(col.allowed), f"{table.name}.{col.name}"
    if table.key:
        keys = [r[table.key] for r in rows]
        assert len(keys) == len(set(keys)), f"duplicate {table.name}.{table.key}"


def test_facilities_inside_area(facility_points: dict[str, shapely.Point]) -> None:
    lon0, lat0, lon1, lat1 = schema.AREA_BBOX
    for fid, pt in facility_points.items():
        assert lon0 <= pt.x <= lon1 and lat0 <= pt.y <= lat1, fid


def test_facility_lies_in_its_commune(
    data: dict[str, list[dict]], facility_points: dict[str, shapely.Point]
) -> None:
    communes = read_rows(DEFAULT_DATASET, schema.COMMUNES)
    polygons = dict(
        zip(
            (c["insee"] for c in communes),
            read_geometries(DEFAULT_DATASET, schema.COMMUNES),
            strict=True,
        )
    )
    names = {c["insee"]: c["name"] for c in communes}
    for f in data["facilities"]:
        assert polygons[f["insee"]].contains(facility_points[f["id"]]), f["id"]
        assert names[f["insee"]] == f["commune"], f["id"]


def test_cud_communes(data: dict[str, list[dict]]) -> None:
    cud = [c for c in data["communes"] if c["in_cud"]]
    assert len(cud) == 17
    assert {c["departement"] for c in data["communes"]} == {"59", "62"}


def test_every_ets_installation_is_a_facility(data: dict[str, list[dict]]) -> None:
    installations = {
        r["installation_id"] for r in _read_source_csv("eutl_installations_dunkerque.csv")
    }
    assert len(installations) == 31
    ets_ids = {f["ets_id"] for f in data["facilities"] if f["ets_id"]}
    assert ets_ids == installations
    # Facilities with an EU ETS id use it as their id.
    assert all(f["id"] == f["ets_id"] for f in data["facilities"] if f["ets_id"])


def test_colocated_with_is_symmetric_and_exact(
    data: dict[str, list[dict]], facility_points: dict[str, shapely.Point]
) -> None:
    by_point: dict[tuple[float, float], set[str]] = defaultdict(set)
    for fid, pt in facility_points.items():
        by_point[(pt.x, pt.y)].add(fid)
    for f in data["facilities"]:
        pt = facility_points[f["id"]]
        expected = by_point[(pt.x, pt.y)] - {f["id"]}
        listed = set(f["colocated_with"].split(";")) if f["colocated_with"] else set()
        assert listed == expected, f["id"]
        if listed:
            assert f["colocated_with"].split(";") == sorted(listed, key=natural_key)
    # Known shared points are flagged.
    colocated = {f["id"]: f["colocated_with"] for f in data["facilities"]}
    assert colocated["FR_956"] == "am_dunkerque_eaf"
    assert colocated["FR_948"] == "FR_205768"
    assert "dartagnan_terminal" in colocated["IREP_070.04595"]


def test_site_points_of_major_facilities(facility_points: dict[str, shapely.Point]) -> None:
    assert (facility_points["FR_956"].y, facility_points["FR_956"].x) == (51.041274, 2.292948)
    assert (facility_points["FR_988"].y, facility_points["FR_988"].x) == (51.04628, 2.31835)
    assert (facility_points["FR_215589"].y, facility_points["FR_215589"].x) == (51.01267, 2.13956)
    assert (facility_points["IREP_070.04595"].y, facility_points["IREP_070.04595"].x) == (
        51.034,
        2.1965,
    )


# --------------------------------------------------------------------------- emissions


def test_verified_emissions_sum_to_the_source(data: dict[str, list[dict]]) -> None:
    source: dict[int, int] = defaultdict(int)
    for r in _read_source_csv("eutl_verified_emissions_dunkerque_2005_2022.csv"):
        source[int(r["year"])] += int(r["verified_emissions_tco2e"])
    dataset: dict[int, float] = defaultdict(float)
    verified = [e for e in data["emissions"] if e["kind"] == "verified"]
    for e in verified:
        dataset[e["year"]] += e["value_t"]
    assert dict(dataset) == {y: float(v) for y, v in source.items()}
    assert len(verified) == 327


def test_euetsinfo_compliance_agrees_with_cedricr() -> None:
    cedricr = {
        (r["installation_id"], int(r["year"])): int(r["verified_emissions_tco2e"])
        for r in _read_source_csv("eutl_verified_emissions_dunkerque_2005_2022.csv")
    }
    for r in _read_source_csv("eutl_compliance_dunkerque_2013_2020_euetsinfo.csv"):
        key = (r["installation_id"], int(r["year"]))
        assert cedricr[key] == int(r["verified_emissions_tco2e"]), key


def test_emissions_reference_known_ids(data: dict[str, list[dict]]) -> None:
    facilities = {f["id"] for f in data["facilities"]}
    caveats = {c["id"] for c in data["caveats"]}
    for e in data["emissions"]:
        assert e["facility_id"] in facilities
        assert e["caveat_id"] is None or e["caveat_id"] in caveats
        assert e["value_t"] >= 0
    keys = [(e["facility_id"], e["year"], e["kind"], e["source_id"]) for e in data["emissions"]]
    assert len(keys) == len(set(keys))


def test_reported_values_are_kept_apart_from_verified(data: dict[str, list[dict]]) -> None:
    caveats = {c["id"]: c for c in data["caveats"]}
    assert caveats["steel_gas_2013"]["kind"] == "accounting_break"
    assert caveats["irep_not_additive"]["kind"] == "not_additive"
    assert caveats["ets_scope_2013"]["kind"] == "scope_entry"
    assert caveats["missing_2023_2024"]["kind"] == "missing_data"
    emissions = data["emissions"]
    verified_gas = {e["gas"] for e in emissions if e["kind"] == "verified"}
    reported_gas = {e["gas"] for e in emissions if e["kind"] == "reported"}
    assert verified_gas == {"CO2e (EU ETS scope)"}
    assert not verified_gas & reported_gas
    for e in emissions:
        if e["source_id"] == "irep_emissions":
            assert (e["kind"], e["caveat_id"]) == ("reported", "irep_not_additive")
        if e["kind"] == "verified":
            assert e["source_id"] == "eutl_verified"
            if e["facility_id"] in ("FR_956", "FR_988") and e["year"] >= 2013:
                assert e["caveat_id"] == "steel_gas_2013"
    # The IREP double count is there, flagged, and IREP FR_956 is not the ETS value.
    irep = {e["facility_id"]: e["value_t"] for e in emissions if e["source_id"] == "irep_emissions"}
    assert irep["FR_956"] == 11399999.5
    assert irep["FR_988"] == 4150000.13
    # No derived value: the only post-2022 value is the reported 2024 one.
    late = [e for e in emissions if e["year"] > 2022]
    assert [(e["facility_id"], e["year"], e["kind"], e["value_t"]) for e in late] == [
        ("FR_956", 2024, "reported", 8500000.0)
    ]
    used = {e["caveat_id"] for e in emissions}
    assert {"steel_gas_2013", "irep_not_additive", "ets_scope_2013"} <= used


def test_scope_entry_caveat_lists_first_year_2013(data: dict[str, list[dict]]) -> None:
    first: dict[str, int] = {}
    for e in data["emissions"]:
        if e["kind"] == "verified":
            first[e["facility_id"]] = min(e["year"], first.get(e["facility_id"], 9999))
    caveat = next(c for c in data["caveats"] if c["id"] == "ets_scope_2013")
    assert set(caveat["facility_ids"].split(";")) == {f for f, y in first.items() if y == 2013}


# ---------------------------------------------------------------- measures, targets, sources


def test_measures_and_targets_cite_sources(data: dict[str, list[dict]]) -> None:
    source_ids = {s["id"] for s in data["sources"]}
    facilities = {f["id"] for f in data["facilities"]}
    measures = {m["id"] for m in data["measures"]}
    for row in data["measures"] + data["targets"]:
        assert row["source_url"].startswith("http"), row["id"]
        assert row["source_id"] in source_ids, row["id"]
        assert row["facility_id"] is None or row["facility_id"] in facilities, row["id"]
    for m in data["measures"]:
        assert m["variant_of"] is None or m["variant_of"] in measures
        assert m["lever"] in schema.LEVERS
    for t in data["targets"]:
        assert 0 < t["reduction_pct"] <= 100


def test_stated_figures(data: dict[str, list[dict]]) -> None:
    measures = {m["id"]: m for m in data["measures"]}
    assert measures["ald_furnace8"]["abatement_t"] == 25000.0
    assert measures["am_dri_eaf_2024_abatement"]["abatement_t"] == 4400000.0
    assert measures["ecocem_ggbs_plant"]["abatement_t"] == 492000.0
    targets = {t["id"]: t for t in data["targets"]}
    assert (
        targets["dkarbonation_2030"]["reduction_pct"],
        targets["dkarbonation_2030"]["baseline_year"],
    ) == (55.0, None)
    assert (targets["zibac_2030"]["reduction_pct"], targets["zibac_2030"]["baseline_year"]) == (
        30.0,
        2020,
    )
    facilities = {f["id"]: f for f in data["facilities"]}
    assert facilities["FR_215589"]["capacity"] == 5460.0
    assert facilities["FR_988"]["capacity"] == 796.0
    assert facilities["am_dunkerque_eaf"]["capacity"] == 2000.0
    assert facilities["edf_gravelines_epr2"]["capacity"] is None


def test_source_references_are_known(data: dict[str, list[dict]]) -> None:
    source_ids = {s["id"] for s in data["sources"]}
    for f in data["facilities"]:
        assert f["location_source"] in source_ids
        assert f["capacity_source"] is None or f["capacity_source"] in source_ids
        assert set(f["source_ids"].split(";")) <= source_ids
        assert f["location_source"] in f["source_ids"].split(";")
        assert (
            (f["capacity"] is None)
            == (f["capacity_unit"] is None)
            == (f["capacity_source"] is None)
        )
    tables = ("emissions", "caveats", "infrastructure_lines", "infrastructure_points")
    for name in (*tables, "communes", "land", "coastline"):
        assert {r["source_id"] for r in data[name]} <= source_ids, name


def test_sources_table_lists_every_source_file(data: dict[str, list[dict]]) -> None:
    files = sorted(s["file"] for s in data["sources"] if s["file"])
    assert files == sorted(p.name for p in SOURCES_DIR.iterdir() if p.is_file())
    assert "dkgis_curation" in {s["id"] for s in data["sources"]}
    osm = next(s for s in data["sources"] if s["id"] == "osm_land")
    assert osm["attribution"] == "© OpenStreetMap contributors"


# --------------------------------------------------------------------------- audit decisions


def test_geopackage_version_is_read_by_gdal_3_6_without_warning() -> None:
    con = sqlite3.connect(f"file:{DEFAULT_DATASET}?mode=ro", uri=True)
    try:
        application_id = con.execute("PRAGMA application_id").fetchone()[0]
        user_version = con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()
    assert application_id.to_bytes(4, "big") == b"GPKG"
    assert user_version == 10200  # GeoPackage 1.2: GDAL 3.6 (QGIS 3.22 LTR) opens it silently


def test_network_tables_hold_one_geometry_type_each() -> None:
    lines = read_geometries(DEFAULT_DATASET, schema.INFRASTRUCTURE_LINES)
    points = read_geometries(DEFAULT_DATASET, schema.INFRASTRUCTURE_POINTS)
    assert {g.geom_type for g in lines} == {"MultiLineString"} and len(lines) == 6
    assert [g.geom_type for g in points] == ["Point"]
    kinds = [r["kind"] for r in read_rows(DEFAULT_DATASET, schema.INFRASTRUCTURE_POINTS)]
    assert kinds == ["lng_terminal"]


def test_cl_dunkerque_is_a_commune_point(data: dict[str, list[dict]]) -> None:
    facility = next(f for f in data["facilities"] if f["id"] == "FR_214746")
    assert facility["location_precision"] == "commune"
    irep_bourbourg = next(
        r
        for r in _read_source_csv("irep_2015_etablissements_dunkerque.csv")
        if r["Commune"] == "BOURBOURG"
    )
    point = read_geometries(DEFAULT_DATASET, schema.FACILITIES)[
        [f["id"] for f in data["facilities"]].index("FR_214746")
    ]
    bourbourg = shapely.Point(
        float(irep_bourbourg["lon_wgs84"]), float(irep_bourbourg["lat_wgs84"])
    )
    assert point.distance(bourbourg) < 0.0005  # ~30 m: the geocoder fell back to the commune


def test_every_iea_row_at_a_cluster_site_is_a_measure(data: dict[str, list[dict]]) -> None:
    measures = {m["id"]: m for m in data["measures"]}
    curated = {
        r["source_match"]
        for r in csv.DictReader((DATA_DIR / "curation" / "measures.csv").open(encoding="utf-8"))
        if r["source_id"] == "iea_ccus"
    }
    # Rows 236, 259 and 1356 capture CO2 at Lumbres and Réty, outside the cluster: they are
    # summarised in the note of cap_decarbonation.
    outside = {"236", "259", "1356"}
    iea = {r["ID"] for r in _read_source_csv("iea_ccus_projects_dunkerque_2025.csv")}
    assert curated == iea - outside
    capture = measures["am_air_liquide_capture"]
    assert (capture["facility_id"], capture["lever"], capture["status"]) == (
        "FR_956",
        "carbon_capture",
        "Planned",
    )
    assert capture["abatement_t"] is None  # the IEA gives a range, 1 - 2.85 Mt
    assert all(word in measures["cap_decarbonation"]["note"] for word in ("Lumbres", "Réty"))


# --------------------------------------------------------------------------- key figures


def _source_line(source_id: str, line: int) -> str:
    """Line ``line`` (1 = header) of the file of a source, as text."""
    files = {r["id"]: r["file"] for r in _read_curation_csv("sources.csv")}
    return (SOURCES_DIR / files[source_id]).read_text(encoding="utf-8-sig").splitlines()[line - 1]


def _read_curation_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / "curation" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("table", ["kpis", "clusters"])
def test_every_key_figure_is_on_the_source_line_it_cites(
    data: dict[str, list[dict]], table: str
) -> None:
    for row in data[table]:
        line = _source_line(row["source_id"], row["source_line"])
        assert row["source_url"] in line, row["id"]
        if row["value_text"]:
            assert row["value_text"] in line, row["id"]
        if row["year"] is not None:
            assert str(row["year"]) in line, row["id"]


def test_jobs_are_never_zero_and_their_bounds_follow_the_qualifier(
    data: dict[str, list[dict]],
) -> None:
    for k in data["kpis"]:
        low, high = k["value_low"], k["value_high"]
        assert low is None or low > 0, k["id"]
        assert high is None or high > 0, k["id"]
        if k["qualifier"] in ("exact", "about"):
            assert low == high, k["id"]
        elif k["qualifier"] == "range":
            assert low < high, k["id"]
        elif k["qualifier"] == "more_than":
            assert (low is not None, high) == (True, None), k["id"]
        else:
            assert (low, high is not None) == (None, True), k["id"]


def test_stated_jobs(data: dict[str, list[dict]]) -> None:
    jobs = {
        (k["facility_id"], k["kind"]): (k["value_low"], k["value_high"], k["qualifier"])
        for k in data["kpis"]
        if k["scope"] != "cluster"
    }
    assert jobs[("verkor_bourbourg", "direct")] == (1200.0, 1200.0, "about")
    assert jobs[("prologium_dunkerque", "direct")] == (3000.0, 3000.0, "exact")
    assert jobs[("orano_xtc", "direct")] == (1300.0, 1700.0, "range")
    assert jobs[("indaver_indachlor", "direct")] == (20.0, 20.0, "about")
    assert jobs[("FR_956", "direct")] == (3000.0, None, "more_than")
    assert jobs[("FR_956", "direct_and_indirect")] == (None, 9000.0, "up_to")
    # Ecocem's 60 jobs cover two sites and are not said to be direct.
    assert jobs[("ecocem_dunkerque", "not_stated")] == (60.0, 60.0, "exact")
    # No other site has a figure: a figure not stated has no row (never a zero).
    assert {f for f, _ in jobs} == {
        "verkor_bourbourg",
        "prologium_dunkerque",
        "orano_xtc",
        "indaver_indachlor",
        "FR_956",
        "FR_205769",
        "ecocem_dunkerque",
    }
    measures = {m["id"]: m["facility_id"] for m in data["measures"]}
    for k in data["kpis"]:
        if k["measure_id"] is not None:
            assert measures[k["measure_id"]] == k["facility_id"], k["id"]


def test_clusters_cite_every_row_of_the_wef_file(data: dict[str, list[dict]]) -> None:
    wef = _read_source_csv("wef_tic_clusters.csv")
    cited = {c["source_line"] for c in data["clusters"] if c["source_id"] == "wef_tic"}
    assert cited == set(range(2, len(wef) + 2))
    members = [c for c in data["clusters"] if c["comparable"] == "member"]
    assert len(members) == sum(r["metric"] == "member" for r in wef) == 28
    dunkerque = next(c for c in members if c["cluster"].startswith("Dunkerque"))
    assert (dunkerque["country"], dunkerque["joined"]) == ("France", "joined (announced 2024-01)")
    # Figures of one cluster belong to a member, which gives them its join date.
    names = {c["cluster"] for c in members}
    for c in data["clusters"]:
        if c["comparable"] != "initiative":
            assert c["cluster"] in names and c["joined"], c["id"]


def test_cluster_figures_comparable_across_clusters(data: dict[str, list[dict]]) -> None:
    by_group: dict[str, set[str]] = defaultdict(set)
    for c in data["clusters"]:
        if c["comparable"] not in ("member", "initiative") and c["value"] is not None:
            by_group[c["comparable"]].add(c["cluster"].split(" ")[0])
    assert by_group["annual_emissions"] == {"Dunkerque", "Zero", "Port"}
    assert by_group["jobs"] == {"Dunkerque", "Zero", "HyNet", "Port"}
    assert len(by_group["gdp"]) == 2
    humber = next(c for c in data["clusters"] if c["id"] == "humber_annual_emissions")
    assert (humber["value"], humber["qualifier"], humber["year"]) == (20.0, "more_than", None)
