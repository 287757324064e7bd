"""Words shared by the presentation exports (PowerPoint, animation): what a year's values
are, and the source line naming each source with its data vintage."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dkgis.model.display import SIZE_JOBS

if TYPE_CHECKING:
    from dkgis.model.project import Project

#: Source id of the EU ETS verified emissions (the values of the emission circles).
VERIFIED_SOURCE = "eutl_verified"


def tr(text: str) -> str:
    """Translate a caption (context ``ExportCaptions``)."""
    return QCoreApplication.translate("ExportCaptions", text)


def emission_layers(project: Project) -> tuple[str, ...]:
    """Names of the layers of an emission map: the visible ones plus the emission circles."""
    return tuple(
        layer.name for layer in project.layers if layer.visible or layer.kind == "emissions"
    )


def year_kind(project: Project, year: int) -> str:
    """What the map shows for ``year``, in words, as the map's legend and subtitle say it.

    ``"EU ETS verified"`` up to the last verified year; after it ``"last verified value
    (2022), not a projection"`` when no scenario is active, else ``"projected
    (scenario)"``: the same values as the map's emission layer.
    """
    values = project.scenarios.year_emissions(year)
    if values.is_projected:
        return tr("projected ({scenario})").format(scenario=values.scenario)
    if values.is_carried_forward:
        return tr("last verified value ({last}), not a projection").format(last=values.basis_year)
    return tr("EU ETS verified")


def emission_subtitle(project: Project, year: int) -> str:
    """``CO₂ emissions 2030: last verified value (2022), not a projection``; when the
    circles show jobs (``project.display.circle_size``), says so instead."""
    if project.display.circle_size == SIZE_JOBS:
        return tr("Direct jobs stated by the sources (circle area), not by year")
    last = project.verified_matrix().last_year
    if last is not None and year > last:
        return tr("CO₂ emissions {year}: {kind}").format(year=year, kind=year_kind(project, year))
    return tr("CO₂ emissions {year} ({kind})").format(year=year, kind=year_kind(project, year))


def verified_role(project: Project) -> str:
    """``EU ETS verified emissions 2005–2022`` (the years of the dataset)."""
    years = project.emission_years("verified")
    if not years:
        return tr("EU ETS verified emissions")
    return tr("EU ETS verified emissions {first}–{last}").format(first=years[0], last=years[-1])


def map_source_line(project: Project, layers: Iterable[str] | None = None) -> str:
    """``Source: EU ETS verified emissions 2005–2022: EU Transaction Log via …; …``

    Names the emission values with their years and credit first, then the credit of
    every other source of the drawn ``layers`` (``None``: the visible ones).
    """
    parts: list[str] = []
    seen: set[str] = set()
    verified = project.sources.get(VERIFIED_SOURCE)
    if verified is not None:
        credit = verified.attribution or verified.title
        parts.append(f"{verified_role(project)}: {credit}")
        seen.add(credit)
    for line in project.attributions(layers):
        if line not in seen:
            seen.add(line)
            parts.append(line)
    return tr("Source: {parts}").format(parts="; ".join(parts))
