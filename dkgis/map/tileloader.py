"""Fetch web-map tiles without ever blocking the GUI thread.

Network requests go through ``QNetworkAccessManager`` (asynchronous, on the GUI
thread's event loop); reading the disk cache, decoding images and writing the
cache run on a small thread pool. Painting only reads the in-memory tiles.

The loader protects both the user and the tile servers: a bounded number of
requests in flight, a transfer timeout, requests for tiles that left the view
are cancelled, a tile that failed is not asked again for a while, and after a
few failures in a row the service is declared unavailable (one signal) and
only probed again after a growing pause.

It also stands a broken or hostile server: a request ends at a deadline however
steadily bytes trickle in; an answer announced as text, or larger than a tile
can be, is refused from its headers, and a body is cut as soon as it passes
:data:`MAX_TILE_BYTES`; an image whose header does not declare a tile's size is
refused before it is decoded (:mod:`dkgis.map.tiledecode`); the tiles kept in
memory are bounded in bytes as well as in number.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QObject,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkProxyFactory,
    QNetworkReply,
    QNetworkRequest,
)

from dkgis import __version__
from dkgis.map.tilecache import MAX_TILE_BYTES
from dkgis.map.tiledecode import BadTileError, decode_tile
from dkgis.map.tilemath import TileKey

if TYPE_CHECKING:
    from dkgis.map.basemaps import TileProvider
    from dkgis.map.tilecache import DiskTileCache

#: Identifies dkgis to tile servers (OpenStreetMap's usage policy asks for it).
USER_AGENT = f"dkgis/{__version__} (desktop GIS; Qt network)"
#: At most this many tile requests in flight at once.
MAX_CONCURRENT = 6
#: A request that receives nothing for this long is dropped.
TIMEOUT_MS = 10_000
#: A request not finished after this long is dropped, even if bytes keep coming...
DEADLINE_MS = 15_000
#: ...checked this often.
DEADLINE_CHECK_MS = 250
#: Most bytes of an answer Qt holds before they are taken out and counted.
READ_BUFFER_BYTES = 256 * 1024
#: Tiles kept decoded in memory...
MEMORY_TILES = 256
#: ...and their bytes (a 256-pixel tile takes 256 kB, a 512-pixel one 1 MB).
MEMORY_BYTES = 64 * 1024 * 1024
#: This many failures in a row make the service "unavailable".
FAILURE_LIMIT = 3
#: A tile that failed is not requested again before this many seconds.
TILE_RETRY_S = 60.0
#: First pause before probing an unavailable service again; doubles up to the max.
BACKOFF_S = 30.0
BACKOFF_MAX_S = 600.0

_NETWORK_ERRORS = {
    QNetworkReply.NetworkError.ConnectionRefusedError: QT_TRANSLATE_NOOP(
        "TileLoader", "connection refused"
    ),
    QNetworkReply.NetworkError.HostNotFoundError: QT_TRANSLATE_NOOP(
        "TileLoader", "server not found"
    ),
    QNetworkReply.NetworkError.TimeoutError: QT_TRANSLATE_NOOP("TileLoader", "no answer in time"),
    QNetworkReply.NetworkError.OperationCanceledError: QT_TRANSLATE_NOOP(
        "TileLoader", "no answer in time"
    ),
    QNetworkReply.NetworkError.RemoteHostClosedError: QT_TRANSLATE_NOOP(
        "TileLoader", "connection closed by the server"
    ),
    QNetworkReply.NetworkError.SslHandshakeFailedError: QT_TRANSLATE_NOOP(
        "TileLoader", "secure connection failed"
    ),
    QNetworkReply.NetworkError.TemporaryNetworkFailureError: QT_TRANSLATE_NOOP(
        "TileLoader", "network unreachable"
    ),
    QNetworkReply.NetworkError.NetworkSessionFailedError: QT_TRANSLATE_NOOP(
        "TileLoader", "network unreachable"
    ),
    QNetworkReply.NetworkError.ProxyConnectionRefusedError: QT_TRANSLATE_NOOP(
        "TileLoader", "proxy refused the connection"
    ),
    QNetworkReply.NetworkError.ProxyNotFoundError: QT_TRANSLATE_NOOP(
        "TileLoader", "proxy not found"
    ),
    QNetworkReply.NetworkError.ProxyTimeoutError: QT_TRANSLATE_NOOP(
        "TileLoader", "proxy did not answer"
    ),
    QNetworkReply.NetworkError.ProxyAuthenticationRequiredError: QT_TRANSLATE_NOOP(
        "TileLoader", "proxy asks for a password"
    ),
}


log = logging.getLogger(__name__)


def _too_large() -> str:
    size = QLocale().toString(MAX_TILE_BYTES / 2**20, "g", 3)
    return QCoreApplication.translate(
        "TileLoader", "the server sent more than {size} MB for one tile"
    ).format(size=size)


def _content_type_problem(reply: QNetworkReply) -> str | None:
    """Why an answer's announced type cannot be a tile image, or ``None`` if it can be.

    Images and untyped bytes (``application/octet-stream``, or no type) are
    accepted; text, HTML, JSON... are not.
    """
    raw = bytes(reply.rawHeader("Content-Type").data()).decode("latin-1")
    media = raw.split(";", 1)[0].strip().lower()
    if not media or media.startswith("image/") or media.endswith("/octet-stream"):
        return None
    shown = re.sub(r"[^\w.+/-]", "", media)[:40]  # the server's text, shown as data
    return QCoreApplication.translate(
        "TileLoader", "the server sent {type} instead of an image"
    ).format(type=shown)


class _WorkerSignals(QObject):
    """Carries results from pool threads back to the GUI thread (queued).

    Only plain values and a ``QImage`` (null for "no image") cross threads:
    PySide mishandles the reference count of ``None`` sent through a queued
    ``Signal(object)``, which ends in a crash after many emissions.
    """

    #: generation, z, x, y, image (null if none), origin ("disk", "miss", "net", "bad"),
    #: and why the tile is bad (empty otherwise)
    done = Signal(int, int, int, int, QImage, str, str)


@dataclass
class _Request:
    """A tile's network request under way, and the part of the body received."""

    reply: QNetworkReply
    started: float
    body: bytearray = field(default_factory=bytearray)


class TileLoader(QObject):
    """Loads the tiles of one provider at a time into memory.

    Signals
    -------
    tile_loaded(TileKey)
        A tile is now available from :meth:`image`.
    unavailable(str)
        The service stopped answering; emits the reason. Once per outage.
    available()
        The service answers again after an outage.
    """

    tile_loaded = Signal(object)
    unavailable = Signal(str)
    available = Signal()

    def __init__(
        self,
        cache: DiskTileCache,
        parent: QObject | None = None,
        *,
        max_concurrent: int = MAX_CONCURRENT,
        timeout_ms: int = TIMEOUT_MS,
        deadline_ms: int = DEADLINE_MS,
        memory_tiles: int = MEMORY_TILES,
        memory_bytes: int = MEMORY_BYTES,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self.max_concurrent = max_concurrent
        self.timeout_ms = timeout_ms
        self.deadline_ms = deadline_ms
        self.memory_tiles = memory_tiles
        self.memory_bytes = memory_bytes
        self.provider: TileProvider | None = None
        self._nam: QNetworkAccessManager | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        # No parent: pool tasks hold a reference, so it outlives a closed window.
        self._signals = _WorkerSignals()
        self._signals.done.connect(self._on_worker_done)
        self._gen = 0
        self._images: OrderedDict[TileKey, QImage] = OrderedDict()
        self._memory_used = 0
        #: Reasons for refused tiles already logged for this provider.
        self._logged: set[str] = set()
        self._missing: set[TileKey] = set()
        self._retry_after: dict[TileKey, float] = {}
        self._disk_pending: set[TileKey] = set()
        self._decoding: set[TileKey] = set()
        self._queue: set[TileKey] = set()
        self._in_flight: dict[TileKey, _Request] = {}
        self._deadline_timer = QTimer(self)
        self._deadline_timer.setInterval(DEADLINE_CHECK_MS)
        self._deadline_timer.timeout.connect(self._check_deadlines)
        self._priority: dict[TileKey, int] = {}
        self._failures = 0
        self._down_until: float | None = None
        self._backoff = BACKOFF_S
        self._probe_key: TileKey | None = None
        self._probe_timer = QTimer(self)
        self._probe_timer.setSingleShot(True)
        self._probe_timer.timeout.connect(self._retry_wanted)
        #: Counters for tests and benchmarks.
        self.stats = {
            "requests": 0,
            "disk": 0,
            "net": 0,
            "failed": 0,
            "missing": 0,
            "aborted": 0,
        }

    # -- public API --------------------------------------------------------------------
    @property
    def nam(self) -> QNetworkAccessManager:
        """The network access manager, created at the first request (not at startup)."""
        if self._nam is None:
            # Office networks often reach the web through the system's proxy only.
            QNetworkProxyFactory.setUseSystemConfiguration(True)
            self._nam = QNetworkAccessManager(self)
        return self._nam

    def set_provider(self, provider: TileProvider | None) -> None:
        """Switch to ``provider`` (``None``: stop); forgets every tile and pending request."""
        self._gen += 1
        self.provider = provider
        self._abort_all()
        self.pool.clear()  # decoding the old provider's tiles is wasted work
        self._images.clear()
        self._memory_used = 0
        self._logged.clear()
        self._missing.clear()
        self._retry_after.clear()
        self._disk_pending.clear()
        self._decoding.clear()
        self._queue.clear()
        self._priority.clear()
        self._failures = 0
        self._down_until = None
        self._backoff = BACKOFF_S
        self._probe_key = None
        self._probe_timer.stop()

    @property
    def is_unavailable(self) -> bool:
        """Whether the service is in an outage (requests paused)."""
        return self._down_until is not None

    def image(self, key: TileKey) -> QImage | None:
        """The tile's image if it is in memory (never waits)."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def has_image(self, key: TileKey) -> bool:
        """Whether the tile is in memory (does not change its recency)."""
        return key in self._images

    def memory_used(self) -> int:
        """Bytes of the tiles held in memory."""
        return self._memory_used

    def pending_count(self) -> int:
        """Tiles waiting for the disk, the network or decoding."""
        return (
            len(self._disk_pending) + len(self._queue) + len(self._in_flight) + len(self._decoding)
        )

    def in_flight(self) -> set[TileKey]:
        """Tiles whose network request is running."""
        return set(self._in_flight)

    def request(self, keys: list[TileKey]) -> None:
        """Want exactly ``keys`` (most urgent first); cancel requests for other tiles."""
        if self.provider is None:
            return
        self._priority = {key: i for i, key in enumerate(keys)}
        wanted = self._priority
        for key in [k for k in self._in_flight if k not in wanted]:
            self._abort(key)
        self._queue &= wanted.keys()
        now = time.monotonic()
        for key in keys:
            if (
                key in self._images
                or key in self._missing
                or key in self._disk_pending
                or key in self._decoding
                or key in self._queue
                or key in self._in_flight
                or self._retry_after.get(key, 0.0) > now
            ):
                continue
            self._load_from_disk(key)
        self._pump()

    def shutdown(self) -> None:
        """Cancel everything and wait for the worker threads (before the window goes)."""
        self.set_provider(None)
        self.pool.waitForDone(2000)

    # -- disk --------------------------------------------------------------------------
    def _load_from_disk(self, key: TileKey) -> None:
        assert self.provider is not None
        self._disk_pending.add(key)
        gen, provider_id, cache, signals = self._gen, self.provider.id, self.cache, self._signals

        def task() -> None:
            data = cache.get(provider_id, key)
            image = QImage()
            if data is not None:
                # A bad file (written by another program, or damaged) is fetched again.
                with contextlib.suppress(BadTileError):
                    image = decode_tile(data)
            origin = "miss" if image.isNull() else "disk"
            signals.done.emit(gen, key.z, key.x, key.y, image, origin, "")

        self.pool.start(task)

    def _on_worker_done(
        self, gen: int, z: int, x: int, y: int, image: QImage, origin: str, reason: str
    ) -> None:
        if gen != self._gen:
            return
        key = TileKey(z, x, y)
        self._disk_pending.discard(key)
        self._decoding.discard(key)
        if not image.isNull():
            self.stats[origin] += 1
            self._store(key, image)
            if origin == "net":
                self._on_success()
            return
        if origin == "miss":
            if key in self._priority:
                self._queue.add(key)
                self._pump()
        elif origin == "bad":
            self._on_refused(key, reason)

    def _store(self, key: TileKey, image: QImage) -> None:
        old = self._images.pop(key, None)
        if old is not None:
            self._memory_used -= old.sizeInBytes()
        self._images[key] = image
        self._memory_used += image.sizeInBytes()
        while len(self._images) > 1 and (
            len(self._images) > self.memory_tiles or self._memory_used > self.memory_bytes
        ):
            _, dropped = self._images.popitem(last=False)
            self._memory_used -= dropped.sizeInBytes()
        self.tile_loaded.emit(key)

    # -- network -----------------------------------------------------------------------
    def _pump(self) -> None:
        """Start queued requests, most urgent first, within the limits."""
        if self.provider is None or not self._queue:
            return
        if self._down_until is not None:
            # In an outage: one probe at a time, once the pause is over.
            if time.monotonic() < self._down_until or self._probe_key is not None:
                return
            self._probe_key = min(self._queue, key=self._urgency)
            self._start(self._probe_key)
            return
        while self._queue and len(self._in_flight) < self.max_concurrent:
            self._start(min(self._queue, key=self._urgency))

    def _urgency(self, key: TileKey) -> int:
        return self._priority.get(key, 1 << 30)

    def _start(self, key: TileKey) -> None:
        assert self.provider is not None
        self._queue.discard(key)
        request = QNetworkRequest(QUrl(self.provider.tile_url(key)))
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, USER_AGENT)
        # Tiles are compressed images: asking for the bytes as they are stops Qt from
        # inflating a gzip bomb on the way.
        request.setRawHeader(b"Accept-Encoding", b"identity")
        request.setTransferTimeout(self.timeout_ms)
        reply = self.nam.get(request)
        # The body is moved out of Qt's buffer as it comes (and counted); Qt keeps at
        # most this much unread, even when the GUI thread is slow to take it.
        reply.setReadBufferSize(READ_BUFFER_BYTES)
        self.stats["requests"] += 1
        self._in_flight[key] = _Request(reply, time.monotonic())
        # Bound methods, not closures: a reply (deleted later) then holds no reference
        # to the loader, so it can never be the last one to let it go.
        reply.finished.connect(self._on_reply_finished)
        reply.metaDataChanged.connect(self._on_reply_headers)
        reply.readyRead.connect(self._on_reply_data)
        if not self._deadline_timer.isActive():
            self._deadline_timer.start()

    def _key_of(self, reply: QObject | None) -> TileKey | None:
        """The tile of a running request (``None`` once it was cancelled or ended)."""
        return next((k for k, r in self._in_flight.items() if r.reply is reply), None)

    def _abort(self, key: TileKey) -> None:
        request = self._in_flight.pop(key)
        if key == self._probe_key:
            self._probe_key = None
        self.stats["aborted"] += 1
        request.reply.abort()

    def _abort_all(self) -> None:
        for key in list(self._in_flight):
            self._abort(key)

    def _on_reply_headers(self) -> None:
        reply = self.sender()
        key = self._key_of(reply)
        if key is None:
            return
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if status not in (None, 200, 203):
            return  # an error page or a redirection: judged when it ends
        problem = _content_type_problem(reply)
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        if problem is None and isinstance(length, int) and length > MAX_TILE_BYTES:
            problem = _too_large()
        if problem is not None:
            self._cut(key, problem)

    def _on_reply_data(self) -> None:
        reply = self.sender()
        key = self._key_of(reply)
        if key is None:
            return
        body = self._in_flight[key].body
        body += reply.readAll().data()
        if len(body) > MAX_TILE_BYTES:
            self._cut(key, _too_large())

    def _check_deadlines(self) -> None:
        if not self._in_flight:
            self._deadline_timer.stop()
            return
        limit = time.monotonic() - self.deadline_ms / 1000
        late = [key for key, request in self._in_flight.items() if request.started <= limit]
        for key in late:
            if key in self._in_flight:  # an earlier cut may have aborted them all
                self._cut(key, self._late_reason())

    def _late_reason(self) -> str:
        seconds = QLocale().toString(self.deadline_ms / 1000, "g", 3)
        return QCoreApplication.translate(
            "TileLoader", "the tile did not arrive within {seconds} s"
        ).format(seconds=seconds)

    def _cut(self, key: TileKey, reason: str) -> None:
        """Stop a request whose answer cannot be a tile, and count the tile as refused."""
        request = self._in_flight.pop(key)  # first: the abort's "finished" then does nothing
        request.reply.abort()
        self._on_refused(key, reason)
        self._pump()

    def _on_reply_finished(self) -> None:
        reply = self.sender()
        if reply is None:
            return
        reply.deleteLater()
        key = self._key_of(reply)
        if key is None:
            return  # cancelled: not a failure
        body = self._in_flight.pop(key).body
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        error = reply.error()
        if status in (404, 410) or (status is None and error == _NOT_FOUND):
            self.stats["missing"] += 1
            self._missing.add(key)
            self._on_success()  # the server answers: the service is up
        elif error == QNetworkReply.NetworkError.NoError and status in (None, 200, 203):
            body += reply.read(MAX_TILE_BYTES + 1).data()
            if len(body) > MAX_TILE_BYTES:
                self._on_refused(key, _too_large())
            else:
                self._decode_in_pool(key, bytes(body))
        else:
            self._on_failure(key, _reason(reply, status))
        self._pump()

    def _decode_in_pool(self, key: TileKey, data: bytes) -> None:
        assert self.provider is not None
        self._decoding.add(key)
        gen, provider_id, cache, signals = self._gen, self.provider.id, self.cache, self._signals

        def task() -> None:
            try:
                image = decode_tile(data)
            except BadTileError as bad:
                signals.done.emit(gen, key.z, key.x, key.y, QImage(), "bad", bad.reason)
                return
            cache.put(provider_id, key, data)
            signals.done.emit(gen, key.z, key.x, key.y, image, "net", "")

        self.pool.start(task)

    def _on_success(self) -> None:
        self._failures = 0
        self._probe_key = None
        if self._down_until is not None:
            self._down_until = None
            self._backoff = BACKOFF_S
            self._probe_timer.stop()
            self.available.emit()
            self._retry_wanted()

    def _on_refused(self, key: TileKey, reason: str) -> None:
        """The server answered with something that is not a tile."""
        if reason not in self._logged:
            self._logged.add(reason)
            assert self.provider is not None
            log.warning("Tiles of %s refused: %s", self.provider.url, reason)
        self._on_failure(key, reason)

    def _on_failure(self, key: TileKey, reason: str) -> None:
        self.stats["failed"] += 1
        self._retry_after[key] = time.monotonic() + TILE_RETRY_S
        if self._down_until is not None:
            # Late answers to requests sent before the outage change nothing;
            # a failed probe makes the next one wait longer.
            if key == self._probe_key:
                self._probe_key = None
                self._backoff = min(self._backoff * 2, BACKOFF_MAX_S)
                self._schedule_probe()
            return
        self._failures += 1
        if self._failures >= FAILURE_LIMIT:
            self._abort_all()
            self._schedule_probe()
            self.unavailable.emit(reason)

    def _retry_wanted(self) -> None:
        self.request(sorted(self._priority, key=self._urgency))

    def _schedule_probe(self) -> None:
        self._down_until = time.monotonic() + self._backoff
        # Failed tiles may be retried by the probe; it is the only request.
        self._retry_after.clear()
        self._probe_timer.start(int(self._backoff * 1000) + 10)


_NOT_FOUND = QNetworkReply.NetworkError.ContentNotFoundError


def _reason(reply: QNetworkReply, status: int | None) -> str:
    """A short, translated reason for a failed tile request."""
    if status is not None:
        phrase = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute)
        return QCoreApplication.translate(
            "TileLoader", "the server answered HTTP {code}{phrase}"
        ).format(code=status, phrase=f" {phrase}" if phrase else "")
    text = _NETWORK_ERRORS.get(reply.error())
    return QCoreApplication.translate("TileLoader", text) if text else reply.errorString()
