"""Snapshot export benchmark; prints figures (run: ``python bench/export.py``).

A4 landscape at 300 dpi (3508 x 2480 px) of the whole cluster, embedded dataset,
offline basemap, emission layer of the last verified year, every decoration
(title, subtitle, legends, scale bar, north arrow, credits, sources, date):

* PNG: render on the GUI thread (the map's graphics items live there), then
  compress and write (the dialog does this part in a worker thread);
* PDF and SVG: vector render (shapes and text) and write;
* the same page as a 16:9 slide with a trajectory chart, and the clipboard copy
  (image + SVG + PDF);
* the dialog's preview (about 500 px wide).

Goals: A4 300 dpi PNG and PDF each <= 1.5 s; PDF <= 2 MB. Times are wall-clock
seconds, median and min of the runs (the first, cold run is reported apart).
``--smoke``: one run of an A4 page at 72 dpi (see ``bench/common.py``).
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DKGIS_CONFIG_DIR", tempfile.mkdtemp(prefix="dkgis-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import SMOKE, runs

RUNS = runs(5)


def timed(fn, runs: int = RUNS):
    """(cold seconds, median, min, last result) of ``fn()``."""
    t = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return cold, statistics.median(times), min(times), result


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841

    from dkgis.export.snapshot import (
        encode_png,
        make_spec,
        render_snapshot,
        snapshot_mime_data,
        write_snapshot,
    )
    from dkgis.map.render import render_image
    from dkgis.model.frame import frame_of
    from dkgis.model.project import Project
    from dkgis.model.snapshot import LAYOUT_MAP_CHART, PRESETS, SizePreset

    project = Project.load()
    layers = tuple(layer.name for layer in project.layers)
    frame = frame_of(project, layers=layers, extent=project.cluster_extent())
    a4 = PRESETS["a4-landscape"]
    if SMOKE:
        a4 = SizePreset("a4-smoke", 842, 595, 72, paper=True)
    spec = make_spec(project, frame, a4.width, a4.height, a4.dpi, today=datetime.date.today())
    out = Path(tempfile.mkdtemp(prefix="dkgis-export-"))
    print(
        f"A4 landscape, {a4.width} x {a4.height} px at {a4.dpi} dpi, whole cluster, "
        f"emissions {frame.year}, {len(project.facilities)} facilities; {RUNS} runs"
    )
    print(f"{'':34s} {'cold':>7s} {'median':>7s} {'min':>7s}   file")

    def row(label, figures, size=None):
        cold, median, best, _ = figures
        tail = f"   {size / 1e6:.2f} MB" if size is not None else ""
        print(f"{label:34s} {cold:7.3f} {median:7.3f} {best:7.3f}{tail}")

    render = timed(lambda: render_snapshot(project, spec, "png"))
    image = render[3].image
    encode = timed(lambda: encode_png(image))
    png_total = timed(lambda: write_snapshot(render_snapshot(project, spec, "png"), out / "a4.png"))
    row("PNG render (GUI thread)", render)
    row("PNG compress (worker)", encode)
    row("PNG total, written", png_total, (out / "a4.png").stat().st_size)
    pdf = timed(lambda: write_snapshot(render_snapshot(project, spec, "pdf"), out / "a4.pdf"))
    row("PDF total, written", pdf, (out / "a4.pdf").stat().st_size)
    svg = timed(lambda: write_snapshot(render_snapshot(project, spec, "svg"), out / "a4.svg"))
    row("SVG total, written", svg, (out / "a4.svg").stat().st_size)

    slide = PRESETS["slide-16x9"] if not SMOKE else SizePreset("slide-smoke", 640, 360, 48)
    chart = make_spec(
        project,
        frame.replace(year=2030),
        slide.width,
        slide.height,
        slide.dpi,
        layout=LAYOUT_MAP_CHART,
        today=datetime.date.today(),
    )
    row(
        "slide 16:9 map + chart, PNG",
        timed(lambda: write_snapshot(render_snapshot(project, chart, "png"), out / "s.png")),
        (out / "s.png").stat().st_size,
    )
    row("slide 16:9 clipboard (PNG+SVG+PDF)", timed(lambda: snapshot_mime_data(project, chart)))
    preview = spec.preview_of(512, 372)
    row(
        f"preview {preview.width} x {preview.height}", timed(lambda: render_image(project, preview))
    )
    pdf_size = (out / "a4.pdf").stat().st_size
    ok = png_total[1] <= 1.5 and pdf[1] <= 1.5 and pdf_size <= 2e6
    print(f"goals (A4 PNG and PDF <= 1.5 s, PDF <= 2 MB): {'met' if ok else 'NOT met'}")
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
