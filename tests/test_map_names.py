"""Names on the map (communes and facilities) and the place of the legend, in exports."""

from __future__ import annotations

import datetime
import itertools

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QRectF

from dkgis.data import DEFAULT_DATASET
from dkgis.map.framing import land_edges
from dkgis.map.render import render_image_layout, render_preview
from dkgis.model.crs import lonlat_to_mercator
from dkgis.model.display import NAMES_ALL, NAMES_LARGEST, NAMES_NONE, SIZE_JOBS
from dkgis.model.frame import emission_map_layers, frame_emissions, frame_of
from dkgis.model.project import Project
from dkgis.model.snapshot import PRESETS, SnapshotSpec
from dkgis.symbology.labelling import LabelBoard
from dkgis.symbology.places import PlaceNames

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _app(qapp):
    """Fonts and images need the application."""


@pytest.fixture(scope="module")
def project():
    return Project.load(DEFAULT_DATASET)


#: The main towns of the cluster, named on every map of it.
MAIN_TOWNS = {"Dunkerque", "Gravelines", "Grande-Synthe", "Loon-Plage", "Bourbourg"}


def spec_of(project, width=1920, height=1080, dpi=144.0, *, extent=None, **frame):
    layers = emission_map_layers(project)
    state = {"year": 2022, "layers": layers, "extent": extent or project.cluster_extent()}
    state.update(frame)
    return SnapshotSpec(
        frame_of(project, **state),
        width,
        height,
        dpi,
        title="Dunkerque industrial-port cluster",
        subtitle="CO₂ emissions 2022 · EU ETS verified · facilities by sector",
        date=TODAY,
        sources=("EU ETS", "IGN Admin Express"),
    )


def rect(name) -> QRectF:
    x0, y0, x1, y1 = name.rect
    return QRectF(x0, y0, x1 - x0, y1 - y0)


def lonlat_extent(lon0, lat0, lon1, lat1):
    x0, y0 = lonlat_to_mercator(lon0, lat0)
    x1, y1 = lonlat_to_mercator(lon1, lat1)
    return (float(x0), float(y0), float(x1), float(y1))


def facility_boxes(project, layout, radius):
    """Boxes of the true facility points drawn on the map of ``layout``."""
    _, xy = project.facility_mercator_xy()
    xmin, ymin, xmax, ymax = layout.extent
    m = layout.map
    px = m.left() + (xy[:, 0] - xmin) / (xmax - xmin) * m.width()
    py = m.top() + (ymax - xy[:, 1]) / (ymax - ymin) * m.height()
    keep = np.isfinite(px) & np.isfinite(py)
    points = zip(px[keep], py[keep], strict=True)
    return [QRectF(x - radius, y - radius, 2 * radius, 2 * radius) for x, y in points]


# -- place names ----------------------------------------------------------------------


def test_place_names_put_the_cluster_first(project):
    places = PlaceNames.of(project, project.layers.get("communes"))
    first = places.names[:5]
    assert first[0] == "Dunkerque"
    assert {"Gravelines", "Grande-Synthe", "Loon-Plage"} <= set(first)
    cud = np.flatnonzero(places.in_cud)
    assert cud.max() < np.flatnonzero(~places.in_cud).min()  # the Communauté urbaine first
    # Every anchor lies inside its commune.
    for i in range(len(places)):
        assert places.inside(i, places.anchors[i][None, :])[0], places.names[i]


def north_of(polygon, lines: float, line: float) -> tuple[float, float]:
    """The point ``lines`` label heights north of the northernmost vertex of ``polygon``
    (on the coast of the communes here: north of it is the sea)."""
    coast = shapely.get_coordinates(polygon)
    x, y = coast[np.argmax(coast[:, 1])]
    return float(x), float(y + lines * line)


def test_a_coastal_town_may_take_its_name_over_the_sea_by_its_coast(project):
    """Where Dunkerque has no room left on its ground, its name may go over the sea a
    little off its coast: never over a neighbour, never far out, never on its ground
    (tried before)."""
    places = PlaceNames.of(project, project.layers.get("communes"))
    line = 300.0  # a label's height in map units
    i = places.names.index("Dunkerque")
    points = np.array(
        [
            places.anchors[i],  # its own ground
            north_of(places.polygons[i], 2.0, line),  # the sea by the coast
            places.anchors[places.names.index("Grande-Synthe")],  # a neighbour
            north_of(places.polygons[i], 4.0, line),  # too far out
            north_of(places.polygons[i], 0.5, line),  # the sea by the coast
        ]
    )
    assert list(places.offshore(i, points, line)) == [1, 4]


@pytest.mark.parametrize(
    "size, extent",
    [
        ((1920, 1080, 144.0), None),  # the whole cluster on a slide
        ((3508, 2480, 300.0), None),  # A4 at 300 dpi
        ((1600, 1000, 96.0), (2.15, 50.97, 2.45, 51.07)),  # zoomed on the port
        ((1000, 700, 96.0), (2.30, 51.00, 2.42, 51.06)),  # Dunkerque and its neighbours
        ((800, 500, 96.0), None),  # a small picture: main towns named over the sea
    ],
)
def test_names_never_overlap_symbols_decorations_or_leave_the_map(project, size, extent):
    extent = lonlat_extent(*extent) if extent else None
    spec = spec_of(project, *size, extent=extent, names=NAMES_ALL)
    _, layout = render_image_layout(project, spec)
    places = [n for n in layout.names if n.kind == "place"]
    facilities = [n for n in layout.names if n.kind == "facility"]
    assert places and facilities
    for a, b in itertools.combinations(layout.names, 2):
        assert not rect(a).intersects(rect(b)), (a.text, b.text)
    decorations = [layout.title_box, *layout.legend_boxes]
    for name in layout.names:
        assert layout.map.contains(rect(name)), name.text
        for box in decorations:
            assert box is None or not rect(name).intersects(box), name.text
    radius = 5.5 * spec.render_scale
    symbols = facility_boxes(project, layout, radius)
    for name in places:
        assert not any(rect(name).intersects(box) for box in symbols), name.text


def test_main_communes_are_named_on_the_cluster_map(project):
    _, layout = render_image_layout(project, spec_of(project, 3508, 2480, 300.0))
    named = {n.key for n in layout.names if n.kind == "place"}
    assert named >= MAIN_TOWNS
    assert {"Leffrinckoucke", "Spycker", "Craywick", "Cappelle-la-Grande"} <= named


@pytest.mark.parametrize("dpi", [96.0, 130.0])
def test_main_towns_are_named_on_a_small_map_too(project, dpi):
    """On an 800 x 500 picture of the sites by sector, the ground of Dunkerque and of
    Gravelines is covered by the port's symbols: both take their names over the sea by
    their coast, clear of every symbol."""
    layers = tuple(layer.name for layer in project.layers if layer.visible)
    spec = spec_of(project, 800, 500, dpi, layers=layers)
    _, layout = render_image_layout(project, spec)
    places = [n for n in layout.names if n.kind == "place"]
    named = {n.key for n in places}
    assert named >= MAIN_TOWNS
    symbols = facility_boxes(project, layout, 5.5 * spec.render_scale)
    for name in places:
        assert layout.map.contains(rect(name)), name.text
        assert not any(rect(name).intersects(box) for box in symbols), name.text


@pytest.mark.parametrize("emissions", [False, True])
def test_on_a_crowded_small_map_the_main_towns_are_named_over_their_symbols(project, emissions):
    """800 x 500 at 144 dpi: no room is left on, beside or off the main towns but over
    their facilities' symbols; they are named there all the same (never over another
    name, the title or the legend)."""
    layers = tuple(layer.name for layer in project.layers if layer.visible)
    if emissions:
        layers += ("emissions",)
    spec = spec_of(project, 800, 500, 144.0, layers=layers)
    _, layout = render_image_layout(project, spec)
    places = [n for n in layout.names if n.kind == "place"]
    assert {n.key for n in places} >= MAIN_TOWNS
    for a, b in itertools.combinations(layout.names, 2):
        assert not rect(a).intersects(rect(b)), (a.text, b.text)
    for name in layout.names:
        assert layout.map.contains(rect(name)), name.text
        for box in (layout.title_box, *layout.legend_boxes):
            assert box is None or not rect(name).intersects(box), name.text


def test_zooming_in_names_more_communes(project):
    whole = render_image_layout(project, spec_of(project, 1200, 800, 96.0))[1]
    zoomed_extent = lonlat_extent(2.30, 50.99, 2.45, 51.07)
    zoomed = render_image_layout(project, spec_of(project, 1200, 800, 96.0, extent=zoomed_extent))[
        1
    ]
    names = {n.key for n in zoomed.names if n.kind == "place"}
    assert "Coudekerque-Branche" in names
    assert "Coudekerque-Branche" not in {n.key for n in whole.names if n.kind == "place"} or (
        len(names) >= 5
    )


# -- facility names -------------------------------------------------------------------


def test_largest_emitters_are_named_by_default_in_exports(project):
    spec = spec_of(project, names=NAMES_LARGEST)
    _, layout = render_image_layout(project, spec)
    named = [n.key for n in layout.names if n.kind == "facility"]
    values = frame_emissions(project, spec.frame).values
    ids, _ = project.facility_mercator_xy()
    order = [ids[i] for i in np.argsort(-np.nan_to_num(values, nan=-1.0))]
    assert 0 < len(named) <= 8
    assert set(named) <= set(order[:8])
    assert order[0] in named  # the largest emitter has room for its name
    none = render_image_layout(project, spec_of(project, names=NAMES_NONE))[1]
    assert not [n for n in none.names if n.kind == "facility"]


def test_label_board_keeps_room_between_labels():
    board = LabelBoard((0, 0, 100, 100), padding=0)
    assert board.take([(10, 10, 40, 20)]) == 0
    assert board.take([(41, 10, 60, 20)], margin=4) is None  # too close with the margin
    assert board.take([(41, 10, 60, 20), (10, 30, 40, 40)], margin=4) == 1
    assert board.take([(90, 90, 110, 95)]) is None  # off the picture


def test_a_label_may_be_let_over_symbols_never_over_labels_or_panels():
    board = LabelBoard((0, 0, 100, 100), padding=0)
    board.add_square_obstacles(np.array([[50.0, 50.0]]), np.array([8.0]))
    board.add_obstacles(np.array([[0.0, 80.0, 30.0, 100.0]]))  # a panel
    assert board.take([(40, 45, 60, 55)]) is None
    assert board.take([(40, 45, 60, 55)], over_symbols=True) == 0
    assert board.take([(45, 48, 70, 52)], over_symbols=True) is None  # the label above
    assert board.take([(5, 85, 25, 95)], over_symbols=True) is None  # the panel


# -- the legend and the title ---------------------------------------------------------


@pytest.mark.parametrize("circles", ["co2", SIZE_JOBS])
@pytest.mark.parametrize("size", [(800, 500, 96.0), (1024, 600, 96.0), (1920, 1080, 144.0)])
def test_the_legend_never_covers_the_title_or_the_scale_bar(project, circles, size):
    spec = spec_of(project, *size, circle_size=circles)
    _, layout = render_image_layout(project, spec)
    assert layout.title_box is not None and layout.legend_boxes
    for box in layout.legend_boxes:
        assert not box.intersects(layout.title_box)
        assert layout.page.contains(box)


def test_the_preview_of_a_page_is_the_file_scaled_down(project):
    spec = spec_of(project, 3508, 2480, 300.0, names=NAMES_LARGEST)
    _, file_layout = render_image_layout(project, spec)
    image, preview_layout = render_preview(project, spec, 512, 372)
    assert image.width() <= 512 and image.height() <= 372
    assert preview_layout.extent == pytest.approx(file_layout.extent)
    assert preview_layout.scale_label == file_layout.scale_label
    assert preview_layout.legend_boxes == file_layout.legend_boxes
    assert [n.text for n in preview_layout.names] == [n.text for n in file_layout.names]


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_keeps_the_legend_off_the_title(project, name):
    preset = PRESETS[name]
    spec = spec_of(project, preset.width, preset.height, float(preset.dpi))
    _, layout = render_preview(project, spec, 400, 300)
    for box in layout.legend_boxes:
        assert not box.intersects(layout.title_box)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_frames_the_cluster_on_the_basemap_land(project, name):
    """The room a page adds around the cluster goes where there is land data: no bare
    sea past the edge of the basemap (east of Bray-Dunes, south of Bourbourg)."""
    preset = PRESETS[name]
    spec = spec_of(project, preset.width, preset.height, float(preset.dpi))
    _, layout = render_image_layout(project, spec)
    xmin, ymin, xmax, ymax = layout.extent
    asked = spec.frame.extent
    assert xmin <= asked[0] and ymin <= asked[1] and xmax >= asked[2] and ymax >= asked[3]
    bx0, by0, bx1, _, (west, south, east, north) = land_edges(project.layers.get("land"))
    assert (west, south, east, north) == (True, True, True, False)
    slack = 0.021 * (xmax - xmin)
    assert xmax <= bx1 + slack and xmin >= bx0 - slack, name
    assert ymin >= by0 - 1e-6, name


def test_label_board_obstacles_block_exactly_the_labels_they_overlap():
    """Many symbols (as on a map of a million facilities) are indexed in arrays: a label
    is refused exactly when a brute-force test finds an obstacle under it."""
    rng = np.random.default_rng(5)
    xy = rng.uniform(-50, 450, (3000, 2))
    r = rng.uniform(1, 8, 3000)
    obstacles = np.column_stack([xy - r[:, None], xy + r[:, None]])
    obstacles[::97] = np.nan  # symbols not drawn
    obstacles[5] = (-1e9, 150, 1e9, 152)  # one very wide obstacle
    labels = np.column_stack([rng.uniform(0, 380, 400), rng.uniform(0, 290, 400)])
    labels = np.column_stack([labels, labels + rng.uniform(2, 20, (400, 2))])
    for rect in labels:
        board = LabelBoard((0, 0, 400, 300), cell=30, padding=0)
        board.add_obstacles(obstacles[:1500])
        board.add_obstacles(obstacles[1500:])
        x0, y0, x1, y1 = rect
        overlap = (
            (x0 < obstacles[:, 2])
            & (obstacles[:, 0] < x1)
            & (y0 < obstacles[:, 3])
            & (obstacles[:, 1] < y1)
        )
        assert (board.take([tuple(rect)]) is None) == bool(overlap.any())
