"""Project files: atomic JSON round trips and clear messages for every kind of bad file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


# -- files that are not project files ------------------------------------------------------


def test_a_named_pipe_is_refused_without_being_read(tmp_path):
    from tests.special_files import named_pipe

    with named_pipe(tmp_path / "pipe.dkgis.json") as pipe, pytest.raises(ProjectFileError) as err:
        load_project_file(pipe.path)
    assert not pipe.was_read
    assert err.value.problem == "is a named pipe, not a project file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_being_read():
    with pytest.raises(ProjectFileError, match="is a device, not a project file"):
        load_project_file("/dev/zero")


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_the_size_cap_counts_bytes_read_not_the_size_reported(monkeypatch):
    import dkgis.io.project_file as project_file

    # A regular file whose reported size (0) says nothing of what it holds (about 1 kB).
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    monkeypatch.setattr(project_file, "MAX_BYTES", 64)
    with pytest.raises(ProjectFileError, match="file too large for a project file"):
        load_project_file(status)


# -- what a project names that the dataset lacks -----------------------------------------------


def test_unknown_sites_measures_and_sectors_are_listed():
    from dkgis.io.project_file import ignored_references

    data = state(
        scenarios=[
            Scenario(
                "Mine",
                (
                    measure("am_dri_eaf_2024"),  # known measure of a known site: fine
                    measure("gone", name="Old furnace"),  # unknown measure of a known site
                    measure("elsewhere", facility_id="FR_NOPE", name="Far away"),
                    measure("territory", facility_id=None, name="Heat network"),
                ),
            ).to_dict()
        ],
        selection=["FR_956", "FR_GONE"],
        hidden_sectors=["steel", "stele"],
    )
    notes = ignored_references(data, {"FR_956", "FR_988"}, {"am_dri_eaf_2024", "territory"})
    assert notes == [
        "scenario 'Mine': the measure 'Old furnace' (gone) is not a measure of the dataset; it is"
        " kept with the figures saved in the project",
        "scenario 'Mine': the measure 'Far away' is for the site FR_NOPE, which is not in the"
        " dataset; it is ignored",
        "selection: the site FR_GONE is not in the dataset; it is ignored",
        "hidden sectors: 'stele' is not a sector; it is ignored",
    ]
    assert ignored_references(state(), {"FR_956", "FR_988"}, {"m1", "m2"}) == []


# -- temporaries left by a save that was killed ------------------------------------------------

HOUR_AGO = 3600


def _aged(path: Path, seconds: float = HOUR_AGO) -> Path:
    """``path`` (made with some bytes when missing), last changed ``seconds`` ago."""
    if not path.exists():
        path.write_bytes(b"half a project")
    past = path.stat().st_mtime - seconds
    os.utime(path, (past, past))
    return path


def test_the_next_save_removes_stale_temporaries_of_that_file_only(tmp_path):
    target = tmp_path / "p.dkgis.json"
    stale = [
        _aged(tmp_path / ".p.dkgis.json.k2x_9a0q.tmp"),
        _aged(tmp_path / ".p.dkgis.json.00000000.tmp"),
    ]
    kept = [
        _aged(tmp_path / ".p.dkgis.json.fresh123.tmp", seconds=0),  # being written right now
        _aged(tmp_path / ".other.dkgis.json.k2x_9a0q.tmp"),  # another file's
        _aged(tmp_path / ".p.dkgis.json.tmp"),  # not a name dkgis makes
        _aged(tmp_path / "p.dkgis.json.k2x_9a0q.tmp"),
        _aged(tmp_path / ".p.dkgis.json.k2x_9a0q.tmp.bak"),
    ]
    save_project_file(target, state())
    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []
    assert load_project_file(target)["active_scenario"] == "Mine"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == sorted(
        p.name for p in kept if p.name.endswith(".tmp")
    )


WRITER = """
import sys, time
from pathlib import Path
from dkgis.io.atomic import atomic_path

target = Path(sys.argv[1])
with atomic_path(target) as tmp:
    tmp.write_text("from the other window", encoding="utf-8")
    print(tmp.name, flush=True)
    sys.stdin.readline()  # the test says when to finish
print("done", flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="the lock of a temporary is a POSIX flock")
def test_a_save_in_progress_in_another_process_is_left_alone(tmp_path):
    target = tmp_path / "shared.dkgis.json"
    other = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        temporary = tmp_path / other.stdout.readline().strip()
        assert temporary.name.startswith(".shared.dkgis.json.") and temporary.exists()
        _aged(temporary)  # old, but its writer still holds it
        save_project_file(target, state())
        assert temporary.exists()
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "done"
    finally:
        other.stdin.close()
        other.wait(timeout=30)
    assert target.read_text(encoding="utf-8") == "from the other window"
    assert not temporary.exists()


def test_a_save_killed_half_way_leaves_the_old_file_and_a_temporary_the_next_save_removes(
    tmp_path,
):
    target = tmp_path / "p.dkgis.json"
    save_project_file(target, state(year=2030))
    other = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    temporary = tmp_path / other.stdout.readline().strip()
    other.kill()  # kill -9 in the middle of the save
    other.wait(timeout=30)
    assert load_project_file(target)["year"] == 2030  # the previous project is intact
    assert temporary.exists()
    _aged(temporary)
    save_project_file(target, state(year=2031))
    assert not temporary.exists()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_without_file_locks_saving_works_and_stale_temporaries_go_by_age(tmp_path, monkeypatch):
    import dkgis.io.atomic as atomic

    monkeypatch.setattr(atomic, "_lock", lambda fd: False)  # as on Windows
    target = tmp_path / "p.dkgis.json"
    stale = _aged(tmp_path / ".p.dkgis.json.k2x_9a0q.tmp")
    fresh = _aged(tmp_path / ".p.dkgis.json.fresh123.tmp", seconds=0)
    save_project_file(target, state())
    assert load_project_file(target)["active_scenario"] == "Mine"
    assert not stale.exists() and fresh.exists()
