"""The scenario editor dock: choose, duplicate, rename, delete scenarios; edit measures.

The editor always shows the **active** scenario (``project.scenarios``): choosing a
scenario here makes it active for the charts and the map. Presets stay as published:
an edit of a preset is made in a new scenario ("<preset> — edited"), which becomes
active, and the message line says so. Every accepted edit replaces the scenario in
``project.scenarios``, which redraws the charts and the map's future years at once (and
is one step of Edit > Undo). A scenario without measures ("No new measures") says why its
table is empty. Preset names are shown in the user's language; the user's own names as
typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dkgis.model.scenario import (
    ANNOUNCED,
    NO_NEW_MEASURES,
    PRESET_NAMES,
    MeasureValueError,
    scenario_title,
)
from dkgis.ui.scenario_table import (
    COLUMN_INDEX,
    COLUMNS,
    NUMERIC,
    MeasureTableModel,
    refusal_message,
)
from dkgis.ui.table_columns import ColumnFitter

#: Room around a cell's text (margins and grid), in pixels.
CELL_PADDING_PX = 14
#: Width of a check box in a cell, in pixels.
CHECK_BOX_PX = 22
#: Narrowest the site column gets (a little narrower than the measure's name: the
#: numbers must fit beside both on a 1366-pixel screen).
MIN_SITE_COLUMN_PX = 90
#: Widest a column gets by itself (the name of a measure is elided past it).
MAX_COLUMN_WIDTH = 260

if TYPE_CHECKING:
    from dkgis.model.project import Project


class ScenarioEditor(QWidget):
    """Scenario chooser, scenario buttons and the measure table.

    Signals
    -------
    message(str)
        A message for the status bar (edits made, values refused).
    """

    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioEditor")
        self.project = project
        self.scenarios = project.scenarios
        #: Number of messages shown (edits applied or refused, scenario commands).
        self.messages_shown = 0

        self.chooser = QComboBox(self)
        self.chooser.setObjectName("scenarioChooser")
        self.chooser.setToolTip(self.tr("The scenario of the charts and of the map's future years"))
        # Narrow by default: the editor shares the bottom with the facility table and must not
        # squeeze the chart column.
        self.chooser.setMinimumContentsLength(14)
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.duplicate_button = self._button("duplicateScenarioButton", self.tr("Duplicate"))
        self.duplicate_button.setToolTip(self.tr("Make an editable copy of this scenario"))
        self.rename_button = self._button("renameScenarioButton", self.tr("Rename…"))
        self.delete_button = self._button("deleteScenarioButton", self.tr("Delete"))
        self.duplicate_button.clicked.connect(self.duplicate)
        self.rename_button.clicked.connect(self.rename_dialog)
        self.delete_button.clicked.connect(self.delete)
        # The years averaged into the baselines (default: the last three verified years).
        self.baseline_edit = QLineEdit(self)
        self.baseline_edit.setObjectName("baselineYears")
        self.baseline_edit.setToolTip(
            self.tr(
                "Years averaged into each site's baseline, e.g. 2019, 2021-2022 to leave 2020 "
                "(COVID) out. Empty: the last three verified years."
            )
        )
        self.baseline_edit.editingFinished.connect(
            lambda: self.apply_baseline(self.baseline_edit.text())
        )
        self.hint = QLabel(self)
        self.hint.setObjectName("scenarioHint")
        self.hint.setStyleSheet("color: #555555;")
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("Scenario"), self))
        top.addWidget(self.chooser, 1)
        for button in (self.duplicate_button, self.rename_button, self.delete_button):
            top.addWidget(button)

        self.model = MeasureTableModel(project, self)
        # Queued: the table is reset by the edit, which must not happen while the view is
        # still committing its editor's data.
        self.model.edited.connect(self.apply_edit, Qt.ConnectionType.QueuedConnection)
        self.model.refused.connect(self.show_refusal)
        self.table = QTableView(self)
        self.table.setObjectName("measureTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(48)
        # Shown in place of the table when the scenario has no measures, to say why.
        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("emptyScenarioNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_note.setMargin(8)
        self.empty_note.setStyleSheet(
            "QLabel { background: #f4f6f8; border: 1px solid #d0d7de; color: #24292f; }"
        )
        self.empty_note.hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Without it a narrowed title is cut at both ends, with no sign that it is cut.
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The numbers show whole inside the view; the name and site columns give up width
        # first (elided, whole in their tooltip); the figure's basis is reached by scrolling.
        self.column_fitter = ColumnFitter(
            self.table,
            COLUMN_INDEX[NUMERIC[-1]],
            self.natural_widths,
            lambda: self.value_widths()[COLUMN_INDEX[NUMERIC[-1]]],
            self.value_widths,
        )
        self.model.modelReset.connect(self.column_fitter.measure)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("scenarioMessage")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_note, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.hint)
        bottom.addWidget(self.message_label, 1)
        # Under the table rather than beside the buttons: the dock stays narrow enough for
        # a 1366-pixel screen with its French words.
        bottom.addWidget(QLabel(self.tr("Baseline years"), self))
        bottom.addWidget(self.baseline_edit)
        layout.addLayout(bottom)

        self.chooser.currentIndexChanged.connect(self._on_chosen)
        self.scenarios.changed.connect(self._on_scenarios_changed)
        self._on_scenarios_changed()

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def natural_widths(self) -> list[int]:
        """The width each column needs for its texts and its title (by logical index),
        none wider than :data:`MAX_COLUMN_WIDTH`."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        widths = []
        for column in range(self.model.columnCount()):
            texts = self.model.column_texts(column)
            width = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            if COLUMNS[column] == "enabled":
                width += CHECK_BOX_PX
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(width, header.fontMetrics().horizontalAdvance(title))
            widths.append(min(width + CELL_PADDING_PX, MAX_COLUMN_WIDTH))
        return widths

    def value_widths(self) -> dict[int, int]:
        """The narrowest the check box and number columns get: their values whole (their
        titles elided, whole in their tooltips); and the site column's narrowest."""
        metrics = self.table.fontMetrics()
        widths = {
            COLUMN_INDEX["enabled"]: CHECK_BOX_PX + CELL_PADDING_PX,
            COLUMN_INDEX["site"]: MIN_SITE_COLUMN_PX,
        }
        for key in NUMERIC:
            texts = self.model.column_texts(COLUMN_INDEX[key])
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            widths[COLUMN_INDEX[key]] = widest + CELL_PADDING_PX
        return widths

    # -- following the model ------------------------------------------------------------
    def _on_scenarios_changed(self) -> None:
        with QSignalBlocker(self.chooser):
            self.chooser.clear()
            for name in self.scenarios.names:
                self.chooser.addItem(scenario_title(name), name)
            self.chooser.setCurrentIndex(max(0, self.chooser.findData(self.scenarios.active_name)))
        self.model.set_scenario(self.scenarios.active)
        self._show_empty_note()
        active = self.scenarios.active_name
        preset = active is not None and self.scenarios.is_preset(active)
        self.rename_button.setEnabled(active is not None and not preset)
        self.delete_button.setEnabled(active is not None and not preset)
        self.duplicate_button.setEnabled(active is not None)
        self.hint.setText(
            self.tr("Preset: an edit makes an edited copy.")
            if preset
            else self.tr("Your scenario: edits apply to it.")
        )
        self._show_baseline()

    def _show_empty_note(self) -> None:
        """Say why the table is empty when the active scenario has no measures."""
        scenario = self.scenarios.active
        empty = scenario is not None and not scenario.measures
        if empty and scenario.name == NO_NEW_MEASURES:
            self.empty_note.setText(
                self.tr(
                    "<b>No measures, on purpose.</b> This scenario is the reference without "
                    "any decarbonization project: each site keeps its baseline emissions (the "
                    "mean of its baseline years) every year after the last verified one. "
                    "Compare it with “{announced}” to see what the announced projects change. "
                    "To build your own scenario, choose a scenario with measures and click "
                    "<i>Duplicate</i>."
                ).format(announced=scenario_title(ANNOUNCED))
            )
        elif empty:
            self.empty_note.setText(
                self.tr(
                    "<b>This scenario has no measures:</b> each site keeps its baseline "
                    "emissions every year after the last verified one. To edit measures, "
                    "duplicate a scenario that has some."
                )
            )
        self.empty_note.setVisible(empty)
        self.table.setVisible(not empty)

    def _show_baseline(self) -> None:
        from dkgis.model.trajectory import BASELINE_YEARS, last_verified_year, years_text

        scenario = self.scenarios.active
        chosen = scenario.baseline_years if scenario is not None else None
        last = last_verified_year(self.project)
        default = years_text(range(last - BASELINE_YEARS + 1, last + 1)) if last is not None else ""
        with QSignalBlocker(self.baseline_edit):
            self.baseline_edit.setText(years_text(chosen) if chosen else "")
            placeholder = self.tr("{years} (default)").format(years=default)
            self.baseline_edit.setPlaceholderText(placeholder)
        # As wide as its placeholder, which is longer in French (« (par défaut) »).
        text_width = self.baseline_edit.fontMetrics().horizontalAdvance(placeholder)
        self.baseline_edit.setFixedWidth(max(170, text_width + 24))
        self.baseline_edit.setEnabled(scenario is not None)

    def _on_chosen(self, index: int) -> None:
        name = self.chooser.itemData(index)
        if name:
            self.scenarios.set_active(name)

    # -- messages -------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        """Show ``text`` under the table and in the status bar."""
        self.messages_shown += 1
        colour = "#b3261e" if error else "#1f5130"
        self.message_label.setStyleSheet(f"color: {colour};")
        self.message_label.setText(text)
        self.message.emit(text)

    def show_refusal(self, text: str) -> None:
        """Say that a typed value was refused."""
        self.show_message(text, error=True)

    # -- edits ----------------------------------------------------------------------------
    def apply_edit(self, measure_id: str, changes: dict[str, Any]) -> bool:
        """Change one measure of the active scenario (presets: in an edited copy).

        Returns ``False``, with a message, when the engine refuses the value.
        """
        scenario = self.scenarios.active
        if scenario is None:
            return False
        name = self.project.measure_name(measure_id, scenario.measure(measure_id).name)
        try:
            edited = scenario.edited(measure_id, **changes)
        except MeasureValueError as err:
            self.show_refusal(refusal_message(name, err))
            return False
        if self.scenarios.is_preset(scenario.name):
            copy_name = self.scenarios.unique_name(
                self.tr("{name} — edited").format(name=scenario_title(scenario.name))
            )
            self.scenarios.add(edited.renamed(copy_name), activate=True)
            self.show_message(
                self.tr(
                    "Presets stay as published: your change to “{measure}” was made in a new "
                    "scenario, “{scenario}”."
                ).format(measure=name, scenario=copy_name)
            )
        else:
            self.scenarios.replace(scenario.name, edited)
            self.show_message(
                self.tr("“{measure}” changed in “{scenario}”.").format(
                    measure=name, scenario=scenario.name
                )
            )
        return True

    def apply_baseline(self, text: str) -> bool:
        """Average the years typed in ``text`` into the baselines of the active scenario
        (empty: the default); presets get an edited copy. Refused text leaves it as it was."""
        from dkgis.model.trajectory import parse_years, years_text

        scenario = self.scenarios.active
        if scenario is None:
            return False
        try:
            years = parse_years(text)
            edited = scenario.with_baseline_years(years)
        except ValueError:
            self.show_refusal(
                self.tr(
                    "“{text}” is not a list of years (e.g. 2019, 2021-2022): the baseline was "
                    "not changed."
                ).format(text=text)
            )
            self._show_baseline()
            return False
        if edited.baseline_years == scenario.baseline_years:
            return False
        shown = years_text(years) if years else self.tr("the last three verified years")
        if self.scenarios.is_preset(scenario.name):
            copy_name = self.scenarios.unique_name(
                self.tr("{name} — edited").format(name=scenario_title(scenario.name))
            )
            self.scenarios.add(edited.renamed(copy_name), activate=True)
            self.show_message(
                self.tr(
                    "Presets stay as published: the baseline ({years}) is used in a new "
                    "scenario, “{scenario}”."
                ).format(years=shown, scenario=copy_name)
            )
        else:
            self.scenarios.replace(scenario.name, edited)
            self.show_message(
                self.tr("Baseline of “{scenario}”: mean of {years}.").format(
                    scenario=scenario.name, years=shown
                )
            )
        return True

    def duplicate(self) -> None:
        """Copy the active scenario under a new name and make the copy active."""
        scenario = self.scenarios.active
        if scenario is None:
            return
        name = self.scenarios.unique_name(
            self.tr("{name} (copy)").format(name=scenario_title(scenario.name))
        )
        self.scenarios.add(scenario.renamed(name), activate=True)
        self.show_message(self.tr("Scenario “{name}” created.").format(name=name))

    def rename_dialog(self) -> QInputDialog | None:
        """Ask for a new name of the active scenario (window-modal, returns the dialog)."""
        scenario = self.scenarios.active
        if scenario is None or self.scenarios.is_preset(scenario.name):
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("renameScenarioDialog")
        dialog.setWindowTitle(self.tr("Rename Scenario"))
        dialog.setLabelText(self.tr("New name of “{name}”:").format(name=scenario.name))
        dialog.setTextValue(scenario.name)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(lambda text: self.rename(scenario.name, text))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.rename_dialog_box = dialog
        return dialog

    def rename(self, old: str, new: str) -> bool:
        """Rename a scenario; refuse (with a message) an empty, taken or preset name."""
        new = new.strip()
        if new == old:
            return False
        if not new:
            self.show_refusal(self.tr("A scenario needs a name: nothing was renamed."))
            return False
        taken = {*self.scenarios.names, *PRESET_NAMES, *map(scenario_title, PRESET_NAMES)}
        if new in taken:
            self.show_refusal(
                self.tr("“{name}” is already a scenario's name: nothing was renamed.").format(
                    name=new
                )
            )
            return False
        scenario = self.scenarios.get(old)
        if scenario is None:
            return False
        self.scenarios.replace(old, scenario.renamed(new))
        self.show_message(self.tr("Scenario renamed “{name}”.").format(name=new))
        return True

    def delete(self) -> None:
        """Delete the active scenario (not a preset)."""
        name = self.scenarios.active_name
        if name is None or self.scenarios.is_preset(name):
            return
        self.scenarios.remove(name)
        self.show_message(self.tr("Scenario “{name}” deleted.").format(name=name))
