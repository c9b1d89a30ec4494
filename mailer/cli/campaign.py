"""``mailer campaign``: create, plan, send, follow and repair campaigns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from sqlmodel import Session, select

from mailer import campaigns, compose, outbox
from mailer.campaigns import Campaign, CampaignKind
from mailer.cli.runtime import console, print_json, runtime
from mailer.cli.send import print_stats, run_pass
from mailer.config import Settings
from mailer.db import session_scope
from mailer.errors import InvalidInput, NotFound
from mailer.localtime import format_local, parse_local
from mailer.message import Batch
from mailer.tokens import message_id, new_token
from mailer.transports.factory import build_transport
from subscribers.sqltypes import utcnow

group = typer.Typer(help="Campagnes / campaigns.", no_args_is_help=True)


def _summary(c: Campaign, settings: Settings) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "status": c.status,
        "subject": c.subject,
        "segments": c.segments,
        "audience": c.audience,
        "event_id": c.event_id,
        "scheduled_at": format_local(c.scheduled_at, settings.zone) if c.scheduled_at else None,
        "started_at": c.started_at,
        "finished_at": c.finished_at,
        "note": c.note,
    }


@group.command("create")
def create_cmd(
    ctx: typer.Context,
    kind: CampaignKind = typer.Argument(..., help="newsletter | invitation"),
    subject: str = typer.Option(..., "--subject", help="Onderwerp / subject line."),
    content: Path | None = typer.Option(
        None, "--content", exists=True, dir_okay=False, help="Markdown file with the text."
    ),
    segment: list[str] = typer.Option([], "--segment", help="Segment name (repeatable)."),
    event: int | None = typer.Option(None, "--event", help="Event id (invitations)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create a draft campaign and print its id."""
    text = content.read_text(encoding="utf-8") if content else ""
    with session_scope(runtime(ctx).engine) as session:
        c = campaigns.create(
            session, kind=kind, subject=subject, content=text, segments=segment, event_id=event
        )
        new_id = c.id
    print_json({"id": new_id}) if as_json else console.print(
        f"Campagne aangemaakt / created: {new_id}"
    )


@group.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """All campaigns, newest last."""
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        rows = [_summary(c, rt.settings) for c in campaigns.all_campaigns(session)]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "soort/kind", "status", "onderwerp/subject", "gepland/scheduled")
    for r in rows:
        table.add_row(str(r["id"]), r["kind"], r["status"], r["subject"], r["scheduled_at"] or "—")
    console.print(table)


@group.command("show")
def show_cmd(
    ctx: typer.Context, campaign_id: int, as_json: bool = typer.Option(False, "--json")
) -> None:
    """One campaign with its delivery counts."""
    status_cmd(ctx, campaign_id, as_json)


@group.command("status")
def status_cmd(
    ctx: typer.Context, campaign_id: int, as_json: bool = typer.Option(False, "--json")
) -> None:
    """Counts per delivery state, and the failures with their reasons."""
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        c = campaigns.get(session, campaign_id)
        data = _summary(c, rt.settings)
        data["deliveries"] = outbox.counts(session, campaign_id)
        data["problems"] = outbox.problems(session, campaign_id)
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]Campagne {data['id']}[/] ({data['kind']}): {data['subject']}")
    console.print(f"Status: {data['status']}  {data['note']}")
    table = Table("status", "aantal/count")
    for state, n in data["deliveries"].items():
        table.add_row(state, str(n))
    console.print(table)
    for p in data["problems"]:
        console.print(f"  [red]{p['status']}[/] {p['email']}: {p['reason']}")


@group.command("schedule")
def schedule_cmd(
    ctx: typer.Context,
    campaign_id: int,
    at: str = typer.Option(..., "--at", help='Local time, e.g. "2026-12-01 09:00".'),
) -> None:
    """Plan a campaign at a local time (Europe/Amsterdam unless MAILER_TIMEZONE says otherwise)."""
    rt = runtime(ctx)
    when = parse_local(at, rt.settings.zone)
    if when <= utcnow():
        raise InvalidInput(f"{at} is al voorbij; gebruik 'send' / {at} has passed; use 'send'")
    with session_scope(rt.engine) as session:
        campaigns.schedule(session, campaign_id, when)
    console.print(f"Ingepland / scheduled: {format_local(when, rt.settings.zone)}")


@group.command("send")
def send_cmd(
    ctx: typer.Context,
    campaign_id: int,
    queue_only: bool = typer.Option(
        False, "--queue-only", help="Only queue; a worker or the scheduler sends."
    ),
) -> None:
    """Send now: queue the audience and (unless --queue-only) send it from this process."""
    rt = runtime(ctx)
    with session_scope(rt.engine) as session:
        campaigns.schedule(session, campaign_id, utcnow())
    if not queue_only:
        print_stats(run_pass(rt.engine, rt.settings, campaign_ids=[campaign_id]))


@group.command("pause")
def pause_cmd(ctx: typer.Context, campaign_id: int) -> None:
    with session_scope(runtime(ctx).engine) as session:
        campaigns.pause(session, campaign_id)
    console.print(f"Campagne {campaign_id} gepauzeerd / paused")


@group.command("resume")
def resume_cmd(ctx: typer.Context, campaign_id: int) -> None:
    with session_scope(runtime(ctx).engine) as session:
        c = campaigns.resume(session, campaign_id)
        status = c.status
    console.print(f"Campagne {campaign_id}: {status}")


@group.command("cancel")
def cancel_cmd(ctx: typer.Context, campaign_id: int) -> None:
    with session_scope(runtime(ctx).engine) as session:
        campaigns.cancel(session, campaign_id)
    console.print(f"Campagne {campaign_id} geannuleerd / cancelled")


@group.command("resend")
def resend_cmd(
    ctx: typer.Context,
    campaign_id: int,
    uncertain: bool = typer.Option(
        False, "--uncertain", help="Resend deliveries interrupted by a crash."
    ),
) -> None:
    """Explicitly resend what a crash left uncertain (some may get it twice)."""
    if not uncertain:
        raise InvalidInput("Zeg wat opnieuw moet: --uncertain / say what to resend: --uncertain")
    with session_scope(runtime(ctx).engine) as session:
        c = campaigns.get(session, campaign_id)
        if c.status == "cancelled":
            raise InvalidInput(
                f"Campagne {campaign_id} is geannuleerd / campaign {campaign_id} is cancelled"
            )
        n = outbox.requeue_uncertain(session, campaign_id)
        if n and c.status == "sent":
            campaigns.transition(c, campaigns.CampaignStatus.SENDING)
    console.print(f"{n} leveringen opnieuw in de wachtrij / deliveries queued again")


@group.command("test")
def test_cmd(
    ctx: typer.Context,
    campaign_id: int,
    to: str = typer.Option(..., "--to", help="Address for the test copy."),
    lang: str = typer.Option("nl", "--lang"),
) -> None:
    """Send one test copy; it is not recorded in the campaign's ledger."""
    rt = runtime(ctx)
    now = utcnow()
    with Session(rt.engine) as session:
        c = campaigns.get(session, campaign_id)
        prepared = compose.prepare(session, c, lang, rt.settings, now)
    token = new_token()
    rcpt = compose.recipient(
        rt.settings,
        email=to,
        name="Test",
        organisation="Test",
        token=token,
        message_id=message_id(rt.settings, token),
        ref="test",
    )
    prepared = _test_subject(prepared)
    transport = build_transport(rt.settings)
    try:
        (result,) = transport.send_batch(Batch(prepared, [rcpt]))
    finally:
        transport.close()
    console.print(f"Testbericht / test message to {to}: {result.outcome} {result.reason}")


def write_campaign_preview(
    ctx: typer.Context,
    campaign_id: int,
    out: Path,
    contact: str | None,
    lang: str | None,
    shots: bool,
) -> list[Path]:
    """The campaign exactly as one recipient would get it (a sample one by default)."""
    from mailer.render import sample_recipient
    from mailer.render.preview import screenshot, write_preview
    from subscribers.models import Contact

    rt = runtime(ctx)
    with Session(rt.engine) as session:
        c = campaigns.get(session, campaign_id)
        person = None
        if contact:
            person = session.exec(select(Contact).where(Contact.email == contact.lower())).first()
            if person is None:
                raise NotFound(f"Geen contact met e-mail {contact} / no contact {contact}")
        language = lang or (person.language if person else "nl")
        prepared = compose.prepare(session, c, language, rt.settings, utcnow())
        org = compose.organisation_names(session, [person.organisation_id] if person else [])
    token = new_token()
    sample = sample_recipient(language)
    rcpt = compose.recipient(
        rt.settings,
        email=person.email if person else sample.to.email,
        name=person.name if person else sample.to.name,
        organisation=org.get(person.organisation_id or 0, "")
        if person
        else sample.values.get("organisation", ""),
        token=token,
        message_id=message_id(rt.settings, token),
        ref="preview",
    )
    written = write_preview(prepared, rcpt, out, f"campaign-{campaign_id}.{language}")
    if shots:
        written += screenshot([p for p in written if p.suffix == ".html"])
    return written


@group.command("preview")
def preview_cmd(
    ctx: typer.Context,
    campaign_id: int,
    out: Path = typer.Option(..., "--out", help="Map voor de bestanden / output directory"),
    contact: str | None = typer.Option(None, "--contact", help="E-mail van een contact"),
    lang: str | None = typer.Option(None, "--lang", help="nl of en"),
    shots: bool = typer.Option(False, "--screenshot", help="Ook PNG's op 375 en 800 px"),
) -> None:
    """Write .html, .txt and .eml of a campaign (template errors show up here, not at send)."""
    for path in write_campaign_preview(ctx, campaign_id, out, contact, lang, shots):
        typer.echo(str(path))


def _test_subject(prepared: Any) -> Any:
    from dataclasses import replace

    return replace(prepared, subject=f"[TEST] {prepared.subject}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="campaign")
