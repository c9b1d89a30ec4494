"""``mailer send-due`` (one pass, for scripts) and ``mailer worker`` (the loop)."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer.cli.runtime import console, print_json, runtime
from mailer.config import Settings
from mailer.dispatch import DrainStats, send_due
from mailer.errors import ConfigError
from mailer.outbox import Delivery
from mailer.transports.factory import build_transport
from subscribers.sqltypes import utcnow

log = logging.getLogger("mailer.worker")


def _queued(engine: Engine, campaign_ids: Sequence[int] | None) -> int:
    with Session(engine) as session:
        q = select(func.count()).select_from(Delivery).where(col(Delivery.status) == "queued")
        if campaign_ids:
            q = q.where(col(Delivery.campaign_id).in_(campaign_ids))
        return int(session.exec(q).one())


def run_pass(
    engine: Engine,
    settings: Settings,
    *,
    campaign_ids: Sequence[int] | None = None,
    stop: threading.Event | None = None,
    quiet: bool = False,
) -> DrainStats:
    """One send pass with a progress bar (rate, ETA) on a terminal, plain log lines otherwise."""
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
        TextColumn("[bold]Verzenden / sending"),
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
            console.print(f"[yellow]Campagne {r.campaign_id} gemist / missed:[/] {r.note}")
        elif r.snapshot is not None:
            s = r.snapshot
            console.print(
                f"Campagne {r.campaign_id}: {s.queued} in de wachtrij / queued, "
                f"{s.total_skipped} overgeslagen / skipped, {s.duplicates} dubbel / duplicate"
            )
            for org in s.organisations_without_contact[:10]:
                console.print(f"  [yellow]geen bereikbaar contact / no mailable contact:[/] {org}")
    console.print(
        f"Verzonden / sent: {stats.sent}, mislukt / failed: {stats.failed}, "
        f"later opnieuw / retry later: {stats.deferred}"
    )
    for cid in stats.finished:
        console.print(f"[green]Campagne {cid} is verzonden / campaign {cid} sent[/]")
    for cid in stats.paused:
        console.print(f"[red]Campagne {cid} automatisch gepauzeerd / auto-paused[/]")


def register(app: typer.Typer) -> None:
    @app.command("send-due")
    def send_due_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
        """Send everything that is due now, once, and exit."""
        rt = runtime(ctx)
        stats = run_pass(rt.engine, rt.settings, quiet=as_json)
        print_json(stats_dict(stats)) if as_json else print_stats(stats)

    @app.command("worker")
    def worker_cmd(
        ctx: typer.Context,
        interval: float = typer.Option(5.0, help="Seconds between passes when idle."),
    ) -> None:
        """Send until stopped; SIGTERM/SIGINT finish the batch in hand, then stop."""
        rt = runtime(ctx)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
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
