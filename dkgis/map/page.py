"""The page around an exported map: title band, chart or legend panel, and the footer
with the data sources and the date.

A snapshot with only a map fills the page with the map (its title is a panel on
the map, as on screen); a legend too large to sit over the map without covering
the title or the scale bar gets a panel of its own beside the map (under it on
portrait pages); sources and date add a footer band below. The "map + chart"
layout puts the title in a band across the top, the map on the left and a chart
on the right. Sizes are pixels at 96 dpi times the render scale, like every
decoration.

A small page, whose texts at their size would leave the map too little of it (see
:func:`crowded`), is laid out compact: its texts no smaller than :data:`TEXT_FLOOR`,
the legend's long texts wrapped so that its panel stays narrow, the sources named by
publisher and licence, the title on up to two lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from dkgis import wording
from dkgis.i18n import format_date
from dkgis.map import style
from dkgis.model.snapshot import LAYOUT_MAP_CHART

if TYPE_CHECKING:
    from dkgis.map.decorations import DecorationsItem
    from dkgis.map.labels_item import PlacedName
    from dkgis.model.snapshot import SnapshotSpec

#: Paints a chart into a rectangle of the page.
#:
#: Called as ``chart(painter, rect, scale)``: ``rect`` is in the painter's current
#: coordinates (device pixels of the page), ``scale`` multiplies screen sizes (pixels
#: at 96 dpi) of text and lines. The painter may be an image, an SVG generator or a
#: PDF writer: paint shapes and text, not pictures, and leave the painter's state as
#: it was found (``painter.save()``/``restore()``).
ChartPainter = Callable[[QPainter, QRectF, float], None]

#: Share of the page width given to the chart in the map + chart layout.
CHART_SHARE = 0.42
#: Pages narrower than this aspect ratio put the chart under the map, not beside it.
STACK_BELOW_ASPECT = 1.15
#: At most this share of the chart panel's height goes to the map's legend.
LEGEND_SHARE_MAX = 0.55
#: A legend panel beside the map takes at most this share of the page's width (under
#: the map: of its height).
LEGEND_PANEL_MAX = 0.4
#: ...unless the legend at its smallest needs more, up to this share.
LEGEND_PANEL_LIMIT = 0.6
#: Font sizes of the page texts, pixels at 96 dpi.
FOOTER_SIZE = 8.0
#: The smallest size of a page text on a small page, pixels at 96 dpi (some 5.5 pt).
TEXT_FLOOR = 7.0
#: A page whose map covers less than this share of it is laid out compact...
MAP_SHARE_MIN = 0.55
#: ...and so is a page whose footer takes more than this share of its height.
FOOTER_SHARE_MAX = 0.13
#: A legend panel beside the map of a compact page takes at most this share of the width.
LEGEND_PANEL_COMPACT = 0.4
#: A map + chart page whose title band and footer take more than this share of its
#: height is laid out compact.
BANDS_SHARE_MAX = 0.25
#: The title and subtitle sizes of the title band of a compact page, pixels at 96 dpi.
COMPACT_HEADER_SIZES = (14.0, 9.0)
#: On a compact page, the chart is drawn at this share of its size.
COMPACT_CHART_SCALE = 0.7
PAGE_BACKGROUND = "#ffffff"
RULE_COLOUR = "#d0d0d0"


def _font(size: float, scale: float, bold: bool = False) -> QFont:
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(max(1, round(size * scale)))
    font.setBold(bold)
    return font


def wrap_words(text: str, fm: QFontMetricsF, width: float, separator: str = " · ") -> list[str]:
    """Break ``text`` into lines no wider than ``width``: at separators, then at spaces."""
    lines: list[str] = []
    current = ""
    for part in text.split(separator):
        candidate = f"{current}{separator}{part}" if current else part
        if fm.horizontalAdvance(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current + separator.rstrip())
            current = part
    if current:
        lines.append(current)
    # A single part wider than the page: break it at spaces.
    out: list[str] = []
    for line in lines:
        while fm.horizontalAdvance(line) > width and " " in line:
            words = line.split(" ")
            head = words[0]
            k = 1
            while k < len(words) and fm.horizontalAdvance(f"{head} {words[k]}") <= width:
                head = f"{head} {words[k]}"
                k += 1
            out.append(head)
            line = " ".join(words[k:])
        out.append(line)
    return out


def wrap_lines(text: str, fm: QFontMetricsF, first_width: float, width: float) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``first_width`` (the first line)
    and ``width`` (the others); a word wider than its line stays whole."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        limit = width if lines else first_width
        if current and fm.horizontalAdvance(candidate) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class PageLayout:
    """Where each part of the page goes, in device pixels.

    :func:`page_layout` places the bands and panels; the renderer
    (:func:`dkgis.map.render.render_to_painter`) adds what it drew: the extent, the
    scale bar's distance and the decorations' rectangles, so that two renders of
    one spec (a preview and its file) can be compared.
    """

    page: QRectF
    map: QRectF
    header: QRectF | None = None
    chart: QRectF | None = None
    footer: QRectF | None = None
    #: The panel of the legend beside (or under) the map, when it is not over it.
    legend: QRectF | None = None
    #: The footer's lines of sources and credits, and its date text.
    source_lines: tuple[str, ...] = ()
    date_text: str = ""
    #: The extent drawn (EPSG:3857), once rendered.
    extent: tuple[float, float, float, float] | None = None
    #: The scale bar's distance (``"2 km"``), once rendered.
    scale_label: str = ""
    #: The title panel and the legend's column panels, in page pixels, once rendered.
    title_box: QRectF | None = None
    legend_boxes: tuple[QRectF, ...] = ()
    #: The names drawn on the map (facilities and places), in page pixels, once rendered.
    names: tuple[PlacedName, ...] = ()
    #: A small page: page texts at their smallest readable size, sources in short.
    compact: bool = False
    #: The page would have a legend but is too small to carry it readable: it has none.
    legend_left_out: bool = False

    @property
    def title_on_map(self) -> bool:
        """Whether the title is a panel over the map (no title band)."""
        return self.header is None


def footer_size(compact: bool) -> float:
    """The footer's font size, pixels at 96 dpi."""
    return TEXT_FLOOR if compact else FOOTER_SIZE


def page_layout(
    spec: SnapshotSpec,
    credits: Sequence[str] = (),
    legend: tuple[float, float] | None = None,
    *,
    compact: bool = False,
) -> PageLayout:
    """Lay out the page of ``spec``: the map, and the title band, chart, legend panel
    and footer if any.

    Parameters
    ----------
    spec
        The snapshot.
    credits
        Credit lines of the drawn layers: printed in the footer, when there is one
        (sources or date), instead of over the map.
    legend
        Width and height of a legend panel beside the map (``None``: the legend, if
        any, is over the map or in the chart panel). The panel takes the width on a
        landscape page and the height, under the map, on a portrait one.
    compact
        Lay out a small page (see :func:`crowded`): the footer's texts at
        :data:`TEXT_FLOOR`, its sources in short (each publisher and its licence),
        the date on its first line only.
    """
    s = spec.render_scale
    width, height = float(spec.width), float(spec.height)
    page = QRectF(0, 0, width, height)
    pad = style.MARGIN * s
    top, bottom = 0.0, height
    header = None
    if spec.layout == LAYOUT_MAP_CHART and (spec.title or spec.subtitle):
        header = QRectF(0, 0, width, _header_height(spec, compact))
        top = header.bottom()
    footer = None
    date_text = format_date(spec.date) if spec.date is not None else ""
    sources_footer = wording.compact_sources_footer if compact else wording.sources_footer
    source_text = sources_footer(spec.sources)
    lines: tuple[str, ...] = ()
    if date_text or source_text:
        fm = QFontMetricsF(_font(footer_size(compact), s))
        date_w = fm.horizontalAdvance(date_text) + 3 * pad if date_text else 0.0
        available = max(width - 2 * pad - date_w, width * 0.3)
        if compact:
            texts = [source_text, wording.credits_footer(credits)]
            lines = tuple(
                line
                for text in texts
                if text
                for line in wrap_lines(text, fm, available, width - 2 * pad)
            )
        else:
            lines = tuple(wrap_words(source_text, fm, available)) if source_text else ()
            if credits:
                lines += tuple(wrap_words(wording.credits_footer(credits), fm, available))
        rows = max(len(lines), 1)
        footer_h = rows * fm.lineSpacing() + 2 * pad * footer_padding(compact)
        footer = QRectF(0, height - footer_h, width, footer_h)
        bottom = footer.top()
    body = QRectF(0, top, width, max(bottom - top, 1.0))
    chart = None
    map_rect = body
    if spec.layout == LAYOUT_MAP_CHART and width >= height * STACK_BELOW_ASPECT:
        chart_w = round(width * CHART_SHARE)
        map_rect = QRectF(0, top, width - chart_w, body.height())
        chart = QRectF(map_rect.right(), top, chart_w, body.height())
    elif spec.layout == LAYOUT_MAP_CHART:  # portrait pages: the chart under the map
        chart_h = round(body.height() * CHART_SHARE)
        map_rect = QRectF(0, top, width, body.height() - chart_h)
        chart = QRectF(0, map_rect.bottom(), width, chart_h)
    legend_rect = None
    if legend is not None and chart is None:
        edges = legend_panel_edges(compact) * pad
        if width >= height * STACK_BELOW_ASPECT:
            # Never narrower than the legend at its smallest (a very small page).
            legend_w = round(min(legend[0] + edges, width * LEGEND_PANEL_LIMIT))
            map_rect = QRectF(0, top, width - legend_w, body.height())
            legend_rect = QRectF(map_rect.right(), top, legend_w, body.height())
        else:
            cap = LEGEND_PANEL_LIMIT if compact else LEGEND_PANEL_MAX
            legend_h = round(min(legend[1] + edges, body.height() * cap))
            map_rect = QRectF(0, top, width, body.height() - legend_h)
            legend_rect = QRectF(0, map_rect.bottom(), width, legend_h)
    # Whole pixels: map symbols are snapped to the device pixel grid. The map's edges are
    # rounded, not its size, so that it reaches under the title band, the footer, the
    # chart or the legend (painted over it) by half a pixel at most.
    left, top_px = round(map_rect.left()), round(map_rect.top())
    map_rect = QRectF(
        left,
        top_px,
        max(1, round(map_rect.right()) - left),
        max(1, round(map_rect.bottom()) - top_px),
    )
    return PageLayout(
        page,
        map_rect,
        header,
        chart,
        footer,
        legend_rect,
        lines,
        date_text=date_text,
        compact=compact,
    )


def crowded(layout: PageLayout) -> bool:
    """Whether the page texts of ``layout`` leave the map too little of the page: its
    footer is taller than :data:`FOOTER_SHARE_MAX` of it, its map covers less than
    :data:`MAP_SHARE_MIN` of it, or, beside a chart, the title band and the footer
    take more than :data:`BANDS_SHARE_MAX` of its height. Such a page is laid out again
    compact."""
    page = layout.page
    footer = layout.footer.height() if layout.footer is not None else 0.0
    if footer > FOOTER_SHARE_MAX * page.height():
        return True
    if layout.chart is not None:  # the chart is no page text: the title band and footer
        header = layout.header.height() if layout.header is not None else 0.0
        return header + footer > BANDS_SHARE_MAX * page.height()
    return layout.map.width() * layout.map.height() < MAP_SHARE_MIN * page.width() * page.height()


def footer_padding(compact: bool) -> float:
    """The footer's padding above and below its lines, a share of the margin."""
    return 0.4 if compact else 0.6


def _header_fonts(scale: float, compact: bool) -> tuple[QFont, QFont, float]:
    """The title and subtitle fonts of the title band, and its padding."""
    if compact:
        title_size, subtitle_size = COMPACT_HEADER_SIZES
        pad = style.MARGIN * scale * 0.6
    else:
        title_size, subtitle_size = style.TITLE_SIZE + 3, style.SUBTITLE_SIZE + 1
        pad = style.MARGIN * scale
    return _font(title_size, scale, True), _font(subtitle_size, scale), pad


def _header_height(spec: SnapshotSpec, compact: bool) -> float:
    s = spec.render_scale
    title_font, sub_font, pad = _header_fonts(s, compact)
    height = 2 * pad
    if spec.title:
        height += QFontMetricsF(title_font).height()
    if spec.subtitle:
        height += QFontMetricsF(sub_font).height() + 2 * s
    return height


def paint_header(
    painter: QPainter, spec: SnapshotSpec, rect: QRectF, *, compact: bool = False
) -> None:
    """The title band of the map + chart layout."""
    s = spec.render_scale
    painter.save()
    painter.fillRect(rect, QColor(PAGE_BACKGROUND))
    title_font, sub_font, pad = _header_fonts(s, compact)
    tfm, sfm = QFontMetricsF(title_font), QFontMetricsF(sub_font)
    inner = rect.width() - 2 * pad
    y = rect.top() + pad
    if spec.title:
        painter.setFont(title_font)
        painter.setPen(QColor(style.TEXT))
        text = tfm.elidedText(spec.title, Qt.TextElideMode.ElideRight, inner)
        painter.drawText(QPointF(rect.left() + pad, y + tfm.ascent()), text)
        y += tfm.height() + 2 * s
    if spec.subtitle:
        painter.setFont(sub_font)
        painter.setPen(QColor(style.TEXT_MUTED))
        text = sfm.elidedText(spec.subtitle, Qt.TextElideMode.ElideRight, inner)
        painter.drawText(QPointF(rect.left() + pad, y + sfm.ascent()), text)
    _rule(painter, rect.left(), rect.right(), rect.bottom(), s)
    painter.restore()


def paint_footer(painter: QPainter, spec: SnapshotSpec, layout: PageLayout) -> None:
    """The footer band: sources (wrapped, left) and the date (right)."""
    rect = layout.footer
    if rect is None:
        return
    s = spec.render_scale
    pad = style.MARGIN * s
    font = _font(footer_size(layout.compact), s)
    fm = QFontMetricsF(font)
    painter.save()
    painter.fillRect(rect, QColor(PAGE_BACKGROUND))
    _rule(painter, rect.left(), rect.right(), rect.top(), s)
    painter.setFont(font)
    painter.setPen(QColor(style.TEXT_MUTED))
    y = rect.top() + pad * footer_padding(layout.compact) + fm.ascent()
    for i, line in enumerate(layout.source_lines):
        painter.drawText(QPointF(rect.left() + pad, y + i * fm.lineSpacing()), line)
    if layout.date_text:
        x = rect.right() - pad - fm.horizontalAdvance(layout.date_text)
        painter.drawText(QPointF(x, y), layout.date_text)
    painter.restore()


def fit_chart_legend(
    spec: SnapshotSpec, rect: QRectF, legend: DecorationsItem, *, compact: bool = False
) -> float:
    """Fit the map's legend under the chart of the chart panel ``rect``, in at most
    :data:`LEGEND_SHARE_MAX` of it; return its height (0: none). On a ``compact`` page
    its texts stay at :data:`TEXT_FLOOR` or larger: a legend that does not fit so is
    left out (the chart keeps its room)."""
    inner = panel_inner(rect, spec.render_scale)
    room = (inner.width(), inner.height() * LEGEND_SHARE_MAX)
    if not compact:
        return legend.fit_legend(*room)
    fit = legend.fit_compact_legend(*room, beside=False, floor=TEXT_FLOOR)
    if fit is None or fit.fits:
        return 0.0 if fit is None else fit.height
    legend.legend_fit = None
    return 0.0


def paint_chart_panel(
    painter: QPainter,
    spec: SnapshotSpec,
    rect: QRectF,
    chart: ChartPainter | None,
    legend: DecorationsItem | None = None,
    *,
    compact: bool = False,
) -> tuple[QRectF, ...]:
    """The right panel of the map + chart layout: the chart, and the map's legend
    under it (in columns), on white, with a rule on its left; returns the legend's
    column panels. On a ``compact`` page the legend is fitted as
    :func:`fit_chart_legend` says."""
    s = spec.render_scale
    pad = style.MARGIN * s
    painter.save()
    painter.fillRect(rect, QColor(PAGE_BACKGROUND))
    if rect.left() > 0:  # beside the map, else under it
        _rule(painter, rect.left(), rect.left(), rect.top(), s, vertical_to=rect.bottom())
    else:
        _rule(painter, rect.left(), rect.right(), rect.top(), s)
    painter.restore()
    inner = panel_inner(rect, s)
    boxes: tuple[QRectF, ...] = ()
    if legend is not None:
        legend_h = fit_chart_legend(spec, rect, legend, compact=compact)
        if legend_h > 0:
            boxes = legend.paint_legend_in(
                painter, QRectF(inner.left(), inner.bottom() - legend_h, inner.width(), legend_h)
            )
            inner.setBottom(inner.bottom() - legend_h - pad)
    if chart is not None and inner.width() > 10 and inner.height() > 10:
        painter.save()
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        chart(painter, inner, s * COMPACT_CHART_SCALE if compact else s)
        painter.restore()
    return boxes


def legend_panel_edges(compact: bool) -> float:
    """The margins of a legend panel across it (beside the map: left and right; under
    it: top and bottom), in margins (:data:`dkgis.map.style.MARGIN`)."""
    return 1.5 if compact else 2.5


def panel_inner(rect: QRectF, scale: float, compact: bool = False) -> QRectF:
    """The room inside the panel ``rect`` beside (or under) the map: of the legend, or
    of the chart and the legend."""
    pad = style.MARGIN * scale
    inside = legend_panel_edges(compact) - 1.0  # the margin next to the map
    if rect.left() > 0:
        return rect.adjusted(inside * pad, pad, -pad, -pad)
    return rect.adjusted(pad, inside * pad, -pad, -pad)


def paint_legend_panel(
    painter: QPainter,
    spec: SnapshotSpec,
    rect: QRectF,
    legend: DecorationsItem,
    *,
    compact: bool = False,
) -> tuple[QRectF, ...]:
    """The legend's panel beside (or under) the map: the legend in columns, from the
    top, on white, with a rule between it and the map, as the page's layout fitted it
    (:attr:`DecorationsItem.legend_fit`); returns the columns' panels."""
    s = spec.render_scale
    painter.save()
    painter.fillRect(rect, QColor(PAGE_BACKGROUND))
    if rect.left() > 0:
        _rule(painter, rect.left(), rect.left(), rect.top(), s, vertical_to=rect.bottom())
    else:
        _rule(painter, rect.left(), rect.right(), rect.top(), s)
    painter.restore()
    inner = panel_inner(rect, s, compact)
    fit = legend.legend_fit  # fitted in this room by the page's layout
    height = min(fit.height, inner.height()) if fit is not None else 0.0
    if height <= 0:
        return ()
    return legend.paint_legend_in(painter, QRectF(inner.left(), inner.top(), inner.width(), height))


def _rule(
    painter: QPainter,
    x0: float,
    x1: float,
    y: float,
    scale: float,
    vertical_to: float | None = None,
) -> None:
    pen = QPen(QColor(RULE_COLOUR))
    pen.setWidthF(max(0.8 * scale, 0.5))
    painter.setPen(pen)
    if vertical_to is None:
        painter.drawLine(QPointF(x0, y), QPointF(x1, y))
    else:
        painter.drawLine(QPointF(x0, y), QPointF(x0, vertical_to))
