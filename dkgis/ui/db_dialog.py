"""Dialogs of the shared database: the connection, its tables, its shared items.

:class:`ConnectionDialog` asks for a server (host, port, database, user) or a service of
``pg_service.conf``, a password (never stored) and the encryption wanted; it offers the
recent connections (remembered **without** passwords). Connecting runs the caller's job
(open the dataset, list the tables...) in a worker thread: the window never blocks, and
a failure (wrong password, unreachable server, no PostGIS...) is said in the dialog,
which stays open to correct it. :class:`DatabaseJob` runs any database call that way.
"""

from __future__ import annotations

import json
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dkgis.labels import format_number
from dkgis.ui.settings import app_settings

if TYPE_CHECKING:
    from dkgis.io.postgis.dsn import Dsn
    from dkgis.io.postgis.layers import GeometryTable
    from dkgis.io.postgis.shared import SharedItem

#: Settings key of the recent connections (a JSON list, newest first; no password).
RECENT_KEY = "database/recent"
#: How many recent connections are kept.
RECENT_MAX = 8
#: Encryption choices: libpq ``sslmode`` values, ``prefer`` first (the default).
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")
DEFAULT_PORT = 5432

DATA_ROLE = Qt.ItemDataRole.UserRole


# -- running database calls off the GUI thread ---------------------------------------------


class DatabaseJob(QObject):
    """Run ``job()`` in a daemon thread; report its result in the main thread.

    Signals
    -------
    done(object)
        What ``job`` returned.
    failed(object)
        The exception: a :class:`~dkgis.io.errors.DatasetError` (a database's is a
        :class:`~dkgis.io.postgis.errors.DatabaseError`), a ``ProjectFileError``, or
        any other error (a bug: printed, and reported too).
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.running = False

    def start(self) -> None:
        """Run the job in a new daemon thread (it never blocks closing the app)."""
        self.running = True
        threading.Thread(target=self._run, name="dkgis database", daemon=True).start()

    def _run(self) -> None:
        from dkgis.io.errors import DatasetError
        from dkgis.io.project_file import ProjectFileError

        try:
            result = self._job()
        except (DatasetError, ProjectFileError) as err:
            self._finish(self.failed, err)
        except Exception as err:  # a bug must not kill the app silently
            traceback.print_exc()
            self._finish(self.failed, err)
        else:
            self._finish(self.done, result)

    def _finish(self, signal, value) -> None:
        self.running = False
        signal.emit(value)


def error_text(err: BaseException) -> str:
    """What to tell the user of a failed database call (never a password)."""
    from dkgis.io.errors import DatasetError

    if isinstance(err, DatasetError):
        return err.problem[:1].upper() + err.problem[1:]
    problem = getattr(err, "problem", None)
    if problem:
        return problem
    return QCoreApplication.translate("DatabaseDialog", "Unexpected error: {error}").format(
        error=type(err).__name__
    )


# -- recent connections --------------------------------------------------------------------


def recent_connections() -> list[dict[str, str]]:
    """The connections made lately, newest first (never a password)."""
    from dkgis.io.postgis.dsn import REMEMBERED_KEYS

    text = app_settings().value(RECENT_KEY, "")
    try:
        items = json.loads(text) if isinstance(text, str) and text else []
    except json.JSONDecodeError:
        return []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            kept = {k: str(v) for k, v in item.items() if k in REMEMBERED_KEYS and v}
            if kept:
                out.append(kept)
    return out


def remember_connection(dsn: Dsn) -> None:
    """Put ``dsn`` first among the recent connections (without its password)."""
    entry = dsn.remembered()
    if not entry:
        return
    items = [entry, *(e for e in recent_connections() if e != entry)][:RECENT_MAX]
    settings = app_settings()
    settings.setValue(RECENT_KEY, json.dumps(items))
    settings.sync()


def connection_label(params: dict[str, str]) -> str:
    """“alice — climat on sig.example.fr:5432” for the list of recent connections."""
    from dkgis.io.postgis.dsn import Dsn

    label = Dsn.from_params(params).label
    user = params.get("user")
    return f"{user} — {label}" if user else label


# -- the connection dialog -----------------------------------------------------------------


class ConnectionDialog(QDialog):
    """Ask for a database and run ``job(dsn)`` on it (see the module docstring).

    Parameters
    ----------
    job
        Called in a worker thread with the :class:`Dsn`; what it returns is emitted by
        :attr:`connected`.
    parent
        The window.
    title
        The window title.
    dsn
        A database to start from (its password, if any, is filled in).
    problem
        A message to show first (why the dialog is asked).

    Signals
    -------
    connected(object, object)
        ``job``'s result and the Dsn (with the password typed); the dialog then closes.
    """

    connected = Signal(object, object)

    def __init__(
        self,
        job: Callable[[Dsn], Any],
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        dsn: Dsn | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("databaseDialog")
        self.setWindowTitle(title or self.tr("Open Database"))
        self._job_function = job
        self.job: DatabaseJob | None = None
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The shared PostgreSQL/PostGIS database of your team. Give a server, or the "
                "name of a service of your pg_service.conf file. The password is not kept: "
                "dkgis also finds it in your .pgpass file."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.recent = QComboBox(self)
        self.recent.setObjectName("recentConnections")
        self.recent.addItem(self.tr("New connection"), None)
        for params in recent_connections():
            self.recent.addItem(connection_label(params), params)
        self.recent.currentIndexChanged.connect(self._on_recent_chosen)
        form.addRow(self.tr("Recent:"), self.recent)
        self.service = self._line("serviceEdit", self.tr("optional: a service of pg_service.conf"))
        form.addRow(self.tr("Service:"), self.service)
        self.host = self._line("hostEdit", "sig.example.fr")
        form.addRow(self.tr("Server:"), self.host)
        self.port = QSpinBox(self)
        self.port.setObjectName("portEdit")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        form.addRow(self.tr("Port:"), self.port)
        self.database = self._line("databaseEdit", "climat")
        form.addRow(self.tr("Database:"), self.database)
        self.user = self._line("userEdit", "")
        form.addRow(self.tr("User:"), self.user)
        self.password = self._line("passwordEdit", self.tr("not kept; empty: from .pgpass"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password:"), self.password)
        self.sslmode = QComboBox(self)
        self.sslmode.setObjectName("sslmodeBox")
        labels = {
            "prefer": self.tr("When the server offers it (prefer)"),
            "require": self.tr("Always (require)"),
            "verify-ca": self.tr("Always, checking the certificate (verify-ca)"),
            "verify-full": self.tr("Always, checking the certificate and name (verify-full)"),
            "disable": self.tr("Never (disable)"),
        }
        for mode in SSL_MODES:
            self.sslmode.addItem(labels[mode], mode)
        form.addRow(self.tr("Encryption:"), self.sslmode)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("databaseStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server words are data
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.connect_button = self.buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if dsn is not None:
            self.fill(dsn.remembered(), password=dsn.params().get("password", ""))
        elif self.recent.count() > 1:
            self.recent.setCurrentIndex(1)
        if problem:
            self._show_problem(problem)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _on_recent_chosen(self, index: int) -> None:
        params = self.recent.itemData(index)
        if params:
            self.fill(params)

    def fill(self, params: dict[str, str], password: str = "") -> None:
        """Fill the fields from connection parameters."""
        self.service.setText(params.get("service", ""))
        self.host.setText(params.get("host", ""))
        port = params.get("port", "")
        self.port.setValue(int(port) if port.isdigit() else DEFAULT_PORT)
        self.database.setText(params.get("dbname", ""))
        self.user.setText(params.get("user", ""))
        self.password.setText(password)
        mode = params.get("sslmode", "prefer")
        self.sslmode.setCurrentIndex(max(self.sslmode.findData(mode), 0))

    def dsn(self) -> Dsn:
        """The database of the fields (the password typed, in memory only)."""
        from dkgis.io.postgis.dsn import Dsn

        params: dict[str, str] = {"service": self.service.text().strip()}
        host = self.host.text().strip()
        if host:
            params["host"] = host
            params["port"] = str(self.port.value())
        params["dbname"] = self.database.text().strip()
        params["user"] = self.user.text().strip()
        mode = self.sslmode.currentData()
        if mode != "prefer":
            params["sslmode"] = mode
        return Dsn.from_params(params, password=self.password.text() or None)

    # -- connecting ----------------------------------------------------------------------
    def start(self) -> None:
        """Run the job on the database of the fields (in a worker thread)."""
        from dkgis.io.postgis.errors import DatabaseError

        if not (self.service.text().strip() or self.host.text().strip()):
            self._show_problem(self.tr("Give a server, or a service of pg_service.conf."))
            return
        try:
            dsn = self.dsn()
        except DatabaseError as err:
            self._show_problem(error_text(err))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Connecting to {database}…").format(database=dsn.label))
        self.connect_button.setEnabled(False)
        job = self._job_function
        self.job = DatabaseJob(lambda: job(dsn), self)
        self.job.done.connect(lambda result: self._on_done(result, dsn))
        self.job.failed.connect(self._on_failed)
        self.job.start()

    def _on_done(self, result: Any, dsn: Dsn) -> None:
        remember_connection(dsn)
        self.result_value = result
        self.connect_button.setEnabled(True)
        self.connected.emit(result, dsn)
        self.accept()

    def _on_failed(self, err: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self._show_problem(error_text(err))
        if getattr(err, "kind", None) in ("password", "password_needed"):
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            self.password.selectAll()

    def _show_problem(self, text: str) -> None:
        self.status.setStyleSheet("color: #b3261e;")
        self.status.setText(text)


# -- choosing tables and shared items -------------------------------------------------------


def _table_text(table: GeometryTable) -> str:
    from dkgis.ui.import_dialogs import _geometry_label

    rows = (
        QCoreApplication.translate("DatabaseDialog", "about {n} rows").format(
            n=format_number(table.rows)
        )
        if table.rows >= 0
        else ""
    )
    parts = [table.title, _geometry_label(table.geometry_type), f"EPSG:{table.srid}", rows]
    return " — ".join(p for p in parts if p)


class TableChoiceDialog(QDialog):
    """Tick the tables of the database to add as layers."""

    def __init__(self, tables: list[GeometryTable], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableChoiceDialog")
        self.setWindowTitle(self.tr("Add Layer from Database"))
        self.resize(600, 340)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The tables you may read. A layer shows the features of the visible area, "
                "read again when you pan or zoom."
            )
            if tables
            else self.tr("This database has no geometry table that you may read.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("tableChoiceList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for table in tables:
            item = QListWidgetItem(_table_text(table))
            item.setData(DATA_ROLE, table)
            self.list.addItem(item)
        if tables:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[GeometryTable]:
        """The tables selected, in list order."""
        return [
            self.list.item(i).data(DATA_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).isSelected()
        ]


class SharedItemDialog(QDialog):
    """Choose a shared scenario or project: name, who saved it, when."""

    def __init__(self, items: list[SharedItem], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sharedItemDialog")
        self.setWindowTitle(title)
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        if not items:
            layout.addWidget(QLabel(self.tr("Nothing has been shared in this database yet.")))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("sharedItemList")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Saved by"), self.tr("Saved on")])
        self.tree.setRootIsDecorated(False)
        for item in items:
            row = QTreeWidgetItem(self.tree, [item.name, item.saved_by, item.when])
            row.setData(0, DATA_ROLE, item.name)
        if items:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        """The name chosen, or ``None``."""
        item = self.tree.currentItem()
        return item.data(0, DATA_ROLE) if item is not None else None
