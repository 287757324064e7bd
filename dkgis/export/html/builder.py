"""Assemble the self-contained interactive map with folium, and write it atomically.

folium builds the Leaflet page (map, panes, circle markers, feature groups, tiles).
What folium would fetch from CDNs (Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers) is switched off: Leaflet's JS and CSS are inlined from the
``django-js-lib-leaflet`` wheel, and nothing else is needed because the page uses none of
folium's jQuery-based parts.

No text of the data goes through folium's templates (see :mod:`dkgis.export.html.elements`):
popups, hover labels, the legend, the credits, the layer names and the basemap's GeoJSON are
escaped, stored in the page's JSON data block and bound by the page's own scripts with
Leaflet's ``bindPopup``/``bindTooltip``, ``L.geoJSON`` and ``L.control.layers``. (folium's
popups, tooltips, GeoJSON layers and layer control would put their text into templates.)
The communes' names go into the same block, and the page sets them as text
(:mod:`dkgis.export.html.places`).

After rendering, :func:`external_resources` checks that the page loads nothing from
outside; the export fails rather than write a page that needs the internet.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
import numpy as np

from dkgis import wording
from dkgis.export.atomic import atomic_path
from dkgis.export.html.assets import leaflet_assets
from dkgis.export.html.basemap import basemap_layers
from dkgis.export.html.elements import DATA_VARIABLE, FixedScript, Markup, PageData, Script
from dkgis.export.html.emissions import YearEmissions, year_emissions
from dkgis.export.html.legend import credit_lines, legend_html, title_html
from dkgis.export.html.places import NAMES_PANE, NAMES_PANE_Z, PlaceNamesLayer, commune_layer
from dkgis.export.html.popup import popup_html, tooltip_html
from dkgis.export.html.style import (
    FACILITY_RADIUS_PX,
    PAGE_CSS,
    emission_style,
    facility_style,
    halo_style,
    leader_style,
    no_data_style,
    true_point_style,
)
from dkgis.export.html.text import Words, esc, js_literal
from dkgis.i18n import _, get_language
from dkgis.map import style as map_style
from dkgis.model.crs import mercator_to_lonlat
from dkgis.model.frame import frame_of
from dkgis.model.yearly import NO_DATA
from dkgis.symbology.displacement import spread_offsets
from dkgis.symbology.facility_style import FacilityStyle, drawing_order
from dkgis.symbology.places import PlaceNames
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Leaflet panes of the page, bottom to top, with their z-index (tiles are at 200,
#: Leaflet's own overlays at 400, tooltips at 650, popups at 700). With online tiles, the
#: offline land, communes and coastline go *under* the tiles: where a tile loads it covers
#: them, where it cannot (no internet) the offline basemap still shows.
PANES = {
    "dkgisUnderTiles": 150,
    "dkgisBasemap": 250,
    "dkgisEmissions": 410,
    "dkgisFacilities": 420,
    NAMES_PANE: NAMES_PANE_Z,
}

#: Class of every facility marker's SVG path (one per facility with a location).
FACILITY_CLASS = "dkgis-facility"
#: Class of every emission circle's SVG path.
EMISSION_CLASS = "dkgis-emission"
#: Class of the "no data for the year" markers and of the halos of approximate points.
NO_DATA_CLASS = "dkgis-no-data"
HALO_CLASS = "dkgis-halo"

#: Online basemap offered by ``tiles=True`` (off by default: the page must work offline).
TILES = "OpenStreetMap"

#: JavaScript test for a screen too small to show the layer list and the legend unfolded
#: (the same threshold as the stylesheet's media query).
SMALL_SCREEN_JS = "window.innerWidth < 1100 || window.innerHeight < 700"


@dataclass(frozen=True)
class HtmlMapOptions:
    """What the interactive map shows.

    Parameters
    ----------
    frame
        What the map shows: the year of the emission circles and the scenario of a year
        after the latest verified one; ``None`` for the project's own state
        (:func:`dkgis.model.frame.frame_of`: on a freshly opened dataset, the latest
        verified year and the first preset scenario).
    tiles
        Add OpenStreetMap's online tiles as a background (they need the internet; the
        offline vector basemap stays).
    title, subtitle
        Title panel; ``None`` for the default title and a subtitle naming the year.
    words
        The page's words (in the language of :mod:`dkgis.i18n`).
    simplify_tolerance
        Simplification of the basemap geometry, degrees (0: none).
    """

    frame: MapFrame | None = None
    tiles: bool = False
    title: str | None = None
    subtitle: str | None = None
    words: Words = field(default_factory=Words)
    simplify_tolerance: float = 0.0


@dataclass(frozen=True)
class HtmlMapResult:
    """What :func:`export_html_map` wrote.

    Attributes
    ----------
    path : pathlib.Path
    size_bytes : int
    facility_markers : int
        Facilities drawn (those with a location).
    emission_circles : int
        Facilities with a positive value in the year.
    year : int
    kind : str
        ``"verified"`` or ``"projected"``.
    scenario : str or None
    leaflet_version : str
    seconds : float
        Time taken to build and write the page.
    """

    path: Path
    size_bytes: int
    facility_markers: int
    emission_circles: int
    year: int
    kind: str
    scenario: str | None
    leaflet_version: str
    seconds: float


class ExternalResourceError(RuntimeError):
    """The page would load something from outside (a bug: the export refuses to write it)."""


class _ResourceFinder(HTMLParser):
    """Collects the URLs that make a browser fetch something when the page loads."""

    _SRC_TAGS = frozenset({"script", "img", "iframe", "audio", "video", "source", "embed"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self._SRC_TAGS and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"] or "")
        if tag == "object" and values.get("data"):
            self.urls.append(values["data"] or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            return
        lowered = data.lower()
        for marker in ("url(http", "url('http", 'url("http', "url(//", "@import"):
            start = lowered.find(marker)
            while start >= 0:
                self.urls.append(data[start : start + 80])
                start = lowered.find(marker, start + 1)


def external_resources(html: str) -> list[str]:
    """Return the outside addresses a browser would fetch to show ``html``.

    Looks at ``src`` of scripts, images and frames, ``href`` of ``<link>`` elements and
    ``url()``/``@import`` in stylesheets; ``data:`` URIs are inside the page and do not
    count. Links the reader may click (``<a href>``) are not loads and do not count.
    """
    finder = _ResourceFinder()
    finder.feed(html)
    finder.close()
    return [u for u in finder.urls if not u.strip().lower().startswith("data:")]


def _script_safe(code: str, closing: str) -> str:
    """Make sure inlined code cannot close its element early."""
    return code.replace(f"</{closing}", f"<\\/{closing}")


def _bounds(project: Project) -> list[list[float]]:
    """South-west and north-east corners (lat, lon) of the cluster and its facilities."""
    xmin, ymin, xmax, ymax = project.cluster_extent()
    _, xy = project.facility_mercator_xy()
    xy = xy[np.isfinite(xy).all(axis=1)] if len(xy) else xy
    if len(xy):
        xmin, ymin = min(xmin, float(xy[:, 0].min())), min(ymin, float(xy[:, 1].min()))
        xmax, ymax = max(xmax, float(xy[:, 0].max())), max(ymax, float(xy[:, 1].max()))
    west, south = mercator_to_lonlat(xmin, ymin)
    east, north = mercator_to_lonlat(xmax, ymax)
    return [[float(south), float(west)], [float(north), float(east)]]


class _BindPopup(Script):
    """Binds the popup and hover label of the facility at ``index`` to the parent marker.

    The texts are looked up in the page data's ``popups``/``tips`` lists, so a facility's
    popup is stored once even though two markers show it.
    """

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = int(index)

    def code(self) -> str:
        """``marker.bindPopup(...).bindTooltip(...)`` for the parent marker."""
        return (
            f"{self._parent.get_name()}.bindPopup({DATA_VARIABLE}.popups[{self.index}], "
            "{maxWidth: 360, minWidth: 250, autoPanPaddingTopLeft: [60, 90], "
            "autoPanPaddingBottomRight: [20, 30]})"
            f".bindTooltip({DATA_VARIABLE}.tips[{self.index}], "
            "{direction: 'top', offset: [0, -6]});"
        )


class _GeoJsonLayer(Script):
    """A GeoJSON layer of the page data's ``basemap`` list, added to the parent group.

    Each feature is drawn with the Leaflet style in its ``properties.style``; with
    ``interactive``, its ``properties.tip`` (escaped) is its hover label.
    """

    def __init__(self, index: int, pane: str, interactive: bool) -> None:
        super().__init__()
        self.index = int(index)
        self.pane = pane
        self.interactive = bool(interactive)

    def code(self) -> str:
        """``L.geoJSON(dkgisData.basemap[i], ...).addTo(group)``."""
        tips = (
            "onEachFeature: function (feature, layer) { if (feature.properties.tip) "
            "{ layer.bindTooltip(feature.properties.tip, {sticky: true}); } }, "
            if self.interactive
            else ""
        )
        return (
            f"L.geoJSON({DATA_VARIABLE}.basemap[{self.index}], "
            f"{{pane: {js_literal(self.pane)}, interactive: {js_literal(self.interactive)}, "
            f"{tips}style: function (feature) {{ return feature.properties.style; }}}})"
            f".addTo({self._parent.get_name()});"
        )


class _LayerControl(Script):
    """Leaflet's layer list, folded to Leaflet's layers button on a small screen.

    Layers are listed in the order they are added; their names go to the page data's
    ``layers`` list (escaped: Leaflet shows them as HTML).
    """

    def __init__(self, data: PageData) -> None:
        super().__init__()
        self._data = data
        self._entries: list[tuple[str, Any, int]] = []

    def add_base_layer(self, layer: Any, name: str) -> None:
        """List ``layer`` (a folium layer) as a background, with a radio button."""
        self._entries.append(("addBaseLayer", layer, self._data.add("layers", esc(name))))

    def add_overlay(self, layer: Any, name: str) -> None:
        """List ``layer`` (a folium layer) as an overlay, with a check box."""
        self._entries.append(("addOverlay", layer, self._data.add("layers", esc(name))))

    def code(self) -> str:
        """``L.control.layers(...)`` with ``addBaseLayer``/``addOverlay`` per layer."""
        lines = [
            "(function (map) { var control = L.control.layers(null, null, "
            f"{{position: 'topright', collapsed: {SMALL_SCREEN_JS}}});",
            *(
                f"control.{method}({layer.get_name()}, {DATA_VARIABLE}.layers[{index}]);"
                for method, layer, index in self._entries
            ),
            f"control.addTo(map); }})({self._parent.get_name()});",
        ]
        return "\n".join(lines)


def _add_head(figure: Any, assets: Any, title: str) -> None:
    """Title, Leaflet's CSS and JS inlined, and the page's stylesheet."""
    figure.title = esc(title)
    figure.header.add_child(Markup('<link rel="icon" href="data:,">'), name="dk_icon")
    figure.header.add_child(
        Markup(f"<style>{_script_safe(assets.css, 'style')}</style>"), name="leaflet_css"
    )
    figure.header.add_child(
        Markup(f"<script>{_script_safe(assets.js, 'script')}</script>"), name="leaflet_js"
    )
    figure.header.add_child(Markup(f"<style>{PAGE_CSS}</style>"), name="dk_css")


def _add_basemap(
    fmap: folium.Map,
    project: Project,
    options: HtmlMapOptions,
    data: PageData,
    control: _LayerControl,
) -> None:
    """One layer-control entry per basemap layer (land, communes, coastline, pipelines)."""
    for base in basemap_layers(list(project.layers), options.simplify_tolerance):
        group = folium.FeatureGroup(show=base.visible)
        under_tiles = options.tiles and not base.interactive
        index = data.add("basemap", base.geojson)
        group.add_child(
            _GeoJsonLayer(
                index, "dkgisUnderTiles" if under_tiles else "dkgisBasemap", base.interactive
            )
        )
        group.add_to(fmap)
        control.add_overlay(group, base.title)


def _located(project: Project, facility_id: str) -> bool:
    facility = project.facilities[facility_id]
    return math.isfinite(facility.lat) and math.isfinite(facility.lon)


def _circle_marker(location: list[float], pane: str, class_name: str, options: dict) -> Any:
    """A Leaflet circle marker in ``pane`` (folium's path options drop ``pane``: it is
    set on the Leaflet options directly)."""
    marker = folium.CircleMarker(location=location, class_name=class_name, **options)
    marker.options["pane"] = pane
    return marker


def _add_emission_circles(
    fmap: folium.Map, project: Project, emissions: YearEmissions, control: _LayerControl
) -> int:
    """Area-true circles of the year's values in the sector colours, largest first, then
    the markers of sites without a value that year (as on the desktop map); returns how
    many circles."""
    ids, values = emissions.ids, emissions.values
    frame = emissions.frame
    kinds = emissions.kinds
    shown = FacilityStyle.of(project).sector_mask(frame.hidden_sectors)
    group = folium.FeatureGroup()
    circles = sorted(
        (i for i in range(len(ids)) if shown[i] and math.isfinite(values[i]) and values[i] > 0),
        key=lambda i: -values[i],
    )
    count = 0
    for i in circles:
        if not _located(project, ids[i]):
            continue
        facility = project.facilities[ids[i]]
        options = emission_style(emissions.radius(float(values[i])), sector_colour(facility.sector))
        marker = _circle_marker(
            [facility.lat, facility.lon], "dkgisEmissions", EMISSION_CLASS, options
        )
        marker.add_child(_BindPopup(i))
        marker.add_to(group)
        count += 1
    for i in range(len(ids)):
        if not shown[i] or not _located(project, ids[i]) or kinds[i] != NO_DATA:
            continue
        facility = project.facilities[ids[i]]
        marker = _circle_marker(
            [facility.lat, facility.lon], "dkgisEmissions", NO_DATA_CLASS, no_data_style()
        )
        marker.add_child(_BindPopup(i))
        marker.add_to(group)
    group.add_to(fmap)
    control.add_overlay(group, emissions.caption)
    return count


class _Spread(Script):
    """Keeps the symbols of sites sharing one point spread around it, at the desktop
    map's distances in screen pixels whatever the zoom, each joined to the true point
    (drawn as a dot) by a leader line.

    The code holds only element names and numbers (no text of the data).
    """

    def __init__(self, group: Any) -> None:
        super().__init__()
        self.group = group
        self.entries: list[tuple[Any, Any | None, float, float, float, float]] = []

    def add(self, marker: Any, halo: Any | None, lat: float, lon: float, dx: float, dy: float):
        """Place ``marker`` (and its ``halo``) ``dx``, ``dy`` pixels from ``lat``, ``lon``."""
        self.entries.append((marker, halo, lat, lon, dx, dy))

    def code(self) -> str:
        """The leader lines, the true points, and the placing on every zoom."""
        rows = ",\n".join(
            f"  {{marker: {m.get_name()}, halo: {h.get_name() if h is not None else 'null'}, "
            f"at: L.latLng({lat!r}, {lon!r}), dx: {dx:.2f}, dy: {dy:.2f}}}"
            for m, h, lat, lon, dx, dy in self.entries
        )
        return (
            "(function (map) {\n"
            f"var entries = [\n{rows}\n];\n"
            f"var group = {self.group.get_name()};\n"
            "var points = {};\n"
            "entries.forEach(function (e) {\n"
            f"  e.leader = L.polyline([e.at, e.at], Object.assign({js_literal(leader_style())}, "
            "{pane: 'dkgisFacilities'})).addTo(group);\n"
            "  var key = e.at.lat + ',' + e.at.lng;\n"
            f"  if (!points[key]) {{ points[key] = L.circleMarker(e.at, Object.assign("
            f"{js_literal(true_point_style())}, {{pane: 'dkgisFacilities'}})).addTo(group); }}\n"
            "  e.marker.bringToFront();\n"
            "});\n"
            "function place() {\n"
            "  entries.forEach(function (e) {\n"
            "    var p = map.latLngToLayerPoint(e.at);\n"
            "    var at = map.layerPointToLatLng(L.point(p.x + e.dx, p.y + e.dy));\n"
            "    e.marker.setLatLng(at);\n"
            "    if (e.halo) { e.halo.setLatLng(at); }\n"
            "    e.leader.setLatLngs([e.at, at]);\n"
            "  });\n"
            "}\n"
            "map.on('zoomend viewreset', place);\n"
            "window.dkgisSpread = place;\n"
            f"}})({self._parent.get_name()});"
        )


def _add_facility_markers(
    fmap: folium.Map, project: Project, frame: Any, control: _LayerControl
) -> int:
    """One symbol per located facility of the sectors shown, in the desktop map's drawing
    order (ended, then planned, then operating sites on top); sites sharing a point are
    spread around it (:mod:`dkgis.symbology.displacement`), each with its own popup.
    Returns how many symbols."""
    ids, _xy = project.facility_mercator_xy()
    style = FacilityStyle.of(project)
    layer = project.layers.get("facilities")
    group = folium.FeatureGroup(show=layer.visible if layer is not None else True)
    visible = style.sector_mask(frame.hidden_sectors) & style.has_point
    offsets = spread_offsets(
        style.groups, style.group_members, visible, map_style.DISPLACEMENT_SPACING
    ) * (2 * FACILITY_RADIUS_PX)
    spread = _Spread(group)
    count = 0
    for i in drawing_order(style.classes):
        if not visible[i]:
            continue
        facility = project.facilities[ids[i]]
        location = [facility.lat, facility.lon]
        halo = None
        if style.approximate[i]:
            halo = _circle_marker(location, "dkgisFacilities", HALO_CLASS, halo_style())
            halo.add_to(group)
        options = facility_style(str(style.classes[i]), sector_colour(facility.sector))
        marker = _circle_marker(
            location, "dkgisFacilities", f"{FACILITY_CLASS} {FACILITY_CLASS}-{i}", options
        )
        marker.add_child(_BindPopup(i))
        marker.add_to(group)
        dx, dy = offsets[i]
        if dx or dy:  # y up on the map, down on the page
            spread.add(marker, halo, facility.lat, facility.lon, float(dx), float(-dy))
        count += 1
    group.add_to(fmap)
    if spread.entries:
        fmap.add_child(spread)
    control.add_overlay(group, wording.sectors_heading())
    return count


def _add_place_names(
    fmap: folium.Map,
    project: Project,
    options: HtmlMapOptions,
    data: PageData,
    control: _LayerControl,
) -> None:
    """The communes' names, listed in the layer control. Shown when the page opens with
    the communes, but not over online tiles, which name the places themselves (as on the
    desktop map)."""
    layer = commune_layer(project)
    places = PlaceNames.of(project, layer) if layer is not None else None
    if not places:  # no commune layer, or no commune with a name and a polygon
        return
    names = PlaceNamesLayer(data, places, show=layer.visible and not options.tiles)
    fmap.add_child(names)
    control.add_overlay(names, _("Commune names"))


def _add_legend_and_view(
    fmap: folium.Map,
    project: Project,
    emissions: YearEmissions,
    options: HtmlMapOptions,
    bounds: list[list[float]],
    data: PageData,
) -> None:
    """The legend control, the credit line, the initial view, and the "ready" flag."""
    data.set("legend", legend_html(project, emissions, options.words))
    # OpenStreetMap's tile layer brings its own credit line.
    osm = [
        line
        for line in credit_lines(project)
        if "openstreetmap" in line.lower() and not options.tiles
    ]
    data.set("attribution", " | ".join(esc(line) for line in [*osm, "dkgis"]))
    fmap.add_child(
        FixedScript(
            "(function (map) {\n"
            "  var legend = L.control({position: 'bottomright'});\n"
            "  legend.onAdd = function () {\n"
            "    var div = L.DomUtil.create('div', 'dk-panel dk-legend');\n"
            f"    div.innerHTML = {DATA_VARIABLE}.legend;\n"
            f"    if ({SMALL_SCREEN_JS}) {{ div.querySelector('details').open = false; }}\n"
            "    L.DomEvent.disableClickPropagation(div);\n"
            "    L.DomEvent.disableScrollPropagation(div);\n"
            "    return div;\n"
            "  };\n"
            "  legend.addTo(map);\n"
            "  L.control.scale({imperial: false, metric: true}).addTo(map);\n"
            f"  map.attributionControl.addAttribution({DATA_VARIABLE}.attribution);\n"
            # Fit without animation, so the view is settled when the page says it is ready.
            f"  map.fitBounds({js_literal(bounds)}, {{padding: [12, 12], animate: false}});\n"
            "  if (window.dkgisSpread) { window.dkgisSpread(); }\n"
            "  if (window.dkgisPlaceNames) { window.dkgisPlaceNames(); }\n"
            "  window.dkgisMap = map;\n"
            "  window.dkgisReady = true;\n"
            f"}})({fmap.get_name()});"
        ),
        name="dk_legend",
    )


def build_html_map(
    project: Project, options: HtmlMapOptions | None = None
) -> tuple[str, dict[str, Any]]:
    """Build the page.

    Parameters
    ----------
    project
        The project (read only).
    options
        What to show; defaults to the latest verified year, offline.

    Returns
    -------
    html : str
        One self-contained HTML document.
    info : dict
        ``facility_markers``, ``emission_circles``, ``year``, ``kind``, ``scenario``,
        ``leaflet_version``.

    Raises
    ------
    ValueError
        For a year outside the data (the message gives the range).
    LeafletAssetsMissing
        When the package that ships Leaflet is not installed.
    """
    options = options or HtmlMapOptions()
    words = options.words
    frame = options.frame if options.frame is not None else frame_of(project)
    emissions: YearEmissions = year_emissions(project, frame)
    assets = leaflet_assets()
    title = options.title or wording.default_title()
    subtitle = options.subtitle or emissions.caption
    bounds = _bounds(project)
    centre = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]

    # The scale bar is added by the page (metric only, as on the desktop map).
    fmap = folium.Map(location=centre, tiles=None, zoom_start=11, zoom_snap=0.25)
    # Nothing from CDNs: Leaflet is inlined below, the rest is not needed.
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    _add_head(figure, assets, f"{title} — {subtitle}")
    figure.html.add_child(
        Markup(f'<div class="dk-titlebox dk-panel">{title_html(title, subtitle)}</div>'),
        name="dk_title",
    )
    data = PageData()
    ids, _xy = project.facility_mercator_xy()
    data.set("popups", [popup_html(project, fid, emissions, words) for fid in ids])
    data.set("tips", [tooltip_html(project, fid) for fid in ids])
    for pane, z in PANES.items():
        # The names never catch the clicks meant for the symbols under them.
        fmap.add_child(folium.map.CustomPane(pane, z_index=z, pointer_events=pane != NAMES_PANE))
    control = _LayerControl(data)
    if options.tiles:
        tiles = folium.TileLayer(TILES, control=False).add_to(fmap)
        control.add_base_layer(tiles, _("OpenStreetMap tiles (online)"))
    _add_basemap(fmap, project, options, data, control)
    n_circles = _add_emission_circles(fmap, project, emissions, control)
    n_markers = _add_facility_markers(fmap, project, frame, control)
    _add_place_names(fmap, project, options, data, control)
    fmap.add_child(control, name="dk_layers")
    _add_legend_and_view(fmap, project, emissions, options, bounds, data)
    # Added last, but in the head: the data is there before any script runs.
    figure.header.add_child(Markup(data.markup()), name="dk_data")

    # The page says its language (screen readers, spell checkers, the browser's offer
    # to translate).
    html = figure.render().replace("<html>", f'<html lang="{get_language()}">', 1)
    found = external_resources(html)
    if found:
        raise ExternalResourceError(
            _("the HTML map would load resources from outside: {urls}").format(
                urls=", ".join(found[:5])
            )
        )
    info = {
        "facility_markers": n_markers,
        "emission_circles": n_circles,
        "year": emissions.year,
        "kind": emissions.kind,
        "scenario": emissions.scenario,
        "leaflet_version": assets.version,
    }
    return html, info


def write_html_map(path: str | Path, html: str) -> int:
    """Write a page built by :func:`build_html_map` atomically; return its size in bytes.

    Raises
    ------
    OSError
        When the file cannot be written (the previous file, if any, is untouched).
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target.stat().st_size


def export_html_map(
    project: Project, path: str | Path, options: HtmlMapOptions | None = None
) -> HtmlMapResult:
    """Write the interactive map to ``path`` as one self-contained HTML file, atomically.

    Parameters
    ----------
    project
        The project.
    path
        The ``.html`` file to write (replaced only once the new one is complete).
    options
        What to show (see :class:`HtmlMapOptions`).

    Returns
    -------
    HtmlMapResult

    Raises
    ------
    ValueError
        For a year outside the data.
    OSError
        When the file cannot be written (the previous file, if any, is untouched).
    LeafletAssetsMissing
        When the package that ships Leaflet is not installed.
    """
    start = time.perf_counter()
    html, info = build_html_map(project, options)
    size = write_html_map(path, html)
    return HtmlMapResult(
        path=Path(path), size_bytes=size, seconds=time.perf_counter() - start, **info
    )
