"""A small inline SVG chart of a facility's emissions, drawn in Python (no chart library).

Verified values are a solid line; years without a value break the line (a gap is never
bridged by an invented value). A projection, when given, is a dashed line of another
colour starting from the last verified point. One year can be marked with a dot.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from dkgis import wording
from dkgis.export.html.text import esc

#: Colours of the verified and projected lines and of the marked year.
VERIFIED_COLOUR = "#33505f"
PROJECTED_COLOUR = "#b5562f"
MARK_COLOUR = "#d62728"
AXIS_COLOUR = "#b8b8b8"
LABEL_COLOUR = "#555555"


def _runs(years: list[int]) -> list[list[int]]:
    """Split sorted years into runs of consecutive years."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def sparkline_svg(
    verified: Mapping[int, float],
    *,
    projected: Mapping[int, float] | None = None,
    mark_year: int | None = None,
    width: int = 240,
    height: int = 64,
    label: Callable[[float], str] = wording.short_tonnes,
    title: str = "",
) -> str:
    """Return an ``<svg>`` element charting yearly tonnes.

    Parameters
    ----------
    verified
        Year -> verified tonnes (solid line).
    projected
        Year -> projected tonnes (dashed line, joined to the last verified point).
    mark_year
        A year to mark with a dot (the map's year), when it has a value.
    width, height
        Size in CSS pixels.
    label
        Formats the scale's maximum (e.g. ``"12.3 Mt"``, « 12,3 Mt »).
    title
        Accessible title (escaped here).

    Returns
    -------
    str
        The SVG markup, or ``""`` when there is nothing to draw.
    """
    verified = {int(y): float(v) for y, v in verified.items() if math.isfinite(v)}
    projected = {int(y): float(v) for y, v in (projected or {}).items() if math.isfinite(v)}
    if not verified and not projected:
        return ""
    years = sorted(set(verified) | set(projected))
    first, last = years[0], years[-1]
    top = max([*verified.values(), *projected.values(), 0.0])
    # Room for the labels: a line of text under the plot, the scale on the left.
    left, right, up, down = 34.0, 6.0, 6.0, 14.0
    plot_w, plot_h = width - left - right, height - up - down
    span = max(last - first, 1)

    def x(year: int) -> float:
        return left + (year - first) / span * plot_w if last > first else left + plot_w / 2

    def y(value: float) -> float:
        return up + plot_h - (value / top * plot_h if top > 0 else 0.0)

    def points(series: Mapping[int, float], run: list[int]) -> str:
        return " ".join(f"{x(yr):.1f},{y(series[yr]):.1f}" for yr in run)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dk-spark" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    if title:
        parts.append(f"<title>{esc(title)}</title>")
    base = y(0.0)
    parts.append(
        f'<line x1="{left:.1f}" y1="{base:.1f}" x2="{left + plot_w:.1f}" y2="{base:.1f}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
        f'<line x1="{left:.1f}" y1="{up:.1f}" x2="{left:.1f}" y2="{base:.1f}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    style = f'font-size="9" fill="{LABEL_COLOUR}" font-family="sans-serif"'
    parts.append(
        f'<text x="{left - 3:.1f}" y="{up + 7:.1f}" text-anchor="end" {style}>'
        f"{esc(label(top))}</text>"
        f'<text x="{left - 3:.1f}" y="{base:.1f}" text-anchor="end" {style}>0</text>'
        f'<text x="{left:.1f}" y="{height - 2:.1f}" {style}>{first}</text>'
        f'<text x="{left + plot_w:.1f}" y="{height - 2:.1f}" text-anchor="end" {style}>'
        f"{last}</text>"
    )
    for run in _runs(sorted(verified)):
        if len(run) == 1:
            parts.append(
                f'<circle cx="{x(run[0]):.1f}" cy="{y(verified[run[0]]):.1f}" r="1.8" '
                f'fill="{VERIFIED_COLOUR}"/>'
            )
        else:
            parts.append(
                f'<polyline points="{points(verified, run)}" fill="none" '
                f'stroke="{VERIFIED_COLOUR}" stroke-width="1.6" stroke-linejoin="round"/>'
            )
    if projected:
        joined = dict(projected)
        start = max(verified) if verified else None
        if start is not None and start < min(projected):
            joined[start] = verified[start]
        for run in _runs(sorted(joined)):
            parts.append(
                f'<polyline points="{points(joined, run)}" fill="none" '
                f'stroke="{PROJECTED_COLOUR}" stroke-width="1.6" stroke-dasharray="4 2.5"/>'
            )
    if mark_year is not None:
        value = verified.get(mark_year, projected.get(mark_year))
        if value is not None:
            parts.append(
                f'<circle cx="{x(mark_year):.1f}" cy="{y(value):.1f}" r="3" '
                f'fill="{MARK_COLOUR}" stroke="#ffffff" stroke-width="1"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
