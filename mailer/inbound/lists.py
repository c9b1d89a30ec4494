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

from mailer.inbound.decide import STRONG, Verdict, decide, pure_forward
from mailer.inbound.names import NAME_PROBE, KnownNames, find_names
from mailer.inbound.reading import Decision, Evidence

# "Beste Anna,", "Hallo allemaal,", "Geachte mevrouw De Vries,": a greeting word and at
# most whom it greets. A greeting line saying more ("Hallo, wij zijn er helaas niet") is
# no greeting to skip: it carries the answer, so the reply is no bare list.
_GREETING = re.compile(
    r"^(beste|hoi|hallo|hey|dag|goedemorgen|goedemiddag|goedendag|goedenavond|geachte|hi|"
    r"hello|dear)(\s+(allemaal|iedereen|all|everyone|team|"
    r"((mevrouw|meneer|mevr\.?|dhr\.?|de\s+heer|mr\.?|mrs\.?|ms\.?)\s+)?"
    r"(?-i:[A-Z][\w'-]*\.?)(\s+((van|de|der|den|ter|ten|'t)\s+)*(?-i:[A-Z][\w'-]*)){0,2}))?"
    r"\s*[,!]?$",
    re.IGNORECASE,
)
# the occasion a heading may name ("Voor de ontmoetingsmiddag:"), a compound ending in
# one too ("netwerkbijeenkomst"); never a word about staying away ("Voor de afwezigen:")
_OCCASION = (
    r"(?![\w-]*(afwez|afmeld|afzeg|afgemeld|verhinder|absen|cancel|declin|regret))[\w-]*"
    r"(bijeenkomst|middag|ochtend|avond|dag|meeting|event|session|sessie|workshop|lunch|"
    r"diner|dinner|borrel|conferentie|conference|congres|symposium|training|cursus|"
    r"excursie|viering|receptie|reception|ontmoeting|lezing|presentatie|webinar|"
    r"gathering|afternoon|morning|evening|day)"
)
# "Voor de ontmoetingsmiddag:", "Namen:", "For the meeting:": a heading over the names
_HEADING = re.compile(
    rf"^((voor|for)\s+(de|het|the|onze|our)\s+{_OCCASION}|namen|names|deelnemers|"
    r"participants|aanwezigen|attendees)\s*:$",
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
# doubt, absence or regret anywhere (text or subject): "kunnen niet" is caught by "niet"
_DOUBT = re.compile(
    r"\?|\b(niet|geen|nee|not|no|misschien|wellicht|mogelijk|maybe|perhaps|possibly|"
    r"voorbehoud|tentative|vorige|volgende|last|next|afgemeld|afmelding|verhinderd|helaas|"
    r"jammer|afwezig\w*|afzeg\w*|afmeld\w*|absent\w*|absence|unable|cannot|can[’']?t|"
    r"sorry|regret\w*|unfortunately|cancel\w*|declin\w*|afgezegd|ziek|excuses|apologies|"
    r"excused)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-•*·–]|\d{1,2}[.)])\s*")
_EMAIL = re.compile(r"<?(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+>?")
_BRACKET = re.compile(r"\([^()\n]{1,40}\)")
_CELLS = re.compile(r"\s*(?:\t+|\|)\s*")


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
    if not _quiet(verdict) or pure_forward(subject) or not _quiet_subject(subject):
        return verdict
    if not listed_only(text, known):
        return verdict
    found = Evidence("decide", "attend:list-only", "a heading, then one name a line")
    return Verdict(Decision.ATTENDING, STRONG, (*verdict.evidence, found), verdict.readings)


def _quiet(verdict: Verdict) -> bool:
    """Nothing read: no clause said yes, no, maybe or anything the rules know."""
    unread = verdict.decision is Decision.UNCLEAR and verdict.confidence == 0.0
    return unread and all(r.polarity is None and r.rule == "none" for r in verdict.readings)


def _quiet_subject(subject: str) -> bool:
    """A subject that says nothing of its own ("Re: Uitnodiging ..."): one that does
    ("Afmelding", "Wij kunnen helaas niet") may mean the names are of people who stay
    away, so the list is no plain yes."""
    return not _DOUBT.search(subject) and _quiet(decide(subject))


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
    names = find_names(f"{NAME_PROBE}{rest}", known)
    start = len(NAME_PROBE)
    return len(names) == 1 and names[0].start == start and names[0].end >= start + len(rest) - 1
