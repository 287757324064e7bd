"""Work around a reference-count bug of PySide6 6.12 on Python 3.10 and 3.11.

PySide6 6.12 returns ``None`` from Qt's ``void`` methods without taking a
reference to it. Python 3.12 made ``None`` immortal, so the bug is harmless
there, but on older Pythons every call such as ``painter.setPen(...)`` drops
``None``'s reference count by one: a map frame makes about 500 such calls, and
after a few dozen frames the interpreter aborts with "none_dealloc: deallocating
None". Until PySide is fixed, :func:`protect_none` gives ``None`` a reference
count that cannot run out (2**48 calls: centuries of painting).
"""

from __future__ import annotations

import sys

#: Added to None's reference count; far beyond what a session can consume.
_RESERVE = 1 << 48


def protect_none() -> None:
    """Make ``None`` effectively immortal on Pythons where it is not (idempotent)."""
    if sys.version_info >= (3, 12) or not hasattr(sys, "getrefcount"):
        return
    import ctypes

    # ob_refcnt is the first field of every object (CPython, non-debug builds).
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _RESERVE // 2:
        refcount.value += _RESERVE
