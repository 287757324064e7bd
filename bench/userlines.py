"""Big user line layers (BD TOPO's road sections); prints figures.

Run: ``python bench/userlines.py``. 100 000 road sections of eight vertices
(``tests/building_factory.py``) are written to a GeoPackage in Lambert-93, then:

* read: the reader alone, and the layer ready (what the loading worker does);
* draw 1920 x 1080, whole extent and zoomed x20 on a neighbourhood: one picture drawn
  by :func:`dkgis.map.user_render.draw_layer`, as the screen's worker and the exports do;
* in the app: File > Add Layer on a real main window until the whole picture is on
  screen, then a zoom x4, with the event loop's longest stalls (``bench/userpolygons.py``).

``DKGIS_BENCH_RUNS`` changes the runs; ``--smoke``: 300 lines, one run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from common import pick, runs
from userpolygons import bench_drawing, in_app, show, timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LINES = pick(100_000, 300)
RUNS = runs(3)


def bench(path: Path) -> None:
    from dkgis.io.readers import read_file
    from dkgis.model.user_layer import UserLayer, UserStyle

    def ready():
        layer = UserLayer.from_user_data(read_file(path), "user:routes", UserStyle())
        layer.prepare()
        return layer

    _, med, best, cpu = timed(lambda: read_file(path), RUNS)
    show("read (reader only)", med, best, cpu)
    layer, med, best, cpu = timed(ready, RUNS)
    show("layer ready (all the loading worker does)", med, best, cpu)
    bench_drawing(layer, RUNS)


def main() -> None:
    from dkgis.ui.app import create_application
    from tests.building_factory import write_roads

    create_application()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} CPU(s), load {load:.1f}, {RUNS} run(s) each", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        path = write_roads(Path(folder) / "routes.gpkg", LINES)
        print(f"\n{LINES:,} road sections ({path.stat().st_size / 1e6:.1f} MB GeoPackage)")
        bench(path)
        in_app(path)


if __name__ == "__main__":
    main()
