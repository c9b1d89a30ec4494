# ruff: noqa: E501  (HTML and mail literals read better unbroken)
"""parse(raw): decoded headers, the reply's own text, no descent into attached mail, never a raise."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from mailer.inbound.htmltext import html_to_text
from mailer.inbound.parse import MAX_ADDRESSES, parse
from tests.inbound.replies_bench import raw


def test_encoded_headers_and_latin1_body() -> None:
    parsed = parse(raw("oof_exchange_html_only_latin1.eml"))
    assert parsed.from_name == "José Peters"
    assert parsed.from_address == "j.peters@welzijn-gorssel.nl"
    assert parsed.subject.startswith("Automatisch antwoord: Uitnodiging")
    assert parsed.text_source == "html"
    assert "José Peters" in parsed.text


def test_raw_8bit_header_and_body_in_latin1() -> None:
    data = "From: Renée <r@x.nl>\nSubject: Afwezig tot één juni\nContent-Type: text/plain; charset=iso-8859-1\n\nRenée\n"
    parsed = parse(data.encode("latin-1"))
    assert parsed.subject == "Afwezig tot één juni"
    assert parsed.from_name == "Renée"
    assert parsed.text.strip() == "Renée"


def test_unknown_charset_is_tolerated() -> None:
    data = b"From: a@b.nl\nSubject: x\nContent-Type: text/plain; charset=x-klingon\n\nJa, ik kom \xe9\n"
    parsed = parse(data)
    assert parsed.text.startswith("Ja, ik kom")


def test_plain_text_wins_over_html() -> None:
    message = EmailMessage()
    message["From"] = "a@b.nl"
    message.set_content("Ja, ik kom.")
    message.add_alternative(
        "<p>Ja, ik kom.</p><div class='gmail_quote'>Uitnodiging</div>", subtype="html"
    )
    parsed = parse(message.as_bytes())
    assert (parsed.text.strip(), parsed.text_source) == ("Ja, ik kom.", "plain")


def test_attached_message_is_never_read_for_text_or_calendar() -> None:
    parsed = parse(raw("cal_reply_inside_forward_not_counted.eml"))
    assert parsed.calendars == ()
    assert parsed.attached_messages == 1
    assert "Els de Boer" not in parsed.text
    assert "Ter info" in parsed.text


def test_calendar_parts_are_decoded() -> None:
    parsed = parse(raw("cal_apple_accepted_qp.eml"))
    assert len(parsed.calendars) == 1
    assert "METHOD:REPLY" in parsed.calendars[0]


def test_many_recipients_are_capped() -> None:
    to = ", ".join(f"p{i}@buurt.nl" for i in range(MAX_ADDRESSES + 500))
    parsed = parse(f"From: a@b.nl\nTo: {to}\nSubject: x\n\nhoi\n".encode())
    assert len(parsed.to) == MAX_ADDRESSES


def test_huge_attachment_is_elided_and_later_parts_survive() -> None:
    attachment = (b"QUJD" * 19 + b"\n") * 400_000
    data = (
        b'From: a@b.nl\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + attachment
        + b"--b\n"
        b"Content-Type: text/calendar; method=REPLY\n\nBEGIN:VCALENDAR\nMETHOD:REPLY\nEND:VCALENDAR\n--b\n"
        b"Content-Type: text/plain\n\nJa.\n--b--\n"
    )
    parsed = parse(data)
    assert parsed.elided and not parsed.truncated
    assert parsed.size == len(data)
    assert parsed.calendars and parsed.text.strip() == "Ja."


def test_missing_headers_and_broken_mime_give_defects_not_errors() -> None:
    parsed = parse(b'Content-Type: multipart/mixed; boundary="x"\n\n--x\nnot closed')
    assert parsed.from_address == ""
    assert any(d.startswith("mime:") for d in parsed.defects)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_never_raises(data: bytes) -> None:
    parse(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_parse_never_raises_on_mail_like_text(body: str) -> None:
    parse(
        f"From: {body[:40]}\nSubject: =?utf-8?B?{body[:20]}?=\nContent-Type: {body[:30]}\n\n{body}".encode(
            "utf-8", "surrogatepass"
        )
    )


# --- HTML: the quote is cut at the client's marker before converting ---------------


def test_html_cut_at_gmail_quote() -> None:
    html = '<div dir="ltr">Ja, wij komen met z&#39;n tweeën.</div><br><div class="gmail_quote"><div>Op ma 11 mei schreef Netwerk:</div><blockquote>Maximaal 2 personen</blockquote></div>'
    result = html_to_text(html)
    assert result.text == "Ja, wij komen met z'n tweeën."
    assert "Maximaal 2 personen" in result.quote
    assert result.marker == "gmail_quote"


def test_html_cut_at_outlook_reply_block() -> None:
    html = (
        "<html><head><style>p{margin:0}</style></head><body><p>Helaas verhinderd.</p><p>Groet, Kees</p>"
        '<div id="divRplyFwdMsg"><b>Van:</b> Netwerk IJsselvallei<br><b>Onderwerp:</b> Uitnodiging</div>'
        "<div>Laat weten wie er komt</div></body></html>"
    )
    result = html_to_text(html)
    assert result.text == "Helaas verhinderd.\n\nGroet, Kees"
    assert result.marker == "divRplyFwdMsg"
    assert "Laat weten" in result.quote


def test_html_cut_at_outlook_desktop_border() -> None:
    html = (
        "<p class=MsoNormal>Ik kom graag.</p><div style='border:none;border-top:solid #E1E1E1 1.0pt;"
        "padding:3.0pt 0cm 0cm 0cm'><p><b>Van:</b> Netwerk</p></div><p>Maximaal 2 personen</p>"
    )
    result = html_to_text(html)
    assert result.text == "Ik kom graag."
    assert result.marker == "outlook-border"


def test_html_cut_at_apple_cite() -> None:
    html = '<div>Ja!</div><div><br><blockquote type="cite"><div>Op 11 mei 2026 heeft Netwerk het volgende geschreven:</div></blockquote></div>'
    result = html_to_text(html)
    assert result.text == "Ja!"
    assert result.marker == "blockquote-cite"


def test_html_without_marker_keeps_blockquote_as_quoted_lines() -> None:
    result = html_to_text("<p>Ja</p><blockquote>oud bericht</blockquote><script>x()</script>")
    assert result.marker == ""
    assert result.text == "Ja\n\n> oud bericht"


def test_html_entities_and_broken_markup() -> None:
    result = html_to_text("<p>Caf&eacute; &amp; <b>bar<p>tot dan</div></span>")
    assert "Café & bar" in result.text
    assert "tot dan" in result.text
