"""A ``Reading`` as the JSON stored beside its message, and back.

The review queue, ``mailer inbound show`` and a later correction all read
what the pipeline stored; a reading written by an older version (a field it
did not have yet) still loads, with that field's default.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from mailer.inbound.reading import (
    Attendee,
    Bounce,
    BounceKind,
    CalendarAnswer,
    Decision,
    Evidence,
    Kind,
    Reading,
)


def to_json(reading: Reading) -> dict[str, Any]:
    return asdict(reading)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _attendee(data: dict[str, Any] | None) -> Attendee | None:
    return None if not data else Attendee(**_known(Attendee, data))


def from_json(data: dict[str, Any]) -> Reading:
    values = _known(Reading, data)
    values["kind"] = Kind(values.get("kind", Kind.OTHER.value))
    values["decision"] = Decision(values.get("decision", Decision.UNCLEAR.value))
    values["attendees"] = [a for a in map(_attendee, values.get("attendees") or []) if a]
    values["evidence"] = [Evidence(**_known(Evidence, e)) for e in values.get("evidence") or []]
    if values.get("bounce"):
        bounce = _known(Bounce, values["bounce"])
        bounce["kind"] = BounceKind(bounce["kind"])
        bounce["addresses"] = tuple(bounce.get("addresses") or ())
        values["bounce"] = Bounce(**bounce)
    if values.get("calendar"):
        answer = _known(CalendarAnswer, values["calendar"])
        answer["decision"] = Decision(answer["decision"])
        answer["attendee"] = _attendee(answer.get("attendee"))
        values["calendar"] = CalendarAnswer(**answer)
    return Reading(**values)
