"""Hostile or broken tile servers: the window keeps answering and memory stays bounded.

Every server here is the tests' own on 127.0.0.1 (``tests/tile_server.py``),
answering as a broken or malicious tile service would: images far larger than
a tile, a decompression bomb (in a PNG, or in the HTTP encoding), bodies that
never end or weigh 150 MB, bytes that trickle forever, pages announced as
text, bytes that are no image.
"""

from __future__ import annotations

import struct
import threading
import zlib

import pytest
from event_loop_probe import EventLoopProbe
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog
from test_basemap_window import StatusLog, all_tiles_drawn, choose_custom_tiles, make_window
from tile_server import TileServer, hostile_body, png_bytes, tile_colour

from dkgis.map import tileloader
from dkgis.map.basemaps import custom_provider
from dkgis.map.tilecache import DiskTileCache
from dkgis.map.tiledecode import BadTileError, decode_tile
from dkgis.map.tileitem import ancestor_source
from dkgis.map.tileloader import TileLoader
from dkgis.map.tilemath import TileKey

#: Resident memory a hostile server may cost the process (the issue saw gigabytes).
RSS_BOUND = 300 * 2**20
#: The window must answer within this, even on a loaded two-core machine (the issue saw 2.2 s;
#: the bench prints the real figures, a few tens of milliseconds).
STALL_BOUND_MS = 1000

MB = 2**20


@pytest.fixture
def server():
    srv = TileServer().start()
    yield srv
    srv.stop()


def header_only_png(width: int, height: int) -> bytes:
    """A PNG declaring ``width`` x ``height`` whose pixel data is missing (empty chunks)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


# -- decoding ------------------------------------------------------------------------------------
def test_tiles_of_256_and_512_pixels_are_decoded(qapp):
    for side in (256, 512):
        image = decode_tile(png_bytes(side, side, (10, 20, 30)))
        assert (image.width(), image.height()) == (side, side)
        assert image.pixelColor(side // 2, side // 2).getRgb()[:3] == (10, 20, 30)


def jpeg_bytes(side: int) -> bytes:
    """A JPEG image of one colour, ``side`` pixels square."""
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 90, 160))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


def test_jpeg_tiles_are_checked_the_same_way(qapp):
    assert decode_tile(jpeg_bytes(256)).width() == 256
    with pytest.raises(BadTileError, match="not a map tile"):
        decode_tile(jpeg_bytes(2048))


def test_an_image_larger_than_a_tile_is_refused_from_its_header(qapp):
    # The header declares 40000 x 40000 pixels (6 GB decoded) and no pixel follows: the
    # refusal names the declared size, so it was read before anything was decoded.
    with pytest.raises(BadTileError) as caught:
        decode_tile(header_only_png(40_000, 40_000))
    assert "not a map tile" in caught.value.reason
    assert "40" in caught.value.reason
    for data in (
        hostile_body("huge"),  # 4000 x 4000: 64 MB once decoded
        hostile_body("bomb"),  # 8000 x 8000 with alpha: 256 MB once decoded
        png_bytes(256, 512, (0, 0, 0)),
        png_bytes(300, 300, (0,) * 3),
    ):
        with pytest.raises(BadTileError, match="not a map tile"):
            decode_tile(data)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>Quota exceeded</body></html>",
        b"",
        png_bytes(256, 256, (1, 2, 3))[:200],  # cut short
        b'<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"/>',
    ],
    ids=["html", "empty", "truncated", "svg"],
)
def test_bytes_that_are_no_tile_image_are_refused(qapp, data):
    with pytest.raises(BadTileError) as caught:
        decode_tile(data)
    assert caught.value.reason


# -- the loader ----------------------------------------------------------------------------------
def make_loader(tmp_path, server: TileServer, mode: str, **options) -> TileLoader:
    loader = TileLoader(DiskTileCache(tmp_path / "tiles"), **options)
    loader.set_provider(custom_provider(server.url(mode)))
    return loader


def failures(loader: TileLoader) -> list[str]:
    reasons: list[str] = []
    loader.unavailable.connect(reasons.append)
    return reasons


def test_tiles_are_decoded_off_the_gui_thread(qtbot, tmp_path, server, monkeypatch):
    threads = []

    def recording_decode(data):
        threads.append(threading.get_ident())
        return decode_tile(data)

    monkeypatch.setattr(tileloader, "decode_tile", recording_decode)
    loader = make_loader(tmp_path, server, "ok")
    keys = [TileKey(3, x, 2) for x in range(4)]
    loader.request(keys)
    qtbot.waitUntil(lambda: all(loader.has_image(k) for k in keys), timeout=10_000)
    assert len(threads) >= len(keys)
    assert threading.main_thread().ident not in threads  # the GUI thread decodes nothing
    loader.shutdown()


@pytest.mark.parametrize("mode", ["endless", "bigbody"])
def test_a_body_beyond_the_cap_is_cut_short(qtbot, tmp_path, server, mode):
    loader = make_loader(tmp_path, server, mode, max_concurrent=1)
    reasons = failures(loader)
    loader.request([TileKey(2, 1, 1)])
    qtbot.waitUntil(lambda: loader.stats["failed"] == 1, timeout=10_000)
    assert loader.pending_count() == 0 and not loader.has_image(TileKey(2, 1, 1))
    # The download stopped soon after the cap, not at the end of the body: what the server
    # managed to send is the cap plus what the sockets' buffers hold.
    qtbot.wait(300)
    sent = server.streamed
    assert sent < tileloader.MAX_TILE_BYTES + 16 * MB
    qtbot.wait(300)
    assert server.streamed == sent  # the connection is closed
    # After three such tiles the service is declared unavailable, with the reason.
    loader.request([TileKey(2, 0, 0), TileKey(2, 0, 1), TileKey(2, 1, 0)])
    qtbot.waitUntil(lambda: len(reasons) == 1, timeout=10_000)
    assert "more than 2 MB" in reasons[0]
    loader.shutdown()


def test_a_trickling_answer_is_cut_at_the_deadline(qtbot, tmp_path, server):
    server.trickle_interval = 0.05  # a byte every 50 ms: the idle timeout never fires
    loader = make_loader(tmp_path, server, "trickle", deadline_ms=800)
    assert loader.timeout_ms > 800
    reasons = failures(loader)
    keys = [TileKey(2, x, 1) for x in range(3)]
    loader.request(keys)
    qtbot.waitUntil(lambda: len(reasons) == 1, timeout=8_000)
    assert "did not arrive within" in reasons[0]
    assert loader.in_flight() == set() and server.streamed > 0
    loader.shutdown()


def test_the_default_deadline_covers_a_whole_request(qapp):
    loader = TileLoader(DiskTileCache("unused"))
    assert loader.deadline_ms == tileloader.DEADLINE_MS == 15_000
    assert loader.timeout_ms < loader.deadline_ms


@pytest.mark.parametrize("mode", ["wrongtype", "notimage"])
def test_answers_announced_as_text_are_refused(qtbot, tmp_path, server, mode):
    loader = make_loader(tmp_path, server, mode)
    reasons = failures(loader)
    loader.request([TileKey(2, x, 1) for x in range(4)])
    qtbot.waitUntil(lambda: len(reasons) == 1, timeout=10_000)
    assert "text/html" in reasons[0]
    assert loader.stats["net"] == 0
    loader.shutdown()


def test_memory_cache_is_bounded_by_bytes(qtbot, tmp_path, server):
    loader = make_loader(tmp_path, server, "big512", memory_bytes=3 * MB)
    arrived: list[TileKey] = []
    loader.tile_loaded.connect(arrived.append)
    keys = [TileKey(4, x, y) for x in range(4) for y in range(3)]
    loader.request(keys)
    qtbot.waitUntil(lambda: loader.stats["net"] == len(keys), timeout=15_000)
    held = [k for k in keys if loader.has_image(k)]
    images = [loader.image(k) for k in held]
    assert images and all(image.width() == 512 for image in images)
    assert sum(image.sizeInBytes() for image in images) <= 3 * MB
    assert loader.memory_used() <= 3 * MB
    # The tiles kept are the last ones to arrive.
    assert set(held) == set(arrived[-len(held) :])
    loader.shutdown()


def test_a_coarser_512_pixel_tile_stands_in_with_the_right_part():
    parent = TileKey(3, 1, 2)
    key = TileKey(5, 4 * 1 + 3, 4 * 2 + 1)  # two levels down: column 3, row 1 of the 4 x 4
    source = ancestor_source(key, parent, 2, 512)
    assert (source.x(), source.y(), source.width(), source.height()) == (384, 128, 128, 128)
    source = ancestor_source(key, parent, 2, 256)
    assert (source.x(), source.y(), source.width(), source.height()) == (192, 64, 64, 64)


# -- the main window -----------------------------------------------------------------------------
#: What the notice says for each hostile server.
HOSTILE = {
    "huge": "not a map tile",
    "bomb": "not a map tile",
    "endless": "more than 2 MB",
    "bigbody": "more than 2 MB",
    "trickle": "did not arrive within",
    "wrongtype": "text/html",
    "notimage": "text/html",
    "garbage": "did not send an image",
    "gzipbomb": "did not send an image",  # the bytes as sent: not decompressed
}


@pytest.mark.parametrize("mode", list(HOSTILE))
def test_a_hostile_server_never_blocks_the_window(qtbot, server, mode):
    for kind in ("huge", "bomb", "gzipbomb"):
        hostile_body(kind)  # made now, not while the server answers
    window = make_window(qtbot)
    window.canvas.basemap.tile_loader().deadline_ms = 1500
    status = StatusLog(window)
    probe = EventLoopProbe().start()
    choose_custom_tiles(qtbot, window, server.url(mode))
    qtbot.waitUntil(lambda: len(status.notices()) == 1, timeout=20_000)
    qtbot.wait(500)  # the requests still under way end meanwhile
    probe.stop()
    loader = window.canvas.basemap.loader
    print(
        f"\n{mode}: longest stall {probe.longest_stall_ms:.0f} ms over {probe.ticks} ticks, "
        f"memory growth {(probe.rss_growth or 0) / MB:.0f} MB, requests {loader.stats['requests']}"
    )
    # The bad tiles are refused, once, in the status bar, and nothing else pops up.
    assert HOSTILE[mode] in status.notices()[0]
    assert loader.stats["net"] == 0 and loader.stats["failed"] >= tileloader.FAILURE_LIMIT
    assert not window.canvas.basemap.showing_tiles
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    # The window kept answering and memory stayed bounded.
    assert probe.ticks > 50
    assert probe.longest_stall_ms < STALL_BOUND_MS
    if probe.rss_growth is not None:
        assert probe.rss_growth < RSS_BOUND
    # A good server afterwards still works.
    choose_custom_tiles(qtbot, window, server.url("ok"))
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=10_000)
    assert len(status.notices()) == 1


def test_512_pixel_tiles_are_shown(qtbot, server):
    window = make_window(qtbot)
    choose_custom_tiles(qtbot, window, server.url("big512"))
    qtbot.waitUntil(lambda: all_tiles_drawn(window), timeout=10_000)
    loader = window.canvas.basemap.loader
    assert loader.stats["failed"] == 0
    colour = window.canvas.grab().toImage().pixelColor(60, 40)
    assert colour.getRgb()[:3] == tile_colour(window.canvas.basemap.item.zoom)
