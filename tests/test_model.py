"""The pure model: emissions logic, layers, selection, view, snapshot spec, project."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from gpkg_factory import EMISSION, FACILITY_IDS, default_rows, make_dataset
from shapely.geometry import Point

import dkgis.data
from dkgis.data import DEFAULT_DATASET
from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import TableData
from dkgis.io.validate import validate_dataset
from dkgis.model import (
    Caveat,
    EmissionSeries,
    EmissionValue,
    Facility,
    Layer,
    LayerList,
    MapView,
    Project,
    Selection,
    SnapshotSpec,
    cluster_total,
    fit_extent,
)
from dkgis.model.crs import lonlat_to_mercator, project_geometry
from dkgis.model.emissions import facilities_reporting
from dkgis.model.frame import MapFrame, frame_emissions, frame_of
from dkgis.model.mapview import area_extent
from dkgis.model.scenario import Scenario

# -- emissions ------------------------------------------------------------------------


def ev(year: int, value: float, kind: str = "verified", facility: str = "F1") -> EmissionValue:
    return EmissionValue(facility, year, value, kind, "CO2e", "eutl")


@pytest.fixture
def series() -> EmissionSeries:
    return EmissionSeries(
        "F1",
        (
            ev(2021, 110.0),
            ev(2019, 100.0),
            ev(2020, 90.0),
            ev(2023, 80.0, "reported"),  # newer than any verified value
            ev(2015, 70.0, "reported"),
        ),
    )


def test_of_kind_sorts_by_year_and_keeps_one_kind(series):
    verified = series.of_kind("verified")
    assert list(verified) == [2019, 2020, 2021]
    assert all(v.kind == "verified" for v in verified.values())
    assert list(series.of_kind("reported")) == [2015, 2023]
    assert series.of_kind("projected") == {}


def test_verified_gives_tonnes_by_year(series):
    assert series.verified() == {2019: 100.0, 2020: 90.0, 2021: 110.0}


def test_latest_verified_ignores_newer_values_of_other_kinds(series):
    latest = series.latest()
    assert latest is not None and (latest.year, latest.value_t, latest.kind) == (
        2021,
        110.0,
        "verified",
    )
    assert series.latest("reported").year == 2023


def test_latest_is_none_without_a_value_of_that_kind():
    only_reported = EmissionSeries("F1", (ev(2015, 5.0, "reported"),))
    assert only_reported.latest() is None
    assert only_reported.latest("verified") is None
    assert EmissionSeries("F1").latest() is None


def test_missing_year_is_none_not_zero(series):
    assert series.value(2019) == 100.0
    assert series.value(2022) is None
    assert series.value(2023) is None  # a reported value does not stand in for a verified one
    assert series.value(2023, "reported") == 80.0


def test_zero_is_a_real_value():
    closed = EmissionSeries("F1", (ev(2020, 0.0),))
    assert closed.value(2020) == 0.0
    assert closed.latest().value_t == 0.0
    assert cluster_total([closed], 2020) == 0.0


def test_years_and_kinds(series):
    assert series.years() == (2019, 2020, 2021)
    assert series.years("reported") == (2015, 2023)
    assert series.kinds() == ("verified", "reported")
    assert not series.is_empty and EmissionSeries("F2").is_empty


def test_unknown_kind_is_an_error(series):
    with pytest.raises(ValueError, match="unknown emission kind 'verifed'"):
        series.of_kind("verifed")
    with pytest.raises(ValueError):
        cluster_total([series], 2020, "estimated")


def test_series_refuses_values_of_another_facility():
    with pytest.raises(ValueError, match="F2"):
        EmissionSeries("F1", (ev(2020, 1.0, facility="F2"),))


def test_first_value_wins_for_a_duplicated_year():
    s = EmissionSeries("F1", (ev(2020, 1.0), ev(2020, 2.0)))
    assert s.verified() == {2020: 1.0}


def test_series_is_immutable_and_hashable(series):
    with pytest.raises(AttributeError):
        series.facility_id = "F2"  # type: ignore[misc]
    assert isinstance(hash(series), int)
    assert EmissionSeries("F1", [ev(2020, 1.0)]).values == (ev(2020, 1.0),)  # list -> tuple


def test_cluster_total_never_mixes_kinds():
    a = EmissionSeries("A", (ev(2020, 10.0, facility="A"), ev(2021, 11.0, facility="A")))
    b = EmissionSeries("B", (ev(2020, 5.0, facility="B"), ev(2021, 7.0, "reported", "B")))
    c = EmissionSeries("C", (ev(2021, 3.0, "reported", "C"),))
    assert cluster_total([a, b, c], 2020) == 15.0
    assert cluster_total([a, b, c], 2021) == 11.0  # B's and C's reported values stay out
    assert cluster_total([a, b, c], 2021, "reported") == 10.0
    assert facilities_reporting([a, b, c], 2021) == ("A",)
    assert facilities_reporting([a, b, c], 2021, "reported") == ("B", "C")


def test_cluster_total_is_none_when_nothing_is_known():
    a = EmissionSeries("A", (ev(2020, 10.0, facility="A"),))
    assert cluster_total([a], 2019) is None
    assert cluster_total([], 2020) is None
    assert cluster_total([a], 2020, "projected") is None


def test_emission_value_from_row_cleans_blanks():
    value = EmissionValue.from_row({**EMISSION, "year": 2018.0, "caveat_id": "", "note": None})
    assert value.year == 2018 and isinstance(value.year, int)
    assert value.caveat_id is None and value.note is None


# -- facilities, caveats ----------------------------------------------------------------


def test_facility_from_row_splits_ids_and_blanks_to_none():
    row = {
        **default_rows()["facilities"][0],
        "colocated_with": "FR_DK6; FR_X ;",
        "source_ids": "eutl;gem_steel",
        "note": "  ",
    }
    fac = Facility.from_row(row, 2.3, 51.03)
    assert fac.colocated_with == ("FR_DK6", "FR_X")
    assert fac.source_ids == ("eutl", "gem_steel")
    assert fac.note is None
    assert (fac.lon, fac.lat) == (2.3, 51.03)
    assert fac.all_source_ids == ("gem_steel", "eutl")
    with pytest.raises(AttributeError):
        fac.name = "x"  # type: ignore[misc]


def test_caveat_applies_to():
    cav = Caveat(
        id="C",
        kind="accounting_break",
        description="d",
        source_id="s",
        facility_ids=("A", "B"),
        year_from=2010,
        year_to=2015,
    )
    assert cav.applies_to("A") and cav.applies_to("B", 2012)
    assert not cav.applies_to("C") and not cav.applies_to("A", 2016)
    assert not cav.applies_to("A", 2009)
    everyone = Caveat(id="D", kind="missing_data", description="d", source_id="s")
    assert everyone.applies_to("anything", 1999)


# -- selection ------------------------------------------------------------------------


def test_selection_emits_once_per_change():
    sel = Selection()
    seen: list[frozenset] = []
    sel.changed.connect(seen.append)
    sel.set(["A", "B"])
    sel.set(["B", "A"])  # same set: no event
    sel.toggle("A")
    sel.toggle("A")
    sel.clear()
    sel.clear()  # nothing to clear: no event
    assert seen == [
        frozenset({"A", "B"}),
        frozenset({"B"}),
        frozenset({"A", "B"}),
        frozenset(),
    ]


def test_selection_container_behaviour():
    sel = Selection()
    sel.set("FR_AMD")  # one id as a string, not its characters
    assert sel.ids == frozenset({"FR_AMD"})
    assert "FR_AMD" in sel and "F" not in sel
    sel.add(["B"])
    sel.discard("FR_AMD")
    assert list(sel) == ["B"] and len(sel) == 1
    assert isinstance(sel.ids, frozenset)


# -- map view -------------------------------------------------------------------------


def test_map_view_emits_only_on_change():
    view = MapView((0, 0, 100, 50))
    seen = []
    view.changed.connect(seen.append)
    view.set_extent((0, 0, 100, 50))
    assert seen == []
    view.set_extent([10, 10, 30, 20])
    assert seen == [(10.0, 10.0, 30.0, 20.0)]
    assert view.extent == (10.0, 10.0, 30.0, 20.0)
    assert view.center == (20.0, 15.0)
    assert (view.width, view.height) == (20.0, 10.0)


def test_map_view_zoom_pan_center():
    view = MapView((0, 0, 100, 100))
    view.zoom(2.0)
    assert view.extent == (25.0, 25.0, 75.0, 75.0)
    view.zoom(0.5, about=(25.0, 25.0))
    assert view.extent == (25.0, 25.0, 125.0, 125.0)
    view.pan(-25, -25)
    assert view.extent == (0.0, 0.0, 100.0, 100.0)
    view.set_center(0, 0)
    assert view.extent == (-50.0, -50.0, 50.0, 50.0)
    with pytest.raises(ValueError):
        view.zoom(0)


@pytest.mark.parametrize(
    "extent",
    [(0, 0, 0, 10), (0, 10, 10, 0), (0, 0, math.nan, 1), (0, 0, 1), ("a", 0, 1, 1), None],
)
def test_map_view_refuses_degenerate_extents(extent):
    view = MapView()
    with pytest.raises(ValueError, match="extent"):
        view.set_extent(extent)


def test_map_view_default_is_the_area():
    assert MapView().extent == area_extent()


# -- snapshot spec ----------------------------------------------------------------------


def frame(extent=(0.0, 0.0, 10.0, 10.0), **changes) -> MapFrame:
    return MapFrame(
        **{"year": 2022, "scenario": Scenario("s"), "layers": (), "extent": extent, **changes}
    )


def test_snapshot_defaults_validate():
    spec = SnapshotSpec(frame((0.0, 0.0, 1600.0, 1000.0)))
    spec.validate()
    assert (spec.width, spec.height, spec.dpi) == (1600, 1000, 96)
    deco = spec.decorations
    assert deco.legend and deco.attribution and deco.scale_bar
    assert not deco.north_arrow and spec.title is None and spec.subtitle is None
    assert spec.aspect == 1.6
    assert spec.size_inches == (1600 / 96, 1000 / 96)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"width": 0}, "width must be between 1 and 20000"),
        ({"height": -5}, "height must be between 1 and 20000"),
        ({"width": 20001}, "width must be between 1 and 20000"),
        ({"width": 10.5}, "width must be a whole number"),
        ({"dpi": 35}, "between 36 and 1200 dpi"),
        ({"dpi": 1201}, "between 36 and 1200 dpi"),
    ],
)
def test_snapshot_validate_refuses(changes, message):
    spec = SnapshotSpec(frame(), **changes)
    with pytest.raises(ValueError, match=message):
        spec.validate()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"extent": (0, 0, 0, 0)}, "extent"),
        ({"extent": (5, 0, 1, 1)}, "extent"),
        ({"extent": (0, 0, math.inf, 1)}, "extent"),
        ({"layers": ("land", 3)}, "layer names"),
        ({"year": 2004}, "between 2005 and 2050"),
        ({"scenario": None}, "needs a scenario"),
    ],
)
def test_a_map_frame_refuses_what_cannot_be_drawn(changes, message):
    with pytest.raises(ValueError, match=message):
        frame(**changes)


def test_snapshot_limits_are_allowed():
    SnapshotSpec(frame((0, 0, 1, 1)), width=1, height=20000, dpi=36).validate()
    SnapshotSpec(frame((0, 0, 1, 1)), dpi=1200).validate()


@pytest.mark.parametrize(("width", "height"), [(1600, 1000), (500, 1000), (100, 100)])
def test_fit_extent_keeps_centre_and_grows_one_axis(width, height):
    extent = (100.0, 200.0, 400.0, 300.0)
    xmin, ymin, xmax, ymax = fit_extent(extent, width, height)
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(width / height)
    assert ((xmin + xmax) / 2, (ymin + ymax) / 2) == pytest.approx((250.0, 250.0))
    assert xmax - xmin >= 300.0 - 1e-9 and ymax - ymin >= 100.0 - 1e-9
    assert (xmax - xmin == pytest.approx(300.0)) or (ymax - ymin == pytest.approx(100.0))


def test_fit_extent_refuses_bad_input():
    with pytest.raises(ValueError):
        fit_extent((0, 0, 1, 1), 0, 10)
    with pytest.raises(ValueError):
        fit_extent((0, 0, 0, 1), 10, 10)


# -- layers ---------------------------------------------------------------------------


def make_layer(name: str = "pts", kind: str = "facilities") -> Layer:
    geoms = np.array([Point(2.3, 51.03), Point(2.2, 51.0)], dtype=object)
    return Layer(name, "Points", kind, TableData(name, {"id": ["a", "b"]}, geoms))


def test_layer_events_fire_once_per_change():
    layer = make_layer()
    visible, opacity = [], []
    layer.events.visible.connect(visible.append)
    layer.events.opacity.connect(opacity.append)
    layer.visible = False
    layer.visible = False
    layer.visible = True
    layer.opacity = 0.5
    layer.opacity = 0.5
    assert visible == [False, True]
    assert opacity == [0.5]


def test_layer_refuses_bad_values():
    layer = make_layer()
    with pytest.raises(ValueError, match="opacity"):
        layer.opacity = 1.5
    assert layer.opacity == 1.0
    with pytest.raises(ValueError, match="layer kind"):
        make_layer(kind="rasters")


def test_layer_mercator_geometry_is_cached_and_read_only():
    layer = make_layer()
    first = layer.mercator_geometry()
    assert layer.mercator_geometry() is first
    assert not first.flags.writeable
    assert (first[0].x, first[0].y) == pytest.approx(lonlat_to_mercator(2.3, 51.03))
    x0, y0 = lonlat_to_mercator(2.2, 51.0)
    x1, y1 = lonlat_to_mercator(2.3, 51.03)
    assert layer.bounds_mercator() == pytest.approx((x0, y0, x1, y1))
    assert layer.data.geometry[0].equals(Point(2.3, 51.03))  # source geometry untouched


def test_layer_without_geometry_has_nan_bounds():
    layer = Layer("t", "T", "land", TableData("t", {"source_id": []}, None))
    assert layer.mercator_geometry().shape == (0,)
    assert all(math.isnan(v) for v in layer.bounds_mercator())


def test_layer_list_get_unique_names_and_events():
    layers = LayerList()
    inserted, child = [], []
    layers.events.inserted.connect(lambda i, layer: inserted.append((i, layer.name)))
    layers.events.child_event.connect(child.append)
    a, b = make_layer("a"), make_layer("b")
    layers.append(a)
    layers.append(b)
    assert inserted == [(0, "a"), (1, "b")]
    assert layers.get("b") is b and layers.get("zzz") is None
    assert layers.names == ("a", "b")
    with pytest.raises(ValueError, match="already in the list"):
        layers.append(make_layer("a"))
    with pytest.raises(TypeError):
        layers.append("c")  # type: ignore[arg-type]
    b.visible = False
    assert len(child) == 1  # a layer's change is relayed by the list
    assert child[0].args == (False,) and child[0].path[0].index == 1
    assert layers.visible_layers() == [a]
    layers.move(1, 0)
    assert layers.names == ("b", "a")
    del layers[0]
    b.opacity = 0.3
    assert len(child) == 1  # removed layers are no longer relayed


# -- project ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project_path(tmp_path_factory) -> Path:
    extra = {
        "id": "FR_NEW",
        **{k: v for k, v in default_rows()["facilities"][2].items() if k != "id"},
        "name": "Future hydrogen plant",
        "sector": "hydrogen",
        "status": "announced",
        "colocated_with": None,
        "geometry": Point(2.21, 51.01),
    }
    return make_dataset(
        tmp_path_factory.mktemp("project") / "project.gpkg", add={"facilities": [extra]}
    )


@pytest.fixture
def project(project_path) -> Project:
    return Project.load(project_path)


def test_the_factory_file_is_valid(project_path):
    assert validate_dataset(project_path) == []


def test_load_layers_bottom_to_top(project):
    assert [layer.name for layer in project.layers] == [
        "land",
        "communes",
        "coastline",
        "infrastructure",
        "emissions",
        "facilities",
    ]
    assert [layer.title for layer in project.layers] == [
        "Land",
        "Communes",
        "Coastline",
        "Gas and hydrogen networks",
        "CO₂ emissions",
        "Facilities by sector",
    ]
    assert [layer.kind for layer in project.layers] == [
        "land",
        "communes",
        "coastline",
        "infrastructure",
        "emissions",
        "facilities",
    ]
    # The emission layer starts hidden; the layer panel switches it on.
    assert [layer.name for layer in project.layers if not layer.visible] == ["emissions"]
    assert all(layer.opacity == 1.0 for layer in project.layers)
    assert project.layers.get("emissions").data is project.layers.get("facilities").data
    assert project.layers.get("communes").source_ids == ("admin_express",)
    assert project.layers.get("facilities").source_ids == (
        "gem_steel",
        "eutl",
        "irep",
        "gem_gas",
    )


def test_load_model_objects(project, project_path):
    assert project.path == project_path
    assert list(project.facilities) == [*FACILITY_IDS, "FR_NEW"]
    amd = project.facilities["FR_AMD"]
    assert (amd.lon, amd.lat) == (2.3, 51.03)
    assert amd.sector == "steel" and amd.source_ids == ("eutl", "gem_steel")
    assert set(project.emissions) == set(project.facilities)
    assert project.emissions["FR_NEW"].is_empty  # every facility has a series
    assert project.emissions["FR_AMD"].years() == (2019, 2020, 2021, 2022)
    assert [m.id for m in project.measures] == ["M_AMD_EAF"]
    assert [t.id for t in project.targets] == ["T_AM_EU"]
    assert project.caveats[0].facility_ids == ("FR_AMD", "FR_DK6")
    assert project.caveats[0].year_to is None
    assert set(project.sources) >= {"eutl", "irep", "osm_land"}
    assert project.measures_for("FR_AMD") == project.measures
    assert project.targets_for("FR_DK6") == ()
    assert [c.id for c in project.caveats_for("FR_DK6", 2020)] == ["CAV_GAS"]
    assert project.caveats_for("FR_ALD") == ()


def test_latest_verified(project):
    amd = project.latest_verified("FR_AMD")
    assert (amd.year, amd.value_t, amd.kind) == (2022, 10_300_000.0, "verified")
    assert project.emissions["FR_AMD"].latest("reported").year == 2024  # newer, other kind
    assert project.latest_verified("FR_LNG") is None  # reported only
    assert project.latest_verified("FR_NEW") is None
    with pytest.raises(KeyError):
        project.latest_verified("FR_NOPE")


def test_project_cluster_totals(project):
    assert project.cluster_total(2021) == 11_200_000.0 + 1_800_000.0 + 460_000.0
    assert project.cluster_total(2022) == 10_300_000.0 + 440_000.0  # DK6 has no 2022 value
    assert project.cluster_total(2024) is None
    assert project.cluster_total(2024, "reported") == 9_000_000.0
    assert project.emission_years() == (2019, 2020, 2021, 2022)


def test_cluster_extent_frames_the_cud_communes(project):
    rows = [r for r in default_rows()["communes"] if r["in_cud"]]
    geoms = project_geometry(np.array([r["geometry"] for r in rows], dtype=object))
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    dx, dy = (xmax - xmin) * 0.05, (ymax - ymin) * 0.05
    expected = (xmin - dx, ymin - dy, xmax + dx, ymax + dy)
    assert project.cluster_extent() == pytest.approx(expected)
    # Oye-Plage (not in the CUD, further west) is left out
    assert project.cluster_extent()[0] > lonlat_to_mercator(2.08, 51.0)[0]
    assert project.view.extent == pytest.approx(expected)


def test_cluster_extent_without_cud_falls_back(tmp_path):
    path = make_dataset(tmp_path / "x.gpkg", sql=["UPDATE communes SET in_cud = 0"])
    project = Project.load(path)
    all_communes = project_geometry(
        np.array([r["geometry"] for r in default_rows()["communes"]], dtype=object)
    )
    xmin = shapely.total_bounds(all_communes)[0]
    assert project.cluster_extent()[0] < xmin


def test_facility_mercator_xy_is_cached(project):
    ids, xy = project.facility_mercator_xy()
    assert ids == (*FACILITY_IDS, "FR_NEW")
    assert xy.shape == (5, 2)
    assert tuple(xy[0]) == pytest.approx(lonlat_to_mercator(2.3, 51.03))
    ids2, xy2 = project.facility_mercator_xy()
    assert xy2 is xy and not xy.flags.writeable
    assert ids2 is ids  # a tuple: shared, never modified
    assert tuple(project.facility_ids_array) == ids


def test_selection_events_fire_once(project):
    seen = []
    project.selection.changed.connect(seen.append)
    project.selection.set(["FR_AMD"])
    project.selection.set({"FR_AMD"})
    project.selection.toggle("FR_DK6")
    assert seen == [frozenset({"FR_AMD"}), frozenset({"FR_AMD", "FR_DK6"})]


def test_view_events(project):
    seen = []
    project.view.changed.connect(seen.append)
    project.view.set_extent(project.cluster_extent())  # unchanged
    assert seen == []
    project.view.zoom(2.0)
    assert len(seen) == 1 and seen[0] == project.view.extent


def test_layer_events_through_the_project(project):
    seen = []
    project.layers.events.child_event.connect(seen.append)
    project.layers.get("land").visible = False
    assert len(seen) == 1 and seen[0].path[0].index == 0


def test_attributions_follow_visible_layers(project):
    assert project.attributions() == [
        "Global Energy Monitor, CC BY 4.0",  # facilities and networks: listed once
        "Géorisques / IREP",
        "GSHHG (Wessel and Smith)",
        "© IGN Admin Express",
        "© OpenStreetMap contributors",
    ]
    project.layers.get("land").visible = False
    assert "© OpenStreetMap contributors" not in project.attributions()
    assert project.attributions(["land"]) == ["© OpenStreetMap contributors"]
    assert project.attributions([]) == []


def test_load_default_dataset_path(monkeypatch, project_path):
    monkeypatch.setattr(dkgis.data, "DEFAULT_DATASET", project_path)
    assert Project.load().path == project_path


def test_load_errors_are_dataset_errors(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        Project.load(tmp_path / "absent.gpkg")
    path = make_dataset(tmp_path / "x.gpkg", drop_columns={"facilities": ["sector"]})
    with pytest.raises(DatasetError, match="table 'facilities' has no column 'sector'"):
        Project.load(path)


def test_load_survives_bad_rows(tmp_path):
    path = make_dataset(
        tmp_path / "bad.gpkg",
        bad_sector=True,
        duplicate_id=True,
        unknown_facility=True,
        edit={("facilities", 3): {"geometry": None}},
    )
    project = Project.load(path)
    assert list(project.facilities) == list(FACILITY_IDS)  # the duplicate is dropped
    assert project.facilities["FR_AMD"].sector == "stel"  # shown with the unknown colour
    assert math.isnan(project.facilities["FR_LNG"].lon)
    assert "FR_NOPE" not in project.emissions
    assert len(validate_dataset(path)) == 4


def test_load_refuses_a_cell_of_the_wrong_type_naming_row_and_column(tmp_path):
    path = make_dataset(
        tmp_path / "bad.gpkg", sql=["UPDATE emissions SET year = 'twenty' WHERE fid = 2"]
    )
    with pytest.raises(DatasetError) as err:
        Project.load(path)
    assert err.value.path == path
    assert err.value.problem == (
        "emissions row 2 (facility FR_AMD), field year: expected a whole number, got 'twenty'"
    )


def test_model_and_reader_do_not_import_heavy_libraries():
    code = (
        "import sys; import dkgis.model, dkgis.io.gpkg, dkgis.io.validate; "
        "bad = [m for m in ('pandas', 'geopandas', 'pyproj', 'pyogrio', 'PySide6', 'pyqtgraph') "
        "if m in sys.modules]; print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.skipif(not DEFAULT_DATASET.exists(), reason="embedded dataset not built yet")
def test_embedded_dataset_loads():
    project = Project.load()
    assert project.path == DEFAULT_DATASET
    assert len(project.facilities) > 0
    assert [layer.name for layer in project.layers][-1] == "facilities"
    xmin, ymin, xmax, ymax = project.cluster_extent()
    x, y = lonlat_to_mercator(2.3, 51.03)  # central Dunkerque is in the cluster
    assert xmin < x < xmax and ymin < y < ymax
    assert any(project.latest_verified(fid) for fid in project.facilities)


def test_a_measure_stated_for_the_last_years_still_gives_the_late_preset(tmp_path):
    from dkgis.model.scenario import ANNOUNCED_LATE, MAX_START_YEAR

    path = make_dataset(tmp_path / "late.gpkg", edit={("measures", 0): {"start_year": 2099}})
    project = Project.load(path)
    late = project.scenarios.get(ANNOUNCED_LATE)
    assert late.measure("M_AMD_EAF").start_year == MAX_START_YEAR
    frame_emissions(project, frame_of(project, year=2030, scenario=late))
