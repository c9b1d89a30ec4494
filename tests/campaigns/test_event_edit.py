"""Editing and cancelling events: the timeline moves, those invited hear it once, with
an ICS of the same UID and a higher SEQUENCE; the CLI through the real `mailer`."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import Session, select

from mailer import campaigns
from mailer.campaigns import Campaign, CampaignKind, event_edit
from mailer.campaigns.event_edit import EventChanges
from mailer.campaigns.timeline import plan_timeline
from mailer.errors import InvalidTransition, TimelineError
from mailer.invitations import RsvpStatus, parse_attendees, set_rsvp
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow
from tests import factories
from tests.factories import local, send_once
from tests.forkserver import run_mailer
from tests.mailbox import messages, per_recipient

MAILER = str(Path(sys.executable).with_name("mailer"))


pytestmark = pytest.mark.usefixtures("english")


def _event(session, settings, **overrides):
    programme = {"programme_at": local(settings, "2029-06-01 10:00")}
    made = factories.event(session, settings, **{**programme, **overrides})
    plan_timeline(session, made.id, settings)
    return made


def _steps(session, event_id):
    rows = session.exec(select(Campaign).where(Campaign.event_id == event_id)).all()
    return {c.timeline_step: c for c in rows}


def _invite(engine, settings, event_id):
    """Two organisations with contacts, invited through a real sent invitation campaign."""
    with Session(engine) as s:
        for name, emails in (
            ("Buurtbus Oost", ["a@oost.nl", "b@oost.nl"]),
            ("West", ["w@west.nl"]),
        ):
            org = Organisation(name=name, kind="initiative")
            s.add(org)
            s.flush()
            for address in emails:
                s.add(Contact(email=address, name=address.split("@")[0], organisation_id=org.id))
        s.commit()
        invitation = campaigns.create(
            s,
            kind=CampaignKind.INVITATION,
            subject="Uitnodiging",
            segments=["iedereen"],
            event_id=event_id,
            timeline_step="invitation",
        )
        campaigns.schedule(s, invitation.id, utcnow())
        s.commit()
    send_once(engine, settings, utcnow())


def _register(engine, event_id, organisation, attendees):
    with Session(engine) as s:
        org = s.exec(select(Organisation).where(Organisation.name == organisation)).one()
        set_rsvp(
            s,
            event_id,
            org.id,
            status=RsvpStatus.ATTENDING,
            attendees=parse_attendees(attendees),
            now=utcnow(),
        )
        s.commit()


def _calendar(message):
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    cal = Calendar.from_ical(part.get_content())
    return cal, cal.walk("VEVENT")[0]


def _mails(settings, subject_start):
    return [m for m in messages(settings.maildir) if str(m["Subject"]).startswith(subject_start)]


# --------------------------------------------------------------------------- the library


def test_moving_the_event_moves_its_open_deadline_and_unsent_steps(engine, settings):
    with Session(engine) as s:
        event = _event(s, settings)
        report = event_edit.edit_event(
            s,
            event.id,
            EventChanges(starts_at=local(settings, "2029-06-14 15:00")),
            settings,
            utcnow(),
        )
        assert event.ends_at == local(settings, "2029-06-14 17:00")  # the duration is kept
        assert event.reply_by == local(settings, "2029-06-04")
        assert event.programme_at == local(settings, "2029-06-08 10:00")
        assert report.shifted == ["reply_by", "programme_at"]
        steps = _steps(s, event.id)
        assert steps["reminder:3"].scheduled_at == local(settings, "2029-06-01 09:00")
        assert steps["reminder:1"].scheduled_at == local(settings, "2029-06-03 09:00")
        assert steps["programme"].scheduled_at == local(settings, "2029-06-08 10:00")
        assert steps["programme"].send_before == event.starts_at
        assert steps["reminder:3"].send_before == event.reply_by
        assert [(c.step, c.outcome) for c in report.steps] == [
            ("reminder:3", "moved"),
            ("reminder:1", "moved"),
            ("programme", "moved"),
        ]
        assert event.sequence == 1
        # nobody was invited yet: nothing to tell, no update campaign
        assert (
            report.invited == 0 and event_edit.announce(s, event.id, utcnow(), queue=True) is None
        )


def test_a_step_whose_new_time_has_passed_is_cancelled_and_reported(engine, settings):
    now = utcnow()
    with Session(engine) as s:
        event = _event(
            s,
            settings,
            starts_at=now + timedelta(days=20),
            ends_at=now + timedelta(days=20, hours=2),
            reply_by=now + timedelta(days=10),
            programme_at=None,
        )
        soon = now + timedelta(days=2)  # reminder:3 would now be in the past
        report = event_edit.edit_event(s, event.id, EventChanges(reply_by=soon), settings, now)
        assert _steps(s, event.id)["reminder:3"].status == "cancelled"
        assert ("reminder:3", "cancelled") in [(c.step, c.outcome) for c in report.steps]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (dict(ends_at="2029-06-07 14:00"), "end is before the start"),
        (dict(reply_by="2029-06-09"), "deadline is after the event"),
        (dict(capacity=1), "less than the 2 people already registered"),
        (dict(max_per_organisation=1), r"already registered \(2\)"),
        (dict(title="  "), "needs a title"),
    ],
)
def test_an_edit_is_checked_as_at_create(engine, settings, changes, message):
    with Session(engine) as s:
        event = _event(s, settings)
        org = Organisation(name="Oost", kind="initiative")
        s.add(org)
        s.flush()
        set_rsvp(
            s,
            event.id,
            org.id,
            status=RsvpStatus.ATTENDING,
            attendees=parse_attendees("Ans; Piet"),
            now=utcnow(),
        )
        values = {
            k: local(settings, v) if k.endswith(("_at", "_by")) else v for k, v in changes.items()
        }
        with pytest.raises(TimelineError, match=message):
            event_edit.edit_event(s, event.id, EventChanges(**values), settings, utcnow())


def test_the_programme_text_reaches_the_programme_mail(engine, settings):
    with Session(engine) as s:
        event = _event(s, settings, programme="- **15.00** ontvangst met koffie")
        event_edit.edit_event(
            s,
            event.id,
            EventChanges(programme="- **15.00** ontvangst met thee"),
            settings,
            utcnow(),
        )
        s.commit()
        event_id = event.id
    _invite(engine, settings, event_id)
    _register(engine, event_id, "West", "Wim <wim@west.nl>")
    with Session(engine) as s:
        programme = _steps(s, event_id)["programme"]
        programme.send_before = None  # send it now instead of in 2029
        campaigns.schedule(s, programme.id, utcnow())
        s.commit()
    send_once(engine, settings, utcnow())
    [mail] = _mails(settings, "Programma")
    assert mail["To"].addresses[0].addr_spec == "wim@west.nl"
    text = mail.get_body(("plain",)).get_content()
    assert "ontvangst met thee" in text and "koffie" not in text


def test_the_update_reaches_invited_and_registered_once_with_a_higher_sequence(engine, settings):
    with Session(engine) as s:
        event_id = _event(s, settings).id
        s.commit()
    _invite(engine, settings, event_id)
    # Bo was invited too (counted once); Extra only registered
    _register(engine, event_id, "Buurtbus Oost", "A <a@oost.nl>; Extra <extra@elders.nl>")
    with Session(engine) as s:
        event_edit.edit_event(s, event_id, EventChanges(place="De Schouwburg"), settings, utcnow())
        s.commit()
    with Session(engine) as s:  # a second edit before sending folds into the same update
        event_edit.edit_event(
            s,
            event_id,
            EventChanges(starts_at=local(settings, "2029-06-14 15:00")),
            settings,
            utcnow(),
        )
        campaign, created = event_edit.announce(s, event_id, utcnow(), queue=False)
        assert created and campaign.status == "draft"
        s.commit()
        first_id = campaign.id
    with Session(engine) as s:
        event_edit.edit_event(s, event_id, EventChanges(address="Markt 1"), settings, utcnow())
        again, created = event_edit.announce(s, event_id, utcnow(), queue=True)
        assert (again.id, created, again.status) == (first_id, False, "scheduled")
        s.commit()
    send_once(engine, settings, utcnow())
    updates = _mails(settings, "Gewijzigd")
    assert per_recipient(settings.maildir) == {
        "a@oost.nl": 2,  # the invitation and the update
        "b@oost.nl": 2,
        "w@west.nl": 2,
        "extra@elders.nl": 1,
    }
    assert len(updates) == 4
    [invitation] = [m for m in _mails(settings, "Uitnodiging") if "a@oost.nl" in str(m["To"])]
    _, first = _calendar(invitation)
    cal, vevent = _calendar(updates[0])
    assert vevent["UID"] == first["UID"]
    assert vevent["SEQUENCE"] > first["SEQUENCE"]
    assert cal["METHOD"] == "PUBLISH"
    assert "De Schouwburg, Markt 1" in str(vevent["LOCATION"])
    text = updates[0].get_body(("plain",)).get_content()
    assert "Nieuwe datum: donderdag 14 juni 2029 (was donderdag 7 juni 2029)" in text
    assert "Nieuwe locatie: De Schouwburg, Markt 1 (was Het Dorpshuis)" in text


def test_cancel_stops_the_timeline_and_sends_method_cancel_once(engine, settings):
    with Session(engine) as s:
        event_id = _event(s, settings).id
        s.commit()
    _invite(engine, settings, event_id)
    _register(engine, event_id, "West", "Wim <wim@west.nl>")
    with Session(engine) as s:
        report = event_edit.cancel_event(s, event_id, utcnow(), message="Te weinig aanmeldingen.")
        s.commit()
    assert {step for _cid, step, _status in report.stopped} == {
        "reminder:3",
        "reminder:1",
        "programme",
    }
    assert report.recipients == 4
    with Session(engine) as s:
        steps = _steps(s, event_id)
        assert {steps[n].status for n in ("reminder:3", "reminder:1", "programme")} == {"cancelled"}
        assert steps["cancellation"].audience == "invited"
        with pytest.raises(InvalidTransition, match="already cancelled"):
            event_edit.cancel_event(s, event_id, utcnow())
        with pytest.raises(InvalidTransition, match="cancelled event cannot be edited"):
            event_edit.edit_event(s, event_id, EventChanges(title="Toch"), settings, utcnow())
    send_once(engine, settings, utcnow())
    cancels = _mails(settings, "Afgelast")
    assert sorted(str(m["To"].addresses[0].addr_spec) for m in cancels) == [
        "a@oost.nl",
        "b@oost.nl",
        "w@west.nl",
        "wim@west.nl",
    ]
    cal, vevent = _calendar(cancels[0])
    assert cal["METHOD"] == "CANCEL" and vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == 1
    assert "Te weinig aanmeldingen." in cancels[0].get_body(("plain",)).get_content()


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def mailer(settings):
    env = {
        **os.environ,
        "MAILER_DATABASE_URL": settings.db_url,
        "MAILER_DATA_DIR": str(settings.data_dir),
        "MAILER_SECRET_KEY": "test-secret-key",
        "MAILER_LANGUAGE": "en",
        "COLUMNS": "200",
    }
    env.pop("MAILER_TRANSPORT", None)

    def run(*args: str, code: int = 0, language: str = "en") -> subprocess.CompletedProcess[str]:
        result = run_mailer(args, {**env, "MAILER_LANGUAGE": language})
        assert result.returncode == code, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        return result

    return run


def _cli_event(engine, settings, mailer):
    mailer(
        "event", "create", "--title", "Netwerkmiddag", "--start", "2029-06-07 15:00",
        "--end", "2029-06-07 17:00", "--place", "Dorpshuis", "--reply-by", "2029-05-28",
    )  # fmt: skip
    _invite(engine, settings, 1)


def test_cli_edit_no_notify_then_a_draft_then_queued(engine, settings, mailer):
    _cli_event(engine, settings, mailer)
    out = mailer("event", "edit", "1", "--place", "Het Wapen", "--no-notify").stdout
    assert "Event 1 changed: place." in out
    assert "No update sent" in out and "--notify" in out
    # not on a terminal and no flag: a draft, shown with its id, nothing sent
    out = mailer("event", "edit", "1", "--start", "2029-06-14 15:00").stdout
    assert "reminder:3: 2029-05-25 09:00 CEST → 2029-06-01 09:00 CEST (moved)" in out
    assert "ready as a draft, not sent" in out and "mailer campaign send" in out
    with Session(engine) as s:
        [update] = [c for c in s.exec(select(Campaign)) if c.kind == "update"]
        assert update.status == "draft"
    out = mailer("event", "edit", "1", "--notify").stdout
    assert f"Update (campaign {update.id}) to 3 addresses is queued" in out
    mailer("send-due")
    assert len(_mails(settings, "Gewijzigd")) == 3
    # Dutch by default, from the catalog
    out = mailer("event", "edit", "1", "--title", "Netwerkavond", "--no-notify", language="nl")
    assert "Bijeenkomst 1 gewijzigd: titel." in out.stdout


def test_cli_refusals_are_one_line_and_exit_1(engine, settings, mailer):
    _cli_event(engine, settings, mailer)
    err = mailer("event", "edit", "1", "--end", "2029-06-07 14:00", code=1).stderr
    assert "The end is before the start" in err and len(err.strip().splitlines()) <= 2
    err = mailer("event", "edit", "9", "--title", "X", code=1).stderr
    assert "Event 9 does not exist" in err
    err = mailer("event", "edit", "1", code=1).stderr
    assert "Nothing to change" in err
    err = mailer("event", "cancel", "1", code=1).stderr
    assert "Confirm with --yes" in err and "nothing was changed" in err
    out = mailer("event", "cancel", "1", "--yes").stdout
    assert "Event 1 cancelled." in out and "stopped: reminder:3" in out
    assert "to 3 addresses is queued" in out
    err = mailer("event", "cancel", "1", "--yes", code=1).stderr
    assert "Event 1 was already cancelled" in err
    err = mailer("event", "edit", "1", "--place", "X", code=1).stderr
    assert "cancelled event cannot be edited" in err


def test_cli_asks_on_a_terminal_before_sending_the_update(engine, settings, mailer):
    _cli_event(engine, settings, mailer)
    master, slave = pty.openpty()
    try:
        os.write(master, b"y\n")  # typed ahead: the terminal keeps it until the question
        result = subprocess.run(
            [MAILER, "event", "edit", "1", "--place", "Het Wapen"],
            env={
                **os.environ,
                "MAILER_DATABASE_URL": settings.db_url,
                "MAILER_DATA_DIR": str(settings.data_dir),
                "MAILER_SECRET_KEY": "test-secret-key",
                "MAILER_LANGUAGE": "en",
            },
            stdin=slave,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Send those invited (3 addresses) an update about the place?" in result.stdout
    assert "is queued" in result.stdout
    with Session(engine) as s:
        [update] = [c for c in s.exec(select(Campaign)) if c.kind == "update"]
        assert update.status == "scheduled"
