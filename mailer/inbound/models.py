"""Tables of the inbound side: every message as it arrived, and what was made of it.

The raw bytes live in their own table (``inbound_raw``), one row per message:
listing the review queue never drags 30 MB attachments out of the database,
and retention deletes the bytes while the message row (its sha256, its
reading, its match) stays, so the same mail arriving again a year later is
still recognised as already seen.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary
from sqlmodel import Field, SQLModel

from subscribers.sqltypes import JSONText, UTCDateTime, utcnow

__all__ = ["InboundMessage", "InboundRaw", "InboundStatus", "MatchRule", "SQLModel"]


class InboundStatus(StrEnum):
    STORED = "stored"  # raw bytes committed, nothing read yet
    PROCESSED = "processed"  # read, matched and handed on (applied, counted or forwarded)
    REVIEW = "review"  # read, but a person has to decide (the review queue)
    FAILED = "failed"  # reading or applying raised: ``reason`` says what; in the review queue


class MatchRule(StrEnum):
    """Which rule tied a message to a delivery or an organisation (the issue's order)."""

    REPLY_ADDRESS = "reply_address"  # the per-delivery reply address in a recipient header
    MESSAGE_ID = "message_id"  # In-Reply-To / References name one of our Message-IDs
    CALENDAR = "calendar"  # the ORGANIZER (our reply address) or UID of a calendar reply
    RETURNED = "returned"  # a bounce carries our original message (its Message-ID)
    CONTACT = "contact"  # the sender is a known contact
    DOMAIN = "domain"  # the sender's domain belongs to exactly one organisation
    NONE = "none"  # unmatched; ``match_reason`` says why


def _fk(table: str, *, index: bool = True) -> Any:
    return Field(
        default=None,
        sa_column=Column(Integer, ForeignKey(f"{table}.id", ondelete="SET NULL"), index=index),
    )


class InboundMessage(SQLModel, table=True):
    __tablename__ = "inbound_message"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, max_length=64)
    size: int = Field(default=0)
    received_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    # where it came from: "file", "imap", "webhook"; ``origin`` names the file or mailbox
    source: str = Field(max_length=20)
    origin: str = Field(default="", max_length=500)
    # recipients the transport told us (SendGrid's envelope), beside the headers
    envelope_to: list[str] = Field(default_factory=list, sa_type=JSONText)
    status: str = Field(default=InboundStatus.STORED.value, index=True, max_length=20)
    # filled when read (never at intake: storing must not depend on parsing)
    message_id: str = Field(default="", index=True, max_length=500)
    from_address: str = Field(default="", index=True, max_length=320)
    subject: str = Field(default="", max_length=500)
    kind: str | None = Field(default=None, index=True, max_length=20)
    reading: dict[str, Any] | None = Field(default=None, sa_type=JSONText)
    match_rule: str | None = Field(default=None, max_length=20)
    match_reason: str = Field(default="", max_length=200)
    delivery_id: int | None = _fk("delivery")
    campaign_id: int | None = _fk("campaign")
    event_id: int | None = _fk("event")
    organisation_id: int | None = _fk("organisation")
    contact_id: int | None = _fk("contact")
    # what applying did (the applier's own summary); why it failed, or what was damaged
    outcome: dict[str, Any] | None = Field(default=None, sa_type=JSONText)
    reason: str = Field(default="", max_length=1000)
    attempts: int = Field(default=0)
    processed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    raw_deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class InboundRaw(SQLModel, table=True):
    """The bytes exactly as they arrived; deleted by retention, never changed."""

    __tablename__ = "inbound_raw"

    inbound_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("inbound_message.id", ondelete="CASCADE"), primary_key=True
        )
    )
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
