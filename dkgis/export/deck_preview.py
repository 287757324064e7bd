"""A mock-up picture of each slide of a PowerPoint deck, drawn with Qt from the shapes.

Looking at a deck needs no PowerPoint nor LibreOffice: every shape is drawn at its
place and size (placeholders where their layout puts them), pictures from their image,
text wrapped in its box with its size, weight, colour and alignment, in a sans-serif
font a little wider than PowerPoint's Calibri (Arial's metrics), so that text fitting
here fits on the slide. A text that does not fit its box is outlined in red and
reported.

``python -m dkgis.export.deck_preview deck.pptx FOLDER`` writes ``slide-1.png``...
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QTextLayout

#: Fonts tried for the text, in order (metric-compatible with Arial, wider than Calibri).
FONT_FAMILIES = ("Liberation Sans", "Arial", "DejaVu Sans")
EMU_PER_INCH = 914400
#: Size of a point in the deck's default font when a run states none.
DEFAULT_PT = 18.0
LINE_SPACING = 1.2


@dataclass
class SlidePreview:
    """The picture of one slide and the names of the text boxes that overflow."""

    image: QImage
    overflowing: list[str] = field(default_factory=list)


def _font(size_pt: float, bold: bool, dpi: float) -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(max(1, round(size_pt * dpi / 72)))
    font.setBold(bold)
    return font


def _rect(shape: Any, dpi: float) -> QRectF:
    k = dpi / EMU_PER_INCH
    return QRectF(shape.left * k, shape.top * k, shape.width * k, shape.height * k)


def _paragraphs(frame: Any) -> list[tuple[str, float, bool, QColor, Any]]:
    out = []
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        text = "".join(r.text for r in runs)
        first = runs[0].font if runs else paragraph.font
        size = first.size.pt if first.size is not None else DEFAULT_PT
        colour = QColor("#000000")
        try:
            if first.color and first.color.type is not None and first.color.rgb is not None:
                colour = QColor("#" + str(first.color.rgb))
        except AttributeError:
            pass
        out.append((text, size, bool(first.bold), colour, paragraph.alignment))
    return out


def _draw_text(
    painter: QPainter, rect: QRectF, frame: Any, dpi: float, margins: tuple[float, ...]
) -> float:
    """Draw the paragraphs of ``frame`` wrapped in ``rect``; return the height they take."""
    left, top, right, _bottom = margins
    inner = rect.adjusted(left, top, -right, 0)
    y = inner.top()
    for text, size, bold, colour, align in _paragraphs(frame):
        font = _font(size, bold, dpi)
        metrics = QFontMetricsF(font)
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(inner.width())
            lines.append(line)
        layout.endLayout()
        painter.setFont(font)
        painter.setPen(colour)
        step = metrics.height() * LINE_SPACING / 1.17
        for line in lines or [None]:
            if line is not None:
                width = line.naturalTextWidth()
                x = inner.left()
                if align is not None and int(align) == 2:  # centre
                    x += (inner.width() - width) / 2
                elif align is not None and int(align) == 3:  # right
                    x += inner.width() - width
                segment = text[line.textStart() : line.textStart() + line.textLength()]
                painter.drawText(QRectF(x, y, width + 4, step), segment.rstrip())
            y += step
    return y - rect.top() + margins[3]


def render_slide(slide: Any, dpi: float = 96.0) -> SlidePreview:
    """Draw ``slide`` (a python-pptx slide) at ``dpi`` pixels per inch."""
    prs_part = slide.part.package.presentation_part.presentation
    width = round(prs_part.slide_width / EMU_PER_INCH * dpi)
    height = round(prs_part.slide_height / EMU_PER_INCH * dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    preview = SlidePreview(image)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for shape in slide.shapes:
            rect = _rect(shape, dpi)
            if shape.shape_type is not None and int(shape.shape_type) == 13:  # picture
                picture = QImage.fromData(shape.image.blob)
                painter.drawImage(rect, picture)
                continue
            if not shape.has_text_frame:
                continue
            frame = shape.text_frame
            k = dpi / EMU_PER_INCH
            margins = tuple(
                (getattr(frame, f"margin_{side}") or 0) * k
                for side in ("left", "top", "right", "bottom")
            )
            used = _draw_text(painter, rect, frame, dpi, margins)
            overflow = used > rect.height() + 1
            if overflow:
                preview.overflowing.append(shape.name)
            pen = QPen(QColor("#d62728" if overflow else "#b0b0b0"))
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
    finally:
        painter.end()
    return preview


def render_deck(path: str | Path, dpi: float = 96.0) -> list[SlidePreview]:
    """The previews of every slide of the deck at ``path``."""
    from pptx import Presentation

    return [render_slide(slide, dpi) for slide in Presentation(str(path)).slides]


def main(argv: list[str] | None = None) -> int:
    """``python -m dkgis.export.deck_preview deck.pptx FOLDER``: one PNG per slide."""
    from PySide6.QtGui import QGuiApplication

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m dkgis.export.deck_preview DECK.pptx FOLDER", file=sys.stderr)
        return 2
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    folder = Path(args[1])
    folder.mkdir(parents=True, exist_ok=True)
    for i, preview in enumerate(render_deck(args[0]), start=1):
        preview.image.save(str(folder / f"slide-{i}.png"))
        for name in preview.overflowing:
            print(f"slide {i}: the text of {name!r} does not fit its box")
    return 0


if __name__ == "__main__":
    sys.exit(main())
