"""Key-figures benchmark; prints figures (run: ``python bench/kpis.py``).

On the real main window (Qt offscreen platform, embedded dataset):

* model: ``cluster_kpis`` (CO2e verified and projected, jobs, investment, comparison) with
  the active scenario's projection cached, as after any first drawing;
* Key Figures dock: from a change of the active scenario to the dock's text set again
  (the projection of the new scenario included);
* circles by jobs: switching the emission layer's circle size between CO2 and jobs
  (restyle of the arrays and repaint of the map).

``--smoke`` (or ``DKGIS_BENCH_SMOKE=1``) runs each once (the test suite does). CPU times
(``time.process_time``) count only this process: compare those on a busy machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DKGIS_CONFIG_DIR", tempfile.mkdtemp(prefix="dkgis-bench-"))

SMOKE = "--smoke" in sys.argv or bool(os.environ.get("DKGIS_BENCH_SMOKE"))
ROUNDS = 1 if SMOKE else int(os.environ.get("DKGIS_BENCH_RUNS", "20"))


def _report(label: str, wall_ms: list[float], cpu_ms: list[float]) -> None:
    print(
        f"{label:<44} n={len(wall_ms):3d}  wall median {statistics.median(wall_ms):7.1f} ms"
        f"  max {max(wall_ms):7.1f} ms  cpu median {statistics.median(cpu_ms):7.1f} ms"
    )


def _timed(action, rounds: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for i in range(rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        action(i)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from dkgis.model.kpi_summary import cluster_kpis
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Project.load())
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    project = window.project
    active = project.scenarios.active
    project.scenarios.cluster(active)  # the projection every view shares, computed once

    _report(
        "model: cluster_kpis",
        *_timed(lambda _: cluster_kpis(project, project.scenarios.active), ROUNDS),
    )

    window.kpi_dock.raise_()
    for _ in range(20):
        app.processEvents()
    panel = window.kpi_panel
    names = project.scenarios.names

    def switch(i: int) -> None:
        project.scenarios.set_active(names[(i + 1) % len(names)])
        app.processEvents()

    _report("dock: scenario change to figures shown", *_timed(switch, ROUNDS))
    if panel.kpis is None or panel.kpis.emissions.scenario != project.scenarios.active_name:
        raise SystemExit("the Key Figures dock did not follow the scenario")

    project.layers.get("emissions").visible = True
    app.processEvents()

    def resize_circles(i: int) -> None:
        project.display.circle_size = "jobs" if i % 2 == 0 else "co2"
        window.canvas.viewport().repaint()

    _report("map: circle size CO2 <-> jobs, repainted", *_timed(resize_circles, ROUNDS))
    window.close()


if __name__ == "__main__":
    main()
