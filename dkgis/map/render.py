"""Render a snapshot spec into any QPainter device with the canvas's own items.

This is the single render path of the program: the screen canvas shows the
same ``MapLayers`` items that are painted here into an image (and, later, into
SVG and PDF devices). Nothing is ever grabbed from the screen. The offscreen
scene is a plain ``QGraphicsScene``: rendering needs no pyqtgraph, which keeps
``dkgis export`` quick to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from dkgis.map import style
from dkgis.map.decorations import DecorationOptions
from dkgis.map.scene import MapLayers
from dkgis.model.snapshot import fit_extent

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.snapshot import SnapshotSpec

#: The dpi at which pixel sizes of the style are defined.
BASE_DPI = 96.0


def map_transform(extent, width: float, height: float) -> QTransform:
    """The transform from map units (EPSG:3857, y up) to pixels (y down)."""
    xmin, ymin, xmax, ymax = extent
    sx = width / (xmax - xmin)
    sy = height / (ymax - ymin)
    return QTransform(sx, 0.0, 0.0, -sy, -xmin * sx, ymax * sy)


def render_to_painter(project: Project, spec: SnapshotSpec, painter: QPainter) -> None:
    """Paint the map described by ``spec`` with ``painter``.

    The painter's device must be at least ``spec.width`` x ``spec.height``
    pixels. Layers not listed in ``spec.layers`` are left out of this render
    only; the project is not changed.
    """
    spec.validate()
    width, height = spec.width, spec.height
    extent = fit_extent(spec.extent, width, height)
    scene = QGraphicsScene(0, 0, width, height)
    content = QGraphicsRectItem()  # an empty item that only carries the map transform
    content.setPen(QColor(0, 0, 0, 0))
    content.setTransform(map_transform(extent, width, height))
    scene.addItem(content)
    options = DecorationOptions(
        title=spec.title,
        subtitle=spec.subtitle,
        legend=spec.legend,
        scale_bar=spec.scale_bar,
        north_arrow=spec.north_arrow,
        attribution=spec.attribution,
    )
    layers = MapLayers(project, content, options)
    scene.addItem(layers.decorations)
    try:
        if spec.layers is not None:
            layers.set_drawn_layers(spec.layers)
        if spec.year is not None:
            layers.set_year(spec.year)
        layers.set_render_scale(spec.dpi / BASE_DPI)
        layers.set_view(extent, width, height)
        painter.save()
        painter.fillRect(QRectF(0, 0, width, height), QColor(style.SEA))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        scene.render(painter, QRectF(0, 0, width, height), QRectF(0, 0, width, height))
        painter.restore()
    finally:
        layers.disconnect()


def render_image(project: Project, spec: SnapshotSpec) -> QImage:
    """Render ``spec`` into a new ARGB image of ``spec.width`` x ``spec.height``."""
    spec.validate()
    image = QImage(spec.width, spec.height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise MemoryError(f"cannot allocate a {spec.width} x {spec.height} image")
    dots_per_metre = round(spec.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor(style.SEA))
    painter = QPainter(image)
    try:
        render_to_painter(project, spec, painter)
    finally:
        painter.end()
    return image
