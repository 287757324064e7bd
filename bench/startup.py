"""Startup and export benchmarks; prints figures (run: ``python bench/startup.py``).

* first frame: wall time from launching ``python`` to the first painted map frame
  of the main window on the embedded dataset (Qt offscreen platform);
* export: wall time of the whole ``dkgis export`` command (process start included)
  at 1600 x 1000, and the in-process render time alone.

Goals on a 2-core machine: first frame <= 1.5 s, export <= 1.0 s. ``--smoke``: one run
(see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = runs(5)

FIRST_FRAME = """
import sys
from dkgis.ui.app import create_application
from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow
app = create_application()
window = MainWindow(Project.load())
def done():
    print("FRAME", flush=True)
    app.quit()
window.canvas.first_frame_painted.connect(done)
window.show()
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    env["DKGIS_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dkgis-bench-")
    return env


def time_first_frame() -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", FIRST_FRAME],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(),
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "FRAME":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the window never painted a frame")
    proc.wait(timeout=30)
    return elapsed


def time_export_command(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dkgis", "export", str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=_env(),
    )
    return time.perf_counter() - start


def time_render_in_process() -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from dkgis.map.render import render_image
    from dkgis.model.frame import frame_of
    from dkgis.model.project import Project
    from dkgis.model.snapshot import SnapshotSpec

    QApplication.instance() or QApplication([])
    project = Project.load()
    frame = frame_of(project, extent=project.cluster_extent())
    spec = SnapshotSpec(frame, width=1600, height=1000, title="Bench")
    render_image(project, spec)  # warm caches (projection, paths)
    start = time.perf_counter()
    render_image(project, spec)
    return time.perf_counter() - start


def report(name: str, values: list[float], goal: float | None = None) -> None:
    med = statistics.median(values)
    line = f"{name:<34} median {med * 1000:7.0f} ms   min {min(values) * 1000:7.0f} ms"
    if goal is not None:
        line += f"   goal {goal * 1000:.0f} ms {'OK' if med <= goal else 'MISSED'}"
    print(line, flush=True)


def main() -> None:
    print(f"dkgis startup benchmark, {RUNS} runs each, python {sys.version.split()[0]}")
    report("first painted frame", [time_first_frame() for _ in range(RUNS)], 1.5)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "map.png"
        report("dkgis export (whole command)", [time_export_command(out) for _ in range(RUNS)], 1.0)
        print(f"{'export file size':<34} {out.stat().st_size / 1024:7.0f} KiB")
    report("render 1600x1000 (in process)", [time_render_in_process() for _ in range(RUNS)])


if __name__ == "__main__":
    main()
