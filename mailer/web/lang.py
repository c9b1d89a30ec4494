"""The dashboard in its user's language: a gettext catalog per language, not per process.

``mailer.i18n`` switches one process-wide language (right for a CLI run);
a web process serves Dutch and English users at once, so each request gets
the translate function of its user's language.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache

from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from mailer.i18n import DEFAULT_LANGUAGE, LANGUAGES, read_catalog

Gettext = Callable[[str], str]


@cache
def gettext_for(language: str) -> Gettext:
    """English msgids translated into ``language`` (English: as they are)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    catalog = read_catalog(language) if language != "en" else None
    if catalog is None:
        return NullTranslations().gettext
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer).gettext
