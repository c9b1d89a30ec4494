"""Regressions for what review found in the send path (each failed before its fix)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from mailer import campaigns, outbox
from mailer.campaigns import Campaign
from mailer.campaigns.model import sending_now
from mailer.outbox import Claimed, DeliveryStatus, Update
from mailer.sending.dispatch import start_due
from mailer.sending.retry import to_update
from mailer.transports.base import Outcome, Result
from subscribers.sqltypes import utcnow
from tests.conftest import SENDGRID_KEY as KEY
from tests.factories import network, newsletter, send_once, with_settings
from tests.mailbox import per_recipient


def _status(engine, cid) -> str:
    with Session(engine) as s:
        return s.get(Campaign, cid).status


def test_a_missed_campaign_rescheduled_reaches_everyone(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=2)
    now = utcnow()
    cid = newsletter(engine, now - timedelta(hours=settings.missed_grace_hours + 1))
    assert start_due(engine, settings, now)[0].missed
    with Session(engine) as s:
        campaigns.schedule(s, cid, now)  # what the note tells the coordinator to do
        s.commit()
    stats = send_once(engine, settings, now)
    assert stats.sent == 4 and _status(engine, cid) == "sent"


def test_a_started_campaign_is_resumed_not_rescheduled(engine, settings):
    import pytest

    from mailer.errors import InvalidTransition

    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=1)
    cid = newsletter(engine, utcnow())
    start_due(engine, settings, utcnow())
    with Session(engine) as s:
        campaigns.pause(s, cid)
        with pytest.raises(InvalidTransition, match="resume"):
            campaigns.schedule(s, cid, utcnow())


def test_deadline_is_checked_per_batch_during_a_long_pass(engine, settings):
    s = with_settings(settings, batch_size=2, rate_per_second=4)  # a batch every 0.5 s
    with Session(engine) as session:
        network(session, initiatives=3, contacts_per_org=2)  # 8 recipients: ~2 s
    now = utcnow()
    cid = newsletter(engine, now, send_before=now + timedelta(seconds=0.8))
    first = send_once(engine, s, now)
    assert 0 < first.sent < 8  # it stopped when the deadline passed, mid-pass
    later = send_once(engine, s, utcnow() + timedelta(seconds=1))
    assert later.sent == 0 and cid in later.closed
    with Session(engine) as session:
        tally = outbox.counts(session, cid)
    assert tally["sent"] == first.sent and tally["skipped"] == 8 - first.sent


def test_unknown_fate_becomes_uncertain_never_a_retry(settings):
    row = Claimed(1, 1, None, None, "a@b.example", "", "nl", attempts=1)
    update = to_update(row, Result("1", Outcome.UNKNOWN, "lost during DATA"), settings, utcnow())
    assert update.status is DeliveryStatus.UNCERTAIN and update.next_attempt_at is None


def test_wrong_credentials_pause_and_keep_everyone_queued(engine, settings, fake):
    bad = with_settings(
        settings,
        transport="sendgrid",
        sendgrid_api_key="SG.wrong",
        sendgrid_api_host=fake.url,
        batch_size=2,
    )
    with Session(engine) as s:
        network(s, initiatives=2, contacts_per_org=2)  # 6 recipients
    now = utcnow()
    cid = newsletter(engine, now)
    stats = send_once(engine, bad, now)
    assert stats.failed == 0 and cid in stats.paused
    with Session(engine) as s:
        c = s.get(Campaign, cid)
        assert c.status == "paused" and "SENDGRID_API_KEY" in c.note
        assert outbox.counts(s, cid)["queued"] == 6
        campaigns.resume(s, cid)
        s.commit()
    good = with_settings(bad, sendgrid_api_key=KEY)
    assert send_once(engine, good, utcnow()).sent == 6
    assert _status(engine, cid) == "sent"


def test_rows_returning_after_a_cancel_are_swept(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=2)
    now = utcnow()
    cid = newsletter(engine, now)
    start_due(engine, settings, now)
    with Session(engine) as s:
        rows = _claim(s, now, 10, 60)  # in flight...
        campaigns.cancel(s, cid)  # ...when the coordinator cancels
        later = now + timedelta(minutes=1)
        updates = [
            Update(r.id, r.attempts, DeliveryStatus.QUEUED, "429", next_attempt_at=later)
            for r in rows
        ]
        outbox.record(s, updates, now)
        s.commit()
        assert outbox.counts(s, cid)["queued"] == 2
    send_once(engine, settings, now + timedelta(minutes=2))
    with Session(engine) as s:
        assert outbox.counts(s, cid)["skipped"] == 2
    assert per_recipient(settings.maildir) == {}


def test_a_late_sent_result_corrects_an_uncertain_row(engine, settings):
    """A batch slower than its lease: the row went uncertain, then the transport said sent."""
    s2 = with_settings(settings, lease_seconds=1)
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=1)
    now = utcnow()
    cid = newsletter(engine, now)
    start_due(engine, s2, now)
    with Session(engine) as s:
        (row,) = _claim(s, now, 5, 1)
        s.commit()
        outbox.expire_leases(s, now + timedelta(seconds=2))  # another pass, meanwhile
        s.commit()
        outbox.record(s, [Update(row.id, row.attempts, DeliveryStatus.SENT)], now)
        s.commit()
        assert outbox.counts(s, cid)["sent"] == 1


def _claim(s, now, limit, lease=60):
    return outbox.claim(s, sending_now(now), now=now, lease_seconds=lease, limit=limit)
