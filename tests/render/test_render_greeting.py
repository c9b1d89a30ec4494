"""No "Beste ,": every template greets and explains itself to a contact without a name."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from functools import cache

import pytest

from mailer.config import Settings, load_settings
from mailer.render import TEMPLATES, prepare, sample_data, sample_recipient
from mailer.render.personal import PHRASE_HOLES

# What an empty value leaves behind: a greeting with no name, a word pair with
# nothing between ("bij  binnen"), a sentence ending in " ." or ",".
GAPS = re.compile(r"(Beste|Dear)\s*,|\s{2,}(binnen|in)\s|\sbij\s+binnen|\sat\s+in\s|\s[.,]")


def _parts(template: str, lang: str, name: str, organisation: str) -> tuple[str, str]:
    prepared = prepare(template, lang, sample_data(template, lang), cfg_for_module())
    recipient = sample_recipient(lang, "geen.naam@voorbeeld.example", name=name,
                                 organisation=organisation)  # fmt: skip
    msg = email.message_from_bytes(
        prepared.personalize(recipient).as_bytes(), policy=email.policy.strict
    )
    assert isinstance(msg, EmailMessage)
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return html, text


@cache
def cfg_for_module() -> Settings:
    return load_settings(database_url="sqlite://", secret_key="k")


def _visible(html: str) -> str:
    """The words a reader sees: tags out, whitespace as in a browser."""
    return " ".join(
        re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", html, flags=re.S)).split()
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_no_name_and_no_organisation_leaves_no_gap(template: str, lang: str) -> None:
    html, text = _parts(template, lang, name="", organisation="")
    neutral = "Goedendag," if lang == "nl" else "Hello,"
    assert neutral in text and neutral in html
    for shown in (_visible(html), " ".join(text.split())):
        assert not GAPS.search(shown), GAPS.search(shown)
    reason = "omdat u contactpersoon bent binnen" if lang == "nl" else "a contact person in"
    assert reason in " ".join(text.split())


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_an_organisation_without_a_name_is_greeted_as_colleagues(template: str) -> None:
    html, text = _parts(template, "nl", name=" ", organisation="Buurtbus Oost")
    assert "Beste collega's van Buurtbus Oost," in text
    assert "Beste collega&#x27;s van Buurtbus Oost," in html or "Beste collega's van" in html
    assert "contactpersoon bent bij Buurtbus Oost binnen" in " ".join(text.split())


def test_a_name_is_used_and_escaped_in_html() -> None:
    html, text = _parts("newsletter", "en", name="Jan & Zn <b>", organisation="")
    assert "Dear Jan & Zn <b>," in text
    assert "Dear Jan &amp; Zn &lt;b&gt;," in html


def test_every_language_has_its_own_phrase_holes() -> None:
    """One recipient fits the mail of any language: each mail uses only its own holes."""
    values = sample_recipient().values
    assert set(values) >= PHRASE_HOLES
    nl = prepare("invitation", "nl", sample_data("invitation", "nl"), cfg_for_module())
    en = prepare("invitation", "en", sample_data("invitation", "en"), cfg_for_module())
    assert "greeting_nl" in nl.holes and "greeting_en" not in nl.holes
    assert "greeting_en" in en.holes and "greeting_nl" not in en.holes
