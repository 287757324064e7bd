"""Build ``QPainterPath`` objects from coordinate arrays, fast.

A path with tens of thousands of vertices is decoded from Qt's own binary
stream format in one call instead of one Python call per vertex.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt
from PySide6.QtGui import QPainterPath

from dkgis.io.geometry_column import GeometryColumn, offsets_from_counts

_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE_TO, _LINE_TO = 0, 1


def ragged_path(
    coords: np.ndarray, ring_offsets: np.ndarray, fill_rule=Qt.FillRule.OddEvenFill
) -> QPainterPath:
    """One path of polylines: ring ``i`` is ``coords[ring_offsets[i]:ring_offsets[i + 1]]``.

    Each ring starts a subpath; empty rings are skipped.
    """
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    starts = np.asarray(ring_offsets[:-1])
    starts = starts[np.diff(ring_offsets) > 0]
    if not len(starts):
        return QPainterPath()
    elements = np.empty(len(coords), dtype=_ELEMENT)
    elements["type"] = _LINE_TO
    elements["type"][starts] = _MOVE_TO
    elements["x"] = coords[:, 0]
    elements["y"] = coords[:, 1]
    rule = 0 if fill_rule == Qt.FillRule.OddEvenFill else 1
    tail = np.array([starts[-1], rule], dtype=">i4")
    blob = np.array([len(coords)], dtype=">i4").tobytes() + elements.tobytes() + tail.tobytes()
    data = QByteArray(blob)  # must outlive the stream, which does not copy it
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    path = QPainterPath()
    stream >> path
    return path


def geometry_path(geoms: np.ndarray) -> QPainterPath:
    """One path from shapely polygons or lines; polygon holes render with an odd-even fill."""
    column = GeometryColumn.from_shapely(np.asarray(geoms, dtype=object))
    rings = [column.lines, column.polygons]
    coords = np.concatenate([p.coords for p in rings])
    counts = np.concatenate([np.diff(p.ring_offsets) for p in rings])
    return ragged_path(coords, offsets_from_counts(counts))
