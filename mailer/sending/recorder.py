"""Results recorded as they come: journaled at once, written to the ledger in small groups.

A transport reports every message (``Progress``); the recorder appends it to
the process's journal, and commits to the ledger every ``EVERY`` results or
``INTERVAL`` seconds, whichever comes first. Writes are short and retried
while the database is busy (SQLite under a long import): delivered mail is
always recorded, never left `sending`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from mailer import reasons
from mailer.config import Settings
from mailer.db import session_scope
from mailer.outbox import Claimed, DeliveryStatus, Update, record, release
from mailer.reasons import Code
from mailer.sending.journal import BatchLog, orphans
from mailer.sending.retry import to_update
from mailer.transports.base import Outcome, Result

log = logging.getLogger(__name__)

# A commit every EVERY results, or once the oldest result not yet written has waited
# INTERVAL seconds. SendGrid answers for up to 1000 recipients at once: one commit each.
EVERY = 1000
INTERVAL = 0.25
BUSY_RETRY_SECONDS = 600  # how long a write waits out a busy database before giving up


class Recorder:
    """The ``Progress`` of one claimed group of rows (thread-safe)."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        rows: Sequence[Claimed],
        now: datetime,
        journal: BatchLog,
        stopping: Callable[[], bool],
    ) -> None:
        self.engine, self.settings, self.now = engine, settings, now
        self._rows = {str(r.id): r for r in rows}
        self._journal = journal
        self._stopping = stopping
        self._lock = threading.Lock()
        self._pending: list[Result] = []
        self._seen: set[str] = set()
        self._oldest = 0.0  # when the first result now pending came
        self.updates: list[Update] = []  # everything written, for the pass's figures
        self.released: list[Claimed] = []  # handed back untried

    # --- Progress ---------------------------------------------------------------

    def handing_over(self, refs: Sequence[str]) -> None:
        self._journal.on_wire(self._rows[ref].id for ref in refs if ref in self._rows)

    def done(self, result: Result) -> None:
        row = self._rows.get(result.ref)
        if row is None:
            return
        self._journal.result(row.id, result.outcome.value, result.reason, result.provider_id)
        with self._lock:
            if result.ref in self._seen:
                return
            self._seen.add(result.ref)
            pending = self._pending
            pending.append(result)
            if len(pending) == 1:
                self._oldest = time.monotonic()
            elif len(pending) >= EVERY or time.monotonic() - self._oldest >= INTERVAL:
                self._flush_locked()

    def done_all(self, results: Sequence[Result]) -> None:
        """``done`` for a request's results at once (``sendgrid.ReportsMany``): one journal
        write and one lock for a thousand recipients."""
        rows = self._rows
        known = [result for result in results if result.ref in rows]
        self._journal.results(  # an Outcome is a str already: no ``.value`` per result
            (rows[r.ref].id, r.outcome, r.reason, r.provider_id) for r in known
        )
        with self._lock:
            seen, pending = self._seen, self._pending
            was_empty = not pending
            for result in known:
                if result.ref not in seen:
                    seen.add(result.ref)
                    pending.append(result)
            if not pending:
                return
            if was_empty:
                self._oldest = time.monotonic()
            if len(pending) >= EVERY or time.monotonic() - self._oldest >= INTERVAL:
                self._flush_locked()

    def stopping(self) -> bool:
        return self._stopping()

    # --- the end of the group -----------------------------------------------------

    def complete(self, results: Sequence[Result], missing: Result) -> None:
        """Record what the transport returned but did not report, and ``missing`` for
        rows it said nothing about; then write everything still pending."""
        with self._lock:
            unseen = [ref for ref in self._rows if ref not in self._seen]
            if unseen:  # mostly none: the transport reported every result as it came
                by_ref = {r.ref: r for r in results}
                self._seen.update(unseen)
                self._pending += [by_ref.get(ref) or _for(missing, ref) for ref in unseen]
            self._flush_locked()
        self._journal.done()

    def _flush_locked(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        updates: list[Update] = []
        untried: list[Claimed] = []
        for result in pending:
            row = self._rows[result.ref]
            if result.outcome is Outcome.UNTRIED:
                untried.append(row)
            else:
                updates.append(to_update(row, result, self.settings, self.now))
        write_with_retry(self.engine, updates, untried, self.now)
        self.updates += updates
        self.released += untried


def _for(result: Result, ref: str) -> Result:
    return Result(ref, result.outcome, result.reason, result.provider_id, result.retry_after)


def write_with_retry(
    engine: Engine, updates: Sequence[Update], untried: Sequence[Claimed], now: datetime
) -> None:
    """One short transaction; while the database is locked, wait and try again."""
    deadline = time.monotonic() + BUSY_RETRY_SECONDS
    pause = 0.05
    while True:
        try:
            with session_scope(engine) as session:
                release(session, untried)
                record(session, updates, now)
            return
        except OperationalError as err:
            if not _busy(err) or time.monotonic() > deadline:
                raise
            log.info("database busy, recording again in %.2f s", pause)
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


def _busy(err: OperationalError) -> bool:
    words = str(err.orig).lower()
    return "locked" in words or "busy" in words


def recover(engine: Engine, settings: Settings, directory: Path, now: datetime) -> int:
    """Settle the batches of send processes on this machine that are gone.

    Rows are touched only while still `sending` at the journal's attempt, so a
    row recorded meanwhile, or claimed again, is left alone. Returns how many
    rows were settled.
    """
    settled = 0
    for orphan, path in orphans(directory):
        updates: list[Update] = []
        untried: list[Claimed] = []
        for delivery, attempts in orphan.claimed:
            row = _row(delivery, attempts)
            said = orphan.results.get(delivery)
            if said is not None:
                outcome, reason, provider_id = said
                result = Result(str(delivery), Outcome(outcome), reason, provider_id)
                if result.outcome is Outcome.UNTRIED:
                    untried.append(row)
                else:
                    updates.append(to_update(row, result, settings, now))
            elif delivery in orphan.on_wire or not orphan.trusted:
                updates.append(Update(delivery, attempts, DeliveryStatus.UNCERTAIN, _INTERRUPTED))
            else:
                untried.append(row)  # never handed over: back to the queue
        write_with_retry(engine, updates, untried, now)
        settled += len(updates) + len(untried)
        path.unlink(missing_ok=True)
    if settled:
        log.info("settled %d deliveries of send processes that were gone", settled)
    return settled


_INTERRUPTED = reasons.encode(Code.INTERRUPTED)


def _row(delivery: int, attempts: int) -> Claimed:
    """Enough of a claimed row for ``to_update`` and ``release`` (they use id and attempt)."""
    return Claimed(delivery, 0, None, None, "", "", "", attempts)
