"""File > Export Interactive Map (HTML): build the page off the GUI thread, then write it.

The page is built in a :class:`~PySide6.QtCore.QThreadPool` worker (importing folium and
building the page takes about a second) while a busy progress dialog offers Cancel. The
worker only reads the project; the file is written by the GUI thread, atomically, once the
page is complete and the user has not cancelled, so a cancelled export writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project


def _tr(text: str) -> str:
    return QCoreApplication.translate("HtmlExport", text)


class _JobSignals(QObject):
    built = Signal(object)  # (html, info)
    failed = Signal(str)


class _BuildJob(QRunnable):
    """Builds the page in a worker thread; reads the project, changes nothing."""

    def __init__(self, project: Project, options: Any) -> None:
        super().__init__()
        self.signals = _JobSignals()
        self._project = project
        self._options = options

    def run(self) -> None:
        try:
            from dkgis.export.html import LeafletAssetsMissing, build_html_map

            try:
                result = build_html_map(self._project, self._options)
            except (ValueError, LeafletAssetsMissing) as err:
                self.signals.failed.emit(str(err))
                return
        except Exception as err:  # never let a worker die silently
            self.signals.failed.emit(f"{type(err).__name__}: {err}")
            return
        self.signals.built.emit(result)


class HtmlMapExport(QObject):
    """One export of the interactive map of ``frame`` (its year and scenario) to ``path``,
    with a cancellable busy dialog.

    Signals
    -------
    written(str, int)
        The file was written: its path and size in bytes.
    failed(str)
        The export failed: a message for the user (nothing was written).
    cancelled()
        The user cancelled: nothing was written.
    """

    written = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, project: Project, frame: MapFrame, path: str | Path, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._project = project
        self._frame = frame
        self._cancelled = False
        self.progress = QProgressDialog(
            _tr("Building the interactive map…"), _tr("Cancel"), 0, 0, parent
        )
        self.progress.setObjectName("htmlExportProgress")
        self.progress.setWindowTitle(_tr("Export Interactive Map"))
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self._on_progress_canceled)

    def start(self) -> None:
        """Start building in the global thread pool."""
        from dkgis.export.html import HtmlMapOptions

        job = _BuildJob(self._project, HtmlMapOptions(frame=self._frame))
        job.signals.built.connect(self._on_job_built)
        job.signals.failed.connect(self._on_job_failed)
        self._signals = job.signals  # keep the signal object alive until the job reports
        QThreadPool.globalInstance().start(job)

    def _on_progress_canceled(self) -> None:
        self._cancelled = True
        self.cancelled.emit()

    def _finish(self) -> None:
        self.progress.canceled.disconnect(self._on_progress_canceled)
        self.progress.reset()
        self.progress.deleteLater()

    def _on_job_failed(self, message: str) -> None:
        self._finish()
        if not self._cancelled:
            self.failed.emit(message)

    def _on_job_built(self, result: tuple[str, dict]) -> None:
        self._finish()
        if self._cancelled:
            return
        from dkgis.export.html import write_html_map

        html, _info = result
        try:
            size = write_html_map(self.path, html)
        except OSError as err:
            self.failed.emit(
                _tr("Could not write {path}: {reason}").format(
                    path=self.path, reason=err.strerror or err
                )
            )
            return
        self.written.emit(str(self.path), size)
