"""iCalendar parts, read back with the ``icalendar`` library."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mailer.errors import InvalidInput
from mailer.message import Address
from mailer.render.calendar import event_ics
from mailer.render.samples import sample_event

ORGANIZER = Address("nieuws@pleinpost.example", "Netwerk Vervoer & Welzijn")


def _event(cal: Calendar):  # type: ignore[no-untyped-def]
    [vevent] = cal.walk("VEVENT")
    return vevent


def test_publish_has_stable_uid_local_times_and_vtimezone() -> None:
    event = sample_event()
    cal = Calendar.from_ical(event_ics(event, "PUBLISH", ORGANIZER))
    assert cal["METHOD"] == "PUBLISH"
    vevent = _event(cal)
    assert str(vevent["UID"]) == "voorbeeld-1@pleinpost"
    assert vevent["SEQUENCE"] == 0
    start = vevent.decoded("DTSTART")
    assert start == datetime(2029, 6, 7, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent.decoded("DTEND").astimezone(UTC) == event.ends_at
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Amsterdam"
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert "Dorpshuis De Schakel" in str(vevent["LOCATION"])
    assert str(vevent["ORGANIZER"]) == "mailto:nieuws@pleinpost.example"
    assert "ATTENDEE" not in vevent
    # same event, same UID: a calendar updates instead of duplicating
    again = _event(Calendar.from_ical(event_ics(event, "PUBLISH", ORGANIZER)))
    assert again["UID"] == vevent["UID"]


def test_request_lists_attendees_and_sequence_follows_the_event() -> None:
    event = sample_event()
    event.sequence = 3
    data = event_ics(event, "REQUEST", ORGANIZER, [Address("anna@voorbeeld.example", "Anna")])
    vevent = _event(Calendar.from_ical(data))
    assert vevent["SEQUENCE"] == 3
    assert str(vevent["ATTENDEE"]) == "mailto:anna@voorbeeld.example"
    assert vevent["ATTENDEE"].params["CN"] == "Anna"


def test_cancel_marks_the_event_cancelled() -> None:
    cal = Calendar.from_ical(event_ics(sample_event(), "CANCEL", ORGANIZER))
    assert cal["METHOD"] == "CANCEL"
    assert _event(cal)["STATUS"] == "CANCELLED"


def test_a_cancellation_keeps_the_uid_and_carries_the_higher_sequence() -> None:
    event = sample_event()
    first = _event(Calendar.from_ical(event_ics(event, "PUBLISH", ORGANIZER)))
    event.sequence, event.cancelled = 2, True
    cancel = _event(Calendar.from_ical(event_ics(event, "CANCEL", ORGANIZER)))
    assert cancel["UID"] == first["UID"]
    assert (first["SEQUENCE"], cancel["SEQUENCE"]) == (0, 2)
    # a cancelled event published again still says so
    assert _event(Calendar.from_ical(event_ics(event, "PUBLISH")))["STATUS"] == "CANCELLED"


def test_unknown_method_is_refused() -> None:
    with pytest.raises(InvalidInput, match="DELETE"):
        event_ics(sample_event(), "DELETE", ORGANIZER)  # type: ignore[arg-type]
