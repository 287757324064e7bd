"""Pure parts of the interaction: search, bookmarks, scale, zoom extents, table rows, CSV."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from dkgis.export.csv_table import csv_value, write_csv_table
from dkgis.model.bookmarks import (
    Bookmark,
    bookmarks_from_json,
    bookmarks_to_json,
    with_bookmark,
    without_bookmark,
)
from dkgis.model.crs import lonlat_to_mercator, mercator_scale_factor, mercator_to_lonlat
from dkgis.model.project import Project
from dkgis.model.scale import scale_denominator
from dkgis.model.search import fold, search, search_entries
from dkgis.model.zoom import centred_extent, facilities_extent, facilities_in_extent


@pytest.fixture(scope="module")
def project():
    return Project.load()


# -- search ----------------------------------------------------------------------------
def test_fold_drops_case_accents_and_typographic_marks():
    assert fold("Dépôt pétrolier de la Côte d’Opale") == "depot petrolier de la cote d'opale"
    assert fold("  ÉCOLE   Œuvre – Ça ") == "ecole oeuvre - ca"
    assert fold(None) == ""


def test_alu_finds_aluminium_dunkerque_first(project):
    found = search(search_entries(project), "alu")
    assert found[0].name == "Aluminium Dunkerque"
    # "Imerys Aluminate" matches too, but only by a later word of its name.
    assert "Imerys Aluminate Dunkerque (ex-Kerneos)" in [e.name for e in found]


def test_search_matches_every_word_in_name_operator_or_commune(project):
    entries = search_entries(project)
    found = search(entries, "arcelor grande-synthe")
    assert found
    for entry in found:
        facility = project.facilities[entry.facility_id]
        assert facility.commune == "Grande-Synthe"
        assert "ArcelorMittal" in f"{facility.name} {facility.operator}"
    assert [e.name for e in search(entries, "engie")] == ["DK6 power plant"]  # operator
    assert search(entries, "   ") == []
    assert search(entries, "no such thing anywhere") == []
    assert len(search(entries, "dunkerque", limit=3)) == 3


def test_exact_name_ranks_before_longer_names(project):
    entries = search_entries(project)
    found = search(entries, "ArcelorMittal Dunkerque")
    assert found[0].facility_id == "FR_956"
    assert "am_dunkerque_eaf" in [e.facility_id for e in found]


# -- bookmarks -------------------------------------------------------------------------
def test_bookmarks_round_trip_and_replace_by_name():
    a = Bookmark("Port ouest", (1.0, 2.0, 3.0, 4.0))
    b = Bookmark("Gravelines & Loon", (10.0, 20.0, 30.0, 40.0))
    marks = with_bookmark(with_bookmark([], a), b)
    assert bookmarks_from_json(bookmarks_to_json(marks)) == marks
    moved = Bookmark("Port ouest", (5.0, 6.0, 7.0, 8.0))
    assert with_bookmark(marks, moved) == [moved, b]
    assert without_bookmark(marks, "Port ouest") == [b]


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        '[{"name": "", "extent": [0, 0, 1, 1]}]',
        '[{"name": "flat", "extent": [0, 0, 0, 1]}]',
        '[{"name": "short", "extent": [0, 0, 1]}]',
        '[{"name": "other crs", "crs": "EPSG:2154", "extent": [0, 0, 1, 1]}]',
        "[42]",
    ],
)
def test_unusable_bookmarks_in_the_settings_are_skipped(text):
    assert bookmarks_from_json(text) == []


def test_good_bookmarks_survive_a_bad_neighbour():
    text = '[{"name": "ok", "extent": [0, 0, 1, 1]}, {"name": "bad"}]'
    assert bookmarks_from_json(text) == [Bookmark("ok", (0.0, 0.0, 1.0, 1.0))]


# -- scale and zoom --------------------------------------------------------------------
def test_scale_accounts_for_the_mercator_stretch():
    from pyproj import Geod

    lat = 51.03
    # 1000 pixels of 10 map metres each, at 96 dpi: compare with the true ground distance.
    x0, y = lonlat_to_mercator(2.3, lat)
    lon1, _ = mercator_to_lonlat(x0 + 1000 * 10.0, y)
    _, _, ground = Geod(ellps="WGS84").inv(2.3, lat, lon1, lat)
    expected = ground / 1000 / (0.0254 / 96)
    assert scale_denominator(10.0, lat) == pytest.approx(expected, rel=0.005)
    assert scale_denominator(10.0, 0.0) == pytest.approx(10.0 / (0.0254 / 96))
    assert math.isnan(scale_denominator(0.0, lat))


def test_centred_extent_shows_the_ground_width_asked(project):
    x, y = lonlat_to_mercator(2.3, 51.0)
    xmin, ymin, xmax, ymax = centred_extent(x, y, 3000.0)
    assert (xmax - xmin) / mercator_scale_factor(51.0) == pytest.approx(3000.0, rel=1e-3)
    assert ((xmin + xmax) / 2, (ymin + ymax) / 2) == pytest.approx((x, y))


def test_facilities_extent_frames_them_with_a_minimum_size(project):
    ids, xy = project.facility_mercator_xy()
    one = facilities_extent(project, ["FR_1003"])
    x, y = xy[ids.index("FR_1003")]
    assert one[0] < x < one[2] and one[1] < y < one[3]
    assert (one[2] - one[0]) / mercator_scale_factor(51.0) == pytest.approx(3000.0, rel=0.01)
    two = facilities_extent(project, ["FR_1003", "FR_205769"])
    for fid in ("FR_1003", "FR_205769"):
        px, py = xy[ids.index(fid)]
        assert two[0] < px < two[2] and two[1] < py < two[3]
    assert facilities_extent(project, []) is None
    assert facilities_extent(project, ["no-such-id"]) is None


def test_facilities_in_extent_uses_their_points(project):
    lon0, lat0, lon1, lat1 = 2.10, 50.97, 2.20, 51.02
    x0, y0 = lonlat_to_mercator(lon0, lat0)
    x1, y1 = lonlat_to_mercator(lon1, lat1)
    expected = [
        fid
        for fid, f in project.facilities.items()
        if lon0 <= f.lon <= lon1 and lat0 <= f.lat <= lat1
    ]
    assert expected
    assert facilities_in_extent(project, (x0, y0, x1, y1)) == expected
    assert facilities_in_extent(project, (x1, y1, x0, y0)) == expected  # any corner order


def test_lambert93_matches_pyproj():
    from pyproj import Transformer

    from dkgis.model.lambert93 import to_lambert93

    expected = Transformer.from_crs(4326, 2154, always_xy=True).transform(2.3, 51.0)
    assert to_lambert93(2.3, 51.0) == pytest.approx(expected, abs=1e-6)


# -- table rows and CSV ----------------------------------------------------------------
def test_csv_values_suit_french_spreadsheets():
    assert csv_value(None) == ""
    assert csv_value(float("nan")) == ""
    assert csv_value(459440.0) == "459440"
    assert csv_value(1234.5) == "1234,5"
    assert csv_value(2022) == "2022"
    assert csv_value("Dépôt") == "Dépôt"


def test_csv_file_has_bom_semicolons_and_quotes_where_needed(tmp_path):
    out = tmp_path / "t.csv"
    rows = [["Côte d'Opale; est", 12.5, None], ['Dit "le port"', 3.0, 2022]]
    assert write_csv_table(out, ["Nom", "t CO₂e", "Année"], rows) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh, delimiter=";"))
    assert back == [
        ["Nom", "t CO₂e", "Année"],
        ["Côte d'Opale; est", "12,5", ""],
        ['Dit "le port"', "3", "2022"],
    ]


def test_a_failed_csv_export_leaves_the_old_file(tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("previous content", encoding="utf-8")

    def rows():
        yield ["first", 1]
        raise RuntimeError("disk full while writing")

    with pytest.raises(RuntimeError):
        write_csv_table(out, ["a", "b"], rows())
    assert out.read_text(encoding="utf-8") == "previous content"
    assert list(tmp_path.iterdir()) == [out]
    with pytest.raises(FileNotFoundError):
        write_csv_table(tmp_path / "missing" / "x.csv", ["a"], [])


def test_table_filter_and_sort_helpers():
    from dkgis.model.facility_table import matching_rows, sorted_rows

    haystacks = ["gravelines | steel", "dunkerque | power", "gravelines | power"]
    assert matching_rows(haystacks, []) == [0, 1, 2]
    assert matching_rows(haystacks, ["gravelines", "power"]) == [2]
    keys = [5.0, None, 300.0, float("nan"), 40.0, 300.0]
    rows = list(range(len(keys)))
    assert sorted_rows(rows, keys) == [0, 4, 2, 5, 1, 3]
    assert sorted_rows(rows, keys, descending=True) == [2, 5, 4, 0, 1, 3]
    assert sorted_rows([3, 1], keys) == [3, 1]  # missing values keep their order
    # The table's values, as an array (sorted by numpy): the same order.
    values = np.array([5.0, np.nan, 300.0, np.nan, 40.0, 300.0])
    assert sorted_rows(rows, values) == [0, 4, 2, 5, 1, 3]
    assert sorted_rows(rows, values, descending=True) == [2, 5, 4, 0, 1, 3]
    assert sorted_rows([5, 3, 2, 1], values) == sorted_rows([5, 3, 2, 1], keys) == [5, 2, 3, 1]


def test_lambert93_says_when_pyproj_is_unusable(monkeypatch):
    import sys

    from dkgis.model import lambert93

    monkeypatch.setattr(lambert93, "_transformer", None)
    monkeypatch.setattr(lambert93, "_error", None)
    monkeypatch.setitem(sys.modules, "pyproj", None)  # import pyproj now fails
    assert lambert93.to_lambert93(2.3, 51.0) is None
    assert "pyproj" in lambert93.unavailable_reason()


def test_rectangle_selection_leaves_out_hidden_sectors(project):
    everything = facilities_in_extent(project, project.cluster_extent())
    assert "FR_956" in everything
    project.display.hidden_sectors = {"steel"}
    shown = facilities_in_extent(project, project.cluster_extent())
    assert "FR_956" not in shown
    assert all(project.facilities[f].sector != "steel" for f in shown)
    assert len(shown) == len(everything) - sum(
        project.facilities[f].sector == "steel" for f in everything
    )
