"""The compare view: several sites as overlaid lines or small multiples on a shared axis."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from dkgis.charts import style as cs
from dkgis.model.site_data import CompareEntry

OVERLAY = "overlay"
MULTIPLES = "multiples"
#: Narrowest cell of the small multiples, in pixels.
MIN_CELL_PX = 210


def _line_xy(entry: CompareEntry) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Verified and projected arrays; the dashed projection starts at the last verified point."""
    px, py = np.empty(0), np.empty(0)
    if entry.projection is not None:
        px, py = entry.projection.years.astype(float), entry.projection.values
        if len(entry.years) and entry.projection.years[0] == entry.years[-1] + 1:
            px = np.concatenate([[float(entry.years[-1])], px])
            py = np.concatenate([[entry.values[-1]], py])
    return entry.years.astype(float), entry.values, px, py


class _Cell:
    """One plot of the compare view with its verified and projected lines."""

    def __init__(self) -> None:
        self.plot = pg.PlotItem(
            axisItems={"left": cs.make_axis("value"), "bottom": cs.make_axis("year")}
        )
        cs.style_plot(self.plot)
        self.plot.disableAutoRange()
        self.lines: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self.style: tuple | None = None

    def line(self, i: int) -> tuple[pg.PlotDataItem, pg.PlotDataItem]:
        while len(self.lines) <= i:
            verified = pg.PlotDataItem([], [])
            projected = pg.PlotDataItem([], [])
            self.plot.addItem(verified)
            self.plot.addItem(projected)
            self.lines.append((verified, projected))
        return self.lines[i]

    def show(self, entries: Sequence[tuple[CompareEntry, str]], factor: float) -> None:
        for i, (entry, hex_colour) in enumerate(entries):
            verified, projected = self.line(i)
            x, y, px, py = _line_xy(entry)
            verified.setData(
                x,
                y / factor,
                pen=cs.pen(hex_colour, 2),
                symbol="o",
                symbolSize=4,
                symbolBrush=cs.brush(hex_colour),
                symbolPen=None,
            )
            projected.setData(px, py / factor, pen=cs.pen(hex_colour, 1.8, Qt.PenStyle.DashLine))
            verified.setVisible(True)
            projected.setVisible(len(px) > 0)
        for verified, projected in self.lines[len(entries) :]:
            verified.setVisible(False)
            projected.setVisible(False)


class ComparePlot(pg.GraphicsLayoutWidget):
    """Several sites on one chart (overlaid) or as a grid of charts sharing their axes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePlot")
        self.setBackground(cs.BACKGROUND)
        self.ci.setContentsMargins(4, 6, 10, 2)
        self.unit = cs.UNITS[cs.DEFAULT_UNIT]
        self.mode = OVERLAY
        self.entries: list[CompareEntry] = []
        self.cells: list[_Cell] = []
        self.titles: list[pg.LabelItem] = []
        self.legend = cs.make_legend(2)
        self.parking = cs.Parking(self.scene())
        self.parking.park(self.legend)
        self._where: dict[int, tuple] = {}

    def colour_of(self, i: int) -> str:
        """The line colour of the i-th entry."""
        return cs.COMPARE[i % len(cs.COMPARE)]

    def visible_plots(self) -> list[pg.PlotItem]:
        """The plots currently shown (one overlaid, or one per site)."""
        return [c.plot for c in self.cells[: self._used]] if self.entries else []

    def show_entries(self, entries: Sequence[CompareEntry], mode: str = OVERLAY) -> None:
        """Draw the sites, overlaid or as small multiples."""
        self.entries = list(entries)
        self.mode = mode
        f = self.unit.factor
        highs = [0.0]
        for e in self.entries:
            if len(e.values):
                highs.append(float(e.values.max()))
            if e.projection is not None and len(e.projection.values):
                highs.append(float(e.projection.values.max()))
        top = max(highs) / f * 1.08 or 1.0
        coloured = [(e, self.colour_of(i)) for i, e in enumerate(self.entries)]
        n = len(coloured)
        if mode == OVERLAY:
            cell = self._cell(0)
            self._used = 1
            cell.show(coloured, f)
            cell.plot.setRange(xRange=cs.X_RANGE, yRange=(0, top), padding=0)
            cs.set_legend(
                self.legend,
                [(cell.line(i)[0], entry.label) for i, (entry, _) in enumerate(coloured)],
            )
            if cell.plot.titleLabel.isVisible():
                cell.plot.setTitle(None)
            self._style(cell, self.unit.label, True, True)
            self._arrange([(cell.plot, 0, 0), (self.legend, 1, 0)])
            return
        width = max(self.width(), MIN_CELL_PX)
        cols = max(1, min(n, width // MIN_CELL_PX, math.ceil(math.sqrt(n))))
        self._used = n
        wanted = []
        for i, pair in enumerate(coloured):
            cell = self._cell(i)
            cell.show([pair], f)
            cell.plot.setRange(xRange=cs.X_RANGE, yRange=(0, top), padding=0)
            title = (
                f"<span style='font-size:{cs.LABEL_FONT_PX}px;color:{pair[1]}'>"
                f"{pair[0].label}</span>"
            )
            if cell.plot.titleLabel.text != title or not cell.plot.titleLabel.isVisible():
                cell.plot.setTitle(title)
            row, col = divmod(i, cols)
            # Every cell keeps its tick labels: same range everywhere, and cells of a row
            # stay aligned (hiding labels in some cells changes their plot's size).
            self._style(cell, self.unit.label if col == 0 else "", True, True)
            wanted.append((cell.plot, row, col))
        self._arrange(wanted)

    def _style(self, cell: _Cell, label: str, left_values: bool, bottom_values: bool) -> None:
        """Axis title and tick labels of a cell, changed only when they differ."""
        style = (label, left_values, bottom_values)
        if getattr(cell, "style", None) == style:
            return
        cell.style = style
        cell.plot.setLabel("left", label, **cs.axis_label_style())
        cell.plot.getAxis("left").setStyle(showValues=left_values)
        cell.plot.getAxis("bottom").setStyle(showValues=bottom_values)

    def _arrange(self, wanted: list) -> None:
        """Place items at (row, col), moving only those whose place changes.

        Taking plots out of a layout and putting them back is the costly part of a
        redraw: adding a site to the selection only adds its plot.
        """
        target = {id(item): (item, row, col) for item, row, col in wanted}
        changed = False
        for key, (item, row, col) in list(self._where.items()):
            if target.get(key, (None, None, None))[1:] != (row, col):
                self.ci.removeItem(item)
                self.parking.park(item)
                del self._where[key]
                changed = True
        for key, (item, row, col) in target.items():
            if key not in self._where:
                self.ci.addItem(item, row=row, col=col)
                self._where[key] = (item, row, col)
                changed = True
        if changed:
            self.ci.layout.activate()

    def invalidate_layout(self) -> None:
        """Style the axes again at the next draw (the unit changed)."""
        for cell in self.cells:
            cell.style = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "entries", None) and self.mode == MULTIPLES:
            self.show_entries(self.entries, self.mode)

    def _cell(self, i: int) -> _Cell:
        while len(self.cells) <= i:
            cell = _Cell()
            self.parking.park(cell.plot)
            # Not linked views: pyqtgraph aligns linked views on screen, which shifts the
            # range of plots side by side. Every cell gets the same explicit range instead.
            self.cells.append(cell)
        return self.cells[i]

    _used = 0

    def legend_labels(self) -> list[str]:
        """The labels of the overlay legend (tests, exports)."""
        return [label.text for _, label in self.legend.items]

    def title_of(self, i: int) -> str:
        """The title shown above the i-th small multiple."""
        return self.cells[i].plot.titleLabel.text

    def share_axes(self) -> bool:
        """Whether every plot shows the same x and y ranges."""
        plots = self.visible_plots()
        ranges = [p.getViewBox().viewRange() for p in plots]
        return all(np.allclose(r, ranges[0]) for r in ranges)


__all__ = ["MULTIPLES", "OVERLAY", "ComparePlot"]
