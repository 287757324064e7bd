"""The layer panel: one row per map layer, top layer first.

A row's box shows or hides the layer; dragging a row moves the layer up or
down; the slider under the list sets the opacity of the selected layer; the
context menu zooms to a layer and shows where its data come from. Every change
goes to the model (``project.layers`` and each layer's properties); the rows
and the map follow the model's events.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSlider,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dkgis.model.text import is_web_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

NAME_ROLE = Qt.ItemDataRole.UserRole
#: MIME type of a dragged layer row (the layer's name, UTF-8).
LAYER_MIME = "application/x-dkgis-layer"
#: Margin added around a layer's bounds when zooming to it (fraction of its size).
ZOOM_PADDING = 0.05
#: Smallest extent shown when zooming to a layer (a single point), in metres.
MIN_ZOOM_SIZE = 2000.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("LayerPanel", text)


def layer_title(layer: Layer) -> str:
    """The layer's title in the user's language."""
    return QCoreApplication.translate("Layers", layer.title)


class LayerListWidget(QListWidget):
    """The rows; a drop does not move the row itself but asks for the layer to move.

    A dragged row carries its layer's name (:data:`LAYER_MIME`), so a drop
    knows which layer moves without relying on the selection.

    Signals
    -------
    layer_dropped(str, int)
        A layer's row was dropped: the layer's name, and the row it goes
        before (rows as they were before the move; ``count()`` for the end).
    """

    layer_dropped = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # DragDrop rather than InternalMove: the drop is checked by its MIME type.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)

    def mimeTypes(self) -> list[str]:  # Qt override
        return [LAYER_MIME]

    def mimeData(self, items) -> QMimeData:  # Qt override
        data = QMimeData()
        names = [item.data(NAME_ROLE) for item in items]
        data.setData(LAYER_MIME, QByteArray("\n".join(names).encode("utf-8")))
        return data

    def supportedDropActions(self) -> Qt.DropAction:  # Qt override
        return Qt.DropAction.MoveAction

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        if not event.mimeData().hasFormat(LAYER_MIME):
            event.ignore()
            return
        name = bytes(event.mimeData().data(LAYER_MIME).data()).decode("utf-8").split("\n")[0]
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        if not index.isValid():
            dest = self.count()
        else:
            dest = index.row()
            if pos.y() > self.visualRect(index).center().y():
                dest += 1
        # The model moves the layer; the rows are rebuilt from it.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.layer_dropped.emit(name, dest)


class LayerPanel(QWidget):
    """List of the project's layers with visibility, order, opacity and information.

    The panel follows ``project.layers``: rows appear, disappear and move with
    the list, and the boxes and slider follow each layer's events.
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layerPanel")
        self.project = project
        self.list = LayerListWidget(self)
        self.list.setObjectName("layerList")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.opacity_label = QLabel(_tr("Opacity"))
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setObjectName("opacitySlider")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setSingleStep(5)
        self.opacity_slider.setPageStep(10)
        self.opacity_slider.setToolTip(_tr("Opacity of the selected layer"))
        self.opacity_value = QLabel()
        self.opacity_value.setMinimumWidth(40)
        self.opacity_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        opacity_row = QHBoxLayout()
        opacity_row.setContentsMargins(4, 0, 4, 0)
        opacity_row.addWidget(self.opacity_label)
        opacity_row.addWidget(self.opacity_slider, 1)
        opacity_row.addWidget(self.opacity_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list, 1)
        layout.addLayout(opacity_row)
        #: The last context menu shown (kept so that it stays alive while open).
        self.last_menu: QMenu | None = None
        #: Callables ``(layer, menu)`` adding actions to a layer's context menu,
        #: after the panel's own (zoom, information).
        self.menu_hooks: list[Callable[[Layer, QMenu], None]] = []
        #: The last information dialog opened.
        self.info_dialog: LayerInfoDialog | None = None
        self._updating = False
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.layer_dropped.connect(self._on_layer_dropped)
        self.list.customContextMenuRequested.connect(self._on_context_menu_requested)
        self.list.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.opacity_slider.valueChanged.connect(self._on_slider_moved)
        events = project.layers.events
        events.inserted.connect(self._on_layers_changed)
        events.removed.connect(self._on_layers_changed)
        events.moved.connect(self._on_layers_changed)
        events.reordered.connect(self._on_layers_changed)
        self._rebuild()
        if self.list.count():
            self.list.setCurrentRow(0)

    # -- rows --------------------------------------------------------------------------
    def row_for(self, name: str) -> QListWidgetItem | None:
        """The list row of the layer called ``name``."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(NAME_ROLE) == name:
                return item
        return None

    def current_layer(self) -> Layer | None:
        """The layer of the selected row."""
        item = self.list.currentItem()
        return None if item is None else self.project.layers.get(item.data(NAME_ROLE))

    def _rebuild(self) -> None:
        current = self.list.currentItem()
        current_name = current.data(NAME_ROLE) if current is not None else None
        self._updating = True
        try:
            self.list.clear()
            for layer in reversed(list(self.project.layers)):
                item = QListWidgetItem(layer_title(layer))
                item.setData(NAME_ROLE, layer.name)
                item.setFlags(
                    item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled
                )
                item.setCheckState(
                    Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
                )
                item.setToolTip(self._tooltip(layer))
                self.list.addItem(item)
                layer.events.visible.connect(self._on_layer_visible, unique=True)
                layer.events.opacity.connect(self._on_layer_opacity, unique=True)
            if current_name is not None:
                row = self.row_for(current_name)
                if row is not None:
                    self.list.setCurrentItem(row)
        finally:
            self._updating = False
        self._sync_slider()

    def _tooltip(self, layer: Layer) -> str:
        credits = []
        for sid in layer.source_ids:
            source = self.project.sources.get(sid)
            if source is not None:
                credits.append(html.escape(source.attribution or source.title))
        text = f"<b>{html.escape(layer_title(layer))}</b>"
        if credits:
            text += "<br>" + _tr("Sources:") + "<br>" + "<br>".join(dict.fromkeys(credits))
        text += "<br><i>" + _tr("Right-click for details and zoom") + "</i>"
        return text

    # -- model events ------------------------------------------------------------------
    def _on_layers_changed(self, *args) -> None:
        self._rebuild()

    def _on_layer_visible(self, visible: bool) -> None:
        # Which layer emitted is not passed; resync every box cheaply.
        self._updating = True
        try:
            for layer in self.project.layers:
                row = self.row_for(layer.name)
                if row is not None:
                    state = Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
                    if row.checkState() != state:
                        row.setCheckState(state)
        finally:
            self._updating = False

    def _on_layer_opacity(self, opacity: float) -> None:
        self._sync_slider()

    def _sync_slider(self) -> None:
        layer = self.current_layer()
        self.opacity_slider.setEnabled(layer is not None)
        self.opacity_label.setEnabled(layer is not None)
        value = round(layer.opacity * 100) if layer is not None else 100
        self._updating = True
        try:
            self.opacity_slider.setValue(value)
        finally:
            self._updating = False
        self.opacity_value.setText(f"{value} %")

    # -- user actions ------------------------------------------------------------------
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        layer: Layer | None = self.project.layers.get(item.data(NAME_ROLE))
        if layer is not None:
            layer.visible = item.checkState() == Qt.CheckState.Checked

    def _on_current_changed(self, *args) -> None:
        if not self._updating:
            self._sync_slider()

    def _on_slider_moved(self, value: int) -> None:
        self.opacity_value.setText(f"{value} %")
        if self._updating:
            return
        layer = self.current_layer()
        if layer is not None:
            layer.opacity = value / 100

    def _on_layer_dropped(self, name: str, dest_row: int) -> None:
        """Move layer ``name`` before row ``dest_row`` (rows are top first)."""
        rows = list(reversed(self.project.layers.names))
        if name not in rows:
            return
        source_row = rows.index(name)
        if dest_row in (source_row, source_row + 1):
            return
        rows.pop(source_row)
        rows.insert(dest_row - 1 if dest_row > source_row else dest_row, name)
        n = len(rows)
        old_index = n - 1 - source_row
        new_index = n - 1 - rows.index(name)
        # EventedList.move inserts before its destination, counted before the removal.
        self.project.layers.move(old_index, new_index + 1 if new_index > old_index else new_index)

    def _on_item_double_clicked(self, item: QListWidgetItem) -> None:
        layer = self.project.layers.get(item.data(NAME_ROLE))
        if layer is not None:
            self.show_info(layer)

    def context_menu(self, name: str) -> QMenu:
        """The context menu of the layer called ``name``: zoom, information, then hooks."""
        menu = QMenu(self)
        menu.setObjectName("layerContextMenu")
        layer = self.project.layers.get(name)
        if layer is None:
            return menu
        zoom = QAction(_tr("&Zoom to Layer"), menu)
        zoom.setObjectName("zoomToLayerAction")
        zoom.setEnabled(layer_extent(layer) is not None)
        zoom.triggered.connect(lambda: self.zoom_to_layer(layer))
        info = QAction(_tr("Layer &Information…"), menu)
        info.setObjectName("layerInfoAction")
        info.triggered.connect(lambda: self.show_info(layer))
        menu.addAction(zoom)
        menu.addAction(info)
        if self.menu_hooks:
            menu.addSeparator()
            for hook in self.menu_hooks:
                hook(layer, menu)
        return menu

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = self.context_menu(item.data(NAME_ROLE))
        menu.aboutToHide.connect(menu.deleteLater)
        self.last_menu = menu
        menu.popup(self.list.viewport().mapToGlobal(pos))

    # -- commands ----------------------------------------------------------------------
    def zoom_to_layer(self, layer: Layer) -> bool:
        """Show the whole layer on the map; ``False`` if it has no geometry."""
        extent = layer_extent(layer)
        if extent is None:
            return False
        self.project.view.set_extent(extent)
        return True

    def show_info(self, layer: Layer) -> LayerInfoDialog:
        """Open the information window of ``layer`` (source, licence, vintage)."""
        dialog = LayerInfoDialog(self.project, layer, self)
        self.info_dialog = dialog
        dialog.open()
        return dialog


def layer_extent(layer: Layer) -> tuple[float, float, float, float] | None:
    """The layer's EPSG:3857 bounds with a margin, or ``None`` without geometry."""
    bounds = layer.bounds_mercator()
    if not all(math.isfinite(v) for v in bounds):
        return None
    xmin, ymin, xmax, ymax = bounds
    dx = max((xmax - xmin) * ZOOM_PADDING, (MIN_ZOOM_SIZE - (xmax - xmin)) / 2, 0.0)
    dy = max((ymax - ymin) * ZOOM_PADDING, (MIN_ZOOM_SIZE - (ymax - ymin)) / 2, 0.0)
    return (xmin - dx, ymin - dy, xmax + dx, ymax + dy)


class LayerInfoDialog(QDialog):
    """Where a layer's data come from: each source's title, licence, vintage and credit."""

    def __init__(self, project: Project, layer: Layer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layerInfoDialog")
        self.setWindowTitle(_tr("Layer Information — {title}").format(title=layer_title(layer)))
        self.browser = QTextBrowser()
        self.browser.setObjectName("layerInfoText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(self._html(project, layer))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def text(self) -> str:
        """The information shown, as plain text."""
        return self.browser.toPlainText()

    @staticmethod
    def _html(project: Project, layer: Layer) -> str:
        esc = html.escape
        parts = [f"<h3>{esc(layer_title(layer))}</h3>"]
        parts.append(
            "<p>" + _tr("{n} features").format(n=len(layer.data)) + "</p>"
            if len(layer.data)
            else ""
        )
        sources = [project.sources[s] for s in layer.source_ids if s in project.sources]
        unknown = [s for s in layer.source_ids if s not in project.sources]
        if not sources and not unknown:
            parts.append("<p>" + esc(_tr("No source is recorded for this layer.")) + "</p>")
        if sources:
            parts.append(f"<h4>{esc(_tr('Sources'))}</h4>")
        for source in sources:
            rows = [
                (_tr("Licence"), esc(source.licence)),
                (_tr("Vintage"), esc(source.vintage)),
            ]
            if source.attribution:
                rows.append((_tr("Credit"), esc(source.attribution)))
            if is_web_url(source.url):
                rows.append((_tr("Address"), f'<a href="{esc(source.url)}">{esc(source.url)}</a>'))
            elif source.url:
                rows.append((_tr("Address"), esc(source.url)))
            if source.file:
                rows.append((_tr("File"), esc(source.file)))
            table = "".join(
                f"<tr><td valign='top'><i>{esc(k)}</i>&nbsp;</td><td>{v}</td></tr>" for k, v in rows
            )
            parts.append(f"<p><b>{esc(source.title)}</b></p><table>{table}</table>")
        for sid in unknown:
            parts.append(
                "<p>" + esc(_tr("Source {id} is cited but not described.").format(id=sid)) + "</p>"
            )
        return "".join(parts)
