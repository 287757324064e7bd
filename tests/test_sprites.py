"""The vectorized point drawing: pre-rendered sprites blitted in bulk."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from dkgis.map import sprites, symbols
from dkgis.map.emission_item import code_radius, radius_codes
from dkgis.map.sprites import SpriteSheet, draw_sprites, occlusion_mask


@pytest.fixture
def sheet(qapp):
    keys = [
        (colour, cls, approx)
        for colour in ("#332288", "#AA4499", "#DDCC77")
        for cls in ("operating", "planned", "ended")
        for approx in (False, True)
    ]
    sheet = SpriteSheet(lambda key: symbols.facility_sprite(key, 1.0))
    sheet.ids(keys)
    return sheet, keys


def render(sheet, x, y, ids, cull):
    image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    count = draw_sprites(painter, sheet, x, y, ids, cull=cull)
    painter.end()
    return image, count


def test_sprite_sheet_knows_each_symbol_core_and_reach(sheet):
    sheet, keys = sheet
    _ = sheet.pixmap
    assert len(sheet) == len(keys)
    assert sheet.id(keys[3]) == 3  # stable indices
    operating = sheet.id(("#332288", "operating", False))
    ended = sheet.id(("#332288", "ended", False))
    approx = sheet.id(("#332288", "operating", True))
    assert sheet.opaque[operating] >= 3  # a filled disk
    assert sheet.opaque[ended] == -1  # faded: covers nothing
    assert sheet.extent[approx] > sheet.extent[operating]  # the dashed halo reaches further
    assert sheet.rects[operating, 2] == symbols.facility_symbol_size(1.0, False)


def test_hidden_symbols_are_skipped_and_the_picture_is_unchanged(sheet, monkeypatch):
    sheet, keys = sheet
    rng = np.random.default_rng(7)
    n = 40_000  # ~ 40 symbols deep on 400 x 300 pixels
    x = rng.uniform(-10, 410, n)
    y = rng.uniform(-10, 310, n)
    ids = rng.integers(0, len(keys), n)
    full, drawn_all = render(sheet, x, y, ids, cull=False)
    monkeypatch.setattr(sprites, "OCCLUSION_MIN_POINTS", 1000)
    culled, drawn = render(sheet, x, y, ids, cull=True)
    assert drawn < drawn_all * 0.75
    assert full == culled  # pixel for pixel


def test_occlusion_keeps_points_that_show(sheet):
    sheet, _ = sheet
    opaque = sheet.id(("#332288", "operating", False))
    faded = sheet.id(("#332288", "ended", False))
    # Point 0, then a dense patch of opaque symbols drawn over it, then a point
    # under a faded symbol.
    gx, gy = np.meshgrid(np.arange(40, 61, 2), np.arange(40, 61, 2))
    px = np.concatenate([[50], gx.ravel(), [120, 120]])
    py = np.concatenate([[50], gy.ravel(), [80, 80]])
    ids = np.array([opaque] * (1 + gx.size) + [opaque, faded])
    keep = occlusion_mask(px, py, ids, sheet, (0, 0, 200, 200))
    assert not keep[0]  # buried under the patch
    assert keep[1 + gx.size - 1]  # the last of the patch shows
    assert keep[-2] and keep[-1]  # a faded symbol hides nothing


def test_points_outside_the_painted_area_are_not_blitted(sheet):
    sheet, _ = sheet
    x = np.array([-50.0, 200.0, 900.0, np.nan])
    y = np.array([100.0, 150.0, 100.0, 10.0])
    ids = np.zeros(4, dtype=int)
    _, drawn = render(sheet, x, y, ids, cull=False)
    assert drawn == 1


@pytest.mark.parametrize("radius", [0.4, 1.5, 3.3, 9.9, 15.9, 16.1, 30.2, 42.0, 80.7])
def test_circle_sizes_are_quantized_finely(radius):
    drawn = code_radius(int(radius_codes(np.array([radius]))[0]))
    assert abs(drawn - radius) <= 0.25 + 1e-9
    if radius > 2:
        assert abs(drawn**2 - radius**2) / radius**2 < 0.1  # area within 10 %


def test_a_mosaic_of_symbols_is_drawn_from_one_per_cell_and_looks_the_same(sheet, monkeypatch):
    """A million facilities in one view: the symbol drawn last in each cell stands for the
    symbols buried under it; the picture keeps its colours."""
    from dkgis.symbology.facility_style import drawing_order

    sheet, keys = sheet
    rng = np.random.default_rng(11)
    n = 120_000  # ~ 100 symbols deep on 400 x 300 pixels
    ids = rng.integers(0, len(keys), n)
    ids = ids[drawing_order(np.array([keys[i][1] for i in ids]))]  # as the map draws them
    x = rng.uniform(-10, 410, n)
    y = rng.uniform(-10, 310, n)
    full, drawn_all = render(sheet, x, y, ids, cull=False)
    monkeypatch.setattr(sprites, "OCCLUSION_MIN_POINTS", 1000)
    thinned, drawn = render(sheet, x, y, ids, cull=True)
    assert drawn < drawn_all / 10
    a = np.frombuffer(full.constBits(), np.uint8).reshape(300, 400, 4).astype(float)
    b = np.frombuffer(thinned.constBits(), np.uint8).reshape(300, 400, 4).astype(float)
    # The same picture to the eye: a level or two of difference on average.
    assert np.abs(a - b).mean() < 2
    assert np.abs(a.mean(axis=(0, 1)) - b.mean(axis=(0, 1))).max() < 2


def test_each_facility_gets_the_sprite_of_its_own_colour_status_and_location(qapp):
    """The distinct symbols are found with numpy (a million facilities have a dozen): each
    facility's key is the one a key per facility would give."""
    from dkgis.map.facility_item import _symbol_keys

    rng = np.random.default_rng(3)
    n = 5000
    colours = rng.choice(np.array(["#332288", "#AA4499", "#DDCC77"], dtype=object), n)
    classes = rng.choice(np.array(["operating", "planned", "ended"]), n)
    approximate = rng.random(n) < 0.3
    keys, index = _symbol_keys(colours, classes, approximate)
    assert len(keys) == len(set(keys)) == 18
    expected = [
        ("facility", c, k, bool(a)) for c, k, a in zip(colours, classes, approximate, strict=True)
    ]
    assert [keys[i] for i in index] == expected
    assert _symbol_keys(colours[:0], classes[:0], approximate[:0])[0] == []
