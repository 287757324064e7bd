"""The dkgis GeoPackage schema: tables, columns, types and allowed values.

This module is the single description of what a dkgis dataset contains. The
dataset builder writes it, the reader loads it and the validator checks a file
against it, so all three agree by construction.

Geometry is stored in EPSG:4326 (longitude, latitude), as in the sources.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 3

#: Facility life-cycle states.
STATUSES: tuple[str, ...] = (
    "operating",
    "under_construction",
    "announced",
    "suspended",
    "cancelled",
    "closed",
)

#: How good a facility's point is, best first.
#:
#: ``site``: coordinates of the plant itself (GEM tracker, power-plant list).
#: ``address``: geocode of the registry address.
#: ``nearby``: placed on a neighbouring site that the source names (e.g. "next to
#: the LNG terminal"); the facility lies close by, not exactly there.
#: ``postcode``: centroid of the postcode area.
#: ``commune``: a point standing for the whole commune.
LOCATION_PRECISIONS: tuple[str, ...] = ("site", "address", "nearby", "postcode", "commune")

#: Kinds of emission value. ``verified``: EU ETS verified emissions.
#: ``reported``: a value reported elsewhere (IREP register, press or NGO
#: report); never added to ``verified`` values. ``projected``: computed by a
#: scenario, never stored in the embedded dataset.
EMISSION_KINDS: tuple[str, ...] = ("verified", "reported", "projected")

#: Kinds of caveat attached to emission values.
CAVEAT_KINDS: tuple[str, ...] = (
    "accounting_break",  # the same CO2 moved from one installation to another
    "scope_entry",  # the installation entered the EU ETS (no earlier values)
    "not_additive",  # values that must never be summed together
    "missing_data",  # years known to exist upstream but absent here
    "not_curated",  # facilities added by a user's import, not reviewed by the project
)

#: Decarbonization levers of a measure.
LEVERS: tuple[str, ...] = (
    "electric_arc_furnace",
    "direct_reduced_iron",
    "carbon_capture",
    "co2_transport_storage",
    "co2_utilisation",
    "hydrogen",
    "electrification",
    "recycling",
    "low_carbon_product",
    "heat_recovery",
    "fuel_switch",
    "new_low_carbon_capacity",
    "efficiency",
    "other",
)

#: Scopes of a reduction target.
TARGET_SCOPES: tuple[str, ...] = ("site", "group", "cluster", "national", "eu")

#: Kinds of network infrastructure.
INFRASTRUCTURE_KINDS: tuple[str, ...] = (
    "gas_pipeline",
    "hydrogen_pipeline",
    "lng_terminal",
)

#: What a key figure of the ``kpis`` table counts.
KPI_METRICS: tuple[str, ...] = ("jobs",)

#: What a key figure is stated for: the workforce of a site, an announced project (a
#: measure), or the whole cluster.
KPI_SCOPES: tuple[str, ...] = ("site", "project", "cluster")

#: Whether stated jobs are direct, direct and indirect together, or the source does not say.
JOB_KINDS: tuple[str, ...] = ("direct", "direct_and_indirect", "not_stated")

#: How a stated figure reads: ``exact`` ("3,000"), ``about`` ("~1,200"), ``more_than``
#: (">3,000": only ``value_low``), ``up_to`` ("up to 9,000": only ``value_high``),
#: ``range`` ("1,300-1,700": both bounds).
QUALIFIERS: tuple[str, ...] = ("exact", "about", "more_than", "up_to", "range")

#: Groups of the ``clusters`` table: memberships, totals of the whole initiative, and
#: figures of one cluster that could be set beside another's (annual emissions, jobs,
#: economic output, planned CO2 reduction, share of the country's emissions).
CLUSTER_METRICS: tuple[str, ...] = (
    "member",
    "initiative",
    "annual_emissions",
    "jobs",
    "gdp",
    "co2_reduction",
    "national_share",
)


#: Years any date of the dataset may fall in (measures, targets, caveats, networks).
YEAR_BOUNDS: tuple[int, int] = (1900, 2100)

#: Years an emission value may be for: the EU ETS and its predecessors' reporting era.
EMISSION_YEAR_BOUNDS: tuple[int, int] = (1990, 2100)

#: Largest plausible yearly emission (or abatement) of one installation, in t CO2e: far
#: above what any single installation emits, so a value above it is a typing or unit error.
MAX_TONNES: float = 1e9

#: Largest plausible cost of one measure, in euros (a typing or unit error above it).
MAX_CAPEX_EUR: float = 1e12

#: Bounds of a quantity that cannot be negative.
NON_NEGATIVE: tuple[float, float] = (0.0, float("inf"))


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name
        Column name.
    type
        SQLite storage type: ``TEXT``, ``INTEGER``, ``REAL`` or ``BOOLEAN``.
    required
        Whether every row must have a value.
    allowed
        The allowed values, when the column is an enumeration.
    bounds
        ``(minimum, maximum)`` of a number column: values outside cannot be true
        (a negative tonnage, a year of the wrong century); ``None`` for no limit.
    optional
        Whether a file may lack the column: files written before it existed are read
        with the column empty (never for a required column).
    """

    name: str
    type: str
    required: bool = False
    allowed: tuple[str, ...] | None = None
    bounds: tuple[float, float] | None = None
    optional: bool = False


@dataclass(frozen=True)
class Table:
    """One table or layer of the dataset.

    Parameters
    ----------
    name
        Table name in the GeoPackage.
    columns
        Attribute columns (the geometry column excluded).
    geometry
        GeoPackage geometry type name (``POINT``, ``MULTIPOLYGON``...) or
        ``None`` for an attribute table.
    key
        Name of the column whose values must be unique, if any.
    optional
        Whether a dataset may lack the table: files written before it existed (a user's
        copy made by an older dkgis) are read with the table empty.
    """

    name: str
    columns: tuple[Column, ...]
    geometry: str | None = None
    key: str | None = None
    optional: bool = False

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Names of the attribute columns, in order."""
        return tuple(c.name for c in self.columns)


def _sector_ids() -> tuple[str, ...]:
    # Imported here so that the symbology palette stays the one source of sector ids.
    from dkgis.symbology.sectors import SECTOR_IDS

    return SECTOR_IDS


FACILITIES = Table(
    "facilities",
    (
        Column("id", "TEXT", True),
        Column("name", "TEXT", True),
        Column("operator", "TEXT"),
        Column("sector", "TEXT", True, _sector_ids()),
        Column("subsector", "TEXT"),
        Column("commune", "TEXT", True),
        Column("insee", "TEXT", True),
        Column("status", "TEXT", True, STATUSES),
        Column("status_as_of", "TEXT", True),  # ISO date or year of the status source
        Column("ets_id", "TEXT"),
        Column("irep_id", "TEXT"),
        Column("location_precision", "TEXT", True, LOCATION_PRECISIONS),
        Column("location_source", "TEXT", True),  # a sources.id
        Column("colocated_with", "TEXT"),  # ';'-separated ids sharing the exact point
        Column("capacity", "REAL", bounds=NON_NEGATIVE),
        Column("capacity_unit", "TEXT"),
        Column("capacity_source", "TEXT"),  # a sources.id
        Column("source_ids", "TEXT", True),  # ';'-separated sources.id used for the row
        Column("note", "TEXT"),  # for a reader: what the data says of the site, and its limits
        Column("note_fr", "TEXT", optional=True),  # the note in French
        Column("name_fr", "TEXT", optional=True),  # the name in French (empty: the name serves)
        Column("subsector_fr", "TEXT", optional=True),  # the subsector in French
    ),
    geometry="POINT",
    key="id",
)

EMISSIONS = Table(
    "emissions",
    (
        Column("facility_id", "TEXT", True),
        Column("year", "INTEGER", True, bounds=EMISSION_YEAR_BOUNDS),
        Column("value_t", "REAL", True, bounds=(0.0, MAX_TONNES)),  # t CO2e per year
        Column("kind", "TEXT", True, EMISSION_KINDS),
        Column("gas", "TEXT", True),  # what is counted, e.g. "CO2e (EU ETS scope)"
        Column("source_id", "TEXT", True),
        Column("caveat_id", "TEXT"),  # a caveats.id
        Column("note", "TEXT"),
    ),
)

CAVEATS = Table(
    "caveats",
    (
        Column("id", "TEXT", True),
        Column("kind", "TEXT", True, CAVEAT_KINDS),
        Column("facility_ids", "TEXT"),  # ';'-separated; empty = whole dataset
        Column("year_from", "INTEGER", bounds=YEAR_BOUNDS),
        Column("year_to", "INTEGER", bounds=YEAR_BOUNDS),
        Column("description", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("description_fr", "TEXT", optional=True),  # the description in French
    ),
    key="id",
)

MEASURES = Table(
    "measures",
    (
        Column("id", "TEXT", True),
        Column("facility_id", "TEXT"),  # empty for a cluster-wide measure
        Column("name", "TEXT", True),
        Column("lever", "TEXT", True, LEVERS),
        Column("status", "TEXT", True),  # as worded by the source, e.g. "announced"
        Column("start_year", "INTEGER", bounds=YEAR_BOUNDS),
        # t CO2/yr where the source states it
        Column("abatement_t", "REAL", bounds=(0.0, MAX_TONNES)),
        Column("capex_eur", "REAL", bounds=(0.0, MAX_CAPEX_EUR)),
        Column("announced", "TEXT"),  # date or period of the announcement
        Column("variant_of", "TEXT"),  # id of the measure this one is a source variant of
        Column("source_url", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("note", "TEXT"),
        Column("name_fr", "TEXT", optional=True),  # the name in French (empty: the name serves)
        # the status in French, where no usual status word translates it
        Column("status_fr", "TEXT", optional=True),
    ),
    key="id",
)

TARGETS = Table(
    "targets",
    (
        Column("id", "TEXT", True),
        Column("scope", "TEXT", True, TARGET_SCOPES),
        Column("actor", "TEXT", True),
        Column("facility_id", "TEXT"),
        Column("baseline_year", "INTEGER", bounds=YEAR_BOUNDS),
        Column("target_year", "INTEGER", True, bounds=YEAR_BOUNDS),
        Column("reduction_pct", "REAL", True, bounds=(0.0, 100.0)),  # 55.0 means -55 %
        Column("status", "TEXT", True),
        Column("announced", "TEXT"),
        Column("source_url", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("note", "TEXT"),
        Column("actor_fr", "TEXT", optional=True),  # the actor in French (empty: it serves)
    ),
    key="id",
)

_INFRASTRUCTURE_COLUMNS = (
    Column("id", "TEXT", True),
    Column("name", "TEXT", True),
    Column("kind", "TEXT", True, INFRASTRUCTURE_KINDS),
    Column("status", "TEXT", True),
    Column("operator", "TEXT"),
    Column("capacity", "REAL", bounds=NON_NEGATIVE),
    Column("capacity_unit", "TEXT"),
    Column("start_year", "INTEGER", bounds=YEAR_BOUNDS),
    Column("url", "TEXT"),
    Column("source_id", "TEXT", True),
)

# Networks are split by geometry type: one GeoPackage table holds one geometry type, which
# is what GIS programs expect (QGIS opens a mixed GEOMETRY table as points only).
INFRASTRUCTURE_LINES = Table(
    "infrastructure_lines", _INFRASTRUCTURE_COLUMNS, geometry="MULTILINESTRING", key="id"
)
INFRASTRUCTURE_POINTS = Table(
    "infrastructure_points", _INFRASTRUCTURE_COLUMNS, geometry="POINT", key="id"
)

#: The network tables, drawn together as one map layer.
INFRASTRUCTURE_TABLES: tuple[Table, ...] = (INFRASTRUCTURE_LINES, INFRASTRUCTURE_POINTS)

COMMUNES = Table(
    "communes",
    (
        Column("insee", "TEXT", True),
        Column("name", "TEXT", True),
        Column("departement", "TEXT", True),
        Column("in_cud", "BOOLEAN", True),  # member of the Communauté urbaine de Dunkerque
        Column("source_id", "TEXT", True),
    ),
    geometry="MULTIPOLYGON",
    key="insee",
)

LAND = Table(
    "land",
    (Column("source_id", "TEXT", True),),
    geometry="MULTIPOLYGON",
)

COASTLINE = Table(
    "coastline",
    (Column("source_id", "TEXT", True),),
    geometry="MULTILINESTRING",
)

SOURCES = Table(
    "sources",
    (
        Column("id", "TEXT", True),
        Column("title", "TEXT", True),
        Column("url", "TEXT", True),  # web page, or repository@commit
        Column("file", "TEXT"),  # file name under data/sources/
        Column("licence", "TEXT", True),
        Column("vintage", "TEXT", True),
        Column("attribution", "TEXT"),  # credit line to show wherever the data is drawn
        # The short sources line of maps: "publisher, dataset (licence)", in English and
        # in French (empty: as in English).
        Column("publisher", "TEXT", optional=True),
        Column("dataset", "TEXT", optional=True),
        Column("licence_short", "TEXT", optional=True),
        Column("publisher_fr", "TEXT", optional=True),
        Column("dataset_fr", "TEXT", optional=True),
        Column("licence_short_fr", "TEXT", optional=True),
    ),
    key="id",
)

KPIS = Table(
    "kpis",
    (
        Column("id", "TEXT", True),
        Column("facility_id", "TEXT"),  # the site concerned; empty for the whole cluster
        Column("measure_id", "TEXT"),  # the announced project the figure is stated for
        Column("scope", "TEXT", True, KPI_SCOPES),
        Column("metric", "TEXT", True, KPI_METRICS),
        Column("kind", "TEXT", True, JOB_KINDS),
        Column("value_low", "REAL", bounds=NON_NEGATIVE),  # never 0: not stated = no row
        Column("value_high", "REAL", bounds=NON_NEGATIVE),
        Column("qualifier", "TEXT", True, QUALIFIERS),
        Column("value_text", "TEXT", True),  # the figure as worded by the source
        Column("year", "INTEGER", bounds=YEAR_BOUNDS),  # of the statement, if the row gives one
        Column("source_url", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("source_line", "INTEGER", True),  # line of the source file stating it
        Column("note", "TEXT"),
    ),
    key="id",
    optional=True,
)

CLUSTERS = Table(
    "clusters",
    (
        Column("id", "TEXT", True),
        Column("cluster", "TEXT", True),  # as named by the source
        Column("country", "TEXT"),
        Column("joined", "TEXT"),  # membership of the initiative, as worded by the source
        Column("metric", "TEXT", True),  # what the figure counts, as worded by the source
        Column("comparable", "TEXT", True, CLUSTER_METRICS),
        Column("value", "REAL"),  # empty when the source states no single number
        Column("value_high", "REAL"),
        Column("qualifier", "TEXT", False, QUALIFIERS),
        Column("value_text", "TEXT"),  # the figure as worded by the source
        Column("unit", "TEXT"),
        Column("year", "INTEGER", bounds=YEAR_BOUNDS),
        Column("source_url", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("source_line", "INTEGER", True),
        Column("note", "TEXT"),
    ),
    key="id",
    optional=True,
)

#: All tables, in the order they are written.
TABLES: tuple[Table, ...] = (
    SOURCES,
    FACILITIES,
    EMISSIONS,
    CAVEATS,
    MEASURES,
    TARGETS,
    KPIS,
    CLUSTERS,
    INFRASTRUCTURE_LINES,
    INFRASTRUCTURE_POINTS,
    COMMUNES,
    LAND,
    COASTLINE,
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

#: Bounding box of the Dunkerque area (lon_min, lat_min, lon_max, lat_max); every
#: facility must lie inside it.
AREA_BBOX: tuple[float, float, float, float] = (1.95, 50.85, 2.70, 51.12)
