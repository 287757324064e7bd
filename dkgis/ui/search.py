"""The facility search box: type part of a name, an operator or a commune."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from dkgis.model.search import SearchEntry, search, search_entries

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Item data: the facility id of a completion.
FACILITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Item data: the text put in the box when a completion is chosen (the name).
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
#: Completions shown at most.
MAX_COMPLETIONS = 15


class FacilitySearchBox(QLineEdit):
    """Line edit with a completion list over facility names, operators and communes.

    Matching ignores case and accents and finds the words anywhere ("alu"
    offers "Aluminium Dunkerque", "depot" offers "Dépôt Unican"). Choosing a
    completion, or pressing Enter, emits :attr:`facility_chosen` with the best match.

    Signals
    -------
    facility_chosen(str)
        The id of the facility the user picked.
    """

    facility_chosen = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Find a facility, operator or commune…"))
        self.setToolTip(self.tr("Type part of a name, an operator or a commune (Ctrl+F)"))
        self.setMinimumWidth(260)
        self.setMaximumWidth(420)
        self.project = project
        self._entries: list[SearchEntry] | None = None
        self.results = QStandardItemModel(self)
        completer = QCompleter(self.results, self)
        completer.setObjectName("searchCompleter")
        # The list is filtered and ranked here (accents, several words); Qt shows it as is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(MAX_COMPLETIONS)
        completer.activated[QModelIndex].connect(self._on_completion_activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return_pressed)

    @property
    def entries(self) -> list[SearchEntry]:
        """Every facility as the search sees it, built when the user first types (not
        while the window opens: a second at 100 000 facilities)."""
        if self._entries is None:
            self._entries = search_entries(self.project)
        return self._entries

    def completions(self) -> list[str]:
        """The texts of the completion list shown now."""
        return [self.results.item(i).text() for i in range(self.results.rowCount())]

    def _label(self, entry: SearchEntry) -> str:
        details = [entry.commune]
        if entry.operator and entry.operator != entry.name:
            details.insert(0, entry.operator)
        return f"{entry.name} — {', '.join(d for d in details if d)}"

    def _on_text_edited(self, text: str) -> None:
        self.results.clear()
        for entry in search(self.entries, text, MAX_COMPLETIONS):
            item = QStandardItem(self._label(entry))
            item.setData(entry.facility_id, FACILITY_ID_ROLE)
            item.setData(entry.name, NAME_ROLE)
            item.setEditable(False)
            self.results.appendRow(item)

    def _on_completion_activated(self, index: QModelIndex) -> None:
        fid = index.data(FACILITY_ID_ROLE)
        if fid:
            # QLineEdit only follows its completer while it has the focus.
            self.setText(index.data(NAME_ROLE))
            self.facility_chosen.emit(fid)

    def _on_return_pressed(self) -> None:
        found = search(self.entries, self.text(), 1)
        if found:
            self.facility_chosen.emit(found[0].facility_id)
