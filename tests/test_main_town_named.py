"""The cluster's main town is named on the map of the first start, on the common office
laptop's screen (1366 x 768) and on a full HD one, in French: clear of the size legend and
of every facility symbol, even where the symbols of the port cover its commune's inside."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect, QRectF

from dkgis.ui.app import open_main_window
from dkgis.ui.language import apply_language
from dkgis.ui.main_window import MainWindow

#: The task bar of an office screen takes this many pixels off its height.
TASK_BAR = 40


@pytest.fixture(params=[(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def first_start(request, qapp, qtbot, monkeypatch):
    width, height = request.param
    apply_language(qapp, "fr")
    available = QRect(0, 0, width, height - TASK_BAR)
    monkeypatch.setattr(MainWindow, "_available", lambda self: available)
    win = open_main_window()  # fresh settings: as at the first start
    qtbot.addWidget(win)
    win.showNormal()
    qtbot.waitExposed(win)
    win.resize(available.size())  # the offscreen screen may be smaller than the real one
    yield win
    win.mark_saved()
    apply_language(qapp, "en")


def symbol_boxes(win) -> list[QRectF]:
    """The squares around every facility symbol and emission circle drawn on the map, in
    the pixels the names are placed in."""
    layers = win.canvas.layers
    to_device = layers.labels.deviceTransform(win.canvas.viewportTransform())
    boxes = []
    facility_item = layers.facility_item
    radius = facility_item.radius
    for x, y in facility_item.display_xy():
        if np.isfinite(x) and np.isfinite(y):
            c = to_device.map(QPointF(x, y))
            boxes.append(QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius))
    _, xy = win.project.facility_mercator_xy()
    circles = layers.emission_item.drawn_radii() * layers.render_scale
    for (x, y), r in zip(xy, circles, strict=True):
        if np.isfinite(r) and r > 0:
            c = to_device.map(QPointF(x, y))
            boxes.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    return boxes


def test_dunkerque_is_named_clear_of_the_legend_and_the_symbols(qtbot, first_start):
    win = first_start
    canvas = win.canvas
    layers = canvas.layers
    qtbot.waitUntil(lambda: canvas.viewbox.width() > 500)
    qtbot.waitUntil(lambda: layers.decorations.layout().legend_box is not None)
    win.grab()  # a paint places the names
    legend = layers.decorations.deviceTransform(canvas.viewportTransform()).mapRect(
        layers.decorations.layout().legend_box
    )
    assert legend.width() > 100  # the size legend is over the map: the test means something
    places = {name.key: name for name in layers.labels.placed if name.kind == "place"}
    assert "Dunkerque" in places, sorted(places)
    x0, y0, x1, y1 = places["Dunkerque"].rect
    name = QRectF(x0, y0, x1 - x0, y1 - y0)
    assert QRectF(canvas.viewport().rect()).contains(name)
    assert not name.intersects(legend)
    boxes = symbol_boxes(win)
    assert len(boxes) > 50  # the cluster's symbols are drawn
    assert not any(name.intersects(box) for box in boxes)
