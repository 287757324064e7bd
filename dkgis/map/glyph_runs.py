"""Many short texts drawn in a few painter calls: their glyphs gathered in glyph runs.

The names on a map are drawn with a halo: each name a dozen times around itself, then
once over. One ``drawText`` per copy is several hundred painter calls a frame, and each
hands Python's lock over: while a layer renders in a worker, every one of them waits for
the worker to give the lock back. Gathered in a glyph run per font, all the names are one
call per copy. The glyphs come from the same cache, at the same positions, in the
same order: the pixels are the same on a painter that does not scale (exports, a screen at
100 %); at other pixel ratios Qt rounds some halo edges a little differently.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QGlyphRun, QRawFont, QTextLayout


def laid_out(text: str, font: QFont) -> list[tuple[QRawFont, list[int], list[float]]]:
    """The glyphs of ``text`` on one line in ``font``: for each font used (a fallback
    font for characters the font lacks), its glyph indexes and their x from the start."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [
        (run.rawFont(), list(run.glyphIndexes()), [p.x() for p in run.positions()])
        for run in layout.glyphRuns()
    ]


def glyph_runs(
    texts: Sequence[tuple[QPointF, list[tuple[QRawFont, list[int], list[float]]]]],
) -> list[QGlyphRun]:
    """Glyph runs drawing each laid-out text (see :func:`laid_out`) with its baseline
    starting at its point, in order: ``drawGlyphRun(offset, run)`` for each run draws
    what one ``drawText(point + offset, text)`` per text would."""
    fonts: list[QRawFont] = []
    indexes: list[list[int]] = []
    positions: list[list[QPointF]] = []
    for point, runs in texts:
        x0, y = point.x(), point.y()
        for raw, glyphs, xs in runs:
            k = next((i for i, f in enumerate(fonts) if f == raw), None)
            if k is None:
                k = len(fonts)
                fonts.append(raw)
                indexes.append([])
                positions.append([])
            indexes[k] += glyphs
            positions[k] += [QPointF(x0 + x, y) for x in xs]
    result = []
    for raw, glyphs, points in zip(fonts, indexes, positions, strict=True):
        run = QGlyphRun()
        run.setRawFont(raw)
        run.setGlyphIndexes(glyphs)
        run.setPositions(points)
        result.append(run)
    return result
