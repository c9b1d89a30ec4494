"""Acting on what a message said: the RSVP, the contact, the delivery, and the answer back.

Called by the pipeline for each message (in the message's own transaction)
and by :mod:`mailer.inbound.resolve` for a coordinator's correction. Every
path returns an :class:`~mailer.inbound.outcome.ApplyOutcome`, stored as the
message's ``outcome``: what was changed, why a person has to look (``note``),
and the answers to send, which :mod:`mailer.inbound.answers` sends after the
commit, at most once. Bounces, complaints and unsubscribes are
:mod:`mailer.inbound.optouts`'.

Nothing is guessed: below ``MAILER_RSVP_MIN_CONFIDENCE``, without an event or
an organisation, for a cancelled or past event, or when nobody could be
registered, the message goes to review and nothing changes. A message that
was applied before is not applied again (its stored outcome is returned).
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr
from typing import Any

from sqlmodel import Session, select

from mailer.config import Settings
from mailer.inbound import optouts
from mailer.inbound.answers import FORWARD, new_answer
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage
from mailer.inbound.outcome import (
    Action,
    ApplyOutcome,
    Context,
    Note,
    address,
    review,
    to_sender,
)
from mailer.inbound.reading import Attendee, Decision, Kind, Reading
from mailer.invitations import Event
from mailer.invitations.rsvp import (
    Registration,
    Rsvp,
    RsvpSource,
    RsvpStatus,
    register_answer,
)
from subscribers.sqltypes import utcnow

__all__ = ["Action", "ApplyOutcome", "Context", "Note", "answer_rsvp", "apply"]


# --------------------------------------------------------------------------- the entry


def apply(
    session: Session,
    settings: Settings,
    message: InboundMessage,
    reading: Reading,
    match: Match,
    *,
    now: datetime | None = None,
) -> ApplyOutcome:
    """The pipeline's applier (``pipeline.Applier``); see the module's note."""
    if isinstance(message.outcome, dict) and message.outcome.get("action"):
        return ApplyOutcome.from_dict(message.outcome)  # applied before: nothing again
    ctx = Context(session, settings, message, reading, match, now or utcnow())
    handler = _HANDLERS.get(reading.kind, _forward)
    return handler(ctx)


def _auto_reply(ctx: Context) -> ApplyOutcome:
    return ApplyOutcome(Action.COUNTED.value)


def _reply(ctx: Context) -> ApplyOutcome:
    reading, match = ctx.reading, ctx.match
    if not match.matched:
        return review(Note.UNMATCHED)
    if reading.decision is Decision.UNCLEAR:
        # a reply to a newsletter is "everything else"; one to an invitation may be an answer
        return _forward(ctx) if match.event_id is None else review(Note.UNCLEAR)
    if reading.confidence < ctx.settings.rsvp_min_confidence:
        return review(Note.LOW_CONFIDENCE)
    status = _STATUS[reading.decision]
    people = _people(ctx, reading.attendees, reading.unnamed_extra)
    return answer_rsvp(
        ctx,
        status,
        people,
        RsvpSource.REPLY,
        addition=reading.addition,
        unnamed=bool(reading.unnamed_extra),
    )


def _calendar(ctx: Context) -> ApplyOutcome:
    reading, match = ctx.reading, ctx.match
    answer = reading.calendar
    if not match.matched:
        return review(Note.UNMATCHED)
    if answer is None or answer.decision is Decision.UNCLEAR:
        return review(Note.UNCLEAR)
    if reading.confidence < ctx.settings.rsvp_min_confidence:
        return review(Note.LOW_CONFIDENCE)
    attendee = answer.attendee or Attendee(name="", is_sender=True)
    people = _people(ctx, [attendee], 0)
    if answer.decision is Decision.DECLINED:
        remaining = _without(ctx, people)
        if remaining:  # one colleague says no; the others still come
            return answer_rsvp(ctx, RsvpStatus.ATTENDING, remaining, RsvpSource.CALENDAR)
    # a calendar speaks for the one person who clicked: added to the names already given
    addition = answer.decision is Decision.ATTENDING
    return answer_rsvp(
        ctx, _STATUS[answer.decision], people, RsvpSource.CALENDAR, addition=addition
    )


def _without(ctx: Context, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The organisation's attending names without ``people`` (a calendar decline of one)."""
    if ctx.match.event_id is None or ctx.match.organisation_id is None:
        return []
    rsvp = ctx.session.exec(
        select(Rsvp).where(
            Rsvp.event_id == ctx.match.event_id, Rsvp.organisation_id == ctx.match.organisation_id
        )
    ).first()
    if rsvp is None or rsvp.status != RsvpStatus.ATTENDING.value:
        return []
    gone = {(p.get("email") or "").lower() for p in people if p.get("email")}
    remaining = [p for p in rsvp.attendees if (p.get("email") or "").lower() not in gone]
    return remaining if len(remaining) < len(rsvp.attendees) else []


_STATUS = {
    Decision.ATTENDING: RsvpStatus.ATTENDING,
    Decision.DECLINED: RsvpStatus.DECLINED,
    Decision.MAYBE: RsvpStatus.MAYBE,
}


def _people(ctx: Context, attendees: list[Attendee], unnamed: int) -> list[dict[str, Any]]:
    """Attendees as the RSVP keeps them; "ik kom zelf" is the sender, with their address."""
    people = []
    for person in attendees:
        email = address(person.email) or (ctx.sender or None if person.is_sender else None)
        name = " ".join((person.name or "").split())
        if not name and person.is_sender:
            name = ctx.sender_name()
        people.append({"name": name or (email or ""), "email": email})
    # "wij komen met z'n tweeën" with one name: the places count, the names are asked
    people += [{"name": "", "email": None} for _ in range(max(0, unnamed))]
    return people


# --------------------------------------------------------------------------- RSVPs


def answer_rsvp(
    ctx: Context,
    status: RsvpStatus,
    people: list[dict[str, Any]],
    source: RsvpSource,
    *,
    addition: bool = False,
    unnamed: bool = False,
    accept_late: bool | None = None,
) -> ApplyOutcome:
    """Record the organisation's answer and decide the answer back (see the module's note)."""
    event_id, organisation_id = ctx.match.event_id, ctx.match.organisation_id
    if event_id is None:
        return review(Note.NO_EVENT)
    if organisation_id is None:
        return review(Note.UNMATCHED)
    event = ctx.session.get(Event, event_id)
    if event is None:
        return review(Note.NO_EVENT)
    if event.cancelled:
        return review(Note.EVENT_CANCELLED)
    if event.ends_at <= ctx.now:
        return review(Note.EVENT_OVER)
    if status is RsvpStatus.ATTENDING and not people:
        return review(Note.NO_ATTENDEES)
    late_ok = ctx.settings.accept_late_replies if accept_late is None else accept_late
    registration = register_answer(
        ctx.session,
        event_id,
        organisation_id,
        status=status,
        now=ctx.now,
        attendees=people,
        source=source.value,
        addition=addition,
        accept_late=late_ok,
    )
    return _after(ctx, event, registration, unnamed)


def _rsvp_info(ctx: Context, registration: Registration) -> dict[str, Any]:
    rsvp = registration.rsvp
    return {
        "id": rsvp.id if rsvp is not None else None,
        "event_id": ctx.match.event_id,
        "organisation_id": ctx.match.organisation_id,
        "status": registration.status.value,
        "attendees": registration.kept,
        "refused": registration.refused,
        "late": registration.late,
        "changed": registration.changed,
    }


def _after(ctx: Context, event: Event, registration: Registration, unnamed: bool) -> ApplyOutcome:
    info = _rsvp_info(ctx, registration)
    if registration.late_refused:
        answer = to_sender(ctx, "late_reply", event)
        return ApplyOutcome(Action.LATE_REFUSED.value, rsvp=info, answers=[answer])
    if registration.full:
        return review(Note.FULL, rsvp=info)
    if not registration.changed and not registration.refused:
        return ApplyOutcome(Action.UNCHANGED.value, review=unnamed, rsvp=info)
    # names that found no place are always told, even when the list itself stayed the same
    action = Action.RSVP if registration.changed else Action.UNCHANGED
    outcome = ApplyOutcome(action.value, applied=registration.changed, rsvp=info)
    if unnamed:  # counted, but a person asks for the names before anything is confirmed
        outcome.review, outcome.note = True, Note.UNNAMED
        return outcome
    template = _TEMPLATE.get(registration.status)
    if template == "confirmation" and registration.refused:
        template = "cap_exceeded"
    if template is not None:
        outcome.answers.append(
            to_sender(ctx, template, event, registration.kept, registration.refused)
        )
    return outcome


_TEMPLATE = {RsvpStatus.ATTENDING: "confirmation", RsvpStatus.DECLINED: "decline_ack"}


def _forward(ctx: Context) -> ApplyOutcome:
    coordinator = ctx.settings.coordinator_email.strip()
    if not coordinator:
        return review(Note.NO_COORDINATOR)
    ours = {coordinator.lower(), parseaddr(ctx.settings.sender)[1].lower()}
    if ctx.sender in ours:  # our own mail come back: forwarding it could go round for ever
        return review(Note.OWN_ADDRESS)
    answer = new_answer(FORWARD, coordinator, ctx.now, event_id=ctx.match.event_id)
    return ApplyOutcome(Action.FORWARDED.value, answers=[answer])


_HANDLERS = {
    Kind.AUTO_REPLY: _auto_reply,
    Kind.BOUNCE: optouts.bounce,
    Kind.CALENDAR_REPLY: _calendar,
    Kind.REPLY: _reply,
    Kind.UNSUBSCRIBE: optouts.unsubscribe,
    Kind.OTHER: _forward,
}
