"""Events, the RSVPs of organisations for them, and the invitation's timeline.

An invitation goes to organisations, not people: one ``Rsvp`` per
(event, organisation) lists who of that organisation attends, within the
event's cap per organisation and total capacity.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

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
    cancelled: bool = Field(default=False)
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
