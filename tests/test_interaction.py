"""Interaction on the real main window: search, selection, table, status bar,
tooltip, bookmarks — driven with the mouse and the keyboard as a user would."""

from __future__ import annotations

import csv
import math
import re

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QToolTip,
)

from dkgis import wording
from dkgis.labels import format_number, sector_label
from dkgis.model.crs import lonlat_to_mercator
from dkgis.model.project import Project
from dkgis.ui.facility_table import COLUMN_INDEX, EXPORT_ROLE, FACILITY_ID_ROLE
from dkgis.ui.main_window import MainWindow

ALUMINIUM = "FR_205769"  # Aluminium Dunkerque
PITGAM = "FR_1003"  # GRTgaz Pitgam compressor station, alone in the south
VANYWAEDE = "IREP_070.02417"  # far down the table when sorted by name


@pytest.fixture(scope="module")
def project_path():
    from dkgis.data import DEFAULT_DATASET

    return DEFAULT_DATASET


def open_window(qtbot, project_path) -> MainWindow:
    win = MainWindow(Project.load(project_path))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, project_path):
    return open_window(qtbot, project_path)


# -- helpers ---------------------------------------------------------------------------
def map_to_widget(window: MainWindow, x: float, y: float) -> QPoint:
    """Pixel of the canvas viewport where the EPSG:3857 point (x, y) is drawn."""
    canvas = window.canvas
    return canvas.mapFromScene(canvas.viewbox.mapViewToScene(QPointF(x, y)))


def facility_pos(window: MainWindow, fid: str) -> QPoint:
    ids, xy = window.project.facility_mercator_xy()
    x, y = xy[ids.index(fid)]
    return map_to_widget(window, x, y)


def widget_to_map(window: MainWindow, pos: QPoint) -> tuple[float, float]:
    canvas = window.canvas
    p = canvas.viewbox.mapSceneToView(canvas.mapToScene(pos))
    return p.x(), p.y()


def assert_isolated(window: MainWindow, fid: str, min_px: float = 18.0) -> None:
    """The facility's symbol does not touch another one, so clicking it is unambiguous."""
    here = facility_pos(window, fid)
    for other in window.project.facilities:
        if other != fid:
            there = facility_pos(window, other)
            assert math.hypot(here.x() - there.x(), here.y() - there.y()) >= min_px, other


def drag(qtbot, widget, start: QPoint, end: QPoint, modifiers=Qt.KeyboardModifier.NoModifier):
    """Press, move in steps and release the left button, holding ``modifiers``.

    The steps are a little apart in time, as a hand's are (pyqtgraph drops mouse
    moves closer than 10 ms).
    """
    left = Qt.MouseButton.LeftButton

    def send(kind, pos, button, buttons):
        local = QPointF(pos)
        event = QMouseEvent(
            kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers
        )
        QApplication.sendEvent(widget, event)

    send(QEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, 11):
        pos = QPoint(
            round(start.x() + (end.x() - start.x()) * i / 10),
            round(start.y() + (end.y() - start.y()) * i / 10),
        )
        qtbot.wait(12)
        send(QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, left)
    send(QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def click_header(qtbot, table, column: int) -> None:
    table.scrollTo(table.model().index(0, column))
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center()
    )


def shown_ids(window: MainWindow) -> list[str]:
    return window.table_panel.visible_ids()


def extent_contains(extent, x: float, y: float) -> bool:
    return extent[0] <= x <= extent[2] and extent[1] <= y <= extent[3]


# -- search ----------------------------------------------------------------------------
def test_typing_alu_offers_aluminium_dunkerque_and_picking_it_zooms_and_selects(qtbot, window):
    box = window.findChild(QLineEdit, "searchBox")
    assert box is window.search_box
    before = window.canvas.extent()
    box.setFocus()
    qtbot.keyClicks(box, "alu")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    row = next(r for r, text in enumerate(labels) if text.startswith("Aluminium Dunkerque"))
    index = model.index(row, 0)
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center()
    )

    assert window.project.selection.ids == frozenset({ALUMINIUM})
    assert box.text() == "Aluminium Dunkerque"
    ids, xy = window.project.facility_mercator_xy()
    x, y = xy[ids.index(ALUMINIUM)]
    after = window.canvas.extent()
    assert extent_contains(after, x, y)
    assert after[2] - after[0] < (before[2] - before[0]) / 3  # zoomed in
    centre = ((after[0] + after[2]) / 2, (after[1] + after[3]) / 2)
    assert math.hypot(centre[0] - x, centre[1] - y) < (after[2] - after[0]) * 0.05
    assert "Aluminium Dunkerque" in window.details_panel.text()


def test_search_ignores_accents_and_case_and_matches_operators(qtbot, window):
    box = window.search_box
    qtbot.keyClicks(box, "DEPOT UNI")
    assert any(text.startswith("Dépôt Unican") for text in box.completions())
    box.clear()
    qtbot.keyClicks(box, "engie")  # the operator of DK6
    assert any(text.startswith("DK6 power plant") for text in box.completions())


def test_enter_in_the_search_box_selects_the_best_match(qtbot, window):
    box = window.search_box
    qtbot.keyClicks(box, "arcelor mardyck")
    box.completer().popup().hide()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    (fid,) = window.project.selection.ids
    assert window.project.facilities[fid].name == "ArcelorMittal Mardyck"


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot, window):
    window.canvas.setFocus()
    window.find_action.trigger()
    assert window.search_box.hasFocus()


# -- selection on the map --------------------------------------------------------------
def test_shift_click_adds_and_removes_facilities(qtbot, window):
    for fid in (PITGAM, VANYWAEDE):
        assert_isolated(window, fid)
    viewport = window.canvas.viewport()
    left = Qt.MouseButton.LeftButton
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mouseClick(viewport, left, pos=facility_pos(window, PITGAM))
    qtbot.mouseClick(viewport, left, shift, facility_pos(window, VANYWAEDE))
    assert window.project.selection.ids == frozenset({PITGAM, VANYWAEDE})
    assert "2 facilities selected" in window.details_panel.text()
    qtbot.mouseClick(viewport, left, shift, facility_pos(window, PITGAM))
    assert window.project.selection.ids == frozenset({VANYWAEDE})
    # Shift-click on empty map keeps the selection; a plain click there clears it.
    qtbot.mouseClick(viewport, left, shift, QPoint(20, 20))
    assert window.project.selection.ids == frozenset({VANYWAEDE})
    qtbot.mouseClick(viewport, left, pos=QPoint(20, 20))
    assert window.project.selection.ids == frozenset()


def _gravelines_box(window):
    """A box around Aluminium Dunkerque and the Liberty Steel DRI site, in widget pixels,
    and the facilities that lie in it according to their coordinates."""
    lon0, lat0, lon1, lat1 = 2.155, 50.992, 2.18, 51.006
    x0, y0 = lonlat_to_mercator(lon0, lat0)
    x1, y1 = lonlat_to_mercator(lon1, lat1)
    expected = {
        fid
        for fid, f in window.project.facilities.items()
        if lon0 <= f.lon <= lon1 and lat0 <= f.lat <= lat1
    }
    assert {ALUMINIUM, "liberty_dunkerque_dri"} <= expected
    assert len(expected) < len(window.project.facilities) / 4
    return map_to_widget(window, x0, y1), map_to_widget(window, x1, y0), expected


def test_ctrl_drag_selects_the_facilities_in_a_rectangle(qtbot, window):
    window.zoom_to_facility(ALUMINIUM)
    start, end, expected = _gravelines_box(window)
    before = window.canvas.extent()
    drag(qtbot, window.canvas.viewport(), start, end, Qt.KeyboardModifier.ControlModifier)
    assert window.project.selection.ids == frozenset(expected)
    assert window.canvas.extent() == pytest.approx(before)  # the map did not pan
    # Ctrl+Shift+drag adds to the selection.
    window.project.selection.set({PITGAM})
    drag(
        qtbot,
        window.canvas.viewport(),
        start,
        end,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.project.selection.ids == frozenset(expected | {PITGAM})


def test_select_tool_makes_plain_drags_select_and_pan_tool_restores_panning(qtbot, window):
    window.zoom_to_facility(ALUMINIUM)
    toolbar = window.findChild(type(window.map_toolbar), "mapToolBar")
    select_button = toolbar.widgetForAction(window.select_tool_action)
    qtbot.mouseClick(select_button, Qt.MouseButton.LeftButton)
    assert window.select_tool_action.isChecked()
    start, end, expected = _gravelines_box(window)
    before = window.canvas.extent()
    drag(qtbot, window.canvas.viewport(), start, end)
    assert window.project.selection.ids == frozenset(expected)
    assert window.canvas.extent() == pytest.approx(before)

    qtbot.mouseClick(toolbar.widgetForAction(window.pan_tool_action), Qt.MouseButton.LeftButton)
    drag(qtbot, window.canvas.viewport(), QPoint(300, 300), QPoint(400, 300))
    assert window.canvas.extent()[0] < before[0]  # dragged right: the map moved
    assert window.project.selection.ids == frozenset(expected)


def test_zoom_to_selection_frames_the_selected_facilities(qtbot, window):
    window.project.selection.set({PITGAM, ALUMINIUM})
    window.canvas.zoom_by(0.2)  # somewhere else, zoomed in
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    extent = window.canvas.extent()
    ids, xy = window.project.facility_mercator_xy()
    for fid in (PITGAM, ALUMINIUM):
        assert extent_contains(extent, *xy[ids.index(fid)])
    cluster = window.project.cluster_extent()
    assert extent[2] - extent[0] < cluster[2] - cluster[0]
    window.project.selection.clear()
    assert not window.zoom_selection_action.isEnabled()


# -- attribute table -------------------------------------------------------------------
def test_table_sorts_emissions_as_numbers_with_missing_values_last(qtbot, window):
    table = window.findChild(type(window.table_panel.table), "facilityTable")
    col = COLUMN_INDEX["emissions_t"]
    model = table.model()

    def values():
        return [model.index(r, col).data(EXPORT_ROLE) for r in range(model.rowCount())]

    click_header(qtbot, table, col)
    ascending = values()
    present = [v for v in ascending if v is not None]
    assert present == sorted(present)
    # Sorted as the text shown, "9,026" would come after "459,440": make sure that differs.
    assert present != sorted(present, key=format_number)
    assert len(present) < len(ascending)
    assert all(v is None for v in ascending[len(present) :])

    click_header(qtbot, table, col)
    descending = values()
    present = [v for v in descending if v is not None]
    assert present == sorted(present, reverse=True)
    assert all(v is None for v in descending[len(present) :])
    top = model.index(0, COLUMN_INDEX["name"]).data(FACILITY_ID_ROLE)
    assert window.project.latest_verified(top).value_t == max(present)


def test_filter_then_export_writes_exactly_the_visible_rows(qtbot, window, tmp_path):
    panel = window.table_panel
    qtbot.keyClicks(panel.filter_edit, "gravelines")
    click_header(qtbot, panel.table, COLUMN_INDEX["emissions_t"])
    click_header(qtbot, panel.table, COLUMN_INDEX["emissions_t"])  # largest first
    model = panel.table.model()
    assert 0 < model.rowCount() < model.total_count()
    assert f"{model.rowCount()} of {model.total_count()}" in panel.count_label.text()

    out = tmp_path / "gravelines.csv"
    assert panel.export_csv(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    header, rows = lines[0], lines[1:]
    shown_header = [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
    ]
    assert header == [*shown_header, "Identifier"]
    assert len(rows) == model.rowCount()
    for r, row in enumerate(rows):
        fid = model.index(r, 0).data(FACILITY_ID_ROLE)
        facility = window.project.facilities[fid]
        assert row[-1] == fid
        assert row[COLUMN_INDEX["name"]] == facility.display_name
        assert "gravelines" in ";".join(row).lower()
        year = window.project.display.year
        value = window.project.emissions[fid].value(year, "verified")
        cell = row[COLUMN_INDEX["emissions_t"]]
        if value is None:
            assert cell == ""  # never a made-up 0
            assert row[COLUMN_INDEX["emissions_kind"]] == "no data"
        else:
            assert float(cell.replace(",", ".")) == value
            assert row[COLUMN_INDEX["emissions_kind"]] == "verified"
    assert header[COLUMN_INDEX["emissions_t"]] == f"CO₂ emissions {year} (t CO₂e)"
    # Accented names come back intact.
    assert "Gravelines" in {row[COLUMN_INDEX["commune"]] for row in rows}


def test_table_rows_select_on_the_map_and_the_map_selects_rows(qtbot, window):
    panel = window.table_panel
    table = panel.table
    click_row(qtbot, table, 2)
    first = table.model().index(2, 0).data(FACILITY_ID_ROLE)
    assert window.project.selection.ids == frozenset({first})
    assert window.project.facilities[first].name in window.details_panel.text()
    click_row(qtbot, table, 4, Qt.KeyboardModifier.ControlModifier)
    second = table.model().index(4, 0).data(FACILITY_ID_ROLE)
    assert window.project.selection.ids == frozenset({first, second})

    # A click on the map selects the row and scrolls the table to it.
    assert_isolated(window, VANYWAEDE)
    table.scrollToTop()
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=facility_pos(window, VANYWAEDE)
    )
    selected = [i.data(FACILITY_ID_ROLE) for i in table.selectionModel().selectedRows()]
    assert selected == [VANYWAEDE]
    row = shown_ids(window).index(VANYWAEDE)
    assert row > 20  # below the first screenful: the table had to scroll
    rect = table.visualRect(table.model().index(row, 0))
    assert table.viewport().rect().contains(rect.center())


def test_filtering_the_table_keeps_the_map_selection(qtbot, window):
    window.project.selection.set({ALUMINIUM, PITGAM})
    qtbot.keyClicks(window.table_panel.filter_edit, "pitgam")
    assert window.project.selection.ids == frozenset({ALUMINIUM, PITGAM})
    assert shown_ids(window) == [PITGAM]
    window.table_panel.filter_edit.clear()
    rows = {
        i.data(FACILITY_ID_ROLE) for i in window.table_panel.table.selectionModel().selectedRows()
    }
    assert rows == {ALUMINIUM, PITGAM}


def test_table_dock_has_a_view_menu_toggle(qtbot, window):
    dock = window.findChild(type(window.table_dock), "tableDock")
    assert dock is window.table_dock and dock.isVisible()
    view_menu = next(
        a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == "&View"
    )
    assert dock.toggleViewAction() in view_menu.actions()
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()


# -- status bar and tooltip ------------------------------------------------------------
def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+\.\d+", text)]


def test_status_bar_shows_the_cursor_in_wgs84_and_lambert93(qtbot, window):
    from pyproj import Transformer

    pos = facility_pos(window, ALUMINIUM)
    qtbot.mouseMove(window.canvas.viewport(), pos)
    x, y = widget_to_map(window, pos)
    lon, lat = Transformer.from_crs(3857, 4326, always_xy=True).transform(x, y)
    lx, ly = Transformer.from_crs(3857, 2154, always_xy=True).transform(x, y)

    wgs84 = window.statusBar().findChild(type(window.cursor_status.wgs84_label), "wgs84Label")
    shown_lat, shown_lon = _numbers(wgs84.text())
    assert "N" in wgs84.text() and "E" in wgs84.text()
    assert shown_lat == pytest.approx(lat, abs=1e-5)
    assert shown_lon == pytest.approx(lon, abs=1e-5)
    facility = window.project.facilities[ALUMINIUM]
    assert shown_lat == pytest.approx(facility.lat, abs=0.002)  # within a pixel or two

    lambert = window.cursor_status.lambert_label.text()
    match = re.search(r"X ([\d\D]+?)\s+Y ([\d\D]+?) m", lambert)
    assert match, lambert
    shown_x = int(re.sub(r"\D", "", match.group(1)))
    shown_y = int(re.sub(r"\D", "", match.group(2)))
    assert shown_x == pytest.approx(lx, abs=1)
    assert shown_y == pytest.approx(ly, abs=1)


def test_status_bar_scale_is_true_at_the_maps_latitude(qtbot, window):
    from pyproj import Geod

    def check():
        (x0, x1), (y0, y1) = window.canvas.viewbox.viewRange()
        from pyproj import Transformer

        to_lonlat = Transformer.from_crs(3857, 4326, always_xy=True)
        ymid = (y0 + y1) / 2
        lon0, lat = to_lonlat.transform(x0, ymid)
        lon1, _ = to_lonlat.transform(x1, ymid)
        _, _, ground = Geod(ellps="WGS84").inv(lon0, lat, lon1, lat)
        expected = ground / window.canvas.viewbox.width() / (0.0254 / 96)
        text = window.cursor_status.scale_label.text()
        assert text.startswith("1:")
        shown = int(re.sub(r"\D", "", text[2:]))
        assert shown == pytest.approx(expected, rel=0.01)
        return shown

    wide = check()
    window.zoom_to_facility(ALUMINIUM)
    assert check() < wide / 5


def test_hovering_a_facility_shows_its_name_sector_and_emissions(qtbot, window):
    assert_isolated(window, PITGAM)
    qtbot.mouseMove(window.canvas.viewport(), facility_pos(window, PITGAM))
    facility = window.project.facilities[PITGAM]
    latest = window.project.latest_verified(PITGAM)
    text = window.tooltips.text
    assert facility.name in text
    assert sector_label(facility.sector) in text
    assert latest.year == window.project.display.year == 2022
    assert f"CO₂ emissions 2022: {wording.tonnes(latest.value_t)} · verified" in text
    assert QToolTip.isVisible() and facility.name in QToolTip.text()
    # Off the facility, the tooltip goes.
    qtbot.mouseMove(window.canvas.viewport(), QPoint(20, 20))
    assert window.tooltips.text == ""
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_hovering_a_shared_point_lists_every_facility_there(qtbot, window):
    # Several IREP sites are only known by their commune and share its centre.
    facility = window.project.facilities[VANYWAEDE]
    at_centre = [
        fid
        for fid, f in window.project.facilities.items()
        if (f.lon, f.lat) == (2.371501, 51.02894)
    ]
    assert len(at_centre) > 2 and facility.location_precision == "commune"
    qtbot.mouseMove(window.canvas.viewport(), facility_pos(window, at_centre[0]))
    text = window.tooltips.text
    listed = [fid for fid in at_centre if window.project.facilities[fid].name in text]
    assert len(listed) == min(len(at_centre), 6)
    assert "CO₂ emissions 2022: no data" in text  # no value is never shown as 0
    assert "approximate" in text


# -- bookmarks -------------------------------------------------------------------------
def test_bookmarks_are_added_by_name_kept_between_runs_and_deleted(qtbot, project_path):
    first = open_window(qtbot, project_path)
    first.zoom_to_facility(PITGAM)
    saved = first.canvas.extent()
    first.bookmarks_menu.add_action.trigger()
    dialog = first.findChild(QInputDialog, "bookmarkNameDialog")
    assert dialog is not None and dialog.isVisible()
    line = dialog.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Pitgam compressor")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert first.bookmark_store.names() == ["Pitgam compressor"]
    first.close()

    second = open_window(qtbot, project_path)
    second.zoom_full_action.trigger()
    entries = [a for a in second.bookmarks_menu.actions() if a.text() == "Pitgam compressor"]
    assert len(entries) == 1
    entries[0].trigger()
    shown = second.canvas.extent()
    centre = ((saved[0] + saved[2]) / 2, (saved[1] + saved[3]) / 2)
    assert ((shown[0] + shown[2]) / 2, (shown[1] + shown[3]) / 2) == pytest.approx(centre)
    assert shown[0] <= saved[0] + 1 and shown[2] >= saved[2] - 1
    assert shown[1] <= saved[1] + 1 and shown[3] >= saved[3] - 1

    (delete,) = second.bookmarks_menu.delete_menu.actions()
    delete.trigger()
    assert second.bookmark_store.names() == []
    second.close()
    third = open_window(qtbot, project_path)
    assert third.bookmark_store.names() == []
    assert not third.bookmarks_menu.delete_menu.isEnabled()


def test_csv_export_to_a_missing_folder_says_why_and_writes_nothing(qtbot, window, tmp_path):
    target = tmp_path / "no such folder" / "facilities.csv"
    assert not window.table_panel.export_csv(target)
    box = window.findChild(QMessageBox, "csvExportErrorBox")
    assert box is not None and box.isVisible()
    assert "facilities.csv" in box.text() and "folder does not exist" in box.text()
    assert not target.parent.exists()
