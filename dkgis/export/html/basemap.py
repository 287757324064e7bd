"""The offline vector basemap of the HTML map: sea, communes, coastline and pipelines as
GeoJSON, with the desktop map's colours.

The page's background is the land's colour and the land layer is drawn as the sea
around it (:func:`dkgis.model.land.sea_around`): wherever the reader pans, the ground beyond the
dataset's land polygon stays land-coloured instead of turning into a false sea, and the
sea north of the coast goes on past the polygon's edges.

Coordinates are rounded to :data:`COORD_DECIMALS` decimals (about a metre), which is finer
than the sources' own precision and keeps the file small; an optional simplification
tolerance can shrink bigger user datasets further.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from dkgis import wording
from dkgis.export.html.style import line_style, polygon_style
from dkgis.export.html.text import esc
from dkgis.map import style as map_style
from dkgis.model.land import sea_around
from dkgis.model.layer import Layer

#: Decimals kept in longitudes and latitudes (1e-5 degree is about 1 m at 51°N).
COORD_DECIMALS = 5
#: How far the sea goes past the land polygon's box, in degrees (beyond any view of the
#: page, whose zoom-out is bounded).
SEA_MARGIN_DEG = 4.0


@dataclass(frozen=True)
class BasemapLayer:
    """One GeoJSON layer of the basemap.

    Attributes
    ----------
    name : str
        The project layer's name.
    title : str
        Title shown in the layer control, in the user's language.
    geojson : dict
        A FeatureCollection; each feature carries its Leaflet style in
        ``properties.style`` and, for pipelines, an escaped hover label in
        ``properties.tip``.
    visible : bool
        Whether the layer is shown when the page opens.
    interactive : bool
        Whether its features react to the mouse (hover labels).
    """

    name: str
    title: str
    geojson: dict[str, Any]
    visible: bool
    interactive: bool = False


def _clean(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    present = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    out = np.full(len(geoms), None, dtype=object)
    chosen = geoms[present]
    if tolerance > 0:
        chosen = shapely.simplify(chosen, tolerance, preserve_topology=True)
    out[present] = shapely.transform(chosen, lambda xy: np.round(xy, COORD_DECIMALS))
    return out


def _features(
    geoms: np.ndarray, styles: list[dict[str, Any]], tips: list[str | None] | None = None
) -> list[dict[str, Any]]:
    features = []
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        props: dict[str, Any] = {"style": styles[i]}
        if tips is not None and tips[i]:
            props["tip"] = tips[i]
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": json.loads(shapely.to_geojson(geom)),
            }
        )
    return features


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _pipeline_tip(row: dict[str, Any]) -> str:
    name = esc(row.get("name") or "")
    status = row.get("status")
    if status and status != "operating":
        name += f" ({esc(wording.status_name(str(status)))})"
    return name


#: The layer kinds of the HTML map's basemap.
BASEMAP_KINDS = ("land", "communes", "coastline", "infrastructure")


def basemap_layers(layers: list[Layer], simplify_tolerance: float = 0.0) -> list[BasemapLayer]:
    """Return the GeoJSON layers of the project's land, communes, coastline and pipelines.

    Parameters
    ----------
    layers
        The project's layers (other kinds are skipped).
    simplify_tolerance
        Douglas-Peucker tolerance in degrees (0: no simplification).

    Notes
    -----
    Infrastructure points (e.g. the LNG terminal) are left out: the facility layer already
    shows the sites, and Leaflet's default point marker needs images from the web.
    """
    out: list[BasemapLayer] = []
    for layer in layers:
        data = layer.data
        if data.geometry is None or layer.kind not in BASEMAP_KINDS:
            continue
        geoms = _clean(data.geometry, simplify_tolerance)
        n = len(geoms)
        title = wording.layer_title(layer)
        if layer.kind == "land":
            sea = sea_around(geoms, SEA_MARGIN_DEG)
            sea_geoms = _clean(np.array([sea], dtype=object), 0.0) if sea is not None else geoms[:0]
            sea_style = {**polygon_style(map_style.LAND), "fillColor": map_style.SEA}
            sea_style["weight"] = 0
            feats = _features(sea_geoms, [sea_style] * len(sea_geoms))
            out.append(BasemapLayer(layer.name, title, _collection(feats), layer.visible))
        elif layer.kind == "communes":
            in_cud = [v is True for v in data.columns.get("in_cud", [False] * n)]
            styles = [
                polygon_style(map_style.COMMUNE_CUD if cud else map_style.COMMUNE_OTHER)
                for cud in in_cud
            ]
            # Communes outside the CUD first, so the CUD's darker outlines are drawn on top.
            order = sorted(range(n), key=lambda i: in_cud[i])
            feats = _features(geoms[order], [styles[i] for i in order])
            out.append(BasemapLayer(layer.name, title, _collection(feats), layer.visible))
        elif layer.kind == "coastline":
            styles = [line_style(map_style.COASTLINE)] * n
            out.append(
                BasemapLayer(
                    layer.name, title, _collection(_features(geoms, styles)), layer.visible
                )
            )
        elif layer.kind == "infrastructure":
            kinds = data.columns.get("kind", [None] * n)
            rows = list(data.rows())
            lines = np.array(
                [g is not None and shapely.get_type_id(g) in (1, 5) for g in geoms], dtype=bool
            )
            default = map_style.INFRASTRUCTURE["gas_pipeline"]
            styles = [line_style(map_style.INFRASTRUCTURE.get(k, default)) for k in kinds]
            tips = [_pipeline_tip(row) for row in rows]
            keep = np.where(lines)[0]
            feats = _features(geoms[keep], [styles[i] for i in keep], [tips[i] for i in keep])
            out.append(BasemapLayer(layer.name, title, _collection(feats), layer.visible, True))
    return out
