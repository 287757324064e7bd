"""The communes' names on the interactive HTML map: the desktop map's communes, priority and
style; never two names on one another at any zoom, more names as the reader zooms in; a
layer entry hides them; a hostile commune name is shown as text (headless Chromium, offline).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely
from chromium import Page, chromium_driver, exported_map, needs_chromium
from gpkg_factory import make_dataset

from dkgis.export.html import HtmlMapOptions, build_html_map, export_html_map
from dkgis.export.html.places import commune_layer
from dkgis.map import style as map_style
from dkgis.model.project import Project
from dkgis.symbology.places import PlaceNames

#: A commune name that would show an alert (and break the test) if the page ever ran it.
HOSTILE_COMMUNE = "</script><img src=x onerror=alert(1)>"

#: The main towns of the default dataset (the names drawn larger).
MAIN_TOWNS = ("Dunkerque", "Grande-Synthe", "Gravelines", "Loon-Plage", "Bourbourg")

#: The names shown, with their boxes in the page and their centres on the map.
VISIBLE_NAMES = """
var frame = document.querySelector('.leaflet-container').getBoundingClientRect();
return Array.from(document.querySelectorAll('.dk-place')).filter(function (e) {
  return getComputedStyle(e).visibility === 'visible';
}).map(function (e) {
  var b = e.getBoundingClientRect();
  var c = dkgisMap.containerPointToLatLng([(b.left + b.right) / 2 - frame.left,
                                           (b.top + b.bottom) / 2 - frame.top]);
  return {name: e.textContent, box: [b.left, b.top, b.right, b.bottom], lat: c.lat, lon: c.lng,
          major: e.classList.contains('dk-place-major')};
});
"""

#: The boxes of the symbols drawn (facilities, emission circles, "no data" markers).
SYMBOL_BOXES = """
return Array.from(document.querySelectorAll(
  'path.dkgis-facility, path.dkgis-emission, path.dkgis-no-data')).map(function (p) {
  var b = p.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom];
});
"""


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.load()


@pytest.fixture(scope="module")
def page_en(project, tmp_path_factory):
    return exported_map(project, tmp_path_factory.mktemp("html") / "carte.html")


@pytest.fixture(scope="module")
def page_fr(project, tmp_path_factory):
    return exported_map(project, tmp_path_factory.mktemp("html") / "carte-fr.html", "fr")


@pytest.fixture(scope="module", name="browser")
def _browser():
    yield from chromium_driver()


@pytest.fixture
def big_window(browser):
    size = browser.get_window_size()
    browser.set_window_size(1400, 1000)
    yield browser
    browser.set_window_size(size["width"], size["height"])


def _page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="dkgis-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def _overlapping(names: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            x0, y0, x1, y1 = a["box"]
            u0, v0, u1, v1 = b["box"]
            if x0 < u1 and u0 < x1 and y0 < v1 and v0 < y1:
                pairs.append((a["name"], b["name"]))
    return pairs


def _zoom_in_at(browser, page: Page, x: float, y: float) -> None:
    """Double-click the map at ``x``, ``y`` (container pixels), as a reader zooms in on a
    place, and wait for the zoom to settle."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    container = browser.find_element(By.CSS_SELECTOR, ".leaflet-container")
    zoom = page.js("return dkgisMap.getZoom()")
    # The names are placed on ``moveend``, which ends the zoom (after its animation).
    page.js(
        "window.__settled = false; dkgisMap.once('moveend', function () {"
        " window.__settled = true; });"
    )
    size = container.size
    ActionChains(browser).move_to_element_with_offset(
        container, x - size["width"] / 2, y - size["height"] / 2
    ).double_click().perform()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return window.__settled"))
    assert page.js("return dkgisMap.getZoom()") > zoom


# -- the file ----------------------------------------------------------------------------


def test_the_page_has_the_desktop_communes_in_the_desktop_priority(project):
    html, _ = build_html_map(project)
    places = _page_data(html)["places"]
    desktop = PlaceNames.of(project, commune_layer(project))
    # The same communes; the main towns first, then the desktop's order.
    assert sorted(p["name"] for p in places) == sorted(desktop.names)
    majors = [n for n, m in zip(desktop.names, desktop.major, strict=True) if m]
    others = [n for n, m in zip(desktop.names, desktop.major, strict=True) if not m]
    assert [p["name"] for p in places] == majors + others
    assert majors[:5] == list(MAIN_TOWNS) and majors == [
        p["name"] for p in places if p["kind"] == 0
    ]
    # Kinds: main towns, other communes of the Communauté urbaine, communes outside it.
    cud = {n for n, c in zip(desktop.names, desktop.in_cud, strict=True) if c}
    assert all((p["kind"] < 2) == (p["name"] in cud) for p in places)


def test_the_page_data_holds_each_commune_outline_and_points_inside_it(project):
    html, _ = build_html_map(project)
    places = _page_data(html)["places"]
    desktop = PlaceNames.of(project, commune_layer(project))
    polygons = dict(zip(desktop.names, desktop.polygons, strict=True))
    for place in places:
        # Rings are steps from point to point; summed, they give the outline back.
        rings = [np.cumsum(np.reshape(r, (-1, 2)), axis=0) for r in place["rings"]]
        outline = shapely.MultiPolygon([shapely.Polygon(r) for r in rings]).buffer(0)
        true = polygons[place["name"]]
        assert outline.symmetric_difference(true).area < 0.02 * true.area, place["name"]
        inner = np.reshape(place["inner"], (-1, 2)) + place["anchor"]
        assert shapely.contains_xy(true, inner[:, 0], inner[:, 1]).all(), place["name"]
        assert true.contains(shapely.Point(place["anchor"])), place["name"]
    big = next(p for p in places if p["name"] == "Dunkerque")
    assert len(big["inner"]) // 2 >= 8


def test_the_names_have_the_desktop_fonts_colours_and_halo(project):
    html, _ = build_html_map(project)
    css = html[html.index(".dk-place {") :]
    assert f"font-size: {map_style.PLACE_SIZE:g}px" in css
    assert f".dk-place-major {{ font-size: {map_style.PLACE_MAJOR_SIZE:g}px; }}" in css
    assert f"font-size: {map_style.PLACE_MINOR_SIZE:g}px;" in css
    assert f"color: {map_style.PLACE_TEXT};" in css
    assert f"color: {map_style.PLACE_MINOR_TEXT};" in css
    assert css.count(f"0 {map_style.LABEL_HALO}") == 12  # the text drawn around itself
    assert "pointer-events: none" in css


def test_a_hostile_commune_name_is_data_in_the_file(tmp_path):
    project = Project.load(
        make_dataset(tmp_path / "x.gpkg", edit={("communes", 0): {"name": HOSTILE_COMMUNE}})
    )
    html, _ = build_html_map(project)
    # Nowhere as markup: only in the JSON block, where it cannot close an element.
    assert "<img src=x" not in html
    assert "</script><img" not in html
    assert HOSTILE_COMMUNE in [p["name"] for p in _page_data(html)["places"]]


def test_a_project_without_communes_has_no_names_entry(tmp_path):
    project = Project.load(make_dataset(tmp_path / "x.gpkg"))
    project.layers.remove(project.layers.get("communes"))
    html, _ = build_html_map(project)
    data = _page_data(html)
    assert "places" not in data and "Commune names" not in data["layers"]
    assert "Facilities by sector" in data["layers"]


# -- in a real browser ---------------------------------------------------------------------


@needs_chromium
def test_chromium_names_the_main_towns_without_overlaps(big_window, page_en):
    page = Page(big_window, page_en)
    assert page.errors() == []
    web = [u for u in page.requests if u.startswith(("http:", "https:", "ws:", "wss:"))]
    assert web == []
    names = page.js(VISIBLE_NAMES)
    shown = [n["name"] for n in names]
    assert "Dunkerque" in shown and "Gravelines" in shown
    assert set(MAIN_TOWNS) <= set(shown)
    assert {n["name"] for n in names if n["major"]} == set(MAIN_TOWNS)
    assert len(names) >= 15
    assert _overlapping(names) == []
    # The desktop's font, size and colour; no pointer events.
    family, colour, size, events = page.js(
        "var s = getComputedStyle(document.querySelector('.dk-place-major'));"
        "return [s.fontFamily, s.color, s.fontSize, s.pointerEvents];"
    )
    assert family.startswith(f'"{map_style.FONT_FAMILY}"')
    assert colour == "rgb({}, {}, {})".format(
        *(int(map_style.PLACE_TEXT[i : i + 2], 16) for i in (1, 3, 5))
    )
    assert size == f"{map_style.PLACE_MAJOR_SIZE:g}px" and events == "none"
    # Every name is wholly on the map, and off the controls (the legend, the layer list).
    frame = page.js(
        "var b = document.querySelector('.leaflet-container').getBoundingClientRect();"
        "return [b.left, b.top, b.right, b.bottom];"
    )
    controls = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-control, .dk-titlebox'))"
        ".map(function (e) { var b = e.getBoundingClientRect();"
        " return [b.left, b.top, b.right, b.bottom]; });"
    )
    for n in names:
        x0, y0, x1, y1 = n["box"]
        assert frame[0] <= x0 < x1 <= frame[2] and frame[1] <= y0 < y1 <= frame[3], n
        assert not any(x0 < c[2] and c[0] < x1 and y0 < c[3] and c[1] < y1 for c in controls), n
    # Only a main town may sit on a symbol, when its ground has no room left; none does here.
    symbols = page.js(SYMBOL_BOXES)
    over = [
        n["name"]
        for n in names
        if any(
            n["box"][0] < s[2] and s[0] < n["box"][2] and n["box"][1] < s[3] and s[1] < n["box"][3]
            for s in symbols
        )
    ]
    assert over == []
    # The names catch no click: a click on a name goes to what is under it.
    for n in names:
        x0, y0, x1, y1 = n["box"]
        assert page.js(
            "var e = document.elementFromPoint(arguments[0], arguments[1]);"
            "return !e.closest('.dk-place');",
            (x0 + x1) / 2,
            (y0 + y1) / 2,
        ), n["name"]


@needs_chromium
def test_chromium_zooming_in_names_more_places_never_overlapping(big_window, page_en):
    page = Page(big_window, page_en)
    before = page.js(VISIBLE_NAMES)
    # The reader double-clicks twice on Bergues's countryside, south-east of the port.
    x, y = page.js("var p = dkgisMap.latLngToContainerPoint([50.955, 2.45]); return [p.x, p.y];")
    for _ in range(2):
        _zoom_in_at(big_window, page, x, y)
        assert _overlapping(page.js(VISIBLE_NAMES)) == []
    after = page.js(VISIBLE_NAMES)
    south, west, north, east = page.js(
        "var b = dkgisMap.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(),"
        " b.getEast()];"
    )
    here_before = {
        n["name"] for n in before if south <= n["lat"] <= north and west <= n["lon"] <= east
    }
    here_after = {n["name"] for n in after}
    # More names on the same ground, the earlier ones among them (Bergues, Hoymille appear).
    assert len(here_after) > len(here_before) >= 2
    assert here_before <= here_after
    assert {"Bergues", "Hoymille"} <= here_after - here_before
    assert page.errors() == []


@needs_chromium
def test_chromium_zoomed_in_past_a_town_centre_still_names_the_town(big_window, page_en):
    page = Page(big_window, page_en)
    # The point of Dunkerque's ground farthest from its name's anchor, close up.
    anchor_off_view = page.js(
        "var p = dkgisData.places.filter(function (p) { return p.name === 'Dunkerque'; })[0];"
        "var crs = dkgisMap.options.crs, best = null, far = -1;"
        "for (var k = 0; k < p.inner.length; k += 2) {"
        "  var d = Math.hypot(p.inner[k], p.inner[k + 1]);"
        "  if (d > far) { far = d;"
        "    best = L.point(p.anchor[0] + p.inner[k], p.anchor[1] + p.inner[k + 1]); } }"
        "dkgisMap.setView(crs.unproject(best), 15, {animate: false});"
        "var a = dkgisMap.latLngToContainerPoint(crs.unproject(L.point(p.anchor[0], p.anchor[1])));"
        "var s = dkgisMap.getSize();"
        "return a.x < 0 || a.y < 0 || a.x > s.x || a.y > s.y;"
    )
    assert anchor_off_view
    names = page.js(VISIBLE_NAMES)
    assert "Dunkerque" in [n["name"] for n in names]
    assert _overlapping(names) == []
    assert page.errors() == []


@needs_chromium
def test_chromium_zoomed_out_names_only_the_main_towns_first(big_window, page_en):
    page = Page(big_window, page_en)
    before = page.js(VISIBLE_NAMES)
    page.js("dkgisMap.setZoom(dkgisMap.getZoom() - 2, {animate: false});")
    names = page.js(VISIBLE_NAMES)
    assert _overlapping(names) == []
    assert set(MAIN_TOWNS) <= {n["name"] for n in names}
    assert len(names) < len(before) / 2
    # No commune outside the Communauté urbaine is named at this scale.
    outside = page.js(
        "return dkgisData.places.filter(function (p) { return p.kind === 2; })"
        ".map(function (p) { return p.name; });"
    )
    assert not {n["name"] for n in names} & set(outside)


@needs_chromium
def test_chromium_the_layer_list_hides_and_shows_the_names(big_window, page_en):
    from selenium.webdriver.common.by import By

    page = Page(big_window, page_en)
    entry = next(
        label
        for label in big_window.find_elements(
            By.CSS_SELECTOR, ".leaflet-control-layers-overlays label"
        )
        if label.text.strip() == "Commune names"
    )
    assert len(page.js(VISIBLE_NAMES)) >= 15
    entry.click()
    assert page.js(VISIBLE_NAMES) == []
    assert page.js("return document.querySelectorAll('.dk-place').length") == 0
    entry.click()
    names = page.js(VISIBLE_NAMES)
    assert "Dunkerque" in [n["name"] for n in names] and _overlapping(names) == []
    assert page.errors() == []


@needs_chromium
def test_chromium_names_make_room_for_the_legend_unfolded(browser, page_en):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    size = browser.get_window_size()
    browser.set_window_size(900, 640)
    try:
        page = Page(browser, page_en)
        assert page.js("return document.querySelector('.dk-legend details').open") is False
        browser.find_element(By.CSS_SELECTOR, ".dk-legend summary").click()
        legend = page.js(
            "var b = document.querySelector('.dk-legend').getBoundingClientRect();"
            "return [b.left, b.top, b.right, b.bottom];"
        )

        def under_legend() -> list[str]:
            return [
                n["name"]
                for n in page.js(VISIBLE_NAMES)
                if n["box"][0] < legend[2]
                and legend[0] < n["box"][2]
                and n["box"][1] < legend[3]
                and legend[1] < n["box"][3]
            ]

        # The page hears the legend unfold (a 'toggle' event, a moment after the click).
        WebDriverWait(browser, 5).until(lambda _: under_legend() == [])
        assert "Dunkerque" in [n["name"] for n in page.js(VISIBLE_NAMES)]
    finally:
        browser.set_window_size(size["width"], size["height"])


@needs_chromium
def test_chromium_french_page_lists_noms_des_communes(big_window, page_fr):
    page = Page(big_window, page_fr)
    labels = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
        ".map(function (l) { return l.textContent.trim(); });"
    )
    assert "Noms des communes" in labels
    shown = [n["name"] for n in page.js(VISIBLE_NAMES)]
    assert "Dunkerque" in shown and "Gravelines" in shown
    assert page.errors() == []


@needs_chromium
def test_chromium_shows_a_hostile_commune_name_as_inert_text(browser, tmp_path):
    project = Project.load(
        make_dataset(tmp_path / "x.gpkg", edit={("communes", 0): {"name": HOSTILE_COMMUNE}})
    )
    out = tmp_path / "x.html"
    export_html_map(project, out)
    page = Page(browser, out)
    shown = [n["name"] for n in page.js(VISIBLE_NAMES)]
    assert HOSTILE_COMMUNE in shown
    # Shown as the text it is: no element made of it, no script run (an alert would have
    # stopped the page and this test).
    assert page.js("return document.querySelectorAll('img[src=x], .dk-place *').length") == 0
    assert page.errors() == []


@needs_chromium
def test_chromium_names_are_off_over_online_tiles(browser, project, tmp_path):
    out = tmp_path / "tiles.html"
    export_html_map(project, out, HtmlMapOptions(tiles=True))
    page = Page(browser, out)
    # The tiles name the places themselves (as on the desktop map); the entry is there.
    assert page.js("return document.querySelectorAll('.dk-place').length") == 0
    entry = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
        ".filter(function (l) { return l.textContent.trim() === 'Commune names'; })"
        ".map(function (l) { return l.querySelector('input').checked; });"
    )
    assert entry == [False]
