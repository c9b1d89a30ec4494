"""``mailer inbound``: import, poll, list, show, review, resolve.

Thin: the work is ``mailer.inbound.runs`` (store, then process) and
``mailer.inbound.queue`` (what a coordinator reads).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table
from sqlmodel import Session

from mailer.cli.runtime import console, print_json, runtime
from mailer.config import Settings
from mailer.errors import ConfigError, InvalidInput
from mailer.i18n import N_, _, label
from mailer.inbound import queue

if TYPE_CHECKING:
    from mailer.inbound.runs import Progress as OnProgress
    from mailer.inbound.runs import Report
from mailer.localtime import format_local

group = typer.Typer(
    help=_("Replies, bounces and other mail that comes back."), no_args_is_help=True
)

PHASES = {"store": N_("Storing"), "fetch": N_("Fetching"), "process": N_("Reading")}
JSON_HELP = N_("The result as JSON.")


@contextmanager
def _progress(quiet: bool) -> Iterator[OnProgress | None]:
    """A live count on a terminal; nothing for --json or a pipe."""
    if quiet or not console.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed}"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def on_progress(phase: str, count: int) -> None:
            bar.update(task, description=label(PHASES, phase), completed=count)

        yield on_progress


def _print_report(report: Report) -> None:
    console.print(
        _(
            "Read {read}, stored {stored}, already stored {duplicates}; "
            "applied {applied}, to review {review}, errors {errors}"
        ).format(
            read=report.read,
            stored=report.stored,
            duplicates=report.duplicates,
            applied=report.applied,
            review=report.review,
            errors=report.errors,
        )
    )
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(report.kinds.items()) if n)
    if kinds:
        console.print(_("Kinds: {kinds}").format(kinds=kinds))
    for problem in report.problems[:20]:
        console.print(f"[red]{escape(problem)}[/]", markup=True)
    if len(report.problems) > 20:
        console.print(_("… and {n} more").format(n=len(report.problems) - 20))


def _finish(report: Report, as_json: bool) -> None:
    print_json(report.as_dict()) if as_json else _print_report(report)


@group.command(
    "import", help=_("Store and read mail from .eml files, folders, a Maildir or an mbox.")
)
def import_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help=_("Files or folders.")),
    as_json: bool = typer.Option(False, "--json", help=_(JSON_HELP)),
) -> None:
    rt = runtime(ctx)
    with _progress(as_json) as progress:
        from mailer.inbound import runs  # the readers load for the commands that read

        report = runs.import_paths(rt.engine, rt.settings, paths, progress=progress)
    _finish(report, as_json)
    if report.errors and report.stored + report.duplicates < report.read:
        raise typer.Exit(1)  # something could not be stored: said above


@group.command("poll", help=_("Fetch new mail from MAILER_IMAP_URL, store it, move it, read it."))
def poll_cmd(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_(JSON_HELP)),
) -> None:
    rt = runtime(ctx)
    _need_mailbox(rt.settings)
    with _progress(as_json) as progress:
        from mailer.inbound import runs  # the readers load for the commands that read

        report = runs.poll(rt.engine, rt.settings, progress=progress)
    _finish(report, as_json)
    if report.read > report.moved or report.errors:
        raise typer.Exit(1)


def _need_mailbox(settings: Settings) -> None:
    if not settings.imap_url:
        raise ConfigError(
            _("MAILER_IMAP_URL is not set: set it to imaps://user:password@host/INBOX")
        )


@group.command("list", help=_("The latest inbound messages."))
def list_cmd(
    ctx: typer.Context,
    limit: int = typer.Option(50, min=1, help=_("How many.")),
    as_json: bool = typer.Option(False, "--json", help=_(JSON_HELP)),
) -> None:
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        rows = queue.summaries(session, limit=limit)
    _print_rows(rows, rt.settings, as_json, _("No inbound messages yet."))


@group.command("review", help=_("The review queue: messages a person has to decide on."))
def review_cmd(
    ctx: typer.Context,
    limit: int = typer.Option(200, min=1, help=_("How many.")),
    as_json: bool = typer.Option(False, "--json", help=_(JSON_HELP)),
) -> None:
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        rows = queue.summaries(session, statuses=queue.REVIEW_STATUSES, limit=limit)
    _print_rows(rows, rt.settings, as_json, _("Nothing to review."))


def _print_rows(rows: list[dict[str, Any]], settings: Settings, as_json: bool, empty: str) -> None:
    if as_json:
        print_json({"messages": rows})
        return
    if not rows:
        console.print(empty)
        return
    table = Table(_("id"), _("received"), _("status"), _("kind"), _("from"), _("subject"))
    table.add_column(_("organisation or note"))
    for r in rows:
        received = format_local(datetime.fromisoformat(r["received_at"]), settings.zone)
        table.add_row(
            str(r["id"]),
            received,
            r["status"],
            r["kind"] or "",
            escape(r["from"]),
            escape(r["subject"][:60]),
            escape(r["organisation"] or r["note"] or ""),
        )
    console.print(table)


@group.command(
    "show", help=_("One message: the stripped text, the proposed decision, the evidence.")
)
def show_cmd(
    ctx: typer.Context,
    inbound_id: int = typer.Argument(..., metavar="ID"),
    raw: bool = typer.Option(False, "--raw", help=_("Also the message as it arrived.")),
    as_json: bool = typer.Option(False, "--json", help=_(JSON_HELP)),
) -> None:
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        data = queue.detail(session, inbound_id, with_raw=raw)
    if as_json:
        print_json(data)
        return
    _print_detail(data)
    if raw:
        console.print("[bold]" + _("As it arrived:") + "[/]", markup=True)
        sys.stdout.write(data["raw"] if data["raw"] is not None else _("(deleted by retention)"))
        sys.stdout.write("\n")


def _print_detail(d: dict[str, Any]) -> None:
    match = d["match"]
    lines = [
        (_("message"), f"{d['id']} ({d['status']}, {d['kind'] or '-'})"),
        (_("from"), d["from"]),
        (_("subject"), d["subject"]),
        (_("received"), f"{d['received_at']} ({d['source']}: {d['origin']})"),
        (_("matched by"), match["rule"] or "-"),
        (_("why unmatched"), match["reason"]),
        (_("organisation"), (match["organisation"] or {}).get("name", "")),
        (_("event"), (match["event"] or {}).get("title", "")),
        (_("error"), d["reason"]),
        (_("proposed"), f"{d['decision'] or '-'} ({d['confidence'] or 0:.2f})"),
    ]
    for name, value in lines:
        if value:
            console.print(f"[bold]{escape(name)}:[/] {escape(str(value))}", markup=True)
    for person in d["attendees"]:
        who = person["name"] + (f" <{person['email']}>" if person.get("email") else "")
        console.print("  - " + escape(who))
    if d["unnamed_extra"]:
        console.print("  " + _("+ {n} not named").format(n=d["unnamed_extra"]))
    if d["text"]:
        console.print("[bold]" + _("text:") + "[/]", markup=True)
        console.print(escape(d["text"]))
    for ev in d["evidence"]:
        detail = f": {ev['detail']}" if ev.get("detail") else ""
        console.print(
            f"  [dim]{escape(ev['step'])} / {escape(ev['rule'])}{escape(detail)}[/]", markup=True
        )
    _print_answers(d["answers"])


def _print_answers(answers: list[dict[str, Any]]) -> None:
    """The answers back to the sender or the coordinator: sent, waiting, or held and why."""
    if not answers:
        return
    console.print("[bold]" + escape(_("answers:")) + "[/]", markup=True)
    for a in answers:
        line = _("  {template} to {to}: {state}").format(
            template=a["template"], to=a["to"], state=a["state_text"]
        )
        if a["reason_text"]:
            line += f" ({a['reason_text']})"
        console.print(line, highlight=False, markup=False)


@group.command(
    "resolve",
    help=_(
        "Correct a message from the review queue: who comes, or a decline, or ignore it. "
        "Sends the answer the automatic path would have sent."
    ),
)
def resolve_cmd(
    ctx: typer.Context,
    inbound_id: int = typer.Argument(..., metavar="ID"),
    attending: str | None = typer.Option(
        None, "--attending", help=_('Who comes: "Name <address>; Name".')
    ),
    declined: bool = typer.Option(False, "--declined", help=_("The organisation declines.")),
    maybe: bool = typer.Option(False, "--maybe", help=_("The organisation may come.")),
    ignore: bool = typer.Option(False, "--ignore", help=_("Not an answer: leave the RSVP alone.")),
    organisation: str | None = typer.Option(
        None,
        "--organisation",
        help=_("The organisation (id or exact name) if not the matched one."),
    ),
    event: int | None = typer.Option(None, "--event", help=_("The event if not the matched one.")),
    as_json: bool = typer.Option(False, "--json", help=_(JSON_HELP)),
) -> None:
    rt = runtime(ctx)
    from mailer.inbound import resolve  # the applier loads for this command only

    try:
        correction = resolve.parse_correction(
            attending=attending,
            declined=declined,
            maybe=maybe,
            ignore=ignore,
            organisation=organisation,
            event=event,
        )
    except InvalidInput as err:  # a choice missing or two given: a usage mistake (exit 2)
        raise typer.BadParameter(str(err)) from err
    report = resolve.resolve(rt.engine, rt.settings, inbound_id, correction).as_dict()
    if as_json:
        print_json(report)
        return
    console.print(
        _("Message {id}: {action}").format(id=report["id"], action=report["action"]),
        highlight=False,
        markup=False,
    )
    for person in report["attendees"]:
        who = person["name"] + (f" <{person['email']}>" if person.get("email") else "")
        console.print("  - " + who, highlight=False, markup=False)
    for answer in report["answers"]:
        line = _("  answer {template} to {to}: {state}").format(**answer)
        if answer["reason_text"]:
            line += f" ({answer['reason_text']})"
        console.print(line, highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="inbound")
