"""Ask the user in which coordinate reference system a file's coordinates are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dkgis.io.readers.crs import COMMON_CRS, LAMBERT_93


def crs_names() -> dict[str, str]:
    """Translated names of :data:`COMMON_CRS` (the same English text, for lupdate)."""
    return {
        "EPSG:2154": QCoreApplication.translate("CrsDialog", "Lambert-93 (RGF93, metres)"),
        "EPSG:4326": QCoreApplication.translate(
            "CrsDialog", "WGS 84 longitude/latitude (degrees, GPS)"
        ),
        "EPSG:27572": QCoreApplication.translate("CrsDialog", "Lambert II étendu (NTF, metres)"),
        "EPSG:32631": QCoreApplication.translate("CrsDialog", "UTM zone 31N (WGS 84, metres)"),
        "EPSG:3857": QCoreApplication.translate("CrsDialog", "Web Mercator (metres, web maps)"),
    }


class CrsDialog(QDialog):
    """Choose a CRS: Lambert-93 and WGS 84 first, a few common ones, or any EPSG code.

    Parameters
    ----------
    path
        The file concerned (its name is shown).
    reason
        Why the CRS is asked (from the reader; shown as details).
    suggestion
        The CRS selected at first (``"EPSG:2154"``...).
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        suggestion: str = LAMBERT_93,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crsDialog")
        self.setWindowTitle(QCoreApplication.translate("CrsDialog", "Coordinate System"))
        self._crs: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            QCoreApplication.translate(
                "CrsDialog",
                "<b>{file}</b> does not say in which coordinate system its coordinates are."
                " Which one is it?",
            ).format(file=Path(path).name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        details = QLabel(reason)
        details.setObjectName("crsReason")
        details.setWordWrap(True)
        details.setStyleSheet("color: #555555;")
        layout.addWidget(details)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        names = crs_names()
        for common in COMMON_CRS:
            name = names.get(common.code, common.name)
            button = QRadioButton(f"{name} — {common.code}")
            button.setObjectName(f"crs_{common.code.replace(':', '_')}")
            self.group.addButton(button)
            self.buttons[common.code] = button
            layout.addWidget(button)
        other_row = QHBoxLayout()
        self.other = QRadioButton(QCoreApplication.translate("CrsDialog", "Other EPSG code:"))
        self.other.setObjectName("crs_other")
        self.group.addButton(self.other)
        self.code = QLineEdit()
        self.code.setObjectName("crsCode")
        self.code.setPlaceholderText(QCoreApplication.translate("CrsDialog", "e.g. 3949 (CC49)"))
        self.code.textEdited.connect(lambda _: self.other.setChecked(True))
        other_row.addWidget(self.other)
        other_row.addWidget(self.code, 1)
        layout.addLayout(other_row)
        self.error = QLabel()
        self.error.setObjectName("crsError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.button_box = box
        layout.addWidget(box)
        if suggestion in self.buttons:
            self.buttons[suggestion].setChecked(True)
        else:
            self.other.setChecked(True)
            self.code.setText(suggestion.removeprefix("EPSG:"))

    def select(self, code: str) -> None:
        """Select ``code`` (one of the offered CRS, or any other as an EPSG code)."""
        if code in self.buttons:
            self.buttons[code].setChecked(True)
        else:
            self.other.setChecked(True)
            self.code.setText(code.removeprefix("EPSG:"))

    def selected_crs(self) -> str | None:
        """The CRS chosen, once the dialog is accepted (``"EPSG:nnnn"``)."""
        return self._crs

    def accept(self) -> None:  # Qt override: check the code before closing
        from dkgis.io.readers.crs import normalize_crs

        if self.other.isChecked():
            text = self.code.text().strip()
            try:
                self._crs = normalize_crs(text)
            except ValueError:
                self.error.setText(
                    QCoreApplication.translate(
                        "CrsDialog", "“{code}” is not a coordinate system code known to dkgis."
                    ).format(code=text)
                )
                self.error.show()
                return
        else:
            checked = self.group.checkedButton()
            self._crs = next((c for c, b in self.buttons.items() if b is checked), None)
            if self._crs is None:
                return
        super().accept()
