"""The last session comes back at the next start.

When a window closes, its state is written to ``session.dkgis.json`` in the settings
folder (:func:`dkgis.ui.settings.config_dir`), atomically, as a project file
(:mod:`dkgis.io.project_file`: dataset, year, layers, active scenario and the user's
scenarios, selection, map extent, sector filter) plus the project file that was open, if
any. The basemap and the window layout are settings of their own.

At the next start (:class:`LastSession`, used by :func:`dkgis.ui.app.open_main_window`),
the project file that was open is opened again; without one, the state is put back. A
session that cannot be read (damaged file, scenario of another dataset...) is ignored with
one note in the status bar: dkgis starts as at the first start, never with an error. At
the first start the CO₂ emission layer is shown, so that the year slider visibly changes
the map.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from dkgis.io.project_file import ProjectFileError, load_project_file, save_project_file
from dkgis.model.frame import EMISSION_LAYER
from dkgis.ui.settings import config_dir

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: File of the last session, in the settings folder.
SESSION_FILE = "session.dkgis.json"
#: Key of the project file that was open (beside the project-file keys).
PROJECT_FILE_KEY = "project_file"
#: How long the session's note stays in the status bar, in milliseconds.
NOTE_MS = 20000


def session_path() -> Path:
    """Where the last session is kept."""
    return config_dir() / SESSION_FILE


def save_session(window: MainWindow) -> bool:
    """Write the state of ``window`` as the last session; ``False`` (logged) on failure.

    A session that cannot be written never keeps the window from closing.
    """
    from dkgis.ui.project_files import session_state

    path = window.project_files.path
    state = {**session_state(window), PROJECT_FILE_KEY: str(path) if path else None}
    try:
        session_path().parent.mkdir(parents=True, exist_ok=True)  # none before a first save
        save_project_file(session_path(), state)
    except (OSError, ProjectFileError) as err:
        log.warning("the session was not saved: %s", err)
        return False
    return True


class LastSession:
    """What the last session left, and how it comes back in a new window.

    Attributes
    ----------
    state : dict or None
        The saved state (as :func:`~dkgis.io.project_file.load_project_file` returns
        it), ``None`` at the first start or when it is damaged.
    damaged : bool
        A session file is there but cannot be used.
    notes : list of str
        What the user should know about the session, for the status bar.
    """

    def __init__(self, state: dict[str, Any] | None, damaged: bool = False) -> None:
        self.state = state
        self.damaged = damaged
        self.notes: list[str] = []
        if damaged:
            self.notes.append(
                QCoreApplication.translate(
                    "Session",
                    "Your last session could not be restored (its file is damaged): dkgis "
                    "starts with the default view.",
                )
            )

    @classmethod
    def read(cls) -> LastSession:
        """The last session, from :func:`session_path`."""
        path = session_path()
        if not path.exists():
            return cls(None)
        try:
            return cls(load_project_file(path))
        except ProjectFileError as err:
            log.warning("the last session is ignored: %s", err)
            return cls(None, damaged=True)

    def dataset(self) -> Path | None:
        """The dataset of the last session, when it still exists."""
        if self.state is None or not self.state["dataset"]:
            return None
        path = Path(self.state["dataset"])
        return path if path.is_file() else None

    def load_project(self, data: str | Path | None = None) -> Project:
        """The project a start opens.

        Parameters
        ----------
        data
            The dataset asked for on the command line; ``None``: the last session's
            dataset, else the user's copy made by an import, else the embedded data.

        Raises
        ------
        DatasetError
            When ``data`` cannot be read (the last session's dataset that cannot be read
            is set aside instead, with a note).
        """
        from dkgis.io.errors import DatasetError
        from dkgis.model.project import Project

        if data is None and self.dataset() is not None:
            try:
                return Project.load(self.dataset())
            except DatasetError as err:
                log.warning("the dataset of the last session is not opened: %s", err)
                self.state = None
                self.notes.append(
                    QCoreApplication.translate(
                        "Session",
                        "The dataset of your last session could not be opened: dkgis shows "
                        "the embedded data.",
                    )
                )
        from dkgis.data.user_data import dataset_to_open

        return Project.load(dataset_to_open(data))  # else the user's copy made by an import

    def restore(self, window: MainWindow) -> None:
        """Put the last session back into ``window``, or set it up as at the first start
        (when there is no session, or it is damaged or of another dataset); the notes
        are shown in its status bar."""
        restored = False
        if self.state is not None and _same_dataset(self.state, window.project):
            restored, more = restore_session(window, self.state)
            self.notes.extend(more)
        if not restored:
            window.apply_session(lambda: _first_start(window.project))
        if self.notes:
            window.statusBar().showMessage(" ".join(self.notes), NOTE_MS)


def _first_start(project: Project) -> None:
    """Show the emission layer: the one the year slider changes."""
    layer = project.layers.get(EMISSION_LAYER)
    if layer is not None:
        layer.visible = True


def _same_dataset(state: dict[str, Any], project: Project) -> bool:
    from dkgis.data import DEFAULT_DATASET
    from dkgis.ui.project_files import same_file

    return same_file(state["dataset"] or DEFAULT_DATASET, project.path)


def restore_session(window: MainWindow, state: dict[str, Any]) -> tuple[bool, list[str]]:
    """Put the last session's state into ``window``.

    The project file that was open comes back as it was saved; when it cannot, the
    session's own state does. A state that does not fit the dataset is ignored.

    Returns
    -------
    restored : bool
        Whether a state was put back.
    notes : list of str
        What the user should know, for the status bar.
    """
    from dkgis.ui.project_files import plan_state

    notes: list[str] = []
    project_file = state.get(PROJECT_FILE_KEY)
    chosen, chosen_path = state, session_path()
    if isinstance(project_file, str) and project_file:
        try:
            saved = load_project_file(project_file)
            if not _same_dataset(saved, window.project):
                raise ProjectFileError(project_file, "the project is of another dataset")
            chosen, chosen_path = saved, Path(project_file)
        except ProjectFileError as err:
            log.warning("the project of the last session is not reopened: %s", err)
            notes.append(
                QCoreApplication.translate(
                    "Session",
                    "The project {file} of your last session could not be reopened: your "
                    "last session is restored without it.",
                ).format(file=Path(project_file).name)
            )
    try:
        plan = plan_state(window, chosen, chosen_path)
    except ProjectFileError as err:
        log.warning("the last session is ignored: %s", err)
        return False, [
            QCoreApplication.translate(
                "Session",
                "Your last session could not be restored (it does not fit this dataset): "
                "dkgis starts with the default view.",
            )
        ]
    window.apply_session(plan)
    if chosen is not state:
        window.project_files.path = chosen_path
        window.update_title()
    return True, notes
