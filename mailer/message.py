"""A provider-neutral outgoing message, prepared once and personalized per recipient.

``PreparedMessage`` is the compiled mail of one campaign and language, with
*holes* where per-recipient values go. A hole is a plain marker string
(``hole(name, part)``) so that filling it is a string substitution (fast for
local transports) and maps one-to-one onto SendGrid ``substitutions``.
The HTML part and the text part have different markers because the HTML
value is escaped and the text value is not.

CONTRACT (shared by mailer/render and mailer/transports; change both together):
- ``hole(name, "html")`` / ``hole(name, "text")`` give the marker strings.
- ``PreparedMessage.personalize(recipient) -> OutgoingMessage``.
- ``OutgoingMessage.as_bytes() -> bytes``: RFC 5322 message, CRLF line ends.
- ``Recipient.values``: raw (unescaped) values, keyed by hole name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mailer.errors import HeaderInjection

HTML = "html"
TEXT = "text"


def hole(name: str, part: str) -> str:
    """The marker for hole ``name`` in ``part`` ("html" or "text"; subjects use "text")."""
    return f"%%{part[0]}:{name}%%"


def check_header(name: str, value: str) -> str:
    """Refuse CR/LF in a header value: the one way to inject headers."""
    if "\r" in value or "\n" in value:
        raise HeaderInjection(f"header {name} may not contain a line break: {value[:60]!r}")
    return value


@dataclass(frozen=True)
class Address:
    email: str
    name: str = ""

    def __post_init__(self) -> None:
        check_header("address", self.email)
        check_header("display name", self.name)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar"
    data: bytes
    # extra Content-Type parameters, e.g. {"method": "REQUEST", "charset": "utf-8"}
    params: Mapping[str, str] = field(default_factory=dict)
    # an iCalendar part can also go inline as a third alternative (Outlook likes that)
    inline: bool = False


@dataclass(frozen=True)
class Recipient:
    to: Address
    message_id: str  # "<...@domain>", unique per delivery
    values: Mapping[str, str] = field(default_factory=dict)
    reply_to: Address | None = None
    headers: Mapping[str, str] = field(default_factory=dict)  # e.g. List-Unsubscribe
    ref: str = ""  # opaque id of the delivery; never personal data


@dataclass(frozen=True)
class OutgoingMessage:
    """One personalized message: everything needed to put it on the wire."""

    sender: Address
    to: Address
    subject: str
    html: str
    text: str
    message_id: str
    reply_to: Address | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    attachments: Sequence[Attachment] = ()
    ref: str = ""

    def as_bytes(self) -> bytes:  # implemented in the render issue
        raise NotImplementedError


@dataclass(frozen=True)
class PreparedMessage:
    """Compiled once per campaign and language; holes filled per recipient."""

    sender: Address
    subject: str
    html: str
    text: str
    headers: Mapping[str, str] = field(default_factory=dict)  # shared: List-Id, ...
    attachments: Sequence[Attachment] = ()
    holes: frozenset[str] = frozenset()
    categories: Sequence[str] = ()

    def personalize(self, recipient: Recipient) -> OutgoingMessage:  # render issue
        raise NotImplementedError


@dataclass(frozen=True)
class Batch:
    """What a transport is handed: one prepared message and its recipients."""

    message: PreparedMessage
    recipients: Sequence[Recipient]
