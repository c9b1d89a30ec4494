"""The mail Pleinpost sends back: answers to senders, forwards to the coordinator.

An answer is decided while a reply is applied and written into that
message's ``outcome["answers"]``, in the same transaction as the RSVP change
(a crash loses both or neither). :func:`send_pending` sends them afterwards
with the outbox's at-most-once rule: an answer is marked ``sending`` (a
compare-and-set on the stored outcome, committed) before it is handed to the
transport, so after a crash it stays ``sending`` and is never sent again by
itself; only a clear "not handed over" puts it back to ``pending``.

States: ``pending`` → ``sending`` → ``sent`` | ``failed``; ``held`` when a
rule forbade answering (see :mod:`mailer.inbound.loops`); a ``sending`` one
left behind by a crash is reported as uncertain.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Text, type_coerce, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer.config import Settings
from mailer.inbound import forward
from mailer.inbound.models import InboundMessage
from mailer.invitations import Event
from mailer.message import Address, Batch, PreparedMessage, Recipient, ReplyMode
from mailer.render import prepare
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


def _answer_data(session: Session, answer: dict[str, Any]) -> dict[str, Any]:
    template = answer["template"]
    if template == "unsubscribe_confirmed":
        return {}
    event = session.get(Event, answer["event_id"])
    if event is None:
        raise LookupError(f"event {answer['event_id']} is gone")
    data: dict[str, Any] = {"event": event, "organisation": answer.get("organisation", "")}
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


def compose(
    session: Session, settings: Settings, message: InboundMessage, answer: dict[str, Any], ref: str
) -> Batch:
    """The mail one stored answer becomes, as a one-recipient batch."""
    if answer["template"] == FORWARD:
        return forward.batch(session, settings, message, answer, ref)
    data = _answer_data(session, answer)
    prepared: PreparedMessage = prepare(answer["template"], answer["language"], data, settings)
    recipient = _recipient(settings, message, answer, ref)
    return Batch(prepared, [recipient], mode=ReplyMode.PER_RECIPIENT)


# --------------------------------------------------------------------------- sending


@dataclass
class AnswerReport:
    sent: int = 0
    failed: int = 0
    waiting: int = 0  # back to pending: the transport was not reached, tried again later
    problems: list[str] = field(default_factory=list)


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
    for inbound_id in todo:
        claimed = _claim(engine, inbound_id)
        for index in claimed:
            _send_one(engine, settings, transport, inbound_id, index, report)
    return report


def _swap(
    engine: Engine, inbound_id: int, change: Callable[[list[dict[str, Any]]], list[int]]
) -> list[int]:
    """Change the stored answers with a compare-and-set; the indexes ``change`` touched."""
    for _attempt in range(5):
        with Session(engine) as session:
            message = session.get(InboundMessage, inbound_id)
            if message is None or not isinstance(message.outcome, dict):
                return []
            old = message.outcome
            new = deepcopy(old)
            touched = change(new.setdefault("answers", []))
            if not touched:
                return []
            done = session.execute(
                update(InboundMessage)
                .where(col(InboundMessage.id) == inbound_id, col(InboundMessage.outcome) == old)
                .values(outcome=new)
                .execution_options(synchronize_session=False)
            )
            session.commit()
            if getattr(done, "rowcount", 0) == 1:
                return touched
    return []


def _claim(engine: Engine, inbound_id: int) -> list[int]:
    now = utcnow().isoformat()

    def mark(answers: list[dict[str, Any]]) -> list[int]:
        touched = []
        for index, answer in enumerate(answers):
            if answer.get("state") == State.PENDING.value:
                answer.update(state=State.SENDING.value, tries=answer.get("tries", 0) + 1)
                answer["claimed_at"] = now
                touched.append(index)
        return touched

    return _swap(engine, inbound_id, mark)


def _send_one(
    engine: Engine,
    settings: Settings,
    transport: Transport,
    inbound_id: int,
    index: int,
    report: AnswerReport,
) -> None:
    ref = f"answer-{inbound_id}-{index}"
    try:
        with Session(engine) as session:
            message = session.get(InboundMessage, inbound_id)
            assert message is not None and isinstance(message.outcome, dict)
            answer = message.outcome["answers"][index]
            batch = compose(session, settings, message, answer, ref)
    except Exception as err:  # the answer cannot be made: say why, never half-send
        log.warning("answer %s could not be made: %s", ref, err)
        _settle(engine, inbound_id, index, State.FAILED, f"{type(err).__name__}: {err}")
        report.failed += 1
        report.problems.append(f"{ref}: {err}")
        return
    results = transport.send_batch(batch)
    result = next((r for r in results if r.ref == ref), None) or Result(ref, Outcome.UNKNOWN)
    _record(engine, inbound_id, index, result, answer.get("tries", 1), report)


def _record(
    engine: Engine, inbound_id: int, index: int, result: Result, tries: int, report: AnswerReport
) -> None:
    if result.outcome is Outcome.SENT:
        _settle(engine, inbound_id, index, State.SENT, result.provider_id)
        report.sent += 1
        return
    not_handed_over = result.outcome in (Outcome.TRANSIENT, Outcome.CONFIG, Outcome.UNTRIED)
    if not_handed_over and tries < MAX_TRIES:
        _settle(engine, inbound_id, index, State.PENDING, result.reason)
        report.waiting += 1
        return
    if result.outcome is Outcome.UNKNOWN:  # may have arrived: stays `sending`, never resent
        _settle(engine, inbound_id, index, State.SENDING, result.reason or "unknown")
    else:
        _settle(engine, inbound_id, index, State.FAILED, result.reason)
    report.failed += 1
    report.problems.append(f"answer-{inbound_id}-{index}: {result.reason}")


def _settle(engine: Engine, inbound_id: int, index: int, state: State, reason: str) -> None:
    def mark(answers: list[dict[str, Any]]) -> list[int]:
        if index >= len(answers) or answers[index].get("state") != State.SENDING.value:
            return []
        answers[index].update(state=state.value, reason=reason[:500])
        if state is State.SENT:
            answers[index]["sent_at"] = utcnow().isoformat()
        return [index]

    _swap(engine, inbound_id, mark)


def uncertain(answers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers claimed but never settled: a crash while sending; they may have arrived."""
    return [a for a in answers if a.get("state") == State.SENDING.value]
