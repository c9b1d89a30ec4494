# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Refusals made by the packages in the process language (Dutch here, the default) reach
an English-reading coordinator in English: an event the packages refuse, an import's
rejected rows, a bad email address with email-validator's words inside ours."""

from __future__ import annotations

import pytest

from mailer import i18n
from mailer.i18n import _, set_language
from mailer.web.refusals import translate
from subscribers.normalise import InvalidEmail, normalise_email
from tests.inbound.builders import invited
from tests.web.dashboard_support import post, signed_in, token  # noqa: F401

EVENT = {
    "title": "Netwerkmiddag",
    "starts_at": "2029-06-07T15:00",
    "ends_at": "2029-06-07T14:00",
    "reply_by": "2029-05-28T00:00",
    "reminder_days": "3,1",
}
CSV = "email;naam\nanna@stichting.example;Anna\nanna@@stichting.example;Piet\n"


@pytest.fixture(autouse=True)
def dutch_process():
    set_language("nl")
    yield
    set_language(i18n.DEFAULT_LANGUAGE)


def test_an_english_user_reads_an_event_refusal_in_english(signed_in, token):
    dutch = _("The end is before the start")
    assert dutch != "The end is before the start"  # the process speaks Dutch
    answer = post(signed_in, "/bijeenkomsten/nieuw", token, **EVENT)
    assert answer.status_code == 400
    assert "The end is before the start" in answer.text and dutch not in answer.text


def test_an_english_user_reads_the_import_rejects_in_english(signed_in, token):
    answer = signed_in.post(
        "/contacten/importeren",
        data={"csrf": token},
        files={"file": ("adressen.csv", CSV.encode(), "text/csv")},
    )
    assert answer.status_code == 200
    assert "Invalid email address &#39;anna@@stichting.example&#39;: " in answer.text
    assert _("Invalid email address {address!r}: {reason}").split(" ")[0] not in answer.text
    refused = signed_in.post(
        "/contacten/importeren",
        data={"csrf": token},
        files={"file": ("adressen.csv", b"naam;plaats\nAnna;Oost\n", "text/csv")},
    )
    assert refused.status_code == 400 and "No email column found" in refused.text


def test_timeline_notes_follow_the_reader(signed_in, engine, settings):
    net = invited(engine, settings)  # its reminders were never planned: lapsed, with a note
    page = signed_in.get(f"/bijeenkomsten/{net.event}").text
    assert "its time had passed when planned" in page
    assert _("its time had passed when planned") not in page
    assert "reminder (1 day ahead)" in page and "1 days" not in page


def test_translate_reads_our_messages_back_and_leaves_the_rest():
    try:
        normalise_email("anna@@stichting.example")
    except InvalidEmail as err:
        said = str(err)
    english = translate(said, "en")
    assert english.startswith("Invalid email address 'anna@@stichting.example': ")
    assert english.endswith(said.partition(": ")[2])  # email-validator's own words, kept
    assert translate(said, "nl") == said  # the reader's language is the process's
    nested = _("paused: the mail could not be made: {error}").format(error=said)
    assert translate(nested, "en") == "paused: the mail could not be made: " + english
    assert translate("550 5.1.1 mailbox unavailable", "en") == "550 5.1.1 mailbox unavailable"
    assert translate("", "en") == ""
    set_language("en")
    made = _("Unknown segment {name!r}").format(name="buurt")
    assert translate(made, "nl") == "Onbekend segment 'buurt'"
