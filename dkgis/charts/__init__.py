"""Trajectory charts (Qt, pyqtgraph): drawn the same way in the docks, in files and on pages.

* :mod:`.site_chart` -- one site (or the steel complex) over 2005-2050, full or compact;
* :mod:`.cluster_chart` -- the cluster's emissions by sector, and the waterfall to 2030;
* :mod:`.compare_chart` -- several sites overlaid or as small multiples;
* :mod:`.style`, :mod:`.texts` -- colours, pens, units, axes; chart wording;
* :mod:`.site_page` -- the title, notes and source line of a site chart;
* :mod:`.page` -- charts drawn off screen: chart files (PNG, SVG), pictures, painters;
* :mod:`.panel` -- the compact chart panel of a map + chart page or a slide.

The data comes from the Qt-free model (:mod:`dkgis.model.site_data`,
:mod:`dkgis.model.cluster_data`, projections from :class:`dkgis.model.scenario_set.
ScenarioSet`). This package knows nothing of the window (``dkgis.ui``), the exporters
(``dkgis.export``) or the command line: they all use it.
"""
