"""Small dialogs asked while adding a file: which layers, which coordinate columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dkgis.io.readers import CsvLayout, LayerInfo
from dkgis.labels import format_number

NAME_ROLE = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    """Translate in the context ``ImportDialogs``."""
    return QCoreApplication.translate("ImportDialogs", text)


def _geometry_label(geometry_type: str | None) -> str:
    kind = (geometry_type or "").lower().removeprefix("multi").removesuffix(" z")
    return {
        "point": tr("points"),
        "linestring": tr("lines"),
        "polygon": tr("polygons"),
    }.get(kind, tr("mixed geometry"))


class LayerChoiceDialog(QDialog):
    """Tick the layers of a multi-layer file to add (the first is ticked)."""

    def __init__(
        self, path: Path, layers: tuple[LayerInfo, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("layerChoiceDialog")
        self.setWindowTitle(tr("Choose Layers"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr("<b>{file}</b> holds several layers. Which ones do you want to add?").format(
                file=Path(path).name
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("layerChoiceList")
        for i, layer in enumerate(layers):
            text = f"{layer.name} — {_geometry_label(layer.geometry_type)}"
            if layer.features is not None:
                text += " " + tr("({n} features)").format(n=format_number(layer.features))
            item = QListWidgetItem(text)
            item.setData(NAME_ROLE, layer.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i == 0 else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add Layers"))
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.list.itemChanged.connect(self._update_ok)

    def set_checked(self, names) -> None:
        """Tick exactly the layers called ``names``."""
        wanted = set(names)
        for i in range(self.list.count()):
            item = self.list.item(i)
            checked = item.data(NAME_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        """Names of the ticked layers, in file order."""
        return [
            self.list.item(i).data(NAME_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_ok(self, *args) -> None:
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen()))


class ColumnsDialog(QDialog):
    """Choose the columns of a CSV file that hold x (longitude) and y (latitude)."""

    def __init__(self, path: Path, layout_: CsvLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coordinateColumnsDialog")
        self.setWindowTitle(tr("Coordinate Columns"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Several columns of <b>{file}</b> could hold coordinates."
                " Which ones should place the points?"
            ).format(file=Path(path).name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.x_combo = QComboBox()
        self.x_combo.setObjectName("xColumn")
        self.y_combo = QComboBox()
        self.y_combo.setObjectName("yColumn")
        for combo, preferred in (
            (self.x_combo, layout_.x_candidates),
            (self.y_combo, layout_.y_candidates),
        ):
            ordered = list(preferred) + [c for c in layout_.columns if c not in preferred]
            combo.addItems(ordered)
        form.addRow(tr("X or longitude:"), self.x_combo)
        form.addRow(tr("Y or latitude:"), self.y_combo)
        layout.addLayout(form)
        self.error = QLabel(tr("Choose two different columns."))
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

    def columns(self) -> tuple[str, str]:
        """The chosen (x, y) columns."""
        return self.x_combo.currentText(), self.y_combo.currentText()

    def accept(self) -> None:  # Qt override: two different columns
        x, y = self.columns()
        if x == y:
            self.error.show()
            return
        super().accept()
