"""Events and the answers of the organisations invited to them.

``events`` (the event, what guests were told, the steps its dates plan) and
``rsvp`` (one answer per organisation, with attendees and history). Never
imports campaigns or the outbox.
"""

from mailer.invitations.events import (
    GUEST_FACTS,
    REMINDER_HOUR,
    Event,
    EventUpdate,
    PlannedStep,
    create_event,
    facts_view,
    get_event,
    guest_facts,
    list_events,
    planned_steps,
    previous_facts,
    reminder_time,
    validate_event,
    validate_timeline,
)
from mailer.invitations.rsvp import (
    RecipientRow,
    Rsvp,
    RsvpChange,
    RsvpStatus,
    parse_attendees,
    registered_recipients,
    rsvp_history,
    rsvps,
    set_rsvp,
)

__all__ = [
    "GUEST_FACTS",
    "REMINDER_HOUR",
    "Event",
    "EventUpdate",
    "PlannedStep",
    "RecipientRow",
    "Rsvp",
    "RsvpChange",
    "RsvpStatus",
    "create_event",
    "facts_view",
    "get_event",
    "guest_facts",
    "list_events",
    "parse_attendees",
    "planned_steps",
    "previous_facts",
    "registered_recipients",
    "reminder_time",
    "rsvp_history",
    "rsvps",
    "set_rsvp",
    "validate_event",
    "validate_timeline",
]
