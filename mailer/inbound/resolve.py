"""A coordinator's correction of one stored message: ``mailer inbound resolve``.

The coordinator says what the message meant (attending with these names,
declined, maybe, or nothing at all), optionally for another organisation or
event; it is applied like an automatic answer, with the same answer back to
the sender (``confirmation``, ``cap_exceeded``, ``decline_ack``) and the same
rules against answering machines. The same correction twice changes nothing
and sends nothing. A correction is never refused for being late: the
coordinator decides, and the RSVP is marked ``late``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer.campaigns import Campaign, CampaignKind
from mailer.config import Settings
from mailer.errors import InvalidInput, NotFound
from mailer.i18n import _
from mailer.inbound import serial
from mailer.inbound.answers import AnswerReport, send_pending
from mailer.inbound.apply import Action, ApplyOutcome, Context, answer_rsvp
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, InboundStatus, MatchRule
from mailer.inbound.queue import answers_of
from mailer.inbound.reading import Kind, Reading
from mailer.invitations import Event
from mailer.invitations.rsvp import RsvpSource, RsvpStatus, parse_attendees
from mailer.outbox import Delivery
from mailer.transports.base import Transport
from mailer.transports.factory import build_transport
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow

IGNORE = "ignore"
_CHOICES = {
    "attending": RsvpStatus.ATTENDING,
    "declined": RsvpStatus.DECLINED,
    "maybe": RsvpStatus.MAYBE,
}


@dataclass(frozen=True)
class Correction:
    choice: str  # "attending" | "declined" | "maybe" | "ignore"
    attendees: tuple[dict[str, Any], ...] = ()
    organisation: str | None = None  # an id or the exact name; None: the matched one
    event: int | None = None  # None: the matched event, else the organisation's latest


def parse_correction(
    *,
    attending: str | None = None,
    declined: bool = False,
    maybe: bool = False,
    ignore: bool = False,
    organisation: str | None = None,
    event: int | None = None,
) -> Correction:
    """The CLI's options as a correction; exactly one choice, or a usage error."""
    chosen = [
        name
        for name, given in (
            ("attending", attending is not None),
            ("declined", declined),
            ("maybe", maybe),
            (IGNORE, ignore),
        )
        if given
    ]
    if len(chosen) != 1:
        raise InvalidInput(_("Choose one of --attending, --declined, --maybe or --ignore"))
    people = tuple(parse_attendees(attending)) if attending is not None else ()
    if chosen[0] == "attending" and not people:
        raise InvalidInput(_("Who attends? Give at least one name"))
    return Correction(chosen[0], people, organisation, event)


@dataclass
class ResolveReport:
    inbound_id: int
    outcome: ApplyOutcome
    organisation: str = ""
    event_id: int | None = None
    sent: AnswerReport = field(default_factory=AnswerReport)

    def as_dict(self) -> dict[str, Any]:
        rsvp = self.outcome.rsvp or {}
        return {
            "id": self.inbound_id,
            "action": self.outcome.action,
            "note": self.outcome.note,
            "organisation": self.organisation,
            "event": self.event_id,
            "status": rsvp.get("status"),
            "attendees": rsvp.get("attendees", []),
            "refused": rsvp.get("refused", []),
            "late": rsvp.get("late", False),
            "answers": [
                {k: a[k] for k in ("template", "to", "state", "reason", "reason_text")}
                for a in answers_of(self.outcome.as_dict())
            ],
            "sent": self.sent.sent,
            "failed": self.sent.failed,
        }


def resolve(
    engine: Engine,
    settings: Settings,
    inbound_id: int,
    correction: Correction,
    *,
    transport: Transport | None = None,
    now: datetime | None = None,
) -> ResolveReport:
    """Apply ``correction`` to message ``inbound_id`` (committed), then send its answers."""
    now = now or utcnow()
    with Session(engine, expire_on_commit=False) as session:
        message = _message(session, inbound_id)
        report = _apply(session, settings, message, correction, now)
        session.commit()
    if any(a.get("state") == "pending" for a in report.outcome.answers):
        own = transport is None
        way_out = transport or build_transport(settings)
        try:
            report.sent = send_pending(engine, settings, way_out, ids=[inbound_id])
        finally:
            if own:
                way_out.close()
        with Session(engine) as session:
            stored = session.get(InboundMessage, inbound_id)
            if stored is not None and isinstance(stored.outcome, dict):
                report.outcome.answers = stored.outcome.get("answers", [])
    return report


def _message(session: Session, inbound_id: int) -> InboundMessage:
    message = session.exec(
        select(InboundMessage).where(col(InboundMessage.id) == inbound_id).with_for_update()
    ).first()
    if message is None:
        raise NotFound(
            _("Inbound message {id} does not exist; `mailer inbound review` lists them").format(
                id=inbound_id
            )
        )
    return message


def _apply(
    session: Session,
    settings: Settings,
    message: InboundMessage,
    correction: Correction,
    now: datetime,
) -> ResolveReport:
    assert message.id is not None
    previous = message.outcome if isinstance(message.outcome, dict) else {}
    if correction.choice == IGNORE:
        outcome = ApplyOutcome(Action.IGNORED.value)
        organisation_id, event_id = message.organisation_id, message.event_id
    else:
        match = _match(session, message, correction)
        organisation_id, event_id = match.organisation_id, match.event_id
        ctx = Context(session, settings, message, _as_reply(message), match, now)
        outcome = answer_rsvp(
            ctx,
            _CHOICES[correction.choice],
            [dict(a) for a in correction.attendees],
            RsvpSource.MANUAL,
            accept_late=True,
        )
    answers = list(previous.get("answers") or []) + outcome.answers
    stored = {**outcome.as_dict(), "answers": answers}
    stored["resolved"] = {"choice": correction.choice, "at": now.isoformat()}
    message.outcome = stored
    message.status = (InboundStatus.REVIEW if outcome.review else InboundStatus.PROCESSED).value
    message.organisation_id, message.event_id = organisation_id, event_id
    message.processed_at = now
    session.add(message)
    session.flush()
    org = session.get(Organisation, organisation_id) if organisation_id else None
    return ResolveReport(message.id, outcome, org.name if org else "", event_id)


def _as_reply(message: InboundMessage) -> Reading:
    """The stored reading, as a person's reply: the coordinator said it is one."""
    reading = serial.from_json(message.reading) if message.reading else Reading(kind=Kind.REPLY)
    return replace(reading, kind=Kind.REPLY)


def _organisation(session: Session, ref: str) -> int:
    org = session.get(Organisation, int(ref)) if ref.strip().isdigit() else None
    org = org or session.exec(select(Organisation).where(Organisation.name == ref.strip())).first()
    if org is None or org.id is None:
        raise NotFound(_("Organisation {ref!r} not found").format(ref=ref))
    return org.id


def _match(session: Session, message: InboundMessage, correction: Correction) -> Match:
    """Whose answer it is: the correction's organisation and event, else the matched ones."""
    organisation_id = (
        _organisation(session, correction.organisation)
        if correction.organisation
        else message.organisation_id
    )
    if organisation_id is None:
        raise InvalidInput(
            _("Message {id} is not matched to an organisation: give --organisation").format(
                id=message.id
            )
        )
    event_id = correction.event or message.event_id
    delivery = _invitation(session, organisation_id, event_id)
    if event_id is None and delivery is not None:
        campaign = session.get(Campaign, delivery.campaign_id)
        event_id = campaign.event_id if campaign is not None else None
    if event_id is None or session.get(Event, event_id) is None:
        raise InvalidInput(
            _("No event found for message {id}: its organisation was not invited").format(
                id=message.id
            )
        )
    same = organisation_id == message.organisation_id and event_id == message.event_id
    delivery_id = message.delivery_id if same and message.delivery_id else None
    if delivery_id is None and delivery is not None:
        delivery_id = delivery.id
    return Match(
        MatchRule(message.match_rule) if message.match_rule else MatchRule.NONE,
        delivery_id=delivery_id,
        campaign_id=message.campaign_id if same else None,
        event_id=event_id,
        organisation_id=organisation_id,
        contact_id=message.contact_id if same else None,
    )


def _invitation(session: Session, organisation_id: int, event_id: int | None) -> Delivery | None:
    """The latest invitation (or reminder) delivery to the organisation, for that event."""
    query = (
        select(Delivery)
        .join(Campaign, col(Campaign.id) == col(Delivery.campaign_id))
        .where(
            col(Delivery.organisation_id) == organisation_id,
            col(Campaign.kind).in_([CampaignKind.INVITATION.value, CampaignKind.REMINDER.value]),
            col(Campaign.event_id).is_not(None),
        )
        .order_by(col(Delivery.id).desc())
        .limit(1)
    )
    if event_id is not None:
        query = query.where(col(Campaign.event_id) == event_id)
    return session.exec(query).first()
