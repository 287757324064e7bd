"""The writers of ``dkgis export`` (see :data:`dkgis.cli.export.EXPORT_FORMATS`).

Each builds the map frame of its file from the arguments and the project file (year,
scenario, layers, extent, selection); the project itself is only read.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dkgis import wording
from dkgis.cli.args import ensure_headless_platform
from dkgis.cli.exit_codes import EXIT_FAILED, EXIT_OK, CliError, print_warning
from dkgis.cli.inputs import Inputs
from dkgis.i18n import _, format_number, ngettext

if TYPE_CHECKING:
    from dkgis.model.snapshot import Decorations

#: Default size of PNG and SVG images (PDF: the ``a4-landscape`` preset).
DEFAULT_SIZE = (1600, 1000, 96)
DEFAULT_PDF_PRESET = "a4-landscape"


def resolve_size(args: argparse.Namespace, fmt: str) -> tuple[int, int, float]:
    """Width, height (pixels) and dpi from ``--preset``, ``--size``, ``--width``/``--height``
    and ``--dpi``.

    Raises
    ------
    CliError
        For an unknown preset, a malformed or too large size.
    """
    from dkgis.model.snapshot import PRESETS, check_size, mm_to_pixels

    preset_name = args.preset
    if preset_name is None and args.size is None and args.width is None and args.height is None:
        preset_name = DEFAULT_PDF_PRESET if fmt == "pdf" else None
    if preset_name is not None and (args.width is not None or args.height is not None):
        raise CliError(_("give either --preset or --width/--height, not both"))
    if preset_name is not None:
        preset = PRESETS.get(preset_name.strip().lower())
        if preset is None:
            raise CliError(
                _("unknown preset {name}; choose one of {presets}").format(
                    name=repr(preset_name), presets=", ".join(PRESETS)
                )
            )
        width, height, dpi = preset.width, preset.height, float(preset.dpi)
        if args.dpi is not None:
            if preset.paper:  # same paper, more or fewer pixels
                w_mm, h_mm = preset.size_mm
                width, height = mm_to_pixels(w_mm, args.dpi), mm_to_pixels(h_mm, args.dpi)
            dpi = float(args.dpi)
    elif args.size is not None:
        if args.width is not None or args.height is not None:
            raise CliError(_("give either --size or --width/--height, not both"))
        width, height, dpi = _parse_size(args.size, args.dpi)
    else:
        width = args.width if args.width is not None else DEFAULT_SIZE[0]
        height = args.height if args.height is not None else DEFAULT_SIZE[1]
        dpi = float(args.dpi if args.dpi is not None else DEFAULT_SIZE[2])
    try:
        check_size(width, height)
    except ValueError as err:
        raise CliError(str(err)) from None
    return width, height, dpi


def _parse_size(text: str, dpi: int | None) -> tuple[int, int, float]:
    from dkgis.model.snapshot import mm_to_pixels

    match = re.fullmatch(
        r"\s*(\d+(?:[.,]\d+)?)\s*[x×X]\s*(\d+(?:[.,]\d+)?)\s*(mm|px)?\s*", text or ""
    )
    if match is None:
        raise CliError(
            _(
                "--size {text} is not WIDTHxHEIGHT in pixels (1920x1080) or millimetres (297x210mm)"
            ).format(text=repr(text))
        )
    w, h, unit = match.group(1), match.group(2), match.group(3)
    if unit == "mm":
        resolution = dpi if dpi is not None else 300
        return (
            mm_to_pixels(float(w.replace(",", ".")), resolution),
            mm_to_pixels(float(h.replace(",", ".")), resolution),
            float(resolution),
        )
    if "." in w + h or "," in w + h:
        raise CliError(_("--size {text}: pixels are whole numbers").format(text=repr(text)))
    return int(w), int(h), float(dpi if dpi is not None else DEFAULT_SIZE[2])


def resolve_layers(args: argparse.Namespace, inputs: Inputs) -> tuple[str, ...]:
    """The layers to draw: ``--layers``, or the visible ones (with the emission layer
    when ``--year`` is given)."""
    project = inputs.project
    names = [layer.name for layer in project.layers]
    if args.layers is None:
        return tuple(
            layer.name
            for layer in project.layers
            if layer.visible or (args.year is not None and layer.kind == "emissions")
        )
    wanted = [n.strip() for n in args.layers.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in names]
    if unknown or not wanted:
        shown = ", ".join(repr(n) for n in unknown) or _("none")
        raise CliError(
            _("unknown layer name(s) {shown}; the layers are {names}").format(
                shown=shown, names=", ".join(names)
            )
        )
    return tuple(n for n in names if n in wanted)  # drawn bottom to top, as in the project


def resolve_extent(args: argparse.Namespace, inputs: Inputs) -> tuple[float, float, float, float]:
    """The extent (EPSG:3857) of ``--extent`` (default: the project file's view, else
    the cluster)."""
    project = inputs.project
    text = args.extent
    if text is None:
        return inputs.view if inputs.view is not None else project.cluster_extent()
    key = text.strip().lower()
    if key == "cluster":
        return project.cluster_extent()
    if key == "view":
        if inputs.view is None:
            raise CliError(_("--extent view needs a --project file with a saved map view"))
        return inputs.view
    if key == "layers":
        from dkgis.model.user_layer import USER_KIND, zoom_extent

        extent = zoom_extent([la for la in project.layers if la.kind == USER_KIND])
        if extent is None:
            raise CliError(_("--extent layers needs --add-layer files with something to draw"))
        return extent
    if key == "selection":
        from dkgis.model.zoom import facilities_extent

        extent = facilities_extent(project, inputs.selection) if inputs.selection else None
        if extent is None:
            raise CliError(
                _("--extent selection needs a --project file whose selection has located sites")
            )
        return extent
    return parse_lonlat_extent(text)


def parse_lonlat_extent(text: str) -> tuple[float, float, float, float]:
    """``"xmin,ymin,xmax,ymax"`` in degrees (lon/lat) to an EPSG:3857 extent.

    Raises
    ------
    CliError
        When it is not 4 numbers, out of range, or empty.
    """
    from dkgis.model.crs import lonlat_to_mercator

    parts = [p.strip() for p in text.split(",")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or not all(v == v and abs(v) != float("inf") for v in values):
        raise CliError(
            _(
                "--extent {text} is not 'cluster', 'view', 'selection', 'layers' or "
                "xmin,ymin,xmax,ymax (4 numbers, degrees of longitude and latitude)"
            ).format(text=repr(text))
        )
    lon0, lat0, lon1, lat1 = values
    if not (-180 <= lon0 <= 180 and -180 <= lon1 <= 180):
        raise CliError(
            _("--extent {text}: longitudes must be between -180 and 180").format(text=repr(text))
        )
    if not (-85 <= lat0 <= 85 and -85 <= lat1 <= 85):
        raise CliError(
            _("--extent {text}: latitudes must be between -85 and 85").format(text=repr(text))
        )
    if not (lon1 > lon0 and lat1 > lat0):
        raise CliError(
            _(
                "--extent {text} is empty: xmax must exceed xmin and ymax ymin "
                "(order: west, south, east, north)"
            ).format(text=repr(text))
        )
    x0, y0 = lonlat_to_mercator(lon0, lat0)
    x1, y1 = lonlat_to_mercator(lon1, lat1)
    return (float(x0), float(y0), float(x1), float(y1))


def resolve_decorations(args: argparse.Namespace) -> Decorations:
    """The decorations left after ``--hide``."""
    from dkgis.model.snapshot import Decorations

    try:
        return Decorations().without((args.hide or "").split(","))
    except ValueError as err:
        raise CliError(_("--hide: {problem}").format(problem=err)) from None


def resolve_chart(args: argparse.Namespace, inputs: Inputs) -> tuple[str, str | None]:
    """The layout and the chart's site (``None``: the cluster)."""
    from dkgis.model.snapshot import LAYOUT_MAP, LAYOUT_MAP_CHART

    layout = args.layout or (LAYOUT_MAP_CHART if args.chart else LAYOUT_MAP)
    if args.chart is not None and layout != LAYOUT_MAP_CHART:
        raise CliError(_("--chart needs --layout map+chart"))
    if layout != LAYOUT_MAP_CHART:
        return layout, None
    if args.chart is None:
        return layout, inputs.selection[0] if inputs.selection else None
    site = args.chart.strip()
    if site.lower() == "cluster":
        return layout, None
    if site not in inputs.project.facilities:
        raise CliError(
            _("--chart: no facility with the id {id} in the dataset").format(id=repr(site))
        )
    return layout, site


def write_image(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    """Write a PNG, SVG or PDF snapshot."""
    from dkgis.export.snapshot import format_of

    fmt = format_of(output)
    width, height, dpi = resolve_size(args, fmt)
    pending = None
    if args.add_layer:
        from dkgis.cli.user_layers import PendingLayers

        # The files are read while Qt starts: both take a moment.
        pending = PendingLayers(args.add_layer, args.layer_crs)
    elif args.layer_crs is not None:
        raise CliError(_("--layer-crs gives the coordinate system of --add-layer files"))

    ensure_headless_platform()
    from PySide6.QtWidgets import QApplication

    from dkgis.export.snapshot import make_spec, render_snapshot, write_snapshot

    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 (keeps Qt alive)
    if pending is not None:
        pending.add_to(inputs.project)
    layers = resolve_layers(args, inputs)
    extent = resolve_extent(args, inputs)
    decorations = resolve_decorations(args)
    layout, chart_site = resolve_chart(args, inputs)
    from dkgis.model.display import NAMES_LARGEST
    from dkgis.model.frame import EMISSION_LAYER, frame_of

    project = inputs.project
    # The project file's selection is ringed on the map, else the charted site.
    selected = inputs.selection or ((chart_site,) if chart_site is not None else ())
    frame = frame_of(
        project,
        **_year(args),
        scenario=inputs.scenario,
        layers=layers,
        extent=extent,
        selected=selected,
        names=args.names or NAMES_LARGEST,
    )
    spec = make_spec(
        project,
        frame,
        width,
        height,
        dpi,
        title=args.title,
        decorations=decorations,
        layout=layout,
        chart_site=chart_site,
    )
    try:
        rendered = render_snapshot(project, spec, fmt)
    except ValueError as err:
        raise CliError(str(err)) from None
    except MemoryError as err:
        raise CliError(
            _("{output}: not enough memory: {problem}").format(output=output, problem=err),
            EXIT_FAILED,
        ) from None
    try:
        size = write_snapshot(rendered, output)
    except OSError as err:
        reason = err.strerror or str(err)
        raise CliError(
            _("{output}: could not write the file: {reason}").format(output=output, reason=reason),
            EXIT_FAILED,
        ) from None
    parts = [
        fmt.upper(),
        _("{width} x {height} px at {dpi} dpi").format(
            width=width, height=height, dpi=format_number(dpi, 0 if float(dpi).is_integer() else 1)
        ),
    ]
    if frame.shows(EMISSION_LAYER):
        parts.append(wording.frame_caption(project, frame))
    parts.append(size_text(size))
    print(_("{output} ({details})").format(output=output, details=", ".join(parts)))
    if rendered.layout is not None and rendered.layout.legend_left_out:
        message = _("{output}: no legend: the page is too small for a readable one")
        print_warning("dkgis export", message.format(output=output))
    return EXIT_OK


def _year(args: argparse.Namespace) -> dict[str, int]:
    """``{"year": --year}``, or nothing for the default (the last verified year)."""
    return {} if args.year is None else {"year": args.year}


def size_text(size: int) -> str:
    """A file size: ``1.25 MB``, ``340 kB`` (« 1,25 Mo », « 340 ko »)."""
    if size >= 1e6:
        return _("{value} MB").format(value=format_number(size / 1e6, 2))
    return _("{value} kB").format(value=format_number(size / 1e3))


def write_html(args: argparse.Namespace, inputs: Inputs, output: Path) -> int:
    """Write the interactive offline HTML map."""
    from dkgis.export.html import HtmlMapOptions, LeafletAssetsMissing, export_html_map
    from dkgis.model.frame import frame_of

    frame = frame_of(inputs.project, **_year(args), scenario=inputs.scenario)
    options = HtmlMapOptions(frame=frame, tiles=bool(args.tiles), title=args.title)
    try:
        result = export_html_map(inputs.project, output, options)
    except ValueError as err:
        raise CliError(str(err)) from None
    except LeafletAssetsMissing as err:
        raise CliError(str(err), EXIT_FAILED) from None
    except OSError as err:
        raise CliError(
            _("{output}: could not write the map: {reason}").format(
                output=output, reason=err.strerror or err
            ),
            EXIT_FAILED,
        ) from None
    details = [
        _("interactive map"),
        ngettext("{n} facility", "{n} facilities", result.facility_markers).format(
            n=result.facility_markers
        ),
        wording.frame_caption(inputs.project, frame),
        size_text(result.size_bytes),
    ]
    print(_("{output} ({details})").format(output=output, details=", ".join(details)))
    return EXIT_OK
