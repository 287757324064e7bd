"""Names on the screen's map stay clear of the decorations drawn over it (size legend,
scale bar, credits), as in exports: on a 1366 x 768 laptop, in French, at first start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF

from dkgis.ui.app import open_main_window
from dkgis.ui.language import apply_language
from dkgis.ui.main_window import MainWindow


@pytest.fixture
def laptop(qapp, qtbot, monkeypatch):
    apply_language(qapp, "fr")
    monkeypatch.setattr(MainWindow, "_available", lambda self: QRect(0, 0, 1366, 728))
    win = open_main_window()  # fresh settings: as at the first start
    qtbot.addWidget(win)
    win.showNormal()
    qtbot.waitExposed(win)
    win.resize(1366, 728)  # the offscreen screen may be smaller than the laptop's
    yield win
    win.mark_saved()
    apply_language(qapp, "en")


def test_names_on_the_screen_map_stay_clear_of_the_decorations(qtbot, laptop):
    canvas = laptop.canvas
    layers = canvas.layers
    qtbot.waitUntil(lambda: canvas.viewbox.width() > 500)
    qtbot.waitUntil(lambda: layers.decorations.layout().legend_box is not None)
    laptop.grab()  # a paint places the names
    to_viewport = canvas.viewportTransform()
    boxes = [
        layers.decorations.deviceTransform(to_viewport).mapRect(box)
        for box in layers.decorations.layout().boxes()
    ]
    legend = layers.decorations.deviceTransform(to_viewport).mapRect(
        layers.decorations.layout().legend_box
    )
    names = layers.labels.placed
    places = [name for name in names if name.kind == "place"]
    assert len(places) >= 3  # the main towns are named: the test means something
    assert legend.width() > 100
    for name in names:
        x0, y0, x1, y1 = name.rect
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        for box in boxes:
            assert not rect.intersects(box), (name.text, box)


def test_a_repaint_keeps_the_names_placed_and_a_new_year_places_them_again(
    qtbot, laptop, monkeypatch
):
    """A paint caused by another item (a big layer's picture arriving) does not place the
    names again (it kept the window waiting tens of milliseconds each time); a paint after
    a change of what is shown does."""
    from dkgis.map.labels_item import MapLabelsItem

    canvas = laptop.canvas
    labels = canvas.layers.labels
    qtbot.waitUntil(lambda: canvas.viewbox.width() > 500)
    laptop.grab()
    placings = []
    place = MapLabelsItem._place_facility_names

    def counted(self, *args, **kwargs):
        placings.append(1)
        return place(self, *args, **kwargs)

    monkeypatch.setattr(MapLabelsItem, "_place_facility_names", counted)
    before = list(labels.placed)
    assert before  # names are drawn: the test means something
    canvas.viewport().repaint()
    assert placings == []
    assert labels.placed == before
    slider = laptop.year_slider.slider
    year = slider.value()
    slider.setValue(year - 1 if year > slider.minimum() else year + 1)  # the user's move
    qtbot.waitUntil(lambda: canvas.layers.frame.year != year)
    canvas.viewport().repaint()
    assert placings
