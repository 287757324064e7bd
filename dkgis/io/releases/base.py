"""What a release reader returns, and the one error it raises.

A *release* is a file as its publisher distributes it (the EUTL dataset of euets.info, the
Union Registry's verified-emissions workbook, a yearly IREP archive). Its reader turns it
into :class:`ReleaseValue` rows (one value of one installation in one year) and
:class:`ReleaseSite` rows (what the file says about an installation: name, commune,
coordinates), each remembering where in the file it was read, so that every message can
name the file, the row and the column.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from dkgis.i18n import _

#: Registries whose ids the dataset stores: the EU ETS (``facilities.ets_id``) and the
#: French pollutant register (``facilities.irep_id``).
REGISTRIES: tuple[str, ...] = ("ets", "irep")


class ReleaseError(Exception):
    """A release file that is not what it claims to be.

    Parameters
    ----------
    path
        The file (or folder) given by the user.
    problem
        What is wrong, in the user's language.
    member
        The file inside an archive or folder (``compliance.csv``), when there is one.
    row
        1-based row number as a spreadsheet shows it (the header is row 1).
    column
        Column name as the file spells it.

    Notes
    -----
    ``str(err)`` names the file, the member, the row and the column, then the problem.
    """

    def __init__(
        self,
        path: str | Path,
        problem: str,
        *,
        member: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.member = member
        self.row = row
        self.column = column
        super().__init__(self._text())

    def _text(self) -> str:
        where = self.path.name
        if self.member:
            where += f" › {self.member}"
        if self.row is not None:
            where += ", " + _("row {row}").format(row=self.row)
        if self.column:
            where += ", " + _("column {column}").format(column=self.column)
        return f"{where}: {self.problem}"

    def __reduce__(self):  # picklable with its arguments (worker threads)
        return (_rebuild_error, (self.path, self.problem, self.member, self.row, self.column))


def _rebuild_error(path, problem, member, row, column) -> ReleaseError:
    return ReleaseError(path, problem, member=member, row=row, column=column)


@dataclass(frozen=True)
class Where:
    """Where a value was read: a member of the release and a row (1-based, header = 1)."""

    member: str
    row: int

    def __str__(self) -> str:
        return f"{self.member}, " + _("row {row}").format(row=self.row)


@dataclass(frozen=True)
class ReleaseValue:
    """One emission value of one installation in one year, as the file gives it.

    Attributes
    ----------
    registry : str
        ``"ets"`` or ``"irep"`` (see :data:`REGISTRIES`).
    key : str
        The registry id (``FR_956``, ``070.00956``).
    year : int
    value_t : float
        Tonnes per year (t CO2e for the EU ETS, t CO2 for IREP).
    where : Where
    """

    registry: str
    key: str
    year: int
    value_t: float
    where: Where


@dataclass(frozen=True)
class ReleaseSite:
    """What a release says about an installation (used to place one the dataset lacks).

    Attributes
    ----------
    registry, key
        As in :class:`ReleaseValue`.
    name : str
    commune : str or None
        Commune or city as the file spells it.
    insee : str or None
        INSEE code of the commune, when the file gives one.
    postcode : str or None
    lon, lat : float or None
        Longitude and latitude (EPSG:4326) when the file gives usable coordinates.
    activity : str or None
        Activity as the file words it.
    where : Where
    """

    registry: str
    key: str
    name: str
    commune: str | None = None
    insee: str | None = None
    postcode: str | None = None
    lon: float | None = None
    lat: float | None = None
    activity: str | None = None
    where: Where | None = None


@dataclass(frozen=True)
class Publisher:
    """Who publishes a kind of release, for the provenance row of an imported file.

    ``title``, ``licence`` and ``attribution`` are English source texts stored in the
    dataset's ``sources`` table (as the embedded dataset's rows are).
    """

    format: str
    name: str
    title: str
    url: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class Release:
    """A release file read into values and sites.

    Attributes
    ----------
    path : pathlib.Path
        The file or folder given.
    publisher : Publisher
    kind : str
        Kind of every value: ``"verified"`` (EU ETS) or ``"reported"`` (IREP).
    gas : str
        What the values count (the dataset's ``emissions.gas``).
    values : tuple of ReleaseValue
    sites : tuple of ReleaseSite
    sha256 : str
        Hex digest of the file (of the archive for a zip; of its members, in name order, for
        a folder).
    notes : tuple of str
        What the reader left out and why (e.g. rows of other registries).
    """

    path: Path
    publisher: Publisher
    kind: str
    gas: str
    values: tuple[ReleaseValue, ...]
    sites: tuple[ReleaseSite, ...] = ()
    sha256: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def years(self) -> tuple[int, ...]:
        """The years with at least one value, in order."""
        return tuple(sorted({v.year for v in self.values}))


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file, or of a folder's regular files in name order."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for p in files:
        if path.is_dir():
            digest.update(p.name.encode("utf-8") + b"\0")
        with p.open("rb") as handle:
            while block := handle.read(chunk):
                digest.update(block)
    return digest.hexdigest()
