"""The facility table's columns fit the dock: on a 1366 x 768 laptop, in French, the
emission values show without scrolling, long names are elided with their full text in a
tooltip, and a column the user widened keeps its width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from dkgis.model.project import Project
from dkgis.ui.facility_table import COLUMN_INDEX, VALUE_COLUMN
from dkgis.ui.language import apply_language
from dkgis.ui.main_window import MainWindow

AM = "FR_956"


@pytest.fixture
def french(qapp):
    apply_language(qapp, "fr")
    yield
    apply_language(qapp, "en")


@pytest.fixture
def laptop(qtbot, monkeypatch, french):
    """The French first window of a 1366 x 768 laptop (task bar of 40 pixels)."""
    available = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(MainWindow, "_available", lambda self: available)
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.showNormal()
    qtbot.waitExposed(win)
    win.table_dock.raise_()
    yield win
    win.mark_saved()


def right_edge(table, column: int) -> int:
    header = table.horizontalHeader()
    return header.sectionViewportPosition(column) + header.sectionSize(column)


def test_on_a_laptop_the_emission_values_show_without_scrolling(qtbot, laptop):
    table = laptop.table_panel.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    viewport = table.viewport().width()
    assert viewport < 700  # the laptop's table is narrow: the test means something
    assert table.horizontalScrollBar().value() == 0
    assert right_edge(table, VALUE_COLUMN) <= viewport
    # The values themselves are not cut: the widest one fits its column.
    model = table.model()
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(t) for t in model.sample_texts(VALUE_COLUMN))
    assert table.horizontalHeader().sectionSize(VALUE_COLUMN) >= widest + 8
    # Names and sectors keep a readable width, and an elided name has its tooltip.
    for key in ("name", "sector"):
        assert table.horizontalHeader().sectionSize(COLUMN_INDEX[key]) >= 90
    row = laptop.table_panel.model.row_of(AM)
    name = model.index(row, COLUMN_INDEX["name"])
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "ArcelorMittal Dunkerque"
    assert table.textElideMode() == Qt.TextElideMode.ElideRight


def test_the_values_stay_visible_when_the_dock_narrows_or_widens(qtbot, laptop):
    table = laptop.table_panel.table
    header = table.horizontalHeader()
    laptop.resizeDocks([laptop.table_dock], [420], Qt.Orientation.Horizontal)
    laptop.table_dock.setFloating(True)
    laptop.table_dock.resize(460, 300)
    qtbot.waitUntil(lambda: table.viewport().width() < 460)
    assert right_edge(table, VALUE_COLUMN) <= table.viewport().width()
    laptop.table_dock.resize(1300, 300)
    qtbot.waitUntil(lambda: table.viewport().width() > 1200)
    # With room, the names get their natural width again (no elision needed).
    assert header.sectionSize(COLUMN_INDEX["name"]) > 200
    assert right_edge(table, COLUMN_INDEX["emissions_kind"]) <= table.viewport().width()


def test_a_column_the_user_resized_keeps_its_width(qtbot, laptop):
    table = laptop.table_panel.table
    header = table.horizontalHeader()
    header.resizeSection(COLUMN_INDEX["name"], 300)  # as a drag of the header's edge does
    laptop.table_dock.setFloating(True)
    laptop.table_dock.resize(800, 300)
    qtbot.waitUntil(lambda: table.viewport().width() > 700)
    assert header.sectionSize(COLUMN_INDEX["name"]) == 300


def test_shared_widths_take_from_the_text_columns_before_the_key_column():
    from dkgis.ui.table_columns import shared_widths

    assert shared_widths([240, 220, 200], [100, 100, 90], 800) == [240, 220, 200]  # room
    widths = shared_widths([240, 220, 200], [100, 100, 90], 530)
    assert sum(widths) == 530 and widths[2] == 200  # the key column keeps its width
    assert widths[0] > widths[1] >= 100
    # Too narrow even for the minimums: the key column shrinks to its own, no further.
    assert shared_widths([240, 220, 200], [100, 100, 90], 250) == [100, 100, 90]


def test_on_a_laptop_the_measure_numbers_and_titles_show(qtbot, laptop):
    """The scenario editor's measure table, in French on a laptop: the numbers show whole
    without scrolling, elided titles and names are whole in their tooltips."""
    from dkgis.ui.scenario_table import COLUMN_INDEX as MEASURE_COLUMN

    laptop.scenario_dock.raise_()
    editor = laptop.scenario_editor
    table = editor.table
    qtbot.waitUntil(lambda: table.isVisible() and table.viewport().width() > 0)
    viewport = table.viewport().width()
    assert viewport < 700
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    model = editor.model
    assert model.rowCount() > 5

    def texts(column):
        return [model.index(row, column).data() for row in range(model.rowCount())]

    for key in ("start_year", "ramp_years", "abatement_t", "abatement_pct"):
        column = MEASURE_COLUMN[key]
        assert right_edge(table, column) <= viewport, key
        widest = max(metrics.horizontalAdvance(t) for t in texts(column))
        assert header.sectionSize(column) >= widest + 8, key
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
            title
        )
    assert "Abattement (t CO₂/an)" in [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in range(model.columnCount())
    ]
    # Names and sites keep a readable width, and an elided one is whole in its tooltip.
    for key in ("name", "site"):
        assert header.sectionSize(MEASURE_COLUMN[key]) >= 90
    names = texts(MEASURE_COLUMN["name"])
    longest = max(range(len(names)), key=lambda row: len(names[row]))
    assert metrics.horizontalAdvance(names[longest]) > header.sectionSize(MEASURE_COLUMN["name"])
    tooltip = model.index(longest, MEASURE_COLUMN["name"]).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith(names[longest])
    assert table.textElideMode() == Qt.TextElideMode.ElideRight
    assert header.textElideMode() == Qt.TextElideMode.ElideRight  # « Abattement (t … »


def test_a_measure_column_the_user_resized_keeps_its_width(qtbot, laptop):
    from dkgis.ui.scenario_table import COLUMN_INDEX as MEASURE_COLUMN

    laptop.scenario_dock.raise_()
    table = laptop.scenario_editor.table
    header = table.horizontalHeader()
    header.resizeSection(MEASURE_COLUMN["site"], 230)  # as a drag of the header's edge does
    laptop.scenario_dock.setFloating(True)
    laptop.scenario_dock.resize(900, 300)
    qtbot.waitUntil(lambda: table.viewport().width() > 800)
    assert header.sectionSize(MEASURE_COLUMN["site"]) == 230
    laptop.scenario_editor.scenarios.set_active(laptop.scenario_editor.scenarios.names[0])
    assert header.sectionSize(MEASURE_COLUMN["site"]) == 230
