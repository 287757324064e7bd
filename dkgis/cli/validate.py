"""``dkgis validate FILE.gpkg``: list every problem of a dataset."""

from __future__ import annotations

import argparse
import sys

from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, print_error


def add_parser(commands) -> argparse.ArgumentParser:
    """Add the ``validate`` command to the ``dkgis`` sub-commands."""
    validate = commands.add_parser(
        "validate",
        help="check a GeoPackage against the dkgis schema and list every problem",
        description="Check a GeoPackage against the dkgis schema. Exit 0 when it is valid, "
        "1 when it has problems, 2 when it cannot be read.",
    )
    validate.add_argument("file", metavar="FILE.gpkg")
    return validate


def run(args: argparse.Namespace) -> int:
    """List every problem of ``args.file``; the exit code says whether it is valid."""
    from dkgis.io.errors import DatasetError
    from dkgis.io.validate import validate_dataset

    try:
        issues = validate_dataset(args.file)
    except DatasetError as err:
        print_error("dkgis", str(err))
        return EXIT_BAD_INPUT
    if not issues:
        print(f"{args.file}: valid")
        return EXIT_OK
    for issue in issues:
        print(f"{args.file}: {issue}")
    print(f"{args.file}: {len(issues)} problem(s)", file=sys.stderr)
    return EXIT_FAILED
