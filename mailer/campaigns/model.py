"""A campaign as stored: its kinds, statuses and the legal moves between them.

Status changes go through :func:`move`, a compare-and-set in the database, so
two processes (the scheduler, a coordinator's ``pause``) cannot both win a
move from the same status.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint, or_, update
from sqlmodel import Field, Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mailer.errors import InvalidTransition
from mailer.i18n import N_, _, label
from subscribers.sqltypes import JSONText, UTCDateTime, utcnow

# Every campaign has its text in the main language; the second is optional.
# A contact whose language the campaign does not speak gets the main one.
MAIN_LANGUAGE = "nl"
SECOND_LANGUAGE = "en"
MAX_SUBJECT = 300  # the column's length: PostgreSQL refuses longer, SQLite would not


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
    # The English version; empty means English contacts get the Dutch mail.
    subject_en: str = Field(default="", max_length=300)
    content_en: str = Field(default="")
    # Events a newsletter's agenda shows, chosen by the coordinator (ids, in any order).
    agenda: list[int] = Field(default_factory=list, sa_type=JSONText)
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


# Who each kind goes to unless the caller says otherwise.
DEFAULT_AUDIENCE: dict[CampaignKind, Audience] = {
    CampaignKind.NEWSLETTER: Audience.SEGMENTS,
    CampaignKind.INVITATION: Audience.SEGMENTS,
    CampaignKind.REMINDER: Audience.NON_RESPONDERS,
    CampaignKind.PROGRAMME: Audience.REGISTERED,
    CampaignKind.UPDATE: Audience.INVITED,
    CampaignKind.CANCELLATION: Audience.INVITED,
}

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

# Only what has not been handed to the outbox can still change.
EDITABLE = frozenset({CampaignStatus.DRAFT, CampaignStatus.SCHEDULED})

# Status words as an operator reads them (translated when shown).
STATUS_LABELS: dict[str, str] = {
    "draft": N_("draft"),
    "scheduled": N_("scheduled"),
    "sending": N_("sending"),
    "sent": N_("sent"),
    "paused": N_("paused"),
    "cancelled": N_("cancelled"),
    "missed": N_("missed"),
}


KIND_LABELS: dict[str, str] = {
    "newsletter": N_("newsletter"),
    "invitation": N_("invitation"),
    "reminder": N_("reminder"),
    "programme": N_("programme"),
    "update": N_("event update"),
    "cancellation": N_("event cancellation"),
}


def kind_label(kind: str) -> str:
    """A campaign kind in the operator's language."""
    return label(KIND_LABELS, kind)


def status_label(status: str) -> str:
    """A campaign status in the operator's language (unknown ones as stored)."""
    return label(STATUS_LABELS, status)


def check_transition(campaign: Campaign, target: CampaignStatus) -> None:
    """Raise ``InvalidTransition`` saying why ``campaign`` cannot move to ``target``."""
    current = CampaignStatus(campaign.status)
    if target not in _TRANSITIONS[current]:
        raise InvalidTransition(
            _("Campaign {id} is {status} and cannot become {target}").format(
                id=campaign.id, status=status_label(current), target=status_label(target)
            )
        )


def transition(campaign: Campaign, target: CampaignStatus, *, now: datetime | None = None) -> None:
    """Move ``campaign`` to ``target`` or raise ``InvalidTransition`` saying why not."""
    check_transition(campaign, target)
    campaign.status = target.value
    campaign.updated_at = now or utcnow()


def move(
    session: Session,
    campaign_id: int,
    target: CampaignStatus,
    *,
    expected: CampaignStatus,
    now: datetime | None = None,
    **values: Any,
) -> bool:
    """``expected`` → ``target`` in the database, if the campaign is still ``expected``.

    The one compare-and-set for moves that processes race for (the scheduler
    starting it while a coordinator pauses it; two workers finishing it): one
    UPDATE … WHERE status = expected, so exactly one wins, and the loser
    learns it from the result instead of overwriting. An illegal move is a bug,
    refused before the database is asked.
    """
    if target not in _TRANSITIONS[expected]:
        raise InvalidTransition(
            _("Campaign {id} is {status} and cannot become {target}").format(
                id=campaign_id, status=status_label(expected), target=status_label(target)
            )
        )
    done = session.execute(
        update(Campaign)
        .where(col(Campaign.id) == campaign_id, col(Campaign.status) == expected.value)
        .values(status=target.value, updated_at=now or utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return getattr(done, "rowcount", 0) == 1


def languages(campaign: Campaign) -> tuple[str, ...]:
    """The languages this campaign's mail is written in, the main one first.

    English needs an English subject (validation makes content and subject go
    together); a campaign with no coordinator text at all is the templates'
    own words, which exist in every language.
    """
    if campaign.subject_en.strip() or not (campaign.subject.strip() or campaign.content.strip()):
        return (MAIN_LANGUAGE, SECOND_LANGUAGE)
    return (MAIN_LANGUAGE,)


def sending_now(now: datetime, campaign_id: int | None = None) -> SelectOfScalar[int | None]:
    """The campaigns whose rows may be claimed now: sending, and never past their deadline
    (whichever process is draining)."""
    query = select(col(Campaign.id)).where(
        col(Campaign.status) == CampaignStatus.SENDING.value,
        or_(col(Campaign.send_before).is_(None), col(Campaign.send_before) > now),
    )
    return query if campaign_id is None else query.where(col(Campaign.id) == campaign_id)


def cancelled_ids() -> SelectOfScalar[int | None]:
    return select(col(Campaign.id)).where(col(Campaign.status) == CampaignStatus.CANCELLED.value)
