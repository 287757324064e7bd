"""Shapefile parts written byte for byte, for cases GDAL itself would not write.

:func:`write_shapes` replaces a shapefile's ``.shp`` and ``.shx`` with polygons whose
rings are given as they should lie in the file (any order, any direction);
:func:`write_dbf` writes a ``.dbf`` whose values are given as the bytes of each field.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

POLYGON = 5


def ring(x: float, y: float, size: float, clockwise: bool = True) -> list[tuple[float, float]]:
    """A closed square ring, clockwise (an outer ring of a shapefile) or not (a hole)."""
    points = [(x, y), (x, y + size), (x + size, y + size), (x + size, y), (x, y)]
    return points if clockwise else points[::-1]


def _header(shape_type: int, size: int, bounds) -> bytes:
    return (
        struct.pack(">7i", 9994, 0, 0, 0, 0, 0, size // 2)
        + struct.pack("<2i", 1000, shape_type)
        + struct.pack("<8d", *bounds, 0, 0, 0, 0)
    )


def write_shapes(path: Path, records: list) -> None:
    """Write ``path`` (``.shp``) and its ``.shx``: each record a list of rings, or ``None``."""
    contents = []
    for rings in records:
        if rings is None:
            contents.append(struct.pack("<i", 0))
            continue
        xy = np.array([p for r in rings for p in r], dtype="<f8")
        starts = np.cumsum([0] + [len(r) for r in rings[:-1]])
        box = (*xy.min(axis=0), *xy.max(axis=0))
        contents.append(
            struct.pack("<i4d2i", POLYGON, *box, len(rings), len(xy))
            + struct.pack(f"<{len(rings)}i", *starts)
            + xy.tobytes()
        )
    every = np.array([p for r in records if r for ring_ in r for p in ring_], dtype=float)
    bounds = (*every.min(axis=0), *every.max(axis=0))
    body, index, offset = b"", b"", 100
    for number, content in enumerate(contents, start=1):
        index += struct.pack(">2i", offset // 2, len(content) // 2)
        body += struct.pack(">2i", number, len(content) // 2) + content
        offset += 8 + len(content)
    path.write_bytes(_header(POLYGON, 100 + len(body), bounds) + body)
    path.with_suffix(".shx").write_bytes(_header(POLYGON, 100 + len(index), bounds) + index)


def write_dbf(
    path: Path,
    fields: list[tuple[bytes, bytes, int, int]],
    rows: list[list[bytes]],
    language: int = 0,
    deleted: set[int] = frozenset(),
) -> None:
    """Write a dBase file: ``fields`` as (name, type letter, width, decimals), each row's
    values as bytes (numbers right-aligned, the rest left-aligned), rows ``deleted``
    marked so."""
    header_size = 32 + 32 * len(fields) + 1
    record_size = 1 + sum(width for _n, _t, width, _d in fields)
    head = bytearray(struct.pack("<BBBBIHH20x", 3, 124, 1, 1, len(rows), header_size, record_size))
    head[29] = language
    for name, kind, width, decimals in fields:
        head += name.ljust(11, b"\0")[:11] + kind + b"\0" * 4 + bytes([width, decimals])
        head += b"\0" * 14
    head += b"\r"
    for i, row in enumerate(rows):
        head += b"*" if i in deleted else b" "
        for (_name, kind, width, _d), value in zip(fields, row, strict=True):
            head += (value.rjust(width) if kind in b"NF" else value.ljust(width))[:width]
    path.write_bytes(bytes(head) + b"\x1a")
