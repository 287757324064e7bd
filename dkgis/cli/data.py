"""``dkgis data import PATH…``: add new releases of emission data to the user's copy.

The files are read and compared with the current data first (the preview is printed);
``--dry-run`` stops there. Values that differ from the dataset's are replaced only with
``--yes``; installations of the cluster that the dataset lacks are added only with the
sector given by ``--sector ID=SECTOR``. The embedded dataset is never modified: the result
is the user's copy (see :mod:`dkgis.data.user_data`), or the ``--data`` file, or the
``--data`` PostGIS database (written in one transaction, see :mod:`dkgis.data.db_import`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dkgis.cli.args import one_line_errors
from dkgis.cli.db import with_password_prompt
from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, print_error
from dkgis.i18n import _, format_number, ngettext


def add_parser(commands) -> argparse.ArgumentParser:
    """Add the ``data`` command (and its ``import`` sub-command) to ``dkgis``."""
    data = commands.add_parser(
        "data",
        help="manage the data: import new releases of emission data",
        description="Manage the data dkgis shows.",
    )
    sub = data.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import",
        help="add new releases (EUTL euets.info zip, Union Registry .xlsx, IREP zip)",
        description="Read release files as their publishers distribute them, show what "
        "they add or change, and write your own copy of the data (the embedded dataset is "
        "never modified). Exit 0 when done, 1 when the result cannot be written, 2 when a "
        "file is not what it claims.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="release files or folders")
    imp.add_argument(
        "--data",
        dest="import_data",
        metavar="FILE.gpkg|DSN",
        help="the GeoPackage or PostGIS database to update (default: your copy of the data)",
    )
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument(
        "--yes",
        action="store_true",
        help="also replace values that differ from the current data (listed before → after)",
    )
    imp.add_argument(
        "--sector",
        action="append",
        default=[],
        metavar="ID=SECTOR",
        help="add the new installation ID with this sector (repeat for several)",
    )
    one_line_errors(imp)
    return data


def run(args: argparse.Namespace) -> int:
    """Run ``dkgis data import``; the exit code says how it went."""
    from dkgis.data import DEFAULT_DATASET
    from dkgis.data.importer import ImportFailed, apply_import, plan_import
    from dkgis.data.user_data import user_dataset_path
    from dkgis.io.errors import DatasetError
    from dkgis.io.releases import ReleaseError

    try:
        sectors = _sectors(args.sector)
    except ValueError as err:
        print_error("dkgis data import", str(err))
        return EXIT_BAD_INPUT
    try:
        target, base = _target_and_base(args, DEFAULT_DATASET, user_dataset_path())
        plan = with_password_prompt(base, lambda source: plan_import(args.paths, source))
    except (ReleaseError, DatasetError) as err:
        print_error("dkgis data import", str(err))
        return EXIT_BAD_INPUT
    target = getattr(plan, "database", None) or target  # with the password typed, if any
    for line in preview_lines(plan):
        print(line)
    proposed = {f.facility_id for f in plan.new_facilities}
    unknown = sorted(set(sectors) - proposed)
    if unknown:
        print_error(
            "dkgis data import",
            _("--sector names {ids}, which the files do not propose as new").format(
                ids=", ".join(unknown)
            ),
        )
        return EXIT_BAD_INPUT
    if args.dry_run:
        print(_("Dry run: nothing was written."))
        return EXIT_OK
    if not plan.has_changes:
        print(_("Nothing new: {file} is unchanged.").format(file=base))
        return EXIT_OK
    try:
        result = apply_import(plan, target, sectors=sectors, accept_changes=args.yes)
    except (ImportFailed, DatasetError) as err:
        print_error("dkgis data import", str(err))
        return EXIT_FAILED
    except OSError as err:
        print_error(
            "dkgis data import",
            _("cannot write {path}: {reason}").format(path=target, reason=err.strerror or err),
        )
        return EXIT_FAILED
    if plan.changed and not args.yes:
        print(
            _(
                "{n} changed values kept as they were (run again with --yes to replace them)."
            ).format(n=len(plan.changed))
        )
    left = proposed - set(sectors)
    if left:
        print(
            _("New installations not added (give --sector ID=SECTOR to add them): {ids}.").format(
                ids=", ".join(sorted(left))
            )
        )
    print(
        _(
            "Wrote {path}: {added} values added, {changed} changed, {new} installations added."
        ).format(
            path=result.path,
            added=result.values_added,
            changed=result.values_changed,
            new=result.facilities_added,
        )
    )
    return EXIT_OK


def _target_and_base(args, embedded: Path, user_copy: Path):
    """Where to write, and the data to start from (a database is both)."""
    from dkgis.io.postgis.dsn import Dsn, is_dsn

    if args.import_data and is_dsn(args.import_data):
        dsn = Dsn(args.import_data)
        return dsn, dsn
    if args.import_data and not _same(Path(args.import_data), embedded):
        target = Path(args.import_data)
        return target, target
    return user_copy, user_copy if user_copy.is_file() else embedded


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _sectors(values: list[str]) -> dict[str, str]:
    from dkgis.io.schema import FACILITIES

    allowed = FACILITIES.column("sector").allowed or ()
    out = {}
    for value in values:
        ident, sep, sector = value.partition("=")
        if not sep or not ident.strip() or sector.strip() not in allowed:
            raise ValueError(
                _("--sector {value!r}: expected ID=SECTOR with a sector among {sectors}").format(
                    value=value, sectors=", ".join(allowed)
                )
            )
        out[ident.strip()] = sector.strip()
    return out


def _tonnes(value: float) -> str:
    return format_number(value) + " t"


def preview_lines(plan) -> list[str]:
    """The preview of an import plan, as printed lines (also used in tests)."""
    lines = []
    for release, sid in zip(plan.releases, plan.source_ids, strict=True):
        years = release.years
        span = f"{years[0]}–{years[-1]}" if years else "—"
        lines.append(
            _("{file}: {publisher}, {kind} values {years} (source {id})").format(
                file=release.path.name,
                publisher=release.publisher.name,
                kind=_("verified") if release.kind == "verified" else _("reported"),
                years=span,
                id=sid,
            )
        )
    lines.append(
        ngettext("{n} value to add:", "{n} values to add:", len(plan.added)).format(
            n=len(plan.added)
        )
    )
    for c in plan.added:
        lines.append(f"  + {c.facility_id} {c.facility_name} {c.year}: {_tonnes(c.after_t)}")
    lines.append(
        ngettext(
            "{n} value differs from the current data:",
            "{n} values differ from the current data:",
            len(plan.changed),
        ).format(n=len(plan.changed))
    )
    for c in plan.changed:
        lines.append(
            f"  ~ {c.facility_id} {c.facility_name} {c.year}: "
            f"{_tonnes(c.before_t)} → {_tonnes(c.after_t)}"
        )
    lines.append(_("{n} values already in the data.").format(n=plan.unchanged))
    if plan.new_facilities:
        lines.append(_("Installations of the cluster's communes that the data does not know:"))
        for f in plan.new_facilities:
            values = ", ".join(f"{v.year}: {_tonnes(v.after_t)}" for v in f.values)
            lines.append(f"  ? {f.facility_id} {f.name} ({f.commune}) — {values}")
    for text in plan.caveat_changes:
        lines.append(text)
    before, after = plan.baseline_years(after=False), plan.baseline_years()
    if before != after and before and after:
        lines.append(
            _("Scenario baselines: mean {before} → mean {after}.").format(
                before=f"{before[0]}–{before[-1]}", after=f"{after[0]}–{after[-1]}"
            )
        )
    for note in plan.notes:
        lines.append(_("Note: {note}").format(note=note))
    return lines
