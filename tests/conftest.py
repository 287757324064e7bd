"""Test set-up: Qt offscreen, and a fresh settings folder for every test."""

from __future__ import annotations

import os

import pytest

# Before any QApplication exists: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real settings."""
    monkeypatch.setenv("DKGIS_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real tile cache."""
    monkeypatch.setenv("DKGIS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
