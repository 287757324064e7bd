"""Watch the GUI event loop and the process's memory while something runs.

A precise ``QTimer`` ticks every few milliseconds on the GUI thread: the
longest gap between two ticks is the longest time the window could not answer
(a click, a repaint). Each tick also samples the resident memory of the
process, so the peak growth over the watch is known. Used by the tests that show
the window keeps answering and by the benchmarks that print its stalls.
"""

from __future__ import annotations

import itertools
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
        #: When each tick came (``time.perf_counter()``).
        self.times: list[float] = []
        self.rss_start: int | None = None
        self.rss_peak: int | None = None
        self._last = 0.0

    def start(self) -> EventLoopProbe:
        self.ticks = 0
        self.longest_gap = 0.0
        self.gaps = []
        self.times = []
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

    def between(self, start: float, end: float) -> list[float]:
        """The ticks that came between ``start`` and ``end`` (``time.perf_counter()``)."""
        return [t for t in self.times if start <= t <= end]

    def longest_at(self, start: float, end: float) -> tuple[float, float]:
        """The longest gap between ``start``, the ticks in between and ``end``, and when it
        began (seconds, timer period included)."""
        marks = [start, *self.between(start, end), end]
        return max(((b - a, a) for a, b in itertools.pairwise(marks)), default=(0.0, start))

    def longest(self, start: float, end: float) -> float:
        """The longest gap between ``start`` and ``end`` (see :meth:`longest_at`)."""
        return self.longest_at(start, end)[0]

    @property
    def rss_growth(self) -> int | None:
        """Peak resident memory above the one at :meth:`start`, in bytes."""
        if self.rss_start is None or self.rss_peak is None:
            return None
        return self.rss_peak - self.rss_start

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self.times.append(now)
        self.longest_gap = max(self.longest_gap, now - self._last)
        self._last = now
        self.ticks += 1
        rss = rss_bytes()
        if rss is not None and self.rss_peak is not None:
            self.rss_peak = max(self.rss_peak, rss)
