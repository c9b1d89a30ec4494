"""``mailer send-due`` (one pass, for scripts) and ``mailer worker`` (the loop)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer.campaigns.model import sending_now
from mailer.cli.check import warn_before_real_mail
from mailer.cli.interrupt import stoppable
from mailer.cli.runtime import console, print_json, runtime
from mailer.config import Settings
from mailer.errors import ConfigError
from mailer.i18n import _
from mailer.outbox import Delivery
from mailer.schedule.stopping import StopRequest
from mailer.sending.dispatch import DrainStats, send_due
from mailer.transports.factory import build_transport
from subscribers.sqltypes import utcnow

log = logging.getLogger("mailer.worker")


def _queued(engine: Engine, campaign_ids: Sequence[int] | None) -> int:
    """What the pass has left: queued rows of the given campaigns, or of those sending now
    (each campaign one range of the outbox's status index, never the whole outbox)."""
    with Session(engine) as session:
        q = select(func.count()).select_from(Delivery).where(col(Delivery.status) == "queued")
        if campaign_ids:
            q = q.where(col(Delivery.campaign_id).in_(campaign_ids))
        else:
            q = q.where(col(Delivery.campaign_id).in_(sending_now(utcnow()).scalar_subquery()))
        return int(session.exec(q).one())


def run_pass(
    engine: Engine,
    settings: Settings,
    *,
    campaign_ids: Sequence[int] | None = None,
    stop: threading.Event | None = None,
    quiet: bool = False,
) -> DrainStats:
    """One send pass with a progress bar (rate, ETA) on a terminal, plain log lines otherwise.

    Before mail leaves the machine (SMTP, SendGrid) the settings' findings are
    shown once per process, so an unsafe configuration never goes out unnoticed.
    """
    warn_before_real_mail(settings)
    transport = build_transport(settings)
    try:
        with _reporter(engine, campaign_ids, quiet) as on_batch:
            return send_due(
                engine,
                settings,
                transport,
                utcnow(),
                stop=stop,
                campaign_ids=campaign_ids,
                on_batch=on_batch,
            )
    finally:
        transport.close()


@contextmanager
def _reporter(
    engine: Engine, campaign_ids: Sequence[int] | None, quiet: bool
) -> Iterator[Callable[[DrainStats], None] | None]:
    """What to do after each batch: nothing, a log line, or move a progress bar."""
    if quiet or not console.is_terminal:
        yield None if quiet else _log_batch
        return
    columns = (
        TextColumn("[bold]" + _("Sending")),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.0f}/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("send", total=None, rate=0.0)
        total = 0

        def on_batch(stats: DrainStats) -> None:
            nonlocal total
            done = stats.sent + stats.failed + stats.deferred
            if stats.batches % 20 == 1 or done > total:  # a count per batch would be O(n²)
                total = done + _queued(engine, campaign_ids)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, completed=done, total=total, rate=done / elapsed)

        yield on_batch


def _log_batch(stats: DrainStats) -> None:
    log.info(
        "sent=%d failed=%d deferred=%d batches=%d",
        stats.sent,
        stats.failed,
        stats.deferred,
        stats.batches,
    )


def stats_dict(stats: DrainStats) -> dict[str, Any]:
    return {
        "sent": stats.sent,
        "failed": stats.failed,
        "deferred": stats.deferred,
        "batches": stats.batches,
        "finished": stats.finished,
        "paused": stats.paused,
        "uncertain_marked": stats.expired,
        "started": [
            {"campaign": r.campaign_id, "started": r.started, "missed": r.missed, "note": r.note}
            for r in stats.started
        ],
    }


def print_stats(stats: DrainStats) -> None:
    for r in stats.started:
        if r.missed:
            console.print(
                "[yellow]"
                + _("Campaign {id} missed:").format(id=r.campaign_id)
                + f"[/] {escape(r.note)}",
                markup=True,
            )
        elif r.snapshot is not None:
            s = r.snapshot
            console.print(
                _(
                    "Campaign {id}: {queued} queued, {skipped} skipped, {duplicates} duplicate"
                ).format(
                    id=r.campaign_id,
                    queued=s.queued,
                    skipped=s.total_skipped,
                    duplicates=s.duplicates,
                )
            )
            for org in s.organisations_without_contact[:10]:
                console.print(
                    "  [yellow]" + _("no mailable contact:") + f"[/] {escape(str(org))}",
                    markup=True,
                )
    console.print(
        _("Sent: {sent}, failed: {failed}, retry later: {deferred}").format(
            sent=stats.sent, failed=stats.failed, deferred=stats.deferred
        )
    )
    for cid in stats.finished:
        console.print("[green]" + _("Campaign {id} sent").format(id=cid) + "[/]", markup=True)
    for cid in stats.paused:
        note = stats.notes.get(cid, "")
        line = _("Campaign {id} paused itself").format(id=cid)
        console.print(
            f"[red]{escape(line)}[/]" + (f": {escape(note)}" if note else ""), markup=True
        )


def register(app: typer.Typer) -> None:
    @app.command("send-due", help=_("Send everything that is due now, once, and exit."))
    def send_due_cmd(
        ctx: typer.Context,
        as_json: bool = typer.Option(False, "--json", help=_("The figures as JSON.")),
    ) -> None:
        """Send everything that is due now, once, and exit."""
        rt = runtime(ctx)
        with stoppable() as stop:
            stats = run_pass(rt.engine, rt.settings, quiet=as_json, stop=stop)
            print_json(stats_dict(stats)) if as_json else print_stats(stats)

    @app.command(
        "worker",
        help=_("Send until stopped; SIGTERM or Ctrl-C finish the batch in hand, then stop."),
    )
    def worker_cmd(
        ctx: typer.Context,
        interval: float = typer.Option(5.0, help=_("Seconds between passes when idle.")),
    ) -> None:
        """Send until stopped; SIGTERM/SIGINT finish the batch in hand, then stop."""
        rt = runtime(ctx)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        request = StopRequest()
        request.install()
        stop = request.event
        log.info("worker started (transport %s)", rt.settings.transport)
        while not stop.is_set():
            try:
                stats = run_pass(rt.engine, rt.settings, stop=stop, quiet=True)
            except ConfigError:
                raise  # nothing will work until an operator fixes it
            except Exception:  # a database hiccup must not end the worker
                log.exception("send pass failed; trying again in %.0f s", interval)
            else:
                if stats.sent or stats.failed or stats.started:
                    _log_batch(stats)
            stop.wait(interval)
        log.info("worker stopped")
