"""Fixtures for the transports: real local servers, batches, and a common reading
of "what did each recipient get" so one contract suite fits every transport."""

from __future__ import annotations

import email
import email.policy
import mailbox
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import pytest

from mailer.message import (
    Address,
    Attachment,
    Batch,
    PreparedMessage,
    Recipient,
    ReplyMode,
    hole,
)
from tests.services import corpus, self_signed
from tests.transports.sendgrid_server import FakeSendGrid
from tests.transports.smtp_server import SmtpServer

API_KEY = "SG.test-key-123"
SENDER = Address("nieuws@pleinpost.example", "Netwerk Vervoer & Welzijn")


def prepared(*, attachments: tuple[Attachment, ...] = ()) -> PreparedMessage:
    """A small compiled message with holes in subject, HTML and text."""
    return PreparedMessage(
        sender=SENDER,
        subject=f"Nieuwsbrief voor {hole('name', 'text')}",
        html=(
            f"<p>Beste {hole('name', 'html')},</p><p>Uw organisatie: "
            f'{hole("org", "html")}</p><a href="{hole("unsubscribe", "html")}">afmelden</a>'
        ),
        text=(
            f"Beste {hole('name', 'text')},\n\nUw organisatie: {hole('org', 'text')}\n"
            f"Afmelden: {hole('unsubscribe', 'text')}\n"
        ),
        headers={"List-Id": "Nieuwsbrief <nieuws.pleinpost.example>"},
        holes=frozenset({"name", "org", "unsubscribe"}),
        categories=("newsletter", "campaign-7"),
        attachments=attachments,
    )


def recipient(i: int, *, email_addr: str | None = None) -> Recipient:
    """Recipient ``i``, with values that need escaping in HTML."""
    unsubscribe = f"https://pleinpost.example/u/tok{i}"
    return Recipient(
        to=Address(email_addr or f"lid{i}@gemeente{i % 7}.example", f"Lid {i}"),
        message_id=f"<d{i}.x7@pleinpost.example>",
        values={"name": f"Jan {i} & Co", "org": f"Stichting <{i}>", "unsubscribe": unsubscribe},
        reply_to=Address(f"antwoord+tok{i}@antwoord.pleinpost.example"),
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        ref=f"delivery-{i}",
    )


def make_batch(n: int, *, mode: ReplyMode | None = None, **kwargs: Any) -> Batch:
    """A newsletter to ``n`` recipients (grouped by the rule), or in the ``mode`` given."""
    return Batch(prepared(**kwargs), [recipient(i) for i in range(n)], mode)


def invitation(n: int) -> Batch:
    """An invitation to ``n`` recipients: per recipient by the rule, not by an override."""
    message = replace(prepared(), kind="", categories=("invitation", "campaign-8"))
    return Batch(message, [recipient(i) for i in range(n)])


def read_mime(raw: bytes) -> dict[str, Any]:
    """One received MIME message in the shape ``FakeSendGrid.rendered()`` uses."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    return {
        "to": parseaddr(str(msg["To"]))[1],
        "from": parseaddr(str(msg["From"]))[1],
        "reply": parseaddr(str(msg["Reply-To"]))[1],
        "subject": str(msg["Subject"]),
        "text": text.get_content() if text else "",
        "html": html.get_content() if html else "",
        "headers": {k: str(v) for k, v in msg.items()},
        "envelope_to": str(msg.get("X-Original-To", "")),
        "raw": msg,
    }


def read_rendered(item: dict[str, Any]) -> dict[str, Any]:
    """One SendGrid personalization in the same shape; replies go to the request's
    ``reply_to`` (to the sender when there is none)."""
    reply = item["reply_to"] or item["from"]
    return {
        **item,
        "from": item["from"]["email"],
        "reply": reply["email"],
        "envelope_to": item["to"],
    }


@pytest.fixture
def sendgrid() -> Iterator[FakeSendGrid]:
    corpus("sendgrid-oai", "mail_send_request.schema.json")
    server = FakeSendGrid(API_KEY).start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    server = SmtpServer(tmp_path / "smtp").start()
    yield server
    server.stop()


@dataclass
class Cert:
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def tls_cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    """A self-signed certificate for 127.0.0.1, made here; the client trusts it as cafile."""
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    return Cert(cert, key)


def maildir_messages(path: Path) -> list[bytes]:
    box = mailbox.Maildir(path, create=False)
    return [box.get_bytes(key) for key in box.iterkeys()]


Delivered = Callable[[], list[dict[str, Any]]]
