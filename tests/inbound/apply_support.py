"""Helpers for the applier's tests: store a message, apply a chosen reading, read the mail out.

The reading is given by the test (the readers have their own tests), so what
is tested here is what *applying* does with it. Messages are stored through
the real intake, so the raw bytes and headers are there as in production.
"""

from __future__ import annotations

import mailbox
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mailer.config import Settings
from mailer.inbound.answers import AnswerReport, send_pending
from mailer.inbound.apply import ApplyOutcome, apply
from mailer.inbound.intake import Source, intake
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, InboundStatus, MatchRule
from mailer.inbound.reading import Attendee, Decision, Kind, Reading
from mailer.invitations.rsvp import Rsvp
from mailer.transports.maildir import MaildirTransport
from subscribers.sqltypes import utcnow
from tests.inbound.builders import Invited, mail

_counter = iter(range(1, 1_000_000))


def reply(
    decision: Decision = Decision.ATTENDING,
    names: Sequence[str | tuple[str, str]] = ("Anna de Vries", "Jan Bakker"),
    *,
    confidence: float = 0.95,
    kind: Kind = Kind.REPLY,
    **extra: Any,
) -> Reading:
    people = [
        Attendee(name=n) if isinstance(n, str) else Attendee(name=n[0], email=n[1]) for n in names
    ]
    return Reading(kind=kind, decision=decision, confidence=confidence, attendees=people, **extra)


def matched(net: Invited) -> Match:
    return Match(
        MatchRule.REPLY_ADDRESS,
        delivery_id=net.delivery,
        campaign_id=net.campaign,
        event_id=net.event,
        organisation_id=net.organisation,
        contact_id=net.contact,
    )


@dataclass
class Applied:
    id: int
    outcome: ApplyOutcome


def store(engine: Engine, raw: bytes | None = None, **mail_args: Any) -> int:
    raw = raw or mail(number=next(_counter), **mail_args)
    return intake(engine, raw, source=Source.FILE, origin="test").id


def run(
    engine: Engine,
    settings: Settings,
    reading: Reading,
    match: Match,
    *,
    now: datetime | None = None,
    inbound_id: int | None = None,
    **mail_args: Any,
) -> Applied:
    """Store a message, apply ``reading`` to it in one transaction and record it, as the
    pipeline does (``from_address`` filled before, outcome and match stored after)."""
    inbound_id = inbound_id or store(engine, **mail_args)
    with Session(engine, expire_on_commit=False) as s:
        message = s.get(InboundMessage, inbound_id)
        assert message is not None
        sender = mail_args.get("sender", "anna@buurtbus.example")
        message.from_address = sender.rpartition("<")[2].strip(">").strip().lower()
        message.message_id = message.message_id or f"<m{inbound_id}@client.example>"
        outcome = apply(s, settings, message, reading, match, now=now)
        message.outcome = outcome.as_dict()
        message.kind = reading.kind.value
        message.event_id, message.organisation_id = match.event_id, match.organisation_id
        message.delivery_id = match.delivery_id
        message.status = (InboundStatus.REVIEW if outcome.review else InboundStatus.PROCESSED).value
        message.processed_at = now or utcnow()
        s.add(message)
        s.commit()
    return Applied(inbound_id, outcome)


def deliver(engine: Engine, settings: Settings) -> AnswerReport:
    transport = MaildirTransport(settings.maildir)
    try:
        return send_pending(engine, settings, transport)
    finally:
        transport.close()


def sent_mail(settings: Settings) -> list[EmailMessage]:
    folder = Path(settings.maildir)
    if not folder.exists():
        return []
    box = mailbox.Maildir(folder, create=False)
    found = [message_from_bytes(m.as_bytes(), policy=policy.default) for m in box]
    return sorted(found, key=lambda m: str(m["Date"]))  # type: ignore[misc]


def rsvp_of(engine: Engine, net: Invited) -> Rsvp | None:
    with Session(engine) as s:
        return s.exec(
            select(Rsvp).where(Rsvp.event_id == net.event, Rsvp.organisation_id == net.organisation)
        ).first()


def outcome_of(engine: Engine, inbound_id: int) -> dict[str, Any]:
    with Session(engine) as s:
        message = s.get(InboundMessage, inbound_id)
        assert message is not None and isinstance(message.outcome, dict)
        return message.outcome


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())
