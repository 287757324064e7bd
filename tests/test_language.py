"""The language setting: system locale, Preferences, --lang, and damaged catalogs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dkgis import i18n


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:en", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C"}, "fr"),  # French first when the system names neither language
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({}, "fr"),
    ],
)
def test_system_language_reads_the_locale_variables(environ, expected):
    assert i18n.system_language(environ) == expected


def test_unknown_language_is_refused():
    with pytest.raises(i18n.UnknownLanguageError, match=r"'xx'.*fr, en"):
        i18n.set_language("xx")
    assert i18n.set_language("FR_fr") == "fr"


def test_numbers_and_dates_follow_the_language():
    import datetime

    i18n.set_language("fr")
    assert i18n.format_number(6410303) == "6\u202f410\u202f303"
    assert i18n.format_number(1.9, 2) == "1,90"
    assert i18n.format_percent(-0.55) == "\u221255\u00a0%"
    assert i18n.format_date(datetime.date(2026, 12, 3)) == "3 décembre 2026"
    assert i18n.format_year(2030) == "2030"
    i18n.set_language("en")
    assert i18n.format_number(6410303) == "6,410,303"
    assert i18n.format_number(-1.9, 2) == "\u22121.90"
    assert i18n.format_date(datetime.date(2026, 12, 3)) == "3 December 2026"
    assert i18n.format_month(2025, 5) == "May 2025"


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [
        ("2025-05-15", "au 15 mai 2025", "as of 15 May 2025"),
        ("2024-01", "en janvier 2024", "as of January 2024"),
        ("2022", "en 2022", "as of 2022"),
        ("2025-13", "au 2025-13", "as of 2025-13"),  # not a date: shown as written
    ],
)
def test_a_status_date_reads_as_a_date_of_the_language(value, french, english):
    from dkgis.wording import status_as_of

    i18n.set_language("fr")
    assert status_as_of(value) == french
    i18n.set_language("en")
    assert status_as_of(value) == english


def test_a_damaged_catalog_falls_back_to_english_with_one_warning(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "dkgis.mo").write_bytes(b"\x00not a catalog" * 10)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.set_language("fr")
    assert i18n._("Source: {parts}") == "Source: {parts}"
    assert i18n._("EU ETS verified") == "EU ETS verified"
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "dkgis.mo" in warnings[0] and "English" in warnings[0]


def _dkgis(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dkgis", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("where", ["before", "after"])
def test_cli_refuses_an_unknown_language_in_one_line(tmp_path, where):
    out = tmp_path / "map.png"
    args = (
        ["--lang", "xx", "export", str(out)]
        if where == "before"
        else ["export", str(out), "--lang", "xx"]
    )
    result = _dkgis(*args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "dkgis: error: --lang: unknown language 'xx': choose one of fr, en"
    ]
    assert not out.exists()


def test_missing_interface_catalog_warns_and_keeps_english(qapp, tmp_path, monkeypatch, capsys):
    from PySide6.QtCore import QCoreApplication

    from dkgis.ui import language

    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert language.apply_language(qapp, "fr") == "fr"
    err = capsys.readouterr().err
    assert "interface catalog cannot be read" in err and "English" in err
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    language.apply_language(qapp, "en")


def test_preferences_dialog_remembers_the_language(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from dkgis.model.project import Project
    from dkgis.ui import language
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load(None))
    qtbot.addWidget(window)
    assert language.saved_choice() == language.SYSTEM
    window.preferences_action.trigger()
    dialog = window.preferences
    qtbot.waitExposed(dialog)
    combo = dialog.language
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "fr", "en"]
    combo.setCurrentIndex(combo.findData("en"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert language.saved_choice() == "en"
