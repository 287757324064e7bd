"""The popup of one facility: identity, status, latest verified emissions, the map year's
value and a small trajectory chart. Every value from the data is HTML-escaped here."""

from __future__ import annotations

from dkgis import wording
from dkgis.export.html.emissions import YearEmissions
from dkgis.export.html.kpi_rows import kpi_rows_html
from dkgis.export.html.sparkline import sparkline_svg
from dkgis.export.html.text import Words, esc, safe_url
from dkgis.i18n import _
from dkgis.model.facility import Facility
from dkgis.model.project import Project
from dkgis.symbology.sectors import sector_colour


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{esc(label)}</th><td>{value_html}</td></tr>"


def _source_html(project: Project, source_id: str, words: Words) -> str:
    source = project.sources.get(source_id)
    if source is None:
        return esc(source_id)
    url = safe_url(source.url)
    title = esc(source.title)
    text = (
        f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
        if url
        else title
    )
    if source.vintage:
        text += f' <span class="dk-muted">({esc(source.vintage)})</span>'
    return text


def _year_value_html(facility: Facility, emissions: YearEmissions) -> tuple[str, str]:
    """Label and value of the map year's row: the value with its kind, as on the desktop."""
    value = emissions.value(facility.id)
    return wording.value_label(emissions.year), esc(wording.value_text(value))


def popup_html(project: Project, facility_id: str, emissions: YearEmissions, words: Words) -> str:
    """Return the popup markup of one facility (all data text escaped).

    Parameters
    ----------
    project
        The project.
    facility_id
        The facility.
    emissions
        The map year's values (for the "Emissions in YEAR" row and the chart's projection).
    words
        Translation and number formats.
    """
    facility = project.facilities[facility_id]
    rows = []
    if facility.operator and facility.operator != facility.display_name:
        rows.append(_row(_("Operator"), esc(facility.operator)))
    sector = esc(words.sector(facility.sector))
    if facility.activity:
        sector += f' <span class="dk-muted">({esc(facility.activity)})</span>'
    swatch = f'<span class="dk-swatch" style="background:{esc(sector_colour(facility.sector))}">'
    rows.append(_row(_("Sector"), f"{swatch}</span>{sector}"))
    status = esc(words.status(facility.status))
    if facility.status_as_of:
        status += " " + esc(_("(as of {date})").format(date=facility.status_as_of))
    rows.append(_row(_("Status"), status))
    if facility.commune:
        rows.append(_row(_("Commune"), esc(facility.commune)))

    series = project.emissions[facility_id]
    latest = series.latest("verified")
    if latest is None:
        rows.append(_row(_("Latest verified emissions"), esc(_("none"))))
    else:
        rows.append(
            _row(
                _("Latest verified emissions"),
                esc(
                    _("{tonnes} in {year}").format(
                        tonnes=words.tonnes(latest.value_t), year=latest.year
                    )
                ),
            )
        )
        rows.append(_row(_("Source"), _source_html(project, latest.source_id, words)))
    rows.append(_row(*_year_value_html(facility, emissions)))
    rows.extend(kpi_rows_html(project, facility_id))

    verified = series.verified()
    projected = emissions.projections.get(facility_id)
    chart = sparkline_svg(
        verified,
        projected=projected,
        mark_year=emissions.year,
        title=_("Emissions of {name}, t CO₂e per year").format(name=facility.display_name),
    )
    parts = [
        '<div class="dk-popup">',
        f'<div class="dk-name">{esc(facility.display_name)}</div>',
        f'<table class="dk-facts">{"".join(rows)}</table>',
    ]
    if chart:
        caption = _("Verified EU ETS emissions, t CO₂e per year.")
        if projected:
            caption += " " + _("Dashed: projected ({scenario}), not a measurement.").format(
                scenario=wording.scenario_phrase(emissions.scenario or "")
            )
        parts.append(f'<div class="dk-chart">{chart}</div>')
        parts.append(f'<div class="dk-caption">{esc(caption)}</div>')
    parts.append("</div>")
    return "".join(parts)


def tooltip_html(project: Project, facility_id: str) -> str:
    """Return the hover label of a facility: its name, escaped."""
    return esc(project.facilities[facility_id].display_name)
