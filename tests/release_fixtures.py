"""Small release files in their publishers' layouts, written by the tests (nothing committed).

* :func:`euets_info_zip`: the EUTL dataset of euets.info, a zip of ``installation.csv`` and
  ``compliance.csv`` with the columns of the euets.info database tables
  (``jabrell/euetsinfo``, ORM classes ``Installation`` and ``Compliance``).
* :func:`union_registry_xlsx`: the Union Registry's ``verified_emissions_YYYY_en.xlsx``:
  a ``Read Me`` sheet, then the ``data`` sheet with three banner rows above the header
  ``REGISTRY_CODE, INSTALLATION_NAME, INSTALLATION_IDENTIFIER, PERMIT_IDENTIFIER,
  MAIN_ACTIVITY_TYPE_CODE, VERIFIED_EMISSIONS_<year>..., ALLOCATION_<year>...``.
* :func:`irep_zip`: a Géorisques IREP ``YYYY.zip`` with ``YYYY/etablissements.csv`` and
  ``YYYY/emissions.csv`` (``;``, decimal comma, Windows-1252), with the columns of the
  2015 archive as extracted in ``data/sources/irep_2015_*``.

Values are the tests' own; ids are the dataset's (FR_956 ArcelorMittal Dunkerque...).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

#: Columns of euets.info ``compliance.csv``.
COMPLIANCE_COLUMNS = (
    "installation_id",
    "year",
    "reportedInSystem_id",
    "euetsPhase",
    "compliance_id",
    "allocatedFree",
    "allocatedNewEntrance",
    "allocatedTotal",
    "allocated10c",
    "verified",
    "verifiedCummulative",
    "verifiedUpdated",
    "surrendered",
    "surrenderedCummulative",
    "balance",
    "penalty",
)

#: Columns of euets.info ``installation.csv``.
INSTALLATION_COLUMNS = (
    "id",
    "name",
    "tradingSystem_id",
    "registry_id",
    "activity_id",
    "eprtrID",
    "parentCompany",
    "subsidiaryCompany",
    "permitID",
    "addressMain",
    "addressSecondary",
    "postalCode",
    "city",
    "country_id",
    "latitudeEutl",
    "longitudeEutl",
    "latitudeGoogle",
    "longitudeGoogle",
    "nace_id",
)

#: Columns of IREP ``emissions.csv`` and ``etablissements.csv`` (2015 archive).
IREP_EMISSION_COLUMNS = (
    "Identifiant",
    "Nom_Etablissement",
    "Annee_Emission",
    "Milieu",
    "Polluant",
    "Quantite",
    "Unite",
)
IREP_ESTABLISHMENT_COLUMNS = (
    "Identifiant",
    "Nom_Etablissement",
    "Numero_SIRET",
    "Adresse",
    "Code_Postal",
    "Commune",
    "Departement",
    "Region",
    "Coordonnees_X",
    "Coordonnees_Y",
    "Code_APE",
    "Libelle_APE",
    "code_eprtr",
    "libelle_eprtr",
)

CO2_FOSSIL = "CO2 Total d'origine non biomasse uniquement"


def _csv(columns: Sequence[str], rows: Iterable[dict], sep: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), delimiter=sep, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def compliance_row(installation_id: str, year: int, verified, **extra) -> dict:
    """A ``compliance.csv`` row (EU ETS system, phase of the year)."""
    phase = "2013-2020" if year <= 2020 else "2021-2030"
    return {
        "installation_id": installation_id,
        "year": year,
        "reportedInSystem_id": "euets",
        "euetsPhase": phase,
        "compliance_id": "A",
        "allocatedFree": 1000,
        "verified": verified,
        **extra,
    }


def installation_row(ident: str, name: str, city: str, postcode: str, lat="", lon="") -> dict:
    """An ``installation.csv`` row of the French registry."""
    return {
        "id": ident,
        "name": name,
        "tradingSystem_id": "euets",
        "registry_id": "FR",
        "activity_id": 20,
        "postalCode": postcode,
        "city": city,
        "country_id": "FR",
        "latitudeGoogle": lat,
        "longitudeGoogle": lon,
    }


DEFAULT_INSTALLATIONS = (
    installation_row("FR_956", "ARCELORMITTAL DUNKERQUE", "DUNKERQUE", "59140"),
    installation_row("FR_988", "DK6", "DUNKERQUE", "59140"),
    installation_row("AT_201018", "Somewhere in Austria", "Wien", "1120"),
)


def euets_info_zip(
    path: Path,
    compliance: Iterable[dict] = (),
    installations: Iterable[dict] = DEFAULT_INSTALLATIONS,
    *,
    compliance_text: str | None = None,
    folder: str = "",
) -> Path:
    """Write a euets.info EUTL zip (``folder`` prefixes the members, as a release may)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(folder + "installation.csv", _csv(INSTALLATION_COLUMNS, installations))
        zf.writestr(
            folder + "compliance.csv",
            compliance_text
            if compliance_text is not None
            else _csv(COMPLIANCE_COLUMNS, compliance),
        )
        zf.writestr(folder + "account.csv", "id,name\r\n1,not read\r\n")
    return path


def union_registry_xlsx(
    path: Path,
    years: Sequence[int],
    rows: Iterable[Sequence],
    *,
    sheet: str = "data",
    banner_rows: int = 3,
) -> Path:
    """Write a verified-emissions workbook: ``rows`` are ``(registry, name, identifier,
    activity, value_year1, value_year2...)``."""
    import openpyxl

    book = openpyxl.Workbook()
    readme = book.active
    readme.title = "Read Me"
    readme.append(["Verified emissions and allocations of EU ETS installations"])
    data = book.create_sheet(sheet)
    for i in range(banner_rows):
        data.append([f"Union Registry extract, banner line {i + 1}"])
    header = [
        "REGISTRY_CODE",
        "INSTALLATION_NAME",
        "INSTALLATION_IDENTIFIER",
        "PERMIT_IDENTIFIER",
        "MAIN_ACTIVITY_TYPE_CODE",
        *(f"VERIFIED_EMISSIONS_{y}" for y in years),
        *(f"ALLOCATION_{y}" for y in years),
    ]
    data.append(header)
    for registry, name, ident, activity, *values in rows:
        data.append(
            [registry, name, ident, f"{registry}-{ident}", activity, *values, *[0] * len(years)]
        )
    book.create_sheet("activity codes").append(["20", "Combustion of fuels"])
    book.save(path)
    return path


def irep_row(ident: str, name: str, year: int, quantity: str, **extra) -> dict:
    """An ``emissions.csv`` row of fossil CO2 to air in t/an (``quantity`` as written)."""
    return {
        "Identifiant": ident,
        "Nom_Etablissement": name,
        "Annee_Emission": year,
        "Milieu": "Air",
        "Polluant": CO2_FOSSIL,
        "Quantite": quantity,
        "Unite": "t/an",
        **extra,
    }


def establishment_row(ident: str, name: str, commune: str, postcode: str) -> dict:
    """An ``etablissements.csv`` row (Lambert II étendu coordinates, commune level)."""
    return {
        "Identifiant": ident,
        "Nom_Etablissement": name,
        "Numero_SIRET": "00000000000000",
        "Adresse": "Port 1000",
        "Code_Postal": postcode,
        "Commune": commune,
        "Departement": "NORD",
        "Region": "HAUTS-DE-FRANCE",
        "Coordonnees_X": "602464",
        "Coordonnees_Y": "2670679",
        "Code_APE": "2410Z",
        "Libelle_APE": "Sidérurgie",
    }


DEFAULT_ESTABLISHMENTS = (
    establishment_row("070.00956", "ARCELORMITTAL Dunkerque", "DUNKERQUE", "59140"),
    establishment_row("070.01279", "DK6", "DUNKERQUE", "59140"),
)


def irep_zip(
    path: Path,
    year: int,
    emissions: Iterable[dict],
    establishments: Iterable[dict] = DEFAULT_ESTABLISHMENTS,
    *,
    encoding: str = "cp1252",
    emissions_text: str | None = None,
) -> Path:
    """Write a Géorisques IREP ``YYYY.zip`` (members in a ``YYYY/`` folder)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        em = emissions_text or _csv(IREP_EMISSION_COLUMNS, emissions, ";")
        zf.writestr(f"{year}/emissions.csv", em.encode(encoding))
        zf.writestr(
            f"{year}/etablissements.csv",
            _csv(IREP_ESTABLISHMENT_COLUMNS, establishments, ";").encode(encoding),
        )
        zf.writestr(f"{year}/Prod_dechets_dangereux.csv", b"Identifiant;Quantite\r\n")
    return path
