"""GeoPackages whose every free-text field holds one hostile string, for the tests that
check that data text is shown as text (never run as a template, markup or script) and
that every document written from it is well formed.

``hostile_dataset(path, text)`` writes the default dataset of :mod:`gpkg_factory` with
``text`` in every name, operator, commune, note, measure, target, caveat and source text
(and in the scenario, user-layer and title texts the tests add themselves). Ids, codes,
sectors, statuses and numbers are left valid, so the project loads and draws as usual.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gpkg_factory import default_rows, make_dataset
from shapely.geometry import Point

from dkgis.io.gpkg import TableData
from dkgis.model.project import Project
from dkgis.model.user_layer import UserLayer

#: Free-text columns of each table, where a dataset's own wording goes.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "facilities": ("name", "operator", "subsector", "commune", "note", "capacity_unit"),
    "emissions": ("gas", "note"),
    "caveats": ("description",),
    "measures": ("name", "announced", "note"),
    "targets": ("actor", "announced", "note"),
    "infrastructure_lines": ("name", "operator", "capacity_unit"),
    "infrastructure_points": ("name", "operator", "capacity_unit"),
    "communes": ("name",),
    "sources": ("title", "url", "licence", "vintage", "attribution"),
}


def field_text(table: str, column: str, text: str) -> str:
    """The value a hostile dataset stores in ``table.column``.

    Attribution lines keep the OpenStreetMap credit, so the HTML map's credit line (which
    shows OpenStreetMap's) shows the hostile text too.
    """
    if table == "sources" and column == "attribution":
        return f"© OpenStreetMap contributors {text}"
    return text


def hostile_dataset(path: str | Path, text: str) -> Path:
    """Write a dataset with ``text`` in every column of :data:`TEXT_FIELDS`."""
    rows = default_rows()
    edit = {
        (table, i): {column: field_text(table, column, text) for column in columns}
        for table, columns in TEXT_FIELDS.items()
        for i in range(len(rows[table]))
    }
    return make_dataset(path, edit=edit)


def add_hostile_user_layer(project: Project, text: str) -> UserLayer:
    """Add a user layer titled ``text`` with one point whose attributes hold ``text``."""
    geoms = np.array([Point(2.30, 51.02)], dtype=object)
    data = TableData(text, {"name": [text], text: [text]}, geoms)
    layer = UserLayer("user:hostile", text, data)
    project.layers.append(layer)
    return layer
