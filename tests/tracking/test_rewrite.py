"""The link rewrite of tracked mail: which links go through the redirect, which never do."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from mailer.config import Settings
from mailer.message import PreparedMessage
from mailer.render import prepare, sample_data, sample_recipient
from mailer.render.compile import HOLES, TRACK_REF, trackable_links, with_tracking
from tests.tracking.tracked import CONTENT, GUIDE, REPORT, hrefs

PUBLIC = "https://post.example.nl"
REF = "ab-cdefghijklmnopqrs"


@pytest.fixture
def cfg() -> Settings:
    return Settings(public_url=PUBLIC + "/", secret_key="x")


def _newsletter(cfg: Settings, content: str = CONTENT) -> PreparedMessage:
    data = {**sample_data("newsletter"), "content": content, "agenda": []}
    return prepare("newsletter", "nl", data, cfg)


def _tracked(prepared: PreparedMessage) -> PreparedMessage:
    links = trackable_links(prepared.html, PUBLIC)
    return with_tracking(prepared, PUBLIC + "/", {url: n for n, url in enumerate(links, 1)})


def _sent(prepared: PreparedMessage) -> str:
    recipient = sample_recipient()
    return prepared.personalize(
        replace(recipient, values={**recipient.values, TRACK_REF: REF})
    ).html


def test_the_campaigns_web_links_are_found_once_each_unescaped(cfg):
    assert trackable_links(_newsletter(cfg).html, PUBLIC) == [GUIDE, REPORT]


def test_campaign_links_go_through_the_redirect_and_the_rest_stays(cfg):
    before = _newsletter(cfg)
    sent = _sent(_tracked(before))
    links = hrefs(sent)
    assert f"{PUBLIC}/c/{REF}/1" in links and f"{PUBLIC}/c/{REF}/2" in links
    assert links.count(f"{PUBLIC}/c/{REF}/1") == 2  # the guide, linked twice: one number
    assert not any(GUIDE in html.unescape(h) or REPORT in html.unescape(h) for h in links)
    assert "mailto:info@pleinpost.example" in links and "tel:+31201234567" in links
    unsubscribe = sample_recipient().values["unsubscribe_url"]
    assert unsubscribe in links  # the unsubscribe link is the delivery's own, never redirected
    assert f'<img src="{PUBLIC}/o/{REF}.gif" width="1" height="1"' in sent
    assert sent.index(f"/o/{REF}.gif") > sent.index(unsubscribe)  # after the footer


def test_the_text_part_keeps_the_real_addresses(cfg):
    before = _newsletter(cfg)
    after = _tracked(before)
    assert after.text == before.text and after.subject == before.subject
    assert GUIDE in after.text and "/c/" not in after.text
    assert TRACK_REF in after.holes and TRACK_REF in HOLES and TRACK_REF not in before.holes


def test_answer_buttons_rsvp_reply_and_unsubscribe_are_never_rewritten(cfg):
    before = prepare("invitation", "nl", sample_data("invitation"), cfg)
    found = trackable_links(before.html, PUBLIC)
    assert found and all(url.startswith("https://www.openstreetmap.org/") for url in found)
    after = _tracked(before)
    untouched = [h for h in hrefs(before.html) if not h.startswith("https://www.openstreetmap")]
    assert untouched  # mailto answers, reply address, RSVP page, unsubscribe
    assert [h for h in hrefs(after.html) if "/c/" not in h] == untouched


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "mailto:%%h:reply_address%%",
        "%%h:rsvp_url%%",
        "https://evil.example/%%h:email%%",
        f"{PUBLIC}/u/abc-def",
        f"{PUBLIC}/c/abc-def/1",
        "https://evil.example/a b",
        "https://evil.example/\nx",
        "#top",
        "ftp://files.example/",
    ],
)
def test_what_is_not_a_plain_web_address_of_the_campaign_is_never_tracked(href):
    page = f'<html><body><a href="{html.escape(href)}">x</a></body></html>'
    assert trackable_links(page, PUBLIC) == []
    prepared = PreparedMessage(sender=sample_recipient().to, subject="s", html=page, text="t")
    rewritten = with_tracking(prepared, PUBLIC, {href: 1})
    assert hrefs(rewritten.html) == [html.escape(href)]


def test_a_link_without_a_number_stays_as_it_was(cfg):
    before = _newsletter(cfg)
    after = with_tracking(before, PUBLIC, {GUIDE: 7})
    assert f"{PUBLIC}/c/%%h:{TRACK_REF}%%/7" in hrefs(after.html)
    assert html.escape(REPORT) in hrefs(after.html)


def test_escaped_addresses_are_matched_and_single_quotes_too():
    page = (
        "<html><body><a class='x' href='https://a.example/?p=1&amp;q=2'>a</a>"
        '<A HREF="https://b.example/">b</A></body></html>'
    )
    assert trackable_links(page, PUBLIC) == ["https://a.example/?p=1&q=2", "https://b.example/"]
    prepared = PreparedMessage(sender=sample_recipient().to, subject="s", html=page, text="t")
    after = with_tracking(prepared, PUBLIC, {"https://a.example/?p=1&q=2": 1})
    assert re.search(r"href='https://post\.example\.nl/c/%%h:track_ref%%/1'", after.html)
