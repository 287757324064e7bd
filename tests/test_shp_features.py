"""Shapefiles read with numpy give what GDAL gives (values, types, CRS, errors).

Each shapefile is written by GDAL (pyogrio), as users' tools write them, or its parts
are rewritten byte by byte (``tests/shapefile_parts.py``) where GDAL would not write the
case; it is then read twice: by the reader as it is (numpy where it can) and with GDAL
alone, and both results are compared.
"""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dkgis.io.readers import ReadOptions, inspect_file, ogr, read_file, shp_features
from tests.shapefile_parts import ring, write_dbf, write_shapes
from tests.test_gpkg_features import (
    X0,
    Y0,
    assert_read_without_gdal,
    assert_same,
    compare_with_gdal,
    outcome,
    square,
)


def write_layer(path: Path, geoms, fields: dict, crs="EPSG:2154", gtype=None, **options):
    """Write a shapefile with GDAL: ``geoms`` shapely geometries (``None`` allowed)."""
    import pyogrio.raw

    wkb = np.array(
        [None if g is None else shapely.to_wkb(g, flavor="iso") for g in geoms], dtype=object
    )
    kinds = {type(g).__name__ for g in geoms if g is not None}
    has_z = any(g is not None and shapely.has_z(g) for g in geoms)
    gtype = gtype or (kinds.pop() + (" Z" if has_z else ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyogrio warns of M values and missing CRS
        pyogrio.raw.write(
            str(path),
            geometry=wkb,
            field_data=[np.asarray(v) for v in fields.values()],
            fields=list(fields),
            driver="ESRI Shapefile",
            geometry_type=gtype,
            crs=crs,
            **options,
        )
    return path


def read_with_gdal(monkeypatch, path: Path, options: ReadOptions, what: str):
    """``inspect_file`` or ``read_file`` as GDAL alone does them."""

    def unsupported(*args, **kwargs):
        raise shp_features.Unsupported("forced")

    with monkeypatch.context() as m, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m.setattr(shp_features, "Shapefile", unsupported)
        return outcome(
            lambda: inspect_file(path) if what == "inspect" else read_file(path, options)
        )


def numpy_only(monkeypatch) -> None:
    """Make any use of GDAL fail: the read must go through numpy."""

    def no_gdal(*args, **kwargs):
        raise AssertionError("GDAL was used")

    monkeypatch.setattr(ogr, "read_ogr", no_gdal)
    monkeypatch.setattr(ogr, "_layer_info", no_gdal)


def compare(monkeypatch, path: Path, options: ReadOptions | None = None, *, fast: bool = True):
    """Inspect and read ``path`` both ways and compare; ``fast``: numpy must read it."""
    return compare_with_gdal(monkeypatch, path, options, read_with_gdal, numpy_only, fast)


def parts_of(path: Path) -> shp_features.Shapefile:
    found = {e: path.with_suffix(e) for e in shp_features.PART_EXTENSIONS}
    return shp_features.Shapefile(
        shp_features.PartFiles({e: p for e, p in found.items() if p.exists()})
    )


def test_every_field_type_and_null_values(tmp_path, monkeypatch):
    n = 6
    geoms = [square(X0 + 100 * i, Y0) for i in range(n)]
    geoms[2] = None
    fields = {
        "nom": np.array(["Usine", None, "Écluse", "", " quai « sud » ", "x"], dtype=object),
        "entier": np.arange(n, dtype=np.int64) * 10_000_000_000,
        "int32": np.arange(n, dtype=np.int32) - 3,
        "reel": np.array([1.5, np.nan, -2.25, 1e20, 0.1, 3.0]),
        "vrai": np.array([True, False, True, True, False, False]),
        "jour": np.array(
            ["2024-01-05", "NaT", "1999-12-31", "2024-02-29", "1900-01-01", "NaT"],
            dtype="datetime64[D]",
        ),
    }
    path = write_layer(tmp_path / "types.shp", geoms, fields)
    data = compare(monkeypatch, path)
    assert data.table.columns["nom"] == ["Usine", None, "Écluse", None, "quai « sud »", "x"]
    assert data.table.columns["jour"][:2] == ["2024-01-05", None]
    assert data.table.columns["entier"][1] == 10_000_000_000
    assert data.rows_without_geometry == 1


FIELDS = [
    (b"txt", b"C", 6, 0),
    (b"i", b"N", 5, 0),
    (b"f", b"F", 8, 2),
    (b"l", b"L", 1, 0),
    (b"d", b"D", 8, 0),
    (b"big", b"N", 12, 0),
    (b"huge", b"N", 20, 0),
    (b"n3", b"N", 9, 3),
]
ROWS = [
    [b"\xe9t\xe9\x80", b"12", b"1.50", b"T", b"20240105", b"123456789012", b"1", b"1.125"],
    [b"", b"", b"", b"?", b"00000000", b"", b"", b""],
    [b"  a  ", b"*****", b"********", b" ", b"        ", b"-5", b"1.5e3", b"*"],
    [b"x\x00y", b" -3 ", b" 2.", b"f", b"20000229", b"+7", b"  ", b"-0.5"],
    [b"z", b"0", b".5", b"y", b"20240101", b"0", b"-0", b"2"],
    [b"q", b"7", b"1", b"N", b"19991231", b"1", b"1", b"3"],
]


def raw_layer(folder: Path, rows=ROWS, fields=FIELDS, **dbf) -> Path:
    """A shapefile of squares whose .dbf holds ``rows`` written byte for byte."""
    folder.mkdir(parents=True, exist_ok=True)
    path = write_layer(folder / "brut.shp", [square(X0, Y0)], {"n": [1]})
    write_shapes(path, [[ring(X0 + 100 * i, Y0, 50)] for i in range(len(rows))])
    write_dbf(path.with_suffix(".dbf"), fields, rows, **dbf)
    path.with_suffix(".cpg").unlink()
    return path


def test_blank_numbers_asterisks_question_marks_and_deleted_records(tmp_path, monkeypatch):
    """NULLs as dBase writers put them, and a record marked deleted, read as GDAL does."""
    path = raw_layer(tmp_path / "a", deleted={5})
    data = compare(monkeypatch, path)
    assert len(data.table) == 5
    assert data.table.columns["i"] == [12, None, None, -3, 0]
    assert data.table.columns["l"] == [True, None, False, False, True]
    assert data.table.columns["txt"][:4] == ["été\x80", None, "a", "x"]
    assert data.table.columns["d"][1:3] == [None, None]


@pytest.mark.parametrize(
    ("language", "cpg", "expected"),
    [
        (0x00, None, "été\x80"),
        (0x57, None, "été\x80"),
        (0x03, None, "été€"),
        (0x02, None, "ÚtÚÇ"),
        (0x00, "1252", "été€"),
        (0x57, "CP1252", "été€"),
        (0x00, "ISO-8859-1", "été\x80"),
        (0x03, "88591", "été\x80"),
    ],
)
def test_texts_in_the_encoding_of_the_cpg_file_or_the_language_byte(
    tmp_path, monkeypatch, language, cpg, expected
):
    path = raw_layer(tmp_path / "a", language=language)
    if cpg is not None:
        path.with_suffix(".cpg").write_text(cpg)
    data = compare(monkeypatch, path)
    assert data.table.columns["txt"][0] == expected


@pytest.mark.parametrize("cpg", ["UTF-8", "KOI8-R", "", "65001"])
def test_texts_not_in_the_encoding_announced_or_an_unknown_one_are_left_to_gdal(
    tmp_path, monkeypatch, cpg
):
    path = raw_layer(tmp_path / "a")
    path.with_suffix(".cpg").write_text(cpg)
    compare(monkeypatch, path, fast=False)


def test_accented_texts_written_in_utf8_and_in_latin1(tmp_path, monkeypatch):
    names = np.array(["Hôtel de ville", "Écluse Watier", "Façade « rénovée »"], dtype=object)
    geoms = [shapely.Point(X0 + i, Y0) for i in range(3)]
    utf8 = write_layer(tmp_path / "utf8" / "sites.shp", geoms, {"nom": names})
    assert utf8.with_suffix(".cpg").read_text().upper().startswith("UTF")
    latin1 = write_layer(
        tmp_path / "latin1" / "sites.shp", geoms, {"nom": names}, encoding="ISO-8859-1"
    )
    for path in (utf8, latin1):
        data = compare(monkeypatch, path)
        assert data.table.columns["nom"] == list(names)
    latin1.with_suffix(".cpg").unlink()  # the language byte alone says Latin-1
    assert compare(monkeypatch, latin1).table.columns["nom"] == list(names)


def test_values_gdal_reads_otherwise_are_left_to_gdal(tmp_path, monkeypatch):
    """Numbers with other characters, dates that do not exist, other field types."""
    for i, (column, value) in enumerate([(1, b"1.9"), (2, b"abc"), (4, b"20241305"), (3, b"X")]):
        rows = [list(r) for r in ROWS]
        rows[0][column] = value
        compare(monkeypatch, raw_layer(tmp_path / f"v{i}", rows=rows), fast=False)
    memo = [(b"txt", b"C", 6, 0), (b"m", b"M", 10, 0)]
    path = raw_layer(tmp_path / "memo", rows=[[b"a", b"1"]], fields=memo)
    compare(monkeypatch, path, fast=False)


def test_points_lines_and_multi_geometries(tmp_path, monkeypatch):
    layers = {
        "points": [shapely.Point(X0 + i, Y0 + i) for i in range(5)] + [None],
        "lignes": [shapely.LineString([(X0, Y0), (X0 + 10 * i + 5, Y0 + 30)]) for i in range(4)],
        "multilignes": [
            shapely.MultiLineString([[(X0, Y0), (X0 + 5, Y0 + 5)], [(X0 + 9, Y0), (X0, Y0 + 9)]]),
            shapely.LineString([(X0, Y0), (X0 + 1, Y0 + 1), (X0 + 2, Y0)]),
            None,
        ],
        "multipoints": [
            shapely.MultiPoint([(X0, Y0), (X0 + 3, Y0 + 4)]),
            None,
            shapely.MultiPoint([(X0, Y0)]),
        ],
        "polygones": [
            shapely.box(X0, Y0, X0 + 90, Y0 + 90).difference(square(X0 + 20, Y0 + 20, 10)),
            shapely.MultiPolygon(
                [
                    square(X0 + 1000, Y0, 500),
                    shapely.box(X0, Y0, X0 + 90, Y0 + 90)
                    .difference(square(X0 + 20, Y0 + 20, 10))
                    .difference(square(X0 + 50, Y0 + 50, 10)),
                    square(X0 - 500, Y0, 10),
                ]
            ),
            None,
            square(X0, Y0),
        ],
    }
    gtypes = {"multilignes": "MultiLineString", "polygones": "MultiPolygon"}
    for name, geoms in layers.items():
        path = write_layer(
            tmp_path / f"{name}.shp",
            geoms,
            {"n": np.arange(len(geoms))},
            gtype=gtypes.get(name)
            or ({"points": "Point", "lignes": "LineString", "multipoints": "MultiPoint"}[name]),
        )
        data = compare(monkeypatch, path)
        assert data.title == name
        got = data.table.geometry.to_shapely()
        for a, b in zip(got, layers[name], strict=True):
            assert (a is None) == (b is None)


def test_z_and_m_coordinates_are_dropped_as_gdal_drops_them(tmp_path, monkeypatch):
    z = [shapely.Polygon([(X0, Y0, 1), (X0 + 9, Y0, 2), (X0 + 9, Y0 + 9, 3), (X0, Y0, 1)])]
    cases = {
        "z": (z * 2, "Polygon Z"),
        "pz": ([shapely.Point(X0, Y0, 5.0), None], "Point Z"),
        "m": (
            [shapely.from_wkt(f"LINESTRING M ({X0} {Y0} 1, {X0 + 10} {Y0 + 5} 2)")],
            "Measured LineString",
        ),
        "zm": (
            [shapely.from_wkt(f"MULTIPOINT ZM (({X0} {Y0} 1 2), ({X0 + 1} {Y0} 3 4))")],
            "Measured 3D MultiPoint",
        ),
    }
    for name, (geoms, gtype) in cases.items():
        path = write_layer(
            tmp_path / f"{name}.shp", geoms, {"n": np.arange(len(geoms))}, gtype=gtype
        )
        data = compare(monkeypatch, path)
        assert data.rows_without_geometry == sum(g is None for g in geoms)


A = ring(X0, Y0, 100)
A_HOLE = ring(X0 + 10, Y0 + 10, 10, clockwise=False)
B = ring(X0 + 200, Y0, 300)
B_HOLE = ring(X0 + 250, Y0 + 50, 20, clockwise=False)
C = ring(X0 + 1000, Y0, 5)
#: An L-shaped outer ring (clockwise), and holes in its notch, inside it, and across it.
L_SHAPE = [(X0 + x, Y0 + y) for x, y in ((0, 0), (0, 100), (50, 100), (50, 50), (100, 50))]
L_SHAPE += [(X0 + 100, Y0), (X0, Y0)]
IN_NOTCH = ring(X0 + 60, Y0 + 60, 20, clockwise=False)
IN_L = ring(X0 + 10, Y0 + 10, 10, clockwise=False)
ACROSS_L = ring(X0 + 40, Y0 + 40, 20, clockwise=False)
#: A ring crossing itself whose area turns one way and whose lowest vertex the other: GDAL
#: goes by the vertex.
CROSSED = [(X0 + x, Y0 + y) for x, y in ((27, 82), (26, 41), (64, 54), (9, 3), (85, 74))]
CROSSED.append(CROSSED[0])
#: A hole whose lowest vertex is repeated: GDAL goes by its area.
REPEATED = [*A_HOLE[:2], A_HOLE[1], *A_HOLE[2:]]


@pytest.mark.parametrize(
    ("rings", "fast", "expected"),
    [
        ([A, A_HOLE], True, "POLYGON"),
        ([A_HOLE, A], True, "POLYGON"),  # the outer ring after its hole
        ([C, B, A], True, "MULTIPOLYGON"),  # outer rings kept in file order
        ([A, B, A_HOLE], True, "MULTIPOLYGON"),  # the hole to the ring around it
        ([A, B_HOLE, B, A_HOLE], True, "MULTIPOLYGON"),
        ([A_HOLE], True, "POLYGON"),  # one ring: a polygon whatever its direction
        ([A_HOLE, B_HOLE], False, None),  # holes only
        ([A, B_HOLE], False, None),  # a hole outside its outer ring
        ([A, ring(X0, Y0, 100), A_HOLE], False, None),  # two rings around the hole
        ([L_SHAPE, IN_L], True, "POLYGON"),
        ([L_SHAPE, IN_NOTCH], False, None),  # GDAL: two polygons
        ([L_SHAPE, ACROSS_L], False, None),  # GDAL: a hole
        ([L_SHAPE, B, IN_NOTCH], False, None),  # GDAL: a hole, with two outer rings
        ([A, CROSSED], True, "MULTIPOLYGON"),
        ([A, REPEATED], True, "POLYGON"),
    ],
)
def test_rings_grouped_into_polygons_as_gdal_groups_them(
    tmp_path, monkeypatch, rings, fast, expected
):
    path = write_layer(tmp_path / "anneaux.shp", [square(0, 0)] * 2, {"n": [1, 2]}, crs=None)
    write_shapes(path, [rings, [A]])
    data = compare(monkeypatch, path, ReadOptions(crs="EPSG:2154"), fast=fast)
    if expected:
        assert data.table.geometry[0].geom_type.upper() == expected


def test_polygons_with_holes_whose_rings_come_in_any_order(tmp_path, monkeypatch):
    """Outer rings and holes in any order, as other programs write them, are grouped as GDAL
    groups them (outer rings in file order, each hole to the one around it)."""
    rng = np.random.default_rng(5)
    records = []
    for i in range(300):
        rings = []
        for k in range(int(rng.integers(1, 4))):
            x, y = X0 + 1000 * i, Y0 + 1000 * k
            rings.append(ring(x, y, 500))
            for h in range(int(rng.integers(0, 3))):
                rings.append(ring(x + 50 + 200 * h, y + 50, 100, clockwise=False))
        records.append([rings[j] for j in rng.permutation(len(rings))])
    path = write_layer(tmp_path / "parcelles.shp", [square(X0, Y0)] * 300, {"n": np.arange(300)})
    write_shapes(path, records)
    data = compare(monkeypatch, path)
    kinds = {g.geom_type for g in data.table.geometry.to_shapely()}
    assert kinds == {"Polygon", "MultiPolygon"}


def test_countries_of_natural_earth_as_pyogrio_ships_them(tmp_path, monkeypatch):
    """Real data: 177 countries in longitude/latitude, islands and enclaves."""
    import pyogrio

    folder = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres"
    if not folder.is_dir():
        pytest.skip("pyogrio installed without its test files")
    shutil.copytree(folder, tmp_path / "ne")
    path = tmp_path / "ne" / "naturalearth_lowres.shp"
    data = compare(monkeypatch, path, ReadOptions(crs="EPSG:4326"))
    assert len(data.table) == 177
    assert "MultiPolygon" in {g.geom_type for g in data.table.geometry.to_shapely()}


def test_an_open_ring_is_left_to_gdal(tmp_path, monkeypatch):
    path = write_layer(tmp_path / "ouvert.shp", [square(X0, Y0)], {"n": [1]})
    write_shapes(path, [[ring(X0, Y0, 50)[:-1]]])
    compare(monkeypatch, path, fast=False)


def test_a_zip_with_the_shapefile_in_a_folder_and_accented_names(tmp_path, monkeypatch):
    folder = tmp_path / "Données 50% #2"
    shp = write_layer(
        folder / "bâtiments été.shp",
        [square(X0 + 100 * i, Y0) for i in range(3)],
        {"nom": np.array(["a", "é", None], dtype=object)},
    )
    data = compare(monkeypatch, shp)
    assert data.title == "bâtiments été"
    archive = tmp_path / "archive été.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for file in sorted(folder.iterdir()):
            z.write(file, f"données/couche/{file.name}")
    data = compare(monkeypatch, archive)
    assert data.title == "bâtiments été" and data.layer is None
    assert inspect_file(archive).layers[0].name == "données/couche/bâtiments été"


def test_a_missing_dbf_gives_the_geometries_and_a_warning(tmp_path, monkeypatch):
    path = write_layer(tmp_path / "routes.shp", [square(X0, Y0)] * 2, {"n": [1, 2]})
    path.with_suffix(".dbf").unlink()
    data = compare(monkeypatch, path)
    assert data.table.columns == {} and len(data.table) == 2
    assert "routes.dbf" in data.warnings[0]


def test_crs_from_the_prj_file_or_asked_for(tmp_path, monkeypatch):
    from pyproj import Transformer

    for code in ("EPSG:2154", "EPSG:4326", "EPSG:3857", "EPSG:27572", "EPSG:32631"):
        xy = Transformer.from_crs("EPSG:4326", code, always_xy=True).transform(2.37, 51.03)
        path = write_layer(
            tmp_path / code.replace(":", "_") / "c.shp", [shapely.Point(*xy)], {"n": [1]}, crs=code
        )
        data = compare(monkeypatch, path)
        assert data.source_crs == code
    path = write_layer(tmp_path / "sans" / "c.shp", [square(X0, Y0)], {"n": [1]}, crs=None)
    result = compare(monkeypatch, path)
    assert result[0] == "CrsRequired" and result[2] == "EPSG:2154"
    compare(monkeypatch, path, ReadOptions(crs="EPSG:2154"))
    path.with_suffix(".prj").write_text('LOCAL_CS["plan de masse",UNIT["metre",1]]')
    compare(monkeypatch, path, fast=False)


def test_the_geometry_alone_when_the_attributes_are_not_wanted(tmp_path, monkeypatch):
    geoms = [square(X0 + 100 * i, Y0) for i in range(4)] + [None]
    path = write_layer(tmp_path / "zones.shp", geoms, {"nom": np.array(list("abcde"))})
    whole = read_file(path)
    numpy_only(monkeypatch)
    bare = read_file(path, ReadOptions(attributes=False))
    assert bare.table.columns == {} and list(whole.table.columns) == ["nom"]
    assert np.array_equal(bare.table.geometry.coordinates(), whole.table.geometry.coordinates())


def test_chunks_read_with_progress_give_the_whole_layer(tmp_path, monkeypatch):
    from tests.building_factory import write_buildings

    path = write_buildings(tmp_path / "batiments.shp", 12_000)
    fractions: list[float] = []
    data = compare(monkeypatch, path)
    chunked = read_file(path, progress=fractions.append)
    assert len(data.table) == len(chunked.table) == 12_000
    assert len(fractions) > 3 and fractions[-1] == 1.0


def test_a_read_cancelled_between_two_chunks_stops_there(tmp_path, monkeypatch):
    from dkgis.io.readers import ReadCancelled
    from tests.building_factory import write_buildings

    path = write_buildings(tmp_path / "batiments.shp", 30_000)
    numpy_only(monkeypatch)
    calls = []

    def cancel_at_the_second_chunk(fraction: float) -> None:
        calls.append(fraction)
        if len(calls) == 3:  # 0, then after the first and the second chunks
            raise ReadCancelled

    with pytest.raises(ReadCancelled):
        read_file(path, progress=cancel_at_the_second_chunk)
    assert 0 < calls[-1] < 0.9


def test_the_big_layer_is_read_without_importing_gdal(tmp_path):
    """Reading a shapefile of buildings does not import pyogrio (nor pandas through it)."""
    assert_read_without_gdal(tmp_path / "batiments.shp")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    geoms = [
        shapely.box(X0, Y0, X0 + 90, Y0 + 90).difference(square(X0 + 20, Y0 + 20, 10)),
        None,
        shapely.MultiPolygon([square(X0 + 1000, Y0), square(X0, Y0 + 500)]),
    ]
    fields = {"nom": np.array(["é", None, "x"], dtype=object), "v": np.array([1.5, 2.0, 3.0])}
    return write_layer(folder / "zones.shp", geoms, fields)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    part=st.sampled_from([".shp", ".shx", ".dbf"]),
    cut=st.one_of(st.none(), st.integers(0, 400)),
    changes=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), max_size=4),
)
def test_damaged_parts_give_gdals_outcome_and_never_crash(
    tmp_path_factory, monkeypatch, sample, part, cut, changes
):
    folder = tmp_path_factory.mktemp("abime")
    for file in sample.parent.iterdir():
        shutil.copy(file, folder / file.name)
    target = (folder / sample.name).with_suffix(part)
    data = bytearray(target.read_bytes())
    for at, value in changes:
        if at < len(data):
            data[at] = value
    target.write_bytes(bytes(data if cut is None else data[:cut]))
    path = folder / sample.name
    slow = read_with_gdal(monkeypatch, path, ReadOptions(), "read")
    fast = outcome(lambda: read_file(path))
    if isinstance(slow, tuple) or isinstance(fast, tuple):
        assert isinstance(fast, tuple), "GDAL refused a file read here"
        assert fast[0] in ("DatasetError", "CrsRequired") and folder.name in fast[1]
    else:
        assert_same(fast, slow)
