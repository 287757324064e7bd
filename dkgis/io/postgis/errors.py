"""One clear sentence for each way a database can fail, never with a password in it.

:class:`DatabaseError` is a :class:`~dkgis.io.errors.DatasetError`, so every place that
reports a dataset that cannot be read (the command line's one line, the app's dialog)
reports a database the same way. Its :attr:`~DatabaseError.kind` says what happened, for
the code that reacts differently (asking for a password, offering to reload a
scenario). :func:`from_driver` turns the driver's exceptions into one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from dkgis.i18n import _
from dkgis.io.errors import DatasetError

if TYPE_CHECKING:
    from dkgis.io.postgis.dsn import Dsn

#: What went wrong, for :attr:`DatabaseError.kind`.
KINDS: tuple[str, ...] = (
    "invalid",  # not a connection string
    "driver",  # psycopg is not installed
    "password",  # the server refused the user name or password
    "password_needed",  # the server asks for a password that no one gave
    "unreachable",  # no server answers there
    "refused",  # the server refuses this connection (pg_hba.conf, TLS required...)
    "no_database",  # no database of that name
    "no_postgis",  # the database has no PostGIS
    "no_dataset",  # no dkgis tables in the database
    "version",  # dkgis tables of another schema version
    "read_only",  # the user may not write
    "lost",  # the connection was lost
    "busy",  # someone else is writing (lock timeout)
    "conflict",  # a shared item was saved by someone else meanwhile
    "not_found",  # a shared item or table that does not exist
    "damaged",  # data that dkgis cannot read
    "other",
)


class DatabaseError(DatasetError):
    """A database that cannot be opened, read or written.

    Parameters
    ----------
    where
        What is concerned, as people read it: a :attr:`Dsn.label
        <dkgis.io.postgis.dsn.Dsn.label>`, never a connection string.
    problem
        What is wrong, in the user's language.
    kind
        One of :data:`KINDS`.

    Attributes
    ----------
    where : str
    problem : str
    kind : str
    path : pathlib.Path
        ``where`` again, for the code written for files (it holds no ``/``).

    Notes
    -----
    ``str(err)`` is ``"{where}: {problem}"``.
    """

    def __init__(self, where: str, problem: str, kind: str = "other") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of database error {kind!r}")
        self.where = str(where)
        self.kind = kind
        super().__init__(self.where, problem)
        self.path = Path(self.where.replace("/", "∕"))
        self.args = (f"{self.where}: {problem}",)

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"

    def __reduce__(self):
        return (type(self), (self.where, self.problem, self.kind))


def database_error(dsn: Dsn, problem: str, kind: str = "other") -> DatabaseError:
    """A :class:`DatabaseError` about ``dsn``, with every secret of ``dsn`` scrubbed."""
    return DatabaseError(dsn.label, dsn.scrub(problem), kind)


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    # libpq prefixes: "connection failed: connection to server at ... failed: FATAL:  x"
    line = re.sub(r"^.*?failed:\s*", "", line)
    return re.sub(r"^(FATAL|ERROR):\s*", "", line).strip()


def from_driver(dsn: Dsn, err: BaseException, *, writing: bool = False) -> DatabaseError:
    """Turn an exception of psycopg (or of the network) into a :class:`DatabaseError`.

    Parameters
    ----------
    dsn
        The database concerned (its secrets are scrubbed from the message).
    err
        What the driver raised.
    writing
        Whether the failure interrupted a write (the message then says that nothing was
        written: every write of dkgis is one transaction, rolled back by the server).
    """
    if isinstance(err, DatabaseError):
        return err
    import psycopg
    from psycopg import errors as pg

    text = str(err)
    low = text.lower()
    user = dsn.get("user") or ""

    def told(problem: str, kind: str = "other") -> DatabaseError:
        if writing:
            problem = (
                problem.rstrip(".") + ". " + _("Nothing was written: the database is as it was.")
            )
        return database_error(dsn, problem, kind)

    if isinstance(err, pg.InsufficientPrivilege):
        return told(
            _(
                "user {user} may not change the data of this database (read-only access); "
                "ask an administrator for the editor role"
            ).format(user=user or _("(default user)")),
            "read_only",
        )
    if isinstance(err, pg.ReadOnlySqlTransaction):
        return told(_("this database is read-only (a replica?)"), "read_only")
    if isinstance(err, (pg.LockNotAvailable, pg.QueryCanceled)) and writing:
        return told(_("someone else is writing to this database; try again in a moment"), "busy")
    if isinstance(err, (pg.AdminShutdown, pg.CrashShutdown, pg.IdleSessionTimeout)) or (
        isinstance(err, psycopg.OperationalError) and any(s in low for s in _LOST)
    ):
        return told(_("the connection to the server was lost"), "lost")
    if isinstance(err, psycopg.OperationalError):
        return _connection_error(dsn, low, text)
    detail = _first_line(text) or type(err).__name__
    return told(_("the database reported an error: {detail}").format(detail=detail))


#: Words of libpq saying that an open connection broke.
_LOST = (
    "server closed the connection",
    "connection is lost",
    "consuming input failed",
    "terminating connection",
    "the connection is closed",
    "connection already closed",
    "ssl syscall error",
    "eof detected",
)


def _connection_error(dsn: Dsn, low: str, text: str) -> DatabaseError:
    """The message of a connection that could not be opened."""
    server = dsn.server or _("the default server")
    unknown_role = "role" in low and "does not exist" in low
    if "authentication failed" in low or unknown_role:  # both said alike: no user guessing
        return database_error(
            dsn,
            _("the server refused the user name or password (user {user})").format(
                user=dsn.get("user") or _("(default user)")
            ),
            "password",
        )
    if "no password supplied" in low or "password is required" in low:
        return database_error(
            dsn,
            _(
                "the server asks for a password: type it, or put it in your password file "
                "(.pgpass) or service file"
            ),
            "password_needed",
        )
    match = re.search(r'database "([^"]*)" does not exist', text)
    if match:
        return database_error(
            dsn,
            _("the server has no database {name}").format(name=match.group(1)),
            "no_database",
        )
    match = re.search(r'definition of service "([^"]*)" not found', text)
    if match or "service file" in low:
        name = match.group(1) if match else dsn.get("service", "")
        return database_error(
            dsn,
            _(
                "no service {name} in your service file (pg_service.conf, or the file named by "
                "PGSERVICEFILE)"
            ).format(name=name),
            "invalid",
        )
    if "ssl was required" in low or "does not support ssl" in low:
        return database_error(
            dsn,
            _(
                "the server does not offer an encrypted connection, which this connection "
                "requires (sslmode={mode})"
            ).format(mode=dsn.get("sslmode") or "require"),
            "refused",
        )
    if "pg_hba.conf" in low or "no encryption" in low:
        return database_error(
            dsn,
            _(
                "the server refuses this connection (this user, this computer or an "
                "unencrypted connection is not allowed): ask your administrator"
            ),
            "refused",
        )
    if "connection refused" in low or "no such file or directory" in low:
        return database_error(
            dsn,
            _(
                "no database server answers at {server} (is the server running, the port "
                "right, the network reachable?)"
            ).format(server=server),
            "unreachable",
        )
    if "resolve host" in low or "translate host name" in low or "name or service" in low:
        return database_error(
            dsn,
            _("unknown server name {host}").format(host=dsn.get("host") or ""),
            "unreachable",
        )
    if "timeout" in low or "timed out" in low:
        return database_error(
            dsn,
            _("the server at {server} did not answer in time").format(server=server),
            "unreachable",
        )
    if "ssl negotiation" in low or "invalid response" in low:
        return database_error(
            dsn,
            _("what answers at {server} is not a PostgreSQL server").format(server=server),
            "unreachable",
        )
    if "too many connections" in low or "remaining connection slots" in low:
        return database_error(
            dsn, _("the server has too many connections; try again later"), "refused"
        )
    detail = _first_line(text)
    return database_error(dsn, _("cannot connect: {detail}").format(detail=detail), "unreachable")
