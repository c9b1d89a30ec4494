"""The one entry point that reads an inbound message: ``read(raw, context)``.

The steps run in the order of the issue, and the first that recognises the
message wins: a top-level calendar REPLY (the most reliable answer, and some
calendar servers look automated), then a bounce or complaint, then the
auto-reply gate, and only then the human-reply reader. So no bounce, no
out-of-office and no forwarded invitation ever reaches the step that counts
answers. Every outcome carries evidence; a message nothing can read is
``Kind.OTHER`` with the reason.
"""

from __future__ import annotations

from mailer.inbound import human
from mailer.inbound.autoreply import AutoVerdict, automated
from mailer.inbound.bounce import read_bounce
from mailer.inbound.calendar_reply import read_calendar
from mailer.inbound.context import ReadingContext
from mailer.inbound.parse import ParsedMessage, parse
from mailer.inbound.reading import Decision, Evidence, Kind, Reading

__all__ = ["ReadingContext", "read", "read_parsed"]

# A calendar REPLY carries its own answer; the confidence a structured answer gets.
CALENDAR_CONFIDENCE = 0.99


def read(raw: bytes, context: ReadingContext) -> Reading:
    """Never raises on bad input: the reason goes into the evidence instead."""
    parsed = parse(raw)
    return read_parsed(parsed, context)


def read_parsed(parsed: ParsedMessage, context: ReadingContext) -> Reading:
    unreadable = _unreadable(parsed)
    if unreadable is not None:
        return unreadable
    calendar = read_calendar(parsed)
    if calendar.answer is not None:
        return Reading(
            kind=Kind.CALENDAR_REPLY,
            decision=calendar.answer.decision,
            confidence=CALENDAR_CONFIDENCE if calendar.countable else 0.0,
            attendees=[calendar.answer.attendee] if calendar.answer.attendee else [],
            calendar=calendar.answer,
            evidence=list(calendar.evidence),
        )
    if any(e.rule == "method:counter" for e in calendar.evidence):
        return _counter(parsed, list(calendar.evidence))
    verdict = automated(parsed, context)
    bounce = read_bounce(parsed, verdict.is_automated, verdict.notice)
    if bounce.bounce is not None:
        return Reading(
            kind=Kind.BOUNCE,
            bounce=bounce.bounce,
            confidence=1.0,
            evidence=[*calendar.evidence, *bounce.evidence],
        )
    if verdict.is_automated:
        return _automated_reading(parsed, verdict, [*calendar.evidence, *bounce.evidence])
    reading = human.read_human(parsed, context)
    reading.evidence[0:0] = [*calendar.evidence, *verdict.evidence]
    return reading


def _counter(parsed: ParsedMessage, seen: list[Evidence]) -> Reading:
    """A calendar COUNTER ("propose a new time") answers with a question, not a yes or no:
    read as words it looked like an acceptance; a coordinator decides."""
    return Reading(
        kind=Kind.CALENDAR_REPLY,
        decision=Decision.UNCLEAR,
        confidence=0.0,
        text=parsed.text[:2000],
        evidence=seen,
    )


def _automated_reading(
    parsed: ParsedMessage, verdict: AutoVerdict, seen: list[Evidence]
) -> Reading:
    """An auto-reply, read receipt, list mail or system notice: stored, never an answer."""
    delivered = any(e.rule == "dsn:no-failure" for e in seen)  # a success report is no auto-reply
    return Reading(
        kind=Kind.OTHER if delivered else verdict.kind,
        confidence=1.0,
        text=parsed.text[:2000],
        evidence=[*seen, *verdict.evidence],
    )


def _unreadable(parsed: ParsedMessage) -> Reading | None:
    """A message with nothing to read (no headers, no body, no parts) is OTHER, with why."""
    if parsed.headers and (parsed.text.strip() or parsed.calendars or len(parsed.part_types) > 1):
        return None
    if parsed.headers and parsed.subject:
        return None  # a subject alone can still be an auto-reply or an answer
    why = "no headers" if not parsed.headers else "no text, no parts and no subject"
    detail = "; ".join((why, *parsed.defects))
    return Reading(kind=Kind.OTHER, evidence=[Evidence("parse", "unreadable", detail)])
