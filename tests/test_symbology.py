"""Pure symbology: proportional circles, spread of shared points, label placement,
facility style rules."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from dkgis.symbology.displacement import (
    displacement_offsets,
    group_members,
    ring_layout,
    shared_point_groups,
    spread_offsets,
)
from dkgis.symbology.facility_style import (
    drawing_order,
    is_approximate,
    status_class,
    status_classes,
)
from dkgis.symbology.labelling import place_labels
from dkgis.symbology.proportional import (
    ProportionalScale,
    legend_values,
    nice_floor,
    scale_for,
)

# -- proportional circles -----------------------------------------------------------------


def test_radius_grows_with_the_square_root_of_the_value():
    scale = ProportionalScale(max_value=12_000_000, max_radius=40)
    r = scale.radius(np.array([12_000_000, 3_000_000, 750_000]))
    assert r == pytest.approx([40, 20, 10])


def test_circle_area_is_proportional_to_the_value():
    scale = ProportionalScale(max_value=1e6, max_radius=30)
    values = np.array([1e3, 5e4, 2.5e5, 1e6])
    areas = scale.area(values)
    assert areas / values == pytest.approx(np.full(4, areas[-1] / values[-1]))
    assert scale.value(scale.radius(values)) == pytest.approx(values)


def test_missing_values_stay_missing_and_negatives_count_as_zero():
    scale = ProportionalScale(100.0, 10.0)
    r = scale.radius(np.array([np.nan, -5.0, 0.0, 25.0]))
    assert math.isnan(r[0])
    assert r[1:] == pytest.approx([0.0, 0.0, 5.0])


@pytest.mark.parametrize(("max_value", "max_radius"), [(0, 10), (-1, 10), (10, 0), (np.nan, 3)])
def test_a_scale_needs_positive_numbers(max_value, max_radius):
    with pytest.raises(ValueError):
        ProportionalScale(max_value, max_radius)


def test_scale_for_uses_the_largest_finite_value():
    values = np.array([[1.0, np.nan], [9.0, 4.0]])
    scale = scale_for(values, 12.0)
    assert scale.max_value == 9.0
    assert scale.radius(9.0) == pytest.approx(12.0)
    assert scale_for(np.array([np.nan, 0.0]), 12.0) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12_059_456, 10_000_000), (1.0, 1.0), (4.99, 2.0), (0.07, 0.05), (250, 200)],
)
def test_nice_floor(value, expected):
    assert nice_floor(value) == pytest.approx(expected)


def test_legend_values_are_round_decreasing_and_fit_the_data():
    values = legend_values(12_059_456, 3)
    assert values == pytest.approx((10_000_000, 2_000_000, 500_000))
    assert all(a >= 4 * b for a, b in itertools.pairwise(values))
    assert legend_values(7.3, 1) == (5.0,)
    with pytest.raises(ValueError):
        legend_values(10, 0)


# -- shared points ------------------------------------------------------------------------


def test_points_sharing_a_location_form_groups():
    xy = np.array([[0, 0], [10, 10], [0, 0.2], [np.nan, 0], [10, 10], [10, 10], [50, 50]])
    groups = shared_point_groups(xy, tolerance=1.0)
    assert groups[0] == groups[2] >= 0
    assert groups[1] == groups[4] == groups[5] >= 0
    assert groups[0] != groups[1]
    assert groups[3] == -1 and groups[6] == -1


@pytest.mark.parametrize("count", [2, 3, 7, 8, 9, 20])
def test_ring_layout_keeps_symbols_apart(count):
    spacing = 1.5
    offsets = ring_layout(count, spacing)
    assert offsets.shape == (count, 2)
    d = np.hypot(*(offsets[:, None, :] - offsets[None, :, :]).transpose(2, 0, 1))
    d[np.diag_indices(count)] = np.inf
    assert d.min() >= spacing * 0.999
    # No symbol stays on the true point: the dot marking it remains visible.
    assert np.hypot(offsets[:, 0], offsets[:, 1]).min() >= spacing / 2


def test_spread_is_deterministic_and_ordered_by_key():
    xy = np.array([[5.0, 5.0]] * 3 + [[9.0, 9.0]])
    keys = ["c", "a", "b", "z"]
    offsets, groups = displacement_offsets(xy, keys, spacing=1.2)
    again, _ = displacement_offsets(xy[::-1].copy(), keys[::-1], spacing=1.2)
    assert np.allclose(offsets, again[::-1])
    # "a" comes first: straight above the point.
    assert offsets[1][0] == pytest.approx(0) and offsets[1][1] > 0
    assert np.allclose(offsets[3], 0)
    assert groups[3] == -1


def test_hidden_points_leave_no_gap_and_a_lone_point_is_not_moved():
    xy = np.array([[0.0, 0.0]] * 3)
    groups = shared_point_groups(xy)
    members = group_members(groups, ["a", "b", "c"])
    all_shown = spread_offsets(groups, members, None, 1.2)
    two = spread_offsets(groups, members, np.array([True, False, True]), 1.2)
    assert np.allclose(two[1], 0)
    assert np.allclose(two[[0, 2]], ring_layout(2, 1.2))
    assert not np.allclose(all_shown[[0, 2]], two[[0, 2]])
    one = spread_offsets(groups, members, np.array([False, False, True]), 1.2)
    assert np.allclose(one, 0)


# -- labels -------------------------------------------------------------------------------


def _rects(placed, sizes):
    ok = np.isfinite(placed[:, 0])
    return np.column_stack([placed[ok], placed[ok] + sizes[ok]])


def test_labels_never_overlap_and_stay_in_view():
    rng = np.random.default_rng(3)
    anchors = rng.uniform(0, 300, (60, 2))
    sizes = np.column_stack([rng.uniform(30, 90, 60), np.full(60, 12.0)])
    placed = place_labels(anchors, sizes, 6.0, (0, 0, 300, 300))
    rects = _rects(placed, sizes)
    assert 5 < len(rects) < 60  # crowded: some placed, some skipped
    for i in range(len(rects)):
        for j in range(i + 1, len(rects)):
            a, b = rects[i], rects[j]
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert (rects[:, :2] >= 0).all() and (rects[:, 2] <= 300).all() and (rects[:, 3] <= 300).all()


def test_labels_go_right_of_their_symbol_when_free_and_avoid_symbols():
    anchors = np.array([[100.0, 100.0], [160.0, 100.0]])
    sizes = np.array([[40.0, 10.0], [40.0, 10.0]])
    obstacles = np.array([[95, 95, 105, 105], [155, 95, 165, 105]], dtype=float)
    placed = place_labels(anchors, sizes, 7.0, (0, 0, 400, 400), obstacles=obstacles)
    assert tuple(placed[0]) == pytest.approx((107.0, 95.0))  # right of the first symbol
    # A wider label would cover the second symbol on the right: it goes elsewhere.
    wide = place_labels(
        anchors, np.array([[80.0, 10.0], [40, 10]]), 7.0, (0, 0, 400, 400), obstacles=obstacles
    )
    x0, y0 = wide[0]
    assert np.isfinite(x0) and x0 != pytest.approx(107.0)
    assert not (x0 < 165 and x0 + 80 > 155 and y0 < 105 and y0 + 10 > 95)


def test_important_labels_are_placed_first():
    anchors = np.array([[50.0, 50.0], [50.0, 50.0]])
    sizes = np.array([[40.0, 10.0], [40.0, 10.0]])
    # Both want the same spots; the bounds only leave room on the right.
    placed = place_labels(anchors, sizes, 5.0, (40, 40, 100, 62), order=np.array([1, 0]))
    assert np.isfinite(placed[1]).all()
    assert not np.isfinite(placed[0]).all()


# -- facility style -----------------------------------------------------------------------


def test_status_and_location_rules():
    assert status_class("operating") == "operating"
    assert status_class("announced") == status_class("under_construction") == "planned"
    assert status_class("suspended") == "planned"
    assert status_class("closed") == status_class("cancelled") == "ended"
    assert status_class("something new") == "operating"
    assert list(is_approximate(["site", "address", "nearby", "postcode", "commune"])) == [
        False,
        False,
        True,
        True,
        True,
    ]


def test_operating_sites_are_drawn_last():
    classes = status_classes(["operating", "closed", "announced", "operating", "cancelled"])
    order = drawing_order(classes)
    assert list(order) == [1, 4, 2, 0, 3]
