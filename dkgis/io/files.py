"""Open user files safely: only regular files, read with a byte cap.

A named pipe, a device (``/dev/zero``) or a directory given where a file is
expected must be refused before anything reads it: reading a pipe blocks
forever and a device never ends, whatever size ``stat`` reports. Every reader
of user-chosen files goes through :func:`check_regular_file`, and whole-file
reads through :func:`read_capped`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFileError(OSError):
    """The path exists but is not a regular file (a folder, a pipe, a device...)."""


class FileTooLargeError(OSError):
    """The file holds more bytes than the caller accepts."""


def describe_kind(mode: int) -> str:
    """A few words naming what a file of this ``st_mode`` is, for error messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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
        raise NotARegularFileError(f"{describe_kind(st.st_mode)}, not a file", os.fspath(path))
    return st


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
    check_regular_file(path)
    # O_NONBLOCK: if the path was swapped for a pipe after the check, open() does not hang.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotARegularFileError("not a regular file", os.fspath(path))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLargeError(f"larger than {max_bytes} bytes", os.fspath(path))
    return data
