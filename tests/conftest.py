"""Test set-up: Qt offscreen, and a fresh settings folder for every test."""

from __future__ import annotations

import os
import sys

import pytest

# Before any QApplication exists: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _pin_singletons_if_the_binding_leaks() -> None:
    """Keep the suite alive under PySide6 6.12.0 on Python < 3.12.

    That binding drops a reference to ``None`` on every void call, and the
    interpreter aborts once the count reaches zero, killing the whole run.
    Python 3.12 makes ``None``, ``True`` and ``False`` immortal; this does the
    same here, for the tests only, so that every test reports its result;
    tests/test_qt_binding.py fails and names the bad version.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    if before - sys.getrefcount(None) < 50:
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_pin_singletons_if_the_binding_leaks()


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real settings."""
    monkeypatch.setenv("DKGIS_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real tile cache."""
    monkeypatch.setenv("DKGIS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
