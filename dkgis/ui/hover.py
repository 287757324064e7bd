"""The tooltip shown when the mouse rests over facilities on the map."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint
from PySide6.QtWidgets import QToolTip

from dkgis import wording
from dkgis.labels import precision_label, sector_label
from dkgis.model.frame import facility_value
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.map.canvas import MapCanvas
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Facilities listed in one tooltip; sites sharing a point beyond that are counted.
MAX_LISTED = 6
#: Location precisions that place a symbol only roughly; the tooltip says so.
APPROXIMATE = frozenset({"nearby", "postcode", "commune"})


def emission_text(project: Project, frame: MapFrame, facility_id: str) -> str:
    """``CO₂ emissions 2030: 412,000 t CO₂e · projected · scenario Announced plans``: the
    map's value of the facility in ``frame``, or "no data" (never a made-up 0)."""
    return wording.value_line(facility_value(project, frame, facility_id))


def facility_tooltip(project: Project, frame: MapFrame, facility_ids: Sequence[str]) -> str:
    """Rich text for the facilities under the cursor: name, sector, their value in the
    map's ``frame`` (and the location precision when the symbol's position is only
    approximate).

    Empty when ``facility_ids`` is. Facilities placed at the same point (a
    commune centre, say) are listed together, up to :data:`MAX_LISTED`.
    """
    blocks = []
    for fid in facility_ids[:MAX_LISTED]:
        facility = project.facilities.get(fid)
        if facility is None:
            continue
        swatch = f"<span style='color:{sector_colour(facility.sector)}'>\u25cf</span>"
        blocks.append(
            f"<nobr><b>{html.escape(facility.display_name)}</b></nobr><br>"
            f"<nobr>{swatch} {html.escape(sector_label(facility.sector))}</nobr><br>"
            f"<nobr>{html.escape(emission_text(project, frame, fid))}</nobr>"
            + (
                f"<br><nobr><i style='color:#666'>"
                f"{html.escape(precision_label(facility.location_precision))}</i></nobr>"
                if facility.location_precision in APPROXIMATE
                else ""
            )
        )
    if not blocks:
        return ""
    extra = len(facility_ids) - MAX_LISTED
    if extra > 0:
        blocks.append(
            "<i>"
            + html.escape(
                QCoreApplication.translate("FacilityTooltip", "and %n more here", "", extra)
            )
            + "</i>"
        )
    return "<qt>" + "<hr>".join(blocks) + "</qt>"


class FacilityTooltips(QObject):
    """Shows :func:`facility_tooltip` next to the cursor as it moves over facilities, with
    their values in the screen's frame."""

    def __init__(self, project: Project, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.project = project
        self.canvas = canvas
        self.text = ""
        canvas.hover_tool.facilities_hovered.connect(self._on_facilities_hovered)

    def _on_facilities_hovered(self, ids: list[str], global_pos: QPoint) -> None:
        self.text = facility_tooltip(self.project, self.canvas.screen_frame.frame, ids)
        viewport = self.canvas.viewport()
        # The widget's tooltip makes the text show again after a pause over the same point.
        viewport.setToolTip(self.text)
        if self.text:
            QToolTip.showText(global_pos, self.text, viewport)
        else:
            QToolTip.hideText()
