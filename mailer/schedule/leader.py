"""Only one scheduler leads: a lock the operating system or the database frees on death.

Two schedulers sharing one APScheduler job store would both fire every job
(APScheduler does not coordinate them). So a scheduler first takes a lock
that disappears with its holder: on PostgreSQL a session advisory lock on a
connection kept open for the leader's whole life, on SQLite an ``fcntl`` lock
on a file in the data dir (one machine, as SQLite is). A second scheduler
polls and takes over within a poll interval when the leader dies, however
it dies (SIGKILL included).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from mailer.config import Settings
from mailer.errors import LeadershipLost
from mailer.i18n import _

log = logging.getLogger(__name__)

# A fixed 64-bit key; any number works as long as every Pleinpost process uses the same.
ADVISORY_KEY = 0x706C65696E706F73  # "pleinpos"


class Leader(Protocol):
    def try_acquire(self) -> bool: ...
    def check(self) -> None: ...
    def release(self) -> None: ...

    @property
    def where(self) -> str: ...


class PostgresLeader:
    """A session advisory lock on a connection of its own, kept for the leader's life.

    Two details make the lock vanish with its holder, and only then:

    - the connection never goes back to the engine's pool (``release``
      invalidates it): a pooled connection that still held the lock would keep
      it for as long as the pool lives;
    - TCP keepalives on the server side (``KEEPALIVE``): a leader killed on
      this machine closes its socket and PostgreSQL frees the lock at once, but
      a leader whose *machine* vanished (power, network) would hold it until
      the kernel's default keepalive gives up, over two hours later. With these
      the server drops the dead session within about ``LOST_AFTER_SECONDS``.
    """

    KEEPALIVE = {
        "tcp_keepalives_idle": "10",  # seconds without traffic before probing
        "tcp_keepalives_interval": "5",
        "tcp_keepalives_count": "3",
        "tcp_user_timeout": "30000",  # ms: unacknowledged data also ends it
    }
    LOST_AFTER_SECONDS = 30

    def __init__(self, engine: Engine, key: int = ADVISORY_KEY) -> None:
        self.engine, self.key = engine, key
        self._conn: Connection | None = None
        self._held = False

    @property
    def where(self) -> str:
        return f"PostgreSQL advisory lock {self.key}"

    def _connect(self) -> Connection:
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        for name, value in self.KEEPALIVE.items():  # ignored on a Unix socket: no TCP
            conn.execute(text("SELECT set_config(:n, :v, false)"), {"n": name, "v": value})
        return conn

    def try_acquire(self) -> bool:
        """One attempt; a database that is away now is "not yet", not a crash."""
        try:
            if self._conn is None:
                self._conn = self._connect()
            got = self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
            self._held = bool(got.scalar())
        except SQLAlchemyError as err:
            log.warning("leader lock not reachable, trying again: %s", err)
            self._drop()
            return False
        return self._held

    def check(self) -> None:
        """Still leading? The lock lives exactly as long as this connection."""
        if self._conn is None or not self._held:
            raise LeadershipLost(_("this scheduler does not lead"))
        try:
            self._conn.execute(text("SELECT 1"))
        except Exception as err:
            raise LeadershipLost(
                _("the database connection holding the leader lock is lost")
            ) from err

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            if self._held:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
        except SQLAlchemyError as err:  # the connection is closed below: the lock goes with it
            log.warning("could not unlock the leader lock: %s", err)
        finally:
            self._drop()

    def _drop(self) -> None:
        """Close the lock's connection for real, never back into the pool."""
        if self._conn is not None:
            self._conn.invalidate()
            self._conn.close()
        self._conn, self._held = None, False


class FileLeader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    @property
    def where(self) -> str:
        return f"file lock {self.path}"

    def try_acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def check(self) -> None:
        if self._file is None:
            raise LeadershipLost(_("this scheduler does not lead"))

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def leader_for(engine: Engine, settings: Settings) -> Leader:
    if engine.dialect.name == "postgresql":
        return PostgresLeader(engine)
    return FileLeader(settings.data_dir / "scheduler.lock")


def wait_for_leadership(leader: Leader, stop: threading.Event, poll: float = 1.0) -> bool:
    """Block until this process leads (True) or ``stop`` is set (False)."""
    announced = False
    while not stop.is_set():
        if leader.try_acquire():
            log.info("leading the schedule (%s)", leader.where)
            return True
        if not announced:
            log.info("another scheduler leads (%s); waiting to take over", leader.where)
            announced = True
        stop.wait(poll)
    return False
