"""GeoJSON FeatureCollections decoded with :mod:`msgspec`, a few thousand features at a time.

A FeatureCollection is first split into its features' texts (:func:`split`, passes of
numpy over its bytes that build no object and let other threads run), then its features
are decoded :data:`FEATURES_PER_CALL` at a time, so that a reader thread lets the window
run between two calls.

Most files (the cadastre, exports of QGIS or GDAL) hold Features whose geometries are
points, lines and polygons of two coordinates each. Decoded into the types below
(:func:`typed_features`), the decoder itself checks what the reader would check
feature by feature (a Feature, properties that are an object, a geometry of a known
type, positions of two numbers), makes a tuple for each position instead of a list,
and no dictionary for features and geometries: a third faster to parse and to free.
Features of any other kind (an elevation, a geometry collection, damage) make it
return ``None``; :func:`parsed_features` then parses them into dictionaries and lists,
which the reader checks one by one and names what is wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, Union

import msgspec
import numpy as np

Position = tuple[float, float]


class Point(msgspec.Struct, tag="Point", tag_field="type"):
    coordinates: Position


class MultiPoint(msgspec.Struct, tag="MultiPoint", tag_field="type"):
    coordinates: list[Position]


class LineString(msgspec.Struct, tag="LineString", tag_field="type"):
    coordinates: list[Position]


class MultiLineString(msgspec.Struct, tag="MultiLineString", tag_field="type"):
    coordinates: list[list[Position]]


class Polygon(msgspec.Struct, tag="Polygon", tag_field="type"):
    coordinates: list[list[Position]]


class MultiPolygon(msgspec.Struct, tag="MultiPolygon", tag_field="type"):
    coordinates: list[list[list[Position]]]


Geometry = Union[Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon]  # noqa: UP007 (msgspec reads typing unions)


class Feature(msgspec.Struct):
    # A field rather than a tag: a struct decoded alone accepts an object without its tag.
    type: Literal["Feature"]
    geometry: Union[Geometry, None] = None  # noqa: UP007
    properties: Union[dict[str, Any], None] = None  # noqa: UP007


class FeatureCollection(msgspec.Struct):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    crs: Any = None


class Outline(msgspec.Struct):
    """A FeatureCollection whose features are left as JSON text, to decode in chunks."""

    type: Literal["FeatureCollection"]
    features: list[msgspec.Raw]
    crs: Any = None


#: Features decoded per call: a call holds Python's lock (the GIL) throughout, about
#: 10 ms for 5 000 features, so the window keeps answering between two.
FEATURES_PER_CALL = 5000

_OUTLINE = msgspec.json.Decoder(Outline)
_FEATURES = msgspec.json.Decoder(list[Feature])
_PARSER = msgspec.json.Decoder()


@dataclass(frozen=True)
class Split:
    """A FeatureCollection's ``crs`` member and its features left as JSON text.

    Attributes
    ----------
    crs
        The ``crs`` member as parsed (``None`` when absent).
    count
        The number of features.
    chunks
        Called with no argument: the features' texts, as JSON arrays of at most
        :data:`FEATURES_PER_CALL` features each, in order.
    """

    crs: Any
    count: int
    chunks: Callable[[], Iterator[bytes]]


def split(raw: bytes) -> Split | None:
    """The FeatureCollection of JSON ``raw`` (UTF-8, no byte-order mark) with its features
    left as text, or ``None`` when ``raw`` is not a FeatureCollection of valid JSON.

    The features are found with numpy (:mod:`dkgis.io.readers.geojson_scan`), which lets
    other threads run, and only the rest of the document is parsed here: the features'
    own text is checked when they are decoded, a few thousand at a time
    (:func:`typed_features` and :func:`parsed_features` give ``None`` for text that is
    not JSON). A document laid out otherwise is parsed whole, its features kept as text.
    """
    from dkgis.io.readers.geojson_scan import features_layout

    layout = features_layout(raw)
    if layout is not None:
        try:
            rest = _OUTLINE.decode(raw[: layout.opening + 1] + raw[layout.closing :])
        except (ValueError, RecursionError):
            rest = None
        if rest is not None:
            firsts = layout.starts[::FEATURES_PER_CALL]
            lasts = layout.stops[FEATURES_PER_CALL - 1 :: FEATURES_PER_CALL]
            if layout.stops.size % FEATURES_PER_CALL:
                lasts = np.append(lasts, layout.stops[-1])
            return Split(rest.crs, layout.starts.size, partial(_slices, raw, firsts, lasts))
    try:
        outline = _OUTLINE.decode(raw)
    except (ValueError, RecursionError):
        return None
    return Split(outline.crs, len(outline.features), partial(_joined, outline.features))


def _slices(raw: bytes, firsts: np.ndarray, lasts: np.ndarray) -> Iterator[bytes]:
    """The bytes of ``raw`` from each of ``firsts`` to each of ``lasts``, between brackets."""
    view = memoryview(raw)
    for first, last in zip(firsts.tolist(), lasts.tolist(), strict=True):
        yield b"".join((b"[", view[first:last], b"]"))


def _joined(features: list[msgspec.Raw]) -> Iterator[bytes]:
    """The texts of ``features`` joined into arrays of :data:`FEATURES_PER_CALL`."""
    for start in range(0, len(features), FEATURES_PER_CALL):
        yield b"[" + b",".join(features[start : start + FEATURES_PER_CALL]) + b"]"


def typed_features(
    collection: Split, progress: Callable[[float], None] | None = None
) -> list[Feature] | None:
    """The features of ``collection`` decoded into these types, or ``None`` when one is not
    of them. ``progress`` is called with the fraction decoded after each call (it may
    raise to cancel)."""
    return _decoded(_FEATURES, collection, progress)


def parsed_features(
    collection: Split, progress: Callable[[float], None] | None = None
) -> list | None:
    """The features of ``collection`` parsed into dictionaries and lists (as
    :func:`msgspec.json.decode` parses them), or ``None`` when msgspec refuses one."""
    return _decoded(_PARSER, collection, progress)


def _decoded(decoder, collection: Split, progress: Callable[[float], None] | None):
    features: list = []
    try:
        for text in collection.chunks():
            features.extend(decoder.decode(text))
            if progress is not None:
                progress(len(features) / collection.count)
    except (ValueError, RecursionError):
        return None
    # Another count would mean the features were not where they were found: parse whole.
    return features if len(features) == collection.count else None


def decode(raw: bytes, progress: Callable[[float], None] | None = None) -> FeatureCollection | None:
    """The FeatureCollection of JSON ``raw`` decoded into these types, or ``None`` when it
    is not one of them (see :func:`split` and :func:`typed_features`)."""
    collection = split(raw)
    features = None if collection is None else typed_features(collection, progress)
    if features is None:
        return None
    return FeatureCollection("FeatureCollection", features, collection.crs)


def as_dict(geometry: msgspec.Struct) -> dict:
    """A geometry as the dictionary the general parser would have made."""
    return msgspec.to_builtins(geometry)
