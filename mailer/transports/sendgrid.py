"""SendGrid v3 ``/v3/mail/send``: one request carries up to 1000 recipients.

The payload is built by a pure function (``build_payload``) that tests
compare as whole JSON; ``SendGridTransport.post`` is the thin part that talks
to the network through the official client.

Reply addresses. Every delivery has its own reply address, but SendGrid's
``reply_to`` is per request and ``Reply-To`` may not be set in a
personalization's headers. Grouping recipients by reply address would mean
one request per recipient. So each personalization gets its own ``from``:
the recipient's reply address with the sender's display name. A reply then
goes to the per-delivery address, which is what inbound matching wants; the
price is that the reply domain must be authenticated in SendGrid as a sender
domain (see the README, "SendGrid").
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator, Sequence
from email.header import Header
from typing import Any

from sendgrid import SendGridAPIClient

from mailer.errors import InvalidInput
from mailer.message import (
    HTML,
    TEXT,
    Address,
    Attachment,
    Batch,
    PreparedMessage,
    Recipient,
    hole,
)
from mailer.transports.base import Outcome, Result
from mailer.transports.classify import classify

MAX_PERSONALIZATIONS = 1000  # also SendGrid's limit on recipients per request
MAX_SUBSTITUTION_BYTES = 10_000  # per personalization
MAX_CATEGORIES = 10

# Headers SendGrid refuses in ``headers``; each has its own field in the payload.
RESERVED_HEADERS = frozenset(
    h.lower()
    for h in (
        "x-sg-id",
        "x-sg-eid",
        "received",
        "dkim-signature",
        "Content-Type",
        "Content-Transfer-Encoding",
        "To",
        "From",
        "Subject",
        "Reply-To",
        "CC",
        "BCC",
        "MIME-Version",
        "Date",
    )
)


class BadPersonalization(InvalidInput):
    """A recipient SendGrid cannot take: a hole without a value, or values too large."""


def split(
    recipients: Sequence[Recipient], size: int = MAX_PERSONALIZATIONS
) -> Iterator[list[Recipient]]:
    """Chunks of at most ``size`` in which no address appears twice.

    SendGrid refuses a request that names an address twice; a duplicate
    (rare: the outbox deduplicates) waits for a later chunk instead.
    """
    pending = list(recipients)
    while pending:
        later: list[Recipient] = []
        chunk: list[Recipient] = []
        seen: set[str] = set()
        for recipient in pending:
            key = recipient.to.email.lower()
            if key in seen:
                later.append(recipient)
                continue
            chunk.append(recipient)
            seen.add(key)
            if len(chunk) == size:
                yield chunk
                chunk, seen = [], set()
        if chunk:
            yield chunk
        pending = later


def substitutions(holes: frozenset[str], recipient: Recipient) -> dict[str, str]:
    """Both markers of every hole: escaped for HTML, raw for text and subject."""
    subs: dict[str, str] = {}
    for name in sorted(holes):
        try:
            value = recipient.values[name]
        except KeyError:
            raise BadPersonalization(
                f"Geen waarde voor gat {name!r} / no value for hole {name!r}"
            ) from None
        subs[hole(name, HTML)] = html.escape(value)
        subs[hole(name, TEXT)] = value
    size = sum(len(k.encode()) + len(v.encode()) for k, v in subs.items())
    if size > MAX_SUBSTITUTION_BYTES:
        raise BadPersonalization(
            f"Persoonlijke waarden te groot ({size} bytes) / substitutions too large: "
            f"{size} bytes, SendGrid takes at most {MAX_SUBSTITUTION_BYTES}"
        )
    return subs


def personalization(holes: frozenset[str], recipient: Recipient, sender: Address) -> dict[str, Any]:
    """One envelope: the recipient, their values, their headers and their reply address."""
    item: dict[str, Any] = {"to": [_address(recipient.to)]}
    if recipient.reply_to is not None:
        # per-personalization "from" instead of reply_to: see the module docstring
        item["from"] = _address(Address(recipient.reply_to.email, sender.name))
    subs = substitutions(holes, recipient)
    if subs:
        item["substitutions"] = subs
    headers = _headers({**recipient.headers, "Message-ID": recipient.message_id})
    if headers:
        item["headers"] = headers
    if recipient.ref:
        item["custom_args"] = {"d": recipient.ref}  # opaque ids only: SendGrid staff see these
    return item


def build_payload(batch: Batch) -> dict[str, Any]:
    """The whole ``/v3/mail/send`` body for at most 1000 recipients (pure, no I/O)."""
    if len(batch.recipients) > MAX_PERSONALIZATIONS:
        raise ValueError(f"at most {MAX_PERSONALIZATIONS} recipients per request; split first")
    message = batch.message
    items = [personalization(message.holes, r, message.sender) for r in batch.recipients]
    return _payload(message, items)


def _payload(message: PreparedMessage, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The request body around ready-made personalizations."""
    payload: dict[str, Any] = {
        "personalizations": items,
        "from": _address(message.sender),
        "subject": message.subject,
        "content": _content(message.text, message.html, message.attachments),
    }
    headers = _headers(message.headers)
    if headers:
        payload["headers"] = headers
    attachments = [_attachment(a) for a in message.attachments if not a.inline]
    if attachments:
        payload["attachments"] = attachments
    categories = list(dict.fromkeys(message.categories))[:MAX_CATEGORIES]
    if categories:
        payload["categories"] = categories
    return payload


def _address(address: Address) -> dict[str, str]:
    return (
        {"email": address.email, "name": address.name} if address.name else {"email": address.email}
    )


def _headers(headers: dict[str, str] | Any) -> dict[str, str]:
    """Drop what SendGrid reserves; encode non-ASCII values (SendGrid leaves that to us)."""
    out = {}
    for name, value in headers.items():
        if name.lower() in RESERVED_HEADERS:
            continue
        out[name] = value if value.isascii() else Header(value, "utf-8").encode()
    return out


def _content(text: str, html_part: str, attachments: Sequence[Attachment]) -> list[dict[str, str]]:
    """text/plain first (SendGrid requires it), then HTML, then inline calendar alternatives."""
    content = []
    if text:
        content.append({"type": "text/plain", "value": text})
    if html_part:
        content.append({"type": "text/html", "value": html_part})
    for a in attachments:
        if a.inline:
            content.append({"type": _mime_type(a), "value": a.data.decode("utf-8")})
    return content


def _attachment(a: Attachment) -> dict[str, str]:
    return {
        "content": base64.b64encode(a.data).decode("ascii"),
        "filename": a.filename,
        "type": _mime_type(a),
        "disposition": "attachment",
    }


def _mime_type(a: Attachment) -> str:
    return "; ".join([a.content_type, *(f"{k}={v}" for k, v in a.params.items())])


class SendGridTransport:
    """The official client, a timeout always set (it has none by default)."""

    name = "sendgrid"

    def __init__(self, api_key: str, *, host: str, timeout: float) -> None:
        self._sg = SendGridAPIClient(api_key, host=host)
        self._sg.client.timeout = timeout

    def post(self, payload: dict[str, Any]) -> str:
        """Send one request; the ``X-Message-Id`` SendGrid gives it, or raise."""
        response = self._sg.send(payload)
        return str(response.headers.get("X-Message-Id") or "")

    def send_batch(self, batch: Batch) -> list[Result]:
        results: list[Result] = []
        message = batch.message
        for chunk in split(batch.recipients):
            ready: list[tuple[Recipient, dict[str, Any]]] = []
            for recipient in chunk:  # each personalization built once, bad ones fail alone
                try:
                    item = personalization(message.holes, recipient, message.sender)
                except BadPersonalization as err:
                    results.append(Result(recipient.ref, Outcome.PERMANENT, str(err)))
                else:
                    ready.append((recipient, item))
            if ready:
                results += self._send_chunk(message, ready)
        return results

    def _send_chunk(
        self, message: PreparedMessage, ready: list[tuple[Recipient, dict[str, Any]]]
    ) -> list[Result]:
        """All recipients of one request share its outcome."""
        payload = _payload(message, [item for _, item in ready])
        try:
            message_id = self.post(payload)
        except Exception as err:  # classify decides transient or permanent
            failure = classify(err)
            return [
                Result(r.ref, failure.outcome, failure.reason, retry_after=failure.retry_after)
                for r, _ in ready
            ]
        return [Result(r.ref, Outcome.SENT, provider_id=message_id) for r, _ in ready]

    def close(self) -> None:
        """Nothing held open: the client opens a connection per request."""
