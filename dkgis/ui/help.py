"""Help > Guide and Help > Keyboard Shortcuts.

The guide is a set of HTML pages bundled with the package
(``dkgis/resources/guide/<language>/index.html``, with the pictures that
``tools/guide_pictures.py`` makes from the app itself), shown offline in a window of its
own, in the language of the interface (French when there is no guide in it). The
shortcuts dialog lists the shortcuts of the window's actions as they are set, under the
menu that holds each one: it is never a list written by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dkgis import i18n
from dkgis.ui.resources import RESOURCES

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Folder of the guides, one sub-folder per language.
GUIDE_DIR = RESOURCES / "guide"
#: Dynamic property of an action whose menu text changes (Undo, Redo): its plain name.
PLAIN_TEXT = "plainText"
#: Separator of a menu path (« Fichier › Exporter la carte… »).
PATH_SEPARATOR = " › "


def guide_page(lang: str | None = None) -> Path | None:
    """The guide's first page in ``lang`` (default: the interface's), else in French,
    else in any language there is; ``None`` when no guide is installed."""
    wanted = [lang or i18n.get_language(), i18n.DEFAULT_LANGUAGE, *i18n.LANGUAGES]
    for code in dict.fromkeys(wanted):
        page = GUIDE_DIR / code / "index.html"
        if page.is_file():
            return page
    return None


class GuideBrowser(QTextBrowser):
    """The guide's pages; links to the web open in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideBrowser")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.isRelative() and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        else:
            self.setSource(self.source().resolved(url))


class GuideWindow(QMainWindow):
    """Help > Guide: the user guide, offline, beside the main window."""

    def __init__(self, page: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("dkgis Guide"))
        self.browser = GuideBrowser(self)
        self.browser.setSource(QUrl.fromLocalFile(str(page)))
        self.setCentralWidget(self.browser)
        toolbar = self.addToolBar(self.tr("Navigation"))
        toolbar.setObjectName("guideToolBar")
        toolbar.setMovable(False)
        back = toolbar.addAction(self.tr("Back"), self.browser.backward)
        back.setShortcut(QKeySequence.StandardKey.Back)
        toolbar.addAction(self.tr("Contents"), self.browser.home)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        self.resize(900, 760)


def menu_actions(menu: QMenu, path: tuple[str, ...] = ()) -> Iterator[tuple[str, QAction]]:
    """Every action of ``menu`` and its sub-menus, with its menu path."""
    here = (*path, _plain(menu.title()))
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from menu_actions(action.menu(), here)
        else:
            yield PATH_SEPARATOR.join(here), action


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """``(menu, command, keys)`` of every action of the window that has a shortcut.

    The actions of the menu bar come first, under their menu; the window's other
    actions (toolbars, panels) follow.
    """
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        if top.menu() is None:
            continue
        for path, action in menu_actions(top.menu()):
            if id(action) not in seen and action.shortcuts():
                seen.add(id(action))
                rows.append((path, action_text(action), keys_text(action)))
    others = [a for a in window.findChildren(QAction) if a.shortcuts() and id(a) not in seen]
    for action in others:
        seen.add(id(action))
        rows.append(("", action_text(action), keys_text(action)))
    return rows


def action_text(action: QAction) -> str:
    """An action's name without its mnemonic ``&`` nor its trailing dots."""
    text = action.property(PLAIN_TEXT) or action.text()
    return _plain(str(text)).rstrip("…").rstrip(".")


def keys_text(action: QAction) -> str:
    """An action's shortcuts as the system writes them (« Ctrl+Maj+Z »)."""
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: the shortcuts of the window's actions, as they are."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel(
            self.tr("On the map, the + and − keys also zoom in and out."),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """The rows shown."""
        return [
            tuple(self.table.item(r, c).text() for c in range(3))
            for r in range(self.table.rowCount())
        ]
