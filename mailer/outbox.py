"""The outbox ledger: one ``Delivery`` per (campaign, address), and its state machine."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from subscribers.sqltypes import UTCDateTime, utcnow


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    SKIPPED = "skipped"


class Delivery(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("campaign_id", "email"),
        Index("ix_delivery_campaign_status", "campaign_id", "status"),
        # Claiming only ever looks at queued rows: keep the index to those, so
        # claiming stays fast while a large campaign drains (see STACK.md).
        Index(
            "ix_delivery_queued",
            "campaign_id",
            "next_attempt_at",
            "id",
            postgresql_where=text("status = 'queued'"),
            sqlite_where=text("status = 'queued'"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("campaign.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    contact_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="SET NULL"), index=True),
    )
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL"), index=True),
    )
    email: str = Field(max_length=320)
    name: str = Field(default="", max_length=200)
    language: str = Field(default="nl", max_length=5)
    status: str = Field(default=DeliveryStatus.QUEUED.value, max_length=20)
    reason: str = Field(default="", max_length=1000)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    token: str = Field(unique=True, max_length=40)
    message_id: str = Field(unique=True, max_length=200)
    provider_id: str = Field(default="", max_length=200)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
