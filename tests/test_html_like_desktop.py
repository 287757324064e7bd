"""The interactive HTML map says and draws what the desktop map does: the sector colours,
the status symbols, the same nested size legend, every site clickable where several share
a point, a metric scale, no false sea, and the user's language (headless Chromium)."""

from __future__ import annotations

import json
import re

import pytest
import shapely
from chromium import Page, chromium_driver, exported_map, needs_chromium

from dkgis import wording
from dkgis.export.html import HtmlMapOptions, build_html_map
from dkgis.export.html.basemap import SEA_MARGIN_DEG
from dkgis.export.html.style import darker
from dkgis.map import style as map_style
from dkgis.model.frame import frame_of
from dkgis.model.land import sea_around
from dkgis.model.project import Project
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.proportional import legend_values
from dkgis.symbology.sectors import SECTORS


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.load()


@pytest.fixture(scope="module")
def page_2030(project, tmp_path_factory):
    return exported_map(project, tmp_path_factory.mktemp("html") / "carte.html")


@pytest.fixture(scope="module")
def page_fr(project, tmp_path_factory):
    return exported_map(project, tmp_path_factory.mktemp("html") / "carte-fr.html", "fr")


@pytest.fixture(scope="module", name="browser")
def _browser():
    yield from chromium_driver()


def _markers(html: str, class_name: str) -> list[dict]:
    """The Leaflet options of the circle markers of ``class_name`` in the page."""
    found = []
    for match in re.finditer(r"L\.circleMarker\(\s*\[[^\]]*\],\s*(\{.*?\})\s*\)", html, re.S):
        options = json.loads(match.group(1))
        if class_name in options.get("className", "").split():
            found.append(options)
    return found


# -- the file ----------------------------------------------------------------------------


def test_circles_and_symbols_have_the_desktop_colours_and_statuses(project):
    html, info = build_html_map(project, HtmlMapOptions(frame=frame_of(project, year=2022)))
    circles = _markers(html, "dkgis-emission")
    assert len(circles) == info["emission_circles"] > 5
    colours = {s.colour.lower() for s in SECTORS}
    for circle in circles:  # the sector colour, translucent, a darker outline: no salmon
        assert circle["fillColor"].lower() in colours
        assert circle["fillOpacity"] == map_style.EMISSION_FILL_ALPHA
        assert circle["color"] == darker(circle["fillColor"])
        assert circle["radius"] <= map_style.EMISSION_MAX_RADIUS + 1e-9
    symbols = _markers(html, "dkgis-facility")
    style = FacilityStyle.of(project)
    planned = [s for s in symbols if s["fillColor"] == "#ffffff"]  # rings
    faded = [s for s in symbols if s.get("fillOpacity") == map_style.CLOSED_ALPHA]
    assert len(planned) == int((style.classes[style.has_point] == "planned").sum()) > 0
    assert len(faded) == int((style.classes[style.has_point] == "ended").sum())
    halos = _markers(html, "dkgis-halo")
    assert len(halos) == int((style.approximate & style.has_point).sum()) > 0
    assert all(h["dashArray"] and h["fill"] is False for h in halos)


def test_the_size_legend_has_the_desktop_legend_values(project):
    html, _ = build_html_map(project, HtmlMapOptions(frame=frame_of(project, year=2022)))
    values = legend_values(project.verified_matrix().max_value, 3)
    labels = [wording.megatonnes(v) for v in values]
    assert labels == ["10 Mt", "2 Mt", "0.5 Mt"]  # not 10 Mt / 1 Mt / 100 kt
    legend = json.loads(
        re.search(r'<script type="application/json" id="dkgis-data">(.*?)</script>', html, re.S)
        .group(1)
        .replace("\\u003c", "<")
        .replace("\\u003e", ">")
        .replace("\\u0026", "&")
    )["legend"]
    for label in labels:
        assert f">{label}</text>" in legend
    for words in (
        "Operating",
        "Announced or under construction",
        "Approximate location (commune, postcode)",
        "Sites sharing one point, spread around it",
        "Circle area ∝ t CO₂e per year",
        "Source: EU ETS verified emissions",
    ):
        assert words in legend


def test_the_sea_goes_on_past_the_land_polygon_and_never_south_of_it(project):
    land = project.layers.get("land").data.geometry
    sea = sea_around(land, SEA_MARGIN_DEG)
    minx, miny, maxx, maxy = shapely.total_bounds(land)

    # North of the coast, east and west of the land polygon: sea.
    assert sea.contains(shapely.Point(maxx + 0.5, maxy))
    assert sea.contains(shapely.Point(minx - 0.5, maxy))
    # On land, and south of the land polygon: no sea.
    lon, lat = 2.3, 51.0  # Grande-Synthe
    assert not sea.contains(shapely.Point(lon, lat))
    assert not sea.intersects(shapely.Point(2.3, miny - 0.2))


# -- in a real browser ---------------------------------------------------------------------


@needs_chromium
def test_every_site_sharing_a_point_gets_its_own_click(browser, project, page_2030):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.set_window_size(1400, 1000)
    page = Page(browser, page_2030)
    assert page.errors() == []
    style = FacilityStyle.of(project)
    ids, _ = project.facility_mercator_xy()
    shared = [i for i in range(len(ids)) if style.groups[i] >= 0 and style.has_point[i]]
    assert len(shared) >= 20  # many sites stand on their commune's point
    # Each spread symbol is where the mouse finds it: none lies under another.
    hidden = page.js(
        "return arguments[0].filter(function (i) {"
        " var p = document.querySelector('path.dkgis-facility-' + i);"
        " var b = p.getBoundingClientRect();"
        " return document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2) !== p;"
        "});",
        shared,
    )
    assert hidden == []
    # Clicking each of them opens its own site's popup.
    for i in shared:
        facility = project.facilities[ids[i]]
        page.js(  # the site's point in the middle of the view, no popup open
            "var map = window.dkgisMap; map.closePopup();"
            "map.setView([arguments[0], arguments[1]], map.getZoom(), {animate: false});",
            facility.lat,
            facility.lon,
        )
        path = page.js(f"return document.querySelector('path.dkgis-facility-{i}')")
        ActionChains(browser).move_to_element(path).click().perform()
        name = page.js(
            "var n = document.querySelector('.leaflet-popup .dk-name');"
            "return n ? n.textContent : null;"
        )
        assert name == facility.name
    # The leader lines and true points are drawn, and follow the zoom.
    where = (
        "var p = document.querySelector('path.dkgis-facility-' + arguments[0]);"
        "var b = p.getBoundingClientRect(); return [b.x, b.y, b.width];"
    )
    before = page.js(where, shared[0])
    page.js("window.dkgisMap.setZoom(window.dkgisMap.getZoom() + 2, {animate: false});")
    after = page.js(where, shared[0])
    assert after[:2] != before[:2] and after[2] == pytest.approx(before[2], abs=0.5)


@needs_chromium
def test_the_scale_is_metric_only(browser, page_2030):
    page = Page(browser, page_2030)
    lines = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-control-scale-line'))"
        ".map(function (l) { return l.textContent.trim(); });"
    )
    assert len(lines) == 1
    assert re.fullmatch(r"\d+ (m|km)", lines[0])


@needs_chromium
@pytest.mark.parametrize("size", [(1400, 1000), (700, 1300), (1900, 700)])
def test_no_false_sea_band_whatever_the_window(browser, page_2030, size):
    from PySide6.QtGui import QImage

    browser.set_window_size(*size)
    Page(browser, page_2030)
    image = QImage.fromData(browser.get_screenshot_as_png())
    sea = tuple(int(map_style.SEA[i : i + 2], 16) for i in (1, 3, 5))

    def sea_share(top: int, bottom: int) -> float:
        hits = total = 0
        for y in range(top, bottom, 4):
            for x in range(60, image.width() - 60, 7):
                c = image.pixelColor(x, y)
                hits += (c.red(), c.green(), c.blue()) == sea
                total += 1
        return hits / max(total, 1)

    h = image.height()
    assert sea_share(int(h * 0.9), h - 40) == 0  # the south is land, not a sea band
    assert sea_share(0, int(h * 0.25)) > 0.05  # the sea is still there, north


@needs_chromium
def test_the_page_speaks_the_chosen_language(browser, page_fr):
    browser.set_window_size(1400, 1000)
    page = Page(browser, page_fr)
    assert page.errors() == []
    assert page.js("return document.documentElement.lang") == "fr"
    title = page.js("return document.querySelector('.dk-titlebox').innerText")
    assert "Zone industrialo-portuaire de Dunkerque" in title
    assert "Émissions de CO₂ 2030 · projection · scénario Plans annoncés" in title
    legend = page.js("return document.querySelector('.dk-legend').innerText")
    for french in ("Sidérurgie", "En activité", "Émissions de CO₂ 2030", "10 Mt", "0,5 Mt"):
        assert french in legend, french
    layers = page.js("return document.querySelector('.leaflet-control-layers').innerText")
    assert "Terre" in layers or "Mer" in layers
    # The credit line in the words of the desktop map's sources line.
    credit = page.js("return document.querySelector('.leaflet-control-attribution').innerText")
    assert "contributeurs d’OpenStreetMap" in credit.replace("'", "’")
    assert "OpenStreetMap contributors" not in credit
    words = re.findall(r"[^\W\d_]+", legend + " " + layers)
    english = {"Legend", "Steel", "Operating", "Facilities", "sector", "emissions", "projected"}
    assert english.isdisjoint(words)
    # A popup too.
    page.js("document.querySelector('path.dkgis-facility').dispatchEvent(new MouseEvent('click',"
            " {bubbles: true}))")  # fmt: skip
    popup = page.js("return document.querySelector('.leaflet-popup').innerText")
    assert "Secteur" in popup and "Statut" in popup
