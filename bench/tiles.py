"""Web basemap benchmarks; prints figures (run: ``python bench/tiles.py``).

A tile server on 127.0.0.1 (the tests' own, ``tests/tile_server.py``) serves
generated PNG tiles; the main window shows them in a 1600 x 900 map, offscreen.

* first tile from the server: from choosing the basemap to the first painted
  frame that shows a tile at the view's zoom, and to the frame that shows all;
* first tile from the disk cache: the same in a new window, server stopped;
* pan frame: the time to paint one frame while panning, with tiles and with
  the offline basemap.

``--smoke``: one run, a few pan frames (see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import pick, runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DKGIS_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-config-")


RUNS = runs(5)
PAN_FRAMES = pick(60, 4)
SIZE = (1600, 900)


def make_window(app):
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load())
    window.layer_dock.hide()
    window.details_dock.hide()
    window.resize(*SIZE)
    window.show()
    for _ in range(5):
        app.processEvents()
    return window


def time_to_tiles(app, window, choose) -> tuple[float, float]:
    """Seconds to the first frame with a tile, and to the frame with all of them.

    Frames are painted by Qt itself, as in the application: each arriving tile
    asks for an update and the event loop paints.
    """
    start = time.perf_counter()
    choose()
    item = window.canvas.basemap.item
    first = None
    while time.perf_counter() - start < 30:
        app.processEvents()
        if item.drawn_exact and first is None:
            first = time.perf_counter() - start
        if item.visible_keys and item.drawn_exact == len(item.visible_keys):
            return first or 0.0, time.perf_counter() - start
        time.sleep(0.0005)
    raise RuntimeError("tiles never arrived")


def pan_frames(app, window, frames: int = PAN_FRAMES) -> list[float]:
    """Paint times of ``frames`` frames while panning 12 px per frame."""
    canvas = window.canvas
    (x0, x1), _ = canvas.viewbox.viewRange()
    step = (x1 - x0) / canvas.viewbox.width() * 12
    times = []
    for i in range(frames):
        canvas.viewbox.translateBy(x=step if (i // 20) % 2 == 0 else -step)
        app.processEvents()
        start = time.perf_counter()
        canvas.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, values: list[float]) -> None:
    med = statistics.median(values)
    print(f"{name:<44} median {med * 1000:7.1f} ms   min {min(values) * 1000:7.1f} ms", flush=True)


def main() -> None:
    from tile_server import TileServer

    from dkgis.map.basemaps import CUSTOM, OFFLINE, custom_provider
    from dkgis.ui.app import create_application

    app = create_application()
    print(f"dkgis tile benchmark, {RUNS} runs, map {SIZE[0]} x {SIZE[1]} px, local tile server")
    net_first, net_all, disk_first, disk_all, pan_tiles, pan_offline = [], [], [], [], [], []
    for _ in range(RUNS):
        os.environ["DKGIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-cache-")
        server = TileServer().start()
        provider = custom_provider(server.url("ok"), "bench tiles")
        window = make_window(app)
        first, everything = time_to_tiles(
            app, window, lambda w=window, p=provider: w.canvas.basemap.set_basemap(CUSTOM, p)
        )
        net_first.append(first)
        net_all.append(everything)
        pan_tiles.extend(pan_frames(app, window))
        window.canvas.basemap.set_basemap(OFFLINE)
        pan_offline.extend(pan_frames(app, window))
        window.close()
        server.stop()
        window = make_window(app)  # settings say: custom tiles; cache is on disk
        window.canvas.basemap.set_basemap(OFFLINE)
        first, everything = time_to_tiles(
            app, window, lambda w=window, p=provider: w.canvas.basemap.set_basemap(CUSTOM, p)
        )
        assert window.canvas.basemap.loader.stats["net"] == 0
        disk_first.append(first)
        disk_all.append(everything)
        window.close()
    report("first tile drawn, from the server", net_first)
    report("all tiles of the view drawn, from the server", net_all)
    report("first tile drawn, from the disk cache", disk_first)
    report("all tiles of the view drawn, from disk cache", disk_all)
    report("pan frame with web tiles", pan_tiles)
    report("pan frame with the offline basemap", pan_offline)


if __name__ == "__main__":
    main()
