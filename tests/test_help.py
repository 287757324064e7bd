"""Help > Guide and Help > Keyboard Shortcuts on the real main window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence

from dkgis import i18n
from dkgis.model.project import Project
from dkgis.ui.help import GUIDE_DIR, guide_page, shortcut_rows
from dkgis.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_help_menu_holds_the_guide_the_shortcuts_and_about(window):
    assert [a.text() for a in window.help_menu.actions() if not a.isSeparator()] == [
        "&Guide",
        "&Keyboard Shortcuts",
        "&About dkgis",
    ]
    assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_the_guide_opens_offline_in_its_own_window(qtbot, window):
    window.guide_action.trigger()
    guide = window.guide_window
    qtbot.waitExposed(guide)
    browser = guide.browser
    assert browser.source().isLocalFile()
    assert Path(browser.source().toLocalFile()) == GUIDE_DIR / "en" / "index.html"
    text = browser.toPlainText()
    assert "slide in three clicks" in text and "Undo" in text
    # The pictures are files of the guide, and every one of them is there.
    html = (GUIDE_DIR / "en" / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert pictures
    for picture in pictures:
        assert (GUIDE_DIR / "en" / picture).is_file(), picture
    # A link inside the guide moves within it; the window stays the guide.
    browser.setSource(QUrl("#slide"))
    assert guide.isVisible()


def test_the_french_guide_is_the_one_of_the_french_interface():
    try:
        i18n.set_language("fr")
        page = guide_page()
    finally:
        i18n.set_language("en")
    assert page == GUIDE_DIR / "fr" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Faire une diapositive en trois clics" in text
    for caveat in ("vérifiées", "2013", "non quantifié", "estimé par dkgis"):
        assert caveat in text
    html = re.findall(r'<img src="([^"]+)"', text)
    assert html and all((page.parent / p).is_file() for p in html)


def test_every_page_of_each_guide_links_only_to_its_own_files():
    for page in GUIDE_DIR.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#:]+)', page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page}: {target}"


def test_the_shortcuts_are_read_from_the_actions(qtbot, window):
    window.shortcuts_action.trigger()
    dialog = window.shortcuts_dialog
    qtbot.waitExposed(dialog)
    rows = dialog.rows()
    assert ("Edit", "Undo", "Ctrl+Z") in rows
    assert ("Edit", "Redo", "Ctrl+Shift+Z, Ctrl+Y") in rows
    assert ("File", "Export Map", "Ctrl+E") in rows
    assert ("Help", "Guide", "F1") in rows
    # Every action of the menus with a shortcut is listed, with that shortcut.
    listed = {(command, keys) for _menu, command, keys in rows}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.shortcuts() and action.menu() is None:
                keys = ", ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                )
                assert keys in {k for _c, k in listed}


def test_a_new_shortcut_is_listed_without_anyone_writing_it_down(window):
    action = QAction("&Measure Distance", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    window.edit_menu.addAction(action)
    assert ("Edit", "Measure Distance", "Ctrl+Shift+M") in shortcut_rows(window)


def test_the_pictures_script_makes_every_picture_the_guides_show(qtbot, tmp_path):
    import importlib.util

    from PIL import Image

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "guide_pictures", root / "tools" / "guide_pictures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for lang in ("fr", "en"):
        shown = re.findall(
            r'<img src="images/([^"]+)"',
            (GUIDE_DIR / lang / "index.html").read_text(encoding="utf-8"),
        )
        assert sorted(set(shown)) == sorted(module.PICTURES)
    written = module.make_pictures("en", tmp_path)
    assert sorted(p.name for p in written) == sorted(module.PICTURES)
    for path in written:
        with Image.open(path) as image:
            assert 0 < image.width <= module.MAX_WIDTH and image.height >= 20
            assert len(image.getcolors(256) or []) > 8  # a picture, not a blank
