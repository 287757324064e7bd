"""The controls shared by the chart docks: unit, scenario and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from dkgis.ui.charts import chart_style as cs

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.projections import Projections


def short_credit(project: Project, source_id: str) -> str:
    """The credit line of a source (its attribution, else its title)."""
    source = project.sources.get(source_id)
    if source is None:
        return source_id
    return source.attribution or source.title


class ChartToolbar(QWidget):
    """Units, scenario and export controls shared by the chart docks."""

    def __init__(self, projections: Projections, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.projections = projections
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.units = QComboBox(self)
        self.units.setObjectName("unitsCombo")
        self.units.setToolTip(self.tr("Unit of the values: t, kt or Mt of CO₂e per year"))
        for key in cs.UNITS:
            self.units.addItem(key, key)
        self.scenario = QComboBox(self)
        self.scenario.setObjectName("scenarioCombo")
        self.scenario.setMinimumContentsLength(6)
        self.scenario.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("exportChartButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_button.setMenu(self.export_menu)
        layout.addWidget(self.units)
        layout.addWidget(QLabel(self.tr("Scenario"), self))
        layout.addWidget(self.scenario, 1)
        layout.addWidget(self.export_button)
        self.scenario.currentIndexChanged.connect(self._on_scenario_picked)
        projections.changed.connect(self.fill_scenarios)
        self.fill_scenarios()

    def fill_scenarios(self) -> None:
        """List the scenarios; select the active one."""
        with QSignalBlocker(self.scenario):
            self.scenario.clear()
            if not self.projections.available:
                self.scenario.addItem(self.tr("No projections"))
                self.scenario.setEnabled(False)
                self.scenario.setToolTip(
                    self.tr("Projections need the trajectory engine, which is not available.")
                )
                return
            self.scenario.setEnabled(True)
            self.scenario.setToolTip(self.tr("Scenario of the projections"))
            for name in self.projections.scenario_names:
                self.scenario.addItem(name, name)
            self.scenario.setCurrentIndex(max(0, self.scenario.findData(self.projections.active)))

    def _on_scenario_picked(self, index: int) -> None:
        name = self.scenario.itemData(index)
        if name:
            self.projections.set_active(name)

    def unit_key(self) -> str:
        """The chosen unit (``t``, ``kt`` or ``Mt``)."""
        return self.units.currentData()

    def set_unit_key(self, key: str) -> None:
        """Choose a unit."""
        self.units.setCurrentIndex(max(0, self.units.findData(key)))
