"""Basemap provider definitions (from xyzservices) and custom URL templates."""

from __future__ import annotations

import pytest

from dkgis.map.basemaps import (
    BASEMAPS,
    OFFLINE,
    check_url_template,
    custom_provider,
    provider_for,
)
from dkgis.map.tilemath import TileKey


def test_offline_is_the_first_choice_and_has_no_tiles():
    assert BASEMAPS[0].id == OFFLINE
    assert provider_for(OFFLINE) is None
    assert provider_for("no-such-basemap") is None


@pytest.mark.parametrize("choice", [c for c in BASEMAPS if c.id != OFFLINE], ids=lambda c: c.id)
def test_web_basemaps_have_an_address_a_credit_and_zoom_levels(choice):
    import xyzservices.providers as xyz

    provider = provider_for(choice.id)
    assert provider is not None and provider.id == choice.id
    for placeholder in ("{z}", "{x}", "{y}"):
        assert placeholder in provider.url
    assert provider.url.startswith("https://")
    assert provider.attribution
    assert 14 <= provider.max_zoom <= 22
    # The definition is xyzservices's own.
    spec = xyz.query_name(choice.xyz_name)
    assert provider.max_zoom == spec["max_zoom"]
    url = provider.tile_url(TileKey(12, 2071, 1360))
    assert "{" not in url and "2071" in url and "1360" in url


def test_geoplateforme_basemaps_come_from_data_geopf_fr():
    plan, ortho = provider_for("ign_plan"), provider_for("ign_ortho")
    assert "data.geopf.fr" in plan.url and "PLANIGNV2" in plan.url
    assert "data.geopf.fr" in ortho.url and "ORTHOIMAGERY.ORTHOPHOTOS" in ortho.url
    assert "IGN" in plan.attribution and "IGN" in ortho.attribution


def test_openstreetmap_credit_is_the_required_one():
    assert provider_for("osm").attribution == "© OpenStreetMap contributors"


def test_custom_url_templates_are_checked():
    assert check_url_template("https://t.example.org/{z}/{x}/{y}.png") is None
    assert check_url_template("ftp://t.example.org/{z}/{x}/{y}.png") == "scheme"
    assert check_url_template("https:///{z}/{x}/{y}.png") == "host"
    assert check_url_template("https://t.example.org/{z}/{x}.png") == "placeholders"
    with pytest.raises(ValueError, match="placeholders"):
        custom_provider("https://t.example.org/tiles.png")
    a = custom_provider(" http://127.0.0.1:8000/{z}/{x}/{y}.png ", "© me", 30)
    b = custom_provider("http://127.0.0.1:8000/{z}/{x}/{y}.png")
    assert a.id == b.id and a.id.startswith("custom-")  # same URL, same cache folder
    assert a.max_zoom == 22 and a.attribution == "© me"
    assert a.tile_url(TileKey(3, 4, 5)) == "http://127.0.0.1:8000/3/4/5.png"


def test_subdomains_are_spread_over_tiles():
    from dkgis.map.basemaps import TileProvider

    p = TileProvider(
        "t", "T", "https://{s}.t.example.org/{z}/{x}/{y}.png", "©", subdomains=("a", "b")
    )
    hosts = {p.tile_url(TileKey(5, x, 3)).split(".")[0] for x in range(4)}
    assert hosts == {"https://a", "https://b"}
