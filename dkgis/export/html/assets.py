"""Leaflet's JavaScript and CSS, read from the ``django-js-lib-leaflet`` wheel, for inlining.

The interactive map must open without internet, so nothing is fetched from a CDN:
the package ``django-js-lib-leaflet`` (BSD-2, importable as ``js_lib_leaflet``) ships
Leaflet's release files inside its wheel and needs no Django to be read as data. The
images the stylesheet points to are turned into ``data:`` URIs, and the source-map
comment is dropped (a browser's developer tools would try to load the map file).
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from importlib import resources

#: Distribution and import names of the asset package.
ASSET_DISTRIBUTION = "django-js-lib-leaflet"
ASSET_PACKAGE = "js_lib_leaflet"

#: Folder of Leaflet's files inside the package.
_STATIC = ("static", "js_lib_leaflet")

_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_VERSION = re.compile(r"Leaflet (\d+\.\d+\.\d+)")


class LeafletAssetsMissing(RuntimeError):
    """The package that ships Leaflet's files is not installed or incomplete."""


@dataclass(frozen=True)
class LeafletAssets:
    """Leaflet's files ready to be inlined.

    Attributes
    ----------
    version : str
        Leaflet's version, read from the JavaScript banner.
    js : str
        ``leaflet.js``, without its source-map comment.
    css : str
        ``leaflet.css`` with its images as ``data:`` URIs.
    """

    version: str
    js: str
    css: str


def _static_file(name: str) -> bytes:
    try:
        folder = resources.files(ASSET_PACKAGE).joinpath(*_STATIC)
        return folder.joinpath(name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as err:
        raise LeafletAssetsMissing(
            f"Leaflet's files ({name}) were not found: install the Python package "
            f"{ASSET_DISTRIBUTION} (pip install {ASSET_DISTRIBUTION})"
        ) from err


@functools.lru_cache(maxsize=1)
def leaflet_assets() -> LeafletAssets:
    """Return Leaflet's JavaScript and CSS, read once from the installed package.

    Raises
    ------
    LeafletAssetsMissing
        When ``django-js-lib-leaflet`` is not installed (the message says so).
    """
    js = _static_file("leaflet.js").decode("utf-8")
    css = _static_file("leaflet.css").decode("utf-8")

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode(_static_file(match.group(2))).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    css = _URL.sub(inline, css)
    js = _SOURCE_MAP.sub("", js).rstrip() + "\n"
    found = _VERSION.search(js[:500])
    return LeafletAssets(version=found.group(1) if found else "unknown", js=js, css=css)
