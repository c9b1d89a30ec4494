"""SMTP: one transaction per recipient over a few long-lived connections.

One transaction per recipient (not one per batch) because every recipient
gets a different message, and because the server's answer to each ``RCPT``
is that recipient's fate: a 550 for one address must not fail the others.

``MAILER_SMTP_URL`` forms::

    smtp://127.0.0.1:2525                        plain (a local relay)
    smtp://user:pass@mail.example.nl:587?starttls=1
    smtps://user:pass@mail.example.nl:465         TLS from the first byte
    options: bounce=ADDRESS (envelope sender; default the From address),
             timeout=SECONDS (default 30), cafile=PATH, verify=0, helo=NAME
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from mailer.errors import ConfigError, PleinpostError
from mailer.i18n import _
from mailer.message import Batch, Recipient
from mailer.transports.base import NO_PROGRESS, Outcome, Progress, Result
from mailer.transports.classify import Failure, classify, classify_smtp_reply


@dataclass(frozen=True)
class SmtpUrl:
    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    user: str = ""
    password: str = ""
    bounce: str = ""
    timeout: float = 30.0
    cafile: str | None = None
    verify: bool = True
    helo: str = ""


def parse_smtp_url(url: str) -> SmtpUrl:
    """Read ``MAILER_SMTP_URL``; anything unclear is a ``ConfigError`` naming it."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ConfigError(
            _(
                "MAILER_SMTP_URL must look like smtp://host:port or smtps://host:port, got {url!r}"
            ).format(url=url)
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    unknown = set(query) - {"starttls", "bounce", "timeout", "cafile", "verify", "helo"}
    if unknown:
        raise ConfigError(
            _("MAILER_SMTP_URL: unknown option(s) {options}").format(
                options=", ".join(sorted(unknown))
            )
        )
    implicit = parts.scheme == "smtps"
    try:
        port = parts.port or (465 if implicit else 25)
        timeout = float(query.get("timeout", 30))
    except ValueError as err:
        raise ConfigError(f"MAILER_SMTP_URL: {err}") from err
    return SmtpUrl(
        host=parts.hostname,
        port=port,
        implicit_tls=implicit,
        starttls=_flag(query.get("starttls", "0")),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        bounce=query.get("bounce", ""),
        timeout=timeout,
        cafile=query.get("cafile"),
        verify=_flag(query.get("verify", "1")),
        helo=query.get("helo", ""),
    )


def _flag(value: str) -> bool:
    return value.lower() in {"1", "true", "yes", "on"}


class _Gone(Exception):
    """The connection died before anything of this message was sent: safe to redo."""


class SmtpTransport:
    """Up to ``connections`` open connections, reused across batches."""

    name = "smtp"

    def __init__(self, url: str, *, connections: int = 2) -> None:
        self.url = parse_smtp_url(url)
        self.connections = connections
        self._idle: list[smtplib.SMTP] = []
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=connections, thread_name_prefix="smtp")
        self._context = ssl.create_default_context(cafile=self.url.cafile)
        if not self.url.verify:
            self._context.check_hostname = False
            self._context.verify_mode = ssl.CERT_NONE

    def send_batch(self, batch: Batch, progress: Progress = NO_PROGRESS) -> list[Result]:
        recipients = list(batch.recipients)
        workers = max(1, min(self.connections, len(recipients)))
        slices = [recipients[i::workers] for i in range(workers)]
        futures = [self._pool.submit(self._send_slice, batch, part, progress) for part in slices]
        return [result for future in futures for result in future.result()]

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            _quit(conn)
        self._pool.shutdown(wait=True)

    # --- one worker's share ---------------------------------------------------

    def _send_slice(
        self, batch: Batch, recipients: list[Recipient], progress: Progress
    ) -> list[Result]:
        bounce = self.url.bounce or batch.message.sender.email
        results: list[Result] = []
        conn: smtplib.SMTP | None = None

        def report(result: Result) -> None:
            progress.done(result)
            results.append(result)

        try:
            for index, recipient in enumerate(recipients):
                if progress.stopping():
                    for rest in recipients[index:]:
                        report(Result(rest.ref, Outcome.UNTRIED))
                    break
                try:
                    data = batch.message.personalize(recipient).as_smtp_data()
                except Exception as err:  # this recipient's mail cannot be made: only theirs
                    report(Result(recipient.ref, Outcome.PERMANENT, _words(err)))
                    continue
                progress.handing_over((recipient.ref,))
                try:
                    conn, result = self._deliver(conn, bounce, recipient, data)
                except Exception as err:  # the connection cannot be had: all the rest share it
                    failure = classify(err)
                    for rest in recipients[index:]:
                        report(_failed(rest.ref, failure))
                    conn = None
                    break
                report(result)
        finally:
            if conn is not None:
                with self._lock:
                    self._idle.append(conn)
        return results

    def _deliver(
        self, conn: smtplib.SMTP | None, bounce: str, recipient: Recipient, data: bytes
    ) -> tuple[smtplib.SMTP | None, Result]:
        """Send one message; reconnect once if a pooled connection turns out dead."""
        for attempt in (1, 2):
            if conn is None:
                conn = self._checkout()
            try:
                return conn, self._transaction(conn, bounce, recipient, data)
            except _Gone:
                _quit(conn)
                conn = None
                if attempt == 2:
                    raise smtplib.SMTPServerDisconnected("connection lost twice") from None
            except (smtplib.SMTPServerDisconnected, OSError) as err:
                # lost during DATA: the server may have the message; never resend silently
                _quit(conn)
                words = classify(err).reason
                return None, Result(recipient.ref, Outcome.UNKNOWN, f"{words}; may have arrived")
        raise AssertionError("unreachable")

    def _transaction(
        self, conn: smtplib.SMTP, bounce: str, recipient: Recipient, data: bytes
    ) -> Result:
        try:
            address, options = envelope_address(recipient.to.email, conn.has_extn("smtputf8"))
        except UnencodableAddress as err:
            return Result(recipient.ref, Outcome.PERMANENT, str(err))
        if options:  # SMTPUTF8: smtplib writes commands in ASCII unless told
            conn.command_encoding = "utf-8"
        sender_refused = False
        try:
            code, reply = conn.mail(bounce, options)
            if code == 250:
                code, reply = conn.rcpt(address)
            else:
                sender_refused = True
        except (smtplib.SMTPServerDisconnected, ConnectionError) as err:
            raise _Gone from err
        if code == 421:  # the server is closing this connection
            raise _Gone
        if code not in (250, 251):
            try:
                conn.rset()
            except (smtplib.SMTPServerDisconnected, ConnectionError) as err:
                raise _Gone from err
            if sender_refused:
                return _failed(
                    recipient.ref, classify(smtplib.SMTPSenderRefused(code, reply, bounce))
                )
            return _failed(recipient.ref, classify_smtp_reply(code, reply))
        try:
            code, reply = _data(conn, data)
        except smtplib.SMTPDataError as err:
            return _failed(recipient.ref, classify(err))
        return Result(recipient.ref, Outcome.SENT, provider_id=reply.decode("utf-8", "replace"))

    def _checkout(self) -> smtplib.SMTP:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _connect(self) -> smtplib.SMTP:
        u = self.url
        helo = u.helo or socket.gethostname()
        conn: smtplib.SMTP
        if u.implicit_tls:
            conn = smtplib.SMTP_SSL(
                u.host, u.port, timeout=u.timeout, context=self._context, local_hostname=helo
            )
        else:
            conn = smtplib.SMTP(u.host, u.port, timeout=u.timeout, local_hostname=helo)
        try:
            conn.ehlo()
            if u.starttls:
                conn.starttls(context=self._context)
                conn.ehlo()
            if u.user:
                conn.login(u.user, u.password)
        except BaseException:
            _quit(conn)
            raise
        return conn


class UnencodableAddress(PleinpostError):
    """An address this server cannot be given (a non-ASCII local part without SMTPUTF8)."""


def envelope_address(address: str, smtputf8: bool) -> tuple[str, list[str]]:
    """The address as the envelope can carry it, and the MAIL options it needs.

    A non-ASCII domain goes as punycode where the server lacks SMTPUTF8; a
    non-ASCII local part has no ASCII form, so without SMTPUTF8 only that
    recipient fails.
    """
    if address.isascii():
        return address, []
    if smtputf8:
        return address, ["SMTPUTF8"]
    local, _at, domain = address.rpartition("@")
    if not local.isascii():
        raise UnencodableAddress(
            _(
                "{address}: the mail server does not accept non-ASCII addresses (no SMTPUTF8)"
            ).format(address=address)
        )
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}", []
    except UnicodeError as err:
        raise UnencodableAddress(
            _("{address}: the domain cannot be written in ASCII (IDNA)").format(address=address)
        ) from err


def _data(conn: smtplib.SMTP, data: bytes) -> tuple[int, bytes]:
    """``conn.data()`` for a message already in ``DATA`` form (``as_smtp_data``).

    smtplib's ``data()`` runs a regex over every byte to dot-stuff it: a third
    of the sender's time on a 47 KB newsletter. The same commands, replies and
    exceptions (``SMTPDataError`` for a refusal, ``SMTPServerDisconnected``
    when the line drops), without that pass.
    """
    conn.putcmd("data")
    code, reply = conn.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    conn.send(data)
    code, reply = conn.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
    return code, reply


def _words(err: Exception) -> str:
    return str(err) or type(err).__name__


def _failed(ref: str, failure: Failure) -> Result:
    return Result(ref, failure.outcome, failure.reason, retry_after=failure.retry_after)


def _quit(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        conn.close()
