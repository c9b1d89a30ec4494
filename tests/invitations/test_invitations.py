"""Events, RSVPs with cap and capacity, the derived audiences, and the timeline."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mailer import campaigns
from mailer.campaigns import Campaign, CampaignKind
from mailer.campaigns.audience import non_responder_recipients
from mailer.campaigns.timeline import plan_timeline, timeline
from mailer.errors import CapacityFull, CapExceeded, InvalidInput, NotFound, TimelineError
from mailer.invitations import (
    RsvpStatus,
    parse_attendees,
    registered_recipients,
    rsvp_history,
    set_rsvp,
)
from mailer.outbox import Delivery
from subscribers.models import Contact, ContactStatus, Organisation
from tests import factories
from tests.factories import local

NOW = datetime(2029, 5, 1, 10, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("english")


def make_event(session, settings, **overrides):
    fields = {"max_per_organisation": 2, "now": NOW, **overrides}
    return factories.event(session, settings, **fields)


def make_org(session, name, *emails, status=ContactStatus.ACTIVE):
    org = Organisation(name=name, kind="initiative")
    session.add(org)
    session.flush()
    for email in emails:
        session.add(
            Contact(email=email, name=email.split("@")[0], organisation_id=org.id, status=status)
        )
    session.flush()
    return org


def mark_invited(session, event, *orgs, status="sent"):
    """What a sent invitation leaves behind: one delivery per contact of each organisation."""
    invitation = campaigns.create(
        session,
        kind=CampaignKind.INVITATION,
        subject="Uitnodiging",
        segments=["everyone"],
        event_id=event.id,
    )
    for org in orgs:
        for contact in session.exec(select(Contact).where(Contact.organisation_id == org.id)):
            session.add(
                Delivery(
                    campaign_id=invitation.id,
                    contact_id=contact.id,
                    organisation_id=org.id,
                    email=contact.email,
                    status=status,
                    token=secrets.token_hex(8),
                    message_id=f"<{secrets.token_hex(8)}@test>",
                )
            )
    session.flush()
    return invitation


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (dict(ends_at=datetime(2029, 6, 7, 12, 0, tzinfo=UTC)), "(?i)the end is before the start"),
        (dict(reply_by=NOW - timedelta(minutes=1)), "(?i)the reply-by deadline has"),
        (dict(reply_by=datetime(2029, 6, 8, tzinfo=UTC)), "deadline is after the event"),
        (dict(reminder_days=[0]), "whole days"),
        (dict(programme_at=datetime(2029, 5, 20, 9, 0, tzinfo=UTC)), "after the reply-by"),
        (dict(programme_at=datetime(2029, 6, 8, 9, 0, tzinfo=UTC)), "before the event"),
        (dict(max_per_organisation=0), "at least 1"),
        (dict(title="  "), "needs a title"),
    ],
)
def test_impossible_events_are_refused(engine, settings, overrides, message):
    with Session(engine) as s, pytest.raises(TimelineError, match=message):
        make_event(s, settings, **overrides)


def test_an_event_in_the_past_is_refused(engine, settings):
    with Session(engine) as s, pytest.raises(TimelineError, match="in the past"):
        make_event(s, settings, reply_by=None, starts_at=NOW - timedelta(hours=1), ends_at=NOW)


# --------------------------------------------------------------------------- RSVPs


def test_attendees_are_parsed_with_optional_addresses():
    got = parse_attendees("Ans de Vries <Ans@Voorbeeld.nl>; Piet ; jan@voorbeeld.nl;")
    assert got == [
        {"name": "Ans de Vries", "email": "ans@voorbeeld.nl"},
        {"name": "Piet", "email": None},
        {"name": "jan@voorbeeld.nl", "email": "jan@voorbeeld.nl"},
    ]
    with pytest.raises(InvalidInput, match=r"(?i)invalid email"):
        parse_attendees("Ans <ans@@voorbeeld>")


def test_rsvp_keeps_its_history_and_marks_late_answers(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings)
        org = make_org(s, "Buurtbus Oost", "info@buurtbus.nl")
        set_rsvp(
            s,
            event.id,
            org.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("Ans; Piet"),
        )
        rsvp = set_rsvp(s, event.id, org.id, status=RsvpStatus.DECLINED, now=NOW)
        assert (rsvp.status, rsvp.attendees, rsvp.late) == ("declined", [], False)
        after = event.reply_by + timedelta(minutes=1)
        rsvp = set_rsvp(
            s,
            event.id,
            org.id,
            status=RsvpStatus.ATTENDING,
            now=after,
            attendees=parse_attendees("Ans"),
        )
        assert rsvp.late is True
        history = rsvp_history(s, rsvp.id)
        assert [(h.status, len(h.attendees), h.late) for h in history] == [
            ("attending", 2, False),
            ("declined", 0, False),
            ("attending", 1, True),
        ]


def test_cap_per_organisation_and_total_capacity(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, capacity=3)
        a, b, c = (make_org(s, n) for n in ("A", "B", "C"))
        with pytest.raises(CapExceeded, match=r"(?i)at most 2 attendee"):
            set_rsvp(
                s,
                event.id,
                a.id,
                status=RsvpStatus.ATTENDING,
                now=NOW,
                attendees=parse_attendees("X; Y; Z"),
            )
        set_rsvp(
            s,
            event.id,
            a.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("X; Y"),
        )
        with pytest.raises(CapacityFull, match="1 of 3 places left, asked for 2"):
            set_rsvp(
                s,
                event.id,
                b.id,
                status=RsvpStatus.ATTENDING,
                now=NOW,
                attendees=parse_attendees("P; Q"),
            )
        set_rsvp(
            s, event.id, b.id, status=RsvpStatus.ATTENDING, now=NOW, attendees=parse_attendees("P")
        )
        # an organisation changing its own answer does not count against itself
        set_rsvp(
            s,
            event.id,
            a.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("X; W"),
        )
        # a place freed by a decline can be taken
        set_rsvp(s, event.id, b.id, status=RsvpStatus.DECLINED, now=NOW)
        set_rsvp(
            s, event.id, c.id, status=RsvpStatus.ATTENDING, now=NOW, attendees=parse_attendees("R")
        )
        with pytest.raises(InvalidInput, match=r"(?i)at least one name"):
            set_rsvp(s, event.id, c.id, status=RsvpStatus.ATTENDING, now=NOW, attendees=[])
        with pytest.raises(NotFound, match=r"(?i)organisation 999"):
            set_rsvp(s, event.id, 999, status=RsvpStatus.DECLINED, now=NOW)


# --------------------------------------------------------------------------- audiences


def test_non_responders_are_invited_organisations_without_an_answer(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings)
        quiet = make_org(s, "Stil", "a@stil.nl", "b@stil.nl")
        make_org(s, "Stil ex", "gone@stil.nl", status=ContactStatus.UNSUBSCRIBED)
        said_no = make_org(s, "Nee", "n@nee.nl")
        said_yes = make_org(s, "Ja", "j@ja.nl")
        pending = make_org(s, "Nog niets", "p@pending.nl")
        make_org(s, "Nooit uitgenodigd", "x@elders.nl")
        bounced = make_org(s, "Bounce", "b@bounce.nl")
        mark_invited(s, event, quiet, said_no, said_yes, pending)
        mark_invited(s, event, bounced, status="failed")
        set_rsvp(s, event.id, said_no.id, status=RsvpStatus.DECLINED, now=NOW)
        set_rsvp(
            s,
            event.id,
            said_yes.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("J"),
        )
        set_rsvp(s, event.id, pending.id, status=RsvpStatus.NO_RESPONSE, now=NOW)
        got = [r.email for r in non_responder_recipients(s, event.id)]
        assert got == ["a@stil.nl", "b@stil.nl", "p@pending.nl"]


def test_registered_attendees_each_once_own_address_first(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings)
        with_addr = make_org(s, "Adres", "info@adres.nl")
        without = make_org(s, "Zonder", "info@zonder.nl", "tweede@zonder.nl")
        no = make_org(s, "Nee", "info@nee.nl")
        set_rsvp(
            s,
            event.id,
            with_addr.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("Ans <ans@adres.nl>; Info <INFO@adres.nl>"),
        )
        set_rsvp(
            s,
            event.id,
            without.id,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=parse_attendees("Piet; Joke <info@zonder.nl>"),
        )
        set_rsvp(s, event.id, no.id, status=RsvpStatus.DECLINED, now=NOW)
        rows = list(registered_recipients(s, event.id))
        assert [(r.email, r.name, r.organisation_id) for r in rows] == [
            ("ans@adres.nl", "Ans", with_addr.id),
            ("info@adres.nl", "Info", with_addr.id),
            ("info@zonder.nl", "Joke", without.id),
            ("tweede@zonder.nl", "tweede", without.id),
        ]
        assert rows[0].contact_id is None and rows[1].contact_id is not None


# --------------------------------------------------------------------------- timeline


def _steps(session, event_id):
    rows = session.exec(select(Campaign).where(Campaign.event_id == event_id)).all()
    return {c.timeline_step: c for c in rows}


def test_plan_timeline_creates_reminders_and_programme_once(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, programme_at=local(settings, "2029-06-01 10:00"))
        first = plan_timeline(s, event.id, settings, now=NOW)
        again = plan_timeline(s, event.id, settings, now=NOW)
        assert [c.id for c in first] == [c.id for c in again]
        steps = _steps(s, event.id)
        assert set(steps) == {"reminder:3", "reminder:1", "programme"}
        r3, r1, prog = steps["reminder:3"], steps["reminder:1"], steps["programme"]
        # deadline 28 May 00:00 local: reminders at 09:00 local on 25 and 27 May
        assert r3.scheduled_at == local(settings, "2029-05-25 09:00")
        assert r1.scheduled_at == local(settings, "2029-05-27 09:00")
        for r in (r3, r1):
            assert (r.kind, r.audience, r.status) == ("reminder", "non_responders", "scheduled")
            assert r.send_before == event.reply_by
        assert (prog.kind, prog.audience, prog.scheduled_at) == (
            "programme",
            "registered",
            local(settings, "2029-06-01 10:00"),
        )
        assert prog.send_before == event.starts_at


def test_replanning_moves_and_drops_steps_and_skips_passed_ones(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings)
        plan_timeline(s, event.id, settings, now=NOW)
        event.reply_by = local(settings, "2029-05-30")
        event.reminder_days = [7, 3]
        s.add(event)
        later = local(settings, "2029-05-23 12:00")  # the 7-day reminder (23 May 09:00) has passed
        plan_timeline(s, event.id, settings, now=later)
        steps = _steps(s, event.id)
        assert steps["reminder:3"].scheduled_at == local(settings, "2029-05-27 09:00")
        assert steps["reminder:3"].send_before == event.reply_by
        assert steps["reminder:1"].status == "cancelled"
        assert "reminder:7" not in steps
        shown = {t.step: t for t in timeline(s, event.id, later)}
        assert shown["reminder:7"].status == "lapsed"
        assert shown["reminder:3"].next is True


def test_timeline_shows_what_ran_and_what_is_next(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, programme_at=local(settings, "2029-06-01 10:00"))
        invitation = mark_invited(s, event, make_org(s, "A", "a@a.nl", "b@a.nl"))
        invitation.status, invitation.started_at = "sent", NOW
        plan_timeline(s, event.id, settings, now=NOW)
        steps = timeline(s, event.id, NOW + timedelta(hours=1))
        assert [t.step for t in steps] == [
            "invitation",
            "reminder:3",
            "reminder:1",
            "deadline",
            "programme",
            "event",
        ]
        assert (steps[0].status, steps[0].sent) == ("sent", 2)
        assert [t.step for t in steps if t.next] == ["reminder:3"]
        after_deadline = timeline(s, event.id, local(settings, "2029-05-29 12:00"))
        status = {t.step: t.status for t in after_deadline}
        assert status["deadline"] == "closed"
        assert [t.step for t in after_deadline if t.next] == ["programme"]
