"""Map rendering benchmark; prints figures (run: ``python bench/render.py``).

Synthetic facilities spread uniformly over a 1920 x 1080 map canvas (the real
``MapCanvas`` with its real ``FacilityItem``, Qt offscreen platform):

* first frame: a repaint with cold sprites (the sprite sheet is built) and
  every symbol drawn;
* pan frame: the canvas is panned by 40 px, then repainted. The symbol layer
  keeps its picture in a device-pixel cache that Qt scrolls, so a pan draws
  at most the strip coming into view;
* pan frame, zoomed in: the same with the map zoomed x2, so the layer is
  larger than the view and each pan redraws the strip that comes in;
* full redraw: a repaint after the symbols changed (a sector filter toggled),
  i.e. every symbol drawn again: the cost of a zoom or a restyle;
* pictures: on the screen, a layer of at least ``PICTURE_MIN_FACILITIES`` sites shows
  pictures of its symbols rendered in a worker (the figures above draw directly, as
  before and as exports do). After a sector filter toggled, then after a zoom, the event
  loop running as in the app: the GUI thread's time for the paint that asks for the new
  picture, the time until the new picture is painted on screen, and the event loop's
  longest stall meanwhile (a 5 ms timer); and a pan frame, which moves the picture;
* year step: 10 k facilities with 18 years of values on the emission layer;
  the year changes (arrays restyled, nothing re-read) and the frame is repainted.

Times are wall-clock milliseconds (median and min of the runs) and, in
brackets, the CPU time of the GUI thread, which stays meaningful on a busy
machine.

Goals: pan frame <= 20 ms at 100 k and <= 150 ms at 1 M points; a year step
re-styling 10 k facilities <= 30 ms. Reference on this kind of machine: QGIS
draws 100 k points in ~20 ms and 1 M in ~120 ms; a naive pyqtgraph
``ScatterPlotItem`` takes ~175 ms and ~1.35 s.

Set ``DKGIS_BENCH_SIZES=1000,100000`` to choose the point counts (``--smoke``: a tiny run,
see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DKGIS_CONFIG_DIR", tempfile.mkdtemp(prefix="dkgis-bench-"))

import numpy as np
from common import SMOKE, pick, runs, sizes, wait_for
from event_loop_probe import EventLoopProbe

WIDTH, HEIGHT = 1920, 1080
SIZES = sizes("1000,100000,1000000", smoke="300")
REPEATS = runs(7)
#: Facilities of the year-slider benchmark.
YEAR_STEP_SIZE = pick(10_000, 300)
# The cluster's neighbourhood, in degrees: synthetic points fall on the real map area.
LON = (2.05, 2.55)
LAT = (50.93, 51.10)


def synthetic_project(n: int, years: int = 0, seed: int = 0):
    """A project of ``n`` random facilities (and ``years`` of verified values each)."""
    from dkgis.io.gpkg import TableData
    from dkgis.model.emissions import EmissionSeries, EmissionValue
    from dkgis.model.facility import Facility
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project
    from dkgis.symbology.sectors import SECTOR_IDS

    rng = np.random.default_rng(seed)
    lon = rng.uniform(*LON, n)
    lat = rng.uniform(*LAT, n)
    sectors = rng.choice(SECTOR_IDS, n)
    statuses = rng.choice(["operating"] * 8 + ["announced", "closed"], n)
    precisions = rng.choice(["site", "address", "address", "commune"], n)
    facilities = {}
    for i in range(n):
        fid = f"F{i}"
        facilities[fid] = Facility(
            id=fid,
            name=f"Facility {i}",
            sector=str(sectors[i]),
            commune="Dunkerque",
            insee="59183",
            status=str(statuses[i]),
            status_as_of="2024",
            location_precision=str(precisions[i]),
            location_source="bench",
            lon=float(lon[i]),
            lat=float(lat[i]),
        )
    emissions = {}
    if years:
        values = rng.lognormal(11, 1.5, (n, years))
        values[rng.random((n, years)) < 0.15] = np.nan
        for i, fid in enumerate(facilities):
            emissions[fid] = EmissionSeries(
                fid,
                tuple(
                    EmissionValue(fid, 2005 + j, float(v), "verified", "CO2e", "bench")
                    for j, v in enumerate(values[i])
                    if np.isfinite(v)
                ),
            )
    table = TableData("facilities", {"id": list(facilities)})
    layers = [Layer("facilities", "Facilities by sector", "facilities", table)]
    if years:
        layers.insert(0, Layer("emissions", "CO2 emissions", "emissions", table))
    return Project(facilities=facilities, emissions=emissions, layers=layers)


def canvas_for(project):
    from dkgis.map.canvas import MapCanvas
    from dkgis.map.screen_frame import ScreenFrame

    screen = ScreenFrame(project)
    canvas = MapCanvas(project, screen)
    screen.setParent(canvas)  # goes with the canvas: no frame reaches its deleted items
    canvas.resize(WIDTH, HEIGHT)
    canvas.show()
    x0, y0 = _mercator(LON[0], LAT[0])
    x1, y1 = _mercator(LON[1], LAT[1])
    canvas.set_extent((x0, y0, x1, y1))
    return canvas


def _mercator(lon, lat):
    from dkgis.model.crs import lonlat_to_mercator

    x, y = lonlat_to_mercator(np.array([lon]), np.array([lat]))
    return float(x[0]), float(y[0])


def repaint_ms(canvas) -> tuple[float, float]:
    """Wall and GUI-thread CPU milliseconds of one synchronous repaint."""
    start, cpu = time.perf_counter(), time.thread_time()
    canvas.viewport().repaint()
    return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000


def pan_frames(canvas, runs: int) -> list[tuple[float, float]]:
    times = []
    for k in range(runs):
        (x0, x1), _ = canvas.viewbox.viewRange()
        dx = (x1 - x0) / WIDTH * 40 * (1 if k % 2 == 0 else -1)
        canvas.viewbox.translateBy(x=dx)
        times.append(repaint_ms(canvas))
    return times


def full_redraws(canvas, project, runs: int) -> list[tuple[float, float]]:
    times = []
    for k in range(runs):
        project.display.hidden_sectors = {"steel"} if k % 2 == 0 else set()
        start, cpu = time.perf_counter(), time.thread_time()
        canvas.screen_frame.flush()  # the new frame reaches the items (restyled)
        canvas.viewport().repaint()
        times.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))
    return times


def report(name: str, values: list[tuple[float, float]], goal: float | None = None) -> None:
    wall = [w for w, _ in values]
    cpu = [c for _, c in values]
    med = statistics.median(wall)
    line = (
        f"{name:<40} median {med:7.1f} ms  min {min(wall):7.1f} ms"
        f"  [cpu {statistics.median(cpu):7.1f} ms]"
    )
    if goal is not None:
        ok = med <= goal or statistics.median(cpu) <= goal
        line += f"  goal {goal:.0f} ms {'OK' if ok else 'MISSED'}"
    print(line, flush=True)


def picture_thresholds(on: bool) -> tuple[int, int]:
    """Set the sector layer's picture thresholds (``on``: those of the app; off: never a
    picture); return those there were."""
    from dkgis.map import facility_item

    before = facility_item.PICTURE_MIN_FACILITIES, facility_item.SYNC_SYMBOLS
    if not on:
        facility_item.PICTURE_MIN_FACILITIES = sys.maxsize
    elif SMOKE:  # a few sites: pictures all the same, rendered in the worker
        facility_item.PICTURE_MIN_FACILITIES, facility_item.SYNC_SYMBOLS = 1, 0
    return before


class Paints:
    """Every paint of the map canvases made from now on as the event loop runs it: start,
    end (seconds) and GUI-thread CPU milliseconds (a canvas keeps the paint method it
    found at its first paint)."""

    def __init__(self) -> None:
        from dkgis.map.canvas import MapCanvas

        self.done: list[tuple[float, float, float]] = []
        self._original = original = MapCanvas.paintEvent

        def timed(canvas, event) -> None:
            start, cpu = time.perf_counter(), time.thread_time()
            original(canvas, event)
            self.done.append((start, time.perf_counter(), (time.thread_time() - cpu) * 1000))

        MapCanvas.paintEvent = timed

    def first_after(self, moment: float) -> tuple[float, float, float] | None:
        return next((paint for paint in self.done if paint[0] >= moment), None)

    def stop(self) -> None:
        from dkgis.map.canvas import MapCanvas

        MapCanvas.paintEvent = self._original


def picture_redraws(app, item, paints: Paints, change, runs: int) -> list[tuple[float, ...]]:
    """For each run, after ``change(k)``, with the event loop running as in the app: the
    wall and CPU ms of the paint that follows in the GUI thread, the ms until the new
    picture is on screen (painted), and the event loop's longest stall meanwhile (ms)."""
    pictures = item.pictures
    arrivals: list[float] = []
    pictures.changed.connect(lambda: arrivals.append(time.perf_counter()))
    stalls = EventLoopProbe().start()
    figures = []
    for k in range(runs):
        renders = pictures.renders
        arrivals.clear()
        start = time.perf_counter()
        change(k)

        def shown(renders=renders) -> bool:
            done = pictures.renders > renders and not pictures.busy and arrivals
            return bool(done) and paints.first_after(arrivals[-1]) is not None

        wait_for(app, shown)
        paint_start, paint_end, cpu = paints.first_after(start)
        on_screen = paints.first_after(arrivals[-1])[1]
        figures.append(
            (
                (paint_end - paint_start) * 1000,
                cpu,
                (on_screen - start) * 1000,
                stalls.longest(start, on_screen) * 1000,
            )
        )
    stalls.stop()
    return figures


def report_pictures(name: str, figures: list[tuple[float, ...]]) -> None:
    wall, cpu, shown, stall = ([f[i] for f in figures] for i in range(4))
    med = statistics.median
    print(
        f"{name:<40} GUI paint {med(wall):6.1f} ms [cpu {med(cpu):6.1f}]"
        f"  on screen {med(shown):6.1f} ms (min {min(shown):.1f})"
        f"  longest stall {med(stall):5.1f} ms (max {max(stall):.1f})",
        flush=True,
    )


def bench_pictures(app, canvas, project, item, paints: Paints) -> None:
    from dkgis.map import facility_item

    if item.pictures is None or not item._picture_mode():
        limit = facility_item.PICTURE_MIN_FACILITIES
        print(f"pictures: none, fewer than {limit:,} sites shown (drawn directly)")
        return
    item._update_cache_mode()
    canvas.viewport().repaint()
    item.pictures.wait(120)  # the first picture

    def toggle(k: int) -> None:
        project.display.hidden_sectors = set() if project.display.hidden_sectors else {"steel"}

    def zoom(k: int) -> None:
        canvas.zoom_by(0.5 if k % 2 == 0 else 2.0)

    counts = (item.pictures.background_renders, item.pictures.renders)
    goal = {100_000: 20.0, 1_000_000: 150.0}.get(len(item.ids))
    report("pictures: pan frame (picture moved)", pan_frames(canvas, REPEATS), goal)
    report_pictures(
        "pictures: sector filter toggled", picture_redraws(app, item, paints, toggle, REPEATS)
    )
    report_pictures("pictures: zoom x2 in / out", picture_redraws(app, item, paints, zoom, REPEATS))
    background = item.pictures.background_renders - counts[0]
    print(f"  ({background} of {item.pictures.renders - counts[1]} renders in the worker)")


def bench_points(n: int) -> None:
    from PySide6.QtWidgets import QApplication

    from dkgis.map import facility_item

    app = QApplication.instance()
    start = time.perf_counter()
    project = synthetic_project(n)
    thresholds = picture_thresholds(False)  # the figures of direct drawing first
    paints = Paints()
    canvas = canvas_for(project)
    app.processEvents()
    setup = time.perf_counter() - start
    item = canvas.layers.facility_item
    print(f"-- {n:,} points in view (set-up {setup:.1f} s)", flush=True)
    firsts = []
    for _ in range(min(3, REPEATS)):
        facility_item.shared_sheet.clear()  # cold sprites
        item._sheets.clear()
        item.update()
        firsts.append(repaint_ms(canvas))
    report("first frame (cold sprites)", firsts)
    goal = {100_000: 20.0, 1_000_000: 150.0}.get(n)
    report("pan frame", pan_frames(canvas, REPEATS), goal)
    report("full redraw (sector filter)", full_redraws(canvas, project, REPEATS))
    canvas.zoom_by(0.5)
    repaint_ms(canvas)
    report("pan frame, zoomed in x2 (strip drawn)", pan_frames(canvas, REPEATS), goal)
    canvas.zoom_by(2.0)
    facility_item.PICTURE_MIN_FACILITIES, facility_item.SYNC_SYMBOLS = thresholds
    picture_thresholds(True)
    bench_pictures(app, canvas, project, item, paints)
    paints.stop()
    facility_item.PICTURE_MIN_FACILITIES, facility_item.SYNC_SYMBOLS = thresholds
    canvas.screen_frame.flush()  # no frame left to reach the items once they are gone
    canvas.close()
    canvas.deleteLater()
    app.processEvents()


def bench_year_step(n: int = YEAR_STEP_SIZE) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    project = synthetic_project(n, years=18, seed=1)
    project.layers.get("facilities").visible = False
    project.layers.get("emissions").visible = True
    canvas = canvas_for(project)
    app.processEvents()
    repaint_ms(canvas)
    item = canvas.layers.emission_item
    restyle, frame = [], []
    for year in range(2005, 2023):  # a first pass builds the sprites of every size
        project.display.year = year
        canvas.screen_frame.flush()
        repaint_ms(canvas)
    for year in list(range(2005, 2023)) * 2:
        start, cpu = time.perf_counter(), time.thread_time()
        project.display.year = year
        canvas.screen_frame.flush()  # the restyle the event loop runs next
        restyle.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))
        frame.append(repaint_ms(canvas))
    print(f"-- year slider, {n:,} facilities x 18 years (emission circles)", flush=True)
    report("year step: restyle arrays", restyle, 30.0)
    both = [(a[0] + b[0], a[1] + b[1]) for a, b in zip(restyle, frame, strict=True)]
    report("year step: restyle + repaint", both)
    assert item.emissions.year == project.display.year
    canvas.close()


def main() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"dkgis render benchmark, {WIDTH}x{HEIGHT} canvas, {REPEATS} runs,"
        f" python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load:.1f}"
    )
    for n in SIZES:
        bench_points(n)
    bench_year_step()


if __name__ == "__main__":
    main()
