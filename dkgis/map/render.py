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

from dkgis import wording
from dkgis.i18n import _
from dkgis.map import style
from dkgis.map.decorations import DecorationOptions
from dkgis.map.framing import keep_on_land, past_land_edge
from dkgis.map.page import (
    LEGEND_PANEL_COMPACT,
    LEGEND_PANEL_LIMIT,
    LEGEND_PANEL_MAX,
    STACK_BELOW_ASPECT,
    TEXT_FLOOR,
    ChartPainter,
    PageLayout,
    crowded,
    fit_chart_legend,
    legend_panel_edges,
    page_layout,
    paint_chart_panel,
    paint_footer,
    paint_header,
    paint_legend_panel,
    panel_inner,
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
    "render_image_layout",
    "render_pdf",
    "render_pdf_layout",
    "render_preview",
    "render_svg",
    "render_svg_layout",
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
        ``spec.height`` pixels (device-independent pixels: a device with a pixel
        ratio below 1 gets the same page, smaller, see :func:`render_preview`).
    painter
        An active painter on an image, an SVG generator or a PDF writer.
    vector
        Paint symbols as shapes and labels as text, never as pictures (SVG, PDF).
    chart
        Paints the chart of the map + chart layout (see :data:`ChartPainter`).

    Returns
    -------
    PageLayout
        Where the map, chart, legend, title band and footer went, the extent drawn and
        the scale bar's distance.
    """
    spec.validate()
    credits: list[str] = []
    shown = spec.decorations
    if shown.attribution and spec.date is not None and not spec.sources:
        # A footer without the sources line: the credits go there rather than over the map.
        credits = list(wording.source_entries(project, spec.frame.layers))
    layout = page_layout(spec, credits)
    content = QGraphicsRectItem()  # an empty item that only carries the map transform
    content.setPen(QColor(0, 0, 0, 0))
    # Not even an empty rectangle: PDF readers complain of an empty path.
    content.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
    options = DecorationOptions(
        # The sources line or the footer's credits name every source: no credits box.
        shown=replace(shown, attribution=shown.attribution and not (credits or spec.sources)),
        title=spec.title if layout.title_on_map else None,
        subtitle=spec.subtitle if layout.title_on_map else None,
        legend_on_map=layout.chart is None,
        legend_years=spec.legend_years,
    )
    layers = MapLayers(project, content, options, spec.frame)
    try:
        if vector:
            layers.set_vector(True)
        layers.set_render_scale(spec.render_scale)
        with layers.decorations.same_sections():
            layout = _lay_out(project, spec, layers, credits, layout)
            return _paint_page(project, spec, painter, layers, content, layout, chart)
    finally:
        layers.disconnect()


def _lay_out(
    project: Project,
    spec: SnapshotSpec,
    layers: MapLayers,
    credits: list[str],
    layout: PageLayout,
) -> PageLayout:
    """The page's ``layout`` with the legend placed, laid out again compact if the page
    is small."""
    options = layers.decorations.options
    shown = spec.decorations
    if options.legend_on_map and shown.legend:
        layout = _place_legend(project, spec, credits, layers, layout)
    if layout.chart is None:
        if crowded(layout) or _legend_cramped(layers, spec):
            layout = _compact_page(project, spec, credits, layers, options)
    else:
        if shown.legend:
            fit_chart_legend(spec, layout.chart, layers.decorations)
        # Beside a chart, a legend that fits only smaller than LEGEND_FACTOR_MIN
        # keeps the page as it is: the slide and paper pages draw it so.
        if crowded(layout) or not layers.decorations.legend_fits:
            layout = page_layout(spec, credits, compact=True)
    return layout


def _place_legend(
    project: Project,
    spec: SnapshotSpec,
    credits: list[str],
    layers: MapLayers,
    layout: PageLayout,
) -> PageLayout:
    """The page layout with the legend over the map when it fits there (clear of the
    title, north arrow and scale bar, not too wide, and without moving the map past
    the edge of the basemap), else in a panel beside the map."""
    decorations = layers.decorations
    if _legend_over_map(project, spec, layers, layout):
        return layout
    decorations.set_options(replace(decorations.options, legend_on_map=False))
    pad = style.MARGIN * spec.render_scale
    if spec.width >= spec.height * STACK_BELOW_ASPECT:
        max_width = spec.width * LEGEND_PANEL_MAX - 2.5 * pad
        size = decorations.legend_panel_size(layout.map.height() - 2 * pad, max_width)
    else:
        inner_w = spec.width - 2 * pad
        size = (inner_w, decorations.fit_legend(inner_w, layout.map.height() * LEGEND_PANEL_MAX))
    layout = page_layout(spec, credits, legend=size)
    if layout.legend is not None:  # measure the legend in its panel, as it is painted
        inner = panel_inner(layout.legend, spec.render_scale)
        decorations.fit_legend(inner.width(), inner.height())
    return layout


def _legend_over_map(
    project: Project, spec: SnapshotSpec, layers: MapLayers, layout: PageLayout
) -> bool:
    """Whether the legend fits over the map of ``layout`` (clear of the title, north arrow
    and scale bar, not too wide) without moving the map past the edge of the basemap."""
    width, height = int(layout.map.width()), int(layout.map.height())
    fitted = fit_extent(spec.frame.extent, width, height)
    layers.set_view(fitted, width, height)
    if not layers.decorations.legend_fits_on_map():
        return False
    extent = _frame(project, spec, layers, width, height)
    return _on_basemap(project, spec, fitted, extent)


#: The title panel of a small page may take this share of the map's width, and its
#: title and subtitle this many lines each.
COMPACT_TITLE_WIDTH = 0.75
COMPACT_TITLE_LINES = 2


#: A legend in its panel drawn smaller than this share of its size has notes smaller
#: than some :data:`TEXT_FLOOR`: the page is laid out compact.
LEGEND_FACTOR_MIN = 0.8


def _legend_cramped(layers: MapLayers, spec: SnapshotSpec) -> bool:
    """Whether the legend in its panel does not fit, or only below
    :data:`LEGEND_FACTOR_MIN` of its size."""
    fit = layers.decorations.legend_fit
    if fit is None:
        return False
    return not fit.fits or fit.scale < spec.render_scale * LEGEND_FACTOR_MIN - 1e-9


def _compact_page(
    project: Project,
    spec: SnapshotSpec,
    credits: list[str],
    layers: MapLayers,
    options: DecorationOptions,
) -> PageLayout:
    """The layout of a small page: page texts at their smallest readable size, the
    sources in short, and the legend over the map if it fits there, else in a panel
    as narrow (or, under the map, as short) as its texts wrapped onto more lines
    allow. A legend that still needs more than :data:`LEGEND_PANEL_LIMIT` of the page
    at that size is left out rather than cut: the page is too small to carry it."""
    decorations = layers.decorations
    options = replace(options, title_width=COMPACT_TITLE_WIDTH, title_lines=COMPACT_TITLE_LINES)
    decorations.set_options(options)
    layout = page_layout(spec, credits, compact=True)
    if not (options.legend_on_map and spec.decorations.legend):
        return layout
    if _legend_over_map(project, spec, layers, layout):
        return layout
    decorations.set_options(replace(options, legend_on_map=False))
    pad = style.MARGIN * spec.render_scale
    edges = legend_panel_edges(compact=True) * pad
    if spec.width >= spec.height * STACK_BELOW_ASPECT:
        # As narrow as it goes in the map's height: a legend wider than the room it is
        # given may still take up to the limit.
        room = (spec.width * LEGEND_PANEL_COMPACT - edges, layout.map.height() - 2 * pad)
        fit = decorations.fit_compact_legend(*room, beside=True, floor=TEXT_FLOOR)
        if fit is not None and fit.width <= spec.width * LEGEND_PANEL_LIMIT - edges:
            return page_layout(spec, credits, legend=(fit.width, fit.height), compact=True)
    else:
        for share in (LEGEND_PANEL_MAX, LEGEND_PANEL_LIMIT):
            room = (spec.width - 2 * pad, layout.map.height() * share - edges)
            fit = decorations.fit_compact_legend(*room, beside=False, floor=TEXT_FLOOR)
            if fit is not None and fit.fits:
                return page_layout(spec, credits, legend=(room[0], fit.height), compact=True)
    decorations.legend_fit = None  # no legend, or too large for the page
    return layout


def _paint_page(
    project: Project,
    spec: SnapshotSpec,
    painter: QPainter,
    layers: MapLayers,
    content: QGraphicsRectItem,
    layout: PageLayout,
    chart: ChartPainter | None,
) -> PageLayout:
    target = layout.map
    width, height = int(target.width()), int(target.height())
    scene = QGraphicsScene(0, 0, width, height)
    scene.addItem(content)
    scene.addItem(layers.decorations)
    shown = spec.decorations
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        extent = _frame(project, spec, layers, width, height)
        content.setTransform(map_transform(extent, width, height))
        painter.save()
        painter.fillRect(target, QColor(style.SEA))
        scene.render(painter, target, QRectF(0, 0, width, height))
        painter.restore()
        if layout.header is not None:
            paint_header(painter, spec, layout.header, compact=layout.compact)
        legend_boxes: tuple[QRectF, ...] = ()
        if layout.chart is not None:
            decorations = layers.decorations if shown.legend else None
            legend_boxes = paint_chart_panel(
                painter, spec, layout.chart, chart, decorations, compact=layout.compact
            )
        elif layout.legend is not None:
            legend_boxes = paint_legend_panel(
                painter, spec, layout.legend, layers.decorations, compact=layout.compact
            )
        paint_footer(painter, spec, layout)
    finally:
        painter.restore()
    drawn = layers.decorations.layout()
    offset = target.topLeft()
    boxes = tuple(box.translated(offset) for box in drawn.legend) + legend_boxes
    return replace(
        layout,
        legend_left_out=shown.legend and not boxes and layers.decorations.has_legend,
        extent=tuple(extent),
        scale_label=drawn.scale_label,
        title_box=drawn.title.translated(offset) if drawn.title is not None else None,
        legend_boxes=boxes,
        names=tuple(layers.labels.placed),
    )


def _frame(project: Project, spec: SnapshotSpec, layers: MapLayers, width: int, height: int):
    """The extent drawn: the spec's, fitted to the map, and moved out from under the
    legend when the legend would hide facilities, kept on the basemap's land."""
    extent = _on_land(project, spec, fit_extent(spec.frame.extent, width, height))
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
    shifted = (fitted[0], fitted[1], fitted[0] + width * upp, fitted[3])
    extent = _on_land(project, spec, shifted, across=False)
    layers.set_view(extent, width, height)
    return extent


#: How far (a share of the map's width) the map may go east past the edge of the
#: basemap's land before the legend goes in a panel beside the map.
BASEMAP_OVERSHOOT = 0.02


def _land(project: Project, spec: SnapshotSpec):
    """The drawn basemap land layer, if any."""
    return next(
        (
            layer
            for layer in project.layers
            if layer.kind == "land" and spec.frame.shows(layer.name)
        ),
        None,
    )


def _on_basemap(project: Project, spec: SnapshotSpec, fitted, extent) -> bool:
    """Whether ``extent`` (``fitted`` moved out from under the legend) stays on the drawn
    basemap land, with a small overshoot: past the land's edge the map would show only
    sea. True when the move adds nothing past the edge."""
    land = _land(project, spec)
    if land is None or extent[2] <= fitted[2]:
        return True
    return not past_land_edge(extent, land, (extent[2] - extent[0]) * BASEMAP_OVERSHOOT)


def _on_land(project: Project, spec: SnapshotSpec, extent, *, across: bool = True):
    """``extent`` moved, as far as the extent asked for allows, off the edges of the
    basemap's land data (:func:`dkgis.map.framing.keep_on_land`); not sideways when
    ``across`` is false (a map that makes room for its legend on the right)."""
    land = _land(project, spec)
    if land is None:
        return extent
    return keep_on_land(extent, spec.frame.extent, land, across=across)


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
    return render_image_layout(project, spec, chart=chart)[0]


def render_image_layout(
    project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None
) -> tuple[QImage, PageLayout]:
    """Like :func:`render_image`, with the layout of the page drawn."""
    spec.validate()
    image = _new_image(spec.width, spec.height)
    dots_per_metre = round(spec.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        layout = render_to_painter(project, spec, painter, chart=chart)
    finally:
        painter.end()
    return image, layout


def render_preview(
    project: Project,
    spec: SnapshotSpec,
    max_width: int,
    max_height: int,
    *,
    chart: ChartPainter | None = None,
) -> tuple[QImage, PageLayout]:
    """The file of ``spec`` scaled down to fit ``max_width`` x ``max_height`` pixels.

    The page is laid out at the file's size and dpi (same extent, scale bar, legend
    and names as the file) and painted on a smaller image: the image's device pixel
    ratio (below 1) scales everything down. The returned image has a pixel ratio of 1.
    """
    spec.validate()
    factor = min(max_width / spec.width, max_height / spec.height, 1.0)
    image = _new_image(max(1, round(spec.width * factor)), max(1, round(spec.height * factor)))
    image.setDevicePixelRatio(factor)
    painter = QPainter(image)
    try:
        layout = render_to_painter(project, spec, painter, chart=chart)
    finally:
        painter.end()
    image.setDevicePixelRatio(1.0)
    return image, layout


def _new_image(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise MemoryError(f"cannot allocate a {width} x {height} image")
    image.fill(QColor("#ffffff"))
    return image


def render_svg(project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None) -> bytes:
    """Render ``spec`` as an SVG document (shapes and text, no embedded pictures)."""
    return render_svg_layout(project, spec, chart=chart)[0]


def render_svg_layout(
    project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None
) -> tuple[bytes, PageLayout]:
    """Like :func:`render_svg`, with the layout of the page drawn."""
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
    generator.setTitle(xml_safe_text(spec.title or _("dkgis map")))
    generator.setDescription(xml_safe_text(" · ".join(spec.sources) or (spec.subtitle or "")))
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, spec.width, spec.height), QColor("#ffffff"))
        layout = render_to_painter(project, spec, painter, vector=True, chart=chart)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), layout


def render_pdf(project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None) -> bytes:
    """Render ``spec`` as a one-page PDF of the spec's physical size (vector, text as text)."""
    return render_pdf_layout(project, spec, chart=chart)[0]


def render_pdf_layout(
    project: Project, spec: SnapshotSpec, *, chart: ChartPainter | None = None
) -> tuple[bytes, PageLayout]:
    """Like :func:`render_pdf`, with the layout of the page drawn."""
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
    writer.setTitle(xml_safe_text(spec.title or _("dkgis map")))
    writer.setCreator("dkgis")
    painter = QPainter(writer)
    try:
        layout = render_to_painter(project, spec, painter, vector=True, chart=chart)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), layout
