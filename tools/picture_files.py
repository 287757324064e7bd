"""Small PNG files for the docs: pictures reduced in width and to a 256-colour palette.

Screens and maps of text and flat colours keep their look with 256 colours, at a
fraction of the size of full-colour files (a 1920 x 1080 window: about 450 KB in full
colour, under 200 KB with a palette).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def save_small(source: Path | Image.Image, path: Path, max_width: int | None = None) -> int:
    """Write ``source`` (an image or a PNG file) to ``path``, at most ``max_width`` pixels
    wide, with a 256-colour palette; return the file's size in bytes.

    Transparent parts are put on white (as on a slide or a page).
    """
    image = Image.open(source) if isinstance(source, Path) else source
    image.load()
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    else:
        image = image.convert("RGB")
    if max_width is not None and image.width > max_width:
        height = round(image.height * max_width / image.width)
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    # Maximum coverage keeps the colours of small areas (sector swatches, a red star),
    # which median cut merged into their neighbours' (Aluminium's blue turned grey); a few
    # k-means rounds then fit the palette to the large flat areas (land, communes).
    image = image.quantize(
        colors=256, method=Image.Quantize.MAXCOVERAGE, kmeans=3, dither=Image.Dither.NONE
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path.stat().st_size
