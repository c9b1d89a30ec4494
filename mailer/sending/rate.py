"""Messages per second (paced in the process) and per hour (counted in the database)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from mailer.config import Settings
from mailer.outbox import Delivery


class RateLimit:
    """Messages per second (paced here) and per hour (counted in the database,
    so it holds across workers)."""

    def __init__(
        self,
        settings: Settings,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.per_second = settings.rate_per_second
        self.per_hour = settings.rate_per_hour
        self.batch_size = settings.batch_size
        self._sleep, self._clock = sleep, clock
        self._window_start = clock()
        self._sent_in_window = 0

    def allowance(self, session: Session, now: datetime) -> int:
        limit = self.batch_size
        if self.per_second:
            limit = min(limit, max(1, int(self.per_second)))
        if self.per_hour:
            sent = session.execute(
                select(func.count())
                .select_from(Delivery)
                .where(col(Delivery.sent_at) > now - timedelta(hours=1))
            ).scalar_one()
            limit = min(limit, max(0, self.per_hour - int(sent)))
        return limit

    def pace(self, n: int) -> None:
        if not self.per_second:
            return
        self._sent_in_window += n
        ahead = self._sent_in_window / self.per_second - (self._clock() - self._window_start)
        if ahead > 0:
            self._sleep(ahead)
