"""The title panel and the legend of the HTML map (sectors, status, circle sizes, sources).

The legend is plain HTML built here with every data string escaped; its symbols are
drawn with the same colours and sizes as the map's markers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from dkgis.export.html.emissions import MAX_RADIUS_PX, YearEmissions
from dkgis.export.html.style import (
    EMISSION_FILL,
    EMISSION_FILL_OPACITY,
    EMISSION_STROKE,
    FACILITY_RADIUS_PX,
    facility_style,
)
from dkgis.export.html.text import ENDED_STATUSES, PLANNED_STATUSES, Words, esc, safe_url
from dkgis.model.project import Project
from dkgis.symbology.sectors import SECTORS, SECTORS_BY_ID, sector_colour


def reference_values(scale_max: float, smallest_radius: float = 3.0) -> list[float]:
    """Round values for the size legend: the power of ten at or below ``scale_max`` and
    one and two decades below, keeping those whose circle is at least ``smallest_radius``
    pixels (largest first)."""
    if scale_max <= 0:
        return []
    top = 10 ** math.floor(math.log10(scale_max))
    if scale_max >= 5 * top:
        top *= 5
    values = [top, top / 10, top / 100]
    return [v for v in values if MAX_RADIUS_PX * math.sqrt(v / scale_max) >= smallest_radius]


def _short(value: float, words: Words) -> str:
    if value >= 1e6:
        return words.tr("{n} Mt").format(n=f"{value / 1e6:g}")
    if value >= 1e3:
        return words.tr("{n} kt").format(n=f"{value / 1e3:g}")
    return words.tr("{n} t").format(n=f"{value:g}")


def _dot_svg(status: str, colour: str) -> str:
    s = facility_style(status, colour)
    r = FACILITY_RADIUS_PX
    size = 2 * r + 4
    stroke_opacity = s.get("opacity", 1)
    return (
        f'<svg class="dk-dot" width="{size:g}" height="{size:g}" aria-hidden="true">'
        f'<circle cx="{size / 2:g}" cy="{size / 2:g}" r="{s["radius"]:g}" '
        f'fill="{esc(s["fillColor"])}" fill-opacity="{s["fillOpacity"]:g}" '
        f'stroke="{esc(s["color"])}" stroke-width="{s["weight"]:g}" '
        f'stroke-opacity="{stroke_opacity:g}"/></svg>'
    )


def _sizes_svg(emissions: YearEmissions, values: Sequence[float], words: Words) -> str:
    radii = [emissions.radius(v) for v in values]
    big = max(radii)
    pad = 7.0  # room above the largest circle for its label
    width, height = 2 * big + 70, 2 * big + pad + 3
    cx, bottom = big + 2, 2 * big + pad + 1
    dash = ' stroke-dasharray="3 2"' if emissions.kind == "projected" else ""
    parts = [f'<svg class="dk-sizes" width="{width:g}" height="{height:g}" aria-hidden="true">']
    for value, r in zip(values, radii, strict=True):
        top = bottom - 2 * r
        parts.append(
            f'<circle cx="{cx:g}" cy="{bottom - r:.1f}" r="{r:.1f}" fill="{EMISSION_FILL}" '
            f'fill-opacity="{EMISSION_FILL_OPACITY:g}" stroke="{EMISSION_STROKE}" '
            f'stroke-width="1"{dash}/>'
            f'<line x1="{cx:g}" y1="{top:.1f}" x2="{cx + big + 6:g}" y2="{top:.1f}" '
            f'stroke="#777" stroke-width="0.7"/>'
            f'<text x="{cx + big + 8:g}" y="{top + 3.5:.1f}" font-size="10.5">'
            f"{esc(_short(value, words))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def credit_lines(project: Project) -> list[str]:
    """Attribution lines of every drawn layer's sources, with "© OpenStreetMap
    contributors" first when a layer comes from OpenStreetMap."""
    lines = project.attributions([layer.name for layer in project.layers])
    osm = [line for line in lines if "openstreetmap" in line.lower()]
    return osm + [line for line in lines if line not in osm]


def _sources_html(project: Project, emission_source_ids: Iterable[str], words: Words) -> str:
    items = [f"<li>{esc(line)}</li>" for line in credit_lines(project)]
    for sid in dict.fromkeys(emission_source_ids):
        source = project.sources.get(sid)
        if source is None:
            continue
        url = safe_url(source.url)
        title = esc(source.title)
        if url:
            title = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
        items.append(f"<li>{title} ({esc(source.vintage)})</li>")
    if not items:
        return ""
    return (
        f'<details class="dk-sources"><summary>{esc(words.tr("Sources and credits"))}'
        f"</summary><ul>{''.join(items)}</ul></details>"
    )


def legend_html(project: Project, emissions: YearEmissions, words: Words) -> str:
    """Return the legend panel's inner HTML."""
    facilities = list(project.facilities.values())
    present = {f.sector for f in facilities}
    sections = []

    rows = [
        f'<div class="dk-row">{_dot_svg("operating", s.colour)}{esc(words.sector(s.id))}</div>'
        for s in SECTORS
        if s.id in present
    ]
    rows += [
        f'<div class="dk-row">{_dot_svg("operating", sector_colour(sid))}{esc(sid)}</div>'
        for sid in sorted(present - set(SECTORS_BY_ID))
    ]
    sections.append(f'<div class="dk-head">{esc(words.tr("Facilities by sector"))}</div>')
    sections.extend(rows)
    unlocated = sum(1 for f in facilities if not (math.isfinite(f.lat) and math.isfinite(f.lon)))
    if unlocated:
        note = words.tr("Facilities without a location, not on the map: {n}.").format(n=unlocated)
        sections.append(f'<div class="dk-note">{esc(note)}</div>')

    statuses = {f.status for f in facilities}
    status_rows = []
    if statuses - PLANNED_STATUSES - ENDED_STATUSES:
        status_rows.append((words.tr("In operation"), "operating"))
    if statuses & PLANNED_STATUSES:
        status_rows.append((words.tr("Planned (announced, under construction)"), "announced"))
    if statuses & ENDED_STATUSES:
        status_rows.append((words.tr("Closed or cancelled"), "closed"))
    if status_rows:
        sections.append(f'<div class="dk-head">{esc(words.tr("Status"))}</div>')
        sections.extend(
            f'<div class="dk-row">{_dot_svg(status, "#8c8c8c")}{esc(label)}</div>'
            for label, status in status_rows
        )

    sections.append(f'<div class="dk-head">{esc(emissions.caption)}</div>')
    values = reference_values(emissions.scale_max)
    if values:
        sections.append(f'<div class="dk-row">{_sizes_svg(emissions, values, words)}</div>')
        note = words.tr("Circle area proportional to t CO₂e per year.")
        if emissions.kind == "projected":
            note += " " + words.tr(
                "Projected values are computed by dkgis from the verified record and the "
                "scenario's measures; they are not measurements."
            )
        sections.append(f'<div class="dk-note">{esc(note)}</div>')

    emission_sources = [
        v.source_id for s in project.emissions.values() for v in s.values if v.kind == "verified"
    ]
    sections.append(_sources_html(project, emission_sources, words))
    return (
        f'<details class="dk-legend-box" open><summary>{esc(words.tr("Legend"))}</summary>'
        f"{''.join(sections)}</details>"
    )


def title_html(title: str, subtitle: str) -> str:
    """Return the title panel's inner HTML (both strings escaped)."""
    return f'<div class="dk-title">{esc(title)}</div><div class="dk-subtitle">{esc(subtitle)}</div>'
