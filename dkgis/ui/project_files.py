"""File > Save Project / Save Project As… / Open Project…: the session in a JSON file.

A project file (:mod:`dkgis.io.project_file`) keeps the dataset path, the user's
scenarios and the active one, the map extent, the selection, the year, the hidden
sectors and the dataset layers (order, visibility, opacity). Opening checks the whole
file and builds everything first: a corrupt file, a file of another version or a missing
dataset is reported in a dialog naming the file and the problem, and **nothing** in the
session changes. A project of another dataset opens in a new window (like File > Open
Dataset). What the file names that the dataset lacks (a scenario measure of an unknown
site, a selected site that does not exist...) is listed after opening in a message that
does not block the window. The dataset may be a PostGIS database (kept without its
password). :func:`plan_state` also applies the projects shared through a database
(:mod:`dkgis.ui.db_actions`).

Edits not yet saved (those of Edit > Undo) are never dropped without a question:
:meth:`ProjectFiles.ask_to_save` offers Save, Don't Save and Cancel before the window
closes or a project replaces them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dkgis.io.postgis.dsn import as_source
from dkgis.io.project_file import (
    SUFFIX,
    ProjectFileError,
    ignored_references,
    load_project_file,
    save_project_file,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.io.postgis.dsn import Dsn
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

#: Why the user is asked to save: the window closes, or a project replaces the edits.
CLOSING = "closing"
OPENING = "opening"


def same_file(a: Path | str | None, b: Path | str | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def same_dataset(dataset: Path | Dsn | None, project: Project) -> bool:
    """Whether ``dataset`` (a GeoPackage path or a database) is the one ``project`` shows."""
    if isinstance(dataset, Path):
        return same_file(dataset, project.path)
    # a database: the window's own keeps the password typed for it
    return dataset is not None and dataset == project.database


def session_state(window: MainWindow) -> dict[str, Any]:
    """What a project file keeps of a window's session."""
    from dkgis.data import DEFAULT_DATASET

    project = window.project
    scenarios = project.scenarios
    path = project.path
    if project.database is not None:
        dataset = project.database.public_text()  # never its password
    else:
        dataset = None if path is None or same_file(path, DEFAULT_DATASET) else str(path)
    return {
        "dataset": dataset,
        "scenarios": list(scenarios.user_scenarios()),
        "active_scenario": scenarios.active_name,
        "extent": list(window.canvas.extent()),
        "selection": sorted(project.selection.ids),
        "year": project.display.year,
        "hidden_sectors": sorted(project.display.hidden_sectors),
        "layers": [
            {"name": layer.name, "visible": layer.visible, "opacity": layer.opacity}
            for layer in project.layers
            if layer.kind != "user"
        ],
    }


class ProjectFiles(QObject):
    """The project-file actions of a main window.

    Attributes
    ----------
    path : pathlib.Path or None
        The project file last saved or opened (Save writes it again).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        #: The last "save changes?" question asked (kept so that tests can answer it).
        self.save_prompt: QMessageBox | None = None
        self.save_action = QAction(self.tr("&Save Project"), window)
        self.save_action.setObjectName("saveProjectAction")
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setStatusTip(
            self.tr("Save the scenarios, layers, map view, selection and year in a project file")
        )
        self.save_action.triggered.connect(self.save)
        self.save_as_action = QAction(self.tr("Save Project &As…"), window)
        self.save_as_action.setObjectName("saveProjectAsAction")
        self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_as_action.triggered.connect(self.save_as_dialog)
        self.open_action = QAction(self.tr("Open &Project…"), window)
        self.open_action.setObjectName("openProjectAction")
        self.open_action.setShortcut(QKeySequence("Ctrl+Alt+O"))
        self.open_action.triggered.connect(self.open_dialog)

    def actions(self) -> list[QAction]:
        """Open, Save, Save As, in menu order."""
        return [self.open_action, self.save_action, self.save_as_action]

    # -- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the current project file (asks for one the first time)."""
        if self.path is None:
            return self.save_as_dialog()
        return self.save_to(self.path)

    def save_as_dialog(self) -> bool:
        """Ask for a file name and save there."""
        start = str(self.path) if self.path else f"dkgis-project{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save Project"),
            start,
            self.tr("dkgis project (*.json);;All files (*)"),
        )
        return self.save_to(path) if path else False

    def save_to(self, path: str | Path) -> bool:
        """Write the session to ``path`` (atomically); a failure is shown in a dialog."""
        try:
            save_project_file(path, session_state(self.window))
        except ProjectFileError as err:
            self._error(self.tr("Cannot save project"), err)
            return False
        self.path = Path(path)
        self.window.mark_saved()
        self.window.update_title()
        self.window.statusBar().showMessage(
            self.tr("Project saved to {path}").format(path=path), 5000
        )
        return True

    def ask_to_save(self, then: Callable[[], object], why: str = CLOSING) -> QMessageBox | None:
        """Before unsaved edits are lost: ask Save, Don't Save or Cancel, then call ``then``.

        ``then`` is called at once when nothing is unsaved (and ``None`` returned); else
        after Save (once the project file is written) or Don't Save. Cancel, or a save that
        fails or is abandoned, leaves everything as it is. The question does not block: it
        is returned, open.
        """
        if not self.window.isWindowModified():
            then()
            return None
        if self.save_prompt is not None and self.save_prompt.isVisible():
            return self.save_prompt
        box = QMessageBox(self.window)
        box.setObjectName("savePrompt")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved Changes"))
        if self.path is not None:
            box.setText(
                self.tr("Save your changes to the project {file}?").format(file=self.path.name)
            )
        else:
            box.setText(
                self.tr("Save your changes to the scenarios and the map in a project file?")
            )
        if why == OPENING:
            box.setInformativeText(
                self.tr("If you don't save them, the project you open replaces your changes.")
            )
        elif self.path is not None:
            box.setInformativeText(
                self.tr(
                    "If you don't save them, dkgis reopens {file} as it was last saved at the "
                    "next start."
                ).format(file=self.path.name)
            )
        else:
            box.setInformativeText(
                self.tr(
                    "If you don't save them in a project file, dkgis still brings them back "
                    "at the next start."
                )
            )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        # Qt's own word for Discard varies by platform (« Ne pas tenir compte » in French).
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Don't Save"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def answered(button: int) -> None:
            choice = QMessageBox.StandardButton(button)
            if choice == QMessageBox.StandardButton.Save and not self.save():
                return
            if choice in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
                then()

        box.finished.connect(answered)
        self.save_prompt = box
        box.open()
        return box

    # -- opening -------------------------------------------------------------------------
    def open_dialog(self) -> None:
        """Ask for a project file and open it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open Project"),
            str(self.path.parent) if self.path else "",
            self.tr("dkgis project (*.json);;All files (*)"),
        )
        if path:
            self.open(path)

    def open(self, path: str | Path) -> MainWindow | None:
        """Open a project file (see :meth:`open_now`), asking first to save unsaved edits
        when the project replaces them in this window. Returns the window showing the
        project at once, ``None`` on failure or while the question is asked."""
        from dkgis.data import DEFAULT_DATASET

        try:
            state = load_project_file(path)
        except ProjectFileError as err:
            self._error(self.tr("Cannot open project"), err)
            return None
        from dkgis.io.errors import DatasetError

        try:
            dataset = as_source(state["dataset"]) if state["dataset"] else DEFAULT_DATASET
        except DatasetError:  # open_now reports it
            dataset = None
        if same_dataset(dataset, self.window.project) and self.window.isWindowModified():
            self.ask_to_save(lambda: self.open_now(path), OPENING)
            return None
        return self.open_now(path)

    def open_now(self, path: str | Path) -> MainWindow | None:
        """Open a project file; return the window showing it (``None`` on failure).

        The file is read and checked, and everything built, before anything changes:
        on any problem a dialog names the file and the problem and the session is left
        as it was.
        """
        from dkgis.data import DEFAULT_DATASET

        try:
            state = load_project_file(path)
        except ProjectFileError as err:
            self._error(self.tr("Cannot open project"), err)
            return None
        from dkgis.io.errors import DatasetError

        try:
            dataset = as_source(state["dataset"]) if state["dataset"] else DEFAULT_DATASET
        except DatasetError as err:  # a database named wrongly
            self._error(
                self.tr("Cannot open project"),
                ProjectFileError(path, f"dataset: {err.problem}", "dataset"),
            )
            return None
        if isinstance(dataset, Path) and not dataset.exists():
            self._error(
                self.tr("Cannot open project"),
                ProjectFileError(
                    path, f"the dataset {dataset} of the project is missing", "dataset"
                ),
            )
            return None
        window = self.window
        if not same_dataset(dataset, window.project):
            from dkgis.model.project import Project
            from dkgis.ui.dataset_error import show_dataset_error

            try:
                project = Project.load(dataset)
            except DatasetError as err:
                show_dataset_error(window, err)
                return None
            window = type(window)(project)  # a new window of the same kind
        try:
            plan = plan_state(window, state, path)
        except ProjectFileError as err:
            self._error(self.tr("Cannot open project"), err)
            if window is not self.window:
                window.deleteLater()
            return None
        window.apply_session(plan)
        window.project_files.path = Path(path)
        window.update_title()
        if window is not self.window:
            window.show()
        window.statusBar().showMessage(self.tr("Project {path} opened").format(path=path), 5000)
        project = window.project
        notes = ignored_references(state, project.facilities, {m.id for m in project.measures})
        if notes:
            window.project_files.show_ignored(Path(path), notes)
        return window

    def show_ignored(self, path: Path, notes: list[str]) -> None:
        """Say, without blocking the window, what an opened project named that is not used."""
        box = QMessageBox(self.window)
        box.setObjectName("projectIgnoredBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Project opened with warnings"))
        box.setText(
            self.tr("{file} names things this dataset does not have:").format(file=path.name)
        )
        box.setInformativeText("\n".join(f"• {note}" for note in notes))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.ignored_box = box

    def _error(self, title: str, err: ProjectFileError) -> None:
        box = QMessageBox(self.window)
        box.setObjectName("projectFileErrorBox")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(self.tr("Problem with the file {file}").format(file=err.path.name))
        box.setInformativeText(str(err))
        box.open()
        self.error_box = box


def plan_state(window: MainWindow, state: dict[str, Any], path: str | Path):
    """Build everything the state asks for; return a function that applies it.

    Raises
    ------
    ProjectFileError
        When something cannot be built (nothing has changed then).
    """
    from dkgis.model.scenario import Scenario

    project = window.project
    scenarios = project.scenarios
    try:
        user = [Scenario.from_dict(d) for d in state["scenarios"]]
    except ValueError as err:  # already checked by load_project_file; kept for safety
        raise ProjectFileError(path, f"scenarios: {err}", "scenarios") from None
    presets = [s for s in scenarios.scenarios if scenarios.is_preset(s.name)]
    everything = presets + user
    active = state["active_scenario"]
    if active is not None and active not in {s.name for s in everything}:
        raise ProjectFileError(
            path, f"active_scenario: {active!r} is not a scenario of this dataset", "active"
        )
    selection = [fid for fid in state["selection"] if fid in project.facilities]
    extent = state["extent"]
    year = state["year"]
    hidden = frozenset(state["hidden_sectors"])
    layers = [(e["name"], e["visible"], e["opacity"]) for e in state.get("layers", [])]

    def apply() -> None:
        scenarios.set_scenarios(everything, active)
        if year is not None:
            project.display.year = year
        project.display.hidden_sectors = hidden
        project.layers.arrange(layers)
        project.selection.set(selection)
        if extent is not None:
            window.canvas.set_extent(tuple(extent))

    return apply
