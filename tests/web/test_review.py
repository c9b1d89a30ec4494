# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Te beoordelen through a real server: the list, one reply, each decision in one click."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from mailer.inbound import serial
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, MatchRule
from mailer.inbound.reading import Evidence, Reading
from tests.inbound.apply_support import matched, reply, rsvp_of, run, sent_mail
from tests.inbound.builders import Invited, invited
from tests.web.dashboard_support import post, signed_in, token  # noqa: F401

BODY = (
    "Wij komen met <script>alert('x')</script> Anna de Vries en Jan Bakker.\n"
    "\n"
    "Op 1 juni 2026 schreef Netwerk Vervoer:\n"
    "> Laat vóór 28 mei weten wie er komt, maximaal 2 personen.\n"
)


@pytest.fixture
def net(engine, settings) -> Invited:
    return invited(engine, settings)


@pytest.fixture
def item(engine, settings, net) -> int:
    """A reply read with too little certainty: in the review queue, nothing applied."""
    reading = reply(
        confidence=0.4,
        names=("Anna de Vries", ("Jan Bakker", "jan@buurtbus.example")),
        text="Wij komen met <script>alert('x')</script> Anna de Vries en Jan Bakker.",
        evidence=[Evidence("names", "list:en", "Anna de Vries en Jan Bakker")],
    )
    applied = run(engine, settings, reading, matched(net), body=BODY)
    assert applied.outcome.review and rsvp_of(engine, net) is None
    keep_reading(engine, applied.id, reading)
    return applied.id


def keep_reading(engine, inbound_id: int, reading: Reading) -> None:
    """Store the reading on the message, as the pipeline does (``run`` keeps the outcome only)."""
    with Session(engine) as s:
        message = s.get(InboundMessage, inbound_id)
        message.reading = serial.to_json(reading)
        s.add(message)
        s.commit()


def status_of(engine, inbound_id: int) -> str:
    with Session(engine) as s:
        return s.get(InboundMessage, inbound_id).status


def test_the_queue_lists_the_item_and_shows_it_escaped(signed_in, item):
    listing = signed_in.get("/te-beoordelen")
    assert listing.status_code == 200
    assert f'href="/te-beoordelen/{item}"' in listing.text
    assert "not read with enough certainty" in listing.text
    assert 'aria-current="page">To review' in listing.text
    page = signed_in.get(f"/te-beoordelen/{item}").text
    body = page.split("</head>")[1]
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in body
    own, folded = body.split('<details class="quoted">')
    assert "Anna de Vries en Jan Bakker" in own
    assert "maximaal 2 personen" not in own  # the quoted invitation is folded away
    assert "maximaal 2 personen" in folded.split("</details>")[0]
    assert "Jan Bakker &lt;jan@buurtbus.example&gt;" in page  # the proposed names
    assert "list:en" in page  # with their evidence


def test_accept_applies_the_proposal_and_answers_the_sender(
    signed_in, token, engine, settings, net, item
):
    done = post(signed_in, f"/te-beoordelen/{item}", token, action="accept")
    assert done.status_code == 303
    assert done.headers["location"] == f"/te-beoordelen/{item}?gedaan=rsvp"
    assert "Applied" in signed_in.get(done.headers["location"]).text
    rsvp = rsvp_of(engine, net)
    assert (rsvp.status, rsvp.source) == ("attending", "manual")
    assert [a["name"] for a in rsvp.attendees] == ["Anna de Vries", "Jan Bakker"]
    assert status_of(engine, item) == "processed"
    [mail] = sent_mail(settings)
    assert "Aanmelding ontvangen" in str(mail["Subject"])
    assert f'href="/te-beoordelen/{item}"' not in signed_in.get("/te-beoordelen").text


def test_correct_the_names(signed_in, token, engine, settings, net, item):
    names = "Els de Boer <els@buurtbus.example>\nPiet"
    done = post(signed_in, f"/te-beoordelen/{item}", token, action="correct", attendees=names)
    assert done.status_code == 303
    rsvp = rsvp_of(engine, net)
    assert rsvp.attendees == [
        {"name": "Els de Boer", "email": "els@buurtbus.example"},
        {"name": "Piet", "email": None},
    ]


def test_decline_and_ignore(signed_in, token, engine, net, item):
    post(signed_in, f"/te-beoordelen/{item}", token, action="declined")
    assert rsvp_of(engine, net).status == "declined"
    done = post(signed_in, f"/te-beoordelen/{item}", token, action="ignore")
    assert done.headers["location"].endswith("gedaan=ignored")
    assert rsvp_of(engine, net).status == "declined"  # ignoring changes no answer
    assert status_of(engine, item) == "processed"


def test_refusals_are_shown_on_the_page(signed_in, token, engine, settings, net):
    unmatched = run(
        engine,
        settings,
        reply(names=("Anna",)),
        Match(MatchRule.NONE, reason="no_rule"),
        sender="x@gmail.com",
    )
    keep_reading(engine, unmatched.id, reply(names=("Anna",)))
    page = signed_in.get(f"/te-beoordelen/{unmatched.id}").text
    assert 'id="organisation"' in page  # an unmatched message asks whose it is
    refused = post(signed_in, f"/te-beoordelen/{unmatched.id}", token, action="declined")
    assert refused.status_code == 400 and "organisation" in refused.text
    handed = post(
        signed_in,
        f"/te-beoordelen/{unmatched.id}",
        token,
        action="declined",
        organisation="Buurtbus Testdorp",
    )
    assert handed.status_code == 303 and rsvp_of(engine, net).status == "declined"
    empty = post(signed_in, f"/te-beoordelen/{unmatched.id}", token, action="correct")
    assert empty.status_code == 400


def test_csrf_and_log_in_are_required(client, signed_in, engine, net, item):
    assert signed_in.post(f"/te-beoordelen/{item}", data={"action": "ignore"}).status_code == 403
    assert status_of(engine, item) == "review"
    signed_in.cookies.clear()
    for path in ("/te-beoordelen", f"/te-beoordelen/{item}"):
        assert signed_in.get(path).status_code == 303


def test_a_missing_item_is_a_404_page(signed_in):
    assert signed_in.get("/te-beoordelen/999").status_code == 404
