"""The interactive HTML map: one self-contained, offline ``.html`` file made with folium.

Importing this package imports folium: import it lazily (inside the function that
exports), never at application start-up.

Public API: :func:`export_html_map`, :func:`build_html_map`, :class:`HtmlMapOptions`,
:class:`HtmlMapResult`, :func:`write_html_map`, :class:`Words` (translation hook),
:func:`external_resources`.
"""

from __future__ import annotations

from dkgis.export.html.assets import LeafletAssetsMissing, leaflet_assets
from dkgis.export.html.builder import (
    ExternalResourceError,
    HtmlMapOptions,
    HtmlMapResult,
    build_html_map,
    export_html_map,
    external_resources,
    write_html_map,
)
from dkgis.export.html.emissions import year_range
from dkgis.export.html.text import Words

__all__ = [
    "ExternalResourceError",
    "HtmlMapOptions",
    "HtmlMapResult",
    "LeafletAssetsMissing",
    "Words",
    "build_html_map",
    "export_html_map",
    "external_resources",
    "leaflet_assets",
    "write_html_map",
    "year_range",
]
