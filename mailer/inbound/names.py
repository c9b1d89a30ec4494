"""Who comes: the names (and addresses) of the attendees in a trimmed reply.

A rule grammar, no model: title? (initials | first name) particles* surname,
or title + surname ("mevr. De Jong"), or a lone first name where the words
around it say it is a person ("mijn collega Fatima"). Organisation, place
and street names we know are never people, nor are words after "in/te/uit".
"ik" is the writer (name from the signature, else the From header). Names
count only in clauses that do not say "no" (decide.py), so in "Jan kan niet,
Els komt wel" only Els comes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mailer.inbound.decide import ClauseReading
from mailer.inbound.reading import Attendee, Decision, Evidence
from mailer.inbound.trim import SIGN_OFF


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _words(
    """
    mevr mevrouw mw mr mrs ms miss dhr heer dr drs ir ing prof ds ms. wethouder
    """
)
_PARTICLES = _words(
    """
    van der den de het 't ter ten te in op uit d' el al la le du da di von zu
    """
)
_STOP = _words(
    """
    ik wij we mij me ons onze mijn jij u uw hij zij ze het de een en of maar dan dat die
    deze dit er ja nee graag helaas hierbij namens ook wel niet geen met voor van tot op in
    aan bij beste hoi hallo hey dag goedemorgen goedemiddag geachte groet groeten groetjes
    vriendelijke hartelijke mvg bedankt dank thanks hi hello dear yes no i the and or but we
    our my with collega collega's college colleague komen kom komt gaan zijn is ben kan
    kunnen zal zullen wil willen leuk fijn prima top super tot zie see best kind regards
    regards cheers sorry uitnodiging invitation werkmiddag bijeenkomst middag ochtend avond
    programma agenda maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday
    tuesday wednesday thursday friday saturday sunday januari februari maart april mei juni
    juli augustus september oktober november december january february march june july
    august october stichting gemeente vereniging provincie foundation council dorpshuis
    buurthuis wijkcentrum team afdeling bestuur netwerk coordinator coördinator voorzitter
    secretaris penningmeester vrijwilliger vrijwilligers re aw fw fwd antw namen naam
    aanmelding aanmeldingen verder alvast nogmaals excuses vanwege omdat want als wanneer
    waar wie wat hoe welke zowel onze zelf zelf. allebei beiden beide twee drie p.s ps nb
    n.b misschien wellicht waarschijnlijk eerder later vorige volgende vanaf hopelijk
    inmiddels zoals vanuit please sorry unfortunately looking happy yes hoogachtend liefs
    doei ciao daar hier toen dus zo nu eerst straks morgen vandaag gisteren there here
    both together also he she they him her them his hers you
    """
)
# stop words that are names too when capitalised inside a sentence ("Ben Carter")
_ALSO_NAMES = frozenset({"ben", "wil", "bas", "mark", "roos", "kim"})
_ORG_WORDS = re.compile(
    r"\b(stichting|gemeente|vereniging|provincie|foundation|council|dorpshuis|buurthuis|"
    r"wijkcentrum|welzijn|zorg|coöperatie|cooperatie|b\.?v\.?|v\.?o\.?f|kerk|school|centrum|"
    r"vervoer|netwerk|bibliotheek|huis|fonds)\b",
    re.IGNORECASE,
)
# "-hof", "-dijk", "-weg" end many surnames too (Oosterhof, Van Dijk, Hoogeweg): those
# suffixes make a street only with a house number after it (see ``_excluded``)
_STREET = re.compile(
    r"(straat|laan|plein|singel|gracht|dreef|street|road|lane|avenue)$", re.IGNORECASE
)
_PLACE_BEFORE = re.compile(r"\b(in|te|uit|from|naar|richting|at|bij|vanuit|omgeving)\s*$", re.I)
_ROLE_BEFORE = re.compile(
    r"\b(collega|collega's|college|colleague|partner|vrijwilliger|voorzitter|secretaris|"
    r"coördinator|coordinator|directeur|manager|buurman|buurvrouw|vervanger|opvolger|"
    r"samen\s+met|met|neem|nemen|brengt|breng|stuur|sturen|and|en|&)\s*$",
    re.IGNORECASE,
)
_VERB_AFTER = re.compile(
    r"^\s*(komt|kan|gaat|is|neemt|will|can|comes|is\s+coming|vervangt|en\s+ik|and\s+i)\b", re.I
)
_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f'’"  # Latin-1 and Extended-A/B: Çelik, Yıldız, Šimić
_WORD = re.compile(rf"[{_LETTERS}]+(?:[.\-][{_LETTERS}]+)*\.?")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_SALUTATION = re.compile(
    r"^\s*(beste|hoi|hallo|hey|dag|goedemorgen|goedemiddag|goedenavond|geachte|lieve|hi|hello|"
    r"dear|good\s+(morning|afternoon))\b[^,\n!:]{0,60}([,!:]|$)",
    re.IGNORECASE | re.MULTILINE,
)
_THANKS = re.compile(
    r"\b(bedankt|dank\s+(je|u|jullie)(\s+wel)?|thanks|thank\s+you)\b[^.!?\n]*", re.IGNORECASE
)
_COUNTS = {
    "tweeën": 2, "tweeen": 2, "drieën": 3, "drieen": 3, "vieren": 4, "twee": 2, "drie": 3,
    "vier": 4, "two": 2, "three": 3, "four": 4, "both": 2, "beiden": 2, "allebei": 2,
}  # fmt: skip
_COUNT = re.compile(
    r"\b(?:met\s+(?:z'n|zijn|ons|onze)\s+(tweeën|tweeen|drieën|drieen|vieren)|"
    r"met\s+(twee|drie|vier|\d)\s+(?:personen|mensen|man|collega's)|"
    r"(\d|twee|drie|vier|two|three|four)\s+(?:personen|mensen|people|persons|of\s+us)|"
    r"(both)\s+of\s+us|wij\s+(beiden|allebei))\b",
    re.IGNORECASE,
)
# "maar mijn collega Sanne niet": the name's own clause says no without a verb
_NOT_AFTER = re.compile(
    r"\s*,?\s*(?:helaas\s+|ook\s+|dus\s+|zelf\s+)?(?:niet|not)\b(?!\s+(?:alleen|only))", re.I
)
# "niet Ans Claassen maar Joke": the name right after "niet" is the one who does not come
_NOT_BEFORE = re.compile(r"\b(niet|not)\s+$", re.IGNORECASE)
# "Marieke stuurde mij de uitnodiging door": who forwarded or asked is no attendee
_PASSED_ON_AFTER = re.compile(
    r"\s*(?:stuurde|stuurt|heeft\s+(?:mij|me|ons)\s+(?:\w+\s+){0,4}(?:doorgestuurd|gestuurd|"
    r"gevraagd|gewezen)|gaf\s+(?:mij|me|ons)|wees\s+(?:mij|me|ons)|vroeg\s+(?:mij|me|ons)|"
    r"forwarded|sent\s+me|passed\s+on|asked\s+me)\b",
    re.IGNORECASE,
)
_UNNAMED_COLLEAGUE = re.compile(
    r"\b(een|nog\s+een|mijn|onze|a|my)\s+(collega|colleague)\b(?!\s+[A-Z])"
    # "een van onze chauffeurs", "er gaat nog iemand van ons mee": one more, not named
    r"|\b(een|één|one)\s+(van|of)\s+(onze|ons|our)\s+(chauffeurs|vrijwilligers|collega's|"
    r"medewerkers|bestuursleden|drivers|volunteers|colleagues)\b"
    r"|\b(gaat|komt)\s+(er\s+)?nog\s+iemand\s+(van\s+ons\s+)?(mee|bij)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sender:
    name: str  # from the signature or the From header; may be ""
    email: str


@dataclass(frozen=True)
class Found:
    name: str
    start: int
    end: int
    email: str | None = None


@dataclass(frozen=True)
class People:
    attendees: list[Attendee]
    unnamed_extra: int
    evidence: list[Evidence]


def find_names(text: str, known: Iterable[str] | KnownNames = ()) -> list[Found]:
    """Every person's name in ``text``, with the address written next to it."""
    names = known_names(known)
    blanked = _blank(text, names)
    words = list(_WORD.finditer(blanked))
    found: list[Found] = []
    index = 0
    while index < len(words):
        if words[index].group() in _NOT_FIRST:  # "voor het Zorgloket Grijpskerk", "in Ten Boer"
            index += 1 + _capitals_after(blanked, words, index)
            continue
        taken = _name_at(blanked, words, index)
        if taken:
            name, used = taken
            if not _excluded(blanked, name, names):
                found.append(_with_email(blanked, name))
            index += used
        else:
            index += 1
    return _dedupe(found)


def _blank(text: str, known: KnownNames) -> str:
    """Salutations and thanks name the organisers: blank them, keep the offsets."""
    text = _surname_first_lines(text, known)  # before the blanking: it reads whole lines
    for pattern in (_SALUTATION, _THANKS):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    text = _NICKNAME.sub(lambda m: f"{m.group(1)} {m.group(2)}".ljust(len(m.group())), text)
    return _ROLE_BRACKET.sub(lambda m: f"{m.group(1)} {m.group(2)} ", text)


# "Verhulst, Kim" / "Putter, Kim de": a line as a member list exports it, surname first
_SURNAME_FIRST = re.compile(
    r"^([ \t]*(?:[-•*·][ \t]*)?)([A-Z][a-zà-ÿ'-]+),[ \t]*([A-Z][a-zà-ÿ'-]+)"
    r"((?:[ \t]+(?:van|de|der|den|ter|ten|in|'t))*)[ \t]*$",
    re.MULTILINE,
)


def _surname_first_lines(text: str, known: KnownNames) -> str:
    """A pasted member list ("Verhulst, Kim" a line) is read as "Kim Verhulst" (same
    length, offsets kept). "Capital, Capital" is also a place and its region ("Goes,
    Zeeland") or a town and its street, so only a block of two or more such lines in a
    row counts, with no word of it a place or organisation we know, and standing where a
    list of people stands: under a heading about people ("Aanmelding:", "Namen:") or as
    the whole reply between greeting and sign-off. Anything else stays as it is."""
    lines = text.split("\n")
    out = list(lines)
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _SURNAME_FIRST.match(lines[end]):
            end += 1
        if end - index >= 2 and _people_block(lines, index, end, known):
            for row in range(index, end):
                out[row] = _SURNAME_FIRST.sub(_turned, lines[row])
        index = max(end, index + 1)
    return "\n".join(out)


def _turned(match: re.Match[str]) -> str:
    lead, surname, first, particles = match.groups()
    name = " ".join([first, *particles.split(), surname])
    return f"{lead}{name}".ljust(len(match.group()))


def _people_block(lines: list[str], start: int, end: int, known: KnownNames) -> bool:
    """Lines ``start:end`` hold people: no known place, organisation or street in them,
    and a people heading right above, or nothing around them but greeting and sign-off."""
    for match in filter(None, map(_SURNAME_FIRST.match, lines[start:end])):
        for part in (match.group(2), match.group(3)):
            if known.has_word(part) or _ORG_WORDS.search(part) or _is_street(part):
                return False
    before = [line.strip() for line in lines[:start] if line.strip()]
    after = [line.strip() for line in lines[end:] if line.strip()]
    if before and before[-1].endswith(":"):
        return bool(_PEOPLE_HEADING.search(before[-1]))
    greeted = all(_SALUTATION.fullmatch(line) for line in before)
    signed = not after or bool(_SIGN_OFF.match(after[0]))
    return greeted and signed


# a heading over people ("Aanmelding voor 7 oktober:", "Namen:", "Wie komen:"), not over
# an address or a route ("Bezoekadres:", "Vestigingen:")
_PEOPLE_HEADING = re.compile(
    r"\b(aanmeld\w*|inschrijv\w*|namen|naam|deelnemer\w*|aanwezig\w*|komen|komt|gaan|"
    r"personen|mensen|\w*leden\w*|collega\W?s?|vrijwilligers?|wie|names|attend\w*|"
    r"participants?|coming|register\w*|people)\b",
    re.IGNORECASE,
)
# the mail's closing line, as the trimmer knows it, and the shorter ones a list may end on
_SIGN_OFF = re.compile(rf"{SIGN_OFF.pattern}|^(best|liefs|thanks|bedankt|dank)\b", re.IGNORECASE)


# "de heer A.C. (Ton) Lagerwey": the nickname in brackets is no part of the door-list name
_NICKNAME = re.compile(
    r"\b((?:[A-Z]\.){1,4})\s*\([A-Z][a-zà-ÿ'-]+\)\s+"
    r"((?:(?:van|de|der|den|ter|ten|in|'t)\s+)*[A-Z][\w'-]+)"
)

# "mijn collega (Anouk) en ik": the bracket only sets the name off; read it as "collega Anouk"
_ROLE_BRACKET = re.compile(
    r"\b(collega|colleague|partner|vervanger|opvolger)\s*\(([A-Z][a-zà-ÿ'-]+)\)"
)


def _kind(word: str) -> str:
    bare = word.rstrip(".")
    lower = bare.lower()
    if lower in _TITLES and (word.endswith(".") or lower in ("mevrouw", "heer", "wethouder")):
        return "title"
    if lower in ("mr", "mrs", "ms", "dr", "prof"):
        return "title"
    if re.fullmatch(r"(?:[A-Z]\.){1,4}|(?:[A-Z]\.)+[A-Z]|[A-Z][a-z]?\.", word) or (
        re.fullmatch(r"[A-Z]", bare) and word.endswith(".")
    ):
        return "initials"
    if lower in _PARTICLES or lower in ("van't",):
        return "particle"
    if bare.isupper() and len(bare) > 1 and "." not in bare:
        return "other"  # SHOUTED TEXT: "PERSONEN GERRIT BOS" cannot be split into people
    if bare[:1].isupper() and len(bare) > 1 and (lower not in _STOP or lower in _ALSO_NAMES):
        return "cap"
    return "other"


def _name_at(text: str, words: list[re.Match[str]], index: int) -> tuple[Found, int] | None:
    """The longest name starting at ``words[index]`` and how many words it used."""
    kinds: list[str] = []
    end = index
    while end < len(words) and (end == index or _adjacent(text, words[end - 1], words[end])):
        kind = _kind(words[end].group())
        if (
            kind == "cap"
            and words[end].group().lower() in _ALSO_NAMES
            and _starts_sentence(text, words[end])
            and not _surname_follows(text, words, end)
        ):
            kind = "other"
        if (
            words[end].group().lower() == "de"
            and end + 1 < len(words)
            and words[end + 1].group().lower() == "heer"
        ):
            kind = "title"
        if kind == "other" or (kind == "title" and kinds and kinds[-1] != "title"):
            break
        kinds.append(kind)
        end += 1
        if words[end - 1].group().endswith(".") and kind == "cap":
            break
    while kinds and kinds[-1] != "cap":
        kinds.pop()
        end -= 1
    if not _valid(kinds, text, words, index, end):
        return None
    start, stop = words[index].start(), words[end - 1].end()
    name = _tidy(_drop_title(text[start:stop], kinds))
    used = max(end - index, 1)
    return Found(name, start, stop), used


def _surname_follows(text: str, words: list[re.Match[str]], index: int) -> bool:
    """ "Mark Jansen" after a colon is a name; "Ben er graag bij" is not."""
    after = index + 1
    return (
        after < len(words)
        and _adjacent(text, words[index], words[after])
        and _kind(words[after].group()) in ("cap", "initials")
        and words[after].group().lower() not in _ALSO_NAMES
    )


def _capitals_after(text: str, words: list[re.Match[str]], index: int) -> int:
    """How many capitalised words follow ``words[index]`` in one run."""
    end = index + 1
    while (
        end < len(words)
        and _adjacent(text, words[end - 1], words[end])
        and _kind(words[end].group()) in ("cap", "particle")
        and (end > index + 1 or _kind(words[end].group()) == "cap")
    ):
        end += 1
    return end - index - 1


def _starts_sentence(text: str, word: re.Match[str]) -> bool:
    before = text[: word.start()].rstrip(" \t")
    return not before or before[-1] in ".!?:\n"


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end() : right.start()]
    return gap in (" ", "-", "") or (gap.strip() == "" and "\n" not in gap and len(gap) < 3)


def _valid(kinds: list[str], text: str, words: list[re.Match[str]], index: int, end: int) -> bool:
    if not kinds:
        return False
    core = [k for k in kinds if k != "title"]
    caps = core.count("cap")
    if "title" in kinds and caps >= 1:
        return True
    if caps >= 2 or (
        caps == 1 and ("initials" in core or "particle" in core) and core[0] != "particle"
    ):
        return True
    if caps == 1 and len(core) == 1:
        before = text[max(0, words[index].start() - 30) : words[index].start()]
        after = text[words[end - 1].end() : words[end - 1].end() + 20]
        return bool(_ROLE_BEFORE.search(before) or _VERB_AFTER.match(after))
    return False


# a preposition or article before capitals: "voor het Zorgloket Grijpskerk", never a person
_NOT_FIRST = frozenset({"het", "in", "op", "uit", "te"})


def _drop_title(name: str, kinds: list[str]) -> str:
    """ "mevr. J. Bakker" -> "J. Bakker"; "mevr. De Jong" keeps its title (nothing else)."""
    given = [k for k in kinds if k != "title"]
    if kinds[0] != "title" or not given or given[0] == "particle" or len(given) == 1:
        return name
    titles = kinds.index(given[0])  # one kind per word: "de" and "heer" are two titles
    return " ".join(name.split()[titles:])


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,")
    if re.search(r"\b[A-Z]$", name):  # "J. Bakker" keeps its dots, a final initial too
        name += "."
    return name


@dataclass(frozen=True)
class _Index:
    """Names that are never people, lower-case: joined for one search of "is this name
    part of a known one", and as a set for "is a known one part of this name"."""

    joined: str
    names: frozenset[str]

    def overlaps(self, lower: str) -> bool:
        if "\n" in lower or len(lower) > 80:  # rare: compare one by one
            return any(lower in other or other in lower for other in self.names)
        if lower in self.joined:
            return True
        size = len(lower)
        return any(
            lower[start:end] in self.names
            for start in range(size)
            for end in range(start + 1, size + 1)
        )


@lru_cache(maxsize=8)
def _index(names: frozenset[str]) -> _Index:
    """Made once per set of names (the store's: once per pass), not once per name found."""
    lowered = frozenset(n for n in (k.strip().lower() for k in names) if n)
    return _Index("\n".join(sorted(lowered)), lowered)


@lru_cache(maxsize=8)
def _known_words(names: frozenset[str]) -> frozenset[str]:
    """Every word of the names we know, lower-case: made once per set (once per pass)."""
    return frozenset(w for name in names for w in re.findall(r"[\w'-]+", name.lower()))


@dataclass(frozen=True)
class KnownNames:
    """The names that are never people: the store's (large, the same for a whole pass,
    indexed once) and the few this message adds (its organisation, its event)."""

    store: frozenset[str] = frozenset()
    extra: tuple[str, ...] = ()

    def overlaps(self, name: str) -> bool:
        lower = name.lower()
        if self.store and _index(self.store).overlaps(lower):
            return True
        return any(lower in other or other in lower for other in self._extra())

    def has_word(self, word: str) -> bool:
        """The word is a whole word of a name we know ("Goes" of "Goes", "Zeeland" of
        "Vrijwillig Vervoer Zeeland")."""
        lower = word.lower()
        if self.store and lower in _known_words(self.store):
            return True
        return any(lower in re.findall(r"[\w'-]+", other) for other in self._extra())

    def _extra(self) -> tuple[str, ...]:
        return tuple(n for n in (e.strip().lower() for e in self.extra) if n)


def known_names(names: Iterable[str] | KnownNames) -> KnownNames:
    if isinstance(names, KnownNames):
        return names
    return KnownNames(names if isinstance(names, frozenset) else frozenset(names))


def _excluded(text: str, found: Found, known: KnownNames) -> bool:
    if known.overlaps(found.name):
        return True
    if _ORG_WORDS.search(found.name) or _is_street(found.name):
        return True
    after = text[found.end : found.end + 6]
    if re.match(r"[ \t]*\d", after) and not re.match(r"\s*\d+\s*(personen|people)", after):
        return True  # "Kerkstraat 12", "Oosterend 3"
    before = text[max(0, found.start - 12) : found.start]
    return bool(_PLACE_BEFORE.search(before)) and " " not in found.name.strip()


def _is_street(name: str) -> bool:
    words = name.split()
    last = words[-1]
    match = _STREET.search(last)
    has_particle = any(word.lower() in _PARTICLES for word in words)
    return match is not None and len(last) > len(match.group()) + 2 and not has_particle


def _with_email(text: str, found: Found) -> Found:
    near = text[found.end : found.end + 80]
    match = re.match(r"\s*[(<\[,:–-]?\s*(?:mailto:)?(" + _EMAIL.pattern + r")", near)
    if match:
        return Found(found.name, found.start, found.end, match.group(1).lower())
    bracket = _BRACKET_EMAIL.match(near)  # "Piet Smit (penningmeester, p.smit@...)"
    if bracket:
        return Found(found.name, found.start, found.end, bracket.group(1).lower())
    before = _EMAIL_BEFORE.search(text, max(0, found.start - 80), found.start)
    if before:  # "p.smit@... (Piet Smit)"
        return Found(found.name, found.start, found.end, before.group(1).lower())
    row = text[found.end : found.end + 200].split("\n", 1)[0]
    if "|" in row or "\t" in row:  # a table row (htmltext joins cells with " | ")
        addresses = _EMAIL.findall(row)
        if len(addresses) == 1:
            return Found(found.name, found.start, found.end, addresses[0].lower())
    return found


# A bracket right after the name (at most one short word between, "ook") holding one
# address and at most a role: the address is that person's.
_BRACKET_EMAIL = re.compile(
    r"\s*(?:[a-z]{2,6}\s+)?[(\[]\s*(?:[^()\[\]\n@,]{1,40},\s*)?(?:mailto:)?("
    + _EMAIL.pattern
    + r")\s*[)\]]"
)
_EMAIL_BEFORE = re.compile(r"(?:^|\s)(" + _EMAIL.pattern + r")\s*\(\s*\Z")


def _dedupe(found: list[Found]) -> list[Found]:
    """One entry per person; a lone "Hamid" after "Hamid Tahiri" is the same person."""
    seen: set[str] = set()
    firsts = {item.name.split()[0].lower() for item in found if len(item.name.split()) > 1}
    kept: list[Found] = []
    for item in found:
        key = _key(item.name)
        lone = len(item.name.split()) == 1 and item.name.lower() in firsts
        lone = lone or _surname_only_of_another(item, found)
        if key not in seen and not lone:
            seen.add(key)
            kept.append(item)
    return kept


def _surname_only_of_another(item: Found, found: list[Found]) -> bool:
    """ "namens dhr. Benali aan: dhr. A. Benali": a title and a surname alone is the same
    person as a fuller name with that surname in the same reply."""
    words = item.name.split()
    if len(words) != 2 or words[0].rstrip(".").lower() not in _TITLES:
        return False
    return any(
        other is not item
        and other.name.split()[-1] == words[-1]
        and len(other.name.split()) > 1
        and other.name.split()[0].rstrip(".").lower() not in _TITLES
        for other in found
    )


def _key(name: str) -> str:
    name = re.sub(
        r"^((mevr|mevrouw|mw|dhr|de heer|mr|mrs|ms|dr|drs|ir|ing|prof)\.?\s+)+",
        "",
        name,
        flags=re.I,
    )
    return re.sub(r"[^a-z]", "", name.lower())


def count_said(text: str) -> int | None:
    """How many people the reply says will come ("met z'n tweeën"), if it says so."""
    match = _COUNT.search(text)
    if not match:
        return None
    word = next(group for group in match.groups() if group).lower()
    return int(word) if word.isdigit() else _COUNTS.get(word)


def sender_from(
    signature: str, from_name: str, from_email: str, known: Iterable[str] | KnownNames = ()
) -> Sender:
    """The writer's name: the first name in the signature, else the From display name."""
    display = _display_name(from_name)
    for line in signature.split("\n")[:4]:
        probe = _as_name_line(line)
        names = find_names(probe, known)
        if names and names[0].start == len(NAME_PROBE) and names[0].end >= len(probe.rstrip(" .,")):
            signed = names[0].name
            if " " not in signed and display.lower().startswith(signed.lower() + " "):
                return Sender(display, from_email.lower())  # "Groet, Fatima" by Fatima Ouali
            return Sender(signed, from_email.lower())
    return Sender(display, from_email.lower())


def _display_name(from_name: str) -> str:
    display = from_name.strip().strip('"')
    if "," in display:  # "Jansen, Piet"
        last, _, first = display.partition(",")
        display = f"{first.strip()} {last.strip()}"
    if "@" in display:
        return ""
    return display


def _as_name_line(line: str) -> str:
    """A signature line alone ("Piet Jansen") reads as a name after a role word."""
    stripped = line.strip()
    stripped = re.sub(
        r"^((met\s+)?(vriendelijke\s+|hartelijke\s+)?groet(en|jes)?|mvg|gr\.?|regards|best|cheers|x{1,3}|"
        r"hoogachtend|liefs|thanks)[,\s]*",
        "",
        stripped,
        flags=re.I,
    )
    return f"{NAME_PROBE}{stripped}" if stripped else ""


# a role word before a line makes the name reader take the line as one person's name
NAME_PROBE = "collega "


_SELF_COMES = re.compile(
    r"\b(ik\s+(kom|ben|zal|doe|sluit|schuif|neem|ga|probeer|kan)|kan\s+ik|ga\s+ik|i'?ll\s+bring|"
    r"i\s+will\s+bring|(register|book|sign\s+up)\s+me|(me|mij)\s+(en|and)\b|kom\s+ik|ben\s+ik|zal\s+ik|ikzelf|mijzelf|zelf|"
    r"(zou|wil)\s+ik|i\s+(might|may|could|hope|would)|i'?d\s+(love|like|be)|"
    r"put\s+me\s+down|pencil\s+me\s+in|"
    r"ik\s+(kan|wil)\s+(\w+\s+){0,2}(komen|erbij)|(meld|schrijf|zet|noteer)\s+(mij|me|mezelf|mijzelf)\b|"
    r"(mij|me|mijzelf|mezelf)\s+(\w+\s+){0,4}(aanmelden|inschrijven)|"
    r"(en|and|&)\s+(ik|i|me|mij)\b|(ik|i)\s+(en|and)\b|i'?m\s+(in|coming)|"
    # "ik + Jeroen", "Jeroen + ik": a plus joins a list as "en" does
    r"(ik|ikzelf|i|me|mij|myself)\s*\+\s*(?=\w)|\s*\+\s*(ik|ikzelf|i|me|mij|myself)\b|"
    r"i'?ll\s+(be|come|attend|join)|i\s+will|count\s+me|sign\s+me|myself|me\s+too|"
    r"i\s+(wouldn'?t|would\s+not|won'?t|will\s+not)\s+miss|ondergetekende|the\s+undersigned|"
    r"(wil|zal)\s+ik\s+(\w+\s+){0,3}(niet|voor\s+geen\s+goud)\s+missen|"
    r"ik\s+(wil|zal)\s+(\w+\s+){0,3}(niet|voor\s+geen\s+goud)\s+missen|"
    r"laat\s+ik\s+(me|mij)\s+niet\s+ontgaan)\b",
    re.IGNORECASE,
)


def attendees(
    text: str,
    readings: tuple[ClauseReading, ...],
    decision: Decision,
    sender: Sender,
    known: Iterable[str] | KnownNames = (),
) -> People:
    """The people the reply says will come, the writer included when "ik" comes."""
    if decision is Decision.DECLINED:
        return People([], 0, [])
    evidence: list[Evidence] = []
    people: list[Attendee] = []
    for found in find_names(text, known):
        polarity = _polarity_at(readings, found.start)
        if (
            polarity is Decision.DECLINED
            or _NOT_AFTER.match(text, found.end)
            or _NOT_BEFORE.search(text, max(0, found.start - 8), found.start)
        ):
            evidence.append(Evidence("names", "skip:declined-clause", found.name))
            continue
        if _PASSED_ON_AFTER.match(text, found.end):
            evidence.append(Evidence("names", "skip:passed-on", found.name))
            continue
        if sender.name and is_writer(found.name, sender.name):
            people.append(Attendee(found.name, found.email or sender.email or None, is_sender=True))
        else:
            people.append(Attendee(found.name, found.email))
        evidence.append(Evidence("names", "name", found.name))
    if (
        sender.name
        and not any(is_writer(p.name, sender.name) for p in people)
        and (_sender_comes(readings, decision) or _first_name_listed(text, readings, sender))
    ):
        people.insert(0, Attendee(sender.name, sender.email or None, is_sender=True))
        evidence.append(Evidence("names", "sender", sender.name))
    unnamed, unsure = _unnamed(text, readings, people)
    if unsure:
        evidence.append(Evidence("names", "count-unsure", unsure))
    return People(people, unnamed, evidence)


def _first_name_listed(text: str, readings: tuple[ClauseReading, ...], sender: Sender) -> bool:
    """ "Nicole en Daan komen" signed "Nicole Pauwels": the writer listed by first name."""
    words = sender.name.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0] not in text:
        return False
    first = re.escape(words[0])
    listed = re.compile(
        rf"(?<![\w.])({first}\s*(,|en|and|&)\s*[A-Z]|(,|\ben|\band|&)\s*{first}\b(?!\s+[A-Z]))"
    )
    return any(
        reading.polarity in (Decision.ATTENDING, None)
        and not reading.clause.question
        and listed.search(reading.clause.text)
        for reading in readings
    )


def is_writer(name: str, sender: str) -> bool:
    """The name is the writer's: the same name, or the full name of a writer who signed
    with a first name only ("Mvg, Trijntje" listing "Trijntje van der Veen")."""
    if _key(name) == _key(sender):
        return True
    if _initials_match(name, sender) or _initials_match(sender, name):
        return True
    return " " not in sender.strip() and name.split()[0].lower() == sender.strip().lower()


def _initials_match(short: str, full: str) -> bool:
    """ "F.W. Peters" is "Frans Peters": initials then the same surname, first letters equal."""
    head, _, tail = _key_spaced(short).partition(" ")
    first, _, rest = _key_spaced(full).partition(" ")
    if not re.fullmatch(r"([a-z]\.)+", head) or not tail or not rest or "." in first:
        return False
    return tail == rest and first[:1] == head[:1]


def _key_spaced(name: str) -> str:
    name = re.sub(
        r"^((mevr|mevrouw|mw|dhr|mr|dr|drs|ir|ing|prof)\.?\s+)+", "", name.strip(), flags=re.I
    )
    return re.sub(r"\b([a-z])\.\s+(?=[a-z]\.)", r"\1.", " ".join(name.lower().split()))


def _polarity_at(readings: tuple[ClauseReading, ...], offset: int) -> Decision | None:
    """The polarity of the clause holding ``offset``, else of its sentence's neighbours."""
    holder = None
    for position, reading in enumerate(readings):
        if reading.clause.start <= offset:
            holder = position
    if holder is None:
        return None
    if readings[holder].polarity is not None:
        return readings[holder].polarity
    sentence = readings[holder].clause.sentence
    for reading in list(readings[holder + 1 :]) + list(reversed(readings[:holder])):
        if reading.clause.sentence == sentence and reading.polarity is not None:
            return reading.polarity
    return None


_SELF_LISTED = re.compile(
    r"\b((en|and|&)\s+(ik|ikzelf|mijzelf|i|me|mij|myself)|(ik|ikzelf|i|myself)\s+(en|and)|"
    r"(ik|ikzelf|i|me|mij|myself)\s*\+\s*(?=\w)|\s*\+\s*(ik|ikzelf|i|me|mij|myself)|"
    r"ikzelf|mijzelf|myself|ondergetekende|undersigned)\b",
    re.IGNORECASE,
)


# "Ik weet het nog niet zeker": the writer is the one who may come (not "of Piet kan")
_SELF_UNSURE = re.compile(
    r"^(ik|i)(\s+|(?='))(weet\s+(het\s+)?(nog\s+)?niet(\s+zeker)?(\s+of\s+(het\s+lukt|ik\s+(kan|kom)))?|"
    r"twijfel(\s+nog)?|"
    # "I'm not sure yet whether I can make it": the writer's own coming in doubt
    r"(am|'m)\s+not\s+(yet\s+)?sure(\s+yet)?(\s+(whether|if)\s+i\s+(can|will|'ll)\s+"
    r"(make\s+it|come|attend|be\s+there|join))?|don'?t\s+know\s+yet)$",
    re.IGNORECASE,
)


def _sender_comes(readings: tuple[ClauseReading, ...], decision: Decision) -> bool:
    """ "ik kom" in a yes-clause, or "Piet en ik" listed in an answer that says yes."""
    for reading in readings:
        if reading.polarity in (Decision.ATTENDING, Decision.MAYBE):
            if _SELF_COMES.search(reading.clause.text):
                return True
            if reading.polarity is Decision.MAYBE and _SELF_UNSURE.search(reading.clause.text):
                return True
        elif reading.polarity is None and decision is Decision.ATTENDING:
            listed = _SELF_LISTED.search(reading.clause.text)
            if listed and not reading.clause.question:
                return True
    return False


# "ik kom met twee vrijwilligers": the writer and two more, not two in all
_WRITER_PLUS = re.compile(
    r"\b(ik\s+kom|kom\s+ik|i\s+will\s+come|i'?ll\s+come|i\s+am\s+coming|i'?m\s+coming)\s+"
    r"(samen\s+)?(met|with)\s+(twee|drie|vier|two|three|four|\d)\s+(collega's|vrijwilligers|"
    r"chauffeurs|medewerkers|bestuursleden|leden|colleagues|volunteers|drivers|members)\b",
    re.IGNORECASE,
)


def _unnamed(
    text: str, readings: tuple[ClauseReading, ...], people: list[Attendee]
) -> tuple[int, str]:
    """How many come without a name, and why that count is unsure ("" when it is not)."""
    named = len(people)
    plus, unsure = _writer_plus(readings, people)
    if plus is not None:
        return max(0, plus - named), ""
    said = count_said(" . ".join(r.clause.text for r in readings if not r.clause.question))
    if said is not None:
        return max(0, said - named), unsure
    colleagues = [
        r for r in readings
        if r.polarity is not Decision.DECLINED
        and (_UNNAMED_COLLEAGUE.search(r.clause.text) or _HE_AND_I.search(r.clause.text))
    ]  # fmt: skip
    if _THEY_AND_I.search(text):  # "zij en ik": she, or they? how many is not said
        unsure = unsure or "'zij/ze/they' with the writer: one person or more"
    return (1 if colleagues and named <= 1 else 0), unsure


def _writer_plus(
    readings: tuple[ClauseReading, ...], people: list[Attendee]
) -> tuple[int | None, str]:
    """ "ik kom met twee vrijwilligers": the writer and two more, three in all. Only when
    that is the one count the reply gives and nobody else is named: with another count
    ("met zes personen", "en 2 vrijwilligers") or another name ("Anna Bos komt ook") it is
    unclear whether the others are among the two, so the count stays as the older rules
    read it and the reply is marked unsure (a person reads it)."""
    said = [r for r in readings if r.polarity is not Decision.DECLINED and not r.clause.question]
    attending = [r for r in said if r.polarity is Decision.ATTENDING]
    found = next((m for r in attending if (m := _WRITER_PLUS.search(r.clause.text))), None)
    if found is None:
        return None, ""
    rest = " . ".join(r.clause.text for r in said).replace(found.group(), " ", 1)
    if count_said(rest) is not None or _PEOPLE_NUMBER.search(rest):
        return None, f"'{found.group()}' and another count"
    if any(not person.is_sender for person in people):
        return None, f"'{found.group()}' and a name: among them or more?"
    word = found.group(4).lower()
    return 1 + (int(word) if word.isdigit() else _COUNTS[word]), ""


# a number of people anywhere ("met zes personen", "2 vrijwilligers", "three colleagues")
_PEOPLE_NUMBER = re.compile(
    r"\b(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|two|three|four|five|six|seven|"
    r"eight|nine|ten)\s+(\w+\s+)?(personen|mensen|man|people|persons|collega's|collegas|"
    r"vrijwilligers|chauffeurs|medewerkers|bestuursleden|leden|deelnemers|colleagues|"
    r"volunteers|drivers|members|participants|of\s+us)\b",
    re.IGNORECASE,
)
# "Hij en ik komen", "He and I will attend": one more person, named nowhere
_HE_AND_I = re.compile(
    r"\b((hij|he|she)\s+(en|and|&)\s+(ik|i)|(ik|i|me)\s+(en|and|&)\s+(hij|hem|he|him|she|her))\b",
    re.IGNORECASE,
)
# "Zij en ik komen": "zij"/"ze"/"they" may be one person or several
_THEY_AND_I = re.compile(
    r"\b((zij|ze|they)\s+(en|and|&)\s+(ik|i)|(ik|i|me)\s+(en|and|&)\s+(zij|ze|hen|they|them))\b",
    re.IGNORECASE,
)
