"""Sector filter, emission layer, year slider, labels and exports, on the real window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionViewItem, QToolButton

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


def symbol_pos(window: MainWindow, facility_id: str) -> QPoint:
    """Where a facility's symbol is drawn (spread symbols included), in viewport pixels."""
    canvas = window.canvas
    item = canvas.layers.facility_item
    x, y = item.display_xy()[item.ids.index(facility_id)]
    return canvas.mapFromScene(canvas.viewbox.mapViewToScene(QPointF(x, y)))


def point_pos(window: MainWindow, facility_id: str) -> QPoint:
    """Where a facility's true point is, in viewport pixels."""
    canvas = window.canvas
    ids, xy = window.project.facility_mercator_xy()
    x, y = xy[ids.index(facility_id)]
    return canvas.mapFromScene(canvas.viewbox.mapViewToScene(QPointF(x, y)))


def click_check_box(qtbot, list_widget, item) -> None:
    """Click the check box of a list row, as a user does."""
    list_widget.scrollToItem(item)
    option = QStyleOptionViewItem()
    option.rect = list_widget.visualItemRect(item)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = list_widget.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, list_widget
    )
    qtbot.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def canvas_image(window: MainWindow) -> QImage:
    window.screen_frame.flush()  # what the event loop does after the model changed
    return window.canvas.viewport().grab().toImage()


def shown(window: MainWindow):
    """The screen's frame, once the window has followed the model's changes."""
    window.screen_frame.flush()
    return window.screen_frame.frame


def colour_distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


# -- sector layer ----------------------------------------------------------------------------


def view_menu(window):
    """The View menu of the main window (found by its title, whatever menus come first)."""
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")


def test_unticking_a_sector_in_the_legend_dock_hides_its_facilities(qtbot, window):
    project = window.project
    dock = window.findChild(type(window.legend_dock), "legendDock")
    assert dock is window.legend_dock and dock.isVisible()
    assert window.legend_dock.toggleViewAction() in view_menu(window).actions()
    fid = "FR_955"  # ArcelorMittal Mardyck: steel, alone on its point
    pos = symbol_pos(window, fid)
    steel = QColor("#332288")
    assert colour_distance(canvas_image(window).pixelColor(pos), steel) < 60

    row = window.legend_panel.row_for("steel")
    assert row.checkState() == Qt.CheckState.Checked
    click_check_box(qtbot, window.legend_panel.sector_list, row)
    assert project.display.hidden_sectors == frozenset({"steel"})
    assert row.checkState() == Qt.CheckState.Unchecked

    frame = shown(window)
    item = window.canvas.layers.facility_item
    steel_rows = [i for i, f in enumerate(item.ids) if project.facilities[f].sector == "steel"]
    assert not item.visible_mask[steel_rows].any()
    assert item.visible_mask.sum() == len(item.ids) - len(steel_rows)
    # Not drawn...
    assert colour_distance(canvas_image(window).pixelColor(pos), steel) > 100
    # ...not clickable...
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not project.selection.ids & {item.ids[i] for i in steel_rows}
    # ...and gone from the legend of exports, which says a sector is hidden.
    from PySide6.QtGui import QFont

    from dkgis.map.legend import LegendContent

    content = LegendContent(project, frame, 1.0, QFont(), QFont())
    texts = [getattr(row, "text", "") for section in content.sections() for row in section.rows]
    assert "Steel" not in texts and "1 sector(s) hidden" in texts

    window.legend_panel.show_all_button.click()
    assert project.display.hidden_sectors == frozenset()
    assert row.checkState() == Qt.CheckState.Checked
    assert colour_distance(canvas_image(window).pixelColor(pos), steel) < 60


def test_symbols_sharing_a_point_are_spread_and_each_can_be_clicked(qtbot, window):
    project = window.project
    item = window.canvas.layers.facility_item
    dunkerque = [
        fid
        for fid in item.ids
        if item._groups[item.ids.index(fid)] >= 0
        and np.allclose(
            project.facility_mercator_xy()[1][item.ids.index(fid)],
            project.facility_mercator_xy()[1][item.ids.index("IREP_070.00581")],
        )
    ]
    assert len(dunkerque) == 7
    positions = [symbol_pos(window, fid) for fid in dunkerque]
    true_point = point_pos(window, "IREP_070.00581")
    for p in positions:
        assert (p - true_point).manhattanLength() > 5  # moved off the shared point
    for fid, p in zip(dunkerque, positions, strict=True):
        qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=p)
        assert project.selection.ids == frozenset({fid})
    # The data are untouched.
    lon = {project.facilities[f].lon for f in dunkerque}
    assert len(lon) == 1


def test_labels_can_be_switched_on_from_the_view_menu(qtbot, window):
    menu = view_menu(window)
    action = next(a for a in menu.actions() if a.objectName() == "labelsAction")
    before = canvas_image(window)
    action.trigger()
    assert window.project.display.labels is True and shown(window).labels
    after = canvas_image(window)
    assert after != before
    action.trigger()
    assert window.project.display.labels is False


# -- emission layer and year slider ------------------------------------------------------------


def circle_annulus_changed(before: QImage, after: QImage, centre: QPoint, r0: float, r1: float):
    """Fraction of pixels between radius r0 and r1 around centre that differ."""
    changed = total = 0
    for angle in np.linspace(0, 2 * np.pi, 72, endpoint=False):
        for r in np.linspace(r0 + 1.5, r1 - 1.5, 4):
            p = QPoint(round(centre.x() + r * np.cos(angle)), round(centre.y() + r * np.sin(angle)))
            total += 1
            changed += colour_distance(before.pixelColor(p), after.pixelColor(p)) > 12
    return changed / total


def test_emission_layer_follows_the_year_slider_and_play(qtbot, window):
    project = window.project
    panel = window.layer_panel
    row = panel.row_for("emissions")
    assert row.checkState() == Qt.CheckState.Unchecked  # hidden at load
    click_check_box(qtbot, panel.list, row)
    assert project.layers.get("emissions").visible
    project.layers.get("facilities").visible = False

    slider = window.findChild(QSlider, "yearSlider")
    assert (slider.minimum(), slider.maximum()) == (2005, 2050)
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    assert project.display.year == 2005
    item = window.canvas.layers.emission_item
    qtbot.waitUntil(lambda: item.isVisible() and item.emissions.year == 2005)
    r2005 = item.drawn_radius("FR_956")
    assert item.marker("FR_205769") == "no_data"  # Aluminium Dunkerque: from 2013 on
    image_2005 = canvas_image(window)

    for _ in range(2022 - 2005):
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert project.display.year == 2022
    assert shown(window).year == 2022
    r2022 = item.drawn_radius("FR_956")
    assert item.marker("FR_205769") == "circle"
    # Area-true: radius ratio = sqrt of the value ratio (11.5 Mt in 2005, 6.4 Mt in 2022).
    assert r2005 > r2022 > 0
    assert (r2005 / r2022) ** 2 == pytest.approx(11_534_467 / 6_410_303, rel=0.05)
    image_2022 = canvas_image(window)
    centre = point_pos(window, "FR_956")
    assert circle_annulus_changed(image_2005, image_2022, centre, r2022, r2005) > 0.5
    assert "EU ETS verified" in window.year_slider.caption.text()

    # After the last verified year: projected under the active scenario, and said so.
    qtbot.keyClick(slider, Qt.Key.Key_End)
    assert project.display.year == 2050 and shown(window).year == 2050
    assert item.emissions.is_projected and item.emissions.scenario == "Announced plans"
    assert 0 < item.drawn_radius("FR_956") < r2022  # the announced EAF cuts its emissions
    assert window.year_slider.caption.text() == "projected · scenario Announced plans"
    notes = [
        getattr(r, "text", "")
        for section in window.canvas.layers.decorations._legend_sections()
        for r in section.rows
    ]
    assert "Projected under scenario Announced plans from the verified values to 2022" in notes
    assert "Source: EU ETS verified data, projected by dkgis" in notes

    # Play from 2019: one year per tick, pausing at the last verified year.
    slider.setValue(2019)
    window.year_slider.timer.setInterval(20)
    play = window.findChild(QToolButton, "playButton")
    seen = []
    project.display.events.year.connect(seen.append)
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert window.year_slider.playing
    qtbot.waitUntil(lambda: not window.year_slider.playing, timeout=5000)
    assert seen == [2020, 2021, 2022]
    assert slider.value() == 2022
    qtbot.waitUntil(lambda: item.emissions.year == 2022)
    assert window.year_slider.year_label.text() == "<b>2022</b>"
    # Pause stops it.
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: project.display.year > 2022, timeout=2000)
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    stopped = project.display.year
    qtbot.wait(100)
    assert project.display.year == stopped and not window.year_slider.playing


def test_an_emission_circle_can_be_clicked_when_the_symbols_are_hidden(qtbot, window):
    project = window.project
    project.layers.get("emissions").visible = True
    project.layers.get("facilities").visible = False
    project.display.year = 2005
    shown(window)
    radius = window.canvas.layers.emission_item.drawn_radius("FR_956")
    centre = point_pos(window, "FR_956")
    inside = QPoint(round(centre.x() - radius * 0.7), centre.y())
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=inside)
    assert project.selection.ids == frozenset({"FR_956"})


# -- exports -----------------------------------------------------------------------------


def test_render_honours_the_frame_year_without_changing_the_project(qapp):
    from dkgis.map.render import render_image
    from dkgis.model.frame import frame_of
    from dkgis.model.snapshot import SnapshotSpec

    project = Project.load()
    layers = ("land", "communes", "coastline", "emissions", "facilities")
    frame = frame_of(project, layers=layers, extent=project.cluster_extent())
    images = {
        year: render_image(project, SnapshotSpec(frame.replace(year=year), 800, 500))
        for year in (2005, 2022, 2030)
    }
    assert images[2005] != images[2022] != images[2030]
    assert project.display.year == 2022 and not project.layers.get("emissions").visible
    with pytest.raises(ValueError, match="year"):
        frame.replace(year=1990)


def test_export_with_a_year_draws_circles_and_the_size_legend(tmp_path):
    from tests.test_cli import run

    plain, with_year = tmp_path / "plain.png", tmp_path / "y2022.png"
    assert run("export", str(plain), "--width", "1200", "--height", "800").returncode == 0
    result = run("export", str(with_year), "--width", "1200", "--height", "800", "--year", "2022")
    assert result.returncode == 0, result.stderr
    assert "2022" in result.stdout
    a, b = QImage(str(plain)), QImage(str(with_year))
    # The legend (top right) gains the nested circles: grey rings on the white panel.
    legend = [(x, y) for x in range(900, 1190, 2) for y in range(10, 790, 2)]
    differ = sum(colour_distance(a.pixelColor(x, y), b.pixelColor(x, y)) > 30 for x, y in legend)
    assert differ > 500
    bad = run("export", str(tmp_path / "x.png"), "--year", "1990")
    assert bad.returncode == 2 and "between 2005 and 2050" in bad.stderr


def test_size_legend_states_unit_year_and_source(qapp):
    from PySide6.QtGui import QFont

    from dkgis.map.legend import LegendBlock, LegendContent

    project = Project.load()
    from dkgis.model.frame import frame_of

    frame = frame_of(project, year=2005, layers=("emissions", "facilities"))
    content = LegendContent(project, frame, 1.0, QFont(), QFont())
    sections = {s.heading: s.rows for s in content.sections()}
    rows = sections["CO₂ emissions 2005"]
    assert isinstance(rows[0], LegendBlock)  # the nested circles
    texts = [getattr(r, "text", "") for r in rows]
    assert "Circle area ∝ t CO₂e per year" in texts
    assert "No data for 2005" in texts
    assert "Source: EU ETS verified emissions" in texts


def test_window_export_of_the_emission_layer_names_the_year(qtbot, window, tmp_path):
    from dkgis import wording

    project = window.project
    project.layers.get("emissions").visible = True
    project.display.year = 2031
    assert wording.map_subtitle(project, shown(window)) == (
        "CO₂ emissions 2031 · projected · scenario Announced plans · facilities by sector"
    )
    project.display.year = 2010
    assert wording.map_subtitle(project, shown(window)) == (
        "CO₂ emissions 2010 · EU ETS verified · facilities by sector"
    )
    assert window.export_png(tmp_path / "map.png")
    assert QImage(str(tmp_path / "map.png")).width() > 100
