"""Status-bar read-outs: the cursor's position (WGS84 and Lambert-93) and the map scale."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRunnable, Qt, QThreadPool
from PySide6.QtWidgets import QLabel, QStatusBar

from dkgis.labels import format_number
from dkgis.model import lambert93
from dkgis.model.crs import mercator_to_lonlat, mercator_y_to_lat
from dkgis.model.scale import SCREEN_DPI, scale_denominator

if TYPE_CHECKING:
    from dkgis.map.canvas import MapCanvas


def _tr(text: str) -> str:
    return QCoreApplication.translate("CursorStatus", text)


def format_lonlat(lon: float, lat: float) -> str:
    """``"51.03512° N  2.37641° E"``: WGS84 degrees with 5 decimals (about 1 m)."""
    t = QCoreApplication.translate
    ns = t("CursorStatus", "N", "north") if lat >= 0 else t("CursorStatus", "S", "south")
    ew = t("CursorStatus", "E", "east") if lon >= 0 else t("CursorStatus", "W", "west")
    return f"{format_number(abs(lat), 5)}° {ns}  {format_number(abs(lon), 5)}° {ew}"


def format_scale(denominator: float) -> str:
    """``"1:25,000"`` (locale grouping); empty for an unusable value."""
    if not math.isfinite(denominator) or denominator <= 0:
        return ""
    return "1:" + format_number(round(denominator))


class _WarmUp(QRunnable):
    """Imports pyproj and builds the Lambert-93 transformer off the GUI thread."""

    def run(self) -> None:
        lambert93.warm_up()


class CursorStatus:
    """Labels added to a status bar, fed by the canvas.

    Attributes
    ----------
    wgs84_label, lambert_label, scale_label
        Permanent status-bar widgets (objectNames ``wgs84Label``,
        ``lambert93Label``, ``scaleLabel``).
    """

    def __init__(self, status_bar: QStatusBar, canvas: MapCanvas, dpi: float = SCREEN_DPI):
        self.canvas = canvas
        self.dpi = dpi
        self.wgs84_label = self._label(status_bar, "wgs84Label", 190)
        self.lambert_label = self._label(status_bar, "lambert93Label", 230)
        self.scale_label = self._label(status_bar, "scaleLabel", 100)
        self.wgs84_label.setToolTip(_tr("Cursor position, WGS84 longitude and latitude"))
        self.lambert_label.setToolTip(_tr("Cursor position, Lambert-93 (EPSG:2154) in metres"))
        self.scale_label.setToolTip(
            _tr("Map scale at the centre of the map (Mercator stretch accounted for)")
        )
        canvas.hover_tool.cursor_moved.connect(self.show_position)
        canvas.hover_tool.cursor_left.connect(self.clear_position)
        canvas.viewbox.sigRangeChanged.connect(self.update_scale)
        canvas.viewbox.sigResized.connect(self.update_scale)
        self.update_scale()

    @staticmethod
    def _label(status_bar: QStatusBar, name: str, width: int) -> QLabel:
        label = QLabel(status_bar)
        label.setObjectName(name)
        label.setMinimumWidth(width)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status_bar.addPermanentWidget(label)
        return label

    @staticmethod
    def start_warm_up() -> None:
        """Prepare the Lambert-93 transformer in the background (call after the first frame)."""
        if not lambert93.is_ready():
            QThreadPool.globalInstance().start(_WarmUp())

    def show_position(self, x: float, y: float) -> None:
        """Show the map point ``(x, y)`` (EPSG:3857) in WGS84 and Lambert-93."""
        lon, lat = mercator_to_lonlat(x, y)
        self.wgs84_label.setText(format_lonlat(lon, lat))
        converted = lambert93.to_lambert93(lon, lat)
        if converted is None:
            self.lambert_label.setText(_tr("Lambert-93 unavailable"))
            self.lambert_label.setToolTip(lambert93.unavailable_reason() or "")
            return
        lx, ly = converted
        if math.isfinite(lx) and math.isfinite(ly):
            self.lambert_label.setText(
                _tr("Lambert-93  X {x}  Y {y} m").format(x=format_number(lx), y=format_number(ly))
            )
        else:
            self.lambert_label.setText(_tr("Lambert-93: outside the projection"))

    def clear_position(self) -> None:
        """The cursor is off the map: show no position."""
        self.wgs84_label.clear()
        self.lambert_label.clear()

    def update_scale(self, *args) -> None:
        """Show the current scale, true at the latitude of the map's centre."""
        (x0, x1), (y0, y1) = self.canvas.viewbox.viewRange()
        width = self.canvas.viewbox.width()
        if width <= 0:
            return
        lat = mercator_y_to_lat((y0 + y1) / 2)
        denominator = scale_denominator((x1 - x0) / width, lat, self.dpi)
        self.scale_label.setText(format_scale(denominator))
