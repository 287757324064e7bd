"""The layer panel, driven as a user would: drag rows, use the context menu, move the slider."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def row_centre(panel, name: str) -> QPoint:
    item = panel.row_for(name)
    return panel.list.visualItemRect(item).center()


def rows(panel) -> list[str]:
    return [panel.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.list.count())]


def drag_row(qtbot, panel, name: str, target: QPoint) -> None:
    """Press on a row and drag it to ``target`` in the list.

    Qt's offscreen platform cannot run a drag loop (its ``QDrag.exec`` returns
    at once), so the test plays the platform's part: after a real mouse press,
    it delivers the drag-enter, drag-move and drop events, carrying the data the
    list itself puts in a drag of that row.
    """
    viewport = panel.list.viewport()
    start = row_centre(panel, name)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    mime = panel.list.mimeData([panel.row_for(name)])
    move, buttons, mods = (
        Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(start, move, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    for t in (0.33, 0.66, 1.0):
        pos = QPoint(start.x(), round(start.y() + (target.y() - start.y()) * t))
        QApplication.sendEvent(viewport, QDragMoveEvent(pos, move, mime, buttons, mods))
    drop = QDropEvent(QPointF(target), move, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QPoint drag events: the only form
def test_dragging_a_row_reorders_the_layers_and_the_map(qtbot, window):
    panel = window.layer_panel
    project = window.project
    assert rows(panel) == list(reversed(project.layers.names))
    top = project.layers.names[-1]
    assert top == "facilities"
    # Drag "Facilities by sector" (top row) below "Coastline" (third row).
    coastline = panel.list.visualItemRect(panel.row_for("coastline"))
    drag_row(qtbot, panel, "facilities", QPoint(coastline.center().x(), coastline.bottom() - 2))
    names = list(project.layers.names)
    assert names.index("facilities") < names.index("coastline")
    assert names.index("facilities") > names.index("communes")
    assert rows(panel) == list(reversed(names))  # the panel follows the model
    items = window.canvas.layers.items
    assert items["facilities"].zValue() < items["coastline"].zValue()
    assert items["facilities"].zValue() > items["communes"].zValue()
    assert panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == "facilities"
    # Back to the top: drop above the first row.
    first = panel.list.visualItemRect(panel.list.item(0))
    drag_row(qtbot, panel, "facilities", QPoint(first.center().x(), first.top() + 2))
    assert project.layers.names[-1] == "facilities"
    assert rows(panel)[0] == "facilities"


def test_a_drop_of_foreign_data_changes_nothing(qtbot, window):
    from PySide6.QtCore import QMimeData

    panel = window.layer_panel
    before = window.project.layers.names
    mime = QMimeData()
    mime.setText("facilities")
    target = row_centre(panel, "land")
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel.list.viewport(), drop)
    assert window.project.layers.names == before


def test_a_moved_layer_row_follows_a_model_move(qtbot, window):
    panel = window.layer_panel
    project = window.project
    project.layers.move(0, len(project.layers))  # land on top
    assert rows(panel)[0] == "land"
    assert window.canvas.layers.items["land"].zValue() == len(project.layers) - 1


def test_opacity_slider_sets_the_layer_and_canvas_item_opacity(qtbot, window):
    panel = window.layer_panel
    qtbot.mouseClick(
        panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(panel, "communes")
    )
    assert panel.current_layer().name == "communes"
    slider = panel.opacity_slider
    assert slider.isEnabled() and slider.value() == 100
    slider.setFocus()
    for _ in range(4):
        qtbot.keyClick(slider, Qt.Key.Key_PageDown)  # 10 % per page
    layer = window.project.layers.get("communes")
    assert layer.opacity == pytest.approx(0.6)
    assert window.canvas.layers.items["communes"].opacity() == pytest.approx(0.6)
    assert panel.opacity_value.text() == "60%"
    # Dragging the handle with the mouse works too.
    handle_y = slider.height() // 2
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.width() - 2, handle_y))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.width() - 2, handle_y))
    assert layer.opacity > 0.6
    # Another row shows its own opacity; the model drives the slider back.
    qtbot.mouseClick(
        panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(panel, "facilities")
    )
    assert slider.value() == 100
    window.project.layers.get("facilities").opacity = 0.25
    assert slider.value() == 25


def open_context_menu(qtbot, panel, name: str) -> QMenu:
    """Right-click a row.

    Offscreen, a test's mouse click does not pass through the platform, which
    is what turns a right click into a context-menu event: the test sends that
    event itself after the click.
    """
    viewport = panel.list.viewport()
    pos = row_centre(panel, name)
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: panel.last_menu is not None and panel.last_menu.isVisible())
    return panel.last_menu


def click_menu_action(qtbot, menu: QMenu, object_name: str) -> None:
    action = next(a for a in menu.actions() if a.objectName() == object_name)
    assert action.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_zoom_to_layer_from_the_context_menu(qtbot, window):
    panel = window.layer_panel
    canvas = window.canvas
    before = canvas.extent()
    menu = open_context_menu(qtbot, panel, "facilities")
    click_menu_action(qtbot, menu, "zoomToLayerAction")
    after = canvas.extent()
    xmin, ymin, xmax, ymax = window.project.layers.get("facilities").bounds_mercator()
    assert (after[2] - after[0]) < (before[2] - before[0])  # facilities span less than the CUD
    assert after[0] <= xmin and after[2] >= xmax and after[1] <= ymin and after[3] >= ymax


def test_layer_information_names_source_licence_and_vintage(qtbot, window):
    panel = window.layer_panel
    menu = open_context_menu(qtbot, panel, "communes")
    click_menu_action(qtbot, menu, "layerInfoAction")
    qtbot.waitUntil(lambda: panel.info_dialog is not None and panel.info_dialog.isVisible())
    text = panel.info_dialog.text()
    layer = window.project.layers.get("communes")
    for sid in layer.source_ids:
        source = window.project.sources[sid]
        assert source.title in text
        assert source.licence in text
        assert source.vintage in text
    assert "Communes" in panel.info_dialog.windowTitle()


def test_row_tooltip_credits_the_sources(qtbot, window):
    row = window.layer_panel.row_for("coastline")
    assert "GSHHG" in row.toolTip()


def test_other_parts_of_the_app_can_add_to_the_context_menu(qtbot, window):
    panel = window.layer_panel
    seen = []

    def hook(layer, menu):
        seen.append(layer.name)
        menu.addAction("Extra for " + layer.name)

    panel.menu_hooks.append(hook)
    menu = open_context_menu(qtbot, panel, "coastline")
    texts = [a.text() for a in menu.actions()]
    assert seen == ["coastline"]
    assert texts[-1] == "Extra for coastline"
    assert any("Zoom" in t for t in texts) and any("Information" in t for t in texts)
