"""Edit > Undo and Redo: the user's edits of the project on a ``QUndoStack``.

The model's :class:`~dkgis.model.history.ChangeRecorder` turns every edit of the
scenarios, the layers and the sector filter into a :class:`~dkgis.model.history.Change`,
whichever view made it; each becomes a command of the stack, worded here. Undoing or
redoing puts a state back into the model; the views follow the model's events. Steps of
one slider drag merge into one command. The stack's clean state is the last save: the
window shows an unsaved marker while it is not clean.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from dkgis.labels import sector_label
from dkgis.model.history import Change, ChangeRecorder, summarize
from dkgis.model.scenario import scenario_title
from dkgis.ui.help import PLAIN_TEXT
from dkgis.ui.layer_panel import layer_title

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Command id of the changes that may merge (opacity steps of one layer).
MERGE_ID = 1
#: Longest pause between two opacity steps merged into one command, in seconds.
MERGE_SECONDS = 2.0


def describe(change: Change) -> str:
    """The words of a change in the Undo and Redo commands: « Hide Layer “Communes” »."""
    summary = summarize(change)
    action, subject = summary.action, summary.subject
    texts = {
        "show_layer": QCoreApplication.translate("UndoHistory", "Show Layer “{name}”"),
        "hide_layer": QCoreApplication.translate("UndoHistory", "Hide Layer “{name}”"),
        "layer_opacity": QCoreApplication.translate("UndoHistory", "Opacity of “{name}”"),
        "move_layer": QCoreApplication.translate("UndoHistory", "Move Layer “{name}”"),
        "add_layer": QCoreApplication.translate("UndoHistory", "Add Layer “{name}”"),
        "remove_layer": QCoreApplication.translate("UndoHistory", "Remove Layer “{name}”"),
        "layers": QCoreApplication.translate("UndoHistory", "Layer Changes"),
        "show_sector": QCoreApplication.translate("UndoHistory", "Show Sector “{name}”"),
        "hide_sector": QCoreApplication.translate("UndoHistory", "Hide Sector “{name}”"),
        "show_all_sectors": QCoreApplication.translate("UndoHistory", "Show All Sectors"),
        "hide_sectors": QCoreApplication.translate("UndoHistory", "Hide Sectors"),
        "sectors": QCoreApplication.translate("UndoHistory", "Sector Filter"),
        "activate_scenario": QCoreApplication.translate("UndoHistory", "Choose Scenario “{name}”"),
        "add_scenario": QCoreApplication.translate("UndoHistory", "New Scenario “{name}”"),
        "remove_scenario": QCoreApplication.translate("UndoHistory", "Delete Scenario “{name}”"),
        "rename_scenario": QCoreApplication.translate("UndoHistory", "Rename Scenario “{name}”"),
        "edit_scenario": QCoreApplication.translate("UndoHistory", "Edit Scenario “{name}”"),
        "scenarios": QCoreApplication.translate("UndoHistory", "Scenario Changes"),
    }
    if action.endswith("_layer"):
        name = layer_title(subject)
    elif action.endswith("_sector"):
        name = sector_label(subject)
    elif action.endswith("_scenario"):
        name = scenario_title(subject)
    else:
        name = ""
    return texts[action].format(name=name)


class ChangeCommand(QUndoCommand):
    """One recorded change on the undo stack (already applied when it is pushed)."""

    def __init__(self, recorder: ChangeRecorder, change: Change) -> None:
        super().__init__(describe(change))
        self.recorder = recorder
        self.change = change
        self._pushed = False
        self._time = time.monotonic()

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push redoes: the edit is already in the model
            self._pushed = True
            return
        self.recorder.redo(self.change)

    def undo(self) -> None:
        self.recorder.undo(self.change)

    def id(self) -> int:
        return MERGE_ID if self.change.opacity_layer() is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other._time - self._time > MERGE_SECONDS:
            return False
        merged = self.change.followed_by(other.change)
        if merged is None:
            return False
        self.change = merged
        self._time = other._time
        self.setObsolete(merged.empty)
        return True


class UndoHistory(QObject):
    """The undo stack of a window's project, its recorder and the Undo/Redo actions.

    Attributes
    ----------
    stack : QUndoStack
    recorder : ChangeRecorder
    undo_action, redo_action : QAction
        Edit > Undo (Ctrl+Z) and Edit > Redo (Ctrl+Shift+Z, Ctrl+Y), worded after the
        command they undo or redo.
    """

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoHistory")
        self.stack = QUndoStack(self)
        self.recorder = ChangeRecorder(project)
        self.recorder.recorded.connect(self._on_recorded)
        self.undo_action: QAction = self.stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setProperty(PLAIN_TEXT, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action: QAction = self.stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setProperty(PLAIN_TEXT, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    def _on_recorded(self, change: Change) -> None:
        self.stack.push(ChangeCommand(self.recorder, change))

    def paused(self):
        """A block whose model changes are not edits (opening a project, a session)."""
        return self.recorder.paused()

    def reset(self) -> None:
        """Forget every command; the present state is the saved one."""
        self.stack.clear()

    def close(self) -> None:
        """Stop following the project."""
        self.recorder.close()
