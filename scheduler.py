"""The long-running scheduler: a thin, durable trigger for ``mailer.jobs``.

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
- Jobs run serialized within the process (one lock); other processes
  (``mailer tick``, workers) may run at the same time safely.
- Only one scheduler leads (``mailer.leader``); the others wait.
- SIGTERM/SIGINT: the batch in hand finishes, then the process stops.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from mailer import jobs
from mailer.config import Settings, load_settings
from mailer.db import engine_for, upgrade
from mailer.errors import LeadershipLost
from mailer.leader import leader_for, wait_for_leadership
from mailer.transports.base import Transport
from subscribers.sqltypes import utcnow

log = logging.getLogger("mailer.scheduler")

JOBSTORE_TABLE = "apscheduler_jobs"
SYNC_JOB = "sync-campaigns"
DRAIN_JOB = "drain-outbox"
LEADER_JOB = "check-leader"
CAMPAIGN_JOB = "campaign:{}"


@dataclass
class Context:
    """What the job functions need; set once per process by ``run`` (wiring at the edge)."""

    engine: Engine
    settings: Settings
    transport: Transport
    scheduler: BaseScheduler | None = None
    leader: Any = None
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


_ctx: Context | None = None


def _context() -> Context:
    if _ctx is None:
        raise RuntimeError("scheduler jobs run only inside `run()`")
    return _ctx


# --------------------------------------------------------------------------- job functions
# Module-level and importable ("scheduler:run_due"), taking ids only: the job
# store keeps references, not objects.


def run_due() -> None:
    """Everything due now; serialized so two jobs of this process never race each other."""
    ctx = _context()
    with ctx.lock:
        if ctx.stop.is_set():
            return
        report = jobs.tick(ctx.engine, ctx.settings, ctx.transport, utcnow(), stop=ctx.stop)
    if not report.idle:
        log.info("tick: %s", report.as_dict())


def fire_campaign(campaign_id: int) -> None:
    log.info("campaign %s is due", campaign_id)
    run_due()


def sync_campaigns() -> None:
    ctx = _context()
    assert ctx.scheduler is not None
    added, removed = sync(ctx.scheduler, ctx.engine, ctx.settings)
    if added or removed:
        log.info("sync: planned %s, dropped %s", added, removed)


def check_leader() -> None:
    """Stop at once when the leader lock is gone, before another leader double-fires."""
    ctx = _context()
    try:
        ctx.leader.check()
    except LeadershipLost:
        log.error("leadership lost; stopping")
        request_stop()


# --------------------------------------------------------------------------- wiring


def sync(
    scheduler: BaseScheduler, engine: Engine, settings: Settings
) -> tuple[list[int], list[int]]:
    """Make the date jobs match the campaign table: add, move, remove."""
    wanted = jobs.scheduled_campaigns(engine)
    have = {
        job.id: job for job in scheduler.get_jobs() if job.id.startswith(CAMPAIGN_JOB.format(""))
    }
    added = []
    for campaign_id, at in wanted.items():
        job = have.pop(CAMPAIGN_JOB.format(campaign_id), None)
        if job is not None and job.next_run_time is not None and job.next_run_time == at:
            continue
        scheduler.add_job(
            "scheduler:fire_campaign",
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


def build_scheduler(
    engine: Engine,
    settings: Settings,
    *,
    drain_seconds: float = 15,
    sync_seconds: float = 60,
    scheduler_class: type[BaseScheduler] = BlockingScheduler,
) -> BaseScheduler:
    scheduler = scheduler_class(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)},
        executors={"default": ThreadPoolExecutor(max_workers=4)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        timezone=settings.zone,
    )
    now = datetime.now(settings.zone)
    recurring = [
        (SYNC_JOB, "scheduler:sync_campaigns", sync_seconds),
        (DRAIN_JOB, "scheduler:run_due", drain_seconds),
        (LEADER_JOB, "scheduler:check_leader", 5),
    ]
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


def request_stop() -> None:
    """Finish the batch in hand (``send_due`` checks ``stop`` between batches), then stop."""
    ctx = _ctx
    if ctx is None or ctx.stop.is_set():
        return
    ctx.stop.set()
    if ctx.scheduler is not None and ctx.scheduler.running:
        # shutdown(wait=True) joins running jobs: never do that inside the signal handler
        threading.Thread(target=ctx.scheduler.shutdown, name="scheduler-stop").start()


def run(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    *,
    drain_seconds: float = 15,
    sync_seconds: float = 60,
    poll_seconds: float = 1.0,
) -> None:
    """Wait to lead, then run the schedule until SIGTERM/SIGINT."""
    global _ctx
    ctx = _ctx = Context(engine, settings, transport)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: request_stop())
    ctx.leader = leader_for(engine, settings)
    if not wait_for_leadership(ctx.leader, ctx.stop, poll_seconds):
        return
    try:
        ctx.scheduler = build_scheduler(
            engine, settings, drain_seconds=drain_seconds, sync_seconds=sync_seconds
        )
        log.info("scheduler running (zone %s)", settings.timezone)
        ctx.scheduler.start()  # blocks until request_stop()
        for thread in threading.enumerate():
            if thread.name == "scheduler-stop":
                thread.join()
    finally:
        ctx.leader.release()
        transport.close()
        log.info("scheduler stopped")


def _build_transport(settings: Settings) -> Transport:
    from mailer.transports.factory import build_transport

    return build_transport(settings)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Pleinpost scheduler (one leads at a time).")
    parser.add_argument("--drain-seconds", type=float, default=15)
    parser.add_argument("--sync-seconds", type=float, default=60)
    parser.add_argument("--poll-seconds", type=float, default=1.0)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = load_settings()
    engine = engine_for(settings)
    upgrade(engine)
    run(
        engine,
        settings,
        _build_transport(settings),
        drain_seconds=args.drain_seconds,
        sync_seconds=args.sync_seconds,
        poll_seconds=args.poll_seconds,
    )


if __name__ == "__main__":
    # Run as the importable module ``scheduler``, not ``__main__``: the job store
    # keeps "scheduler:…" references, and the context must live in that module.
    import scheduler as _self

    _self.main(sys.argv[1:])
