"""The attribute table: every facility in a sortable, filterable table.

The table follows the map selection and drives it: selecting rows selects the
facilities on the map, and a facility selected on the map (or found by the
search) is selected and scrolled to in the table. The visible rows (as
filtered and sorted) can be exported to a CSV file for French spreadsheets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
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

from dkgis.labels import format_number, precision_label, sector_label, status_label
from dkgis.model.facility_table import FacilityRow, facility_rows, matching_rows, sorted_rows
from dkgis.model.search import fold
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("FacilityTable", text)


@dataclass(frozen=True)
class Column:
    """One column of the table.

    ``title`` and ``tooltip`` are English source strings, translated when shown;
    ``display`` turns the row into the cell's text; ``raw`` gives the value to
    sort by and export (the text, when ``None``).
    """

    key: str
    title: str
    display: Callable[[FacilityRow], str]
    raw: Callable[[FacilityRow], Any] | None = None
    tooltip: str = ""

    @property
    def numeric(self) -> bool:
        return self.raw is not None


def _number(value: float | None) -> str:
    return _tr("no data") if value is None else format_number(value)


#: The table's columns; emissions come early so that they show without scrolling.
COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", lambda r: r.name),
    Column("sector", "Sector", lambda r: sector_label(r.sector)),
    Column(
        "emissions_t",
        "Verified emissions (t CO₂e)",
        lambda r: _number(r.emissions_t),
        raw=lambda r: r.emissions_t,
        tooltip="Latest verified emissions (EU ETS), tonnes of CO₂-equivalent",
    ),
    Column(
        "emissions_year",
        "Year",
        lambda r: "" if r.emissions_year is None else str(r.emissions_year),
        raw=lambda r: r.emissions_year,
        tooltip="Year of the verified emissions shown",
    ),
    Column("operator", "Operator", lambda r: r.operator or ""),
    Column("commune", "Commune", lambda r: r.commune),
    Column("status", "Status", lambda r: status_label(r.status)),
    Column("subsector", "Activity", lambda r: r.subsector or ""),
    Column("location_precision", "Location", lambda r: precision_label(r.location_precision)),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


class FacilityTableModel(QAbstractTableModel):
    """The project's facilities, one row each (see :data:`COLUMNS`), filtered and sorted.

    The model filters and sorts itself (in C-speed Python sorts, not through a
    proxy calling Python for every comparison), so a table of 10 000 rows
    stays responsive. Rows without a value sort last in either order.
    """

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.rows: list[FacilityRow] = []
        self._texts: list[list[str]] = []
        self._haystacks: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._words: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._shown: list[int] = []  # row index -> index in self.rows
        self._position: dict[str, int] = {}  # facility id -> row index, for shown rows
        self._load()
        self._update_shown()

    def _load(self) -> None:
        self.rows = facility_rows(self.project)
        self._texts = [[c.display(r) for c in COLUMNS] for r in self.rows]
        self._haystacks = [fold(" | ".join(texts)) for texts in self._texts]
        self._sort_keys = {}

    def _keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            spec = COLUMNS[column]
            if spec.raw is not None:
                keys = [spec.raw(r) for r in self.rows]
            else:
                keys = [fold(texts[column]) for texts in self._texts]
            self._sort_keys[column] = keys
        return keys

    def _update_shown(self) -> None:
        shown = matching_rows(self._haystacks, self._words)
        if self._sort is not None:
            column, order = self._sort
            descending = order == Qt.SortOrder.DescendingOrder
            shown = sorted_rows(shown, self._keys(column), descending)
        self._shown = shown
        self._position = {self.rows[i].facility_id: r for r, i in enumerate(shown)}

    def refresh(self) -> None:
        """Rebuild the rows from the project (e.g. when the shown emission year changes)."""
        self.beginResetModel()
        self._load()
        self._update_shown()
        self.endResetModel()

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
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.rows[self._shown[i.row()]].facility_id for i in old]
        self._sort = sort
        self._update_shown()
        new = [self.index(self._position[fid], i.column()) for fid, i in zip(ids, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def column_texts(self, column: int) -> list[str]:
        """The texts of one column, for every facility (shown or not)."""
        return [texts[column] for texts in self._texts]

    def total_count(self) -> int:
        """How many facilities there are, shown or not."""
        return len(self.rows)

    def row_of(self, facility_id: str) -> int | None:
        """The table row showing a facility, or ``None`` when it is filtered out."""
        return self._position.get(facility_id)

    def facility_id(self, row: int) -> str:
        """The id of the facility in a table row."""
        return self.rows[self._shown[row]].facility_id

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._shown[index.row()], index.column()
        record, column = self.rows[row], COLUMNS[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][col]
        if role == FACILITY_ID_ROLE:
            return record.facility_id
        if role == EXPORT_ROLE:
            return column.raw(record) if column.raw else self._texts[row][col]
        if role == Qt.ItemDataRole.DecorationRole and column.key == "sector":
            return QColor(sector_colour(record.sector))
        if role == Qt.ItemDataRole.ForegroundRole and column.raw and column.raw(record) is None:
            return QColor(NO_DATA_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "emissions_t" and record.emissions_t is None:
                return _tr("No verified value (not in the EU ETS data)")
            return self._texts[row][col] or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(column.title)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return _tr(column.tooltip)
        return None


class FacilityTablePanel(QWidget):
    """Filter box, facility count, export button and the table itself.

    Signals
    -------
    facility_activated(str)
        A row was double-clicked (the window zooms to the facility).
    """

    facility_activated = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facilityTablePanel")
        self.project = project
        self.model = FacilityTableModel(project, self)
        # The emission column shows the year of the map's year slider.
        project.display.events.year.connect(self._on_year_changed)
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
        self.model.modelReset.connect(self._update_count)
        project.selection.changed.connect(self._on_selection_changed)
        self._on_selection_changed(project.selection.ids)

    # -- what is shown -----------------------------------------------------------------
    def fit_columns(self) -> None:
        """Fit the columns to their contents, none wider than :data:`MAX_COLUMN_WIDTH`.

        Measures the longest few texts of each column rather than asking the view
        to lay out every cell (seconds for 10 000 rows, and it would slow the start).
        """
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header_metrics = header.fontMetrics()
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        for col, column in enumerate(COLUMNS):
            texts = self.model.column_texts(col)
            longest = sorted(texts, key=len, reverse=True)[:FIT_SAMPLE]
            width = max((metrics.horizontalAdvance(t) for t in longest), default=0)
            if column.key == "sector":
                width += icon + 6
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            width = max(width, header_metrics.horizontalAdvance(title) + SORT_ARROW_PX)
            header.resizeSection(col, min(width + CELL_PADDING_PX, MAX_COLUMN_WIDTH))

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
        are the text shown.
        """
        columns = self.visible_columns()
        header = [self.model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
        rows = [
            [self.model.index(r, c).data(EXPORT_ROLE) for c in columns]
            for r in range(self.model.rowCount())
        ]
        return header, rows

    def _update_count(self, *args) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        text = self.tr("{shown} of {total} facilities").format(shown=shown, total=total)
        selected = len(self.project.selection)
        if selected:
            text += " · " + self.tr("%n selected", "", selected)
        self.count_label.setText(text)

    def _on_filter_text_changed(self, text: str) -> None:
        # Hiding rows drops them from the view's selection; that is not the user
        # unselecting facilities, so the map selection stays and is re-applied.
        self._applying = True
        try:
            self.model.set_filter_text(text)
        finally:
            self._applying = False
        self._on_selection_changed(self.project.selection.ids)

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
                self.tr("%n rows exported to {path}", "", count).format(path=path), 5000
            )
        return True

    def _on_year_changed(self, year: int) -> None:
        self.model.refresh()
