"""What a transport's answer means for a delivery: sent, uncertain, retried later, failed.

The one place that decides (pretix's ``_retry_strategy`` habit): the send loop,
the recorder and crash recovery all call :func:`to_update`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from mailer import reasons
from mailer.config import Settings
from mailer.outbox import Claimed, DeliveryStatus, Update
from mailer.reasons import Code
from mailer.transports.base import Outcome, Result

MAX_BACKOFF = timedelta(hours=2)


def retry_delay(attempts: int, settings: Settings, retry_after: float | None) -> timedelta:
    """Exponential backoff with jitter; a provider's Retry-After is a floor, not a hint."""
    base = settings.retry_base_seconds * (2 ** max(attempts - 1, 0))
    delay = timedelta(seconds=base * random.uniform(0.8, 1.2))
    delay = min(delay, MAX_BACKOFF)
    if retry_after:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


def to_update(row: Claimed, result: Result, settings: Settings, now: datetime) -> Update:
    """What the transport's answer means for the ledger; the one place it is decided.

    Runs once per recipient (a hundred thousand times for a large newsletter):
    plain branches, one ``Update`` each.
    """
    outcome = result.outcome
    if outcome is Outcome.SENT:
        return Update(row.id, row.attempts, DeliveryStatus.SENT, "", result.provider_id)
    if outcome is Outcome.UNKNOWN:  # may have arrived: at most once, so never retried
        return Update(row.id, row.attempts, DeliveryStatus.UNCERTAIN, result.reason)
    if outcome is Outcome.CONFIG:  # our fault, not the recipient's: wait for the fix
        return Update(row.id, row.attempts, DeliveryStatus.QUEUED, result.reason)
    if outcome is Outcome.TRANSIENT and row.attempts < settings.max_attempts:
        when = now + retry_delay(row.attempts, settings, result.retry_after)
        return Update(row.id, row.attempts, DeliveryStatus.QUEUED, result.reason, "", when)
    reason = result.reason
    if outcome is Outcome.TRANSIENT:
        reason = reasons.encode(Code.GAVE_UP, tries=row.attempts, reason=reason)
    return Update(row.id, row.attempts, DeliveryStatus.FAILED, reason)
