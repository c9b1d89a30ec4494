"""read(raw, context): the steps in the issue's order, one Reading with evidence, never a raise."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from mailer.inbound.classify import ReadingContext, read
from mailer.inbound.reading import Decision, Kind
from tests.inbound.replies_bench import bench, manifest, raw

CONTEXT = bench.CONTEXT


@pytest.mark.parametrize("row", manifest(), ids=lambda row: str(row["file"]))
def test_every_message_of_the_automated_corpus(row: dict[str, object]) -> None:
    reading = read(raw(row["file"]), CONTEXT)
    assert bench.case_right(row, reading), (
        reading.kind,
        reading.decision,
        reading.bounce,
        reading.calendar,
    )
    assert reading.evidence, "every reading says why"


def test_the_corpus_is_big_and_varied_enough() -> None:
    rows = manifest()
    kinds = {str(row.get("kind", "")) for row in rows}
    assert len(rows) >= 60
    assert {"bounce", "auto_reply", "calendar_reply", "other"} <= kinds


def test_no_automated_message_is_ever_a_counted_answer() -> None:
    for row in manifest(
        ("bounce_", "complaint_", "oof_", "autoreply_", "receipt_", "list_", "noreply_")
    ):
        reading = read(raw(row["file"]), CONTEXT)
        assert reading.decision is Decision.UNCLEAR, row["file"]
        assert reading.kind not in {Kind.REPLY, Kind.CALENDAR_REPLY, Kind.UNSUBSCRIBE}, row["file"]


def test_calendar_reply_wins_over_automated_headers() -> None:
    """iCloud sends REPLYs from noreply@ with a null Return-Path; the REPLY still counts."""
    reading = read(raw("cal_icloud_noreply_sender.eml"), CONTEXT)
    assert reading.kind is Kind.CALENDAR_REPLY
    assert reading.confidence >= 0.9
    assert reading.evidence[0].step == "calendar"


COUNTER = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
    "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:pleinpost-event-1@pleinpost.example\r\n"
    "DTSTART:20290607T130000Z\r\nDTEND:20290607T150000Z\r\n"
    "ORGANIZER:mailto:antwoord+x@antwoord.pleinpost.example\r\n"
    "ATTENDEE;PARTSTAT=ACCEPTED;CN=Anna de Vries:mailto:anna@buurtbus.example\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_proposed_new_time_goes_to_review_not_to_the_human_reader() -> None:
    """Outlook's "Propose new time" sends METHOD:COUNTER with words that read like a yes."""
    msg = EmailMessage()
    msg["From"] = "Anna de Vries <anna@buurtbus.example>"
    msg["To"] = "antwoord+x@antwoord.pleinpost.example"
    msg["Subject"] = "Nieuwe tijd voorgesteld: Netwerkmiddag"
    msg.set_content("Ja, wij komen graag, maar kan het een uur later?\n")
    msg.add_alternative(COUNTER, subtype="calendar", params={"method": "COUNTER"})
    reading = read(msg.as_bytes(), CONTEXT)
    assert (reading.kind, reading.decision, reading.confidence) == (
        Kind.CALENDAR_REPLY,
        Decision.UNCLEAR,
        0.0,
    )
    assert any(e.rule == "method:counter" for e in reading.evidence)


def test_bounce_carrying_our_invitation_is_a_bounce() -> None:
    reading = read(raw("bounce_with_our_invitation_inside.eml"), CONTEXT)
    assert reading.kind is Kind.BOUNCE
    assert reading.calendar is None


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "no headers"),
        (b"\x00\x01\x02 not a mail at all \xff\xfe", "no headers"),
        (b"Subject\n\n", "no headers"),
        (b"From: a@b.nl\n\n", "no text"),
    ],
)
def test_unreadable_input_is_other_with_the_reason(data: bytes, why: str) -> None:
    reading = read(data, ReadingContext())
    assert reading.kind is Kind.OTHER
    assert reading.decision is Decision.UNCLEAR
    assert any(e.rule == "unreadable" and why in e.detail for e in reading.evidence)


def test_broken_mime_still_reads() -> None:
    data = (
        b"From: Jan <jan@buurt.nl>\nTo: antwoord+x@antwoord.pleinpost.nl\n"
        b"Subject: Automatisch antwoord\n"
        b'Content-Type: multipart/mixed; boundary="nooit"\n\n--nooit\n'
        b"Content-Type: text/plain; charset=x-onbekend\n\n"
        b"Ik ben afwezig tot 3 juni.\n"
    )
    reading = read(data, ReadingContext())
    assert reading.kind is Kind.AUTO_REPLY


def test_huge_message_is_read() -> None:
    attachment = (b"QUJD" * 19 + b"\n") * 400_000  # ~30 MB of base64
    data = (
        b"From: Jan <jan@buurt.nl>\nTo: antwoord+x@antwoord.pleinpost.nl\nSubject: Out of Office\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nBack on Monday.\n"
        b"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + attachment
        + b"--b--\n"
    )
    assert len(data) > 30_000_000
    reading = read(data, ReadingContext())
    assert reading.kind is Kind.AUTO_REPLY


def test_context_defaults_are_valid() -> None:
    context = ReadingContext()
    assert context.known_names == frozenset()
    assert context.contact_email is None
