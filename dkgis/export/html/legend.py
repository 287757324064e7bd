"""The title panel and the legend of the HTML map, row for row the desktop map's legend.

The rows, their order and their words come from the same functions as the desktop
legend's (:mod:`dkgis.symbology.legend_key`, :mod:`dkgis.wording`); the symbols are
inline SVG drawn with the same colours and sizes as the page's markers (which are the
desktop map's, :mod:`dkgis.export.html.style`). Every data string is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from dkgis import wording
from dkgis.export.html.emissions import YearEmissions
from dkgis.export.html.style import FACILITY_RADIUS_PX, darker, facility_style, halo_style
from dkgis.export.html.text import Words, esc, safe_url
from dkgis.i18n import _
from dkgis.map import style as map_style
from dkgis.model.project import Project
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.legend_key import APPROXIMATE, SPREAD, EmissionKey, emission_key, status_key
from dkgis.symbology.sectors import SECTORS, SECTORS_BY_ID, sector_colour

#: Grey of the status symbols and the size legend's circles (the desktop legend's).
NEUTRAL = "#8c8c8c"
#: Size of a symbol's square in the legend, CSS pixels.
SWATCH_PX = 2 * (FACILITY_RADIUS_PX + map_style.APPROXIMATE_HALO_GAP + 1.5) + 2


def _svg(body: str, width: float = SWATCH_PX, height: float = SWATCH_PX) -> str:
    return (
        f'<svg class="dk-dot" width="{width:g}" height="{height:g}" aria-hidden="true">{body}</svg>'
    )


def _circle(cx: float, cy: float, options: dict) -> str:
    fill = options.get("fillColor", "none") if options.get("fill", True) else "none"
    dash = f' stroke-dasharray="{options["dashArray"]}"' if "dashArray" in options else ""
    return (
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{options["radius"]:g}" fill="{esc(fill)}" '
        f'fill-opacity="{options.get("fillOpacity", 1):g}" stroke="{esc(options["color"])}" '
        f'stroke-width="{options["weight"]:g}" stroke-opacity="{options.get("opacity", 1):g}"'
        f"{dash}/>"
    )


def facility_svg(status_class: str, colour: str, approximate: bool = False) -> str:
    """The symbol of a facility, as on the map: ``status_class`` and a sector colour."""
    c = SWATCH_PX / 2
    body = _circle(c, c, facility_style(status_class, colour))
    if approximate:
        body += _circle(c, c, halo_style())
    return _svg(body)


def _spread_svg() -> str:
    """Two symbols spread around the dot of their true point, joined to it."""
    r = FACILITY_RADIUS_PX * 0.75
    c = SWATCH_PX / 2
    a, b, top = (c - r - 1.5, c + r * 0.35), (c + r + 1.5, c + r * 0.35), (c, c - r * 0.9)
    leader = f'stroke="{map_style.LEADER_COLOUR}" stroke-width="{map_style.LEADER_WIDTH:g}"'
    body = "".join(
        f'<line x1="{top[0]:g}" y1="{top[1]:g}" x2="{p[0]:g}" y2="{p[1]:g}" {leader}/>'
        for p in (a, b)
    )
    dot = {
        "radius": r,
        "color": map_style.FACILITY_OUTLINE,
        "weight": map_style.FACILITY_OUTLINE_WIDTH,
        "fillColor": NEUTRAL,
    }
    body += _circle(*a, dot) + _circle(*b, dot)
    body += _circle(
        *top,
        {"radius": map_style.TRUE_POINT_RADIUS, "color": "#ffffff", "weight": 0.8,
         "fillColor": map_style.LEADER_COLOUR},
    )  # fmt: skip
    return _svg(body, SWATCH_PX + 4)


def _no_data_svg() -> str:
    c = SWATCH_PX / 2
    return _svg(
        f'<circle cx="{c:g}" cy="{c:g}" r="{map_style.NO_DATA_RADIUS:g}" fill="#ffffff" '
        f'fill-opacity="0.67" stroke="{map_style.NO_DATA_COLOUR}" stroke-width="1.3"/>'
    )


def zero_svg(colour: str = NEUTRAL) -> str:
    """The marker of a verified value of zero: a small diamond."""
    c, r = SWATCH_PX / 2, map_style.NO_DATA_RADIUS
    points = f"{c:g},{c - r:g} {c + r:g},{c:g} {c:g},{c + r:g} {c - r:g},{c:g}"
    return _svg(
        f'<polygon points="{points}" fill="#ffffff" stroke="{darker(colour)}" stroke-width="1.1"/>'
    )


def _line_svg(line: map_style.LineStyle) -> str:
    half = FACILITY_RADIUS_PX + 2
    c = SWATCH_PX / 2
    dash = (
        f' stroke-dasharray="{" ".join(f"{d * line.width:g}" for d in line.dash)}"'
        if line.dash
        else ""
    )
    return _svg(
        f'<line x1="{c - half:g}" y1="{c:g}" x2="{c + half:g}" y2="{c:g}" '
        f'stroke="{line.colour}" stroke-width="{line.width:g}"{dash}/>'
    )


def _sizes_svg(emissions: YearEmissions, key: EmissionKey) -> str:
    """Nested circles, bottom-aligned, each with a leader line to its value (the desktop
    legend's size block)."""
    radii = [emissions.radius(v) for v in key.sizes]
    big = max(radii)
    line_h = 12.0
    gap = 8.0
    label_w = max(len(t) for t in key.size_labels) * 6.5
    width, height = 2 * big + gap + label_w + 8, 2 * big + line_h / 2 + 4
    cx, bottom = big + 2, height - 2
    label_x = cx + big + gap
    parts = [f'<svg class="dk-sizes" width="{width:g}" height="{height:g}" aria-hidden="true">']
    last_y = -math.inf
    for r, text in zip(radii, key.size_labels, strict=True):
        top = bottom - 2 * r
        y = max(top, last_y + line_h * 0.95)
        parts.append(
            f'<circle cx="{cx:g}" cy="{bottom - r:.1f}" r="{r:.1f}" fill="{NEUTRAL}" '
            f'fill-opacity="0.18" stroke="#555555" '
            f'stroke-width="{map_style.EMISSION_OUTLINE_WIDTH:g}"/>'
            f'<line x1="{cx:g}" y1="{top:.1f}" x2="{label_x - 2:g}" y2="{y:.1f}" '
            f'stroke="#777777" stroke-width="0.7"/>'
            f'<text x="{label_x:g}" y="{y + 3.5:.1f}" font-size="{map_style.LEGEND_SIZE + 1:g}">'
            f"{esc(text)}</text>"
        )
        last_y = y
    parts.append("</svg>")
    return "".join(parts)


def credit_lines(project: Project) -> list[str]:
    """The entries of the desktop map's sources line (:func:`dkgis.wording.source_entries`,
    in the page's language) for every layer, OpenStreetMap's first."""
    lines = list(wording.source_entries(project, [layer.name for layer in project.layers]))
    osm = [line for line in lines if "openstreetmap" in line.lower()]
    return osm + [line for line in lines if line not in osm]


def _sources_html(project: Project, emission_source_ids: Iterable[str]) -> str:
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
    summary = esc(_("Sources and credits"))
    return (
        f'<details class="dk-sources"><summary>{summary}'
        f"</summary><ul>{''.join(items)}</ul></details>"
    )


def _row(symbol: str, text: str) -> str:
    return f'<div class="dk-row">{symbol}<span>{esc(text)}</span></div>'


def _head(text: str) -> str:
    return f'<div class="dk-head">{esc(text)}</div>'


def _note(text: str) -> str:
    return f'<div class="dk-note">{esc(text)}</div>'


def legend_html(project: Project, emissions: YearEmissions, words: Words) -> str:
    """Return the legend panel's inner HTML: the desktop legend's sections (sectors,
    status and location, the emission circles, networks), then the sources."""
    frame = emissions.frame
    style = FacilityStyle.of(project)
    hidden = frame.hidden_sectors
    present = set(style.sector_ids)
    sections = [_head(wording.sectors_heading())]
    sections += [
        _row(facility_svg("operating", s.colour), words.sector(s.id))
        for s in SECTORS
        if s.id in present and frame.is_sector_visible(s.id)
    ]
    sections += [
        _row(facility_svg("operating", sector_colour(sid)), sid)
        for sid in sorted(present - set(SECTORS_BY_ID))
        if frame.is_sector_visible(sid)
    ]
    shown_hidden = len([s for s in present if not frame.is_sector_visible(s)])
    if shown_hidden:
        sections.append(_note(wording.sectors_hidden(shown_hidden)))
    unlocated = int((~style.has_point).sum())
    if unlocated:
        sections.append(_note(wording.no_location(unlocated)))

    sections.append(_head(wording.status_heading()))
    for row in status_key(style, hidden):
        if row == APPROXIMATE:
            sections.append(
                _row(facility_svg("operating", NEUTRAL, True), wording.approximate_location())
            )
        elif row == SPREAD:
            sections.append(_row(_spread_svg(), wording.shared_point()))
        else:
            sections.append(_row(facility_svg(row, NEUTRAL), wording.status_class_name(row)))

    key = emission_key(project, frame)
    sections.append(_head(key.heading))
    if key.sizes:
        sections.append(f'<div class="dk-row">{_sizes_svg(emissions, key)}</div>')
    sections.append(_note(key.area_note))
    if key.zero:
        sections.append(_row(zero_svg(), key.zero))
    if key.no_data:
        sections.append(_row(_no_data_svg(), key.no_data))
    sections.extend(_note(note) for note in key.notes)

    networks = project.layers.get("infrastructure")
    if networks is not None and networks.visible:
        kinds = set(networks.data.columns.get("kind", ()))
        rows = [
            _row(_line_svg(line), wording.network_name(kind))
            for kind, line in map_style.INFRASTRUCTURE.items()
            if kind in kinds
        ]
        if rows:
            sections.append(_head(wording.networks_heading()))
            sections.extend(rows)

    emission_sources = [
        v.source_id for s in project.emissions.values() for v in s.values if v.kind == "verified"
    ]
    sections.append(_sources_html(project, emission_sources))
    summary = esc(_("Legend"))
    return (
        f'<details class="dk-legend-box" open><summary>{summary}</summary>'
        f"{''.join(sections)}</details>"
    )


def title_html(title: str, subtitle: str) -> str:
    """Return the title panel's inner HTML (both strings escaped)."""
    return f'<div class="dk-title">{esc(title)}</div><div class="dk-subtitle">{esc(subtitle)}</div>'
