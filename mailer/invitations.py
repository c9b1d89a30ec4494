"""Events, the RSVPs of organisations for them, and the invitation's timeline.

An invitation goes to organisations, not people: one ``Rsvp`` per
(event, organisation) lists who of that organisation attends, within the
event's cap per organisation and total capacity.

Campaigns and deliveries are imported inside the few functions that query
them: ``mailer.campaigns`` imports this module (its ``Event``), so a
module-level import back would be a cycle.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, NoReturn
from zoneinfo import ZoneInfo

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint, func
from sqlmodel import Field, Session, SQLModel, col, select

from mailer import reasons
from mailer.config import Settings
from mailer.errors import (
    CapacityFull,
    CapExceeded,
    InvalidInput,
    NotFound,
    TimelineError,
)
from mailer.i18n import _, ngettext
from mailer.localtime import localize
from subscribers.errors import InvalidEmail
from subscribers.models import Contact, ContactStatus, Organisation
from subscribers.normalise import normalise_email
from subscribers.sqltypes import JSONText, UTCDateTime, utcnow


class RsvpStatus(StrEnum):
    ATTENDING = "attending"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"


def _new_uid() -> str:
    return f"{uuid.uuid4()}@pleinpost"


class Event(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=_new_uid, unique=True, max_length=200)
    sequence: int = Field(default=0)
    title: str = Field(max_length=300)
    description: str = Field(default="")
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    timezone: str = Field(default="Europe/Amsterdam", max_length=64)
    place: str = Field(default="", max_length=300)
    address: str = Field(default="", max_length=500)
    reply_by: datetime | None = Field(default=None, sa_type=UTCDateTime)
    max_per_organisation: int | None = Field(default=None)
    capacity: int | None = Field(default=None)
    # The timeline: reminder offsets before the deadline, programme send time.
    reminder_days: list[int] = Field(default_factory=lambda: [3, 1], sa_type=JSONText)
    programme_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The programme (Markdown) the programme mailing carries; empty: the campaign's own text.
    programme: str = Field(default="")
    cancelled: bool = Field(default=False)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Title, times and place as those invited last heard them (see ``guest_facts``);
    # None until something changes after the invitation went out.
    announced: dict[str, Any] | None = Field(default=None, sa_type=JSONText)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Rsvp(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("event_id", "organisation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False)
    )
    organisation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    status: str = Field(default=RsvpStatus.NO_RESPONSE.value, max_length=20)
    # [{"name": "...", "email": "..." | null}, ...]
    attendees: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONText)
    source: str = Field(default="", max_length=50)
    late: bool = Field(default=False)
    received_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class RsvpChange(SQLModel, table=True):
    """The history of an RSVP: every answer is kept, never overwritten."""

    __tablename__ = "rsvp_change"
    id: int | None = Field(default=None, primary_key=True)
    rsvp_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("rsvp.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    status: str = Field(max_length=20)
    attendees: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONText)
    source: str = Field(default="", max_length=50)
    late: bool = Field(default=False)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class EventUpdate(SQLModel, table=True):
    """What an update campaign announces: the event as its guests knew it before.

    One row per update campaign, so the mail can say "was: ..." however many
    edits came between, and a later edit folds into an update not yet sent.
    """

    __tablename__ = "event_update"
    campaign_id: int = Field(
        sa_column=Column(Integer, ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    )
    event_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    previous: dict[str, Any] = Field(default_factory=dict, sa_type=JSONText)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


# --------------------------------------------------------------------------- events


class RecipientRow(NamedTuple):
    """One address an event-derived audience yields; the outbox snapshot reads these."""

    contact_id: int | None
    email: str
    name: str
    language: str
    organisation_id: int | None


# Reminders go out at this local hour on their day: a deadline written as a
# date is midnight, and nobody should get "three days left" at 00:00.
REMINDER_HOUR = 9

# The fields a guest acts on: a change to one of these is worth telling those invited.
GUEST_FACTS = ("title", "starts_at", "ends_at", "place", "address")


def _refuse(message: str) -> NoReturn:
    raise TimelineError(message)


def validate_event(event: Event, now: datetime, changed: Iterable[str] | None = None) -> None:
    """Everything about an event that cannot be right, as one clear error each.

    The one check behind ``create`` and ``edit``. ``changed`` names the fields
    an edit sets (None: a new event, every field is new): a deadline or
    programme time that passed long ago is no reason to refuse a new title,
    but a new deadline must still lie ahead.
    """
    new = {"reply_by", "programme_at"} if changed is None else set(changed)
    if not event.title.strip():
        _refuse(_("An event needs a title"))
    if event.ends_at <= event.starts_at:
        _refuse(_("The end is before the start"))
    if event.starts_at <= now:
        _refuse(_("The event is in the past"))
    if "reply_by" in new and event.reply_by is not None and event.reply_by <= now:
        _refuse(_("The reply-by deadline has already passed"))
    if "programme_at" in new and event.programme_at is not None and event.programme_at <= now:
        _refuse(_("The programme time has already passed"))
    for name, value in (
        ("max-per-organisation", event.max_per_organisation),
        ("capacity", event.capacity),
    ):
        if value is not None and value < 1:
            _refuse(_("--{option} must be at least 1").format(option=name))
    _validate_timeline(event)


def _validate_timeline(event: Event) -> None:
    """Deadline before the event, reminders before the deadline, programme in between."""
    if any(not isinstance(d, int) or d < 1 for d in event.reminder_days):
        _refuse(
            _(
                "Reminders go out whole days (at least 1) before the deadline; a reminder on "
                "or after the deadline makes no sense"
            )
        )
    if event.reply_by is not None and event.reply_by > event.starts_at:
        _refuse(_("The reply-by deadline is after the event starts"))
    if event.programme_at is None:
        return
    if event.programme_at >= event.starts_at:
        _refuse(_("The programme must go out before the event"))
    if event.reply_by is not None and event.programme_at < event.reply_by:
        _refuse(_("The programme goes out after the reply-by deadline, once the list is final"))


def create_event(
    session: Session,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    place: str = "",
    address: str = "",
    description: str = "",
    reply_by: datetime | None = None,
    max_per_organisation: int | None = None,
    capacity: int | None = None,
    reminder_days: Sequence[int] = (3, 1),
    programme_at: datetime | None = None,
    programme: str = "",
    timezone: str = "Europe/Amsterdam",
) -> Event:
    """A checked new event (flushed, so it has an id); plan its timeline separately."""
    event = Event(
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        address=address,
        description=description,
        reply_by=reply_by,
        max_per_organisation=max_per_organisation,
        capacity=capacity,
        reminder_days=sorted(set(reminder_days), reverse=True),
        programme_at=programme_at,
        programme=programme,
        timezone=timezone,
    )
    validate_event(event, now)
    session.add(event)
    session.flush()
    return event


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(
            _("Event {id} does not exist; `mailer event list` shows the events").format(id=event_id)
        )
    return event


def guest_facts(event: Event) -> dict[str, Any]:
    """Title, times and place as JSON: what ``Event.announced`` and ``EventUpdate`` keep."""
    return {
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "place": event.place,
        "address": event.address,
    }


def facts_view(facts: dict[str, Any], timezone: str) -> dict[str, Any]:
    """Stored guest facts back as an Event-like mapping the templates can show."""
    return {
        **facts,
        "starts_at": datetime.fromisoformat(facts["starts_at"]),
        "ends_at": datetime.fromisoformat(facts["ends_at"]),
        "timezone": timezone,
    }


def previous_facts(session: Session, campaign_id: int | None) -> dict[str, Any] | None:
    """The event as guests knew it before the update campaign ``campaign_id`` (or None)."""
    if campaign_id is None:
        return None
    row = session.get(EventUpdate, campaign_id)
    if row is None:
        return None
    event = get_event(session, row.event_id)
    return facts_view(row.previous, event.timezone)


def list_events(session: Session) -> list[Event]:
    return list(session.exec(select(Event).order_by(col(Event.starts_at))))


# --------------------------------------------------------------------------- RSVPs

_ADDRESSED = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>$")


def parse_attendees(text: str) -> list[dict[str, Any]]:
    """ "Ans de Vries <ans@voorbeeld.nl>; Piet" → [{"name", "email"}, {"name", "email": None}]."""
    attendees: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _ADDRESSED.match(part)
        if match:
            name, email = match["name"].strip().strip('"'), match["email"].strip()
        elif "@" in part and " " not in part:
            name, email = "", part
        else:
            name, email = part, None
        if email is not None:
            try:
                email = normalise_email(email)
            except InvalidEmail as err:
                raise InvalidInput(str(err)) from err
        attendees.append({"name": name or (email or ""), "email": email})
    return attendees


def _attending_elsewhere(session: Session, event_id: int, organisation_id: int) -> int:
    rows = session.exec(
        select(Rsvp.attendees).where(
            Rsvp.event_id == event_id,
            Rsvp.organisation_id != organisation_id,
            Rsvp.status == RsvpStatus.ATTENDING.value,
        )
    )
    return sum(len(a) for a in rows)


def _check_limits(session: Session, event: Event, organisation_id: int, count: int) -> None:
    """The cap per organisation and the total capacity, with numbers a coordinator can use."""
    cap = event.max_per_organisation
    if cap is not None and count > cap:
        raise CapExceeded(
            ngettext(
                "At most {cap} attendee per organisation, got {count}",
                "At most {cap} attendees per organisation, got {count}",
                cap,
            ).format(cap=cap, count=count)
        )
    if event.capacity is None:
        return
    assert event.id is not None
    taken = _attending_elsewhere(session, event.id, organisation_id)
    if taken + count > event.capacity:
        left = max(event.capacity - taken, 0)
        raise CapacityFull(
            _("The event is full: {left} of {capacity} places left, asked for {count}").format(
                left=left, capacity=event.capacity, count=count
            )
        )


def set_rsvp(
    session: Session,
    event_id: int,
    organisation_id: int,
    *,
    status: RsvpStatus,
    now: datetime,
    attendees: Sequence[dict[str, Any]] = (),
    source: str = "coordinator",
) -> Rsvp:
    """Record an organisation's answer, keep the previous ones, enforce cap and capacity.

    An answer after the deadline is kept and marked ``late``: losing it would
    be worse, and the coordinator sees the flag and decides.
    """
    # Lock the event row so two answers cannot both take the last places
    # (PostgreSQL; SQLite has one writer anyway).
    event = session.exec(select(Event).where(Event.id == event_id).with_for_update()).first()
    if event is None:
        get_event(session, event_id)  # raises NotFound with the usual message
    assert event is not None
    if session.get(Organisation, organisation_id) is None:
        raise NotFound(_("Organisation {id} not found").format(id=organisation_id))
    people = [dict(a) for a in attendees] if status is RsvpStatus.ATTENDING else []
    if status is RsvpStatus.ATTENDING:
        if not people:
            raise InvalidInput(_("Who attends? Give at least one name"))
        _check_limits(session, event, organisation_id, len(people))
    late = event.reply_by is not None and now >= event.reply_by
    rsvp = session.exec(
        select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.organisation_id == organisation_id)
    ).first() or Rsvp(event_id=event_id, organisation_id=organisation_id)
    rsvp.status, rsvp.attendees, rsvp.source = status.value, people, source
    rsvp.late, rsvp.received_at, rsvp.updated_at = late, now, now
    session.add(rsvp)
    session.flush()
    assert rsvp.id is not None
    session.add(
        RsvpChange(
            rsvp_id=rsvp.id, status=status.value, attendees=people, source=source, late=late, at=now
        )
    )
    session.flush()
    return rsvp


def rsvp_history(session: Session, rsvp_id: int) -> list[RsvpChange]:
    return list(
        session.exec(
            select(RsvpChange)
            .where(RsvpChange.rsvp_id == rsvp_id)
            .order_by(col(RsvpChange.at), col(RsvpChange.id))
        )
    )


def rsvps(session: Session, event_id: int) -> list[Rsvp]:
    return list(session.exec(select(Rsvp).where(Rsvp.event_id == event_id).order_by(col(Rsvp.id))))


# --------------------------------------------------------------------------- audiences


def _invitation_deliveries(event_id: int, *columns: Any) -> Any:
    """``columns`` of the deliveries the event's invitations actually sent."""
    from mailer.campaigns import Campaign, CampaignKind
    from mailer.outbox import Delivery, DeliveryStatus

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
    from mailer.outbox import Delivery

    query = _invitation_deliveries(event_id, Delivery.organisation_id)
    return query.where(col(Delivery.organisation_id).is_not(None))


def invited_recipients(session: Session, event_id: int) -> Iterable[RecipientRow]:
    """Each address the invitation reached and each registered attendee, once.

    Who hears that an event moved or is cancelled: everyone who may have it in
    their calendar. Contacts who since unsubscribed, bounced or complained are
    left out, as for every event audience.
    """
    from mailer.outbox import Delivery

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


def registered_recipients(session: Session, event_id: int) -> Iterable[RecipientRow]:
    """Each attendee once: their own address where given, else their organisation's contacts."""
    seen: set[str] = set()
    attending = select(Rsvp).where(
        Rsvp.event_id == event_id, Rsvp.status == RsvpStatus.ATTENDING.value
    )
    for rsvp in session.exec(attending.order_by(col(Rsvp.id))).all():
        for row in _attendee_rows(session, rsvp):
            if row.email.lower() not in seen:
                seen.add(row.email.lower())
                yield row


def _attendee_rows(session: Session, rsvp: Rsvp) -> Iterator[RecipientRow]:
    fallback = False
    for person in rsvp.attendees:
        email = person.get("email")
        if not email:
            fallback = True
            continue
        contact = session.exec(select(Contact).where(Contact.email == email.lower())).first()
        if contact is not None and contact.status != ContactStatus.ACTIVE.value:
            continue
        yield RecipientRow(
            contact.id if contact else None,
            email,
            person.get("name") or (contact.name if contact else ""),
            contact.language if contact else "nl",
            rsvp.organisation_id,
        )
    if fallback:
        contacts = select(Contact).where(
            Contact.organisation_id == rsvp.organisation_id,
            Contact.status == ContactStatus.ACTIVE.value,
        )
        for c in session.exec(contacts.order_by(col(Contact.id))).all():
            assert c.id is not None
            yield RecipientRow(c.id, c.email, c.name, c.language, rsvp.organisation_id)


# --------------------------------------------------------------------------- timeline

_REPLANNABLE = frozenset({"draft", "scheduled", "missed"})
_CANCELLABLE = frozenset({"draft", "scheduled", "paused", "missed"})


@dataclass(frozen=True)
class PlannedStep:
    step: str  # "reminder:3", "programme"
    at: datetime
    send_before: datetime


def reminder_time(reply_by: datetime, days: int, zone: ZoneInfo) -> datetime:
    """``days`` calendar days before the deadline's day, at REMINDER_HOUR local (DST-proof)."""
    day = reply_by.astimezone(zone).date() - timedelta(days=days)
    return localize(datetime.combine(day, time(REMINDER_HOUR)), zone, fold=0)


def planned_steps(event: Event, zone: ZoneInfo) -> list[PlannedStep]:
    """The campaigns the event's timeline wants, whether or not they exist yet."""
    steps = []
    if event.reply_by is not None:
        for days in event.reminder_days:
            at = reminder_time(event.reply_by, days, zone)
            steps.append(PlannedStep(f"reminder:{days}", at, event.reply_by))
    if event.programme_at is not None:
        steps.append(PlannedStep("programme", event.programme_at, event.starts_at))
    return steps


def _step_campaigns(session: Session, event_id: int) -> dict[str, Any]:
    from mailer.campaigns import Campaign

    rows = session.exec(
        select(Campaign).where(
            Campaign.event_id == event_id, col(Campaign.timeline_step).is_not(None)
        )
    ).all()
    return {c.timeline_step: c for c in rows if c.timeline_step}


def _is_timeline_step(name: str) -> bool:
    """Reminders and the programme: the steps the event's own dates place."""
    return name.startswith("reminder:") or name == "programme"


def plan_timeline(
    session: Session, event_id: int, settings: Settings, now: datetime | None = None
) -> list[Any]:
    """Create or re-plan the reminder and programme campaigns; safe to call again.

    Steps whose time already passed are not created (a reminder planned late
    would arrive on top of the invitation), and a step not yet started whose
    new time has passed is cancelled rather than sent late; steps dropped from
    the event are cancelled unless they already went out. Subjects are left to
    the templates, so a new title or deadline shows in every language.
    """
    from mailer import campaigns
    from mailer.campaigns import Audience, CampaignKind

    now = now or utcnow()
    event = get_event(session, event_id)
    _validate_timeline(event)
    existing = _step_campaigns(session, event_id)
    wanted = [] if event.cancelled else planned_steps(event, settings.zone)
    result = []
    for step in wanted:
        campaign = existing.get(step.step)
        if campaign is None:
            if step.at <= now:
                continue
            reminder = step.step.startswith("reminder")
            campaign = campaigns.create(
                session,
                kind=CampaignKind.REMINDER if reminder else CampaignKind.PROGRAMME,
                subject="",
                content="" if reminder else event.programme,
                event_id=event_id,
                audience=Audience.NON_RESPONDERS if reminder else Audience.REGISTERED,
                timeline_step=step.step,
                send_before=step.send_before,
                now=now,
            )
        moved = campaign.scheduled_at != step.at or campaign.send_before != step.send_before
        assert campaign.id is not None
        if campaign.status not in _REPLANNABLE:
            pass  # under way or done: it stays as it went
        elif step.at <= now and moved:
            campaigns.cancel(session, campaign.id)  # sent late would be worse than not at all
        elif step.at > now and (moved or campaign.status != "scheduled"):
            campaign.send_before = step.send_before
            campaigns.schedule(session, campaign.id, step.at, now=now)
        result.append(campaign)
    names = {s.step for s in wanted}
    for name, campaign in existing.items():
        if name not in names and _is_timeline_step(name) and campaign.status in _CANCELLABLE:
            campaigns.cancel(session, campaign.id)
    session.flush()
    return result


@dataclass(frozen=True)
class TimelineStep:
    """One line of ``mailer event timeline``: what it is, when, and how it went."""

    step: str  # "invitation", "reminder:3", "deadline", "programme", "event"
    at: datetime | None
    status: str  # a campaign status, or "open"/"closed", "lapsed", "upcoming"/"done"
    campaign_id: int | None = None
    sent: int = 0
    note: str = ""
    next: bool = False


def _sent_counts(session: Session, campaign_ids: list[int]) -> dict[int, int]:
    from mailer.outbox import Delivery, DeliveryStatus

    if not campaign_ids:
        return {}
    rows = session.exec(
        select(Delivery.campaign_id, func.count())
        .where(
            col(Delivery.campaign_id).in_(campaign_ids),
            Delivery.status == DeliveryStatus.SENT.value,
        )
        .group_by(col(Delivery.campaign_id))
    )
    return {cid: n for cid, n in rows}


def _campaign_step(step: str, campaign: Any, sent: dict[int, int]) -> TimelineStep:
    return TimelineStep(
        step=step,
        at=campaign.scheduled_at or campaign.started_at,
        status=campaign.status,
        campaign_id=campaign.id,
        sent=sent.get(campaign.id, 0),
        note=reasons.render(campaign.note),
    )


def timeline(
    session: Session, event_id: int, now: datetime, zone: ZoneInfo | None = None
) -> list[TimelineStep]:
    """The event's steps in time order, with what ran and, marked ``next``, what comes next."""
    from mailer.campaigns import Campaign, CampaignKind

    event = get_event(session, event_id)
    zone = zone or ZoneInfo(event.timezone)
    invitations = session.exec(
        select(Campaign).where(
            Campaign.event_id == event_id, Campaign.kind == CampaignKind.INVITATION.value
        )
    ).all()
    by_step = _step_campaigns(session, event_id)
    ids = [c.id for c in [*invitations, *by_step.values()] if c.id is not None]
    sent = _sent_counts(session, ids)
    steps = [_campaign_step("invitation", c, sent) for c in invitations]
    for planned in planned_steps(event, zone):
        campaign = by_step.pop(planned.step, None)
        if campaign is not None:
            steps.append(_campaign_step(planned.step, campaign, sent))
        else:
            steps.append(
                TimelineStep(
                    planned.step,
                    planned.at,
                    "lapsed",
                    note=reasons.render(reasons.encode(reasons.Code.TIME_PASSED_WHEN_PLANNED)),
                )
            )
    steps += [_campaign_step(name, c, sent) for name, c in by_step.items() if name != "invitation"]
    if event.reply_by is not None:
        closed = now >= event.reply_by or event.cancelled
        steps.append(TimelineStep("deadline", event.reply_by, "closed" if closed else "open"))
    happened = "done" if now >= event.starts_at else "upcoming"
    steps.append(
        TimelineStep("event", event.starts_at, "cancelled" if event.cancelled else happened)
    )
    steps.sort(key=lambda s: (s.at is None, s.at or now))
    return _mark_next(steps, now)


def _mark_next(steps: list[TimelineStep], now: datetime) -> list[TimelineStep]:
    waiting = {"scheduled", "open", "upcoming"}
    for i, step in enumerate(steps):
        if step.status in waiting and step.at is not None and step.at >= now:
            steps[i] = replace(step, next=True)
            break
    return steps
