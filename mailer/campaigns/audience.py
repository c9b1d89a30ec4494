"""Who a campaign goes to: its segments, or a set derived from its event.

The ledger (``mailer.outbox``) only writes the rows it is handed; this module
resolves them, so the outbox needs neither segments nor events, and events
(``mailer.invitations``) need no deliveries: the audiences that read what an
invitation reached live here, above both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Select
from sqlmodel import Session, col, select

from mailer.campaigns import Audience, Campaign, CampaignKind
from mailer.invitations import RecipientRow, Rsvp, RsvpStatus, registered_recipients
from mailer.outbox import SNAPSHOT_CHUNK, AudienceRow, Delivery, DeliveryStatus
from subscribers import segments
from subscribers.models import Contact, ContactStatus


def segment_query(session: Session, campaign: Campaign) -> Select[Any] | None:
    """The campaign's audience as one query over contacts, when it is segments (else None):
    the outbox can then snapshot it inside the database."""
    if Audience(campaign.audience) is not Audience.SEGMENTS:
        return None
    return segments.audience(session, list(campaign.segments))


def rows(session: Session, campaign: Campaign) -> Iterator[AudienceRow]:
    """The campaign's audience, streamed, as the outbox snapshot takes it."""
    audience = Audience(campaign.audience)
    if audience is Audience.SEGMENTS:
        query = segments.audience(session, list(campaign.segments))
        for row in session.execute(query.execution_options(yield_per=SNAPSHOT_CHUNK)):
            yield AudienceRow(*row)
        return
    assert campaign.event_id is not None
    for r in _EVENT_AUDIENCES[audience](session, campaign.event_id):
        yield AudienceRow(r.contact_id, r.email, r.name, r.language, r.organisation_id)


def _invitation_deliveries(event_id: int, *columns: Any) -> Any:
    """``columns`` of the deliveries the event's invitations actually sent."""
    return (
        select(*columns)
        .join(Campaign, col(Campaign.id) == col(Delivery.campaign_id))
        .where(
            Campaign.event_id == event_id,
            Campaign.kind == CampaignKind.INVITATION.value,
            Delivery.status == DeliveryStatus.SENT.value,
        )
    )


def _invited_organisations(event_id: int) -> Any:
    """Organisations the event's invitation actually reached (a ``sent`` delivery)."""
    query = _invitation_deliveries(event_id, Delivery.organisation_id)
    return query.where(col(Delivery.organisation_id).is_not(None))


def invited_recipients(session: Session, event_id: int) -> Iterable[RecipientRow]:
    """Each address the invitation reached and each registered attendee, once.

    Who hears that an event moved or is cancelled: everyone who may have it in
    their calendar. Contacts who since unsubscribed, bounced or complained are
    left out, as for every event audience.
    """
    query = _invitation_deliveries(
        event_id,
        Delivery.contact_id,
        Delivery.email,
        Delivery.name,
        Delivery.language,
        Delivery.organisation_id,
        Contact.status,
    ).outerjoin(Contact, col(Contact.id) == col(Delivery.contact_id))
    seen: set[str] = set()
    for contact_id, email, name, language, org_id, status in session.execute(
        query.order_by(col(Delivery.id))
    ):
        if status not in (None, ContactStatus.ACTIVE.value) or email.lower() in seen:
            continue
        seen.add(email.lower())
        yield RecipientRow(contact_id, email, name, language, org_id)
    for row in registered_recipients(session, event_id):
        if row.email.lower() not in seen:
            seen.add(row.email.lower())
            yield row


def non_responder_recipients(session: Session, event_id: int) -> Iterable[RecipientRow]:
    """Active contacts of invited organisations that have not answered (or said nothing yet)."""
    answered = select(Rsvp.organisation_id).where(
        Rsvp.event_id == event_id, Rsvp.status != RsvpStatus.NO_RESPONSE.value
    )
    query = (
        select(Contact)
        .where(
            Contact.status == ContactStatus.ACTIVE.value,
            col(Contact.organisation_id).in_(_invited_organisations(event_id)),
            col(Contact.organisation_id).not_in(answered),
        )
        .order_by(col(Contact.id))
    )
    for c in session.exec(query).all():
        yield RecipientRow(c.id, c.email, c.name, c.language, c.organisation_id)


_EVENT_AUDIENCES: dict[Audience, Callable[[Session, int], Iterable[RecipientRow]]] = {
    Audience.NON_RESPONDERS: non_responder_recipients,
    Audience.REGISTERED: registered_recipients,
    Audience.INVITED: invited_recipients,  # an event's update or cancellation
}


def organisations_missed(session: Session, campaign: Campaign, reached: set[int]) -> list[str]:
    """Organisations of the campaign's segments that no queued delivery reaches (no
    mailable contact): the coordinator is told, so nobody is silently left out."""
    if Audience(campaign.audience) is not Audience.SEGMENTS:
        return []
    query = segments.organisations(session, list(campaign.segments))
    return [name for org_id, name in session.execute(query) if org_id not in reached]
