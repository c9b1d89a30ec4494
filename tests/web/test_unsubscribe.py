"""One-click unsubscribe (RFC 8058) through a real server: GET asks, POST does."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from mailer import tokens
from mailer.tokens import Purpose
from subscribers.models import Contact
from subscribers.privacy import is_suppressed
from tests.conftest import TEST_SECRET

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def _contact(engine, delivery) -> Contact:
    with Session(engine) as s:
        contact = s.get(Contact, delivery.contact_id)
        assert contact is not None
        return contact


def _suppressed(engine, email: str) -> bool:
    with Session(engine) as s:
        return is_suppressed(s, email, TEST_SECRET)


def _path(settings, delivery_id: int, purpose: Purpose = Purpose.UNSUBSCRIBE) -> str:
    return "/u/" + tokens.ref(settings, purpose, delivery_id)


def test_the_link_in_the_mail_is_the_page_served(settings, sent):
    url = tokens.unsubscribe_url(settings, sent[0].id)
    assert url == settings.public_url.rstrip("/") + _path(settings, sent[0].id)


def test_get_shows_a_dutch_page_with_one_button_and_changes_nothing(client, engine, settings, sent):
    answer = client.get(_path(settings, sent[0].id))
    assert answer.status_code == 200
    assert '<html lang="nl">' in answer.text
    assert answer.text.count("<button") == 1 and "Afmelden" in answer.text
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert _contact(engine, sent[0]).status == "active"
    assert not _suppressed(engine, sent[0].email)


def test_one_click_post_unsubscribes_at_once_and_is_idempotent(client, engine, settings, sent):
    for _round in range(2):
        answer = client.post(_path(settings, sent[0].id), data=ONE_CLICK)
        assert answer.status_code == 200
        assert "U bent afgemeld" in answer.text
    assert _contact(engine, sent[0]).status == "unsubscribed"
    assert _suppressed(engine, sent[0].email)
    assert _contact(engine, sent[1]).status == "active"  # the neighbour is untouched


def test_one_click_post_as_multipart_works_too(client, engine, settings, sent):
    answer = client.post(
        _path(settings, sent[0].id), files={"List-Unsubscribe": (None, "One-Click")}
    )
    assert answer.status_code == 200
    assert _contact(engine, sent[0]).status == "unsubscribed"


def test_a_post_without_the_one_click_field_does_nothing(client, engine, settings, sent):
    answer = client.post(_path(settings, sent[0].id), data={"something": "else"})
    assert answer.status_code == 400
    assert _contact(engine, sent[0]).status == "active"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda ref: ref[:-1] + ("a" if ref[-1] != "a" else "b"),  # altered mac
        lambda ref: "b" + ref[1:] if ref[0] != "b" else "c" + ref[1:],  # altered id
        lambda ref: ref.split("-")[0],  # no mac
        lambda ref: "../../etc/passwd",
        lambda ref: "x" * 300,
    ],
)
def test_forged_or_altered_refs_get_a_plain_400_and_change_nothing(
    client, engine, settings, sent, mangle
):
    path = "/u/" + mangle(tokens.ref(settings, Purpose.UNSUBSCRIBE, sent[0].id))
    for answer in (client.get(path), client.post(path, data=ONE_CLICK)):
        assert answer.status_code in (400, 404)
        assert sent[0].email not in answer.text
    assert _contact(engine, sent[0]).status == "active"
    assert not _suppressed(engine, sent[0].email)


def test_invalid_page_reveals_nothing(client, settings, sent):
    bad = client.get("/u/aaaa-aaaaaaaaaaaaaaaa")
    assert bad.status_code == 400
    assert "Deze link werkt niet" in bad.text
    assert settings.network_name not in bad.text


@pytest.mark.parametrize(
    "purpose", [Purpose.RSVP, Purpose.REPLY, Purpose.MESSAGE_ID, Purpose.PROVIDER]
)
def test_a_ref_for_another_purpose_does_not_unsubscribe(client, engine, settings, sent, purpose):
    answer = client.post(_path(settings, sent[0].id, purpose), data=ONE_CLICK)
    assert answer.status_code == 400
    assert _contact(engine, sent[0]).status == "active"


def test_a_ref_for_one_delivery_only_unsubscribes_that_one(client, engine, settings, sent):
    client.post(_path(settings, sent[1].id), data=ONE_CLICK)
    assert _contact(engine, sent[0]).status == "active"
    assert _contact(engine, sent[1]).status == "unsubscribed"


def test_english_contacts_read_english(client, engine, settings, sent):
    with Session(engine) as s:
        row = s.get(type(sent[0]), sent[0].id)
        row.language = "en"
        s.add(row)
        s.commit()
    page = client.get(_path(settings, sent[0].id))
    assert '<html lang="en">' in page.text and "Unsubscribe" in page.text
    done = client.post(_path(settings, sent[0].id), data=ONE_CLICK)
    assert "You are unsubscribed" in done.text
