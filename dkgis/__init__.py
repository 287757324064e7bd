"""dkgis: a desktop GIS explorer for the decarbonization of the Dunkerque industrial-port cluster."""

__version__ = "0.1.0"
