"""User layers draw the same pictures as the stored references (see tests/user_layer_reference.py).

The references were rendered before drawing was made faster (culling, level of detail,
batched paths); the pictures must stay the same within antialiasing noise.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.user_layer_reference import CASES, reference_path, reference_project, render_case

#: A pixel is "loud" when a channel differs by more than this many levels (of 255).
LOUD = 48
#: Per case, the largest share of loud pixels and the largest mean difference (levels,
#: over all channels and pixels). Sub-pixel buildings (whole extent) are where
#: antialiasing differs most; a pen 0.3 px thinner already exceeds every bound.
TOLERANCE = {"whole": (0.008, 0.6), "zoomed": (0.002, 0.15), "print": (0.0025, 0.3)}


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)


def difference(a: QImage, b: QImage) -> tuple[float, float]:
    """(share of pixels off by more than LOUD levels, mean difference in levels)."""
    pa, pb = pixels(a), pixels(b)
    assert pa.shape == pb.shape
    diff = np.abs(pa - pb)
    return float((diff.max(axis=2) > LOUD).mean()), float(diff.mean())


@pytest.fixture(scope="module")
def project(qapp):
    return reference_project()


@pytest.mark.parametrize("case", sorted(CASES))
def test_user_layers_draw_as_the_reference(project, case, tmp_path):
    image = render_case(project, case)
    reference = QImage(str(reference_path(case)))
    assert not reference.isNull()
    loud, mean = difference(image, reference)
    max_loud, max_mean = TOLERANCE[case]
    if loud > max_loud or mean > max_mean:
        image.save(str(tmp_path / f"{case}.png"))  # for a look at what changed
    assert loud <= max_loud, f"{loud:.2%} of the pixels differ (see {tmp_path})"
    assert mean <= max_mean


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_comparison_sees_a_thinner_outline(project, case):
    """The tolerance is tight enough to catch a change users would see."""
    layer = project.layers.get("user:batiments")
    reference = QImage(str(reference_path(case)))
    before = layer.style
    layer.style = before.with_changes(line_width=before.line_width - 0.3)
    try:
        loud, mean = difference(render_case(project, case), reference)
    finally:
        layer.style = before
    max_loud, max_mean = TOLERANCE[case]
    assert loud > max_loud or mean > max_mean


def segments_and_stroke(parts, colour: str, half_width: float, closed: bool):
    """The rings or lines of ``parts`` drawn as separate segments
    (:class:`dkgis.map.paths.RingOutlines`) and stroked as a path by the painter, with a
    pen ``2 * half_width`` wide, round joins and round caps: the two pictures."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainter, QPen

    from dkgis.map.paths import RingOutlines, ragged_path

    pen = QPen(QColor(colour))
    pen.setWidthF(2 * half_width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)

    def picture(segments: bool) -> QImage:
        image = QImage(240, 100, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if segments:
            outlines = RingOutlines(parts.coords, parts.ring_offsets, half_width, closed)
            outlines.draw(painter, pen, 0, len(parts.ring_offsets) - 1)
        else:
            painter.setPen(pen)
            painter.drawPath(ragged_path(parts.coords, parts.ring_offsets))
        painter.end()
        return image

    return picture(True), picture(False)


@pytest.mark.parametrize("half_width", [0.9, 1.8])
def test_outlines_drawn_as_segments_look_as_a_stroke(qapp, half_width):
    """Outlines drawn as separate segments (polygons, one with a hole, one concave, one
    thinner than the pen, a round one of many vertices) give the picture of a pen with
    round joins."""
    import shapely

    from dkgis.io.geometry_column import GeometryColumn

    shapes = [
        shapely.box(10, 10, 60, 40),
        shapely.Polygon([(80, 10), (140, 10), (140, 30), (100, 30), (100, 60), (80, 60)]),
        shapely.box(160, 10, 230, 60).difference(shapely.box(180, 25, 210, 45)),
        shapely.box(10, 80, 80, 81),
        shapely.Point(120, 80).buffer(12),
        shapely.Polygon([(150, 95), (200, 70), (230, 95)]),  # sharp corners
    ]
    parts = GeometryColumn.from_shapely(shapes).polygons
    drawn, stroke = segments_and_stroke(parts, "#E6007E", half_width, closed=True)
    loud, mean = difference(drawn, stroke)
    assert loud < 0.01 and mean < 0.5
    # Something was drawn: the outline of the first box is there.
    assert pixels(drawn)[10, 30, :3].tolist() != [255, 255, 255]


@pytest.mark.parametrize("half_width", [0.6, 0.9, 1.8])
def test_lines_drawn_as_segments_look_as_a_stroke(qapp, half_width):
    """Open lines drawn as separate segments (straight, a zigzag of sharp turns, a smooth
    curve, a single segment, one with a repeated vertex, one closed on itself) give the
    picture of a pen with round joins and round caps."""
    import shapely

    from dkgis.io.geometry_column import GeometryColumn

    t = np.linspace(0, np.pi, 40)
    lines = [
        shapely.LineString([(10, 10), (70, 10)]),
        shapely.LineString([(90, 10), (110, 40), (130, 10), (150, 40), (170, 12)]),
        shapely.LineString(np.column_stack([190 + 30 * np.cos(t), 40 - 25 * np.sin(t)])),
        shapely.LineString([(10, 60), (12, 63)]),
        shapely.LineString([(30, 60), (60, 60), (60, 60), (60, 90)]),
        shapely.LineString([(90, 60), (140, 60), (140, 90), (90, 90), (90, 60)]),
    ]
    parts = GeometryColumn.from_shapely(lines).lines
    drawn, stroke = segments_and_stroke(parts, "#0057B8", half_width, closed=False)
    loud, mean = difference(drawn, stroke)
    assert loud < 0.01 and mean < 0.5
    ink = 255 - pixels(drawn)[..., 0]
    assert ink[5:16, 40].sum() > 60  # the first line is there
    assert not ink[5:16, 6].any() and not ink[5:16, 75].any()  # its caps end as a pen's


def test_a_dot_has_the_area_of_its_ellipse():
    from dkgis.map.dots import Dots

    for a, b, angle in ((3.0, 1.5, 0.0), (3.0, 1.5, 0.7), (2.0, 2.0, 0.0), (5.0, 1.0, 1.2)):
        dots = Dots((0, 0, 40, 40), 5.0)
        dots.add(
            np.array([20.3]), np.array([20.6]), np.array([a]), np.array([b]), np.array([angle])
        )
        assert dots.coverage.sum() / 255 == pytest.approx(np.pi * a * b, rel=0.1)


def test_a_translucent_layer_shows_no_overlap_at_its_corners(qapp):
    """Segments overlap at corners: drawn through a translucent painter (a layer's
    opacity in an export), the outline would be darker there. It is even."""
    import shapely
    from PySide6.QtGui import QColor, QPainter

    from dkgis.io.gpkg import TableData
    from dkgis.map.user_render import DeviceView, draw_layer
    from dkgis.model.user_layer import UserLayer, UserStyle

    box = shapely.box(2.30, 51.00, 2.3004, 51.00025)  # about 30 x 30 m
    table = TableData("b", {"n": [0]}, np.array([box], dtype=object))
    layer = UserLayer("user:b", "b", table, style=UserStyle(line_width=4.0, fill_alpha=0.0))
    geometry = layer.map_geometry()
    x0, y0, x1, y1 = geometry.bounds()
    pad = (x1 - x0) * 0.5
    view = DeviceView.of_extent((x0 - pad, y0 - pad, x1 + pad, y1 + pad), 100, 100)
    image = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setOpacity(0.5)
    draw_layer(painter, geometry, layer.style, view)
    painter.end()
    green = pixels(image)[:, :, 1]
    edge = green[25, 50]  # the middle of the top side
    corner = green[25, 25]
    assert edge < 200  # the outline is drawn
    assert abs(int(corner) - int(edge)) <= 8
