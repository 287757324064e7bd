"""Map decorations drawn in pixel space over the map: title, legend, scale bar,
north arrow and attribution.

The same item decorates the screen canvas and every export; sizes are pixels at
96 dpi multiplied by ``render_scale``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from dkgis.map import style, symbols
from dkgis.map.legend import LegendBlock, LegendContent, LegendRow, LegendSection
from dkgis.model.crs import mercator_scale_factor, mercator_to_lonlat
from dkgis.model.snapshot import DEFAULT_DECORATIONS, Decorations

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project


@dataclass(frozen=True)
class DecorationOptions:
    """Which decorations to draw (:class:`~dkgis.model.snapshot.Decorations`), their
    texts, and how."""

    shown: Decorations = DEFAULT_DECORATIONS
    title: str | None = None
    subtitle: str | None = None
    #: Draw only the emission size legend (the screen has a Legend dock for the rest).
    legend_sizes_only: bool = False
    #: Draw the legend over the map (``False``: the page draws it elsewhere).
    legend_on_map: bool = True
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
    tells it what is shown with :meth:`set_frame` and where with :meth:`set_view`.
    """

    def __init__(
        self,
        project: Project,
        options: DecorationOptions,
        frame: MapFrame,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.options = options
        #: What the map shows: the legend describes its layers, sectors, year and scenario.
        self.frame = frame
        self.render_scale = 1.0
        self._rect = QRectF(0, 0, 1, 1)
        self._extent: tuple[float, float, float, float] | None = None
        #: Credit of the web basemap drawn under the layers, if any.
        self.basemap_credit: str | None = None
        self.setZValue(1e6)

    def set_frame(self, frame: MapFrame) -> None:
        """Describe ``frame`` (redrawn only when something the decorations say changed)."""
        old, self.frame = self.frame, frame
        if (
            frame.layers != old.layers
            or frame.hidden_sectors != old.hidden_sectors
            or not frame.same_values(old)
        ):
            self.update()

    def _drawn_layer_names(self) -> list[str]:
        return [layer.name for layer in self.project.layers if self.frame.shows(layer.name)]

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

    def set_basemap_credit(self, credit: str | None) -> None:
        """Credit the web basemap drawn under the map first (``None``: no web basemap)."""
        self.basemap_credit = credit or None
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
        if self.options.title or self.options.subtitle:
            top = self._paint_title(painter, rect, margin) + margin
        bottom = rect.bottom() - margin
        if self.options.shown.attribution:
            bottom = self._paint_attribution(painter, rect, margin) - 4 * s
        if self.options.shown.legend and self.options.legend_on_map:
            self._paint_legend(painter, rect, margin, bottom)
        if self.options.shown.scale_bar:
            self._paint_scale_bar(painter, rect, margin, bottom)
        if self.options.shown.north_arrow:
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
        height = (tfm.height() if title else 0) + 2 * pad
        if subtitle:
            height += sfm.height() + (2 * s if title else 0)
        box = QRectF(rect.left() + margin, rect.top() + margin, width, height)
        self._panel(painter, box)
        baseline = box.top() + pad
        if title:
            painter.setPen(QColor(style.TEXT))
            painter.setFont(title_font)
            baseline += tfm.ascent()
            painter.drawText(QPointF(box.left() + pad, baseline), title)
            baseline += tfm.descent() + 2 * s
        if subtitle:
            painter.setFont(sub_font)
            painter.setPen(QColor(style.TEXT_MUTED))
            baseline += sfm.ascent()
            painter.drawText(QPointF(box.left() + pad, baseline), subtitle)
        return box.bottom()

    def _legend_sections(self) -> list[LegendSection]:
        """Legend sections of the visible layers (see :mod:`dkgis.map.legend`)."""
        content = LegendContent(
            self.project,
            self.frame,
            self.render_scale,
            self._font(style.LEGEND_SIZE),
            self._font(style.LEGEND_NOTE_SIZE),
        )
        options = self.options
        shown = options.shown
        if options.legend_sizes_only:
            return content.size_sections() if shown.size_legend else []
        return content.sections(keys=shown.sector_legend, sizes=shown.size_legend)

    def _legend_columns(
        self, rect: QRectF, margin: float, bottom: float | None = None
    ) -> tuple[list[list[tuple]], list[float], dict]:
        """Flow the legend sections into columns that fit above ``bottom``.

        Returns the columns (lists of ``(entry, height)``), each column's width, and
        the fonts and metrics used to paint them.
        """
        sections = self._legend_sections()
        if not sections:
            return [], [], {}
        s = self.render_scale
        head_font = self._font(style.LEGEND_TITLE_SIZE, bold=True)
        font = self._font(style.LEGEND_SIZE)
        note_font = self._font(style.LEGEND_NOTE_SIZE)
        hfm, fm, nfm = QFontMetricsF(head_font), QFontMetricsF(font), QFontMetricsF(note_font)
        pad = 8 * s
        gap = 6 * s
        swatch = symbols.facility_symbol_size(s, True) + 6 * s
        line = max(fm.height(), symbols.facility_symbol_size(s, True)) + 1 * s

        def row_height(row) -> float:
            if isinstance(row, LegendBlock):
                return row.height + 2 * s
            return nfm.height() + 1 * s if row.note else line

        def row_width(row) -> float:
            if isinstance(row, LegendBlock):
                return row.width
            if row.note:
                return nfm.horizontalAdvance(row.text)
            return swatch + fm.horizontalAdvance(row.text)

        # Flow headings and rows into columns, right to left, when the map is too
        # short; a heading never ends a column.
        entries: list[tuple[LegendSection | LegendRow | LegendBlock, float]] = []
        for i, section in enumerate(sections):
            entries.append((section, hfm.height() + 2 * s + (gap if i else 0.0)))
            entries.extend((row, row_height(row)) for row in section.rows)
        limit = (rect.bottom() - margin if bottom is None else bottom) - rect.top() - margin
        available = max(limit - 2 * pad, line * 3)
        columns: list[list[tuple]] = [[]]
        used = 0.0
        for k, (entry, h) in enumerate(entries):
            if isinstance(entry, LegendSection) and columns[-1]:
                h_next = entries[k + 1][1] if k + 1 < len(entries) else 0.0
                needed = h + h_next
            else:
                needed = h
            if columns[-1] and used + needed > available:
                columns.append([])
                used = 0.0
            if isinstance(entry, LegendSection) and not columns[-1]:
                h = hfm.height() + 2 * s  # no gap at the top of a column
            columns[-1].append((entry, h))
            used += h
        widths = [
            2 * pad
            + max(
                hfm.horizontalAdvance(e.heading) if isinstance(e, LegendSection) else row_width(e)
                for e, _ in column
            )
            for column in columns
        ]
        fonts = {
            "head": (head_font, hfm),
            "row": (font, fm),
            "note": (note_font, nfm),
            "pad": pad,
            "swatch": swatch,
        }
        return columns, widths, fonts

    def _legend_bottom(self, rect: QRectF, margin: float) -> float:
        """The lowest point of the legend and scale bar: above the credits when drawn
        (the geometry of :meth:`_paint_attribution`)."""
        s = self.render_scale
        if not self.options.shown.attribution:
            return rect.bottom() - margin
        fm = QFontMetricsF(self._font(style.ATTRIBUTION_SIZE))
        lines = self._attribution_lines(fm, rect.width() * 0.62)
        if not lines:
            return rect.bottom() - margin - 4 * s
        return rect.bottom() - (fm.height() * len(lines) + 6 * s) - 4 * s

    def legend_rect(self) -> QRectF | None:
        """Where the legend is drawn over the map, in pixels (``None``: no legend)."""
        if not (self.options.shown.legend and self.options.legend_on_map):
            return None
        rect = self.boundingRect()
        margin = style.MARGIN * self.render_scale
        columns, widths, fonts = self._legend_columns(
            rect, margin, self._legend_bottom(rect, margin)
        )
        if not columns:
            return None
        width = sum(widths) + margin / 2 * (len(widths) - 1)
        height = max(2 * fonts["pad"] + sum(h for _, h in column) for column in columns)
        return QRectF(rect.right() - margin - width, rect.top() + margin, width, height)

    def fit_legend(self, width: float, max_height: float) -> float:
        """Lay the legend out in columns within ``width`` (left to right), as short as it
        can be but at most ``max_height``; returns its height (0: no legend).

        A legend that does not fit is drawn smaller (down to 60 %): :meth:`paint_legend_in`
        uses the size chosen here.
        """
        margin = style.MARGIN * self.render_scale
        base = self.render_scale
        self._legend_scale = base
        for factor in (1.0, 0.9, 0.8, 0.7, 0.6):
            self.render_scale = base * factor
            try:
                used, fits = self._fit_columns(width, max_height, margin)
            finally:
                self.render_scale = base
            if used == 0.0:
                return 0.0
            self._legend_scale = base * factor
            if fits:
                break
        return used

    def _fit_columns(self, width: float, max_height: float, margin: float) -> tuple[float, bool]:
        height = max(max_height * 0.25, 1.0)
        while True:
            rect = QRectF(0, 0, width, height + 2 * margin)
            columns, widths, fonts = self._legend_columns(rect, margin)
            if not columns:
                return 0.0, True
            used = max(2 * fonts["pad"] + sum(h for _, h in column) for column in columns)
            total = sum(widths) + margin / 2 * (len(widths) - 1)
            if total <= width:
                return min(used, max_height), True
            if height >= max_height:
                return min(used, max_height), False
            height = min(height * 1.15, max_height)

    def paint_legend_in(self, painter: QPainter, rect: QRectF) -> None:
        """Paint the legend in ``rect`` (outside the map), columns left to right."""
        base = self.render_scale
        self.render_scale = getattr(self, "_legend_scale", base)
        margin = style.MARGIN * self.render_scale
        box = QRectF(rect.left(), rect.top() - margin, rect.width(), rect.height() + 2 * margin)
        painter.save()
        try:
            self._paint_legend(painter, box, margin, left_to_right=True)
        finally:
            painter.restore()
            self.render_scale = base

    def _paint_legend(
        self,
        painter: QPainter,
        rect: QRectF,
        margin: float,
        bottom: float | None = None,
        *,
        left_to_right: bool = False,
    ) -> None:
        columns, widths, fonts = self._legend_columns(rect, margin, bottom)
        if not columns:
            return
        s = self.render_scale
        head_font, hfm = fonts["head"]
        font, fm = fonts["row"]
        note_font, nfm = fonts["note"]
        pad, swatch = fonts["pad"], fonts["swatch"]
        right = rect.right() - margin
        left = rect.left()
        for column, width in zip(columns, widths, strict=True):
            height = 2 * pad + sum(h for _, h in column)
            if left_to_right:
                box = QRectF(left, rect.top() + margin, width, height)
                left = box.right() + margin / 2
            else:
                box = QRectF(right - width, rect.top() + margin, width, height)
                right = box.left() - margin / 2
            self._panel(painter, box)
            x = box.left() + pad
            y = box.top() + pad
            for entry, h in column:
                painter.save()
                if isinstance(entry, LegendSection):
                    painter.setFont(head_font)
                    painter.setPen(QColor(style.TEXT))
                    painter.drawText(QPointF(x, y + h - 2 * s - hfm.descent()), entry.heading)
                elif isinstance(entry, LegendBlock):
                    entry.paint(painter, QRectF(x, y, entry.width, entry.height))
                elif entry.note:
                    painter.setFont(note_font)
                    painter.setPen(QColor(style.TEXT_MUTED))
                    painter.drawText(QPointF(x, y + nfm.ascent()), entry.text)
                else:
                    if entry.swatch is not None:
                        entry.swatch(painter, QPointF(x + swatch / 2 - 3 * s, y + h / 2))
                    painter.setFont(font)
                    painter.setPen(QColor(style.TEXT))
                    baseline = y + h / 2 + (fm.ascent() - fm.descent()) / 2
                    painter.drawText(QPointF(x + swatch, baseline), entry.text)
                painter.restore()
                y += h

    def _attribution_lines(self, fm: QFontMetricsF, max_width: float) -> list[str]:
        """The credits, joined with a dot and wrapped to ``max_width``."""
        lines: list[str] = []
        current = ""
        # Basemap credits first, so that a shortened block still names them.
        credits = list(reversed(self.project.attributions(self._drawn_layer_names())))
        if self.basemap_credit:
            credits = [self.basemap_credit, *(c for c in credits if c != self.basemap_credit)]
        for credit in credits:
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
