"""The real applier is the pipeline's default, and every pass ends by sending the answers
it recorded, through the entry point's transport, at most once."""

from __future__ import annotations

from sqlmodel import Session, select

from mailer.inbound import runs
from mailer.inbound.models import InboundMessage
from mailer.tokens import reply_address
from mailer.transports.maildir import MaildirTransport
from tests.inbound.apply_support import rsvp_of, sent_mail
from tests.inbound.builders import invited, mail


def _reply(settings, net, number: int, body: str) -> bytes:
    return mail(to=reply_address(settings, net.delivery), body=body, number=number)


def test_an_import_applies_the_answer_and_sends_the_confirmation_once(engine, settings, tmp_path):
    net = invited(engine, settings)
    box = tmp_path / "antwoord.eml"
    box.write_bytes(_reply(settings, net, 1, "Wij komen graag met Anna de Vries en Jan Bakker.\n"))
    report = runs.import_paths(engine, settings, [box])  # transport built from the settings
    assert (report.applied, report.review, report.errors) == (1, 0, 0), report.as_dict()
    assert report.as_dict()["answers"] == {"sent": 1, "failed": 0, "waiting": 0}
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.status == "attending"
    assert sorted(a["name"] for a in rsvp.attendees) == ["Anna de Vries", "Jan Bakker"]
    [confirmation] = sent_mail(settings)
    assert confirmation["To"].addresses[0].addr_spec == net.contact_email

    again = runs.import_paths(engine, settings, [box])
    assert (again.duplicates, again.processed, again.answers.sent) == (1, 0, 0)
    assert len(sent_mail(settings)) == 1


def test_the_answers_go_through_the_transport_given(engine, settings, tmp_path):
    net = invited(engine, settings)
    box = tmp_path / "antwoord.eml"
    box.write_bytes(_reply(settings, net, 2, "Helaas kunnen wij niet komen.\n"))
    elsewhere = MaildirTransport(tmp_path / "elders")
    try:
        report = runs.import_paths(engine, settings, [box], transport=elsewhere)
    finally:
        elsewhere.close()
    assert report.answers.sent == 1 and sent_mail(settings) == []
    assert len(list((tmp_path / "elders" / "new").iterdir())) == 1
    with Session(engine) as s:
        [row] = s.exec(select(InboundMessage)).all()
    assert row.outcome["answers"][0]["state"] == "sent"
