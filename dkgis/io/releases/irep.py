"""The French pollutant register's yearly archive (Géorisques IREP ``YYYY.zip``).

The archive holds ``etablissements.csv`` and ``emissions.csv`` (and waste and water
tables, not read), written with French conventions: ``;`` separators, decimal commas,
often Windows-1252 text. Columns used, in any case: ``emissions.csv``: ``Identifiant,
Annee_Emission, Milieu, Polluant, Quantite, Unite``; ``etablissements.csv``:
``Identifiant, Nom_Etablissement`` and, when present, ``Commune, Code_Postal, Code_INSEE,
Coordonnees_X, Coordonnees_Y, Code_EPSG, Libelle_APE``. The value read is the fossil CO2
released to air (``CO2 Total d'origine non biomasse uniquement``), in t/an (kg/an is
converted).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from dkgis.i18n import _
from dkgis.io.releases.archive import Bundle
from dkgis.io.releases.base import Publisher, Release, ReleaseSite, ReleaseValue, Where
from dkgis.io.releases.text import CsvTable, fold, parse_number, parse_year, read_csv

FORMAT = "irep"
EMISSIONS = "emissions.csv"
ESTABLISHMENTS = "etablissements.csv"

#: The pollutant read: CO2 of fossil origin (biomass CO2 is reported apart).
CO2_FOSSIL = "CO2 Total d'origine non biomasse uniquement"
#: The same, of biomass origin (kept apart by the dataset, in a note).
CO2_BIOMASS = "CO2 Total d'origine biomasse uniquement"
#: What the dataset calls the gas of IREP values.
GAS_IREP = "CO2 fossil (IREP)"

PUBLISHER = Publisher(
    format=FORMAT,
    name="Géorisques (IREP)",
    title="IREP register of polluting emissions (Géorisques yearly archive)",
    url="https://www.georisques.gouv.fr/donnees/bases-de-donnees/"
    "installations-industrielles-rejetant-des-polluants",
    licence="Licence Ouverte / Etalab [believed]",
    attribution="Géorisques / IREP",
)

_UNITS = {"t/an": Decimal(1), "kg/an": Decimal("0.001")}


def read_irep(path: Path, bundle: Bundle, sha256: str) -> Release:
    """Read a yearly IREP archive (a zip or a folder).

    Raises
    ------
    ReleaseError
        Naming the member, row and column of the first problem.
    """
    emissions = read_csv(path, EMISSIONS, bundle.read(EMISSIONS))
    establishments = read_csv(path, ESTABLISHMENTS, bundle.read(ESTABLISHMENTS))
    return Release(
        path=path,
        publisher=PUBLISHER,
        kind="reported",
        gas=GAS_IREP,
        values=_values(emissions),
        sites=_sites(establishments),
        sha256=sha256,
    )


def _values(table: CsvTable) -> tuple[ReleaseValue, ...]:
    cols = table.columns(
        {
            "id": ("Identifiant",),
            "year": ("Annee_Emission", "annee"),
            "medium": ("Milieu",),
            "pollutant": ("Polluant",),
            "quantity": ("Quantite",),
            "unit": ("Unite",),
        }
    )
    names = table.header
    wanted = fold(CO2_FOSSIL)
    seen: dict[tuple[str, int], int] = {}
    out = []
    for row, values in table.rows():
        pollutant = values[cols["pollutant"]]
        # Most rows are other pollutants: a cheap test first, the accent-free one after.
        if pollutant.lstrip()[:3].upper() != "CO2" or fold(pollutant) != wanted:
            continue
        if fold(values[cols["medium"]]) != "air":
            continue
        ident = values[cols["id"]].strip()
        try:
            year = parse_year(values[cols["year"]])
        except ValueError:
            raise table.error(
                _("'{value}' is not a year").format(value=values[cols["year"]]),
                row,
                names[cols["year"]],
            ) from None
        if (ident, year) in seen:
            raise table.error(
                _("the fossil CO2 of {id} in {year} appears twice (first on row {first})").format(
                    id=ident, year=year, first=seen[(ident, year)]
                ),
                row,
            )
        seen[(ident, year)] = row
        unit = values[cols["unit"]].strip().lower().replace(" ", "")
        if unit not in _UNITS:
            raise table.error(
                _("unit '{unit}': expected t/an or kg/an").format(unit=values[cols["unit"]]),
                row,
                names[cols["unit"]],
            )
        text = values[cols["quantity"]]
        try:
            quantity = parse_number(text)
        except ValueError:
            raise table.error(
                _("'{value}' is not a quantity").format(value=text), row, names[cols["quantity"]]
            ) from None
        if quantity is None:
            continue
        if quantity < 0:
            raise table.error(
                _("{value}: a release cannot be negative").format(value=text),
                row,
                names[cols["quantity"]],
            )
        tonnes = float(quantity * _UNITS[unit])
        out.append(ReleaseValue("irep", ident, year, tonnes, Where(table.member, row)))
    return tuple(out)


def _sites(table: CsvTable) -> tuple[ReleaseSite, ...]:
    cols = table.columns(
        {"id": ("Identifiant",), "name": ("Nom_Etablissement",)},
        {
            "commune": ("Commune",),
            "postcode": ("Code_Postal",),
            "insee": ("Code_INSEE",),
            "x": ("Coordonnees_X",),
            "y": ("Coordonnees_Y",),
            "epsg": ("Code_EPSG",),
            "activity": ("Libelle_APE", "Libelle_EPRTR"),
        },
    )
    seen: dict[str, int] = {}
    out = []
    for row, values in table.rows():

        def get(key: str, values=values) -> str | None:
            return (values[cols[key]].strip() or None) if key in cols else None

        ident = values[cols["id"]].strip()
        if ident in seen:
            raise table.error(
                _("the establishment {id} appears twice (first on row {first})").format(
                    id=ident, first=seen[ident]
                ),
                row,
            )
        seen[ident] = row
        lon, lat = _lonlat(get("x"), get("y"), get("epsg"))
        out.append(
            ReleaseSite(
                registry="irep",
                key=ident,
                name=get("name") or ident,
                commune=get("commune"),
                insee=get("insee"),
                postcode=get("postcode"),
                lon=lon,
                lat=lat,
                activity=get("activity"),
                where=Where(table.member, row),
            )
        )
    return tuple(out)


def _lonlat(x: str | None, y: str | None, epsg: str | None) -> tuple[float | None, float | None]:
    """Coordinates when the file states they are longitude/latitude (``Code_EPSG`` 4326);
    otherwise none, and the establishment is placed on its commune."""
    if epsg is None or epsg.strip().upper().removeprefix("EPSG:") != "4326":
        return None, None
    try:
        lon, lat = parse_number(x), parse_number(y)
    except ValueError:
        return None, None
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None, None
    return float(lon), float(lat)
