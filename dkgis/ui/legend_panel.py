"""The legend dock: the sectors with their colour and a box to show or hide each, what
the emission circles' size shows (CO2 or jobs), and a key to the symbols (status,
approximate location, emission markers)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dkgis.labels import sector_label
from dkgis.map import symbols
from dkgis.model.display import SIZE_CO2, SIZE_JOBS
from dkgis.symbology.sectors import SECTORS, UNKNOWN_COLOUR, sector_colour

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkgis.model.project import Project

SECTOR_ROLE = Qt.ItemDataRole.UserRole
ICON_SIZE = 22
NEUTRAL = "#8c8c8c"


def symbol_icon(paint: Callable[[QPainter, QPointF], None], size: int = ICON_SIZE) -> QIcon:
    """An icon painted by ``paint(painter, centre)`` (the map's own symbol painters)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    paint(painter, QPointF(size / 2, size / 2))
    painter.end()
    return QIcon(pixmap)


class LegendPanel(QWidget):
    """Sectors with their swatch and a check box each, and the key of the symbols.

    Unticking a sector hides its facilities on the map, in the map's legend and
    in exports: the boxes edit ``project.display.hidden_sectors`` and follow it.
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendPanel")
        self.project = project
        self._updating = False

        self.sector_list = QListWidget(self)
        self.sector_list.setObjectName("sectorList")
        self.sector_list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.sector_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.show_all_button = QPushButton(self.tr("Show all"), self)
        self.show_all_button.setObjectName("showAllSectors")
        self.hide_all_button = QPushButton(self.tr("Hide all"), self)
        self.hide_all_button.setObjectName("hideAllSectors")
        self.key_list = QListWidget(self)
        self.key_list.setObjectName("symbolKey")
        self.key_list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.key_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.key_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for lst in (self.sector_list, self.key_list):
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QHBoxLayout()
        buttons.addWidget(self.show_all_button)
        buttons.addWidget(self.hide_all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        heading = QLabel(self.tr("<b>Sectors</b> (untick to hide)"), self)
        layout.addWidget(heading)
        layout.addWidget(self.sector_list, 3)
        layout.addLayout(buttons)
        layout.addLayout(self._circle_size_row())
        layout.addWidget(QLabel(self.tr("<b>Symbols</b>"), self))
        layout.addWidget(self.key_list, 2)

        self._fill_sectors()
        self._fill_key()
        self.sector_list.itemChanged.connect(self._on_item_changed)
        self.show_all_button.clicked.connect(project.display.show_all_sectors)
        self.hide_all_button.clicked.connect(self._hide_all)
        project.display.events.hidden_sectors.connect(self._on_hidden_sectors)
        project.display.events.circle_size.connect(self._on_circle_size)

    # -- content -----------------------------------------------------------------------
    def _fill_sectors(self) -> None:
        counts = Counter(f.sector for f in self.project.facilities.values())
        known = [s.id for s in SECTORS if s.id in counts]
        unknown = sorted(s for s in counts if s not in {x.id for x in SECTORS})
        self._updating = True
        try:
            for sector_id in known + unknown:
                colour = sector_colour(sector_id) if sector_id in known else UNKNOWN_COLOUR
                text = self.tr("{sector} ({n})").format(
                    sector=sector_label(sector_id), n=counts[sector_id]
                )
                item = QListWidgetItem(
                    symbol_icon(
                        lambda p, c, colour=colour: symbols.paint_facility(
                            p, c, 1.0, colour, "operating", False
                        )
                    ),
                    text,
                )
                item.setData(SECTOR_ROLE, sector_id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip(
                    self.tr("{n} facilities; untick to hide them on the map").format(
                        n=counts[sector_id]
                    )
                )
                visible = self.project.display.is_sector_visible(sector_id)
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
                self.sector_list.addItem(item)
        finally:
            self._updating = False

    def _circle_size_row(self) -> QHBoxLayout:
        """« Taille des cercles : CO₂ / emplois »: what the emission circles' area shows."""
        self.circle_size_combo = QComboBox(self)
        self.circle_size_combo.setObjectName("circleSizeCombo")
        self.circle_size_combo.addItem(self.tr("CO₂ emissions"), SIZE_CO2)
        self.circle_size_combo.addItem(self.tr("Jobs"), SIZE_JOBS)
        self.circle_size_combo.setToolTip(
            self.tr(
                "What the area of the emission circles shows: the year's CO₂, or the direct "
                "jobs stated by the sources (sites without a stated figure show no data)"
            )
        )
        self.circle_size_combo.setCurrentIndex(
            self.circle_size_combo.findData(self.project.display.circle_size)
        )
        self.circle_size_combo.currentIndexChanged.connect(self._on_circle_size_chosen)
        row = QHBoxLayout()
        label = QLabel(self.tr("Circle size:"), self)
        label.setBuddy(self.circle_size_combo)
        row.addWidget(label)
        row.addWidget(self.circle_size_combo, 1)
        return row

    def _on_circle_size_chosen(self, index: int) -> None:
        self.project.display.circle_size = self.circle_size_combo.itemData(index)
        # Choosing what the circles show is asking to see them.
        emissions = self.project.layers.get("emissions")
        if emissions is not None:
            emissions.visible = True

    def _on_circle_size(self, value: str) -> None:
        with QSignalBlocker(self.circle_size_combo):
            self.circle_size_combo.setCurrentIndex(self.circle_size_combo.findData(value))

    def _fill_key(self) -> None:
        def facility(status_class: str = "operating", approximate: bool = False):
            return lambda p, c: symbols.paint_facility(
                p, c, 1.0, NEUTRAL, status_class, approximate
            )

        rows = [
            (facility(), self.tr("Operating (filled)")),
            (facility("planned"), self.tr("Announced, under construction or suspended (ring)")),
            (facility("ended"), self.tr("Closed or cancelled (faded)")),
            (
                facility(approximate=True),
                self.tr("Approximate location: commune, postcode or nearby site (dashed halo)"),
            ),
            (
                lambda p, c: symbols.paint_true_point(p, c, 1.0),
                self.tr("True point of several sites spread around it (display only)"),
            ),
            (
                lambda p, c: symbols.paint_emission_circle(p, c, 8.0, 1.0, NEUTRAL),
                self.tr("CO₂ emissions of the year: circle area ∝ tonnes (EU ETS verified)"),
            ),
            (
                lambda p, c: symbols.paint_zero(p, c, 1.0, NEUTRAL),
                self.tr("Verified emissions of zero"),
            ),
            (
                lambda p, c: symbols.paint_no_data(p, c, 1.0),
                self.tr("No emission data for the year"),
            ),
        ]
        for paint, text in rows:
            item = QListWidgetItem(symbol_icon(paint), text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(text)
            self.key_list.addItem(item)

    def row_for(self, sector_id: str) -> QListWidgetItem | None:
        """The row of a sector, if it has facilities."""
        for i in range(self.sector_list.count()):
            item = self.sector_list.item(i)
            if item.data(SECTOR_ROLE) == sector_id:
                return item
        return None

    # -- events ------------------------------------------------------------------------
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        visible = item.checkState() == Qt.CheckState.Checked
        self.project.display.set_sector_visible(item.data(SECTOR_ROLE), visible)

    def _hide_all(self) -> None:
        self.project.display.hidden_sectors = [
            self.sector_list.item(i).data(SECTOR_ROLE) for i in range(self.sector_list.count())
        ]

    def _on_hidden_sectors(self, hidden: frozenset[str]) -> None:
        self._updating = True
        try:
            for i in range(self.sector_list.count()):
                item = self.sector_list.item(i)
                state = (
                    Qt.CheckState.Unchecked
                    if item.data(SECTOR_ROLE) in hidden
                    else Qt.CheckState.Checked
                )
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            self._updating = False
