"""``dkgis export``: the map as a file, from a script, with no window.

The format follows the output's extension, through :data:`EXPORT_FORMATS`: one
entry per extension with the function that writes it and the options that
apply to it. To add a format (``.pptx``, ``.gif``...), write a function
``(args, inputs, output) -> exit code`` and add an entry; options it does not
list are refused with one clear line.

Errors print exactly one line, ``dkgis export: error: ...``, and exit non-zero:
2 for bad input (unknown option value, preset, layer, extent, year, scenario;
a dataset or project file that cannot be read), 1 when the file cannot be
written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dkgis.cli import args as types
from dkgis.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FAILED, CliError, print_error
from dkgis.cli.inputs import Inputs, load_inputs
from dkgis.i18n import N_, _


def error(message: str) -> None:
    """Print one ``dkgis export: error: ...`` line."""
    print_error("dkgis export", message)


# -- the dispatch table --------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    """One output format of ``dkgis export``.

    Parameters
    ----------
    description
        For the help text (an English source text, translated where shown).
    write
        ``write(args, inputs, output) -> exit code``; raise
        :class:`~dkgis.cli.exit_codes.CliError` for a one-line error.
    options
        Destinations (``args`` attribute names) of the format-specific options it
        accepts; the others are refused when given.
    group
        How error messages name the formats that share these options
        (``".html maps"``: "--tiles applies to .html maps only"; a source text).
    """

    description: str
    write: Callable[[argparse.Namespace, Inputs, Path], int]
    options: frozenset[str]
    group: str


#: Options that not every format accepts, with their command-line spelling.
SPECIFIC_OPTIONS = {
    "preset": "--preset",
    "size": "--size",
    "width": "--width",
    "height": "--height",
    "dpi": "--dpi",
    "extent": "--extent",
    "layers": "--layers",
    "layout": "--layout",
    "chart": "--chart",
    "hide": "--hide",
    "names": "--names",
    "tiles": "--tiles",
    "add_layer": "--add-layer",
    "layer_crs": "--layer-crs",
}

_IMAGE_OPTIONS = frozenset(
    {
        "preset",
        "size",
        "width",
        "height",
        "dpi",
        "extent",
        "layers",
        "layout",
        "chart",
        "hide",
        "names",
        "add_layer",
        "layer_crs",
    }
)


def _write_image(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    from dkgis.cli.export_writers import write_image

    return write_image(args, inputs, output)


def _write_html(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    from dkgis.cli.export_writers import write_html

    return write_html(args, inputs, output)


def _write_presentation(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    from dkgis.cli.presentation import WRITERS

    return WRITERS[output.suffix.lower()](args, inputs, output)


#: ``dkgis export`` writers by file extension.
_IMAGES = N_(".png, .svg and .pdf images")
_ANIMATIONS = N_(".gif and .mp4 animations")
_HTML = N_(".html maps")
_WEB_MAP = N_("interactive offline web map")
EXPORT_FORMATS: dict[str, ExportFormat] = {
    ".png": ExportFormat(N_("PNG image"), _write_image, _IMAGE_OPTIONS, _IMAGES),
    ".svg": ExportFormat(N_("SVG vector image"), _write_image, _IMAGE_OPTIONS, _IMAGES),
    ".pdf": ExportFormat(N_("PDF document (vector)"), _write_image, _IMAGE_OPTIONS, _IMAGES),
    ".html": ExportFormat(_WEB_MAP, _write_html, frozenset({"tiles"}), _HTML),
    ".htm": ExportFormat(_WEB_MAP, _write_html, frozenset({"tiles"}), _HTML),
    ".pptx": ExportFormat(
        N_("PowerPoint deck"), _write_presentation, frozenset(), N_(".pptx decks")
    ),
    ".gif": ExportFormat(N_("animated GIF"), _write_presentation, frozenset({"size"}), _ANIMATIONS),
    ".mp4": ExportFormat(N_("MP4 video"), _write_presentation, frozenset({"size"}), _ANIMATIONS),
}


# -- parser --------------------------------------------------------------------------------


def add_parser(commands) -> argparse.ArgumentParser:
    """Add the ``export`` command to the ``dkgis`` sub-commands."""
    from dkgis.cli.export_writers import DEFAULT_PDF_PRESET
    from dkgis.model.display import NAME_MODES
    from dkgis.model.snapshot import LAYOUTS, PRESETS, Decorations

    formats = ", ".join(EXPORT_FORMATS)
    from dkgis.model.scenario import PRESET_NAMES, scenario_title

    export = commands.add_parser(
        "export",
        help=_("write the map to a file (PNG, SVG, PDF, interactive HTML) without a window"),
        description=_(
            "Render the map to a file, in the format of its extension ({formats}). Needs no "
            "display. With --project, the dataset, view, selection and scenarios of a saved "
            "dkgis project are used."
        ).format(formats=formats),
    )
    types.one_line_errors(export)
    export.add_argument(
        "output",
        metavar=_("OUTPUT"),
        help=_("the file to write ({formats})").format(formats=formats),
    )
    export.add_argument(
        "--data",
        metavar=_("FILE") + ".gpkg|DSN",
        dest="export_data",
        help=_(
            "use this GeoPackage, or this PostGIS database (postgresql://..., service=NAME, "
            "PG:...) (default: the project's, else your data updated by an import, else the "
            "embedded dataset)"
        ),
    )
    export.add_argument(
        "--project",
        metavar=_("FILE"),
        help=_(
            "a dkgis project file: its dataset, map view (--extent view), selection "
            "(--extent selection, the chart's site) and scenarios (--scenario, its active one)"
        ),
    )
    export.add_argument(
        "--year",
        type=types.year,
        default=None,
        metavar=_("YEAR"),
        help=_(
            "year of the emission circles (2005-2050; default: the last verified year); "
            "after the last verified year, the values projected under --scenario"
        ),
    )
    presets = [f'"{scenario_title(name)}"' for name in PRESET_NAMES]
    export.add_argument(
        "--scenario",
        default=None,
        metavar=_("NAME"),
        help=_(
            "scenario of projected years: {first} (default, or the active one of --project), "
            "{others} or a scenario of --project"
        ).format(first=presets[0], others=", ".join(presets[1:])),
    )
    export.add_argument(
        "--title",
        default=None,
        metavar=_("TITLE"),
        help=_("map title (default: the cluster's name)"),
    )
    size = export.add_mutually_exclusive_group()
    size.add_argument(
        "--preset",
        default=None,
        metavar=_("NAME"),
        help=_("output size: {presets} (default for PDF: {pdf})").format(
            presets=", ".join(PRESETS), pdf=DEFAULT_PDF_PRESET
        ),
    )
    size.add_argument(
        "--size",
        default=None,
        metavar="WxH",
        help=_(
            "output size in pixels (1920x1080) or millimetres (297x210mm, at --dpi, "
            "default 300); default 1600x1000 at 96 dpi"
        ),
    )
    export.add_argument("--width", type=types.size_pixels, default=None, help=argparse.SUPPRESS)
    export.add_argument("--height", type=types.size_pixels, default=None, help=argparse.SUPPRESS)
    export.add_argument(
        "--dpi",
        type=types.dpi,
        default=None,
        help=_(
            "resolution; text and symbols scale with it (paper presets keep their size "
            "in millimetres, slide presets their pixels)"
        ),
    )
    export.add_argument(
        "--extent",
        default=None,
        metavar=_("AREA"),
        help=_(
            "cluster (default), view or selection (from --project), layers (the "
            "--add-layer files), or xmin,ymin,xmax,ymax in degrees of longitude and latitude"
        ),
    )
    export.add_argument(
        "--layers",
        default=None,
        metavar="A,B,C",
        help=_(
            "layers to draw, by name (default: the visible ones, with the emission "
            "layer when --year is given)"
        ),
    )
    export.add_argument(
        "--layout",
        default=None,
        choices=LAYOUTS,
        help=_("map alone, or map with a trajectory chart on its right"),
    )
    export.add_argument(
        "--chart",
        default=None,
        metavar=_("SITE"),
        help=_(
            "the chart of --layout map+chart: 'cluster' or a facility id (default: "
            "the project's first selected site, else the cluster)"
        ),
    )
    export.add_argument(
        "--hide",
        default=None,
        metavar="A,B",
        help=_("decorations to leave out: {names}").format(
            names=", ".join(Decorations.cli_names())
        ),
    )
    export.add_argument(
        "--names",
        default=None,
        choices=NAME_MODES,
        help=_(
            "facility names on the map: the largest emitters of the year (default), all "
            "where there is room, or none; communes are always named"
        ),
    )
    export.add_argument(
        "--add-layer",
        action="append",
        default=None,
        metavar=_("FILE") + "[:" + _("LAYER") + "]",
        help=_(
            "draw a file of your own over the map (GeoPackage, Shapefile, GeoJSON, CSV), "
            "as File > Add Layer does, with the app's default style; FILE:LAYER for one "
            "layer of a GeoPackage; repeat for several files"
        ),
    )
    export.add_argument(
        "--layer-crs",
        type=types.crs,
        default=None,
        metavar="CRS",
        help=_(
            "coordinate system of the --add-layer files that do not say (EPSG:2154 for Lambert-93)"
        ),
    )
    export.add_argument(
        "--tiles",
        action="store_true",
        default=None,
        help=_(
            "HTML map: add OpenStreetMap's online tiles under the offline basemap "
            "(they need the internet when the page is opened)"
        ),
    )
    from dkgis.cli.presentation import add_arguments as add_presentation_arguments

    add_presentation_arguments(export)  # .pptx, .gif and .mp4 options
    return export


# -- running -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """``dkgis export``: write the map in the format of the output's extension.

    Parameters
    ----------
    args
        Parsed arguments (``args.data``: the ``dkgis --data`` given before the command).
    """
    output = Path(args.output)
    fmt = EXPORT_FORMATS.get(output.suffix.lower())
    if fmt is None:
        known = ", ".join(EXPORT_FORMATS)
        suffix = repr(output.suffix) if output.suffix else _("(no extension)")
        error(
            _("{output}: unknown format {suffix}; use {known}").format(
                output=output, suffix=suffix, known=known
            )
        )
        return EXIT_BAD_INPUT
    for dest, flag in SPECIFIC_OPTIONS.items():
        if getattr(args, dest, None) not in (None, False) and dest not in fmt.options:
            takers = [_(f.group) for f in EXPORT_FORMATS.values() if dest in f.options]
            error(
                _("{flag} applies to {formats} only").format(
                    flag=flag, formats=_joined(list(dict.fromkeys(takers)))
                )
            )
            return EXIT_BAD_INPUT
    if str(output.parent) and not output.parent.is_dir():
        error(
            _("{output}: the folder {folder} does not exist").format(
                output=output, folder=output.parent
            )
        )
        return EXIT_FAILED
    if output.is_dir():
        error(_("{output} is a folder, not a file name").format(output=output))
        return EXIT_FAILED
    try:
        inputs = load_inputs(args, args.data)
        return fmt.write(args, inputs, output)
    except CliError as err:
        error(str(err))
        return err.code


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
