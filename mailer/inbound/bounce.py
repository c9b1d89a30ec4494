"""Bounces and complaints: which address failed, for good or for now.

Our own RFC 3464 reader runs first (exact, fast, gives status and the remote
server's words); feedback reports (ARF, RFC 5965) are complaints; Exim's
``X-Failed-Recipients`` names the address outright. flufl.bounce reads the
non-standard reports (qmail, old Exchange, Yahoo...), and
:mod:`mailer.inbound.bounce_text` the reports typed as plain text, but only on
mail the auto-reply gate already called a delivery notice (a MAILER-DAEMON
sender, an "Undeliverable" subject, a report part): on a person's reply that
quotes an old header block flufl.bounce finds "bounced" addresses that are
not (REPLIES.md 2.2), on an out-of-office it finds nothing and costs time,
and on a success report (no DSN part it can read) it finds a failure.

Hard means the address itself is bad (unknown user or domain, moved,
disabled); a full mailbox, a spam or policy block and every 4.x.x are soft:
the address may work tomorrow, so the contact is not marked ``bounced``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

from flufl.bounce import all_failures

from mailer.inbound import bounce_text
from mailer.inbound.parse import ParsedMessage, decode_value
from mailer.inbound.reading import Bounce, BounceKind, Evidence

_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# In free text only failure codes count ("X-Mailman-Version: 2.0.8" is no status).
_FAILURE_STATUS = re.compile(r"(?<![\w.])([45])\.(\d{1,3})\.(\d{1,3})(?![\w.])")
_FULL = re.compile(
    r"mailbox (is )?full|over ?quota|quota exceeded|insufficient storage|disk quota", re.I
)
# Words that say the address itself is bad, whatever the code.
_BAD_ADDRESS = re.compile(
    r"user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist"
    r"|mailbox unavailable|mailbox not found|recipient not found|invalid recipient"
    r"|unrouteable address|recipient address rejected|not a valid (mailbox|recipient)"
    r"|host unknown|domain not found|no mx|name or service not known"
    r"|bestaat niet|onbekende gebruiker",
    re.I,
)


# Codes that blame something other than the address: mailbox (5.2), system (5.3),
# content (5.6), security or policy (5.7); "550 5.7.1 User unknown" is a policy block.
_NOT_THE_ADDRESS = ("5.2.", "5.3.", "5.6.", "5.7.")


@dataclass(frozen=True)
class BounceRead:
    bounce: Bounce | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class _Recipient:
    address: str
    action: str
    status: str
    diagnostic: str


def read_bounce(parsed: ParsedMessage, is_automated: bool, notice: bool = False) -> BounceRead:
    """Structured reports first; the plain-text marker reader when ``is_automated``;
    flufl.bounce and the readers of :mod:`mailer.inbound.bounce_text` only on a delivery
    ``notice`` (the gate's word, ``AutoVerdict.notice``)."""
    original = _original_message_id(parsed.message)
    complaint = _complaint(parsed, original)
    if complaint is not None:
        return complaint
    recipients = list(_dsn_recipients(parsed.message))
    if recipients:
        return _from_dsn(recipients, original)
    failed = parsed.header("x-failed-recipients")
    if failed:
        return _from_text(_addresses(failed), parsed, "header:x-failed-recipients", original)
    if not is_automated:
        return BounceRead()
    report = bounce_text.report_text(parsed.message) if notice else ""
    typed = [r for r in map(_recipient, bounce_text.dsn_blocks(report)) if r is not None]
    if typed:  # DSN fields in the text: a report part whose MIME fell apart
        return _from_dsn(typed, original, source="dsn-text")
    read = _from_flufl(parsed, original) if notice else BounceRead()
    if read.bounce is None:
        read = _from_markers(parsed, original, read.evidence)
    if read.bounce is None and notice:
        read = _from_report(parsed, report, original, read.evidence)
    return read


def bounce_kind(status: str, diagnostic: str, action: str = "failed") -> BounceKind:
    """Hard only when the address is bad; every delay and 4.x.x is soft."""
    if action.startswith(("delayed", "delivered", "relayed", "expanded")) or status.startswith("4"):
        return BounceKind.SOFT
    if _FULL.search(diagnostic):
        return BounceKind.SOFT
    if status.startswith(_NOT_THE_ADDRESS):  # the code is more precise than the words
        return BounceKind.SOFT
    if _BAD_ADDRESS.search(diagnostic):
        return BounceKind.HARD
    if status.startswith(("5.1.7", "5.1.8")):  # our sender address was refused, not theirs
        return BounceKind.SOFT
    if status.startswith(("5.1.", "5.4.4")):
        return BounceKind.HARD
    return BounceKind.SOFT


def _from_dsn(recipients: list[_Recipient], original: str, source: str = "dsn") -> BounceRead:
    # "expired" (SendGrid) and "failure" (some MTAs) are not RFC 3464 words, but failures
    failing = [r for r in recipients if r.action.startswith(("fail", "delayed", "expired"))]
    failing = failing or [r for r in recipients if not r.action and r.status[:1] in {"4", "5"}]
    if not failing:
        detail = ", ".join(sorted({r.action or "?" for r in recipients}))
        return BounceRead(evidence=(Evidence("bounce", f"{source}:no-failure", detail),))
    kinds = [(r, bounce_kind(r.status, r.diagnostic, r.action)) for r in failing]
    hard = [r for r, kind in kinds if kind is BounceKind.HARD]
    chosen = hard or failing
    first = chosen[0]
    bounce = Bounce(
        kind=BounceKind.HARD if hard else BounceKind.SOFT,
        addresses=tuple(dict.fromkeys(r.address for r in chosen if r.address)),
        status=first.status,
        diagnostic=first.diagnostic[:1000],
        original_message_id=original,
    )
    given_up = any(r.action.startswith(("fail", "expired")) for r in chosen)
    rule = f"{source}:failed" if given_up else f"{source}:delayed"
    return BounceRead(
        bounce, (Evidence("bounce", rule, f"{first.status} {first.diagnostic[:160]}".strip()),)
    )


def _dsn_recipients(message: Message) -> list[_Recipient]:
    """Per-recipient blocks of every top-level message/delivery-status part."""
    found: list[_Recipient] = []
    for part in _top_parts(message):
        if part.get_content_type() not in {
            "message/delivery-status",
            "message/global-delivery-status",
        }:
            continue
        for block in _blocks(part):
            recipient = _recipient(block)
            if recipient is not None:
                found.append(recipient)
    return found


def _top_parts(message: Message) -> list[Message]:
    """Parts outside attached messages; a bounce of a bounce is not ours to read."""
    parts: list[Message] = []
    stack = [message]
    while stack and len(parts) < 200:
        part = stack.pop(0)
        parts.append(part)
        if part.get_content_type() == "message/rfc822":
            continue
        if part.is_multipart() and part.get_content_type() != "message/delivery-status":
            stack[0:0] = [p for p in part.get_payload() if isinstance(p, Message)]
    return parts


def _blocks(part: Message) -> list[dict[str, str]]:
    """Header blocks as dicts; a string payload (some MTAs) is split by hand."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [
            {k.lower(): " ".join(decode_value(v).split()) for k, v in block.items()}
            for block in payload
            if isinstance(block, Message)
        ]
    raw = payload if isinstance(payload, str) else ""
    if part.get("content-transfer-encoding", "").lower() in {"base64", "quoted-printable"}:
        data = part.get_payload(decode=True)
        raw = data.decode("utf-8", "replace") if isinstance(data, bytes) else raw
    return bounce_text.field_blocks(raw)


def _recipient(block: dict[str, str]) -> _Recipient | None:
    final = (
        block.get("final-recipient")
        or block.get("original-recipient")
        or block.get("x-actual-recipient")
    )
    if not final:
        return None
    address = final.split(";", 1)[-1].strip().strip("<>").lower()
    status_match = _STATUS.search(block.get("status", ""))
    diagnostic = block.get("diagnostic-code", "").split(";", 1)[-1].strip()
    return _Recipient(
        address=address if "@" in address else "",
        action=block.get("action", "").strip().lower(),
        status=status_match.group(0) if status_match else "",
        diagnostic=diagnostic,
    )


def _complaint(parsed: ParsedMessage, original: str) -> BounceRead | None:
    """An ARF feedback report: the recipient complained (marked our mail as spam)."""
    report = next(
        (
            p
            for p in _top_parts(parsed.message)
            if p.get_content_type() == "message/feedback-report"
        ),
        None,
    )
    if report is None and parsed.report_type != "feedback-report":
        return None
    fields: dict[str, str] = {}
    for block in _blocks(report) if report is not None else []:
        fields.update(block)
    addresses = _addresses(
        fields.get("original-rcpt-to", "") + " " + fields.get("removal-recipient", "")
    )
    if not addresses:
        addresses = _addresses(_attached_header(parsed.message, "to"))
    feedback = fields.get("feedback-type", "abuse")
    bounce = Bounce(BounceKind.COMPLAINT, addresses, "", feedback, original_message_id=original)
    return BounceRead(bounce, (Evidence("bounce", "arf:feedback-report", feedback),))


def _from_text(
    addresses: tuple[str, ...],
    parsed: ParsedMessage,
    rule: str,
    original: str,
    text: str | None = None,
) -> BounceRead:
    """A bounce of ``addresses``; status and diagnostic from ``text`` (the body text)."""
    text = parsed.text if text is None else text
    status_match = _FAILURE_STATUS.search(text[:20000])
    status = status_match.group(0) if status_match else ""
    diagnostic = _diagnostic_line(text, status)
    kind = bounce_kind(status, diagnostic)
    bounce = Bounce(kind, addresses, status, diagnostic, original_message_id=original)
    return BounceRead(bounce, (Evidence("bounce", rule, ", ".join(addresses)),))


def _from_flufl(parsed: ParsedMessage, original: str) -> BounceRead:
    try:
        temporary, permanent = all_failures(parsed.message)
    except Exception as err:
        return BounceRead(evidence=(Evidence("bounce", "flufl:error", type(err).__name__),))
    if not temporary and not permanent:
        return BounceRead()
    if permanent:
        read = _from_text(_decoded(permanent), parsed, "flufl:permanent", original)
        if read.bounce is not None and read.bounce.kind is BounceKind.HARD:
            return read
        if read.bounce is not None and read.bounce.status.startswith("5"):
            return read  # permanent for this message, but not the address (full, blocked)
        return _with_kind(read, BounceKind.HARD)
    return _with_kind(
        _from_text(_decoded(temporary), parsed, "flufl:temporary", original), BounceKind.SOFT
    )


# Lines after which a report lists the failed addresses, and whether it is only a warning.
_LIST_MARKER = re.compile(
    r"(following (recipient|address)(es|\(es\))?( failed| had permanent fatal errors)?"
    r"|failed permanently|could not be delivered to|not (yet )?been delivered( to)?"
    r"|niet (worden )?bezorgd bij|heeft de volgende personen niet bereikt"
    r"|delivery has failed to these recipients)",
    re.I,
)
_WARNING = re.compile(
    r"warning only|not yet been delivered|will (be retried|continue)|still being retried"
    r"|delayed|no action is required|wordt opnieuw geprobeerd",
    re.I,
)


def _from_markers(parsed: ParsedMessage, original: str, seen: tuple[Evidence, ...]) -> BounceRead:
    """Plain-text reports flufl.bounce does not know: addresses on the lines after a marker."""
    text = parsed.text[:20000]
    lines = text.splitlines()
    found: list[str] = []
    for index, line in enumerate(lines):
        if _LIST_MARKER.search(line):
            found += _addresses("\n".join(lines[index : index + 6]))
    ours = {parsed.from_address, *parsed.to}
    found = [
        a
        for a in dict.fromkeys(found)
        if a not in ours and not a.startswith(("mailer-daemon@", "postmaster@"))
    ]
    if not found:
        return BounceRead(evidence=seen)
    read = _from_text(tuple(found), parsed, "text:failed-addresses", original)
    if _WARNING.search(parsed.subject + "\n" + text[:3000]):
        return _with_kind(read, BounceKind.SOFT)
    return read


def _from_report(
    parsed: ParsedMessage, report: str, original: str, seen: tuple[Evidence, ...]
) -> BounceRead:
    """A delivery notice in words: the addresses its report section names, else the one
    address the returned original went to (see :mod:`mailer.inbound.bounce_text`)."""
    text = report or parsed.text
    section = bounce_text.report_section(text)
    exclude = {parsed.from_address, *parsed.to}
    found = bounce_text.failed_addresses(section, exclude)
    rule = "text:report"
    if not found and bounce_text.FAILURE_CUE.search(section):
        returned = bounce_text.returned_recipient(text, _attached_header(parsed.message, "to"))
        found = [returned] if returned and returned not in exclude else []
        rule = "text:returned-original"
    if not found:
        return BounceRead(evidence=seen)
    read = _from_text(tuple(found), parsed, rule, original, text=section)
    if _WARNING.search(parsed.subject + "\n" + section[:3000]):
        return _with_kind(read, BounceKind.SOFT)
    return read


def _with_kind(read: BounceRead, kind: BounceKind) -> BounceRead:
    assert read.bounce is not None
    bounce = read.bounce
    new = Bounce(
        kind,
        bounce.addresses,
        bounce.status,
        bounce.diagnostic,
        original_message_id=bounce.original_message_id,
    )
    return BounceRead(new, read.evidence)


def _decoded(addresses: frozenset[bytes]) -> tuple[str, ...]:
    return tuple(
        sorted({a.decode("ascii", "replace").strip("<>").lower() for a in addresses if b"@" in a})
    )


def _addresses(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.lower().strip(".") for a in bounce_text.ADDRESS.findall(text)))


def _diagnostic_line(text: str, status: str) -> str:
    """The line of the report that carries the status or an SMTP error."""
    for line in text.splitlines():
        if (status and status in line) or re.search(r"\b[45]\d\d[ -]", line):
            return line.strip()[:500]
    return ""


def _attached_header(message: Message, name: str) -> str:
    """A header of the returned original (message/rfc822 or text/rfc822-headers)."""
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822" and part.is_multipart():
            inner = part.get_payload(0)
            if isinstance(inner, Message):
                return decode_value(inner.get(name, ""))
        if ctype == "text/rfc822-headers":
            match = re.search(
                rf"^{name}:(.*(?:\r?\n[ \t].*)*)", str(part.get_payload()), re.I | re.M
            )
            if match:
                return " ".join(match.group(1).split())
    return ""


def _original_message_id(message: Message) -> str:
    """The Message-ID of our mail that came back: matching finds the delivery by it."""
    try:
        return _attached_header(message, "message-id").strip()
    except Exception:
        return ""
