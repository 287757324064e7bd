"""The ``dkgis`` command: the desktop app, ``dkgis export`` and ``dkgis validate``.

Exit codes: 0 success; 1 the command ran but failed (a dataset with problems,
a file that could not be written); 2 bad input (wrong arguments, a dataset that
cannot be read).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from dkgis import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def _size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of pixels: {text!r}") from None
    if not 1 <= value <= 20000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 20000 pixels, not {value}")
    return value


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 36 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"must be between 36 and 1200, not {value}")
    return value


def _year(text: str) -> int:
    from dkgis.model.display import YEAR_MAX, YEAR_MIN

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(f"must be between {YEAR_MIN} and {YEAR_MAX}, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``dkgis`` command."""
    parser = argparse.ArgumentParser(
        prog="dkgis",
        description="Explore the decarbonization of the Dunkerque industrial-port cluster.",
    )
    parser.add_argument("--version", action="version", version=f"dkgis {__version__}")
    parser.add_argument(
        "--data",
        metavar="FILE.gpkg",
        help="open this GeoPackage instead of the embedded Dunkerque dataset",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = commands.add_parser(
        "export",
        help="render the map to a PNG image or an interactive HTML map, without a window",
        description="Render the default map view (basemap, facilities by sector, legend, "
        "title) to a PNG file, or write an interactive map that opens offline in a web "
        "browser (.html). The format follows the extension. Needs no display.",
    )
    export.add_argument(
        "output", metavar="OUTPUT", help="the file to write: OUTPUT.png or OUTPUT.html"
    )
    export.add_argument(
        "--data",
        metavar="FILE.gpkg",
        dest="export_data",
        help="use this GeoPackage instead of the embedded dataset",
    )
    export.add_argument("--width", type=_size, default=1600, help="width in pixels (default 1600)")
    export.add_argument(
        "--height", type=_size, default=1000, help="height in pixels (default 1000)"
    )
    export.add_argument(
        "--dpi",
        type=_dpi,
        default=96,
        help="resolution; symbols and text scale with it (default 96)",
    )
    export.add_argument("--title", default=None, help="map title")
    export.add_argument(
        "--year",
        type=_year,
        default=None,
        help="year of the emission circles (2005-2050), drawn with their size legend; for "
        "PNG, after the last verified year the last verified value is shown; for HTML, later "
        "years are projected by the scenario",
    )
    export.add_argument(
        "--scenario",
        default=None,
        metavar="NAME",
        help='HTML map: scenario of a projected year (default "Announced plans"; '
        'also "Announced plans, 3 years late" and "No new measures")',
    )
    export.add_argument(
        "--tiles",
        action="store_true",
        help="HTML map: add OpenStreetMap's online tiles under the offline basemap "
        "(they need the internet when the page is opened)",
    )
    # -- issue 5: PowerPoint and animation options (dkgis/cli_presentation.py) --
    from dkgis.cli_presentation import add_arguments as add_presentation_arguments

    add_presentation_arguments(export)
    # -- end issue 5 presentation options --

    validate = commands.add_parser(
        "validate",
        help="check a GeoPackage against the dkgis schema and list every problem",
        description="Check a GeoPackage against the dkgis schema. Exit 0 when it is valid, "
        "1 when it has problems, 2 when it cannot be read.",
    )
    validate.add_argument("file", metavar="FILE.gpkg")
    return parser


def _error(message: str) -> None:
    print(f"dkgis: error: {message}", file=sys.stderr)


def ensure_headless_platform() -> None:
    """Use Qt's offscreen platform when there is no display to talk to."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_export(args: argparse.Namespace) -> int:
    """``dkgis export``: write the map in the format of the output's extension."""
    output = Path(args.output)
    handler = _export_formats().get(output.suffix.lower())
    if handler is None:
        known = ", ".join(sorted(_export_formats()))
        _error(f"{output}: unknown format {output.suffix or '(no extension)'!r}; use {known}")
        return EXIT_BAD_INPUT
    if not output.parent.is_dir() and str(output.parent):
        _error(f"{output}: the folder {output.parent} does not exist")
        return EXIT_FAILED
    return handler(args, output)


def _export_formats() -> dict[str, Callable[[argparse.Namespace, Path], int]]:
    """``dkgis export`` writers by file extension."""
    from dkgis.cli_presentation import WRITERS as presentation_writers  # .pptx .gif .mp4

    return {
        ".png": _export_png,
        ".html": _export_html,
        ".htm": _export_html,
        **presentation_writers,
    }


def _load_project(args: argparse.Namespace):
    """The project of ``--data`` (or the embedded dataset); ``None`` after an error line."""
    from dkgis.io.errors import DatasetError
    from dkgis.model.project import Project

    try:
        return Project.load(args.export_data or args.data)
    except DatasetError as err:
        _error(str(err))
        return None


def _export_html(args: argparse.Namespace, output: Path) -> int:
    """Write the interactive offline HTML map."""
    project = _load_project(args)
    if project is None:
        return EXIT_BAD_INPUT
    from dkgis.export.html import HtmlMapOptions, LeafletAssetsMissing, export_html_map
    from dkgis.model.trajectory import preset_scenarios

    scenario = None
    if args.scenario is not None:
        presets = {s.name.casefold(): s for s in preset_scenarios(project)}
        scenario = presets.get(args.scenario.strip().casefold())
        if scenario is None:
            names = ", ".join(f'"{s.name}"' for s in preset_scenarios(project))
            _error(f"unknown scenario {args.scenario!r}; choose one of {names}")
            return EXIT_BAD_INPUT
    options = HtmlMapOptions(year=args.year, scenario=scenario, tiles=args.tiles, title=args.title)
    try:
        result = export_html_map(project, output, options)
    except ValueError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except LeafletAssetsMissing as err:
        _error(str(err))
        return EXIT_FAILED
    except OSError as err:
        _error(f"{output}: could not write the map: {err.strerror or err}")
        return EXIT_FAILED
    kind = result.kind + (f", scenario {result.scenario}" if result.scenario else "")
    print(
        f"{output} (interactive map, {result.facility_markers} facilities, "
        f"emissions {result.year} {kind}, {result.size_bytes / 1e6:.2f} MB)"
    )
    return EXIT_OK


def _export_png(args: argparse.Namespace, output: Path) -> int:
    """Render the default view to a PNG."""
    html_only = {
        "--scenario": args.scenario,
        "--tiles": args.tiles,
    }
    for flag, given in html_only.items():
        if given:
            _error(f"{flag} applies to .html maps only")
            return EXIT_BAD_INPUT
    from dkgis.io.errors import DatasetError
    from dkgis.model.project import Project

    data = args.export_data or args.data
    try:
        project = Project.load(data)
    except DatasetError as err:
        _error(str(err))
        return EXIT_BAD_INPUT

    ensure_headless_platform()
    from PySide6.QtWidgets import QApplication

    from dkgis.export.image import export_png
    from dkgis.model.snapshot import SnapshotSpec

    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 (keeps Qt alive)
    layers = None
    subtitle = "Facilities by sector"
    if args.year is not None:
        layers = tuple(
            layer.name for layer in project.layers if layer.visible or layer.kind == "emissions"
        )
        subtitle = emission_subtitle(project, args.year)
    spec = SnapshotSpec(
        extent=project.cluster_extent(),
        width=args.width,
        height=args.height,
        dpi=args.dpi,
        layers=layers,
        title=args.title or "Dunkerque industrial-port cluster",
        subtitle=subtitle,
        north_arrow=True,
        year=args.year,
    )
    try:
        export_png(project, spec, output)
    except ValueError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except (OSError, MemoryError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        _error(f"{output}: could not write the image: {reason}")
        return EXIT_FAILED
    year = f", CO2 emissions {args.year}" if args.year is not None else ""
    print(f"{output} ({args.width} x {args.height} px{year})")
    return EXIT_OK


def emission_subtitle(project, year: int) -> str:
    """Subtitle of a map showing the emissions of ``year``: says what the values are."""
    last = project.verified_matrix().last_year
    if last is not None and year > last:
        return (
            f"CO2 emissions {year}: last verified value ({last}), not a projection"
            " · facilities by sector"
        )
    return f"CO2 emissions {year} (EU ETS verified) · facilities by sector"


def run_validate(args: argparse.Namespace) -> int:
    """``dkgis validate``: list every problem of a GeoPackage."""
    from dkgis.io.errors import DatasetError
    from dkgis.io.validate import validate_dataset

    try:
        issues = validate_dataset(args.file)
    except DatasetError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    if not issues:
        print(f"{args.file}: valid")
        return EXIT_OK
    for issue in issues:
        print(f"{args.file}: {issue}")
    print(f"{args.file}: {len(issues)} problem(s)", file=sys.stderr)
    return EXIT_FAILED


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the chosen dataset."""
    from dkgis.ui.app import run_app

    return run_app(args.data)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dkgis`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    commands = {"export": run_export, "validate": run_validate, None: run_gui}
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a last resort: one clear line, never a bare traceback
        if os.environ.get("DKGIS_DEBUG"):
            raise
        _error(f"unexpected {type(err).__name__}: {err} (set DKGIS_DEBUG=1 for details)")
        return EXIT_FAILED
