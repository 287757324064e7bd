"""View > Basemap: choose the offline vector basemap or a web tile service.

The choice (and a custom tile URL) is kept in the settings and restored at the
next start. Outages of the tile service are told once in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dkgis.i18n import _
from dkgis.map.basemap import DEFAULT_CACHE_BYTES
from dkgis.map.basemaps import (
    BASEMAPS,
    CUSTOM,
    OFFLINE,
    TileProvider,
    check_url_template,
    custom_provider,
)
from dkgis.ui.settings import app_settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from dkgis.map.basemap import Basemap

#: How long the status-bar notices stay, in milliseconds.
NOTICE_MS = 15_000


class BasemapMenu(QMenu):
    """The exclusive list of basemaps, driving the canvas's :class:`Basemap`."""

    def __init__(self, basemap: Basemap, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(QCoreApplication.translate("BasemapMenu", "&Basemap"), parent)
        self.setObjectName("basemapMenu")
        self.basemap = basemap
        self.status_bar = status_bar
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_id: dict[str, QAction] = {}
        for choice in BASEMAPS:
            self._add_choice(choice.id, _(choice.title))
            if choice.id == OFFLINE:
                self.addSeparator()
        self.addSeparator()
        self.custom_action = self._add_choice(
            CUSTOM, QCoreApplication.translate("BasemapMenu", "Custom XYZ Tiles…")
        )
        self.actions_by_id[OFFLINE].setChecked(True)
        self.group.triggered.connect(self._on_triggered)
        basemap.changed.connect(self._sync_checks)
        basemap.unavailable.connect(self._on_unavailable)
        basemap.available.connect(self._on_available)
        self.dialog: CustomTilesDialog | None = None

    def _add_choice(self, choice_id: str, text: str) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setData(choice_id)
        action.setObjectName(f"basemap_{choice_id}")
        self.group.addAction(action)
        self.addAction(action)
        self.actions_by_id[choice_id] = action
        return action

    # -- choosing ----------------------------------------------------------------------
    def choose(self, choice_id: str, provider: TileProvider | None = None) -> bool:
        """Show basemap ``choice_id`` and remember it; ``False`` if it cannot be used."""
        try:
            self.basemap.set_basemap(choice_id, provider)
        except ValueError:
            self._sync_checks()
            return False
        settings = app_settings()
        settings.setValue("basemap/choice", choice_id)
        if provider is not None and choice_id == CUSTOM:
            settings.setValue("basemap/custom_url", provider.url)
            settings.setValue("basemap/custom_attribution", provider.attribution)
            settings.setValue("basemap/custom_max_zoom", provider.max_zoom)
        settings.sync()
        return True

    def restore(self) -> None:
        """Apply the basemap and cache bound kept in the settings (offline if none)."""
        settings = app_settings()
        try:
            cache_mb = float(settings.value("basemap/cache_mb", DEFAULT_CACHE_BYTES / 2**20))
        except (TypeError, ValueError):
            cache_mb = DEFAULT_CACHE_BYTES / 2**20
        self.basemap.set_cache_limit(int(cache_mb * 2**20))
        choice = str(settings.value("basemap/choice", OFFLINE))
        if choice == OFFLINE or choice not in self.actions_by_id:
            return
        provider = self._saved_custom_provider() if choice == CUSTOM else None
        if choice == CUSTOM and provider is None:
            return
        try:
            self.basemap.set_basemap(choice, provider)
        except ValueError:
            return

    def _saved_custom_provider(self) -> TileProvider | None:
        settings = app_settings()
        url = str(settings.value("basemap/custom_url", "") or "")
        attribution = str(settings.value("basemap/custom_attribution", "") or "")
        try:
            max_zoom = int(settings.value("basemap/custom_max_zoom", 19))
            return custom_provider(url, attribution, max_zoom)
        except (TypeError, ValueError):
            return None

    def open_custom_dialog(self) -> CustomTilesDialog:
        """Ask for a custom tile URL (non-blocking); the basemap changes on OK."""
        saved = self._saved_custom_provider()
        dialog = CustomTilesDialog(self.parentWidget(), saved)
        dialog.accepted.connect(lambda: self.choose(CUSTOM, dialog.provider()))
        dialog.rejected.connect(self._sync_checks)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_triggered(self, action: QAction) -> None:
        choice_id = action.data()
        if choice_id == CUSTOM:
            self.open_custom_dialog()
        else:
            self.choose(choice_id)

    def _sync_checks(self, *args) -> None:
        action = self.actions_by_id.get(self.basemap.choice)
        if action is not None:
            action.setChecked(True)

    # -- notices -----------------------------------------------------------------------
    def _on_unavailable(self, reason: str) -> None:
        self.status_bar.showMessage(
            QCoreApplication.translate(
                "BasemapMenu", "Basemap tiles unavailable: {reason}; showing the offline basemap"
            ).format(reason=reason),
            NOTICE_MS,
        )

    def _on_available(self) -> None:
        self.status_bar.showMessage(
            QCoreApplication.translate("BasemapMenu", "Basemap tiles available again"), NOTICE_MS
        )


class CustomTilesDialog(QDialog):
    """Ask for an XYZ tile URL template, its credit and its maximum zoom."""

    def __init__(self, parent: QWidget | None, current: TileProvider | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customTilesDialog")
        self.setWindowTitle(QCoreApplication.translate("BasemapMenu", "Custom XYZ Tiles"))
        self.url_edit = QLineEdit(current.url if current else "")
        self.url_edit.setObjectName("customTileUrl")
        self.url_edit.setPlaceholderText("https://tiles.example.org/{z}/{x}/{y}.png")
        self.url_edit.setMinimumWidth(420)
        self.attribution_edit = QLineEdit(current.attribution if current else "")
        self.attribution_edit.setObjectName("customTileAttribution")
        self.attribution_edit.setPlaceholderText(
            QCoreApplication.translate("BasemapMenu", "© the map's producer")
        )
        self.max_zoom = QSpinBox()
        self.max_zoom.setObjectName("customTileMaxZoom")
        self.max_zoom.setRange(0, 22)
        self.max_zoom.setValue(current.max_zoom if current else 19)
        self.error_label = QLabel()
        self.error_label.setObjectName("customTileError")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        help_label = QLabel(
            QCoreApplication.translate(
                "BasemapMenu",
                "Address of the tiles in the Web Mercator grid, with {z}, {x} and {y} "
                "where the zoom level, column and row go.",
            )
        )
        help_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("BasemapMenu", "Tile URL:"), self.url_edit)
        form.addRow(QCoreApplication.translate("BasemapMenu", "Credit:"), self.attribution_edit)
        form.addRow(QCoreApplication.translate("BasemapMenu", "Maximum zoom:"), self.max_zoom)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def problem(self) -> str | None:
        """What is wrong with the URL typed, in words, or ``None``."""
        code = check_url_template(self.url_edit.text())
        if code == "scheme":
            return QCoreApplication.translate(
                "BasemapMenu", "The address must start with http:// or https://."
            )
        if code == "host":
            return QCoreApplication.translate("BasemapMenu", "The address has no server name.")
        if code == "placeholders":
            return QCoreApplication.translate(
                "BasemapMenu", "The address must contain {z}, {x} and {y}."
            )
        return None

    def provider(self) -> TileProvider:
        """The provider described by the fields (call after a successful accept)."""
        return custom_provider(
            self.url_edit.text(), self.attribution_edit.text(), self.max_zoom.value()
        )

    def accept(self) -> None:  # Qt override
        problem = self.problem()
        if problem is not None:
            self.error_label.setText(problem)
            self.url_edit.setFocus()
            return
        super().accept()
