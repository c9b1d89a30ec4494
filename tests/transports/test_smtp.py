"""SMTP against a real aiosmtpd in another process: URLs, envelopes, refusals,
reused connections, reconnects, STARTTLS, implicit TLS and AUTH."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailer.errors import ConfigError
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
