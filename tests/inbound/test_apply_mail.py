"""Applying what is not an RSVP (bounces, complaints, unsubscribes, auto-replies, the rest),
and when Pleinpost never answers: machines, lists, loops, and after a crash."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mailer.inbound import answers
from mailer.inbound.answers import State, send_pending
from mailer.inbound.apply import Action, Note
from mailer.inbound.match import Match
from mailer.inbound.models import MatchRule
from mailer.inbound.reading import Bounce, BounceKind, Decision, Kind, Reading
from mailer.outbox import Delivery
from mailer.transports.base import Outcome, Result
from subscribers.models import Contact
from subscribers.privacy import is_suppressed
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


def _contact_status(engine, email):
    with Session(engine) as s:
        return s.exec(select(Contact.status).where(Contact.email == email)).first()


def _bounce(kind, addresses=("anna@buurtbus.example",)):
    return Reading(
        kind=Kind.BOUNCE,
        confidence=1.0,
        bounce=Bounce(kind, tuple(addresses), "5.1.1", "550 5.1.1 User unknown"),
    )


def test_a_permanent_bounce_marks_the_contact_and_fails_the_delivery(engine, settings, net):
    done = run(
        engine, settings, _bounce(BounceKind.HARD), matched(net), sender="MAILER-DAEMON@mx.example"
    )
    assert (done.outcome.action, done.outcome.applied, done.outcome.answers) == ("bounce", True, [])
    assert _contact_status(engine, "anna@buurtbus.example") == "bounced"
    with Session(engine) as s:
        delivery = s.get(Delivery, net.delivery)
        assert delivery is not None and delivery.status == "failed"
        assert delivery.reason == "5.1.1 550 5.1.1 User unknown"
        assert is_suppressed(s, "anna@buurtbus.example", settings.secret())


def test_a_delay_is_only_noted(engine, settings, net):
    done = run(
        engine, settings, _bounce(BounceKind.SOFT), matched(net), sender="postmaster@mx.example"
    )
    assert (done.outcome.action, done.outcome.applied, done.outcome.review) == (
        "delay",
        False,
        False,
    )
    assert _contact_status(engine, "anna@buurtbus.example") == "active"
    with Session(engine) as s:
        assert s.get(Delivery, net.delivery).status == "sent"


def test_a_complaint_marks_the_contact_complained(engine, settings, net):
    done = run(
        engine, settings, _bounce(BounceKind.COMPLAINT), matched(net), sender="fbl@isp.example"
    )
    assert done.outcome.action == "complaint"
    assert _contact_status(engine, "anna@buurtbus.example") == "complained"


def test_an_unsubscribe_request_unsubscribes_and_is_confirmed_once(engine, settings, net):
    request = Reading(kind=Kind.UNSUBSCRIBE, confidence=0.95)
    done = run(engine, settings, request, matched(net))
    assert (done.outcome.action, done.outcome.applied) == ("unsubscribed", True)
    assert _contact_status(engine, "anna@buurtbus.example") == "unsubscribed"
    assert [a["template"] for a in done.outcome.answers] == ["unsubscribe_confirmed"]
    deliver(engine, settings)
    [confirmation] = sent_mail(settings)
    assert "afgemeld" in str(confirmation["Subject"])
    again = run(engine, settings, request, matched(net), now=utcnow() + timedelta(hours=3))
    assert (again.outcome.applied, again.outcome.answers) == (False, [])


def test_a_colleague_cannot_unsubscribe_the_invited_contact(engine, settings, net):
    done = run(
        engine,
        settings,
        Reading(kind=Kind.UNSUBSCRIBE),
        matched(net),
        sender="els@buurtbus.example",
    )
    assert (done.outcome.review, done.outcome.note) == (True, Note.UNKNOWN_SENDER)
    assert _contact_status(engine, "anna@buurtbus.example") == "active"


def test_auto_replies_are_counted_and_never_answered(engine, settings, net):
    done = run(engine, settings, Reading(kind=Kind.AUTO_REPLY, confidence=1.0), matched(net))
    assert (done.outcome.action, done.outcome.review, done.outcome.answers) == (
        "counted",
        False,
        [],
    )
    assert rsvp_of(engine, net) is None


def test_everything_else_is_forwarded_to_the_coordinator_with_the_original(engine, settings, net):
    coordinator = with_settings(settings, coordinator_email="coordinator@netwerk.example")
    newsletter = Match(MatchRule.MESSAGE_ID, organisation_id=net.organisation)
    raw = mail(body="Waar kan ik parkeren?\n", subject="Re: Nieuwsbrief", number=991)
    inbound_id = store(engine, raw)
    done = run(engine, coordinator, Reading(kind=Kind.OTHER), newsletter, inbound_id=inbound_id)
    assert done.outcome.action == Action.FORWARDED and not done.outcome.review
    deliver(engine, coordinator)
    [forward] = sent_mail(coordinator)
    assert forward["To"].addresses[0].addr_spec == "coordinator@netwerk.example"
    assert forward["Reply-To"].addresses[0].addr_spec == "anna@buurtbus.example"
    assert f"mailer inbound show {inbound_id}" in text_of(forward)
    [attached] = [p for p in forward.walk() if p.get_content_type() == "message/rfc822"]
    assert attached.get_filename() == "bericht.eml"
    # RFC 2046: a forwarded message goes as it is (7bit), which mail clients open as a mail
    assert attached["Content-Transfer-Encoding"] == "7bit"
    [original] = attached.get_payload()
    assert original["Subject"] == "Re: Nieuwsbrief" and original["Message-ID"]
    assert "Waar kan ik parkeren?" in original.get_payload(decode=True).decode()


def test_a_newsletter_reply_without_an_answer_is_forwarded(engine, settings, net):
    coordinator = with_settings(settings, coordinator_email="coordinator@netwerk.example")
    newsletter = Match(MatchRule.MESSAGE_ID, organisation_id=net.organisation)
    done = run(engine, coordinator, reply(Decision.UNCLEAR, names=()), newsletter)
    assert done.outcome.action == Action.FORWARDED


def test_mail_from_the_coordinator_or_ourselves_is_never_forwarded(engine, settings, net):
    coordinator = with_settings(settings, coordinator_email="coordinator@netwerk.example")
    for sender in ("coordinator@netwerk.example", coordinator.sender):
        done = run(engine, coordinator, Reading(kind=Kind.OTHER), matched(net), sender=sender)
        assert (done.outcome.review, done.outcome.note, done.outcome.answers) == (
            True,
            Note.OWN_ADDRESS,
            [],
        )


def test_without_a_coordinator_the_rest_goes_to_review(engine, settings, net):
    done = run(engine, settings, Reading(kind=Kind.OTHER), matched(net))
    assert (done.outcome.review, done.outcome.note) == (True, Note.NO_COORDINATOR)


@pytest.mark.parametrize(
    "sender, headers",
    [
        ("noreply@buurtbus.example", {}),
        ("no-reply@buurtbus.example", {}),
        ("lijst-request@buurtbus.example", {}),
        ("anna@buurtbus.example", {"Auto-Submitted": "auto-replied"}),
        ("anna@buurtbus.example", {"Precedence": "bulk"}),
        ("anna@buurtbus.example", {"List-Id": "<leden.buurtbus.example>"}),
    ],
)
def test_machines_and_lists_are_never_answered(engine, settings, net, sender, headers):
    done = run(engine, settings, reply(), matched(net), sender=sender, headers=headers)
    assert done.outcome.applied  # the answer still counts
    [answer] = done.outcome.answers
    assert answer["state"] == State.HELD and answer["reason"]
    assert deliver(engine, settings).sent == 0 and sent_mail(settings) == []


def test_at_most_one_answer_per_sender_per_event_per_hour(engine, settings, net):
    now = utcnow()
    first = run(engine, settings, reply(names=["A"]), matched(net), now=now)
    second = run(engine, settings, reply(names=["B"]), matched(net), now=now + timedelta(minutes=5))
    assert first.outcome.answers[0]["state"] == "pending"
    assert (second.outcome.answers[0]["state"], second.outcome.answers[0]["reason"]) == (
        "held",
        "rate:one-per-hour",
    )
    later = run(engine, settings, reply(names=["C"]), matched(net), now=now + timedelta(minutes=70))
    assert later.outcome.answers[0]["state"] == "pending"
    assert deliver(engine, settings).sent == 2


class _Crashing:
    """Hands the mail over and then loses the connection: it may have arrived."""

    name = "crashing"

    def __init__(self) -> None:
        self.handed = 0

    def send_batch(self, batch, progress=None):
        self.handed += len(batch.recipients)
        return [Result(r.ref, Outcome.UNKNOWN, "connection lost") for r in batch.recipients]

    def close(self) -> None:
        pass


class _Refusing:
    name = "refusing"

    def send_batch(self, batch, progress=None):
        return [Result(r.ref, Outcome.TRANSIENT, "421 try later") for r in batch.recipients]

    def close(self) -> None:
        pass


def test_an_answer_that_may_have_gone_is_never_sent_again(engine, settings, net):
    done = run(engine, settings, reply(), matched(net))
    crashing = _Crashing()
    report = send_pending(engine, settings, crashing)
    assert (crashing.handed, report.failed) == (1, 1)
    assert outcome_of(engine, done.id)["answers"][0]["state"] == "sending"
    assert deliver(engine, settings).sent == 0 and sent_mail(settings) == []


def test_an_answer_the_transport_did_not_take_is_tried_again(engine, settings, net):
    done = run(engine, settings, reply(), matched(net))
    assert send_pending(engine, settings, _Refusing()).waiting == 1
    assert outcome_of(engine, done.id)["answers"][0]["state"] == "pending"
    assert deliver(engine, settings).sent == 1


def test_answers_compiled_alike_still_go_to_each_sender_once(engine, settings, net, monkeypatch):
    """Two declines of one organisation share a compile, and groups of answers are claimed
    and settled together: every sender still gets their own mail, exactly once."""
    monkeypatch.setattr(answers, "GROUP", 2)
    senders = ["Piet Jansen <piet@buurtbus.example>", "Els de Boer <els@buurtbus.example>"]
    first = run(
        engine, settings, reply(Decision.DECLINED, names=[]), matched(net), sender=senders[0]
    )
    run(engine, settings, reply(), matched(net))
    last = run(
        engine, settings, reply(Decision.DECLINED, names=[]), matched(net), sender=senders[1]
    )
    assert deliver(engine, settings).sent == 3
    assert deliver(engine, settings).sent == 0
    mails = sent_mail(settings)
    declines = {str(m["To"]): m for m in mails if "piet@" in str(m["To"]) or "els@" in str(m["To"])}
    assert sorted(declines) == sorted(senders)
    for sender, done in zip(senders, (first, last), strict=True):
        mail_to = declines[sender]
        assert mail_to["In-Reply-To"] == f"<m{done.id}@client.example>"
        assert sender.split()[0] in text_of(mail_to)
        assert outcome_of(engine, done.id)["answers"][0]["state"] == State.SENT.value
