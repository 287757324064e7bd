"""Collect the features of a JSON file one by one, skipping the bad ones.

GeoJSON and Esri JSON files list features; one damaged feature (a geometry of
an unknown type, a coordinate that is not a number) must not refuse the whole
file. :class:`FeatureCollector` keeps the good features' attributes and
geometries and names the skipped ones, by their number in the file, in one
warning; the layer loads and the user reads what was left out.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from dkgis.i18n import _, ngettext
from dkgis.io.errors import DatasetError
from dkgis.io.readers.base import ProgressCallback, listed, make_points, paused_gc, report

#: Features handled between two progress reports.
PROGRESS_STEP = 20_000


def feature_label(index: int) -> str:
    """How a feature is named to the user: ``"#3"`` for the third of the file."""
    return f"#{index + 1}"


class FeatureCollector:
    """The attributes and geometries of the good features of a file.

    Call :meth:`add` for each good feature and :meth:`skip` for each bad one, in
    file order, then :meth:`finish`.

    Parameters
    ----------
    path
        The file (for error messages).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.columns: dict[str, list] = {}
        self.geometries: list = []
        self.indexes: list[int] = []  # position in the file of each kept feature
        self.skipped: list[tuple[int, str]] = []
        self._point_rows: list[int] = []
        self._point_xy: list[tuple[float, float]] = []

    def add(self, index: int, properties: dict, geometry=None, point=None) -> None:
        """Keep feature ``index`` (0-based) with its attributes and geometry.

        ``point`` (an ``(x, y)`` pair of finite numbers) is a faster way to give a
        point geometry: points are created together at the end.
        """
        row = len(self.indexes)
        for key, value in properties.items():
            values = self.columns.get(key)
            if values is None:
                values = self.columns[key] = [None] * row
            if isinstance(value, (dict, list)):
                value = json.dumps(value, ensure_ascii=False)
            values.append(value)
        for values in self.columns.values():
            if len(values) < row + 1:
                values.append(None)
        self.indexes.append(index)
        if point is not None:
            self._point_rows.append(row)
            self._point_xy.append(point)
            geometry = None
        self.geometries.append(geometry)

    def skip(self, index: int, reason: str) -> None:
        """Leave feature ``index`` (0-based) out, for ``reason`` (translated)."""
        self.skipped.append((index, reason))

    def finish(
        self, progress: ProgressCallback | None = None, span: tuple[float, float] = (0.9, 0.95)
    ) -> tuple[np.ndarray, dict[str, list], tuple[str, ...]]:
        """Return the geometries, the attribute columns and the warnings.

        Raises
        ------
        DatasetError
            When features were listed but none could be read.
        """
        warnings = skipped_warnings(self.path, self.skipped, len(self.indexes))
        geoms = np.empty(len(self.geometries), dtype=object)
        geoms[:] = self.geometries
        if self._point_rows:
            xy = np.asarray(self._point_xy, dtype=float)
            with paused_gc():
                points = make_points(xy[:, 0], xy[:, 1], progress, span)
            geoms[np.asarray(self._point_rows)] = points
        report(progress, span[1])
        return geoms, self.columns, warnings


def skipped_warnings(path: Path, skipped: list[tuple[int, str]], kept: int) -> tuple[str, ...]:
    """The warning naming the ``skipped`` features (index in the file, reason), if any.

    Raises
    ------
    DatasetError
        When features were skipped and none was ``kept``.
    """
    if not skipped:
        return ()
    items = (f"{feature_label(i)} ({reason})" for i, reason in skipped)
    features = listed(items, len(skipped))
    if not kept:
        raise DatasetError(path, _("no feature can be read: {features}").format(features=features))
    n = len(skipped)
    return (
        ngettext(
            "{n} feature skipped: {features}",
            "{n} features skipped: {features}",
            n,
        ).format(n=n, features=features),
    )


def finite_number(value: object) -> float | None:
    """``value`` as a float when it is a finite JSON number, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return number if math.isfinite(number) else None
