"""The pure snapshot spec: presets, size limits, previews, sources line (no Qt)."""

from __future__ import annotations

import datetime

import pytest

from dkgis.model.frame import MapFrame
from dkgis.model.scenario import Scenario
from dkgis.model.snapshot import (
    LAYOUT_MAP_CHART,
    MAX_PIXELS,
    PRESETS,
    Decorations,
    SnapshotSpec,
    check_size,
    mm_to_pixels,
    pixels_to_mm,
    source_entries,
    source_entry,
)


def frame(extent=(0.0, 0.0, 10.0, 10.0)) -> MapFrame:
    return MapFrame(year=2022, scenario=Scenario("s"), layers=(), extent=extent)


def test_paper_presets_are_their_paper_size_at_300_dpi():
    a4 = PRESETS["a4-landscape"]
    assert (a4.width, a4.height, a4.dpi) == (3508, 2480, 300)
    assert a4.size_mm == pytest.approx((297, 210), abs=0.1)
    a3 = PRESETS["a3-portrait"]
    assert a3.size_mm == pytest.approx((297, 420), abs=0.1)
    assert PRESETS["a4-portrait"].width == a4.height


def test_slide_presets_fill_a_slide_at_their_dpi():
    for name, aspect, inches in (("slide-16x9", 16 / 9, 13.33), ("slide-4x3", 4 / 3, 10.0)):
        p = PRESETS[name]
        assert p.width / p.height == pytest.approx(aspect)
        assert p.width / p.dpi == pytest.approx(inches, abs=0.01)
    assert PRESETS["slide-16x9-4k"].width == 3840


def test_mm_and_pixels_round_trip():
    assert mm_to_pixels(25.4, 300) == 300
    assert pixels_to_mm(mm_to_pixels(210, 300), 300) == pytest.approx(210, abs=0.1)


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (MAX_PIXELS + 1, 100, "width must be between 1 and 20000"),
        (100, 30000, "height must be between 1 and 20000"),
        (0, 100, "width must be between 1"),
        (10.5, 100, "whole number"),
    ],
)
def test_oversized_or_odd_sizes_are_refused_with_a_message(width, height, message):
    with pytest.raises(ValueError, match=message):
        check_size(width, height)


def test_megapixel_limit(monkeypatch):
    import dkgis.model.snapshot as snapshot

    monkeypatch.setattr(snapshot, "MAX_MEGAPIXELS", 100)
    with pytest.raises(ValueError, match="at most 100 megapixels"):
        check_size(12000, 10000)
    check_size(10000, 10000)


def test_preview_keeps_the_layout_and_accepts_a_low_dpi():
    spec = SnapshotSpec(frame((0, 0, 10, 10)), 3508, 2480, 300, title="T", layout=LAYOUT_MAP_CHART)
    small = spec.preview_of(400, 300)
    assert small.preview and small.width <= 400 and small.height <= 300
    assert small.width / small.height == pytest.approx(spec.aspect, rel=0.01)
    assert small.render_scale / small.width == pytest.approx(spec.render_scale / spec.width)
    assert small.dpi < 36
    small.validate()  # a preview may have any positive dpi
    with pytest.raises(ValueError, match="dpi"):
        SnapshotSpec(frame((0, 0, 10, 10)), dpi=small.dpi).validate()


def test_spec_refuses_an_unknown_layout_and_bad_sources_or_date():
    with pytest.raises(ValueError, match="unknown layout"):
        SnapshotSpec(frame((0, 0, 1, 1)), layout="poster").validate()
    with pytest.raises(ValueError, match="sources"):
        SnapshotSpec(frame((0, 0, 1, 1)), sources="EU ETS").validate()
    with pytest.raises(ValueError, match="date"):
        SnapshotSpec(frame((0, 0, 1, 1)), date="2025-01-01").validate()
    SnapshotSpec(frame((0, 0, 1, 1)), date=datetime.date(2025, 1, 1), sources=("a",)).validate()


@pytest.mark.parametrize(
    ("title", "vintage", "expected"),
    [
        (
            "EU ETS verified emissions per installation-year, France, geocoded (x.csv)",
            "EUTL 2005-2022 (file last changed 2023-06-16)",
            "EU ETS verified emissions per installation-year (EUTL 2005-2022)",
        ),
        ("IEA CCUS Projects Database 2025, rows", "IEA CCUS Projects Database 2025", None),
        ("Land polygons (France) from OSM", "OpenStreetMap coastline 2017", None),
        ("Some data", "", "Some data"),
    ],
)
def test_source_entries_are_short_and_name_the_vintage(title, vintage, expected):
    entry = source_entry(title, vintage)
    if expected is not None:
        assert entry == expected
    assert "(" not in entry or entry.endswith(")")
    assert len(entry) < len(title) + len(vintage) + 3


def test_source_line_lists_the_drawn_layers_sources_once(tmp_path):
    from dkgis.model.project import Project
    from tests.gpkg_factory import make_dataset

    project = Project.load(make_dataset(tmp_path / "d.gpkg"))
    everything = source_entries(project, [layer.name for layer in project.layers])
    assert len(everything) == len(set(everything)) > 2
    only_land = source_entries(project, ["land"])
    assert 0 < len(only_land) < len(everything)
    assert set(only_land) <= set(everything)
    # Thematic layers first, basemap sources last.
    facilities = source_entries(project, ["facilities"])
    assert everything.index(facilities[0]) < everything.index(only_land[0])
    assert source_entries(project, []) == ()


# -- decorations -------------------------------------------------------------------------


def test_decorations_are_named_once_for_the_dialog_and_the_command_line():
    names = Decorations.field_names()
    assert names[:2] == ("title", "subtitle") and "sector_legend" in names
    assert Decorations.cli_names() == tuple(n.replace("_", "-") for n in names)
    off = Decorations().without(["Sector-Legend", " date", ""])
    assert not off.sector_legend and not off.date and off.size_legend and off.legend
    assert not Decorations(sector_legend=False, size_legend=False).legend
    with pytest.raises(ValueError, match=r"unknown decoration\(s\) 'compass'; choose from title"):
        Decorations().without(["compass"])


def test_a_spec_leaves_out_the_texts_its_decorations_switch_off():
    spec = SnapshotSpec(
        frame(),
        title="T",
        subtitle="S",
        date=datetime.date(2025, 1, 1),
        sources=("EU ETS (2024)",),
        decorations=Decorations(title=False, date=False, sources=False),
    )
    assert spec.title is None and spec.subtitle == "S"
    assert spec.date is None and spec.sources == ()
    with pytest.raises(ValueError, match="decorations must be a Decorations"):
        SnapshotSpec(frame((0.0, 0.0, 10.0, 10.0)), decorations={"title": False}).validate()
