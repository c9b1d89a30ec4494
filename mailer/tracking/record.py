"""Provider events into the database: the raw body first, then each event once.

The body is committed before it is parsed, so nothing SendGrid told us is
lost to a parser bug. Each event is inserted under its provider event id;
a repeat (SendGrid retries whole batches) finds the row there and changes
nothing, which is what makes the endpoint safe to call twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mailer import tokens
from mailer.config import Settings
from mailer.db import session_scope
from mailer.errors import InvalidInput
from mailer.outbox import Delivery, DeliveryStatus
from mailer.tokens import Purpose
from mailer.tracking.events import EventType, ParsedEvent, parse_sendgrid
from mailer.tracking.models import ProviderEvent, WebhookBody
from mailer.tracking.optout import stop_mailing
from subscribers.models import ContactStatus

SENDGRID = "sendgrid"
EVENTS_SOURCE = "sendgrid-events"

# Delivery states a provider event may still move (a skipped or queued row was never sent).
_IN_FLIGHT = {DeliveryStatus.SENDING.value, DeliveryStatus.UNCERTAIN.value}
_SENT = {DeliveryStatus.SENT.value, *_IN_FLIGHT}

# SendGrid's reason for a drop → what it says about the address (others: about the message).
_DROPPED = {
    "invalid": ContactStatus.BOUNCED,
    "bounced address": ContactStatus.BOUNCED,
    "spam reporting address": ContactStatus.COMPLAINED,
    "unsubscribed address": ContactStatus.UNSUBSCRIBED,
}
_CONTACT = {
    EventType.BOUNCED: ContactStatus.BOUNCED,
    EventType.COMPLAINED: ContactStatus.COMPLAINED,
    EventType.UNSUBSCRIBED: ContactStatus.UNSUBSCRIBED,
}


@dataclass
class Report:
    body_id: int
    recorded: int = 0
    repeated: int = 0
    unmatched: int = 0  # no delivery of ours named in the event
    kinds: dict[str, int] = field(default_factory=dict)


def store_body(engine: Engine, source: str, body: bytes, now: datetime) -> int:
    """Keep a provider's POST as it came, committed, before anything reads it."""
    with session_scope(engine) as session:
        row = WebhookBody(
            source=source, body=body.decode("utf-8", errors="replace"), received_at=now
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def delivery_for(session: Session, settings: Settings, event: ParsedEvent) -> Delivery | None:
    """The delivery an event names through its opaque id, checked against its address.

    Accepts the signed provider reference and, for mail sent before it existed,
    a plain delivery id; the address must match either way.
    """
    number = tokens.delivery_id(settings, Purpose.PROVIDER, event.ref) if event.ref else None
    if number is None and event.ref.isdigit():
        number = int(event.ref)
    if number is None:
        return None
    delivery = session.get(Delivery, number)
    if delivery is None:
        return None
    if event.email and event.email.lower() != delivery.email.lower():
        return None
    return delivery


def _update_delivery(delivery: Delivery, event: ParsedEvent, now: datetime) -> None:
    if event.kind is EventType.DELIVERED and delivery.status in _SENT:
        if delivery.status != DeliveryStatus.SENT.value:
            delivery.reason = ""  # an uncertain row that SendGrid delivered is settled
        delivery.status = DeliveryStatus.SENT.value
        delivery.sent_at = delivery.sent_at or event.occurred_at or now
    elif event.kind is EventType.DEFERRED and delivery.status == DeliveryStatus.SENT.value:
        delivery.reason = event.reason
    elif event.kind in (EventType.BOUNCED, EventType.BLOCKED, EventType.DROPPED):
        if delivery.status in _SENT:
            delivery.status = DeliveryStatus.FAILED.value
            delivery.reason = event.reason or event.provider_kind
    else:
        return
    delivery.updated_at = now


def contact_status(event: ParsedEvent) -> ContactStatus | None:
    """What an event says about the address itself (None: about this one message only)."""
    if event.kind is EventType.DROPPED:
        return _DROPPED.get(event.reason.strip().lower())
    return _CONTACT.get(event.kind)


def _apply(
    session: Session,
    settings: Settings,
    delivery: Delivery | None,
    event: ParsedEvent,
    now: datetime,
) -> bool:
    if delivery is None:
        return False
    _update_delivery(delivery, event, now)
    session.add(delivery)
    status = contact_status(event)
    if status is not None:
        stop_mailing(session, delivery, status, now, settings.secret())
    return True


def _seen(session: Session, event: ParsedEvent) -> bool:
    query = select(col(ProviderEvent.id)).where(
        col(ProviderEvent.provider) == SENDGRID, col(ProviderEvent.event_id) == event.event_id
    )
    return session.exec(query).first() is not None


def _record_one(
    session: Session, settings: Settings, event: ParsedEvent, body_id: int, now: datetime
) -> bool | None:
    """Insert and act on one event; None when it was recorded before."""
    if _seen(session, event):
        return None
    try:
        with session.begin_nested():
            delivery = delivery_for(session, settings, event)
            row = ProviderEvent(
                provider=SENDGRID,
                event_id=event.event_id,
                kind=event.kind.value,
                provider_kind=event.provider_kind,
                delivery_id=delivery.id if delivery else None,
                email=event.email or None,
                reason=event.reason,
                occurred_at=event.occurred_at,
                received_at=now,
                body_id=body_id,
                payload=event.payload,
            )
            session.add(row)
            session.flush()
    except IntegrityError:  # the same event arrived concurrently and won
        return None
    return _apply(session, settings, delivery, event, now)


def process_body(
    engine: Engine, settings: Settings, body_id: int, body: bytes, now: datetime
) -> Report:
    """Read a stored body and act on every event in it once, in one transaction."""
    report = Report(body_id=body_id)
    try:
        events = parse_sendgrid(body)
    except InvalidInput as err:
        with session_scope(engine) as session:
            stored = session.get(WebhookBody, body_id)
            if stored is not None:
                stored.error = str(err)[:1000]
                stored.processed_at = now
        raise
    with session_scope(engine) as session:
        for event in events:
            outcome = _record_one(session, settings, event, body_id, now)
            if outcome is None:
                report.repeated += 1
                continue
            report.recorded += 1
            report.unmatched += 0 if outcome else 1
            report.kinds[event.kind.value] = report.kinds.get(event.kind.value, 0) + 1
        stored = session.get(WebhookBody, body_id)
        if stored is not None:
            stored.processed_at = now
    return report


def record_sendgrid(engine: Engine, settings: Settings, body: bytes, now: datetime) -> Report:
    """Store a verified Event Webhook body, then act on it."""
    body_id = store_body(engine, EVENTS_SOURCE, body, now)
    return process_body(engine, settings, body_id, body, now)
