"""The details panel: what is known about the selected facility."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QToolButton, QVBoxLayout, QWidget

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
    """What a user needs to know of the selected facility, in plain words: name,
    sector, operator, commune, status, the value on the map (the screen's frame: year,
    kind, scenario), the latest verified emissions, the main announced measures with
    their years, its targets, and the jobs and investment stated by the sources. Notes
    on the data (the dataset's note, the caveats that apply, the sources and registry
    numbers) sit under a "Notes on the data" button, folded at first."""

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
        self.notes_button = QToolButton(self)
        self.notes_button.setObjectName("notesButton")
        self.notes_button.setText(self.tr("Notes on the data"))
        self.notes_button.setCheckable(True)
        self.notes_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.notes_button.setArrowType(Qt.ArrowType.RightArrow)
        self.notes_button.setAutoRaise(True)
        self.notes_button.toggled.connect(self._on_notes_toggled)
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("notesText")
        self.notes.setOpenExternalLinks(True)
        self.notes.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.browser, 3)
        layout.addWidget(self.notes_button)
        layout.addWidget(self.notes, 2)
        project.selection.changed.connect(self._on_selection_changed)
        screen.changed.connect(self._on_frame_changed)
        self._on_selection_changed(project.selection.ids)

    def text(self) -> str:
        """The panel's content as plain text (the notes included, even when folded)."""
        notes = self.notes.toPlainText() if self.notes_button.isVisible() else ""
        return self.browser.toPlainText() + ("\n" + notes if notes else "")

    def _on_notes_toggled(self, shown: bool) -> None:
        self.notes.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.notes_button.setArrowType(arrow)

    def _on_frame_changed(self, frame: MapFrame) -> None:
        if not frame.same_values(self._shown) and len(self.project.selection) == 1:
            self._on_selection_changed(self.project.selection.ids)

    def _on_selection_changed(self, ids: frozenset[str]) -> None:
        self.notes.clear()
        self.notes_button.setVisible(False)
        self.notes.setVisible(False)
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
        notes = self._notes_html(fid)
        if notes:
            self.notes.setHtml(notes)
            self.notes_button.setVisible(True)
            self.notes.setVisible(self.notes_button.isChecked())

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
        row(self.tr("Sector"), swatch, raw=True)
        row(self.tr("Activity"), facility.activity)
        row(self.tr("Operator"), facility.operator)
        row(self.tr("Commune"), facility.commune)
        row(
            self.tr("Status"),
            status_label(facility.status)
            + (
                f" ({wording.status_as_of(facility.status_as_of)})" if facility.status_as_of else ""
            ),
        )
        row(self.tr("Location"), precision_label(facility.location_precision))
        if facility.colocated_with:
            names = [
                self.project.facilities[i].display_name
                for i in facility.colocated_with
                if i in self.project.facilities
            ]
            row(self.tr("Same point as"), ", ".join(names))
        self._shown = frame = self.screen.frame
        value = facility_value(self.project, frame, fid)
        row(wording.value_label(value.year), wording.value_text(value))
        latest = self.project.latest_verified(fid)
        if latest is not None:
            row(
                self.tr("Latest verified emissions"),
                self.tr("{value} in {year}").format(
                    value=wording.tonnes(latest.value_t), year=latest.year
                ),
            )
        else:
            row(
                self.tr("Latest verified emissions"),
                self.tr("No verified value (not in the EU ETS data)"),
            )
        measures = self._measures(fid)
        if measures:
            row(self.tr("Announced measures"), "<br>".join(measures), raw=True)
        targets = [wording.target_text(t) for t in self.project.targets_for(fid)]
        row(
            self.tr("Target"),
            "<br>".join(esc(t) for t in targets) or esc(self.tr("none stated for the site")),
            raw=True,
        )
        for line in site_kpi_lines(self.project, fid):
            value = esc(line.text)
            if line.source_url and is_web_url(line.source_url):
                value += f" <a href='{esc(line.source_url)}'>{esc(line.source_site)}</a>"
            row(line.label, value, raw=True)
        body = "".join(
            f"<tr><td style='color:#555;padding-right:8px;vertical-align:top'>{esc(label)}</td>"
            f"<td>{value}</td></tr>"
            for label, value in rows
        )
        title = esc(facility.display_name)
        return f"<h3 style='margin-bottom:4px'>{title}</h3><table>{body}</table>"

    def _measures(self, fid: str) -> list[str]:
        """The facility's announced measures (not other sources' versions of them), by
        year: ``2029 · name (status)``, linked to their source page."""
        esc = html.escape
        measures = [m for m in self.project.measures_for(fid) if m.variant_of is None]
        measures.sort(key=lambda m: (m.start_year is None, m.start_year or 0))
        lines = []
        for m in measures[:MAX_MEASURES]:
            text = esc(m.display_name)
            status = m.status_text
            if status:
                text += f" <span style='color:#555'>({esc(status)})</span>"
            if m.start_year is not None:
                text = f"<b>{m.start_year}</b> · " + text
            if is_web_url(m.source_url):
                text = f"<a href='{esc(m.source_url)}' style='color:inherit'>{text}</a>"
            lines.append(text)
        return lines

    def _notes_html(self, fid: str) -> str:
        """Notes on the data of a facility: its note, the caveats that apply to it, its
        sources and its registry numbers (all data text, in the language when the data
        has it)."""
        facility = self.project.facilities.get(fid)
        if facility is None:
            return ""
        esc = html.escape
        parts = []
        note = facility.note_text
        if note:
            parts.append(f"<p>{esc(note)}</p>")
        for caveat in self.project.caveats_for(fid):
            parts.append(f"<p>\u26a0 {esc(caveat.text)}</p>")
        sources = wording.source_entries_of(self.project, facility.all_source_ids)
        if sources:
            items = "".join(f"<li>{esc(entry)}</li>" for entry in sources)
            heading = esc(self.tr("Sources:"))
            parts.append(f"<p style='margin-bottom:0'>{heading}</p><ul>{items}</ul>")
        ids = [("EU ETS", facility.ets_id), ("IREP", facility.irep_id)]
        numbers = ", ".join(f"{k} {v}" for k, v in ids if v)
        if numbers:
            text = self.tr("Registry numbers: {ids}").format(ids=numbers)
            parts.append(f"<p style='color:#555'>{esc(text)}</p>")
        return "".join(parts)


#: At most this many measures are listed (the most recent plans of a site are few).
MAX_MEASURES = 6
