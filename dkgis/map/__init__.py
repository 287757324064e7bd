"""Qt canvas: items, scene, canvas, tiles and the render path."""

from dkgis.qtcompat import protect_none

protect_none()
