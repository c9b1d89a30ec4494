# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Bijeenkomsten through a real server: create and edit in local time, timeline, answers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from mailer import invitations
from mailer.campaigns import Campaign
from mailer.invitations import Event, RsvpStatus
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow
from tests import factories
from tests.web.dashboard_support import post, signed_in, small_network, token  # noqa: F401

EVENT = {
    "title": "Netwerkmiddag <vervoer>",
    "starts_at": "2029-06-07T15:00",
    "ends_at": "2029-06-07T17:00",
    "place": "Het Dorpshuis",
    "reply_by": "2029-05-28T00:00",
    "reminder_days": "3,1",
    "programme_at": "2029-06-01T09:00",
}


def test_create_an_event_in_local_time_with_its_timeline(signed_in, token, engine):
    answer = post(signed_in, "/bijeenkomsten/nieuw", token, **EVENT)
    assert answer.status_code == 303
    with Session(engine) as s:
        event = s.exec(select(Event)).one()
        assert event.starts_at == datetime(2029, 6, 7, 13, 0, tzinfo=UTC)  # 15:00 CEST
        steps = sorted(c.timeline_step for c in s.exec(select(Campaign)))
    assert steps == ["programme", "reminder:1", "reminder:3"]
    page = signed_in.get(answer.headers["location"]).text
    assert "Netwerkmiddag &lt;vervoer&gt;" in page and "<vervoer>" not in page
    assert "2029-06-07 15:00 CEST" in page
    assert "reminder (3 days ahead)" in page and "reply-by date" in page


def test_an_impossible_event_is_refused_with_the_reason(signed_in, token, engine, english):
    answer = post(
        signed_in, "/bijeenkomsten/nieuw", token, **{**EVENT, "ends_at": "2029-06-07T14:00"}
    )
    assert answer.status_code == 400 and "The end is before the start" in answer.text
    assert 'value="Netwerkmiddag &lt;vervoer&gt;"' in answer.text  # what was typed stays
    skipped = post(
        signed_in, "/bijeenkomsten/nieuw", token, **{**EVENT, "starts_at": "2029-03-25T02:30"}
    )
    assert skipped.status_code == 400 and "does not exist" in skipped.text
    with Session(engine) as s:
        assert s.exec(select(Event)).first() is None


def test_moving_the_start_takes_the_deadline_along(signed_in, token, engine, settings):
    with Session(engine) as s:
        event = factories.event(s, settings)
        s.commit()
        event_id = event.id
    form = signed_in.get(f"/bijeenkomsten/{event_id}/bewerken").text
    assert 'value="2029-06-07T15:00"' in form
    answer = post(
        signed_in,
        f"/bijeenkomsten/{event_id}/bewerken",
        token,
        title="Netwerkmiddag vervoer",
        starts_at="2029-06-14T15:00",
        ends_at="2029-06-07T17:00",  # unchanged field: moves along with the start
        place="Het Dorpshuis",
        reply_by="2029-05-28T00:00",
        reminder_days="3,1",
    )
    assert answer.status_code == 200  # field names as people read them, not "starts_at":
    assert "Changed: start, end, reply-by deadline." in answer.text
    assert "Moved along with the event: reply-by deadline." in answer.text
    with Session(engine) as s:
        event = s.get(Event, event_id)
        assert event.starts_at == factories.local(settings, "2029-06-14 15:00")
        assert event.ends_at == factories.local(settings, "2029-06-14 17:00")
        assert event.reply_by == factories.local(settings, "2029-06-04")


def test_the_answers_so_far_are_shown_read_only_and_escaped(
    signed_in, engine, settings, small_network
):
    with Session(engine) as s:
        event = factories.event(s, settings)
        org = s.get(Organisation, small_network["orgs"][1])
        org.name = "Stichting <b>Vet</b>"
        s.add(org)
        invitations.set_rsvp(
            s,
            event.id,
            org.id,
            status=RsvpStatus.ATTENDING,
            attendees=[{"name": "Jan <script>", "email": "jan@org.example"}],
            now=utcnow(),
        )
        s.commit()
        event_id = event.id
    page = signed_in.get(f"/bijeenkomsten/{event_id}").text
    assert "Stichting &lt;b&gt;Vet&lt;/b&gt;" in page and "Jan &lt;script&gt;" in page
    assert "people attending: 1" in page
    assert "<script>" not in page.split("</head>")[1]


def test_an_event_that_is_not_there_is_a_404_page(signed_in):
    assert signed_in.get("/bijeenkomsten/42").status_code == 404
