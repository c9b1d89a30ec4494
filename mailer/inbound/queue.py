"""The stored messages as a coordinator sees them: lists, the review queue, one message.

Plain dicts (the ``--json`` of ``mailer inbound list|show|review``, and what
the dashboard shows), built without loading raw bytes except where asked.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mailer.campaigns import Campaign
from mailer.errors import NotFound
from mailer.i18n import N_, _, label
from mailer.inbound.intake import raw_bytes
from mailer.inbound.match import Reason
from mailer.inbound.models import InboundMessage, InboundStatus
from mailer.invitations import Event
from subscribers.models import Contact, Organisation

REVIEW_STATUSES = (InboundStatus.REVIEW.value, InboundStatus.FAILED.value)

REASON_LABELS = {
    Reason.FORGED: N_(
        "its reply address or Message-ID looks like ours, but the signature does not match "
        "(forged or damaged)"
    ),
    Reason.UNKNOWN_DELIVERY: N_(
        "it answers a mail we no longer know (a deleted campaign, or a test copy)"
    ),
    Reason.AMBIGUOUS_DOMAIN: N_("the sender's domain belongs to more than one organisation"),
    Reason.NO_RULE: N_("nothing in it names one of our mails, and the sender is not a contact"),
}

# Why an automatic answer was held back (``mailer.inbound.loops``, stored as the answer's
# ``reason`` with the state ``held``).
HOLD_LABELS = {
    "kind:auto_reply": N_("the message is an auto-reply: it is never answered"),
    "kind:bounce": N_("the message is a bounce: it is never answered"),
    "sender:machine": N_("the sender is a machine or list address (noreply, mailer-daemon, …)"),
    "header:auto-submitted": N_("the message says it was sent automatically (Auto-Submitted)"),
    "header:precedence": N_("the message is bulk or list mail (Precedence)"),
    "header:list": N_("the message came through a mailing list"),
    "header:autoreply": N_("the message carries an auto-reply header"),
    "header:null-return-path": N_("the message has no return path (sent by a mail system)"),
    "rate:one-per-hour": N_("this sender already got an answer about this event within the hour"),
}
ANSWER_STATES = {
    "pending": N_("waiting to be sent"),
    "sending": N_("handed over, result unknown (never sent again by itself)"),
    "sent": N_("sent"),
    "failed": N_("could not be sent"),
    "held": N_("held back"),
}

_SUMMARY = tuple(
    col(c)
    for c in (
        InboundMessage.id,
        InboundMessage.received_at,
        InboundMessage.status,
        InboundMessage.kind,
        InboundMessage.from_address,
        InboundMessage.subject,
        InboundMessage.match_rule,
        InboundMessage.organisation_id,
        InboundMessage.reason,
        InboundMessage.match_reason,
    )
)


def summaries(
    session: Session, *, statuses: tuple[str, ...] | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Newest first (the review queue: oldest first, it is worked through in order)."""
    order = col(InboundMessage.id)
    query = sa_select(*_SUMMARY).order_by(order.asc() if statuses else order.desc()).limit(limit)
    if statuses:
        query = query.where(col(InboundMessage.status).in_(list(statuses)))
    rows = session.execute(query).all()
    names = _organisation_names(session, {r[7] for r in rows if r[7] is not None})
    return [
        {
            "id": r[0],
            "received_at": r[1].isoformat(),
            "status": r[2],
            "kind": r[3],
            "from": r[4],
            "subject": r[5],
            "match": r[6],
            "organisation": names.get(r[7]) if r[7] is not None else None,
            "note": r[8] or reason_text(r[9]),
        }
        for r in rows
    ]


def reason_text(code: str) -> str:
    return label(REASON_LABELS, code) if code else ""


def _organisation_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(
        select(Organisation.id, Organisation.name).where(col(Organisation.id).in_(list(ids)))
    ).all()
    return {i: n for i, n in rows if i is not None}


def detail(session: Session, inbound_id: int, *, with_raw: bool = False) -> dict[str, Any]:
    """One message: headers, status, match, the proposed decision, attendees with evidence."""
    message = session.get(InboundMessage, inbound_id)
    if message is None:
        raise NotFound(_("There is no inbound message {id}").format(id=inbound_id))
    reading = message.reading or {}
    out: dict[str, Any] = {
        "id": message.id,
        "received_at": message.received_at.isoformat(),
        "source": message.source,
        "origin": message.origin,
        "size": message.size,
        "sha256": message.sha256,
        "status": message.status,
        "kind": message.kind,
        "from": message.from_address,
        "subject": message.subject,
        "message_id": message.message_id,
        "reason": message.reason,
        "match": _match(session, message),
        "decision": reading.get("decision"),
        "confidence": reading.get("confidence"),
        "attendees": reading.get("attendees", []),
        "unnamed_extra": reading.get("unnamed_extra", 0),
        "text": reading.get("text", ""),
        "signature": reading.get("signature", ""),
        "evidence": reading.get("evidence", []),
        "bounce": reading.get("bounce"),
        "calendar": reading.get("calendar"),
        "outcome": message.outcome,
        "answers": answers_of(message.outcome),
        "raw_kept": message.raw_deleted_at is None,
    }
    if with_raw:
        raw = raw_bytes(session, inbound_id)
        out["raw"] = None if raw is None else raw.decode("utf-8", "replace")
    return out


def answers_of(outcome: Any) -> list[dict[str, Any]]:
    """The answers this message's outcome holds (sent, waiting or held back), each with
    its state and, for a held or failed one, why, in words."""
    stored = outcome.get("answers") if isinstance(outcome, dict) else None
    found = []
    for answer in stored or ():
        if not isinstance(answer, dict):
            continue
        state, reason = str(answer.get("state", "")), str(answer.get("reason", "") or "")
        found.append(
            {
                "template": answer.get("template", ""),
                "to": answer.get("to", ""),
                "state": state,
                "state_text": label(ANSWER_STATES, state),
                "reason": reason,
                "reason_text": label(HOLD_LABELS, reason),
                "event_id": answer.get("event_id"),
                "made_at": answer.get("at"),
                "sent_at": answer.get("sent_at"),
                "tries": answer.get("tries", 0),
            }
        )
    return found


def _match(session: Session, message: InboundMessage) -> dict[str, Any]:
    org = session.get(Organisation, message.organisation_id) if message.organisation_id else None
    contact = session.get(Contact, message.contact_id) if message.contact_id else None
    event = session.get(Event, message.event_id) if message.event_id else None
    campaign = session.get(Campaign, message.campaign_id) if message.campaign_id else None
    return {
        "rule": message.match_rule,
        "reason": reason_text(message.match_reason),
        "delivery": message.delivery_id,
        "campaign": {"id": campaign.id, "subject": campaign.subject} if campaign else None,
        "event": {"id": event.id, "title": event.title} if event else None,
        "organisation": {"id": org.id, "name": org.name} if org else None,
        "contact": {"id": contact.id, "name": contact.name, "email": contact.email}
        if contact
        else None,
    }
