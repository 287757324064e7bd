"""Adding the user's own files, on the real main window, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMenu, QMessageBox

from dkgis.model.crs import lonlat_to_mercator
from dkgis.ui.main_window import MainWindow

DUNKERQUE = (2.3768, 51.0343)
PORT = (2.1950, 51.0290)
FRENCH_SITES = [
    ("Aluminium Dunkerque", "Loon-Plage", 2.1718, 51.0054),
    ("Hôtel de ville", "Dunkerque", 2.3768, 51.0343),
    ("Écluse Watier", "Dunkerque", 2.3513, 51.0472),
]


@pytest.fixture
def window(user_layers_window):
    return user_layers_window


def french_csv(path: Path) -> Path:
    lines = ["Nom;Commune;Longitude;Latitude"]
    for name, commune, lon, lat in FRENCH_SITES:
        lines.append(f"{name};{commune};{lon:.4f};{lat:.4f}".replace(".", ","))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def points_along_csv(path: Path, n: int, header: str = "id;lon;lat") -> Path:
    """A CSV file of ``n`` points along the 51st parallel near Dunkerque (a big file)."""
    sep = header[2]
    with path.open("w", encoding="utf-8") as f:
        f.write(header + "\n")
        f.writelines(f"{i}{sep}{2.2 + i / n / 5:.6f}{sep}51.000000\n" for i in range(n))
    return path


def user_layers(window: MainWindow) -> list:
    return [layer for layer in window.project.layers if layer.kind == "user"]


def wait_idle(qtbot, window: MainWindow, timeout: int = 20000) -> None:
    qtbot.waitUntil(lambda: not window.user_layers.busy, timeout=timeout)


def choose_files(monkeypatch, *paths: Path) -> None:
    """The user picks ``paths`` in the Add Layer file dialog."""
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: ([str(p) for p in paths], "")),
    )


def drop_files(window: MainWindow, *paths: Path) -> bool:
    """Drag ``paths`` from a file manager and drop them on the middle of the map."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = window.canvas.viewport()
    pos = QPointF(target.width() / 2, target.height() / 2)
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(target, move)
    drop = QDropEvent(pos, action, mime, buttons, mods)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def canvas_pos(window: MainWindow, lon: float, lat: float) -> QPoint:
    x, y = lonlat_to_mercator(lon, lat)
    canvas = window.canvas
    return canvas.mapFromScene(canvas.viewbox.mapViewToScene(QPointF(x, y)))


def colour_near(window: MainWindow, lon: float, lat: float, colour: str, radius: int = 2) -> bool:
    """Whether ``colour`` is drawn within ``radius`` pixels of a point of the map.

    The decorations (legend, scale bar) are hidden for the look: the legend
    covers the east of the map in a small window.
    """
    decorations = window.canvas.layers.decorations
    decorations.setVisible(False)
    try:
        window.canvas.viewport().repaint()
        image = window.canvas.viewport().grab().toImage()
    finally:
        decorations.setVisible(True)
    pos = canvas_pos(window, lon, lat)
    want = QColor(colour)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            got = image.pixelColor(pos.x() + dx, pos.y() + dy)
            if all(
                abs(a - b) <= 12 for a, b in zip(got.getRgb()[:3], want.getRgb()[:3], strict=True)
            ):
                return True
    return False


def test_add_a_french_csv_of_points_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    path = french_csv(tmp_path / "sites à visiter.csv")
    choose_files(monkeypatch, path)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.add_layer_action in file_menu.actions()
    window.add_layer_action.trigger()
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.title == "sites à visiter"
    assert layer.data.columns["Nom"][2] == "Écluse Watier"
    # The layer panel lists it, and the map draws it: a magenta marker on each site.
    row = window.layer_panel.row_for(layer.name)
    assert row is not None and row.text() == "sites à visiter"
    assert row.checkState() == Qt.CheckState.Checked
    item = window.canvas.layers.items[layer.name]
    assert item.isVisible()
    for _, _, lon, lat in FRENCH_SITES:
        assert colour_near(window, lon, lat, layer.style.colour)
    assert item.pictures.renders >= 1
    # Zoomed to the layer: every site is in view.
    xmin, ymin, xmax, ymax = window.canvas.extent()
    for _, _, lon, lat in FRENCH_SITES:
        x, y = lonlat_to_mercator(lon, lat)
        assert xmin < x < xmax and ymin < y < ymax
    assert "3 features" in window.statusBar().currentMessage()


def test_drop_a_geojson_file_on_the_map(qtbot, window, tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"nom": "Canal"},
                "geometry": {"type": "LineString", "coordinates": [list(PORT), list(DUNKERQUE)]},
            },
            {
                "type": "Feature",
                "properties": {"nom": "Zone"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[2.30, 51.0], [2.34, 51.0], [2.34, 51.02], [2.30, 51.0]]],
                },
            },
        ],
    }
    path = tmp_path / "canal.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = window.project.layers.names
    assert drop_files(window, path)
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.title == "canal"
    assert layer.geometry_counts() == {"points": 0, "lines": 1, "polygons": 1}
    assert set(window.project.layers.names) == {*before, layer.name}
    assert window.layer_panel.row_for(layer.name) is not None
    assert layer.name in window.canvas.layers.items
    mid = ((PORT[0] + DUNKERQUE[0]) / 2, (PORT[1] + DUNKERQUE[1]) / 2)
    assert colour_near(window, *mid, layer.style.colour)


def test_a_bad_file_gets_a_dialog_and_the_project_is_unchanged(qtbot, window, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": }\n]}')
    before = window.project.layers.names
    extent = window.project.view.extent
    assert drop_files(window, path)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "layerErrorBox") is not None)
    box = window.findChild(QMessageBox, "layerErrorBox")
    qtbot.waitUntil(box.isVisible)
    assert "broken.geojson" in box.text()
    assert "Bad JSON at line 3, column" in box.informativeText()
    assert window.project.layers.names == before
    assert window.project.view.extent == extent
    box.button(QMessageBox.StandardButton.Ok).click()
    wait_idle(qtbot, window)
    assert window.isVisible() and len(window.project.facilities) > 30


def test_a_csv_without_crs_hints_asks_and_lambert93_places_points_at_dunkerque(
    qtbot, window, tmp_path, monkeypatch
):
    from pyproj import Transformer

    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    lines = ["site;X;Y"]
    for name, lonlat in (("mairie", DUNKERQUE), ("port", PORT)):
        x, y = to_l93.transform(*lonlat)
        lines.append(f"{name};{x:.2f};{y:.2f}".replace(".", ","))
    path = tmp_path / "points-metres.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    choose_files(monkeypatch, path)
    window.add_layer_action.trigger()
    from dkgis.ui.crs_dialog import CrsDialog

    qtbot.waitUntil(lambda: window.findChild(CrsDialog) is not None)
    dialog = window.findChild(CrsDialog)
    qtbot.waitUntil(dialog.isVisible)
    from PySide6.QtWidgets import QLabel

    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "points-metres.csv" in texts and "metres" in dialog.findChild(QLabel, "crsReason").text()
    buttons = [b.text() for b in dialog.group.buttons()]
    assert buttons[0].startswith("Lambert-93") and "EPSG:4326" in buttons[1]
    assert dialog.buttons["EPSG:2154"].isChecked()  # proposed for x/y in metres
    assert user_layers(window) == []  # nothing is added before the answer
    qtbot.mouseClick(dialog.buttons["EPSG:2154"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    mairie = layer.data.geometry[0]
    assert mairie.x == pytest.approx(DUNKERQUE[0], abs=1e-6)
    assert mairie.y == pytest.approx(DUNKERQUE[1], abs=1e-6)
    assert layer.source_crs == "EPSG:2154"
    assert colour_near(window, *DUNKERQUE, layer.style.colour)


def test_an_unknown_epsg_code_is_refused_in_the_crs_dialog(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "xy.csv"
    path.write_text("nom;x;y\na;650000;7100000\n", encoding="utf-8")
    choose_files(monkeypatch, path)
    window.add_layer_action.trigger()
    from dkgis.ui.crs_dialog import CrsDialog

    qtbot.waitUntil(lambda: window.findChild(CrsDialog) is not None)
    dialog = window.findChild(CrsDialog)
    qtbot.keyClicks(dialog.code, "999999")
    assert dialog.other.isChecked()
    ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "999999" in dialog.error.text()
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "2154")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.source_crs == "EPSG:2154"


def test_cancelling_a_big_load_adds_nothing(qtbot, window, tmp_path):
    rng = np.random.default_rng(7)
    n = 300_000
    lon = rng.uniform(2.1, 2.5, n)
    lat = rng.uniform(50.95, 51.10, n)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("id;lon;lat\n")
        f.writelines(
            f"{i};{a:.6f};{b:.6f}\n" for i, (a, b) in enumerate(zip(lon, lat, strict=True))
        )
    before = window.project.layers.names
    extent = window.project.view.extent
    window.user_layers.add_files([path])
    progress = window.user_layers.progress
    assert progress.isVisible() and "big.csv" in progress.label.text()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.project.layers.names == before
    assert window.project.view.extent == extent
    assert not progress.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()


def test_progress_shows_while_a_big_file_loads(qtbot, window, tmp_path):
    n = 250_000
    path = points_along_csv(tmp_path / "progress.csv", n, header="id,x_wgs84,y_wgs84")
    seen: list[int] = []
    bar = window.user_layers.progress.bar
    bar.valueChanged.connect(seen.append)
    window.user_layers.add_files([path])
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert len(layer.data) == n
    assert any(0 < v < bar.maximum() for v in seen)


def test_change_a_layers_colour_in_the_style_dialog(qtbot, window, tmp_path):
    path = french_csv(tmp_path / "sites.csv")
    window.user_layers.add_files([path])
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert colour_near(window, *DUNKERQUE, layer.style.colour)
    # Right-click the layer's row, choose Style…
    panel = window.layer_panel
    rect = panel.list.visualItemRect(panel.row_for(layer.name))
    panel.list.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    [style_action] = [a for a in menu.actions() if a.objectName() == "layerStyleAction"]
    style_action.trigger()
    menu.close()
    from dkgis.ui.layer_style_dialog import LayerStyleDialog

    qtbot.waitUntil(lambda: window.findChild(LayerStyleDialog) is not None)
    dialog = window.findChild(LayerStyleDialog)
    qtbot.mouseClick(dialog.swatches["#0057B8"], Qt.MouseButton.LeftButton)
    dialog.point_size.setValue(12)
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert layer.style.colour == "#0057B8"
    assert layer.style.point_size == 12
    assert colour_near(window, *DUNKERQUE, "#0057B8")
    assert not colour_near(window, *DUNKERQUE, "#E6007E", radius=3)


def test_cancel_in_the_style_dialog_restores_the_style(qtbot, window, tmp_path):
    window.user_layers.add_files([french_csv(tmp_path / "sites.csv")])
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    before = layer.style
    dialog = window.user_layers.edit_style(layer)
    qtbot.mouseClick(dialog.swatches["#FF7F00"], Qt.MouseButton.LeftButton)
    assert layer.style.colour == "#FF7F00"  # shown at once
    dialog.opacity.setValue(40)
    assert layer.opacity == pytest.approx(0.4)
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel),
        Qt.MouseButton.LeftButton,
    )
    assert layer.style == before and layer.opacity == 1.0


def test_a_geopackage_with_two_layers_asks_which(qtbot, window, tmp_path):
    import geopandas as gpd
    from shapely.geometry import LineString, Point

    path = tmp_path / "reseaux.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(*DUNKERQUE)], crs="EPSG:4326").to_file(
        path, layer="postes"
    )
    gpd.GeoDataFrame({"n": [1]}, geometry=[LineString([PORT, DUNKERQUE])], crs=4326).to_file(
        path, layer="lignes"
    )
    assert drop_files(window, path)
    from dkgis.ui.import_dialogs import LayerChoiceDialog

    qtbot.waitUntil(lambda: window.findChild(LayerChoiceDialog) is not None)
    dialog = window.findChild(LayerChoiceDialog)
    assert dialog.chosen() == ["postes"]
    dialog.set_checked(["postes", "lignes"])
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    wait_idle(qtbot, window)
    titles = sorted(layer.title for layer in user_layers(window))
    assert titles == ["reseaux — lignes", "reseaux — postes"]
    colours = {layer.style.colour for layer in user_layers(window)}
    assert len(colours) == 2  # each added layer gets its own colour


def test_a_dkgis_dataset_can_still_be_opened_as_a_dataset(qtbot, window, tmp_path):
    from tests.gpkg_factory import make_dataset

    path = make_dataset(tmp_path / "autre.gpkg")
    opened: list[MainWindow] = []
    original = window.open_dataset

    def open_dataset(p):
        opened.append(original(p))
        return opened[-1]

    window.user_layers.open_dataset = open_dataset
    assert drop_files(window, path)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "datasetQuestionBox") is not None)
    box = window.findChild(QMessageBox, "datasetQuestionBox")
    [open_button] = [b for b in box.buttons() if b.text() == "Open as Dataset"]
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert len(opened) == 1 and opened[0] is not None
    qtbot.addWidget(opened[0])
    assert opened[0].project.path == path
    assert user_layers(window) == []


def test_removing_a_user_layer(qtbot, window, tmp_path):
    window.user_layers.add_files([french_csv(tmp_path / "sites.csv")])
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    menu = window.layer_panel.context_menu(layer.name)
    [remove] = [a for a in menu.actions() if a.objectName() == "removeLayerAction"]
    remove.trigger()
    assert user_layers(window) == []
    assert layer.name not in window.canvas.layers.items
    assert window.layer_panel.row_for(layer.name) is None
    # Dataset layers have no such entries.
    names = {a.objectName() for a in window.layer_panel.context_menu("facilities").actions()}
    assert not names & {"removeLayerAction", "layerStyleAction"}


def test_a_csv_with_two_pairs_of_coordinates_asks_which_to_use(qtbot, window, tmp_path):
    from pyproj import Transformer

    from dkgis.ui.crs_dialog import CrsDialog
    from dkgis.ui.import_dialogs import ColumnsDialog

    x, y = Transformer.from_crs(4326, 2154, always_xy=True).transform(*DUNKERQUE)
    path = tmp_path / "deux-paires.csv"
    path.write_text(
        f"nom;lon;lat;x;y\nmairie;2,3768;51,0343;{x:.2f};{y:.2f}\n".replace(".", ","),
        encoding="utf-8",
    )
    window.user_layers.add_files([path])
    qtbot.waitUntil(lambda: window.findChild(ColumnsDialog) is not None)
    columns = window.findChild(ColumnsDialog)
    assert columns.columns() == ("lon", "lat")  # the lon/lat pair is proposed first
    columns.x_combo.setCurrentText("x")
    columns.y_combo.setCurrentText("y")
    qtbot.mouseClick(
        columns.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    # x/y say nothing of their coordinate system: the reader asks, Lambert-93 first.
    qtbot.waitUntil(lambda: window.findChild(CrsDialog) is not None, timeout=20000)
    crs = window.findChild(CrsDialog)
    assert crs.buttons["EPSG:2154"].isChecked()
    qtbot.mouseClick(
        crs.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.data.geometry[0].x == pytest.approx(DUNKERQUE[0], abs=1e-6)
    assert layer.source_crs == "EPSG:2154"


# -- files that fail, files read with warnings ---------------------------------------------


def error_box_about(qtbot, window: MainWindow, file_name: str) -> QMessageBox:
    """The visible "cannot add layer" message naming ``file_name``."""

    def find() -> QMessageBox | None:
        for box in window.findChildren(QMessageBox, "layerErrorBox"):
            if box.isVisible() and file_name in box.text():
                return box
        return None

    qtbot.waitUntil(lambda: find() is not None, timeout=20000)
    return find()


def close_box(qtbot, box: QMessageBox) -> None:
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_add_layer_keeps_working_after_files_that_fail_inspection(
    qtbot, window, tmp_path, monkeypatch
):
    from tests.test_user_reader_errors import raster_geopackage, set_utf8_flag_and_bad_name
    from tests.test_user_readers import write_shapefile, zip_folder

    long_note = tmp_path / "longue-remarque.csv"
    long_note.write_text(
        "nom;lon;lat;note\nMairie;2,3768;51,0343;" + "x" * 140_000 + "\n", encoding="utf-8"
    )
    write_shapefile(tmp_path / "shp", "batiments", "EPSG:2154")
    bad_name = zip_folder(tmp_path / "shp", tmp_path / "noms.zip")
    set_utf8_flag_and_bad_name(bad_name, b"donnees/batiments.shp")
    version = zip_folder(tmp_path / "shp", tmp_path / "version.zip")
    raw = bytearray(version.read_bytes())
    raw[raw.find(b"PK\x01\x02") + 6] = 99  # a zip version Python's zipfile refuses
    version.write_bytes(bytes(raw))
    raster = raster_geopackage(tmp_path / "ortho.gpkg")
    good = french_csv(tmp_path / "sites.csv")
    choose_files(monkeypatch, long_note, bad_name, version, raster, good)
    window.add_layer_action.trigger()

    for name, problem in (
        ("noms.zip", "not valid UTF-8"),
        ("version.zip", "uses a feature dkgis cannot read"),
        ("ortho.gpkg", "only raster data (orthophoto) and no vector layer"),
    ):
        box = error_box_about(qtbot, window, name)
        assert problem in box.informativeText()
        close_box(qtbot, box)
    wait_idle(qtbot, window)
    assert sorted(layer.title for layer in user_layers(window)) == ["longue-remarque", "sites"]

    # Any other error of a quick look, even a reader's bug, is one more message, then Add
    # Layer goes on.
    from dkgis.io.readers.csv_points import CsvReader

    def broken(self, path):
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(CsvReader, "inspect", broken)
    choose_files(monkeypatch, tmp_path / "sites.csv")
    window.add_layer_action.trigger()
    box = error_box_about(qtbot, window, "sites.csv")
    assert "Unexpected error while reading (RuntimeError: a bug in the reader)" in (
        box.informativeText()
    )
    close_box(qtbot, box)
    wait_idle(qtbot, window)
    monkeypatch.undo()
    window.user_layers.add_files([french_csv(tmp_path / "encore.csv")])
    wait_idle(qtbot, window)
    assert "encore" in [layer.title for layer in user_layers(window)]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_and_the_next_file_added(qtbot, window, tmp_path):
    import os

    pipe = tmp_path / "tuyau.csv"
    os.mkfifo(pipe)
    window.user_layers.add_files([pipe, french_csv(tmp_path / "sites.csv")])
    box = error_box_about(qtbot, window, "tuyau.csv")
    assert "named pipe" in box.informativeText()
    close_box(qtbot, box)
    wait_idle(qtbot, window)
    assert [layer.title for layer in user_layers(window)] == ["sites"]


def test_a_geojson_with_a_bad_feature_is_added_with_a_warning(qtbot, window, tmp_path):
    features = [
        {
            "type": "Feature",
            "properties": {"nom": "Mairie"},
            "geometry": {"type": "Point", "coordinates": list(DUNKERQUE)},
        },
        {"type": "Feature", "properties": {"nom": "?"}, "geometry": {"type": "Cercle"}},
    ]
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert drop_files(window, path)
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.data.columns["nom"] == ["Mairie"]
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "layerWarningBox") is not None)
    box = window.findChild(QMessageBox, "layerWarningBox")
    assert box.isVisible() and not box.isModal()
    assert "sites.geojson" in box.text()
    assert '1 feature skipped: #2 ("geometry" is not a GeoJSON geometry).' in box.informativeText()
    assert "see the warning" in window.statusBar().currentMessage()
    # The window is not blocked: another file is added while the message is shown.
    window.user_layers.add_files([french_csv(tmp_path / "autres.csv")])
    wait_idle(qtbot, window)
    assert len(user_layers(window)) == 2 and box.isVisible()


def test_a_crs_that_puts_every_point_outside_its_area_is_asked_again(qtbot, window, tmp_path):
    from dkgis.ui.crs_dialog import CrsDialog

    path = tmp_path / "enorme.csv"
    path.write_text("nom;x;y\na;1e300;1e300\n", encoding="utf-8")
    window.user_layers.add_files([path])
    qtbot.waitUntil(lambda: window.findChild(CrsDialog) is not None)
    first = window.findChild(CrsDialog)
    assert first.buttons["EPSG:2154"].isChecked()
    qtbot.mouseClick(
        first.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    def asked_again() -> CrsDialog | None:
        return next((d for d in window.findChildren(CrsDialog) if d is not first), None)

    qtbot.waitUntil(lambda: asked_again() is not None and asked_again().isVisible(), timeout=20000)
    from PySide6.QtWidgets import QLabel

    reason = asked_again().findChild(QLabel, "crsReason").text()
    assert "outside the area of use of EPSG:2154" in reason and "probably wrong" in reason
    qtbot.mouseClick(
        asked_again().button_box.button(QDialogButtonBox.StandardButton.Cancel),
        Qt.MouseButton.LeftButton,
    )
    wait_idle(qtbot, window)
    assert user_layers(window) == []


def test_a_csv_of_wkt_geometries_is_added_after_asking_its_crs(qtbot, window, tmp_path):
    from dkgis.ui.crs_dialog import CrsDialog
    from dkgis.ui.import_dialogs import ColumnsDialog

    path = tmp_path / "trace.csv"
    path.write_text(
        "nom;WKT\n"
        f'Canal;"LINESTRING ({PORT[0]} {PORT[1]}, {DUNKERQUE[0]} {DUNKERQUE[1]})"\n'
        'Zone;"POLYGON ((2.30 51.0, 2.34 51.0, 2.34 51.02, 2.30 51.0))"\n',
        encoding="utf-8",
    )
    assert drop_files(window, path)
    qtbot.waitUntil(lambda: window.findChild(CrsDialog) is not None)
    assert window.findChild(ColumnsDialog) is None  # the geometry column is not asked
    dialog = window.findChild(CrsDialog)
    assert dialog.buttons["EPSG:4326"].isChecked()  # the values look like degrees
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.geometry_counts() == {"points": 0, "lines": 1, "polygons": 1}
    mid = ((PORT[0] + DUNKERQUE[0]) / 2, (PORT[1] + DUNKERQUE[1]) / 2)
    assert colour_near(window, *mid, layer.style.colour)


def test_file_text_in_a_message_is_shown_as_text_not_markup(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QLabel

    path = tmp_path / "gras.csv"
    path.write_text('nom;lon;lat\na;2,3;"<b>51</b>"\n', encoding="utf-8")
    window.user_layers.add_files([path])
    box = error_box_about(qtbot, window, "gras.csv")
    labels = {label.objectName(): label for label in box.findChildren(QLabel)}
    for name in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
        assert labels[name].textFormat() == Qt.TextFormat.PlainText
    assert 'value "<b>51</b>" in column "lat"' in labels["qt_msgbox_informativelabel"].text()
    close_box(qtbot, box)
    wait_idle(qtbot, window)


def test_add_a_zipped_shapefile_from_the_file_menu_read_without_gdal(
    qtbot, window, tmp_path, monkeypatch
):
    """A zipped Shapefile, as BD TOPO is distributed, is read with numpy and drawn."""
    import zipfile

    import shapely
    from pyproj import Transformer

    from dkgis.io.readers import ogr
    from tests.test_shp_features import write_layer

    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    x, y = to_l93.transform(*DUNKERQUE)
    zone = shapely.box(x - 1000, y - 1000, x + 1000, y + 1000).difference(
        shapely.box(x - 200, y - 200, x + 200, y + 200)
    )
    names = np.array(["Zone « centre »", "Bâtiment"], dtype=object)
    folder = tmp_path / "BDTOPO"
    write_layer(folder / "BATIMENT.shp", [zone, zone.centroid.buffer(50)], {"nature": names})
    archive = tmp_path / "bâtiments.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for file in sorted(folder.iterdir()):
            z.write(file, f"BDTOPO/{file.name}")

    def no_gdal(*args, **kwargs):
        raise AssertionError("GDAL was used")

    monkeypatch.setattr(ogr, "read_ogr", no_gdal)
    monkeypatch.setattr(ogr, "_layer_info", no_gdal)
    choose_files(monkeypatch, archive)
    window.add_layer_action.trigger()
    wait_idle(qtbot, window)
    [layer] = user_layers(window)
    assert layer.title == "BATIMENT"
    assert layer.data.columns["nature"] == list(names)
    assert layer.geometry_counts() == {"points": 0, "lines": 0, "polygons": 2}
    assert window.layer_panel.row_for(layer.name) is not None
    # The zone's outline is drawn in the layer's colour, on its west side.
    west = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True).transform(x - 1000, y)
    assert colour_near(window, *west, layer.style.colour)
    assert "2 features" in window.statusBar().currentMessage()
