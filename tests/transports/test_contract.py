"""One contract, every transport: each recipient gets exactly their own message,
from the network, with a way for a reply to find its delivery.

SendGrid runs twice, once per reply mode: per recipient (the reply goes to the
delivery's own address) and grouped (one campaign-level reply address; the
delivery's Message-ID is what a reply's In-Reply-To carries home)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from mailer.message import Batch, Recipient, ReplyMode
from mailer.transports.base import Outcome, Result, Transport
from mailer.transports.maildir import MaildirTransport
from mailer.transports.sendgrid import SendGridTransport
from mailer.transports.smtp import SmtpTransport
from tests.transports.conftest import (
    API_KEY,
    SENDER,
    Delivered,
    maildir_messages,
    make_batch,
    read_mime,
    read_rendered,
)
from tests.transports.sendgrid_server import FakeSendGrid
from tests.transports.smtp_server import SmtpServer


@dataclass
class Way:
    transport: Transport
    delivered: Delivered
    mode: ReplyMode | None = None  # the reply mode this way is run in (SendGrid only)

    def send(self, batch: Batch) -> list[Result]:
        return self.transport.send_batch(replace(batch, mode=self.mode or batch.mode))

    def reply_address(self, recipient: Recipient) -> str:
        """Where a reply to ``recipient``'s message goes."""
        assert recipient.reply_to is not None
        if self.mode is ReplyMode.GROUPED:
            return recipient.reply_to.without_tag().email
        return recipient.reply_to.email


@pytest.fixture(params=["maildir", "smtp", "sendgrid-per-recipient", "sendgrid-grouped"])
def way(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Way]:
    if request.param == "maildir":
        path = tmp_path / "data" / "maildir"
        transport: Transport = MaildirTransport(path)
        # a Maildir has no envelope: the file is the delivery to its To address
        yield Way(
            transport,
            lambda: [{**m, "envelope_to": m["to"]} for m in map(read_mime, maildir_messages(path))],
        )
    elif request.param == "smtp":
        server: SmtpServer = request.getfixturevalue("smtp_server")
        transport = SmtpTransport(f"smtp://127.0.0.1:{server.port}", connections=3)
        yield Way(transport, lambda: [read_mime(m) for m in server.messages()])
    else:
        fake: FakeSendGrid = request.getfixturevalue("sendgrid")
        transport = SendGridTransport(API_KEY, host=fake.url, timeout=5)
        mode = ReplyMode(request.param.removeprefix("sendgrid-"))
        yield Way(transport, lambda: [read_rendered(r) for r in fake.rendered()], mode)
        assert fake.invalid == []
    transport.close()


def check_delivery(way: Way, batch: Batch) -> None:
    results = way.send(batch)
    # one result per recipient, refs preserved, all sent
    assert Counter(r.ref for r in results) == Counter(r.ref for r in batch.recipients)
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert all(r.provider_id for r in results)

    delivered = way.delivered()
    assert len(delivered) == len(batch.recipients)
    by_address = {d["to"]: d for d in delivered}
    assert len(by_address) == len(batch.recipients)  # nobody got two, nobody got another's
    for r in batch.recipients:
        got = by_address[r.to.email]
        name, org, unsub = r.values["name"], r.values["org"], r.values["unsubscribe"]
        assert got["subject"] == f"Nieuwsbrief voor {name}"
        assert f"Beste {name}," in got["text"] and f"Uw organisatie: {org}" in got["text"]
        assert f"Beste {html.escape(name)}," in got["html"]
        assert html.escape(org) in got["html"] and org not in got["html"]
        assert "%%" not in got["text"] + got["html"] + got["subject"]
        assert got["from"] == SENDER.email  # the network, never a token address
        assert got["reply"] == way.reply_address(r)
        assert got["headers"]["Message-ID"] == r.message_id  # In-Reply-To finds the delivery
        assert got["headers"]["List-Unsubscribe"] == f"<{unsub}>"
        assert got["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert got["headers"]["List-Id"] == "Nieuwsbrief <nieuws.pleinpost.example>"
        assert got["envelope_to"] == r.to.email


def test_a_batch_of_one(way: Way) -> None:
    check_delivery(way, make_batch(1))


def test_a_batch_of_many(way: Way) -> None:
    check_delivery(way, make_batch(25))


def test_an_empty_batch_sends_nothing(way: Way) -> None:
    assert way.send(make_batch(0)) == []
    assert way.delivered() == []


def test_a_missing_value_fails_only_that_recipient(way: Way) -> None:
    batch = make_batch(3)
    broken = batch.recipients[1]
    bad = type(broken)(broken.to, broken.message_id, {"name": "x"}, broken.reply_to, {}, "bad")
    batch = Batch(batch.message, [batch.recipients[0], bad, batch.recipients[2]])
    results = {r.ref: r for r in way.send(batch)}
    assert results["bad"].outcome is Outcome.PERMANENT
    assert "org" in results["bad"].reason or "unsubscribe" in results["bad"].reason
    assert results["delivery-0"].outcome is results["delivery-2"].outcome is Outcome.SENT
    assert sorted(d["to"] for d in way.delivered()) == sorted(
        r.to.email for r in (batch.recipients[0], batch.recipients[2])
    )
