"""iMIP: the answer a calendar client sends when someone clicks Accept or Decline.

A top-level ``METHOD:REPLY`` is the most reliable answer there is, so it is read
first. Only calendars of the message itself count (``ParsedMessage.calendars``
never holds one from inside an attached ``message/rfc822``: a bounce carrying
our own invitation, or a forwarded reply, is not an answer). icalendar reads
the calendar; when it refuses one, a line-based reader takes the few
properties we need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import icalendar

from mailer.inbound.parse import ParsedMessage
from mailer.inbound.reading import Attendee, CalendarAnswer, Decision, Evidence

PARTSTAT = {
    "ACCEPTED": Decision.ATTENDING,
    "DECLINED": Decision.DECLINED,
    "TENTATIVE": Decision.MAYBE,
    "DELEGATED": Decision.DECLINED,  # this attendee will not come; the delegate is a new candidate
}
_COMPONENTS = ("VEVENT", "VTODO")


@dataclass(frozen=True)
class CalendarRead:
    answer: CalendarAnswer | None = None
    countable: bool = False  # a REPLY with a PARTSTAT we map; else review
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class _Fields:
    method: str
    partstat: str
    attendee_cn: str
    attendee_email: str
    organizer: str
    uid: str
    sequence: int
    guests: int | None


def read_calendar(parsed: ParsedMessage) -> CalendarRead:
    """The first top-level REPLY wins; other methods are noted and passed on."""
    seen: list[Evidence] = []
    for text in parsed.calendars:
        fields, how = _fields(text)
        if fields is None:
            seen.append(Evidence("calendar", "unreadable", how))
            continue
        if fields.method != "REPLY":
            seen.append(Evidence("calendar", f"method:{fields.method.lower() or 'none'}", how))
            continue
        return _answer(fields, parsed, how)
    return CalendarRead(evidence=tuple(seen))


def _answer(fields: _Fields, parsed: ParsedMessage, how: str) -> CalendarRead:
    decision = PARTSTAT.get(fields.partstat, Decision.UNCLEAR)
    email = fields.attendee_email or parsed.from_address
    name = fields.attendee_cn or (parsed.from_name if email == parsed.from_address else "")
    name = natural_order(name)
    attendee = Attendee(name=name, email=email or None, is_sender=email == parsed.from_address)
    evidence = [Evidence("calendar", "method:reply", how)]
    evidence.append(Evidence("calendar", f"partstat:{fields.partstat.lower() or 'none'}", email))
    if not fields.attendee_email:
        evidence.append(Evidence("calendar", "attendee:from-header", parsed.from_address))
    answer = CalendarAnswer(
        decision=decision,
        attendee=attendee if (name or email) else None,
        uid=fields.uid,
        organizer=fields.organizer,
        sequence=fields.sequence,
        guests=fields.guests,
    )
    return CalendarRead(answer, decision is not Decision.UNCLEAR, tuple(evidence))


def _fields(text: str) -> tuple[_Fields | None, str]:
    text = text.strip()
    if "BEGIN:VCALENDAR" not in text.upper():
        return None, "no VCALENDAR"
    try:
        return _with_icalendar(text), "icalendar"
    except Exception as err:
        fields = _by_lines(text)
        return fields, f"lines (icalendar: {type(err).__name__})"


def _with_icalendar(text: str) -> _Fields:
    calendar = icalendar.Calendar.from_ical(text)
    method = str(calendar.get("METHOD", "")).strip().upper()
    component = next((c for c in calendar.walk() if c.name in _COMPONENTS), None)
    if component is None:
        raise ValueError("no VEVENT or VTODO")
    attendees = component.get("ATTENDEE")
    if attendees is not None and not isinstance(attendees, list):
        attendees = [attendees]
    # A REPLY carries one ATTENDEE (RFC 5546); take the first with a PARTSTAT.
    chosen = next((a for a in attendees or [] if a.params.get("PARTSTAT")), None)
    chosen = chosen if chosen is not None else (attendees or [None])[0]
    return _Fields(
        method=method,
        partstat=str(chosen.params.get("PARTSTAT", "")).upper() if chosen is not None else "",
        attendee_cn=_clean_cn(str(chosen.params.get("CN", ""))) if chosen is not None else "",
        attendee_email=_mailto(str(chosen)) if chosen is not None else "",
        organizer=_mailto(str(component.get("ORGANIZER", ""))),
        uid=str(component.get("UID", "")).strip(),
        sequence=_int(str(component.get("SEQUENCE", "0"))) or 0,
        guests=_int(str(chosen.params.get("X-NUM-GUESTS", ""))) if chosen is not None else None,
    )


_UNFOLD = re.compile(r"\r?\n[ \t]")


def _by_lines(text: str) -> _Fields | None:
    """For calendars icalendar refuses (``DTSTAMP:0`` in a VTODO and the like)."""
    lines = _UNFOLD.sub("", text).splitlines()
    props: dict[str, str] = {}
    attendee = ""
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name == "ATTENDEE" and not attendee:
            attendee = line
        elif name in {"METHOD", "ORGANIZER", "UID", "SEQUENCE"} and name not in props:
            props[name] = line
    if not props.get("METHOD"):
        return None
    return _Fields(
        method=_value(props["METHOD"]).upper(),
        partstat=_param(attendee, "PARTSTAT").upper(),
        attendee_cn=_clean_cn(_param(attendee, "CN")),
        attendee_email=_mailto(_value(attendee)),
        organizer=_mailto(_value(props.get("ORGANIZER", ""))),
        uid=_value(props.get("UID", "")),
        sequence=_int(_value(props.get("SEQUENCE", ""))) or 0,
        guests=_int(_param(attendee, "X-NUM-GUESTS")),
    )


def _value(line: str) -> str:
    """The value after the first colon outside quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[index + 1 :].strip()
    return ""


def _param(line: str, name: str) -> str:
    match = re.search(rf';{name}=("[^"]*"|[^;:]*)', line, re.I)
    return match.group(1).strip('"') if match else ""


def _mailto(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value.strip().lower() if "@" in value else ""


_LAST_FIRST = re.compile(
    r"^\s*([^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})\s*,\s*"
    r"([^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})\s*$"
)


def natural_order(name: str) -> str:
    """Outlook's directory writes "Brink, Onno" and "Ruiter, Willem de": the name as the
    door list needs it is "Onno Brink", "Willem de Ruiter". Anything else is kept."""
    match = _LAST_FIRST.match(name)
    if match is None:
        return name
    return f"{match.group(2)} {match.group(1)}"


def _clean_cn(value: str) -> str:
    value = value.strip().strip('"').strip()
    return "" if "@" in value and " " not in value else value  # a CN that is only the address


def _int(value: str) -> int | None:
    try:
        return max(0, min(int(value.strip()), 2**31 - 1))
    except ValueError:
        return None
