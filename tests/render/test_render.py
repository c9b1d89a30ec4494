"""Templates in both languages on their sample data: headers, parts, Dutch dates,
escaping, the sandbox, sizes; read back with the ``email`` package (strict)."""

from __future__ import annotations

import email
import email.policy
import re
import tomllib
from datetime import UTC, datetime
from email.message import EmailMessage

import jinja2
import pytest
from icalendar import Calendar

from mailer.config import Settings
from mailer.errors import NotFound, TemplateError
from mailer.render import (
    HOLES,
    MAX_HTML_BYTES,
    TEMPLATES,
    dates,
    prepare,
    sample_data,
    sample_recipient,
)
from mailer.render import compile as compile_module
from mailer.render.loader import Translator, templates_dir

AMS = "Europe/Amsterdam"


@pytest.fixture
def cfg() -> Settings:
    return Settings(
        sender="Netwerk Vervoer & Welzijn – Fryslân <nieuws@pleinpost.example>",
        network_name="Netwerk Vervoer & Welzijn",
    )


def _eml(prepared, recipient=None) -> EmailMessage:  # type: ignore[no-untyped-def]
    raw = prepared.personalize(recipient or sample_recipient()).as_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.strict)
    assert isinstance(msg, EmailMessage)
    return msg


def _part(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body((subtype,))
    assert part is not None
    return str(part.get_content())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_renders_on_sample_data(name: str, lang: str, cfg: Settings) -> None:
    prepared = prepare(name, lang, sample_data(name, lang), cfg)
    assert prepared.holes <= HOLES
    msg = _eml(prepared, sample_recipient(lang))
    html, text = _part(msg, "html"), _part(msg, "plain")
    assert f'<html lang="{lang}"' in html
    assert len(html.encode()) < MAX_HTML_BYTES
    assert "%%" not in html + text + str(msg["Subject"])
    assert "Anna de Jong" in html and "Anna de Jong" in text
    assert "https://pleinpost.example/afmelden/VOORBEELD" in text  # link written out
    assert cfg.postal_address in text
    for img in re.findall(r"<img[^>]*>", html):
        assert re.search(r'alt="[^"]+"', img), img
    assert msg["List-Id"].endswith("<netwerk-vervoer-welzijn.pleinpost.example>")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_invitation_in_dutch_has_dates_deadline_cap_and_calendar(cfg: Settings) -> None:
    prepared = prepare("invitation", "nl", sample_data("invitation", "nl"), cfg)
    msg = _eml(prepared)
    assert str(msg["Subject"]) == "Uitnodiging: Werkmiddag Vervoer in kleine kernen"
    text = _part(msg, "plain")
    for phrase in (
        "donderdag 7 juni 2029",
        "15.00–17.00 uur",
        "Laat ons vóór 28 mei weten wie er namens uw organisatie komt.",
        "maximaal 2 personen",
        "Wanneer: donderdag 7 juni 2029",
    ):
        assert phrase in text
    cal = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert cal.get_param("method") == "REQUEST"  # answerable: tests/render/test_invitation_mail.py
    ics = Calendar.from_ical(cal.get_payload(decode=True))
    assert ics["METHOD"] == "REQUEST"
    assert str(ics.walk("VEVENT")[0]["UID"]) == "voorbeeld-1@pleinpost"


def test_confirmation_carries_a_request_with_attendees(cfg: Settings) -> None:
    msg = _eml(prepare("confirmation", "en", sample_data("confirmation", "en"), cfg))
    cal = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert cal.get_param("method") == "REQUEST"
    vevent = Calendar.from_ical(cal.get_payload(decode=True)).walk("VEVENT")[0]
    assert str(vevent["ATTENDEE"]) == "mailto:anna@voorbeeld.example"
    assert "Thursday 7 June 2029" in _part(msg, "plain")


def test_user_data_is_escaped_in_html_and_raw_in_text(cfg: Settings) -> None:
    prepared = prepare("invitation", "nl", sample_data("invitation", "nl"), cfg)
    recipient = sample_recipient(name="<script>x</script> & Zn", organisation='A "B"')
    msg = _eml(prepared, recipient)
    html, text = _part(msg, "html"), _part(msg, "plain")
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; Zn" in html
    assert "A &quot;B&quot;" in html
    assert "<script>x</script> & Zn" in text and 'A "B"' in text


def test_coordinator_content_may_use_placeholders_but_not_raw_html(cfg: Settings) -> None:
    data = {
        **sample_data("invitation", "nl"),
        "subject": "Kom je ook, {{ name }}? {{ event.title }}",
        "content": "Hallo {{ name }} van {{ organisation }}.\n\n<b>vet</b> <script>x</script>",
    }
    prepared = prepare("invitation", "nl", data, cfg)
    msg = _eml(prepared)
    assert str(msg["Subject"]) == "Kom je ook, Anna de Jong? Werkmiddag Vervoer in kleine kernen"
    html = _part(msg, "html")
    assert "Hallo Anna de Jong van Stichting Welzijn Oosterend." in html
    assert "&lt;script&gt;" in html and "<script>" not in html and "<b>vet</b>" not in html


@pytest.mark.parametrize(
    ("field", "source", "match"),
    [
        (
            "content",
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "Niet toegestaan|not allowed",
        ),
        ("content", "Hallo {{ voornaam }}", "Onbekende plaatshouder|unknown placeholder"),
        ("content", "Hallo\n{{ name ", "regel 2"),
        ("subject", "{{ event.title.__class__.__base__ }}", "onderwerp"),
        ("content", "![](https://pleinpost.example/x.png)", "alt"),
    ],
)
def test_coordinator_mistakes_are_template_errors(
    field: str, source: str, match: str, cfg: Settings
) -> None:
    data = {**sample_data("invitation", "nl"), field: source}
    with pytest.raises(TemplateError, match=match):
        prepare("invitation", "nl", data, cfg)


def test_wrong_template_or_data_is_named(cfg: Settings) -> None:
    with pytest.raises(NotFound, match="nieuwsbrief"):
        prepare("nieuwsbrief", "nl", {}, cfg)
    with pytest.raises(TemplateError, match="event"):
        prepare("invitation", "nl", {"content": "x"}, cfg)
    with pytest.raises(TemplateError, match=r"onbekend.*colour"):
        prepare("newsletter", "nl", {"content": "x", "colour": "red"}, cfg)
    with pytest.raises(TemplateError, match="taal"):
        prepare("newsletter", "de", {"content": "x"}, cfg)


def test_too_large_newsletter_is_refused_before_sending(cfg: Settings) -> None:
    article = "## Kop\n\n" + "Een zin over vervoer in de regio. " * 60
    data = {**sample_data("newsletter", "nl"), "content": "\n\n---\n\n".join([article] * 60)}
    with pytest.raises(TemplateError, match="102 KB"):
        prepare("newsletter", "nl", data, cfg)


def test_errors_in_our_templates_name_file_and_line(
    cfg: Settings, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    layout = (templates_dir() / "layout.mjml").read_text()
    (tmp_path / "layout.mjml").write_text(layout)
    (tmp_path / "decline_ack.mjml").write_text(
        '{% extends "layout.mjml" %}\n{% block body %}\n<mj-text>{{ nope }}</mj-text>\n'
        "{% endblock %}\n"
    )
    (tmp_path / "late_reply.mjml").write_text('{% extends "layout.mjml" %}\n{% block body %}\n')
    (tmp_path / "unsubscribe_confirmed.mjml").write_text(
        '{% extends "layout.mjml" %}\n{% block body %}<mj-txet>x</mj-txet>{% endblock %}\n'
    )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path), undefined=jinja2.StrictUndefined, autoescape=True
    )
    env.globals["t"] = Translator("nl")
    monkeypatch.setattr(compile_module, "environment", lambda lang: env)
    data = sample_data("decline_ack")
    with pytest.raises(TemplateError, match=r"decline_ack\.mjml, regel 3"):
        prepare("decline_ack", "nl", data, cfg)
    with pytest.raises(TemplateError, match=r"late_reply\.mjml, regel 2"):
        prepare("late_reply", "nl", sample_data("late_reply"), cfg)
    with pytest.raises(TemplateError, match="mj-txet"):
        prepare("unsubscribe_confirmed", "nl", {}, cfg)


def test_strings_exist_in_both_languages() -> None:
    def keys(lang: str) -> set[str]:
        table = tomllib.loads((templates_dir() / "strings" / f"{lang}.toml").read_text())
        return {f"{section}.{key}" for section, values in table.items() for key in values}

    assert keys("nl") == keys("en")
    # every t('...') used in a template exists
    used = set()
    for path in templates_dir().glob("*.mjml"):
        used |= set(re.findall(r"t\('([a-z_]+\.[a-z_]+)'", path.read_text()))
    assert used and used <= keys("nl")


def test_dutch_and_english_dates() -> None:
    start = datetime(2029, 6, 7, 13, 0, tzinfo=UTC)
    end = datetime(2029, 6, 7, 15, 0, tzinfo=UTC)
    assert dates.long_date(start, "nl", AMS) == "donderdag 7 juni 2029"
    assert dates.long_date(start, "en", AMS) == "Thursday 7 June 2029"
    assert dates.time_range(start, end, "nl", AMS) == "15.00–17.00 uur"
    assert dates.time_range(start, end, "en", AMS) == "15:00–17:00"
    # winter time: one hour from UTC, not two
    winter = datetime(2029, 12, 3, 9, 30, tzinfo=UTC)
    assert dates.clock(winter, "nl", AMS) == "10.30"
    # "vóór 28 mei" is the start of 28 May in Amsterdam = 27 May 22:00 UTC
    deadline = dates.deadline_instant(datetime(2029, 5, 28, 12, tzinfo=UTC), AMS)
    assert deadline == datetime(2029, 5, 27, 22, 0, tzinfo=UTC)
    assert dates.deadline_phrase(deadline, "nl", AMS) == "vóór 28 mei"
    assert dates.deadline_phrase(deadline, "en", AMS) == "before 28 May"
    noon = datetime(2029, 5, 28, 10, tzinfo=UTC)
    assert dates.deadline_phrase(noon, "nl", AMS) == "vóór 28 mei 12.00 uur"
