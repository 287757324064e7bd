"""Turn the bytes of a web-map tile into an image, refusing what is not a tile.

A tile is a small square image, 256 or 512 pixels a side (services sending
"retina" tiles use 512). A broken or hostile server may send something else:
a page of text, an image far larger than a tile that is small on the wire (a
4000 x 4000 PNG of 60 kB decodes to 64 MB), or a decompression bomb. The
image's header is read first, and an image whose declared size is not a tile's
is refused before any of its pixels is decoded, so before its memory is taken.

Called on worker threads: it uses only ``QImageReader``, ``QBuffer`` and
``QImage``, which are reentrant, and ``QCoreApplication.translate``, which is
thread-safe.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QLocale, QSize
from PySide6.QtGui import QImage, QImageReader

#: Side lengths of the square tiles accepted, in pixels.
TILE_SIDES = (256, 512)
#: Image formats of web tiles; anything else (SVG, TIFF...) is not decoded.
TILE_FORMATS = frozenset({"png", "jpeg", "jpg", "webp"})


class BadTileError(ValueError):
    """The bytes are not a tile image; :attr:`reason` says why, translated."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _not_an_image() -> BadTileError:
    return BadTileError(
        QCoreApplication.translate("TileLoader", "the server did not send an image")
    )


def _not_a_tile(size: QSize) -> BadTileError:
    locale = QLocale()
    return BadTileError(
        QCoreApplication.translate(
            "TileLoader", "the server sent an image of {width} × {height} pixels, not a map tile"
        ).format(width=locale.toString(size.width()), height=locale.toString(size.height()))
    )


def _is_tile_size(size: QSize) -> bool:
    return size.width() == size.height() and size.width() in TILE_SIDES


def decode_tile(data: bytes) -> QImage:
    """Decode the bytes of one tile into an image ready to paint.

    Parameters
    ----------
    data
        The bytes as served (PNG, JPEG or WebP).

    Returns
    -------
    QImage
        The tile, in premultiplied ARGB (the format painting is fastest with).

    Raises
    ------
    BadTileError
        The bytes are no image of a tile format, the image's header declares a
        size that is not a tile's (checked before decoding), or decoding fails.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    image_format = bytes(reader.format().data()).decode("ascii", "replace").lower()
    size = reader.size()
    if image_format not in TILE_FORMATS or not size.isValid():
        raise _not_an_image()
    if not _is_tile_size(size):
        raise _not_a_tile(size)
    image = reader.read()
    if image.isNull():
        raise _not_an_image()
    if image.size() != size:
        raise _not_a_tile(image.size())
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
