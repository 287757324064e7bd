"""Scenarios and projects shared through the database, never overwritten silently.

Each shared item is a row (name, JSON body, ``version``, who saved it and when) of
``dkgis.dkgis_scenarios`` or ``dkgis.dkgis_projects``. Saving is optimistic locking:

* a new item is inserted only if no item has that name (``ON CONFLICT DO NOTHING``);
* an item opened at version *n* is updated only ``WHERE version = n``, and its version
  becomes *n + 1*.

When someone else saved in between, the save changes nothing and raises a
:class:`~dkgis.io.postgis.errors.DatabaseError` of kind ``"conflict"`` that says who
saved and when. Bodies are checked with the rules of the scenario editor and of project
files when they are read and before they are written: the JSON of a database is data,
never trusted.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dkgis.i18n import _, format_date
from dkgis.io.postgis.connection import table_exists, transaction
from dkgis.io.postgis.errors import database_error

if TYPE_CHECKING:
    from dkgis.io.postgis.dsn import Dsn
    from dkgis.model.scenario import Scenario

#: Kinds of shared item.
KINDS = ("scenario", "project")


@dataclass(frozen=True)
class SharedItem:
    """A shared scenario or project, as the database lists it.

    Attributes
    ----------
    kind : str
        ``"scenario"`` or ``"project"``.
    name : str
    version : int
        Raised by every save.
    saved_by : str
        The database user who saved it last.
    saved_at : datetime.datetime
        When (aware).
    """

    kind: str
    name: str
    version: int
    saved_by: str
    saved_at: datetime.datetime

    @property
    def when(self) -> str:
        """“3 December 2026, 14:05” in the user's language and time zone."""
        local = self.saved_at.astimezone()
        return f"{format_date(local.date())}, {local:%H:%M}"


def _table(kind: str):
    from dkgis.io.postgis.tables import SHARED_TABLES, qualified

    if kind not in SHARED_TABLES:
        raise ValueError(f"unknown kind of shared item {kind!r}")
    return qualified(SHARED_TABLES[kind])


def _what(kind: str, name: str) -> str:
    if kind == "scenario":
        return _("the scenario “{name}”").format(name=name)
    return _("the project “{name}”").format(name=name)


def _item(kind: str, row) -> SharedItem:
    return SharedItem(kind, row[0], int(row[1]), str(row[2]), row[3])


def list_items(dsn: Dsn, kind: str) -> list[SharedItem]:
    """The shared items of one kind, by name (empty when the database has none yet).

    Raises
    ------
    DatabaseError
        When the database cannot be read.
    """
    from psycopg import sql

    from dkgis.io.postgis.tables import SHARED_TABLES

    with transaction(dsn, read_only=True) as conn:
        if not table_exists(conn, SHARED_TABLES[kind]):
            return []
        rows = conn.execute(
            sql.SQL("SELECT name, version, saved_by, saved_at FROM {} ORDER BY name").format(
                _table(kind)
            )
        ).fetchall()
    return [_item(kind, row) for row in rows]


def load_item(dsn: Dsn, kind: str, name: str) -> tuple[Any, SharedItem]:
    """The JSON body of a shared item, and the item (its version to save it back).

    Raises
    ------
    DatabaseError
        ``not_found`` when there is no such item; see :func:`list_items`.
    """
    from psycopg import sql

    from dkgis.io.postgis.tables import SHARED_TABLES

    with transaction(dsn, read_only=True) as conn:
        row = None
        if table_exists(conn, SHARED_TABLES[kind]):
            row = conn.execute(
                sql.SQL(
                    "SELECT name, version, saved_by, saved_at, body FROM {} WHERE name = %s"
                ).format(_table(kind)),
                (name,),
            ).fetchone()
    if row is None:
        raise database_error(
            dsn, _("{what} is not in the database").format(what=_what(kind, name)), "not_found"
        )
    return row[4], _item(kind, row)


def save_item(
    dsn: Dsn, kind: str, name: str, body: Any, expected_version: int | None
) -> SharedItem:
    """Save a shared item unless someone else saved it since it was read.

    Parameters
    ----------
    dsn
        The database.
    kind
        ``"scenario"`` or ``"project"``.
    name
        Its name.
    body
        Its JSON value (checked by the caller).
    expected_version
        The version it was opened at; ``None`` for a new item.

    Returns
    -------
    SharedItem
        The item as saved (its new version).

    Raises
    ------
    DatabaseError
        ``conflict`` when the database holds another version (nothing is written),
        ``read_only`` when the user may not write; see :func:`list_items`.
    """
    from psycopg import sql
    from psycopg.types.json import Jsonb

    table = _table(kind)
    returning = sql.SQL(" RETURNING name, version, saved_by, saved_at")
    with transaction(dsn, writing=True) as conn:
        if expected_version is None:
            query = sql.SQL(
                "INSERT INTO {} (name, body, version) VALUES (%s, %s, 1)"
                " ON CONFLICT (name) DO NOTHING"
            ).format(table)
            row = conn.execute(query + returning, (name, Jsonb(body))).fetchone()
        else:
            query = sql.SQL(
                "UPDATE {} SET body = %s, version = version + 1, saved_by = current_user,"
                " saved_at = now() WHERE name = %s AND version = %s"
            ).format(table)
            row = conn.execute(query + returning, (Jsonb(body), name, expected_version)).fetchone()
            if row is None and _current(conn, table, name) is None:
                # Deleted since it was opened: saving it again overwrites no one's work.
                query = sql.SQL("INSERT INTO {} (name, body, version) VALUES (%s, %s, 1)").format(
                    table
                )
                row = conn.execute(query + returning, (name, Jsonb(body))).fetchone()
        if row is None:
            other = _current(conn, table, name)
            raise _conflict(dsn, kind, name, other, new=expected_version is None)
    return _item(kind, row)


def _current(conn, table, name: str) -> SharedItem | None:
    from psycopg import sql

    row = conn.execute(
        sql.SQL("SELECT name, version, saved_by, saved_at FROM {} WHERE name = %s").format(table),
        (name,),
    ).fetchone()
    return _item("", row) if row else None


def _conflict(dsn: Dsn, kind: str, name: str, other: SharedItem | None, *, new: bool):
    user = other.saved_by if other else "?"
    when = other.when if other else "?"
    if new:
        problem = _(
            "{what} is already in the database, saved by {user} on {when}: open it from the "
            "database, or save yours under another name. Nothing was overwritten."
        )
    else:
        problem = _(
            "{what} was saved in the database by {user} on {when} since you opened it: your "
            "save was refused so that nothing is overwritten. Open the database's version, or "
            "save yours under another name."
        )
    what = _what(kind, name)
    return database_error(
        dsn, problem.format(what=what[:1].upper() + what[1:], user=user, when=when), "conflict"
    )


# -- scenarios and projects -----------------------------------------------------------


def save_scenario(dsn: Dsn, scenario: Scenario, expected_version: int | None) -> SharedItem:
    """Share a scenario (see :func:`save_item`).

    Raises
    ------
    ValueError
        For a preset (presets are rebuilt from the dataset, never shared).
    """
    from dkgis.model.scenario import PRESET_NAMES

    if scenario.name in PRESET_NAMES:
        raise ValueError(f"the preset {scenario.name!r} is not shared")
    return save_item(dsn, "scenario", scenario.name, scenario.to_dict(), expected_version)


def load_scenario(dsn: Dsn, name: str) -> tuple[Scenario, SharedItem]:
    """A shared scenario, checked as the scenario editor checks one.

    Raises
    ------
    DatabaseError
        ``damaged`` when the stored scenario breaks a rule (naming the field);
        ``not_found``...
    """
    from dkgis.io.project_file import ProjectFileError, check_state
    from dkgis.model.scenario import Scenario

    body, item = load_item(dsn, "scenario", name)
    try:
        check_state(
            {"format": "dkgis-project", "version": 1, "scenarios": [body]}, _what("scenario", name)
        )
        return Scenario.from_dict(body), item
    except (ProjectFileError, ValueError, TypeError) as err:
        problem = getattr(err, "problem", str(err))
        raise database_error(
            dsn,
            _("{what} cannot be read: {problem}").format(
                what=_what("scenario", name), problem=problem
            ),
            "damaged",
        ) from None


def save_project(
    dsn: Dsn, name: str, state: Mapping[str, Any], expected_version: int | None
) -> SharedItem:
    """Share a project: a project file's state (see :mod:`dkgis.io.project_file`), whose
    ``dataset`` is ``None`` (this database).

    Raises
    ------
    ProjectFileError
        For a bad value of ``state`` (nothing is written).
    """
    from dkgis.io.project_file import project_json

    text = project_json({**state, "dataset": None}, _what("project", name))
    return save_item(dsn, "project", name, json.loads(text), expected_version)


def load_project(dsn: Dsn, name: str) -> tuple[dict[str, Any], SharedItem]:
    """A shared project's state, checked as a project file is.

    Raises
    ------
    DatabaseError
        ``damaged`` when the stored project breaks a rule; ``not_found``...
    """
    from dkgis.io.project_file import ProjectFileError, check_state

    body, item = load_item(dsn, "project", name)
    try:
        return check_state(body, _what("project", name)), item
    except ProjectFileError as err:
        raise database_error(
            dsn,
            _("{what} cannot be read: {problem}").format(
                what=_what("project", name), problem=err.problem
            ),
            "damaged",
        ) from None
