"""GeoJSON FeatureCollections decoded with :mod:`msgspec`, a few thousand features at a time.

A FeatureCollection is first split into its features' texts (:func:`split`, a quick
pass that builds no object), then its features are decoded :data:`FEATURES_PER_CALL`
at a time, so that a reader thread lets the window run between two calls.

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

from collections.abc import Callable
from typing import Any, Literal, Union

import msgspec

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


def split(raw: bytes) -> Outline | None:
    """The FeatureCollection of JSON ``raw`` (UTF-8, no byte-order mark) with each feature
    left as its text, or ``None`` when ``raw`` is not a FeatureCollection of valid JSON.

    A quick pass that builds no object for the features: they are then decoded a few
    thousand at a time (:func:`typed_features`, :func:`parsed_features`).
    """
    try:
        return _OUTLINE.decode(raw)
    except (ValueError, RecursionError):
        return None


def typed_features(
    outline: Outline, progress: Callable[[float], None] | None = None
) -> list[Feature] | None:
    """The features of ``outline`` decoded into these types, or ``None`` when one is not
    of them. ``progress`` is called with the fraction decoded after each call (it may
    raise to cancel)."""
    return _decoded(_FEATURES, outline, progress)


def parsed_features(
    outline: Outline, progress: Callable[[float], None] | None = None
) -> list | None:
    """The features of ``outline`` parsed into dictionaries and lists (as
    :func:`msgspec.json.decode` parses them), or ``None`` when msgspec refuses one."""
    return _decoded(_PARSER, outline, progress)


def _decoded(decoder, outline: Outline, progress: Callable[[float], None] | None):
    texts = outline.features
    features: list = []
    try:
        for start in range(0, len(texts), FEATURES_PER_CALL):
            chunk = texts[start : start + FEATURES_PER_CALL]
            features.extend(decoder.decode(b"[" + b",".join(chunk) + b"]"))
            if progress is not None:
                progress(len(features) / len(texts))
    except (ValueError, RecursionError):
        return None
    return features


def decode(raw: bytes, progress: Callable[[float], None] | None = None) -> FeatureCollection | None:
    """The FeatureCollection of JSON ``raw`` decoded into these types, or ``None`` when it
    is not one of them (see :func:`split` and :func:`typed_features`)."""
    outline = split(raw)
    features = None if outline is None else typed_features(outline, progress)
    if features is None:
        return None
    return FeatureCollection("FeatureCollection", features, outline.crs)


def as_dict(geometry: msgspec.Struct) -> dict:
    """A geometry as the dictionary the general parser would have made."""
    return msgspec.to_builtins(geometry)
