"""File > Export Map…: the snapshot composer (PNG, SVG, PDF, clipboard) with a live preview.

The user picks the area (current view, whole cluster, selection), the facility
names (the largest emitters by default, all, none), a size
(slide and paper presets, or a custom size in pixels or millimetres with a
resolution and an aspect lock), the year and scenario of the emission layer,
the layout (map, or map + trajectory chart) and which decorations to draw. The
preview is the file scaled down: the same spec laid out at the file's size
(same extent, scale bar, legend and names), painted small through the same
render path, throttled while the user types. The map's graphics items live in the GUI
thread, so the export renders there (a busy cursor shows; an A4 page at 300 dpi
takes about half a second) and a worker thread compresses and writes the file,
atomically; the dialog stays open, with everything the user chose, when the
export fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dkgis import wording
from dkgis.i18n import format_number
from dkgis.model.display import NAMES_ALL, NAMES_LARGEST, NAMES_NONE
from dkgis.model.frame import EMISSION_LAYER
from dkgis.model.scenario import scenario_title
from dkgis.model.snapshot import (
    DPI_RANGE,
    LAYOUT_MAP,
    LAYOUT_MAP_CHART,
    PRESETS,
    Decorations,
    SnapshotSpec,
    check_size,
    mm_to_pixels,
    pixels_to_mm,
)

if TYPE_CHECKING:
    from dkgis.export.snapshot import RenderedSnapshot
    from dkgis.map.page import PageLayout
    from dkgis.map.screen_frame import ScreenFrame
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario

#: Size of the preview, in screen pixels.
PREVIEW_SIZE = QSize(520, 380)
#: The preview waits this long after the last change before it renders (ms).
PREVIEW_DELAY_MS = 150

EXTENT_VIEW = "view"
EXTENT_CLUSTER = "cluster"
EXTENT_SELECTION = "selection"
CUSTOM = "custom"


class _WriteSignals(QObject):
    written = Signal(str, int)
    failed = Signal(str)


class _WriteJob(QRunnable):
    """Compresses (PNG) and writes a rendered snapshot in a worker thread."""

    def __init__(self, rendered: RenderedSnapshot, path: Path) -> None:
        super().__init__()
        self.signals = _WriteSignals()
        self._rendered = rendered
        self._path = path

    def run(self) -> None:
        from dkgis.export.snapshot import write_snapshot

        try:
            size = write_snapshot(self._rendered, self._path)
        except OSError as err:
            self.signals.failed.emit(str(err.strerror or err))
            return
        except Exception as err:  # never let a worker die silently
            self.signals.failed.emit(f"{type(err).__name__}: {err}")
            return
        self.signals.written.emit(str(self._path), size)


class SnapshotDialog(QDialog):
    """The snapshot composer.

    Parameters
    ----------
    project
        The project drawn (only read).
    screen
        The screen's map frame: the snapshot starts from what the window shows (its
        view, layers, sectors, selection, year and scenario), and the user changes its
        own copy.

    Signals
    -------
    exported(str, int)
        A file was written: its path and size in bytes.
    """

    exported = Signal(str, int)

    def __init__(
        self,
        project: Project,
        screen: ScreenFrame,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("snapshotDialog")
        self.setWindowTitle(self.tr("Export Map"))
        self.project = project
        self.screen = screen
        self._aspect = 16 / 9
        self._updating = False
        self._job: _WriteJob | None = None
        #: Number of previews rendered (tests, benchmarks).
        self.preview_renders = 0
        #: The page layout of the last preview (the file's: see :func:`render_preview`).
        self.preview_layout: PageLayout | None = None
        # The project's scenarios (presets and the user's); the screen's first chosen.
        self._scenarios = list(project.scenarios.scenarios)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self._build()
        self._apply_preset("slide-16x9")
        self._connect()
        self.schedule_preview()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QHBoxLayout(self)
        controls = QVBoxLayout()
        layout.addLayout(controls)

        area = QGroupBox(self.tr("Map"), self)
        form = QFormLayout(area)
        self.extent_combo = QComboBox(area)
        self.extent_combo.setObjectName("extentCombo")
        self.extent_combo.addItem(self.tr("Current view"), EXTENT_VIEW)
        self.extent_combo.addItem(self.tr("Whole cluster"), EXTENT_CLUSTER)
        self.extent_combo.addItem(self.tr("Selected facilities"), EXTENT_SELECTION)
        form.addRow(self.tr("Area:"), self.extent_combo)
        frame = self.screen.frame
        emissions = self.project.layers.get(EMISSION_LAYER)
        self.emissions_check = QCheckBox(self.tr("CO₂ emission circles"), area)
        self.emissions_check.setObjectName("emissionsCheck")
        self.emissions_check.setChecked(emissions is not None and frame.shows(EMISSION_LAYER))
        self.emissions_check.setEnabled(emissions is not None)
        form.addRow("", self.emissions_check)
        self.year_spin = QSpinBox(area)
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setGroupSeparatorShown(False)  # « 2030 », never « 2 030 »
        from dkgis.model.display import YEAR_MAX, YEAR_MIN

        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(frame.year)
        form.addRow(self.tr("Year:"), self.year_spin)
        self.scenario_combo = QComboBox(area)
        self.scenario_combo.setObjectName("scenarioCombo")
        for scenario in self._scenarios:
            self.scenario_combo.addItem(scenario_title(scenario.name), scenario.name)
        self.scenario_combo.setCurrentIndex(
            max(self.scenario_combo.findData(frame.scenario.name), 0)
        )
        self.scenario_combo.setToolTip(
            self.tr("Scenario of the emissions of years after the last verified year")
        )
        form.addRow(self.tr("Scenario:"), self.scenario_combo)
        self.names_combo = QComboBox(area)
        self.names_combo.setObjectName("namesCombo")
        self.names_combo.addItem(self.tr("Largest emitters of the year"), NAMES_LARGEST)
        self.names_combo.addItem(self.tr("All, where there is room"), NAMES_ALL)
        self.names_combo.addItem(self.tr("None"), NAMES_NONE)
        self.names_combo.setToolTip(
            self.tr("Facility names on the map (communes are always named)")
        )
        form.addRow(self.tr("Facility names:"), self.names_combo)
        self.layout_combo = QComboBox(area)
        self.layout_combo.setObjectName("layoutCombo")
        self.layout_combo.addItem(self.tr("Map"), LAYOUT_MAP)
        self.layout_combo.addItem(self.tr("Map + trajectory chart"), LAYOUT_MAP_CHART)
        form.addRow(self.tr("Layout:"), self.layout_combo)
        self.chart_combo = QComboBox(area)
        self.chart_combo.setObjectName("chartCombo")
        self.chart_combo.addItem(self.tr("Whole cluster"), None)
        for fid in sorted(frame.selected):
            facility = self.project.facilities.get(fid)
            if facility is not None:
                self.chart_combo.addItem(facility.display_name, fid)
        if self.chart_combo.count() > 1:
            self.chart_combo.setCurrentIndex(1)
        form.addRow(self.tr("Chart of:"), self.chart_combo)
        controls.addWidget(area)

        size_box = QGroupBox(self.tr("Size"), self)
        grid = QGridLayout(size_box)
        self.preset_combo = QComboBox(size_box)
        self.preset_combo.setObjectName("presetCombo")
        for name in PRESETS:
            self.preset_combo.addItem(self._preset_label(name), name)
        self.preset_combo.addItem(self.tr("Custom size"), CUSTOM)
        grid.addWidget(self.preset_combo, 0, 0, 1, 4)
        self.width_spin = self._number_spin("widthSpin")
        self.height_spin = self._number_spin("heightSpin")
        self.unit_combo = QComboBox(size_box)
        self.unit_combo.setObjectName("unitCombo")
        self.unit_combo.addItem(self.tr("pixels"), "px")
        self.unit_combo.addItem(self.tr("mm"), "mm")
        grid.addWidget(self.width_spin, 1, 0)
        grid.addWidget(QLabel("×", size_box), 1, 1)
        grid.addWidget(self.height_spin, 1, 2)
        grid.addWidget(self.unit_combo, 1, 3)
        self.dpi_spin = QSpinBox(size_box)
        self.dpi_spin.setObjectName("dpiSpin")
        self.dpi_spin.setRange(*DPI_RANGE)
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        grid.addWidget(self.dpi_spin, 2, 0)
        self.aspect_check = QCheckBox(self.tr("Keep proportions"), size_box)
        self.aspect_check.setObjectName("aspectLock")
        self.aspect_check.setChecked(True)
        grid.addWidget(self.aspect_check, 2, 1, 1, 3)
        self.size_label = QLabel(size_box)
        self.size_label.setObjectName("sizeLabel")
        grid.addWidget(self.size_label, 3, 0, 1, 4)
        controls.addWidget(size_box)

        deco_box = QGroupBox(self.tr("Decorations"), self)
        deco = QGridLayout(deco_box)
        self.title_edit = QLineEdit(wording.default_title(), deco_box)
        self.title_edit.setObjectName("titleEdit")
        deco.addWidget(self.title_edit, 0, 0, 1, 2)
        labels = {
            "title": self.tr("Title"),
            "subtitle": self.tr("Subtitle (year, scenario)"),
            "sector_legend": self.tr("Sector legend"),
            "size_legend": self.tr("Size legend"),
            "scale_bar": self.tr("Scale bar"),
            "north_arrow": self.tr("North arrow"),
            "attribution": self.tr("Credits (basemap, data)"),
            "sources": self.tr("Sources (publisher, dataset, licence)"),
            "date": self.tr("Date"),
        }
        self.decoration_checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(Decorations.field_names()):
            check = QCheckBox(labels[name], deco_box)
            check.setObjectName(f"decoration_{name}")
            check.setChecked(True)
            self.decoration_checks[name] = check
            deco.addWidget(check, 1 + i // 2, i % 2)
        controls.addWidget(deco_box)
        controls.addStretch(1)

        right = QVBoxLayout()
        layout.addLayout(right, 1)
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setMinimumSize(PREVIEW_SIZE)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview_label.setStyleSheet("QLabel#previewLabel { background: #8a8a8a; }")
        right.addWidget(self.preview_label, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        right.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.copy_button = QPushButton(self.tr("&Copy to Clipboard"), self)
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip(
            self.tr("Copy the map as an image (and SVG and PDF) to paste it into a slide")
        )
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("exportButton")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        for button in (self.copy_button, self.export_button, self.close_button):
            # Enter in a size box applies the size; it does not start an export.
            button.setAutoDefault(False)
            buttons.addWidget(button)
        right.addLayout(buttons)

    def _number_spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setObjectName(name)
        # Allow more than the limit: a too large size gets a message, not a silent clamp.
        spin.setRange(1, 1_000_000)
        spin.setDecimals(0)
        spin.setKeyboardTracking(False)
        return spin

    def _preset_label(self, name: str) -> str:
        p = PRESETS[name]
        labels = {
            "slide-16x9": self.tr("Slide 16:9 — {w} × {h} px"),
            "slide-16x9-4k": self.tr("Slide 16:9, high resolution — {w} × {h} px"),
            "slide-4x3": self.tr("Slide 4:3 — {w} × {h} px"),
            "a4-landscape": self.tr("A4 landscape, {dpi} dpi"),
            "a4-portrait": self.tr("A4 portrait, {dpi} dpi"),
            "a3-landscape": self.tr("A3 landscape, {dpi} dpi"),
            "a3-portrait": self.tr("A3 portrait, {dpi} dpi"),
        }
        return labels.get(name, name).format(w=p.width, h=p.height, dpi=p.dpi)

    def _connect(self) -> None:
        for combo in (self.extent_combo, self.scenario_combo, self.layout_combo, self.names_combo):
            combo.currentIndexChanged.connect(self._on_option_changed)
        self.chart_combo.currentIndexChanged.connect(self._on_option_changed)
        self.year_spin.valueChanged.connect(self._on_option_changed)
        self.emissions_check.toggled.connect(self._on_option_changed)
        self.title_edit.textChanged.connect(self._on_option_changed)
        for check in self.decoration_checks.values():
            check.toggled.connect(self._on_option_changed)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_picked)
        self.width_spin.valueChanged.connect(self._on_width_changed)
        self.height_spin.valueChanged.connect(self._on_height_changed)
        self.dpi_spin.valueChanged.connect(self._on_dpi_changed)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_changed)
        self.aspect_check.toggled.connect(self._on_aspect_toggled)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.export_button.clicked.connect(self.export_dialog)
        self.close_button.clicked.connect(self.reject)
        self.screen.changed.connect(self._on_screen_changed)
        self._on_screen_changed(self.screen.frame)

    # -- size ----------------------------------------------------------------------------
    @property
    def unit(self) -> str:
        """``px`` or ``mm``: the unit of the width and height boxes."""
        return self.unit_combo.currentData()

    def pixel_size(self) -> tuple[int, int, int]:
        """The chosen width and height in pixels, and the dpi."""
        dpi = self.dpi_spin.value()
        w, h = self.width_spin.value(), self.height_spin.value()
        if self.unit == "mm":
            return mm_to_pixels(w, dpi), mm_to_pixels(h, dpi), dpi
        return round(w), round(h), dpi

    def _set_size(self, width_px: int, height_px: int, dpi: int) -> None:
        self._updating = True
        try:
            self.dpi_spin.setValue(dpi)
            if self.unit == "mm":
                self.width_spin.setValue(pixels_to_mm(width_px, dpi))
                self.height_spin.setValue(pixels_to_mm(height_px, dpi))
            else:
                self.width_spin.setValue(width_px)
                self.height_spin.setValue(height_px)
        finally:
            self._updating = False
        self._aspect = width_px / max(height_px, 1)
        self._size_changed()

    def _apply_preset(self, name: str) -> None:
        index = self.preset_combo.findData(name)
        self._updating = True
        self.preset_combo.setCurrentIndex(index)
        self._updating = False
        p = PRESETS[name]
        unit = "mm" if p.paper else "px"
        if self.unit != unit:
            self._updating = True
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit))
            self._updating = False
            self._set_decimals()
        self._set_size(p.width, p.height, p.dpi)

    def _on_preset_picked(self, index: int) -> None:
        if self._updating:
            return
        name = self.preset_combo.itemData(index)
        if name != CUSTOM:
            self._apply_preset(name)

    def _to_custom(self) -> None:
        if self.preset_combo.currentData() != CUSTOM:
            self._updating = True
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
            self._updating = False

    def _on_width_changed(self, value: float) -> None:
        if self._updating:
            return
        self._to_custom()
        if self.aspect_check.isChecked():
            self._updating = True
            self.height_spin.setValue(value / self._aspect)
            self._updating = False
        self._size_changed()

    def _on_height_changed(self, value: float) -> None:
        if self._updating:
            return
        self._to_custom()
        if self.aspect_check.isChecked():
            self._updating = True
            self.width_spin.setValue(value * self._aspect)
            self._updating = False
        self._size_changed()

    def _on_dpi_changed(self, dpi: int) -> None:
        if self._updating:
            return
        self._to_custom()
        self._size_changed()

    def _on_unit_changed(self, index: int) -> None:
        if self._updating:
            return
        dpi = self.dpi_spin.value()
        w, h = self.width_spin.value(), self.height_spin.value()
        self._set_decimals()
        self._updating = True
        if self.unit == "mm":  # the boxes held pixels
            self.width_spin.setValue(pixels_to_mm(w, dpi))
            self.height_spin.setValue(pixels_to_mm(h, dpi))
        else:
            self.width_spin.setValue(mm_to_pixels(w, dpi))
            self.height_spin.setValue(mm_to_pixels(h, dpi))
        self._updating = False
        self._size_changed()

    def _set_decimals(self) -> None:
        decimals = 1 if self.unit == "mm" else 0
        for spin in (self.width_spin, self.height_spin):
            spin.setDecimals(decimals)

    def _on_aspect_toggled(self, on: bool) -> None:
        if on:
            w, h, _ = self.pixel_size()
            self._aspect = w / max(h, 1)

    def _size_changed(self) -> None:
        w, h, dpi = self.pixel_size()
        w_mm, h_mm = pixels_to_mm(w, dpi), pixels_to_mm(h, dpi)
        self.size_label.setText(
            self.tr("{w} × {h} pixels · {wmm} × {hmm} mm at {dpi} dpi").format(
                w=w,
                h=h,
                wmm=format_number(w_mm),
                hmm=format_number(h_mm),
                dpi=dpi,
            )
        )
        self.schedule_preview()

    # -- the spec ------------------------------------------------------------------------
    def _on_option_changed(self, *args) -> None:
        self.chart_combo.setEnabled(self.layout_combo.currentData() == LAYOUT_MAP_CHART)
        self.title_edit.setEnabled(self.decoration_checks["title"].isChecked())
        self.schedule_preview()

    def _on_screen_changed(self, frame: MapFrame) -> None:
        item = self.extent_combo.model().item(self.extent_combo.findData(EXTENT_SELECTION))
        item.setEnabled(bool(frame.selected))
        if not frame.selected and self.extent_combo.currentData() == EXTENT_SELECTION:
            self.extent_combo.setCurrentIndex(self.extent_combo.findData(EXTENT_VIEW))

    def decorations(self) -> Decorations:
        """The decorations checked."""
        return Decorations(**{n: c.isChecked() for n, c in self.decoration_checks.items()})

    def extent(self) -> tuple[float, float, float, float]:
        """The extent of the chosen area (EPSG:3857)."""
        choice = self.extent_combo.currentData()
        frame = self.screen.frame
        if choice == EXTENT_SELECTION:
            from dkgis.model.zoom import facilities_extent

            extent = facilities_extent(self.project, frame.selected)
            if extent is not None:
                return extent
        if choice == EXTENT_CLUSTER:
            return self.project.cluster_extent()
        return frame.extent

    def layers(self) -> tuple[str, ...]:
        """The layers drawn: the screen's, with or without the emission circles."""
        with_emissions = self.emissions_check.isChecked()
        shown = self.screen.frame
        return tuple(
            layer.name
            for layer in self.project.layers
            if (with_emissions if layer.name == EMISSION_LAYER else shown.shows(layer.name))
        )

    def scenario(self) -> Scenario:
        """The chosen scenario."""
        name = self.scenario_combo.currentData()
        return next(s for s in self._scenarios if s.name == name)

    def frame(self) -> MapFrame:
        """What the snapshot's map shows: the screen's frame with the chosen area,
        layers, year, scenario and facility names."""
        return self.screen.frame.replace(
            extent=self.extent(),
            layers=self.layers(),
            year=self.year_spin.value(),
            scenario=self.scenario(),
            names=self.names_combo.currentData(),
        )

    def spec(self) -> SnapshotSpec:
        """The spec of the snapshot as chosen.

        Raises
        ------
        ValueError
            With a message for the user when the size is too large or the spec is invalid.
        """
        from dkgis.export.snapshot import make_spec

        width, height, dpi = self.pixel_size()
        check_size(width, height)
        spec = make_spec(
            self.project,
            self.frame(),
            width,
            height,
            dpi,
            title=self.title_edit.text().strip(),
            decorations=self.decorations(),
            layout=self.layout_combo.currentData(),
            chart_site=self.chart_combo.currentData(),
        )
        spec.validate()
        return spec

    def _checked_spec(self) -> SnapshotSpec | None:
        """The spec, or ``None`` after saying in the status line why it cannot be made."""
        try:
            spec = self.spec()
        except ValueError as err:
            self._set_status(self.tr("Cannot export: {reason}.").format(reason=err), error=True)
            return None
        return spec

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b00020;" if error else "")

    # -- preview -------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        """Render the preview once the user has stopped changing things for a moment."""
        self._preview_timer.start()

    def update_preview(self) -> None:
        """Render the preview now: the file, scaled down (same render path)."""
        from dkgis.export.snapshot import snapshot_chart
        from dkgis.map.render import render_preview

        self._preview_timer.stop()
        spec = self._checked_spec()
        ok = spec is not None
        self.export_button.setEnabled(ok)
        self.copy_button.setEnabled(ok)
        if spec is None:
            self.preview_label.setPixmap(QPixmap())
            return
        self._set_status("")
        box = self.preview_label.size()
        ratio = self.devicePixelRatioF() or 1.0
        image, self.preview_layout = render_preview(
            self.project,
            spec,
            max(int(box.width() * ratio) - 8, 50),
            max(int(box.height() * ratio) - 8, 50),
            chart=snapshot_chart(self.project, spec),
        )
        image.setDevicePixelRatio(ratio)
        self.preview_label.setPixmap(QPixmap.fromImage(image))
        if self.preview_layout.legend_left_out:
            self._set_status(
                self.tr(
                    "No legend: the page is too small for a readable one. A larger page shows it."
                )
            )
        self.preview_renders += 1

    # -- export --------------------------------------------------------------------------
    def export_dialog(self) -> None:
        """Ask for a file name (its extension chooses the format) and export."""
        filters = {
            ".png": self.tr("PNG image (*.png)"),
            ".svg": self.tr("SVG vector image (*.svg)"),
            ".pdf": self.tr("PDF document (*.pdf)"),
        }
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export Map"), "dkgis-map.png", ";;".join(filters.values())
        )
        if not path:
            return
        if Path(path).suffix.lower() not in filters:
            suffix = next((ext for ext, f in filters.items() if f == chosen), ".png")
            path += suffix
        self.export_to(path)

    def export_to(self, path: str | Path) -> bool:
        """Render the snapshot and start writing it to ``path`` (format from the extension).

        Returns ``False`` (and says why) when it cannot start. The file is written by a
        worker thread; :attr:`exported` is emitted, and the dialog closes, once it is.
        """
        from dkgis.export.snapshot import format_of, render_snapshot

        spec = self._checked_spec()
        if spec is None:
            return False
        path = Path(path)
        try:
            fmt = format_of(path)
        except ValueError as err:
            self._set_status(str(err), error=True)
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rendered = render_snapshot(self.project, spec, fmt)
        except (ValueError, MemoryError) as err:
            QGuiApplication.restoreOverrideCursor()
            self._fail(str(err))
            return False
        self._set_status(self.tr("Writing {name}…").format(name=path.name))
        self.export_button.setEnabled(False)
        job = _WriteJob(rendered, path)
        job.signals.written.connect(self._on_written)
        job.signals.failed.connect(lambda reason: self._on_write_failed(path, reason))
        self._job = job  # keeps the signals alive until the job reports
        QThreadPool.globalInstance().start(job)
        return True

    def _on_written(self, path: str, size: int) -> None:
        QGuiApplication.restoreOverrideCursor()
        self.export_button.setEnabled(True)
        self._job = None
        self._set_status(self.tr("Exported to {path}").format(path=path))
        self.exported.emit(path, size)
        self.accept()

    def _on_write_failed(self, path: Path, reason: str) -> None:
        QGuiApplication.restoreOverrideCursor()
        self.export_button.setEnabled(True)
        self._job = None
        self._fail(self.tr("Could not write {path}: {reason}").format(path=path, reason=reason))

    def _fail(self, message: str) -> None:
        self._set_status(message, error=True)
        box = QMessageBox(self)
        box.setObjectName("snapshotErrorBox")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Export failed"))
        box.setText(self.tr("The map could not be exported."))
        box.setInformativeText(message)
        box.open()

    def copy_to_clipboard(self) -> bool:
        """Copy the snapshot to the clipboard (image, and SVG and PDF documents)."""
        from dkgis.export.snapshot import copy_snapshot

        spec = self._checked_spec()
        if spec is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            copy_snapshot(self.project, spec)
        except (ValueError, MemoryError) as err:
            self._fail(str(err))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._set_status(self.tr("Copied to the clipboard: paste it into a slide or a document."))
        return True

    def done(self, result: int) -> None:
        self._preview_timer.stop()
        self.screen.changed.disconnect(self._on_screen_changed)
        super().done(result)
