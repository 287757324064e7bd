"""The interactive HTML map: one offline file, escaped text, honest labels, and the page
really working in headless Chromium with the network cut off.

The browser tests drive Debian's ``chromium`` through ``chromedriver`` (selenium, pointed at
/usr/bin: nothing is downloaded). Requests to http(s) are blocked three ways (a dead proxy
on 127.0.0.1:9, DevTools' blocked URLs and offline emulation), so no test can reach the
internet, and the DevTools log proves the page did not even try.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from chromium import Page, chromium_driver, needs_chromium
from gpkg_factory import default_rows, make_dataset

from dkgis.export.html import (
    ExternalResourceError,
    HtmlMapOptions,
    build_html_map,
    export_html_map,
    external_resources,
    leaflet_assets,
)
from dkgis.export.html.emissions import MAX_RADIUS_PX, year_emissions
from dkgis.export.html.sparkline import sparkline_svg
from dkgis.map import style as map_style
from dkgis.model.frame import frame_of
from dkgis.model.project import Project
from dkgis.model.trajectory import last_verified_year
from dkgis.symbology.sectors import sector_colour

ROOT = Path(__file__).resolve().parents[1]

#: Strings a hostile dataset puts where names, operators, sources and credits go. Each
#: would set ``window.__xss`` if the page ever ran it.
XSS_NAME = "</script><script>window.__xss='name'</script><img src=x onerror=\"window.__xss='img'\">"
XSS_OPERATOR = "${window.__xss='template'}`<b onmouseover=\"window.__xss='b'\">op</b>"
XSS_SUBSECTOR = "<svg onload=\"window.__xss='svg'\"></svg>"
XSS_COMMUNE = "'\"><iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>"
XSS_SOURCE_TITLE = "<script>window.__xss='source'</script>EUTL"
XSS_SOURCE_URL = "javascript:window.__xss='url'"
XSS_PIPELINE = "<img src=y onerror=\"window.__xss='pipe'\">Artère"
XSS_CREDIT = "© OpenStreetMap contributors <script>window.__xss='credit'</script>"


@pytest.fixture(scope="module")
def default_project() -> Project:
    return Project.load()


@pytest.fixture(scope="module")
def default_export(default_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "dunkerque.html"
    result = export_html_map(default_project, out)
    return out, result


def _xss_dataset(path: Path) -> Path:
    rows = default_rows()
    eutl = next(i for i, s in enumerate(rows["sources"]) if s["id"] == "eutl")
    osm = next(i for i, s in enumerate(rows["sources"]) if s["id"] == "osm_land")
    lines = rows["infrastructure_lines"]
    pipe = next(i for i, r in enumerate(lines) if r["kind"] == "gas_pipeline")
    return make_dataset(
        path,
        edit={
            ("facilities", 0): {
                "name": XSS_NAME,
                "operator": XSS_OPERATOR,
                "subsector": XSS_SUBSECTOR,
                "commune": XSS_COMMUNE,
            },
            ("sources", eutl): {"title": XSS_SOURCE_TITLE, "url": XSS_SOURCE_URL},
            ("sources", osm): {"attribution": XSS_CREDIT},
            ("infrastructure_lines", pipe): {"name": XSS_PIPELINE},
        },
    )


@pytest.fixture(scope="module")
def xss_project(tmp_path_factory) -> Project:
    return Project.load(_xss_dataset(tmp_path_factory.mktemp("xss") / "xss.gpkg"))


def _located(project: Project) -> int:
    return sum(
        1 for f in project.facilities.values() if math.isfinite(f.lat) and math.isfinite(f.lon)
    )


# -- the file ----------------------------------------------------------------------------


_SRC_OR_HREF = re.compile(
    r"<(script|link|img|iframe|source|embed)\b[^>]*?\b(src|href)\s*=\s*[\"']?\s*(https?:)?//",
    re.IGNORECASE,
)


def test_the_page_loads_nothing_from_the_internet(default_export):
    out, _ = default_export
    html = out.read_text(encoding="utf-8")
    # Independent of the exporter's own check: no script/link/img source on the web.
    assert _SRC_OR_HREF.search(html) is None
    assert "cdn." not in html.lower() and "cdnjs" not in html.lower()
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert re.search(r"url\(\s*[\"']?(https?:)?//", html) is None
    assert "@import" not in html
    assert "sourceMappingURL" not in html
    assert external_resources(html) == []
    # The web addresses left are links to click and namespaces, never loads.
    for match in re.finditer(r"https?://[^\s\"'<>\\)]+", html):
        before = html[max(0, match.start() - 12) : match.start()]
        assert (
            "href=" in before
            or "xmlns=" in before
            or match.group().startswith(
                (
                    "http://www.w3.org/",
                    "https://leafletjs.com",
                    "https://bugs.chromium.org",
                    "https://bugzilla.mozilla.org",
                )
            )
        ), match.group()


def test_leaflet_is_inlined_from_the_asset_package(default_export):
    out, result = default_export
    html = out.read_text(encoding="utf-8")
    assets = leaflet_assets()
    assert result.leaflet_version == assets.version
    assert re.fullmatch(r"\d+\.\d+\.\d+", assets.version)
    # The whole library and stylesheet are in the page, the stylesheet's images inlined.
    assert assets.js.strip()[-200:] in html
    assert ".leaflet-control-layers-toggle" in html
    assert 'url("data:image/png;base64,' in html
    assert "images/layers.png" not in html


def test_the_exporter_refuses_pages_that_would_load_from_a_cdn():
    page = (
        '<html><head><script src="https://cdn.jsdelivr.net/npm/leaflet.js"></script>'
        '<link rel="stylesheet" href="//cdn.example/x.css"><style>@import "x.css";'
        ".a{background:url(https://tiles.example/a.png)}</style></head>"
        '<body><a href="https://example.org/">a link is fine</a>'
        '<img src="data:image/png;base64,AAAA"></body></html>'
    )
    found = external_resources(page)
    assert len(found) == 4
    assert not any("example.org" in u for u in found)
    assert ExternalResourceError.__mro__[1] is RuntimeError


def test_one_marker_per_located_facility_and_a_circle_per_value(default_project, default_export):
    out, result = default_export
    html = out.read_text(encoding="utf-8")
    located = _located(default_project)
    assert result.facility_markers == located == len(default_project.facilities)
    assert len(re.findall(r'"className": "dkgis-facility dkgis-facility-\d+"', html)) == located
    last = last_verified_year(default_project)
    with_value = [
        fid for fid, s in default_project.emissions.items() if (s.value(last, "verified") or 0) > 0
    ]
    assert result.year == last and result.kind == "verified"
    assert result.emission_circles == len(with_value) > 5
    assert len(re.findall(r'"className": "dkgis-emission"', html)) == len(with_value)


def test_a_facility_without_a_location_is_counted_out_and_said(tmp_path):
    project = Project.load(
        make_dataset(tmp_path / "d.gpkg", edit={("facilities", 3): {"geometry": None}})
    )
    html, info = build_html_map(project)
    assert info["facility_markers"] == 3 == _located(project) == len(project.facilities) - 1
    assert "Facilities without a location, not on the map: 1." in html


def test_the_file_is_small_and_reports_what_it_wrote(default_export):
    out, result = default_export
    assert result.size_bytes == out.stat().st_size
    # Leaflet (~150 kB), the vector basemap and 65 popups with charts: well under 1.5 MB.
    assert 200_000 < result.size_bytes < 1_500_000
    assert result.seconds > 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "© OpenStreetMap contributors" in html


def test_circle_areas_are_proportional_to_the_tonnes(default_project):
    emissions = year_emissions(default_project, frame_of(default_project))
    values = [v for v in emissions.values if math.isfinite(v) and v > 0]
    big, small = max(values), min(values)
    r_big, r_small = emissions.radius(big), emissions.radius(small)
    assert r_big**2 / r_small**2 == pytest.approx(big / small)
    # The scale is the largest verified value of the whole record, the same every year.
    record_max = max(v for s in default_project.emissions.values() for v in s.verified().values())
    assert emissions.radius(record_max) == pytest.approx(MAX_RADIUS_PX)
    other = year_emissions(default_project, frame_of(default_project, year=2010))
    assert other.radius(big) == pytest.approx(r_big)


def test_a_projected_year_says_projected_and_names_the_scenario(default_project, tmp_path):
    last = last_verified_year(default_project)
    out = tmp_path / "projected.html"
    frame = frame_of(default_project, year=last + 8)
    result = export_html_map(default_project, out, HtmlMapOptions(frame=frame))
    html = out.read_text(encoding="utf-8")
    assert result.kind == "projected" and result.scenario == "Announced plans"
    # The words of the desktop map: its caption, and each value with its kind.
    assert f"CO₂ emissions {last + 8} · projected · scenario Announced plans" in html
    assert "t CO₂e · projected · scenario Announced plans" in html
    assert "not a measurement" in html
    assert "they are not measurements" in html
    # Verified values are never labelled projected: the latest verified row stays verified.
    assert f"in {last}" in html
    # Projected circles are drawn dashed.
    assert '"dashArray": "4 3"' in html


def test_a_verified_year_shows_the_verified_values_only(default_project):
    year = 2015
    frame = frame_of(default_project, year=year)
    html, info = build_html_map(default_project, HtmlMapOptions(frame=frame))
    assert info["kind"] == "verified" and info["year"] == year
    assert f"CO₂ emissions {year} · EU ETS verified" in html
    assert "projected" not in html
    reporting = sum(
        1 for s in default_project.emissions.values() if (s.value(year, "verified") or 0) > 0
    )
    assert info["emission_circles"] == reporting


def test_a_year_outside_the_data_is_refused_and_the_old_file_kept(tmp_path):
    project = Project.load(make_dataset(tmp_path / "d.gpkg"))  # verified from 2019 on
    out = tmp_path / "map.html"
    out.write_text("previous map", encoding="utf-8")
    frame = frame_of(project, year=2010)
    with pytest.raises(ValueError, match=r"year 2010 is outside the data: choose a year from"):
        export_html_map(project, out, HtmlMapOptions(frame=frame))
    assert out.read_text(encoding="utf-8") == "previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.gpkg", "map.html"]


def test_an_unwritable_folder_is_an_os_error(default_project, tmp_path):
    with pytest.raises(OSError):
        export_html_map(default_project, tmp_path / "missing" / "map.html")


def test_data_text_is_escaped_in_the_file(xss_project):
    html, _ = build_html_map(xss_project)
    for payload in (
        XSS_NAME,
        XSS_OPERATOR,
        XSS_SUBSECTOR,
        XSS_COMMUNE,
        XSS_SOURCE_TITLE,
        XSS_PIPELINE,
        XSS_CREDIT,
    ):
        assert payload not in html
    assert "<script>window.__xss" not in html
    # The markup of the payloads is never there as markup (its text is, escaped).
    for tag in ("<img src=x", "<img src=y", "<iframe", "<svg onload", "<b onmouseover"):
        assert tag not in html
    # A javascript: URL never becomes a link.
    assert 'href="javascript:' not in html and 'href=\\"javascript:' not in html
    assert external_resources(html) == []


def test_sparkline_breaks_the_line_at_missing_years():
    svg = sparkline_svg({2005: 10.0, 2006: 12.0, 2007: 11.0, 2010: 9.0, 2011: 8.0})
    assert svg.count("<polyline") == 2
    single = sparkline_svg({2005: 10.0, 2006: 12.0, 2009: 4.0})
    assert single.count("<polyline") == 1 and single.count("<circle") == 1
    projected = sparkline_svg(
        {2020: 5.0, 2021: 6.0}, projected={2022: 4.0, 2023: 2.0}, mark_year=2023
    )
    assert 'stroke-dasharray="4 2.5"' in projected
    assert sparkline_svg({}) == ""
    assert "&lt;b&gt;" in sparkline_svg({2020: 1.0}, title="<b>")


# -- the command line ----------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dkgis", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )


def test_cli_exports_the_html_map(tmp_path):
    data = make_dataset(tmp_path / "d.gpkg")
    out = tmp_path / "map.html"
    result = _run("export", str(out), "--data", str(data), "--year", "2022")
    assert result.returncode == 0, result.stderr
    assert "interactive map, 4 facilities, CO₂ emissions 2022 · EU ETS verified" in result.stdout
    assert external_resources(out.read_text(encoding="utf-8")) == []


def test_cli_html_errors_are_one_clear_line(tmp_path):
    data = make_dataset(tmp_path / "d.gpkg")
    cases = {
        ("--year", "1990"): "must be between 2005 and 2050, not 1990",
        ("--year", "twenty"): "not a year",
        ("--scenario", "Wishful thinking"): "unknown scenario 'Wishful thinking'",
    }
    for extra, message in cases.items():
        result = _run("export", str(tmp_path / "m.html"), "--data", str(data), *extra)
        assert result.returncode == 2, (extra, result.stderr)
        assert message in result.stderr
        # One error line (argparse puts its usage above it for a malformed argument).
        assert [line for line in result.stderr.splitlines() if "error:" in line] == [
            result.stderr.strip().splitlines()[-1]
        ]
        assert "Traceback" not in result.stderr
    result = _run("export", str(tmp_path / "m.pdfx"), "--data", str(data))
    assert result.returncode == 2 and "unknown format '.pdfx'" in result.stderr
    result = _run("export", str(tmp_path / "m.png"), "--data", str(data), "--tiles")
    assert result.returncode == 2 and "--tiles applies to .html maps only" in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_folium_is_not_imported_at_startup():
    code = (
        "import sys; import dkgis.cli, dkgis.ui.main_window, dkgis.export.image; "
        "print(','.join(m for m in ('folium', 'branca', 'jinja2', 'selenium') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# -- the desktop app -----------------------------------------------------------------------


def test_file_menu_exports_the_interactive_map(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load(make_dataset(tmp_path / "d.gpkg")))
    qtbot.addWidget(window)
    window.show()
    out = tmp_path / "from the menu.html"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Web page (*.html)")
    )
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.objectName() == "exportHtmlAction")
    assert "HTML" in action.text()
    action.trigger()
    qtbot.waitUntil(
        lambda: "from the menu.html" in window.statusBar().currentMessage(), timeout=30000
    )
    assert out.exists()
    html = out.read_text(encoding="utf-8")
    assert external_resources(html) == []
    assert "Aluminium Dunkerque" in html


def test_a_failed_export_from_the_menu_says_why(qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load(make_dataset(tmp_path / "d.gpkg")))
    qtbot.addWidget(window)
    window.export_html(tmp_path / "no such folder" / "map.html")

    def box_shown() -> QMessageBox | None:
        return window.findChild(QMessageBox, "htmlExportErrorBox")

    qtbot.waitUntil(lambda: box_shown() is not None and box_shown().isVisible(), timeout=30000)
    assert "could not be exported" in box_shown().text()
    assert "map.html" in box_shown().informativeText()
    assert not (tmp_path / "no such folder").exists()


# -- in a real browser ---------------------------------------------------------------------


@pytest.fixture(scope="module", name="browser")
def _browser():
    yield from chromium_driver()


def _screenshot_colours(png: bytes) -> tuple[set[tuple[int, int, int]], int, int]:
    from PySide6.QtGui import QImage

    image = QImage.fromData(png)
    colours = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            colours.add((c.red(), c.green(), c.blue()))
    return colours, image.width(), image.height()


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


@needs_chromium
def test_chromium_renders_the_map_offline(browser, default_project, default_export):
    out, result = default_export
    page = Page(browser, out)
    # No console error, no failed script.
    assert page.errors() == []
    # Nothing was requested from the network: only the file itself (and data: URIs).
    web = [u for u in page.requests if u.startswith(("http:", "https:", "ws:", "wss:"))]
    assert web == []
    # The Leaflet map is there and has a size.
    size = page.js(
        "var c = document.querySelector('.leaflet-container');"
        "return c ? [c.clientWidth, c.clientHeight] : null;"
    )
    assert size is not None and size[0] > 500 and size[1] > 400
    # One marker per facility, one circle per facility with a value in the year.
    markers = page.js("return document.querySelectorAll('path.dkgis-facility').length")
    assert markers == _located(default_project) == result.facility_markers
    circles = page.js("return document.querySelectorAll('path.dkgis-emission').length")
    assert circles == result.emission_circles
    # Every marker is drawn inside the view the page opens on.
    outside = page.js(
        "var r = document.querySelector('.leaflet-container').getBoundingClientRect();"
        "return Array.from(document.querySelectorAll('path.dkgis-facility')).filter(function (p)"
        " { var b = p.getBoundingClientRect(); return b.width === 0 || b.left < r.left ||"
        " b.right > r.right || b.top < r.top || b.bottom > r.bottom; }).length;"
    )
    assert outside == 0
    # The layer control lists the layers; the legend and the credits are shown.
    labels = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
        ".map(function (l) { return l.textContent.trim(); });"
    )
    assert "Facilities by sector" in labels and "Land" in labels and len(labels) >= 5
    # A big window shows the layer list and the legend unfolded.
    assert page.js("return document.querySelector('.dk-legend details').open") is True
    assert page.js(
        "return document.querySelector('.leaflet-control-layers')"
        ".classList.contains('leaflet-control-layers-expanded')"
    )
    legend = page.js("return document.querySelector('.dk-legend').innerText")
    assert "Steel" in legend and "CO₂ emissions" in legend and "Planned" in legend
    attribution = page.js("return document.querySelector('.leaflet-control-attribution').innerText")
    assert "© OpenStreetMap contributors" in attribution
    # The screenshot is a map, not a blank page: sea, land and facility colours are drawn.
    colours, width, height = _screenshot_colours(browser.get_screenshot_as_png())
    assert width >= 1000 and height >= 600
    assert len(colours) > 100
    assert _rgb(map_style.SEA) in colours
    assert _rgb(map_style.COMMUNE_CUD.fill) in colours
    assert _rgb(sector_colour("steel")) in colours


@needs_chromium
def test_chromium_small_window_folds_the_layer_list_and_legend(browser, default_export):
    from selenium.webdriver.common.by import By

    out, _ = default_export
    size = browser.get_window_size()
    browser.set_window_size(900, 640)
    try:
        page = Page(browser, out)
        assert page.js("return window.innerWidth < 1100 || window.innerHeight < 700")
        assert (
            page.js(
                "return document.querySelector('.leaflet-control-layers')"
                ".classList.contains('leaflet-control-layers-expanded')"
            )
            is False
        )
        assert page.js("return document.querySelector('.dk-legend details').open") is False
        # A click on "Legend" unfolds it; it stays inside the window.
        browser.find_element(By.CSS_SELECTOR, ".dk-legend summary").click()
        assert "Steel" in page.js("return document.querySelector('.dk-legend').innerText")
        box = page.js(
            "var b = document.querySelector('.dk-legend').getBoundingClientRect();"
            "return [b.top, b.bottom, window.innerHeight];"
        )
        assert 0 <= box[0] < box[1] <= box[2]
        assert page.errors() == []
    finally:
        browser.set_window_size(size["width"], size["height"])


@needs_chromium
def test_chromium_popup_shows_the_facility(browser, default_project, default_export):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    out, _ = default_export
    page = Page(browser, out)
    ids, _ = default_project.facility_mercator_xy()
    fid = max(ids, key=lambda i: default_project.emissions[i].verified().get(2022, 0))
    facility = default_project.facilities[fid]
    marker = browser.find_element(By.CSS_SELECTOR, f"path.dkgis-facility-{ids.index(fid)}")
    ActionChains(browser).move_to_element(marker).click().perform()
    text = page.js(
        "var p = document.querySelector('.leaflet-popup-content'); return p && p.innerText;"
    )
    assert text is not None, "clicking the marker opened no popup"
    latest = default_project.latest_verified(fid)
    assert facility.name in text
    assert facility.operator in text
    assert "Steel" in text and "Operating" in text
    assert f"{latest.value_t:,.0f} t CO₂e in {latest.year}" in text
    assert "Verified EU ETS emissions" in text
    assert "Jobs\tmore than 3,000 direct jobs (stated 2024) francetvinfo.fr" in text
    assert (
        page.js("return document.querySelectorAll('.leaflet-popup-content svg.dk-spark').length")
        == 1
    )
    assert page.errors() == []


@needs_chromium
def test_chromium_shows_hostile_names_as_text_and_runs_nothing(browser, xss_project, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    out = tmp_path / "xss.html"
    export_html_map(xss_project, out)
    page = Page(browser, out)
    assert page.js("return document.querySelectorAll('path.dkgis-facility').length") == 4
    marker = browser.find_element(By.CSS_SELECTOR, "path.dkgis-facility-0")
    ActionChains(browser).move_to_element(marker).click().perform()
    popup = page.js(
        "var p = document.querySelector('.leaflet-popup-content'); return p && p.innerText;"
    )
    assert popup is not None
    # The hostile strings are shown as the text they are.
    assert XSS_NAME in popup
    assert XSS_OPERATOR in popup
    assert XSS_COMMUNE in popup
    assert XSS_SOURCE_TITLE in popup
    # The javascript: source URL is no link; the key figures' web pages are.
    hrefs = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-popup-content a'))"
        ".map(function (a) { return a.getAttribute('href'); });"
    )
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    # Hover labels and the credits are text too.
    page.js(
        "document.querySelector('path.dkgis-facility-0').dispatchEvent("
        "new MouseEvent('mouseover', {bubbles: true}));"
    )
    tooltips = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-tooltip'))"
        ".map(function (t) { return t.innerText; });"
    )
    assert XSS_NAME in tooltips
    browser.find_element(By.CSS_SELECTOR, ".dk-sources summary").click()
    assert XSS_CREDIT in page.js("return document.querySelector('.dk-legend').innerText")
    assert XSS_CREDIT in page.js(
        "return document.querySelector('.leaflet-control-attribution').innerText"
    )
    # No injected element exists and no injected script ran.
    assert page.js("return document.querySelectorAll('iframe, img[src=x], img[src=y]').length") == 0
    assert page.js("return typeof window.__xss") == "undefined"
    assert page.errors() == []


@needs_chromium
def test_chromium_online_tiles_fail_quietly_offline(browser, default_project, tmp_path):
    out = tmp_path / "tiles.html"
    result = export_html_map(default_project, out, HtmlMapOptions(tiles=True))
    page = Page(browser, out)
    # The tiles were asked for (and blocked: this machine and test are offline) ...
    tiles = [u for u in page.requests if u.startswith("https://tile.openstreetmap.org/")]
    assert tiles
    # ... and the offline map still works: markers, circles, legend, no script error.
    assert page.js("return document.querySelectorAll('path.dkgis-facility').length") == (
        result.facility_markers
    )
    assert page.js("return document.querySelectorAll('.leaflet-tile').length") > 0
    script_errors = [e for e in page.errors() if "tile.openstreetmap.org" not in e["message"]]
    assert script_errors == []
    labels = page.js("return document.querySelector('.leaflet-control-layers').innerText")
    assert "OpenStreetMap tiles (online)" in labels
