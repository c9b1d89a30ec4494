"""What reading one inbound message found: the contract between the reading steps,
the intake that stores the result, and the code that applies an answer.

Every step returns evidence (which rule fired) with its finding, so a
coordinator in the review queue sees why, and a wrong rule can be found.
Abstaining is always allowed: ``Decision.UNCLEAR`` with a low confidence sends
the message to review, never a guess to the RSVP board.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a message is; the ``kinds`` keys of ``mailer inbound import --json``."""

    REPLY = "reply"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    CALENDAR_REPLY = "calendar_reply"
    UNSUBSCRIBE = "unsubscribe"
    UNMATCHED = "unmatched"  # set by matching, not by reading
    OTHER = "other"


class Decision(StrEnum):
    ATTENDING = "attending"
    DECLINED = "declined"
    MAYBE = "maybe"
    UNCLEAR = "unclear"  # no answer to an invitation could be read: review or forward


class BounceKind(StrEnum):
    HARD = "hard"  # permanent: the contact becomes `bounced`
    SOFT = "soft"  # a delay or temporary failure: noted only
    COMPLAINT = "complaint"  # a feedback report (ARF): the contact becomes `complained`


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str | None = None
    is_sender: bool = False  # "ik kom zelf": the person who wrote the reply


@dataclass(frozen=True)
class Evidence:
    step: str  # "calendar", "bounce", "auto_reply", "trim", "decide", "names", "unsubscribe"
    rule: str  # a short stable name of the rule that fired, e.g. "header:auto-submitted"
    detail: str = ""  # the words or header that made it fire, for the review queue


@dataclass(frozen=True)
class Bounce:
    kind: BounceKind
    addresses: tuple[str, ...] = ()  # the recipients that failed, lower-case
    status: str = ""  # the RFC 3463 code, e.g. "5.1.1", when known
    diagnostic: str = ""  # the remote server's words, as they are
    # the Message-ID of our mail that came back (from the returned original), for matching
    original_message_id: str = ""


@dataclass(frozen=True)
class CalendarAnswer:
    decision: Decision
    attendee: Attendee | None
    uid: str = ""
    organizer: str = ""  # the ORGANIZER address: our reply address when we sent a REQUEST
    sequence: int = 0
    guests: int | None = None  # X-NUM-GUESTS when a client sent it


@dataclass
class Reading:
    """The whole finding for one message; stored as JSON beside the raw message."""

    kind: Kind
    decision: Decision = Decision.UNCLEAR
    confidence: float = 0.0  # 0..1; applied automatically only at or above the setting
    attendees: list[Attendee] = field(default_factory=list)
    # more people said to come than were named ("wij komen met z'n tweeën")
    unnamed_extra: int = 0
    # the reply adds people to an earlier answer ("nog een collega erbij") instead of
    # replacing it: the applier merges these attendees into the organisation's RSVP
    addition: bool = False
    text: str = ""  # the reply with quote and signature removed
    signature: str = ""
    bounce: Bounce | None = None
    calendar: CalendarAnswer | None = None
    evidence: list[Evidence] = field(default_factory=list)
