"""The user layer model, its default colours, and how it is drawn (screen and export)."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import GeometryCollection, LineString, MultiPoint, Point, Polygon

from dkgis.io.gpkg import TableData
from dkgis.model.crs import lonlat_to_mercator
from dkgis.model.layer import LayerList
from dkgis.model.user_layer import UserLayer, UserStyle, unique_layer_name
from dkgis.symbology.sectors import SECTORS
from dkgis.symbology.user_palette import USER_PALETTE, colour_distance, next_user_colour

DUNKERQUE = (2.3768, 51.0343)


def make_layer(geoms, name="user:test", **style) -> UserLayer:
    geoms = np.array(list(geoms), dtype=object)
    data = TableData("test", {"n": list(range(len(geoms)))}, geoms)
    return UserLayer(name, "Test", data, style=UserStyle(**style) if style else None)


def test_style_is_validated():
    assert UserStyle().colour == "#E6007E"
    with pytest.raises(ValueError, match="#rrggbb"):
        UserStyle(colour="red")
    with pytest.raises(ValueError, match="point_size"):
        UserStyle(point_size=0)
    with pytest.raises(ValueError, match="fill_alpha"):
        UserStyle().with_changes(fill_alpha=1.5)


def test_style_change_emits_once():
    layer = make_layer([Point(*DUNKERQUE)])
    seen = []
    layer.events.style.connect(seen.append)
    layer.style = layer.style.with_changes(colour="#0057B8")
    layer.style = layer.style.with_changes(colour="#0057B8")  # no change, no event
    assert [s.colour for s in seen] == ["#0057B8"]
    with pytest.raises(TypeError):
        layer.style = "#0057B8"


def test_a_user_layer_joins_a_layer_list_and_forwards_its_events():
    layers = LayerList()
    layer = make_layer([Point(*DUNKERQUE)])
    inserted = []
    layers.events.inserted.connect(lambda i, v: inserted.append(v))
    layers.append(layer)
    assert inserted == [layer] and layer.kind == "user"
    children = []
    layers.events.child_event.connect(children.append)
    layer.style = layer.style.with_changes(point_size=10)
    assert children, "style changes reach the list's child events"


def test_geometry_parts_split_every_kind():
    square = Polygon([(2.3, 51.0), (2.31, 51.0), (2.31, 51.01), (2.3, 51.0)])
    layer = make_layer(
        [
            Point(*DUNKERQUE),
            MultiPoint([(2.2, 51.0), (2.21, 51.0)]),
            LineString([(2.2, 51.0), (2.3, 51.0)]),
            square,
            GeometryCollection([Point(2.25, 51.02), square]),
            None,
        ]
    )
    assert layer.geometry_counts() == {"points": 4, "lines": 1, "polygons": 2}
    assert layer.rows_without_geometry == 1
    geometry = layer.map_geometry()
    x, y = lonlat_to_mercator(*DUNKERQUE)
    assert geometry.points[0] == pytest.approx([x, y])


def test_unique_names():
    assert unique_layer_name("sites", []) == "user:sites"
    assert unique_layer_name("sites", ["user:sites"]) == "user:sites (2)"
    assert unique_layer_name("sites", ["user:sites", "user:sites (2)"]) == "user:sites (3)"


def test_palette_is_clear_of_the_sector_colours_and_of_itself():
    for colour in USER_PALETTE:
        assert min(colour_distance(colour, s.colour) for s in SECTORS) >= 25
    pairs = [(a, b) for a in USER_PALETTE for b in USER_PALETTE if a < b]
    assert min(colour_distance(a, b) for a, b in pairs) >= 25


def test_next_colour_skips_those_in_use():
    assert next_user_colour([]) == USER_PALETTE[0]
    assert next_user_colour([USER_PALETTE[0].lower()]) == USER_PALETTE[1]
    assert next_user_colour(USER_PALETTE) in USER_PALETTE


# -- drawing -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app():
    from dkgis.ui.app import create_application

    return create_application()


def _render(project, extent, width=400, height=300):
    from dkgis.map.render import render_image
    from dkgis.model.frame import frame_of
    from dkgis.model.snapshot import Decorations, SnapshotSpec

    spec = SnapshotSpec(
        frame_of(project, extent=extent),
        width=width,
        height=height,
        decorations=Decorations(sector_legend=False, size_legend=False, attribution=False),
    )
    return render_image(project, spec)


def _pixel(image, extent, lon, lat):
    x, y = lonlat_to_mercator(lon, lat)
    xmin, ymin, xmax, ymax = extent
    px = round((x - xmin) / (xmax - xmin) * image.width())
    py = round((ymax - y) / (ymax - ymin) * image.height())
    return image.pixelColor(px, py)


def test_export_draws_points_lines_and_polygons_of_a_user_layer(app):
    from dkgis.model.project import Project

    project = Project.load()
    square = Polygon([(2.30, 51.00), (2.34, 51.00), (2.34, 51.02), (2.30, 51.02)])
    layer = make_layer(
        [Point(*DUNKERQUE), LineString([(2.20, 51.05), (2.28, 51.05)]), square],
        colour="#0057B8",
        line_width=4,
        point_size=10,
    )
    project.layers.append(layer)
    cx, cy = lonlat_to_mercator(2.30, 51.02)
    extent = (cx - 9000, cy - 6750, cx + 9000, cy + 6750)
    image = _render(project, extent)
    blue = (0x00, 0x57, 0xB8)
    assert _pixel(image, extent, *DUNKERQUE).getRgb()[:3] == blue
    assert _pixel(image, extent, 2.24, 51.05).getRgb()[:3] == blue
    inside = _pixel(image, extent, 2.32, 51.01)
    assert inside.blue() > inside.red()  # tinted by the 30 % blue fill
    assert inside.getRgb()[:3] != blue
    # Hidden layers are not drawn; a style change is drawn at once.
    layer.style = layer.style.with_changes(colour="#FF7F00")
    assert _pixel(_render(project, extent), extent, *DUNKERQUE).getRgb()[:3] == (255, 127, 0)
    layer.visible = False
    assert _pixel(_render(project, extent), extent, *DUNKERQUE).getRgb()[:3] != (255, 127, 0)


def test_markers_are_the_same_by_stamping_and_by_distance_transform(app, monkeypatch):
    from dkgis.map import markers

    rng = np.random.default_rng(5)
    px = rng.uniform(-5, 205, 400)
    py = rng.uniform(-5, 105, 400)
    style = markers.MarkerStyle(7.0, "#E6007E", "#FFFFFF", 1.0)
    monkeypatch.setattr(markers, "STAMP_COST_RATIO_INV", 0)  # always stamp
    stamped = markers.rasterize(px, py, 200, 100, style)
    monkeypatch.setattr(markers, "STAMP_COST_RATIO_INV", 10**9)  # never stamp
    transformed = markers.rasterize(px, py, 200, 100, style)
    a = stamped.image.constBits().tobytes()
    b = transformed.image.constBits().tobytes()
    assert a == b
    assert stamped.image.pixelColor(
        round(px[0]) - stamped.left, round(py[0]) - stamped.top
    ).name().upper() in ("#E6007E", "#FFFFFF")


def test_a_marker_is_round_with_a_white_edge(app):
    from dkgis.map import markers

    style = markers.MarkerStyle(9.0, "#005F73", "#FFFFFF", 1.0)
    raster = markers.rasterize(np.array([20.0]), np.array([20.0]), 40, 40, style)
    image = raster.image

    def at(dx, dy):
        return image.pixelColor(20 + dx - raster.left, 20 + dy - raster.top)

    assert at(0, 0).name().upper() == "#005F73"
    assert at(3, 0).name().upper() == "#005F73"
    assert at(-3, 0).name().upper() == "#005F73"
    assert at(5, 0).name().upper() == "#FFFFFF"  # the outline ring
    assert at(4, 4).alpha() < 255  # a disc, not a square
    assert at(8, 0).alpha() == 0


def test_an_interactive_view_keeps_its_picture_while_panning(app):
    """Pans draw the picture already rendered; a zoom or a new style renders a new one."""
    from PySide6.QtGui import QImage, QPainter, QTransform

    from dkgis.map.user_items import UserLayerItem
    from dkgis.model.frame import frame_of
    from dkgis.model.project import Project

    rng = np.random.default_rng(3)
    layer = make_layer([Point(*p) for p in rng.uniform((2.2, 50.98), (2.4, 51.06), (50, 2))])
    project = Project(layers=[layer])
    item = UserLayerItem(layer, project, frame_of(project, extent=layer.bounds_mercator()))
    item.enable_device_cache(True)
    x0, _, x1, y1 = layer.bounds_mercator()
    scale = 300 / (x1 - x0)
    base = QTransform(scale, 0, 0, -scale, -x0 * scale, y1 * scale)
    image = QImage(300, 200, QImage.Format.Format_ARGB32_Premultiplied)

    def paint(transform: QTransform) -> None:
        painter = QPainter(image)
        try:
            painter.setTransform(transform)
            item.paint(painter)
        finally:
            painter.end()

    paint(base)
    paint(base * QTransform.fromTranslate(15, -10))
    assert item.pictures.renders == 1
    paint(base * QTransform.fromScale(2, 2))  # a zoom
    assert item.pictures.renders == 2
    layer.style = layer.style.with_changes(point_size=9.0)
    paint(base * QTransform.fromScale(2, 2))
    assert item.pictures.renders == 3


def test_the_html_map_leaves_user_layers_out_without_building_their_shapes(monkeypatch):
    """A big user layer costs the HTML export nothing: it is not part of its basemap."""
    from dkgis.export.html.basemap import basemap_layers
    from dkgis.io.geometry_column import GeometryColumn
    from dkgis.model.project import Project

    project = Project.load()
    project.layers.append(make_layer([Point(*DUNKERQUE)]))

    def refuse(self):
        raise AssertionError("the user layer's shapes were built")

    monkeypatch.setattr(GeometryColumn, "to_shapely", refuse)
    names = [base.name for base in basemap_layers(list(project.layers))]
    assert "user:test" not in names
    assert {"land", "communes"} <= set(names)


def test_markers_of_a_part_of_the_view_are_that_part_of_the_whole(app):
    """Markers of points outside a region reach into it as they do in the whole view;
    points without coordinates are left out."""
    from dkgis.map import markers

    rng = np.random.default_rng(8)
    px = rng.uniform(-10, 310, 3000)
    py = rng.uniform(-10, 210, 3000)
    px[::50] = np.nan
    py[::70] = np.nan
    style = markers.MarkerStyle(7.0, "#E6007E", "#FFFFFF", 1.0)

    def picture(left: int, top: int, width: int, height: int) -> np.ndarray:
        from PySide6.QtGui import QImage, QPainter

        raster = markers.rasterize(px - left, py - top, width, height, style)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.drawImage(raster.left, raster.top, raster.image)
        painter.end()
        data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
        return data.reshape(height, width, 4).copy()

    whole = picture(0, 0, 300, 200)
    assert (whole[..., 3] == 255).mean() > 0.5
    part = picture(120, 70, 50, 40)
    assert (part == whole[70:110, 120:170]).all()
