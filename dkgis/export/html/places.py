"""Commune names on the interactive map, placed by the page at every view as on the desktop.

The communes and their priority are the desktop map's (:class:`~dkgis.symbology.places.PlaceNames`):
the main communes of the Communauté urbaine first, then the others of the Communauté
urbaine, then the communes outside it, named only where their polygon is large on the
screen. The page places them again after every zoom and pan (a small script, no library):
each name takes the first free position around its commune's anchor (zoomed in past the
anchor, around the commune's point nearest the view's centre), most important first, so no
two names overlap and none covers a name of higher priority; a name keeps off the map's
controls (legend, layer list, title), and off the facility symbols where it can. A main
town whose ground is covered by symbols takes its name over no commune just off its edge
(over the sea, for a port), and failing that over the symbols, where its halo keeps it
readable, rather than not at all.
Names never catch the clicks meant for the symbols (``pointer-events: none``).

The names are data text: they reach the page in its JSON data block and the script sets them
as the elements' ``textContent``, never as markup or script source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from dkgis.export.html.elements import DATA_VARIABLE, PageData, Script
from dkgis.export.html.text import js_literal
from dkgis.model.crs import EARTH_RADIUS
from dkgis.symbology.places import (
    COMMUNE_KIND,
    OFFSHORE_REACH,
    OUTSIDE_AREA_FACTOR,
    PlaceNames,
)

if TYPE_CHECKING:
    from dkgis.model.layer import Layer
    from dkgis.model.project import Project

#: Leaflet pane of the names: over the symbols (420), under hover labels and popups (650).
NAMES_PANE = "dkgisNames"
NAMES_PANE_Z = 430
#: Class of every name's element (its box's: with an ``s``), the suffixes of the three
#: kinds of names, and the class of a name the placement leaves out (the page's stylesheet
#: styles them, :data:`dkgis.export.html.style.PAGE_CSS`).
PLACE_CLASS = "dk-place"
KINDS = ("major", "cud", "other")
HIDDEN_CLASS = f"{PLACE_CLASS}-hidden"
#: Tolerance of the communes' outlines kept for the page's inside tests, in metres of the
#: map (EPSG:3857): far below a name's size at any zoom of the page.
SHAPE_TOLERANCE = 20.0
#: Room between two names, in name heights (the desktop map's), and around every name, px.
NAME_GAP = 0.45
PADDING = 1.5
#: How far a main town's name may sit off its commune, in name heights (the desktop's).
MAJOR_TOLERANCE = 0.8
#: Points inside each commune, on a grid of about this many cells of its area: a view
#: zoomed in past a commune's anchor names it around the one nearest the view's centre.
INNER_POINTS = 24
#: How many of those points on the view the page tries, nearest the centre first.
INNER_TRIES = 4


def commune_layer(project: Project) -> Layer | None:
    """The project's commune layer, whose communes are named (``None``: no names)."""
    return next((layer for layer in project.layers if layer.kind == COMMUNE_KIND), None)


def _rings(geom: Any) -> list[list[int]]:
    """The rings of a (multi)polygon in whole metres, each as a flat list of its first point
    ``x0, y0`` then each point's step from the one before (``x1 - x0, y1 - y0, ...``): short
    numbers, a smaller page."""
    rings = []
    for part in shapely.get_parts(geom):
        for ring in (part.exterior, *part.interiors):
            xy = np.round(np.asarray(ring.coords)[:, :2]).astype(np.int64)
            steps = np.diff(xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
            rings.append(steps.ravel().tolist())
    return rings


def _inner_points(polygon: Any, area: float, anchor: np.ndarray) -> list[int]:
    """Points of a grid of about :data:`INNER_POINTS` cells of ``area`` that are inside
    ``polygon``, as a flat ``[dx0, dy0, dx1, dy1, ...]`` list of whole metres from the
    (rounded) ``anchor``."""
    if area <= 0:
        return []
    step = float(np.sqrt(area / INNER_POINTS))
    xmin, ymin, xmax, ymax = shapely.bounds(polygon)
    x, y = np.meshgrid(
        np.arange(xmin + step / 2, xmax, step), np.arange(ymin + step / 2, ymax, step)
    )
    x, y = x.ravel(), y.ravel()
    keep = shapely.contains_xy(polygon, x, y)
    points = np.round(np.column_stack([x[keep], y[keep]]) - np.round(anchor))
    return points.astype(np.int64).ravel().tolist()


def place_entries(places: PlaceNames) -> list[dict[str, Any]]:
    """The names of ``places``, in placement order (main towns first).

    Each entry holds the ``name`` (data text, as the data gives it), its ``kind`` (an index
    into :data:`KINDS`), in whole metres of EPSG:3857 its ``anchor`` (the desktop's), the
    ``inner`` points of its commune (:func:`_inner_points`) and its commune's ``rings``
    (:func:`_rings`), and the commune's ``area`` there (square metres).
    """
    # The main towns first, as on the desktop (there, before the facility names).
    order = np.argsort(~places.major, kind="stable")
    shapes = shapely.simplify(places.polygons, SHAPE_TOLERANCE, preserve_topology=True)
    entries = []
    for i in order.tolist():
        kind = 0 if places.major[i] else 1 if places.in_cud[i] else 2
        entries.append(
            {
                "name": places.names[i],
                "kind": kind,
                "anchor": [round(float(v)) for v in places.anchors[i]],
                "inner": _inner_points(
                    places.polygons[i], float(places.areas[i]), places.anchors[i]
                ),
                "area": round(float(places.areas[i])),
                "rings": _rings(shapes[i]),
            }
        )
    return entries


def _offsets(places: PlaceNames, fine: bool) -> list[list[float]]:
    """The desktop's positions tried around an anchor, nearest first: centres in name
    widths and heights from the anchor (y down)."""
    rects = places.candidates(np.zeros((1, 2)), np.ones((1, 2)), fine=fine)[0]
    centres = (rects[:, :2] + rects[:, 2:]) / 2
    return np.round(centres, 3).tolist()


class PlaceNamesLayer(Script):
    """The names as a Leaflet layer (listed in the layer control like the folium groups).

    Parameters
    ----------
    data
        The page data; the names go to its ``places`` key.
    places
        The communes that can be named (the desktop map's).
    show
        Whether the names are shown when the page opens.
    """

    def __init__(self, data: PageData, places: PlaceNames, show: bool) -> None:
        super().__init__()
        data.set("places", place_entries(places))
        self.offsets = _offsets(places, fine=False)
        self.fine_offsets = _offsets(places, fine=True)
        self.show = bool(show)

    def code(self) -> str:
        """The layer: its elements, the placement, and the placing after every move."""
        settings = {
            "pane": NAMES_PANE,
            "cls": PLACE_CLASS,
            "kinds": list(KINDS),
            "hidden": HIDDEN_CLASS,
            "offsets": self.offsets,
            "fine": self.fine_offsets,
            "outsideFactor": OUTSIDE_AREA_FACTOR,
            "reach": OFFSHORE_REACH,
            "majorTolerance": MAJOR_TOLERANCE,
            "innerTries": INNER_TRIES,
            "gap": NAME_GAP,
            "padding": PADDING,
            "earthRadius": EARTH_RADIUS,
        }
        return (
            f"var {self.get_name()} = (function (map, places, S) {{\n"
            f"{_PLACEMENT_JS}"
            "  var layer = new Names();\n"
            f"  if ({js_literal(self.show)}) {{ layer.addTo(map); }}\n"
            "  window.dkgisPlaceNames = function () { layer.place(); };\n"
            # The legend unfolded covers more of the map ('toggle' does not bubble).
            "  document.addEventListener('toggle', window.dkgisPlaceNames, true);\n"
            "  return layer;\n"
            f"}})({self._parent.get_name()}, {DATA_VARIABLE}.places, {js_literal(settings)});"
        )


#: The page's placement: fixed code (no text of the data); it reads the names from the
#: page data and its numbers from ``S``.
_PLACEMENT_JS = """\
  var crs = map.options.crs;
  var shapes = places.map(function (p) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    var rings = p.rings.map(function (steps) {
      var r = steps.slice();
      for (var k = 2; k < r.length; k++) { r[k] += r[k - 2]; }
      return r;
    });
    rings.forEach(function (r) {
      for (var k = 0; k < r.length; k += 2) {
        box[0] = Math.min(box[0], r[k]); box[1] = Math.min(box[1], r[k + 1]);
        box[2] = Math.max(box[2], r[k]); box[3] = Math.max(box[3], r[k + 1]);
      }
    });
    return {rings: rings, box: box};
  });
  function inside(shape, x, y) {
    var b = shape.box;
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) { return false; }
    var odd = false;
    shape.rings.forEach(function (r) {
      for (var k = 0, j = r.length - 2; k < r.length; j = k, k += 2) {
        if ((r[k + 1] > y) !== (r[j + 1] > y) &&
            x < (r[j] - r[k]) * (y - r[k + 1]) / (r[j + 1] - r[k + 1]) + r[k]) { odd = !odd; }
      }
    });
    return odd;
  }
  function near(shape, x, y, d) {
    var b = shape.box;
    if (x < b[0] - d || x > b[2] + d || y < b[1] - d || y > b[3] + d) { return false; }
    if (inside(shape, x, y)) { return true; }
    return shape.rings.some(function (r) {
      for (var k = 2; k < r.length; k += 2) {
        var ax = r[k - 2], ay = r[k - 1], dx = r[k] - ax, dy = r[k + 1] - ay;
        var t = dx || dy ? ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy) : 0;
        t = Math.max(0, Math.min(1, t));
        var ex = ax + t * dx - x, ey = ay + t * dy - y;
        if (ex * ex + ey * ey <= d * d) { return true; }
      }
      return false;
    });
  }
  function overlaps(list, r, m) {
    for (var k = 0; k < list.length; k++) {
      var o = list[k];
      if (r[0] - m < o[2] && o[0] < r[2] + m && r[1] - m < o[3] && o[1] < r[3] + m) {
        return true;
      }
    }
    return false;
  }
  var Names = L.Layer.extend({
    onAdd: function () {
      var box = this._box = L.DomUtil.create('div', S.cls + 's leaflet-zoom-hide',
        map.getPane(S.pane));
      this._items = places.map(function (p, i) {
        var classes = [S.cls, S.cls + '-' + S.kinds[p.kind], S.hidden];
        var el = L.DomUtil.create('div', classes.join(' '), box);
        el.textContent = p.name;
        var inner = [];
        for (var k = 0; k < p.inner.length; k += 2) {
          inner.push(crs.unproject(L.point(p.anchor[0] + p.inner[k],
                                           p.anchor[1] + p.inner[k + 1])));
        }
        return {el: el, shape: shapes[i], kind: p.kind, area: p.area, inner: inner,
                anchor: crs.unproject(L.point(p.anchor[0], p.anchor[1]))};
      });
      map.on('moveend resize overlayadd overlayremove', this.place, this);
      this.place();
    },
    onRemove: function () {
      map.off('moveend resize overlayadd overlayremove', this.place, this);
      L.DomUtil.remove(this._box);
      this._items = [];
    },
    place: function () {
      if (!this._map) { return; }
      var size = map.getSize();
      var frame = map.getContainer().getBoundingClientRect();
      function rectOf(el) {
        var b = el.getBoundingClientRect();
        return [b.left - frame.left, b.top - frame.top, b.right - frame.left,
                b.bottom - frame.top];
      }
      function shown(r) {
        return r[2] > r[0] && r[0] < size.x && r[2] > 0 && r[1] < size.y && r[3] > 0;
      }
      var controls = Array.prototype.map.call(
        document.querySelectorAll('.leaflet-control, .dk-titlebox'), rectOf).filter(shown);
      var symbols = Array.prototype.map.call(map.getContainer().querySelectorAll(
        'path.dkgis-facility, path.dkgis-emission, path.dkgis-no-data, path.dkgis-halo'),
        rectOf).filter(shown);
      // Metres of the map (EPSG:3857) per pixel at this zoom.
      var metres = 2 * Math.PI * S.earthRadius / crs.scale(map.getZoom());
      var items = this._items;
      items.forEach(function (it) { it.w = it.el.offsetWidth; it.h = it.el.offsetHeight; });
      var names = [];
      function onView(p) { return p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y; }
      var middle = size.divideBy(2);
      function anchors(it) {
        // The desktop's anchor; zoomed in past it, the commune's points on the view.
        var at = map.latLngToContainerPoint(it.anchor);
        if (onView(at)) { return [at]; }
        return it.inner.map(function (ll) { return map.latLngToContainerPoint(ll); })
          .filter(onView)
          .sort(function (a, b) { return a.distanceTo(middle) - b.distanceTo(middle); })
          .slice(0, S.innerTries);
      }
      function find(it, points, offsets, where, clear) {
        for (var n = 0; n < points.length; n++) {
          var found = findAround(it, points[n], offsets, where, clear);
          if (found) { return found; }
        }
        return null;
      }
      function findAround(it, at, offsets, where, clear) {
        for (var k = 0; k < offsets.length; k++) {
          var cx = at.x + offsets[k][0] * it.w, cy = at.y + offsets[k][1] * it.h;
          var r = [cx - it.w / 2, cy - it.h / 2, cx + it.w / 2, cy + it.h / 2];
          if (r[0] < S.padding || r[1] < S.padding || r[2] > size.x - S.padding ||
              r[3] > size.y - S.padding) { continue; }
          if (overlaps(names, r, S.gap * it.h + S.padding) || overlaps(controls, r, S.padding) ||
              (clear && overlaps(symbols, r, S.padding))) { continue; }
          var m = crs.project(map.containerPointToLatLng(L.point(cx, cy)));
          if (where(m.x, m.y)) { return r; }
        }
        return null;
      }
      items.forEach(function (it) {
        var found = null;
        var major = it.kind === 0;
        var big = it.kind < 2 || it.area >= S.outsideFactor * it.w * it.h * metres * metres;
        var at = anchors(it);
        var own = it.shape;
        if (big) {
          var tolerance = major ? S.majorTolerance * it.h * metres : 0;
          found = find(it, at, S.offsets, function (x, y) {
            return tolerance ? near(own, x, y, tolerance) : inside(own, x, y);
          }, true);
        }
        if (!found && major) {
          // A port town's ground is covered by its symbols: just off its coast, over the sea.
          found = find(it, at, S.fine, function (x, y) {
            return !shapes.some(function (s) { return inside(s, x, y); }) &&
              near(own, x, y, S.reach * it.h * metres);
          }, true);
        }
        if (!found && major) {
          // Rather than leave a main town unnamed: over the symbols, readable on its halo.
          found = find(it, at, S.offsets, function (x, y) { return inside(own, x, y); }, false);
        }
        if (found) {
          names.push(found);
          L.DomUtil.setPosition(it.el,
            map.containerPointToLayerPoint(L.point(found[0], found[1])).round());
          L.DomUtil.removeClass(it.el, S.hidden);
        } else {
          L.DomUtil.addClass(it.el, S.hidden);
        }
      });
    }
  });
"""
