"""Files made from the map's renderer: PNG, SVG, PDF, the clipboard; the offline HTML map."""
