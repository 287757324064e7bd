"""``bench/tiles.py`` runs in its smoke mode (one run, short watches, three servers) and
prints a row per server (it is left out of tests/test_bench_smoke.py, which would run it
again)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_tile_bench_prints_its_figures():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("DKGIS_BENCH_RUNS", "DKGIS_BENCH_HOSTILE_S", "DKGIS_BENCH_HOSTILE_MODES"):
        env.pop(name, None)
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "tiles.py"), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    rows = {line.split()[0]: line for line in run.stdout.splitlines() if line.strip()}
    assert "median" in rows["first"] and "median" in rows["pan"]
    ok = rows["ok"].split()
    # stall, stalls over 50 ms, memory, requests, tiles accepted
    assert ok[2] == "ms" and ok[5] == "MB" and int(ok[7]) > 0
    assert "not a map tile" in rows["huge"] and "did not arrive within" in rows["trickle"]
