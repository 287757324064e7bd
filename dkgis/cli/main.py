"""``dkgis``: the desktop app, and the sub-commands of :data:`COMMANDS`."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys

from dkgis import __version__
from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, print_error

#: Sub-commands: name -> module with ``add_parser(commands)`` and ``run(args)``.
COMMANDS: dict[str, str] = {
    "data": "dkgis.cli.data",
    "db": "dkgis.cli.db",
    "export": "dkgis.cli.export",
    "validate": "dkgis.cli.validate",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``dkgis`` command (its help in the current language)."""
    from dkgis.cli.args import Parser
    from dkgis.i18n import _

    parser = Parser(
        prog="dkgis",
        description=_("Explore the decarbonization of the Dunkerque industrial-port cluster."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dkgis {__version__}",
        help=_("show the version of dkgis and exit"),
    )
    parser.add_argument(
        "--data",
        metavar=_("FILE") + ".gpkg|DSN",
        help=_(
            "open this GeoPackage, or this PostGIS database (postgresql://user@server/db, "
            "service=NAME or PG:...) (default: your data updated by an import, if any, else "
            "the embedded Dunkerque dataset)"
        ),
    )
    add_lang_option(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        command = importlib.import_module(module).add_parser(commands)
        add_lang_option(command, default=argparse.SUPPRESS)  # before or after the command
    return parser


def add_lang_option(parser: argparse.ArgumentParser, default) -> None:
    """``--lang fr|en``: the language of the messages and files of this run."""
    from dkgis.i18n import LANGUAGES, _

    parser.add_argument(
        "--lang",
        metavar="|".join(LANGUAGES),
        default=default,
        help=_(
            "language of messages and exported files (default: the system's; "
            "the app: the one chosen in its Preferences)"
        ),
    )


def early_language(argv: list[str]) -> None:
    """Choose the language of ``--lang`` before the parser is built, so that ``--help``
    and the parser's own errors speak it too (a wrong value is reported after parsing)."""
    from dkgis import i18n

    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            with contextlib.suppress(i18n.UnknownLanguageError):
                i18n.set_language(value)


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
    early_language(sys.argv[1:] if argv is None else list(argv))
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
        from dkgis.i18n import _

        print_error(
            "dkgis",
            _("unexpected {kind}: {problem} (set DKGIS_DEBUG=1 for details)").format(
                kind=type(err).__name__, problem=err
            ),
        )
        return EXIT_FAILED
