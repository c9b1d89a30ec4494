"""The exception tree.

``PleinpostError`` is the root of everything a coordinator can act on; each
subclass also inherits the matching builtin so callers can catch either.
``ConfigError`` stands outside the tree on purpose: no "keep going" loop that
catches ``PleinpostError`` may swallow a broken configuration.
"""

from __future__ import annotations


class ConfigError(Exception):
    """A setting is missing or wrong; the message names the variable to fix."""


class PleinpostError(Exception):
    """Base of the errors a coordinator or operator can act on."""


class NotFound(PleinpostError, LookupError):
    """A campaign, event, contact, segment or template that does not exist."""


class InvalidInput(PleinpostError, ValueError):
    """Input that cannot be right (a date in the past, an unknown kind, ...)."""


class InvalidTransition(PleinpostError, ValueError):
    """A campaign or delivery asked to move to a state it cannot reach from here."""


class TemplateError(PleinpostError, ValueError):
    """A template that does not compile or render; names the template and line."""


class HeaderInjection(InvalidInput):
    """A header value with CR or LF in it."""


class TransportError(PleinpostError):
    """A way out failed as a whole (not one recipient); see ``transient``."""

    def __init__(self, message: str, *, transient: bool, retry_after: float | None = None):
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


class NonexistentLocalTime(InvalidInput):
    """A local time skipped by the spring DST change (02:00–03:00 in Amsterdam)."""


class AmbiguousLocalTime(InvalidInput):
    """A local time that happens twice at the autumn DST change; needs an explicit choice."""


class TimelineError(InvalidInput):
    """An event's timeline that cannot be right (reminder after the deadline, ...)."""


class CapExceeded(InvalidInput):
    """More attendees for one organisation than the event's cap per organisation."""


class CapacityFull(InvalidInput):
    """An RSVP that would take the event past its total capacity."""


class LeadershipLost(PleinpostError, RuntimeError):
    """The scheduler lost its leader lock (connection dropped); it must stop."""


class MigrationBroke(PleinpostError, RuntimeError):
    """A schema migration would leave rows pointing at rows that are gone; it was
    rolled back, and the database is as it was."""
