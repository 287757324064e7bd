"""Charts with room to be read: the window on 1366 x 768 and 1920 x 1080 screens, labels
that never overlap, units chosen by the values, the Enlarge button, French charts."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QByteArray, QPointF, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabWidget

from dkgis.charts import style as cs
from dkgis.charts.cluster_chart import ClusterPlot, WaterfallPlot
from dkgis.charts.page import discard_view, offscreen_view
from dkgis.charts.site_chart import SitePlot
from dkgis.charts.site_page import draw_site
from dkgis.model.cluster_data import build_cluster_data
from dkgis.model.project import Project
from dkgis.model.site_data import build_site_data
from dkgis.ui import window_layout
from dkgis.ui.main_window import STATE_VERSION, MainWindow
from dkgis.ui.settings import app_settings

AM = "FR_956"
ALUMINIUM = "FR_205769"
PROBE = Path(__file__).with_name("window_probe.py")


@pytest.fixture(scope="module")
def project():
    return Project.load()


def probe(width: int, height: int, site: str, lang: str = "fr") -> dict:
    """What the window shows on a screen of that size (in a process of its own)."""
    result = subprocess.run(
        [sys.executable, str(PROBE), str(width), str(height), site, lang],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


# -- the window on a laptop and on a desktop screen -----------------------------------


def test_the_first_window_fits_a_1366x768_screen_and_the_chart_has_room():
    seen = probe(1366, 768, AM)
    assert inside(seen["frame"], seen["available"])
    assert seen["status_bar_visible"]
    assert seen["status_bar_bottom"] < seen["window_height"]
    assert seen["plot_height"] >= 200


def test_at_1920x1080_the_table_and_the_scenario_show_ten_rows():
    seen = probe(1920, 1080, ALUMINIUM)
    assert inside(seen["frame"], seen["available"])
    assert seen["status_bar_visible"]
    assert seen["table_rows"] >= 10
    assert seen["scenario_rows"] >= 10
    assert seen["plot_height"] >= 300


@pytest.fixture
def laptop(qtbot, monkeypatch):
    """The first window of a 1366 x 768 laptop whose task bar takes 40 pixels, shown at
    the size of a maximised window there (resized explicitly: the test screen is smaller)."""
    available = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(MainWindow, "_available", lambda self: available)
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.showNormal()
    qtbot.waitExposed(win)
    return win, available


def test_a_laptop_window_keeps_its_status_bar_and_gives_the_chart_room(qtbot, laptop):
    win, available = laptop
    assert available.contains(win.geometry())
    assert win.height() <= 728 - 31  # room left for a title bar
    bar = win.statusBar()
    assert bar.isVisible() and win.rect().contains(bar.geometry())
    # A short screen: the charts take the whole right column, the details go under the map.
    assert win.dockWidgetArea(win.details_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    for site in (AM, ALUMINIUM):
        win.project.selection.set({site})
        qtbot.waitUntil(lambda: win.trajectory_panel.data is not None)
        box = win.trajectory_panel.site_plot.plot.getViewBox()
        qtbot.waitUntil(lambda box=box: box.height() >= 200)
        assert box.width() >= 380


def test_a_window_saved_on_a_larger_screen_comes_back_inside_this_one():
    frame = QRect(-200, 100, 1900, 1000)
    inner = frame.adjusted(8, 31, -8, -8)
    available = QRect(0, 0, 1366, 728)
    fitted = window_layout.fitted(frame, inner, available)
    assert fitted is not None
    assert available.contains(fitted.adjusted(-8, -31, 8, 8))
    assert window_layout.fitted(QRect(10, 10, 800, 600), QRect(18, 41, 784, 561), available) is None


def test_first_start_sizes_give_the_charts_two_fifths_and_the_table_ten_rows():
    laptop = window_layout.dock_sizes(QSize(1350, 688))
    desktop = window_layout.dock_sizes(QSize(1904, 1040))
    assert 460 <= laptop.right <= 1350 * 0.42 and desktop.right >= 700
    assert desktop.bottom >= 400 > laptop.bottom
    assert window_layout.is_short(QRect(0, 0, 1366, 728))
    assert not window_layout.is_short(QRect(0, 0, 1920, 1040))


def test_a_layout_saved_by_an_older_version_is_not_restored(qtbot):
    old = MainWindow(Project.load())
    qtbot.addWidget(old)
    old.trajectory_dock.setFloating(True)
    app_settings().setValue("window/state", old.saveState(STATE_VERSION - 1))
    old.trajectory_dock.setFloating(False)
    assert isinstance(app_settings().value("window/state"), QByteArray)
    new = MainWindow(Project.load())
    qtbot.addWidget(new)
    assert not new.trajectory_dock.isFloating()
    assert new.dockWidgetArea(new.trajectory_dock) == Qt.DockWidgetArea.RightDockWidgetArea


# -- labels never overlap -------------------------------------------------------------


def label_rects(plot: pg.PlotItem, *extra: pg.GraphicsObject) -> list[tuple[str, object]]:
    """The boxes, on screen, of the texts shown in a plot."""
    items = [i for i in plot.items if isinstance(i, pg.TextItem)]
    items += [i for i in extra if i is not None]
    return [(i.toPlainText(), i.sceneBoundingRect()) for i in items if i.isVisible()]


def assert_no_overlap(rects: list[tuple[str, object]]) -> None:
    for (text_a, a), (text_b, b) in itertools.combinations(rects, 2):
        assert not a.intersects(b), f"{text_a!r} overlaps {text_b!r}"


def sites_with_targets(project: Project) -> list[str]:
    ids = []
    for fid in project.facilities:
        data = build_site_data(
            project, project.scenarios, (fid,), scenario=project.scenarios.active
        )
        if data.targets or data.pathway is not None:
            ids.append(fid)
    return ids


@pytest.mark.parametrize(
    ("width", "height", "compact"), [(540, 420, False), (1100, 700, False), (480, 320, True)]
)
def test_no_two_labels_overlap_on_the_chart_of_a_site_with_targets(
    qtbot, project, width, height, compact
):
    sites = sites_with_targets(project)
    assert ALUMINIUM in sites and AM in sites
    for fid in sites:
        data = build_site_data(
            project, project.scenarios, (fid,), scenario=project.scenarios.active
        )
        view = SitePlot(compact=compact)
        try:
            offscreen_view(view, width, height)
            draw_site(view, project, data)
            view.mark_year(2022)
            qtbot.wait(1)
            rects = label_rects(view.plot, view.year_line.label)
            assert len(rects) >= 2
            assert_no_overlap(rects)
        finally:
            discard_view(view)


def points_under(plot: pg.PlotItem, rect) -> list[tuple[float, float]]:
    """The points of the plotted lines and markers (lines sampled densely) that fall
    inside ``rect`` (scene pixels)."""
    vb = plot.getViewBox()
    hits = []
    for item in plot.listDataItems():
        xs, ys = item.getData()
        if not item.isVisible() or xs is None or not len(xs):
            continue
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        if len(xs) > 1 and np.all(np.diff(xs) > 0):
            dense = np.linspace(xs[0], xs[-1], 4000)
            xs, ys = dense, np.interp(dense, xs, ys)
        for x, y in zip(xs, ys, strict=True):
            if np.isfinite(y) and rect.contains(vb.mapViewToScene(QPointF(x, y))):
                hits.append((float(x), float(y)))
    return hits


@pytest.mark.parametrize(("width", "height"), [(540, 420), (730, 520), (1100, 700)])
def test_the_label_of_the_years_without_data_covers_no_line(qtbot, project, width, height):
    """Written upwards in its band, above or under the lines that cross it, or left out."""
    shown = 0
    for fid in (ALUMINIUM, AM):
        data = build_site_data(
            project, project.scenarios, (fid,), scenario=project.scenarios.active
        )
        view = SitePlot()
        try:
            offscreen_view(view, width, height)
            draw_site(view, project, data)
            qtbot.wait(1)
            label = next(
                i
                for i in view.plot.items
                if isinstance(i, pg.TextItem) and i.toPlainText() == "no verified data"
            )
            if label.isVisible():
                shown += 1
                assert not points_under(view.plot, label.sceneBoundingRect()), fid
        finally:
            discard_view(view)
    assert shown >= 1


def test_net_zero_by_2050_is_said_once_at_the_point_of_aluminium_dunkerque(qtbot, project):
    """The site's own target and the territorial pathway both reach zero in 2050."""
    data = build_site_data(
        project, project.scenarios, (ALUMINIUM,), scenario=project.scenarios.active
    )
    view = SitePlot()
    try:
        offscreen_view(view, 540, 420)
        draw_site(view, project, data)
        qtbot.wait(1)
        texts = [text for text, _ in label_rects(view.plot)]
        assert texts.count("net zero by 2050") == 1
    finally:
        discard_view(view)


@pytest.mark.parametrize(
    ("width", "height", "compact"), [(540, 480, False), (1100, 700, False), (480, 320, True)]
)
def test_no_two_labels_overlap_on_the_cluster_chart(qtbot, project, width, height, compact):
    for scenario in project.scenarios.scenarios:
        data = build_cluster_data(project, project.scenarios, scenario)
        view = ClusterPlot(compact=compact)
        try:
            offscreen_view(view, width, height)
            view.show_data(data)
            view.mark_year(2030)
            qtbot.wait(1)
            rects = label_rects(view.plot, view.year_line.label)
            assert len(rects) >= 3  # the targets and the 2013 changes
            assert_no_overlap(rects)
        finally:
            discard_view(view)


@pytest.mark.parametrize("width", [300, 540, 1100])
def test_no_two_labels_overlap_on_the_waterfall(qtbot, project, width):
    for scenario in project.scenarios.scenarios:
        data = build_cluster_data(project, project.scenarios, scenario)
        view = WaterfallPlot()
        try:
            view.show_steps(data)
            offscreen_view(view, width, view.minimumSizeHint().height())
            view.show_steps(data)
            qtbot.wait(1)
            rects = label_rects(view.plot)
            names = [text for text, _ in rects if text in {s[1] for s in view.steps}]
            assert len(rects) >= 2 * len(view.steps)  # a name and a value per bar
            assert_no_overlap(rects)
            # Names too long for the chart are shortened, and given in full in a tooltip.
            shown = [i for i in view.names.items[: view.names.used]]
            assert all(i.toolTip() for i in shown)
            assert all(
                i.sceneBoundingRect().width() <= view.plot.getViewBox().width() for i in shown
            )
            if width >= 540:
                assert len(names) == len(view.steps)
        finally:
            discard_view(view)


# -- units chosen by the values, never by pyqtgraph -----------------------------------


def test_the_aluminium_axis_reads_kt_without_a_multiplier(qtbot, project):
    data = build_site_data(
        project, project.scenarios, (ALUMINIUM,), scenario=project.scenarios.active
    )
    view = SitePlot()
    try:
        offscreen_view(view, 540, 420)
        draw_site(view, project, data)
        axis = view.plot.getAxis("left")
        label = axis.label.toPlainText().strip()
        assert label == "kt CO₂e per year"
        assert "x0.001" not in label and "(x" not in label
        assert axis.autoSIPrefixScale == 1.0
        assert axis.tickStrings([0.0, 100.0, 200.0], 1.0, 100.0) == ["0", "100", "200"]
    finally:
        discard_view(view)


def test_the_automatic_unit_follows_the_size_of_the_values():
    assert cs.unit_for(cs.AUTO_UNIT, 13e6).key == "Mt"
    assert cs.unit_for(cs.AUTO_UNIT, 6.5e5).key == "kt"
    assert cs.unit_for(cs.AUTO_UNIT, 2657).key == "kt"
    assert cs.unit_for(cs.AUTO_UNIT, 800).key == "t"
    assert cs.unit_for("Mt", 800).key == "Mt"  # the user's choice wins


# -- the Enlarge button -----------------------------------------------------------------


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.trajectory_dock.raise_()
    return win


def test_enlarge_shows_the_live_chart_in_a_window_of_its_own(qtbot, window):
    panel = window.trajectory_panel
    window.project.selection.set({ALUMINIUM})
    button = panel.toolbar.enlarge_button
    assert button.text() == "Enlarge"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    docked = window.trajectory_dock.widget()
    chart_window = docked.chart_window
    assert chart_window is not None and chart_window.isVisible()
    assert panel.window() is chart_window
    assert chart_window.width() > window.trajectory_dock.width()
    assert button.text() == "Put Back"
    # Still live: it follows the selection.
    window.project.selection.set({AM})
    qtbot.waitUntil(lambda: panel.title.text() == "ArcelorMittal Dunkerque")
    assert panel.site_plot.plot.getViewBox().height() > 300
    # Closing the window puts the chart back in its dock.
    chart_window.close()
    qtbot.waitUntil(lambda: panel.window() is window)
    assert docked.currentWidget() is panel and button.text() == "Enlarge"


def test_the_cluster_charts_can_be_enlarged_and_put_back(qtbot, window):
    window.cluster_dock.raise_()
    panel = window.cluster_panel
    qtbot.waitUntil(lambda: panel.data is not None)
    qtbot.mouseClick(panel.toolbar.enlarge_button, Qt.MouseButton.LeftButton)
    assert panel.window() is not window
    qtbot.mouseClick(panel.toolbar.enlarge_button, Qt.MouseButton.LeftButton)
    assert panel.window() is window
    assert window.cluster_dock.widget().chart_window is None


# -- French charts ------------------------------------------------------------------------

#: English words that would betray an untranslated text in a French chart.
ENGLISH_WORDS = {
    "the", "and", "of", "by", "per", "year", "years", "verified", "projected",
    "emissions", "scenario", "target", "targets", "measures", "pathway", "gap", "reported",
    "export", "enlarge", "no", "data", "sector", "change", "other", "with", "not", "from",
    "to", "in", "for", "announced", "steel", "power", "net", "zero", "baseline", "chart",
    "waterfall", "counted", "where", "enters", "put", "back", "unit", "values", "show",
}  # fmt: skip


def data_texts(project: Project) -> list[str]:
    """Text that comes from the data (names, credits): never translated."""
    texts = []
    for f in project.facilities.values():
        texts += [f.name, f.operator or ""]
    texts += [m.name for m in project.measures]
    texts += [t.actor for t in project.targets]
    for s in project.sources.values():
        texts += [s.attribution or "", s.title or ""]
    for fid in (ALUMINIUM, AM):
        data = build_site_data(project, project.scenarios, (fid,), scenario=None)
        texts += [r.note for r in (*data.reported, *data.irep)]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def english_words(texts: list[str], project: Project) -> dict[str, str]:
    """The English words of ``texts`` (data text aside), each with a text it is in."""
    found = {}
    known = data_texts(project)
    for text in texts:
        text = re.sub(r"<[^>]+>", " ", text)
        text = re.sub(r"https?://\S+|\b[\w.-]+\.(?:fr|com|org|eu|net)\b", " ", text)
        for name in known:
            text = text.replace(name, " ")
        for word in re.findall(r"[^\W\d_]+", text):
            if word.lower() in ENGLISH_WORDS:
                found[word] = text.strip()
    return found


def widget_texts(widget) -> list[str]:
    texts = []
    for child in widget.findChildren(QAbstractButton):
        texts += [child.text(), child.toolTip()]
    for child in widget.findChildren(QLabel):
        texts += [child.text(), child.toolTip()]
    for child in widget.findChildren(QComboBox):
        texts += [child.itemText(i) for i in range(child.count())] + [child.toolTip()]
    for child in widget.findChildren(QTabWidget):
        texts += [child.tabText(i) for i in range(child.count())]
    return texts


def plot_texts(plot: pg.PlotItem) -> list[str]:
    texts = [i.toPlainText() for i in plot.items if isinstance(i, pg.TextItem)]
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        texts.append(axis.label.toPlainText().strip())
        for _, values in axis.tickValues(*axis.range, 400):
            texts += axis.tickStrings(values, 1.0, 1.0)
    return texts


@pytest.fixture
def french(qapp):
    from dkgis.ui.language import apply_language

    apply_language(qapp, "fr")
    yield
    apply_language(qapp, "en")


def test_a_french_chart_says_nothing_in_english(qtbot, french):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)
    win.resize(1366, 720)
    win.show()
    qtbot.waitExposed(win)
    project = win.project
    texts = [win.trajectory_dock.windowTitle(), win.cluster_dock.windowTitle()]
    panel = win.trajectory_panel
    for site in (ALUMINIUM, AM):
        win.project.selection.set({site})
        qtbot.waitUntil(lambda site=site: (panel.data and panel.data.facility_ids) == (site,))
        chart = panel.site_plot
        texts += plot_texts(chart.plot) + plot_texts(chart.lane) + chart.legend_labels()
        texts += [panel.notes.toPlainText(), panel.title.text()]
        texts += [chart.crosshair_text(year) or "" for year in (2015, 2022, 2030)]
        texts += widget_texts(panel) + [a.text() for a in panel.toolbar.export_menu.actions()]
    # Two sites: compared overlaid, then as small multiples.
    win.project.selection.set({ALUMINIUM, AM})
    compare = panel.compare_plot
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is compare)
    for mode in ("multiples", "overlay"):
        panel.compare_mode.setCurrentIndex(panel.compare_mode.findData(mode))
        for i, plot in enumerate(compare.visible_plots()):
            texts += [*plot_texts(plot), compare.title_of(i)]
        texts += widget_texts(panel)
    win.cluster_dock.raise_()
    cluster = win.cluster_panel
    qtbot.waitUntil(lambda: cluster.data is not None)
    texts += plot_texts(cluster.sector_plot.plot) + plot_texts(cluster.waterfall_plot.plot)
    texts += [label for _, label, _ in cluster.sector_plot.legend_entries]
    texts += [cluster.gaps.toPlainText(), cluster.sector_plot.crosshair_text(2030) or ""]
    texts += widget_texts(cluster) + [a.text() for a in cluster.toolbar.export_menu.actions()]
    assert "Émissions vérifiées (SEQE-UE)" in texts
    assert "kt CO₂e par an" in texts and "Mt CO₂e par an" in texts
    assert any("neutralité carbone en 2050" in t for t in texts)
    assert english_words(texts, project) == {}
    # Numbers in French: a decimal comma, a narrow no-break space between thousands.
    assert "1,90\u00a0Mt" in cluster.gaps.toPlainText().replace(" ", "\u00a0")
