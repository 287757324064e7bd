"""What to draw in a map image: the pure description shared by the map and the exports.

A :class:`SnapshotSpec` says everything a picture depends on: the map frame (extent,
layers, year, scenario, sectors, selection: :class:`~dkgis.model.frame.MapFrame`),
size, resolution, decorations and their texts, the date and the page layout, so that
the same spec always gives the same picture, on screen, in a PNG, an SVG or a PDF.
Builders of specs (the export dialog, the command line) fill the texts; nothing here
reads the clock, the settings or the project's screen state.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from dkgis.model.mapview import Extent, check_extent
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Largest width or height of a snapshot, in pixels.
MAX_PIXELS = 20000

#: Largest area of a snapshot, in megapixels (an ARGB image of that size takes 1.6 GB).
MAX_MEGAPIXELS = 400

#: Allowed resolutions, in dots per inch.
DPI_RANGE: tuple[int, int] = (36, 1200)

#: Millimetres per inch.
MM_PER_INCH = 25.4

#: The map fills the picture.
LAYOUT_MAP = "map"
#: The map on the left, a trajectory chart on the right (one slide).
LAYOUT_MAP_CHART = "map+chart"
#: Page layouts.
LAYOUTS: tuple[str, ...] = (LAYOUT_MAP, LAYOUT_MAP_CHART)


@dataclass(frozen=True)
class SizePreset:
    """A named output size.

    Parameters
    ----------
    name
        Identifier used by the command line (``a4-landscape``).
    width, height
        Pixels.
    dpi
        Resolution: text and symbols are drawn ``dpi / 96`` times their screen size. Slide
        presets use the dpi at which the image fills a standard slide (13.33 in or 10 in
        wide), so text is as large on the slide as on paper.
    paper
        ``True`` for paper sizes (A4, A3), whose size is also given in millimetres.
    """

    name: str
    width: int
    height: int
    dpi: int
    paper: bool = False

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres at the preset's resolution."""
        return (pixels_to_mm(self.width, self.dpi), pixels_to_mm(self.height, self.dpi))


def mm_to_pixels(mm: float, dpi: float) -> int:
    """Pixels of ``mm`` millimetres at ``dpi`` (rounded to the nearest pixel)."""
    return round(mm / MM_PER_INCH * dpi)


def pixels_to_mm(pixels: float, dpi: float) -> float:
    """Millimetres of ``pixels`` at ``dpi``."""
    return pixels / dpi * MM_PER_INCH


def _paper(name: str, width_mm: float, height_mm: float, dpi: int = 300) -> SizePreset:
    return SizePreset(name, mm_to_pixels(width_mm, dpi), mm_to_pixels(height_mm, dpi), dpi, True)


#: The size presets, by name, in the order the export dialog lists them.
PRESETS: dict[str, SizePreset] = {
    p.name: p
    for p in (
        SizePreset("slide-16x9", 1920, 1080, 144),
        SizePreset("slide-16x9-4k", 3840, 2160, 288),
        SizePreset("slide-4x3", 1600, 1200, 160),
        _paper("a4-landscape", 297, 210),
        _paper("a4-portrait", 210, 297),
        _paper("a3-landscape", 420, 297),
        _paper("a3-portrait", 297, 420),
    )
}


def check_size(width: int, height: int) -> None:
    """Raise ValueError, with a message for the user, if ``width`` x ``height`` is too large.

    The limits are :data:`MAX_PIXELS` a side and :data:`MAX_MEGAPIXELS` in all.
    """
    for name, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"the image {name} must be a whole number of pixels: {value!r}")
        if value < 1:
            raise ValueError(
                f"the image {name} must be between 1 and {MAX_PIXELS} pixels, got {value}"
            )
    if max(width, height) > MAX_PIXELS or width * height > MAX_MEGAPIXELS * 1e6:
        which = "width" if width > MAX_PIXELS else "height"
        value = width if which == "width" else height
        if value > MAX_PIXELS:
            raise ValueError(
                f"the image {which} must be between 1 and {MAX_PIXELS} pixels, got {value}"
                " (choose a smaller size or a lower resolution)"
            )
        raise ValueError(
            f"{width} x {height} pixels is too large: at most {MAX_MEGAPIXELS} megapixels"
            " (choose a smaller size or a lower resolution)"
        )


@dataclass(frozen=True)
class Decorations:
    """Which decorations a picture has; each one can be switched off.

    The export dialog has a check box per field, and ``dkgis export --hide`` takes the
    field names with hyphens (``--hide sector-legend,date``, see :meth:`cli_names`).

    Attributes
    ----------
    title, subtitle
        The texts above the map.
    sector_legend
        The key of the symbols drawn: sectors, status and location, networks, added layers.
    size_legend
        The nested circles of the emission layer, with their unit, year and source.
    scale_bar, north_arrow
        Scale bar (true distances at the map's latitude), north arrow.
    attribution
        Credits of the drawn layers.
    sources, date
        The data sources and the date printed in the footer.
    """

    title: bool = True
    subtitle: bool = True
    sector_legend: bool = True
    size_legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = True
    attribution: bool = True
    sources: bool = True
    date: bool = True

    @property
    def legend(self) -> bool:
        """Whether any legend is drawn."""
        return self.sector_legend or self.size_legend

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The decorations, in order (``"title"``, ``"sector_legend"``...)."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def cli_names(cls) -> tuple[str, ...]:
        """The decorations as the command line names them (``"sector-legend"``...)."""
        return tuple(name.replace("_", "-") for name in cls.field_names())

    def without(self, names: Iterable[str]) -> Decorations:
        """A copy with the decorations called ``names`` (command-line or field names,
        any case) switched off.

        Raises
        ------
        ValueError
            For an unknown name (the message lists the known ones).
        """
        wanted = [n.strip().lower().replace("-", "_") for n in names if n.strip()]
        unknown = [n for n in wanted if n not in self.field_names()]
        if unknown:
            shown = ", ".join(repr(n.replace("_", "-")) for n in unknown)
            raise ValueError(
                f"unknown decoration(s) {shown}; choose from {', '.join(self.cli_names())}"
            )
        return replace(self, **dict.fromkeys(wanted, False))


#: The decorations of a snapshot spec unless it says otherwise (no north arrow).
DEFAULT_DECORATIONS = Decorations(north_arrow=False)


@dataclass(frozen=True)
class SnapshotSpec:
    """A map picture to render: the same spec drives the screen, PNG, SVG and PDF output.

    Parameters
    ----------
    frame
        What the map shows: its extent (grown on one axis to the aspect ratio of the map
        area, see :func:`fit_extent`), layers, year, scenario, hidden sectors, selection
        and names.
    width, height
        Size in pixels (1 to :data:`MAX_PIXELS` a side, :data:`MAX_MEGAPIXELS` in all).
    dpi
        Resolution (36 to 1200); text, line widths and symbols are ``dpi / 96`` times
        their screen size.
    title, subtitle
        Text drawn above the map; ``None`` (or empty) for none.
    decorations
        Which decorations are drawn (:class:`Decorations`). A title, subtitle, date or
        sources switched off there is left out of the spec (the field is ``None`` or
        empty), so that the spec says what the picture shows.
    date
        Date printed in the footer (``None``: no date). Part of the spec so that the
        same spec always gives the same picture.
    sources
        Data sources printed in the footer, each ``"title (vintage)"`` (see
        :func:`source_entries`); empty for none.
    layout
        :data:`LAYOUT_MAP` or :data:`LAYOUT_MAP_CHART`.
    chart_site
        Facility whose trajectory the chart of :data:`LAYOUT_MAP_CHART` shows; ``None``
        for the cluster.
    preview
        A reduced copy for the on-screen preview (:meth:`preview_of`): any positive dpi
        is accepted.
    """

    frame: MapFrame
    width: int = 1600
    height: int = 1000
    dpi: float = 96
    title: str | None = None
    subtitle: str | None = None
    decorations: Decorations = DEFAULT_DECORATIONS
    date: datetime.date | None = None
    sources: tuple[str, ...] = ()
    layout: str = LAYOUT_MAP
    chart_site: str | None = None
    preview: bool = False

    def __post_init__(self) -> None:
        # Typed titles and dataset sources end up in SVG, PDF and slides: no control
        # characters (the same text on screen and in every file).
        for name in ("title", "subtitle"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, xml_safe_text(value))
        if isinstance(self.sources, tuple):
            sources = tuple(xml_safe_text(s) if isinstance(s, str) else s for s in self.sources)
            object.__setattr__(self, "sources", sources)
        deco = self.decorations
        if not isinstance(deco, Decorations):
            return  # validate() says what is wrong
        for name, value, off in (
            ("title", self.title, None),
            ("subtitle", self.subtitle, None),
            ("date", self.date, None),
            ("sources", self.sources, ()),
        ):
            if not getattr(deco, name) and value:
                object.__setattr__(self, name, off)

    def validate(self) -> None:
        """Raise ValueError, with a message for the user, if the spec cannot be rendered."""
        check_size(self.width, self.height)
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, (int, float)):
            raise ValueError(f"the resolution must be a number of dpi, got {self.dpi!r}")
        low = 0.0 if self.preview else DPI_RANGE[0]
        if not (math.isfinite(self.dpi) and low <= self.dpi <= DPI_RANGE[1] and self.dpi > 0):
            raise ValueError(
                f"the resolution must be between {DPI_RANGE[0]} and {DPI_RANGE[1]} dpi,"
                f" got {self.dpi}"
            )
        if self.layout not in LAYOUTS:
            choices = ", ".join(LAYOUTS)
            raise ValueError(f"unknown layout {self.layout!r}; choose one of {choices}")
        if not isinstance(self.decorations, Decorations):
            raise ValueError(f"decorations must be a Decorations, got {self.decorations!r}")
        if self.date is not None and not isinstance(self.date, datetime.date):
            raise ValueError(f"the date must be a date, got {self.date!r}")
        if isinstance(self.sources, str) or not all(isinstance(s, str) for s in self.sources):
            raise ValueError(f"sources must be a sequence of texts, got {self.sources!r}")

    @property
    def aspect(self) -> float:
        """Width / height of the image."""
        return self.width / self.height

    @property
    def size_inches(self) -> tuple[float, float]:
        """Size of the image in inches at its resolution (for PDF pages)."""
        return (self.width / self.dpi, self.height / self.dpi)

    @property
    def size_mm(self) -> tuple[float, float]:
        """Size of the image in millimetres at its resolution."""
        return (pixels_to_mm(self.width, self.dpi), pixels_to_mm(self.height, self.dpi))

    @property
    def render_scale(self) -> float:
        """Multiplier of the screen sizes (pixels at 96 dpi) of text, lines and symbols."""
        return self.dpi / 96.0

    def preview_of(self, max_width: int, max_height: int) -> SnapshotSpec:
        """A reduced copy fitting ``max_width`` x ``max_height`` that looks the same.

        Width, height and dpi shrink by the same factor, so the layout (text sizes
        relative to the picture) does not change.
        """
        factor = min(max_width / self.width, max_height / self.height, 1.0)
        width = max(1, round(self.width * factor))
        height = max(1, round(self.height * factor))
        return replace(self, width=width, height=height, dpi=self.dpi * factor, preview=True)


def fit_extent(extent: Sequence[float], width: float, height: float) -> Extent:
    """Grow an extent on one axis so that it has the aspect ratio ``width / height``.

    Parameters
    ----------
    extent
        ``(xmin, ymin, xmax, ymax)``.
    width, height
        Target size (pixels or any unit), both positive.

    Returns
    -------
    tuple
        The extent, same centre, never smaller than the input on either axis.
    """
    xmin, ymin, xmax, ymax = check_extent(extent)
    if not (width > 0 and height > 0):
        raise ValueError(f"width and height must be positive, got {width} x {height}")
    target = width / height
    w, h = xmax - xmin, ymax - ymin
    cx, cy = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
    if w / h < target:
        w = h * target
    else:
        h = w / target
    return (cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0)


# -- sources line --------------------------------------------------------------------------

#: Layers drawn as the background of the map: their sources come after the others'.
BASEMAP_KINDS = frozenset({"land", "communes", "coastline"})


def _short(text: str) -> str:
    """The head of a source title or vintage: up to its first bracket, comma or colon."""
    cut = len(text)
    for mark in (" (", ", ", ": ", " via "):
        i = text.find(mark)
        if 0 < i < cut:
            cut = i
    return text[:cut].strip()


def source_entry(title: str, vintage: str | None) -> str:
    """``"title (vintage)"`` with both shortened; the vintage alone once if it repeats."""
    head = _short(title)
    when = _short(vintage or "")
    if not when or when.casefold() in head.casefold():
        return head
    if head.casefold() in when.casefold():
        return when
    return f"{head} ({when})"


def source_entries(project: Project, layers: Iterable[str] | None = None) -> tuple[str, ...]:
    """The data sources of the drawn layers, each ``"title (vintage)"``, for a footer.

    Parameters
    ----------
    project
        The project (its ``sources`` and the layers' ``source_ids``).
    layers
        Names of the layers drawn; ``None`` for the visible ones.

    Returns
    -------
    tuple of str
        Thematic layers first (top layer first), then the basemap layers; each source
        once, titles and vintages cut at their first bracket or comma.
    """
    wanted = None if layers is None else set(layers)
    chosen = [
        layer
        for layer in reversed(list(project.layers))
        if (layer.visible if wanted is None else layer.name in wanted)
    ]
    chosen.sort(key=lambda layer: layer.kind in BASEMAP_KINDS)  # stable: keeps the order
    entries: dict[str, None] = {}
    for layer in chosen:
        for sid in layer.source_ids:
            source = project.sources.get(sid)
            if source is not None:
                entries.setdefault(source_entry(source.title, source.vintage), None)
    return tuple(entries)
