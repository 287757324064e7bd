"""The guard against PySide6 6.12's reference-count bug keeps long sessions alive."""

from __future__ import annotations

import sys

import pytest

from dkgis.qtcompat import protect_none


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_singletons_cannot_run_out_of_references():
    protect_none()
    protect_none()  # idempotent: no overflow
    for singleton in (None, True, False):
        assert 2**47 < sys.getrefcount(singleton) < 2**50


def test_many_map_frames_do_not_crash(qtbot):
    """Thousands of paints: without the guard, PySide6 6.12 on Python 3.11 aborts."""
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load())
    qtbot.addWidget(window)
    window.resize(800, 500)
    window.show()
    qtbot.waitExposed(window)
    for _ in range(300):
        window.canvas.viewport().repaint()
    assert window.isVisible()
