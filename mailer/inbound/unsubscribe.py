"""A request, written in a reply, to stop all mail: "haal mij van de lijst".

Only the writer's own words count (the quote is cut before this runs: every
invitation's footer says "Afmelden voor deze berichten"). Signing off for
the *event* ("ik meld ons af voor de bijeenkomst") is a decline, not an
unsubscribe: "afmelden" alone never unsubscribes, it needs the list, the
newsletter, the mailings or "geen mail meer" next to it.
"""

from __future__ import annotations

import re

from mailer.inbound.reading import Evidence

_REQUESTS = [
    (
        "haal-van-lijst",
        r"\b(haal|haalt|verwijder|schrap)\s+(mij|me|ons|mijn\s+(e-?mail)?adres|dit\s+adres)\s+"
        r"(\w+\s+){0,3}(van|uit)\s+(de|jullie|uw|het|deze)?\s*(mailing|verzend|adres|e-?mail|"
        r"nieuwsbrief)?\s*(lijst|bestand)",
    ),
    (
        "afmelden-nieuwsbrief",
        r"\b(afmelden|uitschrijven|meld\s+(mij|me|ons)\s+(\w+\s+){0,2}af|schrijf\s+(mij|me|ons)\s+"
        r"(\w+\s+){0,2}uit)\s+(voor|van|bij)\s+(de|deze|jullie|uw|alle)?\s*(nieuwsbrief|"
        r"nieuwsbrieven|mailing|mailings|mailinglijst|berichten|e-?mails|mails|verzendlijst|lijst)",
    ),
    (
        "geen-mail-meer",
        r"\b(geen|niet\s+langer|niet\s+meer)\s+(\w+\s+){0,2}(e-?mails?|mails?|nieuwsbrie(f|ven)|"
        r"berichten|uitnodigingen)\s+(meer\s+)?(ontvangen|sturen|toesturen|krijgen|te\s+ontvangen)",
    ),
    (
        "lijst-halen",
        r"\b(mij|me|ons|mijn\s+(e-?mail)?adres)\s+(\w+\s+){0,2}(van|uit)\s+(de|jullie|uw|het|deze)?\s*"
        r"(verzend|mailing|e-?mail|nieuwsbrief|adres)?lijst\s+(\w+\s+)?(halen|afhalen|verwijderen|schrappen)",
    ),
    (
        "adres-uit-bestand",
        r"\b(dit|mijn|ons|het|deze)\s+(e-?mail)?adres\s+(\w+\s+){0,3}(uit|van)\s+(uw|jullie|het|de|"
        r"uw\s+\w+)\s*(bestand|lijst|adressenlijst|mailinglijst|verzendlijst|database|adressenbestand)"
        r"\s+(\w+\s+)?(verwijderen|halen|schrappen)",
    ),
    (
        "adres-verwijderen-uit",
        r"\b(mijn|ons|dit|het|deze)\s+(e-?mail)?adres\s+(\w+\s+){0,2}(verwijderen|halen|"
        r"schrappen)\s+(uit|van)\s+(uw|jullie|het|de|deze)\s+"
        r"(mailing|verzend|adressen|adres|nieuwsbrief|e-?mail|mail)?(bestand|lijst|database)\b",
    ),
    ("unsubscribe", r"\b(please\s+)?unsubscribe\b|\buitschrijven\b"),
    (
        "remove-from-list",
        r"\b(remove|take)\s+(me|us|my\s+(e-?mail\s+)?address)\s+(\w+\s+){0,3}(from|off)\s+"
        r"(the|your|this)?\s*(mailing\s+|email\s+|distribution\s+)?list",
    ),
    (
        "no-more-mail",
        r"\b(stop|do\s+not|don'?t)\s+(sending|send|e-?mail(ing)?)\s+(me|us)\b|"
        r"\bno\s+(longer\s+)?(wish|want)\s+to\s+receive\b",
    ),
]
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _REQUESTS]
# "afmelden voor de nieuwsbrief" means the newsletter, but not when asked about
_NOT_A_REQUEST = re.compile(
    r"\b(hoe|waar|kan\s+ik|how\s+(do|can)\s+i)\b[^.?!\n]*\?|\b(niet|don'?t|do\s+not)\s+"
    r"(afmelden|unsubscribe|uitschrijven)\b",
    re.IGNORECASE,
)


def unsubscribe_request(text: str) -> Evidence | None:
    """The evidence when the trimmed reply asks to stop all mail, else None."""
    for name, pattern in _COMPILED:
        match = pattern.search(text)
        if match and not _NOT_A_REQUEST.search(_sentence_of(text, match.start())):
            return Evidence("unsubscribe", name, match.group().strip())
    return None


def _sentence_of(text: str, offset: int) -> str:
    start = max(text.rfind(mark, 0, offset) for mark in ".!?\n") + 1
    ends = [index for index in (text.find(mark, offset) for mark in ".!?\n") if index >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end]
