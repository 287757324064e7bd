"""Data text is never code in the interactive HTML map: template-injection, markup and
script payloads in every text field of a real GeoPackage (names, operators, communes,
measures, notes, sources, credits), in a scenario's name, in a user layer and in the
title come out as the text they are, with nothing evaluated and nothing run.

The page is made with folium/branca, whose elements are Jinja templates and whose macro
output is parsed as a template again; these tests would catch any data text reaching a
template as source (``{{ 1234*1000 }}`` shown as ``1234000``, a shell command run by
``{{ cycler... }}``, a ``TemplateSyntaxError`` from ``{% raw %}``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chromium import Page, chromium_driver, needs_chromium
from hostile_data import add_hostile_user_layer, hostile_dataset

from dkgis.export.html import HtmlMapOptions, export_html_map, external_resources
from dkgis.model.frame import frame_of
from dkgis.model.project import Project
from dkgis.model.trajectory import last_verified_year, preset_scenarios

ROOT = Path(__file__).resolve().parents[1]

#: The file a successful server-side template injection would create (``MARKFILE`` is
#: replaced by a path in the test's temporary folder).
MARK_PAYLOAD = "{{ cycler.__init__.__globals__.os.popen('echo PWNED_MARK > MARKFILE').read() }}"

#: The same without quotes (which HTML escaping would already break): the command comes
#: from an environment variable the test sets.
MARK_ENV_PAYLOAD = (
    "{{ cycler.__init__.__globals__.os.popen("
    "cycler.__init__.__globals__.os.environ.DKGIS_TEST_INJECTED_COMMAND).read() }}"
)

#: Hostile texts, by test id.
PAYLOADS = {
    "jinja-expression": "{{ 1234*1000 }}",
    "jinja-string-repeat": "{{7*'7'}}",
    "jinja-raw": "{% raw %}",
    "jinja-endraw": "{% endraw %}",
    "jinja-comment": "{# hidden",
    "jinja-shell": MARK_PAYLOAD,
    "jinja-shell-unquoted": MARK_ENV_PAYLOAD,
    "dollar-template": "${7*7}",
    "script-tag": "<script>window.__pwned=1</script>",
    "attribute-break": '"><img src=x onerror=window.__pwned=1>',
    "script-close": "</script><script>window.__pwned=1</script>",
    "js-template-literal": "`${window.__pwned=1}` and a lone ` and ${",
    "line-separator": "line\u2028separator",
}

#: What an evaluated payload would have produced.
EVALUATED = ("1234000", "7777777", "PWNED_MARK\n")


@dataclasses.dataclass
class HostilePage:
    payload: str
    mark: Path
    path: Path
    html: str


@pytest.fixture(scope="module", params=list(PAYLOADS), ids=list(PAYLOADS))
def hostile_page(request, tmp_path_factory) -> HostilePage:
    folder = tmp_path_factory.mktemp(request.param)
    mark = folder / "marker.txt"
    payload = PAYLOADS[request.param].replace("MARKFILE", str(mark))
    project = Project.load(hostile_dataset(folder / "hostile.gpkg", payload))
    add_hostile_user_layer(project, payload)
    scenario = dataclasses.replace(preset_scenarios(project)[0], name=payload)
    year = last_verified_year(project) + 8
    path = folder / "map.html"
    os.environ["DKGIS_TEST_INJECTED_COMMAND"] = f"echo PWNED_MARK > {mark}"
    try:
        frame = frame_of(project, year=year, scenario=scenario)
        options = HtmlMapOptions(frame=frame, title=payload)
        export_html_map(project, path, options)
    finally:
        del os.environ["DKGIS_TEST_INJECTED_COMMAND"]
    return HostilePage(payload, mark, path, path.read_text(encoding="utf-8"))


class _Text(HTMLParser):
    """The text of a page or fragment outside scripts and styles, and per CSS class."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.by_class: dict[str, list[str]] = {}
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: list[tuple[str, list[str]]] = []
        self._script: dict[str, str | None] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style"):
            self._script = values if tag == "script" else {"style": ""}
            self.scripts.append((self._script, ""))
            return
        if tag in ("img", "br", "meta", "link", "input", "circle", "line", "polyline"):
            return
        self._open.append((tag, (values.get("class") or "").split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._script = None
            return
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        self.text.append(data)
        for _, classes in self._open:
            for name in classes:
                self.by_class.setdefault(name, []).append(data)

    def of(self, css_class: str) -> str:
        return "".join(self.by_class.get(css_class, []))


def _page_data(html: str) -> dict:
    page = _Text(html)
    blocks = [text for attrs, text in page.scripts if attrs.get("id") == "dkgis-data"]
    assert len(blocks) == 1, "the page keeps its texts in one data block"
    return json.loads(blocks[0])


def test_the_export_evaluates_nothing_and_runs_no_command(hostile_page):
    assert not hostile_page.mark.exists(), "a template in the data ran a shell command"
    for result in EVALUATED:
        assert result not in hostile_page.html
    assert external_resources(hostile_page.html) == []


def test_every_text_is_in_the_page_as_the_text_it_is(hostile_page):
    payload = hostile_page.payload
    page = _Text(hostile_page.html)
    assert page.of("dk-title") == payload
    head = re.search(r"<title>(.*?)</title>", hostile_page.html, re.S)
    assert head is not None and _Text(head.group(1)).text[0].startswith(payload)
    data = _page_data(hostile_page.html)
    popup = _Text(data["popups"][0])
    # Name, operator, commune, source title and scenario name, each as text.
    assert popup.of("dk-name") == payload
    assert "".join(popup.text).count(payload) >= 5
    assert _Text(data["tips"][0]).text == [payload]
    legend = "".join(_Text(data["legend"]).text)
    assert legend.count(payload) >= 2  # the scenario in the caption, the credits, sources
    assert payload in "".join(_Text(data["attribution"]).text)
    labels = ["".join(_Text(label).text) for label in data["layers"]]
    assert any(payload in label for label in labels)
    tips = [
        "".join(_Text(feature["properties"]["tip"]).text)
        for layer in data["basemap"]
        for feature in layer["features"]
        if feature["properties"].get("tip")
    ]
    assert payload in tips  # the pipeline's hover label


def test_no_script_of_the_page_holds_data_text(hostile_page):
    """Data lives in the JSON block only: the page's code is the same for any dataset."""
    page = _Text(hostile_page.html)
    code = "".join(
        text for attrs, text in page.scripts if "style" not in attrs and attrs.get("type") is None
    )
    for marker in ("__pwned", "PWNED_MARK", "1234*1000", "7*'7'", "raw %", "7*7", "\u2028"):
        assert marker not in code


def test_the_command_line_title_is_text(tmp_path):
    data = hostile_dataset(tmp_path / "d.gpkg", "{{ 7*7 }}")
    out = tmp_path / "out.html"
    command = [sys.executable, "-m", "dkgis", "export", str(out), "--data", str(data)]
    result = subprocess.run(
        [*command, "--title", "{{ 1234*1000 }}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "1234000" not in html
    assert _Text(html).of("dk-title") == "{{ 1234*1000 }}"
    assert _Text(_page_data(html)["tips"][0]).text == ["{{ 7*7 }}"]


# -- in a real browser ---------------------------------------------------------------------


@pytest.fixture(scope="module", name="browser")
def _browser():
    yield from chromium_driver()


@needs_chromium
def test_chromium_shows_every_payload_as_text_and_runs_nothing(browser, hostile_page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    payload = hostile_page.payload
    page = Page(browser, hostile_page.path)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (reading it is the check)
    assert page.js("return document.querySelector('.dk-title').textContent") == payload
    assert page.js("return document.title").startswith(payload)
    marker = browser.find_element(By.CSS_SELECTOR, "path.dkgis-facility-0")
    ActionChains(browser).move_to_element(marker).click().perform()
    popup = page.js(
        "var p = document.querySelector('.leaflet-popup-content'); return p && p.textContent;"
    )
    assert popup is not None, "clicking the marker opened no popup"
    assert popup.count(payload) >= 5
    page.js(
        "document.querySelector('path.dkgis-facility-0').dispatchEvent("
        "new MouseEvent('mouseover', {bubbles: true}));"
    )
    tooltips = page.js(
        "return Array.from(document.querySelectorAll('.leaflet-tooltip'))"
        ".map(function (t) { return t.textContent; });"
    )
    assert payload in tooltips
    assert payload in page.js("return document.querySelector('.dk-legend').textContent")
    assert payload in page.js(
        "return document.querySelector('.leaflet-control-attribution').textContent"
    )
    labels = page.js("return document.querySelector('.leaflet-control-layers').textContent")
    assert payload in labels
    # Nothing injected ran or exists, and the page logged no error.
    assert page.js("return typeof window.__pwned") == "undefined"
    assert page.js("return document.querySelectorAll('img[src=x]').length") == 0
    assert page.errors() == []
    assert page.js("return document.querySelectorAll('path.dkgis-facility').length") == 4
