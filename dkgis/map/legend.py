"""The map legend: what each symbol means, drawn over the map and in every export.

Sections follow the visible layers: sectors (without the hidden ones),
status and location of the facilities, the emission circles with a
nested-circle size legend (unit, year, source), and the networks.
:class:`dkgis.map.decorations.DecorationsItem` draws them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from dkgis.map import style, symbols
from dkgis.map.emission_item import emission_scale, jobs_scale, jobs_values
from dkgis.model.display import SIZE_JOBS
from dkgis.model.yearly import LAST_VERIFIED, emissions_for_year
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.proportional import legend_values
from dkgis.symbology.sectors import SECTORS

if TYPE_CHECKING:
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


def format_megatonnes(tonnes: float) -> str:
    """``10 Mt``, ``0.5 Mt`` (``0,5 Mt`` in French), with the user's locale."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English)
    return tr("{value} Mt").format(value=locale.toString(tonnes / 1e6, "g", 3))


def format_jobs(jobs: float) -> str:
    """``3,000 jobs`` (« 3 000 emplois ») in the chosen language."""
    from dkgis.i18n import format_number

    return tr("{value} jobs").format(value=format_number(jobs))


class LegendContent:
    """Builds the legend sections of a project at a render scale.

    Parameters
    ----------
    project
        The project drawn.
    scale
        Pixel sizes multiplier (dpi / 96).
    year
        The year of the emission layer.
    font, note_font
        Fonts of the rows and of the notes.
    drawn
        Names of the layers drawn (default: the visible layers).
    """

    def __init__(
        self,
        project: Project,
        scale: float,
        year: int,
        font: QFont,
        note_font: QFont,
        drawn: set[str] | None = None,
        scenario=None,
    ) -> None:
        self.project = project
        #: Scenario of projected values after the verified record (exports), or None.
        self.scenario = scenario
        self.s = scale
        self.year = year
        self.font = font
        self.note_font = note_font
        self.style = FacilityStyle.of(project)
        if drawn is None:
            drawn = {layer.name for layer in project.layers if layer.visible}
        self.drawn = drawn

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
        show_em = "emissions" in self.drawn and bool(project.facilities)
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
            for heading, rows in legend_sections(self.project, self.s)
        ]

    def size_sections(self) -> list[LegendSection]:
        """Only the emission size legend, when the emission layer is drawn (the screen
        shows the other keys in the Legend dock)."""
        if "emissions" in self.drawn and self.project.facilities:
            return [self._emission_section()]
        return []

    # -- sections ------------------------------------------------------------------------
    def _sector_section(self) -> LegendSection:
        display = self.project.display
        present = set(self.style.sector_ids)
        rows: list[LegendRow | LegendBlock] = [
            LegendRow(tr(s.label), partial(self._facility, colour=s.colour))
            for s in SECTORS
            if s.id in present and display.is_sector_visible(s.id)
        ]
        hidden = len([s for s in present if not display.is_sector_visible(s)])
        if hidden:
            rows.append(LegendRow(tr("{n} sector(s) hidden").format(n=hidden), note=True))
        return LegendSection(tr("Facilities by sector"), rows)

    def _status_section(self) -> LegendSection:
        hidden = self.project.display.hidden_sectors
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
        project = self.project
        if project.display.circle_size == SIZE_JOBS:
            return self._jobs_section()
        values = (
            emissions_for_year(project, self.year, self.scenario)
            if self.scenario is not None
            else project.scenarios.year_emissions(self.year)
        )
        visible = self.style.sector_mask(project.display.hidden_sectors) & self.style.has_point
        heading = tr("CO₂ emissions {year}").format(year=self.year)
        rows: list[LegendRow | LegendBlock] = []
        scale = emission_scale(project)
        if scale is not None:
            rows.append(self._size_block(scale))
        rows.append(LegendRow(tr("Circle area ∝ t CO₂e per year"), note=True))
        has = values.has_data & visible
        if ((values.values == 0) & has).any():
            rows.append(LegendRow(tr("Verified zero"), self._zero))
        if (~values.has_data & visible).any():
            rows.append(LegendRow(tr("No data for {year}").format(year=self.year), self._no_data))
        if values.is_carried_forward and (values.kinds == LAST_VERIFIED).any():
            rows.append(
                LegendRow(
                    tr("Last verified value ({year}), not a projection").format(
                        year=values.basis_year
                    ),
                    note=True,
                )
            )
        if values.is_projected:
            rows.append(
                LegendRow(
                    tr("Projected ({scenario}) from the verified values to {year}").format(
                        scenario=values.scenario, year=values.basis_year
                    ),
                    note=True,
                )
            )
            rows.append(
                LegendRow(tr("Source: EU ETS verified data, projected by dkgis"), note=True)
            )
        else:
            rows.append(LegendRow(tr("Source: EU ETS verified emissions"), note=True))
        return LegendSection(heading, rows)

    def _jobs_section(self) -> LegendSection:
        """The size legend of circles sized by the direct jobs the sources state."""
        project = self.project
        visible = self.style.sector_mask(project.display.hidden_sectors) & self.style.has_point
        rows: list[LegendRow | LegendBlock] = []
        scale = jobs_scale(project)
        if scale is not None:
            rows.append(self._size_block(scale, format_jobs))
        rows.append(
            LegendRow(tr("Circle area ∝ direct jobs (site or project), any year"), note=True)
        )
        if (~np.isfinite(jobs_values(project)) & visible).any():
            rows.append(LegendRow(tr("Direct jobs not stated"), self._no_data))
        rows.append(LegendRow(tr("Source: press and company pages (see each site)"), note=True))
        return LegendSection(tr("Direct jobs stated by the sources"), rows)

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
        labels = [(label or format_megatonnes)(v) for v in values]
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
