"""The EUTL dataset of euets.info: ``installation.csv`` and ``compliance.csv``.

Published as a zip (``eutl_2024_202410.zip``...) holding one CSV per table of the
euets.info database. ``compliance.csv`` has one row per installation, year and trading
system (``installation_id, year, reportedInSystem_id, euetsPhase, compliance_id,
allocatedFree, allocatedNewEntrance, allocatedTotal, allocated10c, verified,
verifiedCummulative, verifiedUpdated, surrendered, surrenderedCummulative, balance,
penalty``); ``installation.csv`` one row per installation (``id, name, registry_id,
activity_id, ..., addressMain, postalCode, city, country_id, latitudeGoogle,
longitudeGoogle, ...``). Installation ids are ``<registry>_<identifier>`` (``FR_956``), as
in the dataset. Column names are matched in any case; only those used are required.
"""

from __future__ import annotations

import re
from pathlib import Path

from dkgis.i18n import _
from dkgis.io.releases.archive import Bundle
from dkgis.io.releases.base import Publisher, Release, ReleaseSite, ReleaseValue, Where
from dkgis.io.releases.text import CsvTable, parse_number, parse_year, read_csv

FORMAT = "euets_info"
COMPLIANCE = "compliance.csv"
INSTALLATION = "installation.csv"

#: What the dataset calls the gas of EU ETS verified values.
GAS_VERIFIED = "CO2e (EU ETS scope)"

PUBLISHER = Publisher(
    format=FORMAT,
    name="euets.info",
    title="EUTL dataset of euets.info (verified emissions per installation and year)",
    url="https://www.euets.info",
    licence="not stated by euets.info [believed openly reusable; underlying EUTL data: "
    "European Commission]",
    attribution="EUTL data via euets.info",
)

#: Registry whose installations the import keeps (the cluster is in France).
REGISTRY = "FR"

# Trading systems of a compliance row: EU ETS rows are kept, rows of the linked Swiss
# system (same installation and year) are not.
_EU_SYSTEMS = {"", "euets", "eu ets", "eu-ets"}

_WIDE_YEAR = re.compile(r"(?i)verified\D*\d{4}$")


def read_euets_info(path: Path, bundle: Bundle, sha256: str) -> Release:
    """Read the EUTL dataset of euets.info (a zip or a folder).

    Raises
    ------
    ReleaseError
        Naming the member, row and column of the first problem.
    """
    compliance = read_csv(path, COMPLIANCE, bundle.read(COMPLIANCE))
    installations = read_csv(path, INSTALLATION, bundle.read(INSTALLATION))
    values, left_out = _values(compliance)
    return Release(
        path=path,
        publisher=PUBLISHER,
        kind="verified",
        gas=GAS_VERIFIED,
        values=values,
        sites=_sites(installations),
        sha256=sha256,
        notes=left_out,
    )


def _values(table: CsvTable) -> tuple[tuple[ReleaseValue, ...], tuple[str, ...]]:
    if "year" not in {h.lower() for h in table.header} and any(
        _WIDE_YEAR.search(h) for h in table.header
    ):
        raise table.error(
            _(
                "one column per year: this is not the euets.info layout (one row per "
                "installation and year, with the columns installation_id, year, verified)"
            )
        )
    cols = table.columns(
        {"id": ("installation_id",), "year": ("year",), "verified": ("verified",)},
        {"system": ("reportedInSystem_id", "reportedInSystem")},
    )
    names = table.header
    seen: dict[tuple[str, int, str], int] = {}
    out: list[ReleaseValue] = []
    other_systems = 0
    for row, values in table.rows():
        ident = values[cols["id"]].strip()
        if not ident.upper().startswith(REGISTRY + "_"):
            continue
        system = values[cols["system"]].strip().lower() if "system" in cols else ""
        if system not in _EU_SYSTEMS:
            other_systems += 1
            continue
        try:
            year = parse_year(values[cols["year"]])
        except ValueError:
            raise table.error(
                _("'{value}' is not a year").format(value=values[cols["year"]]),
                row,
                names[cols["year"]],
            ) from None
        key = (ident, year, system)
        if key in seen:
            raise table.error(
                _("{id} {year} appears twice (first on row {first})").format(
                    id=ident, year=year, first=seen[key]
                ),
                row,
            )
        seen[key] = row
        value = _tonnes(table, values[cols["verified"]], row, names[cols["verified"]])
        if value is not None:
            out.append(ReleaseValue("ets", ident, year, value, Where(table.member, row)))
    notes = ()
    if other_systems:
        notes = (_("{n} rows of the linked Swiss system left out").format(n=other_systems),)
    return tuple(out), notes


def _tonnes(table: CsvTable, text: str, row: int, column: str) -> float | None:
    try:
        value = parse_number(text)
    except ValueError:
        raise table.error(
            _("'{value}' is not a number of tonnes").format(value=text), row, column
        ) from None
    if value is not None and value < 0:
        raise table.error(
            _("{value} t: emissions cannot be negative").format(value=text), row, column
        )
    return None if value is None else float(value)


def _sites(table: CsvTable) -> tuple[ReleaseSite, ...]:
    cols = table.columns(
        {"id": ("id", "installation_id")},
        {
            "name": ("name", "installationName"),
            "city": ("city",),
            "postcode": ("postalCode", "postal_code", "zip_code"),
            "lat": ("latitudeGoogle", "latitudeEutl", "latitude"),
            "lon": ("longitudeGoogle", "longitudeEutl", "longitude"),
            "activity": ("activity", "activity_id", "mainActivity"),
        },
    )
    out = []
    for row, values in table.rows():
        ident = values[cols["id"]].strip()
        if not ident.upper().startswith(REGISTRY + "_"):
            continue

        def get(key: str, values=values) -> str | None:
            return (values[cols[key]].strip() or None) if key in cols else None

        lon, lat = _coordinates(get("lon"), get("lat"))
        out.append(
            ReleaseSite(
                registry="ets",
                key=ident,
                name=get("name") or ident,
                commune=get("city"),
                postcode=get("postcode"),
                lon=lon,
                lat=lat,
                activity=get("activity"),
                where=Where(table.member, row),
            )
        )
    return tuple(out)


def _coordinates(lon: str | None, lat: str | None) -> tuple[float | None, float | None]:
    """Longitude and latitude when both are numbers in range (else none: the commune is used)."""
    try:
        x, y = parse_number(lon), parse_number(lat)
    except ValueError:
        return None, None
    if x is None or y is None or not (-180 <= x <= 180 and -90 <= y <= 90):
        return None, None
    return float(x), float(y)
