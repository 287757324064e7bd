"""Files made from the map's renderer (PNG for now)."""
