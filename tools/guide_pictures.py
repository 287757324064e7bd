"""Make the pictures of the user guide from the app itself.

The guide (``dkgis/resources/guide/<lang>/index.html``) shows the real window, panels,
dialogs and an exported slide. This script opens the main window offscreen on the
embedded dataset, in the guide's language, with fresh settings (the user's own settings,
tile cache and data are never read), takes the pictures, and writes them into the guide's
``images`` folder, so that they can be made again whenever the interface changes::

    python tools/guide_pictures.py              # French and English guides
    python tools/guide_pictures.py --lang fr    # the French guide only
    python tools/guide_pictures.py --out DIR    # elsewhere (DIR/<lang>/images)

Pictures are reduced to at most :data:`MAX_WIDTH` pixels wide and stored with a palette
of 256 colours (screens of text and flat colours keep their look at a fraction of the size).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "dkgis" / "resources" / "guide"
#: The pictures every guide shows (file names in ``<lang>/images``).
PICTURES = (
    "window.png",
    "layers.png",
    "years.png",
    "trajectory.png",
    "cluster.png",
    "scenarios.png",
    "no-new-measures.png",
    "export.png",
    "slide.png",
    "save.png",
)
#: Widest picture, in pixels (the guide's window is about this wide).
MAX_WIDTH = 860
#: The site the pictures select: ArcelorMittal Dunkerque (the 2013 accounting break).
SITE = "FR_956"
#: The window's size in the pictures.
WINDOW_SIZE = (1440, 900)


def _settle(app, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(pixmap, path: Path) -> None:
    """Write ``pixmap`` reduced to :data:`MAX_WIDTH` with a 256-colour palette."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt

    if pixmap.width() > MAX_WIDTH:
        pixmap = pixmap.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    # Maximum coverage keeps the colours of small areas (sector swatches, a red star),
    # which median cut merged into their neighbours' (Aluminium's blue turned grey); a few
    # k-means rounds then fit the palette to the large flat areas (land, communes).
    image = image.quantize(
        colors=256, method=Image.Quantize.MAXCOVERAGE, kmeans=3, dither=Image.Dither.NONE
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def make_pictures(lang: str, folder: Path) -> list[Path]:
    """Take every picture of :data:`PICTURES` in ``lang``; return the files written."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QMessageBox

    from dkgis.model.frame import EMISSION_LAYER
    from dkgis.model.project import Project
    from dkgis.model.scenario import NO_NEW_MEASURES
    from dkgis.ui.app import create_application
    from dkgis.ui.language import apply_language
    from dkgis.ui.main_window import MainWindow

    app = create_application()
    apply_language(app, lang)
    project = Project.load()
    project.layers.get(EMISSION_LAYER).visible = True  # as at the first start
    window = MainWindow(project)
    window.resize(*WINDOW_SIZE)
    window.show()
    _settle(app)
    written: list[Path] = []

    def save(name: str, pixmap) -> None:
        _save(pixmap, folder / name)
        written.append(folder / name)

    # The window with a site selected: its details and its trajectory.
    project.selection.set({SITE})
    window.zoom_to_facility(SITE)
    window.canvas.zoom_by(4.0)
    _settle(app, 60)
    save("window.png", window.grab())
    save("layers.png", window.layer_dock.grab())
    save("trajectory.png", window.trajectory_dock.grab())
    window.cluster_dock.raise_()
    _settle(app, 60)
    save("cluster.png", window.cluster_dock.grab())
    window.trajectory_dock.raise_()

    # The year slider on a projected year (the window narrowed: the slider is one line).
    project.display.year = 2030
    window.resize(MAX_WIDTH, WINDOW_SIZE[1])
    _settle(app)
    save("years.png", window.year_toolbar.grab())
    window.resize(*WINDOW_SIZE)
    _settle(app)

    # The scenario editor, then "No new measures" and why its table is empty.
    window.scenario_dock.raise_()
    _settle(app)
    save("scenarios.png", window.scenario_dock.grab())
    project.scenarios.set_active(NO_NEW_MEASURES)
    _settle(app)
    save("no-new-measures.png", window.scenario_dock.grab())

    # The export dialog, and the slide it makes at its first size (16:9).
    window.export_action.trigger()
    dialog = window.snapshot_dialog
    _settle(app, 60)
    dialog.update_preview()
    _settle(app)
    save("export.png", dialog.grab())
    with tempfile.TemporaryDirectory() as tmp:
        slide = Path(tmp) / "slide.png"
        loop = QEventLoop()
        dialog.exported.connect(lambda *_args: loop.quit())
        QTimer.singleShot(60_000, loop.quit)
        if not dialog.export_to(slide):
            raise SystemExit(f"the slide could not be exported ({lang})")
        loop.exec()
        save("slide.png", QPixmap(str(slide)))

    # The question before unsaved edits are lost.
    window.close()
    _settle(app)
    prompt = window.project_files.save_prompt
    if not isinstance(prompt, QMessageBox):
        raise SystemExit("the save question did not show")
    _settle(app)
    save("save.png", prompt.grab())
    prompt.reject()
    window.mark_saved()
    window.close()
    window.deleteLater()
    _settle(app)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("fr", "en", "all"), default="all")
    parser.add_argument("--out", type=Path, default=GUIDE, help="folder of the guides")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    langs = ("fr", "en") if args.lang == "all" else (args.lang,)
    with tempfile.TemporaryDirectory() as settings:
        # Fresh settings, cache and data: the pictures never show the user's own.
        for name in ("DKGIS_CONFIG_DIR", "DKGIS_CACHE_DIR", "DKGIS_DATA_DIR"):
            os.environ[name] = str(Path(settings) / name)
        for lang in langs:
            for path in make_pictures(lang, args.out / lang / "images"):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
