"""The table of the measures of the active scenario, with checked edits.

Every edit goes through the pure engine (:meth:`Scenario.edited`, whose
:class:`~dkgis.model.scenario.ScenarioMeasure` validation refuses impossible values):
a refused value leaves the scenario unchanged and :attr:`MeasureTableModel.refused`
carries a message naming the measure, the field and the allowed range. Values are
never clamped. Editors are plain text fields (no spin box silently clamping a value).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from dkgis.i18n import format_number, format_percent, format_year
from dkgis.model.scenario import (
    MAX_START_YEAR,
    MIN_START_YEAR,
    MeasureValueError,
    Scenario,
    ScenarioMeasure,
)

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Column keys, in order.
COLUMNS: tuple[str, ...] = (
    "enabled",
    "name",
    "site",
    "start_year",
    "ramp_years",
    "abatement_t",
    "abatement_pct",
    "basis",
)
COLUMN_INDEX = {key: i for i, key in enumerate(COLUMNS)}
EDITABLE = frozenset({"start_year", "ramp_years", "abatement_t", "abatement_pct"})
#: The columns of numbers, whose values are never cut.
NUMERIC = ("start_year", "ramp_years", "abatement_t", "abatement_pct")


def column_titles() -> list[str]:
    """Translated column headers."""
    return [
        QCoreApplication.translate("ScenarioEditor", "On"),
        QCoreApplication.translate("ScenarioEditor", "Measure"),
        QCoreApplication.translate("ScenarioEditor", "Site"),
        QCoreApplication.translate("ScenarioEditor", "Start year"),
        QCoreApplication.translate("ScenarioEditor", "Ramp (years)"),
        QCoreApplication.translate("ScenarioEditor", "Abatement (t CO₂/yr)"),
        QCoreApplication.translate("ScenarioEditor", "Abatement (% of site)"),
        QCoreApplication.translate("ScenarioEditor", "Figure"),
    ]


def basis_label(measure: ScenarioMeasure) -> str:
    """Where the abatement figure comes from, in words."""
    if measure.replaces_process and measure.basis == "none":
        return QCoreApplication.translate("ScenarioEditor", "whole process")
    return {
        "stated": QCoreApplication.translate("ScenarioEditor", "stated by a source"),
        "estimated": QCoreApplication.translate("ScenarioEditor", "estimated by dkgis"),
        "user": QCoreApplication.translate("ScenarioEditor", "typed by you"),
        "none": QCoreApplication.translate("ScenarioEditor", "not quantified"),
    }.get(measure.basis, measure.basis)


def field_label(field: str) -> str:
    """The name of a measure field as the table shows it."""
    return {
        "start_year": QCoreApplication.translate("ScenarioEditor", "start year"),
        "ramp_years": QCoreApplication.translate("ScenarioEditor", "ramp"),
        "abatement_t": QCoreApplication.translate("ScenarioEditor", "abatement (t CO₂/yr)"),
        "abatement_pct": QCoreApplication.translate("ScenarioEditor", "abatement (%)"),
    }.get(field, field)


def refusal_message(measure_name: str, err: MeasureValueError) -> str:
    """A translated sentence saying which value was refused and what is allowed."""
    field = field_label(err.field)
    value = err.value
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and math.isfinite(value) and err.field == "start_year" and float(value).is_integer():
        shown = format_year(int(value))  # « 1990 », never « 1 990 »
    elif number and math.isfinite(value):
        shown = format_number(
            value, 2 if isinstance(value, float) and not value.is_integer() else 0
        )
    else:
        shown = str(value)
    if err.field == "start_year" and err.reason in ("too_early", "too_late"):
        rule = QCoreApplication.translate(
            "ScenarioEditor", "a start year must be from {first} to {last}"
        ).format(first=format_year(MIN_START_YEAR), last=format_year(MAX_START_YEAR))
    elif err.field == "abatement_pct":
        rule = QCoreApplication.translate("ScenarioEditor", "a percentage must be from 0 to 100")
    elif err.field == "ramp_years":
        rule = QCoreApplication.translate(
            "ScenarioEditor", "the ramp is a number of years, 0 or more"
        )
    elif err.field == "abatement_t":
        rule = QCoreApplication.translate("ScenarioEditor", "an abatement cannot be negative")
    else:
        rule = str(err)
    return QCoreApplication.translate(
        "ScenarioEditor", "{measure}: {field} {value} refused — {rule}. Nothing was changed."
    ).format(measure=measure_name, field=field, value=shown, rule=rule)


class EntryError(ValueError):
    """Text that is not a number where one is expected (``field`` names the column)."""

    def __init__(self, field: str, text: str, whole: bool) -> None:
        super().__init__(text)
        self.field = field
        self.text = text
        self.whole = whole

    def message(self, measure_name: str) -> str:
        """Translated sentence for the user."""
        kind = (
            QCoreApplication.translate("ScenarioEditor", "a whole number")
            if self.whole
            else QCoreApplication.translate("ScenarioEditor", "a number")
        )
        return QCoreApplication.translate(
            "ScenarioEditor",
            "{measure}: {field} “{text}” refused — type {kind}. Nothing was changed.",
        ).format(measure=measure_name, field=field_label(self.field), text=self.text, kind=kind)


def parse_number(text: str, field: str, whole: bool) -> float | int | None:
    """Read a number typed in the user's locale (or with a dot); ``None`` for empty text.

    Raises
    ------
    EntryError
        When the text is not a number (or not a whole number when ``whole``).
    """
    cleaned = text.strip()
    for junk in ("\u202f", "\u00a0", " ", "%", "t/yr", "t"):
        cleaned = cleaned.replace(junk, "")
    if not cleaned:
        return None
    value, ok = QLocale().toDouble(cleaned)
    if not ok:
        value, ok = QLocale.c().toDouble(cleaned.replace(",", ""))
    if not ok or not math.isfinite(value):
        raise EntryError(field, text, whole)
    if whole:
        if not float(value).is_integer():
            raise EntryError(field, text, whole)
        return int(value)
    return float(value)


def changes_for(measure: ScenarioMeasure, field: str, text: str) -> dict[str, Any]:
    """The field changes a typed ``text`` means (not validated yet: the engine does it).

    A typed abatement gets the basis ``"user"`` and replaces the other kind of figure
    (t/yr or %); clearing the figure leaves the measure not quantified.
    """
    if field == "start_year":
        return {"start_year": parse_number(text, field, whole=True)}
    if field == "ramp_years":
        value = parse_number(text, field, whole=True)
        return {"ramp_years": 0 if value is None else value}
    value = parse_number(text, field, whole=False)
    other = "abatement_pct" if field == "abatement_t" else "abatement_t"
    if value is None:
        if getattr(measure, field) is None:
            return {}
        keeps_figure = measure.replaces_process or getattr(measure, other) is not None
        return {
            field: None,
            "basis": measure.basis if keeps_figure else "none",
            "basis_note": measure.basis_note
            if keeps_figure
            else "Figure cleared by the user: not quantified.",
        }
    return {
        field: value,
        other: None,
        "replaces_process": False,
        "basis": "user",
        "basis_note": "Value typed by the user in the scenario editor.",
    }


class MeasureTableModel(QAbstractTableModel):
    """The measures of one scenario; edits produce a new scenario (emitted).

    Signals
    -------
    edited(str, object)
        ``(measure_id, changes)``: the user changed a measure; the panel applies it.
    refused(str)
        A typed value was refused: the message to show.
    """

    edited = Signal(str, object)
    refused = Signal(str)

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.scenario: Scenario | None = None
        self._titles = column_titles()

    def set_scenario(self, scenario: Scenario | None) -> None:
        """Show the measures of ``scenario``."""
        self.beginResetModel()
        self.scenario = scenario
        self.endResetModel()

    def column_texts(self, column: int) -> list[str]:
        """The texts shown in ``column``, one per measure (to measure widths)."""
        if self.scenario is None:
            return []
        return [self._display(m, COLUMNS[column]) for m in self.scenario.measures]

    def measure_at(self, row: int) -> ScenarioMeasure:
        """The measure of a row."""
        assert self.scenario is not None
        return self.scenario.measures[row]

    def row_of(self, measure_id: str) -> int:
        """The row of a measure (ValueError when absent)."""
        assert self.scenario is not None
        return self.scenario.measure_ids.index(measure_id)

    # -- Qt model --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.scenario is None else len(self.scenario.measures)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        # The tooltip gives the whole title, which a narrow screen elides.
        if horizontal and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._titles[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = COLUMNS[index.column()]
        if key == "enabled":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if key in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.scenario is None:
            return None
        m = self.measure_at(index.row())
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and key == "enabled":
            return Qt.CheckState.Checked if m.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(m, key)
        if role == Qt.ItemDataRole.EditRole:
            # Text, so that the editor is a line edit (a spin box would clamp values).
            return self._edit_text(m, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("name", "site"):
                # The whole text, which a narrow screen elides (and the figure's basis).
                note = f"\n{m.basis_note}" if key == "name" and m.basis_note else ""
                return self._display(m, key) + note
            if key in ("basis", "abatement_t", "abatement_pct"):
                return m.basis_note or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in EDITABLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not m.counts:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.ForegroundRole and key == "basis" and m.basis == "user":
            return QBrush(QColor("#1f5fa8"))
        return None

    def _display(self, m: ScenarioMeasure, key: str) -> str:
        if key == "name":
            return self.project.measure_name(m.measure_id, m.name)
        if key == "site":
            facility = self.project.facilities.get(m.facility_id or "")
            return (
                facility.display_name
                if facility is not None
                else QCoreApplication.translate("ScenarioEditor", "territory (no site)")
            )
        if key == "start_year":
            return "" if m.start_year is None else format_year(m.start_year)
        if key == "ramp_years":
            return str(m.ramp_years)
        if key == "abatement_t":
            if m.replaces_process:
                return QCoreApplication.translate("ScenarioEditor", "whole process")
            return "" if m.abatement_t is None else format_number(m.abatement_t)
        if key == "abatement_pct":
            return "" if m.abatement_pct is None else format_percent(m.abatement_pct / 100, 1)
        if key == "basis":
            return basis_label(m)
        return ""

    def _edit_text(self, m: ScenarioMeasure, key: str) -> str:
        if key == "abatement_t":
            return "" if m.abatement_t is None else format_number(m.abatement_t)
        if key == "abatement_pct":
            return "" if m.abatement_pct is None else format_number(m.abatement_pct, 1)
        return self._display(m, key)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole):
        if not index.isValid() or self.scenario is None:
            return False
        m = self.measure_at(index.row())
        key = COLUMNS[index.column()]
        if key == "enabled" and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if checked == m.enabled:
                return False
            self.edited.emit(m.measure_id, {"enabled": checked})
            return True
        if key not in EDITABLE or role != Qt.ItemDataRole.EditRole:
            return False
        if str(value).strip() == self._edit_text(m, key).strip():
            return False  # nothing typed
        try:
            changes = changes_for(m, key, str(value))
            m.replace(**changes)  # the engine's rules; the panel applies the same change
        except EntryError as err:
            self.refused.emit(err.message(self._display(m, "name")))
            return False
        except MeasureValueError as err:
            self.refused.emit(refusal_message(self._display(m, "name"), err))
            return False
        if not changes:
            return False
        self.edited.emit(m.measure_id, changes)
        return True
