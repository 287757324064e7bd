"""The recorder of undoable edits, on the real dataset's project (pure, no Qt)."""

from __future__ import annotations

import pytest

from dkgis.model.history import (
    LAYERS,
    SCENARIOS,
    SECTORS,
    ChangeRecorder,
    layer_state,
    scenario_state,
    summarize,
)
from dkgis.model.project import Project
from dkgis.model.scenario import ANNOUNCED, NO_NEW_MEASURES
from dkgis.model.user_layer import UserLayer


@pytest.fixture(scope="module")
def loaded():
    return Project.load()


@pytest.fixture
def project():
    return Project.load()


@pytest.fixture
def recorder(project):
    changes = []
    rec = ChangeRecorder(project)
    rec.recorded.connect(changes.append)
    rec.changes = changes
    yield rec
    rec.close()


def test_a_layer_hidden_is_one_change_that_undo_and_redo_apply(project, recorder):
    facilities = project.layers.get("facilities")
    facilities.visible = False
    [change] = recorder.changes
    assert change.part == LAYERS
    assert summarize(change).action == "hide_layer"
    assert summarize(change).subject is facilities
    recorder.undo(change)
    assert facilities.visible is True
    recorder.redo(change)
    assert facilities.visible is False
    assert len(recorder.changes) == 1  # undo and redo are not edits


def test_opacity_steps_of_one_drag_merge_and_a_drag_put_back_is_empty(project, recorder):
    land = project.layers.get("land")
    for value in (0.9, 0.8, 0.7):
        land.opacity = value
    first, *rest = recorder.changes
    merged = first
    for later in rest:
        merged = merged.followed_by(later)
    assert merged is not None and summarize(merged).action == "layer_opacity"
    assert merged.before.entry(land).opacity == 1.0 and merged.after.entry(land).opacity == 0.7
    land.opacity = 1.0
    back = merged.followed_by(recorder.changes[-1])
    assert back is not None and back.empty
    # Another layer's opacity is another edit.
    project.layers.get("communes").opacity = 0.5
    assert merged.followed_by(recorder.changes[-1]) is None


def test_moving_a_layer_and_undoing_restores_the_order(project, recorder):
    names = project.layers.names
    project.layers.move(0, 3)
    change = recorder.changes[-1]
    assert summarize(change).action == "move_layer"
    assert summarize(change).subject.name == names[0]
    recorder.undo(change)
    assert project.layers.names == names


def test_a_removed_user_layer_comes_back_as_the_same_object(project, recorder, loaded):
    user = UserLayer("mine", "My sites", loaded.layers.get("facilities").data)
    project.layers.insert(2, user)
    assert summarize(recorder.changes[-1]).action == "add_layer"
    project.layers.remove(user)
    removal = recorder.changes[-1]
    assert summarize(removal).action == "remove_layer" and summarize(removal).subject is user
    recorder.undo(removal)
    assert project.layers[2] is user
    recorder.undo(recorder.changes[0])
    assert "mine" not in project.layers.names


def test_sector_filter_changes_are_named(project, recorder):
    display = project.display
    display.set_sector_visible("steel", False)
    assert summarize(recorder.changes[-1]).action == "hide_sector"
    assert summarize(recorder.changes[-1]).subject == "steel"
    display.hidden_sectors = {"steel", "chemicals", "cement"}
    assert summarize(recorder.changes[-1]).action == "hide_sectors"
    display.show_all_sectors()
    change = recorder.changes[-1]
    assert change.part == SECTORS and summarize(change).action == "show_all_sectors"
    recorder.undo(change)
    assert display.hidden_sectors == {"steel", "chemicals", "cement"}


def test_scenario_edits_are_recorded_whatever_view_makes_them(project, recorder):
    scenarios = project.scenarios
    before = scenario_state(project)
    scenarios.set_active(NO_NEW_MEASURES)
    assert recorder.changes[-1].part == SCENARIOS
    assert summarize(recorder.changes[-1]).action == "activate_scenario"
    scenarios.add(scenarios.get(ANNOUNCED).renamed("Mine"), activate=True)
    assert summarize(recorder.changes[-1]).action == "add_scenario"
    mine = scenarios.get("Mine")
    first = mine.measures[0]
    scenarios.replace("Mine", mine.edited(first.measure_id, enabled=not first.enabled))
    edit = summarize(recorder.changes[-1])
    assert (edit.action, edit.subject) == ("edit_scenario", "Mine")
    scenarios.replace("Mine", scenarios.get("Mine").renamed("Ours"))
    rename = summarize(recorder.changes[-1])
    assert (rename.action, rename.subject) == ("rename_scenario", "Mine")
    scenarios.remove("Ours")
    assert summarize(recorder.changes[-1]).action == "remove_scenario"
    for change in reversed(recorder.changes):
        recorder.undo(change)
    assert scenario_state(project) == before
    assert len(recorder.changes) == 5


def test_changes_made_while_paused_are_not_recorded_and_become_the_start(project, recorder):
    with recorder.paused():
        project.layers.get("emissions").visible = True
        project.scenarios.set_active(NO_NEW_MEASURES)
    assert recorder.changes == []
    project.layers.get("land").visible = False
    [change] = recorder.changes
    assert change.before.entry(project.layers.get("emissions")).visible is True
    assert layer_state(project.layers) == change.after
