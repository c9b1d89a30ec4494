"""The plain-text part: our converter of compiled HTML (mailer.render.text).

First what every template's text part must carry in both languages, then the
converter's rules one by one on small HTML, then arbitrary Markdown
paragraphs through Markdown, MJML and MIME and back.
"""

from __future__ import annotations

import email
import email.policy
import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailer.config import Settings
from mailer.render import TEMPLATES, prepare, sample_data, sample_recipient
from mailer.render.content import markdown_html
from mailer.render.loader import Translator
from mailer.render.text import html_to_text, upper

TAG = re.compile(r"<[A-Za-z/!?]")
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
REFERENCE = re.compile(r"^\[(\d+)\] (\S+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def cfg() -> Settings:
    return Settings(
        sender="Netwerk Vervoer & Welzijn <nieuws@pleinpost.example>",
        network_name="Netwerk Vervoer & Welzijn",
    )


def _hrefs(html: str) -> list[str]:
    """Every link target in the HTML, as the text part should write it."""
    targets = []
    for raw in re.findall(r'href="([^"]*)"', html):
        href = unescape(raw).replace("%%h:", "%%t:")
        targets.append(href.removeprefix("mailto:"))
    return targets


# every template, both languages


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_text_part_has_the_content_and_no_markup(name: str, lang: str, cfg: Settings) -> None:
    prepared = prepare(name, lang, sample_data(name, lang), cfg)
    text = prepared.text
    assert not TAG.search(text), text
    assert not ENTITY.search(text), text
    assert "%%h:" not in text and "%%t:unsubscribe_url%%" in text
    assert "Netwerk Vervoer & Welzijn" in text  # "&amp;" decoded
    # every link's address is written out: in place or in the numbered list
    for target in _hrefs(prepared.html):
        assert target in text, target
    # every "[n]" in the body has its address at the end, numbered in order
    body, _, refs = text.rpartition("\n\n")
    numbers = [int(n) for n, _ in REFERENCE.findall(refs)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert {int(n) for n in re.findall(r" \[(\d+)\]", body)} == set(numbers)
    # the template's heading, in capitals as the HTML shows it
    t = Translator(lang)
    heading = t("newsletter.agenda_title") if name == "newsletter" else t(f"{name}.heading")
    assert upper(heading) in text.splitlines()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_newsletter_text_has_headings_lists_and_agenda(lang: str, cfg: Settings) -> None:
    data = sample_data("newsletter", lang)
    text = prepare("newsletter", lang, data, cfg).text
    lines = text.splitlines()
    # "## heading" → underlined; "### heading" → capitals
    for heading in re.findall(r"^## (.+)$", data["content"], re.MULTILINE):
        i = lines.index(heading)
        assert lines[i + 1] == "-" * len(heading)
    for heading in re.findall(r"^### (.+)$", data["content"], re.MULTILINE):
        assert heading.upper() in lines
    # list items keep their bullets and numbers
    for item in re.findall(r"^- (.+)$", data["content"], re.MULTILINE):
        assert f"- {item.replace('**', '')}" in lines
    for number, item in re.findall(r"^(\d+)\. (.+)$", data["content"], re.MULTILINE):
        assert f"{number}. {item}" in lines
    # each agenda item: "short date: title", then its date line, no blank line between
    for item in data["agenda"]:
        line = next(x for x in lines if x.endswith(f": {item['title']}"))
        assert lines[lines.index(line) + 1].startswith(("do", "wo", "Thu", "Wed"))
    # images are their alt text
    for alt in re.findall(r"!\[([^\]]+)\]", data["content"]):
        assert alt in lines


def test_invitation_event_card_reads_as_label_value_lines(cfg: Settings) -> None:
    text = prepare("invitation", "nl", sample_data("invitation", "nl"), cfg).text
    card = text[text.index("Wanneer:") :].split("\n\n")[0].splitlines()
    assert card[:3] == [
        "Wanneer: donderdag 7 juni 2029",
        "Tijd: 15.00–17.00 uur",
        "Waar: Dorpshuis De Schakel",
    ]
    assert card[-1].startswith("Bekijk op de kaart [")


def test_confirmation_lists_the_attendees(cfg: Settings) -> None:
    data = sample_data("confirmation", "en")
    lines = prepare("confirmation", "en", data, cfg).text.splitlines()
    for person in data["attendees"]:
        expected = f"- {person['name']}" + (f" ({person['email']})" if person["email"] else "")
        assert expected in lines


def test_text_values_are_filled_unescaped(cfg: Settings) -> None:
    prepared = prepare("invitation", "en", sample_data("invitation", "en"), cfg)
    base = sample_recipient("en", organisation="Tom & Jerry <BV>")
    values = {**base.values, "unsubscribe_url": "https://x.nl/u?a=1&b=2"}
    recipient = type(base)(**{**base.__dict__, "values": values})
    raw = prepared.personalize(recipient).as_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.strict)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Tom & Jerry <BV>" in text
    assert "https://x.nl/u?a=1&b=2" in text


# the converter's rules


def test_headings_paragraphs_and_breaks() -> None:
    html = (
        "<h1>Grote kop</h1><p>Eerste alinea\nloopt door.</p><h2>Kop twee</h2>"
        "<p>Regel<br />volgende regel</p><h3>Kleine kop</h3><h4>Nog kleiner</h4><p>Slot</p>"
    )
    assert html_to_text(html) == (
        "Grote kop\n=========\n\nEerste alinea loopt door.\n\nKop twee\n--------\n\n"
        "Regel\nvolgende regel\n\nKLEINE KOP\n\nNOG KLEINER\n\nSlot\n"
    )


def test_lists_nested_numbered_and_loose() -> None:
    html = (
        "<ul><li>een</li><li>twee<ul><li>twee a</li></ul></li></ul>"
        '<ol start="3"><li>drie</li><li>vier</li></ol>'
        "<ul><li><p>los één</p><p>meer tekst</p></li><li><p>los twee</p></li></ul>"
    )
    assert html_to_text(html) == (
        "- een\n- twee\n  - twee a\n\n3. drie\n4. vier\n\n- los één\n\n  meer tekst\n\n- los twee\n"
    )


def test_links_are_numbered_once_and_written_out() -> None:
    html = (
        '<p>Lees de <a href="https://x.nl/gids?a=1&amp;b=2">gids</a>, '
        '<a href="https://x.nl/gids?a=1&amp;b=2">nog eens</a> en '
        '<a href="https://www.y.nl/">www.y.nl</a>. Mail <a href="mailto:a@b.nl">ons</a>, '
        '<a href="mailto:c@d.nl">c@d.nl</a> of <a href="https://z.nl"></a>; '
        '<a href="#boven">naar boven</a>.</p>'
    )
    assert html_to_text(html) == (
        "Lees de gids [1], nog eens [1] en www.y.nl. Mail ons [2], c@d.nl of https://z.nl; "
        "naar boven.\n\n[1] https://x.nl/gids?a=1&b=2\n[2] a@b.nl\n"
    )


def test_images_quotes_code_and_rules() -> None:
    html = (
        '<p><img alt="Een bus &amp; chauffeur" src="x.png" /></p><img src="leeg.png">'
        "<blockquote><p>Geciteerd</p><p>twee</p></blockquote>"
        "<pre><code>eerste  regel\n    ingesprongen &lt;b&gt;\n</code></pre><hr /><p>Einde</p>"
    )
    assert html_to_text(html) == (
        "Een bus & chauffeur\n\n> Geciteerd\n>\n> twee\n\n"
        "    eerste  regel\n        ingesprongen <b>\n\n----------\n\nEinde\n"
    )


def test_mjml_layout_is_read_as_blocks_and_label_value_rows() -> None:
    html = (
        "<!doctype html><html><head><title>Onderwerp</title><style>p { color: red; }</style></head>"
        '<body><div style="display:none;font-size:1px;">Voorbeeldtekst in de inbox</div>'
        "<!--[if mso | IE]><table><tr><td>alleen Outlook<![endif]-->"
        '<table role="presentation"><tbody><tr><td><div style="font-size:14px;">Eerste blok</div>'
        '<div style="text-transform:uppercase;color:#b35f12;">Agenda voor %%h:name%%</div>'
        "<table><tr><td>Wanneer</td><td>maandag</td></tr>"
        "<tr><td>Waar</td><td>Zaal<br />Straat 1</td></tr>"
        "<tr><td>Tijd</td><td>10.00 uur</td></tr></table>"
        "<table><tr><td><div>ma 1 jun</div></td><td><div>Titel</div><div>Plaats</div></td></tr>"
        "<tr><td><div>di 2 jun</div></td><td><div>Tweede</div><div>Elders</div></td></tr></table>"
        '<p>U ontvangt dit op %%h:email%%. <a href="%%h:unsubscribe_url%%">Afmelden</a></p>'
        "</td></tr></tbody></table></body></html>"
    )
    assert html_to_text(html) == (
        "Eerste blok\n\nAGENDA VOOR %%t:name%%\n\n"
        "Wanneer: maandag\nWaar: Zaal\nStraat 1\n\nTijd: 10.00 uur\n\n"
        "ma 1 jun: Titel\nPlaats\n\ndi 2 jun: Tweede\nElders\n\n"
        "U ontvangt dit op %%t:email%%. Afmelden [1]\n\n[1] %%t:unsubscribe_url%%\n"
    )


def test_broken_html_loses_no_text() -> None:
    html = "<p>open <b>vet<p>nieuw</i> a < b & c > d</div></p><li>los</li><p>slot"
    assert html_to_text(html) == "open vet\n\nnieuw a < b & c > d\n\n- los\n\nslot\n"


def test_upper_keeps_hole_markers() -> None:
    assert (
        upper("Hallo %%t:name%% en %%h:organisation%%") == "HALLO %%t:name%% EN %%h:organisation%%"
    )


# arbitrary coordinator text

# Text with &, <, > and non-ASCII, avoiding only what Markdown or Jinja would
# legitimately turn into markup (* _ ` [ ] ! \ # { } % ; @ / and line starts).
WORD = st.text(
    alphabet=st.sampled_from(list("abcXYZ0189&<>.,?'\"():=+-–éëĳßøÅ€中文😀")),
    min_size=1,
    max_size=8,
)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=12).map(lambda words: "Begin " + " ".join(words))


@given(paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=4))
def test_markdown_paragraphs_come_out_unescaped_and_complete(paragraphs: list[str]) -> None:
    text = html_to_text(markdown_html("\n\n".join(paragraphs)))
    assert text == "\n\n".join(paragraphs) + "\n"


@settings(max_examples=25, deadline=None)
@given(paragraph=PARAGRAPH)
def test_coordinator_paragraph_survives_the_whole_pipeline(paragraph: str, cfg: Settings) -> None:
    data = {**sample_data("newsletter", "nl"), "content": f"## Kop\n\n{paragraph}\n\n---\n\nTweede"}
    raw = prepare("newsletter", "nl", data, cfg).personalize(sample_recipient("nl")).as_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.strict)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert paragraph in text.splitlines()
    if "<" in paragraph:
        assert "&lt;" in html  # escaped in HTML, raw in text


@given(source=st.text(max_size=300))
def test_any_markdown_converts_without_leaking_markup(source: str) -> None:
    text = html_to_text(markdown_html(source))
    assert text.endswith("\n")
    if "<" not in source:  # every "<" in the text part is one the coordinator typed
        assert "<" not in text
