"""Headless Chromium for the tests of the HTML map, with the network cut off.

Debian's ``chromium`` is driven through ``chromedriver`` (selenium, pointed at /usr/bin:
nothing is downloaded). Requests to http(s) are blocked three ways (a dead proxy on
127.0.0.1:9, DevTools' blocked URLs and offline emulation), so no test can reach the
internet, and the DevTools log proves a page did not even try. Test modules make a
``browser`` fixture of :func:`chromium_driver` and mark their tests ``@needs_chromium``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

_missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
if _missing and os.environ.get("CI"):
    # CI installs Chromium: a missing browser there is a failure, not a reason to skip.
    raise RuntimeError(f"CI run without headless Chromium (missing {', '.join(_missing)})")
needs_chromium = pytest.mark.skipif(
    bool(_missing),
    reason="headless Chromium is not installed (missing "
    + ", ".join(_missing)
    + "; .ci/run installs the Debian packages chromium and chromium-driver)",
)

#: Launch flags: headless, no background traffic, and every http(s) request sent to a
#: dead proxy on the loopback (port 9, "discard", has no listener).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--window-size=1400,1000",
)


def chromium_driver() -> Iterator[Any]:
    """Start headless Chromium offline; yield its selenium driver; quit it at the end.

    Test modules wrap it in a module-scoped ``browser`` fixture.
    """
    if _missing:
        pytest.skip(needs_chromium.kwargs["reason"])
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dkgis-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]}
        )
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Page:
    """One exported page opened in the browser, with what the browser logged."""

    def __init__(self, driver, path: Path) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        driver.get_log("browser")  # forget earlier pages
        driver.get_log("performance")
        driver.get(path.resolve().as_uri())
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!window.dkgisReady"))
        self.console = driver.get_log("browser")
        self.requests = self._requests()

    def _requests(self) -> list[str]:
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def errors(self) -> list[dict]:
        return [e for e in self.console + self.driver.get_log("browser") if e["level"] == "SEVERE"]


def exported_map(project, out: Path, language: str = "en", year: int = 2030) -> Path:
    """``out``: the HTML map of ``project`` for ``year``, exported in ``language``."""
    from dkgis import i18n
    from dkgis.export.html import HtmlMapOptions, export_html_map
    from dkgis.model.frame import frame_of

    i18n.set_language(language)
    try:
        export_html_map(project, out, HtmlMapOptions(frame=frame_of(project, year=year)))
    finally:
        i18n.set_language("en")
    return out
