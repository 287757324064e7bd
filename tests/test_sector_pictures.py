"""A sector layer of very many sites redraws off the window's thread; the real one does not.

The synthetic projects are those of ``bench/render.py``: random sites over the cluster's
area, on the real map canvas.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsItem

from dkgis.map import facility_item
from dkgis.map.layer_picture import render_pool

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 900, 600


def synthetic(n: int):
    """The project of ``n`` random sites of the render benchmark, and its whole extent."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import render
    finally:
        sys.path.remove(str(ROOT / "bench"))
    project = render.synthetic_project(n)
    x0, y0 = render._mercator(render.LON[0], render.LAT[0])
    x1, y1 = render._mercator(render.LON[1], render.LAT[1])
    return project, (x0, y0, x1, y1)


@pytest.fixture
def big():
    """200 000 sites: a full redraw takes tens of milliseconds (a project per test: a
    canvas stays connected to its project)."""
    return synthetic(200_000)


def open_canvas(qtbot, project, extent=None):
    from dkgis.map.canvas import MapCanvas
    from dkgis.map.screen_frame import ScreenFrame

    screen = ScreenFrame(project)
    canvas = MapCanvas(project, screen)
    screen.setParent(canvas)
    qtbot.addWidget(canvas)
    canvas.resize(WIDTH, HEIGHT)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_extent(extent or project.view.extent)
    qtbot.wait(20)  # the view applies its range
    return canvas


def settle(qtbot, canvas) -> None:
    """Paint, let a render in flight finish, and paint its picture."""
    canvas.screen_frame.flush()
    canvas.viewport().repaint()
    pictures = canvas.layers.facility_item.pictures
    assert pictures.wait(60)
    qtbot.wait(10)
    canvas.viewport().repaint()


def pixels(canvas) -> np.ndarray:
    image = canvas.grab().toImage()
    ptr = image.constBits()
    rows = np.frombuffer(ptr, np.uint8, image.sizeInBytes()).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].copy()


class Spy:
    """Records each call of ``draw_symbols``: its thread, when, and whether it finished."""

    def __init__(self, monkeypatch) -> None:
        self.calls: list[tuple[bool, float, float, bool]] = []
        original = facility_item.draw_symbols

        def spy(*args, **kwargs):
            start = time.perf_counter()
            finished = original(*args, **kwargs)
            main = threading.current_thread() is threading.main_thread()
            self.calls.append((main, start, time.perf_counter(), finished))
            return finished

        monkeypatch.setattr(facility_item, "draw_symbols", spy)

    @property
    def in_workers(self) -> list[tuple[bool, float, float, bool]]:
        return [call for call in self.calls if not call[0]]


def views(qtbot, canvas):
    """The pixels of the whole view, then of a view zoomed x2 on a part of it."""
    settle(qtbot, canvas)
    whole = pixels(canvas)
    canvas.zoom_by(0.5)
    qtbot.wait(20)
    settle(qtbot, canvas)
    return whole, pixels(canvas)


@pytest.mark.parametrize("dataset", ["real", "synthetic"])
def test_the_picture_of_the_symbols_has_the_pixels_of_the_direct_drawing(
    qtbot, monkeypatch, dataset
):
    """Sites spread around a shared point (leader lines, true-point dots), selection rings,
    bands of thousands of symbols: a picture rendered in a worker shows the same pixels.

    The same up to rounding: the soft edges of the symbols are blended into a transparent
    picture, then over the map, instead of over the map at once, which may make one or
    two levels (of 255) of difference; a symbol out of place would make hundreds."""
    from dkgis.data import DEFAULT_DATASET
    from dkgis.model.project import Project

    def project_and_extent():
        if dataset == "real":
            project = Project.load(DEFAULT_DATASET)
            project.layers.get("facilities").visible = True
            project.selection.set(list(project.facilities)[:5])
            return project, None
        project, extent = synthetic(12_000)
        project.selection.set(["F1", "F2", "F3"])
        return project, extent

    project, extent = project_and_extent()
    direct = open_canvas(qtbot, project, extent)
    item = direct.layers.facility_item
    assert item.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    if dataset == "real":
        assert len(item.spread_points()[0]) > 0  # the real sites do share points
    expected = views(qtbot, direct)
    assert item.pictures.renders == 0  # drawn directly
    direct.close()

    spy = Spy(monkeypatch)
    monkeypatch.setattr(facility_item, "PICTURE_MIN_FACILITIES", 1)
    monkeypatch.setattr(facility_item, "SYNC_SYMBOLS", 0)  # every render in a worker
    project, extent = project_and_extent()
    canvas = open_canvas(qtbot, project, extent)
    item = canvas.layers.facility_item
    assert item.cacheMode() == QGraphicsItem.CacheMode.NoCache
    shown = views(qtbot, canvas)
    assert item.pictures.background_renders == 2
    assert spy.in_workers and all(finished for *_, finished in spy.in_workers)
    for name, want, got in zip(("whole view", "zoomed"), expected, shown, strict=True):
        gap = np.abs(want.astype(int) - got.astype(int)).reshape(HEIGHT, WIDTH, 4).max(axis=2)
        assert gap.max() <= 2, f"{name}: {np.count_nonzero(gap > 2)} pixels differ"
    assert want.reshape(HEIGHT, WIDTH, 4)[:, :, :3].std() > 10  # not a blank map


def test_a_big_redraw_after_a_sector_filter_leaves_the_window_answering(
    qtbot, monkeypatch, big, qtlog
):
    """The render runs in a worker while the window's timer keeps ticking; the old picture
    stays on screen meanwhile; no pixmap warning from Qt's threads."""
    project, extent = big
    spy = Spy(monkeypatch)
    canvas = open_canvas(qtbot, project, extent)
    item = canvas.layers.facility_item
    settle(qtbot, canvas)
    before = item.pictures.picture
    assert before is not None and before.complete
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(5)
    renders = item.pictures.background_renders
    spy.calls.clear()

    project.display.hidden_sectors = {"steel"}
    canvas.screen_frame.flush()
    canvas.viewport().repaint()
    assert item.pictures.busy
    assert item.pictures.picture is before  # still shown, until the new one is ready
    qtbot.waitUntil(lambda: item.pictures.background_renders > renders, timeout=60_000)
    timer.stop()

    [(main, start, end, finished)] = spy.calls
    assert not main and finished
    during = [t for t in ticks if start < t < end]
    assert len(during) >= 2, (end - start, len(ticks))
    assert item.pictures.picture is not before
    assert not [r for r in qtlog.records if "pixmap" in r.message.lower()]


def test_a_view_change_cancels_the_render_in_flight(qtbot, monkeypatch, big):
    project, extent = big
    spy = Spy(monkeypatch)
    canvas = open_canvas(qtbot, project, extent)
    item = canvas.layers.facility_item
    settle(qtbot, canvas)
    scale = item.pictures.picture.view.sx
    spy.calls.clear()
    started, proceed = threading.Event(), threading.Event()
    original = facility_item.draw_symbols

    def announcing(*args, **kwargs):
        started.set()
        proceed.wait(10)  # the render goes on once the view has changed
        return original(*args, **kwargs)

    monkeypatch.setattr(facility_item, "draw_symbols", announcing)
    project.display.hidden_sectors = {"steel"}
    canvas.screen_frame.flush()
    canvas.viewport().repaint()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    cancelled = item.pictures.cancelled
    canvas.zoom_by(0.5)
    qtbot.wait(5)
    canvas.viewport().repaint()
    assert item.pictures.cancelled == cancelled + 1
    proceed.set()
    assert item.pictures.wait(60)
    assert [finished for *_, finished in spy.calls] == [False, True]  # the first one stopped
    picture = item.pictures.picture
    assert picture.complete and picture.view.sx == pytest.approx(2 * scale)


def test_the_real_sites_never_go_through_a_worker(qtbot, monkeypatch):
    from dkgis.data import DEFAULT_DATASET
    from dkgis.model.project import Project

    spy = Spy(monkeypatch)
    started = []
    monkeypatch.setattr(render_pool(), "start", lambda *args: started.append(args))
    project = Project.load(DEFAULT_DATASET)
    project.layers.get("facilities").visible = True
    canvas = open_canvas(qtbot, project)
    item = canvas.layers.facility_item
    canvas.viewport().repaint()
    project.display.hidden_sectors = {"steel"}
    canvas.screen_frame.flush()
    canvas.viewport().repaint()
    canvas.zoom_by(0.5)
    qtbot.wait(20)
    canvas.viewport().repaint()

    assert len(spy.calls) >= 3 and not spy.in_workers
    assert not started
    assert item.pictures.renders == 0 and item.pictures.picture is None
    assert item.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache


def test_names_are_placed_for_the_new_view_while_its_picture_renders(qtbot, monkeypatch):
    """The names follow the sites' positions, not the picture: placed for the new view at
    once, they do not move when its picture arrives."""
    from dkgis.data import DEFAULT_DATASET
    from dkgis.model.project import Project

    monkeypatch.setattr(facility_item, "PICTURE_MIN_FACILITIES", 1)
    monkeypatch.setattr(facility_item, "SYNC_SYMBOLS", 0)
    project = Project.load(DEFAULT_DATASET)
    project.layers.get("facilities").visible = True
    project.display.labels = True
    canvas = open_canvas(qtbot, project)
    item, labels = canvas.layers.facility_item, canvas.layers.labels
    settle(qtbot, canvas)
    proceed = threading.Event()
    original = facility_item.draw_symbols

    def held(*args, **kwargs):
        proceed.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(facility_item, "draw_symbols", held)
    before = list(labels.placed)
    canvas.zoom_by(0.5)
    qtbot.wait(20)
    canvas.viewport().repaint()
    assert item.pictures.busy  # the old picture, scaled, is on screen
    during = list(labels.placed)
    proceed.set()
    assert item.pictures.wait(60)
    qtbot.wait(10)
    canvas.viewport().repaint()
    facility_names = [name for name in during if name.kind == "facility"]
    assert facility_names and during != before
    assert labels.placed == during
