"""SendGrid v3 ``/v3/mail/send``: the sender is always the network.

The payloads are built by pure functions (``plan``, ``build_payloads``) that
tests compare as whole JSON; ``SendGridTransport.post`` is the thin part that
talks to the network, with the official client's headers and error classes.

A newsletter makes a thousand personalizations per request, a hundred
requests per 100,000 recipients, so each request body is made as JSON text
once (``Request.body``): every personalization by string formatting from
JSON-quoted values (``_Personalizations``), joined to the part every request
of the message shares. The dict form (``personalization``,
``Request.payload``) is the same JSON read back, for tests and for reading.

From and replies (README, "SendGrid"). Every request's ``from`` is the
network's own address and name (``MAILER_FROM``); no personalization
overrides it, because a random ``antwoord+…`` sender looks like phishing.
SendGrid's ``reply_to`` is per request and ``Reply-To`` may not be set in a
personalization, so replies come home in one of two ways, chosen per batch
(``Batch.reply_mode``, decided in ``mailer/message.py``):

- per recipient (invitations and other event mail): one request per
  recipient, carrying the delivery's own reply address as ``reply_to``. The
  requests run side by side on a small thread pool
  (``MAILER_SENDGRID_CONCURRENCY``), paced at ``MAILER_RATE_PER_SECOND``,
  and each is classified on its own: a 429 defers only its recipient.
- grouped (newsletters): up to 1000 personalizations per request, one
  campaign-level ``reply_to`` (the reply address without its ``+token``), and
  every personalization its delivery's own ``Message-ID``, so a reply's
  ``In-Reply-To`` finds the delivery.
"""

from __future__ import annotations

import base64
import html
import http.client
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.header import Header
from functools import lru_cache
from json.encoder import encode_basestring_ascii
from typing import Any, Protocol, runtime_checkable

from python_http_client.exceptions import handle_error
from sendgrid import SendGridAPIClient

from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.message import (
    HTML,
    TEXT,
    Address,
    Attachment,
    Batch,
    PreparedMessage,
    Recipient,
    ReplyMode,
    hole,
)
from mailer.transports.base import NO_PROGRESS, Outcome, Progress, Result
from mailer.transports.classify import Failure, classify

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
    if len({r.to.email.lower() for r in recipients}) == len(recipients):  # the usual case
        for start in range(0, len(recipients), size):
            yield list(recipients[start : start + size])
        return
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


_quoted: Callable[[str], str] = encode_basestring_ascii  # a JSON string, ASCII only (C)
_HTML_SPECIAL = re.compile("[&<>\"']")  # what ``html.escape`` changes


def substitutions(holes: frozenset[str], recipient: Recipient) -> dict[str, str]:
    """Both markers of every hole: escaped for HTML, raw for text and subject."""
    markers, fixed = _markers(holes)
    values = recipient.values
    subs: dict[str, str] = {}
    size = fixed
    for name, html_marker, text_marker in markers:
        try:
            value = values[name]
        except KeyError:
            raise BadPersonalization(_("No value for hole {hole!r}").format(hole=name)) from None
        escaped = html.escape(value)
        subs[html_marker] = escaped
        subs[text_marker] = value
        size += _utf8_len(escaped) + _utf8_len(value)
    if size > MAX_SUBSTITUTION_BYTES:
        raise BadPersonalization(
            _("Personal values too large: {size} bytes, SendGrid takes at most {limit}").format(
                size=size, limit=MAX_SUBSTITUTION_BYTES
            )
        )
    return subs


@lru_cache(maxsize=64)
def _markers(holes: frozenset[str]) -> tuple[tuple[tuple[str, str, str], ...], int]:
    """Each hole's two markers, in a stable order, and their bytes (the same for every
    recipient of a message, so worked out once, not per recipient)."""
    markers = tuple((name, hole(name, HTML), hole(name, TEXT)) for name in sorted(holes))
    return markers, sum(len(h.encode()) + len(t.encode()) for _n, h, t in markers)


def _utf8_len(value: str) -> int:
    return len(value) if value.isascii() else len(value.encode())


def personalization(holes: frozenset[str], recipient: Recipient) -> dict[str, Any]:
    """One envelope: the recipient, their values and headers (their own ``Message-ID``).

    No ``from`` here: the request's ``from`` (the network) applies to everyone.
    """
    item: dict[str, Any] = {"to": [_address(recipient.to)]}
    subs = substitutions(holes, recipient)
    if subs:
        item["substitutions"] = subs
    headers = _headers({**recipient.headers, "Message-ID": recipient.message_id})
    if headers:
        item["headers"] = headers
    if recipient.ref:
        item["custom_args"] = {"d": recipient.ref}  # opaque ids only: SendGrid staff see these
    return item


class _Personalizations:
    """``personalization()`` as JSON text, for every recipient of one message.

    What is the same for every recipient is made once: per shape (a name or
    not, the header names, a ``ref`` or not) the whole personalization with a
    ``%s`` for each value, the substitution keys in order, the headers SendGrid
    takes. Per recipient only the values are quoted (C) and put in place by one
    ``%``. ``json.loads`` of the text equals ``personalization()``; a recipient
    whose headers name ``Message-ID`` themselves takes the dict path.
    """

    def __init__(self, holes: frozenset[str]) -> None:
        markers, self.fixed = _markers(holes)
        self.names = [name for name, _html, _text in markers]
        self.substitutions = (
            ',"substitutions":{'
            + ",".join(f"{_literal(h)}:%s,{_literal(t)}:%s" for _name, h, t in markers)
            + "}"
            if markers
            else ""
        )
        self.holes = holes
        self._shapes: dict[tuple[bool, bool, tuple[str, ...]], tuple[tuple[str, ...], str]] = {}

    def __call__(self, recipient: Recipient) -> str:
        to, given, ref = recipient.to, recipient.headers, recipient.ref
        key = (bool(to.name), bool(ref), tuple(given))
        shape = self._shapes.get(key)
        if shape is None:
            if "Message-ID" in key[2]:  # an unusual shape: the dict path, the same JSON
                return _json(personalization(self.holes, recipient))
            shape = self._shapes[key] = self._shape(*key)
        kept, template = shape
        args = [_quoted(to.email), _quoted(to.name)] if to.name else [_quoted(to.email)]
        if self.names:
            self._values(recipient.values, args)
        for name in kept:
            value = given[name]
            args.append(_quoted(value if value.isascii() else Header(value, "utf-8").encode()))
        args.append(_quoted(recipient.message_id))
        if ref:
            args.append(_quoted(ref))
        return template % tuple(args)

    def _shape(self, named: bool, ref: bool, names: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
        """The header names SendGrid takes, and the personalization with a ``%s`` per value."""
        kept = tuple(n for n in names if n.lower() not in RESERVED_HEADERS)
        to = '{"to":[{"email":%s,"name":%s}]' if named else '{"to":[{"email":%s}]'
        headers = ",".join(f"{_literal(k)}:%s" for k in (*kept, "Message-ID"))
        custom = ',"custom_args":{"d":%s}' if ref else ""  # opaque ids only: SendGrid staff see
        return kept, f'{to}{self.substitutions},"headers":{{{headers}}}{custom}}}'

    def _values(self, values: Mapping[str, str], out: list[str]) -> None:
        """Each hole's value HTML-escaped and raw, JSON-quoted, onto ``out``; the checks of
        ``substitutions``."""
        size = self.fixed
        for name in self.names:
            try:
                value = values[name]
            except KeyError:
                raise BadPersonalization(
                    _("No value for hole {hole!r}").format(hole=name)
                ) from None
            raw = _quoted(value)
            length = len(value) if value.isascii() else len(value.encode())
            if _HTML_SPECIAL.search(value) is None:  # most values: escaping changes nothing
                out += (raw, raw)
                size += 2 * length
                continue
            escaped = html.escape(value)
            out += (_quoted(escaped), raw)
            size += _utf8_len(escaped) + length
        if size > MAX_SUBSTITUTION_BYTES:
            raise BadPersonalization(
                _("Personal values too large: {size} bytes, SendGrid takes at most {limit}").format(
                    size=size, limit=MAX_SUBSTITUTION_BYTES
                )
            )


def _literal(key: str) -> str:
    """A JSON-quoted key inside a ``%`` template (markers are ``%%h:name%%``)."""
    return _quoted(key).replace("%", "%%")


def _json(value: Any) -> str:
    """Compact JSON, ASCII only (the form every request body is written in)."""
    return json.dumps(value, separators=(",", ":"))


@dataclass
class Request:
    """One ``/v3/mail/send`` call and the recipients whose fate it decides."""

    recipients: list[Recipient]
    body: bytes  # the JSON request body, as posted

    @property
    def payload(self) -> dict[str, Any]:
        """The body read back (tests compare it as whole JSON)."""
        payload: dict[str, Any] = json.loads(self.body)
        return payload


@dataclass
class Plan:
    """Every request a batch makes, and the recipients refused before any request."""

    requests: list[Request] = field(default_factory=list)
    refused: list[tuple[Recipient, BadPersonalization]] = field(default_factory=list)


def plan(batch: Batch) -> Plan:
    """The requests for ``batch`` in its reply mode (pure, no I/O).

    Each personalization is built once; a recipient SendGrid could not take
    is refused alone and the others still go.
    """
    message = batch.message
    base = _payload(message)
    shared = _json(base)[1:-1]  # every key of the shared part, without its braces
    encode = _Personalizations(message.holes)
    out = Plan()
    ready: list[tuple[Recipient, str]] = []
    for recipient in batch.recipients:
        try:
            ready.append((recipient, encode(recipient)))
        except BadPersonalization as err:
            out.refused.append((recipient, err))
    if batch.reply_mode is ReplyMode.PER_RECIPIENT:
        for recipient, item in ready:
            own = _own_parts(base, message, recipient)
            rest = shared if own is base else _json(own)[1:-1]
            out.requests.append(Request([recipient], _body(rest, [item], recipient.reply_to)))
        return out
    items = {id(recipient): item for recipient, item in ready}
    for reply_to, group in _by_campaign_reply(recipient for recipient, _item in ready).items():
        for chunk in split(group):
            body = _body(shared, [items[id(r)] for r in chunk], reply_to)
            out.requests.append(Request(chunk, body))
    return out


def _own_parts(
    base: dict[str, Any], message: PreparedMessage, recipient: Recipient
) -> dict[str, Any]:
    """The shared payload, or this recipient's where their attachments differ.

    An invitation's calendar names the delivery's reply address and the
    contact (mailer/render/calendar.py); substitutions never reach inside
    attachments, but a request of its own can carry them. A grouped request
    carries the shared calendar, which is still a valid invitation.
    """
    attachments = message.attachments_for(recipient)
    if attachments is message.attachments:
        return base
    own = {**base, "content": _content(message.text, message.html, attachments)}
    attached = [_attachment(a) for a in attachments if not a.inline]
    if attached:
        own["attachments"] = attached
    return own


def build_payloads(batch: Batch) -> list[dict[str, Any]]:
    """Every request body of ``batch``; raises ``BadPersonalization`` for a bad recipient."""
    planned = plan(batch)
    if planned.refused:
        raise planned.refused[0][1]
    return [r.payload for r in planned.requests]


def build_payload(batch: Batch) -> dict[str, Any]:
    """The one request body of a batch that makes exactly one request."""
    payloads = build_payloads(batch)
    if len(payloads) != 1:
        raise ValueError(f"this batch makes {len(payloads)} requests, not one; use plan()")
    return payloads[0]


def campaign_reply_to(recipient: Recipient) -> Address | None:
    """The reply address a grouped request shares: the delivery's, without its token."""
    return recipient.reply_to.without_tag() if recipient.reply_to is not None else None


def _by_campaign_reply(recipients: Iterator[Recipient]) -> dict[Address | None, list[Recipient]]:
    """Recipients by the reply address their request will carry (normally one group).

    The reply addresses of one campaign differ only in their tag: each distinct
    ``reply_to`` is worked out once, not once per recipient.
    """
    groups: dict[Address | None, list[Recipient]] = {}
    shared: dict[tuple[str, str] | None, list[Recipient]] = {}
    last: tuple[str, str] | bool | None = False  # the key before, False at the start
    group: list[Recipient] = []
    for recipient in recipients:
        own = recipient.reply_to
        key = None
        if own is not None:  # the address ``without_tag`` makes, as a string
            email = own.email
            plus, at = email.find("+"), email.rfind("@")
            key = (email[:plus] + email[at:] if 0 < plus < at else email, own.name)
        if key != last:  # mostly the same as the one before: no lookups then
            if key not in shared:
                shared[key] = groups.setdefault(campaign_reply_to(recipient), [])
            group, last = shared[key], key
        group.append(recipient)
    return groups


def _body(shared: str, items: list[str], reply_to: Address | None) -> bytes:
    """The request body: the personalizations, the shared part, the reply address."""
    reply = f',"reply_to":{_json(_address(reply_to))}' if reply_to is not None else ""
    return f'{{"personalizations":[{",".join(items)}],{shared}{reply}}}'.encode("ascii")


NO_PROVIDER_TRACKING: dict[str, Any] = {
    "click_tracking": {"enable": False, "enable_text": False},
    "open_tracking": {"enable": False},
    "subscription_tracking": {"enable": False},
    "ganalytics": {"enable": False},  # utm_ parameters on every link, /u/<ref> too
}


def _payload(message: PreparedMessage) -> dict[str, Any]:
    """What every request of ``message`` shares: the network as sender, subject, body."""
    payload: dict[str, Any] = {
        "from": _address(message.sender),
        "subject": message.subject,
        "content": _content(message.text, message.html, message.attachments),
        # SendGrid's own tracking, where an account has it on, would rewrite every
        # link (the unsubscribe link too) and add its pixel whatever MAILER_TRACKING
        # says: Pleinpost tracks for itself or not at all.
        "tracking_settings": NO_PROVIDER_TRACKING,
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
    """SendGrid takes an inline calendar only as ``text/calendar; method=...`` (no charset:
    it sends UTF-8 quoted-printable itself; sendgrid-nodejs issue #217)."""
    params = list(a.params.items())
    if a.inline and a.content_type == "text/calendar":
        params = [(k, v) for k, v in params if k.lower() == "method"]
    return "; ".join([a.content_type, *(f"{k}={v}" for k, v in params)])


class Pacer:
    """Spaces request starts so that messages leave at most ``per_second`` a second.

    Shared by the pool's threads and kept across batches, so the rate holds
    inside a batch too (the dispatcher paces only between batches). Each call
    reserves the next slot under a lock and sleeps outside it.
    """

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_second = per_second
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next: float | None = None

    def wait(self, messages: int = 1) -> None:
        """Block until ``messages`` more may start."""
        if not self.per_second:
            return
        with self._lock:
            now = self._clock()
            start = now if self._next is None else max(now, self._next)
            self._next = start + messages / self.per_second
        if start > now:
            self._sleep(start - now)


@dataclass
class _ConfigStop:
    """Set by the first request that finds our settings wrong (401/403/404)."""

    reason: str | None = None


def _after_sending(err: Exception) -> Failure | None:
    """A request that went out whole and got no answer may have been accepted.

    urllib wraps what fails while connecting or writing the request in
    ``URLError`` (nothing was accepted: transient); a timeout or a dropped
    connection while waiting for the answer comes bare, after SendGrid had the
    whole request: those recipients become ``uncertain``, never retried by
    themselves.
    """
    if isinstance(err, urllib.error.URLError):
        return None
    if isinstance(err, (TimeoutError, ConnectionError, http.client.HTTPException)):
        words = str(err) or type(err).__name__
        return Failure(
            Outcome.UNKNOWN,
            _("no answer after the request was sent ({error}); may have been delivered").format(
                error=words
            ),
        )
    return None


@runtime_checkable
class ReportsMany(Protocol):
    """A ``Progress`` that takes a request's results in one call (the send loop's
    recorder: one journal write for a thousand recipients instead of a thousand)."""

    def done_all(self, results: Sequence[Result]) -> None: ...


def _report(progress: Progress, results: Sequence[Result]) -> None:
    if isinstance(progress, ReportsMany):
        progress.done_all(results)
        return
    for result in results:
        progress.done(result)


@dataclass(frozen=True)
class Ready:
    """A batch whose requests are built; calling it with a ``Progress`` sends them."""

    transport: SendGridTransport
    planned: Plan
    side_by_side: bool

    def __call__(self, progress: Progress = NO_PROGRESS) -> list[Result]:
        return self.transport.send_planned(self.planned, progress, self.side_by_side)


# A JSON content type the client does not take for "serialise this for me".
_JSON_TEXT = "application/json; charset=utf-8"


class SendGridTransport:
    """Posts to SendGrid as the official client does, a timeout always set (the client
    has none by default).

    The bodies are JSON text already: they are posted as they are, under a
    JSON content type that names its charset, with the client's URL, headers
    and error classes (``post``).
    """

    name = "sendgrid"

    def __init__(
        self,
        api_key: str,
        *,
        host: str,
        timeout: float,
        concurrency: int = 8,
        rate_per_second: float = 0.0,
    ) -> None:
        self._sg = SendGridAPIClient(api_key, host=host)
        self._sg.client.timeout = timeout
        self._sg.client.request_headers["Content-Type"] = _JSON_TEXT
        self._url: str = self._sg.client.mail.send._build_url(None)  # as the client posts
        self._opener = urllib.request.build_opener()  # proxies as the environment says
        self.concurrency = max(1, concurrency)
        self.pacer = Pacer(rate_per_second)

    def post(self, body: bytes) -> str:
        """Send one request body; the ``X-Message-Id`` SendGrid gives it, or raise.

        The request the client's ``mail.send.post`` makes (its URL, headers and
        timeout, its error classes for an HTTP error), made here: the client
        formats every request body into a debug message even with logging off
        (with the opener it builds per request, about half a second of CPU per
        100,000 recipients), and a DEBUG log would hold everyone in the body.
        """
        client = self._sg.client
        request = urllib.request.Request(
            self._url, data=body, headers=client.request_headers, method="POST"
        )
        try:
            with self._opener.open(request, timeout=client.timeout) as response:
                response.read()  # the connection is done with only once the answer is read
                return str(response.headers.get("X-Message-Id") or "")
        except urllib.error.HTTPError as err:
            raise handle_error(err) from None

    def send_batch(self, batch: Batch, progress: Progress = NO_PROGRESS) -> list[Result]:
        """Every recipient's own result; per recipient, the requests run side by side."""
        return self.prepare(batch)(progress)

    def prepare(self, batch: Batch) -> Ready:
        """Build every request of ``batch`` now, to send later (``Ready(progress)``).

        The send loop calls this for the next batch while the previous one is
        still on the wire, so building requests (personalizations, the
        refused) overlaps with waiting on SendGrid instead of following it.
        """
        planned = plan(batch)
        side_by_side = batch.reply_mode is ReplyMode.PER_RECIPIENT and self.concurrency > 1
        return Ready(self, planned, side_by_side and len(planned.requests) > 1)

    def send_planned(self, planned: Plan, progress: Progress, side_by_side: bool) -> list[Result]:
        """Send what ``plan`` built: the refused reported first, then each request."""
        results = [Result(r.ref, Outcome.PERMANENT, str(err)) for r, err in planned.refused]
        if results:
            _report(progress, results)
        requests = planned.requests
        stop = _ConfigStop()
        # Grouped requests are few and large (up to 1000 recipients): one after the other.
        if not side_by_side:
            for request in requests:
                results += self._reported(request, stop, progress)
            return results
        with ThreadPoolExecutor(
            max_workers=min(self.concurrency, len(requests)), thread_name_prefix="sendgrid"
        ) as pool:
            for outcome in pool.map(
                lambda request: self._reported(request, stop, progress), requests
            ):
                results += outcome
        return results

    def _reported(self, request: Request, stop: _ConfigStop, progress: Progress) -> list[Result]:
        if progress.stopping():
            results = [Result(r.ref, Outcome.UNTRIED) for r in request.recipients]
        else:
            progress.handing_over([r.ref for r in request.recipients])
            results = self._send(request, stop)
        _report(progress, results)
        return results

    def _send(self, request: Request, stop: _ConfigStop) -> list[Result]:
        """One request; all its recipients share its outcome, and only they do."""
        if stop.reason is not None:  # our settings are wrong: every later request would fail
            return [Result(r.ref, Outcome.CONFIG, stop.reason) for r in request.recipients]
        self.pacer.wait(len(request.recipients))
        try:
            message_id = self.post(request.body)
        except Exception as err:  # classify decides transient, permanent or config
            failure = _after_sending(err) or classify(err)
            if failure.outcome is Outcome.CONFIG:
                stop.reason = failure.reason
            return [
                Result(r.ref, failure.outcome, failure.reason, retry_after=failure.retry_after)
                for r in request.recipients
            ]
        sent = Outcome.SENT
        return [Result(r.ref, sent, "", message_id) for r in request.recipients]

    def close(self) -> None:
        """Nothing held open: the client opens a connection per request, pools live per batch."""
