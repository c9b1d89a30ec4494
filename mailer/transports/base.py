"""The one small interface every transport has."""

from __future__ import annotations

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


@dataclass(frozen=True)
class Result:
    ref: str  # Recipient.ref
    outcome: Outcome
    reason: str = ""  # the provider's words, for the coordinator
    provider_id: str = ""
    retry_after: float | None = None  # seconds, when the provider said so


class Transport(Protocol):
    name: str

    def send_batch(self, batch: Batch) -> list[Result]:
        """Send every recipient of ``batch``; one ``Result`` per recipient, in any order.

        Never raises for a per-recipient problem. A failure of the whole batch
        is reported as one result per recipient with the same outcome.
        """
        ...

    def close(self) -> None: ...
