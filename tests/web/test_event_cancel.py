# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Cancelling an event on the Bijeenkomsten pages: a confirmation step, CSRF, and the
same ``event_edit.cancel_event`` as ``mailer event cancel`` (its reminders stopped, the
cancellation queued for everyone invited, with the coordinator's word of explanation)."""

from __future__ import annotations

from sqlmodel import Session, select

from mailer.campaigns import Campaign, timeline
from mailer.invitations import Event
from subscribers.sqltypes import utcnow
from tests import factories
from tests.inbound.builders import invited
from tests.web.dashboard_support import post, signed_in, token  # noqa: F401


def planned_event(engine, settings) -> int:
    """An event whose invitation went to two organisations, reminders still to come."""
    net = invited(engine, settings)
    with Session(engine) as s:
        timeline.plan_timeline(s, net.event, settings, now=utcnow())
        s.commit()
    return net.event


def campaigns_of(engine, event_id: int) -> dict[str, tuple[str, str]]:
    with Session(engine) as s:
        rows = s.exec(select(Campaign).where(Campaign.event_id == event_id))
        return {c.timeline_step or c.kind: (c.status, c.content) for c in rows}


def test_cancel_asks_first_then_stops_the_reminders_and_queues_the_cancellation(
    signed_in, token, engine, settings
):
    event_id = planned_event(engine, settings)
    page = signed_in.get(f"/bijeenkomsten/{event_id}")
    assert f'href="/bijeenkomsten/{event_id}/annuleren"' in page.text
    ask = signed_in.get(f"/bijeenkomsten/{event_id}/annuleren")
    assert ask.status_code == 200
    assert "send the cancellation to 2 addresses?" in ask.text  # the CLI's question
    assert "This cannot be undone" in ask.text

    # without the confirmation page's answer, or without the CSRF token: nothing happens
    unconfirmed = post(signed_in, f"/bijeenkomsten/{event_id}/annuleren", token, message="x")
    assert unconfirmed.status_code == 200 and "cannot be undone" in unconfirmed.text
    forged = signed_in.post(f"/bijeenkomsten/{event_id}/annuleren", data={"confirm": "yes"})
    assert forged.status_code == 403
    with Session(engine) as s:
        assert not s.get(Event, event_id).cancelled
    assert campaigns_of(engine, event_id)["reminder:3"][0] == "scheduled"

    done = post(
        signed_in,
        f"/bijeenkomsten/{event_id}/annuleren",
        token,
        confirm="yes",
        message="De zaal is **gesloten** <b>wegens</b> storm.\r\n",
    )
    assert done.status_code == 200
    assert f"Event {event_id} cancelled." in done.text
    assert "is queued" in done.text
    with Session(engine) as s:
        event = s.get(Event, event_id)
        assert event.cancelled and event.sequence == 1
    steps = campaigns_of(engine, event_id)
    assert steps["reminder:3"][0] == steps["reminder:1"][0] == "cancelled"
    assert steps["cancellation"] == ("scheduled", "De zaal is **gesloten** <b>wegens</b> storm.")
    assert "stopped: reminder (3 days ahead)" in done.text

    # the page no longer offers it, and a second cancel is refused with the CLI's reason
    again = signed_in.get(f"/bijeenkomsten/{event_id}")
    assert f"/bijeenkomsten/{event_id}/annuleren" not in again.text
    twice = post(signed_in, f"/bijeenkomsten/{event_id}/annuleren", token, confirm="yes")
    assert "was already cancelled on" in twice.text
    assert len([c for c in campaigns_of(engine, event_id) if c == "cancellation"]) == 1


def test_cancelling_an_event_nobody_was_invited_to_sends_nothing(
    signed_in, token, engine, settings
):
    with Session(engine) as s:
        event = factories.event(s, settings)
        s.commit()
        event_id = event.id
    ask = signed_in.get(f"/bijeenkomsten/{event_id}/annuleren").text
    assert "no cancellation mail is needed" in ask and 'name="message"' not in ask
    done = post(signed_in, f"/bijeenkomsten/{event_id}/annuleren", token, confirm="yes")
    assert "Nobody had been invited or registered" in done.text
    assert "cancellation" not in campaigns_of(engine, event_id)
    assert signed_in.get("/bijeenkomsten/999/annuleren").status_code == 404
