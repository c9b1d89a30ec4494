"""Raw bytes to a parsed message that every reading step can trust.

Inbound mail is hostile input: broken MIME, lying charsets, 30 MB of
attachments, headers in any encoding. ``parse`` never raises; what it could not
read it notes in ``defects`` so the classifier can say why it gave up.

Two rules shape it: the reply text comes only from the message itself, never
from an attached ``message/rfc822`` (a forwarded invitation or the original
inside a bounce is not an answer), and big attachments are dropped before
parsing so their size costs a regex pass, not a MIME decode.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr
from functools import cached_property

from mailer.inbound.htmltext import html_to_text

# Above this the raw message is searched for long base64 runs to drop (attachments).
ELIDE_ABOVE = 512 * 1024
# Whatever is still above this after eliding is cut: headers and first parts stay.
MAX_PARSE_BYTES = 8 * 1024 * 1024
# Text we decode per part and in total; a reply longer than this is not an RSVP.
MAX_TEXT_CHARS = 200_000
MAX_CALENDAR_BYTES = 512 * 1024
MAX_ADDRESSES = 1000
MAX_PARTS = 500

# Raw 8-bit bytes in a header, as the stdlib hands them over (surrogate escapes).
_SURROGATE = re.compile("[\udc80-\udcff]")
# A run of base64 lines long enough to be an attachment (~ 60 KB and up).
_BASE64_RUN = re.compile(rb"(?:[A-Za-z0-9+/=]{40,100}\r?\n){800,}")
_CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar"}
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",  # what senders mean; cp1252 decodes every byte
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
    "utf8": "utf-8",
}


@dataclass(frozen=True)
class ParsedMessage:
    """The parts of a message the readers look at, decoded once.

    ``message`` is the stdlib tree (policy compat32, attachments elided) for
    readers that need the structure (bounce reports, flufl.bounce).
    """

    message: Message
    headers: tuple[tuple[str, str], ...]  # (lower-case name, decoded value), in order
    subject: str = ""
    from_name: str = ""
    from_address: str = ""  # lower-case, "" when missing or unreadable
    reply_to: str = ""
    to: tuple[str, ...] = ()  # To + Cc addresses, lower-case
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    content_type: str = "text/plain"  # of the whole message
    report_type: str = ""  # the report-type parameter of multipart/report
    text: str = ""  # the body text: text/plain, else HTML converted (quote already cut)
    text_source: str = "none"  # "plain" | "html" | "none"
    html_quote: str = ""  # text of the quote cut from the HTML body, for review
    html_quote_marker: str = ""  # which HTML marker cut it (e.g. "div.gmail_quote")
    calendars: tuple[str, ...] = ()  # top-level text/calendar payloads, decoded
    part_types: tuple[str, ...] = ()  # content types of all parts outside message/rfc822
    attached_messages: int = 0  # message/rfc822 parts (never read for answers)
    size: int = 0  # bytes received
    elided: bool = False  # large attachments were dropped before parsing
    truncated: bool = False  # the message was cut at MAX_PARSE_BYTES
    defects: tuple[str, ...] = field(default_factory=tuple)

    def header(self, name: str) -> str:
        """The first header of that name, decoded; "" when absent."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), "")

    def headers_named(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key == wanted]

    def has_header(self, name: str) -> bool:
        return name.lower() in self._header_names

    @cached_property
    def _header_names(self) -> frozenset[str]:
        """Made once: the auto-reply gate asks about twenty headers of every message."""
        return frozenset(key for key, _ in self.headers)


def parse(raw: bytes) -> ParsedMessage:
    """Never raises: the worst input gives an empty message with its defects."""
    defects: list[str] = []
    size = len(raw)
    data, elided, truncated = _shrink(raw)
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as err:
        defects.append(f"unparseable: {type(err).__name__}")
        message = Message()
    for defect in message.defects:
        defects.append(f"mime: {type(defect).__name__}")
    headers = tuple(_decoded_headers(message, defects))
    parsed = _Body()
    _read_parts(message, parsed, defects)
    from_name, from_address = _first_address(_get(headers, "from"))
    _, reply_to = _first_address(_get(headers, "reply-to"))
    text, source, quote, marker = _pick_text(parsed)
    if not headers:
        defects.append("no headers")
    return ParsedMessage(
        message=message,
        headers=headers,
        subject=" ".join(_get(headers, "subject").split()),
        from_name=from_name,
        from_address=from_address,
        reply_to=reply_to,
        to=_addresses(headers, ("to", "cc")),
        message_id=_get(headers, "message-id").strip(),
        in_reply_to=_get(headers, "in-reply-to").strip(),
        references=tuple(_get(headers, "references").split())[:100],
        content_type=_safe_content_type(message),
        report_type=str(message.get_param("report-type", "") or "").lower()
        if _safe_content_type(message) == "multipart/report"
        else "",
        text=text,
        text_source=source,
        html_quote=quote,
        html_quote_marker=marker,
        calendars=tuple(parsed.calendars),
        part_types=tuple(parsed.types),
        attached_messages=parsed.attached,
        size=size,
        elided=elided,
        truncated=truncated,
        defects=tuple(dict.fromkeys(defects)),
    )


def _shrink(raw: bytes) -> tuple[bytes, bool, bool]:
    """Drop attachment-sized base64 runs, then cut what is still too big."""
    elided = truncated = False
    if len(raw) > ELIDE_ABOVE:
        shrunk = _BASE64_RUN.sub(b"", raw)
        elided = len(shrunk) != len(raw)
        raw = shrunk
    if len(raw) > MAX_PARSE_BYTES:
        raw = raw[:MAX_PARSE_BYTES]
        truncated = True
    return raw, elided, truncated


def decode_value(value: object) -> str:
    """A header value as text: RFC 2047 words decoded, raw 8-bit read as UTF-8 or cp1252."""
    if isinstance(value, email.header.Header):
        value = str(value)
    text = str(value)
    if _SURROGATE.search(text):
        data = text.encode("utf-8", "surrogateescape")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except Exception:
        return text


def _decoded_headers(message: Message, defects: list[str]) -> Iterator[tuple[str, str]]:
    try:
        items = message.raw_items() if hasattr(message, "raw_items") else message.items()
        for name, value in items:
            yield str(name).strip().lower(), " ".join(decode_value(value).split())
    except Exception as err:
        defects.append(f"headers: {type(err).__name__}")


def _get(headers: tuple[tuple[str, str], ...], name: str) -> str:
    return next((value for key, value in headers if key == name), "")


def _first_address(value: str) -> tuple[str, str]:
    try:
        name, address = parseaddr(value)
    except Exception:
        return "", ""
    address = address.strip().lower() if "@" in address else ""
    return name.strip().strip('"').strip(), address


def _addresses(headers: tuple[tuple[str, str], ...], names: tuple[str, ...]) -> tuple[str, ...]:
    values = [value for key, value in headers if key in names]
    try:
        pairs = getaddresses(values)
    except Exception:
        return ()
    found = [address.strip().lower() for _, address in pairs if "@" in address]
    return tuple(dict.fromkeys(found))[:MAX_ADDRESSES]


def _safe_content_type(part: Message) -> str:
    try:
        return part.get_content_type().lower()
    except Exception:
        return "text/plain"


@dataclass
class _Body:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    calendars: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    attached: int = 0


def _read_parts(message: Message, body: _Body, defects: list[str]) -> None:
    """Walk the tree, never entering an attached message (``message/rfc822``)."""
    stack = [message]
    while stack and len(body.types) < MAX_PARTS:
        part = stack.pop(0)
        ctype = _safe_content_type(part)
        body.types.append(ctype)
        if ctype in {"message/rfc822", "message/global", "text/rfc822-headers"}:
            body.attached += ctype != "text/rfc822-headers"
            continue
        if part.is_multipart():
            payload = part.get_payload()
            stack[0:0] = [p for p in payload if isinstance(p, Message)]
            continue
        if ctype.startswith("message/"):  # delivery-status etc.: read by the bounce step
            continue
        _read_leaf(part, ctype, body, defects)


def _read_leaf(part: Message, ctype: str, body: _Body, defects: list[str]) -> None:
    filename = _filename(part)
    disposition = str(part.get("content-disposition", "")).lower()
    if ctype in _CALENDAR_TYPES or filename.endswith(".ics"):
        data = _payload_bytes(part, defects)[:MAX_CALENDAR_BYTES]
        body.calendars.append(_decode_bytes(data, part.get_content_charset()))
        return
    if ctype not in {"text/plain", "text/html"} or disposition.startswith("attachment"):
        return
    text = _decode_bytes(_payload_bytes(part, defects), part.get_content_charset())
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        defects.append("text cut at limit")
    (body.plain if ctype == "text/plain" else body.html).append(text)


def _filename(part: Message) -> str:
    try:
        return decode_value(part.get_filename() or "").lower()
    except Exception:
        return ""


def _payload_bytes(part: Message, defects: list[str]) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception as err:
        defects.append(f"payload: {type(err).__name__}")
        return b""
    if isinstance(data, bytes):
        return data
    return str(data or "").encode("utf-8", "surrogateescape")


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Declared charset first, then UTF-8, then cp1252, which decodes anything."""
    name = (charset or "utf-8").strip().strip('"').lower()
    name = _CHARSET_ALIASES.get(name, name)
    for candidate in (name, "utf-8"):
        try:
            return data.decode(candidate).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _pick_text(body: _Body) -> tuple[str, str, str, str]:
    """text/plain wins; HTML only when there is no plain part with words in it."""
    plain = "\n".join(t for t in body.plain if t.strip())
    if plain:
        return plain, "plain", "", ""
    html = "\n".join(body.html)
    if html.strip():
        converted = html_to_text(html)
        return converted.text, "html", converted.quote, converted.marker
    return "", "none", "", ""
