"""The main window: the map in the centre, layer and details docks around it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from dkgis import __version__
from dkgis.map.canvas import MapCanvas
from dkgis.ui.details_panel import DetailsPanel
from dkgis.ui.layer_panel import LayerPanel
from dkgis.ui.settings import app_settings

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Bump when the dock layout changes incompatibly, so an old saved state is ignored.
STATE_VERSION = 1


class MainWindow(QMainWindow):
    """dkgis's main window for one project."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.project = project
        self.canvas = MapCanvas(project, self)
        self.setCentralWidget(self.canvas)
        self._create_actions()
        self._create_docks()
        self._create_menus()
        self._update_title()
        self.statusBar().showMessage(
            self.tr("{n} facilities loaded from {file}").format(
                n=len(project.facilities), file=Path(project.path).name
            )
        )
        self._restore_settings()

    # -- construction ------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.open_action = QAction(self.tr("&Open Dataset…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dataset_dialog)
        self.export_action = QAction(self.tr("&Export Map as PNG…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_png_dialog)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.zoom_in_action = QAction(self.tr("Zoom &In"), self)
        self.zoom_in_action.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.triggered.connect(lambda: self.canvas.zoom_by(0.8))
        self.zoom_out_action = QAction(self.tr("Zoom &Out"), self)
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(lambda: self.canvas.zoom_by(1.25))
        self.zoom_full_action = QAction(self.tr("Zoom to &Cluster"), self)
        self.zoom_full_action.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_full_action.triggered.connect(self.canvas.zoom_full)
        self.about_action = QAction(self.tr("&About dkgis"), self)
        self.about_action.triggered.connect(self.show_about)

    def _create_docks(self) -> None:
        self.layer_panel = LayerPanel(self.project)
        self.layer_dock = self._dock(self.tr("Layers"), "layerDock", self.layer_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layer_dock)
        self.details_panel = DetailsPanel(self.project)
        self.details_dock = self._dock(self.tr("Details"), "detailsDock", self.details_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self._create_chart_docks()

    def _create_chart_docks(self) -> None:
        """Trajectory chart and cluster panel (issue 4), tabbed under the details."""
        from dkgis.ui.charts.docks import create_chart_docks

        self.projections, self.trajectory_dock, self.cluster_dock = create_chart_docks(self)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        return dock

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_full_action)
        view_menu.addSeparator()
        view_menu.addAction(self.layer_dock.toggleViewAction())
        view_menu.addAction(self.details_dock.toggleViewAction())
        view_menu.addAction(self.trajectory_dock.toggleViewAction())
        view_menu.addAction(self.cluster_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("dkgis — {name}").format(name=Path(self.project.path).name))

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("window/state")
        if not (isinstance(state, QByteArray) and self.restoreState(state, STATE_VERSION)):
            self.resizeDocks(
                [self.layer_dock, self.details_dock], [230, 420], Qt.Orientation.Horizontal
            )
            self.resizeDocks(
                [self.details_dock, self.trajectory_dock], [240, 560], Qt.Orientation.Vertical
            )

    def _save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(STATE_VERSION))
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_settings()
        super().closeEvent(event)

    # -- commands ----------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        """Ask for a GeoPackage and open it in a new window."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Dataset"), "", self.tr("GeoPackage (*.gpkg);;All files (*)")
        )
        if path:
            self.open_dataset(path)

    def open_dataset(self, path: str | Path) -> MainWindow | None:
        """Open the dataset at ``path`` in a new window; on error, say why and keep this one."""
        from dkgis.io.errors import DatasetError
        from dkgis.model.project import Project

        try:
            project = Project.load(path)
        except DatasetError as err:
            show_dataset_error(self, err)
            return None
        window = MainWindow(project)
        window.show()
        return window

    def export_png_dialog(self) -> None:
        """Ask for a file name and export the current view as a PNG."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Map"), "dkgis-map.png", self.tr("PNG image (*.png)")
        )
        if path:
            self.export_png(path)

    def export_png(self, path: str | Path) -> bool:
        """Export the current view (same size as the canvas, doubled) to ``path``."""
        from dkgis.export.image import export_png
        from dkgis.model.snapshot import SnapshotSpec

        size = self.canvas.viewbox.size()
        spec = SnapshotSpec(
            extent=self.canvas.extent(),
            width=max(1, round(size.width() * 2)),
            height=max(1, round(size.height() * 2)),
            dpi=192,
            title=self.tr("Dunkerque industrial-port cluster"),
            subtitle=self.tr("Facilities by sector"),
        )
        try:
            export_png(self.project, spec, path)
        except OSError as err:
            QMessageBox.critical(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {reason}").format(
                    path=path, reason=err.strerror or err
                ),
            )
            return False
        self.statusBar().showMessage(self.tr("Map exported to {path}").format(path=path), 5000)
        return True

    def show_about(self) -> None:
        """Show the version and the data sources."""
        sources = "".join(
            f"<li>{s.title} — {s.licence}</li>" for s in self.project.sources.values()
        )
        QMessageBox.about(
            self,
            self.tr("About dkgis"),
            self.tr(
                "<b>dkgis {version}</b><br>Decarbonization explorer for the Dunkerque "
                "industrial-port cluster.<p>Data sources:</p>"
            ).format(version=__version__)
            + f"<ul>{sources}</ul>",
        )


def show_dataset_error(parent: QWidget | None, err) -> None:
    """Tell the user, in a dialog, which file could not be opened and why."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setObjectName("datasetErrorBox")
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "Cannot open dataset"))
    box.setText(
        QCoreApplication.translate("MainWindow", "The file {file} could not be opened.").format(
            file=Path(err.path).name
        )
    )
    box.setInformativeText(str(err))
    if parent is None:
        box.exec()
    else:
        box.open()
