"""iMIP REPLY: PARTSTAT to a decision, the attendee, UID/ORGANIZER/SEQUENCE, X-NUM-GUESTS."""

from __future__ import annotations

import pytest

from mailer.inbound.calendar_reply import natural_order, read_calendar
from mailer.inbound.parse import parse
from mailer.inbound.reading import Decision
from tests.inbound.replies_bench import bench, figures, manifest, raw

UID = "pp-ev-31-7f3a9c@pleinpost.nl"
REPLY = "antwoord+k7q2m9x4@antwoord.pleinpost.nl"


@pytest.mark.parametrize("row", manifest(("cal_",)), ids=lambda row: str(row["file"]))
def test_own_calendar_corpus(row: dict[str, object]) -> None:
    result = read_calendar(parse(raw(row["file"])))
    if row.get("kind") != "calendar_reply":
        assert result.answer is None
        return
    assert result.answer is not None
    assert result.answer.decision == row["decision"]
    assert result.answer.attendee is not None
    assert (result.answer.attendee.name, result.answer.attendee.email) == (
        row["attendee"]["name"],
        row["attendee"]["email"],
    )  # type: ignore[index]
    assert result.answer.uid == UID
    assert result.answer.organizer == REPLY
    assert result.countable is (row["decision"] != "unclear")


def test_google_guests_and_sequence() -> None:
    answer = read_calendar(parse(raw("cal_google_tentative_guest1.eml"))).answer
    assert answer is not None and (answer.decision, answer.guests) == (Decision.MAYBE, 1)
    answer = read_calendar(parse(raw("cal_high_sequence.eml"))).answer
    assert answer is not None and answer.sequence == 3 and answer.guests is None


def test_attendee_without_cn_takes_the_from_name() -> None:
    answer = read_calendar(parse(raw("cal_no_cn_name_from_header.eml"))).answer
    assert answer is not None and answer.attendee is not None
    assert answer.attendee.is_sender
    assert answer.attendee.name == "Dirk-Jan Mulder"


def test_secretary_reply_names_the_attendee_not_the_sender() -> None:
    answer = read_calendar(parse(raw("cal_assistant_sends_for_manager.eml"))).answer
    assert answer is not None and answer.attendee is not None
    assert not answer.attendee.is_sender
    assert answer.attendee.email == "w.vandermeer@zorggroep-salland.nl"


def test_calendar_icalendar_refuses_is_read_by_lines() -> None:
    result = read_calendar(parse(raw("cal_vtodo_broken_dtstamp.eml")))
    assert result.answer is not None and result.answer.decision is Decision.ATTENDING
    assert any("lines" in e.detail for e in result.evidence)


def test_request_and_cancel_are_noted_not_answers() -> None:
    for name in ("cal_forwarded_request_top_level.eml", "cal_cancel_not_an_answer.eml"):
        result = read_calendar(parse(raw(name)))
        assert result.answer is None
        assert result.evidence and result.evidence[0].rule in {"method:request", "method:cancel"}


def test_delegated_is_a_decline_for_that_attendee() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20260101T000000Z\r\n"
        'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:e@x.nl":mailto:c@x.nl\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
    )
    answer = read_calendar(parse(bench.wrap_calendar(ics.encode()))).answer
    assert answer is not None and answer.decision is Decision.DECLINED


def test_nylas_floor() -> None:
    got = figures("nylas")
    assert got["nylas: REPLY decision + attendee right"] == (5, 5)
    right, total = got["nylas: REQUEST/CANCEL/PUBLISH not an answer"]
    assert right == total


def test_ccs_floor() -> None:
    got = figures("ccs")
    assert got["ccs: kind right (reply / bounce / plain)"] == (9, 9)
    assert got["ccs: good replies ACCEPTED by xyzzy, SEQUENCE 7"] == (3, 3)


def test_stalwart_floor() -> None:
    right, total = figures("stalwart")["stalwart-itip: REPLY blocks, PARTSTAT + attendee right"]
    assert total >= 13 and right == total


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Brink, Onno", "Onno Brink"),
        ("Ruiter, Willem de", "Willem de Ruiter"),
        ("Jansen, P.J.", "P.J. Jansen"),
        ("Onno Brink", "Onno Brink"),
        ("Brink, Onno (Gemeente)", "Brink, Onno (Gemeente)"),  # not plainly a name: kept
    ],
)
def test_outlook_last_first_names_are_turned(written: str, name: str) -> None:
    assert natural_order(written) == name
