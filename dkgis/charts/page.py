"""Charts drawn off screen: into a page file (PNG, SVG, PDF), a picture, or any painter.

A chart is never grabbed from the screen: a chart widget is built at the size wanted
from the data, laid out without being shown (:func:`offscreen_view`), and its scene is
rendered into a QImage, a QSvgGenerator or a PDF writer (text kept as text,
:func:`render_scene`). A chart page file adds a title, units, notes and a source line
around the chart (:class:`ChartPage`), in the language of :mod:`dkgis.i18n`; files are
written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtWidgets import QAbstractGraphicsShapeItem, QWidget

from dkgis import wording
from dkgis.i18n import _
from dkgis.io.atomic import atomic_path
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.model.project import Project

FORMATS = ("png", "svg", "pdf")
MARGIN = 28.0
#: Pixels of the PNG per logical pixel of the page (2: sharp on slides, 192 dpi).
PNG_SCALE = 2.0


@dataclass(frozen=True)
class ChartPage:
    """What an exported chart file holds around the chart itself.

    Sizes are logical pixels at 96 dpi; the PNG has :data:`PNG_SCALE` times more.
    """

    title: str
    subtitle: str
    source: str
    notes: tuple[str, ...] = ()
    width: int = 1200
    height: int = 760

    def validate(self) -> None:
        """Raise ValueError for a page too small or too large to draw."""
        if not (400 <= self.width <= 8000 and 300 <= self.height <= 8000):
            raise ValueError(
                _("chart size {width} x {height} is outside 400-8000 x 300-8000 pixels").format(
                    width=self.width, height=self.height
                )
            )


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(px))
    font.setBold(bold)
    return font


TITLE_FONT = (22, True)
SUBTITLE_FONT = (14, False)
NOTE_FONT = (12, False)
SOURCE_FONT = (11, False)


def _text_blocks(page: ChartPage) -> tuple[list, list]:
    """The text blocks above and below the chart: (font, colour, text)."""
    top = [
        (_font(*TITLE_FONT), "#111111", page.title),
        (_font(*SUBTITLE_FONT), "#444444", page.subtitle),
    ]
    bottom = [(_font(*NOTE_FONT), "#444444", "• " + n) for n in page.notes]
    bottom.append((_font(*SOURCE_FONT), "#666666", page.source))
    return top, bottom


def _block_heights(painter: QPainter, blocks: Sequence, width: float) -> list[float]:
    heights = []
    for font, _colour, text in blocks:
        painter.setFont(font)
        rect = painter.boundingRect(QRectF(0, 0, width, 10000), int(Qt.TextFlag.TextWordWrap), text)
        heights.append(rect.height())
    return heights


def paint_page(
    painter: QPainter,
    page: ChartPage,
    make_view: Callable[[int, int], pg.GraphicsView],
    resolution_scale: float = 1.0,
) -> None:
    """Paint the page: texts with ``painter``, the chart from a view built at the right size."""
    w, h = float(page.width), float(page.height)
    inner = w - 2 * MARGIN
    painter.fillRect(QRectF(0, 0, w, h), QColor("#ffffff"))
    top, bottom = _text_blocks(page)
    top_h = _block_heights(painter, top, inner)
    bottom_h = _block_heights(painter, bottom, inner)
    y = MARGIN
    for (font, col, text), bh in zip(top, top_h, strict=True):
        _draw_text(painter, font, col, text, QRectF(MARGIN, y, inner, bh))
        y += bh + 4
    chart_top = y + 6
    chart_h = h - MARGIN - sum(bottom_h) - 6 * len(bottom) - chart_top
    if chart_h < 120:
        raise ValueError(_("the notes leave too little room for the chart: export a taller image"))
    view = make_view(round(w - 2 * MARGIN + 16), round(chart_h))
    try:
        target = QRectF(MARGIN - 8, chart_top, view.width(), view.height())
        render_scene(view, painter, target, resolution_scale)
    finally:
        discard_view(view)
    y = chart_top + chart_h + 6
    for (font, col, text), bh in zip(bottom, bottom_h, strict=True):
        _draw_text(painter, font, col, text, QRectF(MARGIN, y, inner, bh))
        y += bh + 6


def render_scene(
    view: pg.GraphicsView, painter: QPainter, target: QRectF, resolution_scale: float = 1.0
) -> None:
    """Render a chart view's items into ``painter`` (pyqtgraph export mode, no screen grab).

    ``target`` is in the painter's coordinates; ``resolution_scale`` is the painter's
    device pixels per pixel of the view. In export mode markers are drawn as vector paths
    instead of cached pixmaps, and markers and line widths (cosmetic pens, whose width is
    in device pixels) are scaled by ``resolution_scale``.
    """
    scene = view.scene()
    _lay_out_axes(view)
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    opts = {
        "antialias": True,
        "background": QColor("#ffffff"),
        "painter": painter,
        "resolutionScale": resolution_scale,
    }
    restore = _scale_pens(scene.items(), resolution_scale)
    try:
        for item in items:
            item.setExportMode(True, opts)
        scene.render(painter, target, QRectF(0, 0, view.width(), view.height()))
    finally:
        for item in items:
            item.setExportMode(False)
        for undo in reversed(restore):
            undo()


def _lay_out_axes(view: pg.GraphicsView) -> None:
    """Let the axes of a view that was never painted take the room of their labels.

    An axis measures its tick labels when it is first painted and only then widens; a
    chart laid out off screen is never painted, so its axes would keep their default
    width and clip the labels (the waterfall's measure names). One throwaway paint, then
    the layout it asks for.
    """
    image = QImage(max(view.width(), 1), max(view.height(), 1), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        view.scene().render(painter)
    finally:
        painter.end()
    QCoreApplication.sendPostedEvents()


def _wider(pen: QPen | None, factor: float) -> QPen | None:
    """A copy of a cosmetic ``pen`` ``factor`` times wider (``None``: leave it)."""
    if pen is None or not isinstance(pen, QPen) or not pen.isCosmetic():
        return None
    if pen.style() == Qt.PenStyle.NoPen:
        return None
    wide = QPen(pen)
    wide.setWidthF(max(pen.widthF(), 1.0) * factor)
    return wide


def _scale_pens(items: Iterable, factor: float) -> list[Callable[[], None]]:
    """Widen the cosmetic pens of chart items ``factor`` times; return the undo steps.

    A cosmetic pen is as wide in device pixels whatever the painter's scale, so a chart
    rendered at twice its size would have lines half as thick as on screen.
    """
    undo: list[Callable[[], None]] = []
    if abs(factor - 1.0) < 1e-9:
        return undo

    def set_key(opts: dict, key: str) -> None:
        wide = _wider(opts.get(key), factor)
        if wide is not None:
            old = opts[key]
            opts[key] = wide
            undo.append(lambda: opts.__setitem__(key, old))

    for item in items:
        if isinstance(item, (pg.PlotCurveItem, pg.PlotDataItem, pg.ScatterPlotItem)):
            for key in ("pen", "shadowPen", "symbolPen"):
                set_key(item.opts, key)
        elif isinstance(item, pg.InfiniteLine):
            old_pen, old_current = item.pen, item.currentPen
            wide = _wider(old_pen, factor)
            if wide is not None:
                item.pen = wide
                item.currentPen = _wider(old_current, factor) or old_current
                undo.append(lambda i=item, a=old_pen, b=old_current: _set_line(i, a, b))
        elif isinstance(item, (pg.AxisItem, QAbstractGraphicsShapeItem)):
            wide = _wider(item.pen(), factor)
            if wide is not None:
                old = item.pen()
                item.setPen(wide)
                undo.append(lambda i=item, p=old: i.setPen(p))
        swatch = getattr(item, "legend_swatch", None)
        if swatch is not None:
            wide = _wider(swatch[0], factor)
            if wide is not None:
                item.legend_swatch = (wide, swatch[1])
                undo.append(lambda i=item, s=swatch: setattr(i, "legend_swatch", s))
    return undo


def _set_line(line: pg.InfiniteLine, pen: QPen, current: QPen) -> None:
    line.pen, line.currentPen = pen, current


def discard_view(view: QWidget) -> None:
    """Hide a chart view drawn off screen and have Qt delete it.

    Not pyqtgraph's ``close()``: it clears the scene under items Python still holds.
    """
    view.hide()
    view.deleteLater()


def view_image(view: pg.GraphicsView, scale: float) -> QImage:
    """The chart of ``view`` as a picture ``scale`` times its size in pixels.

    The picture says ``96 * scale`` dpi, so that slides size it as on screen.
    """
    width, height = view.width(), view.height()
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
    if image.isNull():
        raise MemoryError(f"cannot allocate a {image.width()} x {image.height()} chart picture")
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        render_scene(view, painter, QRectF(0, 0, width, height), scale)
    finally:
        painter.end()
    # Only now: fonts in points would grow with the image's resolution.
    dpm = round(96 * scale / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    return image


def _draw_text(painter: QPainter, font: QFont, colour: str, text: str, rect: QRectF) -> None:
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text)


def offscreen_view(view: QWidget, width: int, height: int) -> QWidget:
    """Lay a chart widget out at a size without showing it on screen."""
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    # Its scene is rendered where it is wanted; the widget itself is never painted.
    view.setUpdatesEnabled(False)
    view.resize(width, height)
    view.show()
    QCoreApplication.sendPostedEvents()
    return view


def export_page(
    page: ChartPage, make_view: Callable[[int, int], pg.GraphicsView], path: str | Path
) -> Path:
    """Write a chart page to ``path``; the suffix (``.png``, ``.svg`` or ``.pdf``) picks the
    format.

    Raises
    ------
    ValueError
        For an unknown suffix or an impossible size.
    OSError
        When the file cannot be written (the previous file, if any, is kept).
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(
            _("{name}: unknown chart format {suffix} (use .png, .svg or .pdf)").format(
                name=path.name, suffix=repr(path.suffix)
            )
        )
    page.validate()
    writers = {"png": _write_png, "svg": _write_svg, "pdf": _write_pdf}
    with atomic_path(path) as tmp:
        writers[fmt](page, make_view, tmp)
    return path


def _write_png(page: ChartPage, make_view, tmp: Path) -> None:
    image = QImage(
        round(page.width * PNG_SCALE), round(page.height * PNG_SCALE), QImage.Format.Format_ARGB32
    )
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(PNG_SCALE, PNG_SCALE)
        paint_page(painter, page, make_view, PNG_SCALE)
    finally:
        painter.end()
    # Fonts are laid out at 96 dpi and scaled; the file says 192 dpi so slides size it right.
    dpm = round(96 * PNG_SCALE / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    if not image.save(str(tmp), "PNG"):
        raise OSError(5, _("the image could not be written"), str(tmp))


def _write_svg(page: ChartPage, make_view, tmp: Path) -> None:
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(tmp))
    gen.setSize(QSize(page.width, page.height))
    gen.setViewBox(QRectF(0, 0, page.width, page.height))
    gen.setResolution(96)
    gen.setTitle(xml_safe_text(page.title))
    gen.setDescription(xml_safe_text(page.source))
    _paint_on(gen, page, make_view, _("the SVG file could not be opened for writing"), tmp)


def _write_pdf(page: ChartPage, make_view, tmp: Path) -> None:
    """One PDF page the size of the chart page (96 px to the inch), text kept as text."""
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(str(tmp))
    writer.setResolution(96)
    points = QSizeF(page.width * 72 / 96, page.height * 72 / 96)
    size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    writer.setTitle(xml_safe_text(page.title))
    writer.setCreator("dkgis")
    _paint_on(writer, page, make_view, _("the PDF file could not be opened for writing"), tmp)


def _paint_on(device, page: ChartPage, make_view, failure: str, tmp: Path) -> None:
    """Paint ``page`` on a vector ``device`` (SVG or PDF writer); ``failure`` says why
    when the device cannot be opened."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(5, failure, str(tmp))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_page(painter, page, make_view)
    finally:
        painter.end()


# -- source lines ----------------------------------------------------------------------
def source_line(
    project: Project, roles: Iterable[tuple[str, str]], scenario: str | None = None
) -> str:
    """``Source: ...`` naming each source with its credit and data vintage.

    Parameters
    ----------
    roles
        ``(source id, what the chart takes from it)`` pairs, e.g.
        ``("eutl_verified", "EU ETS verified emissions 2005–2022")``.
    scenario
        The scenario of the projections drawn, if any.
    """
    parts: list[str] = []
    seen: dict[str, int] = {}
    for sid, role in roles:
        source = project.sources.get(sid)
        if source is None:
            continue
        credit = source.attribution or source.title
        if credit in seen:
            continue
        seen[credit] = len(parts)
        parts.append(
            _("{role}: {credit}, data of {vintage}").format(
                role=role, credit=credit, vintage=source.vintage
            )
        )
    if scenario:
        parts.append(
            _("projections: dkgis, {scenario}").format(scenario=wording.scenario_phrase(scenario))
        )
    return _("Source: {parts}.").format(parts=wording.list_separator().join(parts))


def verified_role(years: Sequence[int]) -> str:
    """``EU ETS verified emissions 2005–2022``."""
    if not len(years):
        return _("EU ETS verified emissions")
    return _("EU ETS verified emissions {first}–{last}").format(
        first=int(min(years)), last=int(max(years))
    )


def source_roles(project: Project, source_ids: Iterable[str], years: Sequence[int]) -> list:
    """What a site chart takes from each of its sources."""
    roles = []
    for sid in source_ids:
        if sid == "eutl_verified":
            roles.append((sid, verified_role(years)))
        elif sid.startswith("irep"):
            roles.append((sid, _("IREP register")))
        elif sid in ("announcements", "facts_2", "iea_ccus"):
            roles.append((sid, _("measures and targets")))
        else:
            roles.append((sid, _("reported values")))
    return roles
