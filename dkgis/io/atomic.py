"""Write files atomically: a crash or an error never leaves a half-written file
in place of the user's previous one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` on success.

    The temporary file is removed when the body raises, and ``path`` is left
    untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(2, "folder does not exist", str(directory))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes a private file; give the result the permissions a plain write would.
        os.chmod(tmp_path, _file_mode(target))
        _fsync(tmp_path)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def _fsync(path: Path) -> None:
    """Flush ``path``'s bytes to disk, so a power cut after the rename cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _file_mode(target: Path) -> int:
    """The mode of the existing ``target``, else the default for a new file.

    The default is read from the process umask once, at import, never by changing
    the umask (which is process-wide and would race with other threads' writes).
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def _read_umask() -> int:
    if os.name != "posix":
        return 0o022
    try:  # Linux reports it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)  # at import, on the main thread, before any worker starts
    os.umask(umask)
    return umask


_UMASK = _read_umask()
