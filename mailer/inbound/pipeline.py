"""Process what the intake stored: read → match → apply, a batch per transaction.

Messages are claimed with a conditional UPDATE (``status = 'stored'``) in the
same transaction that records their results, so two passes at once (the
scheduler and an operator's ``mailer inbound poll``) never apply one message
twice: the second waits for the first's row locks and then finds them no
longer ``stored``. Whatever raises while one message is handled rolls back
that message only (its SAVEPOINT), marks it ``failed`` with the reason, and
the pass goes on.
Only a broken configuration stops a pass (nothing would work until it is
fixed, and the message stays ``stored`` for the next pass).

The seam to the code that acts on an answer is the ``apply`` parameter: an
:data:`Applier` is called with the session, the settings, the message row, the
reading and the match, and returns an :class:`ApplyResult`. The default is
``mailer.inbound.apply.apply`` (RSVPs, bounces, unsubscribes, forwards; the
answers it records are sent after the pass by ``runs``); :func:`record_only`
applies nothing, for tests of the reading side.

Speed: messages go in batches of :data:`BATCH`, one transaction each, every
message in its own SAVEPOINT (so a failure still costs only that message).
Per batch the rows and raw bytes are loaded in two queries, the deliveries,
contacts and earlier copies the batch names in three more, the senders' answers
of the last hour (the loop guard's, ``loops.prefetch_recent``) in one more, and
each message is parsed once; the applier is lent the parsed headers. What the
applier asks is per message; the messages' own results are written together at
the end of the batch, one prepared UPDATE run for all its rows (:class:`_Results`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email.message import Message
from typing import Any, Protocol

from sqlalchemy import Update, bindparam, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import Select

from mailer.config import Settings
from mailer.errors import ConfigError
from mailer.i18n import _
from mailer.inbound import loops, serial
from mailer.inbound.apply import apply as apply_answer
from mailer.inbound.classify import read_parsed
from mailer.inbound.context import ReadingContext
from mailer.inbound.intake import raw_bytes
from mailer.inbound.knowledge import Knowledge
from mailer.inbound.match import Envelope, Match, Matcher, Named, envelope_of
from mailer.inbound.models import InboundMessage, InboundRaw, InboundStatus, MatchRule
from mailer.inbound.outcome import lend_headers
from mailer.inbound.parse import ParsedMessage, parse
from mailer.inbound.reading import Kind, Reading
from mailer.invitations import Event
from mailer.invitations.rsvp import expire_loaded
from mailer.invitations.rsvp import prefetch as prefetch_rsvps
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow

log = logging.getLogger(__name__)

CHUNK = 200  # ids fetched per query while walking the stored messages
# Messages read and recorded in one transaction, and the raw bytes one batch may hold.
BATCH = 100
BATCH_BYTES = 16 * 1024 * 1024


class ApplyResult(Protocol):
    """What acting on one message did; ``apply.ApplyOutcome`` has this shape."""

    @property
    def applied(self) -> bool: ...  # an RSVP, contact or delivery changed

    @property
    def review(self) -> bool: ...  # a person has to look at it

    def as_dict(self) -> dict[str, Any]: ...  # stored as the message's ``outcome``


Applier = Callable[[Session, Settings, InboundMessage, Reading, Match], ApplyResult]
Reader = Callable[[ParsedMessage, ReadingContext], Reading]

# Kinds an answer can be: without a match there is nobody to apply it to.
_NEEDS_MATCH = {Kind.REPLY, Kind.CALENDAR_REPLY, Kind.UNSUBSCRIBE, Kind.OTHER}


@dataclass(frozen=True)
class Recorded:
    """:func:`record_only`'s result: nothing applied."""

    review: bool
    note: str = "not applied: no applier is wired in"
    applied: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "review": self.review, "note": self.note}


def record_only(
    session: Session, settings: Settings, message: InboundMessage, reading: Reading, match: Match
) -> Recorded:
    """Store the reading and apply nothing: an auto-reply needs nobody, the rest goes to
    review. For tests of the reading side, and a dry run."""
    return Recorded(review=reading.kind != Kind.AUTO_REPLY)


@dataclass
class PassReport:
    """What one pass did (the figures of ``import`` and ``poll``)."""

    processed: int = 0
    applied: int = 0
    review: int = 0
    errors: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[int, str]] = field(default_factory=list)  # (message id, reason)

    def add(self, outcome: Outcome) -> None:
        self.processed += 1
        if isinstance(outcome, Failed):
            self.errors += 1
            self.failures.append((outcome.id, outcome.reason))
            return
        self.kinds[outcome.kind] += 1
        self.applied += outcome.applied
        self.review += outcome.review


@dataclass(frozen=True)
class Done:
    kind: str
    applied: bool
    review: bool


@dataclass(frozen=True)
class Failed:
    id: int
    reason: str


Outcome = Done | Failed


def pending(engine: Engine, ids: Sequence[int] | None = None) -> Iterator[tuple[int, int]]:
    """(id, size) of the messages still ``stored``, oldest first, in chunks (keyset)."""
    last = 0
    while True:
        with Session(engine) as session:
            query = (
                select(InboundMessage.id, InboundMessage.size)
                .where(
                    col(InboundMessage.status) == InboundStatus.STORED.value,
                    col(InboundMessage.id) > last,
                )
                .order_by(col(InboundMessage.id))
                .limit(CHUNK)
            )
            if ids is not None:
                query = query.where(col(InboundMessage.id).in_(list(ids)))
            chunk = [(i, size) for i, size in session.exec(query).all() if i is not None]
        if not chunk:
            return
        yield from chunk
        last = chunk[-1][0]


def batches(items: Iterable[tuple[int, int]]) -> Iterator[list[int]]:
    """Ids in groups of at most ``BATCH`` messages and ``BATCH_BYTES`` (one big mail alone)."""
    batch: list[int] = []
    size = 0
    for inbound_id, length in items:
        if batch and (len(batch) >= BATCH or size + length > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(inbound_id)
        size += length
    if batch:
        yield batch


def process(
    engine: Engine,
    settings: Settings,
    *,
    apply: Applier = apply_answer,
    read: Reader = read_parsed,
    ids: Sequence[int] | None = None,
    on_message: Callable[[PassReport], None] | None = None,
) -> PassReport:
    """Every stored message (or those of ``ids``), a batch per transaction (see
    ``_Step.batch``); a batch that breaks as a whole goes again one message at a time."""
    report = PassReport()
    step = _Step(settings, apply, read)
    for batch in batches(pending(engine, ids)):
        try:
            outcomes: Iterable[Outcome | None] = step.batch(engine, batch)
        except ConfigError:
            raise
        except Exception as err:  # the batch's own queries: the database, not a message
            log.warning("inbound messages %s..%s: %s", batch[0], batch[-1], _failure(err))
            outcomes = (_one(engine, step, inbound_id) for inbound_id in batch)
        for outcome in outcomes:
            if outcome is not None:
                report.add(outcome)
                if on_message is not None:
                    on_message(report)
    return report


def _one(engine: Engine, step: _Step, inbound_id: int) -> Outcome | None:
    """One message in its own transaction; whatever it raises marks that message failed."""
    try:
        return step.run(engine, inbound_id)
    except ConfigError:
        raise
    except Exception as err:
        reason = _failure(err)
        log.warning("inbound message %s failed: %s", inbound_id, reason)
        return Failed(inbound_id, reason) if _mark_failed(engine, inbound_id, reason) else None


def _failure(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return f"{type(err).__name__}: {text}"[:1000]


class _Step:
    """Read, match, apply, record. Holds what lasts a whole pass (the caches of matching
    and of the reading context), so a batch asks the database a few questions, not a few
    per message."""

    def __init__(self, settings: Settings, apply: Applier, read: Reader):
        self.settings = settings
        self.apply = apply
        self.read = read
        self.matcher = Matcher(settings)
        self.knowledge = Knowledge(settings)
        self.envelopes: dict[int | None, Envelope] = {}  # the batch's, made once per message

    def batch(self, engine: Engine, ids: Sequence[int]) -> list[Outcome]:
        """A batch in one transaction: claimed, loaded and committed together.

        Each message runs in its own SAVEPOINT: what raises rolls back that
        message only and marks it failed, in the same transaction, and the
        next one goes on, exactly as with a transaction per message. Messages
        are handled in id order in one session, so the applier sees what the
        earlier ones of the batch changed.
        """
        with Session(engine, expire_on_commit=False) as session:
            claimed = _claim_many(session, ids)
            if not claimed:
                return []
            messages = session.exec(
                select(InboundMessage)
                .where(col(InboundMessage.id).in_(claimed))
                .order_by(col(InboundMessage.id))
            ).all()
            rows = session.exec(
                select(InboundRaw).where(col(InboundRaw.inbound_id).in_(claimed))
            ).all()
            parsed = {row.inbound_id: parse(row.data) for row in rows}
            self.envelopes = {
                m.id: envelope_of(parsed[m.id], m.envelope_to) for m in messages if m.id in parsed
            }
            named = self.matcher.prefetch(session, list(self.envelopes.values()))
            contacts = self.knowledge.prefetch(session, named.contacts)
            loops.prefetch_recent(
                session, (p.from_address[:320] for p in parsed.values()), utcnow()
            )
            # held until the commit: the session's identity map keeps only weak references
            warm = [*rows, *contacts, *_warm(session, named)]
            warm += prefetch_rsvps(session, named.events, named.organisations)
            copies = _Copies(session, parsed.values())
            results = _Results()
            outcomes = [
                self._guarded(session, results, m, parsed.get(m.id or 0), copies) for m in messages
            ]
            results.write(session)
            session.commit()
            del warm
            return outcomes

    def _guarded(
        self,
        session: Session,
        results: _Results,
        message: InboundMessage,
        parsed: ParsedMessage | None,
        copies: _Copies,
    ) -> Outcome:
        inbound_id = message.id
        assert inbound_id is not None
        try:
            with session.begin_nested():
                if parsed is None:
                    raise LookupError(_("the raw message is gone (deleted by retention?)"))
                done, values = self._handle(session, message, parsed, copies)
        except ConfigError:
            raise
        except Exception as err:
            # the SAVEPOINT's rollback does not reach what was written past the unit of work
            expire_loaded(session)
            reason = _failure(err)
            log.warning("inbound message %s failed: %s", inbound_id, reason)
            session.execute(_failed(inbound_id, reason, _summary(parsed), claimed=True))
            return Failed(inbound_id, reason)
        # only once its SAVEPOINT is released: a failure there (the flush) leaves no result
        _keep(session, results, message, values)
        copies.handled(message)
        return done

    def run(self, engine: Engine, inbound_id: int) -> Done | None:
        """One message in its own transaction; None when another pass had it first."""
        with Session(engine, expire_on_commit=False) as session:
            if not _claim(session, inbound_id):
                return None
            message = session.get(InboundMessage, inbound_id)
            raw = raw_bytes(session, inbound_id)
            if message is None or raw is None:
                raise LookupError(_("the raw message is gone (deleted by retention?)"))
            parsed = parse(raw)
            copies = _Copies(session, [parsed])
            results = _Results()
            done, values = self._handle(session, message, parsed, copies)
            _keep(session, results, message, values)
            results.write(session)
            session.commit()
            return done

    def _handle(
        self,
        session: Session,
        message: InboundMessage,
        parsed: ParsedMessage,
        copies: _Copies,
    ) -> tuple[Done, dict[str, Any]]:
        """Read, match and apply one message; its result, to be kept by the caller."""
        summary = _summary(parsed)
        for name, value in summary.items():  # written with the result, read by the applier
            set_committed_value(message, name, value)
        reading, match = self._read_and_match(session, message, parsed)
        kind = _kind(reading, match)
        earlier = copies.earlier(message)
        if earlier is not None:
            outcome: ApplyResult = Recorded(False, f"a copy of message {earlier}")
        else:
            lend_headers(session, message.id or 0, _headers(parsed))
            try:
                outcome = self.apply(session, self.settings, message, reading, match)
            finally:
                lend_headers(session, 0, None)
        values = summary | _recorded(reading, match, kind, outcome, parsed)
        return Done(kind, outcome.applied, outcome.review), values

    def _read_and_match(
        self, session: Session, message: InboundMessage, parsed: ParsedMessage
    ) -> tuple[Reading, Match]:
        """Match on the headers, read with what that found, then let the reading refine.

        The readers need the match (whose organisation, which event), and two
        rules need the reading (a calendar reply's ORGANIZER, a bounce's
        original): the second match runs the rules again in the same order, so
        the rule that wins is still the first one that holds.
        """
        made = self.envelopes.pop(message.id, None) if message.id is not None else None
        envelope = made or envelope_of(parsed, message.envelope_to)
        match = self.matcher.match(session, envelope)
        reading = self.read(parsed, self.knowledge.context(session, match))
        strong = match.rule in {MatchRule.REPLY_ADDRESS, MatchRule.MESSAGE_ID}
        if not strong and (reading.calendar is not None or reading.bounce is not None):
            match = self.matcher.match(session, envelope, reading)
        return reading, match


def _headers(parsed: ParsedMessage) -> Message | None:
    """The parsed header block, when it is the whole of the stored one (the applier's
    rules about automatic mail read it; a cut message's are read again from the bytes)."""
    if parsed.truncated or parsed.elided or not parsed.headers:
        return None
    return parsed.message


def _envelope_to(messages: Sequence[InboundMessage], inbound_id: int) -> list[str]:
    return next((m.envelope_to for m in messages if m.id == inbound_id), [])


def _warm(session: Session, named: Named) -> list[SQLModel]:
    """Load the organisations and events a batch names in two queries, so the applier's
    ``session.get`` of each finds them in the session instead of asking per message. The
    raw bytes (and, by ``Knowledge.prefetch``, the contacts) are loaded as objects for the
    same reason (its look-up of the headers, of the sender)."""
    loaded: list[SQLModel] = []
    if named.organisations:
        query = select(Organisation).where(col(Organisation.id).in_(sorted(named.organisations)))
        loaded.extend(session.exec(query).all())
    if named.events:
        events = select(Event).where(col(Event.id).in_(sorted(named.events)))
        loaded.extend(session.exec(events).all())
    return loaded


def _claim_many(session: Session, ids: Sequence[int]) -> list[int]:
    """Take the rows still waiting, for this transaction (see the module's note)."""
    result = session.execute(
        update(InboundMessage)
        .where(
            col(InboundMessage.id).in_(list(ids)),
            col(InboundMessage.status) == InboundStatus.STORED.value,
        )
        .values(attempts=col(InboundMessage.attempts) + 1)
        .returning(col(InboundMessage.id))
    )
    return sorted(int(i) for i in result.scalars())


class _Copies:
    """Which messages are copies of mail already handled (another mailbox's copy, with other
    bytes but the same Message-ID and sender): looked up once per batch.

    Found by their Message-ID alone (its index: a few rows), the status checked
    here: with the status in the query SQLite chose the status index and read
    every message handled so far, once per batch."""

    _HANDLED = frozenset({InboundStatus.PROCESSED.value, InboundStatus.REVIEW.value})

    def __init__(self, session: Session, parsed: Iterable[ParsedMessage]):
        wanted = {p.message_id[:500] for p in parsed if p.message_id and p.from_address}
        self.seen: dict[tuple[str, str], list[int]] = {}
        if not wanted:
            return
        rows = session.exec(_copies_of(wanted)).all()
        for inbound_id, message_id, sender, status in rows:
            if inbound_id is not None and status in self._HANDLED:
                self.seen.setdefault((message_id, sender), []).append(inbound_id)

    def earlier(self, message: InboundMessage) -> int | None:
        """An older copy, handled before this one, or None."""
        if not message.message_id or not message.from_address or message.id is None:
            return None
        key = (message.message_id, message.from_address)
        older = [i for i in self.seen.get(key, []) if i < message.id]
        return min(older) if older else None

    def handled(self, message: InboundMessage) -> None:
        if message.message_id and message.from_address and message.id is not None:
            self.seen.setdefault((message.message_id, message.from_address), []).append(message.id)


def _copies_of(message_ids: Iterable[str]) -> Select[int | None, str, str, str]:
    """The stored messages with these Message-IDs (and their sender and status)."""
    query = select(
        col(InboundMessage.id),
        InboundMessage.message_id,
        InboundMessage.from_address,
        InboundMessage.status,
    )
    return query.where(col(InboundMessage.message_id).in_(sorted(message_ids)))


def _claim(session: Session, inbound_id: int) -> bool:
    """Take the row for this transaction, if it is still waiting (see the module's note)."""
    result = session.execute(
        update(InboundMessage)
        .where(
            col(InboundMessage.id) == inbound_id,
            col(InboundMessage.status) == InboundStatus.STORED.value,
        )
        .values(attempts=col(InboundMessage.attempts) + 1)
    )
    return bool(getattr(result, "rowcount", 0))


def _kind(reading: Reading, match: Match) -> str:
    if reading.kind in _NEEDS_MATCH and not match.matched:
        return Kind.UNMATCHED.value
    return reading.kind.value


def _recorded(
    reading: Reading, match: Match, kind: str, outcome: ApplyResult, parsed: ParsedMessage
) -> dict[str, Any]:
    return {
        "kind": kind,
        "reading": serial.to_json(reading),
        "match_rule": match.rule.value,
        "match_reason": match.reason,
        "delivery_id": match.delivery_id,
        "campaign_id": match.campaign_id,
        "event_id": match.event_id,
        "organisation_id": match.organisation_id,
        "contact_id": match.contact_id,
        "outcome": outcome.as_dict(),
        "status": (InboundStatus.REVIEW if outcome.review else InboundStatus.PROCESSED).value,
        "processed_at": utcnow(),
        "reason": _defects(parsed),
    }


_WRITTEN = (
    "message_id",
    "from_address",
    "subject",
    "kind",
    "reading",
    "match_rule",
    "match_reason",
    "delivery_id",
    "campaign_id",
    "event_id",
    "organisation_id",
    "contact_id",
    "outcome",
    "status",
    "processed_at",
    "reason",
)
_TABLE = SQLModel.metadata.tables[InboundMessage.__tablename__]
# Built once: a statement made per message (and its cache key) cost more than running it.
_WRITE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values({name: bindparam(f"v_{name}", type_=_TABLE.c[name].type) for name in _WRITTEN})
)


def _keep(
    session: Session, results: _Results, message: InboundMessage, values: dict[str, Any]
) -> None:
    """A message's result, to be written with the batch's; and the next answers to this
    sender see this one's (the loop guard)."""
    results.add(message, values)
    if message.id is not None:
        loops.record(
            session, message.id, values["from_address"], values["processed_at"], values["outcome"]
        )


class _Results:
    """The results of a batch's messages, written in one go before its commit.

    One prepared UPDATE run for every row (an executemany), not one execution
    per message: nothing in the batch reads the rows back from the database
    (the loop guard keeps each message's outcome in memory, ``loops.record``;
    copies are recognised in memory, ``_Copies``). A message that fails adds
    nothing, so the rows written are those of the messages that went through;
    the failed one is marked at once, in its own statement.
    """

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, message: InboundMessage, values: dict[str, Any]) -> None:
        self.rows.append({"row_id": message.id, **{f"v_{n}": values[n] for n in _WRITTEN}})

    def write(self, session: Session) -> None:
        if self.rows:
            session.connection().execute(_WRITE, self.rows)
            self.rows = []


def _defects(parsed: ParsedMessage) -> str:
    """What was wrong with the mail itself, for the review queue ("" when nothing)."""
    if not parsed.defects:
        return ""
    return _("the mail is damaged: {defects}").format(defects="; ".join(parsed.defects))[:1000]


def _failed(inbound_id: int, reason: str, summary: dict[str, str], *, claimed: bool) -> Update:
    """The row marked failed with its reason, if it is still waiting; ``claimed``: this
    transaction already counted the attempt."""
    attempts = col(InboundMessage.attempts) + (0 if claimed else 1)
    return (
        update(InboundMessage)
        .where(
            col(InboundMessage.id) == inbound_id,
            col(InboundMessage.status) == InboundStatus.STORED.value,
        )
        .values(
            status=InboundStatus.FAILED.value,
            reason=reason,
            processed_at=utcnow(),
            attempts=attempts,
            **summary,
        )
    )


def _mark_failed(engine: Engine, inbound_id: int, reason: str) -> bool:
    """Record the failure in a fresh transaction (the message's own was rolled back)."""
    summary = _safe_summary(engine, inbound_id)
    with Session(engine) as session:
        result = session.execute(_failed(inbound_id, reason, summary, claimed=False))
        session.commit()
        return bool(getattr(result, "rowcount", 0))


def _safe_summary(engine: Engine, inbound_id: int) -> dict[str, str]:
    """From, subject and Message-ID for the review queue, if the bytes still parse."""
    try:
        with Session(engine) as session:
            raw = raw_bytes(session, inbound_id)
        return _summary(None if raw is None else parse(raw))
    except Exception:  # the failure being recorded may be this very parse
        return {}


def _summary(parsed: ParsedMessage | None) -> dict[str, str]:
    if parsed is None:
        return {}
    return {
        "message_id": parsed.message_id[:500],
        "from_address": parsed.from_address[:320],
        "subject": parsed.subject[:500],
    }
