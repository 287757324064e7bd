"""The embedded Dunkerque dataset and the script that rebuilds it."""

from __future__ import annotations

from pathlib import Path

#: Folder holding the embedded dataset, its sources and its curation tables.
DATA_DIR = Path(__file__).resolve().parents[2] / "data"

#: The embedded GeoPackage.
DEFAULT_DATASET = DATA_DIR / "dkarbonation.gpkg"
