"""The stored reference pictures of user layers, and how to make them again.

``tests/data/user_layers_<case>.png`` are renders of four user layers (zoning
polygons with holes and a multi-polygon, 3 000 buildings, roads, sensor points)
through the snapshot renderer: the whole of the layers, a view zoomed x20 on one
site, and a view zoomed x5 at 192 dpi (every pixel size doubled, as in print
exports). ``tests/test_user_layer_render.py`` compares fresh renders with them
within a tolerance, so that faster drawing never changes what the user sees.

After an intended change of the look of user layers, look at the new pictures,
then regenerate::

    QT_QPA_PLATFORM=offscreen python -m tests.user_layer_reference

and commit the PNG files with the change.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
#: Case name -> (zoom factor over the whole extent, dpi).
CASES = {"whole": (1.0, 96.0), "zoomed": (20.0, 96.0), "print": (5.0, 192.0)}
#: Centre of the zoomed views (lon, lat): Dunkerque's town centre, among the buildings.
SITE = (2.3768, 51.0343)
WIDTH, HEIGHT = 800, 500


def reference_path(case: str) -> Path:
    """The stored picture of ``case``."""
    return DATA / f"user_layers_{case}.png"


def reference_layers() -> list:
    """The four user layers of the reference pictures, bottom to top."""
    import shapely

    from dkgis.io.gpkg import TableData
    from dkgis.model.user_layer import UserLayer, UserStyle
    from tests.building_factory import building_polygons

    rng = np.random.default_rng(12)

    def layer(name: str, geoms, style: UserStyle) -> UserLayer:
        geoms = np.asarray(geoms, dtype=object)
        table = TableData(name, {"n": list(range(len(geoms)))}, geoms)
        return UserLayer(f"user:{name}", name, table, style=style)

    zone = shapely.Polygon(
        [(2.30, 51.00), (2.40, 51.00), (2.42, 51.05), (2.33, 51.06), (2.30, 51.00)],
        holes=[[(2.34, 51.02), (2.37, 51.02), (2.36, 51.04), (2.34, 51.02)]],
    )
    port = shapely.MultiPolygon(
        [
            shapely.box(2.17, 51.00, 2.22, 51.03),
            shapely.box(2.23, 51.01, 2.27, 51.04).difference(shapely.box(2.24, 51.02, 2.25, 51.03)),
        ]
    )
    zones = layer(
        "zonage", [zone, port], UserStyle(colour="#0057B8", line_width=2.5, fill_alpha=0.2)
    )
    buildings = building_polygons(3000, seed=3)
    courtyards = shapely.buffer(shapely.points(rng.normal(SITE, 0.004, (40, 2))), 0.0004)
    holes = shapely.difference(courtyards, shapely.buffer(shapely.centroid(courtyards), 0.0002))
    built = layer("batiments", np.concatenate([buildings, holes]), UserStyle())
    walks = np.cumsum(rng.normal(0.0, 0.004, (30, 25, 2)), axis=1) + rng.uniform(
        (2.18, 50.97), (2.44, 51.07), (30, 1, 2)
    )
    roads = layer("voirie", shapely.linestrings(walks), UserStyle(colour="#FF7F00", line_width=1.2))
    near = rng.normal(SITE, 0.003, (150, 2))
    spread = rng.uniform((2.15, 50.95), (2.45, 51.08), (250, 2))
    sensors = layer(
        "capteurs",
        shapely.points(np.concatenate([near, spread])),
        UserStyle(colour="#6A1B9A", point_size=6.0),
    )
    return [zones, built, roads, sensors]


def reference_project():
    """A project of the reference layers alone."""
    from dkgis.model.project import Project

    return Project(layers=reference_layers())


def reference_spec(project, case: str):
    """The spec of ``case``: the layers alone, no decorations."""
    from dkgis.model.crs import lonlat_to_mercator
    from dkgis.model.frame import frame_of
    from dkgis.model.snapshot import Decorations, SnapshotSpec

    zoom, dpi = CASES[case]
    boxes = np.array([layer.bounds_mercator() for layer in project.layers])
    xmin, ymin = boxes[:, 0].min(), boxes[:, 1].min()
    xmax, ymax = boxes[:, 2].max(), boxes[:, 3].max()
    if zoom == 1.0:
        extent = (xmin, ymin, xmax, ymax)
    else:
        cx, cy = lonlat_to_mercator(*SITE)
        half_w, half_h = (xmax - xmin) / zoom / 2, (ymax - ymin) / zoom / 2
        extent = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
    frame = frame_of(
        project,
        layers=tuple(layer.name for layer in project.layers),
        extent=tuple(float(v) for v in extent),
    )
    return SnapshotSpec(
        frame=frame,
        width=WIDTH,
        height=HEIGHT,
        dpi=dpi,
        decorations=Decorations().without(Decorations.field_names()),
    )


def render_case(project, case: str):
    """Render ``case`` (a QImage)."""
    from dkgis.map.render import render_image

    return render_image(project, reference_spec(project, case))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    project = reference_project()
    DATA.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        path = reference_path(case)
        if not render_case(project, case).save(str(path), "PNG"):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
