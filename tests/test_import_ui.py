"""File > Import Emissions Data… on the real main window, as a user would use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dkgis.data import DEFAULT_DATASET
from dkgis.data.user_data import user_dataset_path
from dkgis.model.project import Project
from dkgis.model.trajectory import site_baseline
from dkgis.ui.facility_table import COLUMN_INDEX
from dkgis.ui.main_window import MainWindow
from tests.release_fixtures import compliance_row, euets_info_zip

AM = "FR_956"


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def preview(qtbot, window, paths):
    dialog = window.start_import(paths)
    qtbot.waitUntil(lambda: dialog.plan is not None or dialog.error is not None, timeout=20000)
    return dialog


def section_titles(dialog) -> list[str]:
    tree = dialog.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_a_2023_release_shows_on_the_map_table_and_chart(qtbot, window, tmp_path):
    embedded = DEFAULT_DATASET.read_bytes()
    release = euets_info_zip(tmp_path / "eutl.zip", [compliance_row(AM, 2023, 7_120_000)])
    dialog = preview(qtbot, window, [release])
    assert dialog.error is None
    titles = section_titles(dialog)
    assert titles[0] == "Values added (1)" and titles[1] == "Values changed (0)"
    added = dialog.tree.topLevelItem(0).child(0)
    assert (added.text(0), added.text(1)) == ("ArcelorMittal Dunkerque", "2023")
    notes = dialog.tree.topLevelItem(3)
    texts = [notes.child(i).text(0) for i in range(notes.childCount())]
    assert "Scenario baselines: mean 2020–2022 → mean 2021–2023" in texts
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(window, "replaced_by"), timeout=20000)
    new = window.replaced_by
    qtbot.addWidget(new)
    assert DEFAULT_DATASET.read_bytes() == embedded
    assert new.project.path == user_dataset_path()

    # Visible: "your data, updated on …" in the title and the status bar, and a way back.
    assert "Your data, updated on" in new.windowTitle()
    assert new.data_label.isVisible() and new.data_label.text().startswith("Your data")
    assert new.embedded_data_action.isEnabled()

    # The map: the emission item shows the 2023 value as verified.
    new.project.layers.get("emissions").visible = True
    new.project.display.year = 2023
    item = new.canvas.layers.emission_item
    index = list(new.project.facility_ids_array).index(AM)
    qtbot.waitUntil(lambda: item.emissions.year == 2023)
    assert item.emissions.values[index] == 7_120_000.0
    assert item.emissions.kinds[index] == "verified"

    # The table: the map's value, 2023's, verified.
    model = new.table_panel.model
    row = model.row_of(AM)
    texts = {key: model.data(model.index(row, i)) for key, i in COLUMN_INDEX.items()}
    assert texts["emissions_kind"] == "verified"
    assert "2023" in model.headerData(COLUMN_INDEX["emissions_t"], Qt.Orientation.Horizontal)
    assert texts["emissions_t"].replace("\u202f", " ").replace(",", " ") == "7 120 000"

    # The trajectory chart: 2023 is on the verified line; no "missing" band over 2023.
    new.trajectory_dock.raise_()
    new.project.selection.set({AM})
    panel = new.trajectory_panel
    qtbot.waitUntil(lambda: panel.data is not None)
    assert panel.data.years[-1] == 2023 and panel.data.values[-1] == 7_120_000.0
    missing = [a for a in panel.data.annotations if a.kind == "missing_data"]
    assert all(a.year_from > 2023 for a in missing)
    assert not any(c.applies_to(AM, 2023) for c in new.project.caveats if c.kind == "missing_data")

    # The baseline moved to the last three verified years.
    assert site_baseline(new.project, AM).years == (2021, 2022, 2023)

    # Back to the embedded data: the copy is set aside, the window shows 2022 as last year.
    new.embedded_data_action.trigger()
    back = new.replaced_by
    qtbot.addWidget(back)
    assert back.project.path == DEFAULT_DATASET
    assert "Your data" not in back.windowTitle() and not back.data_label.isVisible()
    assert not user_dataset_path().exists()
    assert list(user_dataset_path().parent.glob("dkarbonation-user-set-aside-*.gpkg"))
    assert back.project.verified_matrix().last_year == 2022


def test_a_truncated_archive_is_reported_and_nothing_is_written(qtbot, window, tmp_path):
    good = euets_info_zip(tmp_path / "eutl.zip", [compliance_row(AM, 2023, 7_120_000)])
    bad = tmp_path / "eutl_truncated.zip"
    bad.write_bytes(good.read_bytes()[:200])
    dialog = preview(qtbot, window, [bad])
    assert dialog.plan is None
    assert "eutl_truncated.zip" in dialog.status.text()
    assert "damaged or incomplete" in dialog.status.text()
    assert not dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not user_dataset_path().exists()
    assert not hasattr(window, "replaced_by")


def test_a_new_installation_is_added_with_the_sector_picked(qtbot, window, tmp_path):
    from tests.release_fixtures import establishment_row, irep_row, irep_zip

    archive = irep_zip(
        tmp_path / "2023.zip",
        2023,
        [irep_row("070.09999", "Nouvelle usine", 2023, "1 234,5")],
        [establishment_row("070.09999", "Nouvelle usine", "BOURBOURG", "59630")],
    )
    dialog = preview(qtbot, window, [archive])
    box = dialog.sector_boxes["IREP_070.09999"]
    box.setCurrentIndex(box.findData("waste"))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(window, "replaced_by"), timeout=20000)
    new = window.replaced_by
    qtbot.addWidget(new)
    facility = new.project.facilities["IREP_070.09999"]
    assert (facility.sector, facility.commune) == ("waste", "Bourbourg")
    assert any(c.kind == "not_curated" for c in new.project.caveats_for("IREP_070.09999"))
    new.project.selection.set({"IREP_070.09999"})
    assert "Not curated" in new.details_panel.text()
