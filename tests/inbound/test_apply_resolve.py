"""A coordinator's correction: applied like an answer, answered like one, never twice."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mailer.errors import InvalidInput, NotFound
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, MatchRule
from mailer.inbound.resolve import parse_correction, resolve
from mailer.invitations import Event
from mailer.invitations.rsvp import Rsvp, rsvp_history
from mailer.transports.maildir import MaildirTransport
from tests.inbound.apply_support import matched, reply, rsvp_of, run, sent_mail
from tests.inbound.builders import invited


@pytest.fixture
def net(engine, settings):
    return invited(engine, settings)


def _resolve(engine, settings, inbound_id, **options):
    transport = MaildirTransport(settings.maildir)
    return resolve(engine, settings, inbound_id, parse_correction(**options), transport=transport)


def test_a_review_item_resolved_as_attending_is_registered_and_confirmed(engine, settings, net):
    review = run(engine, settings, reply(confidence=0.3), matched(net))
    assert review.outcome.review
    report = _resolve(
        engine, settings, review.id, attending="Anna de Vries <anna@buurtbus.example>; Jan"
    )
    data = report.as_dict()
    assert (data["action"], data["status"], data["sent"]) == ("rsvp", "attending", 1)
    assert data["attendees"] == [
        {"name": "Anna de Vries", "email": "anna@buurtbus.example"},
        {"name": "Jan", "email": None},
    ]
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.source == "manual"
    with Session(engine) as s:
        message = s.get(InboundMessage, review.id)
        assert message is not None and message.status == "processed"
        assert message.outcome["resolved"]["choice"] == "attending"
    [mail] = sent_mail(settings)
    assert "Aanmelding ontvangen" in str(mail["Subject"])
    # the same correction again: nothing changes, nothing is sent
    again = _resolve(
        engine, settings, review.id, attending="Anna de Vries <anna@buurtbus.example>; Jan"
    )
    assert (again.as_dict()["action"], again.as_dict()["sent"]) == ("unchanged", 0)
    assert len(sent_mail(settings)) == 1
    with Session(engine) as s:
        assert len(rsvp_history(s, rsvp.id)) == 1


def test_declined_maybe_and_ignore(engine, settings, net):
    review = run(engine, settings, reply(confidence=0.3), matched(net))
    assert _resolve(engine, settings, review.id, maybe=True).as_dict()["status"] == "maybe"
    declined = _resolve(engine, settings, review.id, declined=True).as_dict()
    assert (declined["status"], declined["sent"]) == ("declined", 1)
    ignored = _resolve(engine, settings, review.id, ignore=True).as_dict()
    assert ignored["action"] == "ignored"
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.status == "declined"


def test_an_unmatched_message_is_resolved_for_a_named_organisation(engine, settings, net):
    review = run(
        engine, settings, reply(), Match(MatchRule.NONE, reason="no_rule"), sender="x@gmail.com"
    )
    with pytest.raises(InvalidInput, match="organisation"):
        _resolve(engine, settings, review.id, declined=True)
    report = _resolve(
        engine, settings, review.id, declined=True, organisation="Vervoersdienst Zuid"
    )
    assert (report.as_dict()["organisation"], report.as_dict()["event"]) == (
        "Vervoersdienst Zuid",
        net.event,
    )
    with Session(engine) as s:
        rsvp = s.exec(select(Rsvp).where(Rsvp.organisation_id == net.other_organisation)).first()
        assert rsvp is not None and rsvp.status == "declined"


def test_a_late_correction_is_recorded_as_late_whatever_the_policy(engine, settings, net):
    review = run(engine, settings, reply(confidence=0.3), matched(net))
    with Session(engine) as s:
        event = s.get(Event, net.event)
        assert event is not None and event.reply_by is not None
        event.reply_by = event.reply_by - timedelta(days=40)
        s.add(event)
        s.commit()
    assert _resolve(engine, settings, review.id, attending="Anna").as_dict()["late"] is True


def test_bad_corrections_are_usage_errors(engine, settings, net):
    with pytest.raises(InvalidInput):
        parse_correction(declined=True, maybe=True)
    with pytest.raises(InvalidInput):
        parse_correction()
    with pytest.raises(InvalidInput):
        parse_correction(attending=" ; ")
    with pytest.raises(NotFound):
        _resolve(engine, settings, 999, declined=True)


def test_the_cli_resolves_a_review_item_and_refuses_two_choices(engine, settings, net, mailer):
    review = run(engine, settings, reply(confidence=0.3), matched(net))
    both = mailer("inbound", "resolve", str(review.id), "--declined", "--maybe")
    assert both.returncode == 2 and "Traceback" not in both.stderr
    maybe = mailer("inbound", "resolve", str(review.id), "--maybe", "--json")
    assert maybe.returncode == 0, maybe.stderr
    assert (json.loads(maybe.stdout)["status"], json.loads(maybe.stdout)["answers"]) == (
        "maybe",
        [],
    )
    done = mailer(
        "inbound",
        "resolve",
        str(review.id),
        "--attending",
        "Anna de Vries <anna@buurtbus.example>",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["status"], data["attendees"][0]["name"]) == ("attending", "Anna de Vries")
    missing = mailer("inbound", "resolve", "99999", "--ignore")
    assert missing.returncode == 1 and "99999" in missing.stderr
