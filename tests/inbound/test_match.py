"""Matching follows the issue's order and records the rule; forged or dead references stop it."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from mailer.campaigns import Campaign
from mailer.inbound.match import Envelope, Match, Matcher, Reason, envelope_of
from mailer.inbound.models import MatchRule
from mailer.inbound.parse import parse
from mailer.inbound.reading import (
    Bounce,
    BounceKind,
    CalendarAnswer,
    Decision,
    Kind,
    Reading,
)
from mailer.outbox import Delivery
from mailer.tokens import message_id, reply_address
from subscribers.models import Contact
from tests.inbound.builders import invited, mail


@pytest.fixture
def net(engine, settings):
    return invited(engine, settings)


def _match(engine, settings, raw: bytes, reading: Reading | None = None, envelope_to=()) -> Match:
    with Session(engine) as s:
        return Matcher(settings).match(s, envelope_of(parse(raw), envelope_to), reading)


def _expect_delivery(found: Match, net, rule: MatchRule) -> None:
    assert found.rule == rule
    assert (found.delivery_id, found.campaign_id, found.event_id) == (
        net.delivery,
        net.campaign,
        net.event,
    )
    assert (found.organisation_id, found.contact_id) == (net.organisation, net.contact)


def test_the_reply_address_in_to(engine, settings, net):
    raw = mail(to=reply_address(settings, net.delivery), sender="Iemand <x@gmail.com>")
    _expect_delivery(_match(engine, settings, raw), net, MatchRule.REPLY_ADDRESS)


@pytest.mark.parametrize("header", ["Cc", "Delivered-To", "X-Original-To"])
def test_the_reply_address_in_any_recipient_header(engine, settings, net, header):
    raw = mail(to="someone@else.example", headers={header: reply_address(settings, net.delivery)})
    _expect_delivery(_match(engine, settings, raw), net, MatchRule.REPLY_ADDRESS)


def test_the_reply_address_in_the_envelope_only(engine, settings, net):
    raw = mail(to="undisclosed-recipients:;")
    found = _match(engine, settings, raw, envelope_to=[reply_address(settings, net.delivery)])
    _expect_delivery(found, net, MatchRule.REPLY_ADDRESS)


def test_the_reply_address_after_500_recipients(engine, settings, net):
    many = ", ".join(f"p{n}@lijst.example" for n in range(500))
    raw = mail(to=many, headers={"Cc": reply_address(settings, net.delivery)})
    _expect_delivery(_match(engine, settings, raw), net, MatchRule.REPLY_ADDRESS)


def test_in_reply_to_names_the_delivery(engine, settings, net):
    """A newsletter reply goes to the shared address: the Message-ID is the way home."""
    raw = mail(sender="x@gmail.com", headers={"In-Reply-To": message_id(settings, net.delivery)})
    _expect_delivery(_match(engine, settings, raw), net, MatchRule.MESSAGE_ID)


def test_references_are_read_when_in_reply_to_is_someone_elses(engine, settings, net):
    refs = f"<a@elders.example> {message_id(settings, net.delivery)} <b@elders.example>"
    raw = mail(headers={"In-Reply-To": "<b@elders.example>", "References": refs})
    _expect_delivery(_match(engine, settings, raw), net, MatchRule.MESSAGE_ID)


def test_a_forged_token_is_unmatched_even_from_a_known_contact(engine, settings, net):
    real = reply_address(settings, net.delivery)
    local, domain = real.split("@")
    forged = local[:-3] + ("aaa" if not local.endswith("aaa") else "bbb") + "@" + domain
    found = _match(engine, settings, mail(to=forged))
    assert found == Match(MatchRule.NONE, reason=Reason.FORGED, detail=forged)


def test_a_forged_message_id_is_unmatched(engine, settings, net):
    real = message_id(settings, net.delivery)
    forged = real.replace(real[-25:-20], "aaaaa" if "aaaaa" not in real else "bbbbb")
    found = _match(engine, settings, mail(sender="x@gmail.com", headers={"In-Reply-To": forged}))
    assert (found.rule, found.reason) == (MatchRule.NONE, Reason.FORGED)


def test_a_reply_to_a_deleted_campaign_is_unmatched_with_that_reason(engine, settings, net):
    """Campaigns are never deleted by the product, and the outbox has no foreign key
    to them (migration 0009): a campaign removed by hand leaves orphan deliveries."""
    with Session(engine) as s:
        s.delete(s.get(Campaign, net.campaign))
        s.commit()
    found = _match(engine, settings, mail(to=reply_address(settings, net.delivery)))
    assert (found.rule, found.reason) == (MatchRule.NONE, Reason.UNKNOWN_DELIVERY)


def test_a_reply_to_a_delivery_that_is_gone_is_unmatched_with_that_reason(engine, settings, net):
    """A valid reference whose delivery row is no longer there (a test copy's delivery 0,
    or a row removed by hand: campaigns are never deleted, migration 0009)."""
    with Session(engine) as s:
        s.delete(s.get(Delivery, net.delivery))
        s.commit()
    found = _match(engine, settings, mail(to=reply_address(settings, net.delivery)))
    assert (found.rule, found.reason) == (MatchRule.NONE, Reason.UNKNOWN_DELIVERY)


def test_a_test_copy_names_delivery_zero_which_never_exists(engine, settings, net):
    found = _match(engine, settings, mail(to=reply_address(settings, 0)))
    assert (found.rule, found.reason) == (MatchRule.NONE, Reason.UNKNOWN_DELIVERY)


def _calendar(**kw) -> Reading:
    answer = CalendarAnswer(decision=Decision.ATTENDING, attendee=None, **kw)
    return Reading(kind=Kind.CALENDAR_REPLY, decision=Decision.ATTENDING, calendar=answer)


def test_a_calendar_reply_by_its_organizer(engine, settings, net):
    organizer = "mailto:" + reply_address(settings, net.delivery).upper()
    raw = mail(sender="x@gmail.com", to="y@elders.example")
    found = _match(engine, settings, raw, _calendar(organizer=organizer))
    _expect_delivery(found, net, MatchRule.CALENDAR)


def test_a_calendar_reply_by_its_uid_and_the_sender(engine, settings, net):
    raw = mail(to="y@elders.example")
    found = _match(engine, settings, raw, _calendar(uid=net.event_uid))
    _expect_delivery(found, net, MatchRule.CALENDAR)


def test_the_sender_as_a_known_contact_gets_the_latest_invitation(engine, settings, net):
    raw = mail(sender="ANNA@buurtbus.example", to="antwoord@antwoord.pleinpost.example")
    _expect_delivery(_match(engine, settings, raw), net, MatchRule.CONTACT)


def test_a_colleague_at_the_same_domain(engine, settings, net):
    found = _match(engine, settings, mail(sender="Els <els@buurtbus.example>"))
    assert found.rule == MatchRule.DOMAIN
    assert (found.organisation_id, found.delivery_id, found.contact_id) == (
        net.organisation,
        net.delivery,
        None,
    )


def test_a_free_mail_sender_is_unmatched(engine, settings, net):
    with Session(engine) as s:  # a contact with a gmail address makes gmail nobody's domain
        s.add(Contact(email="kees@gmail.com", organisation_id=net.organisation))
        s.commit()
    found = _match(engine, settings, mail(sender="onbekend@gmail.com"))
    assert (found.rule, found.reason) == (MatchRule.NONE, Reason.NO_RULE)


def test_a_domain_of_two_organisations_is_ambiguous(engine, settings, net):
    with Session(engine) as s:
        s.add(Contact(email="k@zuid.example", organisation_id=net.organisation))
        s.commit()
    found = _match(engine, settings, mail(sender="nieuw@zuid.example"))
    assert (found.rule, found.reason) == (MatchRule.NONE, Reason.AMBIGUOUS_DOMAIN)


def test_a_bounce_by_the_original_it_carries(engine, settings, net):
    original = mail(
        sender="Netwerk <nieuws@pleinpost.example>",
        to=net.contact_email,
        headers={
            "Message-ID": message_id(settings, net.delivery),
            "Reply-To": reply_address(settings, net.delivery),
        },
    ).decode()
    dsn = (
        "From: MAILER-DAEMON@mx.example\r\nTo: nieuws@pleinpost.example\r\n"
        "Subject: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nGone.\r\n"
        "--b\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--b--\r\n"
    ).encode()
    reading = Reading(kind=Kind.BOUNCE, bounce=Bounce(BounceKind.HARD, ("nobody@x.example",)))
    _expect_delivery(_match(engine, settings, dsn, reading), net, MatchRule.RETURNED)
    # without the reading it is not read as ours: a forwarded invitation is no bounce
    assert _match(engine, settings, dsn).rule == MatchRule.NONE


def test_the_envelope_of_a_broken_message_is_what_could_be_read(settings):
    parsed = parse(b"From: <<<broken\r\nTo: ,,,@@@\r\nIn-Reply-To: nonsense\r\n\r\nx")
    assert envelope_of(parsed) == Envelope(sender="", recipients=(), references=(), returned=())
