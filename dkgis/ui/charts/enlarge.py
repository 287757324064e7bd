"""A chart dock's panel shown in a window of its own (the « Agrandir » button).

The panel itself moves into the window, with its state and its live chart (it still
follows the selection, the year and the scenarios), and goes back to its dock when the
window is closed or its button is pressed again. Meanwhile the dock says where it is.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dkgis.ui.charts.toolbar import ChartToolbar

#: Share of the screen's free room an enlarged chart window takes at first.
WINDOW_SHARE = 0.8


class ChartWindow(QWidget):
    """A resizable window holding a chart panel; emits :attr:`closing` when closed."""

    #: Emitted when the window is closed (the panel goes back to its dock).
    closing = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("chartWindow")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)


def window_rect(available: QRect, share: float = WINDOW_SHARE) -> QRect:
    """A rectangle ``share`` of ``available`` in each direction, centred in it."""
    width = round(available.width() * share)
    height = round(available.height() * share)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


class DockedChart(QStackedWidget):
    """What a chart dock holds: its panel, or, while the panel is enlarged, a note.

    Parameters
    ----------
    panel
        The chart panel; its ``toolbar`` (a :class:`ChartToolbar`) has the enlarge button.
    title
        The title of the enlarged window.
    """

    def __init__(self, panel: QWidget, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{panel.objectName()}Dock")
        self.panel = panel
        self.title = title
        self.chart_window: ChartWindow | None = None
        self.addWidget(panel)
        self.note = QWidget(self)
        self.note.setObjectName("enlargedNote")
        note_layout = QVBoxLayout(self.note)
        text = QLabel(self.tr("This chart is shown in a window of its own."), self.note)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        back = QPushButton(self.tr("Put It Back Here"), self.note)
        back.setObjectName("putBackButton")
        back.clicked.connect(self.put_back)
        note_layout.addStretch(1)
        note_layout.addWidget(text)
        note_layout.addWidget(back, 0, Qt.AlignmentFlag.AlignCenter)
        note_layout.addStretch(1)
        self.addWidget(self.note)
        self.toolbar.enlarge_button.clicked.connect(self.toggle)

    @property
    def toolbar(self) -> ChartToolbar:
        """The panel's toolbar."""
        return self.panel.toolbar

    def is_enlarged(self) -> bool:
        """Whether the panel is in a window of its own."""
        return self.chart_window is not None

    def toggle(self) -> None:
        """Enlarge the panel, or put it back when it is enlarged."""
        if self.is_enlarged():
            self.put_back()
        else:
            self.enlarge()

    def enlarge(self) -> ChartWindow:
        """Move the panel into a window of its own (or raise that window); return it."""
        if self.chart_window is not None:
            self.chart_window.raise_()
            self.chart_window.activateWindow()
            return self.chart_window
        window = ChartWindow(self.title, self.window())
        window.closing.connect(self._on_window_closing)
        self.removeWidget(self.panel)
        window.layout().addWidget(self.panel)
        self.panel.show()
        self.setCurrentWidget(self.note)
        self.chart_window = window
        self.toolbar.set_enlarged(True)
        screen = self.screen() or QGuiApplication.primaryScreen()
        window.setGeometry(window_rect(screen.availableGeometry()))
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def put_back(self) -> None:
        """Put the panel back in its dock and close its window."""
        window = self.chart_window
        if window is None:
            return
        self.chart_window = None
        window.closing.disconnect(self._on_window_closing)
        self._take_back()
        window.close()

    def _on_window_closing(self) -> None:
        self.chart_window = None
        self._take_back()

    def _take_back(self) -> None:
        self.insertWidget(0, self.panel)
        self.setCurrentWidget(self.panel)
        self.panel.show()
        self.toolbar.set_enlarged(False)
