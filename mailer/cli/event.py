"""``mailer event`` (create, list, show, timeline) and ``mailer rsvp set``."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table
from sqlmodel import Session, select

from mailer import invitations
from mailer.cli.runtime import console, print_json, runtime
from mailer.config import Settings
from mailer.db import session_scope
from mailer.errors import InvalidInput, NotFound
from mailer.invitations import Event, RsvpStatus
from mailer.localtime import format_local, parse_local
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow

group = typer.Typer(help="Evenementen / events.", no_args_is_help=True)
rsvp_group = typer.Typer(help="Aanmeldingen / RSVPs.", no_args_is_help=True)


def _days(text: str) -> list[int]:
    try:
        return [int(p) for p in text.replace(" ", "").split(",") if p]
    except ValueError as err:
        raise InvalidInput(
            f"--reminder-days {text!r}: schrijf bijv. 3,1 / write e.g. 3,1 (days before)"
        ) from err


def _summary(e: Event, settings: Settings) -> dict[str, Any]:
    zone = settings.zone
    return {
        "id": e.id,
        "title": e.title,
        "start": format_local(e.starts_at, zone),
        "end": format_local(e.ends_at, zone),
        "place": e.place,
        "address": e.address,
        "reply_by": format_local(e.reply_by, zone) if e.reply_by else None,
        "max_per_organisation": e.max_per_organisation,
        "capacity": e.capacity,
        "reminder_days": e.reminder_days,
        "programme_at": format_local(e.programme_at, zone) if e.programme_at else None,
        "cancelled": e.cancelled,
    }


@group.command("create")
def create_cmd(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title"),
    start: str = typer.Option(..., "--start", help='Local time, e.g. "2029-06-07 15:00".'),
    end: str = typer.Option(..., "--end", help='Local time, e.g. "2029-06-07 17:00".'),
    place: str = typer.Option("", "--place"),
    address: str = typer.Option("", "--address"),
    reply_by: str | None = typer.Option(None, "--reply-by", help="Deadline (a date: its start)."),
    max_per_organisation: int | None = typer.Option(None, "--max-per-organisation"),
    capacity: int | None = typer.Option(None, "--capacity"),
    programme_at: str | None = typer.Option(None, "--programme-at", help="Programme send time."),
    reminder_days: str = typer.Option("3,1", "--reminder-days", help="Days before the deadline."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create an event and plan its reminders and programme mailing."""
    rt = runtime(ctx)
    zone = rt.settings.zone
    with session_scope(rt.engine) as session:
        event = invitations.create_event(
            session,
            title=title,
            starts_at=parse_local(start, zone),
            ends_at=parse_local(end, zone),
            place=place,
            address=address,
            reply_by=parse_local(reply_by, zone) if reply_by else None,
            max_per_organisation=max_per_organisation,
            capacity=capacity,
            reminder_days=_days(reminder_days),
            programme_at=parse_local(programme_at, zone) if programme_at else None,
            timezone=rt.settings.timezone,
            now=utcnow(),
        )
        assert event.id is not None
        planned = invitations.plan_timeline(session, event.id, rt.settings)
        new_id, steps = event.id, [c.timeline_step for c in planned]
    if as_json:
        print_json({"id": new_id, "planned": steps})
        return
    console.print(f"Evenement aangemaakt / event created: {new_id}")
    if steps:
        console.print(f"Ingepland / planned: {', '.join(steps)} (mailer event timeline {new_id})")


@group.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """All events, soonest first."""
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        rows = [_summary(e, rt.settings) for e in invitations.list_events(session)]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "titel/title", "begin/start", "reageer vóór/reply by", "plaats/place")
    for r in rows:
        table.add_row(str(r["id"]), r["title"], r["start"], r["reply_by"] or "—", r["place"])
    console.print(table)


@group.command("show")
def show_cmd(ctx: typer.Context, event_id: int, as_json: bool = typer.Option(False, "--json")):
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
    data["attending"] = sum(len(r["attendees"]) for r in data["rsvps"])
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
        "attending",
    ):
        console.print(f"[bold]{key}[/]: {data[key] if data[key] is not None else '—'}")
    for r in data["rsvps"]:
        people = ", ".join(a["name"] for a in r["attendees"])
        late = " [yellow](te laat / late)[/]" if r["late"] else ""
        console.print(f"  {r['organisation']}: {r['status']}{late} {people}")


@group.command("timeline")
def timeline_cmd(
    ctx: typer.Context, event_id: int, as_json: bool = typer.Option(False, "--json")
) -> None:
    """The invitation's timeline: what has run and what is next."""
    rt = runtime(ctx)
    zone = rt.settings.zone
    with Session(rt.engine) as session:
        steps = invitations.timeline(session, event_id, utcnow(), zone)
    if as_json:
        print_json([{**s.__dict__, "at": format_local(s.at, zone)} for s in steps])
        return
    table = Table("", "stap/step", "wanneer/when", "status", "campagne", "verzonden/sent", "")
    for s in steps:
        table.add_row(
            "▶" if s.next else "",
            s.step,
            format_local(s.at, zone),
            s.status,
            str(s.campaign_id or ""),
            str(s.sent) if s.campaign_id else "",
            s.note,
        )
    console.print(table)


def _organisation(session: Session, ref: str) -> int:
    """An organisation by id or by exact name."""
    org = session.get(Organisation, int(ref)) if ref.isdigit() else None
    org = org or session.exec(select(Organisation).where(Organisation.name == ref)).first()
    if org is None or org.id is None:
        raise NotFound(f"Organisatie {ref!r} bestaat niet / organisation {ref!r} not found")
    return org.id


@rsvp_group.command("set")
def rsvp_set_cmd(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., metavar="EVENT"),
    organisation: str = typer.Argument(..., metavar="ORGANISATION", help="Id or exact name."),
    attending: str | None = typer.Option(None, "--attending", help='"Naam <email>; Naam"'),
    declined: bool = typer.Option(False, "--declined"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Record an organisation's answer (kept in its history; cap and capacity checked)."""
    if (attending is None) == (not declined):
        raise InvalidInput("Kies --attending of --declined / choose --attending or --declined")
    rt = runtime(ctx)
    with session_scope(rt.engine) as session:
        rsvp = invitations.set_rsvp(
            session,
            event_id,
            _organisation(session, organisation),
            status=RsvpStatus.DECLINED if declined else RsvpStatus.ATTENDING,
            attendees=invitations.parse_attendees(attending or ""),
            now=utcnow(),
        )
        data = {
            "id": rsvp.id,
            "status": rsvp.status,
            "attendees": rsvp.attendees,
            "late": rsvp.late,
        }
    if as_json:
        print_json(data)
        return
    late = " (na de deadline / after the deadline)" if data["late"] else ""
    console.print(f"Vastgelegd / recorded: {data['status']}{late}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="event")
    app.add_typer(rsvp_group, name="rsvp")
