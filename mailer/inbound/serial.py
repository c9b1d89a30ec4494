"""A ``Reading`` as the JSON stored beside its message, and back.

The review queue, ``mailer inbound show`` and a later correction all read
what the pipeline stored; a reading written by an older version (a field it
did not have yet) still loads, with that field's default.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache
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
    """What ``dataclasses.asdict`` gives, made without its deep copies (a reading holds
    only strings, numbers, enums and other readings' parts: nothing to copy)."""
    out = _plain(reading)
    assert isinstance(out, dict)
    return out


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _names(type(value))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


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
