"""The features of a Shapefile read with numpy, without GDAL.

A shapefile is several files with one name: ``.shp`` holds the shapes (a record per
feature: a shape type, then the parts and the points), ``.shx`` the offset of each
record, ``.dbf`` the attributes (fixed-width text, a row per feature), ``.prj`` the
coordinate reference system and ``.cpg`` the encoding of the texts. The offsets are
read at once, and the records of a chunk of features are decoded together with numpy
(no Python loop per feature), into the :class:`GeometryColumn` and the attribute
columns that the GeoPackage reader (:mod:`dkgis.io.readers.gpkg_features`) makes.

Only what this module reads exactly as GDAL reads it is read here: anything else (a
MultiPatch, a record cut short, a ring that is not closed, a hole not wholly inside one
outer ring, a field type or a value GDAL would read otherwise, an encoding or a ``.prj``
that is not plainly known, any inconsistency between the files) raises
:class:`Unsupported`, and the caller reads the file with GDAL instead, which gives the
same values and the same errors as before.

What GDAL does, and so what is done here: Z and M values are dropped; a line of one
part is a LineString, of several a MultiLineString; a polygon of one ring is a Polygon;
clockwise rings (the turn at their lowest vertex says it, as in GDAL) are outer rings and
counter-clockwise ones holes, each hole going to the outer ring around it, the outer
rings kept in file order (a MultiPolygon when there are several); texts are trimmed of
spaces and an empty text is NULL; numeric fields are integers when they have no
decimals and fewer than 10 digits (64-bit integers below 19), else reals; a blank number
or one of asterisks is NULL; a logical field is true for ``T`` or ``Y``, NULL for ``?``,
false otherwise (blank included); dates ``YYYYMMDD`` are read as ``YYYY-MM-DD``,
``00000000`` or blank as NULL; records marked deleted are skipped.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from dkgis.io.files import open_regular
from dkgis.io.geometry_column import (
    LINESTRING,
    MISSING,
    MULTILINESTRING,
    MULTIPOINT,
    MULTIPOLYGON,
    POINT,
    POLYGON,
    GeometryColumn,
    RaggedParts,
    offsets_from_counts,
    ranges,
)
from dkgis.io.readers.gpkg_features import Chunk, Unsupported

#: Shapefile shape types (without their Z and M variants) and the names GDAL gives them.
SHAPE_NAMES = {1: "Point", 3: "LineString", 5: "Polygon", 8: "MultiPoint"}
#: The parts of a shapefile read here.
PART_EXTENSIONS = (".shp", ".shx", ".dbf", ".prj", ".cpg")

#: Encodings GDAL reads from a ``.cpg`` file (its content, trimmed, in lower case).
CPG_ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "1252": "cp1252",
    "cp1252": "cp1252",
    "iso-8859-1": "latin-1",
    "88591": "latin-1",
    "latin1": "latin-1",
}
#: Encodings GDAL reads from the dBase language byte when there is no ``.cpg`` file.
LANGUAGE_ENCODINGS = {0x00: "latin-1", 0x57: "latin-1", 0x03: "cp1252", 0x02: "cp850"}

#: Bytes that may appear in the numeric fields read here (digits, signs, spaces, the
#: asterisks of a NULL and, for reals, a decimal point and an exponent).
_INTEGER_BYTES = np.zeros(256, dtype=bool)
_INTEGER_BYTES[list(b"0123456789+- *")] = True
_REAL_BYTES = _INTEGER_BYTES.copy()
_REAL_BYTES[list(b".eE")] = True

#: Parts larger than this are left to GDAL, which reads them bit by bit (the format's own
#: limit: its offsets count 16-bit words in 32-bit integers, and writers stop at 2 GB).
MAX_PART_BYTES = 2**31

#: Values of a field looked at first: when they are mostly distinct, none is shared.
SAMPLE = 2000

_TRUE = frozenset({b"T", b"t", b"Y", b"y"})
_FALSE = frozenset({b"F", b"f", b"N", b"n", b""})


class PartFiles:
    """The parts of a shapefile on disk (extension -> file)."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    def read(self, ext: str, limit: int | None = None) -> bytes | None:
        """The bytes of part ``ext`` (the first ``limit``), ``None`` when it is absent."""
        path = self.paths.get(ext)
        if path is None:
            return None
        try:
            with open_regular(path) as handle:
                return _read(handle, limit)
        except OSError as err:
            raise Unsupported(str(err)) from None


class ZipParts:
    """The parts of a shapefile in a zip archive (extension -> member name)."""

    def __init__(self, archive: Path, members: dict[str, str]) -> None:
        self.archive = archive
        self.members = members

    def read(self, ext: str, limit: int | None = None) -> bytes | None:
        """The bytes of part ``ext`` (the first ``limit``), ``None`` when it is absent."""
        member = self.members.get(ext)
        if member is None:
            return None
        try:
            with zipfile.ZipFile(self.archive) as archive, archive.open(member) as handle:
                return _read(handle, limit)
        except (OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as err:
            raise Unsupported(str(err)) from None


PartSource = PartFiles | ZipParts


def _read(handle, limit: int | None) -> bytes:
    """The first ``limit`` bytes of ``handle``, or all of them up to :data:`MAX_PART_BYTES`."""
    if limit is not None:
        return handle.read(limit)
    data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise Unsupported("a part larger than 2 GB")
    return data


def _view(buf: np.ndarray, dtype: str, pos: np.ndarray) -> np.ndarray:
    """The values of ``dtype`` at byte offsets ``pos`` of ``buf`` (any alignment)."""
    size = np.dtype(dtype).itemsize
    if len(buf) < size:
        return np.zeros(len(pos), dtype=dtype)
    every = np.ndarray((len(buf) - size + 1,), dtype=dtype, buffer=buf, strides=(1,))
    return every[pos]


@dataclass(frozen=True)
class Field:
    """A dBase field: its name, type letter, width, decimals and offset in a record."""

    name: str
    kind: str
    width: int
    decimals: int
    offset: int


@dataclass(frozen=True)
class Table:
    """The ``.dbf`` header: record count, sizes, encoding and fields."""

    records: int
    header_bytes: int
    record_bytes: int
    encoding: str
    fields: tuple[Field, ...]


def _encoding(cpg: bytes | None, language: int) -> str:
    """The encoding GDAL reads the texts with (:class:`Unsupported` when unclear)."""
    if cpg is not None:
        try:
            name = cpg.decode("ascii").strip().lower()
        except UnicodeDecodeError:
            raise Unsupported("a .cpg file that is not text") from None
        if name not in CPG_ENCODINGS:
            raise Unsupported(f"encoding {name!r}")
        return CPG_ENCODINGS[name]
    if language not in LANGUAGE_ENCODINGS:
        raise Unsupported(f"dBase language byte {language}")
    return LANGUAGE_ENCODINGS[language]


def read_table(head: bytes, cpg: bytes | None) -> Table:
    """The fields of a ``.dbf`` file from its first bytes (its whole header)."""
    if len(head) < 32:
        raise Unsupported("a .dbf file too short")
    records = int.from_bytes(head[4:8], "little")
    header_bytes = int.from_bytes(head[8:10], "little")
    record_bytes = int.from_bytes(head[10:12], "little")
    encoding = _encoding(cpg, head[29])
    if header_bytes > len(head) or header_bytes < 33:
        raise Unsupported("a .dbf header cut short")
    fields = []
    offset = 1  # the deletion flag
    seen: set[str] = set()
    for start in range(32, header_bytes - 1, 32):
        descriptor = head[start : start + 32]
        if descriptor[0] == 0x0D or len(descriptor) < 32:
            break
        try:
            name = descriptor[:11].split(b"\0", 1)[0].rstrip(b" ").decode(encoding)
        except UnicodeDecodeError:
            raise Unsupported("a field name in another encoding") from None
        kind = chr(descriptor[11])
        width, decimals = descriptor[16], descriptor[17]
        if not name or name.lower() in seen or kind not in "CNFLD" or width == 0:
            raise Unsupported(f"field {name!r} of type {kind!r}")
        if (kind == "C" and decimals) or (kind == "D" and width != 8):
            raise Unsupported(f"field {name!r} of type {kind} ({width}, {decimals})")
        seen.add(name.lower())
        fields.append(Field(name, kind, width, decimals, offset))
        offset += width
    if offset != record_bytes:
        raise Unsupported("a .dbf record size that is not the sum of its fields")
    return Table(records, header_bytes, record_bytes, encoding, tuple(fields))


# -- values ------------------------------------------------------------------------------


def _repeated(values: list) -> bool:
    """Whether the values of a field repeat (a use, a commune) rather than differ (a name,
    an identifier), judging by the first ones."""
    sample = values[:SAMPLE]
    return len(set(sample)) <= len(sample) // 2


def _converted(values: list[bytes], convert) -> list:
    """``convert`` of each value; each distinct value converted once when they repeat (the
    same object is then shared by the rows that hold it)."""
    if not _repeated(values):
        return [convert(v) for v in values]
    table = {v: convert(v) for v in set(values)}
    return [table[v] for v in values]


def _stripped(block: np.ndarray) -> np.ndarray:
    """The values of a field, spaces trimmed (numpy's fixed-size bytes drop trailing NULs)."""
    values = np.ascontiguousarray(block).view(f"S{block.shape[1]}").ravel()
    return np.strings.strip(values, b" ")


def _texts(block: np.ndarray, encoding: str) -> list:
    """Texts as GDAL reads them: cut at a NUL, spaces trimmed, empty ones NULL."""
    stripped = _stripped(block)
    values = stripped.tolist()
    if (block == 0).any():
        values = [v.split(b"\0", 1)[0].strip(b" ") for v in values]
    elif (block < 0x80).all() and not _repeated(values):  # identifiers: numpy decodes them
        texts = stripped.astype(f"U{block.shape[1]}").tolist()
        return [t or None for t in texts] if (stripped == b"").any() else texts
    try:
        return _converted(values, lambda v: v.decode(encoding) if v else None)
    except UnicodeDecodeError:
        raise Unsupported(f"a text that is not {encoding}") from None


def _numbers(block: np.ndarray, kind: type) -> list:
    """Integers or reals; blank or asterisks are NULL, anything unusual Unsupported."""
    allowed = _INTEGER_BYTES if kind is int else _REAL_BYTES
    if not allowed[block].all():
        raise Unsupported("a number written with other characters")

    def convert(value: bytes):
        return None if not value or value[:1] == b"*" else kind(value)

    try:
        return _converted(_stripped(block).tolist(), convert)
    except ValueError:
        raise Unsupported("a number GDAL reads otherwise") from None


def _logical(value: bytes) -> bool | None:
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value == b"?":
        return None
    raise Unsupported(f"a logical value {value!r}")


def _logicals(block: np.ndarray) -> list:
    return _converted(_stripped(block).tolist(), _logical)


def _dates(block: np.ndarray) -> list:
    """``YYYYMMDD`` as ``YYYY-MM-DD``; blank or ``00000000`` NULL."""
    values = _stripped(block)
    null = (values == b"") | (values == b"00000000")
    digits = np.ascontiguousarray(block[~null])
    if len(digits) and ((digits < ord("0")) | (digits > ord("9"))).any():
        raise Unsupported("a date not written YYYYMMDD")
    dashed = np.full((len(digits), 10), ord("-"), dtype=np.uint8)
    dashed[:, 0:4], dashed[:, 5:7], dashed[:, 8:10] = digits[:, 0:4], digits[:, 4:6], digits[:, 6:8]
    texts = dashed.view("S10").ravel()
    try:
        days = texts.astype("datetime64[D]")
    except ValueError:
        raise Unsupported("a date that does not exist") from None
    if len(days) and (days < np.datetime64("0001-01-01")).any():
        raise Unsupported("a date before year 1")
    out = np.full(len(values), None, dtype=object)
    out[~null] = np.strings.decode(texts, "ascii").astype(object)
    return out.tolist()


def _column(block: np.ndarray, field: Field, encoding: str) -> list:
    if field.kind == "C":
        return _texts(block, encoding)
    if field.kind == "L":
        return _logicals(block)
    if field.kind == "D":
        return _dates(block)
    # N and F alike: integers without decimals below 10 digits (64-bit below 19), as GDAL
    integer = field.decimals == 0 and field.width < 19
    return _numbers(block, int if integer else float)


# -- shapes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """What the ``.shp`` and ``.shx`` headers say."""

    shape_type: int
    bounds: tuple[float, float, float, float]
    offsets: np.ndarray
    lengths: np.ndarray


def read_header(shp_head: bytes, shx: bytes) -> Header:
    """The shape type, the bounds and every record's offset and length, in bytes."""
    if len(shp_head) < 100 or len(shx) < 100:
        raise Unsupported("a .shp or .shx header cut short")
    for head in (shp_head, shx):
        code, version = int.from_bytes(head[0:4], "big"), int.from_bytes(head[28:32], "little")
        if code != 9994 or version != 1000:
            raise Unsupported("not a shapefile header")
    shape_type = int.from_bytes(shp_head[32:36], "little")
    if shape_type != int.from_bytes(shx[32:36], "little") or shape_type % 10 not in SHAPE_NAMES:
        raise Unsupported(f"shape type {shape_type}")
    if shape_type > 28:
        raise Unsupported(f"shape type {shape_type}")
    declared = int.from_bytes(shx[24:28], "big") * 2
    if declared != len(shx) or (len(shx) - 100) % 8:
        raise Unsupported("a .shx file whose size is not the one its header says")
    index = np.frombuffer(shx, dtype=">i4", offset=100).reshape(-1, 2).astype(np.int64)
    bounds = tuple(float(v) for v in np.frombuffer(shp_head, dtype="<f8", count=4, offset=36))
    return Header(shape_type, bounds, index[:, 0] * 2, index[:, 1] * 2)


class Shapefile:
    """A shapefile whose headers were read: its layer, fields and CRS.

    Parameters
    ----------
    parts
        Where its parts are read from.

    Raises
    ------
    Unsupported
        When something in it is not read here as GDAL reads it.
    """

    def __init__(self, parts: PartSource) -> None:
        self.parts = parts
        shp_head = parts.read(".shp", 100)
        shx = parts.read(".shx")
        if shp_head is None or shx is None:
            raise Unsupported("no .shp or .shx")
        self.header = read_header(shp_head, shx)
        self.count = len(self.header.offsets)
        self.table: Table | None = None
        dbf_start = parts.read(".dbf", 32)
        if dbf_start is not None:
            size = int.from_bytes(dbf_start[8:10], "little") if len(dbf_start) >= 10 else 0
            self.table = read_table(parts.read(".dbf", max(size, 32)) or b"", parts.read(".cpg"))
            if self.table.records != self.count:
                raise Unsupported("a .dbf file of another number of records")
        self.crs = _crs(parts.read(".prj"))

    def geometry_type(self) -> str:
        """The layer's geometry type as GDAL names it (``"Polygon"``, ``"Point Z"``...)."""
        kind = self.header.shape_type
        name = SHAPE_NAMES[kind % 10]
        return f"{name} Z" if 10 < kind < 20 else name

    def features(self, attributes: bool = True) -> FeatureReader:
        """A reader of the features (``attributes=False``: their geometry only)."""
        return FeatureReader(self, attributes)


def _crs(prj: bytes | None) -> str | None:
    """The CRS of a ``.prj`` file as the GDAL path normalises it (``None`` without one)."""
    if prj is None:
        return None
    try:
        text = prj.decode("ascii").strip()
    except UnicodeDecodeError:
        raise Unsupported("a .prj file that is not plain text") from None
    if not text:
        raise Unsupported("an empty .prj file")
    crs = _epsg_of(text)
    if crs is None:
        raise Unsupported(f"a CRS without an EPSG code: {text[:80]}")
    return crs


@lru_cache(maxsize=32)
def _epsg_of(text: str) -> str | None:
    """``"EPSG:nnnn"`` for the WKT of a ``.prj`` file, ``None`` when it has no EPSG code
    or is not a geographic or projected CRS (cached: a file is inspected, then read)."""
    from dkgis.io.readers import crs as crs_mod

    try:
        parsed = crs_mod.parse_crs(text)
    except ValueError:
        return None
    crs = crs_mod.normalized(parsed)
    if not (parsed.is_geographic or parsed.is_projected) or not crs.startswith("EPSG:"):
        return None
    return crs


class FeatureReader:
    """Reads a shapefile's features by chunks of records (deleted ones skipped)."""

    def __init__(self, shapefile: Shapefile, attributes: bool) -> None:
        self.header = shapefile.header
        self.shape_type = shapefile.header.shape_type
        shp = shapefile.parts.read(".shp")
        self.shp = np.frombuffer(shp or b"", dtype=np.uint8)
        self.records = None
        self.fields: tuple[Field, ...] = ()
        self.encoding = "latin-1"
        kept = np.arange(shapefile.count)
        table = shapefile.table
        if table is not None:
            dbf = shapefile.parts.read(".dbf") or b""
            size = table.header_bytes + table.records * table.record_bytes
            if len(dbf) < size:
                raise Unsupported("a .dbf file cut short")
            self.records = np.frombuffer(
                dbf, dtype=np.uint8, count=size - table.header_bytes, offset=table.header_bytes
            ).reshape(table.records, table.record_bytes)
            flags = self.records[:, 0]
            if ((flags != ord(" ")) & (flags != ord("*"))).any():
                raise Unsupported("a .dbf record without a deletion flag")
            kept = np.flatnonzero(flags == ord(" "))
            if attributes:
                self.fields = table.fields
                self.encoding = table.encoding
        self.kept = kept

    def read(self, done: int, limit: int) -> Chunk | None:
        """Up to ``limit`` features after the first ``done``; ``None`` when there are no
        more."""
        rows = self.kept[done : done + limit]
        if not len(rows):
            return None
        geometry = self.geometry(rows)
        fields = {}
        if self.records is not None:
            records = self.records[rows]
            for field in self.fields:
                block = records[:, field.offset : field.offset + field.width]
                fields[field.name] = _column(block, field, self.encoding)
        return Chunk(None, geometry, fields)

    def geometry(self, rows: np.ndarray) -> GeometryColumn:
        """The geometry of records ``rows`` (:class:`Unsupported` for a damaged one)."""
        buf = self.shp
        start = self.header.offsets[rows]
        size = self.header.lengths[rows]
        if (start < 100).any() or (size < 4).any() or (start + 8 + size > len(buf)).any():
            raise Unsupported("a record outside the .shp file")
        if (_view(buf, ">i4", start + 4).astype(np.int64) * 2 != size).any():
            raise Unsupported("a record whose length is not the one the .shx says")
        content = start + 8
        kinds = _view(buf, "<i4", content)
        null = kinds == 0
        if ((kinds != self.shape_type) & ~null).any():
            raise Unsupported("a record of another shape type")
        n = len(rows)
        types = np.full(n, MISSING, dtype=np.int8)
        local = np.flatnonzero(~null)
        at, size = content[local], size[local]
        base = self.shape_type % 10
        z = 10 < self.shape_type < 20
        if base == 1:
            if (size < (28 if z else 20)).any():
                raise Unsupported("a point record cut short")
            xy = _xy(buf, at + 4, np.ones(len(at), np.int64))
            if not np.isfinite(xy).all():  # GDAL makes them empty points
                raise Unsupported("a point without coordinates")
            types[local] = POINT
            offsets = np.arange(len(local) + 1, dtype=np.int64)
            return GeometryColumn(types, RaggedParts(xy, offsets, offsets, local))
        if base == 8:
            return self._multipoints(types, local, at, size, z)
        return self._polys(types, local, at, size, z, base == 5)

    def _multipoints(self, types, local, at, size, z) -> GeometryColumn:
        buf = self.shp
        if (size < 40).any():
            raise Unsupported("a multipoint record cut short")
        count = _view(buf, "<i4", at + 36).astype(np.int64)
        need = 40 + 16 * count + (16 + 8 * count if z else 0)
        if (count < 1).any() or (need > size).any():
            raise Unsupported("a multipoint record cut short")
        xy = _xy(buf, at + 40, count)
        types[local] = MULTIPOINT
        offsets = np.arange(len(xy) + 1, dtype=np.int64)
        return GeometryColumn(types, RaggedParts(xy, offsets, offsets, np.repeat(local, count)))

    def _polys(self, types, local, at, size, z, polygons: bool) -> GeometryColumn:
        buf = self.shp
        if (size < 44).any():
            raise Unsupported("a record cut short")
        n_parts = _view(buf, "<i4", at + 36).astype(np.int64)
        n_points = _view(buf, "<i4", at + 40).astype(np.int64)
        need = 44 + 4 * n_parts + 16 * n_points + (16 + 8 * n_points if z else 0)
        if (n_parts < 1).any() or (n_points < 1).any() or (need > size).any():
            raise Unsupported("a record cut short or without parts")
        # The first point of each part, relative to its record, then absolute.
        firsts = _view(buf, "<i4", _steps(at + 44, n_parts, 4)).astype(np.int64)
        record_of_part = np.repeat(np.arange(len(local)), n_parts)
        part_starts = offsets_from_counts(n_parts)[:-1]
        ends = np.append(firsts[1:], 0)
        ends[offsets_from_counts(n_parts)[1:] - 1] = n_points
        counts = ends - firsts
        if (firsts[part_starts] != 0).any() or (counts < (4 if polygons else 2)).any():
            raise Unsupported("parts that are empty, too short or out of order")
        points_at = at + 44 + 4 * n_parts
        xy = _xy(buf, np.repeat(points_at, n_parts) + 16 * firsts, counts)
        ring_offsets = offsets_from_counts(counts)
        if not polygons:
            types[local] = np.where(n_parts == 1, LINESTRING, MULTILINESTRING)
            part_offsets = np.arange(len(counts) + 1, dtype=np.int64)
            lines = RaggedParts(xy, ring_offsets, part_offsets, local[record_of_part])
            return GeometryColumn(types, lines=lines)
        firsts_xy, lasts_xy = xy[ring_offsets[:-1]], xy[ring_offsets[1:] - 1]
        if (firsts_xy != lasts_xy).any():
            raise Unsupported("a ring that is not closed")
        order, part_of_ring, n_polygons = _group_rings(xy, ring_offsets, n_parts)
        if order is not None:
            xy = xy[ranges(ring_offsets[:-1][order], counts[order])]
            counts = counts[order]
            ring_offsets = offsets_from_counts(counts)
        types[local] = np.where(n_polygons == 1, POLYGON, MULTIPOLYGON)
        new_part = np.ones(len(part_of_ring), dtype=bool)
        new_part[1:] = part_of_ring[1:] != part_of_ring[:-1]
        part_offsets = np.append(np.flatnonzero(new_part), len(part_of_ring)).astype(np.int64)
        rows = local[np.repeat(np.arange(len(local)), n_polygons)]
        return GeometryColumn(types, polygons=RaggedParts(xy, ring_offsets, part_offsets, rows))


def _steps(starts: np.ndarray, counts: np.ndarray, step: int) -> np.ndarray:
    """Byte offsets ``starts[i] + step * k`` for ``k < counts[i]``, concatenated."""
    offsets = offsets_from_counts(counts)
    k = np.arange(int(offsets[-1]), dtype=np.int64) - np.repeat(offsets[:-1], counts)
    return np.repeat(starts, counts) + step * k


def _xy(buf: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``(n, 2)`` the x, y pairs of ``counts[i]`` points from byte ``starts[i]``."""
    at = _steps(starts, counts, 16)
    if not len(at):
        return np.empty((0, 2))
    return _view(buf, "V16", at).view("<f8").reshape(-1, 2)


def _group_rings(xy: np.ndarray, ring_offsets: np.ndarray, n_rings: np.ndarray):
    """Group each record's rings into polygons as GDAL does.

    Returns the order of the rings (``None``: file order), the polygon (over all
    records) of each ring in that order, and the polygons of each record.
    """
    n_records = len(n_rings)
    record = np.repeat(np.arange(n_records), n_rings)
    index = np.arange(len(record)) - np.repeat(offsets_from_counts(n_rings)[:-1], n_rings)
    single = n_rings[record] == 1
    if single.all():
        return None, np.arange(len(record)), np.ones(n_records, dtype=np.int64)
    # Shapefiles turn outer rings clockwise; only the rings of records of several are looked at.
    several = np.flatnonzero(~single)
    counts = np.diff(ring_offsets)[several]
    clockwise = _clockwise(xy[ranges(ring_offsets[several], counts)], offsets_from_counts(counts))
    outer = single.copy()
    outer[several] = clockwise
    n_outer = np.bincount(record, weights=outer, minlength=n_records).astype(np.int64)
    if (n_outer == 0).any():
        raise Unsupported("several rings, none of them outer")
    bounds = _ring_bounds(xy, ring_offsets)
    # Each ring's polygon within its record, and its place in the polygon (0: the outer
    # ring, then the holes in file order); each hole's outer ring.
    polygon = np.zeros(len(record), dtype=np.int64)
    place = np.where(outer, 0, index + 1)
    owner = np.full(len(record), -1, dtype=np.int64)
    one = n_outer[record] == 1
    outer_of = np.full(n_records, -1, dtype=np.int64)
    outer_of[record[outer & one]] = np.flatnonzero(outer & one)
    owner[one & ~outer] = outer_of[record[one & ~outer]]
    offsets = offsets_from_counts(n_rings)
    for r in np.flatnonzero(n_outer > 1).tolist():  # several outer rings: a few records
        rings = np.arange(offsets[r], offsets[r + 1])
        outers = rings[outer[rings]]
        polygon[outers] = np.arange(len(outers))
        for hole in rings[~outer[rings]].tolist():
            around = outers[_inside(bounds[hole][None, :], bounds[outers])]
            if len(around) != 1:
                raise Unsupported("a hole whose outer ring is unclear")
            owner[hole] = around[0]
            polygon[hole] = polygon[around[0]]
    _check_holes_inside(xy, ring_offsets, owner)
    polygon += offsets_from_counts(n_outer)[:-1][record]  # numbered over all records
    order = np.lexsort((place, polygon))
    if np.array_equal(order, np.arange(len(order))):
        return None, polygon, n_outer
    return order, polygon[order], n_outer


def _check_holes_inside(xy: np.ndarray, ring_offsets: np.ndarray, owner: np.ndarray) -> None:
    """Refuse holes that are not wholly inside their outer ring (``owner``: the outer ring
    of each hole, -1 for the other rings).

    GDAL tests whether a hole lies inside an outer ring in ways that differ with the
    number of outer rings; a hole whose every vertex is strictly inside its outer ring is
    that ring's hole in all of them.
    """
    import shapely

    holes = np.flatnonzero(owner >= 0)
    if not len(holes):
        return
    outers, which = np.unique(owner[holes], return_inverse=True)
    counts = np.diff(ring_offsets)
    coords = xy[ranges(ring_offsets[outers], counts[outers])]
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(len(outers)), counts[outers]))
    shells = shapely.polygons(rings)
    shapely.prepare(shells)
    vertices = ranges(ring_offsets[holes], counts[holes])
    around = shells[np.repeat(which.reshape(-1), counts[holes])]
    if not shapely.contains_xy(around, xy[vertices, 0], xy[vertices, 1]).all():
        raise Unsupported("a hole not wholly inside its outer ring")


def _clockwise(xy: np.ndarray, ring_offsets: np.ndarray) -> np.ndarray:
    """Whether each closed ring turns clockwise, as GDAL decides it.

    GDAL looks at the turn at the lowest vertex (the rightmost of the lowest): the sign of
    the cross product of the edges before and after it. For a ring that crosses itself
    this may differ from the sign of its area, so the same test is made here. Where that
    vertex is repeated, has a neighbour within 1e-5 of it or no turn, GDAL goes by the
    sign of the area, and so does this; a ring of almost no area is then left to GDAL.
    """
    starts, ends = ring_offsets[:-1], ring_offsets[1:] - 1  # the closing vertex left out
    counts = ends - starts
    ring = np.repeat(np.arange(len(starts)), counts)
    x, y = xy[ranges(starts, counts)].T
    local = offsets_from_counts(counts)[:-1]
    lowest = np.minimum.reduceat(y, local)[ring]
    rightmost = np.maximum.reduceat(np.where(y == lowest, x, -np.inf), local)[ring]
    pivots = np.flatnonzero((y == lowest) & (x == rightmost))
    first = np.ones(len(pivots), dtype=bool)
    first[1:] = ring[pivots[1:]] != ring[pivots[:-1]]
    at = pivots[first]  # the first lowest rightmost vertex of each ring
    repeated = np.bincount(ring[pivots], minlength=len(starts)) > 1
    v = at - local
    before = np.where(v == 0, counts - 1, v - 1) + local
    after = np.where(v + 1 >= counts, 0, v + 1) + local
    dx0, dy0 = x[before] - x[at], y[before] - y[at]
    dx1, dy1 = x[after] - x[at], y[after] - y[at]
    near = ((np.abs(dx0) < 1e-5) & (np.abs(dy0) < 1e-5)) | (
        (np.abs(dx1) < 1e-5) & (np.abs(dy1) < 1e-5)
    )
    cross = dx1 * dy0 - dx0 * dy1
    clockwise = cross < 0
    by_area = np.flatnonzero(repeated | near | (cross == 0))
    if len(by_area):
        rings = offsets_from_counts(counts[by_area] + 1)
        taken = xy[ranges(starts[by_area], counts[by_area] + 1)]
        area = _signed_areas(taken, rings)
        span = np.ptp(taken, axis=0).max() if len(taken) else 0.0
        if (np.abs(area) <= 1e-9 * span**2).any():
            raise Unsupported("a ring of almost no area whose direction is unclear")
        clockwise[by_area] = area < 0
    return clockwise


def _signed_areas(xy: np.ndarray, ring_offsets: np.ndarray) -> np.ndarray:
    """Twice each closed ring's signed area (positive counter-clockwise)."""
    counts = np.diff(ring_offsets)
    local = xy - np.repeat(xy[ring_offsets[:-1]], counts, axis=0)  # no precision lost
    x, y = local[:, 0], local[:, 1]
    terms = np.zeros(len(xy))
    terms[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    terms[ring_offsets[1:] - 1] = 0.0  # a ring's last vertex and the next ring's first
    sums = np.concatenate([[0.0], np.cumsum(terms)])
    return sums[ring_offsets[1:]] - sums[ring_offsets[:-1]]


def _ring_bounds(xy: np.ndarray, ring_offsets: np.ndarray) -> np.ndarray:
    starts = ring_offsets[:-1]
    low = np.minimum.reduceat(xy, starts, axis=0)
    high = np.maximum.reduceat(xy, starts, axis=0)
    return np.hstack([low, high])


def _inside(inner: np.ndarray, outer: np.ndarray) -> np.ndarray:
    """Whether each box ``inner`` lies within the box ``outer`` (rows of xmin ymin xmax
    ymax)."""
    return (
        (inner[:, 0] >= outer[:, 0])
        & (inner[:, 1] >= outer[:, 1])
        & (inner[:, 2] <= outer[:, 2])
        & (inner[:, 3] <= outer[:, 3])
    )
