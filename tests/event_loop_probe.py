"""Watch the GUI event loop and the process's memory while something runs.

A precise ``QTimer`` ticks every few milliseconds on the GUI thread: the
longest gap between two ticks is the longest time the window could not answer
(a click, a repaint). Each tick also samples the resident memory of the
process, so the peak growth over the watch is known. Used by the tile tests
and ``bench/tiles.py``.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, Qt, QTimer


def rss_bytes() -> int | None:
    """Resident memory of this process, or ``None`` where ``/proc`` is not available."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


class EventLoopProbe(QObject):
    """Longest stall of the event loop and peak memory growth since :meth:`start`.

    Parameters
    ----------
    interval_ms
        Tick period of the timer.
    """

    def __init__(self, interval_ms: int = 5) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.ticks = 0
        self.longest_gap = 0.0
        #: Every gap between two ticks, in seconds.
        self.gaps: list[float] = []
        self.rss_start: int | None = None
        self.rss_peak: int | None = None
        self._last = 0.0

    def start(self) -> EventLoopProbe:
        self.ticks = 0
        self.longest_gap = 0.0
        self.gaps = []
        self.rss_start = self.rss_peak = rss_bytes()
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def stop(self) -> None:
        self._tick()
        self.timer.stop()

    @property
    def longest_stall_ms(self) -> float:
        """Longest gap between two ticks beyond the timer's own period, in milliseconds."""
        return max(0.0, self.longest_gap * 1000 - self.interval_ms)

    def stalls_over(self, ms: float) -> int:
        """How many times the window could not answer for longer than ``ms`` milliseconds."""
        return sum(1 for gap in self.gaps if gap * 1000 - self.interval_ms > ms)

    @property
    def rss_growth(self) -> int | None:
        """Peak resident memory above the one at :meth:`start`, in bytes."""
        if self.rss_start is None or self.rss_peak is None:
            return None
        return self.rss_peak - self.rss_start

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self.longest_gap = max(self.longest_gap, now - self._last)
        self._last = now
        self.ticks += 1
        rss = rss_bytes()
        if rss is not None and self.rss_peak is not None:
            self.rss_peak = max(self.rss_peak, rss)
