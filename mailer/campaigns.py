"""Campaigns and their life: draft → scheduled → sending → sent; paused, cancelled, missed."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from subscribers.sqltypes import JSONText, UTCDateTime, utcnow


class CampaignKind(StrEnum):
    NEWSLETTER = "newsletter"
    INVITATION = "invitation"
    REMINDER = "reminder"
    PROGRAMME = "programme"


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    MISSED = "missed"


class Audience(StrEnum):
    """Who a campaign goes to: saved segments, or a set derived from an event's RSVPs."""

    SEGMENTS = "segments"
    NON_RESPONDERS = "non_responders"
    REGISTERED = "registered"


class Campaign(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("event_id", "timeline_step"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default=CampaignKind.NEWSLETTER.value, max_length=20)
    status: str = Field(default=CampaignStatus.DRAFT.value, index=True, max_length=20)
    subject: str = Field(default="", max_length=300)
    content: str = Field(default="")
    segments: list[str] = Field(default_factory=list, sa_type=JSONText)
    audience: str = Field(default=Audience.SEGMENTS.value, max_length=20)
    event_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="SET NULL"), index=True),
    )
    # Set on campaigns an event's timeline creates ("invitation", "reminder:3", "programme"),
    # unique per event so a timeline step can never exist twice.
    timeline_step: str | None = Field(default=None, max_length=50)
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    # Never start sending at or after this instant (a reminder after its deadline
    # is worse than none); such a campaign becomes ``missed`` instead.
    send_before: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
