"""Generated building-like layers: small rotated rectangles over the urban community.

Local-authority staff add big layers of their own beside the cluster (BD TOPO
buildings, cadastral parcels). These helpers make layers that look like them,
deterministically, for the drawing tests and the benchmarks:

* :func:`building_rings` gives the outline of ``n`` buildings (closed rings of 5
  longitude/latitude vertices), clustered around the towns of the urban community
  as real buildings are, a few metres to a few tens of metres long, in any direction;
* :func:`write_buildings` writes them to a GeoPackage (Lambert-93, as BD TOPO is,
  with a few BD TOPO-like attribute fields) with pyogrio, as GDAL tools would;
* :func:`road_lines` and :func:`write_roads` do the same for road sections: winding
  lines of a few vertices, tens to hundreds of metres long.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: Longitude and latitude span of the urban community.
LON = (2.15, 2.45)
LAT = (50.95, 51.08)
#: Town centres (lon, lat, spread in degrees) around which buildings cluster.
TOWNS = (
    (2.3768, 51.0343, 0.020),  # Dunkerque
    (2.3300, 51.0180, 0.012),  # Petite-Synthe
    (2.2420, 51.0020, 0.012),  # Grande-Synthe
    (2.4250, 51.0420, 0.012),  # Malo / Rosendaël
    (2.2000, 51.0120, 0.010),  # Loon-Plage
    (2.2960, 51.0250, 0.008),  # Saint-Pol-sur-Mer
)
#: Metres per degree of latitude.
METRES_PER_DEGREE = 111_320.0


def building_rings(n: int, seed: int = 0) -> np.ndarray:
    """``(n, 5, 2)`` longitude/latitude of ``n`` rotated rectangles (closed rings).

    Three buildings in four cluster around the towns; the rest spread over the
    whole urban community.
    """
    rng = np.random.default_rng(seed)
    centre = np.empty((n, 2))
    in_town = rng.random(n) < 0.75
    towns = np.asarray(TOWNS)
    pick = rng.integers(0, len(towns), n)
    centre[:, 0] = np.where(
        in_town, rng.normal(towns[pick, 0], towns[pick, 2]), rng.uniform(*LON, n)
    )
    centre[:, 1] = np.where(
        in_town, rng.normal(towns[pick, 1], towns[pick, 2] * 0.6), rng.uniform(*LAT, n)
    )
    centre[:, 0] = np.clip(centre[:, 0], *LON)
    centre[:, 1] = np.clip(centre[:, 1], *LAT)
    length = rng.uniform(8.0, 40.0, n)
    width = length * rng.uniform(0.35, 0.9, n)
    angle = rng.uniform(0.0, np.pi, n)
    corners = np.array([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5), (-0.5, -0.5)])
    local_x = corners[None, :, 0] * length[:, None]
    local_y = corners[None, :, 1] * width[:, None]
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    east = local_x * cos - local_y * sin
    north = local_x * sin + local_y * cos
    rings = np.empty((n, 5, 2))
    metres_lon = METRES_PER_DEGREE * np.cos(np.radians(centre[:, 1]))[:, None]
    rings[:, :, 0] = centre[:, 0:1] + east / metres_lon
    rings[:, :, 1] = centre[:, 1:2] + north / METRES_PER_DEGREE
    return rings


def building_polygons(n: int, seed: int = 0) -> np.ndarray:
    """Shapely polygons (EPSG:4326) of :func:`building_rings`."""
    import shapely

    rings = building_rings(n, seed)
    return shapely.polygons(rings)


def write_buildings(path: Path, n: int, seed: int = 0, crs: str = "EPSG:2154") -> Path:
    """Write ``n`` buildings to a GeoPackage layer ``batiment`` in ``crs``.

    The attribute fields imitate BD TOPO's: an identifier, a use, a height and a
    number of floors.
    """
    import pyogrio.raw
    import shapely
    from pyproj import Transformer

    rings = building_rings(n, seed)
    if crs != "EPSG:4326":
        to_crs = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        x, y = to_crs.transform(rings[:, :, 0], rings[:, :, 1])
        rings = np.stack([x, y], axis=-1)
    wkb = shapely.to_wkb(shapely.polygons(rings))
    rng = np.random.default_rng(seed + 1)
    uses = np.array(["Résidentiel", "Commercial et services", "Industriel", "Annexe"])
    fields = [
        np.array([f"BATIMENT{i:016d}" for i in range(n)], dtype=object),
        uses[rng.integers(0, len(uses), n)].astype(object),
        np.round(rng.uniform(3.0, 30.0, n), 1),
        rng.integers(1, 10, n).astype(np.int32),
    ]
    pyogrio.raw.write(
        str(path),
        geometry=wkb,
        field_data=fields,
        fields=["cleabs", "usage_1", "hauteur", "nombre_d_etages"],
        layer="batiment",
        driver="GPKG",
        geometry_type="Polygon",
        crs=crs,
    )
    return Path(path)


def road_lines(n: int, seed: int = 0, vertices: int = 8) -> np.ndarray:
    """``(n, vertices, 2)`` longitude/latitude of ``n`` road sections: lines that wind
    (each step turns by up to about 25 degrees), 10 to 60 m a step, where the buildings
    are."""
    rng = np.random.default_rng(seed)
    start = building_rings(n, seed + 7)[:, 0, :]
    heading = rng.uniform(0.0, 2 * np.pi, n)[:, None] + np.cumsum(
        rng.normal(0.0, 0.25, (n, vertices - 1)), axis=1
    )
    step = rng.uniform(10.0, 60.0, (n, vertices - 1))
    east = np.concatenate([np.zeros((n, 1)), np.cumsum(step * np.cos(heading), axis=1)], axis=1)
    north = np.concatenate([np.zeros((n, 1)), np.cumsum(step * np.sin(heading), axis=1)], axis=1)
    lines = np.empty((n, vertices, 2))
    metres_lon = METRES_PER_DEGREE * np.cos(np.radians(start[:, 1]))[:, None]
    lines[:, :, 0] = start[:, 0:1] + east / metres_lon
    lines[:, :, 1] = start[:, 1:2] + north / METRES_PER_DEGREE
    return lines


def write_roads(path: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` road sections of :func:`road_lines` to a GeoPackage layer
    ``troncon_de_route`` in Lambert-93, with a BD TOPO-like kind of road."""
    import pyogrio.raw
    import shapely
    from pyproj import Transformer

    lines = road_lines(n, seed)
    to_crs = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    x, y = to_crs.transform(lines[:, :, 0], lines[:, :, 1])
    wkb = shapely.to_wkb(shapely.linestrings(np.stack([x, y], axis=-1)))
    kinds = np.array(["Route à 1 chaussée", "Chemin", "Bretelle", "Sentier"])
    kind = kinds[np.random.default_rng(seed + 1).integers(0, len(kinds), n)].astype(object)
    pyogrio.raw.write(
        str(path),
        geometry=wkb,
        field_data=[kind],
        fields=["nature"],
        layer="troncon_de_route",
        driver="GPKG",
        geometry_type="LineString",
        crs="EPSG:2154",
    )
    return Path(path)
