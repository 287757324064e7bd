"""The emission map through the years, as an animated GIF (Pillow) or an MP4 (ffmpeg).

Every frame of the animation is the map of one :class:`~dkgis.model.frame.MapFrame`: the
animation's frame with the year changed (same scenario, layers, sectors and extent),
drawn by the single render path (:func:`dkgis.map.render.render_image`); the year is then
drawn large at the upper left, under the title, with what the values are (“EU ETS
verified”, or after the last verified year “projected · scenario …”: the map's own
wording, :mod:`dkgis.wording`).

GIF frames share one palette, computed once from sample frames, so that colours do
not flicker from one year to the next. MP4 needs the ``ffmpeg`` program on ``PATH``:
raw frames are piped to it. Without it, :class:`EncoderMissing` is raised with a clear
message (dkgis never writes a GIF when an MP4 was asked for). Files are written
atomically; a cancelled export writes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from dkgis import wording
from dkgis.export.atomic import atomic_path
from dkgis.map.render import render_image
from dkgis.model.display import YEAR_MAX, YEAR_MIN
from dkgis.model.snapshot import Decorations, SnapshotSpec

if TYPE_CHECKING:
    from PIL import Image

    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Output formats by file suffix.
FORMATS = (".gif", ".mp4")
#: Smallest and largest frame side, in pixels (below 540 the legend covers the map;
#: GIF frames are kept in memory).
MIN_SIDE, MAX_SIDE = 540, 3840
#: Frame height at which the map is drawn at 96 dpi; taller frames scale text and symbols.
BASE_HEIGHT = 720
#: Frames per second of the MP4 (each year is repeated to last ``seconds_per_year``).
MP4_FPS = 10


class EncoderMissing(RuntimeError):
    """MP4 was asked for but ``ffmpeg`` is not on ``PATH``."""


class AnimationCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


@dataclass(frozen=True)
class AnimationOptions:
    """What the animation shows.

    Parameters
    ----------
    first_year, last_year
        The years, each one frame, inclusive (:data:`YEAR_MIN` .. :data:`YEAR_MAX`).
    width, height
        Frame size in pixels (:data:`MIN_SIDE` .. :data:`MAX_SIDE`).
    seconds_per_year
        How long each year is shown (0.1 to 10 s).
    title
        Title of the map (``None``: the cluster's name).
    """

    first_year: int = YEAR_MIN
    last_year: int = YEAR_MAX
    width: int = 1280
    height: int = 720
    seconds_per_year: float = 1.0
    title: str | None = None

    def validate(self) -> None:
        """Raise ValueError, with a message for the user, for options that cannot be used."""
        for name in ("first_year", "last_year"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"the {name.replace('_', ' ')} must be a whole number: {value!r}")
            if not YEAR_MIN <= value <= YEAR_MAX:
                raise ValueError(
                    f"the years must be between {YEAR_MIN} and {YEAR_MAX}, got {value}"
                )
        if self.first_year > self.last_year:
            raise ValueError(
                f"the first year ({self.first_year}) is after the last year ({self.last_year})"
            )
        for name in ("width", "height"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"the frame {name} must be a whole number of pixels: {value!r}")
            if not MIN_SIDE <= value <= MAX_SIDE:
                raise ValueError(
                    f"the frame {name} must be between {MIN_SIDE} and {MAX_SIDE} pixels,"
                    f" got {value}"
                )
        if not 0.1 <= self.seconds_per_year <= 10:
            raise ValueError(f"each year must last 0.1 to 10 seconds, got {self.seconds_per_year}")

    @property
    def years(self) -> range:
        """The years of the frames, in order."""
        return range(self.first_year, self.last_year + 1)

    @property
    def dpi(self) -> int:
        """Resolution of the frames: 96 at 720 px high, more for taller frames."""
        return max(72, round(96 * self.height / BASE_HEIGHT))


@dataclass(frozen=True)
class AnimationResult:
    """What was written: path, number of frames, file size and render time per frame."""

    path: Path
    frames: int
    size_bytes: int
    seconds_per_frame: float


def ffmpeg_path() -> str | None:
    """The ``ffmpeg`` program on ``PATH``, or ``None``."""
    return shutil.which("ffmpeg")


def frame_spec(project: Project, frame: MapFrame, options: AnimationOptions) -> SnapshotSpec:
    """The snapshot spec of one frame of the animation: the map of ``frame``."""
    return SnapshotSpec(
        frame=frame,
        width=options.width,
        height=options.height,
        dpi=options.dpi,
        title=options.title or wording.default_title(),
        subtitle=wording.frame_caption(project, frame),
        decorations=Decorations(),
    )


def render_frame(project: Project, frame: MapFrame, options: AnimationOptions) -> QImage:
    """Render the map of ``frame``, with its year drawn large."""
    image = render_image(project, frame_spec(project, frame, options))
    painter = QPainter(image)
    try:
        _paint_year(painter, project, frame, options)
    finally:
        painter.end()
    return image


def _paint_year(
    painter: QPainter, project: Project, frame: MapFrame, options: AnimationOptions
) -> None:
    """The year, large, in a white box at the upper left, under the title and north arrow."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    s = options.dpi / 96.0
    big = QFont()
    big.setPixelSize(round(64 * s))
    big.setBold(True)
    small = QFont()
    small.setPixelSize(round(13 * s))
    year = str(frame.year)
    kind = wording.frame_kind(project, frame)
    big_m, small_m = QFontMetricsF(big), QFontMetricsF(small)
    pad = 10 * s
    width = max(big_m.horizontalAdvance(year), small_m.horizontalAdvance(kind)) + 2 * pad
    height = big_m.height() + small_m.height() + 2 * pad
    # Under the title box and the north arrow (their place does not depend on the
    # attribution's length, unlike the scale bar's).
    box = QRectF(10 * s, 122 * s, width, height)
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1 * s))
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRoundedRect(box, 4 * s, 4 * s)
    painter.setPen(QColor("#1a1a1a"))
    painter.setFont(big)
    top = box.top() + pad
    painter.drawText(
        QRectF(box.left() + pad, top, width, big_m.height()),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        year,
    )
    painter.setPen(QColor("#555555"))
    painter.setFont(small)
    painter.drawText(
        QRectF(box.left() + pad, top + big_m.height(), width, small_m.height()),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        kind,
    )


def to_pil(image: QImage) -> Image.Image:
    """Copy a QImage into an RGB Pillow image."""
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = bytes(rgb.constBits())[: stride * h]
    return Image.frombuffer("RGB", (w, h), data, "raw", "RGB", stride, 1).copy()


Progress = Callable[[int, int], "bool | None"]


def export_animation(
    project: Project,
    path: str | Path,
    frame: MapFrame,
    options: AnimationOptions | None = None,
    progress: Progress | None = None,
) -> AnimationResult:
    """Write the animation to ``path``; the suffix (``.gif`` or ``.mp4``) picks the format.

    Parameters
    ----------
    project
        The project (only read).
    path
        The file to write.
    frame
        What each year's map shows (scenario, layers, extent, sectors); its year is
        replaced by each year of ``options``. See
        :func:`dkgis.model.frame.emission_map_frame`.
    options
        Years, size and speed; defaults to 2005–2050, 1280 x 720, one second per year.
    progress
        Called as ``progress(frames_done, frames_total)`` after each frame; return
        ``False`` to cancel (:class:`AnimationCancelled` is raised, nothing written).

    Raises
    ------
    ValueError
        Unknown suffix or unusable options (the message says which).
    EncoderMissing
        MP4 asked for and ``ffmpeg`` is not on ``PATH``.
    OSError
        The file could not be written (a previous file is kept).
    """
    path = Path(path)
    options = options or AnimationOptions()
    fmt = path.suffix.lower()
    if fmt not in FORMATS:
        raise ValueError(
            f"{path.name}: unknown animation format {path.suffix!r} (use .gif or .mp4)"
        )
    options.validate()
    ffmpeg = ffmpeg_path() if fmt == ".mp4" else None
    if fmt == ".mp4" and ffmpeg is None:
        raise EncoderMissing(
            "MP4 needs the ffmpeg program, which is not installed (not found on PATH); "
            "export a .gif instead, or install ffmpeg"
        )
    start = time.perf_counter()
    with atomic_path(path) as tmp:
        if fmt == ".gif":
            count = _write_gif(project, frame, options, tmp, progress)
        else:
            assert ffmpeg is not None
            count = _write_mp4(project, frame, options, tmp, ffmpeg, progress)
    elapsed = time.perf_counter() - start
    return AnimationResult(path, count, path.stat().st_size, elapsed / max(count, 1))


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise AnimationCancelled("the animation export was cancelled")


def shared_palette(samples: list[Image.Image]) -> Image.Image:
    """One 256-colour palette for all frames, from sample frames stacked together."""
    from PIL import Image

    w = max(im.width for im in samples)
    sheet = Image.new("RGB", (w, sum(im.height for im in samples)), "white")
    y = 0
    for im in samples:
        sheet.paste(im, (0, y))
        y += im.height
    return sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def _write_gif(
    project: Project,
    frame: MapFrame,
    options: AnimationOptions,
    tmp: Path,
    progress: Progress | None,
) -> int:
    from PIL import Image

    years = list(options.years)
    total = len(years)
    last = project.verified_matrix().last_year
    # Sample frames for the palette: the first year, the last verified one, the last year.
    sample_years = sorted({years[0], years[-1], *([last] if last in years else [])})
    cache = {y: to_pil(render_frame(project, frame.replace(year=y), options)) for y in sample_years}
    palette = shared_palette(list(cache.values()))
    frames: list[Image.Image] = []
    for i, year in enumerate(years):
        rgb = cache.pop(year, None) or to_pil(
            render_frame(project, frame.replace(year=year), options)
        )
        frames.append(rgb.quantize(palette=palette, dither=Image.Dither.NONE))
        _tick(progress, i + 1, total)
    duration = round(options.seconds_per_year * 1000)
    frames[0].save(
        tmp,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=duration,
        loop=0,
        optimize=False,
        disposal=1,
    )
    return total


def _encoder(ffmpeg: str) -> list[str]:
    """H.264 when this ffmpeg has it (plays everywhere, PowerPoint included), else MPEG-4."""
    try:
        out = subprocess.run(
            [ffmpeg, "-hide_banner", "-encoders"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    if "libx264" in out:
        return ["-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "20"]
    return ["-c:v", "mpeg4", "-q:v", "3"]


def _write_mp4(
    project: Project,
    frame: MapFrame,
    options: AnimationOptions,
    tmp: Path,
    ffmpeg: str,
    progress: Progress | None,
) -> int:
    years = list(options.years)
    total = len(years)
    w, h = options.width, options.height
    command = [
        ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
        "-framerate", f"{1.0 / options.seconds_per_year:.6f}", "-i", "-",
        # yuv420p needs even sides; pad by one pixel if needed.
        # The fps filter (not -r) holds the last year as long as the others.
        "-vf", f"pad=ceil(iw/2)*2:ceil(ih/2)*2,fps={MP4_FPS}",
        *_encoder(ffmpeg),
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", str(tmp),
    ]  # fmt: skip
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdin is not None
        for i, year in enumerate(years):
            image = to_pil(render_frame(project, frame.replace(year=year), options))
            try:
                proc.stdin.write(image.tobytes())
            except BrokenPipeError:
                break
            _tick(progress, i + 1, total)
        proc.stdin.close()
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.wait() != 0:
            raise OSError(5, f"ffmpeg failed: {err.strip().splitlines()[-1] if err else 'error'}")
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return total
