"""The map's symbol layers keep their pictures while the user pans a large map."""

from __future__ import annotations

from PySide6.QtGui import QPixmapCache

from dkgis.map.emission_item import EmissionItem
from dkgis.map.facility_item import FacilityItem
from dkgis.model.project import Project


def test_a_pan_of_a_large_map_redraws_only_the_strip_that_comes_into_view(qtbot, monkeypatch):
    from dkgis.data import DEFAULT_DATASET
    from dkgis.map.canvas import MapCanvas
    from dkgis.map.screen_frame import ScreenFrame

    # Each symbol layer paints through these methods: the painter's clip says how much of
    # the layer's picture is drawn again (no clip: all of it).
    painted: dict[str, list[tuple[bool, float]]] = {"facilities": [], "emissions": []}
    for kind, cls, name in (
        ("facilities", FacilityItem, "_paint"),
        ("emissions", EmissionItem, "_paint_selection"),
    ):
        original = getattr(cls, name)

        def spy(self, painter, *args, kind=kind, original=original):
            painted[kind].append((painter.hasClipping(), painter.clipBoundingRect().width()))
            return original(self, painter, *args)

        monkeypatch.setattr(cls, name, spy)

    QPixmapCache.setCacheLimit(10 * 1024)  # Qt's default, whatever ran before
    project = Project.load(DEFAULT_DATASET)
    project.layers.get("facilities").visible = True
    project.layers.get("emissions").visible = True
    screen = ScreenFrame(project)
    canvas = MapCanvas(project, screen)
    screen.setParent(canvas)
    qtbot.addWidget(canvas)
    canvas.resize(1920, 1080)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_extent(project.view.extent)
    canvas.zoom_by(0.25)  # the symbols reach past the view's edges
    qtbot.wait(20)  # the view applies its new range
    canvas.viewport().repaint()
    assert all(painted.values()), painted
    for widths in painted.values():
        widths.clear()

    (x0, x1), _ = canvas.viewbox.viewRange()
    canvas.viewbox.translateBy(x=(x1 - x0) / 1920 * 40)
    qtbot.wait(20)
    canvas.viewport().repaint()

    # Both layers drew only a strip about what came in, not their whole picture: both
    # cached pictures were kept (Qt's default cache holds one 1920 x 1080 picture only).
    for kind, paints in painted.items():
        assert paints, kind
        assert all(clipped and width < 960 for clipped, width in paints), (kind, paints)
    screen.flush()
