"""The map scale (1:N) of a Web Mercator view, true at the map's latitude."""

from __future__ import annotations

import math

from dkgis.model.crs import mercator_scale_factor

#: Screen resolution assumed for the scale: Qt's device-independent pixel is 1/96 inch.
SCREEN_DPI = 96.0
METRES_PER_INCH = 0.0254


def scale_denominator(units_per_pixel: float, lat_deg: float, dpi: float = SCREEN_DPI) -> float:
    """Return N of the scale 1:N at which a Web Mercator view shows the ground.

    Parameters
    ----------
    units_per_pixel
        EPSG:3857 metres per screen pixel.
    lat_deg
        Latitude where the scale is true (the centre of the map), in degrees.
        Web Mercator stretches distances by ``1 / cos(lat)`` (about 1.59 at
        Dunkerque), so one map metre there is only 0.63 ground metres.
    dpi
        Screen pixels per inch.

    Returns
    -------
    float
        Ground metres shown by one metre of screen; NaN for unusable input.
    """
    if not (units_per_pixel > 0 and dpi > 0 and math.isfinite(units_per_pixel)):
        return math.nan
    ground_per_pixel = units_per_pixel / mercator_scale_factor(lat_deg)
    screen_per_pixel = METRES_PER_INCH / dpi
    return ground_per_pixel / screen_per_pixel
