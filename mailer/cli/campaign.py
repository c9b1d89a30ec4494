"""``mailer campaign``: create, edit, plan, send, follow and repair campaigns."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlmodel import Session, select

from mailer import campaigns, outbox, reasons
from mailer.campaigns import Campaign, CampaignKind, Changes
from mailer.cli.check import warn_before_real_mail
from mailer.cli.interrupt import stoppable
from mailer.cli.runtime import console, print_json, read_markdown, runtime
from mailer.cli.send import print_stats, run_pass
from mailer.config import Settings
from mailer.db import session_scope
from mailer.errors import InvalidInput, NotFound, TransportError
from mailer.i18n import _, ngettext
from mailer.localtime import format_local, parse_local
from mailer.message import Batch, PreparedMessage, Recipient
from mailer.render.preview import screenshot, write_preview
from mailer.render.samples import sample_recipient
from mailer.sending import compose
from mailer.tracking import activity
from mailer.tracking.activity import Figures
from mailer.transports.base import Outcome, Result, Transport
from mailer.transports.classify import classify
from mailer.transports.factory import build_transport
from subscribers.models import Contact
from subscribers.sqltypes import utcnow

group = typer.Typer(help="Campaigns: create, edit, plan, send and follow.", no_args_is_help=True)

_CONTENT_HELP = "Markdown file with the Dutch text."
_CONTENT_EN_HELP = "Markdown file with the English text (optional; needs --subject-en)."


def _summary(c: Campaign, settings: Settings) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "status": c.status,
        "subject": c.subject,
        "subject_en": c.subject_en,
        "languages": list(campaigns.languages(c)),
        "segments": c.segments,
        "audience": c.audience,
        "event_id": c.event_id,
        "agenda": c.agenda,
        "scheduled_at": format_local(c.scheduled_at, settings.zone) if c.scheduled_at else None,
        "started_at": c.started_at,
        "finished_at": c.finished_at,
        "note": reasons.render(c.note),
    }


@group.command("create")
def create_cmd(
    ctx: typer.Context,
    kind: CampaignKind = typer.Argument(..., help="newsletter | invitation | programme"),
    subject: str = typer.Option(..., "--subject", help="Subject line (Dutch)."),
    subject_en: str = typer.Option("", "--subject-en", help="English subject line."),
    content: Path | None = typer.Option(
        None, "--content", exists=True, dir_okay=False, help=_CONTENT_HELP
    ),
    content_en: Path | None = typer.Option(
        None, "--content-en", exists=True, dir_okay=False, help=_CONTENT_EN_HELP
    ),
    segment: list[str] = typer.Option([], "--segment", help="Segment name (repeatable)."),
    event: int | None = typer.Option(None, "--event", help="Event id (invitation, programme)."),
    agenda: list[int] = typer.Option([], "--agenda", help="Event id for the agenda (repeatable)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create a draft campaign and print its id."""
    with session_scope(runtime(ctx).engine) as session:
        c = campaigns.create(
            session,
            kind=kind,
            subject=subject,
            subject_en=subject_en,
            content=read_markdown(content) or "",
            content_en=read_markdown(content_en) or "",
            segments=segment,
            event_id=event,
            agenda=agenda,
        )
        new_id = c.id
    if as_json:
        print_json({"id": new_id})
    else:
        console.print(_("Campaign created: {id}").format(id=new_id))


@group.command("edit")
def edit_cmd(
    ctx: typer.Context,
    campaign_id: int,
    subject: str | None = typer.Option(None, "--subject", help="New subject line (Dutch)."),
    subject_en: str | None = typer.Option(None, "--subject-en", help="New English subject."),
    content: Path | None = typer.Option(
        None, "--content", exists=True, dir_okay=False, help=_CONTENT_HELP
    ),
    content_en: Path | None = typer.Option(
        None, "--content-en", exists=True, dir_okay=False, help=_CONTENT_EN_HELP
    ),
    no_english: bool = typer.Option(
        False, "--no-english", help="Drop the English version: everyone gets the Dutch mail."
    ),
    segment: list[str] = typer.Option([], "--segment", help="Replaces the segments (repeatable)."),
    agenda: list[int] = typer.Option([], "--agenda", help="Replaces the agenda (repeatable)."),
    no_agenda: bool = typer.Option(False, "--no-agenda", help="An agenda with no events."),
) -> None:
    """Change a draft or scheduled campaign; it is checked again as at create."""
    if no_english and (subject_en is not None or content_en is not None):
        raise InvalidInput(_("--no-english cannot go with --subject-en or --content-en"))
    if no_agenda and agenda:
        raise InvalidInput(_("--no-agenda cannot go with --agenda"))
    changes = Changes(
        subject=subject,
        subject_en="" if no_english else subject_en,
        content=read_markdown(content),
        content_en="" if no_english else read_markdown(content_en),
        segments=segment or None,
        agenda=() if no_agenda else (agenda or None),
    )
    with session_scope(runtime(ctx).engine) as session:
        campaigns.edit(session, campaign_id, changes)
    console.print(_("Campaign {id} changed").format(id=campaign_id))


@group.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """All campaigns, newest last."""
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        rows = [_summary(c, rt.settings) for c in campaigns.all_campaigns(session)]
    if as_json:
        print_json(rows)
        return
    table = Table("id", _("kind"), _("status"), _("subject"), _("scheduled"), _("note"))
    for r in rows:
        table.add_row(
            str(r["id"]),
            campaigns.kind_label(r["kind"]),
            campaigns.status_label(r["status"]),
            r["subject"],
            r["scheduled_at"] or "—",
            r["note"],
        )
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
        figures = activity.figures(session.connection(), campaign_id)
    if figures is not None:  # only a campaign sent with MAILER_TRACKING on
        data["tracking"] = dataclasses.asdict(figures)
    for problem in data["problems"]:
        problem["reason"] = reasons.render(problem["reason"])
    if as_json:
        print_json(data)
        return
    _print_status(data)


def _print_status(data: dict[str, Any]) -> None:
    head = _("[bold]Campaign {id}[/] ({kind}): {subject}")
    kind = campaigns.kind_label(data["kind"])
    console.print(
        head.format(id=data["id"], kind=escape(kind), subject=escape(data["subject"])),
        markup=True,
    )
    status = campaigns.status_label(data["status"])
    console.print(_("Status: {status}  {note}").format(status=status, note=data["note"]))
    console.print(_("Languages: {languages}").format(languages=", ".join(data["languages"])))
    if data["segments"]:
        console.print(_("Segments: {names}").format(names=", ".join(data["segments"])))
    if data["agenda"]:
        console.print(_("Agenda: events {ids}").format(ids=", ".join(map(str, data["agenda"]))))
    table = Table(_("status"), _("count"))
    for state, n in data["deliveries"].items():
        table.add_row(_(state), str(n))  # the states are marked in mailer/codes.py
    console.print(table)
    for p in data["problems"]:
        console.print(
            f"  [red]{escape(_(p['status']))}[/] {escape(p['email'])}: {escape(p['reason'])}",
            markup=True,
        )
    if "tracking" in data:
        console.print(_(activity.FIGURES).format(**Figures(**data["tracking"]).shown()))
        console.print(_(activity.CAVEAT))


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
        raise InvalidInput(_("{at} has passed; use 'send'").format(at=at))
    with session_scope(rt.engine) as session:
        campaigns.schedule(session, campaign_id, when)
    console.print(_("Scheduled: {at}").format(at=format_local(when, rt.settings.zone)))


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
        with stoppable() as stop:
            print_stats(run_pass(rt.engine, rt.settings, campaign_ids=[campaign_id], stop=stop))


@group.command("pause")
def pause_cmd(ctx: typer.Context, campaign_id: int) -> None:
    with session_scope(runtime(ctx).engine) as session:
        campaigns.pause(session, campaign_id)
    console.print(_("Campaign {id} paused").format(id=campaign_id))


@group.command("resume")
def resume_cmd(ctx: typer.Context, campaign_id: int) -> None:
    with session_scope(runtime(ctx).engine) as session:
        c = campaigns.resume(session, campaign_id)
        status = c.status
    console.print(
        _("Campaign {id}: {status}").format(id=campaign_id, status=campaigns.status_label(status))
    )


@group.command("cancel")
def cancel_cmd(ctx: typer.Context, campaign_id: int) -> None:
    with session_scope(runtime(ctx).engine) as session:
        campaigns.cancel(session, campaign_id)
    console.print(_("Campaign {id} cancelled").format(id=campaign_id))


@group.command("resend")
def resend_cmd(
    ctx: typer.Context,
    campaign_id: int,
    uncertain: bool = typer.Option(
        False, "--uncertain", help="Resend deliveries interrupted by a crash."
    ),
    yes: bool = typer.Option(False, "--yes", help="Do not ask; needed when not on a terminal."),
) -> None:
    """Explicitly resend what a crash left uncertain (some may get it twice); asks first."""
    if not uncertain:
        raise InvalidInput(_("Say what to resend: --uncertain"))
    engine = runtime(ctx).engine
    with Session(engine) as session:
        c = campaigns.get(session, campaign_id)
        if c.status == "cancelled":
            raise InvalidInput(_("Campaign {id} is cancelled").format(id=campaign_id))
        waiting = outbox.counts(session, campaign_id)["uncertain"]
    if not waiting:
        console.print(_("Campaign {id} has no uncertain deliveries.").format(id=campaign_id))
        return
    question = ngettext(
        "{count} delivery of campaign {id} may or may not have arrived; resending may mail "
        "that recipient twice. Resend it?",
        "{count} deliveries of campaign {id} may or may not have arrived; resending may mail "
        "those recipients twice. Resend them?",
        waiting,
    ).format(count=waiting, id=campaign_id)
    _confirm(question, yes)
    with session_scope(engine) as session:
        n = campaigns.resend_uncertain(session, campaign_id)
    queued = ngettext("{count} delivery queued again", "{count} deliveries queued again", n)
    console.print(queued.format(count=n))


def _confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; elsewhere only ``--yes`` goes ahead (a script never guesses)."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput(
            _("{question} Confirm with --yes (nothing was changed)").format(question=question)
        )
    if not typer.confirm(question, default=False):
        raise typer.Abort()


def _languages_to_show(c: Campaign, lang: str | None) -> list[str]:
    """Every language the campaign sends, or the one a contact speaking ``lang`` gets."""
    if lang is None:
        return list(campaigns.languages(c))
    if lang not in (campaigns.MAIN_LANGUAGE, campaigns.SECOND_LANGUAGE):
        raise InvalidInput(_("Unknown language {lang!r}: choose nl or en").format(lang=lang))
    return [compose.mail_language(c, lang)]


@group.command("test")
def test_cmd(
    ctx: typer.Context,
    campaign_id: int,
    to: str = typer.Option(..., "--to", help="Address for the test copies."),
    lang: str | None = typer.Option(
        None, "--lang", help="nl or en: only the mail a contact speaking it gets."
    ),
) -> None:
    """Send one test copy per language the campaign sends; none is recorded in its ledger."""
    rt = runtime(ctx)
    warn_before_real_mail(rt.settings)
    now = utcnow()
    with Session(rt.engine) as session:
        c = campaigns.get(session, campaign_id)
        prepared = {
            language: compose.prepare(session, c, language, rt.settings, now)
            for language in _languages_to_show(c, lang)
        }
    transport = build_transport(rt.settings)
    failed = []
    try:
        for language, message in prepared.items():
            result = _send_test_copy(transport, message, language, rt.settings, to)
            console.print(
                _("Test copy ({language}) to {to}: {outcome} {reason}").format(
                    language=language, to=to, outcome=result.outcome, reason=result.reason
                )
            )
            if result.outcome is not Outcome.SENT:
                failed.append(language)
    finally:
        transport.close()
    if failed:
        raise TransportError(
            _("The test copy ({languages}) to {to} did not go out").format(
                languages=", ".join(failed), to=to
            ),
            transient=False,
        )


def _send_test_copy(
    transport: Transport, message: PreparedMessage, language: str, settings: Settings, to: str
) -> Result:
    """One copy, subject marked; a transport that fails as a whole is a failed copy too."""
    test_copy = dataclasses.replace(message, subject=f"[TEST {language}] {message.subject}")
    try:
        (result,) = transport.send_batch(Batch(test_copy, [_test_recipient(settings, to)]))
    except Exception as exc:  # the same judgement the send loop makes (classify)
        failure = classify(exc)
        return Result("test", failure.outcome, failure.reason)
    return result


def _test_recipient(settings: Settings, to: str) -> Recipient:
    return compose.recipient(
        settings,
        email=to,
        name="Test",
        organisation="Test",
        delivery=None,
        ref="test",
    )


def write_campaign_preview(
    ctx: typer.Context,
    campaign_id: int,
    out: Path,
    contact: str | None,
    lang: str | None,
    shots: bool,
) -> list[Path]:
    """The campaign as its recipients get it: one file set per language it sends.

    With ``--contact``, as that contact gets it (their name, their language);
    with ``--lang``, as a contact speaking that language gets it.
    """
    rt = runtime(ctx)
    now = utcnow()
    with Session(rt.engine) as session:
        c = campaigns.get(session, campaign_id)
        person = _contact(session, contact) if contact else None
        shown = _languages_to_show(c, lang or (person.language if person else None))
        prepared = {
            language: compose.prepare(session, c, language, rt.settings, now) for language in shown
        }
        org = compose.organisation_names(session, [person.organisation_id] if person else [])
    written: list[Path] = []
    for language, message in prepared.items():
        rcpt = _preview_recipient(rt.settings, language, person, org)
        written += write_preview(message, rcpt, out, f"campaign-{campaign_id}.{language}")
    if shots:
        written += screenshot([p for p in written if p.suffix == ".html"])
    return written


def _contact(session: Session, email: str) -> Contact:
    person = session.exec(select(Contact).where(Contact.email == email.strip().lower())).first()
    if person is None:
        raise NotFound(_("No contact with email {email}").format(email=email))
    return person


def _preview_recipient(
    settings: Settings, language: str, person: Contact | None, orgs: dict[int, str]
) -> Recipient:
    sample = sample_recipient(language)
    return compose.recipient(
        settings,
        email=person.email if person else sample.to.email,
        name=person.name if person else sample.to.name,
        organisation=orgs.get(person.organisation_id or 0, "")
        if person
        else sample.values.get("organisation", ""),
        delivery=None,
        ref="preview",
    )


@group.command("preview")
def preview_cmd(
    ctx: typer.Context,
    campaign_id: int,
    out: Path = typer.Option(..., "--out", help="Output directory."),
    contact: str | None = typer.Option(None, "--contact", help="As this contact gets it."),
    lang: str | None = typer.Option(None, "--lang", help="nl or en (default: every language)."),
    shots: bool = typer.Option(False, "--screenshot", help="Also PNGs at 375 and 800 px."),
) -> None:
    """Write .html, .txt and .eml of a campaign (template errors show up here, not at send)."""
    for path in write_campaign_preview(ctx, campaign_id, out, contact, lang, shots):
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="campaign")
