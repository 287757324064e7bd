"""Argument types and parser behaviour shared by the ``dkgis`` commands."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from dkgis.cli.exit_codes import EXIT_BAD_INPUT


def year(text: str) -> int:
    """A year of the slider's range (2005-2050)."""
    from dkgis.model.display import YEAR_MAX, YEAR_MIN

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(f"must be between {YEAR_MIN} and {YEAR_MAX}, not {value}")
    return value


def crs(text: str) -> str:
    """A coordinate reference system pyproj knows (``EPSG:2154``, ``2154``, WKT...)."""
    from dkgis.io.readers.crs import normalize_crs

    try:
        return normalize_crs(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def size_pixels(text: str) -> int:
    """A whole number of pixels, 1 to 20000."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of pixels: {text!r}") from None
    if not 1 <= value <= 20000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 20000 pixels, not {value}")
    return value


def dpi(text: str) -> int:
    """A resolution in the snapshot's range."""
    from dkgis.model.snapshot import DPI_RANGE

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not DPI_RANGE[0] <= value <= DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(
            f"must be between {DPI_RANGE[0]} and {DPI_RANGE[1]}, not {value}"
        )
    return value


def frame_size(text: str) -> tuple[int, int]:
    """``1280x720`` -> ``(1280, 720)``."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size in pixels like 1280x720: {text!r}") from None
    if width <= 0 or height <= 0:
        raise argparse.ArgumentTypeError(f"width and height must be positive: {text!r}")
    return width, height


def seconds(text: str) -> float:
    """A duration of 0.1 to 10 seconds (a decimal comma is accepted)."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0.1 <= value <= 10:
        raise argparse.ArgumentTypeError(f"must be between 0.1 and 10 seconds, not {value}")
    return value


def one_line_errors(parser: argparse.ArgumentParser) -> None:
    """Make ``parser`` report errors in one line (no usage block above them)."""

    def one_line(message: str) -> NoReturn:
        print(f"{parser.prog}: error: {message} (see {parser.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)

    parser.error = one_line  # type: ignore[method-assign]


def ensure_headless_platform() -> None:
    """Use Qt's offscreen platform when there is no display to talk to."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
