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

from mailer.campaigns import Campaign, CampaignStatus
from mailer.config import Settings
from mailer.inbound import jobs as inbound
from mailer.sending.dispatch import DrainStats, send_due
from mailer.transports.base import Transport
from subscribers.sqltypes import utcnow

log = logging.getLogger(__name__)


@dataclass
class TickReport:
    """What one pass did, for ``mailer tick --json`` and the scheduler's log.

    ``missed`` and ``paused`` carry each campaign's note in the operator's
    language: a paused campaign is a warning, not a failed run.
    """

    started: list[int] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    expired: int = 0
    finished: list[int] = field(default_factory=list)
    paused: list[dict[str, Any]] = field(default_factory=list)
    # the mailbox poll (``mailer inbound poll --json``'s figures), None without MAILER_IMAP_URL
    inbound: dict[str, Any] | None = None
    raw_deleted: int = 0  # raw inbound mail deleted by retention

    @classmethod
    def from_stats(cls, stats: DrainStats) -> TickReport:
        return cls(
            started=[r.campaign_id for r in stats.started if r.started],
            missed=[{"id": r.campaign_id, "note": r.note} for r in stats.started if r.missed],
            closed=list(stats.closed),
            sent=stats.sent,
            failed=stats.failed,
            deferred=stats.deferred,
            expired=stats.expired,
            finished=list(stats.finished),
            paused=[{"id": cid, "note": stats.notes.get(cid, "")} for cid in stats.paused],
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def idle(self) -> bool:
        return not (
            self.started
            or self.missed
            or self.closed
            or self.sent
            or self.failed
            or self.paused
            or (self.inbound and (self.inbound["read"] or self.inbound["errors"]))
            or self.raw_deleted
        )


def tick(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    now: datetime | None = None,
    *,
    stop: threading.Event | None = None,
    inbound_too: bool = False,
) -> TickReport:
    """Everything due now, once (see ``dispatch.send_due``), as a report.

    ``inbound_too`` (``mailer tick``): then also poll the mailbox and apply
    retention, after the sending. The scheduler runs those as jobs of their
    own, on their own clocks.
    """
    now = now or utcnow()
    report = TickReport.from_stats(send_due(engine, settings, transport, now, stop=stop))
    if inbound_too and not (stop is not None and stop.is_set()):
        report.inbound = poll_inbound(engine, settings, transport, now)
        report.raw_deleted = purge_inbound(engine, settings, now)
    return report


def poll_inbound(
    engine: Engine, settings: Settings, transport: Transport, now: datetime | None = None
) -> dict[str, Any] | None:
    """Fetch, store, read and apply new mail, and send the answers through ``transport``.

    None when no mailbox is configured. A dropped connection is one of the
    report's problems (the next run tries again); a ``ConfigError`` (a
    refused login, a bad URL) is raised, like every setting that is wrong.
    """
    return inbound.poll_job(engine, settings, now or utcnow(), transport=transport)


def purge_inbound(engine: Engine, settings: Settings, now: datetime | None = None) -> int:
    """Delete raw inbound mail past ``MAILER_INBOUND_RETENTION_DAYS``; what was read stays."""
    deleted = inbound.purge_raw(engine, settings, now or utcnow())
    if deleted:
        log.info("inbound retention: deleted %d raw messages", deleted)
    return deleted


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
