"""Symbols and stylesheet of the HTML map, from the desktop map's style values.

The basemap colours, the facility symbols (filled for operating sites, a ring of the
sector colour for planned ones, faded for ended ones, a dashed halo for an approximate
point), the emission circles (the sector colour, translucent, with a darker outline) and
the decorations' fonts come from :mod:`dkgis.map.style` (plain values, no Qt), so the
page looks like the app's map.
"""

from __future__ import annotations

import colorsys
import math
from typing import Any

from dkgis.map import style as map_style

#: Facility symbol radius in CSS pixels: the desktop map's, in pixels at 96 dpi.
FACILITY_RADIUS_PX = map_style.FACILITY_RADIUS


def darker(colour: str, factor: int = 160) -> str:
    """``colour`` with its HSV value divided by ``factor`` / 100 (Qt's ``QColor.darker``),
    the outline of an emission circle."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    r, g, b = colorsys.hsv_to_rgb(h, s, v * 100 / factor)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def facility_style(status_class: str, colour: str) -> dict[str, Any]:
    """Leaflet path options of a facility's circle marker (``status_class``: ``operating``,
    ``planned`` or ``ended``, see :func:`dkgis.symbology.facility_style.status_class`)."""
    r = FACILITY_RADIUS_PX
    if status_class == "planned":
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
    if status_class == "ended":
        style.update(fillOpacity=map_style.CLOSED_ALPHA, opacity=map_style.CLOSED_OUTLINE_ALPHA)
    return style


def halo_style() -> dict[str, Any]:
    """Leaflet path options of the dashed halo around an approximate point."""
    width = map_style.APPROXIMATE_HALO_WIDTH
    return {
        "radius": FACILITY_RADIUS_PX + map_style.APPROXIMATE_HALO_GAP + width / 2,
        "color": map_style.APPROXIMATE_HALO_COLOUR,
        "weight": width,
        "fill": False,
        "dashArray": " ".join(f"{d:g}" for d in map_style.APPROXIMATE_HALO_DASH),
        "interactive": False,
    }


def emission_style(radius: float, colour: str) -> dict[str, Any]:
    """Leaflet path options of an emission circle of ``radius`` pixels in a sector colour."""
    return {
        "radius": round(radius, 2),
        "color": darker(colour),
        "weight": map_style.EMISSION_OUTLINE_WIDTH,
        "fillColor": colour,
        "fillOpacity": map_style.EMISSION_FILL_ALPHA,
    }


def no_data_style() -> dict[str, Any]:
    """Leaflet path options of the "no data for the year" marker (a small hollow circle)."""
    return {
        "radius": map_style.NO_DATA_RADIUS,
        "color": map_style.NO_DATA_COLOUR,
        "weight": 1.3,
        "fillColor": "#ffffff",
        "fillOpacity": 170 / 255,
    }


def leader_style() -> dict[str, Any]:
    """Leaflet path options of a leader line from a spread symbol to its true point."""
    return {
        "color": map_style.LEADER_COLOUR,
        "weight": map_style.LEADER_WIDTH,
        "interactive": False,
    }


def true_point_style() -> dict[str, Any]:
    """Leaflet path options of the dot on the true point of spread symbols."""
    return {
        "radius": map_style.TRUE_POINT_RADIUS,
        "color": "#ffffff",
        "weight": 0.8,
        "fillColor": map_style.LEADER_COLOUR,
        "fillOpacity": 1.0,
        "interactive": False,
    }


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


#: Halo of the place names: the text drawn around itself, as on the desktop map (twelve
#: copies, 1.3 px away, in the names' halo colour).
PLACE_HALO_RADIUS = 1.3
PLACE_HALO = ", ".join(
    f"{PLACE_HALO_RADIUS * math.cos(a):.2f}px {PLACE_HALO_RADIUS * math.sin(a):.2f}px 0 "
    f"{map_style.LABEL_HALO}"
    for a in (2 * math.pi * k / 12 for k in range(12))
)
#: The desktop's place names are spaced 104 % (of each glyph's advance, about 0.6 em).
PLACE_LETTER_SPACING = "0.025em"

#: Stylesheet of the page (after Leaflet's own).
PAGE_CSS = f"""
html, body {{ margin: 0; padding: 0; height: 100%; }}
body, .leaflet-container {{ font-family: "{map_style.FONT_FAMILY}", "Segoe UI", Arial,
  sans-serif; color: {map_style.TEXT}; }}
.leaflet-control-layers {{ font-size: 12.5px; }}
.folium-map {{ background: {map_style.LAND.fill}; }}
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
.dk-places, .dk-place {{ position: absolute; left: 0; top: 0; pointer-events: none; }}
.dk-place {{ white-space: nowrap; line-height: 1.17; user-select: none;
  font-size: {map_style.PLACE_SIZE:g}px; letter-spacing: {PLACE_LETTER_SPACING};
  color: {map_style.PLACE_TEXT}; text-shadow: {PLACE_HALO}; }}
.dk-place-major {{ font-size: {map_style.PLACE_MAJOR_SIZE:g}px; }}
.dk-place-other {{ font-size: {map_style.PLACE_MINOR_SIZE:g}px;
  color: {map_style.PLACE_MINOR_TEXT}; }}
.dk-place-hidden {{ visibility: hidden; }}
.dk-swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  border: 1px solid {map_style.FACILITY_OUTLINE}; margin-right: 4px; vertical-align: -1px; }}
"""
