"""Import of new releases (pure): each format from files in its published layout, value by
value; the dry run and bad files change nothing; an interrupted import keeps the old file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from dkgis.data import DEFAULT_DATASET
from dkgis.data.importer import (
    NOT_CURATED,
    PAUSE_ENV,
    ImportFailed,
    apply_import,
    plan_import,
    source_id_of,
)
from dkgis.data.user_data import import_history, last_update, user_dataset_path
from dkgis.io.releases import ReleaseError, read_release
from dkgis.io.validate import validate_dataset
from tests.release_fixtures import (
    DEFAULT_ESTABLISHMENTS,
    compliance_row,
    establishment_row,
    euets_info_zip,
    installation_row,
    irep_row,
    irep_zip,
    union_registry_xlsx,
)

ROOT = Path(__file__).resolve().parents[1]


def emissions(path: Path) -> dict[tuple[str, int, str], tuple[float, str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT facility_id, year, kind, value_t, source_id FROM emissions")
        return {(f, y, k): (v, s) for f, y, k, v, s in rows}
    finally:
        con.close()


def query(path: Path, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


# -- the three formats ------------------------------------------------------------------------


def test_euets_info_release_adds_2023_and_shows_changes(tmp_path):
    release = euets_info_zip(
        tmp_path / "eutl_2024_202410.zip",
        [
            compliance_row("FR_956", 2022, 6410303),  # as in the dataset: unchanged
            compliance_row("FR_956", 2023, 7_120_000),
            compliance_row("FR_988", 2023, 3_500_000),
            compliance_row("FR_988", 2021, 4_441_000),  # dataset: 4,441,661
            compliance_row("FR_956", 2019, 7_467_043, reportedInSystem_id="chets"),
            compliance_row("AT_201018", 2023, 16_656),  # another registry: not read
            compliance_row("FR_205769", 2024, ""),  # no verified value yet
        ],
    )
    plan = plan_import([release], DEFAULT_DATASET)
    assert [(c.facility_id, c.year, c.after_t) for c in plan.added] == [
        ("FR_956", 2023, 7_120_000.0),
        ("FR_988", 2023, 3_500_000.0),
    ]
    assert [(c.facility_id, c.year, c.before_t, c.after_t) for c in plan.changed] == [
        ("FR_988", 2021, 4_441_661.0, 4_441_000.0)
    ]
    assert plan.unchanged == 1
    assert plan.new_facilities == ()
    assert plan.baseline_years(after=False) == (2020, 2021, 2022)
    assert plan.baseline_years() == (2021, 2022, 2023)
    assert any("missing_2023_2024" in c and "2024 only" in c for c in plan.caveat_changes)
    assert any("Swiss" in n for n in plan.notes)

    target = tmp_path / "user.gpkg"
    result = apply_import(plan, target)  # changes not confirmed: kept as they were
    assert (result.values_added, result.values_changed) == (2, 0)
    after = emissions(target)
    sid = source_id_of(plan.releases[0])
    assert after[("FR_956", 2023, "verified")] == (7_120_000.0, sid)
    assert after[("FR_988", 2023, "verified")] == (3_500_000.0, sid)
    assert after[("FR_988", 2021, "verified")] == (4_441_661.0, "eutl_verified")
    before = emissions(DEFAULT_DATASET)
    assert {k: v for k, v in after.items() if k in before} == before
    assert len(after) == len(before) + 2
    assert validate_dataset(target) == []
    # The steel-gas accounting break applies to the new rows, as the build does.
    assert query(
        target, "SELECT caveat_id FROM emissions WHERE facility_id = 'FR_956' AND year = 2023"
    ) == [("steel_gas_2013",)]
    # The missing-data caveat keeps 2024 only.
    assert query(target, "SELECT year_from, year_to FROM caveats WHERE kind = 'missing_data'") == [
        (2024, 2024)
    ]
    # Provenance: one sources row and one import record with the file's SHA-256.
    (source,) = query(target, "SELECT file, url, vintage FROM sources WHERE id = ?", sid)
    assert source == ("eutl_2024_202410.zip", "https://www.euets.info", "2021–2023")
    (record,) = import_history(target)
    assert (record.file, record.publisher, record.sha256) == (
        "eutl_2024_202410.zip",
        "euets.info",
        plan.releases[0].sha256,
    )
    assert len(record.sha256) == 64 and last_update(target) is not None
    # GeoPackage 1.2, as the build writes it.
    assert query(target, "PRAGMA user_version") == [(10200,)]


def test_confirmed_changes_replace_the_value_and_keep_the_old_one_in_a_note(tmp_path):
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_988", 2021, 4_441_000)])
    plan = plan_import([release], DEFAULT_DATASET)
    apply_import(plan, tmp_path / "user.gpkg", accept_changes=True)
    ((value, source, note),) = query(
        tmp_path / "user.gpkg",
        "SELECT value_t, source_id, note FROM emissions WHERE facility_id = 'FR_988'"
        " AND year = 2021 AND kind = 'verified'",
    )
    assert (value, source) == (4_441_000.0, source_id_of(plan.releases[0]))
    assert "4441661" in note.replace(",", "").replace(".0", "") and "eutl_verified" in note


def _key_figures(path: Path) -> list[list[tuple]]:
    return [query(path, f"SELECT * FROM {t} ORDER BY id") for t in ("kpis", "clusters")]


def test_an_import_keeps_the_jobs_and_cluster_figures(tmp_path):
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    target = tmp_path / "user.gpkg"
    apply_import(plan_import([release], DEFAULT_DATASET), target)
    kpis, clusters = _key_figures(target)
    assert (kpis, clusters) == tuple(_key_figures(DEFAULT_DATASET)) and len(kpis) == 10


def test_an_import_into_an_older_copy_adds_the_jobs_and_cluster_figures(tmp_path):
    # A user's copy written before the kpis and clusters tables existed.
    older = tmp_path / "older.gpkg"
    older.write_bytes(DEFAULT_DATASET.read_bytes())
    con = sqlite3.connect(older)
    with con:
        for table in ("kpis", "clusters"):
            con.execute(f"DROP TABLE {table}")
            con.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (table,))
            con.execute("DELETE FROM gpkg_ogr_contents WHERE table_name = ?", (table,))
    con.close()
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    target = tmp_path / "user.gpkg"
    apply_import(plan_import([release], older), target)
    assert validate_dataset(target) == []
    embedded = [
        [row[1:] for row in table] for table in _key_figures(DEFAULT_DATASET)
    ]  # fid left out: the copy numbers its rows itself
    assert [[row[1:] for row in table] for table in _key_figures(target)] == embedded


def test_union_registry_workbook_adds_2023_and_2024(tmp_path):
    book = union_registry_xlsx(
        tmp_path / "verified_emissions_2024_en.xlsx",
        [2022, 2023, 2024],
        [
            ("FR", "ARCELORMITTAL DUNKERQUE", 956, 24, 6410303, 7_120_000, 7_650_000),
            ("FR", "ALUMINIUM DUNKERQUE", 205769, 26, 459440, "Excluded", 455_000.5),
            ("FR", "Unknown French site", 999999, 20, 1, 2, 3),
            ("FR", "ETS2 national account", 1234, 60, None, None, 10),
            ("DE", "Elsewhere", 1, 20, 5, 6, 7),
        ],
    )
    plan = plan_import([book], DEFAULT_DATASET)
    assert [(c.facility_id, c.year, c.after_t) for c in plan.added] == [
        ("FR_956", 2023, 7_120_000.0),
        ("FR_956", 2024, 7_650_000.0),
        ("FR_205769", 2024, 455_000.5),
    ]
    assert plan.changed == () and plan.unchanged == 2
    assert plan.new_facilities == ()  # the workbook does not say where FR_999999 is
    assert any("outside the cluster" in n for n in plan.notes)
    assert any("ETS2" in n for n in plan.notes)
    assert any("removed" in c for c in plan.caveat_changes)  # 2023 and 2024 both present
    target = tmp_path / "user.gpkg"
    apply_import(plan, target)
    assert query(target, "SELECT id FROM caveats WHERE kind = 'missing_data'") == []
    assert emissions(target)[("FR_205769", 2024, "verified")][0] == 455_000.5
    assert validate_dataset(target) == []


def test_irep_archive_french_conventions_and_a_new_establishment(tmp_path):
    establishments = [
        *DEFAULT_ESTABLISHMENTS,
        establishment_row("070.09999", "Aciérie Électrique du Détroit", "GRANDE-SYNTHE", "59760"),
        establishment_row("080.00001", "Usine d'Arras", "ARRAS", "62000"),
    ]
    archive = irep_zip(
        tmp_path / "2023.zip",
        2023,
        [
            irep_row("070.00956", "ARCELORMITTAL Dunkerque", 2023, "10 512 000,5"),
            irep_row("070.01279", "DK6", 2023, "3810000,000"),
            irep_row("070.09999", "Aciérie Électrique du Détroit", 2023, "12 345,6"),
            irep_row("080.00001", "Usine d'Arras", 2023, "5000"),
            irep_row("070.00956", "ARCELORMITTAL Dunkerque", 2023, "99", Polluant="Méthane (CH4)"),
        ],
        establishments,
        encoding="cp1252",
    )
    plan = plan_import([archive], DEFAULT_DATASET)
    assert [(c.facility_id, c.year, c.kind, c.after_t) for c in plan.added] == [
        ("FR_956", 2023, "reported", 10_512_000.5),
        ("FR_988", 2023, "reported", 3_810_000.0),
    ]
    (new,) = plan.new_facilities
    assert (new.facility_id, new.name, new.commune, new.insee) == (
        "IREP_070.09999",
        "Aciérie Électrique du Détroit",  # Windows-1252 text read correctly
        "Grande-Synthe",
        "59271",
    )
    assert [(v.year, v.after_t) for v in new.values] == [(2023, 12_345.6)]
    assert new.location_precision == "commune"
    # Reported values never move the verified record or the baselines.
    assert plan.baseline_years() == plan.baseline_years(after=False) == (2020, 2021, 2022)

    target = tmp_path / "user.gpkg"
    result = apply_import(plan, target, sectors={"IREP_070.09999": "steel"})
    assert (result.values_added, result.facilities_added) == (3, 1)
    rows = query(
        target,
        "SELECT name, sector, commune, location_precision, irep_id, note FROM facilities"
        " WHERE id = 'IREP_070.09999'",
    )
    assert rows[0][:5] == ("Aciérie Électrique du Détroit", "steel", "Grande-Synthe", "commune",
                           "070.09999")  # fmt: skip
    assert rows[0][5].startswith("Not curated")
    assert query(target, "SELECT facility_ids FROM caveats WHERE id = ?", NOT_CURATED) == [
        ("IREP_070.09999",)
    ]
    assert query(
        target, "SELECT year_from, year_to FROM caveats WHERE id = 'irep_not_additive'"
    ) == [(2015, 2023)]
    after = emissions(target)
    assert after[("FR_956", 2023, "reported")][0] == 10_512_000.5
    assert after[("IREP_070.09999", 2023, "reported")][0] == 12_345.6
    assert validate_dataset(target) == []


def test_new_installation_without_a_sector_is_not_added(tmp_path):
    archive = irep_zip(
        tmp_path / "2023.zip",
        2023,
        [irep_row("070.09999", "Nouvelle usine", 2023, "1000")],
        [establishment_row("070.09999", "Nouvelle usine", "LOON-PLAGE", "59279")],
    )
    plan = plan_import([archive], DEFAULT_DATASET)
    assert [f.commune for f in plan.new_facilities] == ["Loon-Plage"]
    with pytest.raises(ImportFailed, match="unknown sector"):
        apply_import(plan, tmp_path / "user.gpkg", sectors={"IREP_070.09999": "unobtainium"})
    result = apply_import(plan, tmp_path / "user.gpkg")
    assert result.facilities_added == 0
    assert query(tmp_path / "user.gpkg", "SELECT count(*) FROM facilities") == [(65,)]


def test_euets_info_folder_and_new_installation_with_coordinates(tmp_path):
    folder = tmp_path / "eutl_2024"
    folder.mkdir()
    archive = euets_info_zip(
        tmp_path / "eutl.zip",
        [compliance_row("FR_300001", 2023, 42_000)],
        [installation_row("FR_300001", "NEW PLANT", "GRAVELINES", "59820", "50.99", "2.15")],
    )
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    plan = plan_import([folder / "compliance.csv"], DEFAULT_DATASET)  # a member: its folder
    (new,) = plan.new_facilities
    assert (new.facility_id, new.commune, new.location_precision) == (
        "FR_300001",
        "Gravelines",
        "address",
    )
    assert (new.lon, new.lat) == (2.15, 50.99)


# -- nothing changes ------------------------------------------------------------------------


def test_dry_run_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_DATA_DIR", str(tmp_path / "userdata"))
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    embedded = DEFAULT_DATASET.read_bytes()
    out = run_cli("data", "import", str(release), "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "+ FR_956 ArcelorMittal Dunkerque 2023: 7,120,000 t" in out.stdout
    assert "Dry run: nothing was written." in out.stdout
    assert not (tmp_path / "userdata").exists()
    assert DEFAULT_DATASET.read_bytes() == embedded


def test_cli_writes_the_user_copy_never_the_embedded_dataset(tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_DATA_DIR", str(tmp_path / "userdata"))
    embedded = DEFAULT_DATASET.read_bytes()
    release = euets_info_zip(
        tmp_path / "eutl.zip",
        [compliance_row("FR_956", 2023, 7_120_000), compliance_row("FR_988", 2021, 1)],
    )
    out = run_cli("data", "import", str(release))
    assert out.returncode == 0, out.stderr
    assert "4,441,661 t → 1 t" in out.stdout
    assert "1 changed values kept as they were" in out.stdout
    copy = tmp_path / "userdata" / "dkarbonation-user.gpkg"
    assert emissions(copy)[("FR_956", 2023, "verified")][0] == 7_120_000.0
    assert emissions(copy)[("FR_988", 2021, "verified")][0] == 4_441_661.0
    assert DEFAULT_DATASET.read_bytes() == embedded
    assert run_cli("validate", str(copy)).returncode == 0
    # Importing the same file again finds nothing new; --yes then applies the change.
    again = run_cli("data", "import", str(release), "--yes")
    assert again.returncode == 0, again.stderr
    assert emissions(copy)[("FR_988", 2021, "verified")][0] == 1.0
    assert len(import_history(copy)) == 2


def test_cli_adds_a_new_installation_with_the_sector_given(tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_DATA_DIR", str(tmp_path / "userdata"))
    archive = irep_zip(
        tmp_path / "2023.zip",
        2023,
        [irep_row("070.09999", "Nouvelle usine", 2023, "1000")],
        [establishment_row("070.09999", "Nouvelle usine", "BOURBOURG", "59630")],
    )
    bad = run_cli("data", "import", str(archive), "--sector", "IREP_070.09999=gold")
    assert bad.returncode == 2 and "--sector" in bad.stderr
    out = run_cli("data", "import", str(archive), "--sector", "IREP_070.09999=waste")
    assert out.returncode == 0, out.stderr
    copy = user_dataset_path()
    assert query(copy, "SELECT sector FROM facilities WHERE id = 'IREP_070.09999'") == [("waste",)]


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Files that are not what they claim, and a piece of the message each must give."""
    cases: dict[str, tuple[Path, str]] = {}
    cases["wrong columns"] = (
        euets_info_zip(
            tmp / "cols.zip",
            compliance_text="installation,annee,verifie\r\nFR_956,2023,1\r\n",
        ),
        "compliance.csv: the column 'installation_id' is missing",
    )
    wide = ",".join(["installation_id", "verified_2022", "verified_2023"])
    cases["another year layout"] = (
        euets_info_zip(tmp / "wide.zip", compliance_text=f"{wide}\r\nFR_956,1,2\r\n"),
        "one column per year",
    )
    cases["duplicate rows"] = (
        euets_info_zip(
            tmp / "dup.zip",
            [compliance_row("FR_956", 2023, 7), compliance_row("FR_956", 2023, 8)],
        ),
        "row 3: FR_956 2023 appears twice (first on row 2)",
    )
    cases["negative value"] = (
        euets_info_zip(tmp / "neg.zip", [compliance_row("FR_956", 2023, -5)]),
        "row 2, column verified: -5 t: emissions cannot be negative",
    )
    cases["non-numeric value"] = (
        euets_info_zip(tmp / "text.zip", [compliance_row("FR_956", 2023, "n.c.")]),
        "row 2, column verified: 'n.c.' is not a number of tonnes",
    )
    cases["outside the cluster only"] = (
        euets_info_zip(tmp / "far.zip", [compliance_row("FR_1", 2023, 5)]),
        "no installation of the Dunkerque cluster",
    )
    cases["no expected sheet"] = (
        union_registry_xlsx(tmp / "sheet.xlsx", [2023], [("FR", "AM", 956, 24, 1)], sheet="Feuil1"),
        "no sheet 'data'",
    )
    cases["workbook value"] = (
        union_registry_xlsx(tmp / "val.xlsx", [2023], [("FR", "AM", 956, 24, "beaucoup")]),
        "data, row 5, column VERIFIED_EMISSIONS_2023: 'beaucoup' is not a number",
    )
    cases["workbook negative"] = (
        union_registry_xlsx(tmp / "neg.xlsx", [2023], [("FR", "AM", 956, 24, -1)]),
        "row 5, column VERIFIED_EMISSIONS_2023: -1 t: emissions cannot be negative",
    )
    cases["IREP duplicate"] = (
        irep_zip(
            tmp / "2023dup.zip",
            2023,
            [irep_row("070.00956", "AM", 2023, "1,5"), irep_row("070.00956", "AM", 2023, "2,5")],
        ),
        "emissions.csv, row 3: the fossil CO2 of 070.00956 in 2023 appears twice",
    )
    cases["IREP unit"] = (
        irep_zip(tmp / "2023u.zip", 2023, [irep_row("070.00956", "AM", 2023, "1", Unite="m3")]),
        "column Unite: unit 'm3'",
    )
    good = euets_info_zip(tmp / "good.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    truncated = tmp / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    cases["truncated zip"] = (truncated, "damaged or incomplete")
    not_xlsx = tmp / "fake.xlsx"
    not_xlsx.write_text("not a workbook")
    cases["not a workbook"] = (not_xlsx, "not an Excel workbook")
    unknown = tmp / "notes.txt"
    unknown.write_text("hello")
    cases["unknown kind"] = (unknown, "not a release dkgis can import")
    return cases


def test_every_bad_file_gets_one_clear_message_and_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_DATA_DIR", str(tmp_path / "userdata"))
    start = euets_info_zip(tmp_path / "start.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    assert run_cli("data", "import", str(start)).returncode == 0
    copy = user_dataset_path()
    before = copy.read_bytes()
    for name, (path, expected) in _bad_files(tmp_path).items():
        with pytest.raises(ReleaseError) as err:
            plan_import([path], copy)
        assert expected in str(err.value), name
        assert str(err.value).startswith(path.name), name
        out = run_cli("data", "import", str(path), "--yes")
        assert out.returncode == 2, name
        assert out.stderr.count("\n") == 1 and expected in out.stderr, (name, out.stderr)
        assert "Traceback" not in out.stderr
        assert copy.read_bytes() == before, name


def test_french_conventions_are_normal_not_errors(tmp_path):
    text = (
        "Identifiant;Nom_Etablissement;Annee_Emission;Milieu;Polluant;Quantite;Unite\r\n"
        "070.00956;ArcelorMittal Méditerranée;2023;Air;"
        "CO2 Total d'origine non biomasse uniquement;10 500 000,25;t/an\r\n"
    )
    for encoding in ("cp1252", "latin-1", "utf-8-sig"):
        path = irep_zip(
            tmp_path / f"{encoding}.zip", 2023, [], emissions_text=text, encoding=encoding
        )
        release = read_release(path)
        assert [(v.key, v.year, v.value_t) for v in release.values] == [
            ("070.00956", 2023, 10_500_000.25)
        ], encoding


def test_the_data_changing_after_the_preview_stops_the_import(tmp_path):
    base = tmp_path / "base.gpkg"
    base.write_bytes(DEFAULT_DATASET.read_bytes())
    plan = plan_import(
        [euets_info_zip(tmp_path / "e.zip", [compliance_row("FR_956", 2023, 1)])], base
    )
    with sqlite3.connect(base) as con:
        con.execute("PRAGMA user_version = 10201")
    with pytest.raises(ImportFailed, match="changed since the preview"):
        apply_import(plan, base)


# -- an interrupted import ------------------------------------------------------------------


def test_a_killed_import_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_DATA_DIR", str(tmp_path / "userdata"))
    first = euets_info_zip(tmp_path / "first.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    assert run_cli("data", "import", str(first)).returncode == 0
    copy = user_dataset_path()
    before = copy.read_bytes()
    second = euets_info_zip(tmp_path / "second.zip", [compliance_row("FR_988", 2023, 3_500_000)])
    env = {**os.environ, PAUSE_ENV: "30"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dkgis", "data", "import", str(second)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Wait until the new file is complete next to the target (the process then pauses
    # before the rename), then kill it.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(copy.parent.glob(".*.tmp")):
        time.sleep(0.05)
    assert list(copy.parent.glob(".*.tmp")), "the import never reached its temporary file"
    time.sleep(3)  # the copy is written and checked, the process waits before the rename
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert copy.read_bytes() == before
    assert validate_dataset(copy) == []


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dkgis", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DKGIS_LANG": "en"},
        timeout=120,
    )


def test_the_app_and_the_import_run_without_the_build_extra(tmp_path):
    """geopandas is only declared for the build: nothing users run may import it."""
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row("FR_956", 2023, 7_120_000)])
    script = f"""
import sys
sys.modules["geopandas"] = None  # as if the build extra were not installed
from PySide6.QtWidgets import QApplication
app = QApplication([])
from dkgis.cli.main import main
assert main(["data", "import", {str(release)!r}]) == 0
from dkgis.data.user_data import user_dataset_path
assert main(["validate", str(user_dataset_path())]) == 0
from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow
window = MainWindow(Project.load(user_dataset_path()))
assert "geopandas" not in [m for m in sys.modules if sys.modules[m] is not None]
print("ok", window.project.emissions["FR_956"].value(2023))
"""
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "DKGIS_DATA_DIR": str(tmp_path)},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "ok 7120000.0" in out.stdout


def test_the_import_benchmark_runs_in_smoke_mode():
    out = subprocess.run(
        [sys.executable, "bench/import_release.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DKGIS_BENCH_SMOKE": "1"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert [line.split()[0] for line in out.stdout.splitlines()[1:]] == [
        "euets.info",
        "Union",
        "IREP",
    ]
