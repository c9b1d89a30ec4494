"""multipart/form-data read as bytes, for SendGrid's Inbound Parse in raw mode.

The ``email`` field is a whole RFC 5322 message in whatever charsets its
sender used; a form parser that decodes fields as UTF-8 would damage it
before the replies intake ever saw it. Python's own MIME parser hands each
part's body back byte for byte.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import Message

from mailer.errors import InvalidInput
from mailer.i18n import _


def form_fields(content_type: str, body: bytes) -> dict[str, bytes]:
    """Each field's name and raw bytes (files included, by field name)."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise InvalidInput(_("Expected multipart/form-data, got {type}").format(type=content_type))
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = message_from_bytes(head + body, policy=policy.compat32)
    if not message.is_multipart():
        raise InvalidInput(_("The form data has no parts"))
    fields: dict[str, bytes] = {}
    for part in message.get_payload():
        if not isinstance(part, Message):
            continue
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in fields:
            continue
        payload = part.get_payload(decode=True)
        fields[name] = payload if isinstance(payload, bytes) else b""
    return fields
