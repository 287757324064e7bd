"""Start the desktop application."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it with dkgis's name and icon if needed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName("dkgis")
    app.setOrganizationName("dkgis")
    icon = RESOURCES / "icons" / "dkgis.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _install_excepthook() -> None:
    """Show unexpected errors in a dialog instead of killing the app silently."""

    def hook(exc_type, exc, tb) -> None:
        traceback.print_exception(exc_type, exc, tb)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Unexpected error"),
            QCoreApplication.translate(
                "App", "dkgis met an unexpected error and may not work as it should:\n{error}"
            ).format(error=f"{exc_type.__name__}: {exc}"),
        )

    sys.excepthook = hook


def _ask_password(app: QApplication, data: str | Path, err) -> int:
    """The connection dialog for ``data``, saying why; the app runs once it connects."""
    from dkgis.io.postgis.dsn import as_source
    from dkgis.ui.db_actions import open_database_dialog
    from dkgis.ui.db_dialog import error_text

    _install_excepthook()
    dialog = open_database_dialog(None, dsn=as_source(data), problem=error_text(err))
    dialog.rejected.connect(lambda: app.exit(2))
    return app.exec()


def run_app(data: str | Path | None = None, lang: str | None = None) -> int:
    """Open the main window on ``data`` (when ``None``: the user's copy of the data made by
    an import, else the embedded dataset).

    ``lang`` (``--lang``) chooses the language of this run; ``None``: the one chosen in
    the Preferences, else the system's. Returns the process exit code; a dataset that
    cannot be read is reported in a dialog and on standard error, and gives exit code 2.
    A database whose server wants a password that libpq did not find opens the
    connection dialog, to type it.
    """
    from dkgis.io.errors import DatasetError
    from dkgis.model.project import Project
    from dkgis.ui.language import apply_language
    from dkgis.ui.main_window import MainWindow, show_dataset_error

    app = create_application()
    apply_language(app, lang)
    try:
        project = Project.load(data)
    except DatasetError as err:
        print(f"dkgis: error: {err}", file=sys.stderr)
        if getattr(err, "kind", None) in ("password", "password_needed"):
            return _ask_password(app, data, err)
        show_dataset_error(None, err)
        return 2
    _install_excepthook()
    window = MainWindow(project)
    window.show()
    return app.exec()
