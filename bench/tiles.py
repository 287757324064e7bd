"""Web basemap benchmarks; prints figures (run: ``python bench/tiles.py``).

A tile server on 127.0.0.1 (the tests' own, ``tests/tile_server.py``) serves
generated PNG tiles; the main window shows them in a 1600 x 900 map, offscreen.

* first tile from the server: from choosing the basemap to the first painted
  frame that shows a tile at the view's zoom, and to the frame that shows all;
* first tile from the disk cache: the same in a new window, server stopped;
* pan frame: the time to paint one frame while panning, with tiles and with
  the offline basemap;
* hostile servers: for each hostile mode of the test server (huge images, a
  decompression bomb in a PNG or in the HTTP encoding, endless, 150 MB and
  trickling bodies, wrong content type, bytes that are no image), run in a
  process of its own as a real server would be, the window shows that
  basemap for a few seconds while a timer ticking every 5 ms measures the
  event loop's longest stall and the process's peak memory growth; then a
  good server must still give its tiles. The first row, a good server
  watched the same way, is the reference: its stall is the map's own repaint.

``DKGIS_BENCH_RUNS`` sets the runs of the timing part, ``DKGIS_BENCH_HOSTILE_S``
the seconds each hostile server is watched (the trickling one is watched until
just past the loader's deadline), ``DKGIS_BENCH_DEADLINE_S`` that deadline (the
application's, 15 s, by default) and ``DKGIS_BENCH_HOSTILE_MODES`` the modes
(comma-separated).

``--smoke``: one run, a few pan frames, three servers watched 1 s each (see
``bench/common.py``).
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DKGIS_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-config-")
RUNS = runs(5)
PAN_FRAMES = pick(60, 4)
HOSTILE_S = float(os.environ.get("DKGIS_BENCH_HOSTILE_S", pick("6", "1")))
DEADLINE_S = float(os.environ.get("DKGIS_BENCH_DEADLINE_S", pick("15", "0.5")))
HOSTILE_MODES = os.environ.get(
    "DKGIS_BENCH_HOSTILE_MODES",
    pick("ok,huge,bomb,gzipbomb,endless,bigbody,trickle,wrongtype,garbage", "ok,huge,trickle"),
).split(",")
#: A hostile case is stopped early when the process grew this much (protects the machine).
RSS_GUARD = 3 * 1024**3
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


def watch_hostile(app, mode: str, seconds: float) -> dict:
    """Show one hostile mode's basemap for ``seconds`` in a new window, then a good one.

    Runs in a process of its own (see :func:`hostile`) so that the memory
    figures of one mode do not carry what an earlier one left.
    """
    import subprocess

    from event_loop_probe import EventLoopProbe
    from PySide6.QtCore import QEventLoop, QTimer
    from tile_server import tile_url

    from dkgis.map.basemaps import CUSTOM, OFFLINE, custom_provider

    os.environ["DKGIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-cache-")
    # The server runs in a process of its own, as a real one would: its threads do not
    # take Python's interpreter lock from the window's.
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "tile_server.py"), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(server.stdout.readline())
    window = make_window(app)
    notices: list[str] = []
    window.statusBar().messageChanged.connect(
        lambda m: notices.append(m) if m.startswith("Basemap tiles unavailable") else None
    )
    basemap = window.canvas.basemap
    # The tile machinery's one-time import is not what is measured.
    basemap.tile_loader().deadline_ms = int(DEADLINE_S * 1000)
    for _ in range(20):
        app.processEvents()
    loop = QEventLoop()
    probe = EventLoopProbe().start()
    guard = QTimer()
    guard.timeout.connect(lambda: loop.quit() if (probe.rss_growth or 0) > RSS_GUARD else None)
    start = time.perf_counter()
    basemap.set_basemap(CUSTOM, custom_provider(tile_url(port, mode), "hostile"))
    guard.start(50)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    elapsed = time.perf_counter() - start
    guard.stop()
    probe.stop()
    stats = dict(basemap.loader.stats)
    basemap.set_basemap(OFFLINE)
    _, good = time_to_tiles(
        app, window, lambda: basemap.set_basemap(CUSTOM, custom_provider(tile_url(port), "ok"))
    )
    window.close()
    streamed = int(server.communicate("")[0].split()[-1])
    return {
        "mode": mode,
        "seconds": elapsed,
        "stall_ms": probe.longest_stall_ms,
        "stalls_50": probe.stalls_over(50),
        "rss_mb": (probe.rss_growth or 0) / 2**20,
        "guard": (probe.rss_growth or 0) > RSS_GUARD,
        "requests": stats["requests"],
        "accepted": stats["net"],
        "refused": stats["failed"],
        "streamed_kb": streamed / 1024,
        "notices": notices,
        "good_ms": good * 1000,
    }


def hostile() -> None:
    """Print, for each hostile server, the longest stall and the memory growth."""
    import json
    import subprocess

    load = f"load average {os.getloadavg()[0]:.1f}, " if hasattr(os, "getloadavg") else ""
    print(
        f"\nhostile tile servers, map {SIZE[0]} x {SIZE[1]} px, each watched {HOSTILE_S:g} s "
        f"(trickle: {DEADLINE_S + 2:g} s) in a process of its own, event loop probed every 5 ms"
        f" ({load}{os.cpu_count()} CPUs)"
    )
    print(
        f"{'mode':<10} {'stall max':>10} {'>50 ms':>7} {'RSS growth':>11} {'requests':>9} "
        f"{'accepted':>9} {'refused':>8} {'server sent':>11} {'good after':>11}  notice"
    )
    for mode in HOSTILE_MODES:
        seconds = DEADLINE_S + 2 if mode == "trickle" else HOSTILE_S
        child = subprocess.run(
            [sys.executable, __file__, "--hostile", mode, str(seconds)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(child.stdout.strip().splitlines()[-1])
        notice = r["notices"][0] if r["notices"] else "-"
        if len(r["notices"]) > 1:
            notice += f" (x{len(r['notices'])})"
        if r["guard"]:
            notice = f"STOPPED after {r['seconds']:.1f} s by the memory guard; {notice}"
        print(
            f"{mode:<10} {r['stall_ms']:7.0f} ms {r['stalls_50']:>7} {r['rss_mb']:8.0f} MB "
            f"{r['requests']:>9} {r['accepted']:>9} "
            f"{r['refused']:>8} {r['streamed_kb']:8.0f} kB {r['good_ms']:8.0f} ms  {notice}",
            flush=True,
        )


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
    hostile()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--hostile"]:
        import json

        from dkgis.ui.app import create_application

        print(json.dumps(watch_hostile(create_application(), sys.argv[2], float(sys.argv[3]))))
    else:
        main()
