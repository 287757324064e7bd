"""Build ``QPainterPath`` objects from coordinate arrays, fast.

A path with tens of thousands of vertices is decoded from Qt's own binary
stream format in one call instead of one Python call per vertex.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt
from PySide6.QtGui import QPainterPath

_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE_TO, _LINE_TO = 0, 1


def lines_to_path(lines: list[np.ndarray], fill_rule=Qt.FillRule.OddEvenFill) -> QPainterPath:
    """One path made of polylines, each an (n, 2) array; each starts a subpath."""
    lines = [line for line in lines if len(line)]
    if not lines:
        return QPainterPath()
    xy = np.concatenate(lines)
    elements = np.empty(len(xy), dtype=_ELEMENT)
    elements["type"] = _LINE_TO
    starts = np.concatenate([[0], np.cumsum([len(line) for line in lines])[:-1]])
    elements["type"][starts] = _MOVE_TO
    elements["x"] = xy[:, 0]
    elements["y"] = xy[:, 1]
    tail = np.array([starts[-1], 0 if fill_rule == Qt.FillRule.OddEvenFill else 1], dtype=">i4")
    blob = np.array([len(xy)], dtype=">i4").tobytes() + elements.tobytes() + tail.tobytes()
    data = QByteArray(blob)  # must outlive the stream, which does not copy it
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    path = QPainterPath()
    stream >> path
    return path


def geometry_path(geoms: np.ndarray) -> QPainterPath:
    """One path from shapely polygons or lines; polygon holes render with an odd-even fill."""
    parts = shapely.get_parts(np.asarray(geoms, dtype=object))
    parts = parts[~shapely.is_empty(parts)]
    lines: list[np.ndarray] = []
    for part in parts:
        if part.geom_type == "Polygon":
            lines.append(shapely.get_coordinates(part.exterior))
            lines.extend(shapely.get_coordinates(ring) for ring in part.interiors)
        elif part.geom_type in ("LineString", "LinearRing"):
            lines.append(shapely.get_coordinates(part))
    return lines_to_path(lines)
