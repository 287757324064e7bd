"""Geometry as flat arrays: the column of a layer, its grid index, its drawing measures (pure)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import (
    GeometryCollection,
    LinearRing,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)

from dkgis.io.geometry_column import GeometryColumn
from dkgis.model.crs import mercator_to_lonlat
from dkgis.model.grid_index import GridIndex
from dkgis.model.map_geometry import MapGeometry, measure, simplify
from tests.building_factory import building_polygons

SQUARE = Polygon([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
DONUT = Polygon([(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [[(1, 1), (2, 1), (2, 2), (1, 1)]])
EVERY_KIND = [
    Point(1, 2),
    None,
    LineString([(0, 0), (1, 1), (2, 0)]),
    SQUARE,
    MultiPoint([(1, 1), (2, 2)]),
    MultiPolygon([SQUARE, DONUT]),
    GeometryCollection([Point(5, 5), LineString([(0, 0), (3, 3)])]),
    Polygon(),
    LinearRing([(0, 0), (1, 0), (1, 1), (0, 0)]),
    MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3), (4, 4)]]),
]


def same(a, b) -> bool:
    if a is None or a.is_empty:
        return b is None
    return b is not None and a.geom_type == b.geom_type and a.equals(b)


def test_every_kind_of_geometry_comes_back_from_the_column():
    column = GeometryColumn.from_shapely(EVERY_KIND)
    assert len(column) == len(EVERY_KIND)
    assert all(same(a, b) for a, b in zip(EVERY_KIND, column, strict=True))
    assert list(column.is_missing()) == [g is None or g.is_empty for g in EVERY_KIND]
    assert same(DONUT, column[5].geoms[1]) and column[-1].geom_type == "MultiLineString"
    taken = column.take(np.array([6, 3, 0]))
    assert [g.geom_type for g in taken] == ["GeometryCollection", "Polygon", "Point"]
    both = GeometryColumn.concatenate([column, column])
    assert all(same(a, b) for a, b in zip(EVERY_KIND * 2, both, strict=True))


def test_wkb_is_decoded_as_shapely_does_even_when_damaged():
    blobs = [None if g is None else shapely.to_wkb(g) for g in EVERY_KIND]
    blobs[3] = shapely.to_wkb(SQUARE, byte_order=0)  # big-endian: left to shapely
    blobs += [
        shapely.to_wkb(Point(1, 2, 3)),  # with z
        shapely.to_wkb(DONUT)[:-5],  # cut short
        b"\x01\x03\x00\x00\x00\xff\xff\xff\x7f",  # a huge ring count
        b"garbage!",
    ]
    expected = shapely.from_wkb(np.array(blobs, dtype=object), on_invalid="ignore")
    column = GeometryColumn.from_wkb(blobs)
    assert all(
        (a is None and b is None) or same(shapely.force_2d(a), b)
        for a, b in zip(expected, column, strict=True)
    )


def test_z_and_m_wkb_is_decoded_with_numpy_keeping_x_and_y(monkeypatch):
    """ISO WKB with Z, M or both (BD TOPO's buildings are MultiPolygon Z) is read by the
    numpy decoder, as a 2D geometry equal to shapely's, damaged blobs left to shapely."""
    flat = [
        g
        for g in EVERY_KIND
        if g is not None
        and not g.is_empty
        and g.geom_type not in ("GeometryCollection", "LinearRing")
    ]
    blobs, expected = [], []
    for dims, extra in (("Z", " 7"), ("M", " 8"), ("ZM", " 7 8")):
        for g in flat:
            kind, body = _with_values(g, extra)
            blobs.append(shapely.to_wkb(shapely.from_wkt(f"{kind} {dims} {body}"), flavor="iso"))
            expected.append(g)
    decoded = GeometryColumn.from_wkb([*blobs, blobs[5][:-3]])
    assert all(same(a, b) for a, b in zip(expected, decoded, strict=False))
    assert decoded.is_missing()[-1]  # cut short: shapely refuses it too
    monkeypatch.setattr(shapely, "from_wkb", None)  # the numpy decoder alone
    numpy_only = GeometryColumn.from_wkb(blobs)
    monkeypatch.undo()
    assert all(same(a, b) for a, b in zip(expected, numpy_only, strict=True))


def _with_values(geometry, extra: str) -> tuple[str, str]:
    """The WKT of ``geometry`` split at its type, each coordinate given ``extra`` values."""
    import re

    text = shapely.to_wkt(geometry, rounding_precision=-1)
    kind, body = text.split(" ", 1)
    return kind, re.sub(r"(-?[\d.e+-]+ -?[\d.e+-]+)", r"\1" + extra, body)


def test_many_polygons_take_a_few_times_less_memory_than_shapely_objects():
    polygons = building_polygons(20_000)
    column = GeometryColumn.from_wkb(shapely.to_wkb(polygons))
    assert np.array_equal(column.polygons.coords, shapely.get_coordinates(polygons))
    # 5 vertices of 16 bytes and a few offsets a building, against ~700 bytes for shapely.
    assert column.nbytes < 120 * len(polygons)


def test_csv_points_go_to_the_column_without_a_shapely_object_each(tmp_path, monkeypatch):
    """Reading a CSV of points builds no shapely point (they cost time and hold the GIL)."""
    from dkgis.io.readers import read_file

    def refused(*args, **kwargs):
        raise AssertionError("a shapely object per point")

    monkeypatch.setattr(shapely, "points", refused)
    monkeypatch.setattr(GeometryColumn, "from_shapely", refused)
    path = tmp_path / "capteurs.csv"
    path.write_text("id;lon;lat\n1;2,35;51,03\n2;;\n3;2,40;51,05\n", encoding="utf-8")
    table = read_file(path).table
    monkeypatch.undo()  # shapely geometries for whoever asks, as before
    assert [None if g is None else (g.x, g.y) for g in table.geometry] == [
        (2.35, 51.03),
        None,
        (2.40, 51.05),
    ]


def test_row_bounds_and_total_bounds():
    column = GeometryColumn.from_shapely(EVERY_KIND)
    bounds = column.row_bounds()
    assert np.isnan(bounds[1]).all()
    assert bounds[5] == pytest.approx([0, 0, 4, 4])
    assert column.total_bounds() == (0.0, 0.0, 5.0, 5.0)


def test_the_grid_index_finds_what_a_scan_finds():
    rng = np.random.default_rng(0)
    centres = rng.uniform(0, 1000, (30_000, 2))
    sizes = rng.uniform(0.1, 3, (30_000, 2))
    boxes = np.column_stack([centres - sizes, centres + sizes])
    boxes[5] = [0, 0, 1000, 1000]  # one large box
    boxes[7] = np.nan  # and one without geometry
    index = GridIndex(boxes)
    for rect in [
        (100, 100, 150, 130),
        (0, 0, 1000, 1000),
        (-10, -10, -5, -5),
        (500, 500, 500, 500),
    ]:
        x0, y0, x1, y1 = rect
        with np.errstate(invalid="ignore"):
            scan = np.flatnonzero(
                (boxes[:, 0] <= x1)
                & (boxes[:, 2] >= x0)
                & (boxes[:, 1] <= y1)
                & (boxes[:, 3] >= y0)
            )
        assert np.array_equal(index.query(rect), scan)


def test_the_weight_near_a_rectangle_is_never_less_than_what_it_touches():
    rng = np.random.default_rng(1)
    centres = rng.uniform(0, 1000, (20_000, 2))
    sizes = rng.uniform(0.1, 3, (20_000, 2))
    boxes = np.column_stack([centres - sizes, centres + sizes])
    boxes[3] = [0, 0, 1000, 1000]  # kept apart from the grid
    boxes[4] = np.nan
    weights = rng.integers(4, 50, len(boxes))
    index = GridIndex(boxes, weights=weights)
    finite = np.isfinite(boxes).all(axis=1)
    assert index.weight_near((-1, -1, 1001, 1001)) == weights[finite].sum()
    assert index.weight_near((2000, 2000, 2100, 2100)) == 0
    for _ in range(50):
        x, y = rng.uniform(0, 1000, 2)
        w, h = rng.uniform(0, 200, 2)
        rect = (x, y, x + w, y + h)
        exact = weights[index.query(rect)].sum()
        near = index.weight_near(rect)
        # At most the boxes of the cells around the rectangle besides: the cells are
        # about 20 units wide here (8 boxes a cell), so nothing farther than 45 counts.
        margin = weights[index.query((x - 45, y - 45, x + w + 45, y + h + 45))].sum()
        assert exact <= near <= margin
    with pytest.raises(ValueError, match="no weights"):
        GridIndex(boxes).weight_near((0, 0, 1, 1))


def lonlat(geoms):
    return [
        shapely.transform(g, lambda c: np.column_stack(mercator_to_lonlat(*c.T))) for g in geoms
    ]


def test_parts_are_measured_in_map_units():
    x, y = 264_600.0, 6_625_000.0  # Dunkerque, in Web Mercator
    shapes = [
        shapely.affinity.rotate(shapely.box(x - 20, y - 5, x + 20, y + 5), 30, origin=(x, y)),
        shapely.box(x - 20, y - 20, x + 20, y + 20).difference(
            shapely.box(x - 10, y - 10, x + 10, y + 10)
        ),
    ]
    column = GeometryColumn.from_shapely(lonlat(shapes))
    length, area, ellipse = measure(column.polygons)
    assert length == pytest.approx([100, 240], rel=1e-6)
    assert area == pytest.approx([400, 1200], rel=1e-6)
    # A 40 x 10 rectangle has the second moments of an ellipse of semi-axes 40/√3, 10/√3.
    assert ellipse[0, :2] == pytest.approx([40 / 3**0.5, 10 / 3**0.5], rel=1e-6)
    assert np.degrees(ellipse[0, 2]) == pytest.approx(30, abs=1e-3)


def test_simplifying_drops_what_a_pixel_cannot_show_and_keeps_every_ring():
    x, y = 264_600.0, 6_625_000.0
    circle = shapely.Point(x, y).buffer(500, quad_segs=256)  # 1 025 vertices
    small = shapely.box(x, y, x + 1, y + 1)
    column = GeometryColumn.from_shapely(lonlat([circle, small]))
    simpler = simplify(column.polygons, 16.0, closed=True)
    counts = np.diff(simpler.vertex_offsets)
    assert counts[0] < 400 and counts[1] == 5  # a small part is left whole
    ring = simpler.coords[: counts[0]]
    assert np.array_equal(ring[0], ring[-1])  # still closed


def test_map_geometry_splits_kinds_and_indexes_them():
    geometry = MapGeometry.from_lonlat(GeometryColumn.from_shapely(lonlat(EVERY_KIND)))
    assert (len(geometry.points), len(geometry.lines), len(geometry.polygons)) == (4, 5, 3)
    assert len(geometry.polygons.query(geometry.bounds())) == 3


def test_map_bounds_cover_every_kind_and_are_ready_after_prepare():
    """The loading worker computes the bounds: the window, adding the layer, only reads them."""
    from dkgis.io.gpkg import TableData
    from dkgis.model.user_layer import UserLayer

    shapes = lonlat(EVERY_KIND)
    geometry = MapGeometry.from_lonlat(GeometryColumn.from_shapely(shapes))
    assert geometry.bounds() == pytest.approx((0.0, 0.0, 5.0, 5.0), abs=1e-6)
    points = MapGeometry.from_lonlat(GeometryColumn.from_points([2.3, np.nan], [51.0, 51.0]))
    assert points.bounds()[0] == points.bounds()[2] and np.isfinite(points.bounds()).all()
    empty = MapGeometry.from_lonlat(GeometryColumn.from_shapely([None]))
    assert np.isnan(empty.bounds()).all()
    table = TableData("kinds", {"n": list(range(len(shapes)))}, np.array(shapes, dtype=object))
    layer = UserLayer("user:kinds", "kinds", table)
    assert "_bounds" not in vars(layer.map_geometry())
    layer.prepare()
    assert "_bounds" in vars(layer.map_geometry())
