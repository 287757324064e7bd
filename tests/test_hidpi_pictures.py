"""On a high-density screen (Windows at 200 %), the pictures of a big layer rendered off the
GUI thread cover the whole map, not its top-left quarter (a widget counts its logical
pixels, a picture its physical ones). Qt reads the screen's scale when it starts: the
window runs in a child process started at a scale factor of 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import json, sys
import numpy as np
from dkgis.ui.app import create_application
from dkgis.io.geometry_column import GeometryColumn
from dkgis.io.gpkg import TableData
from dkgis.model.crs import mercator_to_lonlat
from dkgis.model.project import Project
from dkgis.model.user_layer import UserLayer, UserStyle
from dkgis.ui.main_window import MainWindow

app = create_application()
window = MainWindow(Project.load())
window.resize(1000, 700)
window.show()
for _ in range(10):
    app.processEvents()
canvas = window.canvas
viewport = canvas.viewport()
# 200 000 points spread over the whole view: drawn in the background.
x0, y0, x1, y1 = canvas.extent()
rng = np.random.default_rng(1)
lon, lat = mercator_to_lonlat(rng.uniform(x0, x1, 200_000), rng.uniform(y0, y1, 200_000))
table = TableData("capteurs", {"n": list(range(200_000))}, GeometryColumn.from_points(lon, lat))
layer = UserLayer("user:capteurs", "capteurs", table, style=UserStyle())
layer.prepare()
window.user_layers.add_layer(layer)
item = canvas.layers.items[layer.name]
for _ in range(10):
    app.processEvents()
viewport.repaint()
background = item.pictures.busy
item.pictures.wait(60)
viewport.repaint()
image = viewport.grab().toImage()
pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
pixels = pixels[:, : image.width()]
magenta = (pixels[..., 2] > 200) & (pixels[..., 1] < 60) & (pixels[..., 0] > 90)
h, w = magenta.shape
quarters = [int(q.sum()) for q in (magenta[: h // 2, : w // 2], magenta[: h // 2, w // 2 :],
                                   magenta[h // 2 :, : w // 2], magenta[h // 2 :, w // 2 :])]
print(json.dumps({"dpr": image.devicePixelRatio(), "background": background,
                  "quarters": quarters}))
"""


def test_a_big_layers_picture_covers_the_whole_map_at_200_percent(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR="2",
        DKGIS_CONFIG_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr

    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["dpr"] == 2
    assert result["background"], "the layer is drawn off the GUI thread"
    # Each quarter of the map shows as many points as the others, the bottom-right one too
    # (it showed a few, from the picture's margin, when the picture covered a quarter).
    quarters = result["quarters"]
    assert min(quarters) > 0.5 * max(quarters) > 0, result
