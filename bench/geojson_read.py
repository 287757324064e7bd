"""Big GeoJSON files read (the cadastre's parcels, buildings); prints figures.

Run: ``python bench/geojson_read.py``. The 150 000 building polygons of
``bench/userpolygons.py`` (``tests/building_factory.py``) are written as a GeoJSON file
in longitude/latitude with GDAL, as a user's tool would, and compressed with gzip as
Etalab's cadastre is downloaded (``*.json.gz``). Then, for each file:

* read: :func:`dkgis.io.readers.read_file` whole (the median of the runs, and the best),
  and its phases: split (the features found in the bytes, the rest of the document
  parsed), parse (the features decoded), geometry and attributes (the features collected
  into flat arrays and columns), the rest (CRS checks, freeing the document);
* longest hold of Python's lock (the GIL) while a worker thread reads: how long the
  window's event loop would stall at most (the main thread wakes every millisecond); and
  while it only splits the collection into its features (numpy passes over the bytes);
* memory: the resident memory the layer adds to a fresh process (the readers already
  loaded), as a multiple of the file's size, and its peak while reading.

``DKGIS_BENCH_RUNS`` changes the runs; ``--smoke``: 500 polygons, one run.
"""

from __future__ import annotations

import gc
import gzip
import itertools
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import SMOKE, memory_figures, peak_resident_mb, pick, resident_mb, runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POLYGONS = pick(150_000, 500)
RUNS = runs(3)


def write_files(folder: Path) -> tuple[Path, Path]:
    """The buildings as ``batiments.geojson`` (GDAL's GeoJSON writer) and ``.json.gz``."""
    import pyogrio

    from tests.building_factory import write_buildings

    gpkg = write_buildings(folder / "batiments.gpkg", POLYGONS)
    frame = pyogrio.read_dataframe(gpkg).to_crs(4326)
    plain = folder / "batiments.geojson"
    pyogrio.write_dataframe(frame, plain, driver="GeoJSON")
    packed = folder / "batiments.json.gz"
    with open(plain, "rb") as source, gzip.open(packed, "wb", compresslevel=6) as target:
        shutil.copyfileobj(source, target)
    return plain, packed


def phases(path: Path) -> dict[str, float]:
    """Seconds of each phase of one read of ``path``, as the reader does them for a plain
    FeatureCollection (decoded into types)."""
    from dkgis.io.readers import ReadOptions, geojson_schema
    from dkgis.io.readers import geojson as reader
    from dkgis.io.readers.base import paused_gc

    times: dict[str, float] = {}
    start = time.perf_counter()
    with paused_gc():
        raw = reader.read_json_bytes(path)
        read = time.perf_counter()
        collection = geojson_schema.split(reader.without_bom(raw))
        split = time.perf_counter()
        features = None if collection is None else geojson_schema.typed_features(collection)
        if features is None:
            raise SystemExit(f"{path.name} is not a plain FeatureCollection")
        del raw
        parsed = time.perf_counter()
        crs, problem = reader.declared_crs({"crs": collection.crs})
        found = reader.collect_typed(path, features)
        collected = time.perf_counter()
        del collection, features
    reader.finish_features(path, found, crs, problem, ReadOptions(), None)
    end = time.perf_counter()
    times["file read (and decompressed)"] = read - start
    times["split (features found, the rest parsed)"] = split - read
    times["parse (features decoded)"] = parsed - split
    times["geometry and attributes"] = collected - parsed
    times["rest (CRS checks, document freed)"] = end - collected
    return times


def longest_stall(work: Callable[[], object]) -> float:
    """The longest time the main thread waited for Python's lock (the GIL) while a worker
    thread ran ``work``, as the window's event loop would: it wakes every millisecond."""
    import threading

    done = threading.Event()

    def run() -> None:
        work()
        done.set()

    worker = threading.Thread(target=run)
    ticks = [time.perf_counter()]
    worker.start()
    while not done.is_set():
        time.sleep(0.001)
        ticks.append(time.perf_counter())
    worker.join()
    ticks.append(time.perf_counter())  # a short work may end before the first tick
    return max(b - a for a, b in itertools.pairwise(ticks))


def print_stalls(path: Path) -> None:
    """Print the longest holds of Python's lock while a worker reads ``path``, and while it
    only splits the collection (its bytes freed on return: the memory figures are measured
    in a process started afterwards, which starts with this one's peak)."""
    from dkgis.io.readers import geojson_schema, read_file
    from dkgis.io.readers.geojson import read_json_bytes, without_bom

    raw = without_bom(read_json_bytes(path))
    works = {
        "longest hold of the lock, worker read": lambda: read_file(path, progress=lambda f: None),
        "longest hold of the lock, split alone": lambda: geojson_schema.split(raw),
    }
    for name, work in works.items():
        stalls = [longest_stall(work) for _ in range(RUNS)]
        print(
            f"  {name:<40} median"
            f" {statistics.median(stalls) * 1000:6.0f} ms  max {max(stalls) * 1000:6.0f} ms",
            flush=True,
        )


def bench(path: Path, json_mb: float) -> None:
    """Print the figures of ``path``, whose JSON text is ``json_mb`` MB."""
    from dkgis.io.readers import read_file

    size = path.stat().st_size / 1e6
    print(f"{path.name} ({size:.1f} MB, {POLYGONS:,} polygons):", flush=True)
    walls = []
    for _ in range(RUNS):
        gc.collect()
        start = time.perf_counter()
        data = read_file(path)
        walls.append(time.perf_counter() - start)
        del data
    print(
        f"  {'read (read_file)':<40} median {statistics.median(walls) * 1000:6.0f} ms"
        f"  min {min(walls) * 1000:6.0f} ms",
        flush=True,
    )
    found = [phases(path) for _ in range(RUNS)]
    for name in found[0]:
        value = statistics.median(f[name] for f in found)
        print(f"  {name:<40} median {value * 1000:6.0f} ms", flush=True)
    print_stalls(path)
    grown, peak, held = memory_figures(__file__, path)
    print(
        f"  {'memory of the layer':<40} {grown:6.0f} MB resident, {grown / json_mb:.2f} x"
        f" the {json_mb:.1f} MB of JSON, {grown / size:.2f} x the file (geometry arrays"
        f" {held:.0f} MB; peak while reading {peak:.0f} MB)",
        flush=True,
    )


def memory(path: Path) -> None:
    """Print the resident memory a layer adds to a fresh process, its peak while reading
    and its geometry arrays' bytes (MB); the readers loaded first with a tiny file."""
    from dkgis.io.readers import read_file
    from dkgis.ui.layer_loader import return_freed_memory

    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.geojson"
        warm.write_text(
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties":'
            ' {"a": 1}, "geometry": {"type": "Polygon", "coordinates": [[[2.1, 51.0],'
            " [2.2, 51.0], [2.2, 51.1], [2.1, 51.0]]]}}]}"
        )
        read_file(warm)
    gc.collect()
    return_freed_memory()
    before = resident_mb()
    data = read_file(path, progress=lambda fraction: None)
    return_freed_memory()
    gc.collect()
    grown = resident_mb() - before
    peak = peak_resident_mb() - before
    held = data.table.geometry.nbytes / 1e6
    print(f"{grown:.1f} {max(peak, grown):.1f} {held:.1f}")


def main() -> None:
    if sys.argv[1:2] == ["--memory"]:
        memory(Path(sys.argv[2]))
        return
    print(f"load average {os.getloadavg()[0]:.2f}; runs {RUNS}; smoke {SMOKE}", flush=True)
    with tempfile.TemporaryDirectory(prefix="dkgis-bench-geojson-") as folder:
        plain, packed = write_files(Path(folder))
        json_mb = plain.stat().st_size / 1e6
        for path in (plain, packed):
            bench(path, json_mb)


if __name__ == "__main__":
    main()
