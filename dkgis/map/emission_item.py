"""The emission layer: area-true proportional circles of the year's CO2, by sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF

from dkgis.map import style, symbols
from dkgis.map.layer_item import LayerItem
from dkgis.map.sprites import ScaledSheets, SpriteSheet, device_xy, draw_sprites
from dkgis.model.display import SIZE_JOBS
from dkgis.model.frame import frame_emissions
from dkgis.model.kpis import direct_jobs_by_facility
from dkgis.model.yearly import NO_DATA, YearEmissions
from dkgis.symbology.arrays import unique_inverse
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.proportional import ProportionalScale, scale_for
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from dkgis.model.frame import MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

#: Radii below this many pixels are rounded to the nearest quarter pixel, larger
#: ones to the nearest half pixel (at most 3 % off in area), so that a few
#: pre-rendered sprites serve every value.
_FINE_LIMIT = 16.0


def _sprite(key: tuple, scale: float):
    kind = key[0]
    if kind == "circle":
        return symbols.emission_sprite(key[1], code_radius(key[2]), scale)
    if kind == "zero":
        return symbols.zero_sprite(key[1], scale)
    if kind == "no_data":
        return symbols.no_data_sprite(scale)
    if kind == "selection":
        return symbols.selection_sprite(code_radius(key[1]), scale)
    raise KeyError(key)


#: The emission sprite sheet at a render scale, shared by every item and render.
shared_sheet = ScaledSheets(_sprite)


def emission_scale(project: Project) -> ProportionalScale | None:
    """The circle size scale of a project: its largest verified value of any year
    is drawn at :data:`style.EMISSION_MAX_RADIUS` (``None`` without verified data).

    Shared by the emission layer and its size legend.
    """
    return scale_for(project.verified_matrix().values, style.EMISSION_MAX_RADIUS)


def jobs_values(project: Project) -> np.ndarray:
    """The direct jobs stated for each facility, in :meth:`Project.facility_mercator_xy`
    order; NaN where none is stated (drawn as "no data", never as zero)."""
    jobs = direct_jobs_by_facility(project)
    ids, _ = project.facility_mercator_xy()
    return np.array([jobs.get(fid, np.nan) for fid in ids], dtype=float)


def jobs_scale(project: Project) -> ProportionalScale | None:
    """The circle size scale of the jobs: the largest stated figure is drawn at
    :data:`style.EMISSION_MAX_RADIUS` (``None`` when no figure is stated).

    Shared by the emission layer and its size legend.
    """
    return scale_for(jobs_values(project), style.EMISSION_MAX_RADIUS)


def radius_codes(radii: np.ndarray) -> np.ndarray:
    """Quantize radii (pixels) to integer sprite codes (see :func:`code_radius`)."""
    r = np.asarray(radii, dtype=float)
    fine = np.round(r * 4)
    coarse = _FINE_LIMIT * 4 + np.round((r - _FINE_LIMIT) * 2)
    return np.where(r < _FINE_LIMIT, fine, coarse).astype(np.int64)


def code_radius(code: int) -> float:
    """The radius in pixels drawn for a sprite code of :func:`radius_codes`."""
    limit = _FINE_LIMIT * 4
    return code / 4 if code < limit else _FINE_LIMIT + (code - limit) / 2


class EmissionItem(LayerItem):
    """Proportional circles (radius ∝ √value) of each facility's CO2 in the frame's year.

    Values come from :func:`dkgis.model.frame.frame_emissions`: verified EU ETS values,
    and after the last verified year the projection under the frame's scenario (the
    legend says so). Circles are coloured by sector, semi-transparent, largest drawn
    first. A facility without a value shows a small grey hollow "no data" marker; a
    verified zero shows a small diamond. The size scale is fixed by the largest verified
    value of any year, so years compare.

    A new year or scenario only restyles arrays: nothing is re-read or re-projected.

    When the frame's ``circle_size`` is ``"jobs"``, the circle areas show the direct
    jobs the sources state for each site (the same for every year) on a scale of their
    own; a site without a stated figure shows the "no data" marker, never a zero.
    """

    kinds = ("emissions",)
    supports_device_cache = True

    def __init__(self, layer: Layer, project: Project, frame: MapFrame) -> None:
        super().__init__(layer, project, frame)
        self.ids, self.xy = project.facility_mercator_xy()
        self._index = project.facility_index()
        self._style = FacilityStyle.of(project)
        self.sectors = self._style.sectors
        sectors, _, inverse, _ = unique_inverse(self.sectors.astype(str))
        colours = [sector_colour(s) for s in sectors.tolist()]
        palette = sorted(set(colours))
        self._palette = palette
        lookup = np.array([palette.index(c) for c in colours], dtype=np.int64)
        self._colour_index = lookup[inverse.reshape(-1)] if len(sectors) else lookup
        self._co2_scale = emission_scale(project)
        self._jobs = jobs_values(project)
        self._jobs_scale = jobs_scale(project)
        #: The value -> radius scale of what the circles show, shared with the size legend
        #: (None: no data at all).
        self.scale: ProportionalScale | None = self._co2_scale
        self._sheets: dict[float, tuple[SpriteSheet, dict[int, int]]] = {}
        finite = self._style.has_point
        self._finite = finite
        if finite.any():
            xmin, ymin = self.xy[finite].min(axis=0)
            xmax, ymax = self.xy[finite].max(axis=0)
        else:
            xmin = ymin = xmax = ymax = 0.0
        self._data_bounds = QRectF(xmin, ymin, max(xmax - xmin, 1.0), max(ymax - ymin, 1.0))
        self._visible = self._style.sector_mask(frame.hidden_sectors) & finite
        self.emissions: YearEmissions = frame_emissions(project, frame)
        self._restyle()

    # -- frame --------------------------------------------------------------------------
    @property
    def year(self) -> int:
        """The year drawn."""
        return self.frame.year

    def set_frame(self, frame: MapFrame) -> None:
        old = self.frame
        super().set_frame(frame)
        restyle = False
        if not frame.same_values(old):
            self.emissions = frame_emissions(self.project, frame)
            restyle = True
        if frame.hidden_sectors != old.hidden_sectors:
            self._visible = self._style.sector_mask(frame.hidden_sectors) & self._finite
            restyle = True
        if frame.circle_size != old.circle_size:
            restyle = True
        if restyle:
            self._restyle()
        if restyle or frame.selected != old.selected:
            self.update()

    @property
    def sized_by_jobs(self) -> bool:
        """Whether the circle areas show the stated direct jobs rather than CO2."""
        return self.frame.circle_size == SIZE_JOBS

    def _restyle(self) -> None:
        """Radii, marker kinds and drawing order for the current values (arrays only)."""
        if self.sized_by_jobs:
            values, self.scale = self._jobs, self._jobs_scale
            has = np.isfinite(values)
        else:
            values, self.scale = self.emissions.values, self._co2_scale
            has = (self.emissions.kinds != NO_DATA) & np.isfinite(values)
        if self.scale is not None:
            radius = np.maximum(self.scale.radius(np.where(has, values, 0.0)), 0.0)
        else:
            radius = np.zeros(len(values))
        positive = has & (values > 0)
        radius = np.where(positive, np.maximum(radius, style.EMISSION_MIN_RADIUS), 0.0)
        #: Radius in pixels at 96 dpi of each facility's circle (0: no circle).
        self.radii = radius
        #: Marker of each facility: 0 circle, 1 zero value, 2 no data.
        self.markers = np.where(positive, 0, np.where(has, 1, 2))
        # Largest circles first, then the zero and no-data markers on top.
        key = np.where(self.markers == 0, -radius, np.inf)
        order = np.lexsort((self.markers, key))
        self._order = order[self._visible[order]]

    # -- geometry -----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        px = (style.EMISSION_MAX_RADIUS + style.SELECTION_RING + 8) * self.render_scale
        pad = px * self.units_per_pixel
        return self._data_bounds.adjusted(-pad, -pad, pad, pad)

    def drawn_radius(self, facility_id: str) -> float:
        """Radius in device pixels of a facility's circle as drawn (0: no circle)."""
        i = self._index[facility_id]
        if not self._visible[i] or self.markers[i] != 0:
            return 0.0
        return code_radius(int(radius_codes(self.radii[i] * self.render_scale)))

    def marker(self, facility_id: str) -> str:
        """What a facility shows: ``circle``, ``zero``, ``no_data`` or ``hidden``."""
        i = self._index[facility_id]
        if not self._visible[i]:
            return "hidden"
        return ("circle", "zero", "no_data")[int(self.markers[i])]

    # -- painting -----------------------------------------------------------------------
    def _sprite_ids(self, indices: np.ndarray, scale: float) -> tuple[SpriteSheet, np.ndarray]:
        """The sprite sheet at ``scale`` (render scale x device pixel ratio) and the
        sprite of each facility of ``indices``."""
        entry = self._sheets.get(scale)
        if entry is None:
            entry = (shared_sheet(scale), {})
            self._sheets = {scale: entry}
        sheet, lookup = entry
        n_colours = len(self._palette)
        markers = self.markers[indices]
        codes = radius_codes(self.radii[indices] * scale)
        # One integer per (marker, colour, radius): few distinct values, mapped to sprites.
        combined = np.where(
            markers == 0,
            (codes * n_colours + self._colour_index[indices]) * 3,
            np.where(markers == 1, self._colour_index[indices] * 3 + 1, 2),
        )
        unique, _, inverse, _ = unique_inverse(combined)
        sprite_of = np.empty(len(unique), dtype=np.int64)
        for j, value in enumerate(unique.tolist()):
            sid = lookup.get(value)
            if sid is None:
                sid = lookup[value] = sheet.id(self._key(value))
            sprite_of[j] = sid
        return sheet, sprite_of[inverse.reshape(-1)]

    def _key(self, combined: int) -> tuple:
        n_colours = len(self._palette)
        kind = combined % 3
        if kind == 2:
            return ("no_data",)
        if kind == 1:
            return ("zero", self._palette[combined // 3])
        code, colour = divmod(combined // 3, n_colours)
        return ("circle", self._palette[colour], code)

    def paint(self, painter: QPainter, *args) -> None:
        order = self._order
        if not len(order):
            return
        painter.save()
        try:
            x, y = device_xy(painter, self.xy[order])
            painter.resetTransform()
            scale = self.render_scale * (painter.device().devicePixelRatioF() or 1.0)
            sheet, sprite_ids = self._sprite_ids(order, scale)
            draw_sprites(painter, sheet, x, y, sprite_ids, vector=self.vector)
            self._paint_selection(painter, sheet, order, x, y, scale)
        finally:
            painter.restore()

    def _paint_selection(self, painter, sheet: SpriteSheet, order, x, y, scale: float) -> None:
        selected = self.frame.selected
        if not selected:
            return
        pos = {int(i): k for k, i in enumerate(order)}
        rows = [pos[i] for i in map(self._index.get, selected) if i is not None and i in pos]
        if not rows:
            return
        rows = np.array(rows, dtype=int)
        base = np.where(
            self.markers[order[rows]] == 0,
            self.radii[order[rows]] * scale,
            style.NO_DATA_RADIUS * scale,
        )
        codes = radius_codes(base + 3 * scale)
        ids = np.array([sheet.id(("selection", int(c))) for c in codes])
        draw_sprites(painter, sheet, x[rows], y[rows], ids, cull=False, vector=self.vector)

    # -- picking ------------------------------------------------------------------------
    def facility_at(self, x: float, y: float, tolerance: float) -> str | None:
        """Return the facility whose circle or marker is at map point (x, y), or ``None``.

        Inside several circles, the smallest (drawn last, on top) wins;
        ``tolerance`` (map units) widens small targets.
        """
        order = self._order
        if not len(order):
            return None
        xy = self.xy[order]
        d = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
        radius = (
            np.where(self.markers[order] == 0, self.radii[order], style.NO_DATA_RADIUS)
            * self.render_scale
            * self.units_per_pixel
        )
        hit = np.flatnonzero(d <= np.maximum(radius, tolerance))
        if not len(hit):
            return None
        return self.ids[int(order[hit[-1]])]
