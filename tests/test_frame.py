"""What a map shows as one value (MapFrame), its values, and the words that say it (pure)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dkgis import wording
from dkgis.i18n import set_language
from dkgis.model.frame import (
    EMISSION_LAYER,
    emission_map_frame,
    facility_value,
    frame_emissions,
    frame_of,
)
from dkgis.model.project import Project
from dkgis.model.scenario import ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES
from dkgis.model.scenario_set import ScenarioSet
from dkgis.model.yearly import NO_DATA, PROJECTED, VERIFIED, emissions_for_year


@pytest.fixture(scope="module")
def shared():
    """A project the tests only read."""
    return Project.load()


@pytest.fixture()
def project():
    """A project a test may change."""
    return Project.load()


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


def test_the_screen_frame_is_the_projects_screen_state(project):
    project.display.year = 2030
    project.display.hidden_sectors = {"steel"}
    project.selection.set({"FR_956"})
    project.scenarios.set_active(NO_NEW_MEASURES)
    frame = frame_of(project)
    assert frame.year == 2030 and frame.scenario is project.scenarios.get(NO_NEW_MEASURES)
    assert frame.hidden_sectors == {"steel"} and frame.selected == {"FR_956"}
    assert frame.layers == tuple(layer.name for layer in project.layers if layer.visible)
    assert not frame.shows(EMISSION_LAYER)  # hidden at load
    assert frame.extent == project.view.extent


def test_an_export_frame_changes_nothing_of_the_project(project):
    screen = frame_of(project)
    other = frame_of(project, year=2040, scenario=project.scenarios.get(ANNOUNCED_LATE))
    deck = emission_map_frame(project, screen, year=2035)
    assert deck.shows(EMISSION_LAYER) and deck.extent == project.cluster_extent()
    assert deck.year == 2035 and deck.scenario == screen.scenario
    assert other.year == 2040 and other.scenario.name == ANNOUNCED_LATE
    assert frame_of(project) == screen  # the project was only read
    assert project.scenarios.active_name == ANNOUNCED and project.display.year == 2022
    with pytest.raises(ValueError):
        screen.replace(year=2051)


@pytest.mark.parametrize("year", [2010, 2022, 2023, 2030, 2050])
@pytest.mark.parametrize("name", [ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES])
def test_frame_values_are_the_one_function_of_year_and_scenario(shared, year, name):
    project = shared
    scenario = project.scenarios.get(name)
    frame = frame_of(project, year=year, scenario=scenario)
    values = frame_emissions(project, frame)
    expected = emissions_for_year(project, year, scenario)
    assert np.array_equal(values.values, expected.values, equal_nan=True)
    assert list(values.kinds) == list(expected.kinds)
    assert set(values.kinds) <= ({VERIFIED, NO_DATA} if year <= 2022 else {PROJECTED, NO_DATA})
    assert frame_emissions(project, frame) is values  # computed once
    ids, _ = project.facility_mercator_xy()
    for i, fid in enumerate(ids[:10]):
        value = facility_value(project, frame, fid)
        assert value.kind == values.kinds[i] and value.year == year
        if value.kind == NO_DATA:
            assert value.value_t is None and math.isnan(values.values[i])
        else:
            assert value.value_t == values.values[i]
        assert value.scenario == (name if year > 2022 else None)


def test_an_edited_scenario_is_projected_again(project):
    scenario = project.scenarios.get(ANNOUNCED)
    before = frame_emissions(project, frame_of(project, year=2035, scenario=scenario))
    measure = next(
        m
        for m in scenario.measures
        if m.enabled and m.facility_id == "FR_956" and m.abatement_t and m.start_year <= 2035
    )
    edited = scenario.edited(measure.measure_id, enabled=False)
    after = frame_emissions(project, frame_of(project, year=2035, scenario=edited))
    assert not np.array_equal(before.values, after.values, equal_nan=True)
    row = project.facility_index()["FR_956"]
    assert after.values[row] > before.values[row]


def test_a_project_always_has_a_scenario(project):
    with pytest.raises(ValueError, match="at least one scenario"):
        project.scenarios.set_scenarios([])
    with pytest.raises(ValueError, match="at least one scenario"):
        ScenarioSet(project, [])
    assert project.scenarios.active.name == ANNOUNCED


# -- words ----------------------------------------------------------------------------------


def test_one_caption_says_year_kind_and_scenario(shared):
    project = shared
    scenario = project.scenarios.get(ANNOUNCED)
    projected = frame_of(project, year=2030, scenario=scenario)
    verified = frame_of(project, year=2022, scenario=scenario)
    assert wording.frame_caption(project, projected) == (
        "CO₂ emissions 2030 · projected · scenario Announced plans"
    )
    assert wording.frame_caption(project, verified) == "CO₂ emissions 2022 · EU ETS verified"
    assert wording.frame_kind(project, projected) == "projected · scenario Announced plans"
    drawn = verified.replace(layers=("emissions", "facilities"))
    assert wording.map_subtitle(project, drawn) == (
        "CO₂ emissions 2022 · EU ETS verified · facilities by sector"
    )
    assert wording.map_subtitle(project, drawn.replace(layers=("facilities",))) == (
        "Facilities by sector"
    )


def test_a_value_says_what_it_is(shared):
    project = shared
    frame = frame_of(project, year=2030)
    value = facility_value(project, frame, "FR_956")
    assert wording.value_text(value) == (
        f"{wording.tonnes(value.value_t)} · projected · scenario Announced plans"
    )
    closed = next(
        fid for fid in project.facilities if facility_value(project, frame, fid).kind == NO_DATA
    )
    assert wording.value_text(facility_value(project, frame, closed)) == "no data"
    verified = facility_value(project, frame.replace(year=2022), "FR_956")
    assert wording.value_line(verified) == "CO₂ emissions 2022: 6,410,303 t CO₂e · verified"


def test_numbers_follow_the_language():
    assert wording.tonnes(6410303.4) == "6,410,303 t CO₂e"
    assert [wording.megatonnes(v) for v in (10e6, 5e5, 2.5e6, 1.25e5)] == [
        "10 Mt",
        "0.5 Mt",
        "2.5 Mt",
        "0.125 Mt",
    ]
    set_language("fr")
    assert wording.tonnes(6410303).replace("\u202f", " ") == "6 410 303 t CO₂e"
    assert wording.megatonnes(5e5) == "0,5 Mt"
