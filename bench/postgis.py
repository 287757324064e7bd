"""Shared-database benchmark; prints figures (run: ``python bench/postgis.py``).

Against a throwaway PostgreSQL + PostGIS cluster on 127.0.0.1 (tests/pg_server.py):

* publishing the embedded dataset (``dkgis db push``: one transaction) and writing it back
  (``dkgis db pull``: a GeoPackage through GDAL);
* opening the project from the database, next to opening it from the GeoPackage;
* a big table of points in Lambert-93 read by view, as the map does on each pan or zoom
  (``geom && ST_MakeEnvelope``, GiST index, at most 100,000 features), for the whole
  cluster, a town and a district, and the layer's projection for drawing.

A local server has no network latency: over a network, add the round trips.
``--smoke`` (or ``DKGIS_BENCH_SMOKE=1``) runs tiny sizes once (the test suite does);
``DKGIS_BENCH_RUNS`` changes the runs. Without PostgreSQL and PostGIS installed, it says
so and exits 0.
"""

from __future__ import annotations

import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import SMOKE, pick, runs

from dkgis.data import DEFAULT_DATASET
from dkgis.io.gpkg_copy import read_copy
from dkgis.io.postgis import Dsn
from dkgis.io.postgis.dataset import pull, push_copy
from dkgis.io.postgis.layers import list_geometry_tables, open_reader, read_view
from dkgis.model.db_layer import DatabaseLayer
from dkgis.model.project import Project
from tests.pg_server import make_parcels, missing_reason, start_server

POINTS = pick(1_000_000, 2_000)
REPEAT = runs(5)

#: Views read (longitude/latitude boxes): the cluster, a town, a district.
VIEWS = {
    "cluster": (2.10, 50.95, 2.50, 51.05),
    "town": (2.20, 50.97, 2.30, 51.01),
    "district": (2.24, 50.98, 2.26, 50.99),
}


def best(function, repeat: int = REPEAT) -> tuple[float, object]:
    """The best time of ``repeat`` runs (seconds), and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    reason = missing_reason()
    if reason is not None:
        print(f"skipped: {reason}")
        return 0
    print(f"PostGIS benchmark ({'smoke' if SMOKE else 'full'} sizes, best of {REPEAT})")
    server = start_server()
    try:
        db = server.new_database()
        owner, viewer = Dsn(server.dsn("dkgis_admin", db)), Dsn(server.dsn("bob", db))
        copy = read_copy(DEFAULT_DATASET)
        seconds, result = best(lambda: push_copy(owner, copy))
        print(f"push dataset       {seconds * 1000:8.0f} ms  {result.rows} rows")
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "pulled.gpkg"
            seconds, _ = best(lambda: pull(viewer, out))
            print(f"pull dataset       {seconds * 1000:8.0f} ms  {out.stat().st_size} bytes")
        seconds, _ = best(lambda: Project.load(DEFAULT_DATASET))
        print(f"open GeoPackage    {seconds * 1000:8.0f} ms")
        seconds, project = best(lambda: Project.load(viewer))
        print(f"open database      {seconds * 1000:8.0f} ms  {len(project.facilities)} facilities")

        started = time.perf_counter()
        # A grid over the cluster: 2.10-2.50°E, 50.95-51.05°N.
        columns = 200 if SMOKE else 2000
        make_parcels(server, db, POINTS, columns, (0.4 / columns, 0.1 * columns / POINTS))
        print(f"table of points    {time.perf_counter() - started:8.1f} s   {POINTS} points made")
        (table,) = list_geometry_tables(viewer)
        layer = DatabaseLayer("bench", viewer, table)
        with closing(open_reader(viewer)) as conn:
            for name, box in VIEWS.items():
                seconds, (data, truncated) = best(lambda b=box: read_view(conn, viewer, table, b))
                drawn, _ = best(lambda d=data: (layer.replace_data(d), layer.prepare()))
                more = " (more in the area)" if truncated else ""
                print(
                    f"view {name:13s} {seconds * 1000:8.0f} ms  {len(data)} features{more}; "
                    f"projection {drawn * 1000:.0f} ms"
                )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
