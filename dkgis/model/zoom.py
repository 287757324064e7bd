"""Extents to zoom to: around a facility, around a selection, facilities in a box."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from dkgis.model.crs import mercator_scale_factor, mercator_y_to_lat

if TYPE_CHECKING:
    from dkgis.model.mapview import Extent
    from dkgis.model.project import Project

#: Ground width shown around a single facility, in metres.
FACILITY_VIEW_WIDTH_M = 3000.0
#: Margin added around a group of facilities, as a fraction of its size.
SELECTION_PADDING = 0.15


def centred_extent(x: float, y: float, ground_width_m: float) -> Extent:
    """A square extent (EPSG:3857) centred on ``(x, y)`` showing ``ground_width_m`` of ground."""
    half = ground_width_m * mercator_scale_factor(mercator_y_to_lat(y)) / 2.0
    return (x - half, y - half, x + half, y + half)


def facilities_extent(
    project: Project, ids: Iterable[str], min_ground_width_m: float = FACILITY_VIEW_WIDTH_M
) -> Extent | None:
    """The extent framing the facilities ``ids`` (padded), or ``None`` if none has a point.

    A single facility (or several at one point) gets ``min_ground_width_m`` of
    ground around it, so that zooming to it does not zoom in to the pixel.
    """
    all_ids, xy = project.facility_mercator_xy()
    wanted = set(ids)
    mask = np.array([fid in wanted for fid in all_ids], dtype=bool)
    if not len(all_ids) or not mask.any():
        return None
    pts = xy[mask]
    pts = pts[np.isfinite(pts).all(axis=1)]
    if not len(pts):
        return None
    xmin, ymin = pts.min(axis=0)
    xmax, ymax = pts.max(axis=0)
    cx, cy = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
    pad_x = (xmax - xmin) * SELECTION_PADDING
    pad_y = (ymax - ymin) * SELECTION_PADDING
    box = (float(xmin - pad_x), float(ymin - pad_y), float(xmax + pad_x), float(ymax + pad_y))
    small = centred_extent(float(cx), float(cy), min_ground_width_m)
    return (
        min(box[0], small[0]),
        min(box[1], small[1]),
        max(box[2], small[2]),
        max(box[3], small[3]),
    )


def facilities_in_extent(project: Project, extent: Extent) -> list[str]:
    """Ids of the shown facilities whose point lies in ``extent`` (EPSG:3857), in dataset
    order; facilities of sectors hidden in the legend are left out."""
    ids, xy = project.facility_mercator_xy()
    if not ids:
        return []
    xmin, ymin, xmax, ymax = extent
    x0, x1 = min(xmin, xmax), max(xmin, xmax)
    y0, y1 = min(ymin, ymax), max(ymin, ymax)
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    hidden = project.display.hidden_sectors
    return [
        ids[i] for i in np.flatnonzero(inside) if project.facilities[ids[i]].sector not in hidden
    ]
