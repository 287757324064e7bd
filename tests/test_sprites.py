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


@pytest.mark.parametrize("dpr", [1.0, 2.0, 1.25, 1.5, 1.75, 1.1])
@pytest.mark.parametrize("clipped", [False, True])
def test_many_symbols_drawn_band_by_band_are_the_same_picture(sheet, monkeypatch, dpr, clipped):
    """Thousands of symbols are blitted one band of rows after another (the band stays in
    the processor's caches); a symbol across a band's edge is drawn in both, each time cut
    at the edge: the picture is the one drawn in a single pass, pixel for pixel, also on a
    high-dpi screen (Windows' 125 %, 150 %, 175 %... too: the bands' edges in the painter's
    coordinates fall between its pixels, on the device's), within a pan strip."""
    from PySide6.QtCore import QRect

    sheet, keys = sheet
    monkeypatch.setattr(sprites, "OCCLUSION_MIN_POINTS", 10**9)  # every symbol blitted
    hidpi = SpriteSheet(lambda key: symbols.facility_sprite(key, dpr))
    hidpi.ids(keys)
    rng = np.random.default_rng(3)
    n = 6000
    width, height = 400, 300
    x = rng.uniform(-10, width + 10, n)
    y = rng.uniform(-10, height + 10, n)
    ids = rng.integers(0, len(keys), n)
    blits = []
    original = sprites._draw_fragments

    def paint(band_min: int) -> np.ndarray:
        monkeypatch.setattr(sprites, "BAND_MIN_SPRITES", band_min)
        image = QImage(round(width * dpr), round(height * dpr), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(dpr)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        if clipped:
            painter.setClipRect(QRect(37, 21, 300, 211))
        calls = []
        monkeypatch.setattr(
            sprites, "_draw_fragments", lambda p, f, pm: (calls.append(len(f)), original(p, f, pm))
        )
        draw_sprites(painter, hidpi, x, y, ids)
        painter.end()
        blits.append(calls)
        return _pixels(image)

    single = paint(10**9)
    banded = paint(1000)
    assert len(blits[0]) == 1
    assert len(blits[1]) >= 3
    assert sum(blits[1]) > sum(blits[0])  # symbols across an edge drawn twice
    assert (single != 255).any()
    assert np.array_equal(single, banded)


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


def _pixels(image: QImage) -> np.ndarray:
    data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def test_a_strip_of_the_sector_layer_is_the_same_strip_of_the_whole_picture(qapp):
    """A pan draws only the strip coming into view (the painter clipped to it): symbols
    spread around a shared point, their leader lines and the selection rings there are the
    pixels of the whole picture, and nothing is drawn outside the strip."""
    import dataclasses

    from PySide6.QtCore import QRect

    from dkgis.map.facility_item import FacilityItem
    from dkgis.map.render import map_transform
    from dkgis.model.frame import frame_of
    from dkgis.model.project import Project
    from dkgis.symbology.facility_style import FacilityStyle

    project = Project.load()
    style = FacilityStyle.of(project)
    ids = list(project.facilities)
    shared = np.flatnonzero(style.groups >= 0)
    assert len(shared) >= 2  # the real dataset has sites sharing a point
    selected = frozenset([ids[shared[0]], ids[shared[-1]], ids[0]])
    frame = dataclasses.replace(frame_of(project), selected=selected)
    layer = project.layers.get("facilities")
    item = FacilityItem(layer, project, frame)
    xy = item.xy[np.isfinite(item.xy).all(axis=1)]
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    extent = (x0 - 300, y0 - 300, x1 + 300, y1 + 300)
    width, height = 900, 600

    def paint(strip: QRect | None) -> np.ndarray:
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        if strip is not None:
            painter.setClipRect(strip)
        painter.setTransform(map_transform(extent, width, height))
        item.paint(painter)
        painter.end()
        return _pixels(image)

    whole = paint(None)
    assert (whole[..., 3] > 0).mean() > 0.001
    for strip in (QRect(0, 0, 40, height), QRect(300, 0, 260, height), QRect(0, 250, width, 90)):
        part = paint(strip)
        inside = np.zeros((height, width), dtype=bool)
        inside[strip.top() : strip.bottom() + 1, strip.left() : strip.right() + 1] = True
        # (Antialiased lines cut by the clip may differ by a level of grey.)
        assert np.abs(part[inside].astype(int) - whole[inside]).max() <= 2
        assert not part[~inside].any()
