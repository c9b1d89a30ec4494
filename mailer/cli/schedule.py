"""``mailer tick`` (for cron: everything due, once) and ``mailer scheduler`` (the process)."""

from __future__ import annotations

import logging

import typer
from rich.markup import escape

from mailer.cli.check import warn_before_real_mail
from mailer.cli.interrupt import stoppable
from mailer.cli.runtime import console, print_json, runtime
from mailer.i18n import _
from mailer.schedule import jobs, runner
from mailer.schedule.stopping import StopRequest
from mailer.transports.factory import build_transport


def _print_report(report: jobs.TickReport) -> None:
    for cid in report.started:
        console.print(_("Campaign {id} started").format(id=cid))
    for m in report.missed:
        console.print(
            "[yellow]" + _("Campaign {id} missed:").format(id=m["id"]) + "[/]",
            escape(m["note"]),
            soft_wrap=True,
            markup=True,
        )
    for cid in report.closed:
        console.print(_("Campaign {id}: deadline passed, the rest is skipped").format(id=cid))
    console.print(
        _("Sent: {sent}, failed: {failed}, retry later: {deferred}").format(
            sent=report.sent, failed=report.failed, deferred=report.deferred
        )
    )
    # a broken campaign is not a broken run: a warning naming it, and exit 0
    for p in report.paused:
        console.print(
            "[bold yellow]" + _("Warning: campaign {id}:").format(id=p["id"]) + "[/]",
            escape(p["note"]),
            soft_wrap=True,  # one line per campaign, whatever the terminal's width
            markup=True,
        )
    _print_inbound(report)


def _print_inbound(report: jobs.TickReport) -> None:
    """The mailbox poll in one line, and each of its problems (the next tick retries)."""
    inbound = report.inbound
    if inbound is not None:
        console.print(
            _(
                "Inbound mail: read {read}, stored {stored}, applied {applied}, "
                "to review {review}, errors {errors}"
            ).format(**inbound)
        )
        for problem in inbound["problems"]:
            console.print("[yellow]" + escape(problem) + "[/]", soft_wrap=True, markup=True)
    if report.raw_deleted:
        console.print(
            _("Inbound mail: {n} raw messages past retention deleted").format(n=report.raw_deleted)
        )


def register(app: typer.Typer) -> None:
    @app.command("tick")
    def tick_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
        """Run everything that is due now, once, and exit (safe next to the scheduler).

        A campaign that cannot start or whose mail cannot be made is paused with
        a note and named in a warning; the others go on and the exit code is 0.
        With MAILER_IMAP_URL set it then polls the mailbox (``"inbound"`` in
        ``--json``); a dropped connection is a warning, the next tick retries.
        """
        rt = runtime(ctx)
        warn_before_real_mail(rt.settings)
        transport = build_transport(rt.settings)
        with stoppable() as stop:
            try:
                report = jobs.tick(rt.engine, rt.settings, transport, stop=stop, inbound_too=True)
            finally:
                transport.close()
            if as_json:
                print_json(report.as_dict())
            else:
                _print_report(report)

    @app.command("scheduler")
    def scheduler_cmd(
        ctx: typer.Context,
        drain_seconds: float = typer.Option(15, help="Seconds between outbox passes."),
        sync_seconds: float = typer.Option(60, help="Seconds between campaign-table syncs."),
        poll_seconds: float = typer.Option(1.0, help="Seconds between leadership attempts."),
    ) -> None:
        """Run the scheduler until SIGTERM or Ctrl-C (one leads; others wait and take over)."""
        stop = StopRequest()
        stop.install()  # before settings and migrations: a signal then stops cleanly too
        rt = runtime(ctx)
        logging.basicConfig(level=logging.INFO, format=runner.LOG_FORMAT)
        warn_before_real_mail(rt.settings)
        runner.run(
            rt.engine,
            rt.settings,
            build_transport(rt.settings),
            drain_seconds=drain_seconds,
            sync_seconds=sync_seconds,
            poll_seconds=poll_seconds,
            stop=stop,
        )
