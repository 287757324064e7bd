"""Web basemaps in the real main window, against a real tile server on 127.0.0.1.

No test reaches the internet: every tile URL points at the local server (through
the "Custom XYZ Tiles…" entry, a feature of the menu), or at a local port where
nothing listens.
"""

from __future__ import annotations

import socket
import time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtNetwork import QNetworkProxy
from tile_server import TileServer, tile_colour

from dkgis.map import tileloader
from dkgis.map.basemaps import CUSTOM, OFFLINE
from dkgis.model.project import Project
from dkgis.ui.main_window import MainWindow
from dkgis.ui.settings import app_settings

UNAVAILABLE = "Basemap tiles unavailable"


@pytest.fixture
def server():
    srv = TileServer(delay=3.0).start()
    yield srv
    srv.stop()


def make_window(qtbot) -> MainWindow:
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot):
    return make_window(qtbot)


class StatusLog:
    """Every message the status bar showed."""

    def __init__(self, window: MainWindow) -> None:
        self.messages: list[str] = []
        window.statusBar().messageChanged.connect(self.messages.append)

    def notices(self) -> list[str]:
        return [m for m in self.messages if m.startswith(UNAVAILABLE)]


def choose_custom_tiles(qtbot, window: MainWindow, url: str, credit: str = "Test tiles") -> None:
    """View > Basemap > Custom XYZ Tiles…, type the URL and the credit, OK."""
    window.basemap_menu.custom_action.trigger()
    dialog = window.basemap_menu.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, url)
    dialog.attribution_edit.clear()
    qtbot.keyClicks(dialog.attribution_edit, credit)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def repaint(window: MainWindow) -> None:
    window.canvas.viewport().repaint()


def all_tiles_drawn(window: MainWindow) -> bool:
    item = window.canvas.basemap.item
    repaint(window)
    return item.visible_keys and item.drawn_exact == len(item.visible_keys)


def pixel(window: MainWindow, pos: QPoint) -> QColor:
    return window.canvas.grab().toImage().pixelColor(pos)


def sea_point(window: MainWindow) -> QPoint:
    """A point of the canvas over the open sea (north of the coast), free of symbols."""
    return QPoint(60, 40)


def test_offline_basemap_is_the_default(window):
    basemap = window.canvas.basemap
    assert basemap.choice == OFFLINE and basemap.provider is None
    assert window.basemap_menu.actions_by_id[OFFLINE].isChecked()
    assert basemap.item is None  # no tile machinery until a web basemap is chosen
    assert window.canvas.layers.decorations.basemap_credit is None
    titles = [a.text() for a in window.basemap_menu.actions()]
    for expected in ("OpenStreetMap", "Plan IGN", "Orthophotos IGN", "Light grey"):
        assert any(expected in t for t in titles)


def test_custom_tiles_are_drawn_under_the_layers_with_their_credit(qtbot, window, server, tmp_path):
    status = StatusLog(window)
    choose_custom_tiles(qtbot, window, server.url("ok"), "Test tiles © localhost")
    basemap = window.canvas.basemap
    assert basemap.choice == CUSTOM
    assert window.basemap_menu.custom_action.isChecked()
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=10_000)
    item = basemap.item
    # Under every layer, which no longer paint their land and commune fills.
    assert all(item.zValue() < li.zValue() for li in window.canvas.layers.items.values())
    assert window.canvas.layers.items["communes"].over_web_basemap
    assert window.canvas.layers.items["land"].over_web_basemap
    # The sea area shows the tile colour of the zoom level.
    colour = pixel(window, sea_point(window))
    expected = QColor(*tile_colour(item.zoom))
    assert (colour.red(), colour.green(), colour.blue()) == (
        expected.red(),
        expected.green(),
        expected.blue(),
    )
    # The provider's credit is drawn, before the data credits which remain.
    decorations = window.canvas.layers.decorations
    assert decorations.basemap_credit == "Test tiles © localhost"
    from PySide6.QtGui import QFont, QFontMetricsF

    lines = decorations._attribution_lines(QFontMetricsF(QFont()), 2000)
    assert lines[0].startswith("Test tiles © localhost")
    assert "GSHHG" in " ".join(lines)
    assert status.notices() == []
    assert basemap.loader.stats["failed"] == 0
    # dkgis names itself to tile servers (OpenStreetMap's policy asks for it).
    assert server.user_agents and all(ua.startswith("dkgis/") for ua in server.user_agents)
    # Exports leave web tiles out for now, but work.
    assert window.export_png(tmp_path / "with-tiles.png")
    assert (tmp_path / "with-tiles.png").stat().st_size > 0


def test_bad_custom_url_is_refused_in_the_dialog(qtbot, window):
    window.basemap_menu.custom_action.trigger()
    dialog = window.basemap_menu.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.url_edit, "tiles.example.org/{z}/{x}.png")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert "http" in dialog.error_label.text()
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert window.canvas.basemap.choice == OFFLINE
    assert window.basemap_menu.actions_by_id[OFFLINE].isChecked()  # the check goes back


def test_choice_and_tiles_are_kept_between_runs_and_served_from_disk(qtbot, server):
    first = make_window(qtbot)
    choose_custom_tiles(qtbot, first, server.url("ok"))
    qtbot.waitUntil(lambda: all_tiles_drawn(first), timeout=10_000)
    qtbot.waitUntil(lambda: first.canvas.basemap.loader.pending_count() == 0, timeout=10_000)
    fetched = first.canvas.basemap.loader.stats["net"]
    assert fetched >= len(first.canvas.basemap.item.visible_keys)
    first.close()
    server.stop()  # offline from now on
    second = make_window(qtbot)
    status = StatusLog(second)
    basemap = second.canvas.basemap
    assert basemap.choice == CUSTOM
    assert basemap.provider.url == server.url("ok")
    assert second.basemap_menu.custom_action.isChecked()
    second.resize(first.size())
    qtbot.waitUntil(lambda: all_tiles_drawn(second), timeout=10_000)
    assert basemap.loader.stats["disk"] >= len(basemap.item.visible_keys)
    assert basemap.loader.stats["net"] == 0
    assert status.notices() == []


def test_offline_choice_is_remembered_too(qtbot, server):
    first = make_window(qtbot)
    choose_custom_tiles(qtbot, first, server.url("ok"))
    first.basemap_menu.actions_by_id[OFFLINE].trigger()
    assert not first.canvas.basemap.item.isVisible()
    assert not first.canvas.layers.items["communes"].over_web_basemap
    first.close()
    second = make_window(qtbot)
    assert second.canvas.basemap.choice == OFFLINE


def test_cache_stays_under_its_bound(qtbot, server):
    app_settings().setValue("basemap/cache_mb", 0.004)  # about 4 kB
    window = make_window(qtbot)
    choose_custom_tiles(qtbot, window, server.url("ok"))
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=10_000)
    qtbot.waitUntil(lambda: window.canvas.basemap.loader.pending_count() == 0, timeout=10_000)
    cache = window.canvas.basemap.cache
    assert cache.max_bytes == int(0.004 * 2**20)
    assert 0 < cache.total_bytes() <= cache.max_bytes


def test_slow_tiles_never_block_painting_or_panning(qtbot, window, server):
    server.delay = 6.0
    choose_custom_tiles(qtbot, window, server.url("slow"))
    basemap = window.canvas.basemap
    qtbot.waitUntil(lambda: len(basemap.loader.in_flight()) > 0)
    # A timer keeps ticking while the server sleeps: the event loop runs.
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    start = time.perf_counter()
    for _ in range(5):
        window.canvas.grab()  # a full paint of the map
        qtbot.wait(30)
    elapsed = time.perf_counter() - start
    timer.stop()
    # Five paints took a fraction of one tile's delay: painting did not wait.
    assert elapsed < server.delay / 2
    assert basemap.loader.pending_count() > 0  # the tiles are still on their way
    assert len(ticks) >= 3
    # Requests in flight stay within the bound (the server counts them too).
    assert len(basemap.loader.in_flight()) <= tileloader.MAX_CONCURRENT
    assert server.max_concurrent <= tileloader.MAX_CONCURRENT
    # Panning works meanwhile, and tiles that left the view are cancelled.
    before = window.canvas.extent()
    viewport = window.canvas.viewport()
    centre = viewport.rect().center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre)
    for dx in range(10, 210, 10):
        qtbot.mouseMove(viewport, pos=centre - QPoint(dx, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=centre - QPoint(200, 0))
    assert window.canvas.extent()[0] > before[0]
    window.canvas.zoom_by(0.25)  # far in: other tiles entirely
    qtbot.wait(50)
    wanted = set(basemap._wanted)
    assert basemap.loader.in_flight() <= wanted
    assert basemap.loader.stats["aborted"] > 0
    # The slow tiles arrive in the end (faster now, to keep the test short).
    server.delay = 0.3
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=30_000)


def test_coarser_tiles_stand_in_while_the_right_ones_load(qtbot, window, server):
    choose_custom_tiles(qtbot, window, server.url("ok"))
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=10_000)
    item = window.canvas.basemap.item
    zoom_before = item.zoom
    server.delay_all = 5.0  # from now on every tile takes 5 s
    window.canvas.zoom_by(0.25)  # two levels in
    qtbot.wait(100)
    repaint(window)
    assert item.zoom == zoom_before + 2
    assert window.canvas.basemap.loader.pending_count() > 0
    assert item.drawn_exact == 0 and item.drawn_fallback >= len(item.visible_keys)
    # What shows is the coarser tile, enlarged: most of a patch of sea has its fill
    # (a few pixels may fall on its antialiased frame).
    image = window.canvas.grab().toImage()
    origin = sea_point(window)
    patch = [
        image.pixelColor(origin + QPoint(dx, dy)).getRgb()[:3]
        for dx in range(0, 40, 4)
        for dy in range(0, 20, 4)
    ]
    assert sum(rgb == tile_colour(zoom_before) for rgb in patch) > len(patch) / 2


def test_failing_server_gives_one_notice_and_the_offline_basemap(qtbot, window, server):
    status = StatusLog(window)
    choose_custom_tiles(qtbot, window, server.url("fail"))
    basemap = window.canvas.basemap
    qtbot.waitUntil(lambda: len(status.notices()) == 1, timeout=10_000)
    notice = status.notices()[0]
    assert "HTTP 500" in notice and notice.endswith("showing the offline basemap")
    assert not basemap.showing_tiles and not basemap.item.isVisible()
    assert not window.canvas.layers.items["communes"].over_web_basemap
    assert window.canvas.layers.decorations.basemap_credit is None
    qtbot.wait(300)
    sent = basemap.loader.stats["requests"]
    received = server.count("fail")
    # It stopped after the first wave (and the few started while failures added up).
    assert sent <= tileloader.MAX_CONCURRENT + tileloader.FAILURE_LIMIT
    # Moving around does not make a storm of requests nor more notices.
    for factor in (0.5, 0.5, 2.0, 2.0, 3.0):
        window.canvas.zoom_by(factor)
        qtbot.wait(50)
    qtbot.wait(300)
    assert basemap.loader.stats["requests"] == sent
    assert server.count("fail") == received
    assert len(status.notices()) == 1
    # The map still works: a click selects a facility.
    from test_main_window import widget_pos_of

    pos = widget_pos_of(window, "FR_205769")
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.project.selection.ids == frozenset({"FR_205769"})


def test_connection_refused_gives_the_notice_and_no_hang(qtbot, window):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    status = StatusLog(window)
    choose_custom_tiles(qtbot, window, f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    qtbot.waitUntil(lambda: len(status.notices()) == 1, timeout=10_000)
    assert "connection refused" in status.notices()[0]
    assert not window.canvas.basemap.showing_tiles


def test_missing_tiles_are_asked_once_and_are_not_an_outage(qtbot, window, server):
    status = StatusLog(window)
    choose_custom_tiles(qtbot, window, server.url("missing"))
    basemap = window.canvas.basemap
    qtbot.waitUntil(
        lambda: basemap.loader.stats["missing"] > 0 and basemap.loader.pending_count() == 0,
        timeout=10_000,
    )
    asked = server.count("missing")
    assert asked > 0 and basemap.loader.stats["missing"] == asked
    window.canvas.zoom_by(0.8)
    window.canvas.zoom_by(1.25)  # back to the same tiles
    qtbot.wait(300)
    repaint(window)
    assert status.notices() == []
    assert basemap.showing_tiles
    # Only tiles not seen before were asked for.
    assert server.count("missing") == len(set(server.requests))


def test_service_that_comes_back_is_used_again(qtbot, window, server, monkeypatch):
    monkeypatch.setattr(tileloader, "BACKOFF_S", 0.3)
    status = StatusLog(window)
    choose_custom_tiles(qtbot, window, server.url("flaky"))
    basemap = window.canvas.basemap
    qtbot.waitUntil(lambda: len(status.notices()) == 1, timeout=10_000)
    server.flaky_fails = False
    # Probes back off (0.3 s, doubling) while the outage lasts; on a loaded machine several
    # may fail before the server recovers, so the next one can be seconds away.
    qtbot.waitUntil(lambda: basemap.showing_tiles, timeout=30_000)
    assert "Basemap tiles available again" in status.messages
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=10_000)
    assert window.canvas.layers.items["communes"].over_web_basemap


def test_builtin_basemap_from_the_menu_without_network(qtbot, window):
    """OpenStreetMap chosen from the menu while the network is down (no internet in tests:
    the loader goes through a proxy on a local port where nothing listens)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    loader = window.canvas.basemap.tile_loader()
    loader.nam.setProxy(QNetworkProxy(QNetworkProxy.ProxyType.HttpProxy, "127.0.0.1", port))
    status = StatusLog(window)
    window.basemap_menu.actions_by_id["osm"].trigger()
    basemap = window.canvas.basemap
    assert basemap.choice == "osm" and "openstreetmap.org" in basemap.provider.url
    assert basemap.provider.attribution == "© OpenStreetMap contributors"
    qtbot.waitUntil(lambda: len(status.notices()) == 1, timeout=10_000)
    assert "proxy" in status.notices()[0]
    assert app_settings().value("basemap/choice") == "osm"
    # The window is usable at once.
    before = window.canvas.extent()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Plus)
    assert window.canvas.extent()[2] - window.canvas.extent()[0] < before[2] - before[0]


def test_a_server_that_never_answers_times_out(qtbot, window, server):
    server.delay = 10.0
    basemap = window.canvas.basemap
    basemap.tile_loader().timeout_ms = 300
    status = StatusLog(window)
    choose_custom_tiles(qtbot, window, server.url("slow"))
    qtbot.waitUntil(lambda: len(status.notices()) == 1, timeout=10_000)
    assert "no answer in time" in status.notices()[0]
    assert not basemap.showing_tiles
