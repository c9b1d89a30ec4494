"""The send loop makes the next batch while the one before is with SendGrid.

Proved with the real transport against the fake server, without a clock: the
first request is held until the next batch has been built (which can only
happen if building overlaps with the request in flight), and a stop or a
pause that the first batch brings keeps the already built next batch from
leaving.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mailer import campaigns
from mailer.campaigns import Campaign
from mailer.campaigns.model import sending_now
from mailer.config import Settings
from mailer.message import Batch
from mailer.outbox import Delivery, claim
from mailer.sending.dispatch import _still_claimed, send_due, start_due
from mailer.transports.sendgrid import Ready, SendGridTransport
from subscribers import privacy
from subscribers.models import Contact
from subscribers.sqltypes import utcnow
from tests.conftest import SENDGRID_KEY
from tests.factories import network, newsletter, with_settings
from tests.transports.sendgrid_server import FakeSendGrid

WAIT = 20  # seconds; only ever reached when the overlap is missing (the test then fails)


class Watched(SendGridTransport):
    """The real transport, holding its first request until the next batch is built."""

    def __init__(self, fake: FakeSendGrid, key: str = SENDGRID_KEY) -> None:
        super().__init__(key, host=fake.url, timeout=10)
        self.built = 0
        self.next_built = threading.Event()
        self.posted = 0
        # set while the first request is out, once the next batch is built
        self.on_first_post: list[threading.Event] = []

    def prepare(self, batch: Batch) -> Ready:
        ready = super().prepare(batch)
        self.built += 1
        if self.built == 2:
            self.next_built.set()
        return ready

    def post(self, body: bytes) -> str:
        self.posted += 1
        if self.posted == 1:
            assert self.next_built.wait(WAIT), "the next batch was not built during the request"
            for event in self.on_first_post:
                event.set()
        return super().post(body)


def _setup(engine: Engine, settings: Settings, fake: FakeSendGrid) -> tuple[Settings, int]:
    with Session(engine) as s:
        network(s, initiatives=2, contacts_per_org=2)  # 6 recipients
    cid = newsletter(engine, utcnow())
    return with_settings(settings, batch_size=2), cid


def _rows(engine: Engine, cid: int) -> list[tuple[str, int]]:
    with Session(engine) as s:
        rows = s.exec(select(Delivery).where(Delivery.campaign_id == cid).order_by(Delivery.id))
        return [(r.status, r.attempts) for r in rows]


def test_the_next_batch_is_built_while_the_request_is_in_flight(engine, settings, fake):
    small, cid = _setup(engine, settings, fake)
    transport = Watched(fake)
    stats = send_due(engine, small, transport, utcnow())
    assert stats.sent == 6 and fake.requests == 3 and transport.built == 3
    assert _rows(engine, cid) == [("sent", 1)] * 6
    assert cid in stats.finished


def test_a_stop_during_the_request_keeps_the_built_batch_from_leaving(engine, settings, fake):
    small, cid = _setup(engine, settings, fake)
    transport = Watched(fake)
    stop = threading.Event()
    transport.on_first_post.append(stop)
    stats = send_due(engine, small, transport, utcnow(), stop=stop)
    assert stats.stopped and stats.sent == 2 and fake.requests == 1
    # the batch built meanwhile went back untried: queued, its claim's attempt undone
    assert _rows(engine, cid) == [("sent", 1)] * 2 + [("queued", 0)] * 4
    assert not list((small.data_dir / "journal").glob("*.jsonl"))


def test_a_pause_from_the_first_batch_keeps_the_built_batch_queued(engine, settings, fake):
    small, cid = _setup(engine, settings, fake)
    transport = Watched(fake, key="SG.wrong")  # 401: our settings, the campaign pauses
    stats = send_due(engine, small, transport, utcnow())
    assert cid in stats.paused and fake.requests == 1 and transport.built == 2
    # the first batch stays queued (an attempt spent); the one built meanwhile never left
    assert _rows(engine, cid) == [("queued", 1)] * 2 + [("queued", 0)] * 4


class PausedDuringRequest(Watched):
    """A coordinator pauses the campaign (or a person is erased) while the first request
    is out and the next batch is already built."""

    def __init__(self, fake: FakeSendGrid, meanwhile: Any) -> None:
        super().__init__(fake)
        self.meanwhile = meanwhile

    def post(self, body: bytes) -> str:
        if self.posted == 0:
            assert self.next_built.wait(WAIT), "the next batch was not built during the request"
            self.meanwhile()
        return super().post(body)


def test_a_pause_during_the_request_keeps_the_built_batch_home(engine, settings, fake):
    small, cid = _setup(engine, settings, fake)

    def pause() -> None:
        with Session(engine) as s:
            campaigns.pause(s, cid)
            s.commit()

    stats = send_due(engine, small, PausedDuringRequest(fake, pause), utcnow())
    assert stats.sent == 2 and fake.requests == 1
    assert _rows(engine, cid) == [("sent", 1)] * 2 + [("queued", 0)] * 4


def test_a_person_erased_during_the_request_is_never_mailed(engine, settings, fake):
    small, _ = _setup(engine, settings, fake)
    with Session(engine) as s:  # the third address: in the batch built during the request
        erased = s.exec(select(Contact.email).order_by(Contact.id).offset(2)).first()

    def forget() -> None:
        with Session(engine) as s:
            privacy.forget(s, erased)
            s.commit()

    stats = send_due(engine, small, PausedDuringRequest(fake, forget), utcnow())
    mailed = [p["to"][0]["email"] for body in fake.accepted for p in body["personalizations"]]
    assert erased not in mailed and len(mailed) == stats.sent == 5
    assert not [m for m in mailed if m.endswith("erased.invalid")]


def test_a_failing_progress_report_leaves_the_built_batch_queued(engine, settings, fake):
    small, cid = _setup(engine, settings, fake)

    def broken(stats: object) -> None:
        raise BrokenPipeError("the terminal went away")

    with pytest.raises(BrokenPipeError):
        send_due(engine, small, Watched(fake), utcnow(), on_batch=broken)
    assert _rows(engine, cid) == [("sent", 1)] * 2 + [("queued", 0)] * 4


def test_a_batch_is_still_claimed_until_any_row_of_it_moves(engine, settings):
    """The check before a batch made during a request leaves: ids without a gap are
    counted as a range, others as a list; either way one moved row is noticed."""
    with Session(engine) as s:
        network(s, initiatives=3, contacts_per_org=2)
    newsletter(engine, utcnow())
    start_due(engine, settings, utcnow())  # the audience in the outbox, nothing sent
    with Session(engine) as s:
        rows = claim(s, sending_now(utcnow()), now=utcnow(), lease_seconds=300, limit=8)
        s.commit()
        gapped = [rows[0], rows[2], rows[3]]
        assert _still_claimed(s, rows) and _still_claimed(s, gapped)
        moved = s.get(Delivery, rows[2].id)
        moved.status = "skipped"  # as erasure does
        s.commit()
        assert not _still_claimed(s, rows) and not _still_claimed(s, gapped)
        assert _still_claimed(s, rows[:2]) and _still_claimed(s, [rows[0], rows[3]])


def test_the_still_claimed_count_also_asks_whether_the_campaign_may_send(engine, settings):
    """One query per group: rows still `sending` no longer count once their campaign is
    paused (the batch made meanwhile then stays home)."""
    with Session(engine) as s:
        network(s, initiatives=2, contacts_per_org=2)
    cid = newsletter(engine, utcnow())
    start_due(engine, settings, utcnow())
    with Session(engine) as s:
        rows = claim(s, sending_now(utcnow()), now=utcnow(), lease_seconds=300, limit=4)
        s.commit()
        assert _still_claimed(s, rows, sending=sending_now(utcnow()))
        campaign = s.get(Campaign, cid)
        campaign.status = "paused"
        s.commit()
        assert _still_claimed(s, rows)  # the rows themselves did not move
        assert not _still_claimed(s, rows, sending=sending_now(utcnow()))
