"""What the benchmarks share: how many runs, which sizes, and the smoke mode.

Every benchmark also runs in the test suite in its smoke mode (``--smoke`` on the command
line, or ``DKGIS_BENCH_SMOKE=1``): one run at tiny sizes, no figure compared with a goal,
so that a change of the code cannot break a benchmark unseen. Outside the smoke mode,
``DKGIS_BENCH_RUNS`` and ``DKGIS_BENCH_SIZES`` change the runs and the sizes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

#: The tests' helpers serve the benchmarks too: the event loop's probe (its longest stall,
#: ``event_loop_probe.EventLoopProbe``) and the tile server.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

#: Whether this is a smoke run (tiny sizes, one run).
SMOKE = "--smoke" in sys.argv[1:] or os.environ.get("DKGIS_BENCH_SMOKE", "") not in ("", "0")
if SMOKE:  # processes a benchmark starts (one per measured case) run in smoke mode too
    os.environ["DKGIS_BENCH_SMOKE"] = "1"


def runs(default: int, smoke: int = 1) -> int:
    """The number of runs: ``DKGIS_BENCH_RUNS``, else ``default`` (``smoke`` in a smoke run)."""
    return smoke if SMOKE else int(os.environ.get("DKGIS_BENCH_RUNS", str(default)))


def sizes(default: str, smoke: str) -> list[int]:
    """Sizes from ``DKGIS_BENCH_SIZES`` (``"1000,100000"``), else ``default``, or ``smoke``."""
    text = smoke if SMOKE else os.environ.get("DKGIS_BENCH_SIZES", default)
    return [int(v) for v in text.split(",")]


def pick(value, smoke_value):
    """``value``, or ``smoke_value`` in a smoke run."""
    return smoke_value if SMOKE else value


def uptime() -> str:
    """What ``uptime`` prints (the load of the machine), or the load average alone."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
        return "load average: " + ", ".join(f"{v:.2f}" for v in load)


def discard_window(window) -> None:
    """Close a main window and delete it now, with what it held.

    A window left to ``deleteLater`` would be destroyed by the next event loop that
    runs, in the middle of the next measurement.
    """
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    window.user_layers.shutdown()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def resident_mb() -> float:
    """The process's resident memory (Linux; NaN elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return float("nan")


def peak_resident_mb() -> float:
    """The largest resident memory of the process so far (Linux; NaN elsewhere). Not
    ``ru_maxrss``: a process started by another one begins with that one's peak."""
    try:
        with open("/proc/self/status") as f:
            line = next(line for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return float("nan")
    return int(line.split()[1]) / 1e3


def memory_figures(script: str, path) -> tuple[float, float, float]:
    """Run ``script --memory path`` in a new process (its memory is the layer's alone) and
    return the three figures it prints: MB the layer added, peak MB while loading, MB of
    its arrays."""
    result = subprocess.run(
        [sys.executable, script, "--memory", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    grown, peak, held = (float(v) for v in result.stdout.split())
    return grown, peak, held


def wait_for(app, condition, timeout: float = 120.0) -> float:
    """Run the event loop until ``condition()``; return when it became true."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(2)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    if not condition():
        loop.exec()
    poll.stop()
    return time.perf_counter()
