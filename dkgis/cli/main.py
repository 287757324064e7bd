"""``dkgis``: the desktop app, and the sub-commands of :data:`COMMANDS`."""

from __future__ import annotations

import argparse
import importlib
import os

from dkgis import __version__
from dkgis.cli.exit_codes import EXIT_FAILED, EXIT_INTERRUPTED, print_error

#: Sub-commands: name -> module with ``add_parser(commands)`` and ``run(args)``.
COMMANDS: dict[str, str] = {
    "data": "dkgis.cli.data",
    "export": "dkgis.cli.export",
    "validate": "dkgis.cli.validate",
}


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
    for module in COMMANDS.values():
        importlib.import_module(module).add_parser(commands)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the chosen dataset."""
    from dkgis.ui.app import run_app

    return run_app(args.data)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dkgis`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_gui(args)
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as err:  # a last resort: one clear line, never a bare traceback
        if os.environ.get("DKGIS_DEBUG"):
            raise
        print_error(
            "dkgis", f"unexpected {type(err).__name__}: {err} (set DKGIS_DEBUG=1 for details)"
        )
        return EXIT_FAILED
