"""An answer given on the RSVP page, applied as an emailed one is (source ``web``).

The page has no mail to store, so an answer becomes an inbound message of
its own (source ``web``, no raw bytes) whose reading says exactly what was
chosen, with full confidence. It is applied by
:func:`mailer.inbound.apply.answer_rsvp`, the code every emailed reply goes
through: the same cap and capacity (the first names that fit are kept), the
same deadline policy (``MAILER_ACCEPT_LATE_REPLIES``), the same answer back
(``confirmation``, ``cap_exceeded``, ``decline_ack``, ``late_reply``) and the
same rules against mailing one person too often. The outcome, with the answer
to send, is kept on that message, so :func:`mailer.inbound.answers.send_pending`
sends it at most once; the attendance list's "no place", the RSVP history and
``contacts forget`` see web answers like any other.

The same answer twice changes nothing, sends nothing and keeps no message.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer.campaigns import Campaign, CampaignKind
from mailer.config import Settings
from mailer.errors import InvalidInput, NotFound, PleinpostError
from mailer.i18n import _
from mailer.inbound import serial
from mailer.inbound.answers import AnswerReport, send_pending
from mailer.inbound.apply import Action, ApplyOutcome, Context, answer_rsvp
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, InboundStatus, MatchRule
from mailer.inbound.reading import Attendee, Decision, Evidence, Kind, Reading
from mailer.invitations import Event
from mailer.invitations.rsvp import Rsvp, RsvpSource, RsvpStatus, is_late
from mailer.outbox import Delivery
from mailer.transports.factory import build_transport
from subscribers.errors import InvalidEmail
from subscribers.models import Organisation
from subscribers.normalise import normalise_email

SOURCE = "web"  # the inbound message's ``source``
ORIGIN = "rsvp-page"
_INVITING = (CampaignKind.INVITATION.value, CampaignKind.REMINDER.value)
_MAX_NAME = 200


class AnswerClosed(PleinpostError):
    """The event is cancelled or over: the page takes no answer any more."""


class BadAddress(InvalidInput):
    """An attendee's address that is no email address (``value`` as typed)."""

    def __init__(self, message: str, value: str) -> None:
        super().__init__(message)
        self.value = value


@dataclass(frozen=True)
class Invitation:
    """What the RSVP page of one delivery shows and answers for."""

    delivery_id: int
    campaign_id: int
    event: Event
    organisation_id: int
    organisation: str
    email: str
    name: str
    language: str
    contact_id: int | None


@dataclass
class WebResult:
    """What submitting did: the outcome as stored (or unchanged), and the mail sent."""

    outcome: ApplyOutcome
    inbound_id: int | None = None
    sent: AnswerReport = field(default_factory=AnswerReport)


def invitation(session: Session, delivery_id: int) -> Invitation | None:
    """The invitation behind an RSVP link, or None when the delivery is no invitation."""
    delivery = session.get(Delivery, delivery_id)
    if delivery is None or delivery.organisation_id is None:
        return None
    campaign = session.get(Campaign, delivery.campaign_id)
    if campaign is None or campaign.kind not in _INVITING or campaign.event_id is None:
        return None
    event = session.get(Event, campaign.event_id)
    organisation = session.get(Organisation, delivery.organisation_id)
    if event is None or organisation is None or campaign.id is None:
        return None
    return Invitation(
        delivery_id=delivery_id,
        campaign_id=campaign.id,
        event=event,
        organisation_id=delivery.organisation_id,
        organisation=organisation.name,
        email=delivery.email,
        name=delivery.name,
        language=delivery.language if delivery.language in ("nl", "en") else "nl",
        contact_id=delivery.contact_id,
    )


def current(session: Session, found: Invitation) -> Rsvp | None:
    """The organisation's answer on record (from any source)."""
    return session.exec(
        select(Rsvp).where(
            col(Rsvp.event_id) == found.event.id,
            col(Rsvp.organisation_id) == found.organisation_id,
        )
    ).first()


def closed(event: Event, now: datetime) -> bool:
    return event.cancelled or event.ends_at <= now


def late_refused(settings: Settings, event: Event, now: datetime) -> bool:
    """After the deadline while late answers are not accepted: the page only says so."""
    return is_late(event, now) and not settings.accept_late_replies


def people(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The form's (name, address) rows as attendees; blank rows dropped, addresses checked."""
    found = []
    for raw_name, raw_email in pairs:
        name = " ".join(raw_name.split())[:_MAX_NAME]
        email = raw_email.strip()
        if not name and not email:
            continue
        if email:
            try:
                email = normalise_email(email)
            except (InvalidEmail, ValueError) as err:
                typed = raw_email.strip()
                raise BadAddress(
                    _("{email!r} is not an email address").format(email=typed), typed
                ) from err
        found.append({"name": name or email, "email": email or None})
    return found


def submit(
    engine: Engine,
    settings: Settings,
    delivery_id: int,
    attending: bool,
    attendees: list[dict[str, Any]],
    now: datetime,
) -> WebResult:
    """Apply one answer from the page (committed); its mail is :func:`send_answers`'."""
    if attending and not attendees:
        raise InvalidInput(_("Who attends? Give at least one name"))
    with Session(engine, expire_on_commit=False) as session:
        found = invitation(session, delivery_id)
        if found is None:
            raise NotFound(_("This link is not valid or has been damaged"))
        if closed(found.event, now):
            raise AnswerClosed(_("This event takes no answers any more"))
        status = RsvpStatus.ATTENDING if attending else RsvpStatus.DECLINED
        kept = attendees if attending else []
        message = _message(found, status, kept, now)
        session.add(message)
        session.flush()
        reading = serial.from_json(message.reading or {})
        ctx = Context(session, settings, message, reading, _match(found), now)
        outcome = answer_rsvp(ctx, status, kept, RsvpSource.WEB)
        if outcome.action == Action.UNCHANGED.value and not outcome.answers and not outcome.review:
            session.rollback()  # the same answer again: nothing to keep
            return WebResult(outcome)
        message.outcome = outcome.as_dict()
        message.status = (InboundStatus.REVIEW if outcome.review else InboundStatus.PROCESSED).value
        session.add(message)
        session.commit()
        return WebResult(outcome, message.id)


def send_answers(engine: Engine, settings: Settings, result: WebResult) -> WebResult:
    """Send the answer ``submit`` decided, at most once, through the configured transport."""
    if result.inbound_id is None or not any(
        a.get("state") == "pending" for a in result.outcome.answers
    ):
        return result
    transport = build_transport(settings)
    try:
        result.sent = send_pending(engine, settings, transport, ids=[result.inbound_id])
    finally:
        transport.close()
    return result


def _reading(status: RsvpStatus, attendees: list[dict[str, Any]]) -> Reading:
    decision = Decision.ATTENDING if status is RsvpStatus.ATTENDING else Decision.DECLINED
    return Reading(
        kind=Kind.REPLY,
        decision=decision,
        confidence=1.0,
        attendees=[Attendee(name=a["name"], email=a["email"]) for a in attendees],
        text=_summary(status, attendees),
        evidence=[Evidence("web", "rsvp-page", "the RSVP page's form")],
    )


def _summary(status: RsvpStatus, attendees: list[dict[str, Any]]) -> str:
    """What the form said, as the review queue shows a message's text."""
    lines = [f"[{ORIGIN}] {status.value}"]
    lines += [f"{a['name']} <{a['email']}>" if a["email"] else a["name"] for a in attendees]
    return "\n".join(lines)


def _message(
    found: Invitation, status: RsvpStatus, attendees: list[dict[str, Any]], now: datetime
) -> InboundMessage:
    reading = _reading(status, attendees)
    body = json.dumps(
        {"delivery": found.delivery_id, "status": status.value, "attendees": attendees},
        sort_keys=True,
    )
    # unique per submission: a web answer has no bytes of its own to be recognised by
    digest = hashlib.sha256(f"{body}\n{now.isoformat()}\n{secrets.token_hex(8)}".encode())
    return InboundMessage(
        sha256=digest.hexdigest(),
        size=0,
        received_at=now,
        source=SOURCE,
        origin=ORIGIN,
        message_id="",
        from_address=found.email.lower(),
        subject=f"RSVP: {found.event.title}"[:500],
        kind=Kind.REPLY.value,
        reading=serial.to_json(reading),
        match_rule=MatchRule.REPLY_ADDRESS.value,  # a signed per-delivery reference, as one
        delivery_id=found.delivery_id,
        campaign_id=found.campaign_id,
        event_id=found.event.id,
        organisation_id=found.organisation_id,
        contact_id=found.contact_id,
        processed_at=now,
        attempts=1,
    )


def _match(found: Invitation) -> Match:
    return Match(
        MatchRule.REPLY_ADDRESS,
        delivery_id=found.delivery_id,
        campaign_id=found.campaign_id,
        event_id=found.event.id,
        organisation_id=found.organisation_id,
        contact_id=found.contact_id,
    )
