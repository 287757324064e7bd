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

from dkgis import wording
from dkgis.i18n import format_number
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
    #: ``(first, last)``: the legend describes these years (an animation's), not the
    #: frame's year alone (see :class:`~dkgis.map.legend.LegendContent`).
    legend_years: tuple[int, int] | None = None


@dataclass(frozen=True)
class DecorationsLayout:
    """Where the decorations of a map go, in the map's pixels (``None``: not drawn).

    Attributes
    ----------
    title, north_arrow, scale_bar, attribution : QRectF or None
    legend : tuple of QRectF
        The panels of the legend's columns over the map (empty when the legend is
        drawn beside the map or not at all).
    scale_label : str
        The distance the scale bar shows (``"2 km"``).
    """

    title: QRectF | None = None
    north_arrow: QRectF | None = None
    legend: tuple[QRectF, ...] = ()
    scale_bar: QRectF | None = None
    scale_label: str = ""
    attribution: QRectF | None = None

    @property
    def legend_box(self) -> QRectF | None:
        """The rectangle around every column of the legend over the map."""
        if not self.legend:
            return None
        box = QRectF(self.legend[0])
        for column in self.legend[1:]:
            box = box.united(column)
        return box

    def boxes(self) -> list[QRectF]:
        """Every decoration's rectangle (what map labels must stay clear of)."""
        found = [self.title, self.north_arrow, self.scale_bar, self.attribution]
        return [box for box in (*found, *self.legend) if box is not None]


@dataclass(frozen=True)
class _Title:
    box: QRectF
    title: str
    subtitle: str
    title_font: QFont
    sub_font: QFont
    pad: float


@dataclass(frozen=True)
class _Attribution:
    box: QRectF
    lines: tuple[str, ...]
    font: QFont
    pad: float


@dataclass(frozen=True)
class _ScaleBar:
    box: QRectF
    length: float
    label: str
    font: QFont
    pad: float
    bar_h: float


#: Sizes tried for a legend outside the map, largest first (fractions of its full size).
LEGEND_FACTORS = (1.0, 0.9, 0.8, 0.7, 0.6)


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
    """Format a scale-bar distance: ``500 m``, ``2 km``, ``0.5 m`` (« 0,5 m »)."""
    value, unit = (metres / 1000, "km") if metres >= 1000 else (metres, "m")
    decimals = 0 if float(value).is_integer() else len(f"{value:g}".split(".")[-1])
    return f"{format_number(value, decimals)}\u00a0{unit}"


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
        self._layout: DecorationsLayout | None = None
        self.setZValue(1e6)

    def set_frame(self, frame: MapFrame) -> None:
        """Describe ``frame`` (redrawn only when something the decorations say changed)."""
        old, self.frame = self.frame, frame
        if (
            frame.layers != old.layers
            or frame.hidden_sectors != old.hidden_sectors
            or not frame.same_values(old)
            or frame.circle_size != old.circle_size
        ):
            self._changed()

    def _drawn_layer_names(self) -> list[str]:
        return [layer.name for layer in self.project.layers if self.frame.shows(layer.name)]

    def set_view(self, extent: tuple[float, float, float, float], width: float, height: float):
        """Show decorations for ``extent`` (EPSG:3857) drawn on ``width`` x ``height`` pixels."""
        self.prepareGeometryChange()
        self._extent = tuple(extent)
        self._rect = QRectF(0, 0, max(width, 1.0), max(height, 1.0))
        self._changed()

    def set_render_scale(self, scale: float) -> None:
        """Multiply every pixel size by ``scale``."""
        self.render_scale = scale
        self._changed()

    def set_basemap_credit(self, credit: str | None) -> None:
        """Credit the web basemap drawn under the map first (``None``: no web basemap)."""
        self.basemap_credit = credit or None
        self._changed()

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

    # -- geometry --------------------------------------------------------------------
    def set_options(self, options: DecorationOptions) -> None:
        """Draw the decorations ``options`` says."""
        self.options = options
        self._changed()

    def _changed(self) -> None:
        self._layout = None
        self.update()

    def layout(self) -> DecorationsLayout:
        """Where each decoration goes on the map, in its pixels (the same geometry as
        :meth:`paint`: the export's layout record and the labels' obstacles read it)."""
        if self._layout is None:
            self._layout = self._compute_layout()
        return self._layout

    def _compute_layout(self) -> DecorationsLayout:
        rect = self.boundingRect()
        s = self.render_scale
        margin = style.MARGIN * s
        shown = self.options.shown
        title = self._title_geometry(rect, margin)
        top = title.box.bottom() + margin if title is not None else rect.top() + margin
        attribution = self._attribution_geometry(rect) if shown.attribution else None
        if attribution is not None:
            bottom = attribution.box.top() - 4 * s
        elif shown.attribution:
            bottom = rect.bottom() - margin - 4 * s
        else:
            bottom = rect.bottom() - margin
        legend: tuple[QRectF, ...] = ()
        if shown.legend and self.options.legend_on_map:
            legend = tuple(box for box, _ in self._legend_boxes(rect, margin, bottom))
        scale = self._scale_bar_geometry(rect, margin, bottom) if shown.scale_bar else None
        north = self._north_arrow_box(rect, margin, top) if shown.north_arrow else None
        return DecorationsLayout(
            title=title.box if title is not None else None,
            north_arrow=north,
            legend=legend,
            scale_bar=scale.box if scale is not None else None,
            scale_label=scale.label if scale is not None else "",
            attribution=attribution.box if attribution is not None else None,
        )

    def legend_fits_on_map(self, max_share: float = 0.3) -> bool:
        """Whether the legend fits over the map: in one column no wider than
        ``max_share`` of the map, clear of the title, the north arrow and the scale bar
        (``True`` without a legend over the map)."""
        layout = self.layout()
        if not layout.legend:
            return True
        legend = layout.legend_box
        if len(layout.legend) > 1 or legend.width() > self.boundingRect().width() * max_share:
            return False
        others = (layout.title, layout.north_arrow, layout.scale_bar)
        return not any(box is not None and box.intersects(legend) for box in others)

    def legend_panel_size(self, max_height: float, max_width: float) -> tuple[float, float]:
        """Width and height of the legend in a panel at most ``max_height`` tall: at the
        largest size of :data:`LEGEND_FACTORS` no wider than ``max_width`` (else at the
        smallest, however wide), so that :meth:`fit_legend` finds it fits."""
        base = self.render_scale
        size = (0.0, 0.0)
        try:
            for factor in LEGEND_FACTORS:
                self.render_scale = base * factor
                size = self.legend_size(max_height)
                if size[0] <= max_width:
                    break
        finally:
            self.render_scale = base
        return size

    def legend_size(self, max_height: float) -> tuple[float, float]:
        """Width and height of the legend laid out in columns no taller than
        ``max_height`` (0, 0: no legend)."""
        margin = style.MARGIN * self.render_scale
        rect = QRectF(0, 0, 1e6, max_height + 2 * margin)
        columns, widths, fonts = self._legend_columns(rect, margin)
        if not columns:
            return 0.0, 0.0
        width = sum(widths) + margin / 2 * (len(widths) - 1)
        height = max(2 * fonts["pad"] + sum(h for _, h in column) for column in columns)
        return width, height

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
        shown = self.options.shown
        top = rect.top() + margin
        title = self._title_geometry(rect, margin)
        if title is not None:
            self._paint_title(painter, title)
            top = title.box.bottom() + margin
        bottom = rect.bottom() - margin
        if shown.attribution:
            attribution = self._attribution_geometry(rect)
            bottom = rect.bottom() - margin - 4 * s
            if attribution is not None:
                self._paint_attribution(painter, attribution)
                bottom = attribution.box.top() - 4 * s
        if shown.legend and self.options.legend_on_map:
            self._paint_legend(painter, rect, margin, bottom)
        if shown.scale_bar:
            scale = self._scale_bar_geometry(rect, margin, bottom)
            if scale is not None:
                self._paint_scale_bar(painter, scale)
        if shown.north_arrow:
            self._paint_north_arrow(painter, self._north_arrow_box(rect, margin, top))

    def _title_geometry(self, rect: QRectF, margin: float) -> _Title | None:
        if not (self.options.title or self.options.subtitle):
            return None
        s = self.render_scale
        title_font = self._font(style.TITLE_SIZE, bold=True)
        sub_font = self._font(style.SUBTITLE_SIZE)
        tfm, sfm = QFontMetricsF(title_font), QFontMetricsF(sub_font)
        pad = 8 * s
        max_width = rect.width() * 0.6
        wanted = tfm.horizontalAdvance(self.options.title or "")
        if wanted > max_width:  # a long title on a small map: smaller, then cut
            title_font = self._font(style.TITLE_SIZE * max(0.7, max_width / wanted), bold=True)
            tfm = QFontMetricsF(title_font)
        title = tfm.elidedText(self.options.title or "", Qt.TextElideMode.ElideRight, max_width)
        subtitle = self.options.subtitle or ""
        wanted = sfm.horizontalAdvance(subtitle)
        if wanted > max_width:  # a long subtitle: a little smaller before it is cut
            sub_font = self._font(style.SUBTITLE_SIZE * max(0.8, max_width / wanted))
            sfm = QFontMetricsF(sub_font)
        subtitle = sfm.elidedText(subtitle, Qt.TextElideMode.ElideRight, max_width)
        width = max(tfm.horizontalAdvance(title), sfm.horizontalAdvance(subtitle)) + 2 * pad
        height = (tfm.height() if title else 0) + 2 * pad
        if subtitle:
            height += sfm.height() + (2 * s if title else 0)
        box = QRectF(rect.left() + margin, rect.top() + margin, width, height)
        return _Title(box, title, subtitle, title_font, sub_font, pad)

    def _paint_title(self, painter: QPainter, title: _Title) -> None:
        s = self.render_scale
        tfm, sfm = QFontMetricsF(title.title_font), QFontMetricsF(title.sub_font)
        box = title.box
        self._panel(painter, box)
        baseline = box.top() + title.pad
        if title.title:
            painter.setPen(QColor(style.TEXT))
            painter.setFont(title.title_font)
            baseline += tfm.ascent()
            painter.drawText(QPointF(box.left() + title.pad, baseline), title.title)
            baseline += tfm.descent() + 2 * s
        if title.subtitle:
            painter.setFont(title.sub_font)
            painter.setPen(QColor(style.TEXT_MUTED))
            baseline += sfm.ascent()
            painter.drawText(QPointF(box.left() + title.pad, baseline), title.subtitle)

    def _legend_sections(self) -> list[LegendSection]:
        """Legend sections of the visible layers (see :mod:`dkgis.map.legend`)."""
        content = LegendContent(
            self.project,
            self.frame,
            self.render_scale,
            self._font(style.LEGEND_SIZE),
            self._font(style.LEGEND_NOTE_SIZE),
            years=self.options.legend_years,
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

    def legend_rect(self) -> QRectF | None:
        """Where the legend is drawn over the map, in pixels (``None``: no legend)."""
        return self.layout().legend_box

    def fit_legend(self, width: float, max_height: float) -> float:
        """Lay the legend out in columns within ``width`` (left to right), as short as it
        can be but at most ``max_height``; returns its height (0: no legend).

        A legend that does not fit is drawn smaller (down to 60 %): :meth:`paint_legend_in`
        uses the size chosen here.
        """
        margin = style.MARGIN * self.render_scale
        base = self.render_scale
        self._legend_scale = base
        for factor in LEGEND_FACTORS:
            self.render_scale = base * factor
            try:
                used, fits, flow = self._fit_columns(width, max_height, margin)
            finally:
                self.render_scale = base
            if used == 0.0:
                return 0.0
            self._legend_scale = base * factor
            #: The height the columns were flowed in (the painting flows them the same).
            self._legend_flow = (flow, margin)
            if fits:
                break
        return used

    def _fit_columns(
        self, width: float, max_height: float, margin: float
    ) -> tuple[float, bool, float]:
        """The height used, whether the columns fit in ``width``, and the height they
        were flowed in."""
        height = max(max_height * 0.25, 1.0)
        while True:
            rect = QRectF(0, 0, width, height + 2 * margin)
            columns, widths, fonts = self._legend_columns(rect, margin)
            if not columns:
                return 0.0, True, height
            used = max(2 * fonts["pad"] + sum(h for _, h in column) for column in columns)
            total = sum(widths) + margin / 2 * (len(widths) - 1)
            if total <= width:
                return min(used, max_height), True, height
            if height >= max_height:
                return min(used, max_height), False, height
            height = min(height * 1.15, max_height)

    def paint_legend_in(self, painter: QPainter, rect: QRectF) -> tuple[QRectF, ...]:
        """Paint the legend in ``rect`` (outside the map), columns left to right, at the
        size :meth:`fit_legend` chose; return the columns' panels."""
        base = self.render_scale
        self.render_scale = getattr(self, "_legend_scale", base)
        flow, margin = getattr(self, "_legend_flow", (rect.height(), style.MARGIN * base))
        box = QRectF(rect.left(), rect.top() - margin, rect.width(), flow + 2 * margin)
        painter.save()
        try:
            self._paint_legend(painter, box, margin, left_to_right=True)
            boxes = self._legend_boxes(box, margin, left_to_right=True)
        finally:
            painter.restore()
            self.render_scale = base
        return tuple(column for column, _ in boxes)

    def _legend_boxes(
        self,
        rect: QRectF,
        margin: float,
        bottom: float | None = None,
        *,
        left_to_right: bool = False,
    ) -> list[tuple[QRectF, list[tuple]]]:
        """The legend's column panels, each with its entries: right to left from the
        top-right corner of ``rect`` (over the map), or left to right from its
        top-left corner."""
        columns, widths, fonts = self._legend_columns(rect, margin, bottom)
        if not columns:
            return []
        pad = fonts["pad"]
        right = rect.right() - margin
        left = rect.left()
        boxes = []
        for column, width in zip(columns, widths, strict=True):
            height = 2 * pad + sum(h for _, h in column)
            if left_to_right:
                box = QRectF(left, rect.top() + margin, width, height)
                left = box.right() + margin / 2
            else:
                box = QRectF(right - width, rect.top() + margin, width, height)
                right = box.left() - margin / 2
            boxes.append((box, column))
        return boxes

    def _paint_legend(
        self,
        painter: QPainter,
        rect: QRectF,
        margin: float,
        bottom: float | None = None,
        *,
        left_to_right: bool = False,
    ) -> None:
        boxes = self._legend_boxes(rect, margin, bottom, left_to_right=left_to_right)
        if not boxes:
            return
        _, _, fonts = self._legend_columns(rect, margin, bottom)
        s = self.render_scale
        head_font, hfm = fonts["head"]
        font, fm = fonts["row"]
        note_font, nfm = fonts["note"]
        pad, swatch = fonts["pad"], fonts["swatch"]
        for box, column in boxes:
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
        credits = list(reversed(wording.source_entries(self.project, self._drawn_layer_names())))
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

    def _attribution_geometry(self, rect: QRectF) -> _Attribution | None:
        s = self.render_scale
        font = self._font(style.ATTRIBUTION_SIZE)
        fm = QFontMetricsF(font)
        pad = 3 * s
        lines = self._attribution_lines(fm, rect.width() * 0.62)
        if not lines:
            return None
        width = max(fm.horizontalAdvance(line) for line in lines) + 2 * pad
        height = fm.height() * len(lines) + 2 * pad
        box = QRectF(rect.right() - width, rect.bottom() - height, width, height)
        return _Attribution(box, tuple(lines), font, pad)

    def _paint_attribution(self, painter: QPainter, attribution: _Attribution) -> None:
        fm = QFontMetricsF(attribution.font)
        box, pad = attribution.box, attribution.pad
        fill = QColor(style.PANEL_FILL)
        fill.setAlphaF(0.78)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRect(box)
        painter.setFont(attribution.font)
        painter.setPen(QColor(style.TEXT_MUTED))
        for i, line in enumerate(attribution.lines):
            x = box.right() - pad - fm.horizontalAdvance(line)
            painter.drawText(QPointF(x, box.top() + pad + i * fm.height() + fm.ascent()), line)

    def _metres_per_pixel(self) -> float | None:
        if self._extent is None:
            return None
        x0, y0, x1, y1 = self._extent
        width = self._rect.width()
        if width <= 0 or x1 <= x0:
            return None
        _, lat = mercator_to_lonlat((x0 + x1) / 2, (y0 + y1) / 2)
        return (x1 - x0) / width / mercator_scale_factor(float(lat))

    def _scale_bar_geometry(self, rect: QRectF, margin: float, bottom: float) -> _ScaleBar | None:
        mpp = self._metres_per_pixel()
        if not mpp:
            return None
        s = self.render_scale
        metres = nice_distance(140 * s * mpp)
        if metres <= 0:
            return None
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
        return _ScaleBar(box, length, label, font, pad, bar_h)

    def _paint_scale_bar(self, painter: QPainter, bar: _ScaleBar) -> None:
        s = self.render_scale
        fm = QFontMetricsF(bar.font)
        box = bar.box
        self._panel(painter, box)
        zero_half = fm.horizontalAdvance("0") / 2
        label_half = fm.horizontalAdvance(bar.label) / 2
        x0 = box.left() + bar.pad + zero_half
        y_bar = box.bottom() - bar.pad - bar.bar_h
        pen = QPen(QColor(style.TEXT))
        pen.setWidthF(0.8 * s)
        painter.setPen(pen)
        half = bar.length / 2
        painter.setBrush(QColor(style.TEXT))
        painter.drawRect(QRectF(x0, y_bar, half, bar.bar_h))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(QRectF(x0 + half, y_bar, half, bar.bar_h))
        painter.setFont(bar.font)
        painter.setPen(QColor(style.TEXT))
        baseline = y_bar - 3 * s - fm.descent()
        painter.drawText(QPointF(x0 - zero_half, baseline), "0")
        painter.drawText(QPointF(x0 + bar.length - label_half, baseline), bar.label)

    def _north_arrow_box(self, rect: QRectF, margin: float, top: float) -> QRectF:
        s = self.render_scale
        size = 26 * s
        fm = QFontMetricsF(self._font(style.LEGEND_TITLE_SIZE, bold=True))
        left = rect.left() + margin + 4 * s
        return QRectF(left, top, size, size + 2 * s + fm.height())

    def _paint_north_arrow(self, painter: QPainter, box: QRectF) -> None:
        s = self.render_scale
        size = box.width()
        cx = box.center().x()
        y0 = box.top()
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
