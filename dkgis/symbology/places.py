"""Place names of the basemap: which communes are named first, and where.

The names are the communes of the dataset (data text, never translated). The
priority decides which names stay when the map has no room for all of them:

1. the communes of the Communauté urbaine de Dunkerque (``in_cud``) come before
   the others;
2. then the communes with more of the dataset's facilities come first (this is
   a map of an industrial cluster: Dunkerque, Gravelines, Loon-Plage and
   Grande-Synthe lead);
3. then the larger communes (area of the polygon).

The dataset has no population figures, hence importance rather than population.
Communes outside the Communauté urbaine are only named where their polygon is
large on the picture (a zoomed-in map), so that the cluster's names are not
crowded out by the rural ones. A name is placed inside its commune: at the
point of the polygon farthest from its edges, else at points around it that are
still inside (the main communes' names may also sit just off their edge). A main
commune whose inside has no room left (a port town, whose centre is covered by the
symbols of its facilities) takes its name over no commune at all, a little farther
off its edge: over the sea by its coast, where a reader looks for a coastal town's name.

Communes associées (Mardyck, Fort-Mardyck, Saint-Pol-sur-Mer, Petite-Synthe,
Malo-les-Bains) have no polygon of their own in the commune data (they are
inside Dunkerque's) and no located point in any source of the dataset: they are
not named.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
import shapely.ops

if TYPE_CHECKING:
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

#: Kind of the layer whose communes are named.
COMMUNE_KIND = "communes"
#: A commune with at least this many facilities has its name drawn larger.
MAJOR_FACILITIES = 3
#: A commune outside the Communauté urbaine is named where its polygon covers at
#: least this many times the area of its name's box.
OUTSIDE_AREA_FACTOR = 24.0
#: Where every position on or by a main commune is taken, its name may sit this many
#: lines (label heights) off it over no commune (the sea, or land beyond the layer's).
OFFSHORE_REACH = 2.5
#: Offsets tried around the anchor, in label widths and heights (x, y; y down), nearest
#: first: a commune whose centre is crowded takes its name a little aside, never far
#: (a name far from the town would name the wrong place).
_OFFSETS = np.array(
    sorted(
        ((dx / 2.0, dy * 1.1) for dx in range(-4, 5) for dy in range(-5, 6)),
        key=lambda o: (o[0] * 3.0) ** 2 + (o[1] * 1.0) ** 2,
    )
)
#: The same positions, and those halfway between them: a last try for a main town's
#: name over the sea, where a small map has little room.
_FINE_OFFSETS = np.array(
    sorted(
        ((dx / 4.0, dy * 0.55) for dx in range(-8, 9) for dy in range(-10, 11)),
        key=lambda o: (o[0] * 3.0) ** 2 + (o[1] * 1.0) ** 2,
    )
)


@dataclass(frozen=True)
class PlaceNames:
    """The communes that can be named, most important first.

    Attributes
    ----------
    names : tuple of str
        Commune names, as the data gives them.
    anchors : numpy.ndarray
        ``(n, 2)`` EPSG:3857 point inside each commune, farthest from its edges.
    polygons : numpy.ndarray
        The communes' polygons (EPSG:3857, shapely, prepared for point tests).
    areas : numpy.ndarray
        Area of each polygon in square map units.
    in_cud : numpy.ndarray
        Whether each commune is in the Communauté urbaine de Dunkerque.
    major : numpy.ndarray
        Whether each name is drawn larger.
    """

    names: tuple[str, ...]
    anchors: np.ndarray
    polygons: np.ndarray
    areas: np.ndarray
    in_cud: np.ndarray
    major: np.ndarray

    @classmethod
    def of(cls, project: Project, layer: Layer) -> PlaceNames:
        """The place names of the commune ``layer`` of ``project``, in priority order."""
        columns = layer.data.columns
        names = [str(n) if n is not None else "" for n in columns.get("name", ())]
        insee = [str(c) if c is not None else "" for c in columns.get("insee", ())]
        geoms = np.asarray(layer.mercator_geometry(), dtype=object)
        n = len(names)
        in_cud = np.asarray(columns.get("in_cud", np.zeros(n)), dtype=bool)
        counts = Counter(f.insee for f in project.facilities.values())
        facilities = np.array([counts.get(code, 0) for code in insee], dtype=int)
        usable = np.array(
            [
                bool(name.strip()) and g is not None and not shapely.is_empty(g)
                for name, g in zip(names, geoms, strict=True)
            ],
            dtype=bool,
        )
        areas = np.array(
            [shapely.area(g) if ok else 0.0 for g, ok in zip(geoms, usable, strict=True)]
        )
        order = np.lexsort((-areas, -facilities, ~in_cud))
        order = order[usable[order]]
        anchors = np.array([_anchor(geoms[i]) for i in order]).reshape(-1, 2)
        polygons = geoms[order]
        shapely.prepare(polygons)
        return cls(
            names=tuple(names[i] for i in order),
            anchors=anchors,
            polygons=polygons,
            areas=areas[order],
            in_cud=in_cud[order],
            major=facilities[order] >= MAJOR_FACILITIES,
        )

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, centres: np.ndarray, sizes: np.ndarray, fine: bool = False) -> np.ndarray:
        """Label rectangles to try for every place: centred on its anchor, then around it.

        ``centres`` ``(n, 2)`` are the anchors drawn on the picture, ``sizes`` ``(n, 2)``
        the labels' widths and heights there; ``fine``: at twice as many positions.
        Returns ``(n, k, 4)``: row ``i`` holds the ``k`` rectangles ``(x0, y0, x1, y1)``
        of place ``i``, in picture units, nearest first."""
        centres = np.asarray(centres, dtype=float).reshape(-1, 1, 2)
        sizes = np.asarray(sizes, dtype=float).reshape(-1, 1, 2)
        corners = centres + ((_FINE_OFFSETS if fine else _OFFSETS) - 0.5) * sizes
        return np.concatenate([corners, corners + sizes], axis=2)

    def inside(self, index: int, xy: np.ndarray, tolerance: float = 0.0) -> np.ndarray:
        """Whether the ``(m, 2)`` EPSG:3857 points are inside commune ``index``, or
        within ``tolerance`` map units of it."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        polygon = self.polygons[index]
        if tolerance > 0:
            return shapely.dwithin(polygon, shapely.points(xy), tolerance)
        return shapely.contains_xy(polygon, xy[:, 0], xy[:, 1])

    def offshore(self, index: int, xy: np.ndarray, line: float) -> np.ndarray:
        """The rows of the ``(m, 2)`` EPSG:3857 points over no commune, up to
        :data:`OFFSHORE_REACH` lines off commune ``index`` (``line``: the height of its
        label in map units), in their order: where a main town's name goes when its
        commune has no room left (by a coastal town, the sea)."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        rows = np.flatnonzero(self.inside(index, xy, OFFSHORE_REACH * line))
        rows = rows[~self.inside(index, xy[rows])]  # its own ground first: the quickest test
        x, y = xy[rows, 0], xy[rows, 1]
        covered = shapely.contains_xy(self.polygons[:, np.newaxis], x, y).any(axis=0)
        return rows[~covered]


def _anchor(geom) -> tuple[float, float]:
    """The point of the largest part of ``geom`` farthest from its edges."""
    parts = shapely.get_parts(geom)
    largest = max(parts, key=shapely.area) if len(parts) else geom
    tolerance = max(np.sqrt(shapely.area(largest)) / 200.0, 1.0)
    try:
        point = shapely.ops.polylabel(largest, tolerance=tolerance)
    except Exception:  # a degenerate polygon: any point on it will do
        point = shapely.point_on_surface(largest)
    return float(point.x), float(point.y)
