"""Addresses from datasets become clickable links only when they are web addresses."""

from __future__ import annotations

import shutil

import pytest
from gpkg_factory import run_sql

from dkgis.data import DEFAULT_DATASET
from dkgis.model.project import Project
from dkgis.model.text import is_web_url
from dkgis.ui.main_window import MainWindow


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://www.ecologie.gouv.fr/", True),
        ("HTTP://example.org", True),
        ("file:///C:/Windows/System32/calc.exe", False),
        ("javascript:alert(1)", False),
        ("\\\\server\\share\\x.exe", False),
        ("", False),
    ],
)
def test_only_web_addresses_are_links(url, web):
    assert is_web_url(url) is web


def test_cluster_gaps_do_not_link_a_local_program(qtbot, tmp_path):
    data = tmp_path / "data.gpkg"
    shutil.copy(DEFAULT_DATASET, data)
    run_sql(data, ["UPDATE targets SET source_url = 'file:///C:/Windows/System32/calc.exe'"])
    window = MainWindow(Project.load(data))
    qtbot.addWidget(window)
    window.show()
    window.cluster_dock.raise_()
    qtbot.waitUntil(lambda: window.cluster_panel.data is not None)
    gaps = window.cluster_panel.gap_html()
    assert "<a " not in gaps and "href" not in gaps
    assert "misses it by" in gaps or "meets it" in gaps  # the gap sentences are still there
