"""Campaigns and their life: draft → scheduled → sending → sent; paused, cancelled, missed.

What a campaign says (subject and content per language, segments, event,
agenda) is checked by one function, :func:`validate`, at ``create``, ``edit``
and ``schedule`` alike, so a campaign that could not be sent is refused while
the coordinator is still at the keyboard, not when the scheduler starts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

from mailer import reasons
from mailer.errors import InvalidInput, InvalidTransition, NotFound
from mailer.i18n import N_, _, label, ngettext
from mailer.invitations import Event
from mailer.message import check_header
from subscribers.errors import UnknownSegment
from subscribers.segments import rule_for
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


# --------------------------------------------------------------------------- checks


def languages(campaign: Campaign) -> tuple[str, ...]:
    """The languages this campaign's mail is written in, the main one first.

    English needs an English subject (validation makes content and subject go
    together); a campaign with no coordinator text at all is the templates'
    own words, which exist in every language.
    """
    if campaign.subject_en.strip() or not (campaign.subject.strip() or campaign.content.strip()):
        return (MAIN_LANGUAGE, SECOND_LANGUAGE)
    return (MAIN_LANGUAGE,)


def check_segments(session: Session, names: Sequence[str]) -> None:
    """Every named segment exists now (built in, a Dutch alias, or saved)."""
    for name in names:
        try:
            rule_for(session, name)
        except UnknownSegment as err:
            raise NotFound(
                _(
                    "Segment {name!r} does not exist; `mailer segments list` shows the "
                    "segments there are"
                ).format(name=name)
            ) from err


def _check_event(session: Session, campaign: Campaign, kind: CampaignKind) -> None:
    if campaign.event_id is None:
        if kind is not CampaignKind.NEWSLETTER:
            raise InvalidInput(
                _("{kind}: this kind of campaign belongs to an event; give --event").format(
                    kind=kind_label(kind)
                )
            )
        return
    event = session.get(Event, campaign.event_id)
    if event is None:
        raise NotFound(
            _("Event {id} does not exist; `mailer event list` shows the events").format(
                id=campaign.event_id
            )
        )
    if kind is CampaignKind.INVITATION and event.cancelled:
        raise InvalidInput(_("Event {id} is cancelled").format(id=event.id))


def _check_audience(session: Session, campaign: Campaign, kind: CampaignKind) -> None:
    if Audience(campaign.audience) is not Audience.SEGMENTS:
        if campaign.segments:
            raise InvalidInput(
                _(
                    "{kind}: this kind of campaign goes to the event's own people (those "
                    "registered or invited); --segment does not apply to it"
                ).format(kind=kind_label(kind))
            )
        return
    if not campaign.segments:
        raise InvalidInput(_("Choose at least one segment (--segment)"))
    check_segments(session, campaign.segments)


def _check_texts(campaign: Campaign) -> None:
    for option, subject in (("--subject", campaign.subject), ("--subject-en", campaign.subject_en)):
        check_header("subject", subject)
        if len(subject) > MAX_SUBJECT:
            raise InvalidInput(
                _("{option} is {length} characters long; at most {limit} fit").format(
                    option=option, length=len(subject), limit=MAX_SUBJECT
                )
            )
    if campaign.content_en.strip() and not campaign.subject_en.strip():
        raise InvalidInput(_("English content needs an English subject too: add --subject-en"))
    if campaign.subject_en.strip() and campaign.content.strip() and not campaign.content_en.strip():
        raise InvalidInput(
            _(
                "An English subject needs the English content too (--content-en): "
                "otherwise English contacts would get Dutch text under an English subject"
            )
        )


def _check_agenda(session: Session, campaign: Campaign, kind: CampaignKind, now: datetime) -> None:
    if not campaign.agenda:
        return
    if kind is not CampaignKind.NEWSLETTER:
        raise InvalidInput(_("Only a newsletter has an agenda; drop --agenda"))
    for event_id in campaign.agenda:
        event = session.get(Event, event_id)
        if event is None:
            raise NotFound(
                _("Event {id} does not exist; `mailer event list` shows the events").format(
                    id=event_id
                )
            )
        if event.cancelled:
            raise InvalidInput(
                _("Event {id} is cancelled; take it off the agenda").format(id=event_id)
            )
        if event.ends_at <= now:
            raise InvalidInput(_("Event {id} is over; take it off the agenda").format(id=event_id))


def validate(session: Session, campaign: Campaign, now: datetime | None = None) -> None:
    """Everything about a campaign that can be known without rendering it.

    The one check behind ``create``, ``edit`` and ``schedule``: the event and
    the segments exist, the audience fits the kind, subjects are one line, the
    languages are complete, the agenda's events are still to come.
    """
    kind = CampaignKind(campaign.kind)
    _check_texts(campaign)
    _check_event(session, campaign, kind)
    _check_audience(session, campaign, kind)
    _check_agenda(session, campaign, kind, now or utcnow())


# --------------------------------------------------------------------------- life


def create(
    session: Session,
    *,
    kind: CampaignKind,
    subject: str,
    content: str = "",
    segments: Sequence[str] = (),
    event_id: int | None = None,
    audience: Audience | None = None,
    timeline_step: str | None = None,
    send_before: datetime | None = None,
    subject_en: str = "",
    content_en: str = "",
    agenda: Sequence[int] = (),
    now: datetime | None = None,
) -> Campaign:
    """A new, checked draft; the audience follows from the kind unless given."""
    campaign = Campaign(
        kind=kind.value,
        subject=subject,
        content=content,
        subject_en=subject_en,
        content_en=content_en,
        segments=list(segments),
        agenda=list(dict.fromkeys(agenda)),
        event_id=event_id,
        audience=(audience or DEFAULT_AUDIENCE[kind]).value,
        timeline_step=timeline_step,
        send_before=send_before,
    )
    validate(session, campaign, now)
    session.add(campaign)
    session.flush()
    return campaign


@dataclass(frozen=True)
class Changes:
    """What ``edit`` changes; ``None`` leaves a field as it is (``agenda=()`` empties it)."""

    subject: str | None = None
    subject_en: str | None = None
    content: str | None = None
    content_en: str | None = None
    segments: Sequence[str] | None = None
    agenda: Sequence[int] | None = None

    def is_empty(self) -> bool:
        return not self.updates()

    def updates(self) -> dict[str, Any]:
        """The fields to set, as the model stores them."""
        values: dict[str, Any] = {k: v for k, v in vars(self).items() if v is not None}
        if self.segments is not None:
            values["segments"] = list(self.segments)
        if self.agenda is not None:
            values["agenda"] = list(dict.fromkeys(self.agenda))
        return values


def edit(
    session: Session, campaign_id: int, changes: Changes, *, now: datetime | None = None
) -> Campaign:
    """Change a draft or scheduled campaign, checked exactly as at ``create``."""
    campaign = get(session, campaign_id)
    if campaign.status not in EDITABLE:
        raise InvalidTransition(
            _(
                "Campaign {id} is {status}; only a draft or a scheduled campaign can be edited"
            ).format(id=campaign_id, status=status_label(campaign.status))
        )
    if changes.is_empty():
        raise InvalidInput(
            _("Nothing to change: give --subject, --content, --segment or --agenda (see --help)")
        )
    updates = changes.updates()
    # Check the campaign as it would become, then change it: a refused edit changes nothing.
    validate(session, Campaign(**{**campaign.model_dump(), **updates}), now)
    for name, value in updates.items():
        setattr(campaign, name, value)
    campaign.updated_at = now or utcnow()
    session.add(campaign)
    return campaign


def get(session: Session, campaign_id: int) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(_("Campaign {id} not found").format(id=campaign_id))
    return campaign


def all_campaigns(session: Session) -> list[Campaign]:
    return list(session.exec(select(Campaign).order_by(col(Campaign.id))))


def schedule(
    session: Session, campaign_id: int, at: datetime, *, now: datetime | None = None
) -> Campaign:
    """Plan (or re-plan) a campaign, checked again; a paused one that started resumes instead."""
    if at.tzinfo is None:
        raise InvalidInput("schedule() needs an aware datetime")
    campaign = get(session, campaign_id)
    if campaign.started_at is not None:
        raise InvalidTransition(
            _("Campaign {id} has already started; use 'resume'").format(id=campaign_id)
        )
    if campaign.send_before is not None and at >= campaign.send_before:
        raise InvalidInput(
            _("Campaign {id} must go out before {deadline} UTC").format(
                id=campaign_id, deadline=f"{campaign.send_before:%Y-%m-%d %H:%M}"
            )
        )
    check_transition(campaign, CampaignStatus.SCHEDULED)
    validate(session, campaign, now)
    transition(campaign, CampaignStatus.SCHEDULED, now=now)
    campaign.scheduled_at = at
    campaign.note = ""
    session.add(campaign)
    return campaign


def pause(session: Session, campaign_id: int, reason: str = "") -> Campaign:
    campaign = get(session, campaign_id)
    transition(campaign, CampaignStatus.PAUSED)
    campaign.note = (
        reasons.encode(reasons.Code.PAUSED_WITH_NOTE, note=reason)
        if reason
        else reasons.encode(reasons.Code.PAUSED_BY_COORDINATOR)
    )
    session.add(campaign)
    return campaign


def resume(session: Session, campaign_id: int) -> Campaign:
    """Back to where it was: sending if it had started, otherwise scheduled."""
    campaign = get(session, campaign_id)
    if campaign.status != CampaignStatus.PAUSED:
        raise InvalidTransition(
            _("Campaign {id} is not paused but {status}").format(
                id=campaign_id, status=status_label(campaign.status)
            )
        )
    started = campaign.started_at is not None
    transition(campaign, CampaignStatus.SENDING if started else CampaignStatus.SCHEDULED)
    campaign.note = ""
    session.add(campaign)
    return campaign


def cancel(session: Session, campaign_id: int) -> Campaign:
    """Mark the campaign cancelled; ``outbox.cancel`` also settles its queued rows."""
    campaign = get(session, campaign_id)
    transition(campaign, CampaignStatus.CANCELLED)
    session.add(campaign)
    return campaign


# --------------------------------------------------------------------------- segments


def waiting_on_segment(session: Session, name: str) -> list[int]:
    """Campaigns that have not started and would lose their audience with this segment."""
    key = name.strip()
    waiting = session.exec(
        select(Campaign)
        .where(
            col(Campaign.status).in_(
                [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.PAUSED]
            ),
            col(Campaign.started_at).is_(None),
        )
        .order_by(col(Campaign.id))
    )
    return [c.id for c in waiting if c.id is not None and key in {s.strip() for s in c.segments}]


def check_segment_unused(session: Session, name: str) -> None:
    """Refuse to let a segment go while a campaign still waits to be sent to it."""
    ids = waiting_on_segment(session, name)
    if ids:
        message = ngettext(
            "Segment {name!r} is used by campaign {ids}, which has not started yet; "
            "edit its segments or cancel it first",
            "Segment {name!r} is used by campaigns {ids}, which have not started yet; "
            "edit their segments or cancel them first",
            len(ids),
        )
        raise InvalidInput(message.format(name=name.strip(), ids=", ".join(map(str, ids))))
