"""The scheduled work end to end, in process: real Maildir, real render, time-machine clock."""

from __future__ import annotations

import email
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlmodel import Session

from mailer import campaigns
from mailer.campaigns import CampaignKind
from mailer.campaigns.timeline import plan_timeline
from mailer.db import session_scope
from mailer.errors import ConfigError
from mailer.inbound.intake import Source, intake, raw_bytes
from mailer.invitations import RsvpStatus, create_event, parse_attendees, set_rsvp
from mailer.localtime import parse_local
from mailer.schedule import jobs
from mailer.tokens import reply_address
from mailer.transports.maildir import MaildirTransport
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow
from tests.factories import with_settings
from tests.inbound.builders import invited, mail
from tests.inbound.dovecot import dovecot  # noqa: F401  (a fixture)

NOW = datetime(2029, 5, 1, 10, 0, tzinfo=UTC)


def delivered(settings) -> list[str]:
    """Recipient addresses of every message in the Maildir's new/ directory."""
    new = Path(settings.maildir) / "new"
    if not new.exists():
        return []
    return sorted(email.message_from_bytes(p.read_bytes())["To"] for p in new.iterdir())


def addresses(settings) -> list[str]:
    return sorted(a.split("<")[-1].rstrip(">") for a in delivered(settings))


@pytest.fixture
def transport(settings):
    t = MaildirTransport(settings.maildir)
    yield t
    t.close()


def _newsletter(engine, at):
    with session_scope(engine) as s:
        s.add(Organisation(name="Dorp", kind="municipality"))
        s.flush()
        s.add(Contact(email="lezer@dorp.nl", name="Lezer", organisation_id=1))
        c = campaigns.create(
            s, kind=CampaignKind.NEWSLETTER, subject="Nieuws", segments=["everyone"]
        )
        campaigns.schedule(s, c.id, at)
        return c.id


def test_a_scheduled_campaign_fires_at_its_time_not_before(engine, settings, transport):
    at = parse_local("2029-05-04 09:00", settings.zone)
    cid = _newsletter(engine, at)
    report = jobs.tick(engine, settings, transport, at - timedelta(seconds=1))
    assert report.idle and delivered(settings) == []
    report = jobs.tick(engine, settings, transport, at)
    assert report.started == [cid] and report.sent == 1 and report.finished == [cid]
    again = jobs.tick(engine, settings, transport, at + timedelta(minutes=1))
    assert again.idle
    assert addresses(settings) == ["lezer@dorp.nl"]


@pytest.mark.parametrize(
    "day", ["2026-03-28", "2026-03-30", "2026-10-24", "2026-10-26"], ids=lambda d: d
)
def test_nine_local_on_both_sides_of_dst_fires_at_nine_local(engine, settings, transport, day):
    at = parse_local(f"{day} 09:00", settings.zone)
    _newsletter(engine, at)
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert jobs.tick(engine, settings, transport).idle
    with time_machine.travel(at, tick=False):
        report = jobs.tick(engine, settings, transport)
        assert report.sent == 1
        assert datetime.now(settings.zone).strftime("%Y-%m-%d %H:%M") == f"{day} 09:00"


def test_a_campaign_missed_beyond_the_grace_period_is_not_sent(engine, settings, transport):
    at = parse_local("2029-05-04 09:00", settings.zone)
    cid = _newsletter(engine, at)
    late = at + timedelta(hours=settings.missed_grace_hours, minutes=1)
    report = jobs.tick(engine, settings, transport, late)
    assert [m["id"] for m in report.missed] == [cid] and report.sent == 0
    assert "plan opnieuw in" in report.missed[0]["note"]  # shown in Dutch, the default
    with Session(engine) as s:
        assert campaigns.get(s, cid).status == "missed"
    assert delivered(settings) == []


def test_late_within_grace_is_sent_once(engine, settings, transport):
    at = parse_local("2029-05-04 09:00", settings.zone)
    _newsletter(engine, at)
    report = jobs.tick(engine, settings, transport, at + timedelta(hours=1))
    assert report.sent == 1
    assert jobs.tick(engine, settings, transport, at + timedelta(hours=2)).idle
    assert len(delivered(settings)) == 1


# --------------------------------------------------------------------------- the invitation


def _network(s):
    """Three invited initiatives (two contacts each) and one outside the invitation."""
    town = Organisation(name="Gemeente Testdorp", kind="municipality")
    s.add(town)
    s.flush()
    orgs = []
    for name in ("Buurtbus", "Plusbus", "Rijdende Ram"):
        org = Organisation(name=name, kind="initiative", municipality_id=town.id)
        s.add(org)
        s.flush()
        key = name.lower().replace(" ", "")
        for who in ("info", "bestuur"):
            s.add(Contact(email=f"{who}@{key}.nl", name=f"{who} {name}", organisation_id=org.id))
        orgs.append(org)
    s.flush()
    return orgs


def test_invitation_timeline_reminders_and_programme(engine, settings, transport):
    """Reminders reach only non-responders, never after the deadline; the programme reaches
    each registered attendee once."""
    zone = settings.zone
    with session_scope(engine) as s:
        busy, plus, ram = _network(s)
        event = create_event(
            s,
            title="Netwerkmiddag",
            starts_at=parse_local("2029-06-07 15:00", zone),
            ends_at=parse_local("2029-06-07 17:00", zone),
            reply_by=parse_local("2029-05-28", zone),
            max_per_organisation=2,
            programme_at=parse_local("2029-06-01 10:00", zone),
            now=NOW,
        )
        inv = campaigns.create(
            s,
            kind=CampaignKind.INVITATION,
            subject="Uitnodiging",
            segments=["initiatives"],
            event_id=event.id,
        )
        campaigns.schedule(s, inv.id, NOW)
        plan_timeline(s, event.id, settings, now=NOW)
        event_id = event.id
    assert jobs.tick(engine, settings, transport, NOW).sent == 6
    with session_scope(engine) as s:
        set_rsvp(
            s,
            event_id,
            busy.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("Ans <ans@eigen.nl>; Piet"),
        )
        set_rsvp(s, event_id, plus.id, status=RsvpStatus.DECLINED, now=NOW)
    before = Counter(addresses(settings))
    reminder3 = parse_local("2029-05-25 09:00", zone)
    assert jobs.tick(engine, settings, transport, reminder3 - timedelta(minutes=1)).idle
    report = jobs.tick(engine, settings, transport, reminder3)
    assert report.sent == 2
    # only the organisation that did not answer (Buurtbus attends, Plusbus declined)
    assert Counter(addresses(settings)) - before == Counter(
        ["bestuur@rijdenderam.nl", "info@rijdenderam.nl"]
    )
    before = Counter(addresses(settings))
    # Ram answers before the second reminder: nobody is left to remind
    with session_scope(engine) as s:
        set_rsvp(s, event_id, ram.id, status=RsvpStatus.DECLINED, now=reminder3)
    report = jobs.tick(engine, settings, transport, parse_local("2029-05-27 09:00", zone))
    assert report.sent == 0 and Counter(addresses(settings)) == before
    report = jobs.tick(engine, settings, transport, parse_local("2029-06-01 10:00", zone))
    # Ans's own address, plus Buurtbus's two contacts for Piet (no address); each once
    assert report.sent == 3
    assert Counter(addresses(settings)) - before == Counter(
        ["ans@eigen.nl", "bestuur@buurtbus.nl", "info@buurtbus.nl"]
    )
    assert jobs.tick(engine, settings, transport, parse_local("2029-06-02 10:00", zone)).idle


def _invitation_with_one_reminder(engine, settings):
    """An invitation sent now to the initiatives, with one reminder the day before the
    deadline; returns (organisations, reminder id, deadline, reminder time)."""
    zone = settings.zone
    with session_scope(engine) as s:
        orgs = _network(s)
        event = create_event(
            s,
            title="Middag",
            starts_at=parse_local("2029-06-07 15:00", zone),
            ends_at=parse_local("2029-06-07 17:00", zone),
            reply_by=parse_local("2029-05-28", zone),
            reminder_days=[1],
            now=NOW,
        )
        inv = campaigns.create(
            s,
            kind=CampaignKind.INVITATION,
            subject="Uitnodiging",
            segments=["initiatives"],
            event_id=event.id,
        )
        campaigns.schedule(s, inv.id, NOW)
        (reminder,) = plan_timeline(s, event.id, settings, now=NOW)
        return orgs, reminder.id, event.reply_by, reminder.scheduled_at


def test_a_reminder_is_never_sent_after_its_deadline(engine, settings, transport):
    orgs, reminder_id, deadline, _ = _invitation_with_one_reminder(engine, settings)
    jobs.tick(engine, settings, transport, NOW)
    # nothing ran between the reminder's time and the deadline: it is missed, not sent late
    report = jobs.tick(engine, settings, transport, deadline)
    assert [m["id"] for m in report.missed] == [reminder_id] and report.sent == 0
    assert len(orgs) == 3 and len(delivered(settings)) == 6


def test_deadline_stops_a_reminder_still_draining(engine, settings, transport):
    _, reminder_id, deadline, at = _invitation_with_one_reminder(engine, settings)
    jobs.tick(engine, settings, transport, NOW)
    from mailer.sending.dispatch import start_due

    start_due(engine, settings, at)  # started (rows queued) but nothing drained yet
    report = jobs.tick(engine, settings, transport, deadline + timedelta(seconds=1))
    assert report.closed == [reminder_id] and report.sent == 0
    assert len(delivered(settings)) == 6


# --------------------------------------------------------------------------- inbound mail


def test_tick_without_a_mailbox_polls_nothing_and_keeps_retention(engine, settings, transport):
    old = intake(
        engine, mail(number=1), source=Source.FILE, received_at=utcnow() - timedelta(days=400)
    )
    report = jobs.tick(engine, settings, transport, inbound_too=True)
    assert report.inbound is None and report.raw_deleted == 1
    assert report.as_dict()["inbound"] is None and not report.idle
    with Session(engine) as s:
        assert raw_bytes(s, old.id) is None
    assert jobs.tick(engine, settings, transport).raw_deleted == 0  # the scheduler's drain


def test_tick_reads_what_the_inbound_webhook_stored(engine, settings, transport):
    """SendGrid's Inbound Parse only stores (and answers SendGrid at once): with no mailbox,
    tick and the scheduler's inbound job read, apply and answer what it stored."""
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    intake(
        engine, mail(to=to, body="Wij komen met Anna de Vries.\n", number=7), source=Source.WEBHOOK
    )
    hooked = with_settings(settings, inbound_webhook_secret="geheim-pad")
    report = jobs.tick(engine, hooked, transport, inbound_too=True)
    assert report.inbound is not None and report.inbound["applied"] == 1
    assert report.inbound["answers"]["sent"] == 1


def test_tick_polls_the_mailbox_applies_and_answers_through_its_transport(
    engine,
    settings,
    transport,
    dovecot,  # noqa: F811
):
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    dovecot.append(
        mail(to=to, body="Wij komen met Anna de Vries.\n", number=1),
        mail(
            to=to,
            subject="Automatisch antwoord: afwezig",
            number=2,
            headers={"Auto-Submitted": "auto-replied"},
            body="Ik ben afwezig tot maandag.\n",
        ),
    )
    polled = with_settings(settings, imap_url=dovecot.url("imaps"))
    report = jobs.tick(engine, polled, transport, inbound_too=True)
    inbound = report.inbound
    assert inbound is not None, report
    assert (inbound["read"], inbound["stored"], inbound["moved"], inbound["errors"]) == (2, 2, 2, 0)
    assert inbound["kinds"]["reply"] == 1 and inbound["kinds"]["auto_reply"] == 1
    assert inbound["applied"] == 1 and inbound["answers"]["sent"] == 1
    assert addresses(settings) == [net.contact_email]  # the confirmation, nothing to the robot
    again = jobs.tick(engine, polled, transport, inbound_too=True)
    assert again.inbound is not None and again.inbound["read"] == 0 and again.idle


def test_tick_stops_on_a_refused_login(engine, settings, transport, dovecot, english):  # noqa: F811
    wrong = with_settings(settings, imap_url=dovecot.url("imaps").replace("geheim", "fout"))
    with pytest.raises(ConfigError, match="refused the login"):
        jobs.tick(engine, wrong, transport, inbound_too=True)
