"""Import benchmark; prints figures (run: ``python bench/import_release.py``).

Release files as large as the real ones, written in their published layouts:

* the EUTL dataset of euets.info: ``compliance.csv`` of 18,000 installations x 20 years
  (about 360,000 rows, the size of the EU-wide table), of which 1,500 French;
* the Union Registry workbook: 15,000 installations x 20 years in the ``data`` sheet;
* an IREP archive: 60,000 release rows of 10,000 establishments.

For each: reading the file (``read_release``), planning against the embedded dataset and
writing the user's copy (``apply_import``: copy, SQL, validation, atomic replace). The
reading runs in a worker thread in the app, so these figures are waiting times, not
frozen-window times. ``DKGIS_BENCH_SMOKE=1`` runs tiny sizes (the test suite does).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dkgis.data import DEFAULT_DATASET
from dkgis.data.importer import apply_import, plan_import
from dkgis.io.releases import read_release
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

SMOKE = bool(os.environ.get("DKGIS_BENCH_SMOKE"))
INSTALLATIONS = 40 if SMOKE else 18_000
FRENCH = 10 if SMOKE else 1_500
YEARS = tuple(range(2005, 2025))
WORKBOOK_ROWS = 40 if SMOKE else 15_000
IREP_ROWS = 60 if SMOKE else 60_000


def _ident(i: int) -> str:
    return f"FR_{500_000 + i}" if i < FRENCH else f"DE_{i}"


def write_files(folder: Path) -> dict[str, Path]:
    rows = [compliance_row("FR_956", 2023, 7_120_000)]
    rows += [compliance_row(_ident(i), y, 1000 + i) for i in range(INSTALLATIONS) for y in YEARS]
    installations = [installation_row("FR_956", "ARCELORMITTAL DUNKERQUE", "DUNKERQUE", "59140")]
    installations += [installation_row(_ident(i), f"Site {i}", "LYON", "69000")
                      for i in range(INSTALLATIONS)]  # fmt: skip
    book_rows = [("FR", "ARCELORMITTAL", 956, 24, *([None] * 18), 7_120_000, 7_650_000)]
    book_rows += [("FR" if i < FRENCH else "DE", f"Site {i}", 600_000 + i, 20, *range(20))
                  for i in range(WORKBOOK_ROWS)]  # fmt: skip
    irep = [irep_row("070.00956", "ARCELORMITTAL", 2023, "10 500 000,5")]
    irep += [irep_row(f"099.{i:05d}", f"Site {i}", 2023, f"{i},5") for i in range(IREP_ROWS)]
    sites = [*DEFAULT_ESTABLISHMENTS]
    sites += [establishment_row(f"099.{i:05d}", f"Site {i}", "LYON", "69000")
              for i in range(IREP_ROWS)]  # fmt: skip
    return {
        "euets.info zip": euets_info_zip(folder / "eutl.zip", rows, installations),
        "Union Registry xlsx": union_registry_xlsx(folder / "ve.xlsx", YEARS, book_rows),
        "IREP zip": irep_zip(folder / "2023.zip", 2023, irep, sites),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        files = write_files(folder)
        print(f"writing the test files: {time.perf_counter() - start:.1f} s")
        for name, path in files.items():
            size = path.stat().st_size / 1e6
            t0 = time.perf_counter()
            release = read_release(path)
            t1 = time.perf_counter()
            plan = plan_import([path], DEFAULT_DATASET)
            t2 = time.perf_counter()
            apply_import(plan, folder / f"user-{path.stem}.gpkg")
            t3 = time.perf_counter()
            print(
                f"{name:20s} {size:6.1f} MB, {len(release.values):7d} French values: "
                f"read {t1 - t0:5.2f} s, read + plan {t2 - t1:5.2f} s, write {t3 - t2:5.2f} s"
            )


if __name__ == "__main__":
    main()
