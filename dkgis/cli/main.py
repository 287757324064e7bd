"""``dkgis``: the desktop app, and the sub-commands of :data:`COMMANDS`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from dkgis import __version__
from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, print_error

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
        help="open this GeoPackage (default: your data updated by an import, if any, "
        "else the embedded Dunkerque dataset)",
    )
    add_lang_option(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        command = importlib.import_module(module).add_parser(commands)
        add_lang_option(command, default=argparse.SUPPRESS)  # before or after the command
    return parser


def add_lang_option(parser: argparse.ArgumentParser, default) -> None:
    """``--lang fr|en``: the language of the messages and files of this run."""
    from dkgis.i18n import LANGUAGES

    parser.add_argument(
        "--lang",
        metavar="|".join(LANGUAGES),
        default=default,
        help="language of messages and exported files (default: the system's; "
        "the app: the one chosen in its Preferences)",
    )


def _apply_lang(args: argparse.Namespace) -> str | None:
    """Set the language of ``--lang``; return an error message when it is unknown."""
    from dkgis import i18n

    if args.lang is None:
        return None
    try:
        args.lang = i18n.set_language(args.lang)
    except i18n.UnknownLanguageError as err:
        return str(err)
    return None


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the chosen dataset."""
    from dkgis.ui.app import run_app

    return run_app(args.data, args.lang)


def printable_output() -> None:
    """Let the messages (which say "CO₂" and speak French) reach any console: where its
    encoding lacks a character (a Windows code page when the output is redirected), a
    replacement is printed instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and encoding != "utf8":
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dkgis`` command; returns the exit code."""
    printable_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    problem = _apply_lang(args)
    if problem is not None:
        print_error("dkgis", f"--lang: {problem}")
        return EXIT_BAD_INPUT
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
