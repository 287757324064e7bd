"""Names gathered in glyph runs draw the pixels that one drawText per copy draws."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from dkgis.map import style
from dkgis.map.glyph_runs import glyph_runs, laid_out

NAMES = ["Dunkerque", "Grande-Synthe", "Téteghem-Coudekerque-Village", "Œuvre Ærø façade", "Lé"]
HALO = [(1.3 * math.cos(k * math.pi / 6), 1.3 * math.sin(k * math.pi / 6)) for k in range(12)]


def picture(draw) -> np.ndarray:
    image = QImage(640, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#e8e4d8"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    draw(painter)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint8).copy()


@pytest.mark.parametrize("size, spacing", [(13, 100), (15, 104), (11, 104)])
def test_names_and_halos_in_glyph_runs_are_the_pixels_of_drawtext(qapp, size, spacing):
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(size)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
    rng = np.random.default_rng(size)
    points = [QPointF(float(x), float(y)) for x, y in rng.uniform((5, 20), (400, 190), (5, 2))]

    def one_call_per_copy(painter: QPainter) -> None:
        painter.setFont(font)
        painter.setPen(QColor(style.LABEL_HALO))
        for dx, dy in HALO:
            for point, text in zip(points, NAMES, strict=True):
                painter.drawText(point + QPointF(dx, dy), text)
        painter.setPen(QColor(style.PLACE_TEXT))
        for point, text in zip(points, NAMES, strict=True):
            painter.drawText(point, text)

    def runs(painter: QPainter) -> None:
        laid = [(point, laid_out(text, font)) for point, text in zip(points, NAMES, strict=True)]
        runs = glyph_runs(laid)
        for pen, offsets in ((style.LABEL_HALO, HALO), (style.PLACE_TEXT, [(0.0, 0.0)])):
            painter.setPen(QColor(pen))
            for dx, dy in offsets:
                for run in runs:
                    painter.drawGlyphRun(QPointF(dx, dy), run)

    expected = picture(one_call_per_copy)
    assert (expected != picture(lambda p: None)).any()
    assert np.array_equal(picture(runs), expected)
