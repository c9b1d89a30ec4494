"""Every failure class of issue 4, produced for real against the local servers
(the official SendGrid client, smtplib against aiosmtpd), then classified."""

from __future__ import annotations

import http.client
import smtplib
import socket
import ssl
import time
import urllib.error
from pathlib import Path

import pytest
from python_http_client.exceptions import HTTPError
from sendgrid import SendGridAPIClient

from mailer.transports.base import Outcome
from mailer.transports.classify import Failure, classify, classify_refused
from mailer.transports.sendgrid import build_payload
from tests.transports.conftest import API_KEY, Cert, make_batch
from tests.transports.sendgrid_server import FakeSendGrid, Reply
from tests.transports.smtp_server import SmtpServer

T, P, C = Outcome.TRANSIENT, Outcome.PERMANENT, Outcome.CONFIG
NOW = 1_900_000_000.0


def sendgrid_error(fake: FakeSendGrid, reply: Reply | None, *, timeout: float = 5) -> BaseException:
    """What the real client raises when the server answers ``reply``."""
    if reply is not None:
        fake.reply(reply)
    sg = SendGridAPIClient(API_KEY, host=fake.url)
    sg.client.timeout = timeout
    with pytest.raises(BaseException) as caught:
        sg.send(build_payload(make_batch(2)))
    return caught.value


@pytest.mark.parametrize(
    ("reply", "outcome", "words"),
    [
        (Reply(400, errors=["The subject is required."]), P, "The subject is required."),
        (Reply(413, errors=["Payload too large"]), P, "Payload too large"),
        (Reply(403, errors=["The from address does not match"]), C, "SENDGRID_API_KEY"),
        (Reply(500), T, "SendGrid 500"),
        (Reply(502), T, "SendGrid 502"),
        (Reply(503), T, "SendGrid 503"),
        (Reply(504), T, "SendGrid 504"),
    ],
)
def test_sendgrid_statuses(
    sendgrid: FakeSendGrid, reply: Reply, outcome: Outcome, words: str
) -> None:
    err = sendgrid_error(sendgrid, reply)
    assert isinstance(err, HTTPError)
    failure = classify(err, now=NOW)
    assert failure.outcome is outcome
    assert words in failure.reason


def test_502_is_the_plain_http_error_and_still_transient(sendgrid: FakeSendGrid) -> None:
    err = sendgrid_error(sendgrid, Reply(502))
    assert type(err) is HTTPError  # the client has no subclass for 502
    assert classify(err).outcome is T


def test_429_honours_retry_after(sendgrid: FakeSendGrid) -> None:
    err = sendgrid_error(sendgrid, Reply(429, headers={"Retry-After": "17"}))
    assert classify(err, now=NOW) == Failure(T, "SendGrid 429: status 429", 17.0)


def test_429_honours_x_ratelimit_reset(sendgrid: FakeSendGrid) -> None:
    reset = {"X-RateLimit-Reset": str(int(NOW) + 42), "X-RateLimit-Remaining": "0"}
    err = sendgrid_error(sendgrid, Reply(429, headers=reset))
    assert classify(err, now=NOW).retry_after == 42.0
    assert classify(err, now=NOW + 100).retry_after == 0.0  # already past: retry now


def test_429_with_an_http_date(sendgrid: FakeSendGrid) -> None:
    date = "Thu, 17 Mar 2030 10:00:30 GMT"
    err = sendgrid_error(sendgrid, Reply(429, headers={"Retry-After": date}))
    from email.utils import parsedate_to_datetime

    now = parsedate_to_datetime(date).timestamp() - 30
    assert classify(err, now=now).retry_after == 30.0


def test_401_names_the_key(sendgrid: FakeSendGrid) -> None:
    sendgrid.api_key = "SG.another"
    failure = classify(sendgrid_error(sendgrid, None))
    assert failure.outcome is C and "check SENDGRID_API_KEY" in failure.reason


def test_slow_answer_is_a_timeout(sendgrid: FakeSendGrid) -> None:
    err = sendgrid_error(sendgrid, Reply(delay=2), timeout=0.2)
    assert isinstance(err, TimeoutError)  # not wrapped by the client
    assert classify(err).outcome is T


def test_dropped_connection(sendgrid: FakeSendGrid) -> None:
    err = sendgrid_error(sendgrid, Reply(drop=True))
    assert isinstance(err, http.client.RemoteDisconnected | ConnectionError)
    assert classify(err).outcome is T


def test_refused_connection_is_an_unwrapped_url_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    sg = SendGridAPIClient(API_KEY, host=f"http://127.0.0.1:{port}")
    sg.client.timeout = 2
    with pytest.raises(urllib.error.URLError) as caught:
        sg.send({"personalizations": []})
    failure = classify(caught.value)
    assert failure.outcome is T and "connection failed" in failure.reason


def test_sendgrid_whole_batch_shares_the_outcome(sendgrid: FakeSendGrid) -> None:
    from mailer.transports.sendgrid import SendGridTransport

    sendgrid.reply(Reply(429, headers={"Retry-After": "5"}), Reply(202))
    transport = SendGridTransport(API_KEY, host=sendgrid.url, timeout=5)
    results = transport.send_batch(make_batch(1500))
    outcomes = {(r.outcome, r.retry_after) for r in results}
    assert outcomes == {(T, 5.0), (Outcome.SENT, None)}
    assert sum(r.outcome is T for r in results) == 1000  # the first request's recipients


@pytest.mark.parametrize("exc", [TimeoutError("timed out"), TimeoutError()])
def test_timeouts(exc: BaseException) -> None:
    assert classify(exc).outcome is T


def test_smtp_refusals_per_recipient(smtp_server: SmtpServer) -> None:
    smtp_server.refuse(
        {"a@x.example": (550, "5.1.1 no such user"), "b@x.example": (451, "4.3.0 try later")}
    )
    with (
        smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=5) as conn,
        pytest.raises(smtplib.SMTPRecipientsRefused) as caught,
    ):
        conn.sendmail(
            "nieuws@pleinpost.example", ["a@x.example", "b@x.example"], b"Subject: x\r\n\r\nx"
        )
    per = classify_refused(caught.value)
    assert per["a@x.example"].outcome is P and "550 5.1.1 no such user" in per["a@x.example"].reason
    assert per["b@x.example"].outcome is T and "451" in per["b@x.example"].reason
    assert classify(caught.value).outcome is T  # one of them may still go through later


def test_smtp_authentication_names_the_setting(tmp_path: Path, tls_cert: Cert) -> None:
    server = SmtpServer(
        tmp_path / "s", users={"pleinpost": "geheim"}, cert=tls_cert.cert, key=tls_cert.key
    ).start()
    try:
        context = ssl.create_default_context(cafile=str(tls_cert.cert))
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as conn:
            conn.starttls(context=context)
            with pytest.raises(smtplib.SMTPAuthenticationError) as caught:
                conn.login("pleinpost", "fout")
    finally:
        server.stop()
    failure = classify(caught.value)
    assert failure.outcome is C and "MAILER_SMTP_URL" in failure.reason
    assert failure.reason.count("MAILER_SMTP_URL") == 1  # the hint once, not twice


def test_smtp_server_disconnected(tmp_path: Path) -> None:
    server = SmtpServer(tmp_path / "s", idle_timeout=0.3).start()
    conn = smtplib.SMTP("127.0.0.1", server.port, timeout=5)
    try:
        conn.ehlo()
        time.sleep(0.8)  # the server says 421 and drops the idle client
        with pytest.raises(smtplib.SMTPServerDisconnected) as caught:
            for _ in range(3):
                conn.noop()
    finally:
        conn.close()
        server.stop()
    assert classify(caught.value).outcome is T


def test_smtp_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConnectionRefusedError) as caught:
        smtplib.SMTP("127.0.0.1", port, timeout=2)
    assert classify(caught.value).outcome is T


def test_untrusted_certificate_is_a_configuration_problem(tmp_path: Path, tls_cert: Cert) -> None:
    server = SmtpServer(tmp_path / "s", cert=tls_cert.cert, key=tls_cert.key).start()
    try:
        with (
            smtplib.SMTP("127.0.0.1", server.port, timeout=5) as conn,
            pytest.raises(ssl.SSLCertVerificationError) as caught,
        ):
            conn.starttls(context=ssl.create_default_context())
    finally:
        server.stop()
    assert classify(caught.value).outcome is C


def test_smtp_reply_codes_directly() -> None:
    assert classify(smtplib.SMTPDataError(552, b"5.3.4 too big")).outcome is P
    assert classify(smtplib.SMTPDataError(452, b"4.3.1 full")).outcome is T
    refused = classify(smtplib.SMTPSenderRefused(553, b"not ours", "x@y.example"))
    assert refused.outcome is C and "MAILER_FROM" in refused.reason
    assert classify(smtplib.SMTPSenderRefused(451, b"later", "x@y.example")).outcome is T


def test_unknown_errors_are_permanent_and_say_what() -> None:
    failure = classify(KeyError("x"))
    assert failure.outcome is P and "KeyError" in failure.reason
