"""Project files: atomic JSON round trips and clear messages for every kind of bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dkgis.io.project_file import (
    FORMAT,
    VERSION,
    ProjectFileError,
    load_project_file,
    save_project_file,
)
from dkgis.model import Project
from dkgis.model.scenario import Scenario, ScenarioMeasure, preset_scenarios


def measure(mid: str = "m1", **kw) -> ScenarioMeasure:
    base = dict(
        measure_id=mid,
        facility_id="FR_956",
        name="Electric arc furnace",
        start_year=2029,
        ramp_years=2,
        abatement_t=2_400_000.0,
        basis="estimated",
        basis_note="2 Mt x (1.8 - 0.6)",
    )
    base.update(kw)
    return ScenarioMeasure(**base)


def state(**kw) -> dict:
    scenarios = [
        Scenario(
            "Mine", (measure(), measure("m2", abatement_t=None, abatement_pct=10.0, basis="user"))
        ),
        Scenario("Empty"),
    ]
    base = {
        "dataset": None,
        "scenarios": [s.to_dict() for s in scenarios],
        "active_scenario": "Mine",
        "extent": (250_000.0, 6_600_000.0, 280_000.0, 6_630_000.0),
        "selection": ["FR_956", "FR_988"],
    }
    base.update(kw)
    return base


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_round_trip(tmp_path):
    path = tmp_path / "session.dkgis.json"
    save_project_file(path, state())
    loaded = load_project_file(path)
    assert loaded["format"] == FORMAT and loaded["version"] == VERSION == 1
    assert loaded["active_scenario"] == "Mine"
    assert loaded["extent"] == (250_000.0, 6_600_000.0, 280_000.0, 6_630_000.0)
    assert loaded["selection"] == ["FR_956", "FR_988"]
    assert loaded["dataset"] is None
    scenarios = [Scenario.from_dict(d) for d in loaded["scenarios"]]
    assert scenarios[0].measure("m2").abatement_pct == 10.0
    assert scenarios == [Scenario.from_dict(d) for d in state()["scenarios"]]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == "dkgis-project" and raw["version"] == 1


def test_round_trip_of_the_real_presets_and_scenario_objects(tmp_path):
    # Copies of the presets (a file keeps the user's scenarios; presets come from the data).
    presets = [s.renamed(f"My {s.name}") for s in preset_scenarios(Project.load())]
    path = tmp_path / "p.json"
    save_project_file(path, state(scenarios=presets, active_scenario=presets[1].name))
    loaded = load_project_file(path)
    assert [Scenario.from_dict(d) for d in loaded["scenarios"]] == presets
    # Non-ASCII names survive (written as UTF-8).
    assert "Cap Décarbonation" in path.read_text(encoding="utf-8")
    # The active scenario may be a preset; a scenario of the file may not bear its name.
    save_project_file(path, state(scenarios=presets, active_scenario="Announced plans"))
    assert load_project_file(path)["active_scenario"] == "Announced plans"
    with pytest.raises(ProjectFileError) as err:
        save_project_file(path, state(scenarios=preset_scenarios(Project.load())[:1]))
    assert err.value.field == "scenarios[0].name" and "preset" in err.value.problem


def test_year_and_hidden_sectors_are_checked(tmp_path):
    path = tmp_path / "p.json"
    save_project_file(path, state(year=2030, hidden_sectors={"steel", "chemicals"}))
    loaded = load_project_file(path)
    assert loaded["year"] == 2030 and loaded["hidden_sectors"] == ["chemicals", "steel"]
    for field, value in (("year", 1990), ("year", "2030"), ("hidden_sectors", "steel")):
        write_json(path, {"format": FORMAT, "version": 1, field: value})
        with pytest.raises(ProjectFileError) as err:
            load_project_file(path)
        assert err.value.field == field and str(path) in str(err.value)


def test_defaults_and_extra_keys_are_kept(tmp_path):
    path = write_json(tmp_path / "p.json", {"format": FORMAT, "version": 1, "year": 2030})
    loaded = load_project_file(path)
    assert loaded["scenarios"] == [] and loaded["selection"] == []
    assert loaded["extent"] is None and loaded["active_scenario"] is None
    assert loaded["year"] == 2030


def test_relative_dataset_path_is_resolved_against_the_project_folder(tmp_path):
    path = write_json(tmp_path / "p.json", {"format": FORMAT, "version": 1, "dataset": "d/x.gpkg"})
    assert load_project_file(path)["dataset"] == str(tmp_path / "d" / "x.gpkg")
    save_project_file(tmp_path / "q.json", state(dataset=tmp_path / "y.gpkg"))
    assert load_project_file(tmp_path / "q.json")["dataset"] == str(tmp_path / "y.gpkg")


def test_corrupt_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "dkgis-project",\n  "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"not valid JSON: .* line 3, column 16") as info:
        load_project_file(path)
    assert info.value.path == path
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1, column 1"),
        (b"\xff\xfe\x00garbage", "not a text"),
        (b'{"format": "dkgis-project", "version": NaN}', "NaN is not a valid JSON number"),
        (b"[1, 2]", "not a dkgis project file"),
        (b'{"version": 1}', "format missing"),
        (b'{"format": "qgis", "version": 1}', "format 'qgis'"),
        (b'{"format": "dkgis-project", "version": 2}', "newer dkgis .*version 2"),
        (b'{"format": "dkgis-project", "version": 0}', "incompatible project file version 0"),
        (b'{"format": "dkgis-project", "version": "1"}', "version: '1' is not a version number"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError, match=message):
        load_project_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(ProjectFileError, match="file not found"):
        load_project_file(tmp_path / "nope.json")


def bad_measure(**changes) -> dict:
    data = state()
    data["scenarios"][0]["measures"][1].update(changes)
    return {"format": FORMAT, "version": 1, **data, "extent": list(data["extent"])}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (bad_measure(start_year=2004), "scenarios[0].measures[1].start_year", "before 2005"),
        (bad_measure(start_year=2101), "scenarios[0].measures[1].start_year", "after 2100"),
        (bad_measure(ramp_years=-2), "scenarios[0].measures[1].ramp_years", "negative"),
        (bad_measure(abatement_pct=-3), "scenarios[0].measures[1].abatement_pct", "0-100"),
        (bad_measure(enabled="yes"), "scenarios[0].measures[1].enabled", "true or false"),
        (bad_measure(colour="red"), "scenarios[0].measures[1].colour", "not a measure field"),
        ({**bad_measure(), "active_scenario": "Other"}, "active_scenario", "not the name"),
        ({**bad_measure(), "extent": [1, 2, 3]}, "extent", r"\[xmin, ymin, xmax, ymax\]"),
        ({**bad_measure(), "extent": [5, 0, 1, 1]}, "extent", "empty"),
        ({**bad_measure(), "selection": "FR_956"}, "selection", "list of facility ids"),
        ({**bad_measure(), "dataset": 3}, "dataset", "not a file path"),
        ({**bad_measure(), "scenarios": {}}, "scenarios", "must be a list"),
        ({**bad_measure(), "layers": {"land": True}}, "layers", "list of layers"),
        ({**bad_measure(), "layers": ["land"]}, "layers[0]", "must be an object"),
        (
            {**bad_measure(), "layers": [{"name": "land", "visible": 1, "opacity": 1}]},
            "layers[0].visible",
            "true or false",
        ),
        (
            {**bad_measure(), "layers": [{"name": "land", "visible": True, "opacity": 1.5}]},
            "layers[0].opacity",
            "between 0 and 1",
        ),
        (
            {
                **bad_measure(),
                "layers": [{"name": "land", "visible": True, "opacity": 1}] * 2,
            },
            "layers[1].name",
            "listed twice",
        ),
    ],
)
def test_bad_values_name_the_field(tmp_path, data, field, message):
    path = write_json(tmp_path / "x.json", data)
    with pytest.raises(ProjectFileError, match=message) as info:
        load_project_file(path)
    assert info.value.field == field
    assert field in str(info.value)


def test_negative_abatement_and_duplicate_names_are_refused(tmp_path):
    data = bad_measure()
    data["scenarios"][0]["measures"][0]["abatement_t"] = -1.0
    with pytest.raises(ProjectFileError, match="negative") as info:
        load_project_file(write_json(tmp_path / "a.json", data))
    assert info.value.field == "scenarios[0].measures[0].abatement_t"
    data = bad_measure()
    data["scenarios"][1]["name"] = "Mine"
    with pytest.raises(ProjectFileError, match="used twice"):
        load_project_file(write_json(tmp_path / "b.json", data))


def test_a_refused_save_leaves_the_previous_file_untouched(tmp_path):
    path = tmp_path / "p.json"
    save_project_file(path, state())
    before = path.read_bytes()
    bad = state()
    bad["scenarios"][0]["measures"][0]["start_year"] = 1990
    with pytest.raises(ProjectFileError, match="before 2005"):
        save_project_file(path, bad)
    with pytest.raises(ProjectFileError, match="JSON"):
        save_project_file(path, state(note=object()))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]  # no temporary left


def test_save_into_a_missing_folder_is_a_project_file_error(tmp_path):
    with pytest.raises(ProjectFileError, match="cannot write"):
        save_project_file(tmp_path / "nope" / "p.json", state())


def test_layers_round_trip_and_arrange_the_named_layers_only(tmp_path):
    layers = [
        {"name": "facilities", "visible": True, "opacity": 1.0},
        {"name": "land", "visible": False, "opacity": 0.5},
        {"name": "no-such-layer", "visible": True, "opacity": 1.0},
        {"name": "emissions", "visible": True, "opacity": 0.7},
    ]
    path = tmp_path / "p.dkgis.json"
    save_project_file(path, state(layers=layers))
    loaded = load_project_file(path)
    assert loaded["layers"] == layers
    project = Project.load()
    project.layers.arrange((e["name"], e["visible"], e["opacity"]) for e in loaded["layers"])
    # The named layers take the places they held between them; the others keep theirs.
    assert project.layers.names == (
        "facilities",
        "communes",
        "coastline",
        "infrastructure",
        "land",
        "emissions",
    )
    land = project.layers.get("land")
    assert (land.visible, land.opacity) == (False, 0.5)
    assert project.layers.get("emissions").opacity == 0.7
    assert (
        load_project_file(write_json(tmp_path / "old.json", {"format": FORMAT, "version": 1}))[
            "layers"
        ]
        == []
    )
