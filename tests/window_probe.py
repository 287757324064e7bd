"""Open the main window on a screen of a given size and print what a user would see.

Run as ``python window_probe.py WIDTH HEIGHT SITE LANG`` in a process of its own: the
offscreen platform's screen size is chosen when the application starts (a screen
description file), so each screen size needs its own process. The window opens as at
a first start (fresh settings folder); once laid out, with ``SITE`` selected, it prints
one JSON object: the screen's free room, the window's frame, the status bar, the
trajectory chart's plot and the rows the facility table and the scenario's measures
show.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def _screen_file(width: int, height: int, folder: Path) -> Path:
    path = folder / "screen.json"
    screen = {"name": "probe", "x": 0, "y": 0, "width": width, "height": height}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    path.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return path


def _rows(view) -> float:
    """How many rows a table view shows (whole and part)."""
    return view.viewport().height() / view.verticalHeader().defaultSectionSize()


def main(argv: list[str]) -> int:
    width, height, site, lang = int(argv[0]), int(argv[1]), argv[2], argv[3]
    folder = Path(tempfile.mkdtemp(prefix="dkgis-probe-"))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_file(width, height, folder)}"
    for name in ("DKGIS_CONFIG_DIR", "DKGIS_DATA_DIR", "DKGIS_CACHE_DIR"):
        os.environ[name] = str(folder / name.lower())

    from PySide6.QtCore import QTimer

    from dkgis.model.project import Project
    from dkgis.ui.app import create_application
    from dkgis.ui.language import apply_language
    from dkgis.ui.main_window import MainWindow

    app = create_application()
    apply_language(app, lang)
    window = MainWindow(Project.load())
    window.show()
    out: dict = {}
    phase = {"ticks": 0, "step": "select"}

    def measure() -> None:
        phase["ticks"] += 1
        if phase["step"] == "select":
            window.project.selection.set({site})
            window.trajectory_dock.raise_()
            phase["step"] = "chart"
        elif phase["step"] == "chart" and window.trajectory_panel.data is not None:
            avail = window.screen().availableGeometry()
            frame = window.frameGeometry()
            bar = window.statusBar()
            out["available"] = [avail.x(), avail.y(), avail.width(), avail.height()]
            out["frame"] = [frame.x(), frame.y(), frame.width(), frame.height()]
            out["status_bar_visible"] = bar.isVisible() and not bar.visibleRegion().isEmpty()
            out["status_bar_bottom"] = bar.geometry().bottom()
            out["window_height"] = window.height()
            out["plot_height"] = window.trajectory_panel.site_plot.plot.getViewBox().height()
            out["table_rows"] = _rows(window.table_panel.table)
            window.scenario_dock.raise_()
            phase["step"] = "scenarios"
        elif phase["step"] == "scenarios":
            out["scenario_rows"] = _rows(window.scenario_editor.table)
            phase["step"] = "done"
        if phase["step"] == "done" or phase["ticks"] > 100:
            timer.stop()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(measure)
    timer.start(100)
    app.exec()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
