"""A FeatureCollection's features found in its bytes with numpy give what the parser gives.

:func:`geojson_schema.split` finds the features with :mod:`geojson_scan` and parses only
the rest of the document; any document it does not understand exactly is parsed whole,
as before. Each test compares both ways (the whole-document way forced by making the
numpy pass decline) on generated collections full of what could fool a scan: braces,
brackets, quotes and backslashes inside strings, unicode escapes, nested objects,
members before and after the features, whitespace anywhere; and on broken files, whose
error messages must stay the same.
"""

from __future__ import annotations

import json
import math
import random
import tempfile
from pathlib import Path
from unittest import mock

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dkgis.io.errors import DatasetError
from dkgis.io.readers import geojson_scan, geojson_schema, read_file

LON, LAT = 2.1250, 50.9870
CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}

#: Texts that would fool a scan that did not follow strings and their escapes.
TRICKY = [
    "{",
    "}",
    "[",
    "]",
    '"',
    "\\",
    '\\"',
    '\\\\"',
    "a\\",
    '"}, {"type": "Feature"',
    '{"features": [',
    "é « quai » Zürich",
    "😀 \u2028 \x00\x1f",
    "",
]

SPACES = ["", "", " ", "\n", "\t", "\r\n  ", "\n        "]


def dumps(value: object, rng: random.Random) -> str:
    """JSON text of ``value`` with whitespace of every kind between its tokens and its
    strings escaped (``\\u00e9``) or not, at random."""

    def space() -> str:
        return rng.choice(SPACES)

    def text(item: object) -> str:
        return json.dumps(item, ensure_ascii=rng.random() < 0.5)

    if isinstance(value, dict):
        items = [f"{space()}{text(k)}{space()}:{space()}{dumps(v, rng)}" for k, v in value.items()]
        return "{" + ",".join(items) + space() + "}"
    if isinstance(value, list):
        return "[" + ",".join(space() + dumps(v, rng) for v in value) + space() + "]"
    return text(value)


def tricky_feature(i: int, rng: random.Random) -> dict:
    x, y = LON + rng.uniform(0, 0.1), LAT + rng.uniform(0, 0.1)
    geometry = rng.choice(
        [
            None,
            {"type": "Point", "coordinates": [x, y]},
            {"type": "LineString", "coordinates": [[x, y], [x + 0.01, y]]},
            {"type": "Polygon", "coordinates": [[[x, y], [x + 0.01, y], [x, y + 0.01], [x, y]]]},
        ]
    )
    properties = {
        "id": i,
        rng.choice(TRICKY): rng.choice(TRICKY),
        "nested": {"{": [rng.choice(TRICKY), {"deep": rng.choice(TRICKY)}], "}": {}},
        "features": [{"type": "Feature", "properties": {"x": "]"}}],
        "number": rng.choice([1.5, -0.0, 12345678901234567890, None, True]),
    }
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def tricky_collection(count: int, seed: int) -> bytes:
    """A FeatureCollection of ``count`` tricky features; a ``crs`` before or after them
    and foreign members holding objects, strings and arrays around them."""
    rng = random.Random(seed)
    features = [tricky_feature(i, rng) for i in range(count)]
    foreign = {"features": {"x": "}"}, "list": [{"a": "{"}, "features"], "type": "Feature"}
    members: list[tuple[str, object]] = [
        ("type", "FeatureCollection"),
        ("name", "features"),
        ("metadata", foreign),
        ("features", features),
        ("bbox", [LON, LAT, LON + 0.1, LAT + 0.1]),
    ]
    members.insert(rng.choice([1, 3, 4, 5]), ("crs", CRS84))
    return (rng.choice(SPACES) + dumps(dict(members), rng) + rng.choice(SPACES)).encode()


@pytest.fixture
def whole_document(monkeypatch):
    """Call to make :func:`geojson_schema.split` parse the whole document, as before."""

    def force() -> None:
        monkeypatch.setattr(geojson_scan, "features_layout", lambda raw: None)

    return force


def assert_same_split(raw: bytes, force_whole) -> geojson_schema.Split:
    assert geojson_scan.features_layout(raw) is not None, "the numpy pass understands it"
    fast = geojson_schema.split(raw)
    typed, parsed = geojson_schema.typed_features(fast), geojson_schema.parsed_features(fast)
    force_whole()
    whole = geojson_schema.split(raw)
    assert fast.count == whole.count
    assert fast.crs == whole.crs
    assert typed == geojson_schema.typed_features(whole)
    assert parsed == geojson_schema.parsed_features(whole)
    assert parsed == msgspec.json.decode(raw)["features"]
    return fast


@pytest.mark.parametrize("count", [0, 1, 6, 7, 8, 23])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_numpy_split_gives_the_features_the_parser_gives(
    count, seed, monkeypatch, whole_document
):
    monkeypatch.setattr(geojson_schema, "FEATURES_PER_CALL", 7)
    raw = tricky_collection(count, seed)
    fast = assert_same_split(raw, whole_document)
    assert fast.count == count
    assert len(list(fast.chunks())) == math.ceil(count / 7)


def test_chunks_of_exactly_the_features_per_call_and_one_more(whole_document):
    per_call = geojson_schema.FEATURES_PER_CALL
    point = {"type": "Feature", "properties": {"n": "}"}, "geometry": None}
    for count, sizes in ((per_call, [per_call]), (per_call + 1, [per_call, 1])):
        raw = json.dumps({"type": "FeatureCollection", "features": [point] * count}).encode()
        fast = geojson_schema.split(raw)
        assert [len(msgspec.json.decode(text)) for text in fast.chunks()] == sizes
    assert_same_split(raw, whole_document)


def test_the_features_are_parsed_a_chunk_at_a_time_never_the_whole_document(tmp_path, monkeypatch):
    # A parser holds Python's lock for as long as it reads: no call may read the whole file.
    class Recording:
        def __init__(self, decoder) -> None:
            self.decoder = decoder

        def decode(self, text):
            sizes.append(len(text))
            return self.decoder.decode(text)

    sizes: list[int] = []
    for name in ("_OUTLINE", "_FEATURES", "_PARSER"):
        monkeypatch.setattr(geojson_schema, name, Recording(getattr(geojson_schema, name)))
    monkeypatch.setattr(geojson_schema, "FEATURES_PER_CALL", 100)
    path = tmp_path / "parcelles.geojson"
    path.write_bytes(tricky_collection(1000, seed=4))
    data = read_file(path)
    assert len(data) == 1000
    assert len(sizes) == 11  # the rest of the document, then ten chunks
    assert max(sizes) < path.stat().st_size / 5


def outcome(path: Path) -> object:
    """What reading ``path`` gives: its error message, or its features and warnings."""
    try:
        data = read_file(path)
    except DatasetError as err:
        return str(err)
    geometry = data.table.geometry
    return (
        len(data),
        data.warnings,
        data.source_crs,
        data.table.columns,
        geometry.types.tolist(),
        geometry.polygons.coords.tolist(),
        geometry.points.coords.tolist(),
    )


PLAIN = (
    '{"type": "FeatureCollection", "features": [\n'
    '{"type": "Feature", "properties": {"a": "x"}, "geometry": {"type": "Point",'
    ' "coordinates": [2.1, 51.0]}},\n'
    '{"type": "Feature", "properties": {"a": "y"}, "geometry": null}\n]}'
)
NOT_OBJECTS = {
    "a number": PLAIN.replace("[\n", "[\n3, "),
    "a string with a brace": PLAIN.replace("[\n", '[\n"{", '),
    "an array": PLAIN.replace("\n]}", ', [{"type": "Feature"}]\n]}'),
    "null in the middle": PLAIN.replace("},\n{", "}, null,\n{"),
    "a feature in an array": PLAIN.replace("},\n{", "},\n[{").replace("null}\n]", "null}]\n]"),
}
BROKEN = {
    "truncated in a feature": PLAIN[:120],
    "truncated after the features": PLAIN[:-1],
    "truncated in a string": PLAIN[:80],
    "a brace too many": PLAIN.replace("null}", "null}}"),
    "a brace missing": PLAIN.replace("51.0]}}", "51.0]}"),
    "a bracket missing": PLAIN.replace("\n]}", "\n}"),
    "trailing garbage": PLAIN + " x",
    "a second document": PLAIN + PLAIN,
    "two commas": PLAIN.replace("},\n{", "},,\n{"),
    "no comma": PLAIN.replace("},\n{", "}\n{"),
    "a trailing comma": PLAIN.replace("null}\n]", "null},\n]"),
    "a syntax error in a feature": PLAIN.replace('"a": "y"', '"a": tru'),
    "a quote escaped outside strings": PLAIN.replace('"a": "y"', '"a": \\"y"'),
    "a bad escape": PLAIN.replace('"a": "y"', '"a": "\\q"'),
}
ODD = {
    "not a list": '{"type": "FeatureCollection", "features": {"type": "Feature"}}',
    "no features": '{"type": "FeatureCollection", "crs": {}}',
    "features twice, the second empty": PLAIN.replace("\n]}", '\n], "features": []}'),
    "features twice, the first empty": PLAIN.replace(
        '"features": [', '"features": [], "features": ['
    ),
    "an escaped second features": PLAIN.replace("\n]}", '\n], "feat\\u0075res": []}'),
    "an escaped features": PLAIN.replace('"features"', '"feat\\u0075res"'),
    "not a FeatureCollection": PLAIN.replace("FeatureCollection", "Feature"),
    "a type after the features": PLAIN.replace('"type": "FeatureCollection", ', "")[:-1]
    + ', "type": "FeatureCollection"}',
    "a top-level array": "[" + PLAIN + "]",
    "a crs naming nothing": PLAIN.replace('"features"', '"crs": {"a": 1}, "features"'),
    "NaN in a feature": PLAIN.replace("51.0", "NaN"),
    "NaN outside the features": PLAIN.replace('"features"', '"bbox": [NaN], "features"'),
    "empty": "",
    "only spaces": "  \n ",
}


@pytest.mark.parametrize("case", sorted(NOT_OBJECTS))
def test_features_that_are_not_all_objects_read_as_before(case, tmp_path, whole_document):
    text = NOT_OBJECTS[case]
    assert geojson_scan.features_layout(text.encode()) is None
    path = tmp_path / "odd.geojson"
    path.write_text(text, encoding="utf-8")
    fast = outcome(path)
    whole_document()
    assert fast == outcome(path)
    assert not isinstance(fast, str) and fast[1], "read, with a warning about the element"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_gives_the_message_it_gave(case, tmp_path, whole_document):
    path = tmp_path / "broken.geojson"
    path.write_text(BROKEN[case], encoding="utf-8")
    fast = outcome(path)
    whole_document()
    assert fast == outcome(path)
    assert isinstance(fast, str) and "bad JSON at line" in fast and path.name in fast


@pytest.mark.parametrize("case", sorted(ODD))
def test_an_odd_document_reads_as_before(case, tmp_path, whole_document):
    path = tmp_path / "odd.geojson"
    path.write_text(ODD[case], encoding="utf-8")
    fast = outcome(path)
    whole_document()
    assert fast == outcome(path)


def test_invalid_utf8_in_a_feature_gives_the_message_it_gave(tmp_path, whole_document):
    path = tmp_path / "latin1.geojson"
    path.write_bytes(PLAIN.replace('"y"', '"Dunkerque quai "').encode().replace(b"quai", b"qu\xe9"))
    fast = outcome(path)
    whole_document()
    assert fast == outcome(path)
    assert "not UTF-8 text" in fast


def test_a_byte_order_mark_and_a_gzip_file_read_as_before(tmp_path, whole_document):
    import gzip

    marked = tmp_path / "marked.geojson"
    marked.write_bytes(b"\xef\xbb\xbf" + tricky_collection(30, seed=5))
    packed = tmp_path / "packed.json.gz"
    packed.write_bytes(gzip.compress(tricky_collection(30, seed=6)))
    fast = [outcome(marked), outcome(packed)]
    whole_document()
    assert fast == [outcome(marked), outcome(packed)]
    assert fast[0][0] == 30 and fast[1][0] == 30


#: Bytes that change how a document is laid out, and others.
DAMAGE = [b'"', b"\\", b"{", b"}", b"[", b"]", b",", b":", b" ", b"\n", b"x", b"\xe9"]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    seed=st.integers(0, 3),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["replace", "insert", "delete", "cut"]),
            st.floats(0, 1, exclude_max=True),
            st.sampled_from(DAMAGE),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_a_damaged_collection_reads_as_before(seed, edits):
    raw = bytearray(tricky_collection(12, seed))
    for kind, where, byte in edits:
        at = int(where * len(raw))
        if kind == "replace":
            raw[at : at + 1] = byte
        elif kind == "insert":
            raw[at:at] = byte
        elif kind == "delete":
            del raw[at : at + 1 + at % 7]
        else:
            del raw[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.geojson"
        path.write_bytes(bytes(raw))
        with mock.patch.object(geojson_schema, "FEATURES_PER_CALL", 5):
            fast = outcome(path)
            with mock.patch.object(geojson_scan, "features_layout", lambda raw: None):
                assert fast == outcome(path)
