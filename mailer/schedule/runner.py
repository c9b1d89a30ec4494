"""The long-running scheduler: a thin, durable trigger for ``mailer.schedule.jobs``.

APScheduler 3.11 with its job store in our own database, zone from the
settings (Europe/Amsterdam). Choices, and why:

- Every campaign waiting in ``scheduled`` gets a date job ``campaign:<id>``
  at its time, so it starts within a second of it. The campaign table is the
  truth: a sync job re-reads it (``--sync-seconds``, default 60) and adds,
  moves or removes date jobs, so scheduling from the CLI in another process
  is picked up. Behind that, ``drain-outbox`` runs every ``--drain-seconds``
  (default 15): it retries deferred deliveries and also starts anything due
  that no date job covered yet.
- ``misfire_grace_time`` for campaign jobs equals ``MAILER_MISSED_GRACE_HOURS``:
  APScheduler's default of 1 s would silently drop a send missed by a short
  restart; our own ``start_due`` decides between "late" and ``missed``.
  ``coalesce=True``: a backlog of missed drains runs once, not n times.
- Sends run serialized within the process (one lock); other processes
  (``mailer tick``, workers) may run at the same time safely.
- Only one scheduler leads (``mailer.schedule.leader``); the others wait.
- Inbound mail: ``poll-inbound`` every ``MAILER_IMAP_POLL_SECONDS`` (only
  when ``MAILER_IMAP_URL`` is set; removed from the job store when it is not)
  fetches, reads and applies replies and sends the automatic answers, under
  the same lock as the sends (one transport, one sender at a time).
  ``coalesce`` and ``max_instances=1``: a slow poll is never overtaken by the
  next. A dropped connection is logged and the next run tries again; a wrong
  setting (a refused login) is logged as a configuration error, in one line,
  and retried on the same clock, so fixing the mailbox needs no restart of the
  sending side. ``purge-inbound`` applies ``MAILER_INBOUND_RETENTION_DAYS``
  once a day.

Stopping (SIGTERM, SIGINT/Ctrl-C), at any moment: the signal handler only
writes a byte to a pipe (``StopRequest``: taking a lock in a signal handler
can deadlock the thread it interrupted); a watcher thread turns that into
the ``stop`` event. Every job checks ``stop`` between steps (the send loop
between batches, the sync between campaigns), and the main thread, which
only waits, then stops APScheduler *without* joining its jobs and waits for
the job in hand itself. APScheduler's ``shutdown(wait=True)`` holds the job
store lock while it joins the running jobs, so a sync job that still had a
job to add waited for that lock for ever: the deadlock this layout removes.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from mailer import i18n
from mailer.config import Settings, load_settings, private_files
from mailer.db import engine_for, upgrade
from mailer.errors import ConfigError, LeadershipLost
from mailer.i18n import _
from mailer.installation import load_secret
from mailer.schedule import jobs
from mailer.schedule.leader import Leader, leader_for, wait_for_leadership
from mailer.schedule.stopping import StopRequest
from mailer.transports.base import Transport
from subscribers.sqltypes import utcnow

log = logging.getLogger("mailer.scheduler")

JOBSTORE_TABLE = "apscheduler_jobs"
SYNC_JOB = "sync-campaigns"
DRAIN_JOB = "drain-outbox"
LEADER_JOB = "check-leader"
INBOUND_JOB = "poll-inbound"
PURGE_JOB = "purge-inbound"
PURGE_SECONDS = 24 * 3600
CAMPAIGN_JOB = "campaign:{}"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


# --------------------------------------------------------------------------- stopping


# --------------------------------------------------------------------------- context


class InFlight:
    """The jobs running now, so the main thread can wait for them after a stop.

    A job that begins after the stop does nothing: ``enter`` refuses it under
    the same lock that ``wait_idle`` waits with, so none slips in between.
    """

    def __init__(self, stop: threading.Event) -> None:
        self._stop = stop
        self._cond = threading.Condition()
        self._running = 0

    def enter(self) -> bool:
        with self._cond:
            if self._stop.is_set():
                return False
            self._running += 1
            return True

    def leave(self) -> None:
        with self._cond:
            self._running -= 1
            self._cond.notify_all()

    def wait_idle(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._running == 0)


@dataclass
class Context:
    """What the job functions need; set once per process by ``run`` (wiring at the edge)."""

    engine: Engine
    settings: Settings
    transport: Transport
    stop: threading.Event
    scheduler: BaseScheduler | None = None
    leader: Leader | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    jobs: InFlight = field(init=False)

    def __post_init__(self) -> None:
        self.jobs = InFlight(self.stop)


_ctx: Context | None = None


def _context() -> Context:
    if _ctx is None:
        raise RuntimeError("scheduler jobs run only inside `run()`")
    return _ctx


F = TypeVar("F", bound=Callable[..., None])


def _job(func: F) -> F:
    """Run ``func`` as a job: counted while it runs, skipped once a stop is asked."""

    @functools.wraps(func)
    def wrapper(*args: Any) -> None:
        ctx = _context()
        if not ctx.jobs.enter():
            return
        try:
            func(*args)
        finally:
            ctx.jobs.leave()

    return wrapper  # type: ignore[return-value]


# --------------------------------------------------------------------------- job functions
# Module-level and importable ("mailer.schedule.runner:run_due"), taking ids only: the job
# store keeps references, not objects.


def _run_due(ctx: Context) -> None:
    """Everything due now; serialized so two jobs of this process never race each other."""
    with ctx.lock:
        if ctx.stop.is_set():
            return
        report = jobs.tick(ctx.engine, ctx.settings, ctx.transport, utcnow(), stop=ctx.stop)
    for paused in report.paused:
        log.warning(_("campaign {id}: {note}").format(**paused))
    for missed in report.missed:
        log.warning(_("campaign {id}: {note}").format(**missed))
    if not report.idle:
        log.info("tick: %s", report.as_dict())


@_job
def run_due() -> None:
    _run_due(_context())


@_job
def fire_campaign(campaign_id: int) -> None:
    log.info("campaign %s is due", campaign_id)
    _run_due(_context())


@_job
def poll_inbound() -> None:
    """Fetch, read and apply replies, and send the answers (see the module's note)."""
    ctx = _context()
    with ctx.lock:
        if ctx.stop.is_set():
            return
        try:
            report = jobs.poll_inbound(ctx.engine, ctx.settings, ctx.transport, utcnow())
        except ConfigError as err:
            log.error(_("inbound mail: configuration error: {error}").format(error=err))
            return
    if report is not None and (report["read"] or report["errors"]):
        log.info(
            _(
                "inbound mail: read {read}, stored {stored}, applied {applied}, to review "
                "{review}, errors {errors}"
            ).format(**report)
        )


@_job
def purge_inbound() -> None:
    ctx = _context()
    jobs.purge_inbound(ctx.engine, ctx.settings, utcnow())


@_job
def sync_campaigns() -> None:
    ctx = _context()
    assert ctx.scheduler is not None
    added, removed = sync(ctx.scheduler, ctx.engine, ctx.settings, stop=ctx.stop)
    if added or removed:
        shown = added if len(added) <= 20 else f"{len(added)} campaigns"
        log.info("sync: planned %s, dropped %s", shown, removed)


@_job
def check_leader() -> None:
    """Stop at once when the leader lock is gone, before another leader double-fires."""
    ctx = _context()
    assert ctx.leader is not None
    try:
        ctx.leader.check()
    except LeadershipLost as err:
        log.error(_("leadership lost; stopping: {error}").format(error=err))
        request_stop()


# --------------------------------------------------------------------------- wiring


def sync(
    scheduler: BaseScheduler,
    engine: Engine,
    settings: Settings,
    *,
    stop: threading.Event | None = None,
) -> tuple[list[int], list[int]]:
    """Make the date jobs match the campaign table: add, move, remove.

    Each change is a write to the job store, so a sync of thousands of
    campaigns takes a while: it stops between campaigns when asked (the next
    start carries on where it left off).
    """
    wanted = jobs.scheduled_campaigns(engine)
    have = {
        job.id: job for job in scheduler.get_jobs() if job.id.startswith(CAMPAIGN_JOB.format(""))
    }
    todo = []
    for campaign_id, at in wanted.items():
        job = have.pop(CAMPAIGN_JOB.format(campaign_id), None)
        if job is None or job.next_run_time is None or job.next_run_time != at:
            todo.append((campaign_id, at))
    if len(todo) + len(have) > 1:
        log.info("sync: planning %d campaigns, dropping %d", len(todo), len(have))
    added: list[int] = []
    for campaign_id, at in todo:
        if stop is not None and stop.is_set():
            log.info("sync: stopped after %d of %d campaigns", len(added), len(todo))
            return added, []
        scheduler.add_job(
            "mailer.schedule.runner:fire_campaign",
            DateTrigger(run_date=at, timezone=settings.zone),
            args=[campaign_id],
            id=CAMPAIGN_JOB.format(campaign_id),
            name=f"campaign {campaign_id}",
            replace_existing=True,
            misfire_grace_time=int(settings.missed_grace_hours * 3600) or None,
        )
        added.append(campaign_id)
    for job_id in have:
        scheduler.remove_job(job_id)
    return added, [int(j.split(":", 1)[1]) for j in have]


class StoppablePool(ThreadPoolExecutor):  # type: ignore[misc]  # APScheduler ships no types
    """A pool that lets a job handed over after the stop simply not run.

    APScheduler's loop checks for a stop before it takes the job-store lock,
    so a pass already waiting for that lock submits its due jobs after
    ``shutdown()`` closed the pool: ``RuntimeError: cannot schedule new
    futures after shutdown``, logged with a traceback on an ordinary stop.
    Both the submit and our ``shutdown`` run under that lock, so the flag
    below cannot be passed in between.
    """

    _stopped = False

    def _do_submit_job(self, job: Any, run_times: Any) -> None:
        if not self._stopped:
            super()._do_submit_job(job, run_times)

    def shutdown(self, wait: bool = True) -> None:
        self._stopped = True
        super().shutdown(wait)


def build_scheduler(
    engine: Engine,
    settings: Settings,
    *,
    drain_seconds: float = 15,
    sync_seconds: float = 60,
    inbound_seconds: float | None = None,
    scheduler_class: type[BaseScheduler] = BackgroundScheduler,
) -> BaseScheduler:
    """The scheduler with its recurring jobs; ``inbound_seconds`` overrides
    ``MAILER_IMAP_POLL_SECONDS`` (tests, and an operator trying a mailbox out)."""
    scheduler = scheduler_class(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)},
        executors={"default": StoppablePool(max_workers=4)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        timezone=settings.zone,
    )
    now = datetime.now(settings.zone)
    recurring = [
        (SYNC_JOB, "mailer.schedule.runner:sync_campaigns", sync_seconds),
        (DRAIN_JOB, "mailer.schedule.runner:run_due", drain_seconds),
        (LEADER_JOB, "mailer.schedule.runner:check_leader", 5),
        (PURGE_JOB, "mailer.schedule.runner:purge_inbound", PURGE_SECONDS),
    ]
    if settings.receives_mail:
        poll = inbound_seconds or settings.imap_poll_seconds
        recurring.append((INBOUND_JOB, "mailer.schedule.runner:poll_inbound", poll))
    for job_id, func, seconds in recurring:
        scheduler.add_job(
            func,
            IntervalTrigger(seconds=seconds, timezone=settings.zone),
            id=job_id,
            name=job_id,
            replace_existing=True,
            next_run_time=now,
            misfire_grace_time=max(int(seconds), 1),
        )
    return scheduler


def drop_stale_jobs(scheduler: BaseScheduler, settings: Settings) -> None:
    """Remove what an earlier run kept in the job store and this one does not want: the poll
    of a mailbox that is no longer configured (it would find nothing to do, but would say
    it ran)."""
    if not settings.receives_mail and scheduler.get_job(INBOUND_JOB) is not None:
        scheduler.remove_job(INBOUND_JOB)


def request_stop() -> None:
    """Ask for a stop from any thread (not from a signal handler: see ``StopRequest``)."""
    if _ctx is not None:
        _ctx.stop.set()


def run(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    *,
    drain_seconds: float = 15,
    sync_seconds: float = 60,
    poll_seconds: float = 1.0,
    inbound_seconds: float | None = None,
    stop: StopRequest | None = None,
) -> None:
    """Wait to lead, then run the schedule until SIGTERM/SIGINT (or lost leadership).

    Pass the ``StopRequest`` that the entry point installed first thing, so a
    signal during start-up (settings, migrations) is not lost.
    """
    global _ctx
    if stop is None:
        stop = StopRequest()
        stop.install()
    ctx = _ctx = Context(engine, settings, transport, stop.event)
    try:
        ctx.leader = leader_for(engine, settings)
        if not wait_for_leadership(ctx.leader, ctx.stop, poll_seconds) or stop.requested():
            return
        ctx.scheduler = build_scheduler(
            engine,
            settings,
            drain_seconds=drain_seconds,
            sync_seconds=sync_seconds,
            inbound_seconds=inbound_seconds,
        )
        ctx.scheduler.start()
        drop_stale_jobs(ctx.scheduler, settings)
        log.info(_("scheduler running (zone {zone})").format(zone=settings.timezone))
        ctx.stop.wait()
        log.info(_("stopping: the job in hand finishes first"))
        ctx.scheduler.shutdown(wait=False)  # never wait=True: see the module docstring
        ctx.jobs.wait_idle()
    finally:
        if ctx.leader is not None:
            ctx.leader.release()
        transport.close()
        log.info(_("scheduler stopped"))


def _build_transport(settings: Settings) -> Transport:
    from mailer.transports.factory import build_transport

    return build_transport(settings)


def main(argv: Sequence[str] | None = None) -> None:
    private_files()
    stop = StopRequest()
    stop.install()  # first: a signal during start-up is a clean stop too
    parser = argparse.ArgumentParser(description="Pleinpost scheduler (one leads at a time).")
    parser.add_argument("--drain-seconds", type=float, default=15)
    parser.add_argument("--sync-seconds", type=float, default=60)
    parser.add_argument("--poll-seconds", type=float, default=1.0)
    parser.add_argument(
        "--imap-poll-seconds",
        type=float,
        default=None,
        help="seconds between mailbox polls (default MAILER_IMAP_POLL_SECONDS)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    try:
        settings = load_settings()
        i18n.set_language(getattr(settings, "language", i18n.DEFAULT_LANGUAGE))
        log.info(_("scheduler starting (process {pid})").format(pid=os.getpid()))
        engine = engine_for(settings)
        upgrade(engine)
        load_secret(engine, settings)
        transport = _build_transport(settings)
    except ConfigError as err:  # one line naming the setting, not a traceback
        log.error(_("configuration error: {error}").format(error=err))
        sys.exit(2)
    run(
        engine,
        settings,
        transport,
        drain_seconds=args.drain_seconds,
        sync_seconds=args.sync_seconds,
        poll_seconds=args.poll_seconds,
        inbound_seconds=args.imap_poll_seconds,
        stop=stop,
    )


if __name__ == "__main__":
    # Run as the importable module ``scheduler``, not ``__main__``: the job store
    # keeps "mailer.schedule.runner:…" references, and the context must live in that module.
    import scheduler as _self

    _self.main(sys.argv[1:])
