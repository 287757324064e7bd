"""The attribute table: every facility in a sortable, filterable table.

The table follows the map selection and drives it: selecting rows selects the
facilities on the map, and a facility selected on the map (or found by the
search) is selected and scrolled to in the table. Its emission column shows the
map's values for the screen's frame (year and scenario), with what each value is
(verified, projected, no data), from the same function as the map. The visible rows
(as filtered and sorted) can be exported to a CSV file for French spreadsheets.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dkgis import wording
from dkgis.i18n import format_number, ngettext
from dkgis.labels import precision_label, sector_label, status_label
from dkgis.model.facility_table import matching_rows, sorted_rows
from dkgis.model.frame import facility_value, frame_emissions
from dkgis.model.search import fold
from dkgis.model.yearly import NO_DATA
from dkgis.symbology.sectors import sector_colour
from dkgis.ui.table_columns import ColumnFitter

if TYPE_CHECKING:
    from dkgis.map.screen_frame import ScreenFrame
    from dkgis.model.facility import Facility
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

AnyIndex = QModelIndex | QPersistentModelIndex

#: Item data: the facility id of a row.
FACILITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Item data: the value exported to CSV (numbers unformatted).
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 3

#: Text colour of "no data" cells.
NO_DATA_COLOUR = "#8a8a8a"
#: Texts measured per column to fit it (the longest by character count).
FIT_SAMPLE = 12
#: Room for the sort arrow in a header and for the margins of a cell, in pixels.
SORT_ARROW_PX = 18
CELL_PADDING_PX = 14
#: Widest a column gets when fitted to its contents, in pixels.
MAX_COLUMN_WIDTH = 240

#: Keys of the columns of the frame's values (the others are the facilities' own).
VALUE_KEY = "emissions_t"
KIND_KEY = "emissions_kind"


@dataclass(frozen=True)
class Column:
    """One column of the table.

    ``title`` is an English source string (context ``FacilityTable``), translated when
    shown. A cell shows
    ``value(facility)``, through ``label`` when given (a translated label of an id,
    computed once per distinct id). The columns of the frame's values (:data:`VALUE_KEY`,
    :data:`KIND_KEY`) have no ``value``: their cells and titles come from the frame.
    """

    key: str
    title: str = ""
    value: Callable[[Facility], str | None] | None = None
    label: Callable[[str], str] | None = None

    @property
    def numeric(self) -> bool:
        return self.key == VALUE_KEY


#: The table's columns; emissions come early so that they show without scrolling.
COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("FacilityTable", "Name"), lambda f: f.display_name),
    Column(
        "sector", QT_TRANSLATE_NOOP("FacilityTable", "Sector"), lambda f: f.sector, sector_label
    ),
    Column(VALUE_KEY),
    Column(KIND_KEY),
    Column("operator", QT_TRANSLATE_NOOP("FacilityTable", "Operator"), lambda f: f.operator),
    Column("commune", QT_TRANSLATE_NOOP("FacilityTable", "Commune"), lambda f: f.commune),
    Column(
        "status", QT_TRANSLATE_NOOP("FacilityTable", "Status"), lambda f: f.status, status_label
    ),
    Column("subsector", QT_TRANSLATE_NOOP("FacilityTable", "Activity"), lambda f: f.activity),
    Column(
        "location_precision",
        QT_TRANSLATE_NOOP("FacilityTable", "Location"),
        lambda f: f.location_precision,
        precision_label,
    ),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
VALUE_COLUMN = COLUMN_INDEX[VALUE_KEY]
KIND_COLUMN = COLUMN_INDEX[KIND_KEY]


class FacilityTableModel(QAbstractTableModel):
    """The project's facilities, one row each (see :data:`COLUMNS`), filtered and sorted.

    The emission columns hold the values of a map frame (:meth:`set_frame`), taken as
    one array from :func:`dkgis.model.frame.frame_emissions`: the map's values. The
    model filters and sorts itself (in C-speed Python sorts, not through a proxy calling
    Python for every comparison), and formats numbers only for the cells shown, so a
    table of 100 000 rows stays responsive. Rows without a value sort last in either
    order.
    """

    def __init__(self, project: Project, frame: MapFrame, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.frame = frame
        #: Facility ids in dataset order (the order of the frame's values).
        self.ids: list[str] = list(project.facilities)
        facilities = list(project.facilities.values())
        self._sectors = [f.sector for f in facilities]
        self._texts = _static_texts(facilities)
        self._static_haystacks: list[str] | None = None
        self._haystacks: list[str] | None = None
        self._sort_keys: dict[int, Any] = {}
        self._words: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._shown: list[int] = []  # table row -> facility index
        self._position: dict[str, int] | None = None  # facility id -> table row (built on use)
        self._load_values()
        self._update_shown()

    # -- the frame's values ------------------------------------------------------------
    def _load_values(self) -> None:
        values = frame_emissions(self.project, self.frame)
        self._values = values.values
        self._kinds = values.kinds
        self._value_texts: dict[int, str] = {}
        self._haystacks = None
        self._sort_keys.pop(VALUE_COLUMN, None)
        self._sort_keys.pop(KIND_COLUMN, None)

    def set_frame(self, frame: MapFrame) -> None:
        """Show the values of ``frame`` (nothing is done when its year and scenario are
        those shown)."""
        if frame.same_values(self.frame):
            self.frame = frame
            return
        self.frame = frame
        sorted_by_value = self._sort is not None and self._sort[0] in (VALUE_COLUMN, KIND_COLUMN)
        if self._words:  # the rows shown may change
            self.beginResetModel()
            self._load_values()
            self._update_shown()
            self.endResetModel()
        elif sorted_by_value:
            self._relayout(lambda: (self._load_values(), self._update_shown()))
        else:
            self._load_values()
            last = len(self._shown) - 1
            if last >= 0:
                self.dataChanged.emit(self.index(0, VALUE_COLUMN), self.index(last, KIND_COLUMN))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, VALUE_COLUMN, KIND_COLUMN)

    def value_text(self, row: int) -> str:
        """The text of the value cell of a facility (index in :attr:`ids`)."""
        text = self._value_texts.get(row)
        if text is None:
            value = float(self._values[row])
            text = wording.no_data() if math.isnan(value) else wording.tonnes_number(value)
            self._value_texts[row] = text
        return text

    def kind_text(self, row: int) -> str:
        """What the value of a facility is: verified, projected or no data."""
        return wording.kind_word(str(self._kinds[row]))

    def _has_value(self, row: int) -> bool:
        return str(self._kinds[row]) != NO_DATA

    def text(self, row: int, column: int) -> str:
        """The text of a cell (``row``: index in :attr:`ids`)."""
        if column == VALUE_COLUMN:
            return self.value_text(row)
        if column == KIND_COLUMN:
            return self.kind_text(row)
        return self._texts[column][row]

    def raw(self, row: int, column: int) -> Any:
        """The value of a cell as exported to CSV: tonnes as a number (``None``: no data)."""
        if column == VALUE_COLUMN:
            value = float(self._values[row])
            return None if math.isnan(value) else value
        return self.text(row, column)

    # -- filter and sort ---------------------------------------------------------------
    def _keys(self, column: int) -> Any:
        keys = self._sort_keys.get(column)
        if keys is None:
            if column == VALUE_COLUMN:
                keys = self._values
            elif column == KIND_COLUMN:
                words = {k: fold(wording.kind_word(k)) for k in set(self._kinds.tolist())}
                keys = [words[k] for k in self._kinds.tolist()]
            else:
                keys = [fold(text) for text in self._texts[column]]
            self._sort_keys[column] = keys
        return keys

    def _row_haystacks(self) -> list[str]:
        """Folded text of every row (all columns), built when a filter first needs it."""
        if self._static_haystacks is None:
            static = [c for c in range(len(COLUMNS)) if COLUMNS[c].value is not None]
            # The sources' name as well as the name shown: either finds the site.
            sources_names = [f.name for f in self.project.facilities.values()]
            columns = [*(self._texts[c] for c in static), sources_names]
            self._static_haystacks = [
                fold(" | ".join(parts)) for parts in zip(*columns, strict=True)
            ]
        if self._haystacks is None:
            # Numbers as typed (digits, no separators), and the kind of value.
            numbers = np.where(np.isnan(self._values), -1, np.round(self._values)).astype(np.int64)
            kinds = {k: fold(wording.kind_word(k)) for k in set(self._kinds.tolist())}
            self._haystacks = [
                f"{text} | {n if n >= 0 else ''} | {kinds[k]}"
                for text, n, k in zip(
                    self._static_haystacks, numbers.tolist(), self._kinds.tolist(), strict=True
                )
            ]
        return self._haystacks

    def _update_shown(self) -> None:
        if self._words:
            shown = matching_rows(self._row_haystacks(), self._words)
        else:
            shown = list(range(len(self.ids)))
        if self._sort is not None:
            column, order = self._sort
            descending = order == Qt.SortOrder.DescendingOrder
            shown = sorted_rows(shown, self._keys(column), descending)
        self._shown = shown
        self._position = None

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            ids = self.ids
            self._position = {ids[i]: r for r, i in enumerate(self._shown)}
        return self._position

    def _relayout(self, change: Callable[[], object]) -> None:
        """Apply ``change`` (which reorders the shown rows, not their number), keeping the
        view's selection and current cell on the same facilities."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.ids[self._shown[i.row()]] for i in old]
        change()
        position = self._positions() if old else {}
        new = [self.index(position[fid], i.column()) for fid, i in zip(ids, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def set_filter_text(self, text: str) -> None:
        """Show only the rows containing every word of ``text`` (blank: all rows);
        case and accents do not matter."""
        words = fold(text).split()
        if words != self._words:
            self.beginResetModel()
            self._words = words
            self._update_shown()
            self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = (column, order) if 0 <= column < len(COLUMNS) else None
        if sort == self._sort:
            return  # the rows are in that order already (the view asks again at start)

        def change() -> None:
            self._sort = sort
            self._update_shown()

        self._relayout(change)

    # -- reading -----------------------------------------------------------------------
    def sample_texts(self, column: int) -> list[str]:
        """The longest few texts of a column (to fit its width), without formatting every
        value of the frame."""
        if column == VALUE_COLUMN:
            finite = self._values[np.isfinite(self._values)]
            texts = [wording.no_data()]
            if finite.size:
                texts += [wording.tonnes_number(float(finite.max()))]
                texts += [wording.tonnes_number(float(finite.min()))]
            return texts
        if column == KIND_COLUMN:
            return [wording.kind_word(k) for k in set(self._kinds.tolist())]
        return heapq.nlargest(FIT_SAMPLE, set(self._texts[column]), key=len)

    def total_count(self) -> int:
        """How many facilities there are, shown or not."""
        return len(self.ids)

    def row_of(self, facility_id: str) -> int | None:
        """The table row showing a facility, or ``None`` when it is filtered out."""
        return self._positions().get(facility_id)

    def facility_id(self, row: int) -> str:
        """The id of the facility in a table row."""
        return self.ids[self._shown[row]]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._shown[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == FACILITY_ID_ROLE:
            return self.ids[row]
        if role == EXPORT_ROLE:
            return self.raw(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == COLUMN_INDEX["sector"]:
            return QColor(sector_colour(self._sectors[row]))
        frame_column = col in (VALUE_COLUMN, KIND_COLUMN)
        if role == Qt.ItemDataRole.ForegroundRole and frame_column and not self._has_value(row):
            return QColor(NO_DATA_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[col].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if frame_column:
                value = facility_value(self.project, self.frame, self.ids[row])
                return wording.value_text(value)
            return self.text(row, col) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == VALUE_COLUMN:
                return wording.table_value_header(self.frame.year)
            if section == KIND_COLUMN:
                return wording.table_kind_header()
            return QCoreApplication.translate("FacilityTable", COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole and section in (VALUE_COLUMN, KIND_COLUMN):
            tooltip = wording.table_value_tooltip(self.project, self.frame)
            if section == VALUE_COLUMN:  # its title may be elided on a narrow screen
                return f"{wording.table_value_header(self.frame.year)}\n{tooltip}"
            return tooltip
        return None


def _static_texts(facilities: list[Facility]) -> list[list[str]]:
    """The texts of the facilities' own columns, column by column (empty lists for the
    frame's columns)."""
    texts: list[list[str]] = []
    for column in COLUMNS:
        if column.value is None:
            texts.append([])
            continue
        values = [column.value(f) or "" for f in facilities]
        if column.label is not None:
            labels = {v: column.label(v) for v in set(values)}
            values = [labels[v] for v in values]
        texts.append(values)
    return texts


class FacilityTablePanel(QWidget):
    """Filter box, facility count, export button and the table itself.

    Signals
    -------
    facility_activated(str)
        A row was double-clicked (the window zooms to the facility).
    """

    facility_activated = Signal(str)

    def __init__(
        self, project: Project, screen: ScreenFrame, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("facilityTablePanel")
        self.project = project
        self.model = FacilityTableModel(project, screen.frame, self)
        # The emission columns show the map's values: the screen's year and scenario.
        screen.changed.connect(self.model.set_frame)
        self._applying = False  # the table is being set from the project's selection
        self._pushing = False  # the project's selection is being set from the table

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("tableFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter rows (any column)…"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("tableCount")
        self.export_action = QAction(self.tr("Export Visible Rows to CSV…"), self)
        self.export_action.setToolTip(
            self.tr("Save the rows shown (filtered and sorted) as a CSV file for spreadsheets")
        )
        self.export_action.triggered.connect(self.export_csv_dialog)
        export_button = QToolButton(self)
        export_button.setObjectName("exportCsvButton")
        export_button.setDefaultAction(self.export_action)
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.table = QTableView(self)
        self.table.setObjectName("facilityTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_INDEX["name"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.column_fitter = ColumnFitter(
            self.table, VALUE_COLUMN, self.natural_widths, self._value_width
        )
        self.fit_columns()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.filter_edit.textChanged.connect(self._on_filter_text_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        # A reset (a filter; new values under a filter) drops the view's selection.
        self.model.modelReset.connect(self._on_model_reset)
        project.selection.changed.connect(self._on_selection_changed)
        self._on_selection_changed(project.selection.ids)

    # -- what is shown -----------------------------------------------------------------
    def fit_columns(self) -> None:
        """Fit the columns to their contents, none wider than :data:`MAX_COLUMN_WIDTH`,
        and keep the emission values inside the view (:mod:`dkgis.ui.table_columns`):
        the name and sector columns give up width first, their texts elided."""
        self.column_fitter.measure()

    def natural_widths(self) -> list[int]:
        """The width each column needs for its texts and its title, by logical index.

        Measures the longest few texts of each column rather than asking the view
        to lay out every cell (seconds for 10 000 rows, and it would slow the start).
        """
        metrics = self.table.fontMetrics()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        widths = []
        for col, column in enumerate(COLUMNS):
            texts = self.model.sample_texts(col)
            width = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            if column.key == "sector":
                width += icon + 6
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            width = max(width, header_metrics.horizontalAdvance(title) + SORT_ARROW_PX)
            widths.append(min(width + CELL_PADDING_PX, MAX_COLUMN_WIDTH))
        return widths

    def _value_width(self) -> int:
        """The narrowest the value column gets: its values whole (its title elided)."""
        metrics = self.table.fontMetrics()
        texts = self.model.sample_texts(VALUE_COLUMN)
        return max(metrics.horizontalAdvance(t) for t in texts) + CELL_PADDING_PX

    def visible_columns(self) -> list[int]:
        """Logical indexes of the columns shown, in the order they are shown."""
        header = self.table.horizontalHeader()
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [c for c in logical if not header.isSectionHidden(c)]

    def visible_ids(self) -> list[str]:
        """The ids of the rows shown (filtered), in the order shown (sorted)."""
        return [self.model.facility_id(r) for r in range(self.model.rowCount())]

    def visible_rows(self) -> tuple[list[str], list[list[Any]]]:
        """The header and the cells of the rows shown, as exported to CSV.

        Numbers are raw values (``None`` where there is no value); other cells
        are the text shown (the names in the user's language). A last column gives each
        facility's dataset id, the same in every language, to join files.
        """
        columns = self.visible_columns()
        header = [self.model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
        header.append(self.tr("Identifier"))
        rows = [
            [
                *(self.model.index(r, c).data(EXPORT_ROLE) for c in columns),
                self.model.index(r, 0).data(FACILITY_ID_ROLE),
            ]
            for r in range(self.model.rowCount())
        ]
        return header, rows

    def _update_count(self, *args) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        text = self.tr("{shown} of {total} facilities").format(
            shown=format_number(shown), total=format_number(total)
        )
        selected = len(self.project.selection)
        if selected:
            text += " · " + self.tr("%n selected", "", selected)
        self.count_label.setText(text)

    def _on_model_reset(self) -> None:
        self._on_selection_changed(self.project.selection.ids)

    def _on_filter_text_changed(self, text: str) -> None:
        # Hiding rows drops them from the view's selection; that is not the user
        # unselecting facilities, so the map selection stays (re-applied on the reset).
        self._applying = True
        try:
            self.model.set_filter_text(text)
        finally:
            self._applying = False

    # -- selection, both ways ----------------------------------------------------------
    def _on_selection_changed(self, ids: frozenset[str]) -> None:
        self._update_count()
        if self._pushing:
            return
        last = self.model.columnCount() - 1
        selection = QItemSelection()
        rows = sorted(r for r in (self.model.row_of(fid) for fid in ids) if r is not None)
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        self._applying = True
        try:
            self.table.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._applying = False
        if rows:
            self.table.scrollTo(
                self.model.index(rows[0], 0), QAbstractItemView.ScrollHint.EnsureVisible
            )

    def _on_table_selection_changed(self, *args) -> None:
        if self._applying:
            return
        ids = {index.data(FACILITY_ID_ROLE) for index in self.table.selectionModel().selectedRows()}
        self._pushing = True
        try:
            self.project.selection.set(ids)
        finally:
            self._pushing = False

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        fid = index.data(FACILITY_ID_ROLE)
        if fid:
            self.facility_activated.emit(fid)

    # -- export ------------------------------------------------------------------------
    def export_csv_dialog(self) -> None:
        """Ask for a file name and export the visible rows."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Visible Rows"),
            "dkgis-facilities.csv",
            self.tr("CSV for spreadsheets (*.csv)"),
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str | Path) -> bool:
        """Write the visible rows to ``path`` (``;``-separated UTF-8 with BOM), atomically.

        Returns ``False`` after telling the user why when the file cannot be written.
        """
        from dkgis.export.csv_table import write_csv_table

        header, rows = self.visible_rows()
        try:
            count = write_csv_table(path, header, rows)
        except OSError as err:
            box = QMessageBox(self)
            box.setObjectName("csvExportErrorBox")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(self.tr("Export failed"))
            box.setText(
                self.tr("Could not write {path}: {reason}").format(
                    path=path, reason=err.strerror or err
                )
            )
            box.open()
            return False
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(
                ngettext("{n} row exported to {path}", "{n} rows exported to {path}", count).format(
                    n=format_number(count), path=path
                ),
                5000,
            )
        return True
