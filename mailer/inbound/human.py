"""Read a human reply to an invitation: trim, unsubscribe?, decide, names.

Called by ``classify`` only for mail that is no calendar answer, no bounce
and no auto-reply. The result is applied automatically only at or above
``MAILER_RSVP_MIN_CONFIDENCE``; everything here leans towards a lower
confidence (review) whenever the words or the names are not certain.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from mailer.inbound.context import ReadingContext
from mailer.inbound.decide import Verdict, decide
from mailer.inbound.lists import as_attending
from mailer.inbound.names import (
    KnownNames,
    People,
    Sender,
    attendees,
    find_names,
    is_writer,
    sender_from,
)
from mailer.inbound.reading import Attendee, Decision, Evidence, Kind, Reading
from mailer.inbound.trim import trim
from mailer.inbound.unsubscribe import unsubscribe_request

# An attending answer that names nobody ("Ja, wij komen graag!") is not applied.
NO_NAMES_CONFIDENCE = 0.7
# "wellicht komt een van ons", "someone from us might come": nobody in particular
_ONE_OF_US = re.compile(
    r"\b((een|één|iemand)\s+(van|uit)\s+ons|one\s+of\s+us|someone\s+(of|from)\s+us)\b", re.I
)
# An answer to an invitation is short; a long letter is read (its start) but reviewed.
LONG_REPLY = 3000
LONG_CONFIDENCE = 0.6
UNSUBSCRIBE_CONFIDENCE = 0.9
# "Ik kom graag naar de vrijwilligersavond" in answer to a newsletter: no event to answer
NO_EVENT_CONFIDENCE = 0.6
# A reply in capitals ("WIJ KOMEN MET GERRIT BOS EN PETER VAN DAM"): names are not read
# from shouted words, so the list would be empty or wrong; a person types it in.
CAPITALS_CONFIDENCE = 0.7
_SHOUTED = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{2,}\b(?![.@])")
# A reply typed without capitals ("we komen, kees de laat en ik"): names are read only
# with capitals, so a person slot filled with lower-case words leaves the list short.
LOWERCASE_CONFIDENCE = 0.7
_LOWER_PERSON = re.compile(
    r"\b(?!(?:ik|wij|we|jij|hij|zij|ze|u|mij|me|en|of|met|maar|dan|dat|die|hem|haar|"
    r"zelf|ook|wel|i|you|he|she|they|and|or|with|but|then)\b)[a-zà-ÿ'-]{2,}\s+(en|and|&)\s+"
    r"(ik|i|mij|me|ikzelf|myself)\b|\b(collega|colleague|samen\s+met|together\s+with|"
    r"met|with)\s+(?!(?:z'?n|zijn|ons|onze|mijn|de|het|een|twee|drie|vier|plezier|"
    r"genoegen|dank|vriendelijke|hartelijke|my|our|the|a|two|three|pleasure)\b)[a-zà-ÿ'-]{2,}"
    r"(\s+[a-zà-ÿ'-]+){0,3}\s+(en|and|&|erbij|mee|along)\b",
)


# "Zie onderwerp." / "See subject": the answer is the subject line, the body points to it
_SEE_SUBJECT = re.compile(
    r"^\s*(zie|see)\s+(het\s+|the\s+)?(onderwerp|subject)(regel|\s+line)?\s*[.!]*\s*$", re.I
)
# a reply or forward prefix ("Re:", "AW:", "Antw:", "SV:", "[ext] FW:", "RE[2]:")
_REPLY_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]\s*)*(?:re|aw|antw|antwoord|sv|vs|fw|fwd|wg|doorst|tr)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*:",
    re.I,
)


def _subject_meant(text: str, subject: str) -> str:
    """A body that only points at the subject is read as that subject ("Aanmelding: Jan
    Bos en Els Vos" over "Zie onderwerp."); any other body is read as it is. A subject
    with a reply or forward prefix is mostly our own invitation's or another writer's
    words, never the answer this writer typed: the body is then read as it is (unread)."""
    if not _SEE_SUBJECT.match(text) or _REPLY_PREFIX.match(subject):
        return text
    return subject.strip() or text


# A lone first name in a reply that speaks of a surname: the full name is written apart
_SURNAME_TALK = re.compile(r"\b(achternaam|surname|last\s+name|family\s+name)\b", re.I)


class Message(Protocol):
    """What the reader needs of a parsed message (``parse.ParsedMessage`` has it)."""

    @property
    def text(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def from_name(self) -> str: ...
    @property
    def from_address(self) -> str: ...


def read_human(parsed: Message, context: ReadingContext) -> Reading:
    trimmed = trim(parsed.text)
    known = _known(context)
    text, signature = _name_line_to_signature(trimmed.text, trimmed.signature, known)
    evidence = [Evidence("trim", trimmed.rule, f"{len(trimmed.quote)} characters cut")]
    if len(text) > LONG_REPLY:
        evidence.append(Evidence("trim", "long-reply", f"{len(text)} characters"))
        text = text[:LONG_REPLY]
    meant = _subject_meant(text, parsed.subject)
    if meant != text:
        evidence.append(Evidence("trim", "see-subject", "the body points at the subject"))
        text = meant
    verdict = as_attending(decide(text, parsed.subject), text, parsed.subject, known)
    request = unsubscribe_request(text)
    if request is not None:
        declined = verdict.decision is Decision.DECLINED and verdict.confidence >= 0.8
        return Reading(
            kind=Kind.UNSUBSCRIBE,
            decision=Decision.DECLINED if declined else Decision.UNCLEAR,
            confidence=UNSUBSCRIBE_CONFIDENCE,
            text=text,
            signature=signature,
            evidence=[*evidence, request, *verdict.evidence],
        )
    sender = sender_from(signature, parsed.from_name, parsed.from_address, known)
    # matched to an organisation through a mail about no event (a newsletter): no RSVP to set
    no_event = bool(context.organisation) and not context.event_title
    ours = _our_mail(trimmed.quote, context)
    contact = Sender(context.contact_name or "", (context.contact_email or "").lower())
    return _reply(
        text, signature, verdict, sender, known, evidence, no_event=no_event, ours=ours,
        contact=contact,
    )  # fmt: skip


def _reply(
    text: str,
    signature: str,
    verdict: Verdict,
    sender: Sender,
    known: KnownNames,
    evidence: list[Evidence],
    *,
    no_event: bool = False,
    ours: str = "",
    contact: Sender | None = None,
) -> Reading:
    people = attendees(text, verdict.readings, verdict.decision, sender, known)
    people = _settle(people, ours, contact, evidence)
    confidence = verdict.confidence
    if any(item.rule == "long-reply" for item in evidence):
        confidence = min(confidence, LONG_CONFIDENCE)
    shouted = _SHOUTED.findall(text)
    if len(shouted) >= 3 and verdict.decision is not Decision.DECLINED:
        confidence = min(confidence, CAPITALS_CONFIDENCE)  # names cannot be told from words
        evidence.append(Evidence("names", "capitals", " ".join(shouted[:6])))
    if verdict.decision is not Decision.DECLINED and _lowercase_names(text):
        confidence = min(confidence, LOWERCASE_CONFIDENCE)
        evidence.append(Evidence("names", "lowercase", "names may be typed without capitals"))
    if no_event and verdict.decision is not Decision.UNCLEAR:
        confidence = min(confidence, NO_EVENT_CONFIDENCE)
        evidence.append(Evidence("decide", "no-event", "the mail answered is about no event"))
    if any(" " not in p.name for p in people.attendees) and _SURNAME_TALK.search(text):
        confidence = min(confidence, NO_NAMES_CONFIDENCE)  # "Sarita's achternaam is ..."
        evidence.append(Evidence("names", "surname-apart", "a first name, its surname elsewhere"))
    if verdict.decision is Decision.ATTENDING and not people.attendees and not people.unnamed_extra:
        confidence = min(confidence, NO_NAMES_CONFIDENCE)
        evidence.append(Evidence("names", "none-named", "attending, but nobody is named"))
    unsure = [e for e in people.evidence if e.rule == "count-unsure"]
    if unsure and verdict.decision is not Decision.DECLINED:
        confidence = min(confidence, NO_NAMES_CONFIDENCE)  # how many come is not certain
    if _anyone_maybe(verdict, people, text):
        confidence = min(confidence, NO_NAMES_CONFIDENCE)
        evidence.append(Evidence("names", "anyone-maybe", "maybe one of them, nobody named"))
    return Reading(
        kind=Kind.REPLY,
        decision=verdict.decision,
        confidence=confidence,
        attendees=people.attendees if verdict.decision is not Decision.DECLINED else [],
        unnamed_extra=people.unnamed_extra,
        addition=verdict.addition,
        text=text,
        signature=signature,
        evidence=[*evidence, *verdict.evidence, *people.evidence],
    )


def _anyone_maybe(verdict: Verdict, people: People, text: str) -> bool:
    """A maybe of "one of us", nobody named: neither who nor whether is known, so the
    organisation's answer is no answer yet ("Wij komen misschien" still is one)."""
    return (
        verdict.decision is Decision.MAYBE
        and not people.attendees
        and not people.unnamed_extra
        and bool(_ONE_OF_US.search(text))
    )


def _our_mail(quote: str, context: ReadingContext) -> str:
    """The quoted copy of our own mail: from the first quoted line that carries one of our
    addresses or our name (as we wrote them: no case folding of a long quote). A forward
    note above it (a colleague's words) is not ours."""
    if not quote:
        return ""
    marks = [*context.our_domains, *context.our_addresses]
    marks += [m for m in context.organiser_names if len(m) > 3]
    starts = [i for i in (quote.find(m) for m in marks if m) if i >= 0]
    if not starts:
        return ""
    return quote[quote.rfind("\n", 0, min(starts)) + 1 :]


def _settle(people: People, ours: str, contact: Sender | None, evidence: list[Evidence]) -> People:
    """Drop people our own quoted mail names (organisers, speakers: "groet aan Bart
    Kersten"), and give the invited contact, when listed, the contact's address."""
    kept: list[Attendee] = []
    for person in people.attendees:
        if (
            ours
            and not person.is_sender
            and " " in person.name
            and person.name in ours
            and not (contact and contact.name and is_writer(person.name, contact.name))
        ):
            evidence.append(Evidence("names", "skip:named-in-our-mail", person.name))
            continue
        if (
            contact
            and contact.email
            and not person.email
            and contact.name
            and is_writer(person.name, contact.name)
        ):
            person = Attendee(person.name, contact.email, person.is_sender)
        kept.append(person)
    return People(kept, people.unnamed_extra, people.evidence)


def _lowercase_names(text: str) -> bool:
    """No capital anywhere, and words where a colleague's name would stand."""
    return text == text.lower() and bool(_LOWER_PERSON.search(text))


def _known(context: ReadingContext) -> KnownNames:
    """Names that are never attendees: our store's, the organisers', the event's."""
    extra = tuple(
        e for e in (context.organisation or "", context.event_title or "") if len(e.strip()) > 2
    )
    return KnownNames(_store_names(context.known_names, context.organiser_names), extra)


@lru_cache(maxsize=4)
def _store_names(known: frozenset[str], organisers: frozenset[str]) -> frozenset[str]:
    """The same two sets for a whole pass: joined once, not once per message."""
    return frozenset(name for name in known | organisers if len(name.strip()) > 2)


def _name_line_to_signature(text: str, signature: str, known: KnownNames) -> tuple[str, str]:
    """A reply ending in a bare name ("...tot dan!\\nPiet") is signed with it."""
    block = _signature_block(text, known)
    if block:
        return text[: len(text) - len(block)].rstrip(), f"{block.strip()}\n{signature}".strip()
    lines = text.rstrip().split("\n")
    if len(lines) < 2 or _bare_name(lines[-2], known) or lines[-2].rstrip().endswith(":"):
        return text, signature
    last = lines[-1].strip()
    if not _bare_name(last, known):
        return text, signature
    joined = "\n".join([last, signature]).strip()
    return "\n".join(lines[:-1]).strip(), joined


def _signature_block(text: str, known: KnownNames) -> str:
    """A last paragraph that is a name and then a role, an address or a phone number
    ("Ilse Hoogendoorn\nplanner"): the writer signing without a greeting."""
    head, sep, last = text.rstrip().rpartition("\n\n")
    lines = [line for line in last.split("\n") if line.strip()]
    if not sep or not head.strip() or head.rstrip().endswith(":") or not 2 <= len(lines) <= 5:
        return ""
    if not _bare_name(_TITLE_PREFIX.sub("", lines[0]), known):
        return ""
    if any(find_names(f"collega {line}", known) for line in lines[1:]):
        return ""
    return last


_TITLE_PREFIX = re.compile(r"^\s*((ing|ir|drs|dr|mr|prof|mw|mevr|dhr)\.?\s+)+", re.I)


def _bare_name(line: str, known: KnownNames) -> bool:
    """The line is a name and nothing else ("Piet", "Els de Boer")."""
    line = line.strip()
    if not 0 < len(line.split()) <= 4 or re.search(r"[.!?:;]$", line.rstrip(".")):
        return False
    names = find_names(f"collega {line}", known)
    return bool(names) and names[0].start == len("collega ") and names[0].end >= len(line) + 7
