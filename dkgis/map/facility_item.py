"""The sector layer: facilities as fixed-size symbols coloured by sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from dkgis.map import style, symbols
from dkgis.map.layer_item import LayerItem
from dkgis.map.paths import draw_lines
from dkgis.map.sprites import (
    ScaledSheets,
    SpriteSheet,
    device_coords,
    draw_sprites,
    paint_area,
)
from dkgis.symbology.arrays import unique_inverse
from dkgis.symbology.displacement import spread_offsets
from dkgis.symbology.facility_style import FacilityStyle, drawing_order
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project


class FacilityItem(LayerItem):
    """Facilities as fixed-size symbols coloured by sector (the sector layer).

    Operating sites are filled; sites not built yet (announced, under
    construction, suspended) are a ring of the sector colour; closed or
    cancelled sites are faded; approximate locations (postcode, commune,
    nearby site) get a dashed halo. Symbols that share one point are spread
    on a ring around a dot on the true point (display only). Facilities of
    sectors hidden in the frame are neither drawn nor picked. The frame's
    selected sites get a highlight ring. Names are drawn by
    :class:`dkgis.map.labels_item.MapLabelsItem`, which places them together with
    the place names.

    All symbols are drawn in one bulk call from pre-rendered sprites
    (:mod:`dkgis.map.sprites`).
    """

    kinds = ("facilities",)
    supports_device_cache = True

    def __init__(self, layer: Layer, project: Project, frame: MapFrame) -> None:
        super().__init__(layer, project, frame)
        self.ids, self.xy = project.facility_mercator_xy()
        self._index = project.facility_index()
        facility_style = FacilityStyle.of(project)
        self._style = facility_style
        self.sectors = facility_style.sectors
        self.colours = _colours(self.sectors)
        self.classes = facility_style.classes
        self.approximate = facility_style.approximate
        self._order = drawing_order(self.classes)
        # The points in drawing order, as contiguous arrays: a frame reads them in
        # sequence instead of gathering a million points at random.
        self._drawn_x = np.ascontiguousarray(self.xy[self._order, 0], dtype=np.float64)
        self._drawn_y = np.ascontiguousarray(self.xy[self._order, 1], dtype=np.float64)
        self._rank = np.empty(len(self._order), dtype=np.intp)
        self._rank[self._order] = np.arange(len(self._order))
        self._symbol_keys, self._symbol_of = _symbol_keys(
            self.colours, self.classes, self.approximate
        )
        self._sheets: dict[float, tuple[SpriteSheet, np.ndarray]] = {}
        finite = facility_style.has_point
        if finite.any():
            xmin, ymin = self.xy[finite].min(axis=0)
            xmax, ymax = self.xy[finite].max(axis=0)
        else:
            xmin = ymin = xmax = ymax = 0.0
        self._data_bounds = QRectF(xmin, ymin, max(xmax - xmin, 1.0), max(ymax - ymin, 1.0))
        self._groups = facility_style.groups
        self.offsets = np.zeros((len(self.ids), 2))
        self._visible = np.ones(len(self.ids), dtype=bool)
        self._update_filter()

    # -- frame ------------------------------------------------------------------------
    def set_frame(self, frame: MapFrame) -> None:
        old = self.frame
        super().set_frame(frame)
        changed = False
        if frame.hidden_sectors != old.hidden_sectors:
            self.prepareGeometryChange()
            self._update_filter()
            changed = True
        if changed or frame.selected != old.selected:
            self.update()

    def _update_filter(self) -> None:
        """Recompute which facilities show and spread the visible ones sharing a point."""
        hidden = self.frame.hidden_sectors
        self._visible = self._style.sector_mask(hidden) & self._style.has_point
        offsets = spread_offsets(
            self._groups, self._style.group_members, self._visible, style.DISPLACEMENT_SPACING
        )
        self.offsets = offsets
        #: The facilities whose symbol is spread around a shared point.
        self._moved = np.flatnonzero((offsets[:, 0] != 0) | (offsets[:, 1] != 0))
        self._spread = float(np.abs(offsets[self._moved]).max()) if len(self._moved) else 0.0
        self._drawn_visible = self._visible[self._order]
        #: Their positions in drawing order.
        self._spread_rows = np.sort(self._rank[self._moved])

    # -- geometry ---------------------------------------------------------------------
    @property
    def radius(self) -> float:
        """Symbol radius in device pixels."""
        return symbols.facility_radius(self.render_scale)

    @property
    def visible_mask(self) -> np.ndarray:
        """Boolean array: True for the facilities drawn (sector shown, point known)."""
        return self._visible.copy()

    def display_xy(self) -> np.ndarray:
        """Map coordinates (EPSG:3857) of the drawn symbol centres, at the current zoom.

        Equal to the facility points except for symbols spread around a shared
        point; NaN for facilities not drawn (hidden sector, no point).
        """
        xy = self.xy.copy()
        moved, moved_xy = self.spread_points()
        xy[moved] = moved_xy
        xy[~self._visible] = np.nan
        return xy

    def spread_points(self) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the symbols spread around a shared point and their map
        coordinates at the current zoom (the others are drawn on their point)."""
        moved = self._moved
        step = 2 * self.radius * self.units_per_pixel
        return moved, self.xy[moved] + self.offsets[moved] * step

    def boundingRect(self) -> QRectF:
        # Symbols, rings and labels are sized in pixels: pad in map units at this zoom.
        px = self.radius * (2 * self._spread + 1) + (style.SELECTION_RING + 8) * self.render_scale
        pad = px * self.units_per_pixel
        return self._data_bounds.adjusted(-pad, -pad, pad, pad)

    # -- painting ---------------------------------------------------------------------
    def _sheet(self, scale: float | None = None) -> tuple[SpriteSheet, np.ndarray]:
        """The sprite sheet at ``scale`` (default: the render scale) and each symbol's sprite.

        Sprites are painted in physical pixels, so a high-dpi screen passes
        ``render_scale * devicePixelRatio``.
        """
        scale = self.render_scale if scale is None else scale
        entry = self._sheets.get(scale)
        if entry is None:
            sheet = shared_sheet(scale)
            sprites = np.array([sheet.id(key) for key in self._symbol_keys], dtype=np.int64)
            entry = (sheet, sprites[self._symbol_of[self._order]])  # in drawing order
            self._sheets = {scale: entry}  # one zoom-independent sheet per output scale
        return entry

    def paint(self, painter: QPainter, *args) -> None:
        if not len(self.ids) or not self._visible.any():
            return
        painter.save()
        try:
            self._paint(painter)
        finally:
            painter.restore()

    def _paint(self, painter: QPainter) -> None:
        dpr = painter.device().devicePixelRatioF() or 1.0
        sheet, sprite_ids = self._sheet(self.render_scale * dpr)
        scale = self.render_scale
        x, y = device_coords(painter, self._drawn_x, self._drawn_y)
        painter.resetTransform()
        # Only symbols that can reach the painted area (a pan strip, an export)
        # go further; everything below works on that subset, in drawing order.
        area = paint_area(painter)
        diameter = 2 * self.radius
        reach = diameter * (self._spread + 1) + (style.SELECTION_RING + 8) * scale
        with np.errstate(invalid="ignore"):
            near = self._drawn_visible & (x >= area[0] - reach)
            near &= x <= area[2] + reach
            near &= y >= area[1] - reach
            near &= y <= area[3] + reach
        rows = np.flatnonzero(near)
        if not len(rows):
            return
        if len(rows) < len(near):
            x, y, sprite_ids = x[rows], y[rows], sprite_ids[rows]
        # Leader lines and true-point dots of symbols spread around a shared point
        # (x and y are this paint's own arrays: the symbols move in place).
        spread_rows = self._spread_rows[near[self._spread_rows]]
        if len(spread_rows):
            spread = np.searchsorted(rows, spread_rows)
            shift = self.offsets[self._order[spread_rows]] * diameter
            true_x, true_y = x[spread], y[spread]
            first = unique_inverse(self._groups[self._order[spread_rows]])[1]
            x[spread] += shift[:, 0]
            y[spread] -= shift[:, 1]
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(
                self.device_pen(style.LEADER_COLOUR, style.LEADER_WIDTH * scale, painter=painter)
            )
            draw_lines(painter, np.column_stack([true_x, true_y, x[spread], y[spread]]))
            dot = np.full(len(first), sheet.id(("true_point",)))
            draw_sprites(painter, sheet, true_x[first], true_y[first], dot, vector=self.vector)
        draw_sprites(painter, sheet, x, y, sprite_ids, vector=self.vector)
        selected = self._selected_rows(rows)
        if len(selected):
            facilities = self._order[rows[selected]]
            rings = np.array(
                [sheet.id(("selection", bool(self.approximate[i]))) for i in facilities.tolist()]
            )
            draw_sprites(
                painter, sheet, x[selected], y[selected], rings, cull=False, vector=self.vector
            )

    def _selected_rows(self, rows: np.ndarray) -> np.ndarray:
        """Positions in ``rows`` (drawing-order positions, ascending) of the selected
        facilities, in drawing order."""
        found = [i for i in map(self._index.get, self.frame.selected) if i is not None]
        if not found:
            return np.empty(0, dtype=int)
        ranks = np.unique(self._rank[found])
        at = np.searchsorted(rows, ranks)
        drawn = at < len(rows)
        drawn[drawn] = rows[at[drawn]] == ranks[drawn]
        return at[drawn]

    # -- picking ----------------------------------------------------------------------
    def facility_at(self, x: float, y: float, tolerance: float) -> str | None:
        """Return the id of the drawn facility nearest to map point (x, y) within
        ``tolerance`` map units, or ``None`` (facilities of hidden sectors are skipped)."""
        if not len(self.xy) or not self._visible.any():
            return None
        xy = self.display_xy()
        with np.errstate(invalid="ignore"):
            d2 = (xy[:, 0] - x) ** 2 + (xy[:, 1] - y) ** 2
        d2 = np.where(np.isfinite(d2), d2, np.inf)
        i = int(np.argmin(d2))
        return self.ids[i] if d2[i] <= tolerance**2 else None


def _colours(sectors: np.ndarray) -> np.ndarray:
    """Sector colour of each facility (one look-up per distinct sector)."""
    unique, _, inverse, _ = unique_inverse(sectors.astype(str))
    palette = np.array([sector_colour(s) for s in unique.tolist()], dtype=object)
    return palette[inverse.reshape(-1)] if len(sectors) else np.empty(0, dtype=object)


def _symbol_keys(
    colours: np.ndarray, classes: np.ndarray, approximate: np.ndarray
) -> tuple[list[tuple], np.ndarray]:
    """The distinct sprite keys of the facilities' symbols, and each facility's key (its
    index in that list): a few keys for any number of facilities."""
    if not len(colours):
        return [], np.empty(0, dtype=np.intp)
    colour = unique_inverse(np.asarray(colours).astype(str))[2]
    status = unique_inverse(np.asarray(classes).astype(str))[2]
    code = (colour * (int(status.max()) + 1) + status) * 2 + np.asarray(approximate, dtype=int)
    _, first, inverse, _ = unique_inverse(code)
    keys = [("facility", colours[i], classes[i], bool(approximate[i])) for i in first.tolist()]
    return keys, inverse


def _sprite(key: tuple, scale: float):
    kind = key[0]
    if kind == "facility":
        return symbols.facility_sprite(key[1:], scale)
    if kind == "selection":
        return symbols.selection_sprite(symbols.selection_radius(scale, key[1]), scale)
    if kind == "true_point":
        return symbols.true_point_sprite(scale)
    raise KeyError(key)


#: The facility sprite sheet at a render scale, shared by every item and render.
shared_sheet = ScaledSheets(_sprite)
