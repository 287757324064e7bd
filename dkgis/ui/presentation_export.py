"""File > Export Presentation (PowerPoint)… and File > Export Animation…

Both ask their options in a small dialog, then a file name. The deck (a second or two)
is written with a busy cursor; the animation (about 0.1 s a frame) with a progress
dialog whose Cancel stops it and writes nothing. Both show a map frame of their own,
made from the screen's (its layers, sectors and selection) with the year and scenario
chosen: rendering uses Qt painting on the GUI thread (the map items are Qt objects), the
project is only read, and nothing on screen changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QWidget,
)

from dkgis.model.display import YEAR_MAX, YEAR_MIN

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Frame sizes offered for animations: label, (width, height).
ANIMATION_SIZES: tuple[tuple[str, tuple[int, int]], ...] = (
    ("1280 × 720 (HD)", (1280, 720)),
    ("1920 × 1080 (Full HD)", (1920, 1080)),
    ("960 × 540", (960, 540)),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PresentationExport", text)


class PresentationDialog(QDialog):
    """Options of the PowerPoint deck: year, scenario, site slides, title slide.

    The year and scenario start as the screen's (``frame``); the sites offered are the
    facilities selected on it.
    """

    def __init__(self, project: Project, frame: MapFrame, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentationDialog")
        self.setWindowTitle(self.tr("Export Presentation (PowerPoint)"))
        self.project = project
        form = QFormLayout(self)
        self.year = QSpinBox(self)
        self.year.setObjectName("deckYear")
        self.year.setGroupSeparatorShown(False)  # « 2030 », never « 2 030 »
        self.year.setRange(YEAR_MIN, YEAR_MAX)
        self.year.setValue(frame.year)
        form.addRow(self.tr("Year of the map:"), self.year)
        self.scenario = QComboBox(self)
        self.scenario.setObjectName("deckScenario")
        self.scenario.addItems(list(project.scenarios.names))
        self.scenario.setCurrentText(frame.scenario.name)
        self.scenario.setToolTip(
            self.tr("Scenario of the years after the last verified one, on the map and the charts")
        )
        form.addRow(self.tr("Scenario:"), self.scenario)
        self.selected = [fid for fid in project.facilities if fid in frame.selected]
        self.sites = QCheckBox(
            self.tr("One slide per selected site with its trajectory chart ({n} selected)").format(
                n=len(self.selected)
            ),
            self,
        )
        self.sites.setObjectName("deckSites")
        self.sites.setEnabled(bool(self.selected))
        self.sites.setChecked(bool(self.selected))
        if not self.selected:
            self.sites.setToolTip(self.tr("Select facilities on the map first"))
        form.addRow(self.sites)
        self.title_slide = QCheckBox(self.tr("Start with a title slide"), self)
        self.title_slide.setObjectName("deckTitleSlide")
        form.addRow(self.title_slide)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def site_ids(self) -> list[str]:
        """The sites that get a slide."""
        return list(self.selected) if self.sites.isChecked() else []

    def frame(self, screen: MapFrame) -> MapFrame:
        """The deck's map frame: the screen's emission map with the chosen year and
        scenario, over the whole cluster."""
        from dkgis.model.frame import emission_map_frame

        scenario = self.project.scenarios.get(self.scenario.currentText()) or screen.scenario
        return emission_map_frame(self.project, screen, year=self.year.value(), scenario=scenario)


class AnimationDialog(QDialog):
    """Options of the animation: years, frame size, speed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("animationDialog")
        self.setWindowTitle(self.tr("Export Animation"))
        form = QFormLayout(self)
        self.first = QSpinBox(self)
        self.first.setObjectName("animFrom")
        self.last = QSpinBox(self)
        self.last.setObjectName("animTo")
        for box, value in ((self.first, YEAR_MIN), (self.last, YEAR_MAX)):
            box.setGroupSeparatorShown(False)
            box.setRange(YEAR_MIN, YEAR_MAX)
            box.setValue(value)
        form.addRow(self.tr("From:"), self.first)
        form.addRow(self.tr("To:"), self.last)
        self.size = QComboBox(self)
        self.size.setObjectName("animSize")
        for label, size in ANIMATION_SIZES:
            self.size.addItem(label, size)
        form.addRow(self.tr("Frame size:"), self.size)
        self.seconds = QDoubleSpinBox(self)
        self.seconds.setObjectName("animSeconds")
        self.seconds.setRange(0.1, 10.0)
        self.seconds.setSingleStep(0.5)
        self.seconds.setValue(1.0)
        self.seconds.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Each year shown for:"), self.seconds)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if self.first.value() > self.last.value():
            QMessageBox.warning(
                self,
                self.tr("Export Animation"),
                self.tr("The first year is after the last year."),
            )
            return
        self.accept()

    def options(self):
        """The :class:`~dkgis.export.animation.AnimationOptions` chosen."""
        from dkgis.export.animation import AnimationOptions

        width, height = self.size.currentData()
        return AnimationOptions(
            first_year=self.first.value(),
            last_year=self.last.value(),
            width=width,
            height=height,
            seconds_per_year=round(self.seconds.value(), 2),
        )


def _failed(parent: QWidget, title: str, path: str | Path, err: BaseException) -> None:
    box = QMessageBox(parent)
    box.setObjectName("presentationExportErrorBox")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(_tr("Could not write {path}.").format(path=path))
    box.setInformativeText(str(getattr(err, "strerror", None) or err))
    box.open()


def write_presentation(
    parent: QWidget,
    project: Project,
    path: str | Path,
    frame: MapFrame,
    *,
    site_ids: list[str],
    title_slide: bool = False,
) -> Path | None:
    """Write the deck of ``frame`` with a busy cursor; a dialog says why when it fails."""
    from dkgis.export.pptx_deck import export_pptx

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = export_pptx(project, path, frame, site_ids=site_ids, title_slide=title_slide)
    except (OSError, ValueError, RuntimeError) as err:
        QApplication.restoreOverrideCursor()
        _failed(parent, _tr("Export Presentation"), path, err)
        return None
    QApplication.restoreOverrideCursor()
    return result.path


def write_animation(
    parent: QWidget, project: Project, path: str | Path, frame: MapFrame, options
) -> Path | None:
    """Write the animation of ``frame`` through the years of ``options``, with a cancellable
    progress dialog; ``None`` if cancelled or failed."""
    from dkgis.export.animation import AnimationCancelled, EncoderMissing, export_animation

    total = len(options.years)
    progress = QProgressDialog(
        _tr("Drawing the map of each year…"), _tr("Cancel"), 0, total, parent
    )
    progress.setObjectName("animationProgress")
    progress.setWindowTitle(_tr("Export Animation"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(0)

    def tick(done: int, _total: int) -> bool:
        progress.setValue(done)
        QCoreApplication.processEvents()
        return not progress.wasCanceled()

    try:
        result = export_animation(project, path, frame, options, progress=tick)
    except AnimationCancelled:
        return None
    except (OSError, ValueError, EncoderMissing) as err:
        _failed(parent, _tr("Export Animation"), path, err)
        return None
    finally:
        progress.reset()
        progress.deleteLater()
    return result.path


def presentation_dialog(window) -> Path | None:
    """File > Export Presentation (PowerPoint)…: options, file name, then the deck."""
    screen = window.screen_frame.frame
    dialog = PresentationDialog(window.project, screen, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    frame = dialog.frame(screen)
    path, _ = QFileDialog.getSaveFileName(
        window,
        _tr("Export Presentation"),
        f"dkgis-{dialog.year.value()}.pptx",
        _tr("PowerPoint presentation (*.pptx)"),
    )
    if not path:
        return None
    written = write_presentation(
        window,
        window.project,
        path,
        frame,
        site_ids=dialog.site_ids(),
        title_slide=dialog.title_slide.isChecked(),
    )
    if written is not None:
        window.statusBar().showMessage(
            _tr("Presentation exported to {path}").format(path=written), 8000
        )
    return written


def animation_dialog(window) -> Path | None:
    """File > Export Animation…: options, file name (GIF, or MP4 with ffmpeg), then frames."""
    from dkgis.export.animation import ffmpeg_path

    dialog = AnimationDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = dialog.options()
    filters = [_tr("Animated GIF (*.gif)")]
    if ffmpeg_path() is not None:
        filters.append(_tr("MP4 video (*.mp4)"))
    path, chosen = QFileDialog.getSaveFileName(
        window,
        _tr("Export Animation"),
        f"dkgis-{options.first_year}-{options.last_year}.gif",
        ";;".join(filters),
    )
    if not path:
        return None
    if Path(path).suffix.lower() not in (".gif", ".mp4"):
        path += ".mp4" if "mp4" in chosen else ".gif"
    from dkgis.model.frame import emission_map_frame

    frame = emission_map_frame(window.project, window.screen_frame.frame)
    written = write_animation(window, window.project, path, frame, options)
    if written is not None:
        window.statusBar().showMessage(
            _tr("Animation exported to {path}").format(path=written), 8000
        )
    return written
