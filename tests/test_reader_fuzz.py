"""Property-based tests: every reader, fed damaged files, loads them or says why it cannot.

Each test starts from a valid file (a French CSV, a GeoJSON, a GeoPackage, a
shapefile, a zipped shapefile, an Esri JSON, a CSV of WKT geometries) and damages
it the ways files get damaged: bytes flipped, the end cut off, random bytes or
lines inserted, a part deleted or repeated, the text re-encoded, a huge field.
The reader must either read the file or raise the project's own error
(:class:`~dkgis.io.errors.DatasetError` and its subclasses); anything else is a bug.

In CI each reader gets :data:`CI_EXAMPLES` examples, derandomised so a run is
reproducible; ``DKGIS_FUZZ_EXAMPLES=5000`` runs that many random examples per
reader (a longer hunt, locally).
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dkgis.io.errors import DatasetError
from dkgis.io.readers import (
    ColumnsRequired,
    CrsRequired,
    ReadOptions,
    inspect_file,
    read_file,
)

#: Examples per reader in CI (a few seconds each).
CI_EXAMPLES = 50
FUZZ_EXAMPLES = int(os.environ.get("DKGIS_FUZZ_EXAMPLES", "0") or 0)

settings.register_profile(
    "dkgis-ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dkgis-fuzz",
    max_examples=max(FUZZ_EXAMPLES, 1),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = "dkgis-fuzz" if FUZZ_EXAMPLES else "dkgis-ci"

DUNKERQUE_L93 = (654_000.0, 7_105_000.0)


# -- the valid files ----------------------------------------------------------------------


def french_csv() -> bytes:
    lines = ["Nom;Catégorie;Longitude;Latitude;Remarque"]
    for i in range(12):
        lon = f"{2.15 + i / 50:.5f}".replace(".", ",")
        lat = f"{51.0 + i / 200:.5f}".replace(".", ",")
        note = '"Façade ""rénovée""; été"' if i % 3 == 0 else ("" if i % 3 == 1 else "Électrolyse")
        lines.append(f"Site n°{i};Hydrant;{lon};{lat};{note}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def wkt_csv() -> bytes:
    rows = [
        "id,nom,WKT",
        '1,Mairie,"POINT (2.3768 51.0343)"',
        '2,Canal,"LINESTRING (2.195 51.029, 2.3768 51.0343)"',
        '3,Zone,"POLYGON ((2.30 51.0, 2.34 51.0, 2.34 51.02, 2.30 51.0))"',
        '4,Sites,"MULTIPOINT ((2.2 51.0), (2.3 51.01))"',
        "5,Vide,",
    ]
    return ("\n".join(rows) + "\n").encode("utf-8")


def geojson() -> bytes:
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"nom": "Hôtel de ville", "rang": 1, "meta": {"k": [1, 2]}},
                "geometry": {"type": "Point", "coordinates": [2.3768, 51.0343]},
            },
            {
                "type": "Feature",
                "properties": {"nom": "Canal", "rang": 2.5},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[2.195, 51.029], [2.3768, 51.0343]],
                },
            },
            {
                "type": "Feature",
                "properties": {"nom": None},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[2.3, 51.0], [2.34, 51.0], [2.34, 51.02], [2.3, 51.0]]],
                },
            },
            {"type": "Feature", "properties": {"nom": "sans"}, "geometry": None},
        ],
    }
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")


def esri_json() -> bytes:
    x, y = DUNKERQUE_L93
    doc = {
        "displayFieldName": "nom",
        "geometryType": "esriGeometryPolygon",
        "spatialReference": {"wkid": 2154, "latestWkid": 2154},
        "fields": [{"name": "nom", "type": "esriFieldTypeString", "alias": "Nom"}],
        "features": [
            {
                "attributes": {"nom": "Zone A", "surface": 12.5},
                "geometry": {
                    "rings": [
                        [[x, y], [x, y + 500], [x + 500, y + 500], [x + 500, y], [x, y]],
                        [
                            [x + 100, y + 100],
                            [x + 200, y + 100],
                            [x + 200, y + 200],
                            [x + 100, y + 100],
                        ],
                    ]
                },
            },
            {
                "attributes": {"nom": "Zone B", "surface": None},
                "geometry": {"rings": [[[x, y], [x, y - 300], [x - 300, y - 300], [x, y]]]},
            },
        ],
    }
    return json.dumps(doc, indent=1).encode("utf-8")


def write_shapefile(folder: Path, name: str = "batiments") -> Path:
    import geopandas as gpd
    from shapely.geometry import Point

    x, y = DUNKERQUE_L93
    frame = gpd.GeoDataFrame(
        {"nom": ["Mairie", "Écluse", "Port"], "surface": [12.5, 3.0, None], "n": [1, 2, 3]},
        geometry=[Point(x + 100 * i, y).buffer(50 + i) for i in range(3)],
        crs="EPSG:2154",
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame.to_file(path, encoding="utf-8")
    return path


def write_geopackage(path: Path) -> Path:
    import geopandas as gpd
    from shapely.geometry import LineString, Point

    x, y = DUNKERQUE_L93
    gpd.GeoDataFrame(
        {"nom": ["Mairie", "Port"], "n": [1, 2]},
        geometry=[Point(x, y), Point(x - 15_000, y - 500)],
        crs="EPSG:2154",
    ).to_file(path, layer="sites", driver="GPKG")
    gpd.GeoDataFrame(
        {"nom": ["Canal"]}, geometry=[LineString([(2.195, 51.029), (2.3768, 51.0343)])], crs=4326
    ).to_file(path, layer="canaux", driver="GPKG")
    return path


@dataclass(frozen=True, repr=False)
class Sample:
    """A valid file of one kind: its name and its parts (file name -> bytes)."""

    name: str
    parts: dict[str, bytes]
    text: bool

    def __repr__(self) -> str:  # failure reports show the damaged bytes, not the samples
        return f"Sample({self.name!r})"


class Samples(dict):
    """The valid samples by kind (a short repr in failure reports)."""

    def __repr__(self) -> str:
        return f"Samples({', '.join(self)})"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Samples:
    folder = tmp_path_factory.mktemp("valid")
    shp = write_shapefile(folder / "shp")
    shp_parts = {p.name: p.read_bytes() for p in sorted(shp.parent.iterdir())}
    zipped = folder / "batiments.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in shp_parts.items():
            archive.writestr(f"donnees/{name}", data)
    gpkg = write_geopackage(folder / "reseaux.gpkg")
    return Samples(
        csv=Sample("sites.csv", {"sites.csv": french_csv()}, True),
        wkt=Sample("geometries.csv", {"geometries.csv": wkt_csv()}, True),
        geojson=Sample("zones.geojson", {"zones.geojson": geojson()}, True),
        esrijson=Sample("zones.json", {"zones.json": esri_json()}, True),
        gpkg=Sample("reseaux.gpkg", {"reseaux.gpkg": gpkg.read_bytes()}, False),
        shapefile=Sample("batiments.shp", shp_parts, False),
        zip=Sample("batiments.zip", {"batiments.zip": zipped.read_bytes()}, False),
    )


# -- damage -------------------------------------------------------------------------------

ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16", "utf-8-sig", "mac_roman")


#: One way of damaging a file: (kind, position, argument); positions wrap around the size.
Damage = tuple[str, int, object]

POSITIONS = st.integers(0, 1 << 20)


def damages(text: bool) -> st.SearchStrategy[list[Damage]]:
    """One to three ways of damaging a file (text files may also change encoding)."""
    ops = [
        st.tuples(st.just("flip"), POSITIONS, st.integers(1, 255)),
        st.tuples(st.just("truncate"), POSITIONS, st.none()),
        st.tuples(st.just("insert"), POSITIONS, st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("line"), POSITIONS, st.text(max_size=40)),
        st.tuples(st.just("delete"), POSITIONS, st.integers(1, 64)),
        st.tuples(st.just("repeat"), POSITIONS, st.integers(1, 64)),
        st.tuples(
            st.just("huge"),
            POSITIONS,
            st.tuples(
                st.sampled_from([b"x", b"9", b"\xe9", b"[", b"{", b" ", b";", b","]),
                st.sampled_from([140_000, 300_000]),
            ),
        ),
    ]
    if text:
        ops.append(st.tuples(st.just("encoding"), st.just(0), st.sampled_from(ENCODINGS)))
    return st.lists(st.one_of(ops), min_size=1, max_size=3)


def apply_damage(data: bytes, plan: list[Damage]) -> bytes:
    """``data`` damaged as ``plan`` says."""
    for kind, position, arg in plan:
        at = position % (len(data) + 1)
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ arg]) + data[at + 1 :]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + arg + data[at:]
        elif kind == "line":
            start = data.rfind(b"\n", 0, at) + 1
            data = data[:start] + arg.encode("utf-8", "surrogatepass") + b"\n" + data[start:]
        elif kind == "delete":
            data = data[:at] + data[at + arg :]
        elif kind == "repeat":
            data = data[:at] + data[at : at + arg] * 2 + data[at:]
        elif kind == "huge":
            filler, n = arg
            data = data[:at] + filler * n + data[at:]
        elif kind == "encoding":
            data = data.decode("utf-8", "replace").encode(arg, "replace")
    return data


def read_like_the_app(path: Path) -> None:
    """Inspect then read ``path``, answering the questions as a user would.

    Only success and :class:`DatasetError` (and its subclasses) may come out.
    """
    info = inspect_file(path)
    options = ReadOptions(layer=info.layers[-1].name if len(info.layers) > 1 else None)
    for _ in range(3):
        try:
            read_file(path, options)
            return
        except CrsRequired as err:
            if options.crs is not None:
                raise
            options = ReadOptions(layer=options.layer, crs=err.suggestion)
        except ColumnsRequired as err:
            options = ReadOptions(
                layer=options.layer, x_column=err.x_candidates[0], y_column=err.y_candidates[-1]
            )


def check_damaged(sample: Sample, data_for) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder)
        for name, data in sample.parts.items():
            (target / name).write_bytes(data_for(name, data))
        try:
            read_like_the_app(target / sample.name)
        except DatasetError as err:
            assert sample.name in str(err)
            assert err.problem.strip()


def fuzz(kind: str):
    """A property test of ``kind``'s reader against its damaged sample."""

    @settings.get_profile(PROFILE)
    @given(data=st.data())
    def test(samples, data):
        sample = samples[kind]
        victim = data.draw(st.sampled_from(sorted(sample.parts)), label="damaged file")

        def data_for(name: str, raw: bytes) -> bytes:
            if name != victim:
                return raw
            return apply_damage(raw, data.draw(damages(sample.text), label=f"damage to {name}"))

        check_damaged(sample, data_for)

    test.__name__ = f"test_damaged_{kind}_loads_or_says_why"
    return test


test_damaged_csv_loads_or_says_why = fuzz("csv")
test_damaged_wkt_csv_loads_or_says_why = fuzz("wkt")
test_damaged_geojson_loads_or_says_why = fuzz("geojson")
test_damaged_esri_json_loads_or_says_why = fuzz("esrijson")
test_damaged_geopackage_loads_or_says_why = fuzz("gpkg")
test_damaged_shapefile_loads_or_says_why = fuzz("shapefile")
test_damaged_zipped_shapefile_loads_or_says_why = fuzz("zip")


@pytest.mark.parametrize("kind", ["csv", "wkt", "geojson", "esrijson", "gpkg", "shapefile", "zip"])
def test_the_valid_samples_load(samples, kind):
    """The fuzzing starts from files that load: damage is what the tests vary."""
    sample = samples[kind]
    with tempfile.TemporaryDirectory() as folder:
        for name, data in sample.parts.items():
            (Path(folder) / name).write_bytes(data)
        read_like_the_app(Path(folder) / sample.name)
