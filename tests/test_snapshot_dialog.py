"""File > Export Map… driven on the real main window, as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dkgis.model.project import Project
from dkgis.model.snapshot import Decorations
from dkgis.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def project_path():
    from dkgis.data import DEFAULT_DATASET

    return DEFAULT_DATASET


@pytest.fixture
def window(qtbot, project_path):
    window = MainWindow(Project.load(project_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_dialog(qtbot, window):
    """Open the dialog from the File menu, as a user does."""
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.objectName() == "exportMapAction")
    assert action.text().replace("&", "") == "Export Map…"
    action.trigger()
    dialog = window.snapshot_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.preview_renders >= 1, timeout=3000)
    return dialog


def preview_image(dialog) -> QImage:
    return dialog.preview_label.pixmap().toImage()


def click_box(qtbot, check) -> None:
    """Click a check box on its indicator."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def choose(qtbot, combo, data) -> None:
    """Pick an item of a combo box with the keyboard."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target, (combo.objectName(), combo.currentText())


def test_preset_decorations_preview_and_export(qtbot, window, tmp_path, monkeypatch):
    dialog = open_dialog(qtbot, window)
    # A preset fills the size boxes.
    choose(qtbot, dialog.preset_combo, "a4-landscape")
    assert dialog.pixel_size() == (3508, 2480, 300)
    assert dialog.unit == "mm" and round(dialog.width_spin.value()) == 297
    assert "3508 × 2480 pixels" in dialog.size_label.text()
    # The preview follows the page's shape, once the user stops changing things.
    renders = dialog.preview_renders
    qtbot.waitUntil(lambda: dialog.preview_renders > renders, timeout=3000)
    first = preview_image(dialog)
    assert first.width() / first.height() == pytest.approx(3508 / 2480, rel=0.02)
    # Unticking the legend changes the preview.
    renders = dialog.preview_renders
    assert tuple(dialog.decoration_checks) == Decorations.field_names()  # a box per flag
    legend = dialog.decoration_checks["sector_legend"]
    click_box(qtbot, legend)
    assert not legend.isChecked()
    qtbot.waitUntil(lambda: dialog.preview_renders > renders, timeout=3000)
    assert preview_image(dialog) != first
    shown = dialog.spec().decorations
    assert not shown.sector_legend and shown.size_legend
    # The title typed is the map's title.
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Bassin dunkerquois")
    assert dialog.spec().title == "Bassin dunkerquois"
    # Export: the file dialog answers a path; the file is written by a worker.
    out = tmp_path / "carte"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(out), "PDF document (*.pdf)"),
    )
    with qtbot.waitSignal(dialog.exported, timeout=10000) as written:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    path, size = written.args
    assert path.endswith("carte.pdf")
    assert (tmp_path / "carte.pdf").read_bytes()[:5] == b"%PDF-"
    assert size == (tmp_path / "carte.pdf").stat().st_size
    assert not dialog.isVisible()
    assert "carte.pdf" in window.statusBar().currentMessage()


def test_custom_size_keeps_proportions_and_oversize_is_refused(qtbot, window):
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog.preset_combo, "slide-16x9")
    dialog.width_spin.setFocus()
    dialog.width_spin.selectAll()
    qtbot.keyClicks(dialog.width_spin, "960")
    qtbot.keyClick(dialog.width_spin, Qt.Key.Key_Return)
    assert dialog.preset_combo.currentData() == "custom"
    assert dialog.pixel_size()[:2] == (960, 540)  # aspect locked
    dialog.aspect_check.setChecked(False)
    dialog.height_spin.setValue(900)
    assert dialog.pixel_size()[:2] == (960, 900)
    # Millimetres at a resolution.
    choose(qtbot, dialog.unit_combo, "mm")
    dialog.dpi_spin.setValue(300)
    dialog.width_spin.setValue(2000)  # 2 m at 300 dpi: 23622 pixels
    dialog.update_preview()
    assert "20000 pixels" in dialog.status_label.text()
    assert not dialog.export_button.isEnabled() and not dialog.copy_button.isEnabled()
    assert not dialog.export_to("/tmp/never-written.png")
    dialog.width_spin.setValue(200)
    dialog.update_preview()
    assert dialog.export_button.isEnabled() and dialog.status_label.text() == ""


def test_copy_to_clipboard_and_map_with_chart(qtbot, window):
    window.project.selection.set({"FR_956"})
    dialog = open_dialog(qtbot, window)
    assert dialog.chart_combo.currentData() == "FR_956"  # the selected site
    choose(qtbot, dialog.layout_combo, "map+chart")
    choose(qtbot, dialog.extent_combo, "selection")
    # The scenarios are the project's, the active one chosen first.
    assert dialog.scenario_combo.currentData() == window.project.scenarios.active_name
    choose(qtbot, dialog.scenario_combo, "No new measures")
    dialog.year_spin.setValue(2030)
    assert "emissions" not in dialog.spec().frame.layers  # hidden in the Layers panel
    click_box(qtbot, dialog.emissions_check)
    assert "emissions" in dialog.spec().frame.layers
    spec = dialog.spec()
    assert spec.layout == "map+chart" and spec.chart_site == "FR_956"
    assert spec.frame.scenario.name == "No new measures" and spec.frame.year == 2030
    assert spec.subtitle == (
        "CO₂ emissions 2030 · projected · scenario No new measures · facilities by sector"
    )
    # The dialog's own frame: the window still shows the active scenario.
    assert window.project.scenarios.active_name == "Announced plans"
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (1920, 1080)
    assert "application/pdf" in QGuiApplication.clipboard().mimeData().formats()
    assert "Copied" in dialog.status_label.text()


def test_a_failed_export_says_why_and_keeps_the_dialog(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert dialog.export_to(blocker / "map.png")  # rendering starts; writing fails
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5000)
    box = QApplication.activeModalWidget()
    assert box.objectName() == "snapshotErrorBox"
    assert "map.png" in box.informativeText()
    box.accept()
    assert dialog.isVisible() and "Could not write" in dialog.status_label.text()


def test_export_png_still_writes_the_current_view(qtbot, window, tmp_path):
    assert window.export_png(tmp_path / "view.png")
    assert QImage(str(tmp_path / "view.png")).width() > 100


@pytest.mark.parametrize("preset", ["slide-16x9", "slide-4x3", "a4-landscape", "a3-portrait"])
def test_the_preview_is_the_file_scaled_down(qtbot, window, preset):
    """For each preset: the same extent, scale bar, legend and names in the preview as in
    the file written."""
    from dkgis.export.snapshot import render_snapshot

    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog.preset_combo, preset)
    dialog.update_preview()
    preview = dialog.preview_layout
    written = render_snapshot(window.project, dialog.spec(), "png").layout
    assert preview.extent == pytest.approx(written.extent)
    assert preview.scale_label == written.scale_label
    assert preview.map == written.map and preview.legend == written.legend
    assert preview.legend_boxes == written.legend_boxes
    assert preview.title_box == written.title_box
    assert [(n.text, n.rect) for n in preview.names] == [(n.text, n.rect) for n in written.names]
    image = preview_image(dialog)
    assert image.width() / image.height() == pytest.approx(
        written.page.width() / written.page.height(), rel=0.02
    )


def test_facility_names_are_chosen_in_the_dialog(qtbot, window):
    from dkgis.model.display import NAMES_LARGEST, NAMES_NONE

    dialog = open_dialog(qtbot, window)
    assert dialog.spec().frame.names == NAMES_LARGEST  # the largest emitters by default
    dialog.update_preview()
    assert any(n.kind == "facility" for n in dialog.preview_layout.names)
    choose(qtbot, dialog.names_combo, NAMES_NONE)
    dialog.update_preview()
    assert dialog.spec().frame.names == NAMES_NONE
    assert not any(n.kind == "facility" for n in dialog.preview_layout.names)
    assert any(n.kind == "place" for n in dialog.preview_layout.names)


def test_the_dialog_names_the_preset_scenarios_in_french(qtbot, window, qapp):
    from dkgis.ui.language import apply_language

    apply_language(qapp, "fr")
    try:
        file_menu = window.menuBar().actions()[0].menu()
        next(a for a in file_menu.actions() if a.objectName() == "exportMapAction").trigger()
        dialog = window.snapshot_dialog
        qtbot.waitUntil(dialog.isVisible)
        combo = dialog.scenario_combo
        shown = [combo.itemText(i) for i in range(combo.count())]
        assert "Plans annoncés" in shown and "Announced plans" not in shown
        assert combo.findData("Announced plans") >= 0  # the scenario is still found by name
        assert dialog.spec().frame.scenario.name == combo.currentData()
        dialog.close()
    finally:
        apply_language(qapp, "en")


def custom_page(dialog, width: int, height: int, dpi: int) -> None:
    """Type a page size into the dialog (its proportions free) and preview it."""
    dialog.aspect_check.setChecked(False)
    dialog.dpi_spin.setValue(dpi)
    dialog.width_spin.setValue(width)
    dialog.height_spin.setValue(height)
    dialog.update_preview()


def test_a_small_page_is_previewed_as_it_is_written(qtbot, window, tmp_path):
    """A small custom page, laid out compact, shows in the preview as in its file: the
    legend beside the map, the short sources line, nothing past the page's edge."""
    from dkgis.export.snapshot import render_snapshot

    dialog = open_dialog(qtbot, window)
    custom_page(dialog, 800, 500, 144)
    assert dialog.pixel_size() == (800, 500, 144)
    preview = dialog.preview_layout
    written = render_snapshot(window.project, dialog.spec(), "png").layout
    assert preview.compact and written.compact
    assert preview.map == written.map and preview.legend == written.legend
    assert preview.legend_boxes == written.legend_boxes and preview.legend_boxes
    assert preview.source_lines == written.source_lines
    assert preview.title_box == written.title_box
    for box in preview.legend_boxes:
        assert preview.page.contains(box)
    preview_image(dialog).save(str(tmp_path / "preview.png"))


def test_the_preview_says_when_the_page_is_too_small_for_its_legend(qtbot, window):
    dialog = open_dialog(qtbot, window)
    custom_page(dialog, 360, 240, 96)
    assert dialog.preview_layout.legend_left_out
    assert "No legend" in dialog.status_label.text()
    assert dialog.export_button.isEnabled()  # a warning, not an error
    custom_page(dialog, 1600, 1000, 96)
    assert not dialog.preview_layout.legend_left_out
    assert dialog.status_label.text() == ""
