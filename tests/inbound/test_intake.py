"""The intake stores raw bytes first, once per sha256, and commits before anything reads them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, func, select

from mailer.errors import InvalidInput
from mailer.inbound.intake import Source, digest, intake, raw_bytes
from mailer.inbound.models import InboundMessage, InboundStatus
from tests.inbound.builders import mail


def _count(engine) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(InboundMessage)).one())


def test_stores_the_bytes_exactly_and_nothing_read_yet(engine):
    raw = mail(body="Ja, wij komen.\r\nGroet,\r\nAnna\r\n") + b"\xff\xfe broken bytes"
    at = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    stored = intake(engine, raw, source=Source.FILE, received_at=at, origin="a.eml")
    assert not stored.duplicate
    assert stored.sha256 == digest(raw)
    with Session(engine) as s:
        row = s.get(InboundMessage, stored.id)
        assert row.status == InboundStatus.STORED
        assert (row.size, row.received_at, row.source, row.origin) == (
            len(raw),
            at,
            "file",
            "a.eml",
        )
        assert row.kind is None and row.reading is None and row.subject == ""  # not parsed
        assert raw_bytes(s, stored.id) == raw


def test_the_same_bytes_twice_are_one_message(engine):
    raw = mail()
    first = intake(engine, raw, source=Source.IMAP)
    again = intake(engine, raw, source=Source.WEBHOOK)
    assert again.duplicate and again.id == first.id
    assert _count(engine) == 1
    crlf = intake(engine, raw.replace(b"\n", b"\r\n"), source=Source.IMAP)
    assert crlf.duplicate and crlf.id == first.id  # IMAP sends CRLF; a file may have LF
    other = intake(engine, mail(number=2), source=Source.IMAP)
    assert not other.duplicate and other.id != first.id


def test_concurrent_intake_of_one_message_stores_it_once(engine):
    raw = mail(number=7)
    results = []
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        results.append(intake(engine, raw, source=Source.WEBHOOK))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.id for r in results}) == 1
    assert sum(not r.duplicate for r in results) == 1
    assert _count(engine) == 1


def test_anything_that_is_bytes_is_stored_even_garbage(engine):
    for raw in (b"\x00\x01 not mail at all", b"Subject: only a header", b"x" * 10):
        assert not intake(engine, raw, source=Source.FILE).duplicate
    assert _count(engine) == 3


def test_empty_input_is_refused_with_a_reason(engine, english):
    with pytest.raises(InvalidInput, match="empty message"):
        intake(engine, b"  \r\n", source=Source.FILE)
    assert _count(engine) == 0


def test_a_30_mb_message_is_stored_whole(engine):
    raw = mail() + b"A" * (30 * 1024 * 1024)
    stored = intake(engine, raw, source=Source.FILE)
    with Session(engine) as s:
        assert raw_bytes(s, stored.id) == raw
