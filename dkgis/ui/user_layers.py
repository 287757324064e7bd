"""Adding the user's own files to the map: File > Add Layer… and drag-and-drop.

:class:`UserLayerController` walks each file through a few steps, asking the
user only what the file does not say:

1. a quick look (:func:`dkgis.io.readers.inspect_file`), in a worker thread, with
   "Examining…" and Cancel in the status bar (a cancelled quick look is given up at
   once: it cannot stop midway, and its result is dropped);
2. a dkgis dataset may be opened as a dataset instead (a question);
3. the layers of a multi-layer file (a list to tick);
4. the coordinate columns of a CSV file, when ambiguous;
5. the coordinate reference system, when missing or unknown (Lambert-93 and
   WGS 84 first);
6. the read itself, in a worker thread, with progress and Cancel in the
   status bar; the main thread then adds the layer to ``project.layers`` and
   zooms to it.

Dialogs are opened with ``open()`` (never a nested event loop), and each step
continues from the dialog's ``finished`` signal, or from the worker's result, queued
to the main thread (the workers touch no widget). A file that cannot be read
gets a dialog naming the file and the reason; the project is left unchanged,
and the next file is added (whatever the error, even a reader's bug). A file
read with warnings (features skipped, features outside the area of use of the
coordinate system) is added, and a message that does not block the window
lists what the user should know.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dkgis.i18n import format_number, ngettext
from dkgis.ui.load_progress import LoadProgress
from dkgis.ui.settings import app_settings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from dkgis.io.errors import DatasetError
    from dkgis.io.readers import FileInfo, ReadOptions
    from dkgis.model.project import Project
    from dkgis.model.user_layer import UserLayer
    from dkgis.ui.layer_loader import FileTask


def file_dialog_filter() -> str:
    """The filter of the Add Layer file dialog, from the reader registry."""
    from dkgis.io.readers import READERS

    everything = " ".join(p for r in READERS.values() for p in r.patterns)
    filters = [
        QCoreApplication.translate("UserLayers", "All supported files ({patterns})").format(
            patterns=everything
        )
    ]
    for reader in READERS.values():
        filters.append(f"{reader.label} ({' '.join(reader.patterns)})")  # format names
    filters.append(QCoreApplication.translate("UserLayers", "All files (*)"))
    return ";;".join(filters)


def local_paths(urls: Iterable[QUrl]) -> list[Path]:
    """The local files among dropped URLs."""
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and u.toLocalFile()]


def show_layer_error(parent: QWidget | None, err: DatasetError) -> QMessageBox:
    """Tell the user which file could not be added and why (non-blocking dialog)."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and values are data, not markup
    box.setIcon(QMessageBox.Icon.Critical)
    box.setObjectName("layerErrorBox")
    box.setWindowTitle(QCoreApplication.translate("UserLayers", "Cannot add layer"))
    box.setText(
        QCoreApplication.translate(
            "UserLayers", "The file {file} could not be added as a layer."
        ).format(file=Path(err.path).name)
    )
    problem = err.problem[:1].upper() + err.problem[1:]
    box.setInformativeText(problem if problem.endswith(".") else problem + ".")
    box.setDetailedText(str(err.path))
    box.open()
    return box


def show_layer_warnings(parent: QWidget | None, layer: UserLayer) -> QMessageBox:
    """Tell the user what was not read in a file added as ``layer`` (a non-modal message)."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setObjectName("layerWarningBox")
    box.setWindowTitle(QCoreApplication.translate("UserLayers", "Layer Added with Warnings"))
    name = layer.path.name if layer.path is not None else layer.title
    box.setText(
        QCoreApplication.translate(
            "UserLayers", "The layer “{title}” was added from {file}, with warnings:"
        ).format(title=layer.title, file=name)
    )
    lines = [w[:1].upper() + w[1:] for w in layer.warnings]
    box.setInformativeText("\n\n".join(w if w.endswith(".") else w + "." for w in lines))
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


class UserLayerController(QObject):
    """Adds user files to ``project.layers``, one file at a time.

    Parameters
    ----------
    project
        The project the layers join.
    window
        The parent of the dialogs.
    open_dataset
        Called with a path to open a dkgis dataset in a new window.
    """

    def __init__(
        self,
        project: Project,
        window: QWidget,
        open_dataset: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("userLayerController")
        self.project = project
        self.window = window
        self.open_dataset = open_dataset
        self.progress = LoadProgress()
        self.progress.cancel_requested.connect(self.cancel)
        self._queue: deque[Path] = deque()
        self._path: Path | None = None
        self._info: FileInfo | None = None
        self._layers: deque[str | None] = deque()
        self._task: FileTask | None = None
        self._dialog: QWidget | None = None

    # -- entry points ------------------------------------------------------------------
    def add_layer_dialog(self) -> None:
        """Ask for files (File > Add Layer…) and add them."""
        settings = app_settings()
        start = str(settings.value("userLayers/lastDir", "") or "")
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            QCoreApplication.translate("UserLayers", "Add Layer"),
            start,
            file_dialog_filter(),
        )
        if paths:
            settings.setValue("userLayers/lastDir", str(Path(paths[0]).parent))
            self.add_files(paths)

    def add_files(self, paths: Iterable[str | Path]) -> None:
        """Add each file, in turn (files dropped on the window, chosen in the dialog)."""
        self._queue.extend(Path(p) for p in paths)
        if not self.busy:
            self._next_file()

    @property
    def busy(self) -> bool:
        """Whether a file is being added (a worker looks at it or reads it, or a dialog
        is asked)."""
        return self._path is not None

    @property
    def loading(self) -> bool:
        """Whether a worker is looking at or reading a file now."""
        return self._task is not None

    def cancel(self) -> None:
        """Cancel the quick look or the load in progress; the project stays as it was.

        A load stops at its next step; a quick look, which cannot stop midway (a file on
        a share that does not answer), is given up at once and the next file added.
        """
        task = self._task
        if task is None:
            return
        task.cancel()
        if task.stops_when_cancelled:
            self.progress.cancelling()
        else:
            self._task = None
            self.progress.finish()
            self._on_cancelled_after(task)

    def shutdown(self, timeout_ms: int = 3000) -> None:
        """Cancel everything and wait for the worker (before the window closes).

        The worker's result, should it come later, is dropped.
        """
        self._queue.clear()
        self._layers.clear()
        task, self._task = self._task, None
        self._path = self._info = None
        self.progress.finish()
        if task is not None:
            task.cancel()
            task.wait(timeout_ms / 1000)

    # -- the steps ---------------------------------------------------------------------
    def _next_file(self) -> None:
        self._path = self._info = None
        self._layers.clear()
        if not self._queue:
            return
        path = self._queue.popleft()
        self._path = path
        from dkgis.ui.layer_loader import InspectTask

        task = InspectTask(path)
        task.signals.done.connect(self._on_inspected)
        task.signals.failed.connect(self._on_inspect_failed)
        self._task = task
        self.progress.inspect(path.name)
        task.start()

    def _ask_dataset(self) -> None:
        box = QMessageBox(self.window)
        box.setObjectName("datasetQuestionBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("UserLayers", "dkgis Dataset"))
        box.setText(
            QCoreApplication.translate("UserLayers", "{file} is a dkgis dataset.").format(
                file=self._path.name
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "UserLayers",
                "Open it as a dataset in a new window, or add some of its layers to this map?",
            )
        )
        open_button = box.addButton(
            QCoreApplication.translate("UserLayers", "Open as Dataset"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        add_button = box.addButton(
            QCoreApplication.translate("UserLayers", "Add Layers…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_button)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            self._dialog = None
            box.deleteLater()
            if clicked is open_button:
                path = self._path
                self._next_file()
                self.open_dataset(path)
            elif clicked is add_button:
                self._choose_layers()
            else:
                self._next_file()

        box.finished.connect(answered)
        self._show(box)

    def _choose_layers(self) -> None:
        info = self._info
        if len(info.layers) == 1:
            self._layers.append(None)
            self._next_layer()
            return
        from dkgis.ui.import_dialogs import LayerChoiceDialog

        dialog = LayerChoiceDialog(self._path, info.layers, self.window)

        def answered(result: int) -> None:
            chosen = dialog.chosen() if result else []
            self._dialog = None
            dialog.deleteLater()
            self._layers.extend(chosen)
            self._next_layer()

        dialog.finished.connect(answered)
        self._show(dialog)

    def _next_layer(self) -> None:
        if not self._layers:
            self._next_file()
            return
        from dkgis.io.readers import ReadOptions

        options = ReadOptions(layer=self._layers.popleft())
        csv = self._info.csv
        if csv is not None and csv.x_column is None and csv.wkt_column is None:
            self._ask_columns(options)
        else:
            self._check_crs(options)

    def _ask_columns(self, options: ReadOptions) -> None:
        from dkgis.ui.import_dialogs import ColumnsDialog

        dialog = ColumnsDialog(self._path, self._info.csv, self.window)

        def answered(result: int) -> None:
            x, y = dialog.columns()
            self._dialog = None
            dialog.deleteLater()
            if not result:
                self._next_layer()
                return
            # The reader judges the CRS of the chosen columns, and asks if it must.
            self._start(replace(options, x_column=x, y_column=y))

        dialog.finished.connect(answered)
        self._show(dialog)

    def _check_crs(self, options: ReadOptions) -> None:
        layer = self._info.layer(options.layer)
        if layer.crs is None and options.crs is None:
            reason = layer.crs_problem or QCoreApplication.translate(
                "UserLayers", "The file has no coordinate system."
            )
            self._ask_crs(options, reason, self._info.crs_suggestion)
        else:
            self._start(options)

    def _ask_crs(self, options: ReadOptions, reason: str, suggestion: str) -> None:
        from dkgis.ui.crs_dialog import CrsDialog

        dialog = CrsDialog(self._path, reason, suggestion, self.window)

        def answered(result: int) -> None:
            crs = dialog.selected_crs()
            self._dialog = None
            dialog.deleteLater()
            if result and crs:
                self._start(replace(options, crs=crs))
            else:
                self._next_layer()

        dialog.finished.connect(answered)
        self._show(dialog)

    def _start(self, options: ReadOptions) -> None:
        from dkgis.model.user_layer import layer_name, next_style
        from dkgis.ui.layer_loader import LoadTask

        layers = self.project.layers
        name = layer_name(self._path, options.layer, layers.names)
        task = LoadTask(self._path, options, name, next_style(layers))
        task.signals.progress.connect(self.progress.set_fraction)
        task.signals.done.connect(self._on_loaded)
        task.signals.failed.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        self._task = task
        self.progress.start(self._path.name)
        task.start()

    # -- worker results (main thread) -------------------------------------------------
    def _finish_task(self) -> FileTask | None:
        """The task whose result is delivered, now over; None for the result of a task
        given up (a cancelled quick look, everything after shutdown), to drop."""
        task = self._task
        if task is None or self.sender() is not task.signals:
            return None
        self._task = None
        self.progress.finish()
        return task

    # A quick look given up when cancelled, its result never comes to these two.
    def _on_inspected(self, info: FileInfo) -> None:
        if self._finish_task() is None:
            return
        self._info = info
        if info.dkgis_dataset and self.open_dataset is not None:
            self._ask_dataset()
        else:
            self._choose_layers()

    def _on_inspect_failed(self, err: DatasetError) -> None:
        if self._finish_task() is not None:
            self._fail(err)

    def _on_loaded(self, layer: UserLayer) -> None:
        task = self._finish_task()
        if task is None:
            return
        if task.is_cancelled:
            self._on_cancelled_after(task)
            return
        self.add_layer(layer)
        if layer.warnings:
            show_layer_warnings(self.window, layer)
        self._next_layer()

    def _on_failed(self, err: DatasetError) -> None:
        from dkgis.io.readers import ColumnsRequired, CrsRequired

        task = self._finish_task()
        if task is None:
            return
        if task.is_cancelled:
            self._on_cancelled_after(task)
        elif isinstance(err, CrsRequired):
            # Missing, or the one chosen puts every feature outside its area of use.
            self._ask_crs(replace(task.options, crs=None), err.problem, err.suggestion)
        elif isinstance(err, ColumnsRequired):
            self._ask_columns(task.options)
        else:
            self._fail(err)

    def _on_cancelled(self) -> None:
        task = self._finish_task()
        if task is not None:
            self._on_cancelled_after(task)

    def _on_cancelled_after(self, task: FileTask) -> None:
        self._status(
            QCoreApplication.translate(
                "UserLayers", "Loading of {file} cancelled; nothing was added."
            ).format(file=task.path.name)
        )
        self._layers.clear()
        self._next_file()

    def _fail(self, err: DatasetError) -> None:
        box = show_layer_error(self.window, err)
        self._dialog = box

        def closed(_result: int) -> None:
            self._dialog = None
            box.deleteLater()
            self._next_layer()

        box.finished.connect(closed)

    # -- the project -------------------------------------------------------------------
    def add_layer(self, layer: UserLayer) -> None:
        """Put ``layer`` in the project, under the facilities, and zoom to it."""
        from dkgis.model.user_layer import insert_user_layer

        insert_user_layer(self.project.layers, layer)
        self.zoom_to(layer)
        # The map then paints once, with the layer and at its extent, instead of a
        # second time when the screen's frame would follow a moment later.
        screen_frame = getattr(self.window, "screen_frame", None)
        if screen_frame is not None:
            screen_frame.flush()
        total = len(layer.data)
        missing = layer.rows_without_geometry
        message = ngettext(
            "Layer “{title}” added: {n} feature.", "Layer “{title}” added: {n} features.", total
        ).format(title=layer.title, n=format_number(total))
        if missing:
            message += " " + ngettext(
                "{n} without coordinates or geometry is not drawn.",
                "{n} without coordinates or geometry are not drawn.",
                missing,
            ).format(n=format_number(missing))
        if layer.warnings:
            message += " " + QCoreApplication.translate(
                "UserLayers", "Some of the file could not be read: see the warning."
            )
        self._status(message)

    def zoom_to(self, layer: UserLayer) -> None:
        """Show the whole of ``layer`` (at least 1 km across)."""
        from dkgis.model.user_layer import zoom_extent

        extent = zoom_extent([layer])
        if extent is not None:
            self.project.view.set_extent(extent)

    def edit_style(self, layer: UserLayer):
        """Open the style dialog of ``layer`` (non-blocking); return it."""
        from dkgis.ui.layer_style_dialog import LayerStyleDialog

        dialog = LayerStyleDialog(layer, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def remove_layer(self, layer: UserLayer) -> None:
        """Take ``layer`` off the map (the file is not touched)."""
        if layer in self.project.layers:
            self.project.layers.remove(layer)
            self._status(
                QCoreApplication.translate("UserLayers", "Layer “{title}” removed.").format(
                    title=layer.title
                )
            )

    # -- helpers -----------------------------------------------------------------------
    def _show(self, dialog: QWidget) -> None:
        self._dialog = dialog
        dialog.open()

    def _status(self, message: str) -> None:
        status_bar = getattr(self.window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(message, 10000)


def add_context_actions(controller: UserLayerController, layer, menu) -> None:
    """Layer-panel menu hook: "Style…" and "Remove Layer" for user layers."""
    if layer.kind != "user":
        return
    style_action = menu.addAction(QCoreApplication.translate("UserLayers", "Style…"))
    style_action.setObjectName("layerStyleAction")
    style_action.triggered.connect(lambda: controller.edit_style(layer))
    remove_action = menu.addAction(QCoreApplication.translate("UserLayers", "Remove Layer"))
    remove_action.setObjectName("removeLayerAction")
    remove_action.triggered.connect(lambda: controller.remove_layer(layer))
