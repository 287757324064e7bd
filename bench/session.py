"""What never losing work costs; prints figures (run: ``python bench/session.py``).

* start: building the main window as the app starts it (:func:`dkgis.ui.app.open_main_window`)
  at the first start, and with a last session to restore (user scenarios, layers, year,
  selection, sectors, extent);
* save: writing the session when the window closes (atomic JSON);
* undo, redo: one scenario edit undone then redone from the Edit menu: the model changed
  and every view told (pending events processed; the map's coalesced redraw comes after).

Goals on a 2-core machine: the session adds <= 100 ms to the start; save <= 50 ms; undo and
redo <= 150 ms each. ``--smoke``: one run (see ``bench/common.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import pick, runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = runs(5)
#: User scenarios in the saved session.
SCENARIOS = pick(3, 1)


def _settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:7.1f} ms (min {min(seconds) * 1000:.1f})"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DKGIS_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["DKGIS_CACHE_DIR"] = str(Path(tmp) / "cache")
        from dkgis.ui.app import create_application, open_main_window
        from dkgis.ui.session import save_session, session_path

        app = create_application()
        first, restored, saves, undos, redos = [], [], [], [], []
        for _ in range(RUNS):
            session_path().unlink(missing_ok=True)
            t0 = time.perf_counter()
            window = open_main_window()
            first.append(time.perf_counter() - t0)
            project = window.project
            for n in range(SCENARIOS):
                window.scenario_editor.duplicate()
                mine = project.scenarios.active
                measure = mine.measures[n % len(mine.measures)]
                project.scenarios.replace(
                    mine.name, mine.edited(measure.measure_id, enabled=not measure.enabled)
                )
            project.layers.get("land").opacity = 0.5
            project.display.year = 2035
            project.display.hidden_sectors = {"chemicals"}
            project.selection.set({"FR_956"})
            _settle(app)
            t0 = time.perf_counter()
            undo = window.undo_history.stack.count()
            window.undo_action.trigger()
            _settle(app)
            undos.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            window.redo_action.trigger()
            _settle(app)
            redos.append(time.perf_counter() - t0)
            assert window.undo_history.stack.index() == undo
            t0 = time.perf_counter()
            assert save_session(window)
            saves.append(time.perf_counter() - t0)
            window.mark_saved()
            window.close()
            window.deleteLater()
            _settle(app)
            t0 = time.perf_counter()
            again = open_main_window()
            restored.append(time.perf_counter() - t0)
            assert again.project.display.year == 2035
            again.close()
            again.deleteLater()
            _settle(app)
        print(f"runs: {RUNS}, user scenarios in the session: {SCENARIOS}")
        print(f"start, first start          {_ms(first)}")
        print(f"start, last session back    {_ms(restored)}")
        print(f"session saved at closing    {_ms(saves)}")
        print(f"undo of a scenario edit     {_ms(undos)}")
        print(f"redo of a scenario edit     {_ms(redos)}")


if __name__ == "__main__":
    main()
