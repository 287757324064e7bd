"""A real HTTP tile server on 127.0.0.1, run in a thread by tests and benchmarks.

URLs are ``http://127.0.0.1:<port>/<mode>/{z}/{x}/{y}.png`` where ``mode`` is

* ``ok``: a 256 x 256 PNG whose colour depends on the zoom level, with a
  darker frame so that tile edges show on screenshots;
* ``slow``: the same, after ``delay`` seconds;
* ``fail``: HTTP 500;
* ``missing``: HTTP 404;
* ``notimage``: HTTP 200 with an HTML page (a captive portal, say);
* ``flaky``: HTTP 500 while ``flaky_fails`` is true, tiles afterwards;
* ``big512``: a 512 x 512 PNG (a "retina" tile, a size services really use).

Hostile modes, as a broken or malicious server would answer:

* ``huge``: a 4000 x 4000 PNG, small on the wire, 64 MB once decoded;
* ``bomb``: a decompression bomb, an 8000 x 8000 PNG with an alpha channel of
  a few hundred kB that decodes to 256 MB;
* ``endless``: an image header, then bytes as fast as possible, forever;
* ``bigbody``: a body of :attr:`TileServer.big_body` bytes (150 MB), announced;
* ``trickle``: an announced tile whose bytes come one every
  :attr:`TileServer.trickle_interval` seconds, never finishing;
* ``gzipbomb``: 100 MB of zeros gzip-compressed to 100 kB, sent with
  ``Content-Encoding: gzip`` whatever the client accepts;
* ``wrongtype``: a valid tile announced as ``text/html``;
* ``garbage``: bytes that are no image, announced as ``image/png``.
"""

from __future__ import annotations

import functools
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: Bytes written at a time by the streaming modes.
CHUNK = 64 * 1024

#: Tile colours by zoom level (cycled).
ZOOM_COLOURS = [
    (214, 226, 200),
    (200, 214, 232),
    (236, 220, 196),
    (222, 206, 230),
    (206, 230, 222),
]


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bytes(
    width: int,
    height: int,
    rgb: tuple[int, ...],
    frame: tuple[int, ...] = (120, 120, 120),
) -> bytes:
    """A PNG image of one colour with a 2-pixel frame (plain zlib, no imaging library).

    ``rgb`` and ``frame`` have three values (RGB) or four (RGBA). The rows are
    compressed one at a time, so a huge image costs no more memory than its
    compressed size.
    """
    fill = bytes(rgb)
    edge = bytes(frame)
    border_row = b"\x00" + edge * width
    inner_row = b"\x00" + edge * 2 + fill * (width - 4) + edge * 2
    compressor = zlib.compressobj(6)
    parts = [compressor.compress(border_row * 2)]
    parts.extend(compressor.compress(inner_row) for _ in range(height - 4))
    parts.append(compressor.compress(border_row * 2))
    parts.append(compressor.flush())
    colour_type = 6 if len(fill) == 4 else 2
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


_hostile_lock = threading.Lock()


def hostile_body(mode: str) -> bytes:
    """The body of the mode ``huge``, ``bomb`` or ``gzipbomb``, made once per process."""
    with _hostile_lock:  # the first requests arrive together: make it once
        return _make_hostile_body(mode)


@functools.cache
def _make_hostile_body(mode: str) -> bytes:
    if mode == "huge":
        return png_bytes(4000, 4000, (180, 40, 40))
    if mode == "bomb":
        return png_bytes(8000, 8000, (180, 40, 40, 255), (0, 0, 0, 255))
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip header and trailer
    block = bytes(CHUNK * 16)
    parts = [compressor.compress(block) for _ in range(100 * 2**20 // len(block))]
    return b"".join(parts) + compressor.flush()


def tile_url(port: int, mode: str = "ok") -> str:
    """The URL template of one mode of the server listening on ``port``."""
    return f"http://127.0.0.1:{port}/{mode}/{{z}}/{{x}}/{{y}}.png"


def tile_colour(z: int) -> tuple[int, int, int]:
    """The fill colour of the test tiles of zoom ``z``."""
    return ZOOM_COLOURS[z % len(ZOOM_COLOURS)]


class TileServer:
    """Serve generated tiles on 127.0.0.1 from a background thread.

    Attributes
    ----------
    requests : list of str
        Paths requested, in order.
    max_concurrent : int
        Most requests handled at the same time.
    """

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self.flaky_fails = True
        #: Size of the ``bigbody`` answer.
        self.big_body = 150 * 1024 * 1024
        #: Seconds between two bytes of ``trickle``.
        self.trickle_interval = 0.2
        #: Bytes the streaming modes actually sent (they stop when the client hangs up).
        self.streamed = 0
        #: Seconds every answer waits (on top of ``slow``'s own delay).
        self.delay_all = 0.0
        self.requests: list[str] = []
        #: User-Agent headers received.
        self.user_agents: list[str] = []
        self.max_concurrent = 0
        self._current = 0
        self._lock = threading.Lock()
        self._tiles: dict[tuple[int, int], bytes] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._enter(self.path)
                server.user_agents.append(self.headers.get("User-Agent", ""))
                try:
                    if server.delay_all:
                        time.sleep(server.delay_all)
                    server._serve(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client cancelled the request
                finally:
                    server._leave()

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    def url(self, mode: str = "ok") -> str:
        """The URL template of one mode."""
        return tile_url(self.port, mode)

    def start(self) -> TileServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket: later requests are refused."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def count(self, mode: str) -> int:
        """Requests received for one mode."""
        with self._lock:
            return sum(1 for p in self.requests if p.startswith(f"/{mode}/"))

    def _enter(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)
            self._current += 1
            self.max_concurrent = max(self.max_concurrent, self._current)

    def _leave(self) -> None:
        with self._lock:
            self._current -= 1

    def _tile(self, z: int, size: int = 256) -> bytes:
        if (z, size) not in self._tiles:
            self._tiles[z, size] = png_bytes(size, size, tile_colour(z))
        return self._tiles[z, size]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = handler.path.strip("/").split("/")
        mode = parts[0] if parts else ""
        if mode == "fail" or (mode == "flaky" and self.flaky_fails):
            handler.send_error(500, "Internal Server Error")
            return
        if mode == "missing" or len(parts) != 4:
            handler.send_error(404, "Not Found")
            return
        if mode in _STREAMS:
            _STREAMS[mode](self, handler)
            return
        content_type = "image/png"
        encoding = None
        if mode == "notimage":
            body = b"<html><body>Please log in to the Wi-Fi</body></html>"
            content_type = "text/html"
        elif mode in ("ok", "slow", "flaky", "wrongtype", "big512"):
            if mode == "slow":
                time.sleep(self.delay)
            body = self._tile(int(parts[1]), 512 if mode == "big512" else 256)
            if mode == "wrongtype":
                content_type = "text/html; charset=utf-8"
        elif mode in ("huge", "bomb"):
            body = hostile_body(mode)
        elif mode == "garbage":
            body = b"<html><body>Quota exceeded</body></html>" * 50
        elif mode == "gzipbomb":
            body, encoding = hostile_body(mode), "gzip"
        else:
            handler.send_error(404, "Not Found")
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        if encoding:
            handler.send_header("Content-Encoding", encoding)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _sent(self, handler: BaseHTTPRequestHandler, data: bytes) -> None:
        handler.wfile.write(data)
        handler.wfile.flush()
        with self._lock:
            self.streamed += len(data)

    def _stream_endless(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/png")
        handler.end_headers()
        self._sent(handler, PNG_SIGNATURE)
        block = bytes(CHUNK)
        while True:
            self._sent(handler, block)

    def _stream_big(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/png")
        handler.send_header("Content-Length", str(self.big_body))
        handler.end_headers()
        self._sent(handler, PNG_SIGNATURE)
        block = bytes(CHUNK)
        left = self.big_body - len(PNG_SIGNATURE)
        while left > 0:
            self._sent(handler, block[:left])
            left -= CHUNK

    def _stream_trickle(self, handler: BaseHTTPRequestHandler) -> None:
        tile = self._tile(0)
        handler.send_response(200)
        handler.send_header("Content-Type", "image/png")
        handler.send_header("Content-Length", str(len(tile)))
        handler.end_headers()
        for i in range(len(tile)):
            self._sent(handler, tile[i : i + 1])
            time.sleep(self.trickle_interval)


_STREAMS = {
    "endless": TileServer._stream_endless,
    "bigbody": TileServer._stream_big,
    "trickle": TileServer._stream_trickle,
}


def main() -> None:
    """Serve from a process of its own (``python tests/tile_server.py [mode...]``).

    The bodies of the hostile modes named are made first; then the port is
    printed, tiles are served until standard input closes, and the bytes the
    streaming modes sent are printed. A server in its own process does not
    compete with the client for Python's interpreter lock.
    """
    import sys

    for mode in sys.argv[1:]:
        if mode in ("huge", "bomb", "gzipbomb"):
            hostile_body(mode)
    server = TileServer().start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()
    print(server.streamed, flush=True)


if __name__ == "__main__":
    main()
