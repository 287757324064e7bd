"""What to draw in a map image: the pure description shared by the map and the exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dkgis.model.mapview import Extent, check_extent

#: Largest width or height of a snapshot, in pixels.
MAX_PIXELS = 20000

#: Allowed resolutions, in dots per inch.
DPI_RANGE: tuple[int, int] = (36, 1200)


@dataclass(frozen=True)
class SnapshotSpec:
    """A map image to render: the same spec drives the screen, PNG, SVG and PDF output.

    Parameters
    ----------
    extent
        ``(xmin, ymin, xmax, ymax)`` in EPSG:3857. Use :func:`fit_extent` to give it
        the aspect ratio of ``width``/``height``.
    width, height
        Size in pixels (1 to 20000).
    dpi
        Resolution (36 to 1200); scales text and line widths.
    layers
        Names of the layers to draw, bottom to top; ``None`` for the project's
        visible layers.
    title, subtitle
        Text drawn above the map, if any.
    legend, attribution, scale_bar, north_arrow
        Decorations to draw.
    year
        Year of the emission values shown (emission layer and its legend);
        ``None`` for the project's current year (``project.display.year``).
    """

    extent: tuple[float, float, float, float]
    width: int = 1600
    height: int = 1000
    dpi: int = 96
    layers: tuple[str, ...] | None = None
    title: str | None = None
    subtitle: str | None = None
    legend: bool = True
    attribution: bool = True
    scale_bar: bool = True
    north_arrow: bool = False
    year: int | None = None

    def validate(self) -> None:
        """Raise ValueError, with a message for the user, if the spec cannot be rendered."""
        for name in ("width", "height"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"the image {name} must be a whole number of pixels: {value!r}")
            if not 0 < value <= MAX_PIXELS:
                raise ValueError(
                    f"the image {name} must be between 1 and {MAX_PIXELS} pixels, got {value}"
                )
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, (int, float)):
            raise ValueError(f"the resolution must be a number of dpi, got {self.dpi!r}")
        if not DPI_RANGE[0] <= self.dpi <= DPI_RANGE[1]:
            raise ValueError(
                f"the resolution must be between {DPI_RANGE[0]} and {DPI_RANGE[1]} dpi,"
                f" got {self.dpi}"
            )
        try:
            check_extent(self.extent)
        except ValueError as err:
            raise ValueError(f"the map extent is not usable: {err}") from None
        if self.year is not None:
            from dkgis.model.display import check_year

            check_year(self.year)
        if self.layers is not None and not all(isinstance(n, str) for n in self.layers):
            raise ValueError(f"layers must be layer names, got {self.layers!r}")

    @property
    def aspect(self) -> float:
        """Width / height of the image."""
        return self.width / self.height

    @property
    def size_inches(self) -> tuple[float, float]:
        """Size of the image in inches at its resolution (for PDF pages)."""
        return (self.width / self.dpi, self.height / self.dpi)


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
