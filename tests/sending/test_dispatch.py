from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from mailer import campaigns, outbox, reasons
from mailer.campaigns import Campaign, CampaignKind
from mailer.outbox import Delivery
from mailer.sending.dispatch import start_due
from mailer.tokens import message_id
from subscribers.models import Contact
from subscribers.sqltypes import utcnow
from tests.factories import network, newsletter, send_once
from tests.mailbox import messages, per_recipient


def test_every_contact_gets_exactly_one_personal_message(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=4, contacts_per_org=3)  # 15 contacts
        names = {c.email: c.name for c in s.exec(select(Contact))}
    now = utcnow()
    cid = newsletter(engine, now)
    stats = send_once(engine, settings, now)
    assert stats.sent == 15 and stats.failed == 0 and cid in stats.finished
    got = messages(settings.maildir)
    assert per_recipient(settings.maildir) == {e: 1 for e in names}
    for msg in got:
        to = msg["To"].addresses[0].addr_spec
        text = msg.get_body(("plain",)).get_content()
        assert names[to] in text or names[to] in msg.get_body(("html",)).get_content()
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "+" in msg["Reply-To"].addresses[0].addr_spec
    with Session(engine) as s:
        assert s.get(Campaign, cid).status == "sent"
        ids = {message_id(settings, d.id) for d in s.exec(select(Delivery))}
    assert {m["Message-ID"] for m in got} == ids
    again = send_once(engine, settings, utcnow())
    assert again.sent == 0 and len(messages(settings.maildir)) == 15


def test_late_within_grace_is_sent_beyond_grace_is_missed(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=1)
    now = utcnow()
    late = newsletter(engine, now - timedelta(hours=settings.missed_grace_hours - 1))
    too_late = newsletter(engine, now - timedelta(hours=settings.missed_grace_hours + 1))
    reports = {r.campaign_id: r for r in start_due(engine, settings, now)}
    assert reports[late].started and not reports[late].missed
    assert reports[too_late].missed and "te laat" in reports[too_late].note
    with Session(engine) as s:
        assert s.get(Campaign, too_late).status == "missed"
        assert outbox.counts(s, too_late)["queued"] == 0


def test_campaign_never_starts_after_its_send_before(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=1)
    now = utcnow()
    cid = newsletter(engine, now - timedelta(minutes=5), send_before=now)
    (report,) = start_due(engine, settings, now)
    assert report.missed and report.campaign_id == cid
    assert messages(settings.maildir) == []


def test_starting_twice_snapshots_once(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=2)
    now = utcnow()
    cid = newsletter(engine, now)
    first = start_due(engine, settings, now)
    second = start_due(engine, settings, now)
    assert [r.started for r in first] == [True] and second == []
    with Session(engine) as s:
        assert outbox.counts(s, cid)["queued"] == 4


def test_template_error_pauses_the_campaign_and_keeps_rows_queued(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=2)
        c = campaigns.create(
            s,
            kind=CampaignKind.NEWSLETTER,
            subject="Nieuws",
            content="Beste {{ onbekend.veld }}",
            segments=["iedereen"],
        )
        campaigns.schedule(s, c.id, utcnow())
        s.commit()
        cid = c.id
    stats = send_once(engine, settings, utcnow())
    assert stats.sent == 0
    with Session(engine) as s:
        c = s.get(Campaign, cid)
        assert c.status == "paused" and reasons.is_code(c.note, reasons.Code.RENDER_FAILED)
        assert "onbekend" in reasons.render(c.note)  # says what is wrong
        assert outbox.counts(s, cid)["queued"] == 2
        # put back untried: resuming after the fix is a first attempt, not a retry
        assert {d.attempts for d in s.exec(select(Delivery))} == {0}
    assert messages(settings.maildir) == []


def test_deadline_passing_mid_campaign_skips_the_rest_on_every_path(engine, settings):
    """send-due and the worker go through send_due too, not only tick."""
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=2)
    now = utcnow()
    cid = newsletter(engine, now, send_before=now + timedelta(minutes=10))
    start_due(engine, settings, now)  # started, nothing sent yet
    stats = send_once(engine, settings, now + timedelta(minutes=10))
    assert stats.closed == [cid] and stats.sent == 0
    with Session(engine) as s:
        assert outbox.counts(s, cid)["skipped"] == 4
        assert s.get(Campaign, cid).status == "sent"
    assert messages(settings.maildir) == []


def test_cancelling_a_started_campaign_skips_what_is_left(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=2)
    now = utcnow()
    cid = newsletter(engine, now)
    start_due(engine, settings, now)
    with Session(engine) as s:
        campaigns.cancel(s, cid)
        s.commit()
        tally = outbox.counts(s, cid)
    assert tally["skipped"] == 4 and tally["queued"] == 0
    assert send_once(engine, settings, now).sent == 0
