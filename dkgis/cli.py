"""The ``dkgis`` command: the desktop app, ``dkgis export`` and ``dkgis validate``.

Exit codes: 0 success; 1 the command ran but failed (a dataset with problems,
a file that could not be written); 2 bad input (wrong arguments, a dataset that
cannot be read).
"""

from __future__ import annotations

import argparse
import os
import sys

from dkgis import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


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

    # ``dkgis export``: options and formats live in dkgis.export.cli (EXPORT_FORMATS).
    from dkgis.export.cli import add_export_parser

    add_export_parser(commands)

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


def run_export(args: argparse.Namespace) -> int:
    """``dkgis export``: see :mod:`dkgis.export.cli`."""
    from dkgis.export.cli import run_export as export

    return export(args, args.data)


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
