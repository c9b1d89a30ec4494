"""An automatic answer is compiled once per event and language: the organisation, like the
name and the address, is the recipient's hole."""

from __future__ import annotations

import html
import re

from sqlmodel import Session

from mailer.inbound import answers
from mailer.inbound.models import InboundMessage
from mailer.invitations import Event
from mailer.message import HTML, hole
from mailer.render import ORGANISATION, namelist, prepare
from subscribers.sqltypes import utcnow
from tests.inbound.builders import invited


def _decline(net, organisation: str, to: str) -> dict:
    return answers.new_answer(
        "decline_ack", to, utcnow(), name="", event_id=net.event, organisation=organisation,
        delivery_id=net.delivery,
    )  # fmt: skip


def test_declines_of_two_organisations_share_one_compile(engine, settings):
    net = invited(engine, settings)
    prepared = answers.Prepared()
    message = InboundMessage(id=1, message_id="<m1@client.example>")
    one = _decline(net, "Zorg & Welzijn Testdorp", "a@zorg.example")
    two = _decline(net, "Buurtbus Testdorp", "b@buurtbus.example")
    with Session(engine) as session:
        first = answers.compose(session, settings, message, one, "r1", prepared)
        second = answers.compose(session, settings, message, two, "r2", prepared)
    assert first.message is second.message  # compiled once
    mails = [b.message.personalize(b.recipients[0]) for b in (first, second)]
    assert "Zorg & Welzijn Testdorp" in mails[0].text
    assert "Zorg &amp; Welzijn Testdorp" in mails[0].html  # escaped as Jinja would
    assert "Buurtbus Testdorp" in mails[1].text and "Zorg" not in mails[1].text
    assert "%%" not in mails[0].text + mails[0].html + mails[1].html


def _confirmation(net, organisation: str, to: str, attendees: list[dict]) -> dict:
    return answers.new_answer(
        "confirmation", to, utcnow(), name="", event_id=net.event, organisation=organisation,
        delivery_id=net.delivery, attendees=attendees,
    )  # fmt: skip


def _calendar(mail) -> bytes:
    [part] = [a for a in mail.attachments if a.content_type == "text/calendar"]
    unfolded = part.data.replace(b"\r\n ", b"")
    return re.sub(rb"DTSTAMP:[0-9TZ]+", b"DTSTAMP:-", unfolded)


def test_confirmations_of_one_shape_share_a_compile_and_name_their_own_people(engine, settings):
    """The names are holes: one compile for every list of two names (the first with an
    address), each mail with its own names, escaped in HTML, and its own calendar."""
    net = invited(engine, settings)
    prepared = answers.Prepared()
    message = InboundMessage(id=1, message_id="<m1@client.example>")
    one = _confirmation(net, "Zorg & Welzijn", "a@zorg.example", [
        {"name": "Anna 't Hart & Co", "email": "anna@zorg.example"},
        {"name": "Jan <Bakker>", "email": None},
    ])  # fmt: skip
    two = _confirmation(net, "Buurtbus", "b@buurtbus.example", [
        {"name": "Piet Jansen", "email": "piet@buurtbus.example"},
        {"name": "Els de Boer", "email": None},
    ])  # fmt: skip
    with Session(engine) as session:
        first = answers.compose(session, settings, message, one, "r1", prepared)
        second = answers.compose(session, settings, message, two, "r2", prepared)
        data = {"event": session.get(Event, net.event), "attendees": one["attendees"]}
        whole = prepare(
            "confirmation", "nl", {**data, "organisation": hole(ORGANISATION, HTML)}, settings
        )
    assert first.message is second.message and isinstance(first.message, namelist.NamedList)
    mails = [b.message.personalize(b.recipients[0]) for b in (first, second)]
    assert "- Anna 't Hart & Co (anna@zorg.example)\n- Jan <Bakker>\n" in mails[0].text
    assert "Jan &lt;Bakker&gt;" in mails[0].html and "Piet" not in mails[0].text
    assert "- Piet Jansen (piet@buurtbus.example)\n- Els de Boer\n" in mails[1].text
    assert b"mailto:piet@buurtbus.example" in _calendar(mails[1])
    assert b"Anna" not in _calendar(mails[1]) and b"Els" not in _calendar(mails[1])
    for mail in mails:
        raw = mail.as_bytes()
        assert b"%%" not in raw and b"StandIn" not in raw
    # the same mail as a compile of this very list (HTML alike once entities are read)
    whole_mail = whole.personalize(first.recipients[0])
    assert mails[0].text == whole_mail.text
    assert html.unescape(mails[0].html) == html.unescape(whole_mail.html)
    assert _calendar(mails[0]) == _calendar(whole_mail)


def test_a_list_the_template_would_change_is_compiled_whole(engine, settings):
    net = invited(engine, settings)
    message = InboundMessage(id=1, message_id="<m1@client.example>")
    odd = _confirmation(net, "Buurtbus", "b@buurtbus.example", [{"name": "Piet  Jansen"}])
    with Session(engine) as session:
        batch = answers.compose(session, settings, message, odd, "r1", answers.Prepared())
    assert not isinstance(batch.message, namelist.NamedList)
    assert "- Piet Jansen\n" in batch.message.personalize(batch.recipients[0]).text
