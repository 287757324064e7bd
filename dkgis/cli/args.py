"""Argument types and parser behaviour shared by the ``dkgis`` commands."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from dkgis.cli.exit_codes import EXIT_BAD_INPUT
from dkgis.i18n import _, format_number


def year(text: str) -> int:
    """A year of the slider's range (2005-2050)."""
    from dkgis.model.display import YEAR_MAX, YEAR_MIN

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a year: {text}").format(text=repr(text))) from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(
            _("must be between {low} and {high}, not {value}").format(
                low=YEAR_MIN, high=YEAR_MAX, value=value
            )
        )
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
        raise argparse.ArgumentTypeError(
            _("not a whole number of pixels: {text}").format(text=repr(text))
        ) from None
    if not 1 <= value <= 20000:
        raise argparse.ArgumentTypeError(
            _("must be between 1 and 20000 pixels, not {value}").format(value=value)
        )
    return value


def dpi(text: str) -> int:
    """A resolution in the snapshot's range."""
    from dkgis.model.snapshot import DPI_RANGE

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a whole number: {text}").format(text=repr(text))
        ) from None
    if not DPI_RANGE[0] <= value <= DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(
            _("must be between {low} and {high}, not {value}").format(
                low=DPI_RANGE[0], high=DPI_RANGE[1], value=value
            )
        )
    return value


def frame_size(text: str) -> tuple[int, int]:
    """``1280x720`` -> ``(1280, 720)``."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a size in pixels like 1280x720: {text}").format(text=repr(text))
        ) from None
    if width <= 0 or height <= 0:
        raise argparse.ArgumentTypeError(
            _("width and height must be positive: {text}").format(text=repr(text))
        )
    return width, height


def seconds(text: str) -> float:
    """A duration of 0.1 to 10 seconds (a decimal comma is accepted)."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number of seconds: {text}").format(text=repr(text))
        ) from None
    if not 0.1 <= value <= 10:
        raise argparse.ArgumentTypeError(
            _("must be between 0.1 and 10 seconds, not {value}").format(
                value=format_number(value, 1)
            )
        )
    return value


class Parser(argparse.ArgumentParser):
    """An argument parser that says its own words (usage, section titles, ``-h``) in the
    language of the run; its sub-command parsers are of this class too."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help message and exit")

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        add_usage = formatter.add_usage

        def usage_in_language(usage, actions, groups, prefix=None) -> None:
            add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)

        formatter.add_usage = usage_in_language  # type: ignore[method-assign]
        return formatter


def one_line_errors(parser: argparse.ArgumentParser) -> None:
    """Make ``parser`` report errors in one line (no usage block above them)."""

    def one_line(message: str) -> NoReturn:
        print(
            _("{prog}: error: {message} (see {prog} --help)").format(
                prog=parser.prog, message=message
            ),
            file=sys.stderr,
        )
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
