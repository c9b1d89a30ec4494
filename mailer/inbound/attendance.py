"""The attendance list: every invited organisation, what it answered, who comes.

What a coordinator prints for the door and what ``event show`` counts.
"Invited" is every organisation an invitation (or reminder) of the event was
made for, plus any organisation with an answer on record (a coordinator may
register one that was never mailed). Who found no place (``refused``) and
whether a message waits in review come from the inbound messages applied to
that organisation and event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from mailer.campaigns import Campaign, CampaignKind
from mailer.inbound.models import InboundMessage, InboundStatus
from mailer.invitations import get_event
from mailer.invitations.rsvp import Rsvp, RsvpSource, RsvpStatus
from mailer.outbox import Delivery, DeliveryStatus
from subscribers.models import Organisation

_INVITING = (CampaignKind.INVITATION.value, CampaignKind.REMINDER.value)
_IN_REVIEW = (InboundStatus.REVIEW.value, InboundStatus.FAILED.value)
_SOURCES = {s.value for s in RsvpSource}


def invited_organisations(session: Session, event_id: int) -> set[int]:
    query = (
        select(Delivery.organisation_id)
        .join(Campaign, col(Campaign.id) == col(Delivery.campaign_id))
        .where(
            col(Campaign.event_id) == event_id,
            col(Campaign.kind).in_(_INVITING),
            col(Delivery.organisation_id).is_not(None),
            col(Delivery.status) != DeliveryStatus.SKIPPED.value,
        )
        .distinct()
    )
    return {i for i in session.exec(query) if i is not None}


def _in_review(session: Session, event_id: int) -> set[int]:
    query = select(InboundMessage.organisation_id).where(
        col(InboundMessage.event_id) == event_id,
        col(InboundMessage.status).in_(_IN_REVIEW),
        col(InboundMessage.organisation_id).is_not(None),
    )
    return {i for i in session.exec(query) if i is not None}


def _key(person: dict[str, Any]) -> str:
    return (person.get("email") or person.get("name") or "").strip().lower()


def _refused(session: Session, event_id: int) -> dict[int, list[dict[str, Any]]]:
    """Per organisation: the names its latest applied answer could not register."""
    query = (
        select(InboundMessage.organisation_id, InboundMessage.outcome)
        .where(
            col(InboundMessage.event_id) == event_id,
            col(InboundMessage.organisation_id).is_not(None),
        )
        .order_by(col(InboundMessage.id))
    )
    found: dict[int, dict[str, Any]] = {}
    for org_id, outcome in session.exec(query):
        rsvp = outcome.get("rsvp") if isinstance(outcome, dict) else None
        if org_id is not None and isinstance(rsvp, dict):
            found[org_id] = rsvp
    return {org: list(r.get("refused") or []) for org, r in found.items()}


@dataclass(frozen=True)
class Line:
    """One organisation on the list."""

    organisation: str
    status: str
    attendees: list[dict[str, Any]]
    refused: list[dict[str, Any]]
    late: bool
    source: str
    answered_at: datetime | None
    review: bool

    def as_dict(self, zone: ZoneInfo) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "status": self.status,
            "attendees": [
                {"name": a.get("name") or "", "email": a.get("email")} for a in self.attendees
            ],
            "refused": [
                {"name": a.get("name") or "", "email": a.get("email")} for a in self.refused
            ],
            "late": self.late,
            "source": self.source,
            "answered_at": self.answered_at.astimezone(zone).isoformat()
            if self.answered_at
            else None,
            "review": self.review,
        }


def attendance(session: Session, event_id: int) -> list[Line]:
    """Every invited organisation, answered or not, by name."""
    get_event(session, event_id)  # NotFound with the usual sentence
    answers = {
        r.organisation_id: r for r in session.exec(select(Rsvp).where(Rsvp.event_id == event_id))
    }
    ids = invited_organisations(session, event_id) | set(answers)
    names = {
        o.id: o.name
        for o in session.exec(select(Organisation).where(col(Organisation.id).in_(list(ids))))
        if o.id is not None
    }
    review, refused = _in_review(session, event_id), _refused(session, event_id)
    lines = [
        _line(names.get(i, str(i)), answers.get(i), refused.get(i, []), i in review) for i in ids
    ]
    return sorted(lines, key=lambda line: line.organisation.casefold())


def _line(name: str, rsvp: Rsvp | None, refused: list[dict[str, Any]], review: bool) -> Line:
    if rsvp is None or rsvp.status == RsvpStatus.NO_RESPONSE.value:
        return Line(name, RsvpStatus.NO_RESPONSE.value, [], [], False, "", None, review)
    kept = {_key(a) for a in rsvp.attendees}
    still_refused = [p for p in refused if _key(p) not in kept]
    source = rsvp.source if rsvp.source in _SOURCES else RsvpSource.MANUAL.value
    return Line(
        name,
        rsvp.status,
        list(rsvp.attendees),
        still_refused,
        rsvp.late,
        source,
        rsvp.received_at,
        review,
    )


@dataclass(frozen=True)
class Counts:
    answered: int
    not_answered: int
    in_review: int
    attending: int  # people


def counts(session: Session, event_id: int) -> Counts:
    """Answered / not answered / in review (organisations) and attending people."""
    lines = attendance(session, event_id)
    answered = [line for line in lines if line.status != RsvpStatus.NO_RESPONSE.value]
    return Counts(
        answered=len(answered),
        not_answered=len(lines) - len(answered),
        in_review=sum(1 for line in lines if line.review),
        attending=sum(
            len(line.attendees) for line in lines if line.status == RsvpStatus.ATTENDING.value
        ),
    )
