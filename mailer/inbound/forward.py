"""Mail that is no answer goes to the coordinator, with the original attached as it arrived.

A reply to a newsletter, a question about parking: nothing is dropped
silently. The coordinator gets a short note (in the operator's language)
saying where the message is in Pleinpost, with the original as a
``message/rfc822`` attachment, and can answer the sender directly: the
forward's Reply-To is the original sender.
"""

from __future__ import annotations

import html
from email.utils import parseaddr
from typing import Any

from sqlmodel import Session

from mailer.config import Settings
from mailer.errors import ConfigError
from mailer.i18n import _
from mailer.inbound.intake import raw_bytes
from mailer.inbound.models import InboundMessage
from mailer.invitations import Event
from mailer.message import Address, Attachment, Batch, PreparedMessage, Recipient, ReplyMode
from mailer.tokens import loose_message_id
from subscribers.models import Organisation


def _one_line(text: str, limit: int = 200) -> str:
    return " ".join(text.split())[:limit]


def _sender(settings: Settings) -> Address:
    name, email = parseaddr(settings.sender)
    if "@" not in email:
        raise ConfigError(
            _("MAILER_FROM is not an address: {sender!r}").format(sender=settings.sender)
        )
    return Address(email, _one_line(name))


def _lines(session: Session, message: InboundMessage, has_original: bool) -> list[str]:
    org = session.get(Organisation, message.organisation_id) if message.organisation_id else None
    event = session.get(Event, message.event_id) if message.event_id else None
    lines = [
        _(
            "Pleinpost received this mail and could not read it as an answer to an "
            "invitation, so it is forwarded to you."
        ),
        "",
        _("From: {sender}").format(sender=message.from_address or "-"),
        _("Subject: {subject}").format(subject=_one_line(message.subject) or "-"),
        _("Received: {at}").format(at=message.received_at.isoformat(timespec="minutes")),
    ]
    if org is not None:
        lines.append(_("Organisation: {name}").format(name=org.name))
    if event is not None:
        lines.append(_("Event: {title}").format(title=event.title))
    lines += [
        "",
        _("In Pleinpost: message {id} (`mailer inbound show {id}`).").format(id=message.id),
    ]
    if has_original:
        lines.append(_("The original is attached as it arrived."))
    else:
        lines.append(_("The original is no longer stored (retention)."))
    return lines


def batch(
    session: Session, settings: Settings, message: InboundMessage, answer: dict[str, Any], ref: str
) -> Batch:
    """The forward of ``message`` to ``answer["to"]`` (the coordinator)."""
    assert message.id is not None
    raw = raw_bytes(session, message.id)
    text = "\n".join(_lines(session, message, raw is not None))
    subject = _("Forwarded by Pleinpost: {subject}").format(
        subject=_one_line(message.subject) or _("(no subject)")
    )
    attachments = (
        (Attachment(filename="bericht.eml", content_type="message/rfc822", data=raw),)
        if raw is not None
        else ()
    )
    prepared = PreparedMessage(
        sender=_sender(settings),
        subject=_one_line(subject, 250),
        html=f"<html><body><pre>{html.escape(text)}</pre></body></html>",
        text=text,
        headers={"Auto-Submitted": "auto-generated"},
        attachments=attachments,
        kind="forward",
    )
    sender = message.from_address
    reply_to = Address(sender) if "@" in sender and "\n" not in sender else None
    recipient = Recipient(
        to=Address(answer["to"]),
        message_id=loose_message_id(settings),
        reply_to=reply_to,
        ref=ref,
    )
    return Batch(prepared, [recipient], mode=ReplyMode.PER_RECIPIENT)
