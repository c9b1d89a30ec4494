"""A reply that is nothing but a list of people: the answer the invitation asked for.

The invitation asks who will come; some answer with the names alone, under a heading
("Voor de middag:", "Namen:") or a table header ("Naam <tab> E-mailadres"), one person
a line. No verb says yes, yet a coordinator reads it as the list of who comes. Only that
plainest shape counts: after the greeting a heading, then every line a name (with at
most a bullet, an address and a short bracket), and no word of doubt, negation, another
occasion or a question anywhere. Anything else stays unread, so it goes to review.
"""

from __future__ import annotations

import re

from mailer.inbound.decide import STRONG, Verdict, pure_forward
from mailer.inbound.names import KnownNames, find_names
from mailer.inbound.reading import Decision, Evidence

_GREETING = re.compile(
    r"^(beste|hoi|hallo|hey|dag|goedemorgen|goedemiddag|goedendag|goedenavond|geachte|hi|"
    r"hello|dear)\b[^\n]{0,60}$",
    re.IGNORECASE,
)
# "Voor de ontmoetingsmiddag:", "Namen:", "For the meeting:": a heading over the names
_HEADING = re.compile(
    r"^((voor|for)\s+(de|het|the|onze|our)\s+[\w-]+|namen|names|deelnemers|participants|"
    r"aanwezigen|attendees)\s*:$",
    re.IGNORECASE,
)
# the column names of a pasted table ("Naam    E-mailadres")
_COLUMNS = frozenset(
    re.findall(
        r"\S+",
        """
        naam name namen names e-mail email e-mailadres emailadres mail adres address functie
        rol role organisatie organisation organization telefoon phone deelnemer deelnemers
        """,
    )
)
_DOUBT = re.compile(
    r"\?|\b(niet|geen|nee|not|no|misschien|wellicht|mogelijk|maybe|perhaps|possibly|"
    r"voorbehoud|tentative|vorige|volgende|last|next|afgemeld|afmelding|verhinderd)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-•*·–]|\d{1,2}[.)])\s*")
_EMAIL = re.compile(r"<?(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+>?")
_BRACKET = re.compile(r"\([^()\n]{1,40}\)")
_CELLS = re.compile(r"\s*(?:\t+|\|)\s*")
_PROBE = "collega "


def listed_only(text: str, known: KnownNames) -> bool:
    """The reply is a greeting, a heading and one person a line, nothing more."""
    if _DOUBT.search(text):
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and _GREETING.match(lines[0]) and not _heading(lines[0]):
        lines = lines[1:]
    if len(lines) < 2 or not _heading(lines[0]):
        return False
    return all(_person_line(line, known) for line in lines[1:])


def as_attending(verdict: Verdict, text: str, subject: str, known: KnownNames) -> Verdict:
    """The verdict for a bare list: attending, when nothing else in the reply was read
    and the mail is no forward (a list passed on to a colleague is no answer)."""
    unread = verdict.decision is Decision.UNCLEAR and verdict.confidence == 0.0
    quiet = all(r.polarity is None and r.rule == "none" for r in verdict.readings)
    if not (unread and quiet) or pure_forward(subject) or not listed_only(text, known):
        return verdict
    found = Evidence("decide", "attend:list-only", "a heading, then one name a line")
    return Verdict(Decision.ATTENDING, STRONG, (*verdict.evidence, found), verdict.readings)


def _heading(line: str) -> bool:
    if _HEADING.match(line):
        return True
    cells = [cell.lower() for cell in re.split(r"\t+|\s*\|\s*|\s{2,}", line) if cell]
    return len(cells) >= 2 and all(cell in _COLUMNS for cell in cells)


def _person_line(line: str, known: KnownNames) -> bool:
    """One name and at most its address, a bullet and a bracket ("(ik)", "(penningmeester)")."""
    rest = _CELLS.sub(" ", _BRACKET.sub(" ", _EMAIL.sub(" ", _BULLET.sub("", line))))
    rest = " ".join(rest.split()).strip(" ,;")
    if not 0 < len(rest.split()) <= 5:
        return False
    names = find_names(f"{_PROBE}{rest}", known)
    return len(names) == 1 and names[0].start == len(_PROBE) and names[0].end >= len(rest) + 7
