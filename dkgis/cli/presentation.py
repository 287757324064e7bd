"""``dkgis export`` for presentations: PowerPoint decks (``.pptx``) and animations
(``.gif``, ``.mp4``).

:func:`add_arguments` adds the options to the ``export`` sub-command and
:data:`WRITERS` maps each extension to its writer; :mod:`dkgis.cli.export` wires both in.
Writers take the project and session of :func:`dkgis.cli.inputs.load_inputs`, build the
map frame of the file from the arguments (``--year``, ``--scenario``), return the exit
code and print one line (the file written, or the error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dkgis.cli import args as types
from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, print_error

if TYPE_CHECKING:
    from dkgis.cli.inputs import Inputs
    from dkgis.model.frame import MapFrame


def add_arguments(export: argparse.ArgumentParser) -> None:
    """Add the PowerPoint and animation options to the ``export`` sub-command."""
    group = export.add_argument_group("PowerPoint (.pptx) and animation (.gif, .mp4)")
    group.add_argument(
        "--sites",
        metavar="ID,ID",
        default=None,
        help=".pptx: add one slide per facility with its trajectory chart (ids like FR_956)",
    )
    group.add_argument(
        "--title-slide", action="store_true", help=".pptx: start the deck with a title slide"
    )
    group.add_argument(
        "--from", dest="first_year", type=types.year, default=None, metavar="YEAR",
        help=".gif/.mp4: first year (default 2005)",
    )  # fmt: skip
    group.add_argument(
        "--to", dest="last_year", type=types.year, default=None, metavar="YEAR",
        help=".gif/.mp4: last year (default 2050)",
    )  # fmt: skip
    group.add_argument(
        "--frame-seconds", type=types.seconds, default=None, metavar="S",
        help=".gif/.mp4: seconds each year is shown (default 1)",
    )  # fmt: skip
    # The snapshot options may define --size (same WxH meaning) for every format.
    if "--size" not in export._option_string_actions:
        group.add_argument(
            "--size", type=types.frame_size, default=None, metavar="WxH",
            help=".gif/.mp4: frame size in pixels (default 1280x720)",
        )  # fmt: skip


def _error(message: str) -> None:
    print_error("dkgis", message)


def _refuse(args: argparse.Namespace, allowed: str, flags: dict[str, object]) -> bool:
    for flag, given in flags.items():
        if given not in (None, False):
            _error(f"{flag} does not apply to {allowed} files")
            return True
    return False


def _start_qt() -> None:
    """Make sure a QApplication exists (offscreen when there is no display)."""
    from dkgis.cli.args import ensure_headless_platform

    ensure_headless_platform()
    from PySide6.QtWidgets import QApplication

    global _APP
    _APP = QApplication.instance() or QApplication([sys.argv[0]])


_APP = None  # keeps Qt alive for the process


def _frame(args: argparse.Namespace, inputs: Inputs, **changes) -> MapFrame:
    """The emission map of the whole cluster in ``--year`` (default: the latest verified
    year) under the scenario of the inputs, with the project file's selection."""
    from dkgis.model.frame import emission_map_frame

    if args.year is not None:
        changes["year"] = args.year
    return emission_map_frame(
        inputs.project, scenario=inputs.scenario, selected=inputs.selection, **changes
    )


def export_pptx_command(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    """``dkgis export deck.pptx [--year Y] [--scenario NAME] [--sites ID,ID]``."""
    if _refuse(
        args,
        ".pptx",
        {
            "--from": args.first_year,
            "--to": args.last_year,
            "--frame-seconds": args.frame_seconds,
            "--tiles": getattr(args, "tiles", None),
            # The deck and the animation do not read project files yet: say so, never
            # ignore the file without a word.
            "--project": getattr(args, "project", None),
        },
    ):
        return EXIT_BAD_INPUT
    _start_qt()
    from dkgis import wording
    from dkgis.export.pptx_deck import export_pptx

    sites = [s for s in (args.sites or "").split(",") if s.strip()]
    frame = _frame(args, inputs)
    try:
        result = export_pptx(
            inputs.project,
            output,
            frame,
            site_ids=sites,
            title=args.title,
            title_slide=args.title_slide,
        )
    except ValueError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except OSError as err:
        _error(f"{output}: could not write the presentation: {err.strerror or err}")
        return EXIT_FAILED
    caption = wording.frame_caption(inputs.project, frame)
    print(f"{output} (PowerPoint, {result.slides} slides, {caption}, {_megabytes(result)})")
    return EXIT_OK


def export_animation_command(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    """``dkgis export anim.gif|anim.mp4 [--from Y --to Y] [--scenario NAME] [--size WxH]
    [--frame-seconds S]``."""
    if args.year is not None:
        _error(f"--year does not apply to {output.suffix.lower()} files: use --from and --to")
        return EXIT_BAD_INPUT
    if _refuse(
        args,
        output.suffix.lower(),
        {
            "--sites": args.sites,
            "--title-slide": args.title_slide,
            "--tiles": getattr(args, "tiles", None),
            # The deck and the animation do not read project files yet: say so, never
            # ignore the file without a word.
            "--project": getattr(args, "project", None),
        },
    ):
        return EXIT_BAD_INPUT
    from dkgis.model.display import YEAR_MAX, YEAR_MIN

    first = args.first_year if args.first_year is not None else YEAR_MIN
    last = args.last_year if args.last_year is not None else YEAR_MAX
    if first > last:
        _error(f"--from {first} is after --to {last}")
        return EXIT_BAD_INPUT
    try:
        size = (
            types.frame_size(args.size) if isinstance(args.size, str) else args.size or (1280, 720)
        )
    except argparse.ArgumentTypeError as err:
        _error(f"--size: {err}")
        return EXIT_BAD_INPUT
    _start_qt()
    from dkgis.export.animation import AnimationOptions, EncoderMissing, export_animation

    options = AnimationOptions(
        first_year=first,
        last_year=last,
        width=size[0],
        height=size[1],
        seconds_per_year=args.frame_seconds or 1.0,
        title=args.title,
    )
    try:
        result = export_animation(inputs.project, output, _frame(args, inputs), options)
    except ValueError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except EncoderMissing as err:
        _error(str(err))
        return EXIT_FAILED
    except OSError as err:
        _error(f"{output}: could not write the animation: {err.strerror or err}")
        return EXIT_FAILED
    print(
        f"{output} (animation {first}–{last}, {result.frames} frames, {size[0]} x {size[1]} px, "
        f"{_megabytes(result)})"
    )
    return EXIT_OK


def _megabytes(result) -> str:
    return f"{result.size_bytes / 1e6:.2f} MB"


#: ``dkgis export`` writers of this module, by extension.
WRITERS: dict[str, Callable[[argparse.Namespace, Inputs, Path], int]] = {
    ".pptx": export_pptx_command,
    ".gif": export_animation_command,
    ".mp4": export_animation_command,
}
