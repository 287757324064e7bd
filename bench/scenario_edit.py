"""Scenario-edit benchmark on the real main window; prints figures.

Run: ``QT_QPA_PLATFORM=offscreen python bench/scenario_edit.py``.

A measure of the active scenario is edited through the scenario editor (the EAF's start
year, as typed in the measure table), then the window is brought up to date: the
trajectory chart of ArcelorMittal Dunkerque (or the cluster panel), the map's emission layer
for 2030 (projected under the edited scenario) and its legend are redrawn and the map is
painted. Goal: <= 100 ms from the edit to charts + map redrawn. ``--smoke``: two runs
(see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import runs
from PySide6.QtWidgets import QApplication

from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow

RUNS = runs(30, smoke=2)
EAF = "am_eaf_2026"


def _ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1e3:6.1f} ms, "
        f"max {max(samples) * 1e3:6.1f} ms ({len(samples)} runs)"
    )


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def run(app: QApplication, window: MainWindow, dock) -> list[float]:
    dock.raise_()
    _settle(app)
    editor = window.scenario_editor
    item = window.canvas.layers.items["emissions"]
    samples = []
    for i in range(RUNS):
        t0 = time.perf_counter()
        assert editor.apply_edit(EAF, {"start_year": 2029 + (i % 6)})
        _settle(app)  # coalesced chart redraws, if any
        window.canvas.viewport().repaint()  # the map, painted now
        samples.append(time.perf_counter() - t0)
        assert item.emissions.scenario == window.project.scenarios.active_name
    return samples


def main() -> None:
    app = QApplication.instance() or QApplication([])
    window = MainWindow(Project.load())
    window.resize(1600, 1000)
    window.show()
    window.project.layers.get("emissions").visible = True
    window.project.display.year = 2030
    window.project.selection.set({"FR_956"})
    window.scenario_editor.duplicate()  # edits of a user scenario (presets are copied once)
    _settle(app)
    trajectory = run(app, window, window.trajectory_dock)
    print(f"scenario edit -> trajectory chart + 2030 map: {_ms(trajectory)}")
    cluster = run(app, window, window.cluster_dock)
    print(f"scenario edit -> cluster panel + 2030 map:    {_ms(cluster)}")
    print(
        f"  last trajectory redraw: {window.trajectory_panel.last_redraw_ms:.1f} ms; "
        f"last cluster redraw: {window.cluster_panel.last_redraw_ms:.1f} ms"
    )
    window.close()


if __name__ == "__main__":
    main()
