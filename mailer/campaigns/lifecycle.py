"""A campaign's life as a coordinator drives it: create, edit, schedule, pause, resume, cancel.

What a campaign says (subject and content per language, segments, event,
agenda) is checked by one function, :func:`validate`, at ``create``, ``edit``
and ``schedule`` alike, so a campaign that could not be sent is refused while
the coordinator is still at the keyboard, not when the scheduler starts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from mailer import reasons
from mailer.campaigns.model import (
    DEFAULT_AUDIENCE,
    EDITABLE,
    Audience,
    Campaign,
    CampaignKind,
    CampaignStatus,
    check_transition,
    kind_label,
    status_label,
    transition,
)
from mailer.errors import InvalidInput, InvalidTransition, NotFound
from mailer.i18n import _, ngettext
from mailer.invitations import Event
from mailer.outbox import requeue_uncertain, skip_queued
from mailer.render.content import check_content, check_subject
from subscribers.errors import UnknownSegment
from subscribers.segments import rule_for
from subscribers.sqltypes import utcnow


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
    """Subjects and content a mail can carry: one line, bounded, nothing the sandbox
    refuses (the same checks run again when the mail is made)."""
    for option, subject in (("--subject", campaign.subject), ("--subject-en", campaign.subject_en)):
        check_subject(subject, what=option)
    for option, text in (("--content", campaign.content), ("--content-en", campaign.content_en)):
        check_content(text, what=option)
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
    """Cancel a campaign; its queued deliveries become skipped, so the ledger still adds up."""
    campaign = get(session, campaign_id)
    transition(campaign, CampaignStatus.CANCELLED)
    session.add(campaign)
    skip_queued(session, campaign_id, reasons.encode(reasons.Code.CAMPAIGN_CANCELLED))
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


def resend_uncertain(session: Session, campaign_id: int) -> int:
    """Queue a campaign's uncertain deliveries again (the coordinator decided, after being
    asked) and let it send: a `sent` campaign reopens, one that paused because nothing was
    known to have arrived resumes. Returns how many were queued."""
    campaign = get(session, campaign_id)
    if campaign.status == CampaignStatus.CANCELLED.value:
        raise InvalidTransition(_("Campaign {id} is cancelled").format(id=campaign_id))
    queued = requeue_uncertain(session, campaign_id)
    note = reasons.decode(campaign.note)
    waiting_on_uncertain = campaign.status == CampaignStatus.PAUSED.value and (
        note is not None and note[0] is reasons.Code.ALL_UNCERTAIN
    )
    if queued and (campaign.status == CampaignStatus.SENT.value or waiting_on_uncertain):
        transition(campaign, CampaignStatus.SENDING)
        campaign.note = ""
        session.add(campaign)
    return queued
