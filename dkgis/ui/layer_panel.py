"""The layer panel: one row per map layer, top layer first, with a visibility box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

NAME_ROLE = Qt.ItemDataRole.UserRole


class LayerPanel(QWidget):
    """List of the project's layers with a check box for visibility.

    The panel follows ``project.layers``: rows appear, disappear and move with
    the list, and the check boxes follow each layer's ``visible`` event.
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layerPanel")
        self.project = project
        self.list = QListWidget(self)
        self.list.setObjectName("layerList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        self._updating = False
        self.list.itemChanged.connect(self._on_item_changed)
        #: Callables ``(layer, menu)`` adding actions to a layer's context menu.
        self.menu_hooks: list[Callable[[Layer, QMenu], None]] = []
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        events = project.layers.events
        events.inserted.connect(self._on_layers_changed)
        events.removed.connect(self._on_layers_changed)
        events.moved.connect(self._on_layers_changed)
        events.reordered.connect(self._on_layers_changed)
        self._rebuild()

    def row_for(self, name: str) -> QListWidgetItem | None:
        """The list row of the layer called ``name``."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(NAME_ROLE) == name:
                return item
        return None

    def context_menu(self, name: str) -> QMenu:
        """The context menu of the layer called ``name``, filled by :attr:`menu_hooks`."""
        menu = QMenu(self)
        menu.setObjectName("layerContextMenu")
        layer = self.project.layers.get(name)
        if layer is not None:
            for hook in self.menu_hooks:
                hook(layer, menu)
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        menu = self.context_menu(item.data(NAME_ROLE))
        menu.aboutToHide.connect(menu.deleteLater)
        if menu.isEmpty():
            menu.deleteLater()
            return
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _rebuild(self) -> None:
        self._updating = True
        try:
            self.list.clear()
            for layer in reversed(list(self.project.layers)):
                item = QListWidgetItem(QCoreApplication.translate("Layers", layer.title))
                item.setData(NAME_ROLE, layer.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
                )
                self.list.addItem(item)
                layer.events.visible.connect(self._on_layer_visible, unique=True)
        finally:
            self._updating = False

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

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        layer: Layer | None = self.project.layers.get(item.data(NAME_ROLE))
        if layer is not None:
            layer.visible = item.checkState() == Qt.CheckState.Checked
