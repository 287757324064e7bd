"""Names of PostgreSQL databases: connection strings, safe labels, recent connections.

A :class:`Dsn` holds a libpq connection string (a ``postgresql://`` URL, ``service=NAME``
or ``key=value`` pairs; a GDAL/QGIS ``PG:`` prefix is dropped) and, separately, a
password typed by the user. It shows itself by :attr:`Dsn.label` (database and server,
never a password), so it can go into messages, window titles and logs; the password only
ever reaches libpq. Credentials otherwise come from where libpq finds them (``.pgpass``,
``PGPASSFILE``, the service file): dkgis stores none.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dkgis.i18n import _

#: How a database is written where a GeoPackage path could be (case-insensitive).
DSN_PREFIXES: tuple[str, ...] = ("postgresql://", "postgres://", "service=", "pg:")

#: The connection keys that may be remembered (recent connections): never a secret.
REMEMBERED_KEYS: tuple[str, ...] = ("service", "host", "port", "dbname", "user", "sslmode")

#: Keys whose value is a secret.
SECRET_KEYS: frozenset[str] = frozenset({"password", "sslpassword"})


def is_dsn(source: object) -> bool:
    """Whether ``source`` names a database rather than a GeoPackage file."""
    if isinstance(source, Dsn):
        return True
    if not isinstance(source, str):
        return False
    return source.strip().lower().startswith(DSN_PREFIXES)


def _quote(value: str) -> str:
    """A value of a libpq ``key=value`` string."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class Dsn:
    """A database: a connection string and, possibly, a password typed by the user.

    Parameters
    ----------
    text
        ``postgresql://user@host:port/dbname?sslmode=...``, ``service=NAME``, ``PG:...`` or
        libpq ``key=value`` pairs.
    password
        A password typed by the user (kept in memory only).

    Raises
    ------
    DatabaseError
        When ``text`` is not a connection string libpq understands (the message never
        repeats the text: it may hold a password).

    Notes
    -----
    ``str(dsn)`` and ``repr(dsn)`` give :attr:`label`.
    """

    __slots__ = ("_params", "_password")

    def __init__(self, text: str, password: str | None = None) -> None:
        from dkgis.io.postgis.errors import DatabaseError

        text = str(text).strip()
        if text.lower().startswith("pg:"):
            text = text[3:].strip()
        try:
            from psycopg.conninfo import conninfo_to_dict

            params = {k: str(v) for k, v in conninfo_to_dict(text).items() if v is not None}
        except Exception:  # libpq's message may quote the text, password included
            raise DatabaseError(
                _("the database connection"),
                _(
                    "not a valid PostgreSQL connection (write postgresql://user@server/database,"
                    " service=NAME or PG:dbname=… host=…)"
                ),
                "invalid",
            ) from None
        self._params: dict[str, str] = params
        self._password = password or None

    @classmethod
    def from_params(cls, params: Mapping[str, object], password: str | None = None) -> Dsn:
        """A Dsn of ``key=value`` pairs (empty values are left out)."""
        text = " ".join(
            f"{k}={_quote(str(v))}" for k, v in params.items() if v is not None and str(v) != ""
        )
        return cls(text, password)

    def with_password(self, password: str | None) -> Dsn:
        """The same database with a typed password."""
        copy = Dsn.__new__(Dsn)
        copy._params = dict(self._params)
        copy._password = password or None
        return copy

    # -- what libpq gets ---------------------------------------------------------------
    def params(self) -> dict[str, str]:
        """Every connection parameter, the typed password included (for libpq only)."""
        params = dict(self._params)
        if self._password is not None:
            params["password"] = self._password
        return params

    def secrets(self) -> tuple[str, ...]:
        """The secrets this Dsn holds, to be scrubbed from any text shown."""
        values = [self._params.get(k) for k in SECRET_KEYS] + [self._password]
        return tuple(v for v in values if v)

    @property
    def has_password(self) -> bool:
        """Whether a password is given (typed or in the connection string)."""
        return bool(self._password or self._params.get("password"))

    def public_text(self) -> str:
        """The connection string without its secrets, as ``PG:key='value' ...`` (for a
        project file: :func:`is_dsn` recognises it)."""
        pairs = (f"{k}={_quote(v)}" for k, v in self._params.items() if k not in SECRET_KEYS)
        return "PG:" + " ".join(pairs)

    def remembered(self) -> dict[str, str]:
        """The parameters that may be stored (recent connections): no secret."""
        return {k: self._params[k] for k in REMEMBERED_KEYS if self._params.get(k)}

    def get(self, key: str, default: str | None = None) -> str | None:
        """A parameter that is not a secret (``None`` for a secret)."""
        if key in SECRET_KEYS:
            return None
        return self._params.get(key, default)

    # -- what people see ---------------------------------------------------------------
    @property
    def database_name(self) -> str:
        """The database name, or the service name, or an empty string."""
        return self._params.get("dbname") or self._params.get("service") or ""

    @property
    def server(self) -> str:
        """``host:port`` (``this computer`` for a local socket; empty when not given)."""
        host = self._params.get("host") or self._params.get("hostaddr") or ""
        if host.startswith("/") or (len(host) > 1 and host[1] == ":"):
            host = _("this computer")
        port = self._params.get("port")
        return f"{host}:{port}" if host and port else host

    @property
    def label(self) -> str:
        """“PostgreSQL database climat on sig.example.fr:5432”: names the database, never
        a password, and holds no ``/`` (it stands where a file name would)."""
        name = self.database_name.replace("/", "∕")
        server = self.server.replace("/", "∕")
        if self._params.get("service") and not self._params.get("dbname"):
            if server:
                return _("PostgreSQL service {name} on {server}").format(name=name, server=server)
            return _("PostgreSQL service {name}").format(name=name)
        if server:
            return _("PostgreSQL database {name} on {server}").format(name=name, server=server)
        return _("PostgreSQL database {name}").format(name=name)

    def scrub(self, text: str) -> str:
        """``text`` with every secret of this Dsn replaced by ``***``."""
        for secret in sorted(self.secrets(), key=len, reverse=True):
            text = text.replace(secret, "***")
        return text

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"Dsn({self.label!r})"

    def _public(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k, v) for k, v in self._params.items() if k not in SECRET_KEYS))

    def __eq__(self, other: object) -> bool:
        """Two Dsn are equal when they name the same database the same way (passwords
        aside)."""
        if not isinstance(other, Dsn):
            return NotImplemented
        return self._public() == other._public()

    def __hash__(self) -> int:
        return hash(self._public())


def as_source(source: str | Path | Dsn) -> Path | Dsn:
    """A dataset source: a :class:`Dsn` for a connection string, else a file path."""
    if isinstance(source, Dsn):
        return source
    if is_dsn(source):
        return Dsn(str(source))
    return Path(source)
