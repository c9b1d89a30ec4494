"""``mailer tick`` (for cron: everything due, once) and ``mailer scheduler`` (the process)."""

from __future__ import annotations

import logging

import typer

from mailer import jobs
from mailer.cli.runtime import console, print_json, runtime
from mailer.transports.factory import build_transport


def register(app: typer.Typer) -> None:
    @app.command("tick")
    def tick_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
        """Run everything that is due now, once, and exit (safe next to the scheduler)."""
        rt = runtime(ctx)
        transport = build_transport(rt.settings)
        try:
            report = jobs.tick(rt.engine, rt.settings, transport)
        finally:
            transport.close()
        if as_json:
            print_json(report.as_dict())
            return
        for cid in report.started:
            console.print(f"Campagne {cid} gestart / started")
        for m in report.missed:
            console.print(f"[yellow]Campagne {m['id']} gemist / missed:[/] {m['note']}")
        for cid in report.closed:
            console.print(f"Campagne {cid}: deadline voorbij, rest overgeslagen / deadline passed")
        console.print(
            f"Verzonden / sent: {report.sent}, mislukt / failed: {report.failed}, "
            f"later opnieuw / retry later: {report.deferred}"
        )

    @app.command("scheduler")
    def scheduler_cmd(
        ctx: typer.Context,
        drain_seconds: float = typer.Option(15, help="Seconds between outbox passes."),
        sync_seconds: float = typer.Option(60, help="Seconds between campaign-table syncs."),
        poll_seconds: float = typer.Option(1.0, help="Seconds between leadership attempts."),
    ) -> None:
        """Run the scheduler until SIGTERM (one leads; others wait and take over)."""
        import scheduler

        rt = runtime(ctx)
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        scheduler.run(
            rt.engine,
            rt.settings,
            build_transport(rt.settings),
            drain_seconds=drain_seconds,
            sync_seconds=sync_seconds,
            poll_seconds=poll_seconds,
        )
