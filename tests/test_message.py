"""The fast MIME path against Python's own ``email`` package (strict policy)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import html
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailer.errors import HeaderInjection, TemplateError
from mailer.message import (
    Address,
    Attachment,
    OutgoingMessage,
    PreparedMessage,
    Recipient,
    hole,
)

HOLE_NAMES = ("name", "organisation", "unsubscribe_url")


def _prepared(attachments: tuple[Attachment, ...] = ()) -> PreparedMessage:
    body = "\n".join(f"<p>Regel {i} voor {hole('name', 'html')}</p>" for i in range(200))
    return PreparedMessage(
        sender=Address("nieuws@pleinpost.example", "Netwerk Vervoer & Welzijn – Fryslân"),
        subject=f"Nieuws voor {hole('name', 'text')}",
        html=f"<html><body>{body}<p>{hole('organisation', 'html')}</p>"
        f'<a href="{hole("unsubscribe_url", "html")}">afmelden</a></body></html>',
        text=f"Beste {hole('name', 'text')} van {hole('organisation', 'text')},\n"
        f"Afmelden: {hole('unsubscribe_url', 'text')}\n",
        headers={"List-Id": "Netwerk Vervoer & Welzijn <netwerk.pleinpost.example>"},
        attachments=attachments,
        holes=frozenset(HOLE_NAMES),
    )


def _recipient(name: str = "Jan", organisation: str = "Stichting") -> Recipient:
    return Recipient(
        to=Address("jan@example.org", name if "\n" not in name else "x"),
        message_id="<d.1@pleinpost.example>",
        values={
            "name": name,
            "organisation": organisation,
            "unsubscribe_url": "https://x/u?a=1&b=2",
        },
        reply_to=Address("antwoord+tok@antwoord.pleinpost.example"),
        headers={
            "List-Unsubscribe": "<https://pleinpost.example/afmelden/" + "a" * 60 + ">, "
            "<mailto:antwoord+afmelden-tok@antwoord.pleinpost.example>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        ref="17",
    )


def _parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.strict)
    assert isinstance(msg, EmailMessage)
    return msg


def _body(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body((subtype,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def test_headers_and_parts_parse_strictly() -> None:
    ics = Attachment(
        "uitnodiging.ics",
        "text/calendar",
        b"BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n",
        {"method": "PUBLISH", "charset": "utf-8"},
    )
    out = _prepared((ics,)).personalize(_recipient("Jürgen Öztürk"))
    raw = out.as_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    msg = _parse(raw)
    assert msg["From"].addresses[0].display_name == "Netwerk Vervoer & Welzijn – Fryslân"
    assert msg["From"].addresses[0].addr_spec == "nieuws@pleinpost.example"
    assert msg["To"].addresses[0].display_name == "Jürgen Öztürk"
    assert str(msg["Subject"]) == "Nieuws voor Jürgen Öztürk"
    assert msg["Message-ID"] == "<d.1@pleinpost.example>"
    assert msg["Reply-To"].addresses[0].addr_spec == "antwoord+tok@antwoord.pleinpost.example"
    assert msg["MIME-Version"] == "1.0"
    assert msg["Date"].datetime is not None
    assert msg["List-Id"] == "Netwerk Vervoer & Welzijn <netwerk.pleinpost.example>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<mailto:antwoord+afmelden-tok@" in str(msg["List-Unsubscribe"])
    assert msg.get_content_type() == "multipart/mixed"
    types = [part.get_content_type() for part in msg.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    for part in msg.walk():
        if part.get_content_maintype() == "text" and part.get_content_subtype() != "calendar":
            assert part["Content-Transfer-Encoding"] == "quoted-printable"
            assert part.get_content_charset() == "utf-8"
    cal = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert cal.get_param("method") == "PUBLISH"
    assert cal.get_filename() == "uitnodiging.ics"
    assert cal.get_payload(decode=True) == ics.data
    assert _body(msg, "html") == out.html
    assert _body(msg, "plain") == out.text


def test_without_attachments_it_is_multipart_alternative() -> None:
    msg = _parse(_prepared().personalize(_recipient()).as_bytes())
    assert msg.get_content_type() == "multipart/alternative"


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), max_size=120
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TEXT, organisation=st.text(max_size=300))
def test_any_values_round_trip(name: str, organisation: str) -> None:
    out = _prepared().personalize(_recipient(name, organisation))
    msg = _parse(out.as_bytes())
    organisation_lf = organisation.replace("\r\n", "\n").replace("\r", "\n")
    html_body = _body(msg, "html")
    assert html_body == out.html.replace("\r\n", "\n").replace("\r", "\n")
    assert f"<p>{html.escape(organisation_lf)}</p>" in html_body
    text_body = _body(msg, "plain")
    assert text_body.startswith(f"Beste {name} van {organisation_lf},\n")
    assert str(msg["Subject"]) == f"Nieuws voor {name}"
    if name and name == name.strip():
        assert _display_name(out.as_bytes()) == name


def _display_name(raw: bytes) -> str:
    """The To display name decoded per RFC 2047 (whitespace between encoded words
    dropped). Python's strict address parser keeps that whitespace (its own
    generator's long names do not round-trip either), so decode the raw header."""
    header = email.message_from_bytes(raw, policy=email.policy.compat32)["To"]
    phrase = str(header).rsplit(" <", 1)[0]
    decoded = str(make_header(decode_header(phrase)))
    if decoded.startswith('"') and decoded.endswith('"'):
        decoded = decoded[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return decoded


def test_personalize_equals_sendgrid_substitution() -> None:
    """What the SendGrid transport sends: every key replaced in subject, html and text."""
    prepared = _prepared()
    recipient = _recipient('A <b> & "c"', "Org & Co")
    subs = {}
    for name in prepared.holes:
        subs[hole(name, "html")] = html.escape(recipient.values[name])
        subs[hole(name, "text")] = recipient.values[name]
    expected = {}
    for part in ("subject", "html", "text"):
        value = getattr(prepared, part)
        for key, sub in subs.items():
            value = value.replace(key, sub)
        expected[part] = value
    out = prepared.personalize(recipient)
    assert (out.subject, out.html, out.text) == (
        expected["subject"],
        expected["html"],
        expected["text"],
    )
    assert "A &lt;b&gt; &amp; &quot;c&quot;" in out.html
    assert 'A <b> & "c"' in out.text


def test_a_value_that_looks_like_a_marker_stays() -> None:
    out = _prepared().personalize(_recipient(hole("organisation", "text"), "Org"))
    assert out.subject == "Nieuws voor %%t:organisation%%"


def test_missing_value_is_a_template_error() -> None:
    recipient = dataclasses.replace(_recipient(), values={"name": "Jan"})
    with pytest.raises(TemplateError, match="organisation"):
        _prepared().personalize(recipient)


def test_changed_message_is_encoded_afresh() -> None:
    out = _prepared().personalize(_recipient())
    changed = dataclasses.replace(out, html="<p>anders</p>", text="anders")
    msg = _parse(changed.as_bytes())
    assert _body(msg, "html") == "<p>anders</p>"
    assert _body(msg, "plain") == "anders"


@pytest.mark.parametrize(
    "make",
    [
        lambda: _prepared().personalize(_recipient("Jan\r\nBcc: x@evil.example")).as_bytes(),
        lambda: Address("a@b.nl", "Jan\nBcc: x@evil.example"),
        lambda: Address("a@b.nl\r\nBcc: x@evil.example"),
        lambda: dataclasses.replace(
            _prepared().personalize(_recipient()), headers={"X-Test": "a\nb"}
        ).as_bytes(),
        lambda: dataclasses.replace(
            _prepared().personalize(_recipient()), message_id="<a@b>\r\nBcc: x"
        ).as_bytes(),
        lambda: dataclasses.replace(
            _prepared().personalize(_recipient()), headers={"X-Bad\nName": "a"}
        ).as_bytes(),
    ],
)
def test_header_injection_is_refused(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(HeaderInjection):
        make()


def test_outgoing_message_without_prepared_message() -> None:
    """Transports may build an OutgoingMessage directly; as_bytes still works."""
    out = OutgoingMessage(
        sender=Address("a@pleinpost.example", 'Smit, "de" Jong'),
        to=Address("b@example.org"),
        subject="=?not-a-word?= " + "lang " * 40,
        html="<p>x</p>",
        text="x" * 500,
        message_id="<m@pleinpost.example>",
    )
    msg = _parse(out.as_bytes())
    assert msg["From"].addresses[0].display_name == 'Smit, "de" Jong'
    assert str(msg["Subject"]) == out.subject
    assert _body(msg, "plain") == out.text


def _header_block(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def test_a_subject_of_5000_characters_without_spaces_is_folded() -> None:
    subject = "Aanmelden" + "x" * 4991
    out = dataclasses.replace(_prepared(), subject=subject).personalize(_recipient())
    raw = out.as_bytes()
    block = b"\r\n".join(_header_block(raw))
    subject_lines = block.split(b"\r\nSubject: ", 1)[1].split(b"\r\nDate: ", 1)[0]
    assert len(subject_lines.split(b"\r\n")) > 60  # folded, ...
    assert all(len(line) <= 78 for line in subject_lines.split(b"\r\n"))  # ... short lines
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert str(_parse(raw)["Subject"]) == subject


HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "\x00",
                "\x01",
                "\x1b[31m",
                "\x7f",
                "\x85",
                "\u2028",
                "\u2029",
                "\u202e",
                "\u2066",
                "\u200f",
                "\ufeff",
                "\t",
                "=cmd|' /C calc'!A0",
                "+1",
                "-2",
                "@SUM(A1)",
                "<b>",
                "[/]",
                "%%t:name%%",
                "=?utf-8?b?eA==?=",
                '"',
                "\\",
                "x" * 1200,
                "é" * 400,
                " ",
            ]
        ),
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=HOSTILE.filter(lambda s: "%%" not in s), name=HOSTILE, organisation=HOSTILE)
def test_hostile_values_give_strict_mime_without_raw_controls(
    subject: str, name: str, organisation: str
) -> None:
    prepared = dataclasses.replace(_prepared(), subject=subject + hole("name", "text"))
    raw = prepared.personalize(_recipient(name, organisation)).as_bytes()
    msg = _parse(raw)
    for line in _header_block(raw):
        assert len(line) <= 998
        assert not any(byte < 0x20 or byte == 0x7F for byte in line), line
    assert str(msg["Subject"]) == subject + name
    assert organisation.replace("\r", "\n") in _body(msg, "plain")


# --- the SMTP form: dot-stuffed, ended, otherwise the same bytes ---------------------


def _unstuffed(data: bytes) -> bytes:
    """What an SMTP server stores (RFC 5321 4.5.2), checking the end of DATA on the way."""
    assert data.endswith(b"\r\n.\r\n")
    lines = data[: -len(b".\r\n")].split(b"\r\n")
    return b"\r\n".join(line[1:] if line.startswith(b".") else line for line in lines)


def _both_forms(out: OutgoingMessage) -> tuple[bytes, bytes]:
    fixed = dataclasses.replace(out, date=datetime(2025, 6, 1, 9, 30, tzinfo=UTC))
    return fixed.as_bytes(), fixed.as_smtp_data()


LINES = st.lists(
    st.one_of(
        st.sampled_from([".", "..", "\n", "\r", "\r\n", "\n.", "\r.", " ", "\t", "=", "é", "😀"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
    ),
    max_size=10,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisation=LINES, url=LINES, name=TEXT)
def test_the_smtp_form_is_the_file_form_dot_stuffed(organisation: str, url: str, name: str) -> None:
    prepared = dataclasses.replace(
        _prepared(), text=f"{hole('unsubscribe_url', 'text')}\n.punt\n" + _prepared().text
    )
    recipient = _recipient("." + name, organisation)
    recipient = dataclasses.replace(recipient, values={**recipient.values, "unsubscribe_url": url})
    plain, smtp = _both_forms(prepared.personalize(recipient))
    assert _unstuffed(smtp) == plain
    assert b"\n" not in smtp.replace(b"\r\n", b"") and b"\r" not in smtp.replace(b"\r\n", b"")
    assert all(len(line) <= 998 for line in smtp.split(b"\r\n"))
    assert _body(_parse(plain), "plain").startswith(url.replace("\r\n", "\n").replace("\r", "\n"))


def test_the_smtp_form_of_a_changed_message_with_attachments_and_odd_headers() -> None:
    ics = Attachment("u.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    out = _prepared((ics,)).personalize(_recipient(".Jan", ".org\n.\n..x"))
    changed = dataclasses.replace(
        out, text=".anders\r\n.\r\nnog\r.een", headers={".X-Punt": "waarde"}
    )
    for message in (out, changed):
        plain, smtp = _both_forms(message)
        assert _unstuffed(smtp) == plain
    assert b"\r\n..X-Punt: waarde\r\n" in _both_forms(changed)[1]
    assert _body(_parse(_both_forms(changed)[0]), "plain") == ".anders\n.\nnog\n.een"


def test_one_message_serialises_to_the_same_bytes_every_time() -> None:
    """Both forms share the boundary, so a server's copy can be compared byte for byte."""
    message = _prepared().personalize(_recipient())
    assert _both_forms(message)[0] == _both_forms(message)[0]
    changed = dataclasses.replace(message, text="anders")
    assert _both_forms(changed)[0] == _both_forms(changed)[0]


@pytest.mark.parametrize(
    ("original", "sent_as"),
    [
        (
            b"Subject: Vraag\r\nFrom: a@x.example\r\n\r\n.Waar kan ik parkeren?\r\n",
            "message/rfc822",
        ),
        (b"Subject: Vraag\n\nCaf\xc3\xa9 om de hoek\n", "application/octet-stream"),
        (b"Subject: Lang\n\n" + b"x" * 1200 + b"\n", "application/octet-stream"),
    ],
    ids=["7bit", "8bit", "long-line"],
)
def test_a_forwarded_message_goes_as_a_message_or_else_as_a_file(original, sent_as):
    """RFC 2046 allows message/rfc822 only as 7bit/8bit/binary; our frame is 7bit, so a
    message that is not 7-bit clean goes as an .eml file, never as a base64 rfc822."""
    prepared = PreparedMessage(
        sender=Address("nieuws@pleinpost.example", "Netwerk"),
        subject="Doorgestuurd",
        html="<p>x</p>",
        text="x",
        attachments=(Attachment("bericht.eml", "message/rfc822", original),),
    )
    recipient = Recipient(Address("c@x.example"), "<m1@pleinpost.example>")
    out = prepared.personalize(recipient)
    for data in (out.as_bytes(), out.as_smtp_data()[:-5].replace(b"\r\n..", b"\r\n.")):
        parsed = email.message_from_bytes(data, policy=email.policy.strict)
        [part] = [p for p in parsed.walk() if p.get_filename() == "bericht.eml"]
        assert part.get_content_type() == sent_as
        if sent_as == "message/rfc822":
            assert part.get_payload()[0]["Subject"] == "Vraag"
        else:
            assert part.get_payload(decode=True) == original
