"""Applying an answer: the RSVP and its history, cap and capacity, late answers, the mail back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mailer.inbound import pipeline
from mailer.inbound.apply import Action, Note, apply
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, MatchRule
from mailer.inbound.reading import Attendee, CalendarAnswer, Decision, Kind
from mailer.invitations import Event
from mailer.invitations.rsvp import Rsvp, rsvp_history
from mailer.tokens import reply_address
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow
from tests.factories import with_settings
from tests.inbound.apply_support import (
    deliver,
    matched,
    outcome_of,
    reply,
    rsvp_of,
    run,
    sent_mail,
    store,
    text_of,
)
from tests.inbound.builders import invited, mail


@pytest.fixture
def net(engine, settings):
    return invited(engine, settings)


def _history(engine, net):
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None
    with Session(engine) as s:
        return [
            (h.status, [a["name"] for a in h.attendees], h.source) for h in rsvp_history(s, rsvp.id)
        ]


def test_an_attending_reply_is_registered_and_confirmed_with_a_calendar_request(
    engine, settings, net
):
    done = run(engine, settings, reply(), matched(net))
    assert (done.outcome.action, done.outcome.applied, done.outcome.review) == ("rsvp", True, False)
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and (rsvp.status, rsvp.source, rsvp.late) == (
        "attending",
        "reply",
        False,
    )
    assert [a["name"] for a in rsvp.attendees] == ["Anna de Vries", "Jan Bakker"]
    assert [a["state"] for a in done.outcome.answers] == ["pending"]
    assert sent_mail(settings) == []  # decided in the transaction, sent after it

    report = deliver(engine, settings)
    assert (report.sent, report.failed) == (1, 0)
    [mail] = sent_mail(settings)
    assert mail["To"].addresses[0].addr_spec == "anna@buurtbus.example"
    assert mail["Auto-Submitted"] == "auto-replied"
    assert mail["Reply-To"].addresses[0].addr_spec == reply_address(settings, net.delivery)
    assert mail["In-Reply-To"] == f"<m{done.id}@client.example>"
    assert "Jan Bakker" in text_of(mail) and "Aanmelding ontvangen" in str(mail["Subject"])
    [ics] = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert ics.get_param("method") == "REQUEST"
    assert "METHOD:REQUEST" in ics.get_content()
    assert outcome_of(engine, done.id)["answers"][0]["state"] == "sent"
    # nothing is sent twice
    assert deliver(engine, settings).sent == 0 and len(sent_mail(settings)) == 1


def test_a_calendar_request_names_attendees_with_addresses(engine, settings, net):
    names = [("Anna de Vries", "anna@buurtbus.example"), ("Jan Bakker", "jan@buurtbus.example")]
    run(engine, settings, reply(names=names), matched(net))
    deliver(engine, settings)
    [mail] = sent_mail(settings)
    [ics] = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    calendar = ics.get_content().replace("\r\n ", "")
    assert "mailto:jan@buurtbus.example" in calendar and "METHOD:REQUEST" in calendar


def test_applying_the_same_stored_message_twice_changes_nothing_and_sends_nothing(
    engine, settings, net
):
    first = run(engine, settings, reply(), matched(net))
    deliver(engine, settings)
    again = run(engine, settings, reply(), matched(net), inbound_id=first.id)
    assert again.outcome.as_dict() == outcome_of(engine, first.id)
    assert deliver(engine, settings).sent == 0
    assert len(_history(engine, net)) == 1 and len(sent_mail(settings)) == 1


def test_the_same_answer_in_a_new_mail_changes_nothing_and_is_not_answered(engine, settings, net):
    run(engine, settings, reply(), matched(net))
    second = run(engine, settings, reply(), matched(net), now=utcnow() + timedelta(hours=2))
    assert second.outcome.action == Action.UNCHANGED and second.outcome.answers == []
    assert len(_history(engine, net)) == 1


def test_a_later_reply_changes_the_answer_and_history_keeps_both(engine, settings, net):
    run(engine, settings, reply(), matched(net))
    later = utcnow() + timedelta(hours=2)
    done = run(engine, settings, reply(Decision.DECLINED, names=()), matched(net), now=later)
    assert done.outcome.answers[0]["template"] == "decline_ack"
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and (rsvp.status, rsvp.attendees) == ("declined", [])
    assert _history(engine, net) == [
        ("attending", ["Anna de Vries", "Jan Bakker"], "reply"),
        ("declined", [], "reply"),
    ]
    deliver(engine, settings)
    assert {str(m["Subject"]).split(":")[0] for m in sent_mail(settings)} == {
        "Aanmelding ontvangen",
        "Afmelding ontvangen",
    }


def test_one_more_colleague_is_added_to_the_names_already_given(engine, settings, net):
    run(engine, settings, reply(names=["Anna de Vries"]), matched(net))
    later = utcnow() + timedelta(hours=2)
    run(engine, settings, reply(names=["Jan Bakker"], addition=True), matched(net), now=later)
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and [a["name"] for a in rsvp.attendees] == [
        "Anna de Vries",
        "Jan Bakker",
    ]


def test_the_cap_keeps_the_first_names_and_says_who_was_not_registered(engine, settings, net):
    done = run(
        engine, settings, reply(names=["Anna de Vries", "Jan Bakker", "Els de Boer"]), matched(net)
    )
    assert done.outcome.rsvp is not None
    assert [a["name"] for a in done.outcome.rsvp["attendees"]] == ["Anna de Vries", "Jan Bakker"]
    assert [a["name"] for a in done.outcome.rsvp["refused"]] == ["Els de Boer"]
    assert done.outcome.answers[0]["template"] == "cap_exceeded"
    deliver(engine, settings)
    [mail] = sent_mail(settings)
    text = text_of(mail)
    assert "Els de Boer" in text and "Voor deze namen is geen plaats" in text


def test_the_total_capacity_keeps_the_first_and_refuses_the_rest(engine, settings, net):
    with Session(engine) as s:
        event = s.get(Event, net.event)
        assert event is not None
        event.capacity, event.max_per_organisation = 3, None
        s.add(event)
        s.commit()
    other = Match(MatchRule.CONTACT, event_id=net.event, organisation_id=net.other_organisation)
    run(engine, settings, reply(names=["P1", "P2"]), other, sender="piet@zuid.example")
    done = run(engine, settings, reply(names=["A1", "A2"]), matched(net))
    assert done.outcome.rsvp is not None
    assert [a["name"] for a in done.outcome.rsvp["attendees"]] == ["A1"]
    assert [a["name"] for a in done.outcome.rsvp["refused"]] == ["A2"]


def test_a_full_event_registers_nobody_and_asks_a_person(engine, settings, net):
    with Session(engine) as s:
        event = s.get(Event, net.event)
        assert event is not None
        event.capacity = 1
        s.add(event)
        s.commit()
    other = Match(MatchRule.CONTACT, event_id=net.event, organisation_id=net.other_organisation)
    run(engine, settings, reply(names=["P1"]), other, sender="piet@zuid.example")
    done = run(engine, settings, reply(names=["A1"]), matched(net))
    assert (done.outcome.review, done.outcome.note, done.outcome.answers) == (True, Note.FULL, [])
    assert rsvp_of(engine, net) is None


def _past_deadline(engine, net):
    with Session(engine) as s:
        event = s.get(Event, net.event)
        assert event is not None and event.reply_by is not None
        return event.reply_by + timedelta(hours=1)


def test_a_late_answer_is_recorded_as_late_when_late_answers_are_accepted(engine, settings, net):
    done = run(engine, settings, reply(), matched(net), now=_past_deadline(engine, net))
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and (rsvp.status, rsvp.late) == ("attending", True)
    assert done.outcome.answers[0]["template"] == "confirmation"


def test_a_late_answer_is_refused_with_late_reply_when_not_accepted(engine, settings, net):
    strict = with_settings(settings, accept_late_replies=False)
    done = run(engine, strict, reply(), matched(net), now=_past_deadline(engine, net))
    assert done.outcome.action == Action.LATE_REFUSED and rsvp_of(engine, net) is None
    assert done.outcome.rsvp is not None and done.outcome.rsvp["late"] is True
    assert [a["template"] for a in done.outcome.answers] == ["late_reply"]
    deliver(engine, strict)
    [mail] = sent_mail(strict)
    assert "te laat" in str(mail["Subject"])


def test_below_the_confidence_threshold_nothing_is_applied(engine, settings, net):
    done = run(engine, settings, reply(confidence=0.5), matched(net))
    assert (done.outcome.review, done.outcome.applied, done.outcome.note) == (
        True,
        False,
        Note.LOW_CONFIDENCE,
    )
    assert rsvp_of(engine, net) is None and done.outcome.answers == []


def test_unclear_and_unmatched_replies_go_to_review(engine, settings, net):
    unclear = run(engine, settings, reply(Decision.UNCLEAR, names=()), matched(net))
    assert (unclear.outcome.review, unclear.outcome.note) == (True, Note.UNCLEAR)
    nobody = run(engine, settings, reply(), Match(MatchRule.NONE, reason="no_rule"))
    assert (nobody.outcome.review, nobody.outcome.note) == (True, Note.UNMATCHED)
    assert rsvp_of(engine, net) is None


def test_two_coming_with_one_name_counts_two_and_asks_for_the_name(engine, settings, net):
    done = run(engine, settings, reply(names=["Anna de Vries"], unnamed_extra=1), matched(net))
    assert (done.outcome.applied, done.outcome.review, done.outcome.note) == (
        True,
        True,
        Note.UNNAMED,
    )
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and len(rsvp.attendees) == 2 and done.outcome.answers == []


def test_i_come_myself_is_the_sender_with_their_address(engine, settings, net):
    people = [Attendee(name="Anna de Vries", is_sender=True)]
    run(engine, settings, _with(people), matched(net))
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None
    assert rsvp.attendees == [{"name": "Anna de Vries", "email": "anna@buurtbus.example"}]


def _with(people):
    r = reply(names=())
    r.attendees = people
    return r


def test_a_calendar_accept_tentative_and_decline(engine, settings, net):
    def calendar(decision):
        who = Attendee(name="Anna de Vries", email="anna@buurtbus.example")
        r = reply(decision, names=(), kind=Kind.CALENDAR_REPLY, confidence=0.99)
        r.calendar = CalendarAnswer(decision=decision, attendee=who)
        r.attendees = [who]
        return r

    run(engine, settings, calendar(Decision.MAYBE), matched(net))
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and (rsvp.status, rsvp.source) == ("maybe", "calendar")
    later = utcnow() + timedelta(hours=2)
    done = run(engine, settings, calendar(Decision.ATTENDING), matched(net), now=later)
    assert done.outcome.answers[0]["template"] == "confirmation"
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.status == "attending"
    run(engine, settings, calendar(Decision.DECLINED), matched(net), now=later + timedelta(hours=2))
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and (rsvp.status, rsvp.attendees) == ("declined", [])


def test_a_cancelled_event_is_never_answered_automatically(engine, settings, net):
    with Session(engine) as s:
        event = s.get(Event, net.event)
        assert event is not None
        event.cancelled = True
        s.add(event)
        s.commit()
    done = run(engine, settings, reply(), matched(net))
    assert (done.outcome.review, done.outcome.note) == (True, Note.EVENT_CANCELLED)


def test_rsvps_are_one_per_event_and_organisation(engine, settings, net):
    run(engine, settings, reply(), matched(net))
    colleague = Match(MatchRule.DOMAIN, event_id=net.event, organisation_id=net.organisation)
    later = utcnow() + timedelta(hours=2)
    run(
        engine,
        settings,
        reply(names=["Els de Boer"], addition=True),
        colleague,
        sender="els@buurtbus.example",
        now=later,
    )
    with Session(engine) as s:
        rows = s.exec(select(Rsvp)).all()
        assert len(rows) == 1 and s.get(Organisation, rows[0].organisation_id) is not None
        assert [a["name"] for a in rows[0].attendees] == ["Anna de Vries", "Jan Bakker"]
    # the colleague is told there was no place for Els (cap 2)
    answers = outcome_of(engine, 2)["answers"]
    assert [(a["template"], a["to"]) for a in answers] == [("cap_exceeded", "els@buurtbus.example")]


def test_through_the_pipeline_seam_once_however_often_it_runs(engine, settings, net):
    """D1's pipeline calls the applier in the message's transaction and stores the outcome."""
    raw = mail(to=reply_address(settings, net.delivery), number=4242)
    inbound_id = store(engine, raw)
    chosen = reply(names=["Anna de Vries"])
    for _ in range(2):
        pipeline.process(engine, settings, apply=apply, read=lambda parsed, context: chosen)
    with Session(engine) as s:
        message = s.get(InboundMessage, inbound_id)
        assert message is not None and message.status == "processed"
        assert message.outcome["action"] == "rsvp"
    assert len(_history(engine, net)) == 1
    assert deliver(engine, settings).sent == 1 and deliver(engine, settings).sent == 0


def test_an_english_contact_is_answered_in_english(engine, settings, net):
    with Session(engine) as s:
        anna = s.get(Contact, net.contact)
        assert anna is not None
        anna.language = "en"
        s.add(anna)
        s.commit()
    run(engine, settings, reply(Decision.DECLINED, names=()), matched(net))
    deliver(engine, settings)
    [mail] = sent_mail(settings)
    assert str(mail["Subject"]).startswith("Decline received:")
