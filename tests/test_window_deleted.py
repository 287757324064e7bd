"""A window deleted right after it is shown: nothing it queued reaches its deleted widgets."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent


def test_a_window_deleted_as_soon_as_shown_gets_no_late_call(qtbot):
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load())
    window.show()  # the docks queue their first computation for after this event
    kpis = window.kpi_panel
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(kpis)
    # pytest-qt fails the test if a queued call raises (a deleted C++ object) meanwhile.
    qtbot.wait(100)
