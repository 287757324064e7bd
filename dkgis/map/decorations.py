"""Map decorations drawn in pixel space over the map: title, legend, scale bar,
north arrow and attribution.

The same item decorates the screen canvas and every export; sizes are pixels at
96 dpi multiplied by ``render_scale``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from dkgis import wording
from dkgis.i18n import format_number
from dkgis.map import style, symbols
from dkgis.map.legend import LegendBlock, LegendContent, LegendRow, LegendSection
from dkgis.map.page import wrap_lines, wrap_words
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
    #: The title panel is at most this share of the map's width...
    title_width: float = 0.6
    #: ...and a title or subtitle too long for it wraps onto at most this many lines
    #: before it is cut.
    title_lines: int = 1


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
    title_lines: tuple[str, ...]
    subtitle_lines: tuple[str, ...]
    title_font: QFont
    sub_font: QFont
    pad: float

    @property
    def title(self) -> str:
        """The title shown (its lines joined)."""
        return " ".join(self.title_lines)

    @property
    def subtitle(self) -> str:
        """The subtitle shown (its lines joined)."""
        return " ".join(self.subtitle_lines)


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
#: Widths tried for the texts of a compact legend, widest first (pixels at 96 dpi):
#: longer texts wrap onto more lines, so that the columns are narrower.
LEGEND_WRAPS = (150.0, 120.0, 100.0, 85.0)
#: A compact legend takes the largest size no more than this share wider (beside the
#: map) or taller (under it) than its smallest.
COMPACT_SLACK = 0.04


@dataclass(frozen=True)
class LegendFit:
    """How the legend is drawn outside the map: chosen by :meth:`DecorationsItem.fit_legend`
    or :meth:`DecorationsItem.fit_compact_legend`, used by
    :meth:`DecorationsItem.paint_legend_in`.

    Attributes
    ----------
    scale
        The render scale of the legend (its full size times a factor).
    flow
        The height its columns were flowed in.
    floor
        The smallest font size, in device pixels (0: none).
    wrap
        The widest text of a row, in device pixels; longer ones wrap (``None``: none do).
    width, height
        The size of the legend's columns (taller than its room when it does not fit).
    fits
        Whether it fits the room it was given.
    """

    scale: float
    flow: float
    floor: float = 0.0
    wrap: float | None = None
    width: float = 0.0
    height: float = 0.0
    fits: bool = True


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
        #: The legend outside the map, as last fitted.
        self.legend_fit: LegendFit | None = None
        #: While a compact legend is measured or painted: its smallest font size and
        #: widest text (device pixels).
        self._floor = 0.0
        self._wrap: float | None = None
        #: While the legend is fitted: its sections, by render scale and smallest font.
        self._sections_memo: dict[tuple[float, float], list[LegendSection]] | None = None
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
        font.setPixelSize(max(1, round(size * self.render_scale), round(self._floor)))
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
        if self._sections_memo is not None:
            self._sections_memo.clear()
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
        height = max(2 * fonts["pad"] + sum(e[1] for e in column) for column in columns)
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
        max_width = rect.width() * self.options.title_width
        wanted = tfm.horizontalAdvance(self.options.title or "")
        if wanted > max_width:  # a long title on a small map: smaller, then wrapped or cut
            title_font = self._font(style.TITLE_SIZE * max(0.7, max_width / wanted), bold=True)
            title_font = self._narrowed(title_font, self.options.title or "", max_width, 0.7)
            tfm = QFontMetricsF(title_font)
        title = self._title_lines(self.options.title or "", tfm, max_width)
        subtitle = self.options.subtitle or ""
        wanted = sfm.horizontalAdvance(subtitle)
        if wanted > max_width:  # a long subtitle: a little smaller before it is cut
            sub_font = self._font(style.SUBTITLE_SIZE * max(0.8, max_width / wanted))
            sub_font = self._narrowed(sub_font, subtitle, max_width, 0.8)
            sfm = QFontMetricsF(sub_font)
        subtitle = self._title_lines(subtitle, sfm, max_width)
        texts = [(tfm, line) for line in title] + [(sfm, line) for line in subtitle]
        width = max((fm.horizontalAdvance(line) for fm, line in texts), default=0.0) + 2 * pad
        height = 2 * pad
        if title:
            height += tfm.height() + (len(title) - 1) * tfm.lineSpacing()
        if subtitle:
            height += sfm.height() + (len(subtitle) - 1) * sfm.lineSpacing()
            height += 2 * s if title else 0
        box = QRectF(rect.left() + margin, rect.top() + margin, width, height)
        if not rect.contains(box):  # a map too small for the panel: no title over it
            return None
        return _Title(box, title, subtitle, title_font, sub_font, pad)

    def _narrowed(self, font: QFont, text: str, width: float, least: float) -> QFont:
        """``font`` a pixel smaller at a time, down to ``least`` of the title's sizes,
        until ``text`` fits ``width``, when the title may wrap: a title one pixel too
        wide for its panel keeps one line."""
        if self.options.title_lines == 1:
            return font
        smallest = round(style.SUBTITLE_SIZE * least * self.render_scale)
        if font.bold():
            smallest = round(style.TITLE_SIZE * least * self.render_scale)
        while font.pixelSize() > smallest and QFontMetricsF(font).horizontalAdvance(text) > width:
            font.setPixelSize(font.pixelSize() - 1)
        return font

    def _title_lines(self, text: str, fm: QFontMetricsF, width: float) -> tuple[str, ...]:
        """``text`` in at most :attr:`DecorationOptions.title_lines` lines no wider than
        ``width`` (broken at separators, then at spaces), the last one cut if need be
        (no line for no text)."""
        if not text:
            return ()
        lines = [text]
        if self.options.title_lines > 1 and fm.horizontalAdvance(text) > width:
            lines = wrap_words(text, fm, width)
            if len(lines) > self.options.title_lines:
                kept = self.options.title_lines - 1
                lines = [*lines[:kept], " ".join(lines[kept:])]
        elide = Qt.TextElideMode.ElideRight
        return tuple(cut for line in lines if (cut := fm.elidedText(line, elide, width)))

    def _paint_title(self, painter: QPainter, title: _Title) -> None:
        s = self.render_scale
        tfm, sfm = QFontMetricsF(title.title_font), QFontMetricsF(title.sub_font)
        box = title.box
        self._panel(painter, box)
        baseline = box.top() + title.pad
        x = box.left() + title.pad
        if title.title_lines:
            painter.setPen(QColor(style.TEXT))
            painter.setFont(title.title_font)
            baseline += tfm.ascent()
            for i, line in enumerate(title.title_lines):
                painter.drawText(QPointF(x, baseline + i * tfm.lineSpacing()), line)
            baseline += (len(title.title_lines) - 1) * tfm.lineSpacing() + tfm.descent() + 2 * s
        if title.subtitle_lines:
            painter.setFont(title.sub_font)
            painter.setPen(QColor(style.TEXT_MUTED))
            baseline += sfm.ascent()
            for i, line in enumerate(title.subtitle_lines):
                painter.drawText(QPointF(x, baseline + i * sfm.lineSpacing()), line)

    @property
    def has_legend(self) -> bool:
        """Whether the visible layers have anything to say in a legend."""
        return bool(self._legend_sections())

    def _legend_sections(self) -> list[LegendSection]:
        """Legend sections of the visible layers (see :mod:`dkgis.map.legend`)."""
        key = (self.render_scale, self._floor)
        if self._sections_memo is not None and key in self._sections_memo:
            return self._sections_memo[key]
        sections = self._build_legend_sections()
        if self._sections_memo is not None:
            self._sections_memo[key] = sections
        return sections

    @contextmanager
    def same_sections(self) -> Iterator[None]:
        """Within: the legend's sections are built once a size until something they say
        changes (an export's page tries the legend at many sizes)."""
        outer = self._sections_memo
        if outer is None:
            self._sections_memo = {}
        try:
            yield
        finally:
            if outer is None:
                self._sections_memo = None

    def _build_legend_sections(self) -> list[LegendSection]:
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

        Returns the columns (lists of ``(entry, height, lines)``: the entry's text in
        lines no wider than the compact legend's texts), each column's width, and the
        fonts and metrics used to paint them.
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

        def lines_of(text: str, metrics: QFontMetricsF) -> tuple[str, ...]:
            if self._wrap is None:
                return (text,)
            return tuple(wrap_lines(text, metrics, self._wrap, self._wrap))

        def row_entry(row) -> tuple:
            if isinstance(row, LegendBlock):
                return row, row.height + 2 * s, ()
            if row.note:
                lines = lines_of(row.text, nfm)
                return row, nfm.height() + 1 * s + (len(lines) - 1) * nfm.lineSpacing(), lines
            lines = lines_of(row.text, fm)
            return row, line + (len(lines) - 1) * fm.lineSpacing(), lines

        def entry_width(entry, lines) -> float:
            if isinstance(entry, LegendBlock):
                return entry.width
            metrics = hfm if isinstance(entry, LegendSection) else fm
            if isinstance(entry, LegendRow) and entry.note:
                metrics = nfm
            text_w = max(metrics.horizontalAdvance(text) for text in lines)
            if isinstance(entry, LegendRow) and not entry.note:
                return swatch + text_w
            return text_w

        # Flow headings and rows into columns, right to left, when the map is too
        # short; a heading never ends a column.
        entries: list[tuple] = []
        for i, section in enumerate(sections):
            heads = lines_of(section.heading, hfm)
            extra = (len(heads) - 1) * hfm.lineSpacing()
            entries.append((section, hfm.height() + 2 * s + (gap if i else 0.0) + extra, heads))
            entries.extend(row_entry(row) for row in section.rows)
        limit = (rect.bottom() - margin if bottom is None else bottom) - rect.top() - margin
        available = max(limit - 2 * pad, line * 3)
        columns: list[list[tuple]] = [[]]
        used = 0.0
        for k, (entry, h, lines) in enumerate(entries):
            if isinstance(entry, LegendSection) and columns[-1]:
                h_next = entries[k + 1][1] if k + 1 < len(entries) else 0.0
                needed = h + h_next
            else:
                needed = h
            if columns[-1] and used + needed > available:
                columns.append([])
                used = 0.0
            if isinstance(entry, LegendSection) and not columns[-1]:
                # No gap at the top of a column.
                h = hfm.height() + 2 * s + (len(lines) - 1) * hfm.lineSpacing()
            columns[-1].append((entry, h, lines))
            used += h
        widths = [
            2 * pad + max(entry_width(entry, lines) for entry, _, lines in column)
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
        uses the size chosen here (:attr:`legend_fit`).
        """
        base = self.render_scale
        self.legend_fit = None
        for factor in LEGEND_FACTORS:
            fit = self._fit_columns(base * factor, width, max_height, max_height * 0.25)
            if fit is None:
                return 0.0
            self.legend_fit = fit
            if fit.width <= width:
                break
        return min(self.legend_fit.height, max_height)

    @property
    def legend_fits(self) -> bool:
        """Whether the legend last fitted fits its room (no legend: it does)."""
        return self.legend_fit is None or self.legend_fit.fits

    def fit_compact_legend(
        self, width: float, height: float, *, beside: bool, floor: float
    ) -> LegendFit | None:
        """Fit the legend of a small page in ``width`` x ``height`` with fonts no smaller
        than ``floor`` (pixels at 96 dpi), long texts wrapped onto more lines if that
        helps (:data:`LEGEND_WRAPS`): beside the map, its columns fill the height and
        it is as narrow as it can be; under the map, it is as short as it can be within
        the width. Of the sizes within :data:`COMPACT_SLACK` of the best, the largest
        is taken. ``fits`` is false for a legend larger than ``width`` x ``height``
        (infinitely large if no size fits the height beside the map, or the width under
        it). ``None``: no legend. :meth:`paint_legend_in` paints the fit chosen.
        """
        base = self.render_scale
        fits: list[LegendFit] = []
        for factor in LEGEND_FACTORS:
            for wrap in (None, *LEGEND_WRAPS):
                self._floor, self._wrap = floor * base, None if wrap is None else wrap * base
                try:
                    start = height if beside else height * 0.25
                    fit = self._fit_columns(base * factor, width, height, start)
                finally:
                    self._floor, self._wrap = 0.0, None
                if fit is None:
                    self.legend_fit = None
                    return None
                if (fit.height <= height) if beside else (fit.width <= width):
                    fits.append(fit)
        if not fits:
            self.legend_fit = LegendFit(base, height, width=math.inf, height=math.inf, fits=False)
            return self.legend_fit

        def extent(fit: LegendFit) -> float:
            return fit.width if beside else fit.height

        best = min(extent(fit) for fit in fits) * (1 + COMPACT_SLACK) + 1
        chosen = next(fit for fit in fits if extent(fit) <= best)
        self.legend_fit = replace(chosen, fits=chosen.width <= width and chosen.height <= height)
        return self.legend_fit

    def _fit_columns(
        self, scale: float, width: float, max_height: float, start: float
    ) -> LegendFit | None:
        """The legend at ``scale`` in columns flowed from ``start`` up to ``max_height``
        until they fit in ``width`` (``None``: no legend)."""
        margin = style.MARGIN * self.render_scale
        base = self.render_scale
        height = max(start, 1.0)
        self.render_scale = scale
        try:
            while True:
                rect = QRectF(0, 0, width, height + 2 * margin)
                columns, widths, fonts = self._legend_columns(rect, margin)
                if not columns:
                    return None
                used = max(2 * fonts["pad"] + sum(e[1] for e in column) for column in columns)
                total = sum(widths) + margin / 2 * (len(widths) - 1)
                if total <= width or height >= max_height:
                    fits = total <= width and used <= max_height
                    return LegendFit(scale, height, self._floor, self._wrap, total, used, fits)
                height = min(height * 1.15, max_height)
        finally:
            self.render_scale = base

    def paint_legend_in(self, painter: QPainter, rect: QRectF) -> tuple[QRectF, ...]:
        """Paint the legend in ``rect`` (outside the map), columns left to right, at the
        size last fitted (:attr:`legend_fit`); return the columns' panels."""
        base = self.render_scale
        fit = self.legend_fit or LegendFit(base, rect.height())
        margin = style.MARGIN * base
        self.render_scale, self._floor, self._wrap = fit.scale, fit.floor, fit.wrap
        box = QRectF(rect.left(), rect.top() - margin, rect.width(), fit.flow + 2 * margin)
        painter.save()
        try:
            self._paint_legend(painter, box, margin, left_to_right=True)
            boxes = self._legend_boxes(box, margin, left_to_right=True)
        finally:
            painter.restore()
            self.render_scale, self._floor, self._wrap = base, 0.0, None
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
            height = 2 * pad + sum(e[1] for e in column)
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
            for entry, h, lines in column:
                painter.save()
                if isinstance(entry, LegendSection):
                    painter.setFont(head_font)
                    painter.setPen(QColor(style.TEXT))
                    last = y + h - 2 * s - hfm.descent()
                    for i, text in enumerate(lines):
                        step = (len(lines) - 1 - i) * hfm.lineSpacing()
                        painter.drawText(QPointF(x, last - step), text)
                elif isinstance(entry, LegendBlock):
                    entry.paint(painter, QRectF(x, y, entry.width, entry.height))
                elif entry.note:
                    painter.setFont(note_font)
                    painter.setPen(QColor(style.TEXT_MUTED))
                    for i, text in enumerate(lines):
                        painter.drawText(QPointF(x, y + nfm.ascent() + i * nfm.lineSpacing()), text)
                else:
                    first = h - (len(lines) - 1) * fm.lineSpacing()
                    if entry.swatch is not None:
                        entry.swatch(painter, QPointF(x + swatch / 2 - 3 * s, y + first / 2))
                    painter.setFont(font)
                    painter.setPen(QColor(style.TEXT))
                    baseline = y + first / 2 + (fm.ascent() - fm.descent()) / 2
                    for i, text in enumerate(lines):
                        painter.drawText(QPointF(x + swatch, baseline + i * fm.lineSpacing()), text)
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
