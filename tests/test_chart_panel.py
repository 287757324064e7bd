"""The compact chart of pages and slides: the dock's chart, drawn off screen at any scale."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from dkgis.charts import style as cs
from dkgis.charts.page import discard_view, view_image
from dkgis.charts.panel import draw_compact_site, site_chart_data, site_panel
from dkgis.model.project import Project

AM = "FR_956"


@pytest.fixture(scope="module")
def project():
    return Project.load()


def rgb(image: QImage) -> np.ndarray:
    """The picture as an (h, w, 3) array of red, green, blue."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def share_of(image: QImage, hex_colour: str) -> float:
    """The share of the picture's pixels of about that colour."""
    colour = QColor(hex_colour)
    target = np.array([colour.red(), colour.green(), colour.blue()])
    return float((np.abs(rgb(image) - target).max(axis=2) < 40).mean())


def test_compact_chart_draws_the_history_the_break_and_one_scenario(qtbot, project):
    late = project.scenarios.scenarios[1]
    data = site_chart_data(project, AM, late)
    view = draw_compact_site(project, data, 2030, 500, 340)
    try:
        assert view.compact and not view.lane.isVisible() and view.lane_texts == []
        assert [item.scenario for item in view.projections.items[: view.projections.used]] == [
            late.name
        ]
        labels = view.legend_labels()
        assert labels[0] == "EU ETS verified"
        assert f"projected ({late.name})" in labels
        assert not any(label.startswith(("IREP", "2024 reported")) for label in labels)
        texts = [item.toPlainText() for item in view.annot_text.items[: view.annot_text.used]]
        assert any(t.startswith("2013: change in where") for t in texts)
        assert view.year_line.isVisible() and view.year_line.value() == 2030
        assert view.legend_in_chart  # a page has no room beside the chart for a legend
    finally:
        discard_view(view)


def test_chart_lines_keep_their_thickness_at_any_scale(qtbot, project):
    """Cosmetic pens are as wide in device pixels whatever the scale: widened for a
    page drawn at 3 times the screen's resolution, lines keep their share of the picture."""
    data = site_chart_data(project, AM, project.scenarios.scenarios[0])
    view = draw_compact_site(project, data, None, 500, 320)
    try:
        at_1 = share_of(view_image(view, 1.0), cs.PROJECTED)
        at_3 = share_of(view_image(view, 3.0), cs.PROJECTED)
    finally:
        discard_view(view)
    assert at_1 > 0.001
    assert at_3 == pytest.approx(at_1, rel=0.4)


def test_a_page_of_another_resolution_draws_the_same_chart(qtbot, project):
    """A 144-dpi page (a 1920 x 1080 slide) gets the chart a 96-dpi picture gets: no part
    of it (pyqtgraph keeps axes as pictures) is scaled by the page's resolution."""
    panel = site_panel(project, AM, project.scenarios.scenarios[0], 2030)
    rect = QRectF(0, 0, 750, 510)

    def page(dpi: float) -> np.ndarray:
        image = QImage(750, 510, QImage.Format.Format_ARGB32)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        try:
            panel(painter, rect, 1.5)
        finally:
            painter.end()
        return rgb(image)

    screen, slide = page(96), page(144)
    differs = (np.abs(screen - slide).max(axis=2) > 60).mean()
    assert differs < 0.002, f"{differs:.2%} of the pixels differ"
