"""The inbound side's scheduled work: poll the mailbox, and forget raw mail past retention.

Plain functions of (engine, settings, now) for the scheduler
(``mailer.schedule.runner``: every ``MAILER_IMAP_POLL_SECONDS`` for the poll,
daily for retention) and ``mailer tick`` (both, once). State lives in our
tables: two polls at once store each message once (sha256) and apply it once
(the pipeline's claim); the answers go out at most once (``answers``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from mailer.config import Settings
from mailer.inbound import runs
from mailer.inbound.apply import apply as apply_answer
from mailer.inbound.models import InboundMessage, InboundRaw
from mailer.inbound.pipeline import Applier
from mailer.transports.base import Transport
from subscribers.sqltypes import utcnow

log = logging.getLogger(__name__)

RETENTION_CHUNK = 500


def poll_job(
    engine: Engine,
    settings: Settings,
    now: datetime | None = None,
    *,
    apply: Applier = apply_answer,
    transport: Transport | None = None,
) -> dict[str, Any] | None:
    """One poll when a mailbox is configured, or a pass over what SendGrid's Inbound Parse
    stored when that is (None when neither); its report as a dict.

    The answers the applier records go out through ``transport`` (one is built
    from the settings when None). A dropped connection is in the report's
    problems and the next run tries again; a wrong setting (``ConfigError``)
    is raised, for the operator.
    """
    if settings.imap_url:
        report = runs.poll(engine, settings, apply=apply, transport=transport)
    elif settings.inbound_webhook_secret:  # mail arrives by webhook: read what it stored
        report = runs.process_stored(engine, settings, apply=apply, transport=transport)
    else:
        return None
    for problem in report.problems:
        log.warning("inbound poll: %s", problem)
    return report.as_dict()


def purge_raw(engine: Engine, settings: Settings, now: datetime | None = None) -> int:
    """Delete the raw bytes of mail older than ``MAILER_INBOUND_RETENTION_DAYS``.

    The message row stays: its reading, its match, what was applied, and its
    sha256, so the same mail arriving again is still known. Deleted in chunks,
    each its own transaction, so a large first run does not hold a lock long.
    """
    cutoff = (now or utcnow()) - timedelta(days=settings.inbound_retention_days)
    deleted = 0
    while True:
        with Session(engine) as session:
            ids = list(
                session.execute(
                    select(InboundRaw.inbound_id)  # type: ignore[call-overload]
                    .join(InboundMessage, col(InboundMessage.id) == col(InboundRaw.inbound_id))
                    .where(col(InboundMessage.received_at) < cutoff)
                    .limit(RETENTION_CHUNK)
                ).scalars()
            )
            if not ids:
                return deleted
            session.execute(delete(InboundRaw).where(col(InboundRaw.inbound_id).in_(ids)))
            session.execute(
                update(InboundMessage)
                .where(col(InboundMessage.id).in_(ids))
                .values(raw_deleted_at=now or utcnow())
            )
            session.commit()
            deleted += len(ids)
