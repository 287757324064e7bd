"""Edit > Preferences: the settings a user chooses once (the language)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dkgis import i18n
from dkgis.ui.language import SYSTEM, save_choice, saved_choice

#: Each language named in itself, as language choosers do.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class PreferencesDialog(QDialog):
    """The Preferences dialog; OK saves the choices (the language applies at the next start)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        system = LANGUAGE_NAMES[i18n.system_language()]
        self.language.addItem(self.tr("System language ({name})").format(name=system), SYSTEM)
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved_choice())))
        note = QLabel(self.tr("The new language applies the next time dkgis starts."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        save_choice(self.language.currentData())
        super().accept()
