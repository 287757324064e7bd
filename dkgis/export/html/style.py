"""Symbols and stylesheet of the HTML map, from the desktop map's style values.

The basemap colours, the facility symbol (filled for operating sites, a ring of the sector
colour for planned ones, faded for ended ones) and the decorations' fonts come from
:mod:`dkgis.map.style` (plain values, no Qt), so the page looks like the app's map.
"""

from __future__ import annotations

from typing import Any

from dkgis.export.html.text import ENDED_STATUSES, PLANNED_STATUSES
from dkgis.map import style as map_style

#: Facility symbol radius in CSS pixels (a little larger than on the desktop map: easier
#: to tap on a touch screen).
FACILITY_RADIUS_PX = 6.0

#: Emission circles: a translucent warm fill under the sector-coloured facility symbols.
EMISSION_FILL = "#e4572e"
EMISSION_FILL_OPACITY = 0.28
EMISSION_STROKE = "#a4321a"


def facility_style(status: str, colour: str) -> dict[str, Any]:
    """Leaflet path options of a facility's circle marker."""
    r = FACILITY_RADIUS_PX
    if status in PLANNED_STATUSES:
        ring = map_style.PLANNED_RING_WIDTH
        return {
            "radius": r - ring / 2,
            "color": colour,
            "weight": ring,
            "fillColor": "#ffffff",
            "fillOpacity": 1.0,
        }
    style = {
        "radius": r,
        "color": map_style.FACILITY_OUTLINE,
        "weight": map_style.FACILITY_OUTLINE_WIDTH,
        "fillColor": colour,
        "fillOpacity": 1.0,
    }
    if status in ENDED_STATUSES:
        style.update(fillOpacity=map_style.CLOSED_ALPHA, opacity=map_style.CLOSED_ALPHA)
    return style


def emission_style(radius: float, projected: bool) -> dict[str, Any]:
    """Leaflet path options of an emission circle (dashed outline when projected)."""
    style: dict[str, Any] = {
        "radius": round(radius, 2),
        "color": EMISSION_STROKE,
        "weight": 1.0,
        "fillColor": EMISSION_FILL,
        "fillOpacity": EMISSION_FILL_OPACITY,
    }
    if projected:
        style["dashArray"] = "4 3"
    return style


def polygon_style(fill: map_style.FillStyle) -> dict[str, Any]:
    """Leaflet style of a basemap polygon."""
    return {
        "color": fill.outline,
        "weight": fill.width,
        "fillColor": fill.fill,
        "fillOpacity": 1.0,
        "opacity": 1.0,
    }


def line_style(line: map_style.LineStyle) -> dict[str, Any]:
    """Leaflet style of a basemap line."""
    style: dict[str, Any] = {"color": line.colour, "weight": line.width, "opacity": 1.0}
    if line.dash:
        style["dashArray"] = " ".join(f"{d * line.width:g}" for d in line.dash)
    return style


#: Stylesheet of the page (after Leaflet's own).
PAGE_CSS = f"""
html, body {{ margin: 0; padding: 0; height: 100%; }}
body, .leaflet-container {{ font-family: "{map_style.FONT_FAMILY}", "Segoe UI", Arial,
  sans-serif; color: {map_style.TEXT}; }}
.leaflet-control-layers {{ font-size: 12.5px; }}
.folium-map {{ background: {map_style.SEA}; }}
.dk-panel {{ background: rgba(255, 255, 255, {map_style.PANEL_ALPHA});
  border: 1px solid {map_style.PANEL_OUTLINE}; border-radius: 4px; padding: 6px 9px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }}
.dk-titlebox {{ position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
  z-index: 690; pointer-events: none; text-align: center; max-width: 60%; }}
.dk-title {{ font-size: {map_style.TITLE_SIZE:g}px; font-weight: bold; }}
.dk-subtitle {{ font-size: {map_style.SUBTITLE_SIZE:g}px; color: {map_style.TEXT_MUTED}; }}
.dk-legend {{ font-size: {map_style.LEGEND_SIZE + 1:g}px; line-height: 1.25; max-width: 290px;
  max-height: calc(100vh - 230px); overflow-y: auto; }}
.dk-legend > details > summary {{ font-size: {map_style.LEGEND_TITLE_SIZE + 2:g}px;
  margin-bottom: 4px; }}
@media (max-width: 1099px), (max-height: 699px) {{
  .dk-legend {{ max-height: calc(100vh - 110px); }}
  .dk-titlebox {{ left: 56px; transform: none; max-width: calc(100% - 130px);
    text-align: left; }}
}}
.dk-legend .dk-head {{ font-weight: bold; font-size: {map_style.LEGEND_TITLE_SIZE + 1:g}px;
  margin: 6px 0 2px; }}
.dk-legend summary + .dk-head {{ margin-top: 2px; }}
.dk-legend .dk-row {{ display: flex; align-items: center; gap: 5px; }}
.dk-legend .dk-note {{ color: {map_style.TEXT_MUTED}; font-size: 10px; }}
.dk-legend .dk-sources {{ margin-top: 6px; }}
.dk-legend summary {{ cursor: pointer; font-weight: bold; }}
.dk-legend ul {{ margin: 3px 0 0; padding-left: 16px; font-size: 10px; }}
.dk-dot {{ flex: none; }}
.dk-popup {{ font-size: 12px; min-width: 240px; }}
.dk-popup .dk-name {{ font-weight: bold; font-size: 14px; margin-bottom: 4px; }}
.dk-popup table {{ border-collapse: collapse; }}
.dk-popup th {{ text-align: left; vertical-align: top; padding: 1px 8px 1px 0;
  color: {map_style.TEXT_MUTED}; font-weight: normal; white-space: nowrap; }}
.dk-popup td {{ padding: 1px 0; }}
.dk-popup .dk-chart {{ margin-top: 5px; }}
.dk-popup .dk-caption, .dk-muted {{ color: {map_style.TEXT_MUTED}; font-size: 10.5px; }}
.dk-swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  border: 1px solid {map_style.FACILITY_OUTLINE}; margin-right: 4px; vertical-align: -1px; }}
"""
