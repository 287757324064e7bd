"""Chart benchmarks; prints figures (run: ``python bench/charts.py``).

On the real main window (Qt offscreen platform, embedded dataset):

* site chart: from a selection change to the chart repainted: the model event, data
  assembly, ``setData`` on the reused plot items and the paint of the chart widget,
  cycling through every facility with verified emissions; also the steel complex and the
  compare views. "window" figures add everything else a selection repaints (the map's
  highlight, the details panel), which is not the chart's;
* cluster panel: time from a change of the active scenario to both docks repainted;
* export: time to write the site chart as PNG (2400 x 1520) and SVG.

Goal: a selection change redraws its chart in <= 50 ms.

Wall times depend on what else runs on the machine; CPU times (``time.process_time``)
count only this process and are the figures to compare with the goal on a busy machine.
``--smoke``: a few sites, one round (see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import SMOKE, runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DKGIS_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-")


ROUNDS = runs(3)


def _stats(label: str, values_ms: list[float], goal: float | None = None) -> None:
    values = sorted(values_ms)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    line = (
        f"{label:<50} n={len(values):3d}  median {statistics.median(values):6.1f} ms"
        f"  p95 {p95:6.1f} ms  max {values[-1]:6.1f} ms"
    )
    if goal is not None:
        line += f"  (goal <= {goal:.0f} ms: {'ok' if p95 <= goal else 'MISSED'})"
    print(line)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Project.load())
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.trajectory_dock.raise_()
    app.processEvents()
    project = window.project
    panel = window.trajectory_panel
    emitting = [fid for fid, s in project.emissions.items() if s.verified()]
    others = [fid for fid in project.facilities if fid not in emitting]
    if SMOKE:
        emitting, others = emitting[:5], others[:2]

    def chart_widget():
        return panel.stack.currentWidget()

    def timed(change) -> tuple[float, float, float]:
        """Wall and CPU ms of a change plus the chart's repaint; wall ms of the window's."""
        wall, cpu = time.perf_counter(), time.process_time()
        change()
        chart_widget().viewport().repaint()  # the chart's own paint, synchronously
        chart = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
        app.processEvents()  # everything else the change repaints (map, details)
        return chart[0], chart[1], (time.perf_counter() - wall) * 1000

    def run(label: str, changes) -> None:
        results = [timed(change) for change in changes]
        _stats(f"{label}: chart, wall", [r[0] for r in results], 50)
        _stats(f"{label}: chart, CPU", [r[1] for r in results], 50)
        _stats(f"{label}: whole window, wall", [r[2] for r in results])

    # Warm up (first use of each plot item type, font caches).
    for fid in emitting[:3]:
        timed(lambda f=fid: project.selection.set({f}))

    print(f"{len(emitting)} facilities with verified emissions, {ROUNDS} rounds")
    run(
        "select a site",
        [lambda f=fid: project.selection.set({f}) for _ in range(ROUNDS) for fid in emitting],
    )
    redraws = []
    for fid in emitting:
        project.selection.set({fid})
        redraws.append(panel.last_redraw_ms)
    _stats("select a site: data + setData only, wall", redraws)
    run(
        "select a site without emissions",
        [lambda f=fid: project.selection.set({f}) for fid in others],
    )

    project.selection.set({"FR_956"})
    app.processEvents()
    toggles = []
    for _ in range(ROUNDS * (1 if SMOKE else 5)):
        toggles.append(lambda: panel.steel_complex.setChecked(True))
        toggles.append(lambda: panel.steel_complex.setChecked(False))
    run("steel complex on/off", toggles)

    for mode, index in (("overlaid", 0), ("small multiples", 1)):
        panel.compare_mode.setCurrentIndex(index)
        changes = []
        for _ in range(ROUNDS):
            for k in (2, 4):
                for i in range(0, len(emitting) - k, k):
                    ids = set(emitting[i : i + k])
                    changes.append(lambda s=ids: project.selection.set(s))
        run(f"compare {mode}, 2 and 4 sites", changes)
    panel.compare_mode.setCurrentIndex(0)

    project.selection.set({"FR_956"})
    window.cluster_dock.raise_()
    app.processEvents()
    names = window.project.scenarios.names
    switch = []
    for _ in range(ROUNDS * (1 if SMOKE else 3)):
        for name in names:
            start = time.perf_counter()
            window.project.scenarios.set_active(name)
            app.processEvents()
            switch.append((time.perf_counter() - start) * 1000)
    _stats("scenario switch: cluster dock repainted", switch)
    print(f"  (cluster redraw alone: {window.cluster_panel.last_redraw_ms:.1f} ms, last run)")

    window.trajectory_dock.raise_()
    app.processEvents()
    out = Path(tempfile.mkdtemp(prefix="dkgis-bench-"))
    for suffix in ("png", "svg"):
        runs = []
        for i in range(ROUNDS):
            start = time.perf_counter()
            panel.export(out / f"chart{i}.{suffix}")
            runs.append((time.perf_counter() - start) * 1000)
        _stats(f"export site chart as {suffix.upper()}", runs)
    window.close()


if __name__ == "__main__":
    main()
