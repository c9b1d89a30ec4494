"""The one door every inbound message comes in by: store the bytes, commit, then nothing else.

Files, IMAP and the SendGrid webhook all call :func:`intake`. It stores the
raw bytes with their sha256 and commits before anything reads them, so a
message that no reader understands (or that crashes one) is still here, and a
source may delete its copy as soon as this returns. The sha256 makes it
idempotent: an IMAP re-poll before the move, a webhook retried by SendGrid, a
folder imported twice, all end on the row that is already there.

:func:`intake_many` is the same door for a batch (an import of files): one
transaction for up to a few hundred messages, because a commit per message
was most of the time an import of 10,000 replies took. Each message of the
batch is stored or refused exactly as :func:`intake` would; the batch is
committed before the call returns, so "stored before read" still holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.inbound.models import InboundMessage, InboundRaw, InboundStatus
from subscribers.sqltypes import utcnow

# Larger than any mail server accepts (the usual limits are 25–50 MB); past this
# the bytes are not mail, and one row that size would strain the database.
MAX_BYTES = 100 * 1024 * 1024


class Source:
    """Where a message came from (the ``source`` column)."""

    FILE = "file"
    IMAP = "imap"
    WEBHOOK = "webhook"


@dataclass(frozen=True)
class Stored:
    id: int
    duplicate: bool  # the same bytes were already stored: nothing new to read or apply
    sha256: str


def digest(raw: bytes) -> str:
    """The sha256 of the message with its line ends as LF: one mail fetched over IMAP
    (CRLF, as the protocol requires) and read from a file (LF) is the same mail."""
    return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()


@dataclass(frozen=True)
class Incoming:
    """One message for :func:`intake_many`, with what :func:`intake` takes as arguments."""

    raw: bytes
    source: str
    origin: str = ""
    received_at: datetime | None = None
    envelope_to: Sequence[str] = field(default=())


def check(raw: bytes) -> None:
    """Refuse what is no message (empty) or too large for one row, before anything is stored."""
    if not raw.strip():
        raise InvalidInput(_("An empty message cannot be stored"))
    if len(raw) > MAX_BYTES:
        raise InvalidInput(
            _("A message of {size} MB is too large to store (at most {limit} MB)").format(
                size=len(raw) // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
            )
        )


def _row(item: Incoming, sha: str) -> InboundMessage:
    return InboundMessage(
        sha256=sha,
        size=len(item.raw),
        received_at=item.received_at or utcnow(),
        source=item.source[:20],
        origin=item.origin[:500],
        envelope_to=[str(a)[:320] for a in item.envelope_to][:1000],
        status=InboundStatus.STORED.value,
    )


def intake(
    engine: Engine,
    raw: bytes,
    *,
    source: str,
    received_at: datetime | None = None,
    origin: str = "",
    envelope_to: Sequence[str] = (),
) -> Stored:
    """Store ``raw`` once and commit; returns the row's id and whether it was there already.

    ``origin`` names the file or mailbox for the review queue; ``envelope_to``
    is what a transport said the recipients were (the webhook's envelope).
    Empty input is refused: an empty file is no message and would make every
    empty file "the same message".
    """
    check(raw)
    sha = digest(raw)
    with Session(engine) as session:
        existing = _find(session, sha)
        if existing is not None:
            return Stored(existing, True, sha)
        message = _row(Incoming(raw, source, origin, received_at, envelope_to), sha)
        session.add(message)
        try:
            session.flush()
            new_id = message.id
            assert new_id is not None
            session.add(InboundRaw(inbound_id=new_id, data=raw))
            session.commit()
        except IntegrityError:  # the same bytes, stored by another process a moment ago
            session.rollback()
            existing = _find(session, sha)
            if existing is None:
                raise
            return Stored(existing, True, sha)
        return Stored(new_id, False, sha)


def intake_many(engine: Engine, items: Sequence[Incoming]) -> list[Stored | InvalidInput]:
    """Store a batch in one transaction; per item its :class:`Stored` or why it was refused.

    The same bytes twice in one batch, or already in the store, end on one
    row (``duplicate``). Another process storing one of these messages at the
    same moment makes the batch's commit fail on the unique sha256: then the
    batch goes in again one message at a time, each with :func:`intake`'s own
    answer to that race.
    """
    results: list[Stored | InvalidInput | None] = [None] * len(items)
    shas: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        try:
            check(item.raw)
        except InvalidInput as err:
            results[index] = err
            continue
        shas.setdefault(digest(item.raw), []).append(index)
    if shas:
        try:
            _store_batch(engine, items, shas, results)
        except IntegrityError:
            for indexes in shas.values():
                for index in indexes:
                    item = items[index]
                    results[index] = intake(
                        engine,
                        item.raw,
                        source=item.source,
                        received_at=item.received_at,
                        origin=item.origin,
                        envelope_to=item.envelope_to,
                    )
    return [r for r in results if r is not None]


def _store_batch(
    engine: Engine,
    items: Sequence[Incoming],
    shas: dict[str, list[int]],
    results: list[Stored | InvalidInput | None],
) -> None:
    """Core inserts (one statement per table): building a model object per message cost
    more than the insert itself."""
    with engine.begin() as conn:
        known: dict[str, int] = dict(
            conn.execute(
                select(InboundMessage.sha256, InboundMessage.id).where(
                    col(InboundMessage.sha256).in_(list(shas))
                )
            ).all()
        )
        new = [sha for sha in shas if sha not in known]
        ids: dict[str, int] = {}
        if new:
            rows = conn.execute(
                insert(InboundMessage).returning(
                    col(InboundMessage.sha256), col(InboundMessage.id), sort_by_parameter_order=True
                ),
                [_values(items[shas[sha][0]], sha) for sha in new],
            ).all()
            ids = {sha: row_id for sha, row_id in rows if row_id is not None}
            conn.execute(
                insert(InboundRaw),
                [{"inbound_id": ids[sha], "data": items[shas[sha][0]].raw} for sha in new],
            )
    for sha, indexes in shas.items():
        first = sha in ids
        row_id = ids[sha] if first else known[sha]
        for n, index in enumerate(indexes):
            results[index] = Stored(row_id, not (first and n == 0), sha)


def _values(item: Incoming, sha: str) -> dict[str, Any]:
    """A new row's columns, as :func:`_row` makes them."""
    now = utcnow()
    return {
        "sha256": sha,
        "size": len(item.raw),
        "received_at": item.received_at or now,
        "source": item.source[:20],
        "origin": item.origin[:500],
        "envelope_to": [str(a)[:320] for a in item.envelope_to][:1000],
        "status": InboundStatus.STORED.value,
        "message_id": "",
        "from_address": "",
        "subject": "",
        "match_reason": "",
        "reason": "",
        "attempts": 0,
        "created_at": now,
    }


def _find(session: Session, sha: str) -> int | None:
    return session.exec(select(InboundMessage.id).where(col(InboundMessage.sha256) == sha)).first()


def raw_bytes(session: Session, inbound_id: int) -> bytes | None:
    """The bytes as they arrived, or None once retention deleted them."""
    row = session.get(InboundRaw, inbound_id)
    return None if row is None else bytes(row.data)
