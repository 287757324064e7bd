"""Trajectory charts: the site chart, the compare view, the cluster panel and their export.

The data each chart shows is assembled by Qt-free modules (:mod:`.site_data`,
:mod:`.cluster_data`, :mod:`.projections`); the widgets (:mod:`.site_chart`,
:mod:`.cluster_chart`) only draw it, and :mod:`.chart_export` renders the same
widgets into PNG or SVG files.
"""
