"""The language of the interface: Qt's translators, chosen with the Qt-free catalog.

One setting chooses the language of everything (see :mod:`dkgis.i18n`): the
Preferences dialog stores it (``ui/language``: ``"system"``, ``"fr"`` or
``"en"``), the ``--lang`` option overrides it for one run, and this module
installs the matching Qt translators: dkgis's own (``dkgis/locale/dkgis_<lang>.qm``)
and Qt's (standard buttons and dialogs). A missing or damaged catalog falls back
to English with one warning on standard error.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dkgis import i18n
from dkgis.ui.settings import app_settings

#: Settings key of the chosen language.
SETTINGS_KEY = "ui/language"
#: Value of :data:`SETTINGS_KEY` meaning "follow the system".
SYSTEM = "system"

_installed: list[QTranslator] = []


def saved_choice() -> str:
    """The language chosen in the Preferences: ``"system"``, ``"fr"`` or ``"en"``."""
    value = str(app_settings().value(SETTINGS_KEY, SYSTEM) or SYSTEM)
    try:
        return i18n.check_language(value) if value != SYSTEM else SYSTEM
    except i18n.UnknownLanguageError:
        return SYSTEM


def save_choice(choice: str) -> None:
    """Remember ``choice`` (``"system"`` or a language code) for the next start."""
    value = choice if choice == SYSTEM else i18n.check_language(choice)
    settings = app_settings()
    settings.setValue(SETTINGS_KEY, value)
    settings.sync()


def apply_language(app: QCoreApplication, lang: str | None = None) -> str:
    """Choose the language of this run and install Qt's translators for it.

    Parameters
    ----------
    app
        The application.
    lang
        A language code (``--lang``); ``None``: the Preferences' choice, else the
        ``DKGIS_LANG`` variable or the system's.

    Returns
    -------
    str
        The language now in use.
    """
    if lang is None:
        choice = saved_choice()
        lang = i18n.get_language() if choice == SYSTEM else choice
    lang = i18n.set_language(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(i18n.babel_locale(lang)))
    if lang == i18n.SOURCE_LANGUAGE:
        return lang
    ours = QTranslator(app)
    path = i18n.LOCALE_DIR / f"dkgis_{lang}.qm"
    if ours.load(str(path)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        print(
            f"dkgis: warning: the {lang!r} interface catalog cannot be read ({path.name}); "
            "the interface is shown in English",
            file=sys.stderr,
        )
    qt = QTranslator(app)
    if qt.load(
        QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
