"""Someone must not be mailed again: the contact's status and the suppression list.

One function for every way it happens (the unsubscribe page, a one-click
POST from a mail client, SendGrid's bounce, spam and unsubscribe events), so
they all leave the same trace: the contact's status says why, and the
address's hash goes on the suppression list, which outlives the contact (an
erased person stays unmailable, and a re-import cannot bring them back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mailer.outbox import Delivery
from subscribers.models import Contact, ContactStatus, overrides
from subscribers.privacy import suppress


@dataclass(frozen=True)
class OptOut:
    found: bool  # the delivery still exists
    changed: bool  # something was written (False: it was done before)
    language: str  # the language the delivery was sent in, for the page


def _contact(session: Session, delivery: Delivery) -> Contact | None:
    if delivery.contact_id is not None:
        return session.get(Contact, delivery.contact_id)
    query = select(Contact).where(col(Contact.email) == delivery.email.strip().lower())
    return session.exec(query).first()


def stop_mailing(
    session: Session, delivery: Delivery, status: ContactStatus, now: datetime, secret: str
) -> bool:
    """Mark the delivery's contact and suppress its address; False when both were so already."""
    changed = suppress(session, delivery.email, f"{status.value} {now:%Y-%m-%d}", secret)
    contact = _contact(session, delivery)
    if contact is not None and overrides(status, contact.status):
        contact.status = status.value
        contact.updated_at = now
        session.add(contact)
        changed = True
    session.flush()
    return changed


def unsubscribe(session: Session, delivery_id: int, now: datetime, secret: str) -> OptOut:
    """The recipient of ``delivery_id`` asked to stop; safe to repeat."""
    delivery = session.get(Delivery, delivery_id)
    if delivery is None:  # the campaign was deleted, or the person erased: nothing to mail
        return OptOut(found=False, changed=False, language="nl")
    changed = stop_mailing(session, delivery, ContactStatus.UNSUBSCRIBED, now, secret)
    return OptOut(found=True, changed=changed, language=delivery.language or "nl")


def language_of(session: Session, delivery_id: int) -> str:
    """The language a delivery's recipient reads (the page before they press the button)."""
    delivery = session.get(Delivery, delivery_id)
    return (delivery.language if delivery else "") or "nl"
