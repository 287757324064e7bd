"""``dkgis export --add-layer FILE``: the user's own files drawn over the exported map.

Each ``--add-layer`` names a file (GeoPackage, Shapefile, GeoJSON, CSV), or
``FILE:LAYER`` for one layer of a GeoPackage. The file is read as *File > Add
Layer…* reads it and drawn with the app's default style (the next colour of the
user palette), under the facilities. What the app would ask is given on the
command line: the coordinate system of a file that does not say with
``--layer-crs``; the layer of a GeoPackage that has several with ``FILE:LAYER``.
Anything wrong is one line naming the file.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from dkgis.cli.exit_codes import CliError, print_warning
from dkgis.i18n import _

if TYPE_CHECKING:
    from dkgis.io.readers import UserData
    from dkgis.model.project import Project
    from dkgis.model.user_layer import UserLayer


def parse_layer_argument(text: str) -> tuple[Path, str | None]:
    """``FILE`` or ``FILE:LAYER`` to a path and a layer name.

    A file whose name holds a colon (``C:\\data\\x.gpkg``) is taken whole when it
    exists; otherwise the text after the last colon names the layer.
    """
    path = Path(text)
    if path.exists() or ":" not in text:
        return path, None
    name, _, layer = text.rpartition(":")
    if not name or not layer or "/" in layer or "\\" in layer:
        return path, None
    return Path(name), layer


class PendingLayers:
    """The files of ``--add-layer``, read in a background thread.

    Reading a big file takes a moment, and so does starting Qt: the export starts
    both at once, then :meth:`add_to` waits for the files and adds their layers.

    Parameters
    ----------
    arguments
        The ``--add-layer`` values.
    crs
        The ``--layer-crs`` value: the coordinate system of files that do not say.
    """

    def __init__(self, arguments: list[str], crs: str | None) -> None:
        self._read: list[tuple[Path, str | None, UserData]] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(list(arguments), crs), name="add-layer", daemon=True
        )
        self._thread.start()

    def _run(self, arguments: list[str], crs: str | None) -> None:
        try:
            for text in arguments:
                path, layer = parse_layer_argument(text)
                self._read.append((path, layer, _read(path, layer, crs)))
        except BaseException as err:  # raised again by add_to, in the main thread
            self._error = err

    def add_to(self, project: Project) -> list[UserLayer]:
        """Wait for the files, then add their layers to ``project`` (bottom to top in the
        order given).

        Raises
        ------
        CliError
            For a file or layer that cannot be read, naming it and why (the layers of the
            files before it are added first, as a read one by one would).
        """
        from dkgis.model.user_layer import UserLayer, insert_user_layer, layer_name, next_style

        self._thread.join()
        added = []
        for path, layer, data in self._read:
            name = layer_name(path, layer, project.layers.names)
            user_layer = UserLayer.from_user_data(data, name, next_style(project.layers))
            user_layer.prepare()
            insert_user_layer(project.layers, user_layer)
            for warning in user_layer.warnings:
                print_warning("dkgis export", f"{path}: {warning}")
            added.append(user_layer)
        if self._error is not None:
            raise self._error
        return added


def add_user_layers(project: Project, arguments: list[str], crs: str | None) -> list[UserLayer]:
    """Read the files of ``--add-layer`` and add them to ``project`` (bottom to top in
    the order given).

    Parameters
    ----------
    project
        The project exported.
    arguments
        The ``--add-layer`` values.
    crs
        The ``--layer-crs`` value: the coordinate system of files that do not say.

    Raises
    ------
    CliError
        For a file or layer that cannot be read, naming it and why.
    """
    return PendingLayers(arguments, crs).add_to(project)


def _read(path: Path, layer: str | None, crs: str | None):
    from dkgis.io.readers import (
        ColumnsRequired,
        CrsRequired,
        DatasetError,
        ReadOptions,
        inspect_file,
        read_file,
    )

    try:
        info = inspect_file(path)
        names = [la.name for la in info.layers]
        if layer is not None and layer not in names:
            raise CliError(
                _("{path}: no layer {layer} with geometry; its layers: {names}").format(
                    path=path, layer=repr(layer), names=_listed(names)
                )
            )
        if layer is None and len(names) > 1:
            raise CliError(
                _(
                    "{path}: the file has several layers ({names}); name one as {path}:{first}"
                ).format(path=path, names=_listed(names), first=names[0])
            )
        # The map draws the geometry only: the attributes need not be read.
        options = ReadOptions(layer=layer, attributes=False)
        try:
            return read_file(path, options)
        except CrsRequired as err:
            if crs is None:
                raise CliError(
                    _(
                        "{path}: {problem}; give its coordinate system with --layer-crs "
                        "(for example --layer-crs {suggestion})"
                    ).format(path=path, problem=err.problem, suggestion=err.suggestion)
                ) from None
            return read_file(path, ReadOptions(layer=layer, crs=crs, attributes=False))
    except ColumnsRequired as err:
        raise CliError(
            _(
                "{problem}; keep one pair of coordinate columns in the file (candidates: "
                "{x} and {y})"
            ).format(problem=err, x=_listed(err.x_candidates), y=_listed(err.y_candidates))
        ) from None
    except DatasetError as err:
        raise CliError(str(err)) from None


def _listed(names) -> str:
    return ", ".join(repr(n) for n in names)
