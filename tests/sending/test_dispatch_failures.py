"""What the send loop does with each kind of failure, against the real local peers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mailer import campaigns, outbox, reasons
from mailer.campaigns import Campaign, CampaignKind
from mailer.outbox import Delivery
from subscribers.sqltypes import utcnow
from tests.conftest import SENDGRID_KEY as KEY
from tests.factories import network, send_once, with_settings
from tests.transports.sendgrid_server import Reply
from tests.transports.smtp_server import SmtpServer


def _sendgrid(settings, fake, **kw):
    return with_settings(
        settings,
        transport="sendgrid",
        sendgrid_api_key=KEY,
        sendgrid_api_host=fake.url,
        sendgrid_timeout=kw.pop("sendgrid_timeout", 30),  # a loaded machine must not time out
        **kw,
    )


def _campaign(engine, initiatives=2, per_org=2) -> int:
    with Session(engine) as s:
        network(s, initiatives=initiatives, contacts_per_org=per_org)
        c = campaigns.create(
            s,
            kind=CampaignKind.NEWSLETTER,
            subject="Nieuws",
            content="Hallo.",
            segments=["iedereen"],
        )
        campaigns.schedule(s, c.id, utcnow())
        s.commit()
        return c.id


def _rows(engine, cid) -> list[Delivery]:
    with Session(engine) as s:
        return list(s.exec(select(Delivery).where(Delivery.campaign_id == cid)))


def test_429_defers_until_retry_after_then_sends(engine, settings, fake):
    s = _sendgrid(settings, fake)
    cid = _campaign(engine)
    fake.reply(Reply(429, headers={"Retry-After": "120"}, errors=["too many requests"]))
    now = utcnow()
    first = send_once(engine, s, now)
    assert first.deferred == 6 and first.sent == 0
    rows = _rows(engine, cid)
    assert {r.status for r in rows} == {"queued"}
    assert all(r.next_attempt_at >= now + timedelta(seconds=120) for r in rows)
    assert "429" in rows[0].reason or "too many" in rows[0].reason.lower()
    assert send_once(engine, s, now + timedelta(seconds=60)).sent == 0
    later = send_once(engine, s, now + timedelta(seconds=200))
    assert later.sent == 6 and cid in later.finished
    assert fake.personalizations == 6


@pytest.mark.parametrize(
    "reply",
    [Reply(500), Reply(502), Reply(503)],
    ids=["500", "502-plain-HTTPError", "503"],
)
def test_transient_failures_are_retried_not_failed(engine, settings, fake, reply):
    s = _sendgrid(settings, fake)
    cid = _campaign(engine, initiatives=0, per_org=2)
    fake.reply(reply)
    now = utcnow()
    stats = send_once(engine, s, now)
    assert stats.deferred == 2 and stats.failed == 0
    rows = _rows(engine, cid)
    assert all(r.status == "queued" and r.next_attempt_at > now for r in rows)
    assert send_once(engine, s, now + timedelta(hours=3)).sent == 2


@pytest.mark.parametrize(
    "reply", [Reply(drop=True), Reply(delay=5.0)], ids=["dropped-connection", "timeout"]
)
def test_no_answer_after_the_request_went_out_is_uncertain_never_retried(
    engine, settings, fake, reply
):
    s = _sendgrid(settings, fake, sendgrid_timeout=0.5)
    cid = _campaign(engine, initiatives=0, per_org=2)
    fake.reply(reply)
    now = utcnow()
    send_once(engine, s, now)
    assert {r.status for r in _rows(engine, cid)} == {"uncertain"}
    assert send_once(engine, s, now + timedelta(hours=3)).sent == 0  # only resend --uncertain


def test_refused_connection_is_transient(engine, settings):
    s = with_settings(
        settings,
        transport="sendgrid",
        sendgrid_api_key=KEY,
        sendgrid_api_host="http://127.0.0.1:9",
        sendgrid_timeout=0.5,
    )
    cid = _campaign(engine, initiatives=0, per_org=1)
    stats = send_once(engine, s, utcnow())
    assert stats.deferred == 1
    assert _rows(engine, cid)[0].status == "queued"


def test_giving_up_after_max_attempts(engine, settings, fake):
    s = _sendgrid(settings, fake, max_attempts=2)
    cid = _campaign(engine, initiatives=0, per_org=1)
    fake.reply(Reply(503), Reply(503))
    now = utcnow()
    send_once(engine, s, now)
    send_once(engine, s, now + timedelta(hours=3))
    (row,) = _rows(engine, cid)
    assert row.status == "failed" and row.attempts == 2 and "2" in row.reason


def test_400_fails_with_sendgrids_reason_and_budget_pauses(engine, settings, fake):
    s = _sendgrid(settings, fake, batch_size=5)
    cid = _campaign(engine, initiatives=9, per_org=3)  # 30 recipients
    fake.reply(*[Reply(400, errors=["The from address does not match a verified Sender"])] * 10)
    stats = send_once(engine, s, utcnow())
    assert cid in stats.paused
    with Session(engine) as session:
        c = session.get(Campaign, cid)
        tally = outbox.counts(session, cid)
    assert c.status == "paused" and "automatisch gepauzeerd" in reasons.render(c.note)
    # it stopped before the end (the figures say how, should this ever fail again)
    assert tally["failed"] >= 20 and tally["queued"] > 0, (tally, stats, fake.requests)
    failed = [r for r in _rows(engine, cid) if r.status == "failed"]
    assert "verified Sender" in failed[0].reason


def test_smtp_refusals_are_per_recipient(engine, settings, tmp_path: Path):
    server = SmtpServer(tmp_path / "smtp").start()
    try:
        s = with_settings(settings, transport="smtp", smtp_url=f"smtp://127.0.0.1:{server.port}")
        cid = _campaign(engine, initiatives=1, per_org=2)  # 4 recipients
        with Session(engine) as session:
            from subscribers.models import Contact

            emails = sorted(c.email for c in session.exec(select(Contact)))
        server.refuse({emails[0]: (550, "no such user"), emails[1]: (451, "greylisted")})
        now = utcnow()
        stats = send_once(engine, s, now)
        by_email = {r.email: r for r in _rows(engine, cid)}
        assert (
            by_email[emails[0]].status == "failed" and "no such user" in by_email[emails[0]].reason
        )
        assert by_email[emails[1]].status == "queued" and by_email[emails[1]].next_attempt_at > now
        assert stats.sent == 2 and len(server.messages()) == 2
        server.refuse({})
        again = send_once(engine, s, now + timedelta(hours=1))
        assert again.sent == 1 and len(server.messages()) == 3
    finally:
        server.stop()
