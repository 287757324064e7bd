"""The basemap's layers (land, communes, coast, networks) drawn fast, looking the same.

A dashed pen strokes a path by building and filling the outline of every dash: the
networks' dashes are drawn instead as plain segments computed with numpy; fills whose
edge lies under an outline are not antialiased. Both must give the picture the painter
gives for the path.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage, QPainter

from dkgis.io.geometry_column import GeometryColumn
from dkgis.map.items import PathLayerItem
from dkgis.map.paths import dash_segments
from dkgis.map.render import map_transform
from dkgis.model.frame import frame_of
from dkgis.model.project import Project


def test_dashes_follow_the_pattern_along_each_line_and_around_its_corners():
    lines = [
        shapely.LineString([(0, 0), (10, 0), (10, 7)]),  # 17 long, a corner at 10
        shapely.LineString([(100, 0), (100, 2)]),  # shorter than one dash
        shapely.LineString([(200, 0), (200, 0), (204, 0)]),  # a repeated vertex
    ]
    parts = GeometryColumn.from_shapely(lines).lines
    dashes = dash_segments(parts.coords, parts.ring_offsets, 3.0, 2.0)
    ink = np.hypot(*(dashes[:, 1] - dashes[:, 0]).T)
    # First line: dashes at 0-3, 5-8, 10-13 (across the corner: 10-10 is empty, so
    # one piece after it), 15-17 (cut at the end).
    first = dashes[(dashes[:, :, 0] < 50).all(axis=1)]
    assert first.tolist() == [
        [[0, 0], [3, 0]],
        [[5, 0], [8, 0]],
        [[10, 0], [10, 3]],
        [[10, 5], [10, 7]],
    ]
    # The pattern starts anew on each line.
    assert dashes[(dashes[:, :, 0] == 100).all(axis=1)].tolist() == [[[100, 0], [100, 2]]]
    assert dashes[(dashes[:, :, 0] >= 200).all(axis=1)].tolist() == [[[200, 0], [203, 0]]]
    assert (ink > 0).all()


def test_a_dash_across_a_corner_is_cut_in_two():
    parts = GeometryColumn.from_shapely([shapely.LineString([(0, 0), (4, 0), (4, 4)])]).lines
    dashes = dash_segments(parts.coords, parts.ring_offsets, 6.0, 1.0)
    # 0-6 (4 before the corner, 2 after), then 7-8.
    assert dashes.tolist() == [[[0, 0], [4, 0]], [[4, 0], [4, 2]], [[4, 3], [4, 4]]]


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)


@pytest.mark.parametrize("kind", ["infrastructure", "communes", "land"])
@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_basemap_layers_look_as_the_painters_strokes_and_fills(qapp, kind, dpr):
    """Drawn fast (dashes as segments, fills under outlines without antialiasing), the
    gas and hydrogen networks, the communes and the land give the picture of the
    painter's dashed strokes and antialiased fills, on a plain and a high-dpi screen."""
    project = Project.load()
    layer = next(layer for layer in project.layers if layer.kind == kind)
    item = PathLayerItem(layer, project, frame_of(project))
    extent = project.cluster_extent()
    width, height = 900, 500

    def picture(opacity: float) -> np.ndarray:
        image = QImage(
            round(width * dpr), round(height * dpr), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(dpr)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setOpacity(opacity)
        painter.setTransform(map_transform(extent, width, height))
        item.paint(painter)
        painter.end()
        return _pixels(image)

    fast = picture(1.0)
    # A painter that lets the map show through (a translucent layer) gets the painter's
    # own strokes and fills: 0.999 of them are the reference.
    reference = picture(0.999)
    diff = np.abs(fast - reference).max(axis=2)
    drawn = (reference[..., :3] < 250).any(axis=2)
    assert drawn.mean() > 0.002
    assert diff.mean() < 0.2
    # Dashes along a line may drift by a pixel from the painter's, nothing more.
    assert (diff > 48).mean() < 0.002
