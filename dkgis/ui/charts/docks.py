"""The chart docks of the main window: trajectory chart and cluster panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget

from dkgis.ui.charts.cluster_panel import ClusterPanel
from dkgis.ui.charts.trajectory_panel import TrajectoryPanel

if TYPE_CHECKING:
    from dkgis.ui.main_window import MainWindow


def create_chart_docks(window: MainWindow) -> tuple[QDockWidget, QDockWidget]:
    """Add the trajectory and cluster docks on the right, tabbed under the details dock.

    The charts follow the project's scenarios (``window.project.scenarios``).

    Returns
    -------
    trajectory_dock, cluster_dock
        The docks (objectNames ``trajectoryDock`` and ``clusterDock``).
    """
    window.trajectory_panel = TrajectoryPanel(window.project)
    window.cluster_panel = ClusterPanel(window.project)
    trajectory = QDockWidget(QCoreApplication.translate("MainWindow", "Trajectory"), window)
    trajectory.setObjectName("trajectoryDock")
    trajectory.setWidget(window.trajectory_panel)
    cluster = QDockWidget(QCoreApplication.translate("MainWindow", "Cluster"), window)
    cluster.setObjectName("clusterDock")
    cluster.setWidget(window.cluster_panel)
    trajectory.visibilityChanged.connect(window.trajectory_panel.on_dock_visibility)
    cluster.visibilityChanged.connect(window.cluster_panel.on_dock_visibility)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, trajectory)
    window.splitDockWidget(window.details_dock, trajectory, Qt.Orientation.Vertical)
    window.tabifyDockWidget(trajectory, cluster)
    trajectory.raise_()
    # The right column runs down to the status bar: charts need height more than the
    # bottom docks (the facility table) need width.
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    return trajectory, cluster
