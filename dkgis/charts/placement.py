"""Labels of a chart placed so that no two of them overlap.

A chart asks for its labels (targets, milestones, the accounting break, waterfall
values) at points of the data, each with the places it may take around its point in
order of preference (:class:`Spot`). :class:`LabelLayout` puts them one after the
other, in pixels, where they overlap no label already placed and stay inside the plot;
when none of the preferred places is free it tries the same places moved up and down
by a line at a time. It runs again whenever the plot changes size, since the room
around a point, in pixels, changes with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF

#: Pixels kept between two labels.
GAP_PX = 2.0
#: Pixels kept around an area to avoid (half a thick line and its markers).
AREA_MARGIN_PX = 4.0
#: How many lines up and down a label may be moved when no preferred place is free.
MAX_SHIFTS = 12


@dataclass(frozen=True)
class Spot:
    """A place of a label around its point.

    ``anchor`` is the point of the label's box put on the data point (``(0, 0)``: its
    top left corner; ``(1, 1)``: its bottom right corner), moved by ``dx``, ``dy``
    pixels (right and down).
    """

    anchor: tuple[float, float]
    dx: float = 0.0
    dy: float = 0.0


#: Around a marker: above left, above right, below left, below right, left, right.
AROUND = (
    Spot((1, 1), -4, -2),
    Spot((0, 1), 4, -2),
    Spot((1, 0), -4, 2),
    Spot((0, 0), 4, 2),
    Spot((1, 0.5), -8, 0),
    Spot((0, 0.5), 8, 0),
)


@dataclass
class _Request:
    item: pg.TextItem
    x: float
    y: float
    spots: tuple[Spot, ...]
    #: Areas of the plot, in data coordinates, that the label must not cover.
    avoid: tuple[QRectF, ...] = ()


def text_size(item: pg.TextItem) -> tuple[float, float]:
    """The width and height of a label's box in pixels (turned a quarter: swapped)."""
    rect = item.textItem.boundingRect()
    if round(item.angle) % 180 == 90:
        return rect.height(), rect.width()
    return rect.width(), rect.height()


def label_rect(vb: pg.ViewBox, item: pg.TextItem, x: float, y: float, spot: Spot) -> QRectF:
    """The box, in scene pixels, of ``item`` put at data point ``(x, y)`` by ``spot``.

    A label written upwards (turned a quarter, 90°) has its anchor's first coordinate
    along its text, which runs up the screen, and its second across it.
    """
    point = vb.mapViewToScene(QPointF(x, y))
    width, height = text_size(item)
    across, along = spot.anchor[1], spot.anchor[0]
    if round(item.angle) % 360 == 90:
        left = point.x() + spot.dx - across * width
        top = point.y() + spot.dy - (1 - along) * height
    else:
        left = point.x() + spot.dx - along * width
        top = point.y() + spot.dy - across * height
    return QRectF(left, top, width, height)


def _shifted(spots: Sequence[Spot], step: float) -> Iterable[Spot]:
    """The spots as given, then each moved up and down by one line, two lines..."""
    yield from spots
    for k in range(1, MAX_SHIFTS + 1):
        for sign in (-1, 1):
            for spot in spots:
                yield Spot(spot.anchor, spot.dx, spot.dy + sign * k * step)


class LabelLayout:
    """The labels of one plot, placed without overlaps (see the module docstring).

    Parameters
    ----------
    plot
        The plot the labels are drawn in.
    follow_resize
        Place the labels again whenever the plot changes size (``False``: the chart
        calls :meth:`apply` itself, after it has fitted its labels' texts to the size).
    """

    def __init__(self, plot: pg.PlotItem, follow_resize: bool = True) -> None:
        self.vb = plot.getViewBox()
        self.requests: list[_Request] = []
        self.fixed: list[pg.GraphicsObject] = []
        if follow_resize:
            self.vb.sigResized.connect(self.apply)

    def reset(self) -> None:
        """Forget the labels of the last drawing."""
        self.requests = []
        self.fixed = []

    def add(
        self,
        item: pg.TextItem,
        x: float,
        y: float,
        spots: Sequence[Spot] = AROUND,
        avoid: Sequence[QRectF] = (),
    ) -> None:
        """Place ``item`` near data point ``(x, y)``, at the first free spot of ``spots``
        that covers no label and none of the ``avoid`` areas (data coordinates)."""
        self.requests.append(_Request(item, float(x), float(y), tuple(spots), tuple(avoid)))

    def keep_clear_of(self, item: pg.GraphicsObject) -> None:
        """Place no label over ``item`` (a label that places itself, shown or not)."""
        self.fixed.append(item)

    def apply(self, *_args) -> None:
        """Place every label again (after a drawing, or when the plot changes size)."""
        if not self.requests:
            return
        bounds = self.vb.sceneBoundingRect()
        if bounds.width() < 2 or bounds.height() < 2:
            return  # not laid out yet: placed when it gets its size
        # Labels that place themselves (the year's mark) are brought up to date first:
        # pyqtgraph would only do it at the next paint.
        self.vb.updateMatrix()
        taken = []
        for item in self.fixed:
            if not item.isVisible():
                continue
            if isinstance(item, pg.InfLineLabel):
                item.updatePosition()
            if isinstance(item, pg.TextItem):
                item.updateTransform(force=True)
            taken.append(item.sceneBoundingRect())
        for request in self.requests:
            request.item.setVisible(True)
            rect = self._place(request, bounds, taken)
            if rect is None:
                # No free place: a label over another would hide both.
                request.item.setVisible(False)
            else:
                taken.append(rect)

    def _place(self, request: _Request, bounds: QRectF, taken: list[QRectF]) -> QRectF | None:
        item = request.item
        step = text_size(item)[1] + GAP_PX
        m = AREA_MARGIN_PX
        avoided = [
            self.vb.mapViewToScene(area).boundingRect().adjusted(-m, -m, m, m)
            for area in request.avoid
        ]
        for spot in _shifted(request.spots, step):
            rect = label_rect(self.vb, item, request.x, request.y, spot)
            if not bounds.contains(rect):
                continue
            grown = rect.adjusted(-GAP_PX / 2, -GAP_PX / 2, GAP_PX / 2, GAP_PX / 2)
            if any(grown.intersects(other) for other in (*taken, *avoided)):
                continue
            px_w, px_h = self.vb.viewPixelSize()
            item.setAnchor(spot.anchor)
            item.setPos(request.x + spot.dx * px_w, request.y - spot.dy * px_h)
            return rect
        return None
