"""An invitation's timeline: the reminder and programme campaigns an event plans.

Events and RSVPs (``mailer.invitations``) know nothing of campaigns; this
module sits above both and the ledger: it creates and re-plans the campaigns
an event's dates call for, and reads back what ran for ``mailer event
timeline``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from mailer import campaigns, reasons
from mailer.campaigns import Audience, Campaign, CampaignKind
from mailer.config import Settings
from mailer.invitations import get_event, planned_steps, validate_timeline
from mailer.outbox import Delivery, DeliveryStatus
from subscribers.sqltypes import utcnow

_REPLANNABLE = frozenset({"draft", "scheduled", "missed"})
_CANCELLABLE = frozenset({"draft", "scheduled", "paused", "missed"})


def _step_campaigns(session: Session, event_id: int) -> dict[str, Any]:
    rows = session.exec(
        select(Campaign).where(
            Campaign.event_id == event_id, col(Campaign.timeline_step).is_not(None)
        )
    ).all()
    return {c.timeline_step: c for c in rows if c.timeline_step}


def _is_timeline_step(name: str) -> bool:
    """Reminders and the programme: the steps the event's own dates place."""
    return name.startswith("reminder:") or name == "programme"


def plan_timeline(
    session: Session, event_id: int, settings: Settings, now: datetime | None = None
) -> list[Any]:
    """Create or re-plan the reminder and programme campaigns; safe to call again.

    Steps whose time already passed are not created (a reminder planned late
    would arrive on top of the invitation), and a step not yet started whose
    new time has passed is cancelled rather than sent late; steps dropped from
    the event are cancelled unless they already went out. Subjects are left to
    the templates, so a new title or deadline shows in every language.
    """
    now = now or utcnow()
    event = get_event(session, event_id)
    validate_timeline(event)
    existing = _step_campaigns(session, event_id)
    wanted = [] if event.cancelled else planned_steps(event, settings.zone)
    result = []
    for step in wanted:
        campaign = existing.get(step.step)
        if campaign is None:
            if step.at <= now:
                continue
            reminder = step.step.startswith("reminder")
            campaign = campaigns.create(
                session,
                kind=CampaignKind.REMINDER if reminder else CampaignKind.PROGRAMME,
                subject="",
                content="" if reminder else event.programme,
                event_id=event_id,
                audience=Audience.NON_RESPONDERS if reminder else Audience.REGISTERED,
                timeline_step=step.step,
                send_before=step.send_before,
                now=now,
            )
        moved = campaign.scheduled_at != step.at or campaign.send_before != step.send_before
        assert campaign.id is not None
        if campaign.status not in _REPLANNABLE:
            pass  # under way or done: it stays as it went
        elif step.at <= now and moved:
            campaigns.cancel(session, campaign.id)  # sent late would be worse than not at all
        elif step.at > now and (moved or campaign.status != "scheduled"):
            campaign.send_before = step.send_before
            campaigns.schedule(session, campaign.id, step.at, now=now)
        result.append(campaign)
    names = {s.step for s in wanted}
    for name, campaign in existing.items():
        if name not in names and _is_timeline_step(name) and campaign.status in _CANCELLABLE:
            campaigns.cancel(session, campaign.id)
    session.flush()
    return result


@dataclass(frozen=True)
class TimelineStep:
    """One line of ``mailer event timeline``: what it is, when, and how it went."""

    step: str  # "invitation", "reminder:3", "deadline", "programme", "event"
    at: datetime | None
    status: str  # a campaign status, or "open"/"closed", "lapsed", "upcoming"/"done"
    campaign_id: int | None = None
    sent: int = 0
    note: str = ""
    next: bool = False


def _sent_counts(session: Session, campaign_ids: list[int]) -> dict[int, int]:
    if not campaign_ids:
        return {}
    rows = session.exec(
        select(Delivery.campaign_id, func.count())
        .where(
            col(Delivery.campaign_id).in_(campaign_ids),
            Delivery.status == DeliveryStatus.SENT.value,
        )
        .group_by(col(Delivery.campaign_id))
    )
    return {cid: n for cid, n in rows}


def _campaign_step(step: str, campaign: Any, sent: dict[int, int]) -> TimelineStep:
    return TimelineStep(
        step=step,
        at=campaign.scheduled_at or campaign.started_at,
        status=campaign.status,
        campaign_id=campaign.id,
        sent=sent.get(campaign.id, 0),
        note=reasons.render(campaign.note),
    )


def timeline(
    session: Session, event_id: int, now: datetime, zone: ZoneInfo | None = None
) -> list[TimelineStep]:
    """The event's steps in time order, with what ran and, marked ``next``, what comes next."""
    event = get_event(session, event_id)
    zone = zone or ZoneInfo(event.timezone)
    invitations = session.exec(
        select(Campaign).where(
            Campaign.event_id == event_id, Campaign.kind == CampaignKind.INVITATION.value
        )
    ).all()
    by_step = _step_campaigns(session, event_id)
    ids = [c.id for c in [*invitations, *by_step.values()] if c.id is not None]
    sent = _sent_counts(session, ids)
    steps = [_campaign_step("invitation", c, sent) for c in invitations]
    for planned in planned_steps(event, zone):
        campaign = by_step.pop(planned.step, None)
        if campaign is not None:
            steps.append(_campaign_step(planned.step, campaign, sent))
        else:
            steps.append(
                TimelineStep(
                    planned.step,
                    planned.at,
                    "lapsed",
                    note=reasons.render(reasons.encode(reasons.Code.TIME_PASSED_WHEN_PLANNED)),
                )
            )
    steps += [_campaign_step(name, c, sent) for name, c in by_step.items() if name != "invitation"]
    if event.reply_by is not None:
        closed = now >= event.reply_by or event.cancelled
        steps.append(TimelineStep("deadline", event.reply_by, "closed" if closed else "open"))
    happened = "done" if now >= event.starts_at else "upcoming"
    steps.append(
        TimelineStep("event", event.starts_at, "cancelled" if event.cancelled else happened)
    )
    steps.sort(key=lambda s: (s.at is None, s.at or now))
    return _mark_next(steps, now)


def _mark_next(steps: list[TimelineStep], now: datetime) -> list[TimelineStep]:
    waiting = {"scheduled", "open", "upcoming"}
    for i, step in enumerate(steps):
        if step.status in waiting and step.at is not None and step.at >= now:
            steps[i] = replace(step, next=True)
            break
    return steps
