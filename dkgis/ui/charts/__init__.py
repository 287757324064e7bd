"""The chart docks: the trajectory dock (one site, or several compared) and the cluster dock.

The docks hold the controls (unit, scenario, steel complex, compare mode, export) and
follow the project's selection, year and scenarios; the charts they show are drawn by
:mod:`dkgis.charts` from data assembled by the Qt-free model
(:mod:`dkgis.model.site_data`, :mod:`dkgis.model.cluster_data`,
:mod:`dkgis.model.scenario_set`).
"""
