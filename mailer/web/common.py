"""What the dashboard's pages share: form values in, local times out, refusals shown.

A form field is text; the packages want ints, aware UTC datetimes and lists.
The conversions live here so every page reads a form the same way, and a
value that cannot be right becomes the same ``InvalidInput`` the CLI raises,
shown on the page next to the form instead of as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData, QueryParams

from mailer.errors import InvalidInput, PleinpostError
from mailer.i18n import _
from mailer.localtime import format_local, parse_local
from mailer.tracking.models import DashboardUser
from mailer.web.auth import Guard
from subscribers.errors import SubscriberError

# What a coordinator can act on: shown on the page (400), never a traceback.
REFUSALS: tuple[type[Exception], ...] = (PleinpostError, SubscriberError)

Fields = FormData | QueryParams


def text(form: Fields, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def body(form: Fields, name: str) -> str:
    """A long text (Markdown) as typed, only the browser's CRLF made LF."""
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def texts(form: Fields, name: str) -> list[str]:
    """Every value of a repeated field (checkboxes), blanks dropped, order kept."""
    values = (v.strip() for v in form.getlist(name) if isinstance(v, str))
    return list(dict.fromkeys(v for v in values if v))


def number(form: Fields, name: str) -> int | None:
    raw = text(form, name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError as err:
        raise InvalidInput(
            _("{field}: not a whole number: {value}").format(field=name, value=raw)
        ) from err


def numbers(form: Fields, name: str) -> list[int]:
    result = []
    for raw in texts(form, name):
        try:
            result.append(int(raw))
        except ValueError as err:
            raise InvalidInput(
                _("{field}: not a whole number: {value}").format(field=name, value=raw)
            ) from err
    return result


def moment(form: Fields, name: str, zone: ZoneInfo) -> datetime | None:
    """A local time from a ``datetime-local`` field (or typed) as aware UTC; blank: None."""
    raw = text(form, name)
    return parse_local(raw, zone) if raw else None


def as_input(value: datetime | None, zone: ZoneInfo) -> str:
    """The value a ``datetime-local`` field shows for a stored UTC time."""
    return value.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if value else ""


def shown(zone: ZoneInfo) -> Callable[[datetime | None], str]:
    """Local time for people, with the zone's abbreviation ("2029-06-07 15:00 CEST")."""

    def show(value: datetime | None) -> str:
        return format_local(value, zone) if value else "—"

    return show


def missing(guard: Guard, request: Request, user: DashboardUser) -> HTMLResponse:
    """A campaign, event or contact that is not there (any more): a page, not a traceback."""
    return guard.page(request, "dashboard/missing.html", status=404, user=user, page="")
