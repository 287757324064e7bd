"""What keeps the window answering while a user layer loads (see ``bench/userpolygons.py
--stalls`` and ``bench/userlayers.py --stalls`` for the figures)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject

from dkgis.io.readers import ReadOptions
from dkgis.model.user_layer import UserStyle
from dkgis.ui.layer_loader import LoadTask
from dkgis.ui.main_window import MainWindow


def points_csv(path: Path, n: int = 2000) -> Path:
    lines = ["Nom;Catégorie;Longitude;Latitude"]
    lines += [
        f"Point {i};{'Hydrant' if i % 2 else 'Borne'};{2.2 + i * 1e-4:.5f};{51.0 + i * 5e-5:.5f}"
        for i in range(n)
    ]
    path.write_bytes(("\n".join(lines) + "\n").replace(".", ",").encode("cp1252"))
    return path


class PaintLog(QObject):
    """Records, at each paint of the map once a user layer is in the project, whether
    the map's frame shows that layer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.paints: list[bool] = []
        window.canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            names = [n for n in self.window.project.layers.names if n.startswith("user:")]
            if names:
                self.paints.append(self.window.canvas.layers.frame.shows(names[0]))
        return False


@pytest.fixture
def window(user_layers_window):
    return user_layers_window


def test_the_first_paint_after_a_layer_arrives_shows_it(qtbot, window, tmp_path):
    # The screen's frame takes the layer at once: the map is not painted a first time
    # without it, then a second time, in full, when the frame would follow.
    log = PaintLog(window)
    window.user_layers.add_files([points_csv(tmp_path / "bornes.csv")])
    qtbot.waitUntil(lambda: bool(log.paints), timeout=20000)
    qtbot.waitUntil(lambda: not window.user_layers.busy, timeout=20000)
    assert log.paints[0] is True


def test_a_loaded_layers_columns_are_out_of_the_young_generations(qtbot, tmp_path):
    # The next young collections would walk every value of every column, holding
    # Python's lock: the window would stall.
    task = LoadTask(points_csv(tmp_path / "bornes.csv"), ReadOptions(), "user:b", UserStyle())
    loaded = []
    task.signals.done.connect(loaded.append)
    task.run()
    assert gc.isenabled()
    (layer,) = loaded
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation)}
    columns = layer.data.columns
    assert len(columns["Nom"]) == 2000
    assert not young & {id(values) for values in columns.values()}
