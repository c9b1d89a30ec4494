"""What applying one message did, and the message being applied (shared by the appliers).

``ApplyOutcome`` is stored as the message's ``outcome``; ``Context`` holds the
message, its reading and match, and what is looked up about its sender once.
:func:`to_sender` decides an automatic answer, held when a rule forbids it
(:mod:`mailer.inbound.loops`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from mailer.config import Settings
from mailer.inbound import loops
from mailer.inbound.answers import new_answer
from mailer.inbound.intake import raw_bytes
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage
from mailer.inbound.reading import Kind, Reading
from mailer.invitations import Event
from mailer.outbox import Delivery
from subscribers.errors import InvalidEmail
from subscribers.models import Contact, Organisation
from subscribers.normalise import normalise_email


class Action(StrEnum):
    """What applying did (``outcome["action"]``)."""

    RSVP = "rsvp"  # an RSVP changed
    UNCHANGED = "unchanged"  # the same answer again: nothing changed, nothing sent
    LATE_REFUSED = "late_refused"  # after the deadline, late answers not accepted
    REVIEW = "review"  # a person decides; ``note`` says why
    BOUNCE = "bounce"  # permanent failure: contact bounced, delivery failed
    DELAY = "delay"  # a delay or temporary failure: noted only
    COMPLAINT = "complaint"  # a spam complaint: contact complained
    UNSUBSCRIBED = "unsubscribed"
    COUNTED = "counted"  # an auto-reply: counted for its campaign, never answered
    FORWARDED = "forwarded"  # not an answer: to the coordinator
    IGNORED = "ignored"  # a coordinator said so


class Note:
    """Why a message is in review (stored codes; see ``NOTE_LABELS`` in the CLI docs)."""

    UNMATCHED = "unmatched"
    NO_EVENT = "no_event"
    UNCLEAR = "unclear"
    LOW_CONFIDENCE = "low_confidence"
    NO_ATTENDEES = "no_attendees"
    UNNAMED = "unnamed_attendees"
    EVENT_CANCELLED = "event_cancelled"
    EVENT_OVER = "event_over"
    FULL = "event_full"
    UNKNOWN_SENDER = "unknown_sender"
    UNKNOWN_RECIPIENT = "unknown_recipient"
    NO_COORDINATOR = "no_coordinator"
    OWN_ADDRESS = "own_address"


@dataclass
class ApplyOutcome:
    action: str
    applied: bool = False
    review: bool = False
    note: str = ""
    rsvp: dict[str, Any] | None = None
    changes: list[str] = field(default_factory=list)  # "contact 3 bounced", "delivery 7 failed"
    answers: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "applied": self.applied,
            "review": self.review,
            "note": self.note,
            "rsvp": self.rsvp,
            "changes": self.changes,
            "answers": self.answers,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ApplyOutcome:
        return cls(
            action=str(data.get("action", "")),
            applied=bool(data.get("applied")),
            review=bool(data.get("review")),
            note=str(data.get("note", "")),
            rsvp=data.get("rsvp"),
            changes=list(data.get("changes") or []),
            answers=list(data.get("answers") or []),
        )


def review(note: str, **kw: Any) -> ApplyOutcome:
    return ApplyOutcome(Action.REVIEW.value, review=True, note=note, **kw)


_UNKNOWN = object()


@dataclass
class Context:
    """One message being applied, and what is looked up about its sender once."""

    session: Session
    settings: Settings
    message: InboundMessage
    reading: Reading
    match: Match
    now: datetime
    _headers: Message | None = None
    _contact: object = field(default=_UNKNOWN)

    @property
    def sender(self) -> str:
        return (self.message.from_address or "").strip().lower()

    @property
    def headers(self) -> Message:
        """The message's header block: the pipeline lends the one it parsed; otherwise
        the stored bytes' header block is read."""
        if self._headers is None:
            lent = self.session.info.get(_LENT_HEADERS)
            if lent is not None and self.message.id is not None and lent[0] == self.message.id:
                self._headers = lent[1]
            else:
                raw = raw_bytes(self.session, self.message.id) if self.message.id else None
                self._headers = loops.headers_of(raw)
        return self._headers

    def sender_contact(self) -> Contact | None:
        if not self.sender:
            return None
        if self._contact is _UNKNOWN:
            self._contact = (
                self._matched_contact()
                or self.session.exec(_CONTACT, params={"email": self.sender}).first()
            )
        return self._contact if isinstance(self._contact, Contact) else None

    def _matched_contact(self) -> Contact | None:
        """The contact matching found, when it is the sender (addresses are unique): the
        pipeline loaded it with its batch, so this asks the database nothing."""
        if self.match.contact_id is None:
            return None
        contact = self.session.get(Contact, self.match.contact_id)
        return contact if contact is not None and contact.email == self.sender else None

    def sender_name(self) -> str:
        contact = self.sender_contact()
        if contact is not None and contact.name:
            return contact.name
        try:
            name = str(make_header(decode_header(str(self.headers.get("from", "")))))
        except (ValueError, LookupError, UnicodeError):
            return ""
        return " ".join(parseaddr(name)[0].split())[:200]

    def language(self) -> str:
        contact = self.sender_contact()
        if contact is not None:
            return contact.language
        if self.match.delivery_id is not None:
            delivery = self.session.get(Delivery, self.match.delivery_id)
            if delivery is not None:
                return delivery.language
        return "nl"


_LENT_HEADERS = "mailer.inbound.outcome.headers"  # in ``Session.info``: (message id, headers)


def lend_headers(session: Session, inbound_id: int, headers: Message | None) -> None:
    """The headers of the message about to be applied in ``session``, already parsed
    (``None``: none lent, they are read from the stored bytes)."""
    if headers is None:
        session.info.pop(_LENT_HEADERS, None)
    else:
        session.info[_LENT_HEADERS] = (inbound_id, headers)


# Built once: making the statement per message cost more than running it.
_CONTACT = select(Contact).where(col(Contact.email) == bindparam("email"))


def contact_of(ctx: Context, email: str) -> Contact | None:
    """The contact with this address: the one matching found when it is that address (the
    pipeline loaded it with its batch, so no question is asked), otherwise looked up."""
    if ctx.match.contact_id is not None:
        matched = ctx.session.get(Contact, ctx.match.contact_id)
        if matched is not None and matched.email == email:
            return matched
    return ctx.session.exec(_CONTACT, params={"email": email}).first()


def organisation_name(ctx: Context) -> str:
    if ctx.match.organisation_id is None:
        return ""
    org = ctx.session.get(Organisation, ctx.match.organisation_id)
    return org.name if org is not None else ""


def hold_reason(ctx: Context, event_id: int | None) -> str | None:
    """Why no automatic answer may go to this sender now (see :mod:`mailer.inbound.loops`)."""
    if ctx.reading.kind in (Kind.AUTO_REPLY, Kind.BOUNCE):
        return f"kind:{ctx.reading.kind.value}"
    if not ctx.sender or loops.machine_address(ctx.sender):
        return "sender:machine"
    automated = loops.automated(ctx.headers)
    if automated is not None:
        return automated
    if loops.answered_recently(ctx.session, ctx.sender, event_id, ctx.now, ctx.message.id):
        return "rate:one-per-hour"
    return None


def to_sender(
    ctx: Context,
    template: str,
    event: Event | None,
    attendees: list[dict[str, Any]] | None = None,
    refused: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    event_id = event.id if event is not None else None
    return new_answer(
        template,
        ctx.sender,
        ctx.now,
        name=ctx.sender_name(),
        language=ctx.language(),
        event_id=event_id,
        organisation=organisation_name(ctx),
        delivery_id=ctx.match.delivery_id,
        attendees=attendees or (),
        refused=refused or (),
        held=hold_reason(ctx, event_id),
    )


def address(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_email(value)
    except (InvalidEmail, ValueError):
        return None
