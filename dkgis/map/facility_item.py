"""The sector layer: facilities as fixed-size symbols coloured by sector.

On the screen (an item with a device cache, see :meth:`FacilityItem.enable_device_cache`),
a layer showing at least :data:`PICTURE_MIN_FACILITIES` facilities shows pictures of its
symbols rendered off the GUI thread (:mod:`dkgis.map.layer_picture`) by the same drawing
code as exports, :func:`draw_symbols`: the window keeps answering while a million
symbols draw, and the previous picture stays, scaled, until the new one is ready. The
selection rings are drawn over the picture at once. Smaller layers (the real dataset)
are drawn directly, as exports are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTransform

from dkgis.map import style, symbols
from dkgis.map.layer_item import LayerItem, output_pen, reduced_ratio
from dkgis.map.layer_picture import whole_view
from dkgis.map.paths import draw_lines
from dkgis.map.sprites import (
    ScaledSheets,
    SheetImage,
    SpriteSheet,
    device_coords,
    draw_sprites,
    mapped_coords,
    paint_area,
)
from dkgis.map.user_render import DeviceView, never
from dkgis.symbology.arrays import unique_inverse
from dkgis.symbology.displacement import spread_offsets
from dkgis.symbology.facility_style import FacilityStyle, drawing_order
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

#: A screen view of the sector layer is drawn from pictures rendered off the GUI thread
#: when the layer shows at least this many facilities (a full redraw of a map of 20 000
#: sites takes some 16 ms in the GUI thread, of 100 000 some 50: ``bench/render.py``)...
PICTURE_MIN_FACILITIES = 20_000
#: ... and a picture with up to this many symbols in it is rendered at once, in the GUI
#: thread (no waiting, no flicker when zoomed in on a part of a big layer).
SYNC_SYMBOLS = 20_000
#: Facilities sampled (evenly, in drawing order) to estimate the symbols of a view.
ESTIMATE_SAMPLE = 8192


@dataclass(frozen=True, eq=False)
class SectorSymbols:
    """What a drawing of the sector symbols reads, as it was when asked for.

    None of these arrays is changed afterwards (the item makes new ones when the
    filter changes), so a render in a worker thread reads them while the GUI thread
    goes on. Rows are in drawing order.

    Attributes
    ----------
    x, y
        Map coordinates (EPSG:3857) of every facility.
    visible
        Whether each is drawn (sector shown, point known).
    sprites
        The sprite of each in ``sheet``.
    sheet
        The sprite sheet (a frozen image of it for a render in a worker).
    true_point
        The sprite of the dot on the true point of spread symbols.
    spread_rows
        Rows of the symbols spread around a shared point (ascending), ...
    spread_offsets
        ... their offsets, in symbol diameters (x to the right, y up), ...
    spread_groups
        ... and their group of symbols sharing a point.
    spread
        The largest offset.
    """

    x: np.ndarray
    y: np.ndarray
    visible: np.ndarray
    sprites: np.ndarray
    sheet: SpriteSheet | SheetImage
    true_point: int
    spread_rows: np.ndarray
    spread_offsets: np.ndarray
    spread_groups: np.ndarray
    spread: float


def draw_symbols(
    painter: QPainter,
    drawn: SectorSymbols,
    scale: float,
    *,
    vector: bool = False,
    cancelled: Callable[[], bool] = never,
) -> bool:
    """Draw the sector symbols (with the leader lines and true-point dots of the spread
    ones) on ``painter``, whose transform maps map coordinates to its pixels.

    ``scale`` multiplies every pixel size (the render scale, times the device pixel ratio
    for a picture in physical pixels). Leaves the painter in device pixels. Returns
    whether the drawing finished (``cancelled()`` is asked between two steps).
    """
    x, y = device_coords(painter, drawn.x, drawn.y)
    painter.resetTransform()
    # Only symbols that can reach the painted area (a pan strip, an export)
    # go further; everything below works on that subset, in drawing order.
    area = paint_area(painter)
    diameter = 2 * symbols.facility_radius(scale)
    reach = diameter * (drawn.spread + 1) + (style.SELECTION_RING + 8) * scale
    with np.errstate(invalid="ignore"):
        near = drawn.visible & (x >= area[0] - reach)
        near &= x <= area[2] + reach
        near &= y >= area[1] - reach
        near &= y <= area[3] + reach
    rows = np.flatnonzero(near)
    if not len(rows):
        return True
    sprite_ids = drawn.sprites
    if len(rows) < len(near):
        x, y, sprite_ids = x[rows], y[rows], sprite_ids[rows]
    if cancelled():
        return False
    # Leader lines and true-point dots of symbols spread around a shared point
    # (x and y are this drawing's own arrays: the symbols move in place).
    spread_near = near[drawn.spread_rows]
    if spread_near.any():
        spread = np.searchsorted(rows, drawn.spread_rows[spread_near])
        shift = drawn.spread_offsets[spread_near] * diameter
        true_x, true_y = x[spread], y[spread]
        first = unique_inverse(drawn.spread_groups[spread_near])[1]
        x[spread] += shift[:, 0]
        y[spread] -= shift[:, 1]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        width = style.LEADER_WIDTH * scale * reduced_ratio(painter)
        painter.setPen(output_pen(style.LEADER_COLOUR, width, vector=vector))
        draw_lines(painter, np.column_stack([true_x, true_y, x[spread], y[spread]]))
        dot = np.full(len(first), drawn.true_point)
        draw_sprites(painter, drawn.sheet, true_x[first], true_y[first], dot, vector=vector)
    draw_sprites(painter, drawn.sheet, x, y, sprite_ids, vector=vector, cancelled=cancelled)
    return not cancelled()


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
    uses_pictures = True

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
        self._drawn_x = _frozen(np.ascontiguousarray(self.xy[self._order, 0], dtype=np.float64))
        self._drawn_y = _frozen(np.ascontiguousarray(self.xy[self._order, 1], dtype=np.float64))
        step = max(1, len(self._order) // ESTIMATE_SAMPLE)
        self._sample = np.arange(0, len(self._order), step)
        self._sample_x, self._sample_y = self._drawn_x[self._sample], self._drawn_y[self._sample]
        self._sample_step = step
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
        #: Counts the filters applied: part of what a picture depends on.
        self._filter_number = 0
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
        # Every array is new, never changed afterwards: a render in a worker may read
        # the previous ones (see SectorSymbols).
        hidden = self.frame.hidden_sectors
        self._visible = self._style.sector_mask(hidden) & self._style.has_point
        self._visible_count = int(np.count_nonzero(self._visible))
        offsets = spread_offsets(
            self._groups, self._style.group_members, self._visible, style.DISPLACEMENT_SPACING
        )
        self.offsets = _frozen(offsets)
        #: The facilities whose symbol is spread around a shared point.
        self._moved = np.flatnonzero((offsets[:, 0] != 0) | (offsets[:, 1] != 0))
        self._spread = float(np.abs(offsets[self._moved]).max()) if len(self._moved) else 0.0
        self._drawn_visible = _frozen(self._visible[self._order])
        self._sample_visible = self._drawn_visible[self._sample]
        #: Their positions in drawing order, with their offsets and groups.
        self._spread_rows = _frozen(np.sort(self._rank[self._moved]))
        spread_facilities = self._order[self._spread_rows]
        self._spread_offsets = _frozen(offsets[spread_facilities])
        self._spread_groups = _frozen(self._groups[spread_facilities])
        self._filter_number += 1
        if self.pictures is not None and not self._picture_mode():
            self.pictures.cancel()
        self._update_cache_mode()

    # -- screen pictures ------------------------------------------------------------
    def disconnect_model(self) -> None:
        super().disconnect_model()
        if self.pictures is not None:
            self.pictures.cancel()

    def _picture_mode(self) -> bool:
        """Whether paints show pictures rendered off the GUI thread."""
        return (
            self.pictures is not None
            and not self.vector
            and self._visible_count >= PICTURE_MIN_FACILITIES
        )

    def wants_device_cache(self) -> bool:
        # A picture of the view (and its margin) serves pans itself.
        return not self._picture_mode()

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
            # The other sprites drawn now, so that drawing them changes no sheet.
            sheet.ids([("true_point",), ("selection", False), ("selection", True)])
            entry = (sheet, _frozen(sprites[self._symbol_of[self._order]]))  # drawing order
            self._sheets = {scale: entry}  # one zoom-independent sheet per output scale
        return entry

    def paint(self, painter: QPainter, *args) -> None:
        if not len(self.ids) or not self._visible_count:
            return
        painter.save()
        try:
            if self._picture_mode():
                self._paint_picture(painter)
            else:
                self._paint(painter)
        finally:
            painter.restore()

    def _symbols(
        self, sheet: SpriteSheet, sprites: np.ndarray, *, frozen: bool = False
    ) -> SectorSymbols:
        """The symbols as they are now (see :class:`SectorSymbols`); with ``frozen``, for
        a render in a worker: the sheet's pixmap is made now, in the GUI thread, and the
        worker only reads it."""
        true_point = sheet.id(("true_point",))
        return SectorSymbols(
            x=self._drawn_x,
            y=self._drawn_y,
            visible=self._drawn_visible,
            sprites=sprites,
            sheet=sheet.frozen() if frozen else sheet,
            true_point=true_point,
            spread_rows=self._spread_rows,
            spread_offsets=self._spread_offsets,
            spread_groups=self._spread_groups,
            spread=self._spread,
        )

    def _paint(self, painter: QPainter) -> None:
        """Draw everything directly (exports, and screens of a small layer)."""
        dpr = painter.device().devicePixelRatioF() or 1.0
        sheet, sprite_ids = self._sheet(self.render_scale * dpr)
        transform = painter.transform()
        drawn = self._symbols(sheet, sprite_ids)
        draw_symbols(painter, drawn, self.render_scale, vector=self.vector)
        self._paint_rings(painter, transform, sheet)

    def _paint_picture(self, painter: QPainter) -> None:
        """Show the picture of the symbols (rendered in a worker when there are many in
        view), then draw the selection rings over it."""
        transform = painter.transform()
        view = DeviceView.of_painter(painter)
        if view is None:  # a rotated view: never on the screen
            painter.setTransform(transform)
            self._paint(painter)
            return
        device = painter.device()
        dpr = max(float(device.devicePixelRatioF()), 1.0)
        view = whole_view(view, device)
        scale = self.render_scale * dpr
        sheet, sprite_ids = self._sheet(scale)
        drawn = self._symbols(sheet, sprite_ids, frozen=True)
        sample_x, sample_y = self._sample_x, self._sample_y
        sample_visible, step = self._sample_visible, self._sample_step

        def draw(target_painter: QPainter, target: DeviceView, cancelled) -> bool:
            target_painter.setTransform(
                QTransform(target.sx, 0.0, 0.0, target.sy, target.ox, target.oy)
            )
            return draw_symbols(target_painter, drawn, scale, cancelled=cancelled)

        def estimate(target: DeviceView) -> int:
            x0, y0, x1, y1 = target.map_rect()
            inside = sample_visible & (sample_x >= x0) & (sample_x <= x1)
            inside &= (sample_y >= y0) & (sample_y <= y1)
            return int(np.count_nonzero(inside)) * step

        key = (scale, self._filter_number, drawn.sheet)
        self.pictures.paint(painter, view, key, dpr, draw, estimate, sync=SYNC_SYMBOLS)
        self._paint_rings(painter, transform, sheet)

    def _paint_rings(self, painter: QPainter, transform: QTransform, sheet: SpriteSheet) -> None:
        """Draw the selection rings of the selected facilities drawn, on ``painter`` in
        device pixels; ``transform`` maps map coordinates to them."""
        found = [i for i in map(self._index.get, self.frame.selected) if i is not None]
        if not found:
            return
        ranks = np.unique(self._rank[found])  # in drawing order
        ranks = ranks[self._drawn_visible[ranks]]
        if not len(ranks):
            return
        facilities = self._order[ranks]
        x, y = mapped_coords(transform, self._drawn_x[ranks], self._drawn_y[ranks])
        shift = self.offsets[facilities] * (2 * self.radius)
        x += shift[:, 0]
        y -= shift[:, 1]
        rings = np.array(
            [sheet.id(("selection", bool(self.approximate[i]))) for i in facilities.tolist()]
        )
        draw_sprites(painter, sheet, x, y, rings, cull=False, vector=self.vector)

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


def _frozen(array: np.ndarray) -> np.ndarray:
    """``array``, made read-only: a render in a worker may be reading it."""
    array.flags.writeable = False
    return array


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
