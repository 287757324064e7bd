"""Interactive HTML map benchmark; prints figures (run: ``python bench/html_export.py``).

* the whole ``dkgis export map.html`` command (process start and folium import included);
* in-process build + atomic write of the page, for the latest verified year and for a
  projected year (warm: folium already imported);
* the file's size, and what it is made of (Leaflet, basemap GeoJSON, popups, the
  communes' names and outlines);
* in headless Chromium, when installed: the placement of the communes' names that the
  page runs after every zoom and pan, at the first view and zoomed in twice.

Also prints the Leaflet version inlined and, when installed, the Chromium version the
browser tests use. ``--smoke``: one run (see ``bench/common.py``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


RUNS = runs(5)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, n={len(values)})"


#: What the page's name placement is timed on: the view, and its JavaScript.
_PLACEMENTS = (("first view", 0), ("zoomed in twice", 2))
_TIME_PLACEMENT = """
var times = [];
for (var k = 0; k < arguments[0]; k++) {
  var start = performance.now(); dkgisPlaceNames(); times.push(performance.now() - start);
}
var shown = Array.from(document.querySelectorAll('.dk-place')).filter(function (e) {
  return getComputedStyle(e).visibility === 'visible'; }).length;
return [times, shown];
"""


def _name_placement(page: Path) -> None:
    """Time the page's placement of the communes' names in headless Chromium (offline, as
    the browser tests open it), when Chromium and its driver are installed."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("names placement in Chromium: not measured (Chromium is not installed)")
        return
    from chromium import Page, chromium_driver

    browsers = chromium_driver()
    browser = next(browsers)
    try:
        browser.set_window_size(1400, 1000)
        opened = Page(browser, page)
        for label, zoom in _PLACEMENTS:
            opened.js(f"dkgisMap.setZoom(dkgisMap.getZoom() + {zoom}, {{animate: false}});")
            times, shown = opened.js(_TIME_PLACEMENT, RUNS * 10)
            print(
                f"names placement, {label:<16}        {statistics.median(times):.1f} ms "
                f"(max {max(times):.1f}, n={len(times)}), {shown} names shown"
            )
    finally:
        browsers.close()


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "map.html"
        command = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "dkgis", "export", str(out)],
                env=env,
                check=True,
                capture_output=True,
            )
            command.append(time.perf_counter() - start)
        print(f"dkgis export map.html (whole command):   {_median(command)}")

        start = time.perf_counter()
        from dkgis.export.html import HtmlMapOptions, export_html_map, leaflet_assets
        from dkgis.export.html.basemap import basemap_layers
        from dkgis.export.html.emissions import year_emissions
        from dkgis.export.html.places import commune_layer, place_entries
        from dkgis.export.html.popup import popup_html
        from dkgis.export.html.text import Words, js_literal
        from dkgis.model.frame import frame_of
        from dkgis.model.project import Project
        from dkgis.symbology.places import PlaceNames

        print(f"import folium + exporter:                {time.perf_counter() - start:.3f} s")
        project = Project.load()
        for label, options in (
            ("latest verified year", HtmlMapOptions()),
            ("2030, projected", HtmlMapOptions(frame=frame_of(project, year=2030))),
        ):
            times = []
            for _ in range(RUNS):
                result = export_html_map(project, out, options)
                times.append(result.seconds)
            print(f"build + write, {label:<22}   {_median(times)}")
            print(
                f"  {result.size_bytes / 1e6:.2f} MB, {result.facility_markers} facility "
                f"markers, {result.emission_circles} emission circles ({result.year}, "
                f"{result.kind})"
            )

        assets = leaflet_assets()
        words = Words()
        emissions = year_emissions(project, frame_of(project))
        ids, _ = project.facility_mercator_xy()
        popups = len(js_literal([popup_html(project, fid, emissions, words) for fid in ids]))
        print("size breakdown:")
        leaflet_kb = (len(assets.js) + len(assets.css)) / 1e3
        print(f"  Leaflet {assets.version} JS + CSS:      {leaflet_kb:7.0f} kB")
        for layer in basemap_layers(list(project.layers)):
            size = len(js_literal(layer.geojson).encode("utf-8"))
            print(f"  basemap {layer.name:<16}      {size / 1e3:7.0f} kB")
        print(f"  popups (with charts)          {popups / 1e3:7.0f} kB")
        places = PlaceNames.of(project, commune_layer(project))
        names = len(js_literal(place_entries(places)).encode("utf-8"))
        print(f"  commune names and outlines    {names / 1e3:7.0f} kB")
        _name_placement(out)

    chromium = shutil.which("chromium")
    if chromium:
        version = subprocess.run([chromium, "--version"], capture_output=True, text=True)
        print(f"browser tests use: {version.stdout.strip()}")


if __name__ == "__main__":
    main()
