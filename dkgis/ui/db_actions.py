"""File > Open Database… and File > Shared Database: the team's PostGIS store in a window.

* *Open Database…* asks for a connection (:class:`~dkgis.ui.db_dialog.ConnectionDialog`)
  and opens its dataset in a new window.
* *Add Layer from Database…* lists the geometry tables one may read and adds them as
  layers read by view (:mod:`dkgis.ui.db_layers`).
* For a window showing a database: *Save Project to Database…*, *Open Project from
  Database…*, *Share Active Scenario* and *Open Shared Scenario…*. Saves are checked
  against the version read (optimistic locking): when someone else saved meanwhile, a
  dialog says who and when, and nothing is overwritten.

Every database call runs off the GUI thread (:class:`~dkgis.ui.db_dialog.DatabaseJob`);
failures are said in a dialog and the window stays as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from dkgis.ui.db_dialog import ConnectionDialog, DatabaseJob, SharedItemDialog, error_text
from dkgis.ui.db_layers import DatabaseLayerReader

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.io.postgis.dsn import Dsn
    from dkgis.io.postgis.layers import GeometryTable
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

#: Windows opened on a database (kept alive: a top-level window needs a Python reference).
_OPENED: list = []


def show_project_window(window_class: type[MainWindow], project: Project) -> MainWindow:
    """Show ``project`` in a new main window of ``window_class``."""
    from shiboken6 import isValid

    window = window_class(project)
    window.show()
    _OPENED[:] = [w for w in _OPENED if isValid(w) and w.isVisible()] + [window]
    return window


def open_database_dialog(
    parent, window_class: type[MainWindow], dsn: Dsn | None = None, problem: str | None = None
) -> ConnectionDialog:
    """Ask for a database and open its dataset in a new window of ``window_class``
    (non-blocking).

    ``dsn`` fills the fields; ``problem`` says why the dialog is asked (a password the
    server wants, for ``dkgis --data DSN``).
    """
    from dkgis.model.project import Project

    dialog = ConnectionDialog(Project.load, parent, dsn=dsn, problem=problem)
    dialog.connected.connect(lambda project, _dsn: show_project_window(window_class, project))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class DatabaseActions(QObject):
    """The database actions of a main window (see the module docstring).

    Attributes
    ----------
    versions : dict
        ``(kind, name) -> version`` of the shared items read or saved from this window:
        a save is refused when the database holds another version.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.versions: dict[tuple[str, str], int] = {}
        self.jobs: list[DatabaseJob] = []
        self.dialog = None
        self.open_action = self._action(
            self.tr("Open &Database…"),
            "openDatabaseAction",
            self.open_database,
            self.tr("Open the dataset of your team's PostgreSQL/PostGIS database"),
        )
        self.add_layer_action = self._action(
            self.tr("Add &Layer from Database…"),
            "addDatabaseLayerAction",
            self.add_layer_dialog,
            self.tr("Add a table of a PostGIS database, read for the visible area"),
        )
        self.save_project_action = self._action(
            self.tr("&Save Project to Database…"),
            "saveProjectToDatabaseAction",
            self.save_project_dialog,
            self.tr("Share the scenarios, view, selection and year with your team"),
        )
        self.open_project_action = self._action(
            self.tr("&Open Project from Database…"),
            "openProjectFromDatabaseAction",
            self.open_project_dialog,
        )
        self.share_scenario_action = self._action(
            self.tr("Share Active S&cenario"),
            "shareScenarioAction",
            self.share_scenario,
            self.tr("Save the active scenario in the database for your team"),
        )
        self.open_scenario_action = self._action(
            self.tr("Open Shared Sce&nario…"),
            "openSharedScenarioAction",
            self.open_scenario_dialog,
        )
        self.menu = QMenu(self.tr("Shared &Database"), window)
        self.menu.setObjectName("sharedDatabaseMenu")
        self.menu.addAction(self.add_layer_action)
        self.menu.addSeparator()
        for action in (
            self.save_project_action,
            self.open_project_action,
            self.share_scenario_action,
            self.open_scenario_action,
        ):
            self.menu.addAction(action)
        window.project.scenarios.changed.connect(self._update_actions)
        self._update_actions()
        self.reader = DatabaseLayerReader(window.project, self, status=self._say)

    def _action(
        self, text: str, name: str, slot: Callable[[], Any], tip: str | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    @property
    def database(self) -> Dsn | None:
        """The database the window shows, if it shows one."""
        return self.window.project.database

    def _update_actions(self) -> None:
        shared = self.database is not None
        for action in (self.save_project_action, self.open_project_action):
            action.setEnabled(shared)
        self.open_scenario_action.setEnabled(shared)
        scenarios = self.window.project.scenarios
        active = scenarios.active_name
        self.share_scenario_action.setEnabled(
            shared and active is not None and not scenarios.is_preset(active)
        )
        if not shared:
            tip = self.tr("Open a database (File > Open Database…) to share with your team")
            for action in (
                self.save_project_action,
                self.open_project_action,
                self.share_scenario_action,
                self.open_scenario_action,
            ):
                action.setToolTip(tip)

    # -- helpers -------------------------------------------------------------------------
    def run(self, job: Callable[[], Any], done: Callable[[Any], None], what: str) -> DatabaseJob:
        """Run ``job`` off the GUI thread; ``done(result)`` then, or a dialog on failure."""
        self.window.statusBar().showMessage(what)
        task = DatabaseJob(job, self)
        task.done.connect(done)
        task.done.connect(lambda _r: self._forget(task))
        task.failed.connect(self.show_error)
        task.failed.connect(lambda _e: self._forget(task))
        self.jobs.append(task)
        task.start()
        return task

    def _forget(self, task: DatabaseJob) -> None:
        if task in self.jobs:
            self.jobs.remove(task)

    @property
    def busy(self) -> bool:
        """Whether a database call or a layer read of this window is running."""
        return bool(self.jobs) or self.reader.busy

    def shutdown(self) -> None:
        """Stop reading layers and close their connections (the window closes)."""
        self.reader.shutdown()

    def show_error(self, err: BaseException) -> QMessageBox:
        """Say in a dialog what went wrong (a conflict names who saved meanwhile)."""
        self.window.statusBar().clearMessage()
        box = QMessageBox(self.window)
        box.setObjectName("databaseErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        kind = getattr(err, "kind", None)
        if kind == "conflict":
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Saved by Someone Else"))
            box.setText(self.tr("Your save was refused: nothing was overwritten."))
        else:
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(self.tr("Database Problem"))
            where = getattr(err, "where", None)
            box.setText(
                self.tr("The database {name} could not be used.").format(name=where)
                if where
                else self.tr("The database could not be used.")
            )
        box.setInformativeText(error_text(err))
        box.open()
        self.dialog = box
        return box

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    # -- opening a database --------------------------------------------------------------
    def open_database(self) -> ConnectionDialog:
        """File > Open Database…"""
        self.dialog = open_database_dialog(self.window, type(self.window), dsn=self.database)
        return self.dialog

    # -- layers ----------------------------------------------------------------------------
    def add_layer_dialog(self):
        """List the geometry tables (of the window's database, else of one asked for)."""
        from dkgis.io.postgis.layers import list_geometry_tables

        dsn = self.database
        if dsn is None:
            dialog = ConnectionDialog(
                list_geometry_tables, self.window, title=self.tr("Add Layer from Database")
            )
            dialog.connected.connect(self._choose_tables)
            dialog.open()
            self.dialog = dialog
            return dialog
        return self.run(
            lambda: list_geometry_tables(dsn),
            lambda tables: self._choose_tables(tables, dsn),
            self.tr("Reading the tables of {database}…").format(database=dsn.label),
        )

    def _choose_tables(self, tables: list[GeometryTable], dsn: Dsn) -> None:
        from dkgis.ui.db_dialog import TableChoiceDialog

        self.window.statusBar().clearMessage()
        dialog = TableChoiceDialog(tables, self.window)

        def answered(result: int) -> None:
            chosen = dialog.chosen() if result else []
            dialog.deleteLater()
            for table in chosen:
                self.add_table(dsn, table)

        dialog.finished.connect(answered)
        dialog.open()
        self.dialog = dialog

    def add_table(self, dsn: Dsn, table: GeometryTable):
        """Add ``table`` as a layer read by view; return the layer."""
        from dkgis.model.db_layer import DatabaseLayer
        from dkgis.model.user_layer import UserStyle, unique_layer_name
        from dkgis.symbology.user_palette import next_user_colour

        project = self.window.project
        used = [layer.style.colour for layer in project.layers if layer.kind == "user"]
        layer = DatabaseLayer(
            unique_layer_name(table.title, project.layers.names),
            dsn,
            table,
            UserStyle(colour=next_user_colour(used)),
        )
        self.window.user_layers.add_layer(layer)
        self._say(
            self.tr(
                "Layer “{title}” added from {database}: its features are read for the visible area."
            ).format(title=table.title, database=dsn.label)
        )
        return layer

    # -- projects ----------------------------------------------------------------------------
    def save_project_dialog(self) -> QInputDialog | None:
        """Ask for the name of the shared project, then save it."""
        if self.database is None:
            return None
        dialog = QInputDialog(self.window)
        dialog.setObjectName("projectNameDialog")
        dialog.setWindowTitle(self.tr("Save Project to Database"))
        dialog.setLabelText(self.tr("Name of the project, as your team will see it:"))
        names = [name for kind, name in self.versions if kind == "project"]
        dialog.setTextValue(names[-1] if names else "")
        dialog.textValueSelected.connect(self.save_project)
        dialog.open()
        self.dialog = dialog
        return dialog

    def save_project(self, name: str) -> DatabaseJob | None:
        """Save the session as the shared project ``name``."""
        from dkgis.io.postgis.shared import save_project
        from dkgis.ui.project_files import session_state

        name = name.strip()
        dsn = self.database
        if not name or dsn is None:
            return None
        state = session_state(self.window)
        expected = self.versions.get(("project", name))

        def saved(item) -> None:
            self.versions[("project", name)] = item.version
            self._say(
                self.tr("Project “{name}” saved to the database (version {version}).").format(
                    name=name, version=item.version
                )
            )

        return self.run(
            lambda: save_project(dsn, name, state, expected),
            saved,
            self.tr("Saving the project “{name}”…").format(name=name),
        )

    def open_project_dialog(self) -> DatabaseJob | None:
        """List the shared projects, then open the one chosen."""
        from dkgis.io.postgis.shared import list_items

        dsn = self.database
        if dsn is None:
            return None
        return self.run(
            lambda: list_items(dsn, "project"),
            lambda items: self._choose(
                items, self.tr("Open Project from Database"), self.open_project
            ),
            self.tr("Reading the shared projects…"),
        )

    def _choose(self, items, title: str, then: Callable[[str], Any]) -> None:
        self.window.statusBar().clearMessage()
        dialog = SharedItemDialog(items, title, self.window)

        def answered(result: int) -> None:
            name = dialog.chosen() if result else None
            dialog.deleteLater()
            if name:
                then(name)

        dialog.finished.connect(answered)
        dialog.open()
        self.dialog = dialog

    def open_project(self, name: str) -> DatabaseJob | None:
        """Apply the shared project ``name`` to this window (nothing changes on error)."""
        from dkgis.io.postgis.shared import load_project

        dsn = self.database
        if dsn is None:
            return None

        def loaded(result) -> None:
            from dkgis.io.project_file import ProjectFileError
            from dkgis.ui.project_files import OPENING, plan_state

            state, item = result
            try:
                apply = plan_state(self.window, state, name)
            except ProjectFileError as err:
                self.show_error(err)
                return

            def replace() -> None:  # the shared state, not an edit to undo
                self.window.apply_session(apply)
                self.versions[("project", name)] = item.version
                for scenario in state["scenarios"]:
                    self.versions.pop(("scenario", scenario["name"]), None)
                self._say(
                    self.tr("Project “{name}” opened (saved by {user} on {when}).").format(
                        name=name, user=item.saved_by, when=item.when
                    )
                )

            # unsaved edits are not dropped without a question
            self.window.project_files.ask_to_save(replace, OPENING)

        return self.run(
            lambda: load_project(dsn, name),
            loaded,
            self.tr("Opening the project “{name}”…").format(name=name),
        )

    # -- scenarios -------------------------------------------------------------------------
    def share_scenario(self) -> DatabaseJob | None:
        """Save the active scenario in the database."""
        from dkgis.io.postgis.shared import save_scenario

        dsn = self.database
        scenarios = self.window.project.scenarios
        scenario = scenarios.active
        if dsn is None or scenario is None or scenarios.is_preset(scenario.name):
            return None
        expected = self.versions.get(("scenario", scenario.name))

        def saved(item) -> None:
            self.versions[("scenario", scenario.name)] = item.version
            self._say(
                self.tr("Scenario “{name}” shared (version {version}).").format(
                    name=scenario.name, version=item.version
                )
            )

        return self.run(
            lambda: save_scenario(dsn, scenario, expected),
            saved,
            self.tr("Sharing the scenario “{name}”…").format(name=scenario.name),
        )

    def open_scenario_dialog(self) -> DatabaseJob | None:
        """List the shared scenarios, then open the one chosen."""
        from dkgis.io.postgis.shared import list_items

        dsn = self.database
        if dsn is None:
            return None
        return self.run(
            lambda: list_items(dsn, "scenario"),
            lambda items: self._choose(items, self.tr("Open Shared Scenario"), self.open_scenario),
            self.tr("Reading the shared scenarios…"),
        )

    def open_scenario(self, name: str) -> DatabaseJob | None:
        """Put the shared scenario ``name`` in the project (replacing one of that name)
        and make it active."""
        from dkgis.io.postgis.shared import load_scenario

        dsn = self.database
        if dsn is None:
            return None

        def loaded(result) -> None:
            scenario, item = result
            scenarios = self.window.project.scenarios
            self.versions[("scenario", name)] = item.version
            if name in scenarios.names:
                scenarios.replace(name, scenario, activate=True)
            else:
                scenarios.add(scenario)
            self._say(
                self.tr("Scenario “{name}” opened (saved by {user} on {when}).").format(
                    name=name, user=item.saved_by, when=item.when
                )
            )

        return self.run(
            lambda: load_scenario(dsn, name),
            loaded,
            self.tr("Opening the scenario “{name}”…").format(name=name),
        )
