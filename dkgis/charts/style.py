"""Colours, pens, units and axes shared by the trajectory charts.

Colours come from Paul Tol's colour-blind-safe schemes, like the sector palette:
kinds of values (verified, reported, projected, targets) keep the same colour
and marker in every chart and in exports.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from dkgis.labels import format_number

BACKGROUND = "#ffffff"
FOREGROUND = "#333333"
GRID_ALPHA = 0.15

VERIFIED = "#222222"
IREP = "#EE7733"
REPORTED = "#CC3311"
PROJECTED = "#0077BB"
OTHER_SCENARIOS = ("#33BBEE", "#009988", "#BBBBBB", "#EE3377")
TARGET = "#009988"
PATHWAY = "#117733"
GAP = "#CC3311"
ANNOTATION = "#777777"
MILESTONE = "#AA3377"
MILESTONE_OFF = "#AAAAAA"

#: Lines of the compare view (Tol "bright", then "muted").
COMPARE = (
    "#4477AA",
    "#EE6677",
    "#228833",
    "#CCBB44",
    "#66CCEE",
    "#AA3377",
    "#332288",
    "#999933",
    "#882255",
    "#44AA99",
    "#BBBBBB",
    "#DDCC77",
)

#: Time axis of every chart: 2005 (first EU ETS year) to 2050.
FIRST_YEAR = 2005
LAST_YEAR = 2050
X_RANGE = (FIRST_YEAR - 0.8, LAST_YEAR + 0.8)

#: Font sizes in pixels (the same on screen and in exports, scaled with the screen).
FONT_PX = 11
LABEL_FONT_PX = 11


@dataclass(frozen=True)
class Unit:
    """A unit of the value axis: tonnes divided by ``factor``."""

    key: str
    factor: float
    decimals: int

    @property
    def label(self) -> str:
        """The axis label, e.g. ``Mt CO₂e / year``."""
        return QCoreApplication.translate("Charts", "{unit} CO₂e per year").format(unit=self.key)

    def format(self, tonnes: float, decimals: int | None = None) -> str:
        """Format a tonnage in this unit with the user's locale, e.g. ``6.41 Mt``."""
        d = self.decimals if decimals is None else decimals
        return f"{format_number(tonnes / self.factor, d)} {self.key}"


UNITS: dict[str, Unit] = {
    "t": Unit("t", 1.0, 0),
    "kt": Unit("kt", 1e3, 0),
    "Mt": Unit("Mt", 1e6, 2),
}
DEFAULT_UNIT = "Mt"


def colour(hex_colour: str, alpha: int = 255) -> QColor:
    """A QColor from ``#rrggbb`` with an alpha (0-255)."""
    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c


def pen(
    hex_colour: str,
    width: float = 1.5,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
    alpha: int = 255,
) -> QPen:
    """A cosmetic pen (its width is in pixels whatever the zoom)."""
    p = QPen(colour(hex_colour, alpha))
    p.setWidthF(width)
    p.setStyle(style)
    p.setCosmetic(True)
    p.setCapStyle(Qt.PenCapStyle.FlatCap)
    return p


def brush(hex_colour: str, alpha: int = 255) -> QBrush:
    """A solid brush."""
    return QBrush(colour(hex_colour, alpha))


def chart_font(pixel_size: int = FONT_PX, bold: bool = False) -> QFont:
    """The font of chart texts."""
    font = QFont()
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


class _Axis(pg.AxisItem):
    """An axis that paints straight into the painter of an export.

    pyqtgraph keeps an axis as a QPicture, and Qt scales a QPicture played on a device
    whose resolution is not the screen's (a 144-dpi page, a PDF), which would draw the
    ticks away from the data.
    """

    def paint(self, p, opt, widget):
        if self._exportOpts is False:
            super().paint(p, opt, widget)
            return
        p.save()
        try:
            if self.style["tickFont"]:
                p.setFont(self.style["tickFont"])
            specs = self.generateDrawSpecs(p)
            if specs is not None:
                self.drawPicture(p, *specs)
        finally:
            p.restore()


class ValueAxis(_Axis):
    """A value axis whose tick labels follow the user's locale (``1 234,5`` in French)."""

    def tickStrings(self, values, scale, spacing):
        step = spacing * scale
        decimals = 0
        # As many decimals as the tick step needs: 2.5 -> 1, 0.25 -> 2, 5 -> 0.
        while (
            step > 0
            and decimals < 6
            and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6
        ):
            decimals += 1
        return [format_number(v * scale, decimals) for v in values]


class YearAxis(_Axis):
    """A time axis in whole years, never grouped (``2030``, not ``2,030``)."""

    def tickStrings(self, values, scale, spacing):
        return [str(round(v)) if abs(v - round(v)) < 1e-6 else "" for v in values]

    def tickSpacing(self, minVal, maxVal, size):
        span = maxVal - minVal
        if span <= 0:
            return super().tickSpacing(minVal, maxVal, size)
        px_per_year = size / span
        major = next((s for s in (1, 2, 5, 10, 20, 50) if s * px_per_year >= 42), 100)
        minor = 1 if major >= 2 and px_per_year >= 4 else None
        return [(major, 0)] + ([(minor, 0)] if minor and minor != major else [])


def make_axis(kind: str, orientation: str | None = None) -> pg.AxisItem:
    """A styled ``"value"`` (left by default) or ``"year"`` (bottom by default) axis."""
    if kind == "value":
        axis = ValueAxis(orientation or "left")
    else:
        axis = YearAxis(orientation or "bottom")
    axis.setPen(pen(FOREGROUND, 1))
    axis.setTextPen(pen(FOREGROUND, 1))
    axis.setTickFont(chart_font())
    # Major and minor ticks only: a third level of grid lines costs paint time for nothing.
    axis.setStyle(tickTextOffset=4, autoExpandTextSpace=True, maxTickLevel=1)
    return axis


def style_plot(plot: pg.PlotItem, *, grid: bool = True) -> None:
    """Common look of a plot: light grid, no mouse menu, no auto-range button."""
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.showGrid(x=grid, y=grid, alpha=GRID_ALPHA)
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    plot.getViewBox().setDefaultPadding(0.02)


class LegendSample(pg.ItemSample):
    """Legend sample that also draws swatches (fills) and boxed text markers."""

    def paint(self, p: QPainter, *args) -> None:
        swatch = getattr(self.item, "legend_swatch", None)
        if swatch is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(swatch[0])
            p.setBrush(swatch[1])
            p.drawRect(QRectF(3, 5, 14, 12))
            return
        super().paint(p, *args)


class LegendProxy(pg.PlotDataItem):
    """An invisible item that only stands for a fill or a band in a legend."""

    def __init__(self, line: QPen, fill: QBrush) -> None:
        super().__init__([], [])
        self.legend_swatch = (line, fill)


def clear_legend(legend: pg.LegendItem) -> None:
    """Empty a legend and delete its old entries.

    pyqtgraph's ``clear`` only hides them, so a chart redrawn on every selection change
    would pile up hidden items.
    """
    old = list(legend.items)
    legend.clear()
    for sample, label in old:
        for item in (sample, label):
            item.setParentItem(None)
            if item.scene() is not None:
                item.scene().removeItem(item)
            item.deleteLater()


def set_legend(legend: pg.LegendItem, entries: list[tuple[object, str]]) -> None:
    """Show ``(item, label)`` entries; relabel in place when the items are the same.

    Rebuilding a legend (new text items, layout) costs more than the rest of a redraw.
    """
    current = [sample.item for sample, _ in legend.items]
    if current == [item for item, _ in entries]:
        for (_, label_item), (_, label) in zip(legend.items, entries, strict=True):
            if label_item.text != label:
                label_item.setText(label)
        return
    clear_legend(legend)
    for item, label in entries:
        legend.addItem(item, label)


class Parking(QGraphicsRectItem):
    """A hidden item of a scene that holds the chart items not shown for now.

    Items taken out of a layout stay in the scene under it rather than becoming
    orphans, which PySide may free in the wrong order when the program ends.
    """

    def __init__(self, scene) -> None:
        super().__init__()
        self.setVisible(False)
        scene.addItem(self)

    def park(self, item) -> None:
        """Keep ``item`` (already removed from its layout) in the scene, hidden."""
        item.setParentItem(self)


def year_cursor(plot: pg.PlotItem, label_on_top: bool = False) -> pg.InfiniteLine:
    """A dotted vertical line marking the year the map shows (hidden until set).

    Its year is written at the bottom, or with ``label_on_top`` hanging from the top (in
    a short chart, clear of the labels of targets, which sit low).
    """
    where = (
        {"position": 0.98, "anchors": [(0, 0), (0, 0)]}
        if label_on_top
        else {
            "position": 0.03,
            "anchors": [(0, 1), (0, 1)],
        }
    )
    line = pg.InfiniteLine(
        angle=90,
        movable=False,
        pen=pen("#7a5195", 1.2, Qt.PenStyle.DotLine),
        label="{value:.0f}",
        labelOpts={"color": "#7a5195", **where},
    )
    line.label.setFont(chart_font(LABEL_FONT_PX - 1))
    line.setZValue(40)
    line.setVisible(False)
    plot.addItem(line, ignoreBounds=True)
    return line


def make_legend(columns: int = 2) -> pg.LegendItem:
    """A legend placed in a layout cell (not floating over the data)."""
    legend = pg.LegendItem(
        offset=None,
        horSpacing=6,
        verSpacing=-6,
        labelTextSize=f"{LABEL_FONT_PX}px",
        labelTextColor=FOREGROUND,
        colCount=columns,
        sampleType=LegendSample,
    )
    # pyqtgraph makes legends ignore transformations (they float over a zoomable view);
    # this one sits in a layout cell, and must scale with the rest of the chart on export.
    legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    legend.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    legend.setPen(QPen(Qt.PenStyle.NoPen))
    return legend


def text_item(
    text: str = "",
    hex_colour: str = FOREGROUND,
    anchor: tuple[float, float] = (0, 0),
    pixel_size: int = LABEL_FONT_PX,
    bold: bool = False,
    fill: QBrush | None = None,
) -> pg.TextItem:
    """A label that keeps its size when the chart is resized."""
    item = pg.TextItem(text, color=colour(hex_colour), anchor=anchor, fill=fill)
    item.setFont(chart_font(pixel_size, bold))
    return item


def axis_label_style() -> dict[str, str]:
    """CSS of axis titles."""
    return {"font-size": f"{FONT_PX}px", "color": FOREGROUND}


class TextPool:
    """Reusable text items of one plot (created on demand, hidden when unused)."""

    def __init__(self, plot: pg.PlotItem, **style) -> None:
        self.plot = plot
        self.style = style
        self.items: list[pg.TextItem] = []
        self.used = 0

    def reset(self) -> None:
        self.used = 0

    def take(self, text: str, x: float, y: float, anchor=(0, 0), colour=None) -> pg.TextItem:
        if self.used == len(self.items):
            item = text_item(**self.style)
            self.plot.addItem(item, ignoreBounds=True)
            self.items.append(item)
        item = self.items[self.used]
        self.used += 1
        if colour is not None:
            item.setColor(QColor(colour))
        item.setText(text)
        item.setAnchor(anchor)
        item.setPos(x, y)
        item.setVisible(True)
        return item

    def finish(self) -> None:
        for item in self.items[self.used :]:
            item.setVisible(False)


class ItemPool:
    """Reusable plot items of one kind."""

    def __init__(self, plot: pg.PlotItem, factory, ignore_bounds: bool = True) -> None:
        self.plot = plot
        self.factory = factory
        self.ignore_bounds = ignore_bounds
        self.items: list = []
        self.used = 0

    def reset(self) -> None:
        self.used = 0

    def take(self):
        if self.used == len(self.items):
            item = self.factory()
            self.plot.addItem(item, ignoreBounds=self.ignore_bounds)
            self.items.append(item)
        item = self.items[self.used]
        self.used += 1
        item.setVisible(True)
        return item

    def finish(self) -> None:
        for item in self.items[self.used :]:
            item.setVisible(False)
