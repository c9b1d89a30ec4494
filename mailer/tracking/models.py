"""Tables of the tracking side: what providers post to us, the dashboard's users, and
(only when ``MAILER_TRACKING`` is on) the campaigns' links and the opens and clicks.

A webhook body is stored whole before it is read (``WebhookBody``), so a
parser bug or a crash halfway loses nothing and can be replayed; each event in
it becomes one ``ProviderEvent``, unique per provider event id, which is what
makes SendGrid's retries harmless. The dashboard's users live here too: they
are few, and the web side is their only reader.

Open and click tracking keep as little as answers "was it read, was it
clicked": a campaign's links, numbered (``CampaignLink``, the only addresses
the click redirect goes to), whether a campaign went out tracked
(``TrackedCampaign``), and per delivery the first open and click and their
counts (``DeliveryTracking``): no addresses, no user agents, no IP addresses.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, PrimaryKeyConstraint, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from subscribers.sqltypes import JSONText, UTCDateTime, utcnow

__all__ = [
    "CampaignLink",
    "DashboardUser",
    "DeliveryTracking",
    "ProviderEvent",
    "Role",
    "SQLModel",
    "TrackedCampaign",
    "WebhookBody",
]


def _now() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class WebhookBody(SQLModel, table=True):
    """One POST from a provider, byte for byte (decoded as UTF-8), kept before parsing."""

    __tablename__ = "webhook_body"
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=40, index=True)  # "sendgrid-events"
    body: str = Field(sa_column=Column(Text, nullable=False))
    received_at: datetime = _now()
    processed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str = Field(default="", max_length=1000)


class ProviderEvent(SQLModel, table=True):
    """One provider event, mapped to our own kind, with its raw payload beside it."""

    __tablename__ = "provider_event"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)
    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=20)
    event_id: str = Field(max_length=200)
    kind: str = Field(max_length=20, index=True)  # tracking.events.EventType
    provider_kind: str = Field(max_length=60)  # the provider's own name, e.g. "bounce/blocked"
    delivery_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("delivery.id", ondelete="SET NULL"), index=True),
    )
    email: str | None = Field(default=None, max_length=320)
    reason: str = Field(default="", max_length=1000)  # the provider's words, as they are
    occurred_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    received_at: datetime = _now()
    body_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("webhook_body.id", ondelete="SET NULL"), index=True),
    )
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSONText, nullable=False)


class Role(StrEnum):
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class DashboardUser(SQLModel, table=True):
    """Someone who may log in to the dashboard; the password only as an Argon2 hash."""

    __tablename__ = "dashboard_user"
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    password_hash: str = Field(max_length=200)
    role: str = Field(default=Role.COORDINATOR.value, max_length=20)
    language: str = Field(default="nl", max_length=5)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # bumped at log-out: every session cookie issued before stops working
    session_epoch: int = Field(default=0)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _now()


class TrackedCampaign(SQLModel, table=True):
    """A campaign whose mail went out with tracking on: its status shows opens and clicks."""

    __tablename__ = "tracked_campaign"
    campaign_id: int = Field(
        sa_column=Column(Integer, ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    )
    since: datetime = _now()


class CampaignLink(SQLModel, table=True):
    """Link ``number`` of a campaign: the one address ``/c/<ref>/<number>`` redirects to.

    Numbered from 1 in the order the send loop first met them, across the
    campaign's languages; a number never changes its address (mail already
    sent carries it).
    """

    __tablename__ = "campaign_link"
    __table_args__ = (PrimaryKeyConstraint("campaign_id", "number"),)
    campaign_id: int = Field(
        sa_column=Column(Integer, ForeignKey("campaign.id", ondelete="CASCADE"), nullable=False)
    )
    number: int = Field(sa_column=Column(Integer, nullable=False, autoincrement=False))
    url: str = Field(sa_column=Column(Text, nullable=False))


class DeliveryTracking(SQLModel, table=True):
    """One delivery's opens and clicks: when first, how often (link scanners count too)."""

    __tablename__ = "delivery_tracking"
    delivery_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("delivery.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    first_opened_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    opens: int = Field(default=0)
    first_clicked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    clicks: int = Field(default=0)
