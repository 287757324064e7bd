"""Render a snapshot spec into any QPainter device with the canvas's own items.

This is the single render path of the program: the screen canvas shows the
same ``MapLayers`` items that are painted here into an image (PNG, clipboard,
preview), an SVG generator or a PDF writer. Nothing is ever grabbed from the
screen. The offscreen scene is a plain ``QGraphicsScene``: rendering needs no
pyqtgraph, which keeps ``dkgis export`` quick to start.

Vector outputs (SVG, PDF) render with ``vector=True``: point symbols are painted
as shapes instead of pre-rendered sprites and labels stay text, so nothing of
the map is embedded as a picture. The same spec always gives the same picture.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from dkgis.map import style
from dkgis.map.decorations import DecorationOptions
from dkgis.map.page import (
    ChartPainter,
    PageLayout,
    page_layout,
    paint_chart_panel,
    paint_footer,
    paint_header,
)
from dkgis.map.scene import MapLayers
from dkgis.model.snapshot import fit_extent
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.snapshot import SnapshotSpec

__all__ = [
    "BASE_DPI",
    "ChartPainter",
    "map_transform",
    "render_image",
    "render_pdf",
    "render_svg",
    "render_to_painter",
]

#: The dpi at which pixel sizes of the style are defined.
BASE_DPI = 96.0


def map_transform(extent, width: float, height: float) -> QTransform:
    """The transform from map units (EPSG:3857, y up) to pixels (y down)."""
    xmin, ymin, xmax, ymax = extent
    sx = width / (xmax - xmin)
    sy = height / (ymax - ymin)
    return QTransform(sx, 0.0, 0.0, -sy, -xmin * sx, ymax * sy)


def render_to_painter(
    project: Project,
    spec: SnapshotSpec,
    painter: QPainter,
    *,
    vector: bool = False,
    chart: ChartPainter | None = None,
) -> PageLayout:
    """Paint the page described by ``spec`` with ``painter``.

    Parameters
    ----------
    project
        The project drawn; it is not changed: what is drawn is ``spec.frame`` (its
        layers, year, scenario, sectors and selection).
    spec
        What to draw. The painter's device must be at least ``spec.width`` x
        ``spec.height`` pixels.
    painter
        An active painter on an image, an SVG generator or a PDF writer.
    vector
        Paint symbols as shapes and labels as text, never as pictures (SVG, PDF).
    chart
        Paints the chart of the map + chart layout (see :data:`ChartPainter`).

    Returns
    -------
    PageLayout
        Where the map, chart, title band and footer went.
    """
    spec.validate()
    credits: list[str] = []
    shown = spec.decorations
    if shown.attribution and (spec.date is not None or spec.sources):
        # A footer: the credits go there, under the map, rather than over it.
        credits = list(reversed(project.attributions(spec.frame.layers)))
    layout = page_layout(spec, credits)
    target = layout.map
    width, height = int(target.width()), int(target.height())
    scene = QGraphicsScene(0, 0, width, height)
    content = QGraphicsRectItem()  # an empty item that only carries the map transform
    content.setPen(QColor(0, 0, 0, 0))
    # Not even an empty rectangle: PDF readers complain of an empty path.
    content.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
    scene.addItem(content)
    legend_on_map = layout.chart is None
    options = DecorationOptions(
        shown=replace(shown, attribution=shown.attribution and not credits),
        title=spec.title if layout.title_on_map else None,
        subtitle=spec.subtitle if layout.title_on_map else None,
        legend_on_map=legend_on_map,
    )
    layers = MapLayers(project, content, options, spec.frame)
    scene.addItem(layers.decorations)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if vector:
            layers.set_vector(True)
        layers.set_render_scale(spec.render_scale)
        extent = _frame(project, spec, layers, width, height)
        content.setTransform(map_transform(extent, width, height))
        painter.save()
        painter.fillRect(target, QColor(style.SEA))
        scene.render(painter, target, QRectF(0, 0, width, height))
        painter.restore()
        if layout.header is not None:
            paint_header(painter, spec, layout.header)
        if layout.chart is not None:
            decorations = layers.decorations if shown.legend else None
            paint_chart_panel(painter, spec, layout.chart, chart, decorations)
        paint_footer(painter, spec, layout)
    finally:
        painter.restore()
        layers.disconnect()
    return layout


def _frame(project: Project, spec: SnapshotSpec, layers: MapLayers, width: int, height: int):
    """The extent drawn: the spec's, fitted to the map, and moved out from under the
    legend when the legend would hide facilities."""
    extent = fit_extent(spec.frame.extent, width, height)
    layers.set_view(extent, width, height)
    box = layers.decorations.legend_rect()
    if box is None or not _hides_facilities(project, layers, extent, width, height, box):
        return extent
    free = box.left() - style.MARGIN * spec.render_scale / 2
    if free < width * 0.4:
        return extent  # a legend that large cannot be avoided
    # The extent asked for fits left of the legend; the map goes on under it.
    fitted = fit_extent(spec.frame.extent, free, height)
    upp = (fitted[2] - fitted[0]) / free
    extent = (fitted[0], fitted[1], fitted[0] + width * upp, fitted[3])
    layers.set_view(extent, width, height)
    return extent


def _hides_facilities(
    project: Project, layers: MapLayers, extent, width: int, height: int, box: QRectF
) -> bool:
    """Whether a drawn facility symbol of ``extent`` falls under the legend ``box``."""
    if not (layers.frame.shows("facilities") or layers.frame.shows("emissions")):
        return False
    _, xy = project.facility_mercator_xy()
    if not len(xy):
        return False
    xmin, ymin, xmax, ymax = extent
    px = (xy[:, 0] - xmin) / (xmax - xmin) * width
    py = (ymax - xy[:, 1]) / (ymax - ymin) * height
    r = style.FACILITY_RADIUS * layers.render_scale
    with np.errstate(invalid="ignore"):
        under = (
            (px + r >= box.left())
            & (px - r <= box.right())
            & (py + r >= box.top())
            & (py - r <= box.bottom())
        )
    return bool(under.any())


def render_image(
    project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None
) -> QImage:
    """Render ``spec`` into a new ARGB image of ``spec.width`` x ``spec.height``.

    Raises
    ------
    ValueError
        For a spec that cannot be rendered (size, dpi, extent...).
    MemoryError
        When the image cannot be allocated.
    """
    spec.validate()
    image = QImage(spec.width, spec.height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise MemoryError(f"cannot allocate a {spec.width} x {spec.height} image")
    dots_per_metre = round(spec.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        render_to_painter(project, spec, painter, chart=chart)
    finally:
        painter.end()
    return image


def render_svg(project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None) -> bytes:
    """Render ``spec`` as an SVG document (shapes and text, no embedded pictures)."""
    from PySide6.QtSvg import QSvgGenerator

    spec.validate()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(spec.width, spec.height))
    generator.setViewBox(QRectF(0, 0, spec.width, spec.height))
    generator.setResolution(max(1, round(spec.dpi)))
    generator.setTitle(xml_safe_text(spec.title or "dkgis map"))
    generator.setDescription(xml_safe_text(" · ".join(spec.sources) or (spec.subtitle or "")))
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, spec.width, spec.height), QColor("#ffffff"))
        render_to_painter(project, spec, painter, vector=True, chart=chart)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def render_pdf(project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None) -> bytes:
    """Render ``spec`` as a one-page PDF of the spec's physical size (vector, text as text)."""
    spec.validate()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    dpi = max(1, round(spec.dpi))
    # The device's pixel grid is the spec's: round the dpi, keep the pixel size.
    if dpi != spec.dpi:
        spec = replace(spec, dpi=dpi)
    writer.setResolution(dpi)
    points = QSizeF(spec.width / dpi * 72.0, spec.height / dpi * 72.0)
    page = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(xml_safe_text(spec.title or "dkgis map"))
    writer.setCreator("dkgis")
    painter = QPainter(writer)
    try:
        render_to_painter(project, spec, painter, vector=True, chart=chart)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
