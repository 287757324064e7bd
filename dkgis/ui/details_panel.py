"""The details panel: what is known about the selected facility."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from dkgis import wording
from dkgis.labels import precision_label, sector_label, status_label
from dkgis.model.frame import facility_value
from dkgis.model.kpis import site_kpi_lines
from dkgis.model.text import is_web_url
from dkgis.symbology.sectors import sector_colour

if TYPE_CHECKING:
    from dkgis.map.screen_frame import ScreenFrame
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project


class DetailsPanel(QWidget):
    """Name, operator, sector, status, location precision, the value on the map (the
    screen's frame: year, kind, scenario), the latest verified emissions (with year and
    source), and the jobs and investment stated by the sources (each with its source) of
    the selected facility."""

    def __init__(
        self, project: Project, screen: ScreenFrame, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        self.project = project
        self.screen = screen
        self._shown = screen.frame  # the frame whose value is shown
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detailsText")
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.browser)
        project.selection.changed.connect(self._on_selection_changed)
        screen.changed.connect(self._on_frame_changed)
        self._on_selection_changed(project.selection.ids)

    def text(self) -> str:
        """The panel's content as plain text."""
        return self.browser.toPlainText()

    def _on_frame_changed(self, frame: MapFrame) -> None:
        if not frame.same_values(self._shown) and len(self.project.selection) == 1:
            self._on_selection_changed(self.project.selection.ids)

    def _on_selection_changed(self, ids: frozenset[str]) -> None:
        if not ids:
            self.browser.setHtml(
                "<p style='color:#666'>"
                + html.escape(self.tr("Click a facility on the map to see its details."))
                + "</p>"
            )
            return
        if len(ids) > 1:
            self.browser.setHtml(
                "<p>" + html.escape(self.tr("%n facilities selected.", "", len(ids))) + "</p>"
            )
            return
        (fid,) = ids
        self.browser.setHtml(self._facility_html(fid))

    def _facility_html(self, fid: str) -> str:
        facility = self.project.facilities.get(fid)
        if facility is None:
            return ""
        esc = html.escape
        rows: list[tuple[str, str]] = []

        def row(label: str, value: str | None, raw: bool = False) -> None:
            if value:
                rows.append((label, value if raw else esc(value)))

        swatch = f"<span style='color:{sector_colour(facility.sector)}'>\u25cf</span> " + esc(
            sector_label(facility.sector)
        )
        row(self.tr("Operator"), facility.operator)
        row(self.tr("Sector"), swatch, raw=True)
        row(self.tr("Activity"), facility.subsector)
        row(
            self.tr("Status"),
            self.tr("{status} (as of {date})").format(
                status=status_label(facility.status), date=facility.status_as_of
            ),
        )
        row(self.tr("Commune"), facility.commune)
        row(self.tr("Location"), precision_label(facility.location_precision))
        if facility.colocated_with:
            names = [
                self.project.facilities[i].name
                for i in facility.colocated_with
                if i in self.project.facilities
            ]
            row(self.tr("Same point as"), ", ".join(names))
        self._shown = frame = self.screen.frame
        value = facility_value(self.project, frame, fid)
        row(wording.value_label(value.year), wording.value_text(value))
        latest = self.project.latest_verified(fid)
        if latest is not None:
            source = self.project.sources.get(latest.source_id)
            source_title = (source.attribution or source.title) if source else latest.source_id
            row(
                self.tr("Latest verified emissions"),
                self.tr("{value} in {year}").format(
                    value=wording.tonnes(latest.value_t), year=latest.year
                ),
            )
            row(self.tr("Source"), source_title)
        else:
            row(
                self.tr("Latest verified emissions"),
                self.tr("No verified value (not in the EU ETS data)"),
            )
        for line in site_kpi_lines(self.project, fid):
            value = esc(line.text)
            if line.source_url and is_web_url(line.source_url):
                value += f" <a href='{esc(line.source_url)}'>{esc(line.source_site)}</a>"
            row(line.label, value, raw=True)
        ids = [("EU ETS", facility.ets_id), ("IREP", facility.irep_id)]
        row(self.tr("Registry ids"), ", ".join(f"{k} {v}" for k, v in ids if v))
        row(self.tr("Note"), facility.note)
        body = "".join(
            f"<tr><td style='color:#555;padding-right:8px;vertical-align:top'>{esc(label)}</td>"
            f"<td>{value}</td></tr>"
            for label, value in rows
        )
        return f"<h3 style='margin-bottom:4px'>{esc(facility.name)}</h3><table>{body}</table>"
