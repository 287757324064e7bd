"""Status-bar widget showing a file being loaded, with a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

#: Steps of the progress bar.
STEPS = 1000


class LoadProgress(QWidget):
    """ "Loading sites.csv… [=====   ] Cancel", hidden when nothing loads; "Examining
    sites.csv…" and a busy bar during the quick look at the file before.

    Signals
    -------
    cancel_requested()
        The user clicked Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadProgress")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setObjectName("loadProgressBar")
        self.bar.setRange(0, STEPS)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(QCoreApplication.translate("LoadProgress", "Cancel"))
        self.cancel_button.setObjectName("loadCancelButton")
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def inspect(self, file_name: str) -> None:
        """Show the widget while ``file_name`` is looked at (a bar that only says "busy")."""
        self._show(
            QCoreApplication.translate("LoadProgress", "Examining {file}…").format(file=file_name),
            0,
        )

    def start(self, file_name: str) -> None:
        """Show the widget for a new load of ``file_name``."""
        self._show(
            QCoreApplication.translate("LoadProgress", "Loading {file}…").format(file=file_name),
            STEPS,
        )

    def _show(self, text: str, steps: int) -> None:
        self.label.setText(text)
        self.bar.setRange(0, steps)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()

    def set_fraction(self, fraction: float) -> None:
        """Show ``fraction`` (0 to 1) done."""
        self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * STEPS))

    def cancelling(self) -> None:
        """Say that the load is being cancelled (the worker stops at its next step)."""
        self.label.setText(QCoreApplication.translate("LoadProgress", "Cancelling…"))
        self.cancel_button.setEnabled(False)

    def finish(self) -> None:
        """Hide the widget."""
        self.hide()
