"""File > Import Emissions Data…: preview an import, then write the user's copy.

The files are read and compared with the current data in a worker thread (the window never
blocks); the preview lists the values added, the values changed (before → after, applied
only when the box is ticked), the installations of the cluster that the data lacks (each
with a sector chooser: left at “Do not add”, it is not added) and what the import leaves
out. Apply writes the user's copy (off the GUI thread too) and emits :attr:`applied`; a
file that is not what it claims is reported in the dialog and nothing is written.
"""

from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dkgis import wording
from dkgis.labels import sector_label

if TYPE_CHECKING:
    from dkgis.data.importer import ImportPlan, ImportResult


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


def _run(job, signals: _Signals) -> None:
    """Run ``job`` in a daemon thread; report its result or a message."""

    def target() -> None:
        from dkgis.data.importer import ImportFailed
        from dkgis.io.errors import DatasetError
        from dkgis.io.releases import ReleaseError

        try:
            result = job()
        except (ReleaseError, DatasetError, ImportFailed) as err:
            signals.failed.emit(str(err))
        except OSError as err:
            signals.failed.emit(f"{getattr(err, 'filename', '') or ''} {err.strerror or err}")
        except Exception as err:  # a bug must not kill the app silently
            traceback.print_exc()
            signals.failed.emit(f"{type(err).__name__}: {err}")
        else:
            signals.done.emit(result)

    threading.Thread(target=target, name="dkgis import", daemon=True).start()


class ImportDialog(QDialog):
    """The import preview for ``paths`` against the dataset ``base``, written to ``target``.

    Signals
    -------
    previewed()
        The preview is shown (or a problem is).
    applied(object)
        The user's copy was written: the :class:`~dkgis.data.importer.ImportResult`.
    """

    previewed = Signal()
    applied = Signal(object)

    def __init__(
        self, paths: list[str | Path], base: Path, target: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import Emissions Data"))
        self.resize(760, 520)
        self.base, self.target = Path(base), Path(target)
        self.plan: ImportPlan | None = None
        self.error: str | None = None
        self.sector_boxes: dict[str, QComboBox] = {}
        self.status = QLabel(self.tr("Reading {n} file(s)…").format(n=len(paths)), self)
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("importPreview")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("Facility"), self.tr("Year"), self.tr("Value"), self.tr("Detail")]
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.accept_changes = QCheckBox(self.tr("Replace the values that differ"), self)
        self.accept_changes.setObjectName("acceptChanges")
        self.accept_changes.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("applyImport")
        self.apply_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.accept_changes)
        layout.addWidget(self.buttons)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_planned)
        self._signals.failed.connect(self._on_failed)
        from dkgis.data.importer import plan_import

        files = [str(p) for p in paths]
        _run(lambda: plan_import(files, self.base), self._signals)

    # -- preview --------------------------------------------------------------------------
    def _on_failed(self, message: str) -> None:
        self.error = message
        self.status.setText(self.tr("Nothing was imported: {problem}").format(problem=message))
        self.status.setStyleSheet("color: #b3261e;")
        self.apply_button.setEnabled(False)
        self.previewed.emit()

    def _section(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title.format(n=count)])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        item.setExpanded(True)
        return item

    def _on_planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        files = ", ".join(r.path.name for r in plan.releases)
        self.status.setText(self.tr("Preview of the import of {files}.").format(files=files))
        added = self._section(self.tr("Values added ({n})"), len(plan.added))
        for c in plan.added:
            QTreeWidgetItem(
                added, [c.facility_name, str(c.year), wording.tonnes(c.after_t), c.where]
            )
        changed = self._section(self.tr("Values changed ({n})"), len(plan.changed))
        for c in plan.changed:
            QTreeWidgetItem(
                changed,
                [
                    c.facility_name,
                    str(c.year),
                    f"{wording.tonnes(c.before_t)} → {wording.tonnes(c.after_t)}",
                    c.where,
                ],
            )
        self.accept_changes.setVisible(bool(plan.changed))
        new = self._section(
            self.tr("Installations of the cluster not in the data ({n})"),
            len(plan.new_facilities),
        )
        for facility in plan.new_facilities:
            values = ", ".join(f"{v.year}: {wording.tonnes(v.after_t)}" for v in facility.values)
            label = f"{facility.name} ({facility.commune})"
            item = QTreeWidgetItem(new, [label, "", values, ""])
            self.tree.setItemWidget(item, 3, self._sector_box(facility.facility_id))
        notes = [*plan.caveat_changes, *plan.notes]
        before, after = plan.baseline_years(after=False), plan.baseline_years()
        if before and after and before != after:
            notes.insert(
                0,
                self.tr("Scenario baselines: mean {before} → mean {after}").format(
                    before=f"{before[0]}–{before[-1]}", after=f"{after[0]}–{after[-1]}"
                ),
            )
        problems = self._section(self.tr("Notes ({n})"), len(notes))
        for text in notes:
            item = QTreeWidgetItem(problems, [text])
            item.setFirstColumnSpanned(True)
        if not plan.has_changes:
            self.status.setText(self.tr("Nothing new: the data already holds these values."))
        self.apply_button.setEnabled(plan.has_changes)
        self.previewed.emit()

    def _sector_box(self, facility_id: str) -> QComboBox:
        from dkgis.symbology.sectors import SECTOR_IDS

        box = QComboBox(self.tree)
        box.setObjectName(f"sector_{facility_id}")
        box.addItem(self.tr("Do not add"), None)
        for sector in SECTOR_IDS:
            box.addItem(sector_label(sector), sector)
        self.sector_boxes[facility_id] = box
        return box

    def sectors(self) -> dict[str, str]:
        """The sector chosen for each new installation to add."""
        return {
            fid: box.currentData() for fid, box in self.sector_boxes.items() if box.currentData()
        }

    # -- applying -------------------------------------------------------------------------
    def apply(self) -> None:
        """Write the user's copy in a worker thread; :attr:`applied` reports it."""
        if self.plan is None:
            return
        from dkgis.data.importer import apply_import

        plan, sectors = self.plan, self.sectors()
        accept = self.accept_changes.isChecked()
        target = self.target
        self.apply_button.setEnabled(False)
        self.status.setText(self.tr("Writing your copy of the data…"))
        signals = _Signals(self)
        signals.done.connect(self._on_applied)
        signals.failed.connect(self._on_failed)
        self._apply_signals = signals
        _run(lambda: apply_import(plan, target, sectors=sectors, accept_changes=accept), signals)

    def _on_applied(self, result: ImportResult) -> None:
        self.applied.emit(result)
        self.accept()


def user_data_label(path: Path) -> str | None:
    """“Your data, updated on 3 March 2026” for the user's copy, else ``None``."""
    from PySide6.QtCore import QCoreApplication

    from dkgis.data.user_data import is_user_dataset, last_update
    from dkgis.i18n import format_date

    if not is_user_dataset(path):
        return None
    when = last_update(path)
    if when is None:
        return QCoreApplication.translate("ImportDialog", "Your data")
    return QCoreApplication.translate("ImportDialog", "Your data, updated on {date}").format(
        date=format_date(when.astimezone().date())
    )
