"""How a facility's status and location precision show in its symbol (pure rules).

* status: operating sites are filled; sites not built yet (announced, under
  construction, suspended) are a ring; closed or cancelled sites are faded;
* location: a point that only stands for a postcode area, a commune or a
  neighbouring site is *approximate* and gets a dashed halo.

The map, its legend and the legend dock all use these rules.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from dkgis.symbology.displacement import group_members, shared_point_groups

if TYPE_CHECKING:
    from dkgis.model.project import Project

PLANNED_STATUSES = frozenset({"announced", "under_construction", "suspended"})
ENDED_STATUSES = frozenset({"closed", "cancelled"})

#: Location precisions whose point is only approximate.
APPROXIMATE_PRECISIONS = frozenset({"nearby", "postcode", "commune"})

#: Symbol classes of the status, in drawing order (later ones are drawn on top).
STATUS_CLASSES: tuple[str, ...] = ("ended", "planned", "operating")


def status_class(status: str) -> str:
    """Return the symbol class of a status: ``operating``, ``planned`` or ``ended``.

    Statuses the taxonomy does not know are drawn as operating.
    """
    if status in PLANNED_STATUSES:
        return "planned"
    if status in ENDED_STATUSES:
        return "ended"
    return "operating"


def status_classes(statuses: Iterable[str]) -> np.ndarray:
    """Return the symbol class of each status, as a string array."""
    return np.array([status_class(s) for s in statuses], dtype=object).astype(str)


def is_approximate(precisions: Iterable[str]) -> np.ndarray:
    """Return a boolean array, True where the location precision is approximate."""
    return np.array([p in APPROXIMATE_PRECISIONS for p in precisions], dtype=bool)


def drawing_order(classes: np.ndarray, priority: np.ndarray | None = None) -> np.ndarray:
    """Indices in drawing order: ended, then planned, then operating sites.

    Within a class the dataset order is kept, or ``priority`` (smaller first,
    i.e. drawn below) when given.
    """
    classes = np.asarray(classes)
    rank = np.zeros(len(classes), dtype=int)
    for r, name in enumerate(STATUS_CLASSES):
        rank[classes == name] = r
    if priority is None:
        return np.argsort(rank, kind="stable")
    return np.lexsort((np.asarray(priority), rank))


class FacilityStyle:
    """Per-facility style attributes of a project, as arrays (built once, then cached).

    Use :meth:`of`; rows follow :meth:`Project.facility_mercator_xy`.

    Attributes
    ----------
    ids : list of str
    sectors : numpy.ndarray
        Sector id of each facility (object array).
    classes : numpy.ndarray
        Symbol class of each status (see :func:`status_class`).
    approximate : numpy.ndarray
        True where the location is approximate.
    groups : numpy.ndarray
        Shared-point group of each facility (-1: alone), see
        :func:`dkgis.symbology.displacement.shared_point_groups` (1 m tolerance).
    has_point : numpy.ndarray
        True where the facility has a point.
    """

    def __init__(self, project: Project) -> None:
        ids, xy = project.facility_mercator_xy()
        facilities = [project.facilities[i] for i in ids]
        self.ids = ids
        self.sectors = np.array([f.sector for f in facilities], dtype=object)
        self.classes = status_classes(f.status for f in facilities)
        self.approximate = is_approximate(f.location_precision for f in facilities)
        self.groups = shared_point_groups(xy, 1.0)
        #: Indices of the facilities sharing a point, by group then id.
        self.group_members = group_members(self.groups, ids)
        self.has_point = np.isfinite(xy).all(axis=1) if len(xy) else np.zeros(0, dtype=bool)
        self._masks: dict[frozenset[str], np.ndarray] = {}
        # Per-sector summaries, so the legend never loops over facilities.
        index: dict[str, int] = {}
        codes = np.fromiter(
            (index.setdefault(s, len(index)) for s in self.sectors.tolist()),
            dtype=np.int64,
            count=len(self.sectors),
        )
        names = list(index)
        #: Distinct sector ids, in order of first appearance; ``sector_codes`` index it.
        self.sector_ids: tuple[str, ...] = tuple(names)
        self.sector_codes = codes
        located = self.has_point
        class_codes = np.zeros(len(self.classes), dtype=np.int64)
        for k, name in enumerate(STATUS_CLASSES):
            class_codes[self.classes == name] = k
        self._class_counts = np.zeros((len(names), len(STATUS_CLASSES)), dtype=np.int64)
        np.add.at(self._class_counts, (codes[located], class_codes[located]), 1)
        self._approx_counts = np.bincount(codes[located & self.approximate], minlength=len(names))
        members = self.group_members[located[self.group_members]]
        self._member_sectors = codes[members]
        g = self.groups[members]
        self._group_starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if len(g) else g

    @classmethod
    def of(cls, project: Project) -> FacilityStyle:
        """The style arrays of ``project`` (computed on first use)."""
        style = _STYLES.get(project)
        if style is None:
            style = _STYLES[project] = cls(project)
        return style

    def sector_mask(self, hidden: frozenset[str]) -> np.ndarray:
        """Boolean array, True for facilities whose sector is not in ``hidden`` (cached)."""
        mask = self._masks.get(hidden)
        if mask is None:
            mask = self._shown(hidden)[self.sector_codes]
            mask.flags.writeable = False
            if len(self._masks) > 8:
                self._masks.clear()
            self._masks[hidden] = mask
        return mask

    def _shown(self, hidden: frozenset[str]) -> np.ndarray:
        return np.array([s not in hidden for s in self.sector_ids], dtype=bool)

    def classes_shown(self, hidden: frozenset[str]) -> set[str]:
        """Status classes of the located facilities of the sectors not hidden."""
        counts = self._class_counts[self._shown(hidden)].sum(axis=0)
        return {name for name, n in zip(STATUS_CLASSES, counts, strict=True) if n}

    def approximate_shown(self, hidden: frozenset[str]) -> bool:
        """Whether a located facility of a sector not hidden has an approximate point."""
        return bool(self._approx_counts[self._shown(hidden)].any())

    def spread_shown(self, hidden: frozenset[str]) -> bool:
        """Whether two or more facilities of sectors not hidden share a point."""
        if not len(self._member_sectors):
            return False
        shown = self._shown(hidden)[self._member_sectors].astype(np.int64)
        return bool((np.add.reduceat(shown, self._group_starts) >= 2).any())


_STYLES: weakref.WeakKeyDictionary[Project, FacilityStyle] = weakref.WeakKeyDictionary()
