"""The dialog that says which dataset could not be opened, and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dkgis.io.errors import DatasetError


def show_dataset_error(parent: QWidget | None, err: DatasetError) -> None:
    """Tell the user, in a dialog, which file could not be opened and why.

    Without a ``parent`` (no window yet) the dialog is modal and this returns when it is
    closed.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setObjectName("datasetErrorBox")
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "Cannot open dataset"))
    box.setText(
        QCoreApplication.translate("MainWindow", "The file {file} could not be opened.").format(
            file=Path(err.path).name
        )
    )
    box.setInformativeText(str(err))
    if parent is None:
        box.exec()
    else:
        box.open()
