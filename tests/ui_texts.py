"""Every text a user can read in the main window, for the language tests.

:func:`walk_window` goes through the window as a user would look at it: the menus and
their submenus (texts, tooltips, status tips), the toolbars, every dock and every widget
in it (labels, buttons, check boxes, combo items, placeholders, list rows, table
headers, text panels), the status bar, the map's own texts (legend, scale bar,
credits), the hover tooltip, the layer context menus and every dialog the menus open.
Dialogs are opened without blocking: the blocking static helpers of Qt (file dialogs,
message boxes) and ``QDialog.exec`` are replaced by recorders for the walk, so each
dialog's texts are read and the dialog closed. Nothing is written, nothing is fetched
from the network (the web basemaps are only read, never chosen).

:func:`foreign_words` then finds the words of the other language in the texts, after
taking out the dataset's own text (facility names, communes, sources...), which is
data and stays as it is in both languages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTabBar,
    QTextEdit,
    QToolBar,
    QTreeWidget,
    QWidget,
)

#: Words that are English and never French (whole words, any case).
ENGLISH_WORDS = frozenset(
    """
    the and of to with from for by is are not this that these your you all none no yes
    add added remove removed show hide open save cancel close apply quit about help edit
    file files view layer layers legend facility facilities scenario scenarios emissions
    verified projected reported data sector sectors year years map chart charts
    search find filter rows row columns column name status operating closed announced
    operator activity location jobs key figures trajectory cluster bookmark bookmarks
    basemap tiles offline custom loading reading writing copy clipboard title size scale
    north credits credit settings preferences language opacity colour color width fill
    value values select selected pan unexpected error failed could cannot warning
    warnings choose other new first last each per every which where when what shown
    hidden details detail preview lines polygons mixed geometry features feature
    coordinate coordinates system degrees metres meters slide landscape video animated
    presentation decorations subtitle arrow bar area whole current layout high
    resolution keep steel chemicals refining power heat hydrogen storage logistics waste
    industry networks pipeline gas coastline land measures baseline target targets
    investment suspended cancelled approximate postcode spread sharing true false
    unknown missing empty invalid click drag shift tick untick play years after before
    enter type more here
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)

#: Words that are French and never English.
FRENCH_WORDS = frozenset(
    """
    le la les des du et au aux une pour avec dans sur est sont pas émissions vérifiées
    projetées déclarées fichier affichage aide édition couche couches exporter scénario
    scénarios année années données carte légende secteur secteurs annuler fermer ajouter
    supprimer enregistrer ouvrir afficher masquer rechercher tableau aucune aucun
    chiffres clés trajectoire fond tuiles signets préférences langue opacité couleur
    taille échelle nord crédits valeur valeurs sélection déplacer quitter être été où
    """.split()  # noqa: SIM905
)

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")


def plain(text: str) -> str:
    """``text`` as read: no markup, no mnemonic ampersands, entities decoded."""
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
    text = html.unescape(text)
    return re.sub(r"&(?=\S)", "", text).replace("&&", "&")


@dataclass
class Texts:
    """The texts found, each with where it was found."""

    found: list[tuple[str, str]] = field(default_factory=list)
    #: Places that must show a text (an action, a dock, a header...) but show none.
    empty: list[str] = field(default_factory=list)

    def add(self, where: str, text: str | None, required: bool = False) -> None:
        text = plain(text or "").strip()
        if text:
            self.found.append((where, text))
        elif required:
            self.empty.append(where)


def data_strings(project) -> list[str]:
    """Every text of the dataset (cells of its tables) and of the sources, longest first."""
    from dkgis.io.gpkg import read_dataset

    strings: set[str] = set()
    for table in read_dataset(project.path).values():
        for values in table.columns.values():
            strings.update(v.strip() for v in values if isinstance(v, str) and len(v.strip()) > 2)
    for source in project.sources.values():
        for value in vars(source).values():
            if isinstance(value, str) and len(value.strip()) > 2:
                strings.add(value.strip())
    return sorted(strings, key=len, reverse=True)


def foreign_words(
    texts: Texts, words: frozenset[str], data: Iterable[str], allowed: Iterable[str] = ()
) -> list[tuple[str, str, str]]:
    """``(where, word, text)`` for each text holding one of ``words`` once the ``data``
    strings and the ``allowed`` phrases (proper nouns) are taken out."""
    data = list(data)
    allowed = sorted(allowed, key=len, reverse=True)
    hits = []
    for where, text in texts.found:
        rest = text
        for phrase in (*data, *allowed):
            if phrase in rest:
                rest = rest.replace(phrase, " ")
        for word in _WORD.findall(rest):
            if word.lower() in words:
                hits.append((where, word, text))
                break
    return hits


# -- widgets -------------------------------------------------------------------------------


def read_widget(texts: Texts, widget: QWidget, where: str) -> None:
    """The texts of ``widget`` and of every visible widget in it."""
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        name = f"{where}/{w.objectName() or type(w).__name__}"
        texts.add(name + " tooltip", w.toolTip())
        if isinstance(w, QLabel):
            texts.add(name, w.text())
        elif isinstance(w, QAbstractButton):
            # A button shows a text, or an icon or colour explained by its tooltip.
            texts.add(name, w.text(), required=w.icon().isNull() and not w.toolTip())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                texts.add(f"{name}[{i}]", w.itemText(i), required=True)
        elif isinstance(w, QLineEdit):
            texts.add(name + " placeholder", w.placeholderText())
            texts.add(name, w.text())
        elif isinstance(w, QTextEdit):
            texts.add(name, w.toPlainText())
        elif isinstance(w, QGroupBox):
            texts.add(name, w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                texts.add(f"{name}[{i}]", w.tabText(i), required=True)
        elif isinstance(w, QAbstractSpinBox):
            texts.add(name, w.text())
            texts.add(name + " special", w.specialValueText())
        elif isinstance(w, QDockWidget):
            texts.add(name + " title", w.windowTitle(), required=True)
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                item = w.item(i)
                texts.add(f"{name}[{i}]", item.text(), required=True)
                texts.add(f"{name}[{i}] tooltip", item.toolTip())
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            for c in range(w.columnCount()):
                texts.add(f"{name} header {c}", header.text(c))
            for i in range(w.topLevelItemCount()):
                texts.add(f"{name}[{i}]", w.topLevelItem(i).text(0))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                texts.add(
                    f"{name} header {c}",
                    model.headerData(c, Qt.Orientation.Horizontal),
                    required=True,
                )
                tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                texts.add(f"{name} header {c} tooltip", tip)
            for r in range(min(model.rowCount(), 5)):
                for c in range(model.columnCount()):
                    value = model.index(r, c).data()
                    if isinstance(value, str):
                        texts.add(f"{name}[{r},{c}]", value)


def read_menu(texts: Texts, menu: QMenu, where: str, popup: bool = False) -> list:
    """The texts of ``menu`` and its submenus (a ``popup`` menu has no title); returns its
    actions and theirs."""
    texts.add(where, menu.title(), required=not popup)
    actions = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        name = f"{where} > {plain(action.text()) or action.objectName()}"
        texts.add(name, action.text(), required=True)
        texts.add(name + " tooltip", action.toolTip())
        texts.add(name + " status tip", action.statusTip())
        if action.menu() is not None:
            actions += read_menu(texts, action.menu(), name)
        else:
            actions.append((name, action))
    return actions


class _RecordingPainter(QPainter):
    """A painter that keeps the texts drawn with it."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.drawn: list[str] = []

    def drawText(self, *args) -> None:  # Qt override: record, then draw
        self.drawn.extend(a for a in args if isinstance(a, str))
        super().drawText(*args)


def read_map(texts: Texts, window) -> None:
    """The texts drawn over the map: legend, scale bar, credits."""
    decorations = window.canvas.layers.decorations
    rect = decorations.boundingRect()
    image = QImage(
        max(1, int(rect.width())), max(1, int(rect.height())), QImage.Format.Format_ARGB32
    )
    painter = _RecordingPainter(image)
    try:
        decorations.paint(painter)
    finally:
        painter.end()
    for text in painter.drawn:
        texts.add("map", text)


# -- dialogs -------------------------------------------------------------------------------


class DialogRecorder:
    """Stands in for the blocking helpers of Qt while the menus are walked.

    File dialogs and message boxes opened by the static helpers give their texts and
    answer "cancel"; ``QDialog.exec`` opens the dialog without blocking and answers
    "rejected", so the walk reads it among the open windows.
    """

    def __init__(self, texts: Texts, monkeypatch) -> None:
        self.texts = texts
        self.where = ""

        def file_dialog(_parent, caption="", _dir="", filter="", *args, **kwargs):
            texts.add(f"{self.where}: file dialog", caption, required=True)
            for part in (filter or "").split(";;"):
                texts.add(f"{self.where}: file dialog filter", part)
            return ("", "")

        def file_dialogs(*args, **kwargs):
            file_dialog(*args, **kwargs)
            return ([], "")

        def message(_parent, title, text, *args, **kwargs):
            texts.add(f"{self.where}: message title", title, required=True)
            texts.add(f"{self.where}: message", text, required=True)
            return QMessageBox.StandardButton.Cancel

        def about(_parent, title, text):
            message(_parent, title, text)

        def exec_(dialog):
            dialog.open()
            return QDialog.DialogCode.Rejected

        def get_text(_parent, title, label, *args, **kwargs):
            texts.add(f"{self.where}: input title", title, required=True)
            texts.add(f"{self.where}: input label", label, required=True)
            return ("", False)

        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(file_dialog))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(file_dialog))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(file_dialogs))
        for kind in ("critical", "warning", "information", "question"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(message))
        monkeypatch.setattr(QMessageBox, "about", staticmethod(about))
        monkeypatch.setattr(QDialog, "exec", exec_)
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))


def read_open_windows(texts: Texts, window, where: str, qtbot) -> None:
    """Read, then close, every window open besides ``window``."""
    qtbot.wait(50)
    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible() or isinstance(widget, QMenu):
            continue
        name = f"{where}: {widget.objectName() or type(widget).__name__}"
        texts.add(name + " title", widget.windowTitle())
        if isinstance(widget, QMessageBox):
            texts.add(name + " text", widget.text())
            texts.add(name + " informative", widget.informativeText())
        read_widget(texts, widget, name)
        widget.close()


def walk_window(window, qtbot, monkeypatch) -> Texts:
    """Every text of ``window`` (see the module docstring)."""
    from dkgis.ui.hover import facility_tooltip

    texts = Texts()
    project = window.project
    # What is shown: the emission circles of a projected year, one facility selected.
    project.layers.get("emissions").visible = True
    last = project.verified_matrix().last_year
    project.display.year = (last or 2022) + 8
    fid = next(iter(project.facilities))
    project.selection.set({fid})
    qtbot.wait(200)

    texts.add("window title", window.windowTitle(), required=True)
    actions = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            actions += read_menu(texts, action.menu(), plain(action.text()))
    for bar in window.findChildren(QToolBar):
        texts.add(f"toolbar {bar.objectName()}", bar.windowTitle(), required=True)
        for action in bar.actions():
            if not action.isSeparator():
                texts.add(f"toolbar {bar.objectName()} action", action.toolTip())
        read_widget(texts, bar, f"toolbar {bar.objectName()}")
    for dock in window.findChildren(QDockWidget):
        read_widget(texts, dock, f"dock {dock.objectName()}")
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            texts.add(f"dock tabs[{i}]", bar.tabText(i), required=True)
    read_widget(texts, window.statusBar(), "status bar")
    texts.add("status message", window.statusBar().currentMessage())
    read_map(texts, window)
    texts.add("hover", facility_tooltip(project, window.screen_frame.frame, [fid]))
    for layer in project.layers:
        menu = window.layer_panel.context_menu(layer.name)
        read_menu(texts, menu, f"layer menu {layer.name}", popup=True)
        menu.deleteLater()
        window.layer_panel.show_info(layer)
        read_open_windows(texts, window, f"layer information {layer.name}", qtbot)

    recorder = DialogRecorder(texts, monkeypatch)
    for name, action in actions:
        # Not walked: Quit, the disabled commands, and the choices (tools, docks, web
        # basemaps) that change what is shown rather than open something.
        if action is window.quit_action or action.isCheckable() or not action.isEnabled():
            continue
        recorder.where = name
        action.trigger()
        read_open_windows(texts, window, name, qtbot)
        texts.add(f"{name}: status message", window.statusBar().currentMessage())
    recorder.where = "custom basemap"
    window.basemap_menu.open_custom_dialog()
    read_open_windows(texts, window, "custom basemap", qtbot)
    return texts
