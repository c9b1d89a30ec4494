"""The public RSVP page through a real uvicorn: applied as an emailed reply, bound to its link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlmodel import Session, col, select

from mailer import tokens
from mailer.inbound.models import InboundMessage
from mailer.invitations import Event, set_rsvp
from mailer.invitations.rsvp import RsvpStatus, rsvp_history
from mailer.outbox import Delivery
from mailer.render.dates import long_date
from mailer.tokens import Purpose
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow
from tests import factories
from tests.inbound.apply_support import rsvp_of, sent_mail
from tests.inbound.builders import Invited, invited
from tests.web.server import LiveServer, serve


@pytest.fixture
def net(engine, settings) -> Invited:
    return invited(engine, settings)


def url(settings, net: Invited, purpose: Purpose = Purpose.RSVP) -> str:
    return "/r/" + tokens.ref(settings, purpose, net.delivery)


def form_token(html: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "no form token on the page"
    return match.group(1)


def answer(
    client: httpx.Client, path: str, choice: str, people: list[tuple[str, str]]
) -> httpx.Response:
    token = form_token(client.get(path).text)
    data: dict[str, object] = {
        "form_token": token,
        "answer": choice,
        "name": [p[0] for p in people],
        "email": [p[1] for p in people],
    }
    return client.post(path, data=data)


def messages(engine) -> list[InboundMessage]:
    with Session(engine) as s:
        return list(s.exec(select(InboundMessage).order_by(col(InboundMessage.id))))


def test_the_page_shows_the_event_in_local_time_and_a_row_per_place(client, settings, net, engine):
    page = client.get(url(settings, net))
    assert page.status_code == 200
    with Session(engine) as s:
        event = s.get(Event, net.event)
        day = long_date(event.starts_at, "nl", settings.zone)
        local_start = event.starts_at.astimezone(settings.zone).strftime("%-H.%M")
    assert "Netwerkmiddag vervoer" in page.text and "Het Dorpshuis" in page.text
    assert day in page.text and local_start in page.text  # Europe/Amsterdam, Dutch style
    assert "Buurtbus Testdorp" in page.text
    assert "U heeft nog niet geantwoord" in page.text
    assert page.text.count('name="name"') == 2  # the cap per organisation
    assert page.headers["referrer-policy"] == "no-referrer"


def test_within_the_cap_registered_confirmed_and_shown_again(client, settings, net, engine):
    path = url(settings, net)
    done = answer(
        client, path, "yes", [("Anna de Vries", "anna@buurtbus.example"), ("Jan Bakker", "")]
    )
    assert done.status_code == 200
    assert "U bent aangemeld" in done.text and "Jan Bakker" in done.text
    assert "bevestiging per e-mail" in done.text
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and (rsvp.status, rsvp.source) == ("attending", "web")
    assert rsvp.attendees == [
        {"name": "Anna de Vries", "email": "anna@buurtbus.example"},
        {"name": "Jan Bakker", "email": None},
    ]
    [mail] = sent_mail(settings)
    assert "Aanmelding ontvangen" in str(mail["Subject"])
    assert mail["To"].addresses[0].addr_spec == "anna@buurtbus.example"
    [stored] = messages(engine)
    assert (stored.source, stored.status, stored.kind) == ("web", "processed", "reply")
    assert stored.outcome["answers"][0]["state"] == "sent"
    again = client.get(path).text  # a second visit shows the answer, ready to edit
    assert "Uw antwoord nu: u komt" in again
    assert 'value="Jan Bakker"' in again and 'value="yes" checked' in again


def test_over_the_cap_the_first_fit_and_the_rest_are_named(client, settings, net, engine):
    people = [("Anna de Vries", ""), ("Jan Bakker", ""), ("Els de Boer", "els@buurtbus.example")]
    done = answer(client, url(settings, net), "yes", people)  # a crafted third row
    assert done.status_code == 200
    assert "Geen plaats meer" in done.text and "Els de Boer" in done.text
    rsvp = rsvp_of(engine, net)
    assert [a["name"] for a in rsvp.attendees] == ["Anna de Vries", "Jan Bakker"]
    [mail] = sent_mail(settings)
    assert "Els de Boer" in mail.get_body(preferencelist=("plain",)).get_content()
    [stored] = messages(engine)
    assert stored.outcome["answers"][0]["template"] == "cap_exceeded"


def test_capacity_full_nobody_registered_and_a_person_looks(client, settings, net, engine):
    with Session(engine) as s:
        event = s.get(Event, net.event)
        event.capacity = 1
        s.add(event)
        s.commit()
    with Session(engine) as s:
        set_rsvp(
            s,
            net.event,
            net.other_organisation,
            status=RsvpStatus.ATTENDING,
            attendees=[{"name": "Piet", "email": None}],
            now=utcnow(),
        )
        s.commit()
    done = answer(client, url(settings, net), "yes", [("Anna de Vries", "")])
    assert "geen plaats meer, niemand is aangemeld" in done.text
    assert rsvp_of(engine, net) is None
    [stored] = messages(engine)
    assert (stored.status, stored.outcome["note"]) == ("review", "event_full")


@pytest.fixture
def strict(settings, engine) -> Iterator[LiveServer]:
    """The app with late answers refused (``MAILER_ACCEPT_LATE_REPLIES=false``)."""
    server = serve(factories.with_settings(settings, accept_late_replies=False), engine)
    yield server
    server.stop()


def test_after_the_deadline_refused_when_the_policy_says_so(strict, settings, net, engine):
    with Session(engine) as s:
        strict.clock.fixed = s.get(Event, net.event).reply_by + timedelta(hours=1)
    with httpx.Client(base_url=strict.url, timeout=30) as client:
        page = client.get(url(settings, net)).text
        assert "aanmeldtermijn is verlopen" in page
        assert 'name="answer"' not in page and "form_token" not in page  # no form at all
        sneaked = client.post(
            url(settings, net),
            data={
                "form_token": _token_from(client, settings, net),
                "answer": "yes",
                "name": "Anna",
            },
        )
    assert "uw antwoord is niet verwerkt" in sneaked.text
    assert rsvp_of(engine, net) is None
    [mail] = sent_mail(settings)
    assert mail["Subject"] and messages(engine)[0].outcome["action"] == "late_refused"


def _token_from(client: httpx.Client, settings, net: Invited) -> str:
    """A valid form token for the reference, as an open page from before the deadline has."""
    signer = URLSafeTimedSerializer(settings.secret(), salt="pleinpost-rsvp-form")
    return signer.dumps(url(settings, net).removeprefix("/r/"))


def test_after_the_deadline_accepted_and_flagged_late(client, live, settings, net, engine):
    with Session(engine) as s:
        live.clock.fixed = s.get(Event, net.event).reply_by + timedelta(hours=1)
    page = client.get(url(settings, net)).text
    assert "U kunt nog antwoorden" in page
    done = answer(client, url(settings, net), "yes", [("Anna de Vries", "")])
    assert "na de aanmeldtermijn" in done.text
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.late and rsvp.source == "web"


def test_twice_the_same_changes_nothing_then_a_change_is_kept_in_history(
    client, settings, net, engine
):
    path = url(settings, net)
    answer(client, path, "yes", [("Anna de Vries", "")])
    same = answer(client, path, "yes", [("Anna de Vries", "")])
    assert "er is niets veranderd" in same.text
    assert len(messages(engine)) == 1 and len(sent_mail(settings)) == 1
    changed = answer(client, path, "no", [])
    assert "niet komt" in changed.text
    rsvp = rsvp_of(engine, net)
    assert rsvp.status == "declined" and rsvp.attendees == []
    with Session(engine) as s:
        assert [c.status for c in rsvp_history(s, rsvp.id)] == ["attending", "declined"]
    # one automatic mail per person per event per hour, whatever the source (loops.py)
    assert len(sent_mail(settings)) == 1
    last = messages(engine)[-1]
    assert last.outcome["answers"][0]["state"] == "held"
    assert "u komt niet" in client.get(path).text


def test_a_forged_altered_or_foreign_reference_gets_the_plain_400(client, settings, net, engine):
    good = url(settings, net)
    altered = good[:-1] + ("a" if good[-1] != "a" else "b")
    for path in (
        "/r/aaaa-aaaaaaaaaaaaaaaa",
        altered,
        url(settings, net, Purpose.UNSUBSCRIBE),  # another purpose, same delivery
        url(settings, net, Purpose.REPLY),
        "/r/" + tokens.ref(settings, Purpose.RSVP, 999_999),  # ours, but no such delivery
    ):
        page = client.get(path)
        assert page.status_code == 400, path
        assert "Deze link is niet geldig" in page.text and "Netwerkmiddag" not in page.text
        assert client.post(path, data={"answer": "yes", "name": "X"}).status_code == 400
    assert rsvp_of(engine, net) is None and messages(engine) == []


def test_a_newsletter_delivery_has_no_rsvp_page(client, settings, sent):
    path = "/r/" + tokens.ref(settings, Purpose.RSVP, sent[0].id)
    assert client.get(path).status_code == 400


def test_a_post_without_the_pages_token_changes_nothing(client, settings, net, engine):
    path = url(settings, net)
    valid = _token_from(client, settings, net)
    # a character inside the signature (the last one may only carry padding bits)
    altered = valid[:-5] + ("A" if valid[-5] != "A" else "B") + valid[-4:]
    for token in ("", "forged", altered):
        page = client.post(path, data={"form_token": token, "answer": "yes", "name": "Anna"})
        assert page.status_code == 400 and "te lang open" in page.text
        assert 'value="Anna"' in page.text  # what was typed is kept
    # a token made for another delivery's page does not work here
    signer_token = _token_from(client, settings, net)
    assert signer_token
    with Session(engine) as s:
        second = s.exec(select(Delivery).where(Delivery.id != net.delivery)).first()
    foreign = "/r/" + tokens.ref(settings, Purpose.RSVP, second.id)
    page = client.post(foreign, data={"form_token": signer_token, "answer": "yes", "name": "X"})
    assert page.status_code == 400
    assert rsvp_of(engine, net) is None and messages(engine) == []


def test_refusals_on_the_page_in_the_readers_words(client, settings, net, engine):
    path = url(settings, net)
    no_name = answer(client, path, "yes", [("", "")])
    assert no_name.status_code == 400 and "ten minste één naam" in no_name.text
    bad = answer(client, path, "yes", [("Anna", "anna@")])
    assert bad.status_code == 400 and "klopt niet: anna@" in bad.text
    nothing = client.post(path, data={"form_token": form_token(client.get(path).text)})
    assert nothing.status_code == 400 and "Kies of u komt" in nothing.text
    assert messages(engine) == []


def test_english_for_an_english_contact_and_outside_text_escaped(client, settings, net, engine):
    with Session(engine) as s:
        delivery = s.get(Delivery, net.delivery)
        delivery.language = "en"
        s.add(delivery)
        org = s.get(Organisation, net.organisation)
        org.name = "Buurtbus <b>Vet</b>"
        s.add(org)
        contact = s.get(Contact, net.contact)
        contact.language = "en"
        s.add(contact)
        s.commit()
    page = client.get(url(settings, net))
    assert '<html lang="en">' in page.text and "Are you coming?" in page.text
    assert "Buurtbus &lt;b&gt;Vet&lt;/b&gt;" in page.text
    done = answer(client, url(settings, net), "yes", [("<script>x</script>", "")])
    assert "&lt;script&gt;x&lt;/script&gt;" in done.text and "<script>x" not in done.text
    assert "You are registered" in done.text


def test_cancelled_event_takes_no_answer(client, settings, net, engine):
    with Session(engine) as s:
        event = s.get(Event, net.event)
        event.cancelled = True
        s.add(event)
        s.commit()
    page = client.get(url(settings, net)).text
    assert "gaat niet door" in page and 'name="answer"' not in page
    sneaked = client.post(
        url(settings, net),
        data={"form_token": _token_from(client, settings, net), "answer": "no"},
    )
    assert sneaked.status_code == 409 and rsvp_of(engine, net) is None
