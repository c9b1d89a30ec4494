"""The one small interface every transport has.

A transport reports each message as it goes (``Progress``), not only when a
batch is done: the send loop journals and records results as they come, so a
crash costs at most the messages on the wire, and a stop request is honoured
between messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from mailer.message import Batch


class Outcome(StrEnum):
    SENT = "sent"  # accepted by the next hop
    TRANSIENT = "transient"  # try again later (429, 5xx, 4xx SMTP, timeout)
    PERMANENT = "permanent"  # will never work (SMTP 5xx for this recipient, 400)
    # The connection died after the message was handed over: it may have arrived.
    # Never retried automatically (at most once); the delivery becomes `uncertain`.
    UNKNOWN = "unknown"
    # Our settings are wrong (credentials, host, sender): nothing will work until an
    # operator fixes them, and it is no recipient's fault. Rows stay queued.
    CONFIG = "config"
    # Not handed over because a stop was requested: the row goes back to the queue
    # as it was (not an attempt, not a failure).
    UNTRIED = "untried"


@dataclass(frozen=True)
class Result:
    ref: str  # Recipient.ref
    outcome: Outcome
    reason: str = ""  # the provider's words, for the coordinator
    provider_id: str = ""
    retry_after: float | None = None  # seconds, when the provider said so


class Progress(Protocol):
    """What a transport tells the send loop while a batch is under way (thread-safe)."""

    def handing_over(self, refs: Sequence[str]) -> None:
        """Called right before these messages go on the wire (one SMTP message,
        one SendGrid request): from here on a crash leaves them uncertain."""

    def done(self, result: Result) -> None:
        """A message's result, as soon as it is known."""

    def stopping(self) -> bool:
        """True once a stop is requested: hand nothing more over; report the rest
        ``UNTRIED``."""
        ...


class NoProgress:
    """For callers that only want the list of results (tests, test copies)."""

    def handing_over(self, refs: Sequence[str]) -> None:
        pass

    def done(self, result: Result) -> None:
        pass

    def stopping(self) -> bool:
        return False


NO_PROGRESS = NoProgress()


class Transport(Protocol):
    name: str

    def send_batch(self, batch: Batch, progress: Progress = NO_PROGRESS) -> list[Result]:
        """Send every recipient of ``batch``; one ``Result`` per recipient, in any order,
        each also reported to ``progress.done`` as soon as it is known.

        Never raises for a per-recipient problem. A failure of the whole batch
        is reported as one result per recipient with the same outcome.
        """
        ...

    def close(self) -> None: ...
