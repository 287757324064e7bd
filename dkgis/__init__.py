"""dkgis: desktop GIS explorer for the decarbonization of the Dunkerque industrial cluster."""

__version__ = "0.1.0"
