"""Reading what a Maildir transport delivered, for assertions."""

from __future__ import annotations

import email
from collections import Counter
from email import policy
from email.message import EmailMessage
from pathlib import Path


def messages(maildir: Path) -> list[EmailMessage]:
    new = maildir / "new"
    if not new.exists():
        return []
    out = []
    for path in sorted(new.iterdir()):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        out.append(msg)
    return out


def per_recipient(maildir: Path) -> Counter[str]:
    return Counter(str(m["To"].addresses[0].addr_spec).lower() for m in messages(maildir))
