"""A big user layer draws off the GUI thread: the window keeps answering, and a view change
cancels the render that became useless (on the real main window)."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from dkgis.io.gpkg import TableData
from dkgis.model.user_layer import UserLayer, UserStyle
from tests.building_factory import building_polygons
from tests.event_loop_probe import EventLoopProbe

BUILDINGS = 60_000


@pytest.fixture(scope="module")
def buildings():
    return building_polygons(BUILDINGS, seed=5)


@pytest.fixture
def window(user_layers_window):
    return user_layers_window


def big_layer(buildings) -> UserLayer:
    table = TableData("batiments", {"n": list(range(len(buildings)))}, buildings)
    layer = UserLayer("user:batiments", "batiments", table, style=UserStyle())
    layer.prepare()  # as the loading worker does
    return layer


def test_the_window_keeps_answering_while_a_big_layer_draws(qtbot, window, buildings):
    layer = big_layer(buildings)
    window.user_layers.add_layer(layer)
    item = window.canvas.layers.items[layer.name]
    qtbot.waitUntil(item.isVisible)  # the screen's frame shows the new layer
    window.canvas.viewport().repaint()  # the first paint asks for the picture
    assert item.pictures.busy, "a view of 60 000 buildings is rendered in the background"
    # From here on the picture is made in the background (adding the layer and the first
    # paint are the window's own work).
    ticks = EventLoopProbe().start()
    start = time.perf_counter()
    qtbot.waitUntil(lambda: not item.pictures.busy, timeout=60_000)
    end = time.perf_counter()
    ticks.stop()
    during = ticks.between(start, end)
    assert item.pictures.background_renders == 1
    assert item.pictures.picture.complete
    # The event loop ran all along: its timer fired again and again, never waiting for
    # more than a fraction of the render.
    assert len(during) >= 3
    gaps = [b - a for a, b in itertools.pairwise([start, *during, end])]
    assert max(gaps) < (end - start) / 2
    # And the picture shows the buildings, in the layer's colour, on the screen.
    image = window.canvas.viewport().grab().toImage()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    magenta = (pixels[..., 2] > 200) & (pixels[..., 1] < 60) & (pixels[..., 0] > 90)
    assert magenta.sum() > 1000


def test_a_zoom_cancels_the_render_in_flight(qtbot, window, buildings):
    layer = big_layer(buildings)
    window.user_layers.add_layer(layer)
    item = window.canvas.layers.items[layer.name]
    canvas = window.canvas
    qtbot.waitUntil(item.isVisible)
    canvas.viewport().repaint()
    assert item.pictures.busy
    first_view = canvas.extent()
    canvas.zoom_by(0.5)  # the user zooms in before the picture is ready
    canvas.viewport().repaint()
    assert item.pictures.cancelled == 1
    qtbot.waitUntil(lambda: not item.pictures.busy, timeout=60_000)
    # The abandoned render never became the picture: the one shown is of the new view.
    assert canvas.extent() != first_view
    assert item.pictures.background_renders + item.pictures.renders >= 1
    picture = item.pictures.picture
    x0, y0, x1, y1 = picture.view.map_rect()
    vx0, vy0, vx1, vy1 = canvas.extent()
    assert x0 <= vx0 and y0 <= vy0 and x1 >= vx1 and y1 >= vy1
    assert (x1 - x0) < (first_view[2] - first_view[0])  # rendered at the new zoom


def test_a_restyle_keeps_the_old_picture_until_the_new_one_is_ready(qtbot, window, buildings):
    layer = big_layer(buildings)
    window.user_layers.add_layer(layer)
    item = window.canvas.layers.items[layer.name]
    qtbot.waitUntil(item.isVisible)
    window.canvas.viewport().repaint()
    qtbot.waitUntil(lambda: not item.pictures.busy, timeout=60_000)
    old = item.pictures.picture
    layer.style = layer.style.with_changes(colour="#0057B8")
    window.canvas.viewport().repaint()
    assert item.pictures.busy and item.pictures.picture is old  # shown meanwhile
    qtbot.waitUntil(lambda: not item.pictures.busy, timeout=60_000)
    assert item.pictures.picture is not old
    assert item.pictures.picture.key[0].colour == "#0057B8"
