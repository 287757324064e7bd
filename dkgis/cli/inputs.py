"""What every ``dkgis export`` starts from: the project, its scenarios, view and selection.

``--data`` (a dataset), ``--project`` (a saved session: dataset, scenarios, active
scenario, map view, selection) and ``--scenario`` are read here once, with one clear
line for anything wrong.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dkgis.cli.exit_codes import CliError, print_warning

if TYPE_CHECKING:
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario


@dataclass(frozen=True)
class Inputs:
    """What every export starts from: the project and the session of ``--project``."""

    project: Project
    #: Scenarios by name: the presets, then those of the project file.
    scenarios: dict[str, Scenario]
    #: The scenario of projected years: chosen with ``--scenario``, else the one active in
    #: the project file, else the first preset (there always is one).
    scenario: Scenario
    #: The map view saved in the project file (EPSG:3857), if any.
    view: tuple[float, float, float, float] | None = None
    selection: tuple[str, ...] = field(default=())


def load_inputs(args: argparse.Namespace, data: str | None = None) -> Inputs:
    """The project (``--data``, ``--project`` or the embedded dataset) and its session.

    Raises
    ------
    CliError
        When the dataset or the project file cannot be read, or the scenario is unknown.
    """
    from dkgis.io.errors import DatasetError
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario, preset_scenarios

    state = None
    if getattr(args, "project", None):
        from dkgis.io.project_file import ProjectFileError, load_project_file

        try:
            state = load_project_file(args.project)
        except ProjectFileError as err:
            raise CliError(str(err)) from None
    dataset = args.export_data or data
    if dataset is None:
        from dkgis.data.user_data import dataset_to_open

        # A project file names its dataset (None: the embedded one); else, as the app does,
        # the user's copy made by an import when there is one.
        dataset = state["dataset"] if state is not None else dataset_to_open(None)
    try:
        project = Project.load(dataset)
    except DatasetError as err:
        raise CliError(str(err)) from None
    scenarios = {s.name: s for s in preset_scenarios(project)}
    if state is not None:
        for item in state["scenarios"]:
            scenario = Scenario.from_dict(item)
            scenarios[scenario.name] = scenario
    chosen = None
    if args.scenario is not None:
        wanted = args.scenario.strip().casefold()
        chosen = next((s for n, s in scenarios.items() if n.casefold() == wanted), None)
        if chosen is None:
            names = ", ".join(f'"{n}"' for n in scenarios)
            raise CliError(f"unknown scenario {args.scenario!r}; choose one of {names}")
    elif state is not None and state["active_scenario"] is not None:
        chosen = scenarios.get(state["active_scenario"])
    if chosen is None:
        chosen = next(iter(scenarios.values()))
    selection: tuple[str, ...] = ()
    view = None
    if state is not None:
        selection = tuple(i for i in state["selection"] if i in project.facilities)
        view = state["extent"]
        warn_ignored(args.project, state, project)
    return Inputs(project, scenarios, chosen, view, selection)


def warn_ignored(project_file: str, state: dict, project: Project) -> None:
    """One warning line on standard error per thing of the project file the dataset lacks."""
    from dkgis.io.project_file import ignored_references

    measures = {m.id for m in project.measures}
    for note in ignored_references(state, project.facilities, measures):
        print_warning("dkgis export", f"{project_file}: {note}")
