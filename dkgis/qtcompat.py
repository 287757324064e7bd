"""Work around a reference-count bug of PySide6 6.12 on Python 3.10 and 3.11.

PySide6 6.12 hands back ``None`` (from Qt's ``void`` methods) and ``True`` /
``False`` (in some overrides) without taking a reference to them. Python 3.12
made these objects immortal, so the bug is harmless there, but on older
Pythons every call such as ``painter.setPen(...)`` drops ``None``'s reference
count by one: a map frame makes about 500 such calls, and after a few dozen
frames the interpreter aborts with "none_dealloc: deallocating None" (or
"bool_dealloc"). PySide6 6.11 does not have the bug. Until PySide is fixed,
:func:`protect_none` gives these singletons a reference count that cannot run
out (2**48 calls: centuries of painting).
"""

from __future__ import annotations

import sys

#: Added to None's reference count; far beyond what a session can consume.
_RESERVE = 1 << 48


def protect_none() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal where they are not.

    Idempotent; does nothing on Python 3.12 and later or outside CPython.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False, NotImplemented, Ellipsis):
        # ob_refcnt is the first field of every object (CPython, non-debug builds).
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _RESERVE // 2:
            refcount.value += _RESERVE
