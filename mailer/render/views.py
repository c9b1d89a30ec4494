"""Campaign data turned into the plain values templates show (dates already in words)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

from mailer.errors import TemplateError
from mailer.i18n import _
from mailer.render import dates

MAP_URL = "https://www.openstreetmap.org/search?query={query}"


def field(obj: Any, name: str, default: Any = None) -> Any:
    """An attribute of a model or a key of a mapping: both are 'Event-like'."""
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def event_view(event: Any, lang: str, default_zone: str) -> dict[str, Any]:
    """Title, Dutch or English date and time, place, map link, deadline, cap."""
    starts, ends = field(event, "starts_at"), field(event, "ends_at")
    title = field(event, "title")
    if not title or starts is None or ends is None:
        raise TemplateError(_("The event needs a title, a start and an end"))
    zone = field(event, "timezone") or default_zone
    place, address = field(event, "place", "") or "", field(event, "address", "") or ""
    reply_by = field(event, "reply_by")
    where = ", ".join(part for part in (place, address) if part)
    return {
        "title": title,
        "date": dates.long_date(starts, lang, zone),
        "short_date": dates.short_date(starts, lang, zone),
        "time": dates.time_range(starts, ends, lang, zone),
        "place": place,
        "address": address,
        "map_url": MAP_URL.format(query=quote_plus(where)) if address else "",
        "deadline": dates.deadline_phrase(reply_by, lang, zone) if reply_by else "",
        "cap": field(event, "max_per_organisation"),
        "url": field(event, "url", "") or "",
        "description": field(event, "description", "") or "",
    }


def agenda_view(item: Any, lang: str, default_zone: str) -> dict[str, Any]:
    """An agenda line: the event, and whether taking part is by invitation."""
    return {**event_view(item, lang, default_zone), "invited": bool(field(item, "invited"))}


def people(items: Any) -> list[dict[str, str]]:
    """Attendees as ``{"name", "email"}``; plain strings are names."""
    result = []
    for item in items or ():
        if isinstance(item, str):
            result.append({"name": item, "email": ""})
        else:
            result.append(
                {"name": str(field(item, "name", "")), "email": field(item, "email") or ""}
            )
    return result
