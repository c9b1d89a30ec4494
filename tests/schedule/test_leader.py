"""One scheduler leads: the lock is exclusive, is freed on release or death, and is waited for."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text

from mailer.db import make_engine
from mailer.errors import LeadershipLost
from mailer.schedule.leader import FileLeader, PostgresLeader, leader_for, wait_for_leadership

SAFETY_NET = 300.0  # seconds: a hang, never a slow machine


def _pair(engine, settings, db_url, is_postgres):
    if is_postgres:
        other = make_engine(db_url)
        return PostgresLeader(engine, key=4242), PostgresLeader(other, key=4242), other
    path = settings.data_dir / "scheduler.lock"
    return FileLeader(path), FileLeader(path), None


def test_only_one_leads_until_it_releases(engine, settings, db_url, is_postgres):
    first, second, other = _pair(engine, settings, db_url, is_postgres)
    try:
        assert first.try_acquire() is True
        first.check()
        assert second.try_acquire() is False
        with pytest.raises(LeadershipLost):
            second.check()
        first.release()
        assert second.try_acquire() is True
        assert first.try_acquire() is False
    finally:
        first.release()
        second.release()
        if other is not None:
            other.dispose()


def test_the_right_lock_for_the_database(engine, settings, is_postgres):
    leader = leader_for(engine, settings)
    assert isinstance(leader, PostgresLeader if is_postgres else FileLeader)


class Counting:
    """A real leader that counts its attempts, so a test can wait for "it tried"."""

    def __init__(self, leader) -> None:
        self.leader, self.attempts = leader, 0
        self.where = leader.where

    def try_acquire(self) -> bool:
        self.attempts += 1
        return self.leader.try_acquire()


def test_a_waiting_scheduler_takes_over_when_the_leader_dies(engine, settings, db_url, is_postgres):
    """The leader is a real process killed with SIGKILL: the OS / PostgreSQL frees its lock.

    No clock: "still waiting" is two refused attempts, "took over" is the waiting
    thread ending with True (the join's timeout is a safety net only)."""
    if is_postgres:
        code = (
            "import sys,time; from sqlalchemy import text; from mailer.db import make_engine;"
            "c=make_engine(sys.argv[1]).connect();"
            "c.execute(text('SELECT pg_advisory_lock(4243)')); c.commit();"
            "print('locked', flush=True); time.sleep(600)"
        )
        waiting = Counting(PostgresLeader(engine, key=4243))
        arg = db_url
    else:
        code = (
            "import sys,time; from pathlib import Path;"
            "from mailer.schedule.leader import FileLeader;"
            "lock=FileLeader(Path(sys.argv[1])); assert lock.try_acquire();"
            "print('locked', flush=True); time.sleep(600)"
        )
        path = settings.data_dir / "scheduler.lock"
        waiting, arg = Counting(FileLeader(path)), str(path)
    proc = subprocess.Popen([sys.executable, "-c", code, arg], stdout=subprocess.PIPE, text=True)
    stop = threading.Event()
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        got: list[bool] = []
        thread = threading.Thread(
            target=lambda: got.append(wait_for_leadership(waiting, stop, 0.05))  # type: ignore[arg-type]
        )
        thread.start()
        while waiting.attempts < 2:
            time.sleep(0.01)
        assert got == []  # refused twice: still waiting
        proc.kill()
        proc.wait()
        thread.join(SAFETY_NET)
        assert got == [True]
        waiting.leader.check()
    finally:
        stop.set()
        proc.kill()
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()
        waiting.leader.release()


def test_waiting_gives_up_when_asked_to_stop(settings):
    path = settings.data_dir / "scheduler.lock"
    holder, waiting = FileLeader(path), FileLeader(path)
    assert holder.try_acquire()
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    try:
        assert wait_for_leadership(waiting, stop, 0.05) is False
    finally:
        holder.release()


def test_postgres_leadership_is_lost_with_the_connection(engine, is_postgres):
    if not is_postgres:
        pytest.skip("PostgreSQL advisory lock only")
    leader = PostgresLeader(engine, key=4244)
    assert leader.try_acquire()
    assert leader._conn is not None
    leader._conn.invalidate()  # the server connection is gone, and the lock with it
    with pytest.raises(LeadershipLost):
        leader.check()
    leader.release()


def test_postgres_lock_connection_has_keepalives_and_never_returns_to_the_pool(engine, is_postgres):
    """A vanished leader machine loses the lock within a minute, not after the kernel's
    two hours; and a released lock's connection is closed, not pooled with the lock."""
    if not is_postgres:
        pytest.skip("PostgreSQL advisory lock only")
    leader = PostgresLeader(engine, key=4245)
    assert leader.try_acquire()
    assert leader._conn is not None
    settings = leader._conn.execute(
        text("SELECT current_setting('tcp_keepalives_idle'), current_setting('tcp_user_timeout')")
    ).one()
    assert tuple(settings) == ("10", "30000")
    pid = leader._conn.execute(text("SELECT pg_backend_pid()")).scalar()
    leader.release()
    with engine.connect() as conn:
        alive = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p")
        while conn.execute(alive, {"p": pid}).scalar():  # its backend ends, asynchronously
            time.sleep(0.01)
            conn.rollback()
    other = PostgresLeader(engine, key=4245)
    assert other.try_acquire()
    other.release()
