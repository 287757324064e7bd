"""Render a snapshot spec into any QPainter device with the canvas's own items.

This is the single render path of the program: the screen canvas shows the
same ``MapLayers`` items that are painted here into an image (and, later, into
SVG and PDF devices). Nothing is ever grabbed from the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from dkgis.map import style
from dkgis.map.decorations import DecorationOptions
from dkgis.map.scene import MapLayers, make_viewbox
from dkgis.model.snapshot import fit_extent

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.snapshot import SnapshotSpec

#: The dpi at which pixel sizes of the style are defined.
BASE_DPI = 96.0


def render_to_painter(project: Project, spec: SnapshotSpec, painter: QPainter) -> None:
    """Paint the map described by ``spec`` with ``painter``.

    The painter's device must be at least ``spec.width`` x ``spec.height``
    pixels. Layers not listed in ``spec.layers`` are hidden for the duration
    of the render only.
    """
    spec.validate()
    width, height = spec.width, spec.height
    scene = pg.GraphicsScene()
    viewbox = make_viewbox()
    scene.addItem(viewbox)
    viewbox.setGeometry(QRectF(0, 0, width, height))
    options = DecorationOptions(
        title=spec.title,
        subtitle=spec.subtitle,
        legend=spec.legend,
        scale_bar=spec.scale_bar,
        north_arrow=spec.north_arrow,
        attribution=spec.attribution,
    )
    layers = MapLayers(project, viewbox, options)
    try:
        if spec.layers is not None:
            wanted = set(spec.layers)
            for name, item in layers.items.items():
                item.setVisible(name in wanted)
        layers.set_render_scale(spec.dpi / BASE_DPI)
        xmin, ymin, xmax, ymax = fit_extent(spec.extent, width, height)
        viewbox.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)
        viewbox.updateMatrix()
        scene.prepareForPaint()
        painter.save()
        painter.fillRect(QRectF(0, 0, width, height), QColor(style.SEA))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        scene.render(painter, QRectF(0, 0, width, height), QRectF(0, 0, width, height))
        painter.restore()
    finally:
        layers.disconnect()
        scene.removeItem(viewbox)


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
