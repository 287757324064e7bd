"""Area-true proportional symbols: circle radius proportional to the square root of the value.

A circle's *area* carries the value, so a site emitting four times as much is
drawn with twice the radius. The scale is fixed for a whole map (e.g. by the
largest value of any year) so that circles can be compared across years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ProportionalScale:
    """Maps values to circle radii: ``radius = max_radius * sqrt(value / max_value)``.

    Parameters
    ----------
    max_value
        The value drawn with ``max_radius`` (positive).
    max_radius
        Radius of ``max_value``, in pixels at 96 dpi (positive).
    """

    max_value: float
    max_radius: float

    def __post_init__(self) -> None:
        if not (self.max_value > 0 and math.isfinite(self.max_value)):
            raise ValueError(f"max_value must be a positive number, got {self.max_value!r}")
        if not (self.max_radius > 0 and math.isfinite(self.max_radius)):
            raise ValueError(f"max_radius must be a positive number, got {self.max_radius!r}")

    def radius(self, values: np.ndarray | float) -> np.ndarray:
        """Return the radius of each value (NaN stays NaN; negatives count as 0).

        Parameters
        ----------
        values
            Values in the unit of ``max_value``.

        Returns
        -------
        numpy.ndarray
            Radii in pixels at 96 dpi, same shape as ``values``.
        """
        v = np.asarray(values, dtype=float)
        with np.errstate(invalid="ignore"):
            return self.max_radius * np.sqrt(np.clip(v, 0.0, None) / self.max_value)

    def area(self, values: np.ndarray | float) -> np.ndarray:
        """Return the circle area of each value, in square pixels (proportional to it)."""
        return math.pi * self.radius(values) ** 2

    def value(self, radius: np.ndarray | float) -> np.ndarray:
        """Inverse of :meth:`radius`: the value drawn with a given radius."""
        r = np.asarray(radius, dtype=float)
        return self.max_value * (r / self.max_radius) ** 2


def scale_for(values: np.ndarray, max_radius: float) -> ProportionalScale | None:
    """Return the scale that draws the largest finite value of ``values`` at ``max_radius``.

    Returns ``None`` when there is no positive value to scale.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    top = float(v.max()) if v.size else 0.0
    if top <= 0:
        return None
    return ProportionalScale(top, max_radius)


def nice_floor(value: float) -> float:
    """Largest number of the 1-2-5 series (1, 2, 5, 10, 20...) not above ``value`` (> 0)."""
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"need a positive number, got {value!r}")
    exp = math.floor(math.log10(value))
    for mantissa in (5, 2, 1):
        candidate = mantissa * 10.0**exp
        if candidate <= value * (1 + 1e-12):
            return candidate
    return 0.5 * 10.0**exp  # only reached through rounding


def legend_values(max_value: float, count: int = 3, ratio: float = 4.0) -> tuple[float, ...]:
    """Values for a nested-circle size legend, largest first.

    The largest is the biggest round number (1, 2 or 5 x 10^n) not above
    ``max_value``; each next one is the biggest round number at most
    ``1/ratio`` of the previous, so radii roughly halve from circle to circle.

    Parameters
    ----------
    max_value
        The largest value on the map (positive).
    count
        How many values (at least 1).
    ratio
        Smallest ratio between two consecutive values (> 1).

    Returns
    -------
    tuple of float
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    if ratio <= 1:
        raise ValueError(f"ratio must be above 1, got {ratio}")
    values = [nice_floor(max_value)]
    while len(values) < count:
        values.append(nice_floor(values[-1] / ratio))
    return tuple(values)
