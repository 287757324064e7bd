"""Import new releases of emission data into the user's copy of the dataset (pure, no Qt).

Two steps, so that the user sees everything before anything is written:

:func:`plan_import`
    Reads the release files (:mod:`dkgis.io.releases`) and compares them with the current
    dataset (the user's copy, or the embedded data): values to add, values that would
    change (before → after), installations of the cluster's communes that the dataset does
    not know, caveats and scenario baselines that would change. Nothing is written.
:func:`apply_import`
    Writes the result: a copy of the current dataset is changed with sqlite3 in a temporary
    file next to the target, checked with the validator, then moved over the target
    (``os.replace``), so an error or a killed process leaves the previous file as it was.

Rules
-----
* Installations are matched by their registry id: ``facilities.ets_id`` for the EU ETS,
  ``facilities.irep_id`` for IREP. EU ETS values are ``verified``, IREP values
  ``reported`` (never added to verified ones).
* A value equal to the dataset's is left as it is; a different one is a *change*, applied
  only when the user accepts changes, with a note keeping the previous value and source.
* An installation the dataset lacks is proposed when the file places it in one of the
  cluster's communes (the CUD communes and those of the dataset's facilities) and gives it
  a value; it is added only with a sector the user picks, and flagged by the caveat
  :data:`NOT_CURATED` until the project curates it.
* Each imported file becomes a row of ``sources`` (publisher, file name; its SHA-256 and
  date in the copy's ``dkgis_imports`` table); the new values cite it.
* Caveats that depend on the data are recomputed: a ``missing_data`` caveat keeps only the
  years that still have no verified value (it disappears when none is missing); the IREP
  ``not_additive`` caveat covers every IREP year; new verified rows of a site under an
  ``accounting_break`` caveat carry it, as the build does.
* Scenario baselines follow by themselves: they are the mean of the last three verified
  years (:mod:`dkgis.model.trajectory`).
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import shutil
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import shapely

from dkgis.i18n import _, in_language
from dkgis.io import schema
from dkgis.io.atomic import atomic_path
from dkgis.io.errors import DatasetError
from dkgis.io.gpkg import TableData, read_dataset, read_table
from dkgis.io.gpkg_edit import (
    connect_for_edit,
    ensure_attribute_table,
    point_blob,
    set_version,
    touch,
    update_extent,
)
from dkgis.io.postgis.dsn import Dsn, as_source, is_dsn
from dkgis.io.releases import Release, ReleaseError, ReleaseSite, read_release
from dkgis.io.releases.base import file_sha256
from dkgis.io.releases.text import fold

#: Prefix of the ``sources`` ids of imported files (``import_<12 hex digits of SHA-256>``).
SOURCE_PREFIX = "import_"

#: Id and kind of the caveat flagging facilities added by an import.
NOT_CURATED = "not_curated"

#: Environment variable: seconds to wait before the final rename (tests kill the process
#: then, to check that an interrupted import leaves the previous file intact).
PAUSE_ENV = "DKGIS_IMPORT_PAUSE_BEFORE_REPLACE"

#: Communes absorbed by Dunkerque that registries still name (folded spelling -> Dunkerque).
DUNKERQUE_ASSOCIATED = (
    "saint pol sur mer",
    "st pol sur mer",
    "fort mardyck",
    "mardyck",
    "petite synthe",
    "rosendael",
    "malo les bains",
)

#: Values closer than this (tonnes) are equal.
TOLERANCE_T = 1e-6


class ImportFailed(Exception):
    """An import that cannot be applied (the data changed since the preview, or the result
    would not be a valid dataset). ``str(err)`` is a sentence for the user."""


@dataclass(frozen=True)
class ValueChange:
    """A value the import adds (``before_t`` is ``None``) or changes.

    Attributes
    ----------
    facility_id, facility_name : str
    year : int
    kind : str
        ``"verified"`` or ``"reported"``.
    gas : str
    after_t : float
        The value of the file.
    before_t : float or None
        The dataset's value, for a change.
    before_source : str or None
        The ``source_id`` of the dataset's value.
    release : int
        Index of the release in :attr:`ImportPlan.releases`.
    where : str
        Where the file gives it (member and row).
    """

    facility_id: str
    facility_name: str
    year: int
    kind: str
    gas: str
    after_t: float
    before_t: float | None = None
    before_source: str | None = None
    release: int = 0
    where: str = ""


@dataclass(frozen=True)
class NewFacility:
    """An installation of the cluster's communes that the dataset does not know.

    Attributes
    ----------
    facility_id : str
        Its id once added (EU ETS id, or ``IREP_<id>``).
    registry, key : str
        ``"ets"``/``"irep"`` and the registry id.
    name, commune, insee : str
    lon, lat : float
        Where it will be drawn.
    location_precision : str
        ``address`` (coordinates of the file) or ``commune`` (the commune's point).
    location_source : str
        Source id of the point.
    activity : str or None
    values : tuple of ValueChange
        The values it comes with.
    release : int
    """

    facility_id: str
    registry: str
    key: str
    name: str
    commune: str
    insee: str
    lon: float
    lat: float
    location_precision: str
    location_source: str
    activity: str | None
    values: tuple[ValueChange, ...]
    release: int


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do (see the module docstring); nothing is written.

    Attributes
    ----------
    base : pathlib.Path
        The dataset compared with (the user's copy, or the embedded data).
    base_sha256 : str
        Its digest, checked again before writing.
    releases : tuple of Release
    added, changed : tuple of ValueChange
        Values of facilities the dataset knows.
    unchanged : int
        Values equal to the dataset's.
    new_facilities : tuple of NewFacility
    notes : tuple of str
        What was left out and why, in the user's language.
    caveat_changes : tuple of str
        Caveats that the import removes or changes, in the user's language.
    last_year_before, last_year_after : int or None
        Last verified year before and after: the scenario baselines are the mean of the
        three years ending there.
    source_ids : tuple of str
        The ``sources`` id of each release.
    """

    base: Path
    base_sha256: str
    releases: tuple[Release, ...]
    added: tuple[ValueChange, ...]
    changed: tuple[ValueChange, ...]
    unchanged: int
    new_facilities: tuple[NewFacility, ...]
    notes: tuple[str, ...] = ()
    caveat_changes: tuple[str, ...] = ()
    last_year_before: int | None = None
    last_year_after: int | None = None
    source_ids: tuple[str, ...] = field(default=())

    @property
    def has_changes(self) -> bool:
        """Whether applying would change the dataset."""
        return bool(self.added or self.changed or self.new_facilities)

    def baseline_years(self, after: bool = True) -> tuple[int, ...]:
        """The years of the scenario baselines before or after the import."""
        from dkgis.model.trajectory import BASELINE_YEARS

        last = self.last_year_after if after else self.last_year_before
        if last is None:
            return ()
        return tuple(range(last - BASELINE_YEARS + 1, last + 1))


@dataclass(frozen=True)
class ImportResult:
    """What :func:`apply_import` wrote (``path``: the file, or the database)."""

    path: Path | Dsn
    values_added: int
    values_changed: int
    facilities_added: int
    imported_at: str


# -- planning -----------------------------------------------------------------------------


def source_id_of(release: Release) -> str:
    """The ``sources`` id of an imported file (stable: the same file gets the same id)."""
    return SOURCE_PREFIX + release.sha256[:12]


@dataclass
class _Dataset:
    """The parts of the current dataset the planner needs."""

    tables: dict[str, TableData]
    by_registry: dict[str, dict[str, str]]  # registry -> registry id -> facility id
    names: dict[str, str]  # facility id -> name
    values: dict[tuple[str, int, str, str], tuple[float, str]]  # (fid, year, kind, gas)
    communes: dict[str, tuple[str, str, object, str]]  # folded name -> (insee, name, geom, src)
    by_insee: dict[str, str]  # insee -> folded name of a cluster commune

    @classmethod
    def read(cls, path: Path) -> _Dataset:
        tables = read_dataset(path)
        fac = tables["facilities"].columns
        by_registry = {
            "ets": {e: f for e, f in zip(fac["ets_id"], fac["id"], strict=True) if e},
            "irep": {e: f for e, f in zip(fac["irep_id"], fac["id"], strict=True) if e},
        }
        em = tables["emissions"].columns
        values = {}
        for fid, year, value, kind, gas, src in zip(
            em["facility_id"],
            em["year"],
            em["value_t"],
            em["kind"],
            em["gas"],
            em["source_id"],
            strict=True,
        ):
            values[_value_key(fid, year, kind, gas)] = (value, src)
        communes_table = tables["communes"]
        used = set(fac["insee"])
        communes = {}
        for row in communes_table.rows():
            if row["in_cud"] is True or row["insee"] in used:
                communes[fold(row["name"])] = (
                    row["insee"],
                    row["name"],
                    row["geometry"],
                    row["source_id"],
                )
        dunkerque = next((k for k, v in communes.items() if v[1] == "Dunkerque"), None)
        if dunkerque is not None:
            for alias in DUNKERQUE_ASSOCIATED:
                communes.setdefault(alias, communes[dunkerque])
        by_insee = {v[0]: k for k, v in communes.items()}
        return cls(
            tables,
            by_registry,
            {  # the names shown in the preview, in the user's language
                fid: in_language(name, french) or name
                for fid, name, french in zip(fac["id"], fac["name"], fac["name_fr"], strict=True)
            },
            values,
            communes,
            by_insee,
        )

    def commune_of(self, site: ReleaseSite) -> tuple[str, str, object, str] | None:
        """The cluster commune a site is in (by INSEE code, else by name), or ``None``."""
        if site.insee and site.insee.strip() in self.by_insee:
            return self.communes[self.by_insee[site.insee.strip()]]
        if site.commune:
            name = fold(site.commune)
            name = " ".join(w for w in name.split() if w != "cedex" and not w.isdigit())
            name = name.replace("st ", "saint ", 1) if name.startswith("st ") else name
            return self.communes.get(name)
        return None

    def last_verified_year(self, extra: Iterable[int] = ()) -> int | None:
        years = {k[1] for k in self.values if k[2] == "verified"} | set(extra)
        return max(years) if years else None


def _value_key(fid: str, year: int, kind: str, gas: str) -> tuple[str, int, str, str]:
    # Verified values are unique per facility and year whatever the gas label.
    return (fid, int(year), kind, "" if kind == "verified" else gas)


def plan_import(paths: Sequence[str | Path], base: str | Path | Dsn) -> ImportPlan:
    """Read release files and compare them with the dataset ``base`` (nothing is written).

    Parameters
    ----------
    paths
        Release files or folders (see :func:`dkgis.io.releases.read_release`).
    base
        The current dataset: the user's copy, or the embedded data; or a database
        (see :mod:`dkgis.data.db_import`).

    Raises
    ------
    ReleaseError
        For a file that is not what it claims, or holds no installation of the cluster.
    DatasetError
        When ``base`` cannot be read.
    """
    if is_dsn(base):
        from dkgis.data.db_import import plan_database_import

        return plan_database_import(paths, as_source(base))
    base = Path(base)
    if not paths:
        raise ValueError("no file to import")
    releases = tuple(read_release(p) for p in paths)
    data = _Dataset.read(base)
    planned: dict[tuple[str, int, str, str], ValueChange] = {}
    new: dict[str, NewFacility] = {}
    notes: list[str] = []
    unchanged = 0
    for index, release in enumerate(releases):
        notes.extend(f"{release.path.name}: {n}" for n in release.notes)
        known = data.by_registry["irep" if release.publisher.format == "irep" else "ets"]
        sites = {s.key: s for s in release.sites}
        by_key: dict[str, list] = {}
        for value in release.values:
            by_key.setdefault(value.key, []).append(value)
        used = 0
        outside: list[str] = []
        for key, values in by_key.items():
            fid = known.get(key)
            if fid is None:
                candidate = _new_facility(data, release, index, sites.get(key), values)
                if candidate is None:
                    outside.append(key)
                    continue
                if candidate.facility_id in data.names:
                    notes.append(
                        _("{file}: {id} is already a facility with another registry id").format(
                            file=release.path.name, id=candidate.facility_id
                        )
                    )
                    continue
                new.setdefault(candidate.facility_id, candidate)
                used += 1
                continue
            used += 1
            for value in values:
                change = ValueChange(
                    fid,
                    data.names[fid],
                    value.year,
                    release.kind,
                    release.gas,
                    value.value_t,
                    release=index,
                    where=str(value.where),
                )
                key4 = _value_key(fid, value.year, release.kind, release.gas)
                before = data.values.get(key4)
                if before is not None and abs(before[0] - value.value_t) <= TOLERANCE_T:
                    unchanged += 1
                    planned.pop(key4, None)
                    continue
                if key4 in planned and abs(planned[key4].after_t - value.value_t) > TOLERANCE_T:
                    notes.append(
                        _(
                            "{id} {year}: {first} gives {a} t, {second} gives {b} t; the "
                            "value of {second} is used"
                        ).format(
                            id=fid,
                            year=value.year,
                            first=releases[planned[key4].release].path.name,
                            second=release.path.name,
                            a=planned[key4].after_t,
                            b=value.value_t,
                        )
                    )
                if before is not None:
                    change = dataclasses.replace(
                        change, before_t=before[0], before_source=before[1]
                    )
                planned[key4] = change
        if used == 0:
            raise ReleaseError(
                release.path,
                _(
                    "no installation of the Dunkerque cluster in this file ({n} French "
                    "installations read, none known to the dataset or located in the "
                    "cluster's communes)"
                ).format(n=len(by_key)),
            )
        if outside:
            notes.append(
                _("{file}: {n} French installations outside the cluster left out").format(
                    file=release.path.name, n=len(outside)
                )
            )
    added = tuple(c for c in planned.values() if c.before_t is None)
    changed = tuple(c for c in planned.values() if c.before_t is not None)
    new_years = [c.year for c in added if c.kind == "verified"] + [
        v.year for f in new.values() for v in f.values if v.kind == "verified"
    ]
    before_last = data.last_verified_year()
    after_last = data.last_verified_year(new_years)
    return ImportPlan(
        base=base,
        base_sha256=file_sha256(base),
        releases=releases,
        added=tuple(sorted(added, key=_order)),
        changed=tuple(sorted(changed, key=_order)),
        unchanged=unchanged,
        new_facilities=tuple(new.values()),
        notes=tuple(notes),
        caveat_changes=_caveat_changes(data, new_years),
        last_year_before=before_last,
        last_year_after=after_last,
        source_ids=tuple(source_id_of(r) for r in releases),
    )


def _order(change: ValueChange) -> tuple:
    from dkgis.data.ids import natural_key

    return (natural_key(change.facility_id), change.year)


def _new_facility(
    data: _Dataset, release: Release, index: int, site: ReleaseSite | None, values: list
) -> NewFacility | None:
    """A proposed facility for an installation the dataset lacks, if it is in the cluster."""
    if site is None:
        return None
    commune = data.commune_of(site)
    if commune is None:
        return None
    insee, name, polygon, commune_source = commune
    registry = "irep" if release.publisher.format == "irep" else "ets"
    fid = site.key if registry == "ets" else f"IREP_{site.key}"
    if (
        site.lon is not None
        and site.lat is not None
        and polygon is not None
        and (polygon.contains(shapely.Point(site.lon, site.lat)))
    ):
        lon, lat, precision, loc_source = site.lon, site.lat, "address", source_id_of(release)
    else:
        point = shapely.point_on_surface(polygon)
        lon, lat, precision, loc_source = point.x, point.y, "commune", commune_source
    changes = tuple(
        ValueChange(
            fid,
            site.name,
            v.year,
            release.kind,
            release.gas,
            v.value_t,
            release=index,
            where=str(v.where),
        )
        for v in sorted(values, key=lambda v: v.year)
    )
    return NewFacility(
        facility_id=fid,
        registry=registry,
        key=site.key,
        name=site.name,
        commune=name,
        insee=insee,
        lon=float(lon),
        lat=float(lat),
        location_precision=precision,
        location_source=loc_source,
        activity=site.activity,
        values=changes,
        release=index,
    )


def _missing_years(caveats: TableData, verified_years: set[int]) -> list[tuple[dict, list[int]]]:
    """Each ``missing_data`` caveat with the years it still concerns."""
    out = []
    for row in caveats.rows():
        if row["kind"] != "missing_data" or row["year_from"] is None:
            continue
        end = row["year_to"] if row["year_to"] is not None else row["year_from"]
        years = [y for y in range(row["year_from"], end + 1) if y not in verified_years]
        out.append((row, years))
    return out


def _caveat_changes(data: _Dataset, new_years: Iterable[int]) -> tuple[str, ...]:
    verified = {k[1] for k in data.values if k[2] == "verified"} | set(new_years)
    out = []
    for row, years in _missing_years(data.tables["caveats"], verified):
        end = row["year_to"] if row["year_to"] is not None else row["year_from"]
        if not years:
            out.append(
                _("Caveat “{id}” removed: {first}–{last} now have verified values.").format(
                    id=row["id"], first=row["year_from"], last=end
                )
            )
        elif len(years) != end - row["year_from"] + 1:
            out.append(
                _("Caveat “{id}” now concerns {years} only.").format(
                    id=row["id"], years=", ".join(str(y) for y in years)
                )
            )
    return tuple(out)


# -- applying -----------------------------------------------------------------------------


def apply_import(
    plan: ImportPlan,
    target: str | Path | Dsn,
    *,
    sectors: Mapping[str, str] | None = None,
    accept_changes: bool = False,
    now: datetime.datetime | None = None,
) -> ImportResult:
    """Write the import planned by :func:`plan_import` to ``target`` (the user's copy).

    Parameters
    ----------
    plan
        The plan; its base dataset must not have changed since.
    target
        The file to write (replaced atomically; its folder is created); or the database
        the plan was made against (written in one transaction, see
        :mod:`dkgis.data.db_import`).
    sectors
        Facility id -> sector id for the new facilities to add; the others are left out.
    accept_changes
        Whether values that differ from the dataset's are replaced.
    now
        Time of the import (default: now, UTC).

    Raises
    ------
    ImportFailed
        When the base changed since the plan, a sector is unknown, or the result would
        not be a valid dataset; ``target`` is then left as it was.
    OSError
        When the file cannot be written (``target`` left as it was).
    DatabaseError
        When the database cannot be written (it is then as it was).
    """
    if is_dsn(target):
        from dkgis.data.db_import import apply_database_import

        return apply_database_import(
            plan, as_source(target), sectors=sectors, accept_changes=accept_changes, now=now
        )
    sectors = dict(sectors or {})
    allowed = schema.FACILITIES.column("sector").allowed or ()
    for fid, sector in sectors.items():
        if sector not in allowed:
            raise ImportFailed(
                _("unknown sector {sector!r} for {id}").format(sector=sector, id=fid)
            )
    try:
        digest = file_sha256(plan.base)
    except OSError as err:
        raise ImportFailed(str(err)) from None
    if digest != plan.base_sha256:
        raise ImportFailed(
            _("{file} changed since the preview: preview the import again").format(
                file=plan.base.name
            )
        )
    when = (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    chosen = [f for f in plan.new_facilities if f.facility_id in sectors]
    changes = list(plan.changed) if accept_changes else []
    with atomic_path(target) as tmp:
        shutil.copyfile(plan.base, tmp)
        with closing(connect_for_edit(tmp)) as con:
            con.execute("BEGIN")
            _write(con, plan, chosen, sectors, changes, stamp)
            con.execute("COMMIT")
            con.execute("VACUUM")
        _check(tmp)
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            time.sleep(float(pause))
    return ImportResult(
        target,
        len(plan.added) + sum(len(f.values) for f in chosen),
        len(changes),
        len(chosen),
        stamp,
    )


def _check(path: Path) -> None:
    from dkgis.io.validate import validate_dataset

    try:
        issues = validate_dataset(path)
    except DatasetError as err:
        raise ImportFailed(str(err)) from None
    if issues:
        raise ImportFailed(
            _("the imported data would not be a valid dataset: {issue}").format(issue=issues[0])
        )


def _write(con, plan, chosen, sectors, changes, stamp) -> None:
    """Every change of the import, inside one transaction."""
    from dkgis.data.user_data import IMPORTS_COLUMNS, IMPORTS_TABLE

    date = stamp[:10]
    existing_sources = {r[0] for r in con.execute("SELECT id FROM sources")}
    for release, sid in zip(plan.releases, plan.source_ids, strict=True):
        if sid in existing_sources:
            continue
        pub = release.publisher
        years = release.years
        vintage = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""
        con.execute(
            "INSERT INTO sources (id, title, url, file, licence, vintage, attribution)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                f"{pub.title} — {release.path.name}, imported {date}",
                pub.url,
                release.path.name,
                pub.licence,
                vintage or date,
                pub.attribution,
            ),
        )
        existing_sources.add(sid)
    caveats = {
        r[0]: r
        for r in con.execute("SELECT id, kind, facility_ids, year_from, year_to FROM caveats")
    }

    def caveat_for(fid: str, year: int, kind: str) -> str | None:
        for cid, ckind, ids, start, _end in caveats.values():
            members = (ids or "").split(";")
            if (
                kind == "verified"
                and ckind == "accounting_break"
                and fid in members
                and (start is None or year >= start)
            ):
                return cid
            if kind == "reported" and ckind == "not_additive" and not ids:
                return cid
        return None

    def insert_value(change: ValueChange) -> None:
        sid = plan.source_ids[change.release]
        con.execute(
            "INSERT INTO emissions (facility_id, year, value_t, kind, gas, source_id, caveat_id,"
            " note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change.facility_id,
                change.year,
                change.after_t,
                change.kind,
                change.gas,
                sid,
                caveat_for(change.facility_id, change.year, change.kind),
                None,
            ),
        )

    for facility in chosen:
        _insert_facility(con, facility, sectors[facility.facility_id], plan, date)
    for change in plan.added:
        insert_value(change)
    for facility in chosen:
        for change in facility.values:
            insert_value(change)
    for change in changes:
        sid = plan.source_ids[change.release]
        note = _("Was {before} t ({source}) before the import of {file} on {date}.").format(
            before=change.before_t,
            source=change.before_source,
            file=plan.releases[change.release].path.name,
            date=date,
        )
        where = "facility_id = ? AND year = ? AND kind = ?"
        args: list = [change.facility_id, change.year, change.kind]
        if change.kind != "verified":
            where += " AND gas = ?"
            args.append(change.gas)
        con.execute(
            f"UPDATE emissions SET value_t = ?, source_id = ?, note = ? WHERE {where}",
            [change.after_t, sid, note, *args],
        )
    touched = [*plan.added, *changes]
    _update_facilities(con, touched, plan)
    _update_colocated(con)
    _update_caveats(con, [f.facility_id for f in chosen])
    ensure_attribute_table(con, IMPORTS_TABLE, IMPORTS_COLUMNS, stamp)
    for index, (release, sid) in enumerate(zip(plan.releases, plan.source_ids, strict=True)):
        added = sum(1 for c in plan.added if c.release == index) + sum(
            len(f.values) for f in chosen if f.release == index
        )
        con.execute(
            f'INSERT INTO "{IMPORTS_TABLE}" (source_id, file, publisher, format, sha256,'
            " imported_at, values_added, values_changed, facilities_added)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                release.path.name,
                release.publisher.name,
                release.publisher.format,
                release.sha256,
                stamp,
                added,
                sum(1 for c in changes if c.release == index),
                sum(1 for f in chosen if f.release == index),
            ),
        )
    _add_missing_tables(con, stamp)
    update_extent(con, "facilities")
    touch(con, ("sources", "facilities", "emissions", "caveats", IMPORTS_TABLE), stamp)
    set_version(con)


def _add_missing_tables(con, stamp: str) -> None:
    """Give a copy made before the key-figure tables existed those of the embedded data.

    The tables an import changes are never among them (jobs and cluster figures are
    curated), so the copy then holds what the embedded data holds.
    """
    from dkgis.data import DEFAULT_DATASET

    present = {r[0].lower() for r in con.execute("SELECT name FROM sqlite_master")}
    for table in schema.TABLES:
        if not table.optional or table.name in present:
            continue
        data = read_table(DEFAULT_DATASET, table)
        names = table.column_names
        ensure_attribute_table(con, table.name, [(c.name, c.type) for c in table.columns], stamp)
        columns = ", ".join(f'"{n}"' for n in names)
        con.executemany(
            f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})',
            zip(*(data.columns[n] for n in names), strict=True),
        )


def _insert_facility(con, facility: NewFacility, sector: str, plan: ImportPlan, date: str):
    release = plan.releases[facility.release]
    sid = plan.source_ids[facility.release]
    years = [v.year for v in facility.values]
    note = _(
        "Not curated: added by the import of {file} on {date} ({publisher}); sector chosen by "
        "the user; location: {location}."
    ).format(
        file=release.path.name,
        date=date,
        publisher=release.publisher.name,
        location=_("coordinates of the file")
        if facility.location_precision == "address"
        else _("a point standing for the commune"),
    )
    source_ids = sorted({"dkgis_curation", sid, facility.location_source} & _known_sources(con))
    con.execute(
        "INSERT INTO facilities (geom, id, name, operator, sector, subsector, commune, insee,"
        " status, status_as_of, ets_id, irep_id, location_precision, location_source,"
        " colocated_with, capacity, capacity_unit, capacity_source, source_ids, note)"
        " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 'operating', ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL,"
        " ?, ?)",
        (
            point_blob(facility.lon, facility.lat),
            facility.facility_id,
            facility.name,
            sector,
            facility.activity,
            facility.commune,
            facility.insee,
            str(max(years)),
            facility.key if facility.registry == "ets" else None,
            facility.key if facility.registry == "irep" else None,
            facility.location_precision,
            facility.location_source,
            ";".join(source_ids),
            note,
        ),
    )


def _known_sources(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT id FROM sources")}


def _update_facilities(con, touched: Sequence[ValueChange], plan: ImportPlan) -> None:
    """Cite the import in ``source_ids``; move a year ``status_as_of`` to the new last year."""
    by_facility: dict[str, list[ValueChange]] = {}
    for change in touched:
        by_facility.setdefault(change.facility_id, []).append(change)
    for fid, changes in by_facility.items():
        row = con.execute(
            "SELECT source_ids, status, status_as_of FROM facilities WHERE id = ?", (fid,)
        ).fetchone()
        if row is None:
            continue
        ids = set((row[0] or "").split(";")) | {plan.source_ids[c.release] for c in changes}
        ids.discard("")
        status_as_of = row[2]
        last = max((c.year for c in changes if c.kind == "verified"), default=None)
        if (
            last is not None
            and row[1] == "operating"
            and isinstance(status_as_of, str)
            and status_as_of.isdigit()
            and int(status_as_of) < last
        ):
            status_as_of = str(last)
        from dkgis.data.ids import natural_key

        con.execute(
            "UPDATE facilities SET source_ids = ?, status_as_of = ? WHERE id = ?",
            (";".join(sorted(ids, key=natural_key)), status_as_of, fid),
        )


def _update_colocated(con) -> None:
    """Recompute ``colocated_with`` from exact point equality (as the build does)."""
    from dkgis.data.ids import natural_key
    from dkgis.io.gpkg import geometries_from_blobs

    rows = con.execute("SELECT id, geom, colocated_with FROM facilities").fetchall()
    geoms = geometries_from_blobs([r[1] for r in rows])
    by_xy: dict[tuple[float, float], list[str]] = {}
    for (fid, _blob, _c), geom in zip(rows, geoms, strict=True):
        if geom is not None and not geom.is_empty:
            by_xy.setdefault((geom.x, geom.y), []).append(fid)
    for (fid, _blob, current), geom in zip(rows, geoms, strict=True):
        if geom is None or geom.is_empty:
            continue
        others = sorted((i for i in by_xy[(geom.x, geom.y)] if i != fid), key=natural_key)
        value = ";".join(others) or None
        if value != current:
            con.execute("UPDATE facilities SET colocated_with = ? WHERE id = ?", (value, fid))


def _update_caveats(con, new_ids: Sequence[str]) -> None:
    """Recompute the caveats that depend on the data (see the module rules)."""
    verified = {
        r[0] for r in con.execute("SELECT DISTINCT year FROM emissions WHERE kind = 'verified'")
    }
    rows = con.execute(
        "SELECT id, year_from, year_to, description FROM caveats WHERE kind = 'missing_data'"
    ).fetchall()
    for cid, start, end, _desc in rows:
        if start is None:
            continue
        end = start if end is None else end
        years = [y for y in range(start, end + 1) if y not in verified]
        if not years:
            con.execute("UPDATE emissions SET caveat_id = NULL WHERE caveat_id = ?", (cid,))
            con.execute("DELETE FROM caveats WHERE id = ?", (cid,))
        elif len(years) != end - start + 1:
            con.execute(
                "UPDATE caveats SET year_from = ?, year_to = ?, description = ? WHERE id = ?",
                (years[0], years[-1], _missing_description(years), cid),
            )
            if "description_fr" in {r[1] for r in con.execute("PRAGMA table_info(caveats)")}:
                # The curated French text says the old years: the new English one serves.
                con.execute("UPDATE caveats SET description_fr = NULL WHERE id = ?", (cid,))
    irep_years = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT e.year FROM emissions e JOIN caveats c ON e.caveat_id = c.id"
            " WHERE c.kind = 'not_additive' ORDER BY e.year"
        )
    ]
    if irep_years:
        con.execute(
            "UPDATE caveats SET year_from = ?, year_to = ? WHERE kind = 'not_additive'"
            " AND (facility_ids IS NULL OR facility_ids = '')",
            (irep_years[0], irep_years[-1]),
        )
    if new_ids:
        from dkgis.data.ids import natural_key

        row = con.execute(
            "SELECT facility_ids FROM caveats WHERE id = ?", (NOT_CURATED,)
        ).fetchone()
        ids = set(new_ids) | (set(row[0].split(";")) if row and row[0] else set())
        value = ";".join(sorted(ids, key=natural_key))
        if row is None:
            con.execute(
                "INSERT INTO caveats (id, kind, facility_ids, year_from, year_to, description,"
                " source_id) VALUES (?, ?, ?, NULL, NULL, ?, 'dkgis_curation')",
                (NOT_CURATED, NOT_CURATED, value, _NOT_CURATED_TEXT),
            )
        else:
            con.execute("UPDATE caveats SET facility_ids = ? WHERE id = ?", (value, NOT_CURATED))


#: Description of the :data:`NOT_CURATED` caveat (data text, in English like the others).
_NOT_CURATED_TEXT = (
    "Added from a file imported by the user, not curated by the project: the sector was "
    "chosen at import, the location is the registry's coordinates or a point standing for "
    "the commune, and nothing was checked against other sources."
)


def _missing_description(years: Sequence[int]) -> str:
    shown = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return (
        f"No verified value of the EU ETS for {shown} in this dataset: the imported releases "
        "do not cover these years yet."
    )
