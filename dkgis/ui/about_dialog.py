"""Help > About dkgis: the version, and every data source with its licence in plain words.

The dialog fits a 768-pixel-high screen: the sources scroll inside it. Each source
says who publishes it, what it is and under which licence, as the dataset's
sources table states it; the full provenance (what exactly was taken, from where,
of which date) is one click further.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dkgis import __version__, wording
from dkgis.model.text import is_web_url

if TYPE_CHECKING:
    from dkgis.model.facility import Source
    from dkgis.model.project import Project

#: The dialog never grows taller than this (pixels), so that it fits a 768-pixel screen.
MAX_HEIGHT = 640


class AboutDialog(QDialog):
    """The version of dkgis and the sources of the data shown, with their licences."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About dkgis"))
        self.project = project
        layout = QVBoxLayout(self)
        heading = QLabel(self)
        heading.setObjectName("aboutHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        heading.setText(
            f"<b>dkgis {html.escape(__version__)}</b><br>"
            + html.escape(
                self.tr("Decarbonization explorer for the Dunkerque industrial-port cluster.")
            )
        )
        layout.addWidget(heading)
        self.sources = QTextBrowser(self)
        self.sources.setObjectName("aboutSources")
        self.sources.setOpenExternalLinks(True)
        layout.addWidget(self.sources, 1)
        self.provenance_check = QCheckBox(self.tr("Show the full provenance of each source"), self)
        self.provenance_check.setObjectName("provenanceCheck")
        self.provenance_check.toggled.connect(self._fill)
        layout.addWidget(self.provenance_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        self._fit_screen()

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().height() if screen is not None else MAX_HEIGHT
        height = min(MAX_HEIGHT, max(available - 80, 320))
        self.setMaximumHeight(max(available - 40, 320))
        self.resize(620, height)

    def text(self) -> str:
        """The sources as plain text (as shown, with or without the provenance)."""
        return self.sources.toPlainText()

    def _fill(self) -> None:
        full = self.provenance_check.isChecked()
        groups: dict[tuple[str, str, str], list[Source]] = {}
        for source in sorted(self.project.sources.values(), key=_order):
            parts = wording.source_parts(source) or (source.title, "", source.licence)
            groups.setdefault(parts, []).append(source)
        items = "".join(self._group_html(parts, sources, full) for parts, sources in groups.items())
        title = html.escape(self.tr("Data sources"))
        self.sources.setHtml(f"<h4>{title}</h4>{items}")

    def _group_html(self, parts: tuple[str, str, str], sources: list[Source], full: bool) -> str:
        """One publisher's dataset and its licence (several source files may make it)."""
        esc = html.escape
        publisher, dataset, licence = parts
        head = f"<b>{esc(publisher)}</b>" + (f" — {esc(dataset)}" if dataset else "")
        licence_text = esc(self.tr("Licence: {licence}").format(licence=licence))
        body = f"<p style='margin:6px 0 0 0'>{head}<br>{licence_text}"
        if full:
            body += "".join(self._provenance_html(source) for source in sources)
        return body + "</p>"

    def _provenance_html(self, source: Source) -> str:
        esc = html.escape
        lines = [esc(source.title)]
        if source.vintage:
            lines.append(esc(self.tr("Date or period: {vintage}").format(vintage=source.vintage)))
        if is_web_url(source.url):
            lines.append(f"<a href='{esc(source.url)}'>{esc(source.url)}</a>")
        elif source.url:
            lines.append(esc(source.url))
        if source.file:
            lines.append(esc(self.tr("File: {name}").format(name=source.file)))
        return "<br><span style='color:#555'>" + "<br>".join(lines) + "</span>"


def _order(source: Source) -> tuple[str, str]:
    parts = wording.source_parts(source)
    return (parts[0].casefold(), parts[1].casefold()) if parts else (source.title.casefold(), "")
