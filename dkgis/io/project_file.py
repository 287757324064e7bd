"""dkgis project files: the session's scenarios, map view and selection as JSON (pure).

A project file is a UTF-8 JSON object::

    {
      "format": "dkgis-project",
      "version": 1,
      "dataset": null,                     # path of the dataset, null = the embedded one
      "scenarios": [{"name": ..., "measures": [{...}, ...]}, ...],
      "active_scenario": "Announced plans",  # a scenario name, or null
      "extent": [xmin, ymin, xmax, ymax],  # map view, EPSG:3857 metres, or null
      "selection": ["FR_956", ...],        # selected facility ids
      "year": 2030,                        # year of the map, or null
      "hidden_sectors": ["steel", ...],    # sector ids not drawn
      "layers": [{"name": "emissions", "visible": true, "opacity": 1.0}, ...]
    }

``layers`` lists the dataset's layers bottom to top, each shown or not and with its
opacity (the user's own layers are files of their own and are not kept); an empty list
leaves the layers as the dataset has them.

``scenarios`` holds the user's scenarios only: the presets are rebuilt from the dataset
(a scenario of the file may not bear a preset's name); ``active_scenario`` may name a
preset.

Scenario dicts are those of :meth:`dkgis.model.scenario.Scenario.to_dict`; their values are
checked with the same rules as in the scenario editor. Other top-level keys are kept as they
are (room for later additions of the same version). Files are written atomically: a failed
save never damages the previous file.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from dkgis.i18n import _
from dkgis.io.atomic import atomic_path
from dkgis.io.files import FileTooLargeError, NotARegularFileError, read_capped

#: Value of the ``format`` field.
FORMAT = "dkgis-project"

#: Version written, and the newest version read.
VERSION = 1

#: Usual file name suffix.
SUFFIX = ".dkgis.json"

#: Files larger than this are refused (reading stops there, whatever size the system reports).
MAX_BYTES = 50 * 1024 * 1024

#: Known top-level keys and their defaults.
DEFAULTS: dict[str, Any] = {
    "dataset": None,
    "scenarios": [],
    "active_scenario": None,
    "extent": None,
    "selection": [],
    "year": None,
    "hidden_sectors": [],
    "layers": [],
}


class ProjectFileError(Exception):
    """A project file that cannot be read or written.

    Parameters
    ----------
    path
        The file concerned.
    problem
        What is wrong, in plain English, naming the line and column of a JSON error or
        the field of a bad value (e.g. ``"scenarios[0].measures[2].start_year: ..."``).

    Attributes
    ----------
    path : pathlib.Path
    problem : str
    field : str or None
        The field concerned, when one is.

    Notes
    -----
    ``str(err)`` is ``"{path}: {problem}"``, ready to show to the user.
    """

    def __init__(self, path: str | Path, problem: str, field: str | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.field = field
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # picklable with its arguments (worker threads)
        return (type(self), (self.path, self.problem, self.field))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid JSON number")


def load_project_file(path: str | Path) -> dict[str, Any]:
    """Read and check a project file.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    dict
        The state: every key of :data:`DEFAULTS` (missing ones filled with their default),
        ``format`` and ``version``, and any other top-level key of the file. ``dataset`` is
        made absolute (relative paths are relative to the project file's folder);
        ``extent`` is a tuple of 4 floats or ``None``; ``scenarios`` are dicts as
        :meth:`Scenario.to_dict` writes them, already checked.

    Raises
    ------
    ProjectFileError
        When the file is missing, not a regular file (a folder, a named pipe, a device),
        larger than :data:`MAX_BYTES`, unreadable, not JSON (with line and column), not a
        dkgis project, of an incompatible version, or holds a bad value (naming the field).
    """
    path = Path(path)
    try:
        text = read_capped(path, MAX_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise ProjectFileError(path, _("file not found")) from None
    except NotARegularFileError as exc:
        raise ProjectFileError(
            path, _("is {kind}, not a project file").format(kind=exc.kind)
        ) from None
    except FileTooLargeError:
        raise ProjectFileError(
            path,
            _("file too large for a project file (more than {size} MB)").format(
                size=MAX_BYTES // (1024 * 1024)
            ),
        ) from None
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            path, _("not a text (UTF-8) file: byte {position}").format(position=exc.start)
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            path, _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
        ) from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            path, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ProjectFileError(path, f"not valid JSON: {exc}") from None
    state = check_state(data, path)
    dataset = state["dataset"]
    if dataset is not None and not Path(dataset).is_absolute():
        state["dataset"] = str((path.parent / dataset).resolve())
    return state


def save_project_file(path: str | Path, state: Mapping[str, Any]) -> None:
    """Check ``state`` and write it as a project file, atomically.

    Parameters
    ----------
    path
        The file (replaced when it exists; left untouched when anything fails).
    state
        As :func:`load_project_file` returns it; ``format`` and ``version`` are set here.
        Scenario objects may be given instead of their dicts.

    Raises
    ------
    ProjectFileError
        For a bad value (nothing is written) or when the file cannot be written.
    """
    path = Path(path)
    data = {k: v for k, v in state.items() if k not in ("format", "version")}
    data["scenarios"] = [
        s.to_dict() if hasattr(s, "to_dict") else s for s in data.get("scenarios", [])
    ]
    if isinstance(data.get("dataset"), os.PathLike):
        data["dataset"] = os.fspath(data["dataset"])
    if data.get("extent") is not None and not isinstance(data["extent"], list):
        data["extent"] = list(data["extent"])
    for key in ("selection", "hidden_sectors"):
        if key in data and not isinstance(data[key], list):
            data[key] = sorted(data[key])
    data = {"format": FORMAT, "version": VERSION, **data}
    check_state(data, path)
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ProjectFileError(path, f"cannot be written as JSON: {exc}") from None
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ProjectFileError(path, f"cannot write the file: {exc.strerror or exc}") from None


def ignored_references(
    state: Mapping[str, Any], facility_ids: Collection[str], measure_ids: Collection[str]
) -> list[str]:
    """What a checked project state names that the dataset does not have, in plain words.

    A project saved with another dataset (or another version of it) may name sites,
    measures and sectors that the dataset lacks. Opening it still works; this says
    what could not be used, so that nothing is dropped without a word.

    Parameters
    ----------
    state
        As :func:`load_project_file` returns it.
    facility_ids, measure_ids
        The ids of the dataset's facilities and measures.

    Returns
    -------
    list of str
        One sentence per thing: a scenario measure whose site is not in the dataset
        (it reduces nobody's emissions: ignored), a scenario measure that is not a
        measure of the dataset (kept with the figures saved in the project), a selected
        site or a hidden sector that does not exist (ignored). Empty when everything
        is known.
    """
    from dkgis.io.schema import FACILITIES

    notes: list[str] = []
    for scenario in state.get("scenarios", []):
        name = scenario.get("name", "")
        for measure in scenario.get("measures", []):
            mid, site = measure.get("measure_id"), measure.get("facility_id")
            label = measure.get("name") or mid
            if site is not None and site not in facility_ids:
                notes.append(
                    _(
                        "scenario '{scenario}': the measure '{measure}' is for the site {site},"
                        " which is not in the dataset; it is ignored"
                    ).format(scenario=name, measure=label, site=site)
                )
            elif mid not in measure_ids:
                notes.append(
                    _(
                        "scenario '{scenario}': the measure '{measure}' ({id}) is not a measure"
                        " of the dataset; it is kept with the figures saved in the project"
                    ).format(scenario=name, measure=label, id=mid)
                )
    for site in state.get("selection", []):
        if site not in facility_ids:
            notes.append(
                _("selection: the site {site} is not in the dataset; it is ignored").format(
                    site=site
                )
            )
    sectors = FACILITIES.column("sector").allowed or ()
    for sector in state.get("hidden_sectors", []):
        if sector not in sectors:
            notes.append(
                _("hidden sectors: '{sector}' is not a sector; it is ignored").format(sector=sector)
            )
    return notes


def check_state(data: Any, path: str | Path = "") -> dict[str, Any]:
    """Check a decoded project file; return the state with defaults filled in.

    Raises
    ------
    ProjectFileError
        As :func:`load_project_file`.
    """
    # Imported here: the scenario rules live in the model, which itself imports dkgis.io.
    from dkgis.model.display import YEAR_MAX, YEAR_MIN
    from dkgis.model.scenario import PRESET_NAMES, MeasureValueError, Scenario, ScenarioMeasure

    def bad(field: str, problem: str) -> ProjectFileError:
        return ProjectFileError(path, f"{field}: {problem}", field)

    if not isinstance(data, dict):
        raise ProjectFileError(path, "not a dkgis project file (the file is not a JSON object)")
    fmt = data.get("format")
    if fmt != FORMAT:
        shown = "missing" if fmt is None else repr(fmt)
        raise ProjectFileError(
            path, f"not a dkgis project file (format {shown}, expected {FORMAT!r})", "format"
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise bad("version", f"{version!r} is not a version number")
    if version > VERSION:
        raise ProjectFileError(
            path,
            f"made by a newer dkgis (project file version {version}); this dkgis reads "
            f"version {VERSION} files",
            "version",
        )
    if version < 1:
        raise ProjectFileError(path, f"incompatible project file version {version}", "version")
    state: dict[str, Any] = {**DEFAULTS, **data}

    dataset = state["dataset"]
    if dataset is not None and (not isinstance(dataset, str) or not dataset.strip()):
        raise bad("dataset", f"{dataset!r} is not a file path")

    scenarios = state["scenarios"]
    if not isinstance(scenarios, list):
        raise bad("scenarios", "must be a list")
    names: set[str] = set()
    for i, item in enumerate(scenarios):
        where = f"scenarios[{i}]"
        if isinstance(item, dict) and isinstance(item.get("measures"), list):
            for j, measure in enumerate(item["measures"]):
                if not isinstance(measure, dict):
                    raise bad(f"{where}.measures[{j}]", "must be an object")
                try:
                    ScenarioMeasure.from_dict(measure)
                except MeasureValueError as exc:
                    raise bad(f"{where}.measures[{j}].{exc.field}", str(exc)) from None
        try:
            scenario = Scenario.from_dict(item)
        except ValueError as exc:
            raise bad(where, str(exc)) from None
        if scenario.name in names:
            raise bad(f"{where}.name", f"scenario name {scenario.name!r} is used twice")
        if scenario.name in PRESET_NAMES:
            raise bad(f"{where}.name", f"{scenario.name!r} is the name of a preset scenario")
        names.add(scenario.name)

    active = state["active_scenario"]
    if active is not None and (
        not isinstance(active, str) or (active not in names and active not in PRESET_NAMES)
    ):
        raise bad("active_scenario", f"{active!r} is not the name of a scenario of the file")

    extent = state["extent"]
    if extent is not None:
        if not isinstance(extent, (list, tuple)) or len(extent) != 4:
            raise bad("extent", "must be [xmin, ymin, xmax, ymax]")
        if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in extent):
            raise bad("extent", f"{extent!r} must hold 4 numbers")
        xmin, ymin, xmax, ymax = (float(v) for v in extent)
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            raise bad("extent", "must hold finite numbers")
        if not (xmin < xmax and ymin < ymax):
            raise bad("extent", f"{extent!r} is empty (needs xmin < xmax and ymin < ymax)")
        state["extent"] = (xmin, ymin, xmax, ymax)

    selection = state["selection"]
    if not isinstance(selection, list) or not all(isinstance(s, str) for s in selection):
        raise bad("selection", "must be a list of facility ids")

    year = state["year"]
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int):
            raise bad("year", f"{year!r} is not a whole year")
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise bad("year", f"{year} is not between {YEAR_MIN} and {YEAR_MAX}")

    hidden = state["hidden_sectors"]
    if not isinstance(hidden, list) or not all(isinstance(s, str) for s in hidden):
        raise bad("hidden_sectors", "must be a list of sector ids")

    state["layers"] = _check_layers(state["layers"], bad)
    return state


def _check_layers(layers: Any, bad) -> list[dict[str, Any]]:
    """The ``layers`` entries, checked: a name, shown or not, an opacity from 0 to 1."""
    if not isinstance(layers, list):
        raise bad("layers", _("must be a list of layers"))
    names: set[str] = set()
    checked = []
    for i, entry in enumerate(layers):
        where = f"layers[{i}]"
        if not isinstance(entry, dict):
            raise bad(where, _("must be an object"))
        name, visible, opacity = entry.get("name"), entry.get("visible"), entry.get("opacity")
        if not isinstance(name, str) or not name:
            raise bad(f"{where}.name", _("{value} is not a layer name").format(value=repr(name)))
        if name in names:
            raise bad(f"{where}.name", _("layer {name} is listed twice").format(name=repr(name)))
        if not isinstance(visible, bool):
            raise bad(
                f"{where}.visible", _("{value} is not true or false").format(value=repr(visible))
            )
        if isinstance(opacity, bool) or not isinstance(opacity, (int, float)):
            raise bad(f"{where}.opacity", _("{value} is not a number").format(value=repr(opacity)))
        if not (math.isfinite(opacity) and 0 <= opacity <= 1):
            raise bad(f"{where}.opacity", _("{value} is not between 0 and 1").format(value=opacity))
        names.add(name)
        checked.append({**entry, "opacity": float(opacity)})
    return checked
