"""Cartographic style of the offline basemap and the map decorations.

Plain values (colours as ``#rrggbb`` strings, sizes in pixels at 96 dpi) so
that the same style drives the screen and every export; the canvas items scale
the pixel sizes by the output's dpi.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FillStyle:
    """Fill and outline of a polygon layer."""

    fill: str
    outline: str
    width: float


@dataclass(frozen=True)
class LineStyle:
    """Stroke of a line layer."""

    colour: str
    width: float
    dash: tuple[float, ...] = ()


SEA = "#cfe0ea"
LAND = FillStyle(fill="#f3f1ea", outline="#9db8c8", width=0.8)
COMMUNE_CUD = FillStyle(fill="#ebe6da", outline="#b3a994", width=0.9)
COMMUNE_OTHER = FillStyle(fill="#f3f1ea", outline="#d2cbbb", width=0.6)
COASTLINE = LineStyle(colour="#6f97b0", width=1.1)

#: Over web tiles: the canvas background while tiles load, and commune outlines
#: in a dark violet that reads on plans and photos alike. One pixel wide on
#: purpose: wider cosmetic pens make Qt stroke the paths, ten times slower.
TILE_BACKGROUND = "#e9e9e6"
COMMUNE_OVER_TILES = LineStyle(colour="#4b3f72", width=1.0)

#: Infrastructure strokes by kind.
INFRASTRUCTURE = {
    "gas_pipeline": LineStyle(colour="#8a6d3b", width=1.6, dash=(5.0, 2.5)),
    "hydrogen_pipeline": LineStyle(colour="#117733", width=1.8, dash=(1.5, 2.5)),
}
INFRASTRUCTURE_POINT_RADIUS = 4.0

#: Facility symbol radius and outline, in pixels at 96 dpi.
FACILITY_RADIUS = 5.5
FACILITY_OUTLINE = "#2b2b2b"
FACILITY_OUTLINE_WIDTH = 0.8
#: Width of the ring drawn for facilities that are not built yet.
PLANNED_RING_WIDTH = 2.2
#: Opacity of facilities that are closed or cancelled.
CLOSED_ALPHA = 0.35
SELECTION_COLOUR = "#ffbf00"
SELECTION_RING = 3.0
#: Outline opacity of closed or cancelled facilities.
CLOSED_OUTLINE_ALPHA = 0.55
#: Dashed halo of facilities whose point is approximate (postcode, commune, nearby).
APPROXIMATE_HALO_GAP = 1.4
APPROXIMATE_HALO_WIDTH = 1.2
APPROXIMATE_HALO_DASH = (2.4, 1.8)
APPROXIMATE_HALO_COLOUR = "#3a3a3a"
#: Symbols sharing one point are spread this many symbol diameters apart...
DISPLACEMENT_SPACING = 1.5
#: ...around a dot on the true point, joined to it by thin leader lines.
TRUE_POINT_RADIUS = 2.0
LEADER_COLOUR = "#3a3a3a"
LEADER_WIDTH = 0.8
#: Facility names (optional labels).
LABEL_SIZE = 9.0
LABEL_MAX_WIDTH = 170.0
LABEL_HALO = "#ffffff"
#: At most this many facilities in view get a label (the most emitting first).
MAX_LABELS = 400
#: Names drawn by default in exports: the largest emitters of the year.
LARGEST_NAMES = 8
#: Place names (communes): sizes in pixels at 96 dpi and colour.
PLACE_SIZE = 10.0
PLACE_MAJOR_SIZE = 12.5
PLACE_MINOR_SIZE = 9.0
PLACE_TEXT = "#5c5346"
PLACE_MINOR_TEXT = "#877d6e"

#: Proportional emission circles: radius of the largest value of any year, the
#: smallest radius drawn (so a tiny value stays visible), fill opacity, outline.
EMISSION_MAX_RADIUS = 42.0
EMISSION_MIN_RADIUS = 1.5
EMISSION_FILL_ALPHA = 0.55
EMISSION_OUTLINE_WIDTH = 0.9
#: "No data for the year" marker (grey hollow circle).
NO_DATA_RADIUS = 3.5
NO_DATA_COLOUR = "#8c8c8c"

#: Decorations (title, legend, scale bar, attribution).
TEXT = "#222222"
TEXT_MUTED = "#555555"
PANEL_FILL = "#ffffff"
PANEL_ALPHA = 0.88
PANEL_OUTLINE = "#c8c8c8"
FONT_FAMILY = "DejaVu Sans"
TITLE_SIZE = 17.0
SUBTITLE_SIZE = 11.5
LEGEND_TITLE_SIZE = 10.5
LEGEND_SIZE = 9.5
LEGEND_NOTE_SIZE = 8.5
ATTRIBUTION_SIZE = 7.5
MARGIN = 10.0
