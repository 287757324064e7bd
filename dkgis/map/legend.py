"""The map legend: what each symbol means, drawn over the map and in every export.

Sections follow the layers of the map frame: sectors (without the hidden ones),
status and location of the facilities, the emission circles with a
nested-circle size legend (unit, year, what the values are, source), and the
networks. The sentences about the values come from :mod:`dkgis.wording`.
:class:`dkgis.map.decorations.DecorationsItem` draws them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from dkgis import wording
from dkgis.map import style, symbols
from dkgis.map.emission_item import emission_scale, jobs_scale, jobs_values
from dkgis.model.display import SIZE_JOBS
from dkgis.model.frame import EMISSION_LAYER, frame_emissions
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.proportional import legend_values
from dkgis.symbology.sectors import SECTORS

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Grey used for the symbols of the status and location rows.
NEUTRAL = "#8c8c8c"


def tr(text: str) -> str:
    """Translate a legend string (context ``MapDecorations``)."""
    return QCoreApplication.translate("MapDecorations", text)


@dataclass
class LegendRow:
    """One line: a swatch (painted centred on a point) and a text; notes have no swatch."""

    text: str
    swatch: Callable[[QPainter, QPointF], None] | None = None
    note: bool = False


@dataclass
class LegendBlock:
    """A drawing of its own size, e.g. the nested circles of the size legend."""

    width: float
    height: float
    paint: Callable[[QPainter, QRectF], None]


@dataclass
class LegendSection:
    """A heading and its rows."""

    heading: str
    rows: list[LegendRow | LegendBlock] = field(default_factory=list)


class LegendContent:
    """Builds the legend sections of a map frame at a render scale.

    Parameters
    ----------
    project
        The project drawn.
    frame
        What the map shows: its layers, hidden sectors, year and scenario.
    scale
        Pixel sizes multiplier (dpi / 96).
    font, note_font
        Fonts of the rows and of the notes.
    """

    def __init__(
        self, project: Project, frame: MapFrame, scale: float, font: QFont, note_font: QFont
    ) -> None:
        self.project = project
        self.frame = frame
        self.s = scale
        self.font = font
        self.note_font = note_font
        self.style = FacilityStyle.of(project)
        self.drawn = set(frame.layers)

    def sections(self, keys: bool = True, sizes: bool = True) -> list[LegendSection]:
        """The sections for the visible layers, top to bottom.

        Parameters
        ----------
        keys
            Include the symbol keys (sectors, status, networks, added layers).
        sizes
            Include the emission size legend.
        """
        project = self.project
        show_fac = "facilities" in self.drawn and bool(project.facilities)
        show_em = EMISSION_LAYER in self.drawn and bool(project.facilities)
        sections: list[LegendSection] = []
        if keys and (show_fac or show_em):
            sections.append(self._sector_section())
        if keys and show_fac:
            sections.append(self._status_section())
        if sizes and show_em:
            sections.append(self._emission_section())
        if keys:
            networks = self._network_section()
            if networks is not None:
                sections.append(networks)
            sections.extend(self._user_sections())
        return [section for section in sections if section.rows]

    def _user_sections(self) -> list[LegendSection]:
        """Layers added from the user's own files (drawn by :mod:`dkgis.map.user_items`)."""
        from dkgis.map.user_items import legend_sections

        return [
            LegendSection(heading, [LegendRow(text, swatch) for text, swatch in rows])
            for heading, rows in legend_sections(self.project, self.frame, self.s)
        ]

    def size_sections(self) -> list[LegendSection]:
        """Only the emission size legend, when the emission layer is drawn (the screen
        shows the other keys in the Legend dock)."""
        if EMISSION_LAYER in self.drawn and self.project.facilities:
            return [self._emission_section()]
        return []

    # -- sections ------------------------------------------------------------------------
    def _sector_section(self) -> LegendSection:
        frame = self.frame
        present = set(self.style.sector_ids)
        rows: list[LegendRow | LegendBlock] = [
            LegendRow(tr(s.label), partial(self._facility, colour=s.colour))
            for s in SECTORS
            if s.id in present and frame.is_sector_visible(s.id)
        ]
        hidden = len([s for s in present if not frame.is_sector_visible(s)])
        if hidden:
            rows.append(LegendRow(tr("{n} sector(s) hidden").format(n=hidden), note=True))
        return LegendSection(tr("Facilities by sector"), rows)

    def _status_section(self) -> LegendSection:
        hidden = self.frame.hidden_sectors
        classes = self.style.classes_shown(hidden)
        rows: list[LegendRow | LegendBlock] = [
            LegendRow(tr("Operating"), partial(self._facility, colour=NEUTRAL))
        ]
        if "planned" in classes:
            rows.append(
                LegendRow(
                    tr("Announced or under construction"),
                    partial(self._facility, colour=NEUTRAL, status_class="planned"),
                )
            )
        if "ended" in classes:
            rows.append(
                LegendRow(
                    tr("Closed"), partial(self._facility, colour=NEUTRAL, status_class="ended")
                )
            )
        if self.style.approximate_shown(hidden):
            rows.append(
                LegendRow(
                    tr("Approximate location (commune, postcode)"),
                    partial(self._facility, colour=NEUTRAL, approximate=True),
                )
            )
        if self.style.spread_shown(hidden):
            rows.append(LegendRow(tr("Sites sharing one point, spread around it"), self._spread))
        return LegendSection(tr("Status and location"), rows)

    def _emission_section(self) -> LegendSection:
        project, frame = self.project, self.frame
        if frame.circle_size == SIZE_JOBS:
            return self._jobs_section()
        values = frame_emissions(project, frame)
        visible = self.style.sector_mask(frame.hidden_sectors) & self.style.has_point
        rows: list[LegendRow | LegendBlock] = []
        scale = emission_scale(project)
        if scale is not None:
            rows.append(self._size_block(scale))
        rows.append(LegendRow(wording.circle_area_note(), note=True))
        has = values.has_data & visible
        if ((values.values == 0) & has).any():
            rows.append(LegendRow(wording.zero_label(), self._zero))
        if (~values.has_data & visible).any():
            rows.append(LegendRow(wording.no_data_for(frame.year), self._no_data))
        if values.is_projected and values.last_verified is not None:
            note = wording.projection_note(frame.scenario.name, values.last_verified)
            rows.append(LegendRow(note, note=True))
        rows.append(LegendRow(wording.emission_source_note(values.is_projected), note=True))
        return LegendSection(wording.legend_heading(frame.year), rows)

    def _jobs_section(self) -> LegendSection:
        """The size legend of circles sized by the direct jobs the sources state."""
        project = self.project
        visible = self.style.sector_mask(self.frame.hidden_sectors) & self.style.has_point
        rows: list[LegendRow | LegendBlock] = []
        scale = jobs_scale(project)
        if scale is not None:
            rows.append(self._size_block(scale, wording.jobs))
        rows.append(LegendRow(wording.jobs_area_note(), note=True))
        if (~np.isfinite(jobs_values(project)) & visible).any():
            rows.append(LegendRow(wording.jobs_not_stated(), self._no_data))
        rows.append(LegendRow(wording.jobs_source_note(), note=True))
        return LegendSection(wording.jobs_heading(), rows)

    def _network_section(self) -> LegendSection | None:
        networks = self.project.layers.get("infrastructure")
        if networks is None or networks.name not in self.drawn:
            return None
        kinds = set(networks.data.columns.get("kind", ()))
        labels = {
            "gas_pipeline": tr("Gas pipeline"),
            "hydrogen_pipeline": tr("Hydrogen pipeline (proposed)"),
        }
        rows: list[LegendRow | LegendBlock] = [
            LegendRow(labels[kind], partial(self._line, line_style=line_style))
            for kind, line_style in style.INFRASTRUCTURE.items()
            if kind in kinds
        ]
        return LegendSection(tr("Networks"), rows)

    # -- swatches ------------------------------------------------------------------------
    def _facility(
        self,
        painter: QPainter,
        centre: QPointF,
        colour: str,
        status_class: str = "operating",
        approximate: bool = False,
    ) -> None:
        symbols.paint_facility(painter, centre, self.s, colour, status_class, approximate)

    def _spread(self, painter: QPainter, centre: QPointF) -> None:
        s = self.s
        r = symbols.facility_radius(s) * 0.75
        a = QPointF(centre.x() - r - 1.5 * s, centre.y() + r * 0.35)
        b = QPointF(centre.x() + r + 1.5 * s, centre.y() + r * 0.35)
        true_point = QPointF(centre.x(), centre.y() - r * 0.9)
        pen = QPen(QColor(style.LEADER_COLOUR))
        pen.setWidthF(style.LEADER_WIDTH * s)
        painter.setPen(pen)
        painter.drawLine(true_point, a)
        painter.drawLine(true_point, b)
        for p in (a, b):
            painter.setPen(QPen(QColor(style.FACILITY_OUTLINE), style.FACILITY_OUTLINE_WIDTH * s))
            painter.setBrush(QColor(NEUTRAL))
            painter.drawEllipse(p, r, r)
        symbols.paint_true_point(painter, true_point, s)

    def _no_data(self, painter: QPainter, centre: QPointF) -> None:
        symbols.paint_no_data(painter, centre, self.s)

    def _zero(self, painter: QPainter, centre: QPointF) -> None:
        symbols.paint_zero(painter, centre, self.s, NEUTRAL)

    def _line(self, painter: QPainter, centre: QPointF, line_style) -> None:
        s = self.s
        pen = QPen(QColor(line_style.colour))
        pen.setWidthF(line_style.width * s)
        if line_style.dash:
            pen.setDashPattern(list(line_style.dash))
        painter.setPen(pen)
        half = style.FACILITY_RADIUS * s + 2 * s
        painter.drawLine(
            QPointF(centre.x() - half, centre.y()), QPointF(centre.x() + half, centre.y())
        )

    def _size_block(self, scale, label: Callable[[float], str] | None = None) -> LegendBlock:
        """Nested circles, bottom-aligned, each with a leader line to its value (written by
        ``label``; default: megatonnes)."""
        s = self.s
        values = legend_values(scale.max_value, 3)
        radii = [float(scale.radius(v)) * s for v in values]
        fm = QFontMetricsF(self.font)
        labels = [(label or wording.megatonnes)(v) for v in values]
        big = radii[0]
        gap = 8 * s
        width = 2 * big + gap + max(fm.horizontalAdvance(t) for t in labels) + 4 * s
        height = 2 * big + fm.height() / 2 + 4 * s

        def paint(painter: QPainter, box: QRectF) -> None:
            cx = box.left() + big + 2 * s
            bottom = box.bottom() - 2 * s
            fill = QColor(NEUTRAL)
            fill.setAlphaF(0.18)
            pen = QPen(QColor("#555555"))
            pen.setWidthF(style.EMISSION_OUTLINE_WIDTH * s)
            leader = QPen(QColor("#777777"))
            leader.setWidthF(0.7 * s)
            label_x = cx + big + gap
            last_y = -math.inf
            for radius, text in zip(radii, labels, strict=True):
                painter.setPen(pen)
                painter.setBrush(fill)
                painter.drawEllipse(QPointF(cx, bottom - radius), radius, radius)
                top = bottom - 2 * radius
                y = max(top, last_y + fm.height() * 0.95)
                painter.setPen(leader)
                painter.drawLine(QPointF(cx, top), QPointF(label_x - 2 * s, y))
                painter.setFont(self.font)
                painter.setPen(QColor(style.TEXT))
                painter.drawText(QPointF(label_x, y + (fm.ascent() - fm.descent()) / 2), text)
                last_y = y

        return LegendBlock(width, height, paint)
