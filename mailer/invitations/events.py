"""Events: what is planned where and when, what guests were told, the steps its dates plan.

Knows no campaigns and no deliveries: the campaigns an event needs are
``mailer.campaigns``' (timeline, update, cancellation).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, Session, SQLModel, col, select

from mailer.errors import (
    NotFound,
    TimelineError,
)
from mailer.i18n import _
from mailer.localtime import localize
from subscribers.sqltypes import JSONText, UTCDateTime, utcnow


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
