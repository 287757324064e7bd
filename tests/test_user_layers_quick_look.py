"""The quick look at an added file runs in a worker thread: the window answers meanwhile,
Cancel works, errors get their dialog, and closing the window while it runs is safe."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QMessageBox

import dkgis.io.readers as readers
from dkgis.io.errors import DatasetError
from dkgis.ui.main_window import MainWindow
from tests.test_user_layers_ui import (
    close_box,
    error_box_about,
    french_csv,
    points_along_csv,
    user_layers,
)


@pytest.fixture
def window(user_layers_window):
    return user_layers_window


class QuickLooks:
    """``inspect_file`` wrapped: records the thread of each call, holds the calls for the
    files named in ``held`` until :meth:`release`, raises the errors of ``errors``."""

    def __init__(self, monkeypatch, held=(), errors=None) -> None:
        self.calls: list[tuple[str, int]] = []
        self.threads: list[threading.Thread] = []
        self.held = set(held)
        self.errors = errors or {}
        self.entered = threading.Event()
        self.gate = threading.Event()
        original = readers.inspect_file

        def inspect_file(path):
            path = Path(path)
            self.calls.append((path.name, threading.get_ident()))
            self.threads.append(threading.current_thread())
            if path.name in self.held:
                self.entered.set()
                assert self.gate.wait(20)
            if path.name in self.errors:
                raise self.errors[path.name]
            return original(path)

        monkeypatch.setattr(readers, "inspect_file", inspect_file)

    def release(self) -> None:
        self.gate.set()


def wait_idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.user_layers.busy, timeout=20000)


def status_messages(window: MainWindow) -> list[str]:
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    return messages


def test_each_queued_file_is_looked_at_off_the_windows_thread(qtbot, window, tmp_path, monkeypatch):
    looks = QuickLooks(monkeypatch)
    # What the quick look found is used in the window's thread (dialogs are asked there).
    used_in: list[int] = []
    controller = type(window.user_layers)
    choose_layers = controller._choose_layers

    def record_thread(self):
        used_in.append(threading.get_ident())
        choose_layers(self)

    monkeypatch.setattr(controller, "_choose_layers", record_thread)
    first = french_csv(tmp_path / "premier.csv")
    second = french_csv(tmp_path / "second.csv")
    window.user_layers.add_files([first, second])
    progress = window.user_layers.progress
    assert progress.isVisible()
    assert progress.label.text() == "Examining premier.csv…"
    assert progress.cancel_button.isEnabled()
    wait_idle(qtbot, window)
    assert [layer.title for layer in user_layers(window)] == ["premier", "second"]
    assert [name for name, _ in looks.calls] == ["premier.csv", "second.csv"]
    main = threading.get_ident()
    assert all(ident != main for _, ident in looks.calls)
    assert used_in == [main, main]
    assert not progress.isVisible()


def test_the_window_answers_and_cancel_works_during_the_quick_look(
    qtbot, window, tmp_path, monkeypatch
):
    looks = QuickLooks(monkeypatch, held={"lent.csv"})
    slow = french_csv(tmp_path / "lent.csv")
    good = french_csv(tmp_path / "sites.csv")
    before = window.project.layers.names
    extent = window.project.view.extent
    messages = status_messages(window)
    window.user_layers.add_files([slow, good])
    assert looks.entered.wait(20)
    # The quick look is held in its thread; the window goes on answering the user.
    progress = window.user_layers.progress
    qtbot.wait(50)
    assert progress.isVisible() and progress.label.text() == "Examining lent.csv…"
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    # lent.csv is given up at once (its quick look cannot stop midway), the project left
    # as it was; sites.csv, queued after it, is looked at and added meanwhile.
    assert "Loading of lent.csv cancelled; nothing was added." in messages
    assert window.project.layers.names == before and window.project.view.extent == extent
    qtbot.waitUntil(lambda: len(user_layers(window)) == 1, timeout=20000)
    wait_idle(qtbot, window)
    assert [layer.title for layer in user_layers(window)] == ["sites"]
    assert not looks.gate.is_set() and looks.threads[0].is_alive()
    # Its result, when it comes, is dropped.
    looks.release()
    looks.threads[0].join(20)
    qtbot.wait(100)
    assert [layer.title for layer in user_layers(window)] == ["sites"]
    assert not window.user_layers.busy
    assert [n for n in window.project.layers.names if not n.startswith("user:")] == list(before)
    assert window.findChild(QMessageBox, "layerErrorBox") is None


def test_errors_of_the_quick_look_get_their_dialog_and_the_next_file_is_added(
    qtbot, window, tmp_path, monkeypatch
):
    faux = french_csv(tmp_path / "faux.csv")
    bogue = french_csv(tmp_path / "bogue.csv")
    looks = QuickLooks(
        monkeypatch,
        errors={
            "faux.csv": DatasetError(faux, "line 2 has 3 fields instead of 4"),
            "bogue.csv": RuntimeError("a bug in the reader"),
        },
    )
    good = french_csv(tmp_path / "sites.csv")
    window.user_layers.add_files([faux, bogue, good])
    box = error_box_about(qtbot, window, "faux.csv")
    assert box.informativeText() == "Line 2 has 3 fields instead of 4."
    close_box(qtbot, box)
    box = error_box_about(qtbot, window, "bogue.csv")
    assert "Unexpected error while reading (RuntimeError: a bug in the reader)" in (
        box.informativeText()
    )
    close_box(qtbot, box)
    wait_idle(qtbot, window)
    assert [layer.title for layer in user_layers(window)] == ["sites"]
    main = threading.get_ident()
    assert [name for name, _ in looks.calls] == ["faux.csv", "bogue.csv", "sites.csv"]
    assert all(ident != main for _, ident in looks.calls)


def test_closing_the_window_during_the_quick_look_drops_its_result(
    qtbot, window, tmp_path, monkeypatch
):
    looks = QuickLooks(monkeypatch, held={"sites.csv"})
    window.user_layers.add_files([french_csv(tmp_path / "sites.csv")])
    assert looks.entered.wait(20)
    # The quick look ends while the closing window waits for it.
    threading.Timer(0.2, looks.release).start()
    window.close()
    assert not window.isVisible()
    assert looks.threads[0].join(20) is None and not looks.threads[0].is_alive()
    qtbot.wait(100)  # its result, queued to the window's thread, arrives
    controller = window.user_layers
    assert not controller.busy and not controller.loading
    assert user_layers(window) == []
    assert not controller.progress.isVisible()
    assert window.findChild(QMessageBox, "layerErrorBox") is None


def test_a_quick_look_ending_after_the_window_is_deleted_reaches_nothing(
    qtbot, tmp_path, monkeypatch
):
    from dkgis.model.project import Project

    errors: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", errors.append)
    looks = QuickLooks(monkeypatch, held={"sites.csv"})
    window = MainWindow(Project.load())
    window.show()
    qtbot.waitExposed(window)
    controller = window.user_layers
    shutdown = controller.shutdown
    # A file on a share that does not answer: the window stops waiting for it.
    monkeypatch.setattr(controller, "shutdown", lambda: shutdown(timeout_ms=50))
    controller.add_files([french_csv(tmp_path / "sites.csv")])
    assert looks.entered.wait(20)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(controller)
    looks.release()
    looks.threads[0].join(20)
    assert not looks.threads[0].is_alive()
    qtbot.wait(100)  # nothing is delivered to the deleted controller
    assert errors == []


def test_cancel_during_the_read_that_follows_stops_it(qtbot, window, tmp_path):
    path = points_along_csv(tmp_path / "gros.csv", 300_000)
    before = window.project.layers.names
    messages = status_messages(window)
    window.user_layers.add_files([path])
    progress = window.user_layers.progress
    qtbot.waitUntil(lambda: progress.label.text() == "Loading gros.csv…", timeout=20000)
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.label.text() == "Cancelling…" and not progress.cancel_button.isEnabled()
    wait_idle(qtbot, window)
    assert window.project.layers.names == before
    assert "Loading of gros.csv cancelled; nothing was added." in messages
    assert not progress.isVisible()
