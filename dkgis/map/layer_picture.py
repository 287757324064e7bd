"""Pictures of a map layer rendered off the GUI thread, so that the window never waits.

An item with much to draw (a big user layer) does not paint its features on the
screen itself: it shows a picture of the view, a ``QImage`` in device pixels.
When the view changes (zoom, restyle, a new size), :class:`LayerPictures`

* keeps showing the picture it has, moved and scaled to the new view, so the map
  never goes blank;
* renders the new picture: at once when there is little to draw (a zoomed-in
  view: no waiting, no flicker), otherwise in a worker of Qt's thread pool (painting
  on a ``QImage`` is thread-safe), with the same drawing code as exports, started once
  the paint that asked for it is over (painter calls hold Python's lock);
* cancels a render in flight as soon as it is obsolete: each render has a
  generation number, and the drawing code asks between two batches whether it
  must stop;
* shows the render in progress every :data:`PARTIAL_INTERVAL` seconds when there
  is nothing on screen yet (a layer just added appears progressively).

Pictures cover the view and a margin around it, so a short pan is drawn from
the picture while the next one renders.
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPaintDevice, QPainter, QPixmap

from dkgis.map.user_render import DeviceView

#: Drawing function of a render: ``draw(painter, view, cancelled) -> finished``.
Draw = Callable[[QPainter, DeviceView, Callable[[], bool]], bool]

#: Renders estimated at up to this many vertices are done at once, in the GUI thread
#: (the default of :meth:`LayerPictures.paint`).
SYNC_VERTICES = 40_000
#: Margin rendered around the view, as a fraction of its size, for pans.
MARGIN = 0.15
#: Seconds between two partial pictures of a render shown while nothing is on screen.
PARTIAL_INTERVAL = 0.25

_POOL: QThreadPool | None = None


def render_pool() -> QThreadPool:
    """The thread pool of map renders (one thread: renders queue up, the GUI keeps a core)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setObjectName("mapRenderPool")
        _POOL.setMaxThreadCount(1)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_stop_pool)
    return _POOL


def _stop_pool() -> None:
    if _POOL is not None:
        _POOL.clear()
        _POOL.waitForDone(5000)


@dataclass
class Picture:
    """A rendered image, the view of its pixels, and what else it depends on."""

    image: QImage
    view: DeviceView
    key: Hashable
    complete: bool


class _JobSignals(QObject):
    partial = Signal(int, object)
    finished = Signal(int, object)


class _Job:
    """One render of ``view`` into an image, run by the pool."""

    def __init__(self, number: int, draw: Draw, view: DeviceView, partial: bool) -> None:
        self.number = number
        self.draw = draw
        self.view = view
        self.partial = partial
        self.stop = threading.Event()
        self.signals = _JobSignals()

    def run(self) -> None:
        image = None
        try:
            image = _new_image(self.view)
            painter = QPainter(image)
            last = time.monotonic()

            def cancelled() -> bool:
                nonlocal last
                # Hand Python's lock to the GUI thread if it waits: a worker that lets go
                # of the lock and takes it back around each Qt call keeps it longer than
                # the switch interval (bands of 1.7 ms of blits: the other thread's
                # longest wait 8 to 10 ms without this, 3 to 6 ms with it).
                time.sleep(0)
                if self.stop.is_set():
                    return True
                if self.partial and time.monotonic() - last > PARTIAL_INTERVAL:
                    last = time.monotonic()
                    self.signals.partial.emit(self.number, image.copy())
                return False

            try:
                done = self.draw(painter, self.view, cancelled)
            finally:
                painter.end()
            if not done:
                image = None
        except Exception:  # a drawing bug must not kill the worker silently
            traceback.print_exc()
            image = None
        self.signals.finished.emit(self.number, image)


def _new_image(view: DeviceView) -> QImage:
    x0, y0, x1, y1 = view.area
    image = QImage(round(x1 - x0), round(y1 - y0), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


class LayerPictures(QObject):
    """The picture of one layer for an interactive view.

    Signals
    -------
    changed()
        A picture arrived (complete or partial): the item should repaint.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.picture: Picture | None = None
        self._job: _Job | None = None
        self._job_key: tuple | None = None
        self._numbers = itertools.count(1)
        #: Renders completed, in the GUI thread and in the pool (for tests and benchmarks).
        self.renders = 0
        self.background_renders = 0
        #: Renders abandoned because the view changed before they finished.
        self.cancelled = 0

    @property
    def busy(self) -> bool:
        """Whether a render is running or queued in the pool."""
        return self._job is not None

    def paint(
        self,
        painter: QPainter,
        view: DeviceView,
        key: Hashable,
        dpr: float,
        draw: Draw,
        estimate: Callable[[DeviceView], int],
        sync: int = SYNC_VERTICES,
    ) -> None:
        """Show the picture of ``view``, rendering it if the one there is not exact.

        Parameters
        ----------
        painter
            The screen painter, in device pixels (identity transform).
        view
            What the painter shows, in its (logical) pixels.
        key
            Everything else the picture depends on (style, scale...).
        dpr
            Device pixels per logical pixel: pictures are rendered in device pixels.
        draw
            Renders a view (see :data:`Draw`), for ``key``.
        estimate
            What there is to draw in a view (vertices, symbols...), ...
        sync
            ... up to which a render is done at once, in the GUI thread.
        """
        physical = view.scaled(dpr)
        if not self._exact(physical, key):
            self._request(physical, key, draw, estimate, sync)
        if self.picture is not None:
            _blit(painter, self.picture, view)

    def cancel(self) -> None:
        """Abandon the render in flight (the item goes, or the view changed)."""
        if self._job is not None:
            self._job.stop.set()
            self.cancelled += 1
            self._job = None
            self._job_key = None

    def wait(self, timeout: float = 10.0) -> bool:
        """Process events until no render is in flight (tests, benchmarks, exports of the
        screen's picture); return whether it finished in time."""
        end = time.monotonic() + timeout
        app = QCoreApplication.instance()
        while self._job is not None and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.002)
        return self._job is None

    # -- internals --------------------------------------------------------------------
    def _exact(self, view: DeviceView, key) -> bool:
        p = self.picture
        return (
            p is not None
            and p.complete
            and p.key == key
            and _same_scale(p.view, view)
            and _covers(p.view, view)
        )

    def _request(self, view: DeviceView, key, draw: Draw, estimate, sync: int) -> None:
        job = self._job
        if job is not None:
            job_key, job_view = self._job_key
            if job_key == key and _same_scale(job_view, view) and _covers(job_view, view):
                return  # the render in flight will do
            self.cancel()
        target = _with_margin(view)
        if estimate(target) <= sync:
            image = _new_image(target)
            painter = QPainter(image)
            try:
                draw(painter, target, lambda: False)
            finally:
                painter.end()
            self.picture = Picture(image, target, key, True)
            self.renders += 1
            return
        number = next(self._numbers)
        job = _Job(number, draw, target, partial=self.picture is None)
        job.signals.partial.connect(self._on_partial)
        job.signals.finished.connect(self._on_finished)
        self._job = job
        self._job_key = (key, target)
        # Started once the paint that asked for it is over: a render holds Python's lock
        # much of the time, and the rest of the paint (the other layers, the names
        # placed for the new view) would wait for it.
        QTimer.singleShot(0, partial(self._launch, job))

    def _launch(self, job: _Job) -> None:
        if self._job is job:
            render_pool().start(job.run)

    def _on_partial(self, number: int, image: QImage) -> None:
        job = self._job
        if job is None or job.number != number:
            return
        if self.picture is None or not self.picture.complete:
            self.picture = Picture(image, job.view, self._job_key[0], False)
            self.changed.emit()

    def _on_finished(self, number: int, image: QImage | None) -> None:
        job = self._job
        if job is None or job.number != number:
            return  # an abandoned render
        key = self._job_key[0]
        self._job = None
        self._job_key = None
        if image is not None:
            self.picture = Picture(image, job.view, key, True)
            self.renders += 1
            self.background_renders += 1
        self.changed.emit()


def whole_view(view: DeviceView, device: QPaintDevice) -> DeviceView:
    """``view`` over the whole of ``device``, in its logical pixels: a picture of the whole
    viewport, not only of the part exposed now, serves pans.

    Images and pixmaps count their physical pixels; widgets, their logical ones.
    """
    width, height = device.width(), device.height()
    if isinstance(device, QImage | QPixmap):
        dpr = max(float(device.devicePixelRatioF()), 1.0)
        width, height = width / dpr, height / dpr
    return view.shifted(0.0, 0.0, (0.0, 0.0, float(width), float(height)))


def _same_scale(a: DeviceView, b: DeviceView) -> bool:
    return abs(a.sx - b.sx) <= 1e-9 * abs(a.sx) and abs(a.sy - b.sy) <= 1e-9 * abs(a.sy)


def _covers(picture: DeviceView, view: DeviceView) -> bool:
    """Whether the picture's area covers the view's area (same scale)."""
    px0, py0, px1, py1 = picture.map_rect()
    vx0, vy0, vx1, vy1 = view.map_rect()
    tolerance = 0.01 / abs(view.sx)
    return (
        px0 <= vx0 + tolerance
        and py0 <= vy0 + tolerance
        and px1 >= vx1 - tolerance
        and py1 >= vy1 - tolerance
    )


def _with_margin(view: DeviceView) -> DeviceView:
    """``view`` grown by :data:`MARGIN` on every side, with its origin at (0, 0)."""
    x0, y0, x1, y1 = view.area
    mx = round((x1 - x0) * MARGIN)
    my = round((y1 - y0) * MARGIN)
    left, top = int(x0) - mx, int(y0) - my
    width = round(x1 - x0) + 2 * mx
    height = round(y1 - y0) + 2 * my
    return view.shifted(-left, -top, (0.0, 0.0, float(width), float(height)))


def _blit(painter: QPainter, picture: Picture, view: DeviceView) -> None:
    """Draw ``picture`` where its map area falls in ``view``, scaled as needed."""
    x0, y0, x1, y1 = picture.view.map_rect()
    left = x0 * view.sx + view.ox
    right = x1 * view.sx + view.ox
    top = y1 * view.sy + view.oy
    bottom = y0 * view.sy + view.oy
    target = QRectF(left, top, right - left, bottom - top)
    image = picture.image
    source = QRectF(0, 0, image.width(), image.height())
    exact = (
        abs(target.width() - image.width()) < 1e-6 and abs(target.height() - image.height()) < 1e-6
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, not exact)
    if exact:
        painter.drawImage(QRectF(round(left), round(top), image.width(), image.height()), image)
    else:
        painter.drawImage(target, image, source)
    painter.restore()
