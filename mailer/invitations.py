"""Events, the RSVPs of organisations for them, and the steps an event's dates plan.

An invitation goes to organisations, not people: one ``Rsvp`` per
(event, organisation) lists who of that organisation attends, within the
event's cap per organisation and total capacity.

This module knows no campaigns and no deliveries (``mailer.campaigns`` imports
its ``Event``): the campaigns a timeline creates are ``mailer.timeline``'s, the
audiences that read what an invitation reached are ``mailer.audience``'s.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, NoReturn
from zoneinfo import ZoneInfo

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

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
    validate_timeline(event)


def validate_timeline(event: Event) -> None:
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
