"""The mail Pleinpost sends back: answers to senders, forwards to the coordinator.

An answer is decided while a reply is applied and written into that
message's ``outcome["answers"]``, in the same transaction as the RSVP change
(a crash loses both or neither). :func:`send_pending` sends them afterwards
with the outbox's at-most-once rule: an answer is marked ``sending`` (a
compare-and-set on the stored outcome, committed) before it is handed to the
transport, so after a crash it stays ``sending`` and is never sent again by
itself; only a clear "not handed over" puts it back to ``pending``. Answers go in
groups of :data:`GROUP` messages: claimed in one transaction, compiled (each
distinct mail once per pass, :class:`Prepared`), sent, settled in one more.

States: ``pending`` → ``sending`` → ``sent`` | ``failed``; ``held`` when a
rule forbade answering (see :mod:`mailer.inbound.loops`); a ``sending`` one
left behind by a crash is reported as uncertain.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Text, bindparam, type_coerce, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import Session, SQLModel, col, select

from mailer.config import Settings
from mailer.inbound import forward
from mailer.inbound.models import InboundMessage
from mailer.invitations import Event
from mailer.message import HTML, Address, Batch, PreparedMessage, Recipient, ReplyMode, hole
from mailer.render import ORGANISATION, namelist, prepare
from mailer.render.personal import phrases
from mailer.tokens import loose_message_id, message_id, reply_address, unsubscribe_url
from mailer.transports.base import Outcome, Result, Transport
from subscribers.sqltypes import utcnow

log = logging.getLogger(__name__)

MAX_TRIES = 3  # a transient failure (the transport was not reached) is tried again
_PENDING_TEXT = '%"state": "pending"%'  # JSONText writes sort_keys, ", " and ": "


class State(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    HELD = "held"


# The answers there are; "forward" is the mail to the coordinator.
TEMPLATES = ("confirmation", "cap_exceeded", "decline_ack", "late_reply", "unsubscribe_confirmed")
FORWARD = "forward"


def new_answer(
    template: str,
    to: str,
    now: datetime,
    *,
    name: str = "",
    language: str = "nl",
    event_id: int | None = None,
    organisation: str = "",
    delivery_id: int | None = None,
    attendees: Sequence[dict[str, Any]] = (),
    refused: Sequence[dict[str, Any]] = (),
    held: str | None = None,
) -> dict[str, Any]:
    """One answer as stored in the outcome: everything needed to make it later."""
    return {
        "template": template,
        "to": to,
        "name": name,
        "language": language if language in ("nl", "en") else "nl",
        "event_id": event_id,
        "organisation": organisation,
        "delivery_id": delivery_id,
        "attendees": [dict(a) for a in attendees],
        "refused": [dict(a) for a in refused],
        "state": State.HELD.value if held else State.PENDING.value,
        "reason": held or "",
        "tries": 0,
        "at": now.isoformat(),
    }


# --------------------------------------------------------------------------- composing


def _answer_data(
    session: Session, answer: dict[str, Any], events: dict[int, Event | None] | None = None
) -> dict[str, Any]:
    """What the template needs; ``events`` keeps the events a group of answers names
    (the session's identity map holds only weak references)."""
    template = answer["template"]
    if template == "unsubscribe_confirmed":
        return {}
    events = {} if events is None else events
    event_id = answer["event_id"]
    if event_id not in events:
        events[event_id] = session.get(Event, event_id)
    event = events[event_id]
    if event is None:
        raise LookupError(f"event {answer['event_id']} is gone")
    # the organisation is the recipient's hole (filled from ``_recipient``'s values), so one
    # compile serves every organisation's answer about this event
    data: dict[str, Any] = {"event": event, "organisation": hole(ORGANISATION, HTML)}
    if template in ("confirmation", "cap_exceeded"):
        data["attendees"] = answer.get("attendees") or []
    if template == "cap_exceeded":
        data["refused"] = answer.get("refused") or []
    return data


def _recipient(
    settings: Settings, message: InboundMessage, answer: dict[str, Any], ref: str
) -> Recipient:
    """Replies to the answer come home to the same delivery; no autoresponder answers it."""
    delivery = answer.get("delivery_id")
    name, email = answer.get("name") or "", answer["to"]
    reply = reply_address(settings, delivery) if delivery else ""
    own = message_id(settings, delivery) if delivery else ""
    threads = " ".join(r for r in (own, message.message_id) if r)
    headers = {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}
    if message.message_id:
        headers["In-Reply-To"] = message.message_id
    if threads:
        headers["References"] = threads
    values = {
        "name": name,
        "organisation": answer.get("organisation", ""),
        "email": email,
        "unsubscribe_url": unsubscribe_url(settings, delivery or 0),
        "reply_address": reply,
        **phrases(name, answer.get("organisation", ""), email),
    }
    return Recipient(
        to=Address(email, name),
        message_id=loose_message_id(settings),
        values=values,
        reply_to=Address(reply) if reply else None,
        headers=headers,
        ref=ref,
    )


class Prepared:
    """The compiled answers of one pass, by everything that goes into compiling one.

    Every decline about one event is one compile; the personal parts (name,
    organisation, address, threading) are the recipient's holes, as in a
    campaign. A confirmation names the people registered: it is compiled once
    per *shape* of its lists (how many names, which have an address), the
    names being holes too (``mailer/render/namelist.py``); a list that cannot
    be shaped is compiled as it is. The key holds the event's sequence and
    last change, so an event edited during a pass is compiled again.
    """

    LIMIT = 128  # compiled messages kept (bounded memory); when full, it starts again

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], PreparedMessage] = {}
        self._unshaped: set[tuple[Any, ...]] = set()  # shapes that must be compiled whole

    def get(
        self, settings: Settings, template: str, language: str, data: dict[str, Any]
    ) -> PreparedMessage:
        shape = namelist.shape_of(data) if template in namelist.TEMPLATES else None
        if shape is not None:
            shaped = self._shaped(settings, template, language, data, shape)
            if shaped is not None:
                return shaped
        return self._whole(settings, template, language, data)

    def _shaped(
        self,
        settings: Settings,
        template: str,
        language: str,
        data: dict[str, Any],
        shape: namelist.Shape,
    ) -> PreparedMessage | None:
        lists = {k: None for k in namelist.LISTS if k in data}
        key = ("shaped", shape, *_key(template, language, {**data, **lists}))
        found = self._made.get(key)
        if found is None and key not in self._unshaped:
            made = namelist.compile_shaped(template, language, data, shape, settings)
            if made is None:
                self._unshaped.add(key)
            else:
                found = self._keep(key, made)
        return found

    def _whole(
        self, settings: Settings, template: str, language: str, data: dict[str, Any]
    ) -> PreparedMessage:
        key = _key(template, language, data)
        found = self._made.get(key)
        if found is None:
            found = self._keep(key, prepare(template, language, data, settings))
        return found

    def _keep(self, key: tuple[Any, ...], made: PreparedMessage) -> PreparedMessage:
        if len(self._made) >= self.LIMIT:
            self._made.clear()
        self._made[key] = made
        return made


def _key(template: str, language: str, data: dict[str, Any]) -> tuple[Any, ...]:
    event = data.get("event")
    stamp = (event.id, event.sequence, event.updated_at) if event is not None else None
    rest = json.dumps({k: v for k, v in data.items() if k != "event"}, sort_keys=True)
    return (template, language, stamp, rest)


def compose(
    session: Session,
    settings: Settings,
    message: InboundMessage,
    answer: dict[str, Any],
    ref: str,
    prepared: Prepared | None = None,
    events: dict[int, Event | None] | None = None,
) -> Batch:
    """The mail one stored answer becomes, as a one-recipient batch."""
    if answer["template"] == FORWARD:
        return forward.batch(session, settings, message, answer, ref)
    data = _answer_data(session, answer, events)
    made = (prepared or Prepared()).get(settings, answer["template"], answer["language"], data)
    recipient = _recipient(settings, message, answer, ref)
    if isinstance(made, namelist.NamedList):  # the names are holes
        recipient = replace(recipient, values={**recipient.values, **namelist.values(data)})
    return Batch(made, [recipient], mode=ReplyMode.PER_RECIPIENT)


# --------------------------------------------------------------------------- sending


@dataclass
class AnswerReport:
    sent: int = 0
    failed: int = 0
    waiting: int = 0  # back to pending: the transport was not reached, tried again later
    problems: list[str] = field(default_factory=list)


# Messages whose answers are claimed, sent and settled together: two short transactions
# per group instead of two per answer. A crash while a group is on its way leaves at most
# this many messages' answers ``sending`` (reported as uncertain, never sent again).
GROUP = 50


def pending_ids(session: Session, ids: Sequence[int] | None = None) -> list[int]:
    query = (
        select(InboundMessage.id)
        .where(type_coerce(col(InboundMessage.outcome), Text).like(_PENDING_TEXT))
        .order_by(col(InboundMessage.id))
    )
    if ids is not None:
        query = query.where(col(InboundMessage.id).in_(list(ids)))
    return [i for i in session.exec(query) if i is not None]


def send_pending(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    *,
    ids: Sequence[int] | None = None,
) -> AnswerReport:
    """Send every pending answer (of the messages ``ids``, or all), each at most once."""
    report = AnswerReport()
    with Session(engine) as session:
        todo = pending_ids(session, ids)
    prepared = Prepared()
    for start in range(0, len(todo), GROUP):
        group = todo[start : start + GROUP]
        claimed = _swap_many(engine, {i: _mark_claimed(utcnow().isoformat()) for i in group})
        if claimed:
            _send_group(engine, settings, transport, claimed, prepared, report)
    return report


Key = tuple[int, int]  # (message id, index of the answer in its outcome)


@dataclass
class _Made:
    """One claimed answer: its batch (None when it could not be made) and its tries."""

    key: Key
    tries: int
    batch: Batch | None = None
    error: str = ""


def _send_group(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    claimed: dict[int, list[int]],
    prepared: Prepared,
    report: AnswerReport,
) -> None:
    made = _compose_group(engine, settings, claimed, prepared)
    settled: dict[Key, tuple[State, str]] = {}
    for item in made:
        if item.batch is None:  # the answer cannot be made: say why, never half-send
            settled[item.key] = (State.FAILED, item.error)
            report.failed += 1
            report.problems.append(f"{_ref(item.key)}: {item.error}")
    by_ref = {_ref(item.key): item for item in made if item.batch is not None}
    for batch in _together([item.batch for item in made if item.batch is not None]):
        results = {r.ref: r for r in transport.send_batch(batch)}
        for recipient in batch.recipients:
            item = by_ref[recipient.ref]
            result = results.get(recipient.ref) or Result(recipient.ref, Outcome.UNKNOWN)
            settled[item.key] = _outcome(result, item.tries, report)
    changes: dict[int, Callable[[list[dict[str, Any]]], list[int]]] = {}
    for inbound_id in claimed:
        mine = {index: s for (i, index), s in settled.items() if i == inbound_id}
        changes[inbound_id] = _mark_settled(mine)
    _swap_many(engine, changes)


def _ref(key: Key) -> str:
    return f"answer-{key[0]}-{key[1]}"


def _compose_group(
    engine: Engine, settings: Settings, claimed: dict[int, list[int]], prepared: Prepared
) -> list[_Made]:
    made: list[_Made] = []
    events: dict[int, Event | None] = {}
    with Session(engine) as session:
        messages = _load(session, list(claimed))
        for inbound_id, indexes in claimed.items():
            message = messages.get(inbound_id)
            for index in indexes:
                key = (inbound_id, index)
                try:
                    assert message is not None and isinstance(message.outcome, dict)
                    answer = message.outcome["answers"][index]
                    item = _Made(key, int(answer.get("tries", 1)))
                    item.batch = compose(
                        session, settings, message, answer, _ref(key), prepared, events
                    )
                except Exception as err:
                    log.warning("answer %s could not be made: %s", _ref(key), err)
                    item = _Made(key, 1, error=f"{type(err).__name__}: {err}")
                made.append(item)
    return made


def _together(batches: list[Batch]) -> list[Batch]:
    """Answers compiled alike go to the transport as one batch (a recipient each)."""
    groups: dict[int, Batch] = {}
    for batch in batches:
        same = groups.get(id(batch.message))
        if same is None:
            groups[id(batch.message)] = batch
        else:
            recipients = [*same.recipients, *batch.recipients]
            groups[id(batch.message)] = Batch(same.message, recipients, mode=same.mode)
    return list(groups.values())


def _outcome(result: Result, tries: int, report: AnswerReport) -> tuple[State, str]:
    """What a transport's result makes of the answer, counted in ``report``."""
    if result.outcome is Outcome.SENT:
        report.sent += 1
        return State.SENT, result.provider_id
    not_handed_over = result.outcome in (Outcome.TRANSIENT, Outcome.CONFIG, Outcome.UNTRIED)
    if not_handed_over and tries < MAX_TRIES:
        report.waiting += 1
        return State.PENDING, result.reason
    report.failed += 1
    report.problems.append(f"{result.ref}: {result.reason}")
    if result.outcome is Outcome.UNKNOWN:  # may have arrived: stays `sending`, never resent
        return State.SENDING, result.reason or "unknown"
    return State.FAILED, result.reason


Change = Callable[[list[dict[str, Any]]], list[int]]


def _load(session: Session, ids: list[int]) -> dict[int, InboundMessage]:
    """The messages, without their reading (the largest column; composing needs none)."""
    query = (
        select(InboundMessage)
        .where(col(InboundMessage.id).in_(ids))
        .options(defer(InboundMessage.reading))  # type: ignore[arg-type]
    )
    return {m.id: m for m in session.exec(query) if m.id is not None}


def _outcomes(session: Session, ids: list[int]) -> dict[int, Any]:
    """The stored outcomes, as plain values: all a compare-and-set reads."""
    query = sa_select(_TABLE.c.id, _TABLE.c.outcome).where(_TABLE.c.id.in_(ids))
    return {inbound_id: outcome for inbound_id, outcome in session.execute(query)}


def _swap_many(engine: Engine, changes: dict[int, Change]) -> dict[int, list[int]]:
    """Change the stored answers of several messages, each with a compare-and-set, in one
    transaction; a message changed meanwhile by someone else is tried again alone.

    The compare-and-sets go as one statement run for every row (an executemany);
    each touches at most its own row, so when as many rows changed as were
    asked, every one held. Otherwise (someone else changed one meanwhile) the
    transaction is rolled back and each is tried on its own, to learn which."""
    touched: dict[int, list[int]] = {}
    again: list[int] = []
    with Session(engine) as session:
        planned: dict[int, tuple[dict[str, Any], dict[str, Any], list[int]]] = {}
        for inbound_id, old in _outcomes(session, list(changes)).items():
            if not isinstance(old, dict):
                continue
            new = _copy(old)
            done = changes[inbound_id](new["answers"])
            if done:
                planned[inbound_id] = (old, new, done)
        if _set_all(session, planned):
            touched = {i: done for i, (_old, _new, done) in planned.items()}
        else:
            session.rollback()
            for inbound_id, (old, new, done) in planned.items():
                if _compare_and_set(session, inbound_id, old, new):
                    touched[inbound_id] = done
                else:
                    again.append(inbound_id)
        session.commit()
    for inbound_id in again:
        done = _swap(engine, inbound_id, changes[inbound_id])
        if done:
            touched[inbound_id] = done
    return {i: touched[i] for i in changes if i in touched}


def _set_all(
    session: Session, planned: dict[int, tuple[dict[str, Any], dict[str, Any], list[int]]]
) -> bool:
    """Every planned compare-and-set in one executemany; True when each one held (False
    also when the driver cannot count the rows of an executemany: then one by one)."""
    if not planned:
        return True
    if len(planned) == 1 or not session.get_bind().dialect.supports_sane_multi_rowcount:
        return False
    rows = [{"row_id": i, "old": old, "new": new} for i, (old, new, _done) in planned.items()]
    done = session.execute(_CAS, rows)
    return getattr(done, "rowcount", -1) == len(rows)


def _copy(outcome: dict[str, Any]) -> dict[str, Any]:
    """The outcome with its own copy of each answer: a change touches only the answers'
    top-level fields, and ``old`` must stay as stored for the compare-and-set."""
    answers = outcome.get("answers") or []
    return {**outcome, "answers": [dict(a) if isinstance(a, dict) else a for a in answers]}


def _compare_and_set(
    session: Session, inbound_id: int, old: dict[str, Any], new: dict[str, Any]
) -> bool:
    done = session.execute(_CAS, {"row_id": inbound_id, "old": old, "new": new})
    return getattr(done, "rowcount", 0) == 1


_TABLE = SQLModel.metadata.tables[InboundMessage.__tablename__]
# Built once: making the statement per message cost more than running it.
_CAS = (
    update(_TABLE)
    .where(
        _TABLE.c.id == bindparam("row_id"),
        _TABLE.c.outcome == bindparam("old", type_=_TABLE.c.outcome.type),
    )
    .values(outcome=bindparam("new", type_=_TABLE.c.outcome.type))
)


def _swap(engine: Engine, inbound_id: int, change: Change) -> list[int]:
    """Change the stored answers with a compare-and-set; the indexes ``change`` touched."""
    for _attempt in range(5):
        with Session(engine) as session:
            old = _outcomes(session, [inbound_id]).get(inbound_id)
            if not isinstance(old, dict):
                return []
            new = _copy(old)
            touched = change(new["answers"])
            if not touched:
                return []
            done = _compare_and_set(session, inbound_id, old, new)
            session.commit()
            if done:
                return touched
    return []


def _mark_claimed(now: str) -> Change:
    def mark(answers: list[dict[str, Any]]) -> list[int]:
        touched = []
        for index, answer in enumerate(answers):
            if answer.get("state") == State.PENDING.value:
                answer.update(state=State.SENDING.value, tries=answer.get("tries", 0) + 1)
                answer["claimed_at"] = now
                touched.append(index)
        return touched

    return mark


def _mark_settled(states: dict[int, tuple[State, str]]) -> Change:
    def mark(answers: list[dict[str, Any]]) -> list[int]:
        touched = []
        for index, (state, reason) in sorted(states.items()):
            if index >= len(answers) or answers[index].get("state") != State.SENDING.value:
                continue
            answers[index].update(state=state.value, reason=reason[:500])
            if state is State.SENT:
                answers[index]["sent_at"] = utcnow().isoformat()
            touched.append(index)
        return touched

    return mark


def uncertain(answers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers claimed but never settled: a crash while sending; they may have arrived."""
    return [a for a in answers if a.get("state") == State.SENDING.value]
