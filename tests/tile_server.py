"""A real HTTP tile server on 127.0.0.1, run in a thread by tests and benchmarks.

URLs are ``http://127.0.0.1:<port>/<mode>/{z}/{x}/{y}.png`` where ``mode`` is

* ``ok``: a 256 x 256 PNG whose colour depends on the zoom level, with a
  darker frame so that tile edges show on screenshots;
* ``slow``: the same, after ``delay`` seconds;
* ``fail``: HTTP 500;
* ``missing``: HTTP 404;
* ``notimage``: HTTP 200 with an HTML page (a captive portal, say);
* ``flaky``: HTTP 500 while ``flaky_fails`` is true, tiles afterwards.
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: Tile colours by zoom level (cycled).
ZOOM_COLOURS = [
    (214, 226, 200),
    (200, 214, 232),
    (236, 220, 196),
    (222, 206, 230),
    (206, 230, 222),
]


def png_bytes(width: int, height: int, rgb: tuple[int, int, int], frame=(120, 120, 120)) -> bytes:
    """A PNG image of one colour with a 2-pixel frame (plain zlib, no imaging library)."""
    fill = bytes(rgb)
    edge = bytes(frame)
    border_row = b"\x00" + edge * width
    inner_row = b"\x00" + edge * 2 + fill * (width - 4) + edge * 2
    raw = border_row * 2 + inner_row * (height - 4) + border_row * 2

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


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
        #: Seconds every answer waits (on top of ``slow``'s own delay).
        self.delay_all = 0.0
        self.requests: list[str] = []
        #: User-Agent headers received.
        self.user_agents: list[str] = []
        self.max_concurrent = 0
        self._current = 0
        self._lock = threading.Lock()
        self._tiles: dict[int, bytes] = {}
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
        return f"http://127.0.0.1:{self.port}/{mode}/{{z}}/{{x}}/{{y}}.png"

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

    def _tile(self, z: int) -> bytes:
        if z not in self._tiles:
            self._tiles[z] = png_bytes(256, 256, tile_colour(z))
        return self._tiles[z]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = handler.path.strip("/").split("/")
        mode = parts[0] if parts else ""
        if mode == "fail" or (mode == "flaky" and self.flaky_fails):
            handler.send_error(500, "Internal Server Error")
            return
        if mode == "missing" or len(parts) != 4:
            handler.send_error(404, "Not Found")
            return
        if mode == "notimage":
            body = b"<html><body>Please log in to the Wi-Fi</body></html>"
            content_type = "text/html"
        elif mode in ("ok", "slow", "flaky"):
            if mode == "slow":
                time.sleep(self.delay)
            body = self._tile(int(parts[1]))
            content_type = "image/png"
        else:
            handler.send_error(404, "Not Found")
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
