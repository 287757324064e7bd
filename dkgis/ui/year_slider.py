"""The year slider: pick the year of the emission layer, or play the years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QWidget

from dkgis import wording
from dkgis.model.display import YEAR_MAX, YEAR_MIN

if TYPE_CHECKING:
    from dkgis.map.screen_frame import ScreenFrame
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Time between two years while playing, in milliseconds.
PLAY_INTERVAL_MS = 700


class YearSlider(QWidget):
    """A slider from 2005 to 2050 with a play/pause button and the year shown.

    The slider (objectName ``yearSlider``) edits ``project.display.year`` and
    follows it. Play steps one year at a time; started before the last verified
    year it pauses there (the verified history), started later it runs to 2050.
    A caption says what the map's values are, in the words of every caption
    (:func:`dkgis.wording.frame_kind`): "EU ETS verified", or "projected · scenario
    …" after the last verified year.
    """

    def __init__(
        self, project: Project, screen: ScreenFrame, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("yearSliderPanel")
        self.project = project
        self.screen = screen
        self.last_verified = project.verified_matrix().last_year

        self.play_button = QToolButton(self)
        self.play_button.setObjectName("playButton")
        self.play_button.setCheckable(True)
        self.play_button.setAutoRaise(True)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("yearSlider")
        self.slider.setRange(YEAR_MIN, YEAR_MAX)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(5)
        self.slider.setTickInterval(5)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setMinimumWidth(240)
        self.slider.setValue(project.display.year)
        self.slider.setToolTip(self.tr("Year of the CO₂ emissions shown on the map"))
        self.year_label = QLabel(self)
        self.year_label.setObjectName("yearLabel")
        self.year_label.setMinimumWidth(48)
        self.caption = QLabel(self)
        self.caption.setObjectName("yearCaption")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.play_button)
        layout.addWidget(QLabel(str(YEAR_MIN), self))
        layout.addWidget(self.slider, 1)
        layout.addWidget(QLabel(str(YEAR_MAX), self))
        layout.addWidget(self.year_label)
        layout.addWidget(self.caption)

        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.step)
        self._stop_year = YEAR_MAX
        self.slider.valueChanged.connect(self._on_slider)
        self.play_button.toggled.connect(self._on_play_toggled)
        project.display.events.year.connect(self._on_year)
        screen.changed.connect(self._show_caption)
        self._show_year(project.display.year)
        self._show_caption(screen.frame)
        self._show_playing(False)

    # -- playing -----------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        """Whether the years are being played."""
        return self.timer.isActive()

    def play(self) -> None:
        """Start playing from the current year (from the start when at the end)."""
        self.play_button.setChecked(True)

    def pause(self) -> None:
        """Stop playing; the year stays where it is."""
        self.play_button.setChecked(False)

    def step(self) -> None:
        """Show the next year; pause at the stop year."""
        year = self.project.display.year
        if year >= self._stop_year:
            self.pause()
            return
        self.project.display.year = year + 1
        if year + 1 >= self._stop_year:
            self.pause()

    def _on_play_toggled(self, on: bool) -> None:
        if on:
            year = self.project.display.year
            if year >= YEAR_MAX:
                year = YEAR_MIN
                self.project.display.year = year
            last = self.last_verified
            self._stop_year = last if last is not None and year < last else YEAR_MAX
            self.timer.start()
        else:
            self.timer.stop()
        self._show_playing(on)

    def _show_playing(self, on: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if on else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        self.play_button.setToolTip(
            self.tr("Pause") if on else self.tr("Play the years one after another")
        )

    # -- year --------------------------------------------------------------------------
    def _on_slider(self, value: int) -> None:
        self.project.display.year = value

    def _on_year(self, year: int) -> None:
        if self.slider.value() != year:
            self.slider.blockSignals(True)
            self.slider.setValue(year)
            self.slider.blockSignals(False)
        self._show_year(year)

    def _show_year(self, year: int) -> None:
        self.year_label.setText(f"<b>{year}</b>")

    def _show_caption(self, frame: MapFrame) -> None:
        self.caption.setText(wording.frame_kind(self.project, frame))
