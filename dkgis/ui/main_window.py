"""The main window: the map in the centre, layer and details docks around it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QToolBar,
    QWidget,
)

from dkgis import wording
from dkgis.i18n import format_year
from dkgis.map.canvas import MapCanvas
from dkgis.map.screen_frame import ScreenFrame
from dkgis.model.frame import EMISSION_LAYER
from dkgis.ui import window_layout
from dkgis.ui.basemap_menu import BasemapMenu
from dkgis.ui.bookmarks import BookmarksMenu, BookmarkStore
from dkgis.ui.dataset_error import show_dataset_error
from dkgis.ui.db_actions import DatabaseActions
from dkgis.ui.details_panel import DetailsPanel
from dkgis.ui.facility_table import FacilityTablePanel
from dkgis.ui.hover import FacilityTooltips
from dkgis.ui.layer_panel import LayerPanel
from dkgis.ui.legend_panel import LegendPanel
from dkgis.ui.project_files import ProjectFiles
from dkgis.ui.resources import icon
from dkgis.ui.scenario_editor import ScenarioEditor
from dkgis.ui.search import FacilitySearchBox
from dkgis.ui.settings import app_settings
from dkgis.ui.status_bar import CursorStatus
from dkgis.ui.undo import UndoHistory
from dkgis.ui.user_layers import UserLayerController, add_context_actions, local_paths
from dkgis.ui.year_slider import YearSlider

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Bump when the dock layout changes incompatibly, so an old saved state is ignored
#: (2: the chart docks hold their panel in a DockedChart; wider charts at first).
STATE_VERSION = 2


class MainWindow(QMainWindow):
    """dkgis's main window for one project."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.project = project
        #: What the window shows (year, scenario, layers, sectors, selection, view): the
        #: map, its legend, the table, the tooltip, the details and the slider's caption.
        self.screen_frame = ScreenFrame(project, self)
        self.canvas = MapCanvas(project, self.screen_frame, self)
        self.setCentralWidget(self.canvas)
        # User layers: File > Add Layer…, drops, progress in the status bar.
        self.user_layers = UserLayerController(project, self, self.open_dataset)
        self.statusBar().addPermanentWidget(self.user_layers.progress)
        self.setAcceptDrops(True)
        #: Set once the user has answered the "save changes?" question (or had none to answer).
        self._close_confirmed = False
        self._create_actions()
        self._create_docks()
        self._create_menus()
        self._create_toolbars()
        self._create_status_bar()
        self.update_title()
        self.statusBar().showMessage(
            self.tr("{n} facilities loaded from {file}").format(
                n=len(project.facilities), file=project.source_name
            )
        )
        self._restore_settings()

    # -- construction ------------------------------------------------------------------
    def _create_actions(self) -> None:
        # Edit > Undo / Redo: every edit of the scenarios, layers and sector filter.
        self.undo_history = UndoHistory(self.project, self)
        self.undo_history.stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_action = self.undo_history.undo_action
        self.redo_action = self.undo_history.redo_action
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)  # the shortcuts work wherever the focus is in the window
        self.open_action = QAction(self.tr("&Open Dataset…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dataset_dialog)
        self.add_layer_action = QAction(self.tr("&Add Layer…"), self)
        self.add_layer_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.add_layer_action.setStatusTip(
            self.tr("Add a GeoJSON, GeoPackage, Shapefile or CSV file to the map")
        )
        self.add_layer_action.triggered.connect(self.user_layers.add_layer_dialog)
        # New releases of emission data (issue 11): the user's own copy of the data.
        self.import_data_action = QAction(self.tr("&Import Emissions Data…"), self)
        self.import_data_action.setObjectName("importDataAction")
        self.import_data_action.setStatusTip(
            self.tr(
                "Add a new release (EUTL dataset of euets.info, Union Registry workbook, IREP "
                "archive) to your own copy of the data"
            )
        )
        self.import_data_action.triggered.connect(self.import_data_dialog)
        self.embedded_data_action = QAction(self.tr("Back to the &Embedded Data"), self)
        self.embedded_data_action.setObjectName("embeddedDataAction")
        self.embedded_data_action.setStatusTip(
            self.tr("Set your imported data aside and show the data shipped with dkgis")
        )
        self.embedded_data_action.triggered.connect(self.back_to_embedded_data)
        # Snapshot composer: PNG, SVG, PDF, clipboard (issue 5).
        self.export_action = QAction(self.tr("&Export Map…"), self)
        self.export_action.setObjectName("exportMapAction")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip(
            self.tr("Export the map as PNG, SVG or PDF, or copy it to paste into a slide")
        )
        self.export_action.triggered.connect(self.export_map_dialog)
        # Interactive HTML map (issue 5).
        self.export_html_action = QAction(self.tr("Export Interactive Map (&HTML)…"), self)
        self.export_html_action.setObjectName("exportHtmlAction")
        self.export_html_action.triggered.connect(self.export_html_dialog)
        # PowerPoint deck and animation (issue 5, dkgis/ui/presentation_export.py).
        self.export_pptx_action = QAction(self.tr("Export Presentation (&PowerPoint)…"), self)
        self.export_pptx_action.setObjectName("exportPptxAction")
        self.export_pptx_action.triggered.connect(self.export_presentation_dialog)
        self.export_animation_action = QAction(self.tr("Export A&nimation…"), self)
        self.export_animation_action.setObjectName("exportAnimationAction")
        self.export_animation_action.triggered.connect(self.export_animation_dialog)
        # Project files (issue 4): scenarios, view, selection and year in a JSON file.
        self.project_files = ProjectFiles(self)
        # The team's PostGIS database (issue 13): open it, its tables, shared items.
        self.database = DatabaseActions(self)
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
        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self.preferences_action.setObjectName("preferencesAction")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.preferences_dialog)
        self.about_action = QAction(self.tr("&About dkgis"), self)
        self.about_action.triggered.connect(self.show_about)
        # Help: the user guide (bundled, offline) and the list of shortcuts.
        self.guide_action = QAction(self.tr("&Guide"), self)
        self.guide_action.setObjectName("guideAction")
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.setStatusTip(self.tr("How to use dkgis, step by step"))
        self.guide_action.triggered.connect(self.show_guide)
        self.shortcuts_action = QAction(self.tr("&Keyboard Shortcuts"), self)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.guide_window: QWidget | None = None
        # Interaction: map tools, zoom to selection, search.
        self.zoom_full_action.setIcon(icon("zoom-full"))
        self.zoom_selection_action = QAction(
            icon("zoom-selection"), self.tr("Zoom to &Selection"), self
        )
        self.zoom_selection_action.setShortcut(QKeySequence("Ctrl+J"))
        self.zoom_selection_action.setToolTip(self.tr("Zoom to the selected facilities (Ctrl+J)"))
        self.zoom_selection_action.triggered.connect(self.zoom_to_selection)
        self.pan_tool_action = QAction(icon("pan"), self.tr("&Pan"), self)
        self.pan_tool_action.setToolTip(
            self.tr("Drag to move the map; Ctrl+drag still selects in a rectangle")
        )
        self.select_tool_action = QAction(icon("select-rectangle"), self.tr("&Select"), self)
        self.select_tool_action.setToolTip(
            self.tr("Drag a rectangle to select facilities; Shift adds to the selection")
        )
        tools = QActionGroup(self)
        for action in (self.pan_tool_action, self.select_tool_action):
            action.setCheckable(True)
            tools.addAction(action)
        self.pan_tool_action.setChecked(True)
        self.select_tool_action.toggled.connect(self.canvas.select_tool.set_active)
        self.find_action = QAction(self.tr("&Find Facility…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.project.selection.changed.connect(self._on_selection_changed)
        self._on_selection_changed(self.project.selection.ids)
        # -- symbology (issue 3): facility names on the map
        self.labels_action = QAction(self.tr("Facility &Names"), self)
        self.labels_action.setObjectName("labelsAction")
        self.labels_action.setCheckable(True)
        self.labels_action.setChecked(self.project.display.labels)
        self.labels_action.setShortcut(QKeySequence("Ctrl+L"))
        self.labels_action.toggled.connect(self._on_labels_toggled)
        self.project.display.events.labels.connect(self.labels_action.setChecked, check_nargs=False)

    def _create_docks(self) -> None:
        self.layer_panel = LayerPanel(self.project)
        self.layer_dock = self._dock(self.tr("Layers"), "layerDock", self.layer_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layer_dock)
        self.layer_panel.menu_hooks.append(
            lambda layer, menu: add_context_actions(self.user_layers, layer, menu)
        )
        self.details_panel = DetailsPanel(self.project, self.screen_frame)
        self.details_dock = self._dock(self.tr("Details"), "detailsDock", self.details_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.table_panel = FacilityTablePanel(self.project, self.screen_frame)
        self.table_panel.facility_activated.connect(self.zoom_to_facility)
        self.table_dock = self._dock(self.tr("Facility Table"), "tableDock", self.table_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.table_dock)
        # -- symbology (issue 3): sector legend/filter dock and the year slider
        self.legend_panel = LegendPanel(self.project)
        self.legend_dock = self._dock(self.tr("Legend"), "legendDock", self.legend_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.legend_dock)
        self.year_slider = YearSlider(self.project, self.screen_frame)
        self.year_slider.slider.valueChanged.connect(self._on_year_slider_moved)
        self.year_toolbar = QToolBar(self.tr("Year"), self)
        self.year_toolbar.setObjectName("yearToolBar")
        self.year_toolbar.addWidget(self.year_slider)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.year_toolbar)
        self._create_chart_docks()
        self._create_kpi_dock()
        self._create_scenario_dock()
        if window_layout.is_short(self._available()):
            self._details_under_the_map(window_layout.is_wide(self._available()))
        self._hide_stray_tab_bars()

    def _create_chart_docks(self) -> None:
        """Trajectory chart and cluster panel (issue 4), tabbed under the details."""
        from dkgis.ui.charts.docks import create_chart_docks

        self.trajectory_dock, self.cluster_dock = create_chart_docks(self)

    def _create_kpi_dock(self) -> None:
        """Key figures (CO2e, jobs, investment, other clusters), tabbed with the cluster."""
        from dkgis.ui.kpi_panel import KpiPanel

        self.kpi_panel = KpiPanel(self.project)
        self.kpi_dock = self._dock(self.tr("Key Figures"), "kpiDock", self.kpi_panel)
        self.kpi_dock.visibilityChanged.connect(self.kpi_panel.on_dock_visibility)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.kpi_dock)
        self.tabifyDockWidget(self.cluster_dock, self.kpi_dock)
        self.trajectory_dock.raise_()

    def _create_scenario_dock(self) -> None:
        """The scenario editor (issue 4), tabbed with the facility table."""
        self.scenario_editor = ScenarioEditor(self.project)
        self.scenario_editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.scenario_dock = self._dock(self.tr("Scenarios"), "scenarioDock", self.scenario_editor)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.scenario_dock)
        self.tabifyDockWidget(self.table_dock, self.scenario_dock)
        self.table_dock.raise_()

    def _details_under_the_map(self, wide: bool) -> None:
        """On a short screen the charts take the whole right column and the details join
        the table and the scenarios under the map; on a wide one, the layers and the
        legend take the whole left column too (the table is then under the map only)."""
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.details_dock)
        self.tabifyDockWidget(self.scenario_dock, self.details_dock)
        self.table_dock.raise_()
        if wide:
            self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)

    def _hide_stray_tab_bars(self) -> None:
        # Qt 6.11 leaves a stray copy of a tab bar visible once a window has two groups of
        # tabbed docks: hide every dock tab bar; the layout shows again the ones in use.
        # (Only the window's own: the tabs inside a dock's panel are not the layout's.)
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.hide()
        self.layout().invalidate()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        return dock

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.database.open_action)
        file_menu.addAction(self.add_layer_action)
        file_menu.addMenu(self.database.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.import_data_action)
        file_menu.addAction(self.embedded_data_action)
        file_menu.addSeparator()
        file_menu.addActions(self.project_files.actions())
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_html_action)
        file_menu.addAction(self.export_pptx_action)
        file_menu.addAction(self.export_animation_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_full_action)
        view_menu.addAction(self.zoom_selection_action)
        view_menu.addSeparator()
        view_menu.addAction(self.pan_tool_action)
        view_menu.addAction(self.select_tool_action)
        view_menu.addAction(self.find_action)
        view_menu.addSeparator()
        self.basemap_menu = BasemapMenu(self.canvas.basemap, self.statusBar(), self)
        view_menu.addMenu(self.basemap_menu)
        view_menu.addSeparator()
        view_menu.addAction(self.layer_dock.toggleViewAction())
        view_menu.addAction(self.details_dock.toggleViewAction())
        view_menu.addAction(self.trajectory_dock.toggleViewAction())
        view_menu.addAction(self.cluster_dock.toggleViewAction())
        view_menu.addAction(self.kpi_dock.toggleViewAction())
        view_menu.addAction(self.table_dock.toggleViewAction())
        view_menu.addAction(self.scenario_dock.toggleViewAction())
        view_menu.addAction(self.legend_dock.toggleViewAction())
        view_menu.addAction(self.year_toolbar.toggleViewAction())
        view_menu.addAction(self.labels_action)
        self.bookmark_store = BookmarkStore(self)
        self.bookmarks_menu = BookmarksMenu(
            self.bookmark_store, self.canvas.extent, self.canvas.set_extent, self
        )
        self.menuBar().addMenu(self.bookmarks_menu)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _create_toolbars(self) -> None:
        self.map_toolbar = QToolBar(self.tr("Map Tools"), self)
        self.map_toolbar.setObjectName("mapToolBar")
        self.map_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.pan_tool_action, self.select_tool_action):
            self.map_toolbar.addAction(action)
        self.map_toolbar.addSeparator()
        self.map_toolbar.addAction(self.zoom_full_action)
        self.map_toolbar.addAction(self.zoom_selection_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.map_toolbar)
        self.search_toolbar = QToolBar(self.tr("Search"), self)
        self.search_toolbar.setObjectName("searchToolBar")
        self.search_box = FacilitySearchBox(self.project, self.search_toolbar)
        self.search_box.facility_chosen.connect(self.select_and_zoom_to)
        self.search_toolbar.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.search_toolbar)

    def _create_status_bar(self) -> None:
        from dkgis.data.user_data import is_user_dataset
        from dkgis.ui.import_dialog import user_data_label

        self.data_label = QLabel(self)
        self.data_label.setObjectName("dataLabel")
        text = user_data_label(Path(self.project.path)) if self.project.path else None
        self.data_label.setText(text or "")
        self.data_label.setVisible(bool(text))
        self.statusBar().addPermanentWidget(self.data_label)
        self.embedded_data_action.setEnabled(is_user_dataset(self.project.path))
        self.cursor_status = CursorStatus(self.statusBar(), self.canvas)
        self.tooltips = FacilityTooltips(self.project, self.canvas)
        # pyproj (Lambert-93) loads in the background once the map is on screen.
        self.canvas.first_frame_painted.connect(CursorStatus.start_warm_up)

    def _on_labels_toggled(self, on: bool) -> None:
        self.project.display.labels = on

    def update_title(self) -> None:
        """``dkgis — <project file or dataset>``, with ``*`` while edits are unsaved."""
        from dkgis.ui.import_dialog import user_data_label

        project_file = self.project_files.path
        if project_file is not None:
            name = project_file.name
        else:
            label = user_data_label(Path(self.project.path)) if self.project.path else None
            name = label or self.project.source_name
        # "[*]" is where Qt puts the unsaved marker while the window is modified.
        self.setWindowTitle(self.tr("dkgis — {name}").format(name=name) + "[*]")

    def _on_year_slider_moved(self, year: int) -> None:
        """Moving the slider changes the emission circles: say so when they are hidden."""
        from dkgis.ui.layer_panel import layer_title

        layer = self.project.layers.get(EMISSION_LAYER)
        if layer is not None and not layer.visible:
            self.statusBar().showMessage(
                self.tr(
                    "The layer “{layer}” is hidden: tick it in the Layers panel to see the "
                    "emissions of {year} on the map."
                ).format(layer=layer_title(layer), year=format_year(year)),
                8000,
            )

    # -- unsaved edits -----------------------------------------------------------------
    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def mark_saved(self) -> None:
        """The project as it is now is saved: no unsaved marker, no question at closing."""
        self.undo_history.stack.setClean()

    def mark_unsaved(self) -> None:
        """The project as it is now is in no file (e.g. carried over from another window)."""
        self.undo_history.stack.resetClean()
        self.setWindowModified(True)

    def apply_session(self, apply) -> None:
        """Call ``apply()``, which puts a saved state into the project: not an edit to
        undo, and the state of the file it comes from (no unsaved marker)."""
        with self.undo_history.paused():
            apply()
        self.undo_history.reset()
        self.setWindowModified(False)

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        #: The first start's geometry, until the window is shown (None: restored).
        self._first_rect: QRect | None = None
        settings = app_settings()
        self.basemap_menu.restore()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self._fit_to_screen()
        else:
            self._first_geometry()
        state = settings.value("window/state")
        if not (isinstance(state, QByteArray) and self.restoreState(state, STATE_VERSION)):
            self.first_layout()

    def _available(self) -> QRect:
        """The free room of the screen the window is on (without the task bar)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _first_geometry(self) -> None:
        """At the first start: as large as the screen's free room, its frame included."""
        self._first_rect = window_layout.first_geometry(self._available())
        self.setGeometry(self._first_rect)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first_rect is not None and self.geometry() == self._first_rect:
            # Only a window on screen knows its frame (title bar, borders) for sure.
            QTimer.singleShot(0, self, self._fit_to_screen)
        self._first_rect = None

    def _fit_to_screen(self) -> None:
        """Bring the window back inside the screen's free room, frame included (a
        position saved on a larger screen, a frame larger than foreseen)."""
        if self.isMaximized() or self.isFullScreen():
            return
        rect = window_layout.fitted(self.frameGeometry(), self.geometry(), self._available())
        if rect is not None:
            self.setGeometry(rect)

    def first_layout(self) -> None:
        """Share the window between the map and the docks (see :mod:`.window_layout`)."""
        size = self.size()
        self.layout().activate()
        sizes = window_layout.dock_sizes(size)
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        self.resizeDocks(
            [self.layer_dock, self.trajectory_dock], [sizes.left, sizes.right], horizontal
        )
        if self.dockWidgetArea(self.details_dock) == Qt.DockWidgetArea.RightDockWidgetArea:
            self.resizeDocks(
                [self.details_dock, self.trajectory_dock],
                [sizes.details, max(size.height() - sizes.details, sizes.details)],
                vertical,
            )
        self.resizeDocks([self.layer_dock], [sizes.layers], vertical)
        self.resizeDocks([self.table_dock], [sizes.bottom], vertical)

    def _save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(STATE_VERSION))
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_confirmed and self.isWindowModified():
            # The question does not block: the window closes once it is answered.
            event.ignore()
            self.project_files.ask_to_save(self._close_now)
            return
        from dkgis.ui.session import save_session

        save_session(self)
        self._save_settings()
        self.canvas.basemap.shutdown()
        self.user_layers.shutdown()
        self.database.shutdown()
        self.undo_history.close()
        super().closeEvent(event)

    def _close_now(self) -> None:
        self._close_confirmed = True
        self.close()

    # -- drag and drop of user files -----------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData().urls())
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.user_layers.add_files(paths)

    # -- commands ----------------------------------------------------------------------
    def zoom_to_facility(self, facility_id: str) -> None:
        """Show a facility and its surroundings (about 3 km across)."""
        from dkgis.model.zoom import facilities_extent

        extent = facilities_extent(self.project, [facility_id])
        if extent is not None:
            self.canvas.set_extent(extent)

    def select_and_zoom_to(self, facility_id: str) -> None:
        """Select a facility alone and zoom to it (what the search box does)."""
        self.project.selection.set({facility_id})
        self.zoom_to_facility(facility_id)

    def zoom_to_selection(self) -> None:
        """Frame the selected facilities."""
        from dkgis.model.zoom import facilities_extent

        extent = facilities_extent(self.project, self.project.selection.ids)
        if extent is not None:
            self.canvas.set_extent(extent)

    def _on_selection_changed(self, ids: frozenset[str]) -> None:
        self.zoom_selection_action.setEnabled(bool(ids))

    def _focus_search(self) -> None:
        self.search_toolbar.show()
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

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

    # -- imports of new data (issue 11) ------------------------------------------------
    def import_data_dialog(self) -> None:
        """Ask for release files, then show the import preview."""
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import Emissions Data"),
            "",
            self.tr("Emission releases (*.zip *.xlsx *.csv);;All files (*)"),
        )
        if paths:
            self.start_import(paths)

    def start_import(self, paths: list[str | Path]):
        """Open the import preview for ``paths`` (returns the dialog)."""
        from dkgis.data import DEFAULT_DATASET
        from dkgis.data.user_data import user_dataset_path
        from dkgis.ui.import_dialog import ImportDialog

        target = user_dataset_path()
        base = target if target.is_file() else Path(self.project.path or DEFAULT_DATASET)
        if self.project.database is not None:  # the import goes into the database
            base = target = self.project.database
        self.import_dialog = ImportDialog(paths, base, target, self)
        self.import_dialog.applied.connect(self._on_import_applied)
        self.import_dialog.open()
        return self.import_dialog

    def _on_import_applied(self, result) -> None:
        window = self.switch_dataset(result.path)
        if window is not None:
            window.statusBar().showMessage(
                self.tr(
                    "Imported: {added} values added, {changed} changed, {new} installations "
                    "added. dkgis now opens your copy of the data."
                ).format(
                    added=result.values_added,
                    changed=result.values_changed,
                    new=result.facilities_added,
                ),
                15000,
            )

    def back_to_embedded_data(self) -> MainWindow | None:
        """Set the user's copy aside (renamed, not deleted) and show the embedded data."""
        from dkgis.data import DEFAULT_DATASET
        from dkgis.data.user_data import set_aside_user_dataset

        try:
            kept = set_aside_user_dataset()
        except OSError as err:
            QMessageBox.critical(
                self,
                self.tr("Cannot set your data aside"),
                self.tr("{reason}").format(reason=err.strerror or err),
            )
            return None
        window = self.switch_dataset(DEFAULT_DATASET)
        if window is not None and kept is not None:
            window.statusBar().showMessage(
                self.tr("Your imported data was kept as {path}.").format(path=kept), 15000
            )
        return window

    def switch_dataset(self, path: str | Path) -> MainWindow | None:
        """Show ``path`` in a new window in place of this one, keeping the user's
        scenarios, the active scenario, the year, the selection and the map view."""
        from dkgis.io.errors import DatasetError
        from dkgis.model.project import Project

        try:
            project = Project.load(path)
        except DatasetError as err:
            show_dataset_error(self, err)
            return None
        old = self.project.scenarios
        own = list(old.user_scenarios())
        if own:
            presets = [
                s for s in project.scenarios.scenarios if project.scenarios.is_preset(s.name)
            ]
            project.scenarios.set_scenarios([*presets, *own], old.active_name)
        elif old.active_name in project.scenarios.names:
            project.scenarios.set_active(old.active_name)
        project.display.year = self.project.display.year
        project.selection.set(set(self.project.selection.ids) & set(project.facilities))
        window = MainWindow(project)
        window.setGeometry(self.geometry())
        window.canvas.set_extent(self.canvas.extent())
        if self.isWindowModified():
            window.mark_unsaved()  # the edits carried over are still unsaved
        window.show()
        self.replaced_by = window
        self._close_now()
        return window

    def export_map_dialog(self) -> None:
        """Open the snapshot composer (File > Export Map…)."""
        from dkgis.ui.snapshot_dialog import SnapshotDialog

        self.snapshot_dialog = SnapshotDialog(self.project, self.screen_frame, self)
        self.snapshot_dialog.exported.connect(self._on_snapshot_exported)
        self.snapshot_dialog.open()

    def _on_snapshot_exported(self, path: str, size: int) -> None:
        from dkgis.labels import format_number

        self.statusBar().showMessage(
            self.tr("Map exported to {path} ({size} MB)").format(
                path=path, size=format_number(size / 1e6, 2)
            ),
            8000,
        )

    def export_png(self, path: str | Path) -> bool:
        """Export the current view (same size as the canvas, doubled) to ``path``."""
        from dkgis.export.image import export_png
        from dkgis.model.snapshot import SnapshotSpec

        size = self.canvas.viewbox.size()
        frame = self.screen_frame.frame.replace(extent=self.canvas.extent())
        spec = SnapshotSpec(
            frame=frame,
            width=max(1, round(size.width() * 2)),
            height=max(1, round(size.height() * 2)),
            dpi=192,
            title=wording.default_title(),
            subtitle=wording.map_subtitle(self.project, frame),
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

    # -- interactive HTML map (issue 5) ------------------------------------------------
    def export_html_dialog(self) -> None:
        """Ask for a file name and export the interactive offline HTML map."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Interactive Map"),
            "dkgis-map.html",
            self.tr("Web page (*.html)"),
        )
        if path:
            self.export_html(path)

    def export_html(self, path: str | Path) -> None:
        """Start exporting the interactive map to ``path`` (built off the GUI thread).

        The status bar reports the written file; a dialog reports a failure.
        """
        from dkgis.ui.html_export import HtmlMapExport

        self.html_export = HtmlMapExport(self.project, self.screen_frame.frame, path, self)
        self.html_export.written.connect(self._on_html_export_written)
        self.html_export.failed.connect(self._on_html_export_failed)
        self.html_export.cancelled.connect(
            lambda: self.statusBar().showMessage(self.tr("Export cancelled"), 5000)
        )
        self.html_export.start()

    def _on_html_export_written(self, path: str, size: int) -> None:
        from dkgis.labels import format_number

        self.statusBar().showMessage(
            self.tr("Interactive map exported to {path} ({size} MB)").format(
                path=path, size=format_number(size / 1e6, 1)
            ),
            8000,
        )

    def _on_html_export_failed(self, message: str) -> None:
        box = QMessageBox(self)
        box.setObjectName("htmlExportErrorBox")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Export failed"))
        box.setText(self.tr("The interactive map could not be exported."))
        box.setInformativeText(message)
        box.open()

    # -- PowerPoint deck and animation (issue 5) -----------------------------------------
    def export_presentation_dialog(self) -> None:
        """File > Export Presentation (PowerPoint)…"""
        from dkgis.ui.presentation_export import presentation_dialog

        presentation_dialog(self)

    def export_animation_dialog(self) -> None:
        """File > Export Animation…"""
        from dkgis.ui.presentation_export import animation_dialog

        animation_dialog(self)

    def preferences_dialog(self) -> None:
        """Edit > Preferences…"""
        from dkgis.ui.preferences import PreferencesDialog

        self.preferences = PreferencesDialog(self)
        self.preferences.open()

    def show_guide(self) -> QWidget | None:
        """Help > Guide: open the user guide in its own window (offline)."""
        from dkgis.ui.help import GuideWindow, guide_page

        page = guide_page()
        if page is None:
            QMessageBox.warning(
                self, self.tr("Guide"), self.tr("The guide is not installed with this dkgis.")
            )
            return None
        if self.guide_window is None:
            self.guide_window = GuideWindow(page, self)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()
        return self.guide_window

    def show_shortcuts(self) -> QWidget:
        """Help > Keyboard Shortcuts: every shortcut of the window's actions."""
        from dkgis.ui.help import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def show_about(self) -> None:
        """Help > About dkgis: the version and the data sources with their licences."""
        from dkgis.ui.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.project, self)
        self.about_dialog.open()
