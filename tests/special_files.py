"""Named pipes for tests, watched so that a program reading one cannot hang the test run.

Reading a named pipe blocks until some other program writes to it. A test that hands
one to dkgis in the test process would hang forever if dkgis read it; the watchdog of
:func:`named_pipe` then plays the writer that closes at once (the reader sees the end
of the file) and records that it had to, so the test fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest


class PipeWatch:
    """What happened to a watched named pipe."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unblocked = 0  # readers the watchdog had to release

    @property
    def was_read(self) -> bool:
        """Whether something opened the pipe to read it."""
        return self.unblocked > 0


@contextlib.contextmanager
def named_pipe(path: Path, patience: float = 5.0) -> Iterator[PipeWatch]:
    """Create a named pipe at ``path``; release any reader blocked on it for ``patience`` s."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need a POSIX system")
    os.mkfifo(path)
    watch = PipeWatch(path)
    done = threading.Event()

    def watchdog() -> None:
        while not done.wait(patience):
            try:  # succeeds only while a reader has the pipe open, or waits in open()
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                continue
            os.close(fd)
            watch.unblocked += 1

    thread = threading.Thread(target=watchdog, name="named-pipe-watchdog", daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        done.set()
        thread.join()
