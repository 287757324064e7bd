"""Every benchmark still runs: each script of ``bench/`` in its smoke mode (tiny sizes, one
run, no timing checked), as a subprocess, so a change of the code cannot break it unseen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Shared settings of the benchmarks, not a benchmark.
HELPERS = {"common.py"}
#: Benchmarks whose smoke run has a test of its own, checking what it prints.
OWN_TESTS = {"tiles.py": "tests/test_tile_bench.py"}
SCRIPTS = sorted(
    p.name for p in (ROOT / "bench").glob("*.py") if p.name not in HELPERS | set(OWN_TESTS)
)


def test_every_benchmark_is_listed():
    assert "render.py" in SCRIPTS and "charts.py" in SCRIPTS and len(SCRIPTS) >= 10
    for test in OWN_TESTS.values():
        assert (ROOT / test).exists()


@pytest.mark.parametrize("script", SCRIPTS)
def test_benchmark_runs_in_smoke_mode(script, tmp_path):
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONFAULTHANDLER="1",
        DKGIS_CONFIG_DIR=str(tmp_path / "config"),
        DKGIS_CACHE_DIR=str(tmp_path / "cache"),
        DKGIS_BENCH_SMOKE="1",  # the same switch as --smoke, for scripts that read only this
    )
    env.pop("DKGIS_BENCH_RUNS", None)
    env.pop("DKGIS_BENCH_SIZES", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--smoke"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.strip(), "a benchmark prints its figures"
