"""Web basemaps: which tile services the map can show, and how to reach them.

Provider definitions (URL template, attribution, maximum zoom) come from
`xyzservices <https://xyzservices.readthedocs.io>`_ where it has them; it is
imported only when a web basemap is actually chosen (it parses an 850 kB JSON
file, which startup does not need). The offline vector basemap is not a tile
provider: it is the dataset's own land, commune and coastline layers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dkgis.i18n import N_, _
from dkgis.map.tilemath import TileKey

#: Identifier of the offline vector basemap (no tiles).
OFFLINE = "offline"
#: Identifier of the user's own XYZ tile URL.
CUSTOM = "custom"


@dataclass(frozen=True)
class BasemapChoice:
    """An entry of the basemap menu (no provider details: the menu needs none)."""

    id: str
    #: English title (a source text of the message catalog, or a proper name); the menu
    #: shows it translated.
    title: str
    #: Provider name in xyzservices, if it defines this basemap.
    xyz_name: str | None = None


#: The basemaps offered, in menu order.
BASEMAPS: tuple[BasemapChoice, ...] = (
    BasemapChoice(OFFLINE, N_("Offline (vector)")),
    BasemapChoice("osm", "OpenStreetMap", "OpenStreetMap.Mapnik"),
    BasemapChoice("ign_plan", "Plan IGN (Géoplateforme)", "GeoportailFrance.plan"),
    BasemapChoice("ign_ortho", "Orthophotos IGN (Géoplateforme)", "GeoportailFrance.orthos"),
    # CARTO's Positron now needs an API key (xyzservices warns so); Esri's light
    # grey canvas needs none.
    BasemapChoice("light_grey", N_("Light grey (Esri)"), "Esri.WorldGrayCanvas"),
)

_GEOPF_WMTS = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=normal&TILEMATRIXSET=PM_0_19&FORMAT={fmt}"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}"
)

#: Credits of the basemaps offered: the IGN's name the producer more precisely than
#: xyzservices does ("Geoportail France"), as the Licence Ouverte asks; OpenStreetMap's is
#: the wording its licence asks for, the same as the dataset's (so the map credits it once);
#: Esri's is a source text of the message catalog, shown in the user's language (see
#: :func:`shown_attribution`).
_ATTRIBUTIONS = {
    "ign_plan": "© IGN – Plan IGN (Géoplateforme)",
    "ign_ortho": "© IGN – Orthophotos (Géoplateforme)",
    "osm": "© OpenStreetMap contributors",
    "light_grey": N_("Tiles © Esri – Esri, DeLorme, NAVTEQ"),
}


@dataclass(frozen=True)
class TileProvider:
    """An XYZ tile service in the EPSG:3857 tile matrix.

    Parameters
    ----------
    id
        Stable identifier; names the provider's folder in the tile cache.
    title
        English title shown in menus.
    url
        Template with ``{z}``, ``{x}``, ``{y}`` and optionally ``{s}`` (subdomain).
    attribution
        Credit line to draw on the map.
    max_zoom, min_zoom
        Zoom levels the service has; the map scales ``max_zoom`` tiles beyond it.
    subdomains
        Values of ``{s}``, spread over tiles.
    """

    id: str
    title: str
    url: str
    attribution: str
    max_zoom: int = 19
    min_zoom: int = 0
    subdomains: tuple[str, ...] = ()

    def tile_url(self, key: TileKey) -> str:
        """The address of one tile."""
        url = self.url.replace("{z}", str(key.z)).replace("{x}", str(key.x))
        url = url.replace("{y}", str(key.y))
        if "{s}" in url:
            subdomains = self.subdomains or ("a",)
            url = url.replace("{s}", subdomains[(key.x + key.y) % len(subdomains)])
        return url


def check_url_template(url: str) -> str | None:
    """What is wrong with a custom tile URL template, or ``None`` if it is usable.

    Returns
    -------
    str or None
        ``"scheme"`` (not an http(s) address), ``"host"`` (no server name) or
        ``"placeholders"`` (``{z}``, ``{x}`` or ``{y}`` missing).
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not parts.hostname:
        return "host"
    if not all(p in url for p in ("{z}", "{x}", "{y}")):
        return "placeholders"
    return None


def custom_provider(url: str, attribution: str = "", max_zoom: int = 19) -> TileProvider:
    """A provider for the user's own tile URL template.

    Raises
    ------
    ValueError
        When :func:`check_url_template` finds a problem.
    """
    url = url.strip()
    problem = check_url_template(url)
    if problem is not None:
        raise ValueError(f"unusable tile URL {url!r}: {problem}")
    import hashlib

    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    return TileProvider(
        id=f"custom-{digest}",
        title="Custom XYZ tiles",
        url=url,
        attribution=attribution.strip(),
        max_zoom=max(0, min(int(max_zoom), 22)),
    )


#: The basemaps whose credit is translated.
_TRANSLATED = frozenset({"light_grey"})


def shown_attribution(provider: TileProvider) -> str:
    """The credit of ``provider`` as drawn on the map: dkgis's own credits of the basemaps
    it offers in the user's language, a custom basemap's as the user typed it (data)."""
    if provider.id in _TRANSLATED and _ATTRIBUTIONS[provider.id] == provider.attribution:
        return _(provider.attribution)
    return provider.attribution


def _clean_attribution(text: str) -> str:
    return re.sub(r"\(C\)", "©", text).replace(" -- ", " – ").strip()


def _fallback(choice_id: str) -> TileProvider | None:
    """Definitions used when the installed xyzservices lacks a provider."""
    if choice_id == "ign_plan":
        url = _GEOPF_WMTS.format(layer="GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", fmt="image/png")
        return TileProvider("ign_plan", "Plan IGN (Géoplateforme)", url, _ATTRIBUTIONS["ign_plan"])
    if choice_id == "ign_ortho":
        url = _GEOPF_WMTS.format(layer="ORTHOIMAGERY.ORTHOPHOTOS", fmt="image/jpeg")
        title = "Orthophotos IGN (Géoplateforme)"
        return TileProvider("ign_ortho", title, url, _ATTRIBUTIONS["ign_ortho"])
    if choice_id == "osm":
        url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        return TileProvider("osm", "OpenStreetMap", url, _ATTRIBUTIONS["osm"])
    return None


def provider_for(choice_id: str) -> TileProvider | None:
    """The tile provider of a menu entry (``None`` for the offline basemap or an unknown id)."""
    choice = next((c for c in BASEMAPS if c.id == choice_id), None)
    if choice is None or choice.xyz_name is None:
        return None
    try:
        import xyzservices.providers as xyz

        spec = xyz.query_name(choice.xyz_name)
    except (ImportError, ValueError):
        return _fallback(choice_id)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        url = spec.build_url(fill_subdomain=False, scale_factor="")
    subdomains = spec.get("subdomains", "")
    return TileProvider(
        id=choice.id,
        title=choice.title,
        url=url,
        attribution=_ATTRIBUTIONS.get(choice.id) or _clean_attribution(spec.get("attribution", "")),
        max_zoom=int(spec.get("max_zoom", 19)),
        min_zoom=int(spec.get("min_zoom", 0)),
        subdomains=tuple(subdomains),
    )
