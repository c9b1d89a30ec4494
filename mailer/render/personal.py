"""Per-recipient phrases that depend on what we know of the recipient.

A greeting needs a name and the footer names the organisation, but some
contacts have neither ("Beste ," is how a mail loses its reader). Holes are
filled by plain substitution, with no conditions per recipient, so the whole
phrase is the hole's value: made here once per recipient for every language,
while the mail compiled for one language uses only that language's holes
(``greeting_nl``). SendGrid is sent only the holes a mail uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from mailer.render.dates import LANGUAGES
from mailer.render.loader import Translator

GREETING = "greeting"  # "Beste Anna," / "Beste collega's van …," / "Goedendag,"
FOOTER_REASON = "footer_reason"  # why this address gets the mail, with or without organisation
PHRASES = (GREETING, FOOTER_REASON)


def hole_name(phrase: str, language: str) -> str:
    """The hole that carries ``phrase`` in ``language``: ``greeting_nl``."""
    return f"{phrase}_{language}"


PHRASE_HOLES = frozenset(hole_name(p, lang) for p in PHRASES for lang in LANGUAGES)


@dataclass(frozen=True)
class _Wording:
    """One language's phrase templates, looked up once (this runs for every recipient)."""

    greeting: str
    greeting_org: str
    greeting_neutral: str
    reason: str
    reason_no_org: str
    greeting_hole: str  # greeting_nl
    reason_hole: str  # footer_reason_nl


@cache
def _wording(language: str) -> _Wording:
    t = Translator(language)
    keys = ("greeting", "greeting_org", "greeting_neutral", "footer_reason", "footer_reason_no_org")
    for key in keys:
        t(f"common.{key}", name="", organisation="", email="")  # a missing key: TemplateError
    common = t.table["common"]
    greeting, greeting_org, greeting_neutral, reason, reason_no_org = (common[k] for k in keys)
    return _Wording(
        greeting,
        greeting_org,
        greeting_neutral,
        reason,
        reason_no_org,
        greeting_hole=hole_name(GREETING, language),
        reason_hole=hole_name(FOOTER_REASON, language),
    )


def phrases(
    name: str, organisation: str, email: str, *, languages: Iterable[str] = LANGUAGES
) -> dict[str, str]:
    """The values of every phrase hole, for every language of ``languages`` (by
    default all; the send loop asks only for the language of the mail it makes).

    By name; else the organisation's people; else a greeting that needs
    neither. The footer's reason names the organisation only when there is one.
    """
    name, organisation = name.strip(), organisation.strip()
    values: dict[str, str] = {}
    for language in languages:
        w = _wording(language)
        if name:
            greeting = w.greeting.format(name=name)
        elif organisation:
            greeting = w.greeting_org.format(organisation=organisation)
        else:
            greeting = w.greeting_neutral
        values[w.greeting_hole] = greeting
        values[w.reason_hole] = (
            w.reason.format(email=email, organisation=organisation)
            if organisation
            else w.reason_no_org.format(email=email)
        )
    return values
