"""``mailer event`` (create, edit, cancel, list, show, timeline) and ``mailer rsvp set``."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import typer
from rich.markup import escape
from rich.table import Table
from sqlmodel import Session, select

from mailer import invitations
from mailer.campaigns import event_edit, status_label, timeline
from mailer.campaigns.event_edit import FIELD_LABELS, CancelReport, EditReport, EventChanges
from mailer.cli.failures import EXIT_INTERRUPTED
from mailer.cli.runtime import console, print_json, read_markdown, runtime
from mailer.config import Settings
from mailer.db import session_scope
from mailer.errors import InvalidInput
from mailer.i18n import N_, _, label, ngettext
from mailer.inbound import attendance
from mailer.invitations import Event, RsvpStatus
from mailer.localtime import format_local, parse_local
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow

group = typer.Typer(help="Events.", no_args_is_help=True)
rsvp_group = typer.Typer(help="RSVPs.", no_args_is_help=True)


OUTCOME_LABELS = {
    "moved": N_("moved"),
    "created": N_("planned"),
    "cancelled": N_("cancelled: its new time has passed"),
    "lapsed": N_("not planned: its time has passed"),
    "kept": N_("already {status}; left as it was"),
}


def _days(text: str) -> list[int]:
    try:
        return [int(p) for p in text.replace(" ", "").split(",") if p]
    except ValueError as err:
        raise InvalidInput(
            _("--reminder-days {text!r}: write e.g. 3,1 (days before the deadline)").format(
                text=text
            )
        ) from err


def _when(text: str | None, settings: Settings) -> datetime | None:
    return parse_local(text, settings.zone) if text else None


def _say(text: str) -> None:
    """One message, never wrapped mid-command (a narrow or piped terminal would split it)."""
    console.print(text, soft_wrap=True)


def _labels(names: list[str]) -> str:
    return ", ".join(label(FIELD_LABELS, n) for n in names)


def _summary(e: Event, settings: Settings) -> dict[str, Any]:
    zone = settings.zone
    return {
        "id": e.id,
        "title": e.title,
        "start": format_local(e.starts_at, zone),
        "end": format_local(e.ends_at, zone),
        "place": e.place,
        "address": e.address,
        "description": e.description,
        "reply_by": format_local(e.reply_by, zone) if e.reply_by else None,
        "max_per_organisation": e.max_per_organisation,
        "capacity": e.capacity,
        "reminder_days": e.reminder_days,
        "programme_at": format_local(e.programme_at, zone) if e.programme_at else None,
        "programme": e.programme,
        "sequence": e.sequence,
        "cancelled": e.cancelled,
    }


_PROGRAMME_HELP = "Markdown file with the programme; the programme mailing carries it."


@group.command("create")
def create_cmd(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title"),
    start: str = typer.Option(..., "--start", help='Local time, e.g. "2029-06-07 15:00".'),
    end: str = typer.Option(..., "--end", help='Local time, e.g. "2029-06-07 17:00".'),
    place: str = typer.Option("", "--place"),
    address: str = typer.Option("", "--address"),
    description: str = typer.Option("", "--description"),
    reply_by: str | None = typer.Option(None, "--reply-by", help="Deadline (a date: its start)."),
    max_per_organisation: int | None = typer.Option(None, "--max-per-organisation"),
    capacity: int | None = typer.Option(None, "--capacity"),
    programme_at: str | None = typer.Option(None, "--programme-at", help="Programme send time."),
    programme: Path | None = typer.Option(None, "--programme", help=_PROGRAMME_HELP),
    reminder_days: str = typer.Option("3,1", "--reminder-days", help="Days before the deadline."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create an event and plan its reminders and programme mailing."""
    rt = runtime(ctx)
    settings = rt.settings
    programme_text = read_markdown(programme) or ""
    with session_scope(rt.engine) as session:
        event = invitations.create_event(
            session,
            title=title,
            starts_at=parse_local(start, settings.zone),
            ends_at=parse_local(end, settings.zone),
            place=place,
            address=address,
            description=description,
            reply_by=_when(reply_by, settings),
            max_per_organisation=max_per_organisation,
            capacity=capacity,
            reminder_days=_days(reminder_days),
            programme_at=_when(programme_at, settings),
            programme=programme_text,
            timezone=settings.timezone,
            now=utcnow(),
        )
        assert event.id is not None
        planned = timeline.plan_timeline(session, event.id, settings)
        new_id, steps = event.id, [c.timeline_step for c in planned]
    if as_json:
        print_json({"id": new_id, "planned": steps})
        return
    _say(_("Event created: {id}").format(id=new_id))
    if steps:
        _say(
            _("Planned: {steps} (see `mailer event timeline {id}`)").format(
                steps=", ".join(steps), id=new_id
            )
        )


@group.command("edit")
def edit_cmd(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., metavar="ID"),
    title: str | None = typer.Option(None, "--title"),
    start: str | None = typer.Option(
        None,
        "--start",
        help="New local start; the end, an open deadline and the programme time move along.",
    ),
    end: str | None = typer.Option(None, "--end"),
    place: str | None = typer.Option(None, "--place"),
    address: str | None = typer.Option(None, "--address"),
    description: str | None = typer.Option(None, "--description"),
    reply_by: str | None = typer.Option(None, "--reply-by"),
    max_per_organisation: int | None = typer.Option(None, "--max-per-organisation"),
    capacity: int | None = typer.Option(None, "--capacity"),
    programme_at: str | None = typer.Option(None, "--programme-at"),
    programme: Path | None = typer.Option(None, "--programme", help=_PROGRAMME_HELP),
    reminder_days: str | None = typer.Option(None, "--reminder-days"),
    notify: bool | None = typer.Option(
        None,
        "--notify/--no-notify",
        help="Send those invited an update now, or not. Without either: asked on a terminal; "
        "otherwise the update is made as a draft for `campaign send`.",
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Move, rename or relocate an event; re-plan its timeline; offer to tell those invited."""
    rt = runtime(ctx)
    settings = rt.settings
    changes = EventChanges(
        title=title,
        starts_at=_when(start, settings),
        ends_at=_when(end, settings),
        place=place,
        address=address,
        description=description,
        reply_by=_when(reply_by, settings),
        max_per_organisation=max_per_organisation,
        capacity=capacity,
        reminder_days=_days(reminder_days) if reminder_days is not None else None,
        programme_at=_when(programme_at, settings),
        programme=read_markdown(programme),
    )
    if not changes.given() and notify is None:
        raise InvalidInput(
            _("Nothing to change: give --title, --start, --place, ... (see --help), or --notify")
        )
    now = utcnow()
    with session_scope(rt.engine) as session:
        report = event_edit.edit_event(session, event_id, changes, settings, now)
    update = _update(rt, report, notify, as_json)
    if as_json:
        print_json(_edit_json(report, update, settings))
        return
    _print_edit(report, settings)
    _print_update(report, update, notify)


def _update(rt: Any, report: EditReport, notify: bool | None, as_json: bool) -> dict[str, Any]:
    """Ask (or follow --notify/--no-notify), then make or queue the update campaign."""
    if not (report.unannounced or report.pending_update) or not report.invited:
        return {"status": "nothing_to_tell"}
    if notify is None and not as_json and sys.stdin.isatty():
        notify = typer.confirm(_question(report), default=False)
    if notify is False:
        return {"status": "not_sent", "campaign_id": report.pending_update}
    with session_scope(rt.engine) as session:
        made = event_edit.announce(session, report.event_id, utcnow(), queue=bool(notify))
        if made is None:
            return {"status": "nothing_to_tell"}
        campaign, created = made
        return {
            "status": "queued" if campaign.status == "scheduled" else "draft",
            "campaign_id": campaign.id,
            "new": created,
            "recipients": report.invited,
        }


def _question(report: EditReport) -> str:
    if report.unannounced:
        return _("Send those invited ({count} addresses) an update about the {what}?").format(
            count=report.invited, what=_labels(report.unannounced)
        )
    return _("Send the update (campaign {cid}) to those invited ({count} addresses) now?").format(
        cid=report.pending_update, count=report.invited
    )


def _edit_json(report: EditReport, update: dict[str, Any], settings: Settings) -> dict[str, Any]:
    zone = settings.zone
    return {
        "id": report.event_id,
        "changed": report.changed,
        "moved_along": report.shifted,
        "steps": [
            {
                "step": s.step,
                "before": format_local(s.before, zone) if s.before else None,
                "after": format_local(s.after, zone) if s.after else None,
                "status": s.status,
                "outcome": s.outcome,
            }
            for s in report.steps
        ],
        "unannounced": report.unannounced,
        "update": update,
    }


def _print_edit(report: EditReport, settings: Settings) -> None:
    zone = settings.zone
    if report.changed:
        _say(
            _("Event {id} changed: {fields}.").format(
                id=report.event_id, fields=_labels(report.changed)
            )
        )
    elif not report.pending_update and not report.unannounced:
        _say(_("Event {id}: nothing changed.").format(id=report.event_id))
    if report.shifted:
        _say(_("Moved along with the event: {fields}.").format(fields=_labels(report.shifted)))
    for s in report.steps:
        when = format_local(s.after, zone)
        if s.outcome == "moved":
            when = f"{format_local(s.before, zone)} → {when}"
        outcome = _(OUTCOME_LABELS[s.outcome]).format(status=_status(s.status))
        _say(f"  {s.step}: {when} ({outcome})")


# Timeline steps that are not campaigns (translated when shown).
STEP_STATUS_LABELS = {
    "lapsed": N_("lapsed"),
    "open": N_("open"),
    "closed": N_("closed"),
    "upcoming": N_("upcoming"),
    "done": N_("done"),
}


# The steps of a timeline (translated when shown); reminders say how many days ahead.
STEP_LABELS = {
    "invitation": N_("invitation"),
    "deadline": N_("reply-by date"),
    "programme": N_("programme"),
    "event": N_("the event"),
    "update": N_("update"),
    "cancellation": N_("cancellation"),
}


def _status(status: str) -> str:
    return (
        label(STEP_STATUS_LABELS, status) if status in STEP_STATUS_LABELS else status_label(status)
    )


def step_label(step: str) -> str:
    """``reminder:3`` → "herinnering (3 dagen vooraf)"; other steps by their label."""
    if step.startswith("reminder:") and step.partition(":")[2].isdigit():
        days = int(step.partition(":")[2])
        return ngettext("reminder ({n} day ahead)", "reminder ({n} days ahead)", days).format(
            n=days
        )
    return label(STEP_LABELS, step)


def _print_update(report: EditReport, update: dict[str, Any], notify: bool | None) -> None:
    status = update["status"]
    if status == "queued":
        _say(
            _(
                "Update (campaign {cid}) to {count} addresses is queued: a worker, "
                "`mailer tick` or the scheduler sends it now."
            ).format(cid=update["campaign_id"], count=update["recipients"])
        )
    elif status == "draft":
        _say(
            _(
                "Update (campaign {cid}) to {count} addresses is ready as a draft, not sent: "
                "check it with `mailer campaign preview {cid}`, send it with "
                "`mailer campaign send {cid}`."
            ).format(cid=update["campaign_id"], count=update["recipients"])
        )
    elif status == "not_sent" and report.unannounced:
        _say(
            _(
                "No update sent: those invited still know the old {what}. "
                "`mailer event edit {id} --notify` sends it later."
            ).format(what=_labels(report.unannounced), id=report.event_id)
        )
    elif status == "not_sent" and update.get("campaign_id"):
        _say(
            _(
                "The update (campaign {cid}) is not sent yet: `mailer event edit {id} --notify` "
                "or `mailer campaign send {cid}` sends it."
            ).format(cid=update["campaign_id"], id=report.event_id)
        )


@group.command("cancel")
def cancel_cmd(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., metavar="ID"),
    yes: bool = typer.Option(False, "--yes", help="Do not ask; needed when not on a terminal."),
    message: Path | None = typer.Option(
        None, "--message", help="Markdown file with a word of explanation for the guests."
    ),
) -> None:
    """Cancel an event: stop its reminders and programme, tell those invited and registered."""
    rt = runtime(ctx)
    text = read_markdown(message) or ""
    now = utcnow()
    with Session(rt.engine) as session:
        event = event_edit.check_cancellable(session, event_id, now)
        count = event_edit.recipients_count(session, event_id)
        question = _(
            'Cancel event {id} "{title}" and send the cancellation to {count} addresses?'
        ).format(id=event_id, title=event.title, count=count)
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                _("{question} Confirm with --yes (nothing was changed)").format(question=question)
            )
        if not typer.confirm(question, default=False):
            _say(_("Not cancelled; nothing was changed."))
            raise typer.Exit(EXIT_INTERRUPTED)
    with session_scope(rt.engine) as session:
        report = event_edit.cancel_event(session, event_id, now, message=text)
    _print_cancel(report)


def _print_cancel(report: CancelReport) -> None:
    _say(_("Event {id} cancelled.").format(id=report.event_id))
    for cid, step, status in report.stopped:
        _say(
            "  "
            + _("stopped: {step} (campaign {cid}, was {status})").format(
                step=step, cid=cid, status=_status(status)
            )
        )
    if report.campaign_id is None:
        _say(_("Nobody had been invited or registered: no cancellation mail is needed."))
        return
    _say(
        _(
            "Cancellation (campaign {cid}) to {count} addresses is queued: a worker, "
            "`mailer tick` or the scheduler sends it now."
        ).format(cid=report.campaign_id, count=report.recipients)
    )


@group.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """All events, soonest first."""
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        rows = [_summary(e, rt.settings) for e in invitations.list_events(session)]
    if as_json:
        print_json(rows)
        return
    table = Table("id", _("title"), _("start"), _("reply by"), _("place"))
    for r in rows:
        title = escape(r["title"])
        if r["cancelled"]:
            title += f" ({_('cancelled')})"
        table.add_row(str(r["id"]), title, r["start"], r["reply_by"] or "—", escape(r["place"]))
    console.print(table)


def timeline_table(steps: list[timeline.TimelineStep], zone: ZoneInfo) -> Table:
    """What ran and what is next, as ``event timeline`` and the demo show it."""
    table = Table("", _("step"), _("when"), _("status"), _("campaign"), _("sent"), "")
    for s in steps:
        table.add_row(
            "▶" if s.next else "",
            step_label(s.step),
            format_local(s.at, zone),
            _status(s.status),
            str(s.campaign_id or ""),
            str(s.sent) if s.campaign_id else "",
            escape(s.note),
        )
    return table


@group.command("show")
def show_cmd(
    ctx: typer.Context, event_id: int, as_json: bool = typer.Option(False, "--json")
) -> None:
    """One event with its RSVPs."""
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        data = _summary(invitations.get_event(session, event_id), rt.settings)
        names = {o.id: o.name for o in session.exec(select(Organisation)).all()}
        data["rsvps"] = [
            {
                "organisation": names.get(r.organisation_id, str(r.organisation_id)),
                "status": r.status,
                "attendees": r.attendees,
                "late": r.late,
                "received_at": format_local(r.received_at, rt.settings.zone),
            }
            for r in invitations.rsvps(session, event_id)
        ]
        answered = attendance.counts(session, event_id)
    data["attending"] = sum(
        len(r["attendees"]) for r in data["rsvps"] if r["status"] == RsvpStatus.ATTENDING.value
    )
    data["answers"] = _answer_counts(answered)
    if as_json:
        print_json(data)
        return
    for key in (
        "id",
        "title",
        "start",
        "end",
        "place",
        "address",
        "reply_by",
        "max_per_organisation",
        "capacity",
        "programme_at",
        "attending",
        "cancelled",
    ):
        value = data[key] if data[key] is not None else "—"
        console.print(f"[bold]{key}[/]: {escape(str(value))}", markup=True)
    console.print(_answers_line(answered), markup=False, soft_wrap=True)
    for r in data["rsvps"]:
        people = ", ".join(a["name"] for a in r["attendees"])
        late = " [yellow](" + _("late") + ")[/]" if r["late"] else ""
        console.print(
            f"  {escape(r['organisation'])}: {r['status']}{late} {escape(people)}", markup=True
        )


@group.command("timeline")
def timeline_cmd(
    ctx: typer.Context, event_id: int, as_json: bool = typer.Option(False, "--json")
) -> None:
    """The invitation's timeline: what has run and what is next."""
    rt = runtime(ctx)
    zone = rt.settings.zone
    with Session(rt.engine) as session:
        steps = timeline.timeline(session, event_id, utcnow(), zone)
        answered = attendance.counts(session, event_id)
    if as_json:
        print_json([{**s.__dict__, "at": format_local(s.at, zone)} for s in steps])
        return
    console.print(timeline_table(steps, zone))
    console.print(_answers_line(answered), markup=False, soft_wrap=True)


def _answer_counts(counts: attendance.Counts) -> dict[str, int]:
    return {
        "answered": counts.answered,
        "not_answered": counts.not_answered,
        "in_review": counts.in_review,
    }


def _answers_line(counts: attendance.Counts) -> str:
    """The organisations' answers: the reminders go to those that have not answered."""
    return _(
        "Organisations answered: {answered}; not answered: {not_answered} (the reminders go "
        "to these); in review: {in_review}"
    ).format(**_answer_counts(counts))


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="event")
    app.add_typer(rsvp_group, name="rsvp")
