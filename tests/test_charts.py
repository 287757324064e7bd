"""The trajectory and cluster docks, driven on the real main window."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dkgis.labels import format_number
from dkgis.model import trajectory
from dkgis.model.project import Project
from dkgis.model.trajectory import STEEL_COMPLEX
from dkgis.ui.main_window import MainWindow

AM = "FR_956"
ALUMINIUM = "FR_205769"


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.trajectory_dock.raise_()
    return win


def show_cluster_dock(qtbot, window):
    """Bring the cluster tab forward and wait for its first drawing."""
    window.cluster_dock.raise_()
    qtbot.waitUntil(lambda: window.cluster_panel.data is not None)
    return window.cluster_panel


def click_facility(qtbot, window, fid):
    """Click a facility on the map, as a user does."""
    canvas = window.canvas
    item = canvas.layers.facility_item
    # Where the symbol is drawn: symbols sharing a point are spread around it.
    x, y = item.display_xy()[list(item.ids).index(fid)]
    pos = canvas.mapFromScene(canvas.viewbox.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def curve_tonnes(item, factor):
    x, y = item.getData()
    return np.asarray(x), np.asarray(y) * factor


def test_docks_are_in_the_view_menu(window):
    assert window.findChild(object, "trajectoryDock") is window.trajectory_dock
    assert window.findChild(object, "clusterDock") is window.cluster_dock
    view_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View"
    )
    toggles = {a.text() for a in view_menu.actions()}
    assert {"Trajectory", "Cluster"} <= toggles


def test_selecting_arcelormittal_shows_its_verified_history(qtbot, window):
    click_facility(qtbot, window, AM)
    assert window.project.selection.ids == frozenset({AM})
    panel = window.trajectory_panel
    assert panel.title.text() == "ArcelorMittal Dunkerque"
    plot = panel.site_plot
    x, tonnes = curve_tonnes(plot.verified, plot.unit.factor)
    verified = window.project.emissions[AM].verified()
    assert x.tolist() == list(verified) and x[0] == 2005 and x[-1] == 2022
    np.testing.assert_allclose(tonnes, list(verified.values()))
    # IREP and the 2024 report: markers, labelled, never on the line.
    assert plot.irep.data["x"].tolist() == [2015]
    assert plot.reported.data["x"].tolist() == [2024]
    assert "IREP 2015 (counts steel gases at source; not comparable)" in plot.legend_labels()
    reported = [t.toPlainText() for t in plot.reported_text.items if t.isVisible()]
    assert len(reported) == 1 and "2024 reported" in reported[0]
    assert "Réseau Action Climat" in reported[0]


def test_the_2013_break_and_the_eaf_measure_are_on_the_time_axis(qtbot, window):
    window.project.selection.set({AM})
    plot = window.trajectory_panel.site_plot
    lines = [line.value() for line in plot.annot_lines.items if line.isVisible()]
    assert lines == [2012.5]
    texts = [t.toPlainText() for t in plot.annot_text.items if t.isVisible()]
    assert any(t.startswith("2013: change in where") for t in texts)
    labels = window.trajectory_panel.milestone_labels()
    eaf = [label for label in labels if "Electric arc furnace" in label]
    assert len(eaf) == 1 and eaf[0].startswith("2029")
    assert any("REUZE" in label and "not quantified" in label for label in labels)
    marks = plot.lane_marks.data
    assert 2029 in marks["x"].tolist()
    notes = window.trajectory_panel.notes.toPlainText()
    assert "2013: From EU ETS phase 3" in notes


def test_projection_runs_to_2050_under_each_scenario(qtbot, window):
    window.project.selection.set({AM})
    plot = window.trajectory_panel.site_plot
    used = plot.projections.items[: plot.projections.used]
    assert [item.scenario for item in used] == list(window.project.scenarios.names)
    active = used[0]
    x, tonnes = curve_tonnes(active, plot.unit.factor)
    assert x[0] == 2022 and x[-1] == 2050  # joined to the last verified point
    engine = trajectory.project_site(window.project, AM, window.project.scenarios.active)
    np.testing.assert_allclose(tonnes[1:], engine.values)
    assert "projected (Announced plans)" in plot.legend_labels()
    assert "Gap above the pathway" in plot.legend_labels()
    assert plot.gap_fill.isVisible()


def test_switching_to_three_years_late_moves_the_chart(qtbot, window):
    window.project.selection.set({AM})
    panel = window.trajectory_panel
    combo = panel.toolbar.scenario
    combo.setCurrentIndex(combo.findText(trajectory.ANNOUNCED_LATE))
    assert window.project.scenarios.active_name == trajectory.ANNOUNCED_LATE
    assert any(label.startswith("2032") for label in panel.milestone_labels())
    plot = panel.site_plot
    active = plot.projections.items[0]
    assert active.scenario == trajectory.ANNOUNCED_LATE
    x, tonnes = curve_tonnes(active, plot.unit.factor)
    drop = x[np.argmax(np.diff(tonnes) < -1e5) + 1]
    assert drop == 2032
    # The other dock follows the same scenario.
    assert window.cluster_panel.toolbar.scenario.currentText() == trajectory.ANNOUNCED_LATE


def test_units_switch_and_numbers_follow_the_locale(qtbot, window):
    window.project.selection.set({AM})
    panel = window.trajectory_panel
    panel.toolbar.units.setCurrentIndex(panel.toolbar.units.findData("kt"))
    plot = panel.site_plot
    _, y = plot.verified.getData()
    assert y[-1] == pytest.approx(6410.303)
    assert plot.plot.getAxis("left").labelText == "kt CO₂e per year"
    text = plot.crosshair_text(2022)
    assert f"verified: {format_number(6410.303)} kt" in text


def test_hovering_shows_the_year_and_its_values(qtbot, window):
    window.project.selection.set({AM})
    plot = window.trajectory_panel.site_plot
    vb = plot.plot.getViewBox()
    value = window.project.emissions[AM].value(2015) / plot.unit.factor
    pos = plot.mapFromScene(vb.mapViewToScene(QPointF(2015.2, value)))
    qtbot.mouseMove(plot.viewport(), pos)
    qtbot.waitUntil(plot.vline.isVisible)
    assert plot.vline.value() == 2015
    text = plot.hover.toPlainText()
    assert text.startswith("2015")
    assert f"verified: {format_number(7.21377, 2)} Mt" in text
    assert "IREP: 11.40 Mt" in text


def test_steel_complex_option_charts_the_three_sites_together(qtbot, window):
    window.project.selection.set({AM})
    panel = window.trajectory_panel
    qtbot.mouseClick(panel.steel_complex, Qt.MouseButton.LeftButton)
    assert panel.steel_complex.isChecked()
    assert panel.title.text().startswith("Steel complex: ArcelorMittal Dunkerque")
    plot = panel.site_plot
    x, tonnes = curve_tonnes(plot.verified, plot.unit.factor)
    series = [window.project.emissions[i].verified() for i in STEEL_COMPLEX]
    np.testing.assert_allclose(tonnes, [sum(s[int(y)] for s in series) for y in x])
    assert len(plot.irep.data) == 0 and len(plot.reported.data) == 0
    texts = [t.toPlainText() for t in plot.annot_text.items if t.isVisible()]
    assert any("cancels out" in t for t in texts)
    qtbot.mouseClick(panel.steel_complex, Qt.MouseButton.LeftButton)
    assert panel.title.text() == "ArcelorMittal Dunkerque"


def test_steel_complex_is_offered_only_for_its_sites(qtbot, window):
    window.project.selection.set({ALUMINIUM})
    assert not window.trajectory_panel.steel_complex.isEnabled()
    window.project.selection.set({"FR_988"})
    assert window.trajectory_panel.steel_complex.isEnabled()


def test_site_targets_are_drawn_with_their_baseline(qtbot, window):
    click_facility(qtbot, window, ALUMINIUM)
    plot = window.trajectory_panel.site_plot
    assert sorted(plot.targets.data["x"].tolist()) == [2025, 2030, 2050, 2050]
    assert any(
        label.startswith("Site targets (Aluminium Dunkerque)") for label in plot.legend_labels()
    )
    assert "baseline not stated" in window.trajectory_panel.notes.toPlainText()


def test_two_facilities_are_compared_overlaid_or_as_small_multiples(qtbot, window):
    window.project.selection.set({AM, ALUMINIUM})
    panel = window.trajectory_panel
    assert panel.stack.currentWidget() is panel.compare_plot
    assert panel.compare_mode.isVisible()
    names = ["ArcelorMittal Dunkerque", "Aluminium Dunkerque"]
    assert panel.compare_plot.legend_labels() == names
    assert len(panel.compare_plot.visible_plots()) == 1
    panel.compare_mode.setCurrentIndex(panel.compare_mode.findData("multiples"))
    plots = panel.compare_plot.visible_plots()
    assert len(plots) == 2
    assert "Aluminium Dunkerque" in panel.compare_plot.title_of(1)
    assert panel.compare_plot.share_axes()
    _, y = panel.compare_plot.cells[1].lines[0][0].getData()
    expected = list(window.project.emissions[ALUMINIUM].verified().values())
    np.testing.assert_allclose(np.asarray(y) * panel.compare_plot.unit.factor, expected)


def test_cluster_stack_sums_to_the_verified_totals_and_gaps_are_shown(qtbot, window):
    panel = show_cluster_dock(qtbot, window)
    plot = panel.sector_plot
    years = plot.data.years
    tops = plot.stack_tops()
    for year, top in zip(years, tops, strict=True):
        assert top == pytest.approx(window.project.cluster_total(int(year)))
    gaps = panel.gaps.toPlainText()
    sc = window.project.scenarios.active
    for t in window.project.targets:
        if t.scope != "cluster":
            continue
        gap = trajectory.gap_to_target(window.project, sc, t)
        assert panel.sector_plot.unit.format(abs(gap)) in gaps
    assert "ZIBaC" in gaps and "baseline 2020 (stated)" in gaps
    assert "no baseline stated, dkgis uses 2022 verified" in gaps
    assert "misses it by" in gaps
    wf = panel.waterfall_plot
    assert wf.steps[0][0] == "start" and wf.steps[-1][0] == "end"
    assert any(s[0] == "measure" for s in wf.steps)


def test_three_years_late_changes_the_cluster_gap(qtbot, window):
    panel = show_cluster_dock(qtbot, window)
    before = {ct.target.id: ct.gap_t for ct in panel.data.targets}
    panel.toolbar.scenario.setCurrentIndex(
        panel.toolbar.scenario.findText(trajectory.ANNOUNCED_LATE)
    )
    after = {ct.target.id: ct.gap_t for ct in panel.data.targets}
    assert after["dkarbonation_2030"] > before["dkarbonation_2030"]
    assert trajectory.ANNOUNCED_LATE in panel.gaps.toPlainText()


def _is_drawn(image: QImage) -> bool:
    """Whether an image holds a chart: many non-white pixels of several colours."""
    samples = [
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    ]
    inked = [p for p in samples if p & 0xFFFFFF != 0xFFFFFF]
    return len(inked) > 0.02 * len(samples) and len(set(inked)) > 10


def test_site_chart_exports_to_png_and_svg(qtbot, window, tmp_path, monkeypatch):
    window.project.selection.set({AM})
    panel = window.trajectory_panel
    png = tmp_path / "am.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(png), ""))
    panel.png_action.trigger()
    image = QImage(str(png))
    assert (image.width(), image.height()) == (2400, 1520)
    assert _is_drawn(image)
    svg = tmp_path / "am.svg"
    assert panel.export(svg) == svg
    text = svg.read_text(encoding="utf-8")
    assert re.search(r"<text[^>]*>\s*ArcelorMittal Dunkerque\s*</text>", text)
    assert "Mt CO₂e per year" in text
    assert "EU ETS verified emissions 2005–2022" in text
    assert "EUTL 2005-2022" in text  # the data vintage
    assert "scenario “Announced plans”" in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_compare_view_exports(qtbot, window, tmp_path):
    window.project.selection.set({AM, ALUMINIUM, "FR_988"})
    panel = window.trajectory_panel
    out = panel.export(tmp_path / "compare.svg")
    assert "3 facilities compared" in out.read_text(encoding="utf-8")
    panel.compare_mode.setCurrentIndex(panel.compare_mode.findData("multiples"))
    png = panel.export(tmp_path / "multiples.png")
    assert _is_drawn(QImage(str(png)))
    svg = panel.export(tmp_path / "multiples.svg").read_text(encoding="utf-8")
    assert "DK6 power plant" in svg  # the small multiples' titles are text too


def test_cluster_charts_export(qtbot, window, tmp_path):
    panel = show_cluster_dock(qtbot, window)
    for which in ("sectors", "waterfall"):
        png = panel.export(which, tmp_path / f"{which}.png")
        assert _is_drawn(QImage(str(png)))
        svg = panel.export(which, tmp_path / f"{which}.svg").read_text(encoding="utf-8")
        assert "<text" in svg and "Dunkerque cluster" in svg
        assert "dunkerquelenergiecreative.fr" in svg


def test_export_to_a_missing_folder_says_why_and_writes_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    window.project.selection.set({AM})
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    target = tmp_path / "nowhere" / "chart.png"
    assert window.trajectory_panel.export(target) is None
    assert shown and "nowhere" in shown[0]
    assert not target.exists()
    assert window.trajectory_panel.export(tmp_path / "chart.pdf") is None
    assert "unknown chart format" in shown[-1]


def test_the_cluster_tab_computes_nothing_until_shown(qtbot, window):
    assert window.cluster_panel.data is None and window.cluster_panel._sector_plot is None
    show_cluster_dock(qtbot, window)
    assert window.cluster_panel.sector_plot.isVisible()


def test_a_hidden_dock_redraws_when_shown(qtbot, window):
    window.trajectory_dock.hide()
    window.project.selection.set({ALUMINIUM})
    panel = window.trajectory_panel
    assert panel._dirty
    window.trajectory_dock.show()
    window.trajectory_dock.raise_()
    qtbot.waitUntil(lambda: not panel._dirty)
    assert panel.title.text() == "Aluminium Dunkerque"


def test_legend_moves_into_a_wide_chart_and_out_of_a_narrow_one(qtbot, window):
    window.project.selection.set({AM})
    panel = window.trajectory_panel
    plot = panel.site_plot
    assert not plot.legend_in_chart and panel.legend_text.isVisible()  # narrow dock
    assert "IREP 2015" in panel.legend_text.text()
    window.trajectory_dock.setFloating(True)
    window.trajectory_dock.resize(900, 700)
    qtbot.waitUntil(lambda: plot.legend_in_chart)
    assert not panel.legend_text.isVisible()
    labels = [label.text for _, label in plot.legend.items]
    assert labels == plot.legend_labels()


def test_numbers_follow_a_french_locale(qtbot, window):
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        window.project.selection.set({AM})
        plot = window.trajectory_panel.site_plot
        text = plot.crosshair_text(2022)
        assert re.search(r"verified: 6,41 Mt", text)
        axis = plot.plot.getAxis("left")
        assert axis.tickStrings([2.5, 5.0], 1.0, 2.5) == ["2,5", "5,0"]
        window.trajectory_panel.toolbar.units.setCurrentIndex(0)  # t
        assert re.search(r"verified: 6\s410\s303 t", plot.crosshair_text(2022))
    finally:
        QLocale.setDefault(before)


def test_the_map_year_is_marked_on_the_charts(qtbot, window):
    window.project.selection.set({AM})
    plot = window.trajectory_panel.site_plot
    window.project.display.year = 2031
    assert plot.year_line.isVisible() and plot.year_line.value() == 2031
    panel = show_cluster_dock(qtbot, window)
    assert panel.sector_plot.year_line.value() == 2031
