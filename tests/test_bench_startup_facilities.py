"""``bench/startup_facilities.py`` runs: its smoke mode (65 and 300 facilities) opens the
window on generated GeoPackages and prints the start times."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_startup_bench_prints_the_start_time_of_each_size(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "startup_facilities.py"), "--smoke"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    rows = re.findall(r"^\s*([\d,]+)\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)s$", result.stdout, re.M)
    assert [int(n.replace(",", "")) for n, *_ in rows] == [65, 300]
    for _, read, window, frame in rows:
        assert 0 < float(read) <= float(window) <= float(frame)


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
