"""SMTP against a real aiosmtpd in another process: URLs, envelopes, refusals,
reused connections, reconnects, STARTTLS, implicit TLS and AUTH; and, against
aiosmtpd on a thread with handlers written here, what the server makes of the
DATA we hand it already dot-stuffed: values with dots and bare line ends,
refusals and hang-ups after DATA, SMTPUTF8."""

from __future__ import annotations

import asyncio
import email
import email.policy
import smtplib
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailer.errors import ConfigError
from mailer.message import Address, Batch, PreparedMessage, Recipient, hole
from mailer.transports.base import Outcome
from mailer.transports.smtp import SmtpTransport, SmtpUrl, parse_smtp_url
from tests.transports.conftest import Cert, make_batch, read_mime
from tests.transports.smtp_server import SmtpServer


@pytest.fixture
def transports() -> Iterator[list[SmtpTransport]]:
    """Closes every transport a test made, even when it fails."""
    made: list[SmtpTransport] = []
    yield made
    for t in made:
        t.close()


def smtp(made: list[SmtpTransport], url: str, connections: int = 2) -> SmtpTransport:
    transport = SmtpTransport(url, connections=connections)
    made.append(transport)
    return transport


def test_url_forms() -> None:
    assert parse_smtp_url("smtp://127.0.0.1:2525") == SmtpUrl("127.0.0.1", 2525)
    assert parse_smtp_url("smtp://user:p%40ss@mail.example.nl:587?starttls=1") == SmtpUrl(
        "mail.example.nl", 587, starttls=True, user="user", password="p@ss"
    )
    smtps = parse_smtp_url("smtps://u:p@mail.example.nl?bounce=bounce@x.example&timeout=5")
    assert (smtps.port, smtps.implicit_tls, smtps.bounce, smtps.timeout) == (
        465,
        True,
        "bounce@x.example",
        5.0,
    )
    assert parse_smtp_url("smtp://h").port == 25


@pytest.mark.parametrize(
    "url", ["http://x:25", "smtp://", "smtp://h:25?startls=1", "smtp://h:x", "smtp://h?timeout=a"]
)
def test_bad_urls_name_the_setting(url: str) -> None:
    with pytest.raises(ConfigError, match="MAILER_SMTP_URL"):
        parse_smtp_url(url)


def test_envelope_sender_is_the_from_address_or_the_bounce(
    smtp_server: SmtpServer, transports: list[SmtpTransport]
) -> None:
    url = f"smtp://127.0.0.1:{smtp_server.port}"
    smtp(transports, url).send_batch(make_batch(1))
    smtp(transports, url + "?bounce=bounces%2Bc7@pleinpost.example").send_batch(make_batch(1))
    paths = sorted(str(read_mime(m)["raw"]["Return-Path"]) for m in smtp_server.messages())
    assert paths == ["<bounces+c7@pleinpost.example>", "<nieuws@pleinpost.example>"]


def test_refusals_are_recorded_per_recipient(
    smtp_server: SmtpServer, transports: list[SmtpTransport]
) -> None:
    batch = make_batch(6)
    first, second = batch.recipients[1].to.email, batch.recipients[4].to.email
    smtp_server.refuse({first: (550, "5.1.1 unknown user"), second: (451, "4.7.1 greylisted")})
    results = {
        r.ref: r for r in smtp(transports, f"smtp://127.0.0.1:{smtp_server.port}").send_batch(batch)
    }
    assert results["delivery-1"].outcome is Outcome.PERMANENT
    assert results["delivery-1"].reason == "SMTP 550 5.1.1 unknown user"
    assert results["delivery-4"].outcome is Outcome.TRANSIENT
    assert "451 4.7.1 greylisted" in results["delivery-4"].reason
    sent = {ref for ref, r in results.items() if r.outcome is Outcome.SENT}
    assert sent == {"delivery-0", "delivery-2", "delivery-3", "delivery-5"}
    assert all("queued as" in results[ref].provider_id for ref in sent)
    assert len(smtp_server.messages()) == 4


def test_a_refused_envelope_sender_names_the_settings(
    smtp_server: SmtpServer, transports: list[SmtpTransport]
) -> None:
    smtp_server.refuse({"nieuws@pleinpost.example": (553, "5.7.1 sender not allowed")})
    results = smtp(transports, f"smtp://127.0.0.1:{smtp_server.port}").send_batch(make_batch(2))
    assert {r.outcome for r in results} == {Outcome.CONFIG}
    assert "553 5.7.1 sender not allowed" in results[0].reason
    assert "MAILER_FROM" in results[0].reason
    assert smtp_server.messages() == []


def test_connections_are_reused_across_batches(
    smtp_server: SmtpServer, transports: list[SmtpTransport]
) -> None:
    transport = smtp(transports, f"smtp://127.0.0.1:{smtp_server.port}", connections=2)
    for _ in range(3):
        assert {r.outcome for r in transport.send_batch(make_batch(10))} == {Outcome.SENT}
    assert smtp_server.ehlos() == 2
    assert len(smtp_server.messages()) == 30


def test_a_dropped_idle_connection_is_reopened(
    tmp_path: Path, transports: list[SmtpTransport]
) -> None:
    server = SmtpServer(tmp_path / "s", idle_timeout=0.3).start()
    try:
        transport = smtp(transports, f"smtp://127.0.0.1:{server.port}", connections=1)
        assert {r.outcome for r in transport.send_batch(make_batch(2))} == {Outcome.SENT}
        time.sleep(0.8)  # the server hangs up on the idle pooled connection
        assert {r.outcome for r in transport.send_batch(make_batch(2))} == {Outcome.SENT}
        assert server.ehlos() == 2
        assert len(server.messages()) == 4
    finally:
        server.stop()


def test_a_server_that_is_gone_fails_the_batch_transiently(
    tmp_path: Path, transports: list[SmtpTransport]
) -> None:
    server = SmtpServer(tmp_path / "s").start()
    transport = smtp(transports, f"smtp://127.0.0.1:{server.port}", connections=2)
    assert {r.outcome for r in transport.send_batch(make_batch(2))} == {Outcome.SENT}
    server.stop()
    results = transport.send_batch(make_batch(5))
    assert len(results) == 5
    assert {r.outcome for r in results} == {Outcome.TRANSIENT}


def test_starttls_with_auth(
    tmp_path: Path, tls_cert: Cert, transports: list[SmtpTransport]
) -> None:
    server = SmtpServer(
        tmp_path / "s", users={"pleinpost": "ge heim"}, cert=tls_cert.cert, key=tls_cert.key
    ).start()
    try:
        base = f"127.0.0.1:{server.port}?starttls=1&cafile={tls_cert.cert}"
        good = smtp(transports, f"smtp://pleinpost:ge%20heim@{base}").send_batch(make_batch(3))
        assert {r.outcome for r in good} == {Outcome.SENT}
        bad = smtp(transports, f"smtp://pleinpost:fout@{base}").send_batch(make_batch(3))
        assert {r.outcome for r in bad} == {Outcome.CONFIG}
        assert "MAILER_SMTP_URL" in bad[0].reason
        no_tls = smtp(transports, f"smtp://pleinpost:ge%20heim@127.0.0.1:{server.port}")
        refused = no_tls.send_batch(make_batch(1))  # the server insists on STARTTLS first
        assert refused[0].outcome is not Outcome.SENT
        assert len(server.messages()) == 3
    finally:
        server.stop()


def test_implicit_tls(tmp_path: Path, tls_cert: Cert, transports: list[SmtpTransport]) -> None:
    server = SmtpServer(tmp_path / "s", cert=tls_cert.cert, key=tls_cert.key, implicit_tls=True)
    server.start()
    try:
        url = f"smtps://127.0.0.1:{server.port}?cafile={tls_cert.cert}"
        assert {r.outcome for r in smtp(transports, url).send_batch(make_batch(2))} == {
            Outcome.SENT
        }
        untrusted = smtp(transports, f"smtps://127.0.0.1:{server.port}").send_batch(make_batch(1))
        assert untrusted[0].outcome is Outcome.CONFIG
        assert "certificate" in untrusted[0].reason
    finally:
        server.stop()


# --- DATA as prepared bytes: dot-stuffing, line ends, refusals, drops -------------

DOTTY = PreparedMessage(
    sender=Address("nieuws@pleinpost.example", "Netwerk"),
    subject="Nieuws",
    html=f"{hole('a', 'html')}<p>\n.vaste regel\n{hole('b', 'html')}</p>\n.\n{hole('a', 'html')}",
    text=f"{hole('a', 'text')}\n.vaste regel\n{hole('b', 'text')} en {hole('a', 'text')}\n.",
    holes=frozenset({"a", "b"}),
    categories=("newsletter",),
)


def _dotty_recipient(i: int, a: str, b: str) -> Recipient:
    return Recipient(
        to=Address(f"lid{i}@gemeente.example"),
        message_id=f"<dot{i}.x7@pleinpost.example>",
        values={"a": a, "b": b},
        ref=f"delivery-{i}",
    )


def _received(server: SmtpServer, message_id: str) -> bytes:
    """What the server stored for ``message_id``, without the two trace lines it adds
    (aiosmtpd has already undone the dot-stuffing)."""
    found = [m for m in server.messages() if f"Message-ID: {message_id}\r\n".encode() in m]
    assert len(found) == 1, f"{len(found)} messages with {message_id}"
    return found[0].split(b"\r\n", 2)[2]


def _as_sent(batch: Batch, index: int, received: bytes) -> bytes:
    """The unstuffed original: the same message serialised for a file, with the Date
    the transport gave it (the only part made at sending time)."""
    date = email.message_from_bytes(received)["Date"]
    out = batch.message.personalize(batch.recipients[index])
    return replace(out, date=parsedate_to_datetime(date)).as_bytes()


def test_dots_and_bare_line_ends_in_values_arrive_as_written(
    smtp_server: SmtpServer, transports: list[SmtpTransport]
) -> None:
    values = [
        (".begint met een punt", "."),
        ("regel\n.punt na LF\r.punt na CR\r\n.punt na CRLF", "..\n...\r\n."),
        ("één € 😀\n.ünïcode", "\n.\n"),
        ("", "=2E\r\n.\r\n=\n"),
    ]
    batch = Batch(DOTTY, [_dotty_recipient(i, a, b) for i, (a, b) in enumerate(values)])
    results = smtp(transports, f"smtp://127.0.0.1:{smtp_server.port}").send_batch(batch)
    assert {r.outcome for r in results} == {Outcome.SENT}
    for i, recipient in enumerate(batch.recipients):
        received = _received(smtp_server, recipient.message_id)
        assert received == _as_sent(batch, i, received)
        text = email.message_from_bytes(received, policy=email.policy.default).get_body(("plain",))
        assert text is not None
        a, b = (v.replace("\r\n", "\n").replace("\r", "\n") for v in values[i])
        assert text.get_content().replace("\r\n", "\n") == f"{a}\n.vaste regel\n{b} en {a}\n."


HOLE_VALUE = st.lists(
    st.one_of(
        st.sampled_from([".", "..", "\n", "\r", "\r\n", "\n.", "\r.", " ", "\t", "=", "é", "😀"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
    ),
    max_size=8,
).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=HOLE_VALUE, b=HOLE_VALUE)
def test_any_hole_values_arrive_byte_identical(
    smtp_server: SmtpServer, transports: list[SmtpTransport], a: str, b: str
) -> None:
    if not transports:
        smtp(transports, f"smtp://127.0.0.1:{smtp_server.port}", connections=1)
    n = len(smtp_server.messages())
    batch = Batch(DOTTY, [_dotty_recipient(n, a, b)])
    assert [r.outcome for r in transports[0].send_batch(batch)] == [Outcome.SENT]
    received = _received(smtp_server, batch.recipients[0].message_id)
    assert received == _as_sent(batch, 0, received)


class _Peer:
    """An aiosmtpd server on a thread of this process, for handlers a test writes."""

    def __init__(self, handler: object, **smtp_options: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        make = self.loop.create_server(
            lambda: SMTP(handler, hostname="peer.test", **smtp_options), "127.0.0.1", 0
        )
        self.server = asyncio.run_coroutine_threadsafe(make, self.loop).result(timeout=10)
        self.url = f"smtp://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture
def peers() -> Iterator[list[_Peer]]:
    made: list[_Peer] = []
    yield made
    for peer in made:
        peer.close()


class _DataAnswers:
    """Answers DATA per recipient: a code from ``answers``, "drop" hangs up."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.accepted: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = self.answers.get(envelope.rcpt_tos[0], "")
        if answer == "drop":
            server.transport.close()
            return "250 2.0.0 never heard"
        if answer:
            return answer
        content = envelope.original_content.decode("utf-8")
        self.accepted.append((envelope.rcpt_tos[0], envelope.mail_options, content))
        return "250 2.0.0 Ok: queued"


def test_refusals_after_data_are_classified_and_drops_are_uncertain(
    peers: list[_Peer], transports: list[SmtpTransport]
) -> None:
    batch = make_batch(6)
    to = [r.to.email for r in batch.recipients]
    handler = _DataAnswers(
        {
            to[1]: "554 5.6.0 content refused",
            to[2]: "452 4.3.1 out of storage",
            to[4]: "drop",
        }
    )
    peers.append(_Peer(handler))
    results = smtp(transports, peers[0].url, connections=1).send_batch(batch)
    by_ref = {r.ref: r for r in results}
    assert by_ref["delivery-1"].outcome is Outcome.PERMANENT
    assert by_ref["delivery-1"].reason == "SMTP 554 5.6.0 content refused"
    assert by_ref["delivery-2"].outcome is Outcome.TRANSIENT
    assert "452 4.3.1 out of storage" in by_ref["delivery-2"].reason
    assert by_ref["delivery-4"].outcome is Outcome.UNKNOWN
    assert "may have arrived" in by_ref["delivery-4"].reason
    sent = sorted(ref for ref, r in by_ref.items() if r.outcome is Outcome.SENT)
    assert sent == ["delivery-0", "delivery-3", "delivery-5"]  # after the drop: reconnected
    assert sorted(rcpt for rcpt, _options, _content in handler.accepted) == sorted(
        [to[0], to[3], to[5]]
    )


def test_a_non_ascii_local_part_fails_alone_without_smtputf8_and_goes_with_it(
    peers: list[_Peer], transports: list[SmtpTransport]
) -> None:
    batch = make_batch(3)
    recipients = list(batch.recipients)
    recipients[1] = replace(recipients[1], to=Address("jürgen@gemeente.example", "Jürgen"))
    batch = replace(batch, recipients=recipients)
    without, with_utf8 = _DataAnswers({}), _DataAnswers({})
    peers += [_Peer(without), _Peer(with_utf8, enable_SMTPUTF8=True)]

    plain = {r.ref: r for r in smtp(transports, peers[0].url).send_batch(batch)}
    assert plain["delivery-1"].outcome is Outcome.PERMANENT
    assert "SMTPUTF8" in plain["delivery-1"].reason
    assert {plain["delivery-0"].outcome, plain["delivery-2"].outcome} == {Outcome.SENT}

    utf8 = {r.ref: r for r in smtp(transports, peers[1].url).send_batch(batch)}
    assert {r.outcome for r in utf8.values()} == {Outcome.SENT}
    rcpt, options, content = next(a for a in with_utf8.accepted if a[0].startswith("j"))
    assert rcpt == "jürgen@gemeente.example" and "SMTPUTF8" in options
    assert "To: =?utf-8?b?" in content and "<jürgen@gemeente.example>" in content


def test_the_message_is_handed_over_already_stuffed(
    smtp_server: SmtpServer, transports: list[SmtpTransport], monkeypatch: pytest.MonkeyPatch
) -> None:
    """smtplib's own pass over every byte (a third of the sender's time) never runs."""

    def refuse(data: bytes) -> bytes:
        raise AssertionError("smtplib dot-stuffed the message again")

    monkeypatch.setattr(smtplib, "_quote_periods", refuse)
    monkeypatch.setattr(smtplib, "_fix_eols", refuse)
    batch = Batch(DOTTY, [_dotty_recipient(i, ".a", ".b\n.c") for i in range(3)])
    results = smtp(transports, f"smtp://127.0.0.1:{smtp_server.port}").send_batch(batch)
    assert {r.outcome for r in results} == {Outcome.SENT}
