"""The popup rows of a facility's key figures: the jobs and investment its sources state,
each linked to the page stating it, or "not stated" (never a zero)."""

from __future__ import annotations

from dkgis.export.html.text import esc, safe_url
from dkgis.model.kpis import site_kpi_lines
from dkgis.model.project import Project


def kpi_rows_html(project: Project, facility_id: str) -> list[str]:
    """One ``<tr>`` per key-figure line of the facility (all data text escaped).

    Parameters
    ----------
    project
        The project.
    facility_id
        The facility.
    """
    rows = []
    for line in site_kpi_lines(project, facility_id):
        value = esc(line.text)
        url = safe_url(line.source_url)
        if url:
            value += (
                f' <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                f"{esc(line.source_site)}</a>"
            )
        rows.append(f'<tr class="dk-kpi"><th>{esc(line.label)}</th><td>{value}</td></tr>')
    return rows
