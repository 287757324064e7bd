"""User-layer benchmarks; prints figures (run: ``python bench/userlayers.py``).

For CSV files of 100 k and 1 M points written the French way (``;`` separator,
decimal comma, cp1252), measures:

* inspect: the quick look done in the main thread (encoding, separator, columns, CRS);
* read: the reader alone (CSV to shapely points in EPSG:4326);
* layer ready: read + building the layer with its projection and geometry parts,
  i.e. all the work of the background worker;
* first frame: the first draw of a layer just made ready (nothing drawn before: no
  picture, no colour table, memory not yet reused), into a 1920 x 1080 image;
* full redraw / pan frame: the layer's canvas item drawn into a 1920 x 1080 image
  (markers rasterised, as a zoom, a restyle or an export draws them), then, with the
  screen's picture of the layer made, a pan (the picture moved, nothing redrawn);
* in the app: the file added to a real main window (worker thread, progress, then the
  layer added and drawn), with the longest stall of the event loop meanwhile (how long
  the window would not respond).

``DKGIS_BENCH_SIZES=100000,1000000`` and ``DKGIS_BENCH_RUNS=3`` change the sizes and runs;
``--smoke``: 300 points, one run (see ``bench/common.py``); ``--stalls``: the in-app figures
only, for each run (a new window each time), then their medians, with ``uptime``.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from common import discard_window, runs, sizes, uptime

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = sizes("100000,1000000", smoke="300")
RUNS = runs(3)
WIDTH, HEIGHT = 1920, 1080


def write_csv(path: Path, n: int) -> None:
    """Points around Dunkerque, French style: ``;``, decimal comma, cp1252."""
    rng = np.random.default_rng(42)
    lon = rng.uniform(2.10, 2.55, n)
    lat = rng.uniform(50.95, 51.10, n)
    ids = np.arange(n)
    kind = np.where(ids % 3 == 0, "Borne électrique", "Hydrant")
    lines = ["Identifiant;Catégorie;Longitude;Latitude"]
    lines += [
        f"{i};{k};{a:.6f};{b:.6f}".replace(".", ",")
        for i, k, a, b in zip(ids, kind, lon, lat, strict=True)
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))


def timed(fn, runs: int = RUNS):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times), min(times)


def show(label: str, median: float, best: float) -> None:
    print(f"{label:<34} median {median * 1000:8.0f} ms   min {best * 1000:8.0f} ms", flush=True)


def main() -> None:
    from PySide6.QtGui import QImage, QTransform

    from dkgis.io.readers import inspect_file, read_file
    from dkgis.map.user_items import UserLayerItem
    from dkgis.model.frame import frame_of
    from dkgis.model.project import Project
    from dkgis.model.user_layer import UserLayer, UserStyle
    from dkgis.ui.app import create_application

    create_application()
    project = Project.load()
    print(f"{os.cpu_count()} CPU(s), {RUNS} run(s) each")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            path = Path(tmp) / f"points_{n}.csv"
            write_csv(path, n)
            size_mb = path.stat().st_size / 1e6
            print(f"\n{n:,} points ({size_mb:.1f} MB CSV)")
            _, med, best = timed(lambda p=path: inspect_file(p))
            show("inspect (main thread)", med, best)
            _, med, best = timed(lambda p=path: read_file(p))
            show("read (reader only)", med, best)

            def build(p=path):
                layer = UserLayer.from_user_data(read_file(p), "user:bench", UserStyle())
                layer.prepare()
                return layer

            layer, med, best = timed(build)
            show("layer ready (all worker work)", med, best)
            rate = n / med / 1e6
            print(f"{'':<34} {rate:.2f} M points/s, {len(layer.data):,} rows")

            xmin, ymin, xmax, ymax = layer.bounds_mercator()
            sx = WIDTH / (xmax - xmin)
            sy = HEIGHT / (ymax - ymin)
            scale = min(sx, sy)
            base = QTransform(scale, 0, 0, -scale, -xmin * scale, ymax * scale)
            image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
            colds = []
            for _ in range(RUNS):
                cold = build()  # a layer just made ready: its first draw
                item = UserLayerItem(cold, project, frame_of(project))
                painter, seconds = painted(item, image, base)
                colds.append(seconds)
                painter.end()
                item.disconnect_model()
                del cold
            show("first frame (layer just ready)", statistics.median(colds), min(colds))
            firsts, pans = [], []
            for _ in range(RUNS):
                item = UserLayerItem(layer, project, frame_of(project))
                painter, seconds = painted(item, image, base)
                firsts.append(seconds)
                item.enable_device_cache(True)  # as on the screen: a picture of the layer
                item.paint(painter)
                item.pictures.wait()
                painter.setTransform(base * QTransform.fromTranslate(37, -21))
                start = time.perf_counter()
                item.paint(painter)
                pans.append(time.perf_counter() - start)
                painter.end()
                item.disconnect_model()
            show(f"full redraw {WIDTH}x{HEIGHT}", statistics.median(firsts), min(firsts))
            show("pan frame (picture moved)", statistics.median(pans), min(pans))
            del layer
            in_app(path)


def painted(item, image, transform):
    """Paint ``item`` on ``image`` cleared to the sea's colour; the painter (still active,
    with ``transform``) and the seconds the paint took."""
    from PySide6.QtGui import QColor, QPainter

    image.fill(QColor("#cfe0ea"))
    painter = QPainter(image)
    painter.setTransform(transform)
    start = time.perf_counter()
    item.paint(painter)
    return painter, time.perf_counter() - start


def in_app(path: Path) -> tuple[float, float]:
    """Add ``path`` to a real main window; print and return the wall time and the longest
    stall of the event loop (seconds), from the moment the file is added."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    app = QApplication.instance()
    window = MainWindow(Project.load())
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        app.processEvents()
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    # Wait in a real event loop (a Python loop calling processEvents would fight the
    # worker for the GIL and slow it down several times).
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: None if window.user_layers.busy else loop.quit())
    start = time.perf_counter()
    window.user_layers.add_files([path])
    poll.start(5)
    loop.exec()
    window.canvas.viewport().repaint()
    # The picture of the layer renders off the GUI thread: drawn is when it is complete.
    name = next(n for n in window.project.layers.names if n.startswith("user:"))
    pictures = window.canvas.layers.items[name].pictures
    if pictures is not None:
        pictures.wait(60.0)
    wall = time.perf_counter() - start
    poll.stop()
    timer.stop()
    stall = max((b - a for a, b in itertools.pairwise([start, *ticks])), default=0.0)
    print(f"{'in the app: load to drawn':<34} {wall * 1000:8.0f} ms", flush=True)
    print(f"{'in the app: longest event-loop stall':<34} {stall * 1000:8.0f} ms", flush=True)
    discard_window(window)
    return wall, stall


def stalls_only() -> None:
    """The in-app figures of :data:`RUNS` windows per size, and their medians."""
    from dkgis.io.readers import read_file
    from dkgis.ui.app import create_application

    create_application()
    print(uptime(), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.csv"
        write_csv(warm, 10)
        read_file(warm)  # the readers loaded, as after a first read
        for n in SIZES:
            path = Path(tmp) / f"points_{n}.csv"
            write_csv(path, n)
            print(f"\n{n:,} points ({path.stat().st_size / 1e6:.1f} MB CSV)", flush=True)
            walls, stalls = zip(*(in_app(path) for _ in range(RUNS)), strict=True)
            show("in the app: load to drawn", statistics.median(walls), min(walls))
            show("in the app: longest stall", statistics.median(stalls), min(stalls))
    print(uptime(), flush=True)


if __name__ == "__main__":
    if "--stalls" in sys.argv[1:]:
        stalls_only()
    else:
        main()
