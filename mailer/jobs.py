"""The scheduled work, as plain functions of (engine, settings, now, ...).

The scheduler and ``mailer tick`` only *trigger* these; all state lives in our
tables, so running them twice, late, or from two processes at once sends
nothing twice (``dispatch.send_due`` decides who starts a campaign with a
conditional UPDATE and claims deliveries under a lease).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer import outbox
from mailer.campaigns import Campaign, CampaignStatus
from mailer.config import Settings
from mailer.db import session_scope
from mailer.dispatch import DrainStats, send_due
from mailer.transports.base import Transport
from subscribers.sqltypes import utcnow

log = logging.getLogger(__name__)

DEADLINE_REASON = (
    "niet verzonden: de uiterste verzendtijd (deadline) was voorbij / "
    "not sent: its send-before deadline had passed"
)


@dataclass
class TickReport:
    """What one pass did, for ``mailer tick --json`` and the scheduler's log."""

    started: list[int] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    expired: int = 0
    finished: list[int] = field(default_factory=list)
    paused: list[int] = field(default_factory=list)

    @classmethod
    def from_stats(cls, stats: DrainStats, closed: list[int]) -> TickReport:
        return cls(
            started=[r.campaign_id for r in stats.started if r.started],
            missed=[{"id": r.campaign_id, "note": r.note} for r in stats.started if r.missed],
            closed=closed,
            sent=stats.sent,
            failed=stats.failed,
            deferred=stats.deferred,
            expired=stats.expired,
            finished=list(stats.finished),
            paused=list(stats.paused),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def idle(self) -> bool:
        return not (self.started or self.missed or self.closed or self.sent or self.failed)


def close_deadlines(engine: Engine, now: datetime) -> list[int]:
    """Stop campaigns already under way once their send-before time passes.

    ``start_due`` never *starts* a reminder after its deadline; this covers
    the rest: a reminder still draining (rate limit, retries) or paused when
    the deadline comes. Its queued rows become ``skipped`` with the reason.
    """
    closed = []
    with session_scope(engine) as session:
        ids = session.exec(
            select(Campaign.id).where(
                col(Campaign.send_before) <= now,
                col(Campaign.status).in_(
                    [CampaignStatus.SENDING.value, CampaignStatus.PAUSED.value]
                ),
            )
        ).all()
        for campaign_id in ids:
            assert campaign_id is not None
            if outbox.skip_queued(session, campaign_id, DEADLINE_REASON):
                closed.append(campaign_id)
    if closed:
        log.info("deadline passed, queued deliveries skipped for campaigns %s", closed)
    return closed


def tick(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    now: datetime | None = None,
    *,
    stop: threading.Event | None = None,
) -> TickReport:
    """Everything due now, once: close deadlines, start due campaigns, drain, finish."""
    now = now or utcnow()
    closed = close_deadlines(engine, now)
    stats = send_due(engine, settings, transport, now, stop=stop)
    return TickReport.from_stats(stats, closed)


def scheduled_campaigns(engine: Engine) -> dict[int, datetime]:
    """Campaign id → planned start, for everything waiting to start (the scheduler's sync)."""
    with Session(engine) as session:
        rows = session.exec(
            select(Campaign.id, Campaign.scheduled_at).where(
                col(Campaign.status) == CampaignStatus.SCHEDULED.value,
                col(Campaign.scheduled_at).is_not(None),
            )
        ).all()
    return {cid: at for cid, at in rows if cid is not None and at is not None}
