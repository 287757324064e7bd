"""The style of a user layer: colour, point size, line width, fill and layer opacity.

Changes show on the map at once; Cancel puts the previous style back.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dkgis.model.user_layer import LINE_WIDTH_RANGE, POINT_SIZE_RANGE, UserLayer
from dkgis.symbology.user_palette import USER_PALETTE

#: Extra quick colours after the default palette (still clear of the sector palette).
EXTRA_SWATCHES = ("#E31A1C", "#B8860B", "#9A031E", "#2F4858")


def _swatch_css(colour: str, selected: bool) -> str:
    border = "2px solid #000000" if selected else "1px solid #888888"
    return f"background-color: {colour}; border: {border}; border-radius: 3px;"


class LayerStyleDialog(QDialog):
    """Edit the style of ``layer`` (live), OK to keep, Cancel to undo."""

    def __init__(self, layer: UserLayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layerStyleDialog")
        self.setWindowTitle(
            QCoreApplication.translate("LayerStyleDialog", "Style of “{title}”").format(
                title=layer.title
            )
        )
        self.layer = layer
        self._initial_style = layer.style
        self._initial_opacity = layer.opacity
        counts = layer.geometry_counts()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        swatch_row = QHBoxLayout()
        swatch_row.setSpacing(4)
        self.swatches: dict[str, QToolButton] = {}
        for colour in (*USER_PALETTE, *EXTRA_SWATCHES):
            button = QToolButton()
            button.setObjectName(f"swatch_{colour.lstrip('#').upper()}")
            button.setFixedSize(22, 22)
            button.setToolTip(colour.upper())
            button.clicked.connect(partial(self.set_colour, colour))
            self.swatches[colour.upper()] = button
            swatch_row.addWidget(button)
        self.other_colour = QPushButton(QCoreApplication.translate("LayerStyleDialog", "Other…"))
        self.other_colour.setObjectName("otherColourButton")
        self.other_colour.clicked.connect(self._pick_colour)
        swatch_row.addWidget(self.other_colour)
        swatch_row.addStretch(1)
        form.addRow(QCoreApplication.translate("LayerStyleDialog", "Colour:"), swatch_row)

        self.point_size = QDoubleSpinBox()
        self.point_size.setObjectName("pointSize")
        self.point_size.setRange(*POINT_SIZE_RANGE)
        self.point_size.setSingleStep(1.0)
        self.point_size.setDecimals(1)
        self.point_size.setSuffix(" px")
        self.point_size.setValue(layer.style.point_size)
        self.point_size.valueChanged.connect(lambda v: self._update(point_size=v))
        if counts["points"]:
            form.addRow(
                QCoreApplication.translate("LayerStyleDialog", "Point size:"), self.point_size
            )

        self.line_width = QDoubleSpinBox()
        self.line_width.setObjectName("lineWidth")
        self.line_width.setRange(*LINE_WIDTH_RANGE)
        self.line_width.setSingleStep(0.5)
        self.line_width.setDecimals(1)
        self.line_width.setSuffix(" px")
        self.line_width.setValue(layer.style.line_width)
        self.line_width.valueChanged.connect(lambda v: self._update(line_width=v))
        if counts["lines"] or counts["polygons"]:
            form.addRow(
                QCoreApplication.translate("LayerStyleDialog", "Line width:"), self.line_width
            )

        self.fill = self._percent_slider("fillOpacity", layer.style.fill_alpha)
        self.fill.valueChanged.connect(lambda v: self._update(fill_alpha=v / 100))
        if counts["polygons"]:
            form.addRow(QCoreApplication.translate("LayerStyleDialog", "Polygon fill:"), self.fill)

        self.opacity = self._percent_slider("layerOpacity", layer.opacity)
        self.opacity.valueChanged.connect(self._on_opacity)
        form.addRow(QCoreApplication.translate("LayerStyleDialog", "Layer opacity:"), self.opacity)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.button_box = box
        layout.addWidget(box)
        self._show_colour()

    @staticmethod
    def _percent_slider(name: str, value: float) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(0, 100)
        box.setSingleStep(10)
        # "50%" in English, « 50 % » in French.
        box.setSuffix(QCoreApplication.translate("LayerStyleDialog", "%", "percent suffix"))
        box.setValue(round(value * 100))
        return box

    def set_colour(self, colour: str) -> None:
        """Use ``colour`` (``#rrggbb``) for the layer."""
        self._update(colour=QColor(colour).name().upper())

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(
            QColor(self.layer.style.colour),
            self,
            QCoreApplication.translate("LayerStyleDialog", "Colour of the layer"),
        )
        if colour.isValid():
            self.set_colour(colour.name())

    def _update(self, **changes) -> None:
        self.layer.style = self.layer.style.with_changes(**changes)
        self._show_colour()

    def _on_opacity(self, value: int) -> None:
        self.layer.opacity = value / 100

    def _show_colour(self) -> None:
        current = self.layer.style.colour.upper()
        for colour, button in self.swatches.items():
            button.setStyleSheet(_swatch_css(colour, colour == current))

    def reject(self) -> None:  # Qt override: undo the live changes
        self.layer.style = self._initial_style
        self.layer.opacity = self._initial_opacity
        super().reject()
