"""Bounces, complaints and unsubscribe requests: who must not be mailed again.

A permanent bounce marks the contact ``bounced`` and fails the delivery that
came back, in the remote server's own words; a delay is only noted; a
complaint marks the contact ``complained``; "haal mij van de lijst" from a
contact unsubscribes that contact (never the colleague who was invited) and
is confirmed. None of them is ever answered except the unsubscribe.
"""

from __future__ import annotations

from mailer.inbound.outcome import (
    Action,
    ApplyOutcome,
    Context,
    Note,
    address,
    contact_of,
    review,
    to_sender,
)
from mailer.inbound.reading import BounceKind
from mailer.outbox import Delivery, DeliveryStatus
from subscribers.models import ContactStatus, overrides
from subscribers.privacy import suppress


def stop_mailing(ctx: Context, email: str, status: ContactStatus) -> str | None:
    """Mark the contact behind ``email`` and suppress the address; what changed, or None."""
    contact = contact_of(ctx, email)
    reason = f"{status.value} {ctx.now:%Y-%m-%d}"
    suppressed = suppress(ctx.session, email, reason, ctx.settings.secret())
    if contact is not None and overrides(status, contact.status):
        contact.status, contact.updated_at = status.value, ctx.now
        ctx.session.add(contact)
        ctx.session.flush()
        return f"contact {contact.id} {status.value}"
    return f"{email} suppressed" if suppressed else None


def bounce(ctx: Context) -> ApplyOutcome:
    """A bounce or a feedback report (see the module's note)."""
    found = ctx.reading.bounce
    if found is None:
        return review(Note.UNCLEAR)
    if found.kind is BounceKind.SOFT:
        return ApplyOutcome(Action.DELAY.value, note=found.status or found.diagnostic[:200])
    delivery = ctx.session.get(Delivery, ctx.match.delivery_id) if ctx.match.delivery_id else None
    addresses = [a for a in (address(x) for x in found.addresses) if a]
    if not addresses and delivery is not None:
        addresses = [delivery.email]
    if not addresses:
        return review(Note.UNKNOWN_RECIPIENT)
    complaint = found.kind is BounceKind.COMPLAINT
    status = ContactStatus.COMPLAINED if complaint else ContactStatus.BOUNCED
    changes = [c for c in (stop_mailing(ctx, a, status) for a in addresses) if c]
    if not complaint and delivery is not None and delivery.email in addresses:
        changes += _fail_delivery(ctx, delivery, found.status, found.diagnostic)
    action = Action.COMPLAINT if complaint else Action.BOUNCE
    return ApplyOutcome(action.value, applied=bool(changes), changes=changes)


def _fail_delivery(ctx: Context, delivery: Delivery, status: str, diagnostic: str) -> list[str]:
    """A sent (or uncertain) delivery that came back is failed, in the server's own words."""
    if delivery.status not in (DeliveryStatus.SENT.value, DeliveryStatus.UNCERTAIN.value):
        return []
    words = " ".join(p for p in (status, diagnostic) if p).strip() or "bounced"
    delivery.status, delivery.reason = DeliveryStatus.FAILED.value, words[:1000]
    delivery.updated_at = ctx.now
    ctx.session.add(delivery)
    return [f"delivery {delivery.id} failed"]


def unsubscribe(ctx: Context) -> ApplyOutcome:
    contact = ctx.sender_contact()
    if contact is None:
        # a colleague's "haal mij van de lijst" must not unsubscribe the invited contact
        return review(Note.UNKNOWN_SENDER)
    change = stop_mailing(ctx, contact.email, ContactStatus.UNSUBSCRIBED)
    outcome = ApplyOutcome(Action.UNSUBSCRIBED.value, applied=change is not None)
    if change is not None:
        outcome.changes.append(change)
        outcome.answers.append(to_sender(ctx, "unsubscribe_confirmed", None))
    return outcome
