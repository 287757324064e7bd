"""Default colours of the layers a user adds from their own files.

Saturated hues chosen far (CIELAB ΔE ≥ 25) from every colour of the sector
palette (:mod:`dkgis.symbology.sectors`), so that a user's points are never
mistaken for facilities of a sector, and far from one another.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

#: Colours of added layers, in the order they are given out.
USER_PALETTE: tuple[str, ...] = (
    "#E6007E",  # magenta
    "#005F73",  # dark teal
    "#FF7F00",  # orange
    "#0057B8",  # strong blue
    "#7B2D26",  # brown
    "#222222",  # near black
)


def next_user_colour(used: Iterable[str]) -> str:
    """The first palette colour not in ``used``; when all are, cycle on their number.

    Parameters
    ----------
    used
        Colours (``#rrggbb``, any case) of the user layers already on the map.
    """
    taken = [c.upper() for c in used]
    for colour in USER_PALETTE:
        if colour.upper() not in taken:
            return colour
    return USER_PALETTE[len(taken) % len(USER_PALETTE)]


def colour_distance(a: str, b: str) -> float:
    """CIE76 colour difference (ΔE) between two ``#rrggbb`` colours."""
    return float(np.linalg.norm(_lab(a) - _lab(b)))


def _lab(colour: str) -> np.ndarray:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255.0
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    xyz = to_xyz @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])
