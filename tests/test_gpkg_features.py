"""GeoPackages read with sqlite3 give what GDAL gives (values, types, CRS, errors).

Each file is written by GDAL (pyogrio), as users' tools write them, or altered with
sqlite3 where GDAL would not write the case; it is then read twice: by the reader
as it is (sqlite3 where it can) and with GDAL alone, and both results are compared.
"""

from __future__ import annotations

import math
import sqlite3
import struct
import warnings
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from dkgis.io.errors import DatasetError
from dkgis.io.readers import CrsRequired, ReadOptions, gpkg_features, inspect_file, ogr, read_file

#: Lambert-93 coordinates around Dunkerque.
X0, Y0 = 652_000.0, 7_102_000.0


def write_layer(path: Path, layer: str, geoms, fields: dict, crs="EPSG:2154", gtype=None):
    """Write one layer with GDAL: ``geoms`` shapely geometries (``None`` allowed)."""
    import pyogrio.raw

    wkb = np.array(
        [None if g is None else shapely.to_wkb(g, flavor="iso") for g in geoms], dtype=object
    )
    kinds = {type(g).__name__ for g in geoms if g is not None}
    has_z = any(g is not None and shapely.has_z(g) for g in geoms)
    gtype = gtype or ((kinds.pop() if len(kinds) == 1 else "Unknown") + (" Z" if has_z else ""))
    pyogrio.raw.write(
        str(path),
        geometry=wkb,
        field_data=[np.asarray(v) for v in fields.values()],
        fields=list(fields),
        layer=layer,
        driver="GPKG",
        geometry_type=gtype,
        crs=crs,
        append=path.exists(),
    )
    return path


def square(x, y, size=50.0):
    return shapely.box(x, y, x + size, y + size)


def without_gdal_triggers(path: Path) -> None:
    """Drop GDAL's triggers (they call functions sqlite3 lacks) to alter a file."""
    with closing(sqlite3.connect(path)) as con:
        names = con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (name,) in names:
            con.execute(f"DROP TRIGGER {gpkg_features.quote(name)}")
        con.commit()


def read_with_gdal(monkeypatch, path: Path, options: ReadOptions, what: str):
    """``inspect_file`` or ``read_file`` as GDAL alone does them."""

    def unsupported(*args, **kwargs):
        raise gpkg_features.Unsupported("forced")

    with monkeypatch.context() as m:
        m.setattr(gpkg_features, "layer_infos", unsupported)
        m.setattr(gpkg_features, "open_layer", unsupported)
        return outcome(
            lambda: inspect_file(path) if what == "inspect" else read_file(path, options)
        )


def outcome(fn):
    """What ``fn`` returns, or the error it raises as comparable values."""
    try:
        return fn()
    except CrsRequired as err:
        return ("CrsRequired", str(err), err.suggestion)
    except DatasetError as err:
        return ("DatasetError", str(err))


def sqlite_only(monkeypatch) -> None:
    """Make any use of GDAL fail: the read must go through sqlite3."""

    def no_gdal(*args, **kwargs):
        raise AssertionError("GDAL was used")

    monkeypatch.setattr(ogr, "read_ogr", no_gdal)
    monkeypatch.setattr(ogr.GeoPackageReader, "_inspect_with_gdal", no_gdal)


def same_values(a: list, b: list) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        if isinstance(y, float) and isinstance(x, int):
            # GDAL gives an integer or logical field with NULLs in a chunk as floats: 3.0
            # for 3, 1.0 for True.
            assert float(x) == y
            continue
        assert type(x) is type(y), (x, y)
        assert x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))


def assert_same(fast, slow) -> None:
    """The result of the sqlite3 read equals GDAL's (or both raise the same error)."""
    if isinstance(slow, tuple):
        assert fast == slow
        return
    if hasattr(slow, "layers"):  # FileInfo
        assert fast == slow
        return
    assert (fast.title, fast.layer, fast.source_crs) == (slow.title, slow.layer, slow.source_crs)
    assert fast.warnings == slow.warnings
    assert fast.rows_without_geometry == slow.rows_without_geometry
    assert list(fast.table.columns) == list(slow.table.columns)
    for name in slow.table.columns:
        same_values(fast.table.columns[name], slow.table.columns[name])
    g, h = fast.table.geometry, slow.table.geometry
    assert np.array_equal(g.types, h.types)
    for kind in ("points", "lines", "polygons"):
        p, q = getattr(g, kind), getattr(h, kind)
        assert np.array_equal(p.rows, q.rows)
        assert np.array_equal(p.ring_offsets, q.ring_offsets)
        assert np.array_equal(p.part_offsets, q.part_offsets)
        assert np.allclose(p.coords, q.coords, rtol=0, atol=1e-11)


def compare(monkeypatch, path: Path, options: ReadOptions | None = None, *, fast: bool = True):
    """Inspect and read ``path`` both ways and compare; ``fast``: sqlite3 must read it."""
    return compare_with_gdal(monkeypatch, path, options, read_with_gdal, sqlite_only, fast)


def compare_with_gdal(monkeypatch, path: Path, options, with_gdal, without_gdal, fast: bool):
    """Inspect and read ``path`` with GDAL (``with_gdal(monkeypatch, path, options,
    what)``) and without it (``without_gdal(monkeypatch)`` when ``fast``, which must then
    not use GDAL), whole and in chunks: the same outcomes. Returns the read's."""
    options = options or ReadOptions()
    slow_info = with_gdal(monkeypatch, path, options, "inspect")
    slow = with_gdal(monkeypatch, path, options, "read")
    with monkeypatch.context() as m, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's own warnings, when it reads
        if fast:
            without_gdal(m)
        fast_info = outcome(lambda: inspect_file(path))
        result = outcome(lambda: read_file(path, options))
        chunked = outcome(lambda: read_file(path, options, progress=lambda f: None))
    assert_same(fast_info, slow_info)
    assert_same(result, slow)
    assert_same(chunked, slow)
    return result


def test_every_field_type_and_null_values(tmp_path, monkeypatch):
    n = 7
    geoms = [square(X0 + 100 * i, Y0) for i in range(n)]
    geoms[2] = None
    fields = {
        "nom": np.array(["Usine", None, "Écluse", "", "quai « sud »", "x", "y"], dtype=object),
        "entier": np.arange(n, dtype=np.int64) * 10_000_000_000,
        "petit": np.arange(n, dtype=np.int16),
        "int32": np.arange(n, dtype=np.int32) - 3,
        "reel": np.array([1.5, np.nan, -2.25, 1e300, 0.1, 3.0, 7.0]),
        "simple": np.array([0.1, 0.2, np.nan, 1.5, 2.5, -3.0, 7.0], dtype=np.float32),
        "vrai": np.array([True, False, True, True, False, False, True]),
        "octets": np.array([b"\x00\x01", None, b"", b"abc", b"z", b"y", b"x"], dtype=object),
        "jour": np.array(
            ["2024-01-05", "NaT", "1999-12-31", "2024-02-29", "2000-01-01", "NaT", "NaT"],
            dtype="datetime64[D]",
        ),
        "instant": np.array(
            [
                "2024-01-05T10:11:12.345",
                "NaT",
                "2024-01-05T00:00:00",
                "1970-01-01T00:00:00.001",
                "2030-06-30T23:59:59.999",
                "NaT",
                "2024-01-05T10:11:12.300",
            ],
            dtype="datetime64[ms]",
        ),
    }
    path = write_layer(tmp_path / "types.gpkg", "sites", geoms, fields)
    data = compare(monkeypatch, path)
    assert data.table.columns["vrai"][:2] == [True, False]
    assert data.table.columns["nom"][:3] == ["Usine", None, "Écluse"]
    assert data.rows_without_geometry == 1


def test_dates_and_times_written_by_other_programs(tmp_path, monkeypatch):
    """Times with a time zone or without milliseconds, as other programs write them;
    a date column GDAL would read as something else is left to GDAL."""
    geoms = [square(X0 + 100 * i, Y0) for i in range(4)]
    path = write_layer(tmp_path / "dates.gpkg", "sites", geoms, {"n": np.arange(4)})
    without_gdal_triggers(path)
    with closing(sqlite3.connect(path)) as con:
        con.execute('ALTER TABLE sites ADD COLUMN "quand" DATETIME')
        con.execute('ALTER TABLE sites ADD COLUMN "jour" DATE')
        values = [
            ("2024-01-05T10:11:12Z", "2024-01-05"),
            ("2024-01-05T10:11:12.5+02:00", None),
            ("2024-01-05T10:11:12.25-0130", "1900-02-28"),
            (None, "2024-12-31"),
        ]
        for fid, (when, day) in enumerate(values, start=1):
            con.execute("UPDATE sites SET quand = ?, jour = ? WHERE fid = ?", (when, day, fid))
        con.commit()
    data = compare(monkeypatch, path)
    assert data.table.columns["quand"][0] == "2024-01-05T10:11:12.000"
    with closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE sites SET quand = '5 janvier 2024' WHERE fid = 1")
        con.commit()
    compare(monkeypatch, path, fast=False)


def test_points_lines_and_multi_geometries_in_several_layers(tmp_path, monkeypatch):
    path = tmp_path / "couches.gpkg"
    points = [shapely.Point(X0 + i, Y0 + i) for i in range(5)]
    write_layer(path, "points", points, {"n": np.arange(5)})
    lines = [shapely.LineString([(X0, Y0), (X0 + 10 * i + 5, Y0 + 30)]) for i in range(4)]
    write_layer(path, "lignes", lines, {"n": np.arange(4)})
    multi = [
        shapely.MultiPolygon([square(X0, Y0), square(X0 + 500, Y0)]),
        shapely.MultiPolygon(
            [shapely.box(X0, Y0, X0 + 90, Y0 + 90).difference(square(X0 + 20, Y0 + 20))]
        ),
        None,
    ]
    write_layer(path, "multi", multi, {"n": np.arange(3)}, gtype="MultiPolygon")
    mlines = [shapely.MultiLineString([[(X0, Y0), (X0 + 5, Y0 + 5)], [(X0 + 9, Y0), (X0, Y0 + 9)]])]
    write_layer(path, "multilignes", mlines, {"n": np.arange(1)})
    mpoints = [shapely.MultiPoint([(X0, Y0), (X0 + 3, Y0 + 4)]), shapely.MultiPoint([(X0, Y0)])]
    write_layer(path, "multipoints", mpoints, {"n": np.arange(2)})
    mixed = [shapely.Point(X0, Y0), square(X0, Y0), shapely.LineString([(X0, Y0), (X0 + 1, Y0)])]
    mixed.append(shapely.GeometryCollection([shapely.Point(X0, Y0), square(X0 + 10, Y0)]))
    write_layer(path, "melange", mixed, {"n": np.arange(4)}, gtype="Unknown")
    for layer in ("points", "lignes", "multi", "multilignes", "multipoints", "melange"):
        data = compare(monkeypatch, path, ReadOptions(layer=layer))
        assert data.title == f"couches — {layer}"


def test_empty_geometries(tmp_path, monkeypatch):
    geoms = [square(X0, Y0), shapely.Polygon(), None, shapely.MultiPolygon(), square(X0, Y0 + 90)]
    path = write_layer(
        tmp_path / "vides.gpkg", "zones", geoms, {"n": np.arange(5)}, gtype="Unknown"
    )
    data = compare(monkeypatch, path)
    assert data.rows_without_geometry == 3


def test_z_and_m_coordinates_are_dropped_as_gdal_drops_them(tmp_path, monkeypatch):
    path = tmp_path / "relief.gpkg"
    z = [shapely.Polygon([(X0, Y0, 1), (X0 + 9, Y0, 2), (X0 + 9, Y0 + 9, 3), (X0, Y0, 1)])]
    write_layer(path, "z", z * 2, {"n": np.arange(2)}, gtype="Polygon Z")
    write_layer(path, "pz", [shapely.Point(X0, Y0, 5.0)], {"n": [1]}, gtype="Point Z")
    m = [shapely.from_wkt(f"LINESTRING M ({X0} {Y0} 1, {X0 + 10} {Y0 + 5} 2)")]
    write_layer(path, "m", m, {"n": [1]}, gtype="Measured LineString")
    zm = [shapely.from_wkt(f"MULTIPOINT ZM (({X0} {Y0} 1 2), ({X0 + 1} {Y0} 3 4))")]
    write_layer(path, "zm", zm, {"n": [1]}, gtype="Measured 3D MultiPoint")
    for layer in ("z", "pz", "m", "zm"):
        data = compare(monkeypatch, path, ReadOptions(layer=layer))
        assert data.rows_without_geometry == 0


def test_a_geopackage_without_crs_asks_for_it_as_before(tmp_path, monkeypatch):
    path = write_layer(tmp_path / "sans.gpkg", "zones", [square(X0, Y0)], {"n": [1]}, crs=None)
    result = compare(monkeypatch, path, fast=False)
    assert result[0] == "CrsRequired" and result[2] == "EPSG:2154"
    compare(monkeypatch, path, ReadOptions(crs="EPSG:2154"), fast=False)


def test_a_crs_given_only_as_wkt(tmp_path, monkeypatch):
    from pyproj import CRS

    path = write_layer(tmp_path / "wkt.gpkg", "zones", [square(X0, Y0)], {"n": [1]})
    wkt = CRS.from_epsg(2154).to_wkt(version="WKT1_GDAL")
    wkt = wkt[: wkt.rindex(",AUTHORITY")] + "]"  # Lambert-93, its EPSG code left out
    without_gdal_triggers(path)
    with closing(sqlite3.connect(path)) as con:
        con.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Lambert sans code', 99001, 'NONE', 99001,"
            " ?, NULL)",
            (wkt,),
        )
        con.execute("UPDATE gpkg_geometry_columns SET srs_id = 99001")
        con.execute("UPDATE gpkg_contents SET srs_id = 99001")
        con.commit()
    data = compare(monkeypatch, path)
    assert data.source_crs == "EPSG:2154"


def test_lonlat_layers_and_coordinates_that_are_not_degrees(tmp_path, monkeypatch):
    path = write_layer(
        tmp_path / "wgs.gpkg", "sites", [shapely.Point(2.37, 51.03)], {"n": [1]}, crs="EPSG:4326"
    )
    compare(monkeypatch, path)
    wrong = write_layer(
        tmp_path / "faux.gpkg", "sites", [shapely.Point(X0, Y0)], {"n": [1]}, crs="EPSG:4326"
    )
    result = compare(monkeypatch, wrong)
    assert result[0] == "CrsRequired"


def test_tricky_table_and_column_names_are_data(tmp_path, monkeypatch):
    """Names holding quotes, semicolons, SQL words and non-ASCII letters are read as names."""
    path = tmp_path / "noms.gpkg"
    names = ['bâtiments "anciens"; DROP TABLE gpkg_contents; --', "Zones d'activité"]
    for i, layer in enumerate(names):
        fields = {'hauteur "m"': np.array([1.5, 2.5]), "usage; --": np.array(["a", "b"])}
        write_layer(path, layer, [square(X0, Y0 + i * 100), None], fields)
    for layer in names:
        data = compare(monkeypatch, path, ReadOptions(layer=layer))
        assert data.table.columns['hauteur "m"'] == [1.5, 2.5]
    assert len(inspect_file(path).layers) == 2


def test_a_layer_name_that_is_not_in_the_file(tmp_path, monkeypatch):
    path = write_layer(tmp_path / "un.gpkg", "zones", [square(X0, Y0)], {"n": [1]})
    result = compare(monkeypatch, path, ReadOptions(layer="absente"), fast=False)
    assert result[0] == "DatasetError" and "absente" in result[1]


def test_values_of_another_type_than_their_column_are_left_to_gdal(tmp_path, monkeypatch):
    path = write_layer(tmp_path / "types.gpkg", "zones", [square(X0, Y0)] * 3, {"n": [1, 2, 3]})
    without_gdal_triggers(path)
    with closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE zones SET n = 'douze' WHERE fid = 2")
        con.commit()
    compare(monkeypatch, path, fast=False)


def test_curves_are_left_to_gdal(tmp_path, monkeypatch):
    path = write_layer(tmp_path / "courbes.gpkg", "arcs", [square(X0, Y0)], {"n": [1]})
    without_gdal_triggers(path)
    coords = (X0, Y0, X0 + 5, Y0 + 5, X0 + 10, Y0)
    arc = struct.pack("<BII6d", 1, 8, 3, *coords)  # a circular string
    blob = b"GP\x00\x01" + struct.pack("<i", 2154) + arc
    with closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE arcs SET geom = ?", (blob,))
        con.commit()
    compare(monkeypatch, path, fast=False)
    with pytest.raises(gpkg_features.Unsupported):
        gpkg_features.geometries([blob])


def test_geopackage_headers_with_envelopes_and_byte_orders():
    """Every envelope size, and big-endian headers and WKB, decode to the same shapes."""
    polygon = square(X0, Y0)
    wkb_le = shapely.to_wkb(polygon, byte_order=1)
    wkb_be = shapely.to_wkb(polygon, byte_order=0)
    blobs = []
    for envelope, size in enumerate((0, 32, 48, 48, 64)):
        for little, wkb in ((True, wkb_le), (False, wkb_be)):
            flags = (envelope << 1) | int(little)
            srs = struct.pack("<i" if little else ">i", 2154)
            blobs.append(b"GP\x00" + bytes([flags]) + srs + b"\x00" * size + wkb)
    empty = (
        b"GP\x00" + bytes([0b10001]) + struct.pack("<i", 2154) + shapely.to_wkb(shapely.Polygon())
    )
    column = gpkg_features.geometries([*blobs, None, empty])
    assert list(column.types) == [3] * len(blobs) + [-1, -1]
    for geometry in column.to_shapely()[: len(blobs)]:
        assert geometry.equals(polygon)
    short = b"GP\x00" + bytes([0b11]) + b"\x00" * 20  # an envelope announced, then nothing
    for bad in (
        b"XP\x00\x01" + b"\x00" * 30,
        b"GP\x00" + bytes([0b100001]) + b"\x00" * 30,
        "GP",
        short,
    ):
        with pytest.raises(gpkg_features.Unsupported):
            gpkg_features.geometries([bad])


def test_a_dkgis_dataset_is_still_recognised(tmp_path, monkeypatch):
    from tests.gpkg_factory import make_dataset

    path = make_dataset(tmp_path / "dk.gpkg")
    slow = read_with_gdal(monkeypatch, path, ReadOptions(), "inspect")
    fast = inspect_file(path)
    assert fast.dkgis_dataset and slow.dkgis_dataset
    assert fast == slow


def test_the_big_layer_is_read_without_importing_gdal(tmp_path):
    """Reading a GeoPackage of buildings does not import pyogrio (nor pandas through it)."""
    assert_read_without_gdal(tmp_path / "batiments.gpkg")


def assert_read_without_gdal(path: Path) -> None:
    """200 buildings written to ``path`` (its suffix says the format) are read in a new
    process that never imports pyogrio, nor pandas through it."""
    import subprocess
    import sys

    from tests.building_factory import write_buildings

    path = write_buildings(path, 200)
    code = (
        "import sys; from dkgis.io.readers import read_file;"
        f"d = read_file({str(path)!r}); print(len(d.table), 'pyogrio' in sys.modules,"
        " 'pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["200", "False", "False"]


def test_the_geometry_alone_when_the_attributes_are_not_wanted(tmp_path, monkeypatch):
    """The command line draws a layer without its attributes: they are not read."""
    geoms = [square(X0 + 100 * i, Y0) for i in range(4)] + [None]
    path = write_layer(tmp_path / "zones.gpkg", "zones", geoms, {"nom": np.array(list("abcde"))})
    whole = read_file(path)
    sqlite_only(monkeypatch)
    bare = read_file(path, ReadOptions(attributes=False))
    assert bare.table.columns == {} and list(whole.table.columns) == ["nom"]
    assert np.array_equal(bare.table.geometry.coordinates(), whole.table.geometry.coordinates())
    assert bare.rows_without_geometry == whole.rows_without_geometry == 1


def test_a_file_name_with_accents_spaces_and_uri_characters(tmp_path, monkeypatch):
    folder = tmp_path / "Données 50% #2"
    folder.mkdir()
    path = write_layer(folder / "zones été #1.gpkg", "zones", [square(X0, Y0)], {"n": [1]})
    data = compare(monkeypatch, path)
    assert data.title == "zones" and len(data.table) == 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.binary(max_size=80),
            st.tuples(st.integers(0, 255), st.binary(max_size=120)).map(
                lambda t: b"GP\x00" + bytes([t[0]]) + t[1]
            ),
        ),
        max_size=8,
    )
)
def test_damaged_geometry_blobs_are_refused_or_read_never_crash(blobs):
    """Any blob gives a row (maybe without geometry), or sends the layer to GDAL."""
    try:
        column = gpkg_features.geometries(blobs)
    except gpkg_features.Unsupported:
        return
    assert len(column) == len(blobs)
