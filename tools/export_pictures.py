"""Pictures of every kind of export, for the docs, made by the project's own export code.

Usage::

    python tools/export_pictures.py [--lang fr] [--out docs]

Each file is exported as a user would (``dkgis export`` on the embedded dataset, with
fresh settings; the chart from the trajectory dock's export), then turned into a
picture and written, reduced to a 256-colour palette (:mod:`picture_files`), as:

* ``map-a4-fr.png``: the A4 landscape map of the 2022 verified emissions;
* ``map-slide-fr.png``: the 16:9 slide map of the 2030 projection;
* ``deck-site-slide-fr.png``: the PowerPoint slide of ArcelorMittal Dunkerque, drawn by
  the deck's Qt mock-up (:mod:`dkgis.export.deck_preview`);
* ``animation-frame-fr.png``: the last frame (2030) of the animated GIF;
* ``html-map-fr.png``: the interactive HTML map in headless Chromium (skipped, saying so,
  when Chromium is not installed);
* ``chart-fr.png``: the trajectory chart of ArcelorMittal Dunkerque exported to PNG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from picture_files import save_small
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
AM = "FR_956"
#: Widest picture of an export in the docs, in pixels (an A4 page at 300 dpi is 3508).
MAX_WIDTH = 1600
#: Size of the browser window of the HTML map's picture.
BROWSER_SIZE = (1280, 800)


def dkgis_export(lang: str, env: dict[str, str], output: Path, *options: str) -> Path:
    """Run ``dkgis export OUTPUT OPTIONS`` as a user would; return ``output``."""
    cmd = [sys.executable, "-m", "dkgis", "export", str(output), "--lang", lang, *options]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT)
    return output


def site_slide(deck: Path, work: Path, env: dict[str, str]) -> Path:
    """The mock-up picture of the deck's site slide (its last slide)."""
    folder = work / "slides"
    cmd = [sys.executable, "-m", "dkgis.export.deck_preview", str(deck), str(folder)]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT)
    return max(folder.glob("slide-*.png"), key=lambda p: int(p.stem.split("-")[1]))


def last_frame(gif: Path) -> Image.Image:
    """The last frame of an animated GIF."""
    with Image.open(gif) as image:
        image.seek(image.n_frames - 1)
        return image.convert("RGB")


def browser_picture(html: Path, work: Path) -> Path | None:
    """A screenshot of ``html`` in headless Chromium, or ``None`` without Chromium."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return None
    shot = work / "html.png"
    width, height = BROWSER_SIZE
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={work / 'browser'}",
        f"--window-size={width},{height}",
        "--virtual-time-budget=5000",
        f"--screenshot={shot}",
        html.as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    return shot


def chart_file(path: Path, lang: str) -> None:
    """Export ArcelorMittal Dunkerque's trajectory chart from the trajectory dock."""
    from dkgis.ui.app import create_application, open_main_window
    from dkgis.ui.language import apply_language

    app = create_application()
    apply_language(app, lang)
    window = open_main_window()
    window.show()
    window.project.selection.set({AM})
    window.trajectory_dock.raise_()
    for _ in range(50):
        app.processEvents()
    window.trajectory_panel.export_file(path)
    window.mark_saved()
    window.close()


def make_pictures(lang: str, out: Path, work: Path, env: dict[str, str]) -> list[Path]:
    """Export every kind of file into ``work`` and write its picture into ``out``."""
    pictures: list[tuple[str, Callable[[], Path | Image.Image | None]]] = [
        (
            "map-a4",
            lambda: dkgis_export(
                lang, env, work / "a4.png", "--preset", "a4-landscape", "--year", "2022"
            ),
        ),
        (
            "map-slide",
            lambda: dkgis_export(
                lang, env, work / "slide.png", "--preset", "slide-16x9", "--year", "2030"
            ),
        ),
        (
            "deck-site-slide",
            lambda: site_slide(
                dkgis_export(lang, env, work / "deck.pptx", "--year", "2030", "--sites", AM),
                work,
                env,
            ),
        ),
        (
            "animation-frame",
            lambda: last_frame(
                dkgis_export(
                    lang,
                    env,
                    work / "anim.gif",
                    "--from",
                    "2020",
                    "--to",
                    "2030",
                    "--size",
                    "1280x720",
                )
            ),
        ),
        (
            "html-map",
            lambda: browser_picture(
                dkgis_export(lang, env, work / "map.html", "--year", "2030"), work
            ),
        ),
        ("chart", lambda: _chart_in_its_own_process(lang, work / "chart.png", env)),
    ]
    written = []
    for stem, make in pictures:
        source = make()
        path = out / f"{stem}-{lang}.png"
        if source is None:
            print(f"{path}: not made (Chromium is not installed)", file=sys.stderr)
            continue
        size = save_small(source, path, MAX_WIDTH)
        print(f"{path} ({size // 1024} KB)")
        written.append(path)
    return written


def _chart_in_its_own_process(lang: str, path: Path, env: dict[str, str]) -> Path:
    cmd = [sys.executable, __file__, "--lang", lang, "--chart", str(path)]
    subprocess.run(cmd, env=env, check=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--chart", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.chart:
        chart_file(args.chart, args.lang)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Fresh settings, cache and data: the pictures never show the user's own.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("DKGIS_CONFIG_DIR", "DKGIS_DATA_DIR", "DKGIS_CACHE_DIR"):
            env[name] = str(work / name.lower())
        make_pictures(args.lang, args.out, work, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
