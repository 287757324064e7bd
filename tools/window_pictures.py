"""Pictures of the main window on a laptop and a desktop screen, for the docs.

Usage::

    python tools/window_pictures.py [--lang fr] [--out docs]

Each picture is made in a process of its own, on an offscreen screen of its size
(1366 x 768, 1920 x 1080), as at a first start: ``window-1366x768-fr.png`` with
ArcelorMittal Dunkerque's trajectory, ``window-1920x1080-fr.png`` with Aluminium
Dunkerque's, ``window-1920x1080-cluster-fr.png`` with the cluster's emissions by sector,
and ``chart-enlarged-fr.png``: the trajectory chart enlarged to a window of its own.
The pictures are stored with a 256-colour palette (:mod:`picture_files`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from picture_files import save_small

ROOT = Path(__file__).resolve().parents[1]
AM = "FR_956"
ALUMINIUM = "FR_205769"
#: (file stem, screen width, screen height, site, what to show)
PICTURES = (
    ("window-1366x768", 1366, 768, AM, "trajectory"),
    ("window-1920x1080", 1920, 1080, ALUMINIUM, "trajectory"),
    ("window-1920x1080-cluster", 1920, 1080, AM, "cluster"),
    ("chart-enlarged", 1920, 1080, AM, "enlarged"),
)


def take(path: Path, site: str, show: str, lang: str) -> None:
    """Open the window on this process's screen, show ``show`` and save ``path``."""
    from PySide6.QtCore import QTimer

    from dkgis.ui.app import create_application, open_main_window
    from dkgis.ui.language import apply_language

    app = create_application()
    apply_language(app, lang)
    window = open_main_window()  # fresh settings: as at the first start
    window.show()
    steps = iter(range(1000))

    def tick() -> None:
        step = next(steps)
        if step == 1:
            window.project.selection.set({site})
            dock = window.cluster_dock if show == "cluster" else window.trajectory_dock
            dock.raise_()
        elif step == 3 and show == "enlarged":
            window.trajectory_dock.widget().enlarge()
        elif step == 6:
            target = window.trajectory_dock.widget().chart_window if show == "enlarged" else None
            (target or window).grab().save(str(path))
            timer.stop()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(300)
    app.exec()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        path, site, show = Path(args.one[0]), args.one[3], args.one[4]
        take(path, site, show, args.lang)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, width, height, site, show in PICTURES:
        with tempfile.TemporaryDirectory() as tmp:
            screen = Path(tmp) / "screen.json"
            spec = {"name": "docs", "x": 0, "y": 0, "width": width, "height": height}
            screen.write_text(json.dumps({"screens": [spec]}), encoding="utf-8")
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
            for name in ("DKGIS_CONFIG_DIR", "DKGIS_DATA_DIR", "DKGIS_CACHE_DIR"):
                env[name] = str(Path(tmp) / name.lower())
            path = args.out / f"{stem}-{args.lang}.png"
            one = [str(path), str(width), str(height), site, show]
            cmd = [sys.executable, __file__, "--lang", args.lang, "--one", *one]
            subprocess.run(cmd, env=env, check=True)
            print(f"{path} ({save_small(path, path) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
