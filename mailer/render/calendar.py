"""iCalendar parts for events: add-to-calendar on invitations and updates, REQUEST on
confirmations, CANCEL on cancellations.

One VEVENT per event with a stable UID (``Event.uid``) and ``SEQUENCE`` from
``Event.sequence``, so a calendar updates the entry it already has instead
of adding a second one when the event changes or is cancelled
(``mailer.campaigns.event_edit`` raises the sequence on every such change).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vCalAddress, vText
from icalendar import Event as VEvent

from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.message import Address, Attachment

Method = Literal["PUBLISH", "REQUEST", "CANCEL"]
METHODS = ("PUBLISH", "REQUEST", "CANCEL")


def event_ics(
    event: Any,
    method: Method = "PUBLISH",
    organizer: Address | None = None,
    attendees: Iterable[Address] = (),
    *,
    now: datetime | None = None,
) -> bytes:
    """The iCalendar bytes for ``event`` (a ``mailer.invitations.Event`` or alike).

    DTSTART/DTEND are written in the event's own zone with its VTIMEZONE, so
    a calendar in another zone still shows the right local time.
    """
    if method not in METHODS:
        raise InvalidInput(
            _("Unknown iCalendar method {method!r}; choose from {known}").format(
                method=method, known=", ".join(METHODS)
            )
        )
    zone = ZoneInfo(event.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Pleinpost//NL")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add("calscale", "GREGORIAN")
    start, end = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    # a year either side: the transitions around the event, not since 1970
    first, last = date(start.year - 1, 1, 1), date(end.year + 1, 12, 31)
    cal.add_component(Timezone.from_tzinfo(zone, first_date=first, last_date=last))
    cal.add_component(_vevent(event, method, start, end, organizer, attendees, now))
    return cal.to_ical()


def _vevent(
    event: Any,
    method: str,
    start: datetime,
    end: datetime,
    organizer: Address | None,
    attendees: Iterable[Address],
    now: datetime | None,
) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("sequence", int(event.sequence))
    vevent.add("dtstamp", (now or datetime.now(UTC)).astimezone(UTC))
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("summary", event.title)
    location = ", ".join(part for part in (event.place, event.address) if part)
    if location:
        vevent.add("location", location)
    if event.description:
        vevent.add("description", event.description)
    vevent.add("status", "CANCELLED" if method == "CANCEL" or event.cancelled else "CONFIRMED")
    if organizer is not None:
        vevent.add("organizer", _cal_address(organizer, role=None))
    if method != "PUBLISH":
        for attendee in attendees:
            vevent.add("attendee", _cal_address(attendee, role="REQ-PARTICIPANT"), encode=False)
    return vevent


def _cal_address(addr: Address, role: str | None) -> vCalAddress:
    cal_address = vCalAddress(f"mailto:{addr.email}")
    if addr.name:
        cal_address.params["cn"] = vText(addr.name)
    if role:
        cal_address.params["role"] = vText(role)
        cal_address.params["partstat"] = vText("ACCEPTED")
        cal_address.params["rsvp"] = vText("FALSE")
    return cal_address


def ics_attachment(data: bytes, method: Method, filename: str) -> Attachment:
    """The MIME part: ``text/calendar; method=...; charset=utf-8`` with a matching method."""
    return Attachment(
        filename=filename,
        content_type="text/calendar",
        data=data,
        params={"method": method, "charset": "utf-8"},
    )
