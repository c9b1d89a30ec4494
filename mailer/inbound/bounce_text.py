"""Delivery reports written as plain text: what an MTA says when its MIME is not to be trusted.

Many servers send a failure notice without a readable ``message/delivery-status``
part: the DSN fields typed into the text (or a ``multipart/report`` whose
boundary does not match, so its parts never come apart), a sentence such as
"There was an error delivering your mail to <a@b>" (DragonFly, OpenSMTPD,
Lotus Notes, m-FILTER, old sendmail), or only the returned original with the
address it was sent to. This module finds the failed addresses in such text;
:mod:`mailer.inbound.bounce` decides what they mean, and asks only about mail
the auto-reply gate already called a delivery notice (a ``MAILER-DAEMON``
sender, an "Undeliverable" subject, a report part): a person's reply that
quotes one is never read here.
"""

from __future__ import annotations

import re
from email.message import Message

from mailer.inbound.autoreply import SYSTEM_SENDER

MAX_REPORT_CHARS = 50_000

ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A DSN field at the start of a line: where a typed-in report begins.
_DSN_FIELD = re.compile(
    r"^(final-recipient|original-recipient|reporting-mta|action|status)\s*:", re.I | re.M
)
# Where the returned original starts: a separator line, or a line that only announces it.
_ORIGINAL_STARTS = re.compile(
    r"^[ \t>]*(?:[-=*_]{2,}[^\n]*\b(?:original|returned|unsent|undelivered|copy of"
    r"|oorspronkelijke?|originele?)\b[^\n]*"
    r"|(?:original message|original mail|returned message|unsent message follows"
    r"|message headers follow|below is a copy of the original message"
    r"|this is a copy of (?:your|the) message)[^\n]{0,40}"
    r"|[*-]{3,}\s*end of message\s*[*-]{3,})[ \t]*$",
    re.I | re.M,
)
# Lines whose addresses are the sender's or a server's, never the failed recipient's.
_NOT_RECIPIENT_LINE = re.compile(
    r"^[ \t>]*(?:from|reply-to|return-path|sender|mail from|envelope-from|x-postfix-sender"
    r"|received|message-id|in-reply-to|references)\b",
    re.I,
)
# The words or codes that say a delivery failed (a report without them is not read).
FAILURE_CUE = re.compile(
    r"(?<![\w.])[45]\.\d{1,3}\.\d{1,3}(?![\w.])|(?<![\w.-])[45]\d\d(?:[ -]|$)"
    r"|user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist"
    r"|could not be delivered|cannot be delivered|undeliverable|not (?:be )?delivered"
    r"|delivery (?:has )?failed|failed permanently|fatal errors?|error delivering"
    r"|an error has occurred|delivery errors?|failure reasons?|rejected|not listed"
    r"|niet (?:worden )?(?:bezorgd|afgeleverd)|onbestelbaar",
    re.I | re.M,
)
# A transcript's recipient command: the address a failed delivery was for.
_RCPT = re.compile(r"\brcpt to:", re.I)


def report_text(message: Message) -> str:
    """The report's own words: every text part outside the returned original, and the body
    of a multipart whose parts did not come apart (its boundary is missing)."""
    chunks: list[str] = []
    stack = [message]
    size = 0
    while stack and size < MAX_REPORT_CHARS:
        part = stack.pop(0)
        ctype = part.get_content_type()
        if ctype in {"message/rfc822", "message/global", "text/rfc822-headers"}:
            continue
        payload = part.get_payload()
        if isinstance(payload, list):
            stack[0:0] = [p for p in payload if isinstance(p, Message)]
            continue
        if not ctype.startswith(("text/", "multipart/")) and not ctype.endswith("status"):
            continue
        text = _decoded(part)
        chunks.append(text)
        size += len(text)
    return "\n".join(chunks)[:MAX_REPORT_CHARS]


def _decoded(part: Message) -> str:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if not isinstance(data, bytes):
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, "replace").replace("\r\n", "\n")
    except LookupError:
        return data.decode("utf-8", "replace").replace("\r\n", "\n")


def dsn_blocks(text: str) -> list[dict[str, str]]:
    """DSN header blocks typed into the text (RFC 3464 fields without their MIME part):
    the blocks from the first DSN field on that name a final or original recipient."""
    first = _DSN_FIELD.search(text)
    if first is None:
        return []
    blocks = field_blocks(text[first.start() :])
    return [b for b in blocks if "final-recipient" in b or "original-recipient" in b]


def field_blocks(raw: str) -> list[dict[str, str]]:
    """``Name: value`` blocks separated by empty lines (continuation lines folded in);
    a block ends at the first line that is no field."""
    blocks: list[dict[str, str]] = []
    for chunk in re.split(r"\r?\n\s*\r?\n", raw):
        fields: dict[str, str] = {}
        last = ""
        for line in chunk.splitlines():
            if line[:1] in {" ", "\t"} and last:
                fields[last] += " " + line.strip()
            elif ":" in line and not line.startswith(("-", " ")):
                last, value = line.split(":", 1)
                last = last.strip().lower()
                fields[last] = value.strip()
        if fields:
            blocks.append(fields)
    return blocks


def report_section(text: str) -> str:
    """The text before the returned original, where the report names what failed."""
    cut = _ORIGINAL_STARTS.search(text)
    return text[: cut.start()] if cut else text


def failed_addresses(section: str, exclude: set[str]) -> list[str]:
    """The addresses a report section names as failed: those on a line that carries a
    failure cue, follows one ("User unknown" / "a@b") or is followed by one ("a@b" /
    "550 5.1.1 mailbox unavailable"), or on an ``RCPT TO`` line;
    never the sender's or a server's (lines such as ``From:``, ``MAIL FROM``,
    ``Received``), ``exclude`` (the notice's own From and To) or a system mailbox."""
    if FAILURE_CUE.search(section) is None:
        return []
    found: list[str] = []
    before = ""
    lines = section.splitlines()
    for index, line in enumerate(lines):
        after = lines[index + 1] if index + 1 < len(lines) else ""
        near, before = before + "\n" + line + "\n" + after, line
        named = FAILURE_CUE.search(near) or _RCPT.search(line)
        if _NOT_RECIPIENT_LINE.match(line) or not named:
            continue
        for address in ADDRESS.findall(line):
            address = address.lower().strip(".")
            if address in exclude or SYSTEM_SENDER.match(address):
                continue
            found.append(address)
    return list(dict.fromkeys(found))


def returned_recipient(text: str, attached_to: str) -> str:
    """The one address the returned original was sent to (its ``To``), or "": the last
    resort for a notice that names no recipient ("Delivery report unavailable")."""
    value = attached_to
    if not value:
        cut = _ORIGINAL_STARTS.search(text)
        rest = text[cut.end() :] if cut else ""
        match = re.search(r"^[ \t>]*to:(.*)$", rest, re.I | re.M)
        value = match.group(1) if match else ""
    addresses = list(dict.fromkeys(a.lower() for a in ADDRESS.findall(value)))
    return addresses[0] if len(addresses) == 1 else ""
