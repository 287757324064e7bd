"""The controls shared by the chart docks: unit, scenario and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from dkgis.charts import style as cs

if TYPE_CHECKING:
    from dkgis.model.scenario_set import ScenarioSet


class ChartToolbar(QWidget):
    """Units, scenario and export controls shared by the chart docks.

    The scenario box shows and sets the active scenario of ``scenarios``.
    """

    def __init__(self, scenarios: ScenarioSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenarios = scenarios
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
        scenarios.changed.connect(self.fill_scenarios)
        self.fill_scenarios()

    def fill_scenarios(self) -> None:
        """List the scenarios; select the active one."""
        with QSignalBlocker(self.scenario):
            self.scenario.clear()
            if not self.scenarios.available:
                self.scenario.addItem(self.tr("No projections"))
                self.scenario.setEnabled(False)
                self.scenario.setToolTip(self.tr("The project has no scenario to project under."))
                return
            self.scenario.setEnabled(True)
            self.scenario.setToolTip(self.tr("Scenario of the projections"))
            for name in self.scenarios.names:
                self.scenario.addItem(name, name)
            self.scenario.setCurrentIndex(
                max(0, self.scenario.findData(self.scenarios.active_name))
            )

    def _on_scenario_picked(self, index: int) -> None:
        name = self.scenario.itemData(index)
        if name:
            self.scenarios.set_active(name)

    def unit_key(self) -> str:
        """The chosen unit (``t``, ``kt`` or ``Mt``)."""
        return self.units.currentData()

    def set_unit_key(self, key: str) -> None:
        """Choose a unit."""
        self.units.setCurrentIndex(max(0, self.units.findData(key)))
