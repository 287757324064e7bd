"""Open user files safely: only regular files, read with a byte cap.

A named pipe, a device (``/dev/zero``) or a directory given where a file is
expected must be refused before anything reads it: reading a pipe blocks
forever and a device never ends, whatever size ``stat`` reports. Every reader
of user-chosen files goes through :func:`check_regular_file`, and whole-file
reads through :func:`read_capped`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dkgis.i18n import _


class NotARegularFileError(OSError):
    """The path exists but is not a regular file (a folder, a pipe, a device...).

    ``strerror`` says what it is (``"a named pipe, not a file"``), ``filename`` is the path
    and ``kind`` names what it is (``"a named pipe"``).
    """

    kind: str = ""


class FileTooLargeError(OSError):
    """The file holds more bytes than the caller accepts (``strerror`` says how many)."""


def describe_kind(mode: int) -> str:
    """A few words naming what a file of this ``st_mode`` is, for error messages."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def _not_regular(mode: int, path: str | Path) -> NotARegularFileError:
    kind = describe_kind(mode)
    err = NotARegularFileError(
        errno.EINVAL, _("{kind}, not a file").format(kind=kind), os.fspath(path)
    )
    err.kind = kind
    return err


def check_regular_file(path: str | Path) -> os.stat_result:
    """Return the ``stat`` of ``path`` after checking it is a regular file.

    Symbolic links are followed (a link to a regular file is accepted).

    Raises
    ------
    FileNotFoundError
        ``path`` does not exist.
    NotARegularFileError
        ``path`` is a folder, a pipe, a device or a socket.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(st.st_mode, path)
    return st


@contextlib.contextmanager
def open_regular(path: str | Path) -> Iterator[BinaryIO]:
    """Open a regular file for reading in binary mode, refusing anything else.

    Raises
    ------
    NotARegularFileError, FileNotFoundError
        As :func:`check_regular_file`.
    """
    check_regular_file(path)
    # O_NONBLOCK: if the path was swapped for a pipe after the check, open() does not hang.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(mode, path)
        yield handle


def read_head(path: str | Path, size: int) -> bytes:
    """Read at most the first ``size`` bytes of a regular file (fewer when it is shorter).

    Raises
    ------
    NotARegularFileError, FileNotFoundError
        As :func:`check_regular_file`.
    """
    with open_regular(path) as handle:
        return handle.read(size)


def read_capped(path: str | Path, max_bytes: int) -> bytes:
    """Read a whole regular file, refusing it when it holds more than ``max_bytes``.

    The cap is enforced on the bytes actually read, not on the size the system
    reports, so a file that grows while read or lies about its size cannot
    exhaust memory.

    Raises
    ------
    NotARegularFileError, FileNotFoundError
        As :func:`check_regular_file`.
    FileTooLargeError
        The file holds more than ``max_bytes`` bytes.
    """
    with open_regular(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        problem = _("larger than {size} bytes").format(size=max_bytes)
        raise FileTooLargeError(errno.EFBIG, problem, os.fspath(path))
    return data
