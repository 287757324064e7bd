"""The project: a dataset loaded into model objects, its layers, selection and view."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from dkgis.i18n import N_
from dkgis.io.gpkg import TableData, read_dataset
from dkgis.model.crs import lonlat_to_mercator, project_geometry
from dkgis.model.display import YEAR_MAX, YEAR_MIN, Display
from dkgis.model.emissions import EmissionSeries, EmissionValue, cluster_total
from dkgis.model.facility import Caveat, Facility, Source
from dkgis.model.kpis import ClusterFigure, JobsFigure, load_cluster_figures, load_jobs
from dkgis.model.layer import Layer, LayerList
from dkgis.model.mapview import Extent, MapView, area_extent
from dkgis.model.measures import Measure, Target
from dkgis.model.selection import Selection
from dkgis.model.text import xml_safe_columns
from dkgis.model.yearly import VerifiedMatrix

if TYPE_CHECKING:
    from dkgis.io.postgis.dsn import Dsn
    from dkgis.model.scenario_set import ScenarioSet

log = logging.getLogger(__name__)

#: The dataset layers, bottom to top: (name = table, kind, English title). The titles are
#: source texts of the message catalog, translated where shown (:func:`dkgis.wording.layer_title`).
DATASET_LAYERS: tuple[tuple[str, str, str], ...] = (
    ("land", "land", N_("Land")),
    ("communes", "communes", N_("Communes")),
    ("coastline", "coastline", N_("Coastline")),
    ("infrastructure", "infrastructure", N_("Gas and hydrogen networks")),
    ("emissions", "emissions", N_("CO₂ emissions")),
    ("facilities", "facilities", N_("Facilities by sector")),
)

#: Dataset layers that start hidden (the user switches them on in the layer panel).
HIDDEN_AT_LOAD: frozenset[str] = frozenset({"emissions"})

#: Margin added on each side of the cluster extent, as a fraction of its size.
CLUSTER_PADDING = 0.05


class Project:
    """A loaded dataset: facilities, emissions, measures, targets and the map state.

    Build one with :meth:`load` (from a GeoPackage or a PostGIS database) or
    :meth:`from_tables`.

    Attributes
    ----------
    path : pathlib.Path or None
        The dataset file (``None`` for a database).
    database : dkgis.io.postgis.dsn.Dsn or None
        The database the dataset was read from (``None`` for a file).
    facilities : dict[str, Facility]
        By id, in dataset order.
    emissions : dict[str, EmissionSeries]
        By facility id; every facility has a series, possibly empty.
    measures : tuple[Measure, ...]
    targets : tuple[Target, ...]
    caveats : tuple[Caveat, ...]
    sources : dict[str, Source]
        By id.
    jobs : tuple[JobsFigure, ...]
        Jobs stated by the sources for sites, announced projects and the cluster.
    cluster_figures : tuple[ClusterFigure, ...]
        Figures of the WEF Transitioning Industrial Clusters (members, totals, peers).
    layers : LayerList
        The map layers, bottom to top.
    selection : Selection
        The selected facilities.
    view : MapView
        The map extent, initially :meth:`cluster_extent`.
    display : Display
        Sector filter, year and labels of the map; the year starts at the last
        verified year.
    scenarios : ScenarioSet
        The scenarios and the active one (built on first use).
    """

    def __init__(
        self,
        *,
        path: Path | None = None,
        facilities: Mapping[str, Facility] | None = None,
        emissions: Mapping[str, EmissionSeries] | None = None,
        measures: Iterable[Measure] = (),
        targets: Iterable[Target] = (),
        caveats: Iterable[Caveat] = (),
        sources: Mapping[str, Source] | None = None,
        jobs: Iterable[JobsFigure] = (),
        cluster_figures: Iterable[ClusterFigure] = (),
        layers: Iterable[Layer] = (),
        communes: TableData | None = None,
        database: Dsn | None = None,
    ) -> None:
        self.path = path
        self.database = database
        self.facilities: dict[str, Facility] = dict(facilities or {})
        series = dict(emissions or {})
        self.emissions: dict[str, EmissionSeries] = {
            fid: series.get(fid, EmissionSeries(fid)) for fid in self.facilities
        }
        self.measures: tuple[Measure, ...] = tuple(measures)
        self.targets: tuple[Target, ...] = tuple(targets)
        self.caveats: tuple[Caveat, ...] = tuple(caveats)
        self.sources: dict[str, Source] = dict(sources or {})
        self.jobs: tuple[JobsFigure, ...] = tuple(jobs)
        self.cluster_figures: tuple[ClusterFigure, ...] = tuple(cluster_figures)
        self.layers = LayerList(layers)
        self.selection = Selection()
        self._communes = communes
        self._cluster_extent: Extent | None = None
        self._facility_ids: tuple[str, ...] | None = None
        self._facility_xy: np.ndarray | None = None
        self._facility_index: dict[str, int] | None = None
        self._verified: VerifiedMatrix | None = None
        self._measure_names: dict[str, Measure] | None = None
        self.view = MapView(self.cluster_extent())
        self.display = Display(year=self._initial_year())
        self._scenarios: ScenarioSet | None = None

    def __repr__(self) -> str:
        return (
            f"Project(source={self.source_name!r}, facilities={len(self.facilities)},"
            f" layers={list(self.layers.names)})"
        )

    @property
    def source_name(self) -> str:
        """Where the data comes from, as people read it: the file name, or the database's
        label (never a password)."""
        if self.database is not None:
            return self.database.label
        return self.path.name if self.path is not None else ""

    # -- construction -------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | Dsn | None = None) -> Project:
        """Load a dkgis GeoPackage, or the dataset of a PostGIS database.

        Parameters
        ----------
        path
            The file; a database (a :class:`~dkgis.io.postgis.dsn.Dsn`, or a
            ``postgresql://``, ``service=`` or ``PG:`` string); ``None`` for the embedded
            dataset (:data:`dkgis.data.DEFAULT_DATASET`).

        Raises
        ------
        DatasetError
            When the file is missing, not a GeoPackage or lacks a table or column; a
            :class:`~dkgis.io.postgis.errors.DatabaseError` when the database cannot be
            read.
        """
        if path is None:
            from dkgis.data import DEFAULT_DATASET

            path = DEFAULT_DATASET
        from dkgis.io.postgis.dsn import as_source, is_dsn

        if is_dsn(path):
            from dkgis.io.postgis.dataset import read_dataset as read_database

            dsn = as_source(path)
            return cls.from_tables(read_database(dsn), database=dsn)
        path = Path(path)
        return cls.from_tables(read_dataset(path), path=path)

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[str, TableData],
        path: Path | None = None,
        database: Dsn | None = None,
    ) -> Project:
        """Build a project from tables read by :func:`dkgis.io.gpkg.read_dataset` (or from
        a database: ``database``).

        Control characters are taken out of every text of the tables here, once
        (:func:`~dkgis.model.text.xml_safe_columns`): the map, the charts and every export
        show the same names, and SVG, PowerPoint and HTML files stay well formed.
        """
        where = database if database is not None else path
        tables = {
            name: TableData(table.name, xml_safe_columns(table.columns), table.geometry)
            for name, table in tables.items()
        }
        fac = tables["facilities"]
        geoms = fac.geometry if fac.geometry is not None else np.full(len(fac), None)
        lons, lats = _point_coords(geoms)
        facilities: dict[str, Facility] = {}
        for row, lon, lat in zip(fac.rows(), lons, lats, strict=True):
            if not isinstance(row["id"], str) or not row["id"]:
                log.warning("%s: facility without an id ignored", where)
                continue
            facility = Facility.from_row(row, lon, lat)
            if facility.id in facilities:
                log.warning("%s: duplicate facility id %r, first row kept", where, facility.id)
                continue
            facilities[facility.id] = facility

        by_facility: dict[str, list[EmissionValue]] = {fid: [] for fid in facilities}
        for row in tables["emissions"].rows():
            values = by_facility.get(row["facility_id"])
            if values is None:
                log.warning("%s: emissions of unknown facility %r", where, row["facility_id"])
                continue
            try:
                values.append(EmissionValue.from_row(row))
            except (TypeError, ValueError):
                # The validator reports such rows; the rest of the data stays usable.
                log.warning("%s: unusable emission row of %r ignored", where, row["facility_id"])
        emissions = {fid: EmissionSeries(fid, tuple(v)) for fid, v in by_facility.items()}

        sources = {row["id"]: Source.from_row(row) for row in tables["sources"].rows()}
        layers = [_dataset_layer(tables, name, kind, title) for name, kind, title in DATASET_LAYERS]
        return cls(
            path=path,
            facilities=facilities,
            emissions=emissions,
            measures=[Measure.from_row(r) for r in tables["measures"].rows()],
            targets=[Target.from_row(r) for r in tables["targets"].rows()],
            caveats=[Caveat.from_row(r) for r in tables["caveats"].rows()],
            sources=sources,
            jobs=load_jobs(tables["kpis"].rows()) if "kpis" in tables else (),
            cluster_figures=(
                load_cluster_figures(tables["clusters"].rows()) if "clusters" in tables else ()
            ),
            layers=layers,
            communes=tables["communes"],
            database=database,
        )

    # -- geography ----------------------------------------------------------------

    def cluster_extent(self) -> Extent:
        """Return the EPSG:3857 bounding box of the CUD communes, padded by 5 % on each side.

        Falls back to all communes, then to the facilities, then to
        :data:`dkgis.io.schema.AREA_BBOX` when there is nothing to frame.
        """
        if self._cluster_extent is None:
            self._cluster_extent = self._compute_cluster_extent()
        return self._cluster_extent

    def _compute_cluster_extent(self) -> Extent:
        bounds = None
        communes = self._communes
        if communes is not None and communes.geometry is not None and len(communes):
            in_cud = np.array([v is True for v in communes.columns["in_cud"]], dtype=bool)
            geoms = communes.geometry[in_cud] if in_cud.any() else communes.geometry
            geoms = geoms[np.array([g is not None for g in geoms], dtype=bool)]
            if geoms.size:
                bounds = shapely.total_bounds(project_geometry(geoms))
        if bounds is None or not np.isfinite(bounds).all():
            _, xy = self.facility_mercator_xy()
            xy = xy[np.isfinite(xy).all(axis=1)]
            if len(xy):
                bounds = np.concatenate([xy.min(axis=0), xy.max(axis=0)])
        if bounds is None or not np.isfinite(bounds).all():
            return area_extent()
        xmin, ymin, xmax, ymax = (float(v) for v in bounds)
        # A single facility has a zero-size box: give it 1 km around.
        dx = max((xmax - xmin) * CLUSTER_PADDING, 1000.0 if xmax == xmin else 0.0)
        dy = max((ymax - ymin) * CLUSTER_PADDING, 1000.0 if ymax == ymin else 0.0)
        return (xmin - dx, ymin - dy, xmax + dx, ymax + dy)

    @property
    def facility_ids_array(self) -> np.ndarray:
        """Facility ids in dataset order, as a read-only object array."""
        ids, _ = self.facility_mercator_xy()
        arr = np.array(ids, dtype=object)
        arr.flags.writeable = False
        return arr

    def facility_mercator_xy(self) -> tuple[tuple[str, ...], np.ndarray]:
        """Return the facility ids and their EPSG:3857 points (computed once).

        Returns
        -------
        ids : tuple of str
            In dataset order (the same tuple on each call: a map frame asks for it).
        xy : numpy.ndarray
            ``(n, 2)`` read-only float array, NaN where a facility has no point.
        """
        if self._facility_xy is None:
            ids = tuple(self.facilities)
            lon = np.array([self.facilities[i].lon for i in ids], dtype=float)
            lat = np.array([self.facilities[i].lat for i in ids], dtype=float)
            x, y = lonlat_to_mercator(lon, lat)
            xy = np.column_stack((x, y)) if ids else np.empty((0, 2))
            xy.flags.writeable = False
            self._facility_ids, self._facility_xy = ids, xy
        return self._facility_ids, self._facility_xy

    def facility_index(self) -> dict[str, int]:
        """Row of each facility id in :meth:`facility_mercator_xy` order (built once; do
        not modify it)."""
        if self._facility_index is None:
            ids, _ = self.facility_mercator_xy()
            self._facility_index = {fid: i for i, fid in enumerate(ids)}
        return self._facility_index

    # -- scenarios ----------------------------------------------------------------

    @property
    def scenarios(self) -> ScenarioSet:
        """The scenarios and the active one (built on first use: presets first).

        The screen's map frame (:func:`dkgis.model.frame.frame_of`) projects the years
        after the last verified one under the active scenario; the charts follow it too.
        """
        if self._scenarios is None:
            from dkgis.model.scenario_set import ScenarioSet

            self._scenarios = ScenarioSet(self)
        return self._scenarios

    # -- data queries -------------------------------------------------------------

    def verified_matrix(self) -> VerifiedMatrix:
        """Return the verified values as a facilities x years matrix (built once).

        Rows are in :meth:`facility_mercator_xy` order; see
        :func:`dkgis.model.yearly.emissions_for_year` for the values of a year.
        """
        if self._verified is None:
            ids, _ = self.facility_mercator_xy()
            self._verified = VerifiedMatrix(ids, self.emissions)
        return self._verified

    def _initial_year(self) -> int:
        last = self.verified_matrix().last_year
        return YEAR_MAX if last is None else min(max(last, YEAR_MIN), YEAR_MAX)

    def attributions(self, layers: Iterable[str] | None = None) -> list[str]:
        """Return the attribution lines of the sources of the drawn layers.

        Parameters
        ----------
        layers
            Names of the layers drawn; ``None`` for the visible layers.

        Returns
        -------
        list of str
            Distinct lines (e.g. ``"© OpenStreetMap contributors"``), top layer first.
        """
        if layers is None:
            chosen = [layer for layer in self.layers if layer.visible]
        else:
            wanted = set(layers)
            chosen = [layer for layer in self.layers if layer.name in wanted]
        lines: dict[str, None] = {}
        for layer in reversed(chosen):
            for sid in layer.source_ids:
                source = self.sources.get(sid)
                if source is not None and source.attribution:
                    lines.setdefault(source.attribution, None)
        return list(lines)

    def latest_verified(self, facility_id: str) -> EmissionValue | None:
        """Return the latest verified emission value of a facility, or ``None``.

        Raises
        ------
        KeyError
            For an unknown facility id.
        """
        return self.emissions[facility_id].latest("verified")

    def cluster_total(self, year: int, kind: str = "verified") -> float | None:
        """Sum one kind of emission value over all facilities for a year (None if none)."""
        return cluster_total(self.emissions.values(), year, kind)

    def emission_years(self, kind: str = "verified") -> tuple[int, ...]:
        """Return every year with at least one value of ``kind``, in increasing order."""
        if kind == "verified":
            return tuple(int(y) for y in self.verified_matrix().years)
        years: set[int] = set()
        for series in self.emissions.values():
            years.update(series.years(kind))
        return tuple(sorted(years))

    def measure_name(self, measure_id: str, name: str) -> str:
        """The name of a measure in the current language: the dataset measure's
        (:attr:`Measure.display_name`), else ``name`` (a scenario's copy of a measure the
        dataset no longer has)."""
        if self._measure_names is None:
            self._measure_names = {m.id: m for m in self.measures}
        measure = self._measure_names.get(measure_id)
        return measure.display_name if measure is not None else name

    def measures_for(self, facility_id: str) -> tuple[Measure, ...]:
        """Return the measures of one facility, in dataset order."""
        return tuple(m for m in self.measures if m.facility_id == facility_id)

    def targets_for(self, facility_id: str) -> tuple[Target, ...]:
        """Return the targets set for one facility, in dataset order."""
        return tuple(t for t in self.targets if t.facility_id == facility_id)

    def caveats_for(self, facility_id: str, year: int | None = None) -> tuple[Caveat, ...]:
        """Return the caveats that concern a facility (and a year, when given)."""
        return tuple(c for c in self.caveats if c.applies_to(facility_id, year))


def _point_coords(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lons = np.full(len(geoms), math.nan)
    lats = np.full(len(geoms), math.nan)
    present = np.array([g is not None for g in geoms], dtype=bool)
    if present.any():
        points = geoms[present]
        is_point = shapely.get_type_id(points) == 0
        xs = np.full(len(points), math.nan)
        ys = np.full(len(points), math.nan)
        xs[is_point] = shapely.get_x(points[is_point])
        ys[is_point] = shapely.get_y(points[is_point])
        lons[present], lats[present] = xs, ys
    return lons, lats


def _dataset_layer(tables: Mapping[str, TableData], name: str, kind: str, title: str) -> Layer:
    """One layer of the dataset; the emission layer draws the facilities table."""
    visible = name not in HIDDEN_AT_LOAD
    if kind == "emissions":
        emissions = tables["emissions"]
        pairs = zip(emissions.columns["source_id"], emissions.columns["kind"], strict=True)
        rows = [s for s, k in pairs if k == "verified" and isinstance(s, str) and s.strip()]
        sources = tuple(dict.fromkeys(s.strip() for s in rows))
        return Layer(name, title, kind, tables["facilities"], visible=visible, source_ids=sources)
    data = _infrastructure(tables) if kind == "infrastructure" else tables[name]
    return Layer(name, title, kind, data, visible=visible, source_ids=_layer_sources(data))


def _infrastructure(tables: Mapping[str, TableData]) -> TableData:
    """The network tables (lines, then points) as the one table of the networks layer."""
    from dkgis.io.schema import INFRASTRUCTURE_TABLES

    parts = [tables[t.name] for t in INFRASTRUCTURE_TABLES]
    columns = {name: [v for p in parts for v in p.columns[name]] for name in parts[0].columns}
    geoms = [
        np.asarray(p.geometry if p.geometry is not None else [None] * len(p), dtype=object)
        for p in parts
    ]
    return TableData("infrastructure", columns, np.concatenate(geoms) if geoms else None)


def _layer_sources(data: TableData) -> tuple[str, ...]:
    """Distinct source ids cited by a table's rows, in order of first use."""
    ids: dict[str, None] = {}
    cols = data.columns
    if data.name == "facilities":
        triples = zip(
            cols["location_source"], cols["source_ids"], cols["capacity_source"], strict=True
        )
        for loc, many, cap in triples:
            many_ids = many.split(";") if isinstance(many, str) else []
            for value in (loc, *many_ids, cap):
                if isinstance(value, str) and value.strip():
                    ids.setdefault(value.strip(), None)
    elif "source_id" in cols:
        for value in cols["source_id"]:
            if isinstance(value, str) and value.strip():
                ids.setdefault(value.strip(), None)
    return tuple(ids)
