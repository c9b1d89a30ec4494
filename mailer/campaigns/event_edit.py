"""Changing an event after it was announced: edit it, tell those invited, or cancel it.

An edit is one transaction: the new values are checked as at create
(``invitations.validate_event``), the timeline is re-planned and every step
that moved, lapsed or stays as it went out is reported. Telling the guests is
a second, separate step (``announce``), so the CLI can ask the coordinator in
between without holding the database: it creates an ``update`` campaign for
everyone the invitation reached and everyone registered, with an ICS of the
same UID and a higher SEQUENCE, and says in the mail what changed since the
guests last heard (``Event.announced``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from mailer import campaigns, invitations
from mailer.campaigns import Audience, Campaign, CampaignKind, CampaignStatus, audience, timeline
from mailer.config import Settings
from mailer.errors import InvalidTransition, TimelineError
from mailer.i18n import N_, _
from mailer.invitations import GUEST_FACTS, Event, EventUpdate, RsvpStatus
from mailer.localtime import localize

# Campaigns of an event that have not finished and that a cancellation stops.
_UNFINISHED = frozenset({"draft", "scheduled", "paused", "missed", "sending"})
_NOT_STARTED = frozenset({"draft", "scheduled", "missed"})


# Field names as an operator reads them (translated when shown).
FIELD_LABELS = {
    "title": N_("title"),
    "starts_at": N_("start"),
    "ends_at": N_("end"),
    "place": N_("place"),
    "address": N_("address"),
    "description": N_("description"),
    "reply_by": N_("reply-by deadline"),
    "max_per_organisation": N_("maximum per organisation"),
    "capacity": N_("capacity"),
    "reminder_days": N_("reminder days"),
    "programme_at": N_("programme time"),
    "programme": N_("programme"),
}


@dataclass(frozen=True)
class EventChanges:
    """What ``edit`` sets; ``None`` leaves a field as it is."""

    title: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = None
    address: str | None = None
    description: str | None = None
    reply_by: datetime | None = None
    max_per_organisation: int | None = None
    capacity: int | None = None
    reminder_days: list[int] | None = None
    programme_at: datetime | None = None
    programme: str | None = None

    def given(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


@dataclass(frozen=True)
class StepChange:
    """A timeline step before and after an edit, and what became of it."""

    step: str
    before: datetime | None
    after: datetime | None
    status: str  # the campaign status after the edit, or "lapsed"
    outcome: str  # "moved", "cancelled", "created", "lapsed", "kept" (already under way or sent)


@dataclass
class EditReport:
    event_id: int
    changed: list[str]  # the fields whose value changed, in EventChanges order
    shifted: list[str]  # deadline / programme time moved along with the event
    steps: list[StepChange] = field(default_factory=list)
    unannounced: list[str] = field(default_factory=list)  # guest facts those invited do not know
    invited: int = 0  # addresses an update would reach
    pending_update: int | None = None  # an update campaign made earlier, not yet started


@dataclass
class CancelReport:
    event_id: int
    stopped: list[tuple[int, str, str]]  # (campaign id, step or kind, status before)
    campaign_id: int | None
    recipients: int


# --------------------------------------------------------------------------- edit


def edit_event(
    session: Session, event_id: int, changes: EventChanges, settings: Settings, now: datetime
) -> EditReport:
    """Apply ``changes``, check them as at create, re-plan the timeline; report all of it."""
    event = _editable(session, event_id, now)
    facts_before = invitations.guest_facts(event)
    steps_before = _steps(session, event_id)
    planned_before = {s.step: s.at for s in invitations.planned_steps(event, settings.zone)}
    was = {name: (c.scheduled_at, c.status) for name, c in steps_before.items()}
    values = changes.given()
    if "reminder_days" in values:
        values["reminder_days"] = sorted(set(values["reminder_days"]), reverse=True)
    if "title" in values:
        values["title"] = values["title"].strip()
    shifted = _move_with_start(event, values, steps_before, settings, now)
    order = [f.name for f in fields(EventChanges)]
    changed = sorted(
        (name for name, value in values.items() if getattr(event, name) != value), key=order.index
    )
    with session.no_autoflush:  # a refused edit must not reach the database
        for name, value in values.items():
            setattr(event, name, value)
        invitations.validate_event(event, now, changed)
        _check_registrations(session, event)
        _check_programme(steps_before.get("programme"), changed)
    report = EditReport(event_id=event_id, changed=changed, shifted=shifted)
    invited = recipients_count(session, event_id)
    if invitations.guest_facts(event) != facts_before:
        event.sequence += 1  # calendars take a higher SEQUENCE as the newer version
        if invited and event.announced is None:
            event.announced = facts_before
    event.updated_at = now
    session.add(event)
    session.flush()
    if "programme" in changed:
        _set_programme_text(session, steps_before.get("programme"), event.programme, now)
    timeline.plan_timeline(session, event_id, settings, now=now)
    report.steps = _step_changes(was, _steps(session, event_id), planned_before, event, settings)
    report.unannounced = unannounced(event)
    report.invited = invited
    report.pending_update = pending_update(session, event_id)
    return report


def _editable(session: Session, event_id: int, now: datetime) -> Event:
    event = invitations.get_event(session, event_id)
    if event.cancelled:
        raise InvalidTransition(
            _("Event {id} is cancelled; a cancelled event cannot be edited").format(id=event_id)
        )
    if event.starts_at <= now:
        raise InvalidTransition(
            _("Event {id} has already started; it can no longer be edited").format(id=event_id)
        )
    return event


def _move_with_start(
    event: Event,
    values: dict[str, Any],
    steps: dict[str, Campaign],
    settings: Settings,
    now: datetime,
) -> list[str]:
    """A moved event takes its end, open deadline and unsent programme along.

    The shift is in local wall-clock time, so "a week later" stays at the same
    hour across a DST change. A deadline that already passed stays closed; a
    value the coordinator gives explicitly wins.
    """
    start = values.get("starts_at")
    if start is None or start == event.starts_at:
        return []
    zone = settings.zone
    delta = start.astimezone(zone).replace(tzinfo=None) - event.starts_at.astimezone(zone).replace(
        tzinfo=None
    )

    def shift(moment: datetime) -> datetime:
        return localize(moment.astimezone(zone).replace(tzinfo=None) + delta, zone, fold=0)

    shifted = []
    if "ends_at" not in values:
        values["ends_at"] = shift(event.ends_at)
    if "reply_by" not in values and event.reply_by is not None and event.reply_by > now:
        values["reply_by"] = shift(event.reply_by)
        shifted.append("reply_by")
        _refuse_passed(values["reply_by"], now, "--reply-by")
    programme = steps.get("programme")
    not_started = programme is None or programme.status in _NOT_STARTED
    if (
        "programme_at" not in values
        and event.programme_at is not None
        and event.programme_at > now
        and not_started
    ):
        values["programme_at"] = shift(event.programme_at)
        shifted.append("programme_at")
        _refuse_passed(values["programme_at"], now, "--programme-at")
    return shifted


def _refuse_passed(moved: datetime, now: datetime, option: str) -> None:
    if moved <= now:
        raise TimelineError(
            _(
                "Moving the event this much earlier would put its {option} in the past "
                "({moment} UTC); give a new {option} as well"
            ).format(option=option, moment=f"{moved:%Y-%m-%d %H:%M}")
        )


def _check_registrations(session: Session, event: Event) -> None:
    """A lower capacity or cap must still hold everyone already registered."""
    assert event.id is not None
    attending = [
        r for r in invitations.rsvps(session, event.id) if r.status == RsvpStatus.ATTENDING.value
    ]
    total = sum(len(r.attendees) for r in attending)
    if event.capacity is not None and total > event.capacity:
        raise TimelineError(
            _(
                "--capacity {capacity} is less than the {count} people already registered; "
                "ask organisations to withdraw first, or keep a higher capacity"
            ).format(capacity=event.capacity, count=total)
        )
    cap = event.max_per_organisation
    over = [r for r in attending if cap is not None and len(r.attendees) > cap]
    if over:
        raise TimelineError(
            _(
                "--max-per-organisation {cap} is less than what organisation {organisation} "
                "already registered ({count})"
            ).format(cap=cap, organisation=over[0].organisation_id, count=len(over[0].attendees))
        )


def _check_programme(campaign: Campaign | None, changed: list[str]) -> None:
    """The programme cannot be moved or rewritten once its mailing has started."""
    if campaign is None or campaign.status in _NOT_STARTED or campaign.status == "cancelled":
        return
    touched = [
        f"--{name.replace('_', '-')}" for name in ("programme", "programme_at") if name in changed
    ]
    if touched:
        raise InvalidTransition(
            _(
                "The programme mailing (campaign {id}) is {status}; {options} can no longer "
                "change it"
            ).format(
                id=campaign.id,
                status=campaigns.status_label(campaign.status),
                options=", ".join(touched),
            )
        )


def _set_programme_text(
    session: Session, campaign: Campaign | None, text: str, now: datetime
) -> None:
    if campaign is None or campaign.status not in _NOT_STARTED:
        return  # plan_timeline creates it with the event's programme
    campaign.content = text
    campaign.updated_at = now
    session.add(campaign)


def _steps(session: Session, event_id: int) -> dict[str, Campaign]:
    rows = session.exec(
        select(Campaign).where(
            Campaign.event_id == event_id, col(Campaign.timeline_step).is_not(None)
        )
    ).all()
    return {
        c.timeline_step: c
        for c in rows
        if c.timeline_step
        and (c.timeline_step.startswith("reminder:") or c.timeline_step == "programme")
    }


def _step_changes(
    before: dict[str, tuple[datetime | None, str]],
    after: dict[str, Campaign],
    planned_before: dict[str, datetime],
    event: Event,
    settings: Settings,
) -> list[StepChange]:
    """The reminder and programme steps this edit touched: moved, cancelled, created,
    lapsed, or kept as they were because they are under way or done."""
    planned = {s.step: s.at for s in invitations.planned_steps(event, settings.zone)}
    result = []
    for name in sorted(set(after) | set(planned), key=lambda n: (n == "programme", n)):
        campaign = after.get(name)
        old_at, old_status = before.get(name, (None, None))
        same_plan = planned.get(name) == planned_before.get(name)
        if same_plan and campaign is not None and campaign.status == old_status:
            continue  # the edit did not touch this step
        if campaign is None:
            result.append(StepChange(name, None, planned[name], "lapsed", "lapsed"))
            continue
        if old_status is None:
            outcome = "created"
        elif campaign.status == "cancelled":
            if old_status == "cancelled":
                continue
            outcome = "cancelled"
        elif campaign.status not in _NOT_STARTED:
            outcome = "kept"
        elif campaign.scheduled_at != old_at:
            outcome = "moved"
        else:
            continue
        after_at = old_at if outcome == "kept" else planned.get(name, campaign.scheduled_at)
        result.append(StepChange(name, old_at, after_at, campaign.status, outcome))
    return sorted(result, key=lambda change: (change.after is None, change.after or change.before))


# --------------------------------------------------------------------------- announce


def unannounced(event: Event) -> list[str]:
    """The guest facts (title, start, end, place, address) those invited do not know yet."""
    if event.announced is None:
        return []
    now = invitations.guest_facts(event)
    return [name for name in GUEST_FACTS if event.announced.get(name) != now[name]]


def announce(
    session: Session, event_id: int, now: datetime, *, queue: bool
) -> tuple[Campaign, bool] | None:
    """An ``update`` campaign telling those invited what changed; None if nothing to tell.

    An update not yet started takes a new change in (it says what changed
    since the guests last heard, however many edits came between); otherwise
    a new one is made. With ``queue`` it is due at once (a worker, ``tick`` or
    the scheduler sends it); without, a new one stays a draft for ``campaign
    send``. Returns (campaign, new?).
    """
    event = invitations.get_event(session, event_id)
    if event.cancelled:
        return None
    pending = _pending_update(session, event_id)
    created = False
    if unannounced(event) and recipients_count(session, event_id):
        assert event.announced is not None
        if pending is None:
            pending, created = _new_update(session, event, event.announced, now), True
        elif _previous(session, pending) == invitations.guest_facts(event):
            # edited back to what the guests know: the pending update has nothing to say
            assert pending.id is not None
            campaigns.cancel(session, pending.id)
            pending = None
        event.announced = invitations.guest_facts(event)
        session.add(event)
    if pending is None:
        session.flush()
        return None
    pending.updated_at = now  # the send path caches a rendered mail per campaign version
    pending.send_before = event.starts_at  # an update after the event starts is no use
    session.add(pending)
    session.flush()
    if queue and pending.status != CampaignStatus.SCHEDULED.value:
        assert pending.id is not None
        campaigns.schedule(session, pending.id, now, now=now)
    return pending, created


def _new_update(
    session: Session, event: Event, previous: dict[str, Any], now: datetime
) -> Campaign:
    assert event.id is not None
    count = len(_campaigns_of(session, event.id, CampaignKind.UPDATE))
    campaign = campaigns.create(
        session,
        kind=CampaignKind.UPDATE,
        subject="",  # the template's, in each reader's language
        event_id=event.id,
        audience=Audience.INVITED,
        timeline_step=f"update:{count + 1}",
        send_before=event.starts_at,
        now=now,
    )
    assert campaign.id is not None
    session.add(EventUpdate(campaign_id=campaign.id, event_id=event.id, previous=previous))
    return campaign


def _previous(session: Session, campaign: Campaign) -> dict[str, Any] | None:
    row = session.get(EventUpdate, campaign.id)
    return row.previous if row is not None else None


def pending_update(session: Session, event_id: int) -> int | None:
    """The id of an update campaign made but not yet started, if any."""
    campaign = _pending_update(session, event_id)
    return campaign.id if campaign is not None else None


def _campaigns_of(session: Session, event_id: int, kind: CampaignKind) -> list[Campaign]:
    return list(
        session.exec(
            select(Campaign)
            .where(Campaign.event_id == event_id, Campaign.kind == kind.value)
            .order_by(col(Campaign.id))
        )
    )


def _pending_update(session: Session, event_id: int) -> Campaign | None:
    for campaign in reversed(_campaigns_of(session, event_id, CampaignKind.UPDATE)):
        if campaign.status in ("draft", "scheduled") and campaign.started_at is None:
            return campaign
    return None


# --------------------------------------------------------------------------- cancel


def cancel_event(
    session: Session, event_id: int, now: datetime, *, message: str = ""
) -> CancelReport:
    """Cancel the event, stop what it still had planned, and queue the cancellation mail.

    The cancellation (ICS METHOD:CANCEL, same UID, higher SEQUENCE) goes to
    everyone the invitation reached and everyone registered; when nobody was
    invited yet there is nobody to tell and no campaign is made.
    """
    event = check_cancellable(session, event_id, now)
    stopped = []
    for campaign in _unfinished(session, event_id):
        stopped.append((campaign.id or 0, campaign.timeline_step or campaign.kind, campaign.status))
        assert campaign.id is not None
        campaigns.cancel(session, campaign.id)
    event.cancelled, event.cancelled_at, event.updated_at = True, now, now
    event.sequence += 1
    session.add(event)
    session.flush()
    recipients = recipients_count(session, event_id)
    campaign_id = None
    if recipients:
        campaign = campaigns.create(
            session,
            kind=CampaignKind.CANCELLATION,
            subject="",
            content=message,
            event_id=event_id,
            audience=Audience.INVITED,
            timeline_step="cancellation",
            now=now,
        )
        assert campaign.id is not None
        campaigns.schedule(session, campaign.id, now, now=now)
        campaign_id = campaign.id
    return CancelReport(event_id, stopped, campaign_id, recipients)


def check_cancellable(session: Session, event_id: int, now: datetime) -> Event:
    """The event, if it can still be cancelled; a second cancel is refused, saying when."""
    event = invitations.get_event(session, event_id)
    if event.cancelled:
        when = f"{event.cancelled_at or event.updated_at:%Y-%m-%d %H:%M} UTC"
        done = _campaigns_of(session, event_id, CampaignKind.CANCELLATION)
        if done:
            raise InvalidTransition(
                _(
                    "Event {id} was already cancelled on {date}; the cancellation is "
                    "campaign {cid} (`mailer campaign status {cid}`)"
                ).format(id=event_id, date=when, cid=done[-1].id)
            )
        raise InvalidTransition(
            _("Event {id} was already cancelled on {date}").format(id=event_id, date=when)
        )
    if event.starts_at <= now:
        raise InvalidTransition(
            _("Event {id} has already started; it can no longer be cancelled").format(id=event_id)
        )
    return event


def _unfinished(session: Session, event_id: int) -> list[Campaign]:
    rows = session.exec(
        select(Campaign)
        .where(Campaign.event_id == event_id, col(Campaign.status).in_(_UNFINISHED))
        .order_by(col(Campaign.id))
    )
    return [c for c in rows if c.kind != CampaignKind.CANCELLATION.value]


def recipients_count(session: Session, event_id: int) -> int:
    """How many addresses an update or cancellation of the event would reach."""
    return sum(1 for _row in audience.invited_recipients(session, event_id))
