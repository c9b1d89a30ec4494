"""A confirmation's names as holes: compiled once per event, language and *shape*.

A confirmation ("these names are registered") and a "too many names" answer
repeat the names the RSVP holds, so compiling them per list of names cost an
MJML compile and a calendar for nearly every answer (~3 ms each). Here such a
mail is compiled once per shape, how many names each list has and which of
them have an address: the template is rendered with stand-in people whose
names and addresses are unique words, and those words become hole markers in
the HTML and text parts, filled per message like the recipient's own name.

The calendar part names the registered people too (ATTENDEE), and
substitution never reaches attachments: its ATTENDEE lines are written per
message, as an invitation's ORGANIZER and ATTENDEE are
(``mailer/render/calendar.py``). Lines are folded where RFC 5545 says; the
content is the same as a whole compile's.

What cannot be shaped with certainty (a stand-in that does not come out
exactly once, a name the template would change on its way) returns None, and
the caller compiles the mail whole, as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mailer.config import Settings
from mailer.errors import TemplateError
from mailer.i18n import _
from mailer.message import HTML, TEXT, Attachment, OutgoingMessage, PreparedMessage, Recipient
from mailer.message import hole as marker
from mailer.render.calendar import content_line
from mailer.render.compile import prepare

# The answers that list names, and the data keys of their lists (in this order).
TEMPLATES = frozenset({"confirmation", "cap_exceeded"})
LISTS = ("attendees", "refused")
# Only the kept names are attendees in the calendar part (mailer/render/compile.py).
_IN_CALENDAR = "attendees"
_STAND_IN = "zqPleinpostStandIn"  # letters only: nothing on the way changes it
_ATTENDEE = b"ATTENDEE"
_ACCEPTED = [("PARTSTAT", "ACCEPTED"), ("ROLE", "REQ-PARTICIPANT"), ("RSVP", "FALSE")]

# Per list in ``LISTS`` order: per person, whether they have an address.
Shape = tuple[tuple[str, tuple[bool, ...]], ...]


def shape_of(data: Mapping[str, Any]) -> Shape | None:
    """The shape of ``data``'s lists, or None when a name or address is not as the
    template would print it (so only a whole compile shows it exactly)."""
    shape = []
    for key in LISTS:
        if key not in data:
            continue
        flags = []
        for person in data[key] or ():
            if not isinstance(person, Mapping):
                return None
            name, email = person.get("name"), person.get("email") or ""
            if not _plain(name) or not isinstance(email, str) or (email and not _plain(email)):
                return None
            flags.append(bool(email))
        shape.append((key, tuple(flags)))
    return tuple(shape)


def _plain(text: object) -> bool:
    """Non-empty, single-spaced, and nothing a hole marker is made of."""
    return (
        isinstance(text, str) and bool(text) and text == " ".join(text.split()) and "%%" not in text
    )


def hole_name(key: str, index: int, part: str) -> str:
    return f"{key}_{index}_{part}"


def values(data: Mapping[str, Any]) -> dict[str, str]:
    """The hole values of ``data``'s lists, for the recipient of a shaped mail."""
    out: dict[str, str] = {}
    for key in LISTS:
        for index, person in enumerate(data.get(key) or ()):
            if isinstance(person, Mapping):
                out[hole_name(key, index, "name")] = str(person.get("name") or "")
                out[hole_name(key, index, "email")] = str(person.get("email") or "")
    return out


def _word(key: str, index: int, part: str) -> str:
    return f"{_STAND_IN}{key}{index}{part}Qz"


class _NotShaped(Exception):
    """A stand-in did not come out as expected: compile this mail whole."""


def compile_shaped(
    template: str, language: str, data: Mapping[str, Any], shape: Shape, settings: Settings
) -> NamedList | None:
    """``template`` compiled for every list of this shape, or None (see the module's note)."""
    stand_in = dict(data)
    for key, flags in shape:
        stand_in[key] = [
            {"name": _word(key, i, "name"), "email": _word(key, i, "email") if has else None}
            for i, has in enumerate(flags)
        ]
    made = prepare(template, language, stand_in, settings)
    try:
        html, text, holes = _holes(made, shape)
        calendar = _cut(made.attachments, dict(shape).get(_IN_CALENDAR, ()))
    except _NotShaped:
        return None
    return NamedList(
        sender=made.sender,
        subject=made.subject,
        html=html,
        text=text,
        headers=made.headers,
        attachments=made.attachments,
        holes=holes,
        categories=made.categories,
        kind=made.kind,
        calendar=calendar,
    )


def _holes(made: PreparedMessage, shape: Shape) -> tuple[str, str, frozenset[str]]:
    """The HTML and text parts with every stand-in word made a hole, and the holes."""
    html, text, holes = made.html, made.text, set(made.holes)
    for key, flags in shape:
        for i, has in enumerate(flags):
            for part in ("name", "email") if has else ("name",):
                word, name = _word(key, i, part), hole_name(key, i, part)
                if html.count(word) != 1 or text.count(word) != 1:
                    raise _NotShaped(word)
                html = html.replace(word, marker(name, HTML))
                text = text.replace(word, marker(name, TEXT))
                holes.add(name)
    if _STAND_IN in html + text + made.subject:
        raise _NotShaped(_STAND_IN)
    return html, text, frozenset(holes)


@dataclass(frozen=True)
class CalendarCut:
    """A calendar part without its ATTENDEE lines: the lines go between ``head`` and
    ``tail``, written per message from the hole values."""

    index: int  # of the attachment
    head: bytes
    tail: bytes
    people: tuple[tuple[str, str], ...]  # (name hole, email hole) of each attendee


def _cut(attachments: Sequence[Attachment], flags: Sequence[bool]) -> CalendarCut | None:
    """Where the stand-in ATTENDEE lines were; None when no part names anybody (a mail
    without a calendar)."""
    people = tuple(
        (hole_name(_IN_CALENDAR, i, "name"), hole_name(_IN_CALENDAR, i, "email"))
        for i, has in enumerate(flags)
        if has
    )
    found: CalendarCut | None = None
    for index, attachment in enumerate(attachments):
        if _STAND_IN.encode() not in attachment.data.replace(b"\r\n ", b""):
            continue
        if found is not None or not people:
            raise _NotShaped("a second calendar, or one naming nobody")
        found = _cut_one(index, attachment.data, people)
    return found


def _cut_one(index: int, data: bytes, people: tuple[tuple[str, str], ...]) -> CalendarCut:
    start = data.find(b"\r\n" + _ATTENDEE)
    if start < 0:
        raise _NotShaped("no ATTENDEE line")
    start += 2
    lines = data[start:].split(b"\r\n")
    taken = 0
    while taken < len(lines) and (
        lines[taken].startswith(_ATTENDEE) or lines[taken].startswith(b" ")
    ):
        taken += 1
    end = start + sum(len(line) + 2 for line in lines[:taken])
    head, tail = data[:start], data[end:]
    cut = data[start:end].replace(b"\r\n ", b"")
    if _STAND_IN.encode() in head + tail or cut.count(_ATTENDEE) != len(people):
        raise _NotShaped("ATTENDEE lines apart")
    return CalendarCut(index, head, tail, people)


@dataclass(frozen=True)
class NamedList(PreparedMessage):
    """A prepared answer whose names are holes; its calendar names them per message."""

    calendar: CalendarCut | None = None

    def personalize(self, recipient: Recipient) -> OutgoingMessage:
        out = super().personalize(recipient)
        if self.calendar is None:
            return out
        # the cached encoding holds the stand-in calendar: encode this message afresh
        return replace(out, attachments=self.attachments_for(recipient), encoded=None)

    def attachments_for(self, recipient: Recipient) -> Sequence[Attachment]:
        cut = self.calendar
        if cut is None:
            return self.attachments
        lines = []
        for name_hole, email_hole in cut.people:
            name, email = _value(recipient, name_hole), _value(recipient, email_hole)
            params = [("CN", name), *_ACCEPTED] if name else _ACCEPTED
            lines.append(content_line("ATTENDEE", params, f"mailto:{email}"))
        data = b"".join((cut.head, *lines, cut.tail))
        return tuple(
            replace(a, data=data) if i == cut.index else a for i, a in enumerate(self.attachments)
        )


def _value(recipient: Recipient, name: str) -> str:
    try:
        return recipient.values[name]
    except KeyError:
        raise TemplateError(
            _("No value for hole {hole!r} (given: {given})").format(
                hole=name, given=", ".join(sorted(recipient.values)) or "-"
            )
        ) from None
