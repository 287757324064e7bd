"""Languages: one setting chooses the words, numbers and dates of every output.

dkgis speaks French first and English on request. Qt widgets translate through
Qt (``self.tr``, ``.ts`` sources, ``.qm`` catalogs, installed by the user
interface); everything without Qt (the model, the HTML export, the command
line, the words shared by exports) translates through this module's gettext
catalog, chosen by the same language setting:

``_("CO₂ emissions {year}")``
    Translate a message (English source text) into the current language.
``N_("…")``
    Mark a message for extraction where it is defined, translate it where it is shown.
``format_number``, ``format_date``...
    Numbers and dates in the conventions of the current language
    (« 6 410 303 t », « 1,90 Mt », « 3 décembre 2026 »).

Data text (facility names, user-file values) is never a message: only literal
English text written in the code is passed to :func:`_`.
"""

from __future__ import annotations

import datetime
import functools
import gettext as _gettext
import os
import sys
from pathlib import Path
from typing import Any

#: The languages dkgis speaks, French first.
LANGUAGES: tuple[str, ...] = ("fr", "en")
#: The language of the source texts.
SOURCE_LANGUAGE = "en"
#: The language used when the system names neither French nor English.
DEFAULT_LANGUAGE = "fr"
#: Folder of the gettext catalogs (``<lang>/LC_MESSAGES/dkgis.mo``).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "dkgis"

#: Locale names of each language for number and date formatting.
_BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


class UnknownLanguageError(ValueError):
    """A language dkgis does not speak was asked for."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        choices = ", ".join(LANGUAGES)
        super().__init__(f"unknown language {lang!r}: choose one of {choices}")


_language: str | None = None
_translations: _gettext.NullTranslations | None = None


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language the system asks for, as gettext reads it.

    The first set variable among ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``
    decides; a value naming neither French nor English (``C``, ``de_DE``...) or none
    at all gives :data:`DEFAULT_LANGUAGE`.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":  # like gettext, the first of LC_ALL/LC_MESSAGES/LANG decides
            break
    return DEFAULT_LANGUAGE


def check_language(lang: str) -> str:
    """Return ``lang`` normalised (``"FR"`` -> ``"fr"``), or raise UnknownLanguageError."""
    code = str(lang).strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise UnknownLanguageError(str(lang))
    return code


def get_language() -> str:
    """The current language.

    Until :func:`set_language` is called: the ``DKGIS_LANG`` environment variable when it
    names a language dkgis speaks (for scripts), else the system's (:func:`system_language`).
    """
    global _language
    if _language is None:
        chosen = os.environ.get("DKGIS_LANG", "")
        try:
            _language = check_language(chosen) if chosen else system_language()
        except UnknownLanguageError:
            _language = system_language()
    return _language


def set_language(lang: str) -> str:
    """Choose the language of every later message, number and date; return it normalised.

    Raises
    ------
    UnknownLanguageError
        ``lang`` is not one of :data:`LANGUAGES`.
    """
    global _language, _translations
    _language = check_language(lang)
    _translations = None
    return _language


def _catalog() -> _gettext.NullTranslations:
    global _translations
    if _translations is None:
        lang = get_language()
        if lang == SOURCE_LANGUAGE:
            _translations = _gettext.NullTranslations()
        else:
            _translations = _load_catalog(lang)
    return _translations


def _load_catalog(lang: str) -> _gettext.NullTranslations:
    """The gettext catalog of ``lang``; English (the source texts) when it is missing or damaged."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with open(path, "rb") as handle:
            return _gettext.GNUTranslations(handle)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        detail = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        print(
            f"dkgis: warning: the {lang!r} message catalog cannot be read ({path.name}: "
            f"{detail}); texts are shown in English",
            file=sys.stderr,
        )
        return _gettext.NullTranslations()


def _(message: str) -> str:
    """Translate ``message`` (English source text) into the current language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the number ``n``."""
    return _catalog().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (for source texts with several meanings)."""
    return _catalog().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translated where shown)."""
    return message


# -- numbers and dates -------------------------------------------------------------------


def babel_locale(lang: str | None = None) -> str:
    """The locale name used to format numbers and dates in ``lang`` (default: current)."""
    return _BABEL_LOCALES[check_language(lang) if lang else get_language()]


#: The minus sign of displayed numbers (typographic, as in « −55 % »).
MINUS = "\u2212"


def _decimals(pattern: str, decimals: int) -> str:
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals > 0 else ""), 1)


def _signed(text: str, value: float, signed: bool) -> str:
    text = text.replace("-", MINUS)
    if signed and value > 0 and not text.startswith("+"):
        text = "+" + text
    return text


@functools.lru_cache(maxsize=16)
def _number_format(locale: str, decimals: int) -> tuple[Any, Any]:
    """The Babel locale and parsed number pattern (parsing them is most of the cost of
    formatting a number: a table of 100 000 rows formats each one)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    return Locale.parse(locale), parse_pattern(_decimals("#,##0", decimals))


def format_number(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """``value`` with ``decimals`` decimals and the language's separators.

    ``format_number(6410303)`` is « 6 410 303 » in French and "6,410,303" in English;
    ``format_number(1.9, 2)`` is « 1,90 » and "1.90"; negative values take a true minus
    sign (−), and ``signed=True`` puts a ``+`` before positive ones.
    """
    locale, pattern = _number_format(babel_locale(), int(decimals))
    return _signed(pattern.apply(value, locale), value, signed)


def format_percent(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """``value`` (a fraction: -0.55) as a percentage: « −55 % » / "−55%"."""
    from babel import Locale
    from babel.numbers import format_percent as _format_percent

    locale = babel_locale()
    pattern = Locale.parse(locale).percent_formats[None].pattern.split(";")[0]
    text = _format_percent(value, format=_decimals(pattern, decimals), locale=locale)
    return _signed(text, value, signed)


def format_year(year: int) -> str:
    """A calendar year, never with a thousands separator (« 2030 »)."""
    return str(int(year))


def format_date(value: datetime.date, style: str = "long") -> str:
    """A date: ``long`` « 3 décembre 2026 » / "3 December 2026"; ``short`` « 03/12/2026 »."""
    from babel.dates import format_date as _format_date

    return _format_date(value, format=style, locale=babel_locale())
