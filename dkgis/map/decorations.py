"""Map decorations drawn in pixel space over the map: title, legend, scale bar,
north arrow and attribution.

The same item decorates the screen canvas and every export; sizes are pixels at
96 dpi multiplied by ``render_scale``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from dkgis.map import style
from dkgis.map.items import ENDED_STATUSES, PLANNED_STATUSES
from dkgis.map.user_items import legend_sections as user_legend_sections
from dkgis.model.crs import mercator_scale_factor, mercator_to_lonlat
from dkgis.symbology.sectors import SECTORS

if TYPE_CHECKING:
    from dkgis.model.project import Project


def tr(text: str) -> str:
    """Translate a decoration string (context ``MapDecorations``)."""
    return QCoreApplication.translate("MapDecorations", text)


@dataclass
class DecorationOptions:
    """Which decorations to draw, and their text."""

    title: str | None = None
    subtitle: str | None = None
    legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = False
    attribution: bool = True
    #: At most this many lines of credits (``None``: all); the rest is elided.
    attribution_lines: int | None = None


def nice_distance(max_metres: float) -> float:
    """Largest 1, 2 or 5 x 10^n metres not above ``max_metres``."""
    if max_metres <= 0:
        return 0.0
    exp = math.floor(math.log10(max_metres))
    for mantissa in (5, 2, 1):
        value = mantissa * 10**exp
        if value <= max_metres:
            return float(value)
    return float(10 ** (exp - 1) * 5)


def format_distance(metres: float) -> str:
    """Format a scale-bar distance: ``500 m``, ``2 km``."""
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km"
    return f"{metres:g} m"


class DecorationsItem(QGraphicsObject):
    """Title, legend, scale bar, north arrow and attribution over the map.

    The item lives in pixel coordinates (its parent is the view box on screen,
    nothing in an export), so it stays put when the map moves. The host view
    tells it what is shown with :meth:`set_view`.
    """

    def __init__(
        self,
        project: Project,
        options: DecorationOptions,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.options = options
        self.render_scale = 1.0
        self._rect = QRectF(0, 0, 1, 1)
        self._extent: tuple[float, float, float, float] | None = None
        self.setZValue(1e6)
        for layer in project.layers:
            layer.events.visible.connect(self._on_layer_visible, unique=True)

    def set_view(self, extent: tuple[float, float, float, float], width: float, height: float):
        """Show decorations for ``extent`` (EPSG:3857) drawn on ``width`` x ``height`` pixels."""
        self.prepareGeometryChange()
        self._extent = tuple(extent)
        self._rect = QRectF(0, 0, max(width, 1.0), max(height, 1.0))
        self.update()

    def set_render_scale(self, scale: float) -> None:
        """Multiply every pixel size by ``scale``."""
        self.render_scale = scale
        self.update()

    def _on_layer_visible(self, *args) -> None:
        self.update()

    def boundingRect(self) -> QRectF:  # Qt override
        return self._rect

    # -- helpers ---------------------------------------------------------------------
    def _font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(style.FONT_FAMILY)
        font.setPixelSize(max(1, round(size * self.render_scale)))
        font.setBold(bold)
        return font

    def _panel(self, painter: QPainter, rect: QRectF) -> None:
        fill = QColor(style.PANEL_FILL)
        fill.setAlphaF(style.PANEL_ALPHA)
        pen = QPen(QColor(style.PANEL_OUTLINE))
        pen.setWidthF(0.8 * self.render_scale)
        painter.setPen(pen)
        painter.setBrush(fill)
        radius = 3 * self.render_scale
        painter.drawRoundedRect(rect, radius, radius)

    # -- painting --------------------------------------------------------------------
    def paint(self, painter: QPainter, *args) -> None:
        painter.save()
        try:
            self._paint_all(painter)
        finally:
            painter.restore()

    def _paint_all(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        rect = self.boundingRect()
        s = self.render_scale
        margin = style.MARGIN * s
        top = rect.top() + margin
        if self.options.title:
            top = self._paint_title(painter, rect, margin) + margin
        if self.options.legend:
            self._paint_legend(painter, rect, margin)
        bottom = rect.bottom() - margin
        if self.options.attribution:
            bottom = self._paint_attribution(painter, rect, margin) - 4 * s
        if self.options.scale_bar:
            self._paint_scale_bar(painter, rect, margin, bottom)
        if self.options.north_arrow:
            self._paint_north_arrow(painter, rect, margin, top)

    def _paint_title(self, painter: QPainter, rect: QRectF, margin: float) -> float:
        s = self.render_scale
        title_font = self._font(style.TITLE_SIZE, bold=True)
        sub_font = self._font(style.SUBTITLE_SIZE)
        tfm, sfm = QFontMetricsF(title_font), QFontMetricsF(sub_font)
        pad = 8 * s
        max_width = rect.width() * 0.6
        title = tfm.elidedText(self.options.title or "", Qt.TextElideMode.ElideRight, max_width)
        subtitle = self.options.subtitle or ""
        subtitle = sfm.elidedText(subtitle, Qt.TextElideMode.ElideRight, max_width)
        width = max(tfm.horizontalAdvance(title), sfm.horizontalAdvance(subtitle)) + 2 * pad
        height = tfm.height() + (sfm.height() + 2 * s if subtitle else 0) + 2 * pad
        box = QRectF(rect.left() + margin, rect.top() + margin, width, height)
        self._panel(painter, box)
        painter.setPen(QColor(style.TEXT))
        painter.setFont(title_font)
        baseline = box.top() + pad + tfm.ascent()
        painter.drawText(QPointF(box.left() + pad, baseline), title)
        if subtitle:
            painter.setFont(sub_font)
            painter.setPen(QColor(style.TEXT_MUTED))
            baseline += tfm.descent() + 2 * s + sfm.ascent()
            painter.drawText(QPointF(box.left() + pad, baseline), subtitle)
        return box.bottom()

    def _legend_sections(self) -> list[tuple[str, list[tuple[str, Callable]]]]:
        """Legend sections of the visible layers: (heading, [(label, swatch painter)])."""
        sections: list[tuple[str, list[tuple[str, Callable]]]] = []
        facilities = self.project.layers.get("facilities")
        if facilities is not None and facilities.visible and self.project.facilities:
            present = {f.sector for f in self.project.facilities.values()}
            sectors = [
                (tr(s.label), partial(self._swatch_circle, colour=s.colour, kind="operating"))
                for s in SECTORS
                if s.id in present
            ]
            sections.append((tr("Facilities by sector"), sectors))
            statuses = {f.status for f in self.project.facilities.values()}
            grey = "#8c8c8c"
            states = [
                (tr("Operating"), partial(self._swatch_circle, colour=grey, kind="operating"))
            ]
            if statuses & PLANNED_STATUSES:
                label = tr("Announced or under construction")
                states.append((label, partial(self._swatch_circle, colour=grey, kind="planned")))
            if statuses & ENDED_STATUSES:
                states.append(
                    (tr("Closed"), partial(self._swatch_circle, colour=grey, kind="ended"))
                )
            sections.append((tr("Status"), states))
        networks = self.project.layers.get("infrastructure")
        if networks is not None and networks.visible:
            kinds = set(networks.data.columns.get("kind", ()))
            labels = {
                "gas_pipeline": tr("Gas pipeline"),
                "hydrogen_pipeline": tr("Hydrogen pipeline (proposed)"),
            }
            entries = [
                (labels[kind], partial(self._swatch_line, line_style=line_style))
                for kind, line_style in style.INFRASTRUCTURE.items()
                if kind in kinds
            ]
            if entries:
                sections.append((tr("Networks"), entries))
        # Layers added from the user's own files (dkgis.map.user_items).
        sections.extend(user_legend_sections(self.project, self.render_scale))
        return sections

    def _swatch_circle(self, painter: QPainter, centre: QPointF, colour: str, kind: str) -> None:
        s = self.render_scale
        r = style.FACILITY_RADIUS * s
        outline = QPen(QColor(style.FACILITY_OUTLINE))
        outline.setWidthF(style.FACILITY_OUTLINE_WIDTH * s)
        painter.setPen(outline)
        if kind == "planned":
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(centre, r, r)
            ring = QPen(QColor(colour))
            ring.setWidthF(style.PLANNED_RING_WIDTH * s)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = r - style.PLANNED_RING_WIDTH * s / 2
            painter.drawEllipse(centre, inner, inner)
            return
        fill = QColor(colour)
        if kind == "ended":
            fill.setAlphaF(style.CLOSED_ALPHA)
        painter.setBrush(fill)
        painter.drawEllipse(centre, r, r)

    def _swatch_line(self, painter: QPainter, centre: QPointF, line_style) -> None:
        s = self.render_scale
        pen = QPen(QColor(line_style.colour))
        pen.setWidthF(line_style.width * s)
        if line_style.dash:
            pen.setDashPattern([d for d in line_style.dash])
        painter.setPen(pen)
        half = style.FACILITY_RADIUS * s + 2 * s
        painter.drawLine(
            QPointF(centre.x() - half, centre.y()), QPointF(centre.x() + half, centre.y())
        )

    def _paint_legend(self, painter: QPainter, rect: QRectF, margin: float) -> None:
        sections = self._legend_sections()
        if not sections:
            return
        s = self.render_scale
        head_font = self._font(style.LEGEND_TITLE_SIZE, bold=True)
        font = self._font(style.LEGEND_SIZE)
        hfm, fm = QFontMetricsF(head_font), QFontMetricsF(font)
        pad = 8 * s
        gap = 6 * s
        line = max(fm.height(), 2 * style.FACILITY_RADIUS * s) + 3 * s
        swatch = 2 * style.FACILITY_RADIUS * s + 10 * s
        width = 2 * pad + max(
            max(hfm.horizontalAdvance(heading) for heading, _ in sections),
            max(fm.horizontalAdvance(text) for _, rows in sections for text, _ in rows) + swatch,
        )
        rows_count = sum(len(rows) for _, rows in sections)
        height = (
            2 * pad
            + len(sections) * (hfm.height() + 2 * s)
            + rows_count * line
            + (len(sections) - 1) * gap
        )
        box = QRectF(rect.right() - margin - width, rect.top() + margin, width, height)
        self._panel(painter, box)
        x = box.left() + pad
        y = box.top() + pad
        for i, (heading, rows) in enumerate(sections):
            if i:
                y += gap
            painter.setFont(head_font)
            painter.setPen(QColor(style.TEXT))
            painter.drawText(QPointF(x, y + hfm.ascent()), heading)
            y += hfm.height() + 2 * s
            for text, draw_swatch in rows:
                painter.save()
                draw_swatch(painter, QPointF(x + swatch / 2 - 4 * s, y + line / 2))
                painter.restore()
                painter.setFont(font)
                painter.setPen(QColor(style.TEXT))
                baseline = y + line / 2 + (fm.ascent() - fm.descent()) / 2
                painter.drawText(QPointF(x + swatch, baseline), text)
                y += line

    def _attribution_lines(self, fm: QFontMetricsF, max_width: float) -> list[str]:
        """The credits, joined with a dot and wrapped to ``max_width``."""
        lines: list[str] = []
        current = ""
        # Basemap credits first, so that a shortened block still names them.
        for credit in reversed(self.project.attributions()):
            candidate = f"{current} · {credit}" if current else credit
            if current and fm.horizontalAdvance(candidate) > max_width:
                lines.append(current)
                current = credit
            else:
                current = candidate
        if current:
            lines.append(current)
        limit = self.options.attribution_lines
        if limit is not None and len(lines) > limit:
            lines = lines[:limit]
            lines[-1] = fm.elidedText(lines[-1] + " · …", Qt.TextElideMode.ElideRight, max_width)
        return [fm.elidedText(line, Qt.TextElideMode.ElideRight, max_width) for line in lines]

    def _paint_attribution(self, painter: QPainter, rect: QRectF, margin: float) -> float:
        s = self.render_scale
        font = self._font(style.ATTRIBUTION_SIZE)
        fm = QFontMetricsF(font)
        pad = 3 * s
        lines = self._attribution_lines(fm, rect.width() * 0.62)
        if not lines:
            return rect.bottom() - margin
        width = max(fm.horizontalAdvance(line) for line in lines) + 2 * pad
        height = fm.height() * len(lines) + 2 * pad
        box = QRectF(rect.right() - width, rect.bottom() - height, width, height)
        fill = QColor(style.PANEL_FILL)
        fill.setAlphaF(0.78)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRect(box)
        painter.setFont(font)
        painter.setPen(QColor(style.TEXT_MUTED))
        for i, line in enumerate(lines):
            x = box.right() - pad - fm.horizontalAdvance(line)
            painter.drawText(QPointF(x, box.top() + pad + i * fm.height() + fm.ascent()), line)
        return box.top()

    def _metres_per_pixel(self) -> float | None:
        if self._extent is None:
            return None
        x0, y0, x1, y1 = self._extent
        width = self._rect.width()
        if width <= 0 or x1 <= x0:
            return None
        _, lat = mercator_to_lonlat((x0 + x1) / 2, (y0 + y1) / 2)
        return (x1 - x0) / width / mercator_scale_factor(float(lat))

    def _paint_scale_bar(
        self, painter: QPainter, rect: QRectF, margin: float, bottom: float
    ) -> None:
        mpp = self._metres_per_pixel()
        if not mpp:
            return
        s = self.render_scale
        metres = nice_distance(140 * s * mpp)
        if metres <= 0:
            return
        length = metres / mpp
        font = self._font(style.LEGEND_SIZE)
        fm = QFontMetricsF(font)
        label = format_distance(metres)
        pad = 6 * s
        bar_h = 5 * s
        zero_half = fm.horizontalAdvance("0") / 2
        label_half = fm.horizontalAdvance(label) / 2
        box = QRectF(
            rect.left() + margin,
            bottom - (fm.height() + bar_h + 2 * pad + 3 * s),
            length + 2 * pad + zero_half + label_half,
            fm.height() + bar_h + 2 * pad + 3 * s,
        )
        self._panel(painter, box)
        x0 = box.left() + pad + zero_half
        y_bar = box.bottom() - pad - bar_h
        pen = QPen(QColor(style.TEXT))
        pen.setWidthF(0.8 * s)
        painter.setPen(pen)
        half = length / 2
        painter.setBrush(QColor(style.TEXT))
        painter.drawRect(QRectF(x0, y_bar, half, bar_h))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(QRectF(x0 + half, y_bar, half, bar_h))
        painter.setFont(font)
        painter.setPen(QColor(style.TEXT))
        baseline = y_bar - 3 * s - fm.descent()
        painter.drawText(QPointF(x0 - zero_half, baseline), "0")
        painter.drawText(QPointF(x0 + length - label_half, baseline), label)

    def _paint_north_arrow(
        self, painter: QPainter, rect: QRectF, margin: float, top: float
    ) -> None:
        s = self.render_scale
        size = 26 * s
        cx = rect.left() + margin + size / 2 + 4 * s
        y0 = top
        arrow = QPolygonF(
            [
                QPointF(cx, y0),
                QPointF(cx + size * 0.32, y0 + size),
                QPointF(cx, y0 + size * 0.74),
                QPointF(cx - size * 0.32, y0 + size),
            ]
        )
        path = QPainterPath()
        path.addPolygon(arrow)
        path.closeSubpath()
        pen = QPen(QColor(style.TEXT))
        pen.setWidthF(0.8 * s)
        painter.setPen(pen)
        painter.setBrush(QColor(style.TEXT))
        painter.drawPath(path)
        font = self._font(style.LEGEND_TITLE_SIZE, bold=True)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        painter.drawText(
            QPointF(cx - fm.horizontalAdvance("N") / 2, y0 + size + fm.ascent() + 2 * s), "N"
        )
