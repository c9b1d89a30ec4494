"""A real Dovecot for the IMAP tests, and a TCP proxy that can drop a connection on cue.

Dovecot runs in the foreground (``-F``) from a config in a fresh directory:
one passwd-file user, a Maildir, IMAP with STARTTLS and IMAPS on free ports of
127.0.0.1, a self-signed certificate made here with ``cryptography``. As root
(a container) the login processes run as Debian's ``dovenull`` and the mail
as ``nobody``; as another user everything runs as that user.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services import need, self_signed

DOVECOT = Path("/usr/sbin/dovecot")
USER, PASSWORD = "pleinpost", "geheim wachtwoord"
READY_WITHIN = 30.0  # a safety net for a server that never comes up, not a timing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Dovecot:
    def __init__(self, *, capability: str = ""):
        # Not under pytest's tmp_path: its parents are private to root, and the
        # mail processes run as an unprivileged user that must reach the Maildir.
        self.dir = Path(tempfile.mkdtemp(prefix="pleinpost-dovecot-"))
        self.dir.chmod(0o755)
        self.port, self.ssl_port = free_port(), free_port()
        self.cafile, key = self_signed(self.dir)
        self.process: subprocess.Popen[bytes] | None = None
        self._configure(key, capability)

    def _configure(self, key: Path, capability: str) -> None:
        home = self.dir / "home"
        home.mkdir()
        (self.dir / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        if os.geteuid() == 0:
            mail = pwd.getpwnam("nobody")
            users = ""
            os.chown(home, mail.pw_uid, mail.pw_gid)
        else:
            mail = pwd.getpwuid(os.getuid())
            users = f"default_login_user = {mail.pw_name}\ndefault_internal_user = {mail.pw_name}\n"
        extra = f"imap_capability = {capability}\n" if capability else ""
        (self.dir / "dovecot.conf").write_text(
            f"""
base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
{users}{extra}ssl = yes
ssl_cert = <{self.cafile}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{home}/%u/Maildir:LAYOUT=fs
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/passwd
}}
userdb {{
  driver = static
  args = uid={mail.pw_uid} gid={mail.pw_gid} home={home}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.ssl_port}
    ssl = yes
  }}
}}
"""
        )

    def start(self) -> Dovecot:
        (self.dir / "run" / "master.pid").unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(self.dir / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # it writes to log_path
        )
        deadline = time.monotonic() + READY_WITHIN
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=2) as s,
            ):
                if s.recv(100).startswith(b"* OK"):
                    return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"Dovecot did not start: {self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def url(self, mode: str = "imaps", *, port: int | None = None, mailbox: str = "INBOX") -> str:
        password = PASSWORD.replace(" ", "%20")
        if mode == "imaps":
            return f"imaps://{USER}:{password}@127.0.0.1:{self.ssl_port}/{mailbox}?cafile={self.cafile}"
        if mode == "starttls":
            return (
                f"imap://{USER}:{password}@127.0.0.1:{self.port}/{mailbox}"
                f"?starttls=1&cafile={self.cafile}"
            )
        return f"imap://{USER}:{password}@127.0.0.1:{port or self.port}/{mailbox}"

    @contextlib.contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        conn.login(USER, PASSWORD)
        try:
            yield conn
        finally:
            conn.logout()

    def append(self, *raws: bytes, mailbox: str = "INBOX") -> None:
        with self.client() as conn:
            for raw in raws:
                typ, data = conn.append(f'"{mailbox}"', None, None, raw)
                assert typ == "OK", data

    def count(self, mailbox: str) -> int:
        with self.client() as conn:
            typ, data = conn.select(f'"{mailbox}"', readonly=True)
            return int(data[0]) if typ == "OK" else -1


class CutProxy:
    """Forwards one TCP connection at a time to ``port``, and drops it on cue.

    ``cut_after`` bytes from the server (in the middle of a message being
    fetched), or the first time the client sends ``cut_on`` (a command).
    """

    def __init__(self, port: int, *, cut_after: int | None = None, cut_on: bytes | None = None):
        self.upstream = port
        self.cut_after, self.cut_on = cut_after, cut_on
        self.cut = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _addr = self.listener.accept()
                server = socket.create_connection(("127.0.0.1", self.upstream))
                pair = (client, server)
                threading.Thread(
                    target=self._pump, args=(server, client, pair, True), daemon=True
                ).start()
                threading.Thread(
                    target=self._pump, args=(client, server, pair, False), daemon=True
                ).start()

    def _pump(self, src: socket.socket, dst: socket.socket, pair: tuple, from_server: bool) -> None:
        passed = 0
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                if not self.cut.is_set():
                    if (
                        from_server
                        and self.cut_after is not None
                        and passed + len(data) > self.cut_after
                    ):
                        dst.sendall(data[: max(0, self.cut_after - passed)])
                        self._drop(pair)
                        return
                    if not from_server and self.cut_on is not None and self.cut_on in data:
                        self._drop(pair)
                        return
                passed += len(data)
                dst.sendall(data)
        self._drop(pair, mark=False)

    def _drop(self, pair: tuple, *, mark: bool = True) -> None:
        if mark:
            self.cut.set()
        for sock in pair:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.close()


def _start(**kw: str) -> Iterator[Dovecot]:
    need(DOVECOT.exists(), f"{DOVECOT} not found (Debian: apt-get install dovecot-imapd)")
    server = Dovecot(**kw)
    try:
        yield server.start()
    finally:
        server.remove()


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    yield from _start()


@pytest.fixture
def dovecot_without_move() -> Iterator[Dovecot]:
    """A Dovecot that does not offer MOVE: the poll must COPY, flag and EXPUNGE."""
    yield from _start(capability="IMAP4rev1 LITERAL+ UIDPLUS SASL-IR IDLE")
