"""Fetch new mail from an IMAP mailbox (``MAILER_IMAP_URL``) into the intake.

Each message is fetched (``BODY.PEEK[]``: a person reading along still sees it
unread), stored by :func:`intake.intake`, which commits, and only then moved
to ``MAILER_IMAP_DONE_FOLDER``. So the mailbox and the store never both lack a
message: a connection that drops, or a process killed, between the commit and
the move leaves the message in the inbox, the next poll fetches it again, the
sha256 recognises it, and it is moved then. Nothing is read here; the
pipeline reads what was stored.

URLs: ``imaps://user:password@host[:993]/INBOX`` (TLS from the start) or
``imap://user:password@host[:143]/INBOX?starttls=1``. Plain ``imap://``
without STARTTLS only to this machine (a password in clear over a network is
refused). ``?cafile=PATH`` trusts a private certificate authority.
"""

from __future__ import annotations

import base64
import imaplib
import re
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy.engine import Engine

from mailer.config import Settings
from mailer.errors import ConfigError, InvalidInput, PleinpostError
from mailer.i18n import _
from mailer.inbound.intake import MAX_BYTES, Source, intake

TIMEOUT = 60.0  # seconds without an answer before the connection counts as dropped
MOVE_EVERY = 50  # stored messages moved in one command
_LOCAL = {"localhost", "127.0.0.1", "::1"}
_TRUE = {"1", "true", "yes", "on"}


class MailboxError(PleinpostError, ConnectionError):
    """The mailbox could not be reached or refused a command; what was stored stays stored."""


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    mailbox: str = "INBOX"
    tls: bool = True  # TLS from the first byte (imaps)
    starttls: bool = False
    cafile: str | None = None

    @property
    def label(self) -> str:
        """Where mail came from, without the password (the ``origin`` column, messages)."""
        scheme = "imaps" if self.tls else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{self.mailbox}"


def parse_url(url: str) -> Mailbox:
    """``MAILER_IMAP_URL`` read, or a :class:`ConfigError` naming what is wrong."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"imap", "imaps"} or not parts.hostname:
        raise ConfigError(
            _("MAILER_IMAP_URL: write it as imaps://user:password@host/INBOX, not {url!r}").format(
                url=_hide_password(url)
            )
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    tls = parts.scheme == "imaps"
    starttls = query.get("starttls", "").lower() in _TRUE
    if not tls and not starttls and parts.hostname not in _LOCAL:
        raise ConfigError(
            _(
                "MAILER_IMAP_URL: imap:// would send the password unencrypted; "
                "use imaps:// or add ?starttls=1"
            )
        )
    if not parts.username:
        raise ConfigError(
            _("MAILER_IMAP_URL: the user name is missing (imaps://user:password@host/INBOX)")
        )
    try:
        port = parts.port or (993 if tls else 143)
    except ValueError as err:
        raise ConfigError(_("MAILER_IMAP_URL: the port is not a number")) from err
    return Mailbox(
        host=parts.hostname,
        port=port,
        user=unquote(parts.username),
        password=unquote(parts.password or ""),
        mailbox=unquote(parts.path.lstrip("/")) or "INBOX",
        tls=tls,
        starttls=starttls,
        cafile=query.get("cafile") or None,
    )


def _hide_password(url: str) -> str:
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)


@dataclass
class FetchReport:
    read: int = 0  # messages fetched from the mailbox
    stored: int = 0  # new in the store
    duplicates: int = 0  # already stored (a re-poll before the move, a second copy)
    moved: int = 0  # moved to the done folder
    errors: list[str] = field(default_factory=list)  # messages left in the mailbox, and why
    stored_ids: list[int] = field(default_factory=list)


def fetch(
    engine: Engine,
    settings: Settings,
    *,
    on_message: Callable[[FetchReport], None] | None = None,
) -> FetchReport:
    """Store every message in the mailbox and move what was stored; see the module's note.

    A dropped connection raises :class:`MailboxError` after everything fetched
    so far is stored (and as much as possible moved); ``report`` on the
    exception says what was done.
    """
    box = parse_url(settings.imap_url)
    report = FetchReport()
    try:
        with _connected(box) as conn:
            done = _done_folder(conn, settings.imap_done_folder)
            _select(conn, box.mailbox)
            pending: list[bytes] = []
            for uid, size in _waiting(conn):
                report.read += 1
                if size > MAX_BYTES:
                    report.errors.append(_too_large(uid, size))
                    continue
                raw, received = _fetch_one(conn, uid)
                if _store(engine, box, raw, received, report):
                    pending.append(uid)
                if len(pending) >= MOVE_EVERY:
                    report.moved += _move(conn, pending, done)
                    pending = []
                if on_message is not None:
                    on_message(report)
            if pending:
                report.moved += _move(conn, pending, done)
    except (imaplib.IMAP4.error, OSError, EOFError) as err:
        raise _dropped(box, err, report) from err
    return report


def _store(
    engine: Engine, box: Mailbox, raw: bytes, received: datetime | None, report: FetchReport
) -> bool:
    """Store one message; True when it may leave the inbox (stored now or before)."""
    try:
        stored = intake(engine, raw, source=Source.IMAP, received_at=received, origin=box.label)
    except InvalidInput as err:  # empty, or too large: stays in the inbox for a person
        report.errors.append(str(err))
        return False
    if stored.duplicate:
        report.duplicates += 1
    else:
        report.stored += 1
        report.stored_ids.append(stored.id)
    return True


def _too_large(uid: bytes, size: int) -> str:
    return _("message {uid} ({size} MB) is too large to store; it stays in the mailbox").format(
        uid=uid.decode(), size=size // (1024 * 1024)
    )


class DroppedConnection(MailboxError):
    def __init__(self, message: str, report: FetchReport):
        super().__init__(message)
        self.report = report


def _dropped(box: Mailbox, err: BaseException, report: FetchReport) -> DroppedConnection:
    if isinstance(err, ssl.SSLCertVerificationError):
        why = _("its certificate is not trusted ({error})").format(error=err.verify_message)
    else:
        why = str(err) or type(err).__name__
    return DroppedConnection(
        _("The mailbox {mailbox} failed: {reason}").format(mailbox=box.label, reason=why), report
    )


# --------------------------------------------------------------------------- IMAP


@contextmanager
def _connected(box: Mailbox) -> Iterator[imaplib.IMAP4]:
    context = ssl.create_default_context(cafile=box.cafile)
    conn: imaplib.IMAP4
    if box.tls:
        conn = imaplib.IMAP4_SSL(box.host, box.port, ssl_context=context, timeout=TIMEOUT)
    else:
        conn = imaplib.IMAP4(box.host, box.port, timeout=TIMEOUT)
        if box.starttls:
            conn.starttls(ssl_context=context)
    try:
        try:
            conn.login(box.user, box.password)
        except imaplib.IMAP4.error as err:
            raise ConfigError(
                _("MAILER_IMAP_URL: {host} refused the login of {user}: {reason}").format(
                    host=box.host, user=box.user, reason=_text(err)
                )
            ) from err
        yield conn
        conn.logout()
    finally:
        _close_quietly(conn)


def _close_quietly(conn: imaplib.IMAP4) -> None:
    with suppress(OSError, imaplib.IMAP4.error, AttributeError):
        conn.shutdown()


def _text(err: BaseException) -> str:
    value = err.args[0] if err.args else err
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _check(typ: str, data: Sequence[object], what: str) -> None:
    if typ != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise imaplib.IMAP4.error(f"{what}: {detail or typ}")


def quote(name: str) -> str:
    """A mailbox name as an IMAP quoted string, non-ASCII in modified UTF-7 (RFC 3501)."""
    encoded = encode_mailbox(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def encode_mailbox(name: str) -> str:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            data = "".join(run).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


_LIST_LINE = re.compile(rb'^\((?P<flags>[^)]*)\) (?:"(?P<sep>[^"]*)"|NIL) ')


def _separator(conn: imaplib.IMAP4) -> str:
    typ, data = conn.list('""', '""')
    _check(typ, data, "LIST")
    for line in data:
        if isinstance(line, bytes):
            found = _LIST_LINE.match(line)
            if found and found.group("sep"):
                return found.group("sep").decode()
    return "/"


def _done_folder(conn: imaplib.IMAP4, configured: str) -> str:
    """The done folder, quoted, created (and subscribed) when missing."""
    separator = _separator(conn)
    name = separator.join(p for p in configured.split("/") if p)
    quoted = quote(name)
    typ, data = conn.list('""', quoted)
    _check(typ, data, "LIST")
    if not any(isinstance(line, bytes) for line in data):
        typ, data = conn.create(quoted)
        if typ != "OK" and b"ALREADYEXISTS" not in b" ".join(
            d for d in data if isinstance(d, bytes)
        ):
            _check(typ, data, f"CREATE {name}")
        conn.subscribe(quoted)
    return quoted


def _select(conn: imaplib.IMAP4, mailbox: str) -> None:
    typ, data = conn.select(quote(mailbox))
    _check(typ, data, f"SELECT {mailbox}")


_SIZE = re.compile(rb"UID (\d+).*?RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+).*?UID (\d+)")


def _waiting(conn: imaplib.IMAP4) -> list[tuple[bytes, int]]:
    """(uid, size) of every message not marked deleted, oldest first."""
    typ, data = conn.uid("SEARCH", "UNDELETED")
    _check(typ, data, "SEARCH")
    uids = b" ".join(d for d in data if isinstance(d, bytes)).split()
    if not uids:
        return []
    typ, data = conn.uid("FETCH", b",".join(uids).decode(), "(RFC822.SIZE)")
    _check(typ, data, "FETCH")
    sizes: dict[bytes, int] = {}
    for line in data:
        if isinstance(line, bytes) and (found := _SIZE.search(line)):
            uid, size = (
                (found.group(1), found.group(2))
                if found.group(1)
                else (found.group(4), found.group(3))
            )
            sizes[uid] = int(size)
    return [(uid, sizes.get(uid, 0)) for uid in sorted(uids, key=int)]


_INTERNALDATE = re.compile(rb'INTERNALDATE "[^"]+"')


def _fetch_one(conn: imaplib.IMAP4, uid: bytes) -> tuple[bytes, datetime | None]:
    typ, data = conn.uid("FETCH", uid.decode(), "(INTERNALDATE BODY.PEEK[])")
    _check(typ, data, f"FETCH {uid.decode()}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            head, raw = item
            return bytes(raw), _received(head)
    raise imaplib.IMAP4.error(f"FETCH {uid.decode()}: no message in the answer")


def _received(head: bytes) -> datetime | None:
    found = _INTERNALDATE.search(head)
    if not found:
        return None
    local = imaplib.Internaldate2tuple(found.group(0))  # the server's time, as local time
    if local is None:
        return None
    return datetime.fromtimestamp(time.mktime(local), UTC)


def _move(conn: imaplib.IMAP4, uids: list[bytes], done: str) -> int:
    """Move what is stored; MOVE (RFC 6851) when offered, else COPY + \\Deleted + EXPUNGE."""
    uidset = b",".join(uids).decode()
    offered = _capabilities(conn)
    if b"MOVE" in offered:
        typ, data = conn.uid("MOVE", uidset, done)
        _check(typ, data, "MOVE")
        return len(uids)
    typ, data = conn.uid("COPY", uidset, done)
    _check(typ, data, "COPY")
    typ, data = conn.uid("STORE", uidset, "+FLAGS.SILENT", r"(\Deleted)")
    _check(typ, data, "STORE")
    if b"UIDPLUS" in offered:
        typ, data = conn.uid("EXPUNGE", uidset)
    else:
        typ, data = conn.expunge()
    _check(typ, data, "EXPUNGE")
    return len(uids)


def _capabilities(conn: imaplib.IMAP4) -> set[bytes]:
    """What the server offers after login (imaplib keeps only the greeting's list)."""
    typ, data = conn.capability()
    _check(typ, data, "CAPABILITY")
    return {word.upper() for line in data if isinstance(line, bytes) for word in line.split()}
