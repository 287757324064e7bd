"""The canvas item of layers added from the user's own files (kind ``"user"``).

Polygons are filled with the layer colour, lightly, and outlined; lines are
stroked; points are round markers with a white outline. All of it is drawn by
:func:`dkgis.map.user_render.draw_layer`, which looks only at the parts in view,
at the detail the zoom shows. Exports call it directly with their own painter. On
the screen (an item with a device cache, see :meth:`enable_device_cache`), the item
shows a picture of the view rendered off the GUI thread when there is much to
draw (:mod:`dkgis.map.layer_picture`): the window keeps answering while a big layer
draws, and the previous picture stays, scaled, until the new one is ready.
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from dkgis.i18n import _
from dkgis.map.items import ITEM_TYPES, LayerItem
from dkgis.map.layer_picture import whole_view
from dkgis.map.user_render import (
    MARKER_OUTLINE,
    MARKER_OUTLINE_WIDTH,
    DeviceView,
    draw_layer,
    estimated_vertices,
    layer_reach,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project
    from dkgis.model.user_layer import UserLayer, UserStyle


class UserLayerItem(LayerItem):
    """Points, lines and polygons of a user layer, in the layer's style."""

    kinds = ("user",)
    uses_pictures = True

    def __init__(self, layer: UserLayer, project: Project, frame: MapFrame) -> None:
        super().__init__(layer, project, frame)
        self._set_geometry()
        layer.events.style.connect(self._on_style)
        layer.events.data.connect(self._on_data)

    def _set_geometry(self) -> None:
        layer = self.layer
        self.geometry = layer.map_geometry()
        xmin, ymin, xmax, ymax = layer.bounds_mercator()
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            xmin = ymin = xmax = ymax = 0.0
        self._data_bounds = QRectF(xmin, ymin, max(xmax - xmin, 1.0), max(ymax - ymin, 1.0))

    def disconnect_model(self) -> None:
        super().disconnect_model()
        self.layer.events.style.disconnect(self._on_style)
        self.layer.events.data.disconnect(self._on_data)
        if self.pictures is not None:
            self.pictures.cancel()

    def _on_data(self) -> None:
        """Other features (a database layer read for the new view): draw them."""
        self.prepareGeometryChange()
        self._set_geometry()
        if self.pictures is not None:
            self.pictures.cancel()
        self.update()
        scene = self.scene()
        if scene is not None:
            scene.update()  # the legend's swatch follows the kinds of geometry

    def _on_style(self, style: UserStyle) -> None:
        self.prepareGeometryChange()  # the symbol size pads the bounding box
        self.update()
        scene = self.scene()
        if scene is not None:
            scene.update()  # the legend shows the style too

    def boundingRect(self) -> QRectF:
        pad = layer_reach(self.layer.style, self.render_scale) * self.units_per_pixel
        return self._data_bounds.adjusted(-pad, -pad, pad, pad)

    def paint(self, painter: QPainter, *args) -> None:
        painter.save()
        try:
            view = DeviceView.of_painter(painter)
            if view is None:
                return
            if self.pictures is not None and not self.vector:
                self._paint_picture(painter, view)
            else:
                draw_layer(
                    painter,
                    self.geometry,
                    self.layer.style,
                    view,
                    scale=self.render_scale,
                    vector=self.vector,
                )
        finally:
            painter.restore()

    def _paint_picture(self, painter: QPainter, view: DeviceView) -> None:
        device = painter.device()
        dpr = max(float(device.devicePixelRatioF()), 1.0)
        view = whole_view(view, device)
        style, scale, geometry = self.layer.style, self.render_scale * dpr, self.geometry

        def draw(target_painter, target, cancelled) -> bool:
            return draw_layer(
                target_painter, geometry, style, target, scale=scale, cancelled=cancelled
            )

        def estimate(target: DeviceView) -> int:
            return estimated_vertices(geometry, target, style)

        self.pictures.paint(painter, view, (style, scale), dpr, draw, estimate)


ITEM_TYPES.update(dict.fromkeys(UserLayerItem.kinds, UserLayerItem))


def draw_swatch(painter: QPainter, centre: QPointF, layer: UserLayer, scale: float) -> None:
    """Draw the legend symbol of a user layer centred on ``centre`` (pixels)."""
    style = layer.style
    counts = layer.geometry_counts()
    colour = QColor(style.colour)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if counts["polygons"]:
        fill = QColor(colour)
        fill.setAlphaF(style.fill_alpha)
        pen = QPen(colour)
        pen.setWidthF(min(style.line_width, 3.0) * scale)
        painter.setPen(pen)
        painter.setBrush(fill)
        half = 6 * scale
        painter.drawRect(QRectF(centre.x() - half, centre.y() - half * 0.75, 2 * half, 1.5 * half))
    elif counts["lines"]:
        pen = QPen(colour)
        pen.setWidthF(min(style.line_width, 4.0) * scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        half = 7 * scale
        painter.drawLine(
            QPointF(centre.x() - half, centre.y()), QPointF(centre.x() + half, centre.y())
        )
    if counts["points"] or not (counts["polygons"] or counts["lines"]):
        radius = min(style.point_size, 11.0) / 2 * scale
        pen = QPen(QColor(MARKER_OUTLINE))
        pen.setWidthF(MARKER_OUTLINE_WIDTH * scale)
        painter.setPen(pen)
        painter.setBrush(colour)
        painter.drawEllipse(centre, radius, radius)


def legend_sections(
    project: Project, frame: MapFrame, scale: float
) -> list[tuple[str, list[tuple[str, Callable]]]]:
    """The legend section of the user layers drawn in ``frame``, top layer first (none if
    there are none).

    Used by :class:`dkgis.map.decorations.DecorationsItem`; swatches are called
    with ``(painter, centre)``.
    """
    rows = [
        (_short(layer.title), partial(_swatch, layer=layer, scale=scale))
        for layer in reversed(list(project.layers))
        if layer.kind == "user" and frame.shows(layer.name)
    ]
    if not rows:
        return []
    return [(_("Added layers"), rows)]


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _swatch(painter: QPainter, centre: QPointF, *, layer: UserLayer, scale: float) -> None:
    draw_swatch(painter, centre, layer, scale)
