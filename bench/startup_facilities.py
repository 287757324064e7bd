"""Window start time with many facilities; prints figures.

Run: ``python bench/startup_facilities.py`` (sizes 65, 10 000 and 100 000), or
``python bench/startup_facilities.py --smoke`` (65 and 300 facilities: the test suite's run,
see ``bench/common.py``). ``DKGIS_BENCH_SIZES=65,20000`` chooses other sizes.

For each size, a GeoPackage is generated: the embedded dataset (65 facilities) with its
facilities and their emissions copied until there are that many, each copy moved a few
kilometres at random (so the copies do not pile up on one point). A fresh ``python``
process then opens it as a user would and reports, from the launch of the process:

* read: the dataset read into the project (``Project.load``);
* window: the main window built (docks, table, legend, map items);
* first frame: the first painted map frame (Qt offscreen platform).

Goal on a 2-core machine: first frame <= 1.5 s at 65 facilities, the window responsive
(first frame within a few seconds) at 100 000.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import sizes

ROOT = Path(__file__).resolve().parents[1]
#: Longest wait for one window, in seconds (a quadratic start at 100 k would take hours).
TIMEOUT_S = float(os.environ.get("DKGIS_BENCH_TIMEOUT", "900"))

WINDOW = """
import sys, time
t0 = float(sys.argv[2])
def mark(name):
    print(name, time.time() - t0, flush=True)
from dkgis.ui.app import create_application
from dkgis.model.project import Project
app = create_application()
project = Project.load(sys.argv[1])
mark("READ")
from dkgis.ui.main_window import MainWindow
window = MainWindow(project)
mark("WINDOW")
def done():
    mark("FRAME")
    app.quit()
window.canvas.first_frame_painted.connect(done)
window.show()
app.exec()
"""


def generate_dataset(n: int, out: Path, seed: int = 0) -> Path:
    """Write a GeoPackage of ``n`` facilities made from the embedded dataset.

    Facilities beyond the embedded ones are copies (ids ``<id>-<k>``) moved by a few
    kilometres, with copies of their emission rows; the other tables are the embedded ones.
    ``n`` at or below the embedded count keeps the first ``n`` facilities.
    """
    import numpy as np
    import pandas as pd
    import pyogrio
    import shapely

    from dkgis.data import DEFAULT_DATASET
    from dkgis.data.build import write_gpkg
    from dkgis.io import schema

    tables = {
        t.name: pyogrio.read_dataframe(DEFAULT_DATASET, layer=t.name, read_geometry=True)
        if t.geometry is not None
        else pyogrio.read_dataframe(DEFAULT_DATASET, layer=t.name, read_geometry=False)
        for t in schema.TABLES
    }
    base = tables["facilities"].reset_index(drop=True)
    emissions = tables["emissions"]
    if n <= len(base):
        kept = base.iloc[:n]
        ids = set(kept["id"])
        tables["facilities"] = kept
        tables["emissions"] = emissions[emissions["facility_id"].isin(ids)]
    else:
        rng = np.random.default_rng(seed)
        copies = n - len(base)
        pick = np.arange(copies) % len(base)
        extra = base.iloc[pick].copy()
        suffix = [f"-{k}" for k in range(copies)]
        old_ids = extra["id"].to_numpy()
        extra["id"] = [f"{i}{s}" for i, s in zip(old_ids, suffix, strict=True)]
        extra["name"] = [f"{name} {k}" for k, name in enumerate(extra["name"])]
        extra["colocated_with"] = None
        lon0, lat0, lon1, lat1 = schema.AREA_BBOX
        x = np.clip(extra.geometry.x + rng.normal(0, 0.05, copies), lon0, lon1)
        y = np.clip(extra.geometry.y + rng.normal(0, 0.03, copies), lat0, lat1)
        extra = extra.set_geometry(shapely.points(x, y), crs=base.crs)
        tables["facilities"] = pd.concat([base, extra], ignore_index=True)
        rows = emissions.groupby("facility_id").indices
        parts = [emissions]
        new_of_old: dict[str, list[str]] = {}
        for old, new in zip(old_ids, extra["id"], strict=True):
            new_of_old.setdefault(old, []).append(new)
        for old, news in new_of_old.items():
            own = rows.get(old)
            if own is None:
                continue
            block = emissions.iloc[own]
            repeated = block.loc[block.index.repeat(len(news))].copy()
            repeated["facility_id"] = np.tile(news, len(block))
            parts.append(repeated)
        tables["emissions"] = pd.concat(parts, ignore_index=True)
    write_gpkg(tables, out)
    return out


def time_window(path: Path) -> dict[str, float]:
    """Seconds from the launch of a fresh process to each step (``READ``, ``WINDOW``,
    ``FRAME``); raises RuntimeError when the window never paints within the timeout."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["DKGIS_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-")
    env["DKGIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-cache-")
    start = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(path), repr(start)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    marks: dict[str, float] = {}
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            name, _, value = line.strip().partition(" ")
            if name in ("READ", "WINDOW", "FRAME"):
                marks[name] = float(value)
                if name == "FRAME":
                    break
        proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if "FRAME" not in marks:
        raise RuntimeError(f"the window of {path.name} never painted a frame")
    return marks


def main() -> int:
    print(f"dkgis window start with many facilities, python {sys.version.split()[0]}")
    print(f"{'facilities':>10}  {'read':>8}  {'window':>8}  {'first frame':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes("65,10000,100000", "65,300"):
            path = generate_dataset(n, Path(tmp) / f"facilities-{n}.gpkg")
            marks = time_window(path)
            print(
                f"{n:>10,}  {marks['READ']:7.2f}s  {marks['WINDOW']:7.2f}s  "
                f"{marks['FRAME']:10.2f}s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
