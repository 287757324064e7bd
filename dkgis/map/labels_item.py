"""The names on the map: facility names and place names, placed together.

One item draws every name of a map, on the screen and in every export, so that
no name covers another, a facility symbol or a decoration (title, legend, scale
bar, credits), and none runs off the map. The names of the main towns come first
(the reader's bearings), then the facility names (the frame says which: none, the
largest emitters of its year, or all where there is room), then the other place
names of the commune layer in their order of importance
(:mod:`dkgis.symbology.places`). Names are data text, drawn as the data gives them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGlyphRun,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from dkgis.map import style, symbols
from dkgis.map.glyph_runs import glyph_runs, laid_out
from dkgis.model.display import NAMES_ALL, NAMES_LARGEST, NAMES_NONE
from dkgis.model.frame import frame_emissions
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.labelling import LabelBoard, around
from dkgis.symbology.places import COMMUNE_KIND, OUTSIDE_AREA_FACTOR, PlaceNames

if TYPE_CHECKING:
    from dkgis.map.scene import MapLayers
    from dkgis.model.frame import MapFrame

#: Names laid out in glyphs kept at most (a session's names, at a few scales).
MAX_LAYOUTS = 20_000
#: Status classes, best first: names of operating sites before planned before closed.
_CLASS_RANK = {"operating": 0, "planned": 1, "ended": 2}


@dataclass(frozen=True)
class PlacedName:
    """A name drawn on the map.

    Attributes
    ----------
    text : str
    rect : tuple of float
        ``(x0, y0, x1, y1)`` in device pixels of the painter.
    kind : str
        ``"facility"`` or ``"place"``.
    key : str
        The facility id or the commune name.
    """

    text: str
    rect: tuple[float, float, float, float]
    kind: str
    key: str


class MapLabelsItem(QGraphicsObject):
    """Facility names and place names over the layers of a :class:`~dkgis.map.scene.MapLayers`.

    A child of the map-coordinates item; it paints in device pixels. Its names are
    placed over the whole map (never per exposed strip), from the frame, the view, the
    symbols and the decorations, again at every paint where one of them changed.
    """

    def __init__(self, layers: MapLayers, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.layers = layers
        self.project = layers.project
        self._places: PlaceNames | None = None
        self._places_layer: object | None = None
        self._sizes: tuple[PlaceNames, float, np.ndarray] | None = None
        #: The glyph runs of the names placed (:attr:`placed`), by group and font.
        self._glyphs_of: list[PlacedName] | None = None
        self._glyphs: dict[tuple, list[QGlyphRun]] = {}
        #: The glyphs of names by text and font (see :func:`laid_out`).
        self._layouts: dict[tuple[str, str], list] = {}
        #: Facility names as drawn (elided) and their widths, at a render scale.
        self._facility_texts: tuple[float, dict[str, tuple[str, float]]] = (0.0, {})
        self._view: tuple[tuple[float, float, float, float], float, float] | None = None
        #: The names of the last paint (tests, the export's layout record).
        self.placed: list[PlacedName] = []
        self._last_inputs: tuple | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, True)

    # -- state -------------------------------------------------------------------------
    @property
    def frame(self) -> MapFrame:
        return self.layers.frame

    @property
    def render_scale(self) -> float:
        return self.layers.render_scale

    def set_view(self, extent: tuple[float, float, float, float], width: float, height: float):
        """The map shows ``extent`` on ``width`` x ``height`` pixels (the decorations' pixels)."""
        self.prepareGeometryChange()
        self._view = (tuple(extent), float(width), float(height))
        self.update()

    def boundingRect(self) -> QRectF:  # Qt override
        if self._view is None:
            return QRectF()
        (xmin, ymin, xmax, ymax), _, _ = self._view
        return QRectF(xmin, ymin, xmax - xmin, ymax - ymin)

    def _commune_layer(self):
        for layer in self.project.layers:
            if layer.kind == COMMUNE_KIND and self.frame.shows(layer.name):
                item = self.layers.items.get(layer.name)
                if item is not None and getattr(item, "over_web_basemap", False):
                    return None  # web tiles name the places themselves
                return layer
        return None

    def place_names(self, layer) -> PlaceNames:
        """The place names of a commune layer (built once per layer)."""
        if self._places is None or self._places_layer is not layer:
            self._places = PlaceNames.of(self.project, layer)
            self._places_layer = layer
        return self._places

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, *args) -> None:  # Qt override
        if self._view is None:
            return
        painter.save()
        try:
            to_device = painter.transform()
            painter.resetTransform()
            self.placed = self._place(to_device)
            self._draw(painter)
        finally:
            painter.restore()

    def _view_to_device(self, to_device: QTransform) -> QTransform:
        """The transform from the decorations' pixels to the painter's device."""
        (xmin, ymin, xmax, ymax), width, height = self._view
        sx = (xmax - xmin) / width
        sy = (ymax - ymin) / height
        to_map = QTransform(sx, 0.0, 0.0, -sy, xmin, ymax)
        return to_map * to_device

    def _place(self, to_device: QTransform) -> list[PlacedName]:
        _, width, height = self._view
        view_to_device = self._view_to_device(to_device)
        bounds = view_to_device.mapRect(QRectF(0, 0, width, height))
        s = self.render_scale
        board = LabelBoard(
            (bounds.left(), bounds.top(), bounds.right(), bounds.bottom()), 96 * s, 1.5 * s
        )
        decorations = self.layers.decorations.layout().boxes()
        board.add_obstacles(
            np.array([_rect_tuple(view_to_device.mapRect(box)) for box in decorations])
        )
        anchors, radii = self._symbols(to_device)
        layer = self._commune_layer()
        # A paint caused by another item (a layer's picture arriving) finds the same
        # names in the same places: placing them again would only keep the window waiting.
        inputs = (
            to_device,
            self._view,
            s,
            # The frame's extent follows the view a moment later: the view is there.
            tuple(getattr(self.frame, f.name) for f in fields(self.frame) if f.name != "extent"),
            decorations,
            anchors,
            radii,
            layer,
            frame_emissions(self.project, self.frame),
            FacilityStyle.of(self.project),
        )
        if self._last_inputs is not None and _same_inputs(inputs, self._last_inputs):
            return self.placed
        self._last_inputs = inputs
        # Symbols not drawn have a NaN radius: the board leaves their rows out.
        board.add_square_obstacles(anchors, radii)
        # The main towns first (the reader's bearings), then the facility names, then
        # the other communes where there is room.
        placed = []
        if layer is not None:
            placed += self._place_place_names(board, layer, to_device, major=True)
        placed += self._place_facility_names(board, anchors, radii)
        if layer is not None:
            placed += self._place_place_names(board, layer, to_device, major=False)
        return placed

    def _symbols(self, to_device: QTransform) -> tuple[np.ndarray, np.ndarray]:
        """Each facility's symbol centre in device pixels and the radius of what is drawn
        there (NaN: nothing drawn)."""
        _, xy = self.project.facility_mercator_xy()
        anchors = _mapped(to_device, xy)
        radii = np.full(len(xy), np.nan)
        facility_item = self.layers.facility_item
        emission_item = self.layers.emission_item
        if facility_item is not None and self.frame.shows(facility_item.layer.name):
            moved, moved_xy = facility_item.spread_points()
            anchors[moved] = _mapped(to_device, moved_xy)
            radii[facility_item.visible_mask] = facility_item.radius
        if emission_item is not None and self.frame.shows(emission_item.layer.name):
            drawn = emission_item.drawn_radii()
            drawn *= self.render_scale
            np.fmax(radii, drawn, out=radii)
        return anchors, radii

    def _facility_order(self, shown: np.ndarray) -> np.ndarray:
        """Rows of the facilities to name, most important first."""
        mode = self.frame.names
        if mode == NAMES_NONE or not shown.any():
            return np.empty(0, dtype=int)
        values = frame_emissions(self.project, self.frame).values
        value = np.where(np.isfinite(values), values, -1.0)
        if mode == NAMES_LARGEST:
            rows = np.flatnonzero(shown & (value > 0))
            rows = rows[np.argsort(-value[rows], kind="stable")]
            return rows[: style.LARGEST_NAMES]
        classes = FacilityStyle.of(self.project).classes
        rank = np.array([_CLASS_RANK.get(c, 0) for c in classes])
        rows = np.flatnonzero(shown)
        rows = rows[np.lexsort((rank[rows], -value[rows]))]
        return rows[: style.MAX_LABELS] if mode == NAMES_ALL else rows[:0]

    def _place_facility_names(
        self, board: LabelBoard, anchors: np.ndarray, radii: np.ndarray
    ) -> list[PlacedName]:
        # (A sum is NaN or infinite where either coordinate is.)
        shown = np.isfinite(radii) & np.isfinite(anchors[:, 0] + anchors[:, 1])
        rows = self._facility_order(shown)
        if not len(rows):
            return []
        s = self.render_scale
        if self._facility_texts[0] != s:
            self._facility_texts = (s, {})
        measured = self._facility_texts[1]
        fm = QFontMetricsF(self.facility_font())
        max_w = style.LABEL_MAX_WIDTH * s
        h = fm.height()
        ids, _ = self.project.facility_mercator_xy()
        placed = []
        for row in rows.tolist():
            fid = ids[row]
            name = self.project.facilities[fid].display_name
            found = measured.get(name)
            if found is None:
                text = fm.elidedText(name, Qt.TextElideMode.ElideRight, max_w)
                found = measured[name] = (text, fm.horizontalAdvance(text))
            text, w = found
            ax, ay = anchors[row]
            rects = around(ax, ay, w, h, max(radii[row], symbols.facility_radius(s)) + 2 * s)
            k = board.take(rects)
            if k is not None:
                placed.append(PlacedName(text, rects[k], "facility", fid))
        return placed

    def _place_place_names(
        self, board: LabelBoard, layer, to_device: QTransform, *, major: bool
    ) -> list[PlacedName]:
        """Place the names of the main communes (``major``) or of the others."""
        places = self.place_names(layer)
        if not len(places):
            return []
        m = to_device
        inverse, ok = m.inverted()
        if not ok:
            return []
        sizes = self._place_sizes(places)
        w, h = sizes[:, 0], sizes[:, 1]
        area_factor = abs(m.m11() * m.m22() - m.m12() * m.m21())
        rows = np.flatnonzero(
            (places.major == major)
            & (places.in_cud | (places.areas * area_factor >= OUTSIDE_AREA_FACTOR * w * h))
        )
        # Only the candidates on the map can be taken: a zoomed view skips at once the
        # communes it does not show.
        anchors = _mapped(m, places.anchors[rows])
        rects = places.candidates(anchors, sizes[rows])
        on_map = _within(rects, board.bounds)
        placed = []
        for j in np.flatnonzero(on_map.any(axis=1)).tolist():
            i = int(rows[j])
            on = rects[j][on_map[j]]
            # The candidates' centres on the map (the map transform is affine).
            centres = _mapped(inverse, (on[:, :2] + on[:, 2:]) / 2)
            # The main names may sit just off their commune (over the sea by the coast).
            tolerance = 0.8 * h[i] / abs(m.m11()) if major else 0.0
            tried = on[places.inside(i, centres, tolerance)].tolist()
            # Room between two place names, so that neighbours never read as one.
            k = board.take(tried, margin=0.45 * h[i])
            if k is None and major:
                # No room left on the town's ground (a port's symbols): a little off its
                # coast, over the sea; on a small map, at positions twice as close.
                line = h[i] / abs(m.m11())
                tried = on[places.offshore(i, centres, line)].tolist()
                k = board.take(tried, margin=0.45 * h[i])
                if k is None:
                    fine = places.candidates(anchors[j], sizes[i], fine=True)[0]
                    fine = fine[_within(fine, board.bounds)]
                    middles = _mapped(inverse, (fine[:, :2] + fine[:, 2:]) / 2)
                    tried = fine[places.offshore(i, middles, line)].tolist()
                    k = board.take(tried, margin=0.45 * h[i])
                if k is None:
                    # A small, crowded map: the town is named on its ground all the same,
                    # over its facilities' symbols (on its halo), never over a name or a panel.
                    tried = on[places.inside(i, centres, tolerance)].tolist()
                    k = board.take(tried, margin=0.45 * h[i], over_symbols=True)
            if k is not None:
                name = places.names[i]
                placed.append(PlacedName(name, tuple(tried[k]), "place", name))
        return placed

    def _place_sizes(self, places: PlaceNames) -> np.ndarray:
        """The width and height, in device pixels, of each place's name ``(n, 2)``
        (measured once per set of places and render scale)."""
        scale = self.render_scale
        if self._sizes is None or self._sizes[0] is not places or self._sizes[1] != scale:
            metrics = {
                (major, minor): QFontMetricsF(self.place_font(major, minor))
                for major in (False, True)
                for minor in (False, True)
            }
            sizes = np.empty((len(places), 2))
            for i, name in enumerate(places.names):
                fm = metrics[(bool(places.major[i]), not places.in_cud[i])]
                sizes[i] = fm.horizontalAdvance(name), fm.height()
            self._sizes = (places, scale, sizes)
        return self._sizes[2]

    def facility_font(self) -> QFont:
        """The font of facility names."""
        font = QFont(style.FONT_FAMILY)
        font.setPixelSize(max(1, round(style.LABEL_SIZE * self.render_scale)))
        return font

    def place_font(self, major: bool = False, minor: bool = False) -> QFont:
        """The font of place names (larger for the main communes, smaller for the
        communes outside the Communauté urbaine)."""
        font = QFont(style.FONT_FAMILY)
        size = style.PLACE_MAJOR_SIZE if major else style.PLACE_SIZE
        if minor:
            size = style.PLACE_MINOR_SIZE
        font.setPixelSize(max(1, round(size * self.render_scale)))
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        return font

    def _draw(self, painter: QPainter) -> None:
        if not self.placed:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        places = self._places
        majors = (
            {name for name, major in zip(places.names, places.major, strict=True) if major}
            if places is not None
            else set()
        )
        outside = (
            {name for name, cud in zip(places.names, places.in_cud, strict=True) if not cud}
            if places is not None
            else set()
        )
        groups: dict[tuple[str, bool, bool], list[PlacedName]] = {}
        for name in self.placed:
            place = name.kind == "place"
            key = (name.kind, place and name.key in majors, place and name.key in outside)
            groups.setdefault(key, []).append(name)
        for (kind, major, minor), names in groups.items():
            if kind == "facility":
                font, colour = self.facility_font(), style.TEXT
            else:
                font = self.place_font(major, minor)
                colour = style.PLACE_MINOR_TEXT if minor else style.PLACE_TEXT
            self._draw_group(painter, (kind, major, minor), names, font, colour)

    def _draw_group(
        self, painter: QPainter, group: tuple, names: list[PlacedName], font: QFont, colour: str
    ) -> None:
        s = self.render_scale
        fm = QFontMetricsF(font)
        points = [(QPointF(n.rect[0], n.rect[1] + fm.ascent()), n.text) for n in names]
        if self.layers.vector:
            # SVG and PDF keep the names as text (searchable, selectable), on a stroked halo.
            painter.setFont(font)
            path = QPainterPath()
            for point, text in points:
                path.addText(point, font, text)
            halo = QPen(QColor(style.LABEL_HALO))
            halo.setWidthF(2.6 * s)
            halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(path, halo)
            painter.setPen(QColor(colour))
            for point, text in points:
                painter.drawText(point, text)
            return
        # The halo is the text drawn around itself: glyphs come from the glyph cache, so a
        # picture does not depend on the text other pictures drew before it (text outlines
        # do). The names are gathered in a glyph run per font, made once per placement.
        if self._glyphs_of is not self.placed:
            self._glyphs_of, self._glyphs = self.placed, {}
        key = (group, font.key())
        runs = self._glyphs.get(key)
        if runs is None:
            laid = [(point, self._laid_out(text, font)) for point, text in points]
            runs = self._glyphs[key] = glyph_runs(laid)
        r = 1.3 * s
        painter.setPen(QColor(style.LABEL_HALO))
        for dx, dy in _HALO_OFFSETS:
            for run in runs:
                painter.drawGlyphRun(QPointF(dx * r, dy * r), run)
        painter.setPen(QColor(colour))
        for run in runs:
            painter.drawGlyphRun(QPointF(0.0, 0.0), run)

    def _laid_out(self, text: str, font: QFont):
        """The glyphs of a name in a font (laid out once per name and font)."""
        key = (text, font.key())
        found = self._layouts.get(key)
        if found is None:
            if len(self._layouts) > MAX_LAYOUTS:
                self._layouts.clear()
            found = self._layouts[key] = laid_out(text, font)
        return found


#: Directions of the halo's copies of a name (unit circle, 12 steps).
_HALO_OFFSETS = tuple(
    (math.cos(2 * math.pi * k / 12), math.sin(2 * math.pi * k / 12)) for k in range(12)
)


def _same_inputs(a: tuple, b: tuple) -> bool:
    """Whether two placements' inputs are the same: arrays equal, other values the very
    same object (the emissions and styles of a frame are made once per change) or equal."""
    for x, y in zip(a, b, strict=True):
        if x is y:
            continue
        if isinstance(x, np.ndarray) and isinstance(y, np.ndarray):
            if not _same_bits(x, y):
                return False
            continue
        try:
            if not bool(x == y):
                return False
        except ValueError:  # values holding arrays: not the same object, so changed
            return False
    return True


def _mapped(m: QTransform, xy: np.ndarray) -> np.ndarray:
    """The ``(n, 2)`` points ``xy`` mapped by ``m`` (a new array).

    Column by column: numpy is several times slower over rows of two values."""
    out = np.empty(xy.shape)
    x, y = out[:, 0], out[:, 1]
    np.multiply(xy[:, 0], m.m11(), out=x)
    x += m.dx()
    np.multiply(xy[:, 1], m.m22(), out=y)
    y += m.dy()
    if m.m21() != 0 or m.m12() != 0:  # only a rotated view has cross terms
        x += m.m21() * xy[:, 1]
        y += m.m12() * xy[:, 0]
    return out


def _within(rects: np.ndarray, bounds: tuple[float, float, float, float]) -> np.ndarray:
    """Which of the rectangles ``(..., 4)`` lie wholly within ``bounds``."""
    bx0, by0, bx1, by1 = bounds
    return (
        (rects[..., 0] >= bx0)
        & (rects[..., 1] >= by0)
        & (rects[..., 2] <= bx1)
        & (rects[..., 3] <= by1)
    )


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two arrays hold the very same values, bit for bit (NaNs made the same way
    compare equal; a difference in a NaN's bits only costs a new placement)."""
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.itemsize == 8 and a.flags.c_contiguous and b.flags.c_contiguous:
        return bool(np.array_equal(a.view(np.uint64), b.view(np.uint64)))
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))


def _rect_tuple(rect: QRectF) -> tuple[float, float, float, float]:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())
