"""The GeoPackages of ``bench/startup_facilities.py`` (its smoke run is one of
``tests/test_bench_smoke.py``'s): as many facilities as asked, copies of the real ones."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_generated_datasets_have_the_asked_number_of_facilities(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from startup_facilities import generate_dataset
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from dkgis.model.project import Project

    small = Project.load(generate_dataset(10, tmp_path / "ten.gpkg"))
    large = Project.load(generate_dataset(200, tmp_path / "many.gpkg"))
    assert len(small.facilities) == 10 and len(large.facilities) == 200
    copy = next(fid for fid in large.facilities if fid.endswith("-0"))
    original = copy.removesuffix("-0")
    assert large.emissions[copy].verified() == large.emissions[original].verified()
    assert large.facilities[copy].lon != large.facilities[original].lon
