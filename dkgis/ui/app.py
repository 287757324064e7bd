"""Start the desktop application."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dkgis.ui.resources import RESOURCES

#: When this environment variable is set, the app prints ``FIRST_FRAME_LINE`` and quits
#: as soon as the map has painted its first frame (start-up checks of a built app).
QUIT_AFTER_FIRST_FRAME = "DKGIS_QUIT_AFTER_FIRST_FRAME"
FIRST_FRAME_LINE = "dkgis: first frame painted"


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


def _show_unexpected_error(exc: BaseException) -> None:
    """Tell the user, in a dialog, that something went wrong that dkgis did not foresee."""
    QMessageBox.critical(
        None,
        QCoreApplication.translate("App", "Unexpected error"),
        QCoreApplication.translate(
            "App", "dkgis met an unexpected error and may not work as it should:\n{error}"
        ).format(error=f"{type(exc).__name__}: {exc}"),
    )


def _install_excepthook() -> None:
    """Show unexpected errors in a dialog instead of killing the app silently."""

    def hook(exc_type, exc, tb) -> None:
        traceback.print_exception(exc_type, exc, tb)
        _show_unexpected_error(exc)

    sys.excepthook = hook


def open_main_window(data: str | Path | None = None):
    """The main window of a start, with the last session back (not shown yet).

    ``data`` is the dataset asked for on the command line (``None``: the last session's,
    else the user's copy of the data made by an import, else the embedded dataset); it
    raises DatasetError when it cannot be read. A last session that cannot come back is
    said in the status bar (:class:`dkgis.ui.session.LastSession`).
    """
    from dkgis.ui.main_window import MainWindow
    from dkgis.ui.session import LastSession

    session = LastSession.read()
    window = MainWindow(session.load_project(data))
    session.restore(window)
    return window


def run_app(data: str | Path | None = None, lang: str | None = None) -> int:
    """Open the main window on ``data`` (when ``None``: the dataset of the last session,
    else the user's copy of the data made by an import, else the embedded dataset), with
    the last session back (:mod:`dkgis.ui.session`).

    ``lang`` (``--lang``) chooses the language of this run; ``None``: the one chosen in
    the Preferences, else the system's. Returns the process exit code: a dataset that
    cannot be read is reported in a dialog and on standard error, and gives exit code 2;
    an error dkgis did not foresee while opening it is shown in a dialog too (exit code
    1), never only on standard error.
    """
    from dkgis.io.atomic import remove_stale_temporaries
    from dkgis.io.errors import DatasetError
    from dkgis.ui.dataset_error import show_dataset_error
    from dkgis.ui.language import apply_language
    from dkgis.ui.settings import config_dir

    app = create_application()
    apply_language(app, lang)
    # Leftovers of a save that was killed half-way (see dkgis.io.atomic).
    remove_stale_temporaries(config_dir())
    try:
        window = open_main_window(data)
    except DatasetError as err:
        print(f"dkgis: error: {err}", file=sys.stderr)
        show_dataset_error(None, err)
        return 2
    except Exception as exc:  # a bug: the user still gets a dialog, not a silent exit
        traceback.print_exc()
        _show_unexpected_error(exc)
        return 1
    _install_excepthook()
    if os.environ.get(QUIT_AFTER_FIRST_FRAME):
        window.canvas.first_frame_painted.connect(lambda: _quit_after_first_frame(app))
    window.show()
    return app.exec()


def _quit_after_first_frame(app: QApplication) -> None:
    print(FIRST_FRAME_LINE, flush=True)
    app.quit()
