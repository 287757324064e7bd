"""The pure model of dkgis: data objects, layers, selection, view and snapshot spec.

Nothing here imports Qt: views subscribe to the psygnal events of these objects,
and the objects never call the views.
"""

from __future__ import annotations

from dkgis.model.display import YEAR_MAX, YEAR_MIN, Display
from dkgis.model.emissions import EmissionSeries, EmissionValue, cluster_total
from dkgis.model.facility import Caveat, Facility, Source
from dkgis.model.layer import LAYER_KINDS, Layer, LayerList
from dkgis.model.mapview import MapView
from dkgis.model.measures import Measure, Target
from dkgis.model.project import Project
from dkgis.model.selection import Selection
from dkgis.model.snapshot import SnapshotSpec, fit_extent
from dkgis.model.yearly import YearEmissions, emissions_for_year

__all__ = [
    "LAYER_KINDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "Caveat",
    "Display",
    "EmissionSeries",
    "EmissionValue",
    "Facility",
    "Layer",
    "LayerList",
    "MapView",
    "Measure",
    "Project",
    "Selection",
    "SnapshotSpec",
    "Source",
    "Target",
    "YearEmissions",
    "cluster_total",
    "emissions_for_year",
    "fit_extent",
]
