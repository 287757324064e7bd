"""Big polygon layers of the user's own (buildings, parcels); prints figures.

Run: ``python bench/userpolygons.py``. A GeoPackage of 150 000 building-like
polygons (small rotated rectangles over the urban community, in Lambert-93 as BD
TOPO is; see ``tests/building_factory.py``) is generated, then:

* read / layer ready: the reader alone, then all the work of the loading worker
  (read, conversion to longitude/latitude, index); the memory the layer holds (growth
  of a fresh process's resident memory, the readers and PROJ already loaded), and at its peak;
* draw: the layer drawn into a 1920 x 1080 image, whole extent and zoomed x20 on a
  neighbourhood of a few hundred buildings (the count is printed), as a full redraw
  (zoom, restyle) does;
* in the app: the file added through the real main window (worker thread, then the
  picture rendered in the background): when the layer is in the project, when the
  first (partial) picture and the whole picture are on screen, and the event loop's
  longest stall meanwhile; then a zoom x4 and the same figures;
* export: an A4 landscape page at 300 dpi of the map with the layer (PNG);
* command line: ``dkgis export`` of a 1920 x 1080 PNG with ``--add-layer``, whole
  layer and zoomed on the neighbourhood (process start included, modules loaded from
  their compiled bytecode as in an installed app);
* shapefile: the same buildings as a Shapefile (as BD TOPO is also distributed), read
  with numpy and, as before, with GDAL; the event loop's longest stall from adding it until
  it joins the project when it is the first Shapefile of a new process (the quick look's
  first use of PROJ and of the Shapefile reader); then added in the app both ways.

``--stalls``: the in-app figures only, for each of the runs (a new window each time),
then their medians, with ``uptime`` (how busy the machine was).

Times are wall clock (the median of the runs, and the best), with the CPU time of the
measuring thread where it says more on a busy machine; the load average is printed.
``DKGIS_BENCH_RUNS`` changes the runs; ``--smoke``: 500 polygons, one run.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from common import (
    SMOKE,
    discard_window,
    memory_figures,
    peak_resident_mb,
    pick,
    resident_mb,
    runs,
    uptime,
    wait_for,
)
from event_loop_probe import EventLoopProbe

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DKGIS_CONFIG_DIR", tempfile.mkdtemp(prefix="dkgis-bench-"))

POLYGONS = pick(150_000, 500)
RUNS = runs(3)
WIDTH, HEIGHT = 1920, 1080
#: A neighbourhood between Grande-Synthe and Petite-Synthe: a few hundred buildings
#: in a view zoomed x20.
SITE = (2.27, 51.00)


def timed(fn, runs: int = RUNS):
    """``(result, median wall, best wall, median cpu)`` of ``runs`` calls, in seconds."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.thread_time()
        result = fn()
        cpus.append(time.thread_time() - cpu)
        walls.append(time.perf_counter() - start)
    return result, statistics.median(walls), min(walls), statistics.median(cpus)


def show(label: str, median: float, best: float, cpu: float | None = None) -> None:
    line = f"{label:<44} median {median * 1000:7.0f} ms  min {best * 1000:7.0f} ms"
    if cpu is not None:
        line += f"  [cpu {cpu * 1000:6.0f} ms]"
    print(line, flush=True)


def extent_of(layer, zoom: float, centre=None):
    """The extent of ``layer`` fitted to 1920 x 1080, zoomed ``zoom`` times on ``centre``."""
    from dkgis.model.crs import lonlat_to_mercator

    xmin, ymin, xmax, ymax = layer.bounds_mercator()
    scale = min(WIDTH / (xmax - xmin), HEIGHT / (ymax - ymin)) * zoom
    cx, cy = ((xmin + xmax) / 2, (ymin + ymax) / 2) if centre is None else centre
    if centre is not None:
        cx, cy = lonlat_to_mercator(*centre)
    half_w, half_h = WIDTH / scale / 2, HEIGHT / scale / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def bench_reading(path: Path):
    from dkgis.io.readers import read_file
    from dkgis.model.user_layer import UserLayer, UserStyle

    def ready():
        layer = UserLayer.from_user_data(read_file(path), "user:batiments", UserStyle())
        layer.prepare()
        return layer

    _, med, best, cpu = timed(lambda: read_file(path))
    show("read (reader only)", med, best, cpu)
    layer, med, best, cpu = timed(ready)
    show("layer ready (all the loading worker does)", med, best, cpu)
    grown, peak, held = memory_figures(__file__, path)
    size = path.stat().st_size / 1e6
    print(
        f"{'memory of the layer':<44} {grown:7.0f} MB resident, {grown / size:.1f} x the"
        f" {size:.1f} MB file (geometry and index arrays {held:.0f} MB; peak while"
        f" loading {peak:.0f} MB)",
        flush=True,
    )
    return layer


@contextmanager
def gdal_only():
    """Shapefiles read with GDAL (pyogrio) alone, as before they were read with numpy."""
    from dkgis.io.readers import shp_features

    def unsupported(*args, **kwargs):
        raise shp_features.Unsupported("GDAL alone")

    native = shp_features.Shapefile
    shp_features.Shapefile = unsupported
    try:
        yield
    finally:
        shp_features.Shapefile = native


def bench_shapefile(tmp: Path) -> None:
    """The buildings as a Shapefile: read with numpy and with GDAL, then added in the app."""
    from dkgis.io.readers import read_file
    from tests.building_factory import write_buildings

    path = write_buildings(tmp / "batiments.shp", POLYGONS)
    size = sum(path.with_suffix(ext).stat().st_size for ext in (".shp", ".shx", ".dbf"))
    print(f"\nthe same as a Shapefile ({size / 1e6:.1f} MB .shp, .shx and .dbf)", flush=True)
    for label, mode in (("numpy", nullcontext), ("GDAL, as before", gdal_only)):
        with mode():
            _, med, best, cpu = timed(lambda: read_file(path))
        show(f"read (reader only), {label}", med, best, cpu)
    first_shapefile_stalls(path)
    for label, mode in (("numpy", nullcontext), ("GDAL, as before", gdal_only)):
        print(f"shapefile read with {label},", end=" ", flush=True)
        with mode():
            in_app(path)


def first_shapefile_stalls(path: Path) -> None:
    """Print the event loop's longest stall from adding ``path`` until the layer joins the
    project, when it is the first Shapefile of the process (a new process for each run)."""
    figures = []
    for _ in range(RUNS):
        result = subprocess.run(
            [sys.executable, __file__, "--first-shapefile", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures.append([float(v) for v in result.stdout.split()])
    stalls = [f[0] for f in figures]
    each = ", ".join(f"{f[0]:.0f} at {f[1]:.0f}" for f in figures)
    print(
        f"first Shapefile of a process, in the app ({RUNS} new process(es)):\n"
        f"  {'longest event-loop stall until it joined':<42} median"
        f" {statistics.median(stalls):7.0f} ms  max {max(stalls):7.0f} ms\n"
        f"  {'each run (ms, from when)':<42} {each}\n"
        f"  {'joined the project after':<42} median"
        f" {statistics.median(f[2] for f in figures):7.0f} ms",
        flush=True,
    )


def first_shapefile(path: Path) -> None:
    """Add ``path`` to a new window of a new process, and print the longest stall of the
    event loop until the layer joined the project, when it began and when the layer joined
    (ms after the file was added)."""
    from dkgis.ui.app import create_application

    app = create_application()
    window = shown_window()
    # The window's first paints over before the file comes: only what adding it costs
    # is measured.
    settled = time.perf_counter() + 1.0
    wait_for(app, lambda: time.perf_counter() > settled)
    stalls = EventLoopProbe().start()
    start = time.perf_counter()
    window.user_layers.add_files([path])
    added = wait_for(app, lambda: user_item(window) is not None)
    stalls.stop()
    stall, stall_at = stalls.longest_at(start, added)
    print(f"{stall * 1000:.1f} {(stall_at - start) * 1000:.1f} {(added - start) * 1000:.1f}")
    discard_window(window)


def memory(path: Path) -> None:
    """Print the resident memory a layer adds to a fresh process, its peak while loading,
    and its arrays' bytes (MB). The readers and PROJ are loaded first, with a tiny file."""
    from dkgis.io.readers import read_file
    from dkgis.model.user_layer import UserLayer, UserStyle
    from dkgis.ui.layer_loader import return_freed_memory
    from tests.building_factory import write_buildings

    with tempfile.TemporaryDirectory() as folder:
        warm = write_buildings(Path(folder) / "warm.gpkg", 10)
        UserLayer.from_user_data(read_file(warm), "user:warm", UserStyle()).prepare()
    gc.collect()
    before = resident_mb()
    # Read as the app's loading worker does: chunk by chunk, with progress.
    data = read_file(path, progress=lambda fraction: None)
    layer = UserLayer.from_user_data(data, "user:batiments", UserStyle())
    del data
    layer.prepare()
    return_freed_memory()
    gc.collect()
    grown = resident_mb() - before
    peak = peak_resident_mb() - before
    held = (layer.geometry.nbytes + layer.map_geometry().nbytes) / 1e6
    print(f"{grown:.1f} {max(peak, grown):.1f} {held:.1f}")


def bench_drawing(layer, runs: int = RUNS) -> None:
    """Time drawing ``layer`` (polygons or lines) at 1920 x 1080, whole and zoomed x20."""
    from PySide6.QtGui import QImage, QPainter

    from dkgis.map.user_render import DeviceView, draw_layer

    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    geometry = layer.map_geometry()
    parts = geometry.polygons if len(geometry.polygons) else geometry.lines
    for label, zoom, centre in (("whole extent", 1.0, None), ("zoomed x20", 20.0, SITE)):
        view = DeviceView.of_extent(extent_of(layer, zoom, centre), WIDTH, HEIGHT)
        shown = len(parts.query(view.map_rect()))

        def draw(view=view) -> None:
            image.fill(0)
            painter = QPainter(image)
            try:
                draw_layer(painter, geometry, layer.style, view)
            finally:
                painter.end()

        _, med, best, cpu = timed(draw, runs)
        show(f"draw {WIDTH}x{HEIGHT}, {label} ({shown:,} in view)", med, best, cpu)


def shown_window():
    """A real main window on the embedded dataset, shown, its map close to 1920 x 1080."""
    from PySide6.QtWidgets import QApplication

    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    app = QApplication.instance()
    window = MainWindow(Project.load())
    window.resize(WIDTH + 420, HEIGHT + 160)
    window.show()
    for _ in range(5):
        app.processEvents()
    canvas = window.canvas.viewport()
    # As close to a 1920 x 1080 map as the docks allow.
    window.resize(
        window.width() + WIDTH - canvas.width(), window.height() + HEIGHT - canvas.height()
    )
    for _ in range(5):
        app.processEvents()
    return window


def user_item(window):
    """The canvas item of the first user layer in the project, or None."""
    name = next((n for n in window.project.layers.names if n.startswith("user:")), None)
    return window.canvas.layers.items.get(name) if name else None


def in_app(path: Path) -> dict[str, float]:
    """Add ``path`` to a real main window, then zoom; print when things showed and the
    longest stalls of the event loop, and return those figures (seconds)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    window = shown_window()
    canvas = window.canvas.viewport()
    print(f"in the app (map {canvas.width()} x {canvas.height()} px):", flush=True)
    stalls = EventLoopProbe().start()
    start = time.perf_counter()
    window.user_layers.add_files([path])
    added = wait_for(app, lambda: user_item(window) is not None)
    pictures = user_item(window).pictures
    shown = wait_for(app, lambda: pictures.picture is not None)
    done = wait_for(app, lambda: pictures.picture.complete and not pictures.busy)
    stall, stall_at = stalls.longest_at(start, done)
    print(
        f"  {'added to the project':<42} {(added - start) * 1000:7.0f} ms\n"
        f"  {'first picture on screen':<42} {(shown - start) * 1000:7.0f} ms\n"
        f"  {'whole picture on screen':<42} {(done - start) * 1000:7.0f} ms"
        f" ({(done - added) * 1000:.0f} ms after it joined the project)\n"
        f"  {'longest event-loop stall, loading':<42} {stall * 1000:7.0f} ms"
        f" (from {(stall_at - start) * 1000:.0f} ms)",
        flush=True,
    )
    figures = {
        "added to the project": added - start,
        "whole picture on screen": done - start,
        "longest event-loop stall, loading": stall,
    }
    renders = pictures.renders
    start = time.perf_counter()
    window.canvas.zoom_by(0.25)
    done = wait_for(app, lambda: pictures.renders > renders and not pictures.busy)
    print(
        f"  {'zoom x4: new picture on screen':<42} {(done - start) * 1000:7.0f} ms\n"
        f"  {'longest event-loop stall, zoom':<42} {stalls.longest(start, done) * 1000:7.0f} ms",
        flush=True,
    )
    figures["zoom x4: new picture on screen"] = done - start
    figures["longest event-loop stall, zoom"] = stalls.longest(start, done)
    stalls.stop()
    discard_window(window)
    return figures


def stalls_only() -> None:
    """The in-app figures of :data:`RUNS` windows, and their medians (``--stalls``)."""
    from dkgis.io.readers import read_file
    from dkgis.ui.app import create_application
    from tests.building_factory import write_buildings

    create_application()
    print(uptime(), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        read_file(write_buildings(tmp / "warm.gpkg", 10))  # the readers loaded, as after a read
        path = write_buildings(tmp / "batiments.gpkg", POLYGONS)
        print(f"\n{POLYGONS:,} building polygons ({path.stat().st_size / 1e6:.1f} MB GeoPackage)")
        runs = [in_app(path) for _ in range(RUNS)]
    print(f"\nmedians of {RUNS} run(s):")
    for label in runs[0]:
        median = statistics.median(r[label] for r in runs)
        print(f"  {label:<42} {median * 1000:7.0f} ms", flush=True)
    print(uptime(), flush=True)


def bench_export(layer) -> None:
    from dkgis.map.render import render_image
    from dkgis.model.frame import frame_of
    from dkgis.model.project import Project
    from dkgis.model.snapshot import PRESETS, SnapshotSpec
    from dkgis.model.user_layer import insert_user_layer

    project = Project.load()
    insert_user_layer(project.layers, layer)
    a4 = PRESETS["a4-landscape"]
    frame = frame_of(project, extent=extent_of(layer, 1.0))
    dpi = a4.dpi if not SMOKE else 72
    width, height = (a4.width, a4.height) if not SMOKE else (842, 595)
    spec = SnapshotSpec(frame=frame, width=width, height=height, dpi=dpi)

    def export():
        from dkgis.export.snapshot import encode_png

        return encode_png(render_image(project, spec))

    _, med, best, cpu = timed(export)
    show(f"A4 landscape PNG at {dpi} dpi with the layer", med, best, cpu)
    project.layers.remove(layer)


def bench_cli(path: Path, tmp: Path) -> None:
    extent = extent_of_lonlat(SITE)
    # As an installed app runs: from compiled bytecode (written by the first run if need be).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for label, extra in (("whole layer", ["--extent", "layers"]), ("zoomed x20", extent)):
        out = tmp / "cli.png"
        command = [sys.executable, "-m", "dkgis", "export", str(out), "--size", "1920x1080"]
        command += ["--add-layer", str(path), *extra]

        def run(command=command) -> None:
            subprocess.run(command, check=True, capture_output=True, cwd=tmp, env=env)

        _, med, best, _cpu = timed(run)
        show(f"dkgis export --add-layer, {label}", med, best)


def extent_of_lonlat(centre) -> list[str]:
    """``--extent`` of a view zoomed x20 (of the urban community) on ``centre``."""
    from tests.building_factory import LON

    half_lon = (LON[1] - LON[0]) / 20 / 2
    half_lat = half_lon * HEIGHT / WIDTH * 0.63  # degrees of latitude are longer here
    lon, lat = centre
    return ["--extent", f"{lon - half_lon},{lat - half_lat},{lon + half_lon},{lat + half_lat}"]


def main() -> None:
    from dkgis.ui.app import create_application
    from tests.building_factory import write_buildings

    create_application()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} CPU(s), load {load:.1f}, {RUNS} run(s) each", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        path = write_buildings(tmp / "batiments.gpkg", POLYGONS)
        print(f"\n{POLYGONS:,} building polygons ({path.stat().st_size / 1e6:.1f} MB GeoPackage)")
        layer = bench_reading(path)
        bench_drawing(layer)
        bench_export(layer)
        del layer
        in_app(path)
        bench_cli(path, tmp)
        bench_shapefile(tmp)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nload at the end {load:.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        memory(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["--first-shapefile"]:
        first_shapefile(Path(sys.argv[2]))
    elif "--stalls" in sys.argv[1:]:
        stalls_only()
    else:
        main()
