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
- ``OutgoingMessage.as_smtp_data() -> bytes``: the same message as SMTP ``DATA``
  carries it: dot-stuffed and ended by ``.`` CRLF (RFC 5321 4.5.2).
- ``Recipient.values``: raw (unescaped) values, keyed by hole name.
- ``Batch.reply_mode``: how a provider that packs many recipients into one
  request carries replies home (README, "SendGrid"); local transports ignore it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html as _html
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from enum import StrEnum
from functools import cached_property, partial

from mailer.errors import HeaderInjection, TemplateError
from mailer.i18n import _

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


@dataclass(frozen=True, slots=True)  # two per recipient: no dict each
class Address:
    email: str
    name: str = ""

    def __post_init__(self) -> None:
        email, name = self.email, self.name  # two per recipient: the common case inline
        if "\r" in email or "\n" in email or "\r" in name or "\n" in name:
            check_header("address", email)
            check_header("display name", name)

    def without_tag(self) -> Address:
        """The address without its ``+tag`` (RFC 5233 subaddress), display name kept.

        ``antwoord+<token>@d`` becomes ``antwoord@d``: the reply address a whole
        campaign can share when one request carries many recipients.
        """
        local, at, domain = self.email.rpartition("@")
        base = local.split("+", 1)[0]
        if not at or not base or base == local:
            return self
        return Address(f"{base}@{domain}", self.name)


class ReplyMode(StrEnum):
    """How replies come home when a provider sends many recipients per request."""

    # One request per recipient, each with its own Reply-To (the delivery's address).
    PER_RECIPIENT = "per-recipient"
    # Many recipients per request sharing one campaign-level Reply-To; a reply is
    # matched to its delivery by In-Reply-To / References (the delivery's Message-ID).
    GROUPED = "grouped"


# Campaign kinds (= template names) whose mail asks for an answer: an RSVP, "I can't
# come after all", a question about the programme. Their audiences are the invited
# organisations (tens to hundreds). Everything else, newsletters above all, is grouped.
ANSWERED_KINDS = frozenset({"invitation", "reminder", "programme", "update", "cancellation"})


def reply_mode_for(kind: str) -> ReplyMode:
    """The rule, in one place: mail that expects answers goes one recipient per request."""
    return ReplyMode.PER_RECIPIENT if kind in ANSWERED_KINDS else ReplyMode.GROUPED


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
    # when the message was made; None means "now" at serialisation time
    date: datetime | None = None
    # the body already in quoted-printable, made by PreparedMessage.personalize;
    # used by as_bytes only while html, text and attachments are the same objects
    encoded: _Encoded | None = field(default=None, repr=False, compare=False)

    def as_bytes(self) -> bytes:
        """The RFC 5322 form, CRLF line ends; built by string work, not ``EmailMessage``.

        ``EmailMessage`` costs ~4-5 ms a message; this path costs a small
        fraction of that. tests/test_message*.py checks it against the
        ``email`` package with the strict policy.
        """
        return _serialize(self, smtp=False)

    def as_smtp_data(self) -> bytes:
        """``as_bytes()`` as SMTP ``DATA`` carries it: dot-stuffed, ended by ``.`` CRLF.

        Only the per-recipient values are scanned for dots: the skeleton's
        parts were stuffed once per prepared message, so the whole message
        never goes through a regex (smtplib's costs ~0.4 ms per 47 KB).
        """
        return _serialize(self, smtp=True)


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
    # The campaign kind (= template) it was compiled from; decides ``Batch.reply_mode``.
    # Left empty, it is the first category, where render puts the template name.
    kind: str = ""

    def __post_init__(self) -> None:
        if not self.kind and self.categories:
            object.__setattr__(self, "kind", self.categories[0])

    @cached_property
    def _compiled(self) -> tuple[_Filler, _Filler, _Filler]:
        """Subject, html and text split at their holes, once per prepared message."""
        return _Filler(self.subject, TEXT), _Filler(self.html, HTML), _Filler(self.text, TEXT)

    @cached_property
    def _frames(self) -> tuple[_Frame, _Frame]:
        """The body around its text and HTML parts (multipart headers, boundaries,
        attachments) as bytes, plain and dot-stuffed, made once: one boundary
        for every recipient is safe, no encoded line can contain "=_"."""
        inline, attached = _attachment_parts(self.attachments)
        token = secrets.token_hex(12)
        return _frame(token, inline, attached, False), _frame(token, inline, attached, True)

    def attachments_for(self, recipient: Recipient) -> Sequence[Attachment]:
        """The attachments as ``recipient`` gets them: the same for everyone, unless a
        subclass makes some per recipient (an invitation's REQUEST names the
        delivery's reply address and the contact: mailer/render/calendar.py)."""
        return self.attachments

    def personalize(self, recipient: Recipient) -> OutgoingMessage:
        """Fill the holes exactly as SendGrid ``substitutions`` would.

        HTML markers get ``html.escape(value)``, text markers (and the subject)
        the raw value; one pass, so a value that looks like a marker stays as is.
        """
        subject, html_part, text_part = self._compiled
        values = recipient.values
        escaped = {n: _html.escape(values[n]) for n in html_part.wanted if n in values}
        html = html_part.fill(values, escaped)
        text = text_part.fill(values, values)
        encoded = _Encoded(
            html=html,
            text=text,
            attachments=self.attachments,
            frames=self._frames,
            quoted=partial(_fill_quoted, text_part, html_part, values, escaped),
        )
        return OutgoingMessage(
            sender=self.sender,
            to=recipient.to,
            subject=subject.fill(values, values),
            html=html,
            text=text,
            message_id=recipient.message_id,
            reply_to=recipient.reply_to,
            headers={**self.headers, **recipient.headers},
            attachments=self.attachments,
            ref=recipient.ref,
            encoded=encoded,
        )


_MARKER = re.compile(r"%%([ht]):([A-Za-z0-9_]+)%%")


class _Filler:
    """A string cut at its hole markers; filling is one join, no scanning."""

    __slots__ = ("names", "pieces", "qp_pieces", "smtp_pieces", "wanted")

    qp_pieces: list[bytes]
    smtp_pieces: list[bytes]

    def __init__(self, template: str, part: str) -> None:
        self.pieces: list[str] = []
        self.names: list[str] = []
        start = 0
        for match in _MARKER.finditer(template):
            if match.group(1) != part[0]:
                continue
            self.pieces.append(template[start : match.start()])
            self.names.append(match.group(2))
            start = match.end()
        self.pieces.append(template[start:])
        self.wanted = frozenset(self.names)
        self.qp_pieces = [_qp(piece) for piece in self.pieces]
        self.smtp_pieces = [_stuff_bytes(piece) for piece in self.qp_pieces]

    def fill_qp(self, values: Mapping[str, str], *, smtp: bool = False) -> list[bytes]:
        """The filled string in quoted-printable, as chunks to join: only the values
        are encoded here.

        Every piece is encoded once and starts and ends a line: soft line
        breaks ("=" CRLF) decode to nothing, so the joined form decodes to
        exactly ``fill()``. Call after ``fill()``, which reports missing values.
        ``smtp``: dot-stuffed; since every piece and value starts a line, each
        is stuffed alone (the pieces once, here only the values).
        """
        pieces = self.smtp_pieces if smtp else self.qp_pieces
        out = [pieces[0]]
        for name, piece in zip(self.names, pieces[1:], strict=True):
            value = _qp(values[name])
            out += (_SOFT_BREAK, _stuff_bytes(value) if smtp else value, _SOFT_BREAK, piece)
        return out

    def fill(self, raw: Mapping[str, str], values: Mapping[str, str]) -> str:
        if not self.names:
            return self.pieces[0]
        out = [self.pieces[0]]
        try:
            for name, piece in zip(self.names, self.pieces[1:], strict=True):
                out.append(values[name])
                out.append(piece)
        except KeyError as err:
            raise TemplateError(
                _("No value for hole {hole!r} (given: {given})").format(
                    hole=err.args[0], given=", ".join(sorted(raw)) or "-"
                )
            ) from None
        return "".join(out)


@dataclass(frozen=True)
class Batch:
    """What a transport is handed: one prepared message and its recipients."""

    message: PreparedMessage
    recipients: Sequence[Recipient]
    # None: the rule (``reply_mode_for`` the message's kind); set, it overrides the
    # rule for this batch (benchmarks compare both modes on one invitation).
    mode: ReplyMode | None = None

    @property
    def reply_mode(self) -> ReplyMode:
        return self.mode or reply_mode_for(self.message.kind)


# --- the MIME form ---------------------------------------------------------------
#
# Boundaries start with "=_": quoted-printable always writes "=" as "=3D" and
# base64 has no "_", so no encoded body line can ever contain a boundary.

_CRLF = "\r\n"
_SOFT_BREAK = b"=\r\n"
_SMTP_END = b".\r\n"  # after the body's final CRLF: CRLF "." CRLF ends DATA
_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$")
_HEADER_NAME = re.compile(r"^[!-9;-~]+$")
_MAX_LINE = 78
_MAX_WORD = _MAX_LINE - len("Subject: ")

# (before the text part, between text and HTML, after the HTML part)
_Frame = tuple[bytes, bytes, bytes]
_TEXT_SLOT = "\x00text\x00"
_HTML_SLOT = "\x00html\x00"


def _serialize(msg: OutgoingMessage, *, smtp: bool) -> bytes:
    """The message's bytes; ``smtp``: dot-stuffed and ended for ``DATA``.

    One join of byte chunks: the per-recipient headers, then the frame and
    the quoted-printable parts, whose fixed pieces were encoded (and
    stuffed) once per prepared message. UTF-8, not ASCII: every header is
    encoded to ASCII except a non-ASCII local part, which only a server with
    SMTPUTF8 takes (RFC 6531); the SMTP transport refuses it for that
    recipient alone when the server cannot.
    """
    date = msg.date or datetime.now(UTC)
    head = [
        ("From", _address(msg.sender)),
        ("To", _address(msg.to)),
        ("Subject", _subject(check_header("Subject", msg.subject))),
        ("Date", format_datetime(date)),
        ("Message-ID", check_header("Message-ID", msg.message_id)),
    ]
    if msg.reply_to is not None:
        head.append(("Reply-To", _address(msg.reply_to)))
    head.append(("MIME-Version", "1.0"))
    for name, value in msg.headers.items():
        if not _HEADER_NAME.match(name):
            raise HeaderInjection(f"header name {name!r} is not a valid header name")
        head.append((name, _unstructured(check_header(name, value))))
    lines = [_fold(name, value) for name, value in head]
    if smtp:  # a header name may start with "." (folded lines start with a space)
        lines = [_stuff(line) for line in lines]
    lines.append("")  # the frame starts with the body's own Content-Type header
    enc = _encode(msg)
    before, between, after = enc.frames[smtp]
    text, html = enc.quoted(smtp)
    chunks = [_CRLF.join(lines).encode("utf-8"), before, *text, between, *html, after]
    if smtp:  # the frame ends with CRLF (the closing boundary's)
        chunks.append(_SMTP_END)
    return b"".join(chunks)


@dataclass(frozen=True)
class _Encoded:
    """What a body is made of, and the objects it was made from: the frames
    (plain, dot-stuffed) and ``quoted(smtp)``, the text and HTML parts in
    quoted-printable as chunks, made at serialisation."""

    html: str
    text: str
    attachments: Sequence[Attachment]
    frames: tuple[_Frame, _Frame]
    quoted: Callable[[bool], tuple[list[bytes], list[bytes]]]


def _fill_quoted(
    text_part: _Filler,
    html_part: _Filler,
    raw: Mapping[str, str],
    escaped: Mapping[str, str],
    smtp: bool,
) -> tuple[list[bytes], list[bytes]]:
    return text_part.fill_qp(raw, smtp=smtp), html_part.fill_qp(escaped, smtp=smtp)


def _quote_whole(text: str, html: str, smtp: bool) -> tuple[list[bytes], list[bytes]]:
    text_qp, html_qp = _qp(text), _qp(html)
    if smtp:
        return [_stuff_bytes(text_qp)], [_stuff_bytes(html_qp)]
    return [text_qp], [html_qp]


def _encode(msg: OutgoingMessage) -> _Encoded:
    """The cached encoding when it still matches ``msg``, else a fresh one (slower)."""
    enc = msg.encoded
    if (
        enc is not None
        and enc.html is msg.html
        and enc.text is msg.text
        and enc.attachments is msg.attachments
    ):
        return enc
    inline, attached = _attachment_parts(msg.attachments)
    # from the Message-ID, so both forms of one message carry the same boundary
    token = hashlib.blake2b(msg.message_id.encode("utf-8"), digest_size=12).hexdigest()
    frames = (_frame(token, inline, attached, False), _frame(token, inline, attached, True))
    quoted = partial(_quote_whole, msg.text, msg.html)
    return _Encoded(msg.html, msg.text, msg.attachments, frames, quoted)


def _stuff(text: str) -> str:
    """SMTP dot-stuffing (RFC 5321 4.5.2) of ``text`` that starts a line, CRLF line ends."""
    if text.startswith("."):
        text = "." + text
    return text.replace("\r\n.", "\r\n..")


def _stuff_bytes(data: bytes) -> bytes:
    """``_stuff`` for bytes."""
    if data.startswith(b"."):
        data = b"." + data
    return data.replace(b"\r\n.", b"\r\n..")


def _frame(token: str, inline: tuple[str, ...], attached: tuple[str, ...], smtp: bool) -> _Frame:
    """The body with slots for the text and HTML parts, cut at the slots.

    Stuffed whole: a slot sits inside a line of its own, the parts that fill
    it are stuffed apart (each starts a line), and the frame's own lines are
    headers, base64 and boundaries ("--"), so stuffing changes nothing today.
    """
    alternatives = [
        _leaf("text/plain; charset=utf-8", _TEXT_SLOT),
        _leaf("text/html; charset=utf-8", _HTML_SLOT),
        *inline,
    ]
    body = _multipart("alternative", f"=_a{token}", alternatives)
    if attached:
        body = _multipart("mixed", f"=_m{token}", [body, *attached])
    if smtp:
        body = _stuff(body)
    before, rest = body.split(_TEXT_SLOT)
    between, after = rest.split(_HTML_SLOT)
    return before.encode("ascii"), between.encode("ascii"), after.encode("ascii")


def _attachment_parts(
    attachments: Sequence[Attachment],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    inline = tuple(_attachment(a, disposition=False) for a in attachments if a.inline)
    attached = tuple(_attachment(a, disposition=True) for a in attachments if not a.inline)
    return inline, attached


def _multipart(subtype: str, boundary: str, parts: list[str]) -> str:
    out = [f'Content-Type: multipart/{subtype}; boundary="{boundary}"', ""]
    for part in parts:
        out.append(f"--{boundary}")
        out.append(part)
    out.append(f"--{boundary}--")
    out.append("")
    return _CRLF.join(out)


def _leaf(content_type: str, body: str, extra: str = "") -> str:
    encoding = "base64" if extra.endswith("base64") else "quoted-printable"
    head = f"Content-Type: {content_type}{_CRLF}"
    if extra:
        return f"{head}{extra}{_CRLF}{_CRLF}{body}"
    return f"{head}Content-Transfer-Encoding: {encoding}{_CRLF}{_CRLF}{body}"


def _qp(text: str) -> bytes:
    """Quoted-printable with CRLF line ends, by ``binascii`` (C) instead of ``email``."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    encoded = binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)
    # No newline added at the end: the CRLF before the next boundary belongs to
    # the boundary (RFC 2046), so the part decodes to exactly ``text``.
    return encoded.replace(b"\n", b"\r\n")


def _attachment(att: Attachment, *, disposition: bool) -> str:
    params = "".join(f"; {k}={_param_value(v)}" for k, v in att.params.items())
    content_type = f"{check_header('Content-Type', att.content_type)}{params}"
    if att.content_type == "message/rfc822":
        forwarded = _as_7bit_message(att.data)
        if forwarded is not None:  # RFC 2046 forbids base64 here: mail clients show garbage
            extra = (
                f"Content-Disposition: attachment; {_filename(att.filename)}" if disposition else ""
            )
            return _leaf(
                content_type,
                forwarded,
                (extra + _CRLF if extra else "") + "Content-Transfer-Encoding: 7bit",
            )
        content_type = "application/octet-stream"  # 8-bit or over-long lines: as a file
    data = base64.encodebytes(att.data).decode("ascii").replace("\n", _CRLF)
    extra = ""
    if disposition:
        extra = f"Content-Disposition: attachment; {_filename(att.filename)}{_CRLF}"
    elif att.filename:
        content_type += f"; {_filename(att.filename, 'name')}"
    return _leaf(content_type, data, extra + "Content-Transfer-Encoding: base64")


def _as_7bit_message(data: bytes) -> str | None:
    """A message that can go as it is (``message/rfc822``, 7bit): ASCII, lines of at most
    998 octets, line ends made CRLF; None when it cannot (then it goes as a file)."""
    if not data.isascii():
        return None
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if any(len(line) > 998 for line in lines):
        return None
    return "\r\n".join(line.decode("ascii") for line in lines)


def _param_value(value: str) -> str:
    check_header("parameter", value)
    if re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _filename(name: str, key: str = "filename") -> str:
    check_header(key, name)
    if name.isascii():
        return f"{key}={_param_value(name)}"
    from urllib.parse import quote

    return f"{key}*=utf-8''{quote(name, safe='')}"


def _address(addr: Address) -> str:
    email = _ascii_email(addr.email)
    if not addr.name:
        return email
    if not addr.name.isascii() or not _foldable(addr.name):
        return f"{_encoded_words(addr.name)} <{email}>"
    if _ATEXT.match(addr.name) and addr.name.strip() == addr.name:
        return f"{addr.name} <{email}>"
    quoted = addr.name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}" <{email}>'


def _ascii_email(email: str) -> str:
    """Domains in IDNA form; a non-ASCII local part stays (it needs SMTPUTF8)."""
    if email.isascii():
        return email
    local, _, domain = email.rpartition("@")
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return email


def _unstructured(value: str) -> str:
    """ASCII as is; anything else (or text a reader could take for a word) RFC 2047."""
    if value.isascii() and "=?" not in value:
        return value
    return _encoded_words(value)


def _subject(value: str) -> str:
    """Like ``_unstructured``, but encoded words whenever plain text would not come back
    as it was: controls, a word too long to fold (encoded words split anywhere, so every
    line stays under 78 characters; RFC 5322 allows 998), or spaces at the ends."""
    return _unstructured(value) if _foldable(value) else _encoded_words(value)


def _foldable(value: str) -> bool:
    longest = max(map(len, value.split(" ")), default=0)
    return value.isprintable() and longest <= _MAX_WORD and value.strip() == value


def _encoded_words(value: str) -> str:
    """RFC 2047 base64 words of at most 42 bytes each (a 77-character line with
    "Subject: "), never splitting a character."""
    words: list[str] = []
    chunk = bytearray()
    for char in value:
        encoded = char.encode("utf-8")
        if len(chunk) + len(encoded) > 42:
            words.append(_b_word(bytes(chunk)))
            chunk.clear()
        chunk += encoded
    if chunk:
        words.append(_b_word(bytes(chunk)))
    return " ".join(words)


def _b_word(data: bytes) -> str:
    return f"=?utf-8?b?{base64.b64encode(data).decode('ascii')}?="


def _fold(name: str, value: str) -> str:
    """``Name: value``, folded at spaces to keep lines near 78 characters."""
    line = f"{name}: {value}"
    if len(line) <= _MAX_LINE:
        return line
    out: list[str] = []
    current = f"{name}:"
    for word in value.split(" "):
        if len(current) + 1 + len(word) > _MAX_LINE and current.strip() and current != f"{name}:":
            out.append(current)
            current = ""
        current = f"{current} {word}"
    out.append(current)
    return _CRLF.join(out)
