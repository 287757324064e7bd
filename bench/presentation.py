"""PowerPoint deck and animation benchmark; prints figures
(run: ``QT_QPA_PLATFORM=offscreen python bench/presentation.py``).

* GIF: render time per frame (map + year label), palette + encoding, file size, for
  2005–2050 at 1280 x 720 and 1920 x 1080;
* MP4 (when ffmpeg is on PATH): total time and file size at 1280 x 720;
* PowerPoint: the map slide alone, and map + 2 site chart slides (FR_956, FR_205769):
  time and file size;
* the whole ``dkgis export deck.pptx`` command (process start included).

``--smoke``: small frames, a few years, one run (see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SMOKE, pick, runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


RUNS = runs(3)
FRAME_SIZES = pick(((1280, 720), (1920, 1080)), ((960, 540),))
#: Years of the animations (2005-2050; a few in a smoke run).
YEARS = pick((2005, 2050), (2020, 2023))


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, n={len(values)})"


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841
    from dkgis.export import animation as anim
    from dkgis.export.pptx_deck import export_pptx
    from dkgis.model.frame import emission_map_frame
    from dkgis.model.project import Project

    project = Project.load(None)
    frame = emission_map_frame(project)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        # -- frames --------------------------------------------------------------------
        for size in FRAME_SIZES:
            options = anim.AnimationOptions(
                width=size[0], height=size[1], first_year=YEARS[0], last_year=YEARS[1]
            )
            anim.render_frame(project, frame.replace(year=2010), options)  # warm-up
            times = []
            for year in (2005, 2015, 2022, 2040):
                start = time.perf_counter()
                anim.to_pil(anim.render_frame(project, frame.replace(year=year), options))
                times.append(time.perf_counter() - start)
            print(f"frame {size[0]}x{size[1]} (render + copy): {_median(times)}")
            out = tmpdir / f"anim-{size[0]}.gif"
            start = time.perf_counter()
            result = anim.export_animation(project, out, frame, options)
            total = time.perf_counter() - start
            print(
                f"GIF {YEARS[0]}-{YEARS[1]} {size[0]}x{size[1]}: {result.frames} frames in "
                f"{total:.2f} s "
                f"({total / result.frames * 1000:.0f} ms/frame incl. palette and encoding), "
                f"{result.size_bytes / 1e6:.2f} MB"
            )
        if anim.ffmpeg_path() and not SMOKE:
            out = tmpdir / "anim.mp4"
            start = time.perf_counter()
            result = anim.export_animation(project, out, frame, anim.AnimationOptions())
            total = time.perf_counter() - start
            print(
                f"MP4 2005-2050 1280x720: {total:.2f} s "
                f"({total / result.frames * 1000:.0f} ms/frame), {result.size_bytes / 1e6:.2f} MB"
            )
        else:
            print("MP4: not measured (ffmpeg not on PATH, or a smoke run)")

        # -- PowerPoint ----------------------------------------------------------------
        for label, sites in (("map slide", ()), ("map + 2 site slides", ("FR_956", "FR_205769"))):
            times, size = [], 0
            for _ in range(RUNS):
                out = tmpdir / "deck.pptx"
                start = time.perf_counter()
                result = export_pptx(project, out, frame.replace(year=2022), site_ids=sites)
                times.append(time.perf_counter() - start)
                size = result.size_bytes
            print(f"pptx {label}: {_median(times)}, {size / 1e6:.2f} MB")

        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("QT_QPA_PLATFORM", None)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "dkgis", "export", str(tmpdir / "cli.pptx"),
                 "--sites", "FR_956"],
                check=True, env=env, capture_output=True,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
        print(f"dkgis export deck.pptx --sites FR_956 (whole command): {_median(times)}")


if __name__ == "__main__":
    main()
