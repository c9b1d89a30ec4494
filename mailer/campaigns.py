"""Campaigns and their life: draft → scheduled → sending → sent; paused, cancelled, missed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

from mailer.errors import InvalidInput, InvalidTransition, NotFound
from mailer.message import check_header
from subscribers.sqltypes import JSONText, UTCDateTime, utcnow


class CampaignKind(StrEnum):
    NEWSLETTER = "newsletter"
    INVITATION = "invitation"
    REMINDER = "reminder"
    PROGRAMME = "programme"
    UPDATE = "update"  # an event moved, renamed or relocated: ICS with a higher SEQUENCE
    CANCELLATION = "cancellation"  # an event cancelled: ICS METHOD:CANCEL


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
    INVITED = "invited"  # everyone an event's invitation reached, and its registered attendees


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


# Which state may follow which; anything else is a coordinator's mistake we explain.
_TRANSITIONS: dict[CampaignStatus, frozenset[CampaignStatus]] = {
    CampaignStatus.DRAFT: frozenset({CampaignStatus.SCHEDULED, CampaignStatus.CANCELLED}),
    CampaignStatus.SCHEDULED: frozenset(
        {
            CampaignStatus.SCHEDULED,
            CampaignStatus.SENDING,
            CampaignStatus.PAUSED,
            CampaignStatus.CANCELLED,
            CampaignStatus.MISSED,
        }
    ),
    CampaignStatus.SENDING: frozenset(
        {CampaignStatus.SENT, CampaignStatus.PAUSED, CampaignStatus.CANCELLED}
    ),
    CampaignStatus.PAUSED: frozenset(
        {CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.CANCELLED}
    ),
    CampaignStatus.MISSED: frozenset({CampaignStatus.SCHEDULED, CampaignStatus.CANCELLED}),
    # resending uncertain deliveries reopens a sent campaign
    CampaignStatus.SENT: frozenset({CampaignStatus.SENDING}),
    CampaignStatus.CANCELLED: frozenset(),
}

_DUTCH = {
    "draft": "concept",
    "scheduled": "ingepland",
    "sending": "bezig met verzenden",
    "sent": "verzonden",
    "paused": "gepauzeerd",
    "cancelled": "geannuleerd",
    "missed": "gemist",
}


def transition(campaign: Campaign, target: CampaignStatus, *, now: datetime | None = None) -> None:
    """Move ``campaign`` to ``target`` or raise ``InvalidTransition`` saying why not."""
    current = CampaignStatus(campaign.status)
    if target not in _TRANSITIONS[current]:
        raise InvalidTransition(
            f"Campagne {campaign.id} is {_DUTCH[current]} en kan niet naar "
            f"'{_DUTCH[target]}' / campaign {campaign.id} is {current} and cannot become {target}"
        )
    campaign.status = target.value
    campaign.updated_at = now or utcnow()


def create(
    session: Session,
    *,
    kind: CampaignKind,
    subject: str,
    content: str = "",
    segments: Sequence[str] = (),
    event_id: int | None = None,
    audience: Audience = Audience.SEGMENTS,
    timeline_step: str | None = None,
    send_before: datetime | None = None,
) -> Campaign:
    """A new draft; checks only what can be known without rendering."""
    if kind is not CampaignKind.NEWSLETTER and event_id is None:
        raise InvalidInput(f"Een {kind} hoort bij een evenement (--event) / needs an event")
    if audience is Audience.SEGMENTS and not segments:
        raise InvalidInput("Kies minstens één segment (--segment) / choose at least one segment")
    check_header("subject", subject)
    campaign = Campaign(
        kind=kind.value,
        subject=subject,
        content=content,
        segments=list(segments),
        event_id=event_id,
        audience=audience.value,
        timeline_step=timeline_step,
        send_before=send_before,
    )
    session.add(campaign)
    session.flush()
    return campaign


def get(session: Session, campaign_id: int) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(f"Campagne {campaign_id} bestaat niet / campaign {campaign_id} not found")
    return campaign


def all_campaigns(session: Session) -> list[Campaign]:
    return list(session.exec(select(Campaign).order_by(col(Campaign.id))))


def schedule(
    session: Session, campaign_id: int, at: datetime, *, now: datetime | None = None
) -> Campaign:
    """Plan (or re-plan) a campaign; a paused one that already started resumes instead."""
    if at.tzinfo is None:
        raise InvalidInput("schedule() needs an aware datetime")
    campaign = get(session, campaign_id)
    if campaign.started_at is not None:
        raise InvalidTransition(
            f"Campagne {campaign_id} is al begonnen; gebruik 'resume' / "
            f"campaign {campaign_id} has already started; use 'resume'"
        )
    if campaign.send_before is not None and at >= campaign.send_before:
        raise InvalidInput(
            f"Campagne {campaign_id} moet vóór {campaign.send_before:%Y-%m-%d %H:%M} UTC uit / "
            "must go out before its deadline"
        )
    transition(campaign, CampaignStatus.SCHEDULED, now=now)
    campaign.scheduled_at = at
    campaign.note = ""
    session.add(campaign)
    return campaign


def pause(session: Session, campaign_id: int, reason: str = "") -> Campaign:
    campaign = get(session, campaign_id)
    transition(campaign, CampaignStatus.PAUSED)
    campaign.note = reason or "gepauzeerd door coördinator / paused by coordinator"
    session.add(campaign)
    return campaign


def resume(session: Session, campaign_id: int) -> Campaign:
    """Back to where it was: sending if it had started, otherwise scheduled."""
    campaign = get(session, campaign_id)
    if campaign.status != CampaignStatus.PAUSED:
        raise InvalidTransition(
            f"Campagne {campaign_id} is niet gepauzeerd maar {_DUTCH[campaign.status]} / "
            f"campaign {campaign_id} is not paused but {campaign.status}"
        )
    started = campaign.started_at is not None
    transition(campaign, CampaignStatus.SENDING if started else CampaignStatus.SCHEDULED)
    campaign.note = ""
    session.add(campaign)
    return campaign


def cancel(session: Session, campaign_id: int) -> Campaign:
    """Cancel; queued deliveries are marked skipped so the ledger still adds up."""
    from mailer import outbox  # outbox reads the campaign table: import late, no cycle

    campaign = get(session, campaign_id)
    transition(campaign, CampaignStatus.CANCELLED)
    outbox.skip_queued(session, campaign_id, "campagne geannuleerd / campaign cancelled")
    session.add(campaign)
    return campaign
