"""The cadastre's own download (``*.json.gz``) added through File > Add Layer, as a user would."""

from __future__ import annotations

import gzip
import json

from PySide6.QtWidgets import QFileDialog

from tests.test_geojson_read import cadastre_features
from tests.test_user_layers_ui import user_layers, wait_idle


def test_add_the_cadastre_json_gz_from_the_file_menu(
    qtbot, user_layers_window, tmp_path, monkeypatch
):
    window = user_layers_window
    path = tmp_path / "cadastre-59183-parcelles.json.gz"
    doc = {"type": "FeatureCollection", "features": cadastre_features(300)}
    path.write_bytes(gzip.compress(json.dumps(doc).encode("utf-8")))
    offered = {}

    def choose(parent, caption, folder, filters, *args, **kwargs):
        offered["filters"] = filters
        return [str(path)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    window.add_layer_action.trigger()
    wait_idle(qtbot, window)
    # The dialog offers the compressed GeoJSON among the supported files and in its own line.
    first, *_rest = offered["filters"].split(";;")
    assert "*.json.gz" in first and "*.geojson.gz" in first
    [layer] = user_layers(window)
    assert layer.title == "cadastre-59183-parcelles"
    assert layer.geometry_counts() == {"points": 0, "lines": 0, "polygons": 300 + 300 // 7 + 1}
    assert layer.data.columns["section"][:2] == ["AC", "AB"]
    assert window.layer_panel.row_for(layer.name) is not None
    assert layer.name in window.canvas.layers.items
