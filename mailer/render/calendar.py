"""iCalendar parts for events: an answerable REQUEST on invitations, add-to-calendar on
updates, REQUEST on confirmations, CANCEL on cancellations.

One VEVENT per event with a stable UID (``Event.uid``) and ``SEQUENCE`` from
``Event.sequence``, so a calendar updates the entry it already has instead
of adding a second one when the event changes or is cancelled
(``mailer.campaigns.event_edit`` raises the sequence on every such change).

The invitation's REQUEST names the delivery's own reply address as ORGANIZER
and the contact as ATTENDEE (RFC 6047), so the Accept / Decline buttons of
Outlook, Gmail and Apple Mail send an iMIP REPLY that comes home to the
delivery. Those two lines differ per recipient; everything else is made once
per campaign (:class:`PersonalCalendar`) and the two lines are written, folded
at 75 octets, when the mail is personalized (:class:`AnswerableMessage`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vCalAddress, vText
from icalendar import Event as VEvent

from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.message import Address, Attachment, OutgoingMessage, PreparedMessage, Recipient

Method = Literal["PUBLISH", "REQUEST", "CANCEL"]
METHODS = ("PUBLISH", "REQUEST", "CANCEL")

_END_EVENT = b"END:VEVENT\r\n"
_MAX_OCTETS = 75  # RFC 5545 3.1: content lines are folded at 75 octets
_CONTROL = dict.fromkeys(range(32), " ") | {127: " "}
_TOKEN = re.compile(r"[A-Za-z0-9-]+")


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
    cal.add_component(_vevent(event, method, start, end, organizer, attendees, now))
    data = bytes(cal.to_ical())
    cut = data.index(b"BEGIN:VEVENT\r\n")  # the zone goes before the event, as before
    return data[:cut] + _vtimezone_ics(event.timezone, first, last) + data[cut:]


@lru_cache(maxsize=32)
def _vtimezone_ics(zone_name: str, first: date, last: date) -> bytes:
    """The VTIMEZONE serialised once per zone and span: folding its 35 lines was half
    of each confirmation's calendar even with the component cached."""
    return bytes(_vtimezone(zone_name, first, last).to_ical())


@lru_cache(maxsize=32)
def _vtimezone(zone_name: str, first: date, last: date) -> Timezone:
    """The VTIMEZONE of a zone for a span of years, made once: it is half of each
    confirmation's calendar cost (three years of transitions), and the same for every
    mail of the zone. Only read after it is made (added to calendars, serialised)."""
    return Timezone.from_tzinfo(ZoneInfo(zone_name), first_date=first, last_date=last)


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


def ics_attachment(
    data: bytes, method: Method, filename: str, *, inline: bool = False
) -> Attachment:
    """The MIME part: ``text/calendar; method=...; charset=utf-8`` with a matching method.

    ``inline``: the third alternative beside text and HTML, where Outlook and
    Gmail look for an invitation they can answer (RFC 6047 2.4).
    """
    return Attachment(
        filename=filename,
        content_type="text/calendar",
        data=data,
        params={"method": method, "charset": "utf-8"},
        inline=inline,
    )


# --- the answerable invitation ----------------------------------------------------


def content_line(name: str, params: Iterable[tuple[str, str]], value: str) -> bytes:
    """One iCalendar content line, folded at 75 octets, ending in CRLF.

    A parameter value other than a plain token (``NEEDS-ACTION``) is quoted,
    with RFC 6868 escapes for what a quoted string cannot hold (``"``, line
    breaks, ``^``), so a name with commas, semicolons or colons stays one
    parameter.
    """
    head = name + "".join(f";{key}={_param_value(text)}" for key, text in params)
    return fold(f"{head}:{value}")


def _param_value(value: str) -> str:
    if _TOKEN.fullmatch(value):
        return value
    escaped = value.replace("^", "^^").replace("\r\n", "^n").replace("\n", "^n")
    return '"' + escaped.replace('"', "^'").translate(_CONTROL) + '"'


def fold(line: str) -> bytes:
    """``line`` as UTF-8, folded so no physical line exceeds 75 octets (RFC 5545 3.1).

    A fold never splits a character: continuation lines start with a space
    and carry at most 74 octets of the value.
    """
    data = line.encode("utf-8")
    if len(data) <= _MAX_OCTETS:
        return data + b"\r\n"
    out: list[bytes] = []
    start, room = 0, _MAX_OCTETS
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        out.append(data[start:cut])
        start, room = cut, _MAX_OCTETS - 1
    out.append(data[start:])
    return b"\r\n ".join(out) + b"\r\n"


def organizer_line(reply_address: str, network: str) -> bytes:
    """The ORGANIZER: where the calendar client sends its REPLY, with the network's name."""
    params = [("CN", network)] if network else []
    return content_line("ORGANIZER", params, f"mailto:{reply_address}")


def attendee_line(attendee: Address) -> bytes:
    """The ATTENDEE asked to answer: the contact, by name where we know it."""
    params = [
        ("CUTYPE", "INDIVIDUAL"),
        ("ROLE", "REQ-PARTICIPANT"),
        ("PARTSTAT", "NEEDS-ACTION"),
        ("RSVP", "TRUE"),
    ]
    if attendee.name:
        params.append(("CN", attendee.name))
    return content_line("ATTENDEE", params, f"mailto:{attendee.email}")


@dataclass(frozen=True)
class PersonalCalendar:
    """A REQUEST made once per campaign and language, cut where the personal lines go.

    ``shared`` is the whole calendar with the campaign's reply address (no
    token) as ORGANIZER and no ATTENDEE: what a path that cannot personalize
    would send, still a valid invitation whose answer reaches our inbox.
    """

    head: bytes
    tail: bytes
    network: str
    shared: bytes

    @classmethod
    def of(cls, event: Any, organizer: Address, *, now: datetime | None = None) -> PersonalCalendar:
        data = event_ics(event, "REQUEST", None, now=now)
        cut = data.rindex(_END_EVENT)
        head, tail = data[:cut], data[cut:]
        shared = head + organizer_line(organizer.email, organizer.name) + tail
        return cls(head=head, tail=tail, network=organizer.name, shared=shared)

    def for_recipient(self, reply_address: str, attendee: Address) -> bytes:
        """The REQUEST this recipient gets: our reply address asks, the contact answers."""
        return b"".join(
            (
                self.head,
                organizer_line(reply_address, self.network),
                attendee_line(attendee),
                self.tail,
            )
        )


@dataclass(frozen=True)
class AnswerableMessage(PreparedMessage):
    """A prepared mail whose calendar part is an invitation the recipient can answer.

    ``personalize`` fills the holes as any prepared message does, then writes
    the recipient's REQUEST into every calendar part made from ``calendar``.
    ``defaults`` are the values a copy that belongs to no delivery (a preview,
    a sample) may lack, such as the RSVP page of delivery 0.
    """

    calendar: PersonalCalendar | None = None
    defaults: Mapping[str, str] = field(default_factory=dict)
    reply_hole: str = "reply_address"
    name_hole: str = "name"

    def personalize(self, recipient: Recipient) -> OutgoingMessage:
        recipient = self._with_defaults(recipient)
        out = super().personalize(recipient)
        if out.attachments is not self.attachments or self.calendar is None:
            return out  # already this recipient's (PreparedMessage asks attachments_for)
        attachments = self.attachments_for(recipient)
        # the cached encoding holds the shared calendar: encode this message afresh
        return replace(out, attachments=attachments, encoded=None)

    def attachments_for(self, recipient: Recipient) -> Sequence[Attachment]:
        """The attachments as this recipient gets them: their own REQUEST in the calendar parts.

        A transport that sends one request per recipient (SendGrid, for
        invitations) asks for these instead of ``attachments``.
        """
        calendar = self.calendar
        if calendar is None:
            return self.attachments
        values = self._with_defaults(recipient).values
        attendee = Address(recipient.to.email, values.get(self.name_hole, recipient.to.name))
        data = calendar.for_recipient(values[self.reply_hole], attendee)
        return tuple(
            replace(a, data=data) if a.data is calendar.shared else a for a in self.attachments
        )

    def _with_defaults(self, recipient: Recipient) -> Recipient:
        missing = {k: v for k, v in self.defaults.items() if k not in recipient.values}
        if not missing:
            return recipient
        return replace(recipient, values={**recipient.values, **missing})
