"""The map's point symbols, painted by one set of functions everywhere.

The same functions paint the sprites of the map (screen and exports), the
swatches of the map legend and the icons of the legend dock, so the three
always agree. Sizes are pixels at 96 dpi times ``scale``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from dkgis.map import style
from dkgis.map.sprites import SpriteSpec


def _pen(colour: QColor | str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    if dash:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setDashPattern(list(dash))
    return pen


def sprite_size(reach: float) -> int:
    """Odd size of a sprite whose symbol reaches ``reach`` pixels from its centre.

    The centre is the middle of the central pixel, so ``floor(reach + 0.5)``
    pixels on each side hold the whole symbol, antialiased edge included.
    """
    return 2 * math.floor(reach + 0.5) + 1


def facility_radius(scale: float) -> float:
    """Radius of a facility symbol, in pixels."""
    return style.FACILITY_RADIUS * scale


def facility_symbol_size(scale: float, approximate: bool) -> int:
    """Odd pixel size of the square holding a facility symbol."""
    reach = facility_radius(scale) + style.FACILITY_OUTLINE_WIDTH * scale / 2
    if approximate:
        reach = (
            facility_radius(scale)
            + (style.APPROXIMATE_HALO_GAP + style.APPROXIMATE_HALO_WIDTH) * scale
        )
    return sprite_size(reach)


def paint_facility(
    painter: QPainter,
    centre: QPointF,
    scale: float,
    colour: str,
    status_class: str,
    approximate: bool,
) -> None:
    """Paint a facility symbol centred on ``centre``.

    Parameters
    ----------
    colour
        Sector colour ``#rrggbb``.
    status_class
        ``operating`` (filled), ``planned`` (a ring in the sector colour) or
        ``ended`` (faded).
    approximate
        Add the dashed halo of approximate locations.
    """
    r = facility_radius(scale)
    outline = QColor(style.FACILITY_OUTLINE)
    if status_class == "planned":
        painter.setPen(_pen(outline, style.FACILITY_OUTLINE_WIDTH * scale))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(centre, r, r)
        ring_w = style.PLANNED_RING_WIDTH * scale
        painter.setPen(_pen(colour, ring_w))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inner = r - ring_w / 2 - style.FACILITY_OUTLINE_WIDTH * scale / 2
        painter.drawEllipse(centre, inner, inner)
    else:
        fill = QColor(colour)
        if status_class == "ended":
            fill.setAlphaF(style.CLOSED_ALPHA)
            outline.setAlphaF(style.CLOSED_OUTLINE_ALPHA)
        painter.setPen(_pen(outline, style.FACILITY_OUTLINE_WIDTH * scale))
        painter.setBrush(fill)
        painter.drawEllipse(centre, r, r)
    if approximate:
        halo = r + (style.APPROXIMATE_HALO_GAP + style.APPROXIMATE_HALO_WIDTH / 2) * scale
        dash = tuple(d / style.APPROXIMATE_HALO_WIDTH for d in style.APPROXIMATE_HALO_DASH)
        painter.setPen(
            _pen(style.APPROXIMATE_HALO_COLOUR, style.APPROXIMATE_HALO_WIDTH * scale, dash)
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, halo, halo)


def facility_sprite(key: tuple, scale: float) -> SpriteSpec:
    """Sprite of a facility symbol; ``key`` is ``(colour, status_class, approximate)``."""
    colour, status_class, approximate = key
    return SpriteSpec(
        facility_symbol_size(scale, approximate),
        lambda p: paint_facility(p, QPointF(0, 0), scale, colour, status_class, approximate),
    )


def selection_radius(scale: float, approximate: bool = False) -> float:
    """Radius of the selection ring around a facility symbol."""
    extra = (style.APPROXIMATE_HALO_GAP + style.APPROXIMATE_HALO_WIDTH) if approximate else 0
    return facility_radius(scale) + (extra + 3) * scale


def paint_selection_ring(painter: QPainter, centre: QPointF, radius: float, scale: float) -> None:
    """Paint the highlight ring of a selected symbol of ``radius`` pixels."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen("#ffffff", (style.SELECTION_RING + 2) * scale))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(_pen(style.SELECTION_COLOUR, style.SELECTION_RING * scale))
    painter.drawEllipse(centre, radius, radius)


def selection_sprite(radius: float, scale: float) -> SpriteSpec:
    """Sprite of a selection ring of ``radius`` pixels."""
    size = sprite_size(radius + (style.SELECTION_RING + 2) * scale / 2)
    return SpriteSpec(size, lambda p: paint_selection_ring(p, QPointF(0, 0), radius, scale))


def paint_true_point(painter: QPainter, centre: QPointF, scale: float) -> None:
    """Paint the small dot marking the true point of symbols spread around it."""
    r = style.TRUE_POINT_RADIUS * scale
    painter.setPen(_pen("#ffffff", 0.8 * scale))
    painter.setBrush(QColor(style.LEADER_COLOUR))
    painter.drawEllipse(centre, r, r)


def true_point_sprite(scale: float) -> SpriteSpec:
    """Sprite of the true-point dot."""
    size = sprite_size((style.TRUE_POINT_RADIUS + 0.4) * scale)
    return SpriteSpec(size, lambda p: paint_true_point(p, QPointF(0, 0), scale))


# -- emission circles ------------------------------------------------------------------


def emission_fill(colour: str) -> QColor:
    """Semi-transparent fill of an emission circle."""
    fill = QColor(colour)
    fill.setAlphaF(style.EMISSION_FILL_ALPHA)
    return fill


def emission_outline(colour: str) -> QColor:
    """Outline of an emission circle: a darker shade of the sector colour."""
    return QColor(colour).darker(160)


def paint_emission_circle(
    painter: QPainter, centre: QPointF, radius: float, scale: float, colour: str
) -> None:
    """Paint a proportional circle of ``radius`` pixels in a sector colour."""
    painter.setPen(_pen(emission_outline(colour), style.EMISSION_OUTLINE_WIDTH * scale))
    painter.setBrush(emission_fill(colour))
    painter.drawEllipse(centre, radius, radius)


def emission_sprite(colour: str, radius: float, scale: float) -> SpriteSpec:
    """Sprite of an emission circle of ``radius`` pixels."""
    size = sprite_size(radius + style.EMISSION_OUTLINE_WIDTH * scale / 2)
    return SpriteSpec(
        size, lambda p: paint_emission_circle(p, QPointF(0, 0), radius, scale, colour)
    )


def paint_no_data(painter: QPainter, centre: QPointF, scale: float) -> None:
    """Paint the "no data for the year" marker: a small grey hollow circle."""
    r = style.NO_DATA_RADIUS * scale
    painter.setPen(_pen(style.NO_DATA_COLOUR, 1.3 * scale))
    painter.setBrush(QColor(255, 255, 255, 170))
    painter.drawEllipse(centre, r, r)


def no_data_sprite(scale: float) -> SpriteSpec:
    """Sprite of the no-data marker."""
    size = sprite_size((style.NO_DATA_RADIUS + 0.65) * scale)
    return SpriteSpec(size, lambda p: paint_no_data(p, QPointF(0, 0), scale))


def paint_zero(painter: QPainter, centre: QPointF, scale: float, colour: str) -> None:
    """Paint the marker of a verified value of zero: a small dark-outlined diamond."""
    r = style.NO_DATA_RADIUS * scale
    painter.setPen(_pen(emission_outline(colour), 1.1 * scale))
    painter.setBrush(QColor("#ffffff"))
    painter.drawPolygon(
        [
            QPointF(centre.x(), centre.y() - r),
            QPointF(centre.x() + r, centre.y()),
            QPointF(centre.x(), centre.y() + r),
            QPointF(centre.x() - r, centre.y()),
        ]
    )


def zero_sprite(colour: str, scale: float) -> SpriteSpec:
    """Sprite of the zero-value marker."""
    size = sprite_size((style.NO_DATA_RADIUS + 0.8) * scale)
    return SpriteSpec(size, lambda p: paint_zero(p, QPointF(0, 0), scale, colour))
