"""Provider events in our own words: SendGrid's event names through one table.

Translating at the edge keeps the rest of Pleinpost free of SendGrid's
vocabulary: a name SendGrid adds later becomes ``UNKNOWN`` (stored, shown,
acted on never) instead of an error that makes SendGrid retry forever.
Parsing takes the raw body bytes, not a framework request.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from mailer.errors import InvalidInput
from mailer.i18n import _

CUSTOM_ARG = "d"  # the key under which the send puts a delivery's opaque id in custom_args


class EventType(StrEnum):
    PROCESSED = "processed"
    DELIVERED = "delivered"
    DEFERRED = "deferred"
    BOUNCED = "bounced"  # hard: the address does not exist (or will never take our mail)
    BLOCKED = "blocked"  # soft: refused this time (reputation, content, full mailbox)
    DROPPED = "dropped"  # SendGrid did not even try
    OPENED = "opened"
    CLICKED = "clicked"
    COMPLAINED = "complained"  # marked as spam
    UNSUBSCRIBED = "unsubscribed"
    RESUBSCRIBED = "resubscribed"
    UNKNOWN = "unknown"


# SendGrid's ``event`` (and for bounces its ``type``) → ours.
SENDGRID: dict[str, EventType] = {
    "processed": EventType.PROCESSED,
    "delivered": EventType.DELIVERED,
    "deferred": EventType.DEFERRED,
    "bounce": EventType.BOUNCED,
    "bounce/bounce": EventType.BOUNCED,
    "bounce/blocked": EventType.BLOCKED,
    "blocked": EventType.BLOCKED,
    "dropped": EventType.DROPPED,
    "open": EventType.OPENED,
    "click": EventType.CLICKED,
    "spamreport": EventType.COMPLAINED,
    "unsubscribe": EventType.UNSUBSCRIBED,
    "group_unsubscribe": EventType.UNSUBSCRIBED,
    "group_resubscribe": EventType.RESUBSCRIBED,
}

# A bounce SendGrid classifies like this is about the message or the moment, not the address.
_SOFT_CLASSIFICATIONS = {"technical", "content", "reputation", "frequency or volume too high"}


@dataclass(frozen=True)
class ParsedEvent:
    event_id: str
    kind: EventType
    provider_kind: str
    email: str
    reason: str
    occurred_at: datetime | None
    ref: str  # the opaque delivery id from custom_args, "" when absent
    payload: dict[str, Any]


def _provider_kind(item: dict[str, Any]) -> str:
    name = str(item.get("event", "")).strip().lower()
    if name == "bounce" and item.get("type"):
        return f"bounce/{str(item['type']).strip().lower()}"
    return name


def _kind(item: dict[str, Any], provider_kind: str) -> EventType:
    kind = SENDGRID.get(provider_kind) or SENDGRID.get(provider_kind.split("/")[0])
    if kind is None:
        return EventType.UNKNOWN
    classification = str(item.get("bounce_classification", "")).strip().lower()
    if kind is EventType.BOUNCED and classification in _SOFT_CLASSIFICATIONS:
        return EventType.BLOCKED
    return kind


def _occurred(value: object) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(str(value)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _event_id(item: dict[str, Any]) -> str:
    """SendGrid's ``sg_event_id``; without one, a digest of the event (same event, same id)."""
    given = str(item.get("sg_event_id") or "").strip()
    if given:
        return given[:200]
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _words(item: dict[str, Any]) -> str:
    for key in ("reason", "response"):
        if item.get(key):
            return str(item[key])[:1000]
    return ""


def read_event(item: dict[str, Any]) -> ParsedEvent:
    provider_kind = _provider_kind(item)
    ref = item.get(CUSTOM_ARG)
    return ParsedEvent(
        event_id=_event_id(item),
        kind=_kind(item, provider_kind),
        provider_kind=provider_kind[:60],
        email=str(item.get("email") or "").strip()[:320],
        reason=_words(item),
        occurred_at=_occurred(item.get("timestamp")),
        ref=str(ref).strip() if isinstance(ref, str | int) else "",
        payload=item,
    )


def parse_sendgrid(body: bytes) -> list[ParsedEvent]:
    """The events of one Event Webhook POST (a JSON array of objects)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise InvalidInput(_("The webhook body is not JSON: {error}").format(error=err)) from err
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InvalidInput(_("The webhook body is not a list of events"))
    return [read_event(item) for item in data]
