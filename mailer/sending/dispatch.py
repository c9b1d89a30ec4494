"""The send loop: start what is due, claim a batch, personalize, hand it over, record.

Every step's state lives in the database, so any trigger (scheduler, cron
`tick`, a worker, the CLI) may run this at the same time as another, or twice,
without a double send: starting a campaign is a conditional UPDATE, claiming
is a locked UPDATE ... RETURNING, and results only touch rows still `sending`.

One campaign never stops another: whatever goes wrong while one starts (a
segment deleted behind its back, bad data) or while its mail is made (content
that fails in the sandbox, a broken template) pauses *that* campaign with a
note saying why, puts its claimed rows back to `queued`, and the pass goes on
with the others. Only what breaks the run itself propagates: a ``ConfigError``
(every campaign would fail the same way) and the database going away
(``RUN_ERRORS``); pausing campaigns for those would hide the real problem.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import NoReturn, Protocol, runtime_checkable

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mailer import reasons
from mailer.campaigns import Campaign, CampaignStatus, audience
from mailer.campaigns.model import cancelled_ids, move, sending_now
from mailer.config import Settings
from mailer.db import session_scope
from mailer.errors import ConfigError, PleinpostError
from mailer.message import Batch, PreparedMessage
from mailer.outbox import (
    Claimed,
    Delivery,
    DeliveryStatus,
    SnapshotReport,
    Update,
    among,
    claim,
    counts,
    expire_leases,
    has_deliveries,
    record,
    release,
    skip_queued,
    snapshot,
    snapshot_select,
    sweep_cancelled,
    unfinished,
)
from mailer.reasons import Code
from mailer.sending import compose, heap
from mailer.sending.journal import Journal
from mailer.sending.rate import RateLimit
from mailer.sending.recorder import Recorder, recover
from mailer.tracking import links
from mailer.transports.base import Outcome, Progress, Result, Transport
from mailer.transports.classify import classify
from subscribers import segments
from subscribers.errors import SubscriberError, UnknownSegment
from subscribers.sqltypes import utcnow

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=2)
BUDGET_MIN_ATTEMPTS = 20  # don't judge a campaign on its first few failures

# Failures of the run, not of one campaign: they propagate (see the module docstring).
RUN_ERRORS = (ConfigError, OperationalError, InterfaceError)


@dataclass
class StartReport:
    """What starting one campaign did; ``note`` is already in the operator's language."""

    campaign_id: int
    started: bool = False
    missed: bool = False
    paused: bool = False  # could not start; the campaign's note says why
    snapshot: SnapshotReport | None = None
    note: str = ""


@dataclass
class DrainStats:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    batches: int = 0
    finished: list[int] = field(default_factory=list)
    paused: list[int] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # why each paused one paused (shown)
    started: list[StartReport] = field(default_factory=list)
    expired: int = 0
    closed: list[int] = field(default_factory=list)
    stopped: bool = False  # a stop was requested: what was not handed over is still queued

    def pause(self, campaign_id: int, stored_note: str) -> None:
        if campaign_id not in self.paused:
            self.paused.append(campaign_id)
        self.notes[campaign_id] = reasons.render(stored_note)


# ---------------------------------------------------------------------------
# Starting due campaigns.


def _hours(span: timedelta) -> float | int:
    hours = round(span.total_seconds() / 3600, 1)
    return int(hours) if hours == int(hours) else hours


def _missed_note(campaign: Campaign, now: datetime, grace: timedelta) -> str | None:
    """The stored reason a campaign is not started at all, or None to start it."""
    assert campaign.scheduled_at is not None
    if campaign.send_before is not None and now >= campaign.send_before:
        return reasons.encode(Code.SEND_BEFORE_PASSED)
    if now - campaign.scheduled_at > grace:
        late = now - campaign.scheduled_at
        return reasons.encode(Code.MISSED, late_hours=_hours(late), grace_hours=_hours(grace))
    return None


def _start_one(
    session: Session, campaign: Campaign, settings: Settings, now: datetime
) -> StartReport:
    report = StartReport(campaign_id=campaign.id or 0)
    note = _missed_note(campaign, now, timedelta(hours=settings.missed_grace_hours))
    target = CampaignStatus.MISSED if note else CampaignStatus.SENDING
    values: dict[str, object] = {"note": note or ""}
    if target is CampaignStatus.SENDING:
        values["started_at"] = func.coalesce(col(Campaign.started_at), now)
    if not move(
        session, report.campaign_id, target, expected=CampaignStatus.SCHEDULED, now=now, **values
    ):
        return report  # someone else started it: nothing to do
    if note:
        report.missed, report.note = True, reasons.render(note)
        log.info("campaign %s missed: %s", campaign.id, report.note)
        return report
    report.started = True
    if not has_deliveries(session, campaign.id or 0):  # never snapshot twice
        cid = campaign.id or 0
        query = audience.segment_query(session, campaign)
        made = (
            snapshot_select(session, cid, settings, query)
            if query is not None
            else snapshot(session, cid, settings, audience.rows(session, campaign))
        )
        made.organisations_without_contact = audience.organisations_missed(
            session, campaign, made.reached_organisations
        )
        report.snapshot = made
    return report


def start_due(
    engine: Engine, settings: Settings, now: datetime, *, stop: threading.Event | None = None
) -> list[StartReport]:
    """Start (or mark missed) every scheduled campaign whose time has come; idempotent.

    Each campaign starts in its own transaction; one that cannot start is
    paused with a note and the others still start (see the module docstring).
    """
    with Session(engine) as session:
        due = list(
            session.exec(
                select(Campaign.id)
                .where(col(Campaign.status) == "scheduled", col(Campaign.scheduled_at) <= now)
                .order_by(col(Campaign.scheduled_at), col(Campaign.id))
            )
        )
    reports = []
    for campaign_id in due:
        if stop is not None and stop.is_set():
            break
        if campaign_id is not None:
            report = _start_guarded(engine, campaign_id, settings, now)
            if report is not None:
                reports.append(report)
    return reports


def _start_guarded(
    engine: Engine, campaign_id: int, settings: Settings, now: datetime
) -> StartReport | None:
    try:
        with session_scope(engine) as session:  # rolled back whole if anything fails
            campaign = session.get(Campaign, campaign_id)
            if campaign is None or campaign.status != "scheduled":
                return None
            return _start_one(session, campaign, settings, now)
    except RUN_ERRORS:
        raise
    except Exception as err:
        note = _start_problem(engine, campaign_id, err)
        # INFO: the caller reports the paused campaign to the operator (tick, scheduler log);
        # a traceback only for what is not one of our errors, i.e. a bug to find
        expected = isinstance(err, PleinpostError | SubscriberError)
        log.info("campaign %s could not start, paused: %s", campaign_id, err, exc_info=not expected)
        with session_scope(engine) as session:
            paused = _pause_in(session, campaign_id, note, from_status="scheduled")
        return StartReport(campaign_id, paused=paused, note=reasons.render(note))


def _start_problem(engine: Engine, campaign_id: int, err: Exception) -> str:
    """The stored note for a campaign that could not start, as precise as we can say."""
    if isinstance(err, UnknownSegment):
        with Session(engine) as session:
            campaign = session.get(Campaign, campaign_id)
            missing = [
                name
                for name in (campaign.segments if campaign is not None else [])
                if not _segment_exists(session, name)
            ]
        if missing:
            return reasons.encode(Code.SEGMENT_MISSING, segment=", ".join(missing))
    return reasons.encode(Code.START_FAILED, error=_error_words(err))


def _segment_exists(session: Session, name: str) -> bool:
    try:
        segments.rule_for(session, name)
    except UnknownSegment:
        return False
    return True


def _error_words(err: BaseException) -> str:
    """Our own errors are sentences already; anything else also says what it is."""
    if isinstance(err, PleinpostError):
        return str(err)
    return f"{type(err).__name__}: {err}"


# ---------------------------------------------------------------------------
# The loop.


@dataclass
class GroupOutcome:
    """One campaign's share of a claimed batch: results to record, rows to put back
    untried, and a stored note when the campaign must pause."""

    updates: list[Update] = field(default_factory=list)
    released: list[Claimed] = field(default_factory=list)
    pause_note: str | None = None
    recorded: bool = False  # the recorder wrote them as they came


NO_RESULT = reasons.encode(Code.NO_RESULT)
UNTRIED = Result("", Outcome.UNTRIED)

# What a transport needs to send a batch it has been handed: the progress to report to.
SendLater = Callable[[Progress], list[Result]]


@runtime_checkable
class BuildsAhead(Protocol):
    """A transport that can do a batch's own work before it is free to send it.

    The send loop builds the next batch (SendGrid: its requests) while the
    previous one is on the wire; transports without ``prepare`` are handed
    the batch as it is.
    """

    def prepare(self, batch: Batch) -> SendLater: ...


@dataclass
class _Group:
    """One (campaign, language) share of a claimed batch on its way to the transport."""

    campaign_id: int
    rows: list[Claimed]
    recorder: Recorder
    send: SendLater | None = None  # None once its fate is settled without the transport
    outcome: GroupOutcome = field(default_factory=GroupOutcome)


@dataclass
class _Ready:
    """A claimed batch, journaled and made: what the transport is handed next."""

    groups: list[_Group]
    now: datetime
    maybe_last: bool


class Dispatcher:
    """Drains the outbox through one transport; holds per-process caches only.

    A pipeline of two: a sender thread hands one batch to the transport while
    the calling thread claims and makes the next (compose, and for a
    ``BuildsAhead`` transport its requests), so our own work overlaps with
    waiting on the provider. The next batch is handed over only after the one
    before is recorded, so a pause or a stop it causes still holds.
    """

    def __init__(self, engine: Engine, settings: Settings, transport: Transport):
        self.engine = engine
        self.settings = settings
        self.transport = transport
        self.rate = RateLimit(settings)
        self._prepared: dict[tuple[int, str, datetime], PreparedMessage] = {}
        self._stop: threading.Event | None = None
        self._campaign_id: int | None = None
        self._journal: Journal | None = None

    @property
    def journal(self) -> Journal:
        """Opened on the first batch: a pass with nothing to send leaves no file."""
        if self._journal is None:
            self._journal = Journal(journal_dir(self.settings))
        return self._journal

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def _stopping(self) -> bool:
        return self._stop is not None and self._stop.is_set()

    def drain(
        self,
        now: datetime | None = None,
        *,
        campaign_id: int | None = None,
        stop: threading.Event | None = None,
        on_batch: Callable[[DrainStats], None] | None = None,
        max_batches: int | None = None,
        stats: DrainStats | None = None,
    ) -> DrainStats:
        """Send until nothing is claimable now (deferred rows wait for a later pass).

        ``stats`` accumulates across calls, so one progress bar can follow
        several campaigns.
        """
        stats = stats if stats is not None else DrainStats()
        self._stop, self._campaign_id = stop, campaign_id
        # Time moves on during a long pass: leases and deadlines use each batch's own
        # time. A caller's `now` (tests simulate time) is kept as an offset.
        offset = (now - utcnow()) if now is not None else timedelta(0)
        handed = 0
        in_flight: tuple[_Ready, Future[None]] | None = None
        with (
            heap.sending(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sender") as sender,
        ):
            try:
                while not self._stopping():
                    if max_batches is not None and handed >= max_batches:
                        break
                    if in_flight and self.rate.per_hour:  # the hour's count needs it recorded
                        landing, in_flight = in_flight, None
                        self._land(*landing, stats, on_batch)
                    ready = self._claim_and_make(utcnow() + offset)
                    if in_flight:
                        landing, in_flight = in_flight, None
                        self._land(*landing, stats, on_batch, following=ready)
                    if ready is None:
                        break
                    if self._stopping():
                        self._settle_untried(ready.groups)
                        break
                    in_flight = (ready, sender.submit(self._hand_over, ready))
                    handed += 1
                    self.rate.pace(sum(len(g.rows) for g in ready.groups))
            finally:
                if in_flight:
                    landing, in_flight = in_flight, None
                    self._land(*landing, stats, on_batch)
        return stats

    def _claim_and_make(self, at: datetime) -> _Ready | None:
        """Claim the next batch, journal it at once, and make its mail."""
        with session_scope(self.engine) as session:
            limit = self.rate.allowance(session, at)
            rows = (
                claim(
                    session,
                    sending_now(at, self._campaign_id),
                    now=at,
                    lease_seconds=self.settings.lease_seconds,
                    limit=limit,
                )
                if limit
                else []
            )
        if not rows:
            return None
        by_key: dict[tuple[int, str], list[Claimed]] = {}
        for row in rows:
            by_key.setdefault((row.campaign_id, row.language), []).append(row)
        groups = [
            _Group(campaign_id, group, self._recorder(group, at))
            for (campaign_id, _language), group in by_key.items()
        ]
        try:
            for (_campaign, language), group in zip(by_key, groups, strict=True):
                self._make(group, language, at)
        except BaseException:
            # the run breaks off: nothing of this batch was handed over
            self._settle_untried(groups, quietly=True)
            raise
        return _Ready(groups, at, maybe_last=len(rows) < limit)

    def _recorder(self, rows: list[Claimed], now: datetime) -> Recorder:
        return Recorder(
            self.engine,
            self.settings,
            rows,
            now,
            self.journal.begin((r.id, r.attempts) for r in rows),
            stopping=self._stopping,
        )

    def _make(self, group: _Group, language: str, now: datetime) -> None:
        """Make the mail (and the transport's requests); a campaign whose mail cannot
        be made pauses and its rows go back to the queue."""
        try:
            batch = self._batch(group.campaign_id, language, group.rows, now)
        except RUN_ERRORS:
            raise
        except Exception as err:  # this campaign's content, template or data
            log.info("campaign %s: mail could not be made, paused: %s", group.campaign_id, err)
            note = reasons.encode(Code.RENDER_FAILED, error=_error_words(err))
            self._settle_untried([group])
            group.outcome.pause_note = note
            return
        group.send = self._sender(batch)

    def _sender(self, batch: Batch) -> SendLater:
        transport = self.transport
        if not isinstance(transport, BuildsAhead):
            return partial(transport.send_batch, batch)
        try:
            return transport.prepare(batch)
        except Exception as exc:  # the transport's own bug: classified when handed over
            return partial(_raise, exc)

    def _hand_over(self, ready: _Ready) -> None:
        """The sender thread: each group to the transport, its results recorded as
        they come. A stop makes the transport hand nothing more over."""
        for i, group in enumerate(ready.groups):
            if group.send is None:
                continue
            try:
                self._send_group(group)
            except BaseException:
                self._settle_untried(ready.groups[i + 1 :], quietly=True)
                raise

    def _send_group(self, group: _Group) -> None:
        assert group.send is not None
        rows = group.rows
        try:
            results = group.send(group.recorder)
        except Exception as exc:  # the transport's own bug or a whole-batch failure
            failure = classify(exc)
            log.warning("batch of %d failed: %s", len(rows), failure.reason)
            results = [
                Result(str(r.id), failure.outcome, failure.reason, retry_after=failure.retry_after)
                for r in rows
            ]
        group.recorder.complete(results, missing=Result("", Outcome.TRANSIENT, NO_RESULT))
        config = next((r.reason for r in results if r.outcome is Outcome.CONFIG), None)
        if config:
            group.outcome.pause_note = reasons.encode(Code.CONFIG_PROBLEM, problem=config)
        group.outcome.updates = group.recorder.updates
        group.outcome.recorded = True

    def _land(
        self,
        ready: _Ready,
        sent: Future[None],
        stats: DrainStats,
        on_batch: Callable[[DrainStats], None] | None,
        *,
        following: _Ready | None = None,
    ) -> None:
        """Wait for the batch in the sender's hands, then pause or finish its campaigns.

        The ``following`` batch, made meanwhile, keeps no rows of a campaign
        this one paused or that changed meanwhile (``_changed_meanwhile``): they go
        back to the queue untried.
        """
        try:
            sent.result()
            paused = {
                group.campaign_id
                for group in ready.groups
                if self._record(
                    group.campaign_id, group.outcome, ready.now, stats, ready.maybe_last
                )
            }
            stats.batches += 1
            if on_batch:
                on_batch(stats)
        except BaseException:  # whatever breaks off here, the batch made meanwhile stays home
            if following is not None:
                self._settle_untried(following.groups, quietly=True)
            raise
        if following is not None:
            stale = paused | self._changed_meanwhile(following)
            self._settle_untried([g for g in following.groups if g.campaign_id in stale])

    def _changed_meanwhile(self, ready: _Ready) -> set[int]:
        """Campaigns of a batch made during the last request that must not leave now.

        The batch was claimed seconds ago: meanwhile a coordinator may have paused
        or cancelled its campaign, its deadline may have passed, or a person in it
        may have been erased (their row skipped, then blanked). Such a campaign's share
        goes back to the queue untried; the next claim sees the database as it is.
        """
        if not any(g.rows for g in ready.groups):
            return set()
        live = sending_now(ready.now)  # one query per group answers both questions
        with Session(self.engine) as session:
            return {
                g.campaign_id
                for g in ready.groups
                if not _still_claimed(session, g.rows, sending=live)
            }

    def _settle_untried(self, groups: Sequence[_Group], *, quietly: bool = False) -> None:
        """Groups that will not be handed over: their rows back to `queued`, journal closed."""
        for group in groups:
            if group.outcome.recorded:
                continue
            group.send = None
            try:
                group.recorder.complete([], missing=UNTRIED)
            except Exception:
                if not quietly:
                    raise
                # rows left `sending` become `uncertain` when their lease runs out
                log.exception("could not put %d claimed deliveries back", len(group.rows))
            group.outcome.recorded = True

    def _record(
        self,
        campaign_id: int,
        outcome: GroupOutcome,
        now: datetime,
        stats: DrainStats,
        maybe_last: bool,
    ) -> bool:
        """Write what is not written yet, then pause or finish; True when it paused."""
        paused = False
        with session_scope(self.engine) as session:
            if not outcome.recorded:
                release(session, outcome.released)
                record(session, outcome.updates, now)
            if outcome.pause_note:
                paused = True  # by this call, or by another process before it
                if _pause_in(session, campaign_id, outcome.pause_note):
                    stats.pause(campaign_id, outcome.pause_note)
            else:
                failed = any(u.status is DeliveryStatus.FAILED for u in outcome.updates)
                paused = self._after_batch(session, campaign_id, now, stats, failed, maybe_last)
        for u in outcome.updates:
            if u.status is DeliveryStatus.SENT:
                stats.sent += 1
            elif u.status is DeliveryStatus.FAILED:
                stats.failed += 1
            else:
                stats.deferred += 1
        return paused

    def _batch(self, campaign_id: int, language: str, rows: list[Claimed], now: datetime) -> Batch:
        with Session(self.engine) as session:
            campaign = session.get(Campaign, campaign_id)
            assert campaign is not None
            language = compose.mail_language(campaign, language)  # share one compile per language
            key = (campaign_id, language, campaign.updated_at)
            prepared = self._prepared.get(key)
            if prepared is None:
                prepared = compose.prepare(session, campaign, language, self.settings, now)
                prepared = links.tracked(self.engine, campaign_id, prepared, self.settings)
                self._prepared[key] = prepared
            orgs = compose.organisation_names(session, (r.organisation_id for r in rows))
        # the mail's phrases only: the other language's holes stay unused
        make = compose.Recipients(self.settings, languages=(language,))
        recipients = [
            make(
                email=r.email,
                name=r.name,
                organisation=orgs.get(r.organisation_id or 0, ""),
                delivery=r.id,
                ref=str(r.id),
            )
            for r in rows
        ]
        return Batch(prepared, recipients)

    def _after_batch(
        self,
        session: Session,
        campaign_id: int,
        now: datetime,
        stats: DrainStats,
        failed: bool,
        maybe_last: bool,
    ) -> bool:
        """Pause a campaign that keeps failing (True: it is paused now); finish one with
        nothing left.

        Both look at the whole campaign, so they run only when they can change
        something (a batch with failures; a claim that came back short): per
        batch they would make a large campaign quadratic.
        """
        if failed:
            tally = counts(session, campaign_id)
            tried = tally["sent"] + tally["failed"]
            if (
                tried >= BUDGET_MIN_ATTEMPTS
                and tally["failed"] / tried > self.settings.error_budget
            ):
                note = reasons.encode(Code.ERROR_BUDGET, failed=tally["failed"], tried=tried)
                if _pause_in(session, campaign_id, note):  # same transaction: no second writer
                    stats.pause(campaign_id, note)
                return True
        if (
            maybe_last
            and unfinished(session, campaign_id) == 0
            and _finish(session, campaign_id, now)
        ):
            stats.finished.append(campaign_id)
        return False


def _still_claimed(
    session: Session,
    rows: Sequence[Claimed],
    *,
    sending: SelectOfScalar[int | None] | None = None,
) -> bool:
    """Every row still `sending` at the attempt it was claimed with (and, given
    ``sending``, ``campaigns.sending_now``, its campaign still one that may send).

    Whatever took a row from this batch moved it: erasure skips a claimed row
    (then blanks it), lease expiry makes it `uncertain`, a new claim counts
    another attempt. Counted in the database, one query per attempt number
    (normally one), instead of reading the rows back; the ids as ``among``
    names them (a few ranges, mostly). A campaign paused, cancelled or past its
    deadline counts none of its rows: the same query says so, not a second one.
    """
    live = [col(Delivery.campaign_id).in_(sending.scalar_subquery())] if sending is not None else []
    by_attempt: dict[int, list[int]] = {}
    if len({row.attempts for row in rows}) == 1:  # the usual case
        by_attempt[rows[0].attempts] = [row.id for row in rows]
    else:
        for row in rows:
            by_attempt.setdefault(row.attempts, []).append(row.id)
    for attempts, ids in by_attempt.items():
        still = sum(
            session.execute(
                select(func.count())
                .select_from(Delivery)
                .where(
                    these,
                    col(Delivery.status) == DeliveryStatus.SENDING,
                    col(Delivery.attempts) == attempts,
                    *live,
                )
            ).scalar_one()
            for these in among(ids)
        )
        if still != len(ids):
            return False
    return True


def _raise(exc: Exception, _progress: Progress) -> NoReturn:
    raise exc


def _finish(session: Session, campaign_id: int, now: datetime) -> bool:
    """`sending` → `sent`, if still sending (another worker may have finished it).

    A campaign of which nothing is known to have arrived, only uncertain rows,
    is not `sent`: it pauses with a note, so the coordinator decides.
    """
    tally = counts(session, campaign_id)
    if tally.get("sent", 0) == 0 and tally.get("uncertain", 0) > 0:
        note = reasons.encode(Code.ALL_UNCERTAIN, n=tally["uncertain"])
        _pause_in(session, campaign_id, note)
        return False
    return move(
        session,
        campaign_id,
        CampaignStatus.SENT,
        expected=CampaignStatus.SENDING,
        now=now,
        finished_at=now,
    )


def _pause_in(
    session: Session, campaign_id: int, note: str, *, from_status: str = "sending"
) -> bool:
    """Pause with a stored note, if still in ``from_status``; True when this call did."""
    return move(
        session,
        campaign_id,
        CampaignStatus.PAUSED,
        expected=CampaignStatus(from_status),
        note=note[:2000],
    )


def finish_empty(engine: Engine, now: datetime) -> list[int]:
    """Campaigns `sending` with nothing left to send (e.g. everyone skipped) become `sent`."""
    finished = []
    with session_scope(engine) as session:
        ids = session.exec(select(Campaign.id).where(col(Campaign.status) == "sending"))
        for campaign_id in [i for i in ids if i is not None]:
            if unfinished(session, campaign_id) == 0 and _finish(session, campaign_id, now):
                finished.append(campaign_id)
    return finished


DEADLINE_REASON = reasons.encode(Code.DEADLINE_PASSED)


def close_deadlines(engine: Engine, now: datetime) -> list[int]:
    """Stop campaigns under way once their send-before time passes.

    ``start_due`` never *starts* a reminder after its deadline; this covers a
    reminder still draining (rate limit, retries) or paused when the deadline
    comes: its queued rows become ``skipped`` with the reason.
    """
    closed = []
    with session_scope(engine) as session:
        ids = session.exec(
            select(Campaign.id).where(
                col(Campaign.send_before) <= now,
                col(Campaign.status).in_(["sending", "paused"]),
            )
        ).all()
        for campaign_id in ids:
            if campaign_id is not None and skip_queued(session, campaign_id, DEADLINE_REASON):
                closed.append(campaign_id)
    if closed:
        log.info("deadline passed, queued deliveries skipped for campaigns %s", closed)
    return closed


def journal_dir(settings: Settings) -> Path:
    return settings.data_dir / "journal"


def send_due(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    now: datetime,
    *,
    stop: threading.Event | None = None,
    on_batch: Callable[[DrainStats], None] | None = None,
    campaign_ids: Sequence[int] | None = None,
) -> DrainStats:
    """One full pass: close deadlines, start what is due, flag interrupted rows, drain,
    finish. Every trigger (scheduler, tick, worker, CLI) goes through here."""
    closed = close_deadlines(engine, now)
    with session_scope(engine) as session:
        sweep_cancelled(session, cancelled_ids())
    started = start_due(engine, settings, now, stop=stop)
    recover(engine, settings, journal_dir(settings), now)
    with session_scope(engine) as session:
        expired = expire_leases(session, now)
    dispatcher = Dispatcher(engine, settings, transport)
    stats = DrainStats()
    targets: Sequence[int | None] = campaign_ids or [None]
    try:
        for cid in targets:
            dispatcher.drain(now, campaign_id=cid, stop=stop, on_batch=on_batch, stats=stats)
    finally:
        dispatcher.close()
    stats.stopped = bool(stop and stop.is_set())
    stats.started, stats.expired, stats.closed = started, expired, closed
    for report in started:
        if report.paused and report.campaign_id not in stats.paused:
            stats.paused.insert(0, report.campaign_id)
            stats.notes[report.campaign_id] = report.note
    stats.finished += [c for c in finish_empty(engine, now) if c not in stats.finished]
    return stats
