"""A real SMTP server (aiosmtpd) in its own process, recording into a Maildir.

Tests start it with ``SmtpServer(tmp_path).start()``. Each accepted message
lands in ``<dir>/maildir`` with ``Return-Path`` (the envelope sender) and
``X-Original-To`` (the envelope recipient) added on top, as a mail server
would. Refusals are read from ``<dir>/refuse.json`` at every ``RCPT`` so a test
can change them while the server runs: ``{"a@x.example": [550, "no such user"]}``
(an envelope sender listed there is refused at ``MAIL FROM``).
Optional: AUTH (PLAIN/LOGIN) and STARTTLS or implicit TLS with a certificate
the test generated.

Run as ``python -m tests.transports.smtp_server CONFIG.json``; it prints its
port on the first line of stdout and serves until terminated.
"""

from __future__ import annotations

import asyncio
import json
import mailbox
import os
import signal
import ssl
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class SmtpServer:
    """The parent's handle: configure, start, read what arrived, stop."""

    dir: Path
    users: dict[str, str] = field(default_factory=dict)  # AUTH required when set
    cert: Path | None = None
    key: Path | None = None
    implicit_tls: bool = False  # smtps:// instead of STARTTLS
    idle_timeout: float = 30.0  # seconds before the server drops an idle client
    delay: float = 0.0  # seconds the server takes to accept each message
    port: int = 0
    _proc: subprocess.Popen[str] | None = None

    @property
    def maildir(self) -> Path:
        return self.dir / "maildir"

    def start(self) -> SmtpServer:
        self.dir.mkdir(parents=True, exist_ok=True)
        config = {
            "maildir": str(self.maildir),
            "refuse": str(self.dir / "refuse.json"),
            "users": self.users,
            "cert": str(self.cert) if self.cert else None,
            "key": str(self.key) if self.key else None,
            "implicit_tls": self.implicit_tls,
            "idle_timeout": self.idle_timeout,
            "port": self.port,
            "delay": self.delay,
        }
        (self.dir / "config.json").write_text(json.dumps(config))
        self.refuse({})
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.transports.smtp_server", str(self.dir / "config.json")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line.strip().isdigit():
            self.stop()
            raise RuntimeError(f"SMTP test server did not start: {line!r}")
        self.port = int(line)
        return self

    def refuse(self, refusals: dict[str, tuple[int, str]]) -> None:
        """Refuse these recipients from now on (atomic: the server may be reading)."""
        tmp = self.dir / "refuse.json.tmp"
        tmp.write_text(json.dumps({k.lower(): list(v) for k, v in refusals.items()}))
        os.replace(tmp, self.dir / "refuse.json")

    def messages(self) -> list[bytes]:
        """Everything received so far, as raw bytes (order not guaranteed)."""
        if not self.maildir.exists():
            return []
        box = mailbox.Maildir(self.maildir, create=False)
        return [box.get_bytes(key) for key in box.iterkeys()]

    def ehlos(self) -> int:
        """How many EHLO greetings the server has had (one per connection, two with STARTTLS)."""
        log = self.dir / "ehlo.log"
        return len(log.read_text().splitlines()) if log.exists() else 0

    def stop(self) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._proc = None


# --- the child process ------------------------------------------------------


class Recorder:
    """The aiosmtpd handler: refuse what refuse.json says, store the rest."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.box = mailbox.Maildir(config["maildir"], create=True)
        self.delay = float(config.get("delay", 0))
        self.refuse_file = Path(config["refuse"])
        self.ehlo_log = Path(config["refuse"]).with_name("ehlo.log")

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.ehlo_log.open("a") as log:  # one line per EHLO: counts connections
            log.write(f"{hostname}\n")
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        refusals = json.loads(self.refuse_file.read_text() or "{}")
        if address.lower() in refusals:  # the same file refuses envelope senders too
            code, text = refusals[address.lower()]
            return f"{code} {text}"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusals = json.loads(self.refuse_file.read_text() or "{}")
        if address.lower() in refusals:
            code, text = refusals[address.lower()]
            return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:  # a slow server: crash tests kill the sender mid-campaign
            await asyncio.sleep(self.delay)
        trace = (
            f"Return-Path: <{envelope.mail_from}>\r\n"
            f"X-Original-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        key = self.box.add(trace + envelope.original_content)
        return f"250 2.0.0 Ok: queued as {key}"


def _authenticator(users: dict[str, str]) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = auth_data.login.decode()
        ok = users.get(login) == auth_data.password.decode()
        return AuthResult(success=ok, handled=False)

    return check


async def _serve(config: dict[str, Any]) -> None:
    from aiosmtpd.smtp import SMTP

    context = None
    if config["cert"]:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(config["cert"], config["key"])
    kwargs: dict[str, Any] = {"timeout": config["idle_timeout"], "hostname": "smtp.test"}
    if context is not None and not config["implicit_tls"]:
        kwargs.update(tls_context=context, require_starttls=True)
    if config["users"]:
        kwargs.update(
            authenticator=_authenticator(config["users"]),
            auth_required=True,
            auth_require_tls=context is not None,
        )
    handler = Recorder(config)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **kwargs),
        host="127.0.0.1",
        port=config["port"],
        ssl=context if config["implicit_tls"] else None,
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    server.close()


def main() -> None:
    config = json.loads(Path(sys.argv[1]).read_text())
    asyncio.run(_serve(config))


if __name__ == "__main__":
    main()
