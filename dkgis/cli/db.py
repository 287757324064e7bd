"""``dkgis db push|pull``: the dataset in a shared PostGIS database.

``dkgis db push --db DSN [FILE.gpkg]`` publishes a dataset (by default the one the app
opens: your imported copy if there is one, else the embedded data), checked first, in one
transaction. ``dkgis db pull --db DSN OUT.gpkg`` writes the database's dataset as a
GeoPackage (atomically). A DSN is ``postgresql://user@host/db``, ``service=NAME`` or
``PG:...``; passwords come from ``.pgpass``, the service file, or a prompt in a terminal.
See docs/postgis.md.

Exit codes: 0 done; 1 the database or the file could not be written (refused right, lost
connection, someone else writing); 2 bad input (a file or database that cannot be read,
a dataset with problems, a wrong password).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dkgis.cli.args import one_line_errors
from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, print_error
from dkgis.i18n import _, format_number

T = TypeVar("T")

#: Kinds of database error that are a write failing (exit 1); the others are bad input.
WRITE_FAILURES = frozenset({"read_only", "lost", "busy", "conflict"})


def add_parser(commands) -> argparse.ArgumentParser:
    """Add the ``db`` command and its ``push`` and ``pull`` actions to ``dkgis``."""
    db = commands.add_parser(
        "db",
        help="share the dataset through a PostgreSQL/PostGIS database (push, pull)",
        description="Publish the dataset to a PostGIS database, or write it back to a "
        "GeoPackage. DSN: postgresql://user@server/database, service=NAME (pg_service.conf) "
        "or PG:dbname=... host=...; passwords from .pgpass or the service file.",
    )
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    push = sub.add_parser(
        "push",
        help="publish a dataset to the database (one transaction)",
        description="Check a dataset and publish it to the database in one transaction "
        "(all or nothing). Exit 0 when done, 1 when the database refused or the connection "
        "broke (nothing written), 2 when the file or the database cannot be read.",
    )
    push.add_argument("--db", required=True, metavar="DSN", help="the database")
    push.add_argument(
        "file",
        nargs="?",
        metavar="FILE.gpkg",
        help="the dataset to publish (default: your copy of the data, else the embedded one)",
    )
    push.add_argument(
        "--upgrade",
        action="store_true",
        help="replace dkgis tables of an older schema version (their owner only)",
    )
    one_line_errors(push)
    pull = sub.add_parser(
        "pull",
        help="write the database's dataset as a GeoPackage",
        description="Write the dataset of the database as a GeoPackage (the previous file "
        "is kept if anything fails). Exit 0 when done, 1 when the file cannot be written, "
        "2 when the database cannot be read.",
    )
    pull.add_argument("--db", required=True, metavar="DSN", help="the database")
    pull.add_argument("output", metavar="OUT.gpkg", help="the GeoPackage to write")
    one_line_errors(pull)
    one_line_errors(db)
    return db


def run(args: argparse.Namespace) -> int:
    """Run ``dkgis db push`` or ``dkgis db pull``; the exit code says how it went."""
    from dkgis.io.errors import DatasetError
    from dkgis.io.postgis.dsn import Dsn
    from dkgis.io.postgis.errors import DatabaseError

    prog = f"dkgis db {args.db_command}"
    try:
        dsn = Dsn(args.db)
        if args.db_command == "push":
            return _push(args, dsn, prog)
        return _pull(args, dsn, prog)
    except DatabaseError as err:
        print_error(prog, str(err))
        return EXIT_FAILED if err.kind in WRITE_FAILURES else EXIT_BAD_INPUT
    except DatasetError as err:
        print_error(prog, str(err))
        return EXIT_BAD_INPUT


def with_password_prompt(dsn, action: Callable[[object], T]) -> T:
    """Run ``action(dsn)``; when ``dsn`` is a database whose server asks for a password
    that libpq did not find, ask for it on the terminal (only in a terminal) and run it
    again.

    Raises
    ------
    DatabaseError
        As ``action`` does.
    """
    from dkgis.io.postgis.dsn import Dsn
    from dkgis.io.postgis.errors import DatabaseError

    if not isinstance(dsn, Dsn):
        return action(dsn)
    try:
        return action(dsn)
    except DatabaseError as err:
        if err.kind != "password_needed" or not sys.stdin.isatty():
            raise
    import getpass

    password = getpass.getpass(_("Password for {database}: ").format(database=dsn.label))
    return action(dsn.with_password(password))


def open_project(source):
    """:meth:`Project.load` of a file or a database (asking for a password in a
    terminal when one is needed)."""
    from dkgis.io.postgis.dsn import as_source, is_dsn
    from dkgis.model.project import Project

    if source is None or not is_dsn(source):
        return Project.load(source)
    return with_password_prompt(as_source(source), Project.load)


def _push(args: argparse.Namespace, dsn, prog: str) -> int:
    from dkgis.data import DEFAULT_DATASET
    from dkgis.data.user_data import startup_dataset
    from dkgis.io.gpkg_copy import read_copy
    from dkgis.io.postgis.dataset import push_copy
    from dkgis.io.validate import validate_dataset

    path = Path(args.file) if args.file else (startup_dataset() or DEFAULT_DATASET)
    issues = validate_dataset(path)
    if issues:
        print_error(
            prog,
            _("{file} has {n} problem(s) and is not published; the first: {issue}").format(
                file=path, n=len(issues), issue=issues[0]
            ),
        )
        return EXIT_BAD_INPUT
    copy = read_copy(path)

    def push(target):
        return push_copy(target, copy, upgrade=args.upgrade)

    result = with_password_prompt(dsn, push)
    print(
        _("Published {file} to {database}: {rows} rows, revision {revision}.").format(
            file=path.name,
            database=dsn.label,
            rows=format_number(result.rows),
            revision=result.revision,
        )
    )
    if result.created:
        print(_("Tables created: {tables}.").format(tables=", ".join(result.created)))
    return EXIT_OK


def _pull(args: argparse.Namespace, dsn, prog: str) -> int:
    from dkgis.io.postgis.dataset import pull

    out = Path(args.output)
    if out.is_dir():
        print_error(prog, _("{path} is a folder, not a file name").format(path=out))
        return EXIT_FAILED
    if str(out.parent) and not out.parent.is_dir():
        print_error(prog, _("the folder {path} does not exist").format(path=out.parent))
        return EXIT_FAILED
    try:
        copy, revision = with_password_prompt(dsn, lambda target: pull(target, out))
    except OSError as err:
        print_error(
            prog, _("cannot write {path}: {reason}").format(path=out, reason=err.strerror or err)
        )
        return EXIT_FAILED
    print(
        _("Wrote {path}: {rows} rows of revision {revision} of {database}.").format(
            path=out, rows=format_number(copy.row_count()), revision=revision, database=dsn.label
        )
    )
    return EXIT_OK
