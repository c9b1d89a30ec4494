"""Operator messages in the operator's language, through gettext catalogs.

Source strings (msgids) are English; ``mailer/locale/nl/LC_MESSAGES/pleinpost.po``
holds the Dutch. The language is chosen once at an entry point from
``MAILER_LANGUAGE`` (default ``nl``) with :func:`set_language`; code below it
only calls :func:`_` / :func:`ngettext`, and marks strings that are translated
later (stored reason codes, tables of labels) with :func:`N_`.

The build compiles ``.po`` to ``.mo`` (``hatch_build.py``); a checkout without
compiled catalogs reads the ``.po`` directly, so a fresh clone never shows
English to a Dutch operator just because nothing was compiled yet.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "pleinpost"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_translations: gettext.NullTranslations | None = None  # loaded on first use
_language = DEFAULT_LANGUAGE


def catalog_path(language: str) -> Path:
    """The ``.po`` file of ``language`` (the source the build compiles)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog | None:
    """``language``'s catalog as Babel reads it (None: the language has no catalog)."""
    path = catalog_path(language)
    if not path.exists():
        return None
    with path.open("rb") as fh:
        return read_po(fh, locale=language, domain=DOMAIN)


def _load(language: str) -> gettext.NullTranslations:
    """The compiled catalog if the build made one that is current, else the ``.po``
    compiled in memory (a checkout, or a catalog edited after the last install)."""
    mo = catalog_path(language).with_suffix(".mo")
    po = catalog_path(language)
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return Translations(fh, domain=DOMAIN)
    catalog = read_catalog(language)
    if catalog is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def set_language(language: str) -> None:
    """Switch every later message to ``language`` (``nl`` or ``en``); loaded on first use."""
    global _translations, _language
    language = (language or DEFAULT_LANGUAGE).lower()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _translations, _language = None, language


def language() -> str:
    """The language messages are shown in now."""
    return _language


def _current() -> gettext.NullTranslations:
    """The catalog of the language set last, read once (every entry point sets one)."""
    global _translations
    if _translations is None:
        _translations = NullTranslations() if _language == "en" else _load(_language)
    return _translations


def _(message: str) -> str:
    """Translate ``message`` (an English msgid) into the operator's language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (translated when shown)."""
    return message


def label(labels: dict[str, str], key: str) -> str:
    """``key`` through a table of ``N_()`` labels, translated; unknown keys as they are."""
    msgid = labels.get(key)
    return _(msgid) if msgid else key
