"""Interaction benchmarks; prints figures (run: ``python bench/interaction.py``).

On synthetic projects of 10 k and 100 k facilities (copies of the embedded
ones, jittered), measures what a user waits for:

* search: ranking the completions for a three-letter query (one keystroke);
* table: building the attribute table, filtering it on a word, sorting it by
  emissions, and showing a map selection of 1 000 facilities in it;
* hover: finding the facilities under the cursor (one mouse move);
* rectangle: finding the facilities in a dragged rectangle;
* Lambert-93: first use (pyproj import + transformer) and one cursor position;
* map frames: the first-start window, its map about 1920 x 1080, zoomed in and out:
  a repaint with the names placed again (every zoom frame does it), and a repaint
  alone (a picture arriving), at three zoom levels.

``--smoke``: 300 facilities, one run (see ``bench/common.py``).
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DKGIS_CONFIG_DIR", tempfile.mkdtemp(prefix="dkgis-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import SMOKE, discard_window, pick, sizes

SIZES = sizes("10000,100000", smoke="300")


def timed(fn: Callable[[], object], runs: int = 5) -> float:
    """Median wall time of ``fn()`` in milliseconds (one run in a smoke run)."""
    times = []
    for _ in range(1 if SMOKE else runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(label: str, ms: float) -> None:
    print(f"  {label:<40s} {ms:9.2f} ms")


def synthetic_project(n: int):
    """The embedded facilities copied to ``n``, moved a few km at random."""
    import numpy as np

    from dkgis.model.emissions import EmissionSeries, EmissionValue
    from dkgis.model.project import Project

    base = Project.load()
    rng = np.random.default_rng(0)
    originals = list(base.facilities.values())
    facilities, emissions = {}, {}
    for i in range(n):
        f = originals[i % len(originals)]
        fid = f"{f.id}#{i}"
        facilities[fid] = dataclasses.replace(
            f,
            id=fid,
            name=f"{f.name} {i}",
            lon=f.lon + rng.normal(0, 0.05),
            lat=f.lat + rng.normal(0, 0.03),
        )
        values = tuple(
            EmissionValue(fid, v.year, v.value_t, v.kind, v.gas, v.source_id)
            for v in base.emissions[f.id].values
        )
        emissions[fid] = EmissionSeries(fid, values)
    return Project(facilities=facilities, emissions=emissions, sources=base.sources)


def bench_project(n: int) -> None:
    import numpy as np
    from PySide6.QtCore import Qt

    from dkgis.map.screen_frame import ScreenFrame
    from dkgis.model.search import search, search_entries
    from dkgis.model.zoom import facilities_in_extent
    from dkgis.ui.facility_table import COLUMN_INDEX, FacilityTablePanel

    project = synthetic_project(n)
    print(f"\n{n:,} facilities")
    entries = search_entries(project)
    report("search 'alu' (ranked, one keystroke)", timed(lambda: search(entries, "alu", 15)))

    screen = ScreenFrame(project)
    start = time.perf_counter()
    panel = FacilityTablePanel(project, screen)
    report("table built (model + view, sorted by name)", (time.perf_counter() - start) * 1000)
    model = panel.model

    def another_year_and_back() -> None:
        for year in (2030, 2022):
            project.display.year = year
            screen.flush()

    report("table values of 2030 (projected) and back", timed(another_year_and_back, 3))

    def filter_and_clear() -> None:
        panel.filter_edit.setText("gravelines")
        panel.filter_edit.setText("")

    report("table filter 'gravelines' and back (x2)", timed(filter_and_clear, 3))
    col = COLUMN_INDEX["emissions_t"]

    def sort_both_ways() -> None:
        model.sort(col, Qt.SortOrder.DescendingOrder)
        model.sort(col, Qt.SortOrder.AscendingOrder)

    report("table sort by emissions (x2)", timed(sort_both_ways, 3))
    ids = list(project.facilities)[: min(1000, n // 2)]

    def select_and_clear() -> None:
        project.selection.set(ids)
        project.selection.clear()

    report(f"{len(ids):,} facilities selected -> rows, cleared", timed(select_and_clear, 3))

    _, xy = project.facility_mercator_xy()
    x, y = xy[0]

    def hover() -> None:
        d2 = (xy[:, 0] - x) ** 2 + (xy[:, 1] - y) ** 2
        near = np.flatnonzero(d2 <= 100.0**2)
        near[np.argsort(d2[near], kind="stable")]

    report("hover hit test (one mouse move)", timed(hover, 20))
    box = (x - 5000, y - 5000, x + 5000, y + 5000)
    report("rectangle of 10 km", timed(lambda: facilities_in_extent(project, box)))
    panel.deleteLater()


def bench_map_frames() -> None:
    """Repaints of the first-start map, with and without placing the names again."""
    from PySide6.QtWidgets import QApplication

    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load())
    window.resize(pick(2590, 900), pick(1415, 600))
    window.show()
    app = QApplication.instance()
    app.processEvents()
    canvas = window.canvas
    viewport = canvas.viewport()
    labels = canvas.layers.labels
    print(f"\nmap frames (map {viewport.width()} x {viewport.height()} px, first-start layers)")

    def placed_again() -> None:
        labels._last_inputs = None  # as after a zoom: the names' inputs changed
        viewport.repaint()

    for factor, label in ((1.0, "whole"), (0.5, "zoom x2"), (0.5, "zoom x4")):
        canvas.zoom_by(factor)
        viewport.repaint()
        report(f"{label}: repaint, names placed again", timed(placed_again, 15))
        report(f"{label}: repaint alone", timed(viewport.repaint, 15))
    discard_window(window)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from dkgis.model import lambert93

    app = QApplication.instance() or QApplication([])
    print("Lambert-93")
    start = time.perf_counter()
    lambert93.warm_up()
    report("first use (pyproj import + transformer)", (time.perf_counter() - start) * 1000)
    micro = timed(lambda: lambert93.to_lambert93(2.3, 51.0), 1000) * 1000
    print(f"  {'one cursor position':<40s} {micro:9.2f} µs")
    for n in SIZES:
        bench_project(n)
        app.processEvents()
    bench_map_frames()


if __name__ == "__main__":
    main()
