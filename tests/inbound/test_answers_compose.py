"""An automatic answer is compiled once per event and language: the organisation, like the
name and the address, is the recipient's hole."""

from __future__ import annotations

from sqlmodel import Session

from mailer.inbound import answers
from mailer.inbound.models import InboundMessage
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
