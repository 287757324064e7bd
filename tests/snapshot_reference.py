"""The stored reference picture of the snapshot renderer, and how to make it again.

``tests/data/snapshot_reference.png`` is the render of :func:`reference_spec` on the
small test dataset of :mod:`tests.gpkg_factory` (four facilities, three communes,
land, coastline, networks), with every decoration, the emission layer of 2021, a date
and a sources footer. ``tests/test_snapshot_render.py`` compares a fresh render with it
within a tolerance (fonts may antialias slightly differently on another machine).

After an intended change of the map's look, look at the new picture, then regenerate::

    QT_QPA_PLATFORM=offscreen python -m tests.snapshot_reference

and commit ``tests/data/snapshot_reference.png`` with the change.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "data" / "snapshot_reference.png"


def reference_spec(project):
    """The fixed spec of the reference picture."""
    from dkgis.model.frame import frame_of
    from dkgis.model.snapshot import Decorations, SnapshotSpec, source_entries

    layers = tuple(layer.name for layer in project.layers)
    frame = frame_of(project, year=2021, layers=layers, extent=project.cluster_extent())
    return SnapshotSpec(
        frame=frame,
        width=720,
        height=450,
        dpi=96,
        title="Reference map",
        subtitle="CO₂ emissions 2021 · facilities by sector",
        decorations=Decorations(),
        date=datetime.date(2025, 3, 14),
        sources=source_entries(project, layers),
    )


def reference_project(folder: Path):
    """The test dataset, written in ``folder`` and loaded."""
    from dkgis.model.project import Project
    from tests.gpkg_factory import make_dataset

    return Project.load(make_dataset(Path(folder) / "reference.gpkg"))


def render_reference(project):
    """Render the reference spec (a QImage)."""
    from dkgis.map.render import render_image

    return render_image(project, reference_spec(project))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    with tempfile.TemporaryDirectory() as folder:
        image = render_reference(reference_project(Path(folder)))
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(REFERENCE), "PNG"):
        print(f"could not write {REFERENCE}", file=sys.stderr)
        return 1
    print(f"wrote {REFERENCE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
