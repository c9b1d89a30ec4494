"""The templates there are, and what campaign data each one needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Ics = Literal["PUBLISH", "REQUEST", "CANCEL"] | None


@dataclass(frozen=True)
class Spec:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    ics: Ics = None  # the calendar part this mail carries


_COMMON = ("subject", "preview", "campaign_id", "logo_url", "list_id")

TEMPLATES: dict[str, Spec] = {
    "newsletter": Spec(
        required=("content",),
        optional=(*_COMMON, "intro", "agenda", "contact_email", "issue_label"),
    ),
    "invitation": Spec(required=("event",), optional=(*_COMMON, "content"), ics="REQUEST"),
    "reminder": Spec(required=("event",), optional=(*_COMMON, "content")),
    "programme": Spec(required=("event",), optional=(*_COMMON, "content", "attendees")),
    "confirmation": Spec(
        required=("event", "attendees", "organisation"), optional=_COMMON, ics="REQUEST"
    ),
    "cap_exceeded": Spec(
        required=("event", "attendees", "refused", "organisation"), optional=_COMMON
    ),
    "late_reply": Spec(required=("event",), optional=(*_COMMON, "organisation")),
    "decline_ack": Spec(required=("event", "organisation"), optional=_COMMON),
    "unsubscribe_confirmed": Spec(required=(), optional=_COMMON),
    # an event moved or cancelled (mailer/event_edit.py): same UID, higher SEQUENCE
    "update": Spec(required=("event",), optional=(*_COMMON, "content", "previous"), ics="PUBLISH"),
    "cancellation": Spec(required=("event",), optional=(*_COMMON, "content"), ics="CANCEL"),
}

# The MJML elements our templates may use: anything else is a typo mjml-python
# would silently drop.
KNOWN_TAGS = frozenset(
    {
        "mjml", "mj-head", "mj-body", "mj-title", "mj-preview", "mj-attributes", "mj-all",
        "mj-style", "mj-font", "mj-breakpoint", "mj-section", "mj-column", "mj-group",
        "mj-wrapper", "mj-text", "mj-image", "mj-button", "mj-divider", "mj-spacer",
        "mj-table", "mj-raw", "mj-social", "mj-social-element", "mj-hero", "mj-class",
        "mj-navbar", "mj-navbar-link", "mj-accordion", "mj-carousel",
    }
)  # fmt: skip
