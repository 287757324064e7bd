"""Write files atomically: a crash or an error never leaves a half-written file
in place of the user's previous one.

The bytes go to a temporary file next to the target (``.NAME.XXXXXXXX.tmp``), which
replaces the target once complete. A process killed while writing leaves that temporary
behind; the next write to the same target removes such leftovers, and
:func:`remove_stale_temporaries` cleans a whole folder of dkgis's own (its settings
folder, at start). A temporary is only removed when it is stale: older than
:data:`STALE_AFTER_S` and, where the system allows it, not locked by the process
writing it, so that two dkgis windows saving the same file at once never remove each
other's work in progress.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: Seconds after which a temporary that nobody has written to is a leftover of a crash.
STALE_AFTER_S = 600.0

# What mkstemp adds between our prefix and suffix: 8 characters of this set.
_RANDOM_PART = r"[a-z0-9_]{8}"


def temporary_name_pattern(target_name: str | None = None) -> re.Pattern[str]:
    """The names of the temporaries :func:`atomic_path` makes for ``target_name``.

    ``None``: the temporaries of any target.
    """
    name = ".+" if target_name is None else re.escape(target_name)
    return re.compile(rf"\.{name}\.{_RANDOM_PART}\.tmp")


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` on success.

    The temporary file is removed when the body raises, and ``path`` is left
    untouched. Stale temporaries of earlier writes to ``path`` (left by a process
    that was killed) are removed first.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(2, "folder does not exist", str(directory))
    remove_stale_temporaries(directory, target.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp_path = Path(tmp)
    # The lock, held until the end, tells other processes cleaning up that the file is in
    # use; where there is no lock, the file is not kept open (the body writes it by path).
    if not _lock(fd):
        os.close(fd)
        fd = -1
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
    finally:
        if fd >= 0:
            os.close(fd)


def remove_stale_temporaries(
    folder: str | Path, target_name: str | None = None, *, max_age: float = STALE_AFTER_S
) -> int:
    """Remove the stale temporaries that :func:`atomic_path` left in ``folder``.

    Parameters
    ----------
    folder
        Where to look (not recursively).
    target_name
        Only the temporaries of this file name; ``None``: of any name (for a folder
        that only dkgis writes to, such as its settings folder).
    max_age
        Seconds since the last change after which a temporary is stale.

    Returns
    -------
    int
        How many files were removed. Nothing is ever raised: a file that cannot be
        removed (in use, no permission) is left.
    """
    pattern = temporary_name_pattern(target_name)
    deadline = time.time() - max_age
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_mtime < deadline
            and _remove_unless_locked(entry.path)
        ):
            removed += 1
    return removed


def _remove_unless_locked(path: str) -> bool:
    """Remove ``path`` unless a process holds its lock; whether it was removed."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if _lock(fd) is None:
            return False  # locked by the process writing it
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _lock(fd: int) -> bool | None:
    """Take an exclusive advisory lock on ``fd`` without waiting.

    Returns ``True`` when taken, ``None`` when another open file holds it, ``False``
    when the system or the file system has no such locks (Windows): the age of a
    temporary is then what tells whether it is in use.
    """
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return None
    except OSError:
        return False
    return True


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
