"""Render the application icon in the sizes desktops use, from ``dkgis/resources/icons/dkgis.svg``.

Writes ``packaging/icons/hicolor/<n>x<n>/apps/dkgis.png`` (the freedesktop icon-theme
layout, installed as is on Linux) and ``packaging/icons/dkgis.ico`` (every size in one
file, for the Windows executable and installer). Run after a change of the SVG::

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "dkgis" / "resources" / "icons" / "dkgis.svg"
ICON_DIR = ROOT / "packaging" / "icons"
#: Icon sizes of freedesktop menus, panels and file managers, and of Windows Explorer.
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAME = "dkgis"


def png_path(size: int, icon_dir: Path = ICON_DIR) -> Path:
    """Where the ``size`` x ``size`` PNG of the icon lives."""
    return icon_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render_pngs(source: Path = SOURCE, icon_dir: Path = ICON_DIR) -> list[Path]:
    """Render ``source`` at every size of :data:`SIZES`; return the PNG paths."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG picture")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = png_path(size, icon_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"{path}: could not be written")
        written.append(path)
    return written


def write_ico(pngs: list[Path], target: Path) -> None:
    """Put the rendered PNGs, each at its own size, into one Windows ``.ico`` file."""
    from PIL import Image

    images = [Image.open(path) for path in pngs]
    largest = max(images, key=lambda image: image.width)
    largest.save(
        target,
        format="ICO",
        sizes=[(image.width, image.height) for image in images],
        append_images=[image for image in images if image is not largest],
    )


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pngs = render_pngs()
    write_ico(pngs, ICON_DIR / f"{NAME}.ico")
    for path in [*pngs, ICON_DIR / f"{NAME}.ico"]:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
