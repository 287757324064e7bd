"""Named views ("bookmarks"): add the current view, go back to it, delete it.

Bookmarks are kept in the settings file, so they are there at the next start.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from dkgis.model.bookmarks import (
    Bookmark,
    bookmarks_from_json,
    bookmarks_to_json,
    with_bookmark,
    without_bookmark,
)
from dkgis.model.mapview import Extent
from dkgis.ui.settings import app_settings

SETTINGS_KEY = "bookmarks/views"


class BookmarkStore(QObject):
    """The user's bookmarks, saved to the settings on every change.

    Signals
    -------
    changed()
        A bookmark was added, replaced or deleted.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bookmarks: list[Bookmark] = []
        self.reload()

    def reload(self) -> None:
        """Read the bookmarks again (another window may have changed them)."""
        value = app_settings().value(SETTINGS_KEY)
        bookmarks = bookmarks_from_json(value if isinstance(value, str) else None)
        if bookmarks != self._bookmarks:
            self._bookmarks = bookmarks
            self.changed.emit()

    @property
    def bookmarks(self) -> list[Bookmark]:
        """The bookmarks, in the order they were added."""
        return list(self._bookmarks)

    def names(self) -> list[str]:
        """The bookmarks' names, in order."""
        return [b.name for b in self._bookmarks]

    def get(self, name: str) -> Bookmark | None:
        """The bookmark called ``name``, if any."""
        return next((b for b in self._bookmarks if b.name == name), None)

    def add(self, name: str, extent: Extent) -> Bookmark:
        """Add (or replace, if the name exists) a bookmark and save. ValueError if blank."""
        name = name.strip()
        if not name:
            raise ValueError("a bookmark needs a name")
        bookmark = Bookmark(name, tuple(float(v) for v in extent))  # type: ignore[arg-type]
        self._bookmarks = with_bookmark(self._bookmarks, bookmark)
        self._save()
        return bookmark

    def remove(self, name: str) -> None:
        """Delete the bookmark called ``name`` and save."""
        self._bookmarks = without_bookmark(self._bookmarks, name)
        self._save()

    def _save(self) -> None:
        settings = app_settings()
        settings.setValue(SETTINGS_KEY, bookmarks_to_json(self._bookmarks))
        settings.sync()
        self.changed.emit()


class BookmarksMenu(QMenu):
    """The Bookmarks menu: "Add Bookmark…", one entry per bookmark, "Delete Bookmark".

    Parameters
    ----------
    store
        The bookmarks.
    current_extent
        Returns the extent shown now (EPSG:3857).
    go_to
        Shows an extent.
    """

    def __init__(
        self,
        store: BookmarkStore,
        current_extent: Callable[[], Extent],
        go_to: Callable[[Extent], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksMenu")
        self.setTitle(self.tr("&Bookmarks"))
        self.store = store
        self.current_extent = current_extent
        self.go_to = go_to
        self.add_action = QAction(self.tr("&Add Bookmark…"), self)
        self.add_action.setShortcut(QKeySequence("Ctrl+B"))
        self.add_action.setToolTip(self.tr("Remember the current view under a name"))
        self.add_action.triggered.connect(self.add_dialog)
        self.delete_menu = QMenu(self.tr("&Delete Bookmark"), self)
        self.delete_menu.setObjectName("deleteBookmarkMenu")
        self.addAction(self.add_action)
        self.addMenu(self.delete_menu)
        self._separator = self.addSeparator()
        self._entries: list[QAction] = []
        store.changed.connect(self._rebuild)
        self.aboutToShow.connect(store.reload)
        self._rebuild()

    def go_to_bookmark(self, name: str) -> bool:
        """Show the view of the bookmark ``name``; ``False`` if there is none."""
        bookmark = self.store.get(name)
        if bookmark is None:
            return False
        self.go_to(bookmark.extent)
        return True

    def add_current(self, name: str) -> Bookmark | None:
        """Bookmark the current view as ``name`` (ignored when blank)."""
        if not name.strip():
            return None
        return self.store.add(name, self.current_extent())

    def add_dialog(self) -> QInputDialog:
        """Ask for a name (window-modal, not blocking) and bookmark the current view."""
        dialog = QInputDialog(self.parentWidget() or self)
        dialog.setObjectName("bookmarkNameDialog")
        dialog.setWindowTitle(self.tr("Add Bookmark"))
        dialog.setLabelText(self.tr("Name of the current view:"))
        dialog.setTextValue(self.tr("View {n}").format(n=len(self.store.bookmarks) + 1))
        dialog.textValueSelected.connect(self.add_current)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _rebuild(self) -> None:
        # QMenu.clear() would delete the actions the menu owns (add_action too).
        for action in self._entries:
            self.removeAction(action)
            action.deleteLater()
        for action in self.delete_menu.actions():
            self.delete_menu.removeAction(action)
            action.deleteLater()
        self._entries = []
        self.delete_menu.setEnabled(bool(self.store.bookmarks))
        self._separator.setVisible(bool(self.store.bookmarks))
        for bookmark in self.store.bookmarks:
            label = bookmark.name.replace("&", "&&")  # not a mnemonic
            go = QAction(label, self)
            go.setObjectName(f"bookmark:{bookmark.name}")
            go.triggered.connect(lambda _=False, n=bookmark.name: self.go_to_bookmark(n))
            self.addAction(go)
            self._entries.append(go)
            delete = QAction(label, self.delete_menu)
            delete.triggered.connect(lambda _=False, n=bookmark.name: self.store.remove(n))
            self.delete_menu.addAction(delete)
