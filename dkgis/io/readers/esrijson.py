"""Esri JSON FeatureSets: what ArcGIS REST services and ArcGIS exports write.

A FeatureSet lists ``features``, each with ``attributes`` and a ``geometry``:
``{"x", "y"}`` for a point, ``points`` for a multipoint, ``paths`` for lines and
``rings`` for polygons, in the CRS of ``spatialReference`` (a ``wkid``, possibly
an Esri code such as 102100, or a ``wkt``). Polygon rings are not grouped: an
outer ring turns clockwise and the holes that follow it turn the other way,
so rings are grouped here by their orientation and by which outer ring holds them.
"""

from __future__ import annotations

from pathlib import Path

from dkgis.i18n import _
from dkgis.io.readers import crs as crs_mod
from dkgis.io.readers.base import ProgressCallback, paused_gc, report
from dkgis.io.readers.features import PROGRESS_STEP, FeatureCollector, finite_number


class EsriGeometryError(ValueError):
    """An Esri JSON geometry that cannot be read (the message says why, translated)."""


def read_esri_json(
    path: Path, doc: dict, progress: ProgressCallback | None = None
) -> tuple[FeatureCollector, str | None, str | None]:
    """Collect the features of an Esri JSON FeatureSet.

    Returns
    -------
    collected : FeatureCollector
        The good features; the bad ones are skipped and named.
    crs : str or None
        The CRS of ``spatialReference``; ``None`` when absent or unknown.
    problem : str or None
        Why ``crs`` is ``None`` when the file names a CRS dkgis does not know.
    """
    from shapely.errors import ShapelyError

    crs, problem = spatial_reference(doc.get("spatialReference"))
    features = doc["features"]
    collected = FeatureCollector(path)
    n = len(features)
    with paused_gc():
        for i, feature in enumerate(features):
            if i and i % PROGRESS_STEP == 0:
                report(progress, 0.3 + 0.6 * i / n)
            if not isinstance(feature, dict):
                collected.skip(i, _("not an Esri JSON feature object"))
                continue
            attributes = feature.get("attributes") or {}
            if not isinstance(attributes, dict):
                collected.skip(i, _('"attributes" is not an object'))
                continue
            geometry = feature.get("geometry")
            if geometry is None:
                collected.add(i, attributes)
                continue
            try:
                point = _point(geometry)
                if point is not None:
                    collected.add(i, attributes, point=point)
                else:
                    collected.add(i, attributes, geometry=esri_geometry(geometry))
            except EsriGeometryError as err:
                collected.skip(i, str(err))
            except (ValueError, ShapelyError) as err:
                detail = str(err).strip()[:120] or type(err).__name__
                collected.skip(i, _("invalid geometry: {detail}").format(detail=detail))
    return collected, crs, problem


def spatial_reference(member: object) -> tuple[str | None, str | None]:
    """(CRS, problem) of a ``spatialReference`` member; (None, None) when absent."""
    if member is None:
        return None, None
    if isinstance(member, dict):
        for key in ("latestWkid", "wkid"):
            code = member.get(key)
            if isinstance(code, bool) or not isinstance(code, (int, str)):
                continue
            for authority in ("EPSG", "ESRI"):
                try:
                    return crs_mod.normalize_crs(f"{authority}:{code}"), None
                except ValueError:
                    continue
        wkt = member.get("wkt")
        if isinstance(wkt, str) and wkt.strip():
            try:
                return crs_mod.normalize_crs(wkt), None
            except ValueError:
                pass
    shown = str(member)[:80]
    return None, _(
        'the "spatialReference" of the file names a coordinate system dkgis does not know ({crs})'
    ).format(crs=shown)


def _point(geometry: object) -> tuple[float, float] | None:
    """``(x, y)`` of an Esri point; ``None`` for another kind of geometry."""
    if not isinstance(geometry, dict) or "x" not in geometry:
        return None
    x, y = finite_number(geometry.get("x")), finite_number(geometry.get("y"))
    if x is None or y is None:
        raise EsriGeometryError(_('the point\'s "x" and "y" are not finite numbers'))
    return x, y


def _xy_list(value: object, what: str) -> list[tuple[float, float]]:
    if not isinstance(value, list):
        raise EsriGeometryError(_("{part} is not a list of coordinates").format(part=what))
    out = []
    for position in value:
        if not isinstance(position, list) or len(position) < 2:
            raise EsriGeometryError(
                _("{part} holds a position that is not [x, y]").format(part=what)
            )
        x, y = finite_number(position[0]), finite_number(position[1])
        if x is None or y is None:
            raise EsriGeometryError(
                _("{part} holds a coordinate that is not a finite number").format(part=what)
            )
        out.append((x, y))
    return out


def _parts(geometry: dict, key: str) -> list[list[tuple[float, float]]]:
    parts = geometry[key]
    if not isinstance(parts, list):
        raise EsriGeometryError(_('"{key}" is not a list').format(key=key))
    return [_xy_list(part, f'"{key}"') for part in parts]


def esri_geometry(geometry: object):
    """The shapely geometry of an Esri JSON multipoint, polyline, polygon or envelope.

    Raises
    ------
    EsriGeometryError
        For a geometry dkgis cannot read (the message says why).
    """
    from shapely.geometry import LineString, MultiLineString, MultiPoint, box

    if not isinstance(geometry, dict):
        raise EsriGeometryError(_('"geometry" is not an object'))
    if "points" in geometry:
        points = _xy_list(geometry["points"], '"points"')
        return MultiPoint(points) if points else None
    if "paths" in geometry:
        paths = _parts(geometry, "paths")
        if any(len(p) < 2 for p in paths):
            raise EsriGeometryError(_("a path has fewer than 2 points"))
        if not paths:
            return None
        return LineString(paths[0]) if len(paths) == 1 else MultiLineString(paths)
    if "rings" in geometry:
        return _polygon(_parts(geometry, "rings"))
    if "xmin" in geometry:
        values = [finite_number(geometry.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")]
        if any(v is None for v in values):
            raise EsriGeometryError(_("the envelope's bounds are not finite numbers"))
        return box(*values)
    if "curveRings" in geometry or "curvePaths" in geometry:
        raise EsriGeometryError(_("curved geometries are not supported"))
    raise EsriGeometryError(_("unknown kind of Esri geometry"))


def _polygon(rings: list[list[tuple[float, float]]]):
    """A Polygon or MultiPolygon from Esri rings (outer rings clockwise, holes not)."""
    import shapely
    from shapely.geometry import LinearRing, MultiPolygon, Point, Polygon

    if not rings:
        return None
    if any(len(ring) < 3 for ring in rings):
        raise EsriGeometryError(_("a ring has fewer than 3 points"))
    shells: list[tuple[list, list]] = []  # (outer ring, its holes)
    holes: list[list] = []
    for ring in rings:
        closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
        if len(closed) < 4:
            raise EsriGeometryError(_("a ring has fewer than 3 points"))
        if shapely.is_ccw(LinearRing(closed)):
            holes.append(closed)
        else:
            shells.append((closed, []))
    for hole in holes:
        inside = Point(hole[0])
        owner = next((s for s in shells if Polygon(s[0]).covers(inside)), None)
        if owner is None:
            shells.append((hole, []))  # a lone counter-clockwise ring: an outer ring
        else:
            owner[1].append(hole)
    polygons = [Polygon(shell, inner) for shell, inner in shells]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
