from __future__ import annotations

from sqlmodel import Session

from mailer import campaigns, outbox
from mailer.campaigns import CampaignKind
from mailer.config import load_settings
from mailer.sending.dispatch import Dispatcher, start_due
from mailer.sending.rate import RateLimit
from mailer.transports.factory import build_transport
from subscribers.sqltypes import utcnow
from tests.factories import network, with_settings


def _queued_campaign(engine, settings, initiatives, per_org) -> int:
    with Session(engine) as s:
        network(s, initiatives=initiatives, contacts_per_org=per_org)
        c = campaigns.create(
            s, kind=CampaignKind.NEWSLETTER, subject="x", content="y", segments=["iedereen"]
        )
        campaigns.schedule(s, c.id, utcnow())
        s.commit()
        cid = c.id
    start_due(engine, settings, utcnow())
    return cid


def test_per_second_pacing_asks_for_the_right_pause():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limit = RateLimit(load_settings(rate_per_second=20), sleep=sleep, clock=lambda: now[0])
    for _ in range(4):
        limit.pace(10)  # sending itself takes no time here
    assert slept == [0.5, 0.5, 0.5, 0.5]  # 40 messages at 20/s: 2 s in all
    now[0] += 10  # a slow batch leaves credit: no pause needed
    limit.pace(10)
    assert len(slept) == 4


def test_per_second_rate_caps_the_batch(engine, settings):
    s = with_settings(settings, rate_per_second=5)
    with Session(engine) as session:
        assert RateLimit(s).allowance(session, utcnow()) == 5


def test_per_hour_limit_holds_across_passes(engine, settings):
    s = with_settings(settings, rate_per_hour=4, batch_size=10)
    cid = _queued_campaign(engine, s, initiatives=2, per_org=2)  # 6 recipients
    transport = build_transport(s)
    try:
        first = Dispatcher(engine, s, transport).drain(utcnow())
        second = Dispatcher(engine, s, transport).drain(utcnow())  # e.g. another worker
    finally:
        transport.close()
    assert first.sent == 4 and second.sent == 0
    with Session(engine) as session:
        assert outbox.counts(session, cid)["queued"] == 2
