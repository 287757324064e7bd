"""Where the main window opens, and how its docks share it at first.

The window always fits the screen it opens on (its free room: without the task bar):
as large as that room at the first start (the docks are sized for it), and a saved
position from another screen (a larger
monitor, since unplugged) is brought back inside. At the first start, or when a saved
layout is of an older version, the docks share the window so that the map keeps most
of it and the charts get real room: a left column (layers, legend), a right column
(details over the charts), and the table and scenarios under the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize

#: Room left around a window's inner rectangle for its frame (left, top, right, bottom),
#: so that the title bar of a first window is on the screen.
FRAME_ESTIMATE = (8, 32, 8, 8)
#: Below this free height (a 1366 x 768 laptop, a 1600 x 900 screen with a task bar),
#: the details go under the map and the charts take the whole right column.
SHORT_SCREEN_PX = 900


#: From this free width, the left column, the table and the charts fit side by side.
WIDE_SCREEN_PX = 1280


def is_short(available: QRect) -> bool:
    """Whether a screen's free room is too short for the details above the charts."""
    return available.height() < SHORT_SCREEN_PX


def is_wide(available: QRect) -> bool:
    """Whether a screen's free room is wide enough for the left column, the table and
    the charts side by side."""
    return available.width() >= WIDE_SCREEN_PX


@dataclass(frozen=True)
class DockSizes:
    """Sizes in pixels of the docks of the first-start layout."""

    left: int
    right: int
    details: int
    bottom: int
    layers: int


def first_geometry(available: QRect) -> QRect:
    """The window's inner rectangle at the first start: the screen's free room, less
    :data:`FRAME_ESTIMATE` for the frame."""
    left, top, right, bottom = FRAME_ESTIMATE
    return available.adjusted(left, top, -right, -bottom)


def fitted(frame: QRect, inner: QRect, available: QRect) -> QRect | None:
    """The window's inner rectangle moved and shrunk so that its frame fits ``available``.

    Parameters
    ----------
    frame
        The window's frame (title bar and borders included).
    inner
        The window's inner rectangle (what ``QWidget.geometry`` gives and takes).
    available
        The screen's free room.

    Returns
    -------
    QRect or None
        The inner rectangle to set, or ``None`` when the frame already fits.
    """
    if available.contains(frame):
        return None
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.left() + available.width() - width)
    top = min(max(frame.top(), available.top()), available.top() + available.height() - height)
    return QRect(
        left + inner.left() - frame.left(),
        top + inner.top() - frame.top(),
        width - (frame.width() - inner.width()),
        height - (frame.height() - inner.height()),
    )


def dock_sizes(window: QSize) -> DockSizes:
    """The first-start sizes of the docks for a window of ``window`` pixels.

    The right column (details and charts) takes about two fifths of the width, at least
    460 pixels; the left column (layers, legend) about a sixth; the docks under the map
    (table, scenarios) about a quarter of a short window's height, two fifths of a
    taller one's (ten rows of the facility table and of the scenario's measures at 1080
    pixels high); the layers above the legend what the legend's list leaves.
    """
    width, height = window.width(), window.height()
    left = max(200, min(280, round(width * 0.16)))
    right = max(460, min(820, round(width * 0.39)))
    details = max(120, min(250, round(height * 0.2)))
    bottom = max(150, min(460, round(height * (0.28 if height < SHORT_SCREEN_PX else 0.42))))
    # Menus, tool bars and status bar take about 120 pixels, the legend at least 300.
    layers = max(130, min(round(height * 0.25), height - bottom - 420))
    return DockSizes(left=left, right=right, details=details, bottom=bottom, layers=layers)
